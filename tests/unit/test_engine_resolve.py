"""Name resolution helpers on hand-built documents (no Stanza needed)."""
from __future__ import annotations

import pytest

from service.engine.model import Span
from service.engine.parse import Doc, Sentence, Word
from service.engine.resolve import (EntityTable, _in_title_case, full_names, in_dateline, name_runs, surname_of,
                                    titled_names)


def doc_of(text: str) -> Doc:
    """Whitespace tokens as unparsed words, a sentence ending at each " . "."""
    words, sentences, pos, first = [], [], 0, 0
    for i, token in enumerate(text.split()):
        start = text.index(token, pos)
        pos = start + len(token)
        words.append(Word(i, token, start, pos, len(sentences)))
        if token == "." or i == len(text.split()) - 1:
            sentences.append(Sentence(len(sentences), first, i + 1, words[first].start, pos))
            first = i + 1
    return Doc(text, words, sentences)


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
    text = "Senator Mitch McConnell met Sen. Bernie Sanders and Hillary Rodham Clinton."
    names = full_names(name_runs(text), text)
    assert names == {"McConnell": "Mitch McConnell", "Sanders": "Bernie Sanders",
                     "Clinton": "Hillary Rodham Clinton"}


def test_full_names_keep_a_generational_suffix_under_the_surname():
    text = "Vice President Joseph R. Biden Jr. spoke. L. Brent Bozell III, the founder, and Harry Hurt III came."
    assert full_names(name_runs(text), text) == {"Biden": "Joseph R. Biden Jr.", "Bozell": "L. Brent Bozell III",
                                                 "Hurt": "Harry Hurt III"}
    assert surname_of("Joseph R. Biden Jr.") == "Biden" and surname_of("Brent Bozell, III") == "Bozell"


def test_a_name_run_is_cut_where_a_function_word_joins_two_phrases():
    text = "A. And Hillary Clinton spoke. Jews Against Trump marched. S. While Clinton waited."
    assert [run.name for run in name_runs(text)] == ["Hillary Clinton", "Trump", "Clinton"]
    run = name_runs(text)[0]
    assert text[run.start:run.start + len(run.written)] == run.written


def test_the_full_name_opened_by_a_given_name_beats_a_headline_s_run():
    text = ("Liberal Oscar-winner Sarandon \u2018not sure\u2019 about Clinton.\n\n"
            "Oscar-winning actress Susan Sarandon is not sure she can vote for Hillary Clinton.")
    assert full_names(name_runs(text), text)["Sarandon"] == "Susan Sarandon"


def test_a_name_run_never_starts_inside_a_word():
    text = "One fan told the BBC. Another said so. J.K. Rowling agreed."
    assert [run.written for run in name_runs(text)] == ["K. Rowling"]  # not "C. Another"


def test_the_full_name_is_the_one_used_most_then_the_first():
    text = ("Sen. Chris Murphy spoke of Anne Marie Murphy. Chris Murphy wept.\n\n"
            "Rupert Murdoch met Lachlan Murdoch. Murdoch left.")
    names = full_names(name_runs(text), text)
    assert names["Murphy"] == "Chris Murphy" and names["Murdoch"] == "Rupert Murdoch"


@pytest.mark.parametrize("text, name, shown", [
    ("Rep. Debbie Wasserman Schultz spoke. Wasserman Schultz left.", "Wasserman Schultz", "Debbie Wasserman Schultz"),
    ("Mayor Bill de Blasio spoke. De Blasio left.", "De Blasio", "Bill de Blasio"),
    ("Melba Acosta Febo runs the bank. Ms. Acosta said so.", "Acosta", "Melba Acosta Febo"),
])
def test_a_short_name_is_shown_as_the_fuller_name_that_ends_or_holds_it(text, name, shown):
    from service.engine.resolve import _Entity

    entity = _Entity(id="s1", order=0)
    entity.add_name(name)
    assert entity.best_in(full_names(name_runs(text), text)) == shown


def test_full_names_keep_hyphenated_parts_whole():
    text = "U.N. chief Ban Ki-moon met Douglas Holtz-Eakin and Carlos Lopez-Cantera."
    assert full_names(name_runs(text), text) == {"Ki-moon": "Ban Ki-moon", "Holtz-Eakin": "Douglas Holtz-Eakin",
                                                 "Lopez-Cantera": "Carlos Lopez-Cantera"}


@pytest.mark.parametrize("text, surname, name", [
    ("Judicial Watch President Tom Fitton said so.", "Fitton", "Tom Fitton"),
    ("Understated Perez raises profile.\n\nSo Labor Secretary Thomas Perez spoke.", "Perez", "Thomas Perez"),
    ("The Clinton State Department and Sen. Bernie Sanders met.", "Sanders", "Bernie Sanders"),
    ("That, RNC Chief of Staff Katie Walsh explained, is by design.", "Walsh", "Katie Walsh"),
    ("Game over. Will Sanders come down?\n\nAfter Tuesday, Bernie Sanders spoke.", "Sanders", "Bernie Sanders"),
])
def test_full_names_come_without_the_titles_before_them(text, surname, name):
    assert full_names(name_runs(text), text)[surname] == name


def test_a_title_case_headline_gives_no_full_name_when_the_body_has_one():
    text = "Why Voters Like Donald Trump\n\nDonald Trump spoke in Ohio."
    assert full_names(name_runs(text), text)["Trump"] == "Donald Trump"


