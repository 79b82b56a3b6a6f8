"""Words and sentences by rule (service/engine/segment.py): UD English words, exact offsets,
sentence ends at line breaks and at terminal punctuation before a capital, not after titles."""
from __future__ import annotations

import pytest

from service.engine.segment import sentences


def words(text: str) -> list[str]:
    return [t.text for sent in sentences(text) for t in sent]


def sentence_texts(text: str) -> list[str]:
    return [text[s[0].start:s[-1].end] for s in sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("I can't go", ["I", "ca", "n't", "go"]),
    ("Trump\u2019s aide", ["Trump", "\u2019s", "aide"]),
    ("we're gonna win", ["we", "'re", "gon", "na", "win"]),
    ("They cannot say", ["They", "can", "not", "say"]),
    ("the players' union", ["the", "players", "'", "union"]),
])
def test_words_are_split_as_ud_english_splits_them(text, expected):
    assert words(text) == expected


def test_a_footnote_mark_is_split_from_the_word_and_stop_before_it():
    assert words('"We won," Obama said.[12] He left[3].') == [
        '"', "We", "won", ",", '"', "Obama", "said", ".", "[", "12", "]", "He", "left", "[", "3", "]", "."]


def test_hyphenated_compounds_stay_one_word_but_dashes_split():
    assert words("a gun-controlled city\u2014no more") == ["a", "gun-controlled", "city", "\u2014", "no", "more"]


def test_offsets_index_the_text_sent_even_past_astral_characters():
    text = "\U0001F600 \u201cWe won,\u201d said Ana\u00efs. She\u2019s\tgone."
    tokens = [t for sent in sentences(text) for t in sent]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert "Ana\u00efs" in [t.text for t in tokens]


def test_a_quote_and_its_attribution_are_one_sentence():
    text = "\u201cWe were poor,\u201d he said. \u201cWhy?\u201d she asked. They left."
    assert sentence_texts(text) == ["\u201cWe were poor,\u201d he said.", "\u201cWhy?\u201d she asked.", "They left."]


def test_a_sentence_ends_inside_a_quote_before_a_capital():
    text = "He said: \u201cWe left. We came back.\u201d Then he went home."
    assert sentence_texts(text) == ["He said: \u201cWe left.", "We came back.\u201d", "Then he went home."]


@pytest.mark.parametrize("text", [
    "Florida Sen. Marco Rubio said so.",
    "Texas Lt. Gov. Dan Patrick said so.",
    "He was No. 1 in New Hampshire.",
    "His Iowa win on Feb. 1 was big.",
    "The U.S. Senate voted.",
    "Chicago Ald. Raymond Lopez said so.",
    "Det. Sgt. Jane Doe said so.",
])
def test_titles_and_abbreviations_do_not_end_a_sentence(text):
    assert sentence_texts(text) == [text]


def test_an_initialism_ends_a_sentence_before_a_word_that_opens_one():
    assert sentence_texts("He would ban entry to the U.S. The proposal drew fire.") == [
        "He would ban entry to the U.S.", "The proposal drew fire."]


def test_line_breaks_end_sentences_unless_a_wrapped_line_goes_on_in_lower_case():
    text = "Clinton Leads in Poll\n\nThe poll was taken\nin May. Results\nFollow Us"
    assert sentence_texts(text) == ["Clinton Leads in Poll", "The poll was taken\nin May.", "Results", "Follow Us"]


def test_a_run_in_capitals_headline_ends_before_the_sentence_it_heads():
    text = "SENATE PASSES BUDGET The senator said so. THE END IS NEAR, he said."
    assert sentence_texts(text) == ["SENATE PASSES BUDGET", "The senator said so.", "THE END IS NEAR, he said."]


def test_british_single_marks_are_words_of_their_own():
    text = "\u2018It\u2019s fine,\u2019 she said. 'We were poor,' he said."
    assert words(text)[:5] == ["\u2018", "It", "\u2019s", "fine", ","]
    assert sentence_texts(text) == ["\u2018It\u2019s fine,\u2019 she said.", "'We were poor,' he said."]


def test_whitespace_only_text_has_no_sentences():
    assert sentences(" \n\n\t ") == []


def test_the_tokenizer_is_built_anew_once_its_vocabulary_passes_the_limit(monkeypatch):
    from service.engine import segment

    monkeypatch.setattr(segment, "VOCABULARY_LIMIT", len(segment._tokenizer().vocab) + 5)
    before = segment._tokenizer()
    sentences("Zyxwv qwerty asdfgh zxcvbn poiuyt lkjhgf mnbvcx.")
    assert segment._tokenizer() is not before
    assert words("Sen. Ted Cruz can't go.") == ["Sen.", "Ted", "Cruz", "ca", "n't", "go", "."]  # the same rules
