"""Name resolution helpers on hand-built documents (no Stanza needed)."""
from __future__ import annotations

import pytest

from service.engine.parse import Doc, Sentence, Word
from service.engine.resolve import full_names, in_dateline, name_runs, titled_names


def doc_of(text: str) -> Doc:
    """Whitespace tokens as words of one unparsed sentence."""
    words, pos = [], 0
    for i, token in enumerate(text.split()):
        start = text.index(token, pos)
        pos = start + len(token)
        words.append(Word(i, token, start, pos, 0))
    return Doc(text, words, [Sentence(0, 0, len(words), 0, len(text))])


def word(doc: Doc, token: str) -> Word:
    return next(w for w in doc.words if w.text == token)


@pytest.mark.parametrize("text, place", [
    ("Headline.\n\nPORTLAND, Ore. - Peter Santilli spoke.", "PORTLAND,"),
    ("WASHINGTON (AP) — The Senate voted.", "WASHINGTON"),
    ("Headline.\nPASADENA, Calif., Jan. 1 (UPI) — A handful of planes flew.", "PASADENA,"),
    ("TALLAHASSEE — Democratic Rep. Gwen Graham spoke.", "TALLAHASSEE"),
])
def test_a_dateline_word_is_in_the_dateline_and_the_words_after_it_are_not(text, place):
    doc = doc_of(text)
    assert in_dateline(doc, word(doc, place))
    after = doc.words[-2]
    assert not in_dateline(doc, after)


@pytest.mark.parametrize("text, token", [
    ("A former Republican candidate -- John McCain -- said so.", "McCain"),
    ("Trump said - and he meant it - that he would win.", "Trump"),
    ("The talks ended.\n\nMattis, the defense secretary - who spoke - left.", "Mattis,"),
])
def test_words_outside_a_dateline(text, token):
    doc = doc_of(text)
    assert not in_dateline(doc, word(doc, token))


def test_full_names_keep_a_surname_with_inner_capitals_whole():
    names = full_names(name_runs("Senator Mitch McConnell met Sen. Bernie Sanders and Hillary Rodham Clinton."))
    assert names == {"McConnell": "Mitch McConnell", "Sanders": "Bernie Sanders",
                     "Clinton": "Hillary Rodham Clinton"}


@pytest.mark.parametrize("text, surname, name", [
    ("Judicial Watch President Tom Fitton said so.", "Fitton", "Tom Fitton"),
    ("Understated Perez raises profile.\n\nSo Labor Secretary Thomas Perez spoke.", "Perez", "Thomas Perez"),
    ("The Clinton State Department and Sen. Bernie Sanders met.", "Sanders", "Bernie Sanders"),
])
def test_full_names_come_without_the_titles_before_them(text, surname, name):
    assert full_names(name_runs(text))[surname] == name


def test_titled_names_give_each_title_its_name_and_the_words_beside_it():
    text = "Florida Sen. Marco Rubio spoke. Republican presidential candidate Donald Trump and President Obama."
    titled = titled_names(text, name_runs(text))
    assert [(title, name) for _, title, name, _ in titled] == [
        ("senator", "Marco Rubio"), ("candidate", "Donald Trump"), ("president", "Obama")]
    assert "Florida" in titled[0][3]