def test_titled_names_give_each_title_its_name_and_the_words_beside_it():
    text = "Florida Sen. Marco Rubio spoke. Republican presidential candidate Donald Trump and President Obama."
    titled = titled_names(name_runs(text), text)
    assert [(title, name) for _, title, name, _ in titled] == [
        ("senator", "Marco Rubio"), ("candidate", "Donald Trump"), ("president", "Obama")]
    assert "Florida" in titled[0][3]


def link_all(text: str, tokens: list[tuple[str, int]]) -> tuple[EntityTable, list[str]]:
    """Link the given occurrences (token, n-th occurrence) as speaker mentions, in order."""
    doc = doc_of(text)
    table = EntityTable(doc)
    ids = []
    for token, nth in tokens:
        w = [x for x in doc.words if x.text == token][nth]
        ids.append(table.link(w, Span(w.text, w.start, w.end)))
    return table, ids


def test_words_before_a_known_name_describe_the_same_person():
    table, ids = link_all("Comedian Sarah Silverman spoke . later Sarah Silverman left .", [("Silverman", 0), ("Silverman", 1)])
    assert ids[0] == ids[1]
    assert table.name(ids[0]).endswith("Sarah Silverman")


def test_a_bare_surname_is_the_person_the_article_names_most():
    text = "Melania Trump spoke . Donald Trump spoke . Donald Trump left . Trump said so ."
    table, ids = link_all(text, [("Trump", 0), ("Trump", 1), ("Trump", 3)])
    assert ids[0] != ids[1]  # two people
    assert ids[2] == ids[1] and table.name(ids[2]) == "Donald Trump"


def test_one_pronoun_is_one_person_for_every_quote_it_attributes():
    # '"…," he said. "…"': the second quote links the same "he" again.
    text = "Rubio spoke on Monday . it rained . it snowed . it was cold . then he said so ."
    table, ids = link_all(text, [("Rubio", 0), ("he", 0), ("he", 0)])
    assert ids == [ids[0]] * 3


def test_honorifics_tell_two_people_of_one_surname_apart():
    text = "Mr. Khan spoke first . Ms. Khan spoke next . later Mr. Khan left . then she said so ."
    table, ids = link_all(text, [("Khan", 0), ("Khan", 1), ("Khan", 2), ("she", 0)])
    assert ids[0] == ids[2] != ids[1]
    assert (table.name(ids[0]), table.name(ids[1])) == ("Mr. Khan", "Ms. Khan")
    assert ids[3] == ids[1]  # "she" is Ms. Khan, though Mr. Khan was named last


def test_an_honorific_never_joins_a_person_of_the_other_gender():
    # "he" made the first Clinton a man: "Mrs. Clinton" is someone else.
    text = "Bill Clinton spoke first . then he left . later Mrs. Clinton spoke ."
    table, ids = link_all(text, [("Clinton", 0), ("he", 0), ("Clinton", 1)])
    assert ids[1] == ids[0] != ids[2]


def test_a_name_from_the_layout_keeps_a_name_when_all_of_it_is_quoted():
    table, _ = link_all("x", [])
    entity = table.link_name('"Trump"')
    assert table.name(entity) == "Trump"


@pytest.mark.parametrize("text, title_case", [
    ("Why Voters Like Donald Trump\n\nDonald Trump spoke.", True),
    ("So Labor Secretary Thomas Perez spoke.", False),
    ("Donald Trump", False),  # too short to be a headline
    ("Attacks On Donald Trump " * 20, False),  # a line this long is prose
])
def test_title_case_lines(text, title_case):
    assert _in_title_case(text, text.index("Donald") if "Donald" in text else text.index("Perez")) == title_case


def test_a_nickname_in_quotation_marks_is_no_part_of_the_name():
    table, ids = link_all("Jim Mattis spoke first .", [("Mattis", 0)])
    entity = table.link_name("James 'Mad Dog' Mattis")
    assert entity == ids[0] and table.name(entity) == "Jim Mattis"
    assert table.name(table.link_name("Sergei 'The Fox' Shoigu")) == "Sergei Shoigu"


def test_a_description_s_words_must_stand_near_the_name_before_it():
    filler = " ".join(["and"] * 70) + " . "  # farther than DESCRIPTION_REACH
    text = ("Sen. Marco Rubio ( R-Fla. ) spoke . " + filler + "Melania Trump , 46 , smiled . " + filler +
            "Bernie Sanders of Vermont left .")
    table = EntityTable(doc_of(text))
    end = len(text)
    assert table._described_near("rubio", ["florida"], end)  # the party label's abbreviation
    assert table._described_near("trump", ["46"], end) and not table._described_near("rubio", ["46"], end)
    assert table._described_near("sanders", ["vermont"], end) and not table._described_near("sanders", ["florida"], end)
    assert not table._described_near("sanders", ["vermont"], text.index("Bernie"))  # only the text before counts
    assert table._described_otherwise("rubio", ["vermont"], end)  # Florida's senator is not "the Vermont senator"
    assert not table._described_otherwise("trump", ["vermont"], end) and not table._described_otherwise("rubio", ["46"], end)


def test_a_woman_named_by_surname_is_not_shown_as_the_man_the_article_names_in_full():
    from service.engine.resolve import _Entity

    her = _Entity(id="s1", order=0)
    her.add_name("Clinton")
    full = {"Clinton": "Bill Clinton"}
    assert her.best_in(full) == "Bill Clinton"  # nothing says who it is
    her.gender = "f"  # "she" was linked to her
    assert her.best_in(full) == "Clinton" and her.best_in({"Clinton": "Hillary Clinton"}) == "Hillary Clinton"
    mrs = _Entity(id="s2", order=1, honorific="mrs.")
    mrs.add_name("Clinton")
    assert mrs.best_in(full) == "Clinton"
