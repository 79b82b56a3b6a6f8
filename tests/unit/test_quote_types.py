"""Direct or partial: a quote interrupted by its attribution (hand-built parses, no Stanza)."""
from __future__ import annotations

from service.engine import quotes
from service.engine.model import Quote
from service.engine.parse import Doc, Sentence, Word


def doc_of(text: str, verbs: dict[str, str]) -> Doc:
    """One sentence; every whitespace-separated token a word, those in `verbs` (token -> lemma) verbs."""
    words, pos = [], 0
    for i, token in enumerate(text.split()):
        start = text.index(token, pos)
        pos = start + len(token)
        upos, lemma = ("VERB", verbs[token]) if token in verbs else ("X", token.lower())
        words.append(Word(i, token, start, pos, 0, upos, None, lemma, None, None))
    return Doc(text, words, [Sentence(0, 0, len(words), 0, len(text), True)])


def partials(text: str, *inners: str) -> list[Quote]:
    out = []
    for inner in inners:
        start = text.index(inner) - 1
        out.append(Quote(text=inner, start=start, end=start + len(inner) + 2, type="partial"))
    return out


def test_halves_of_one_interrupted_sentence_are_both_direct():
    text = 'He smiled. "The money," Newsom said, "is already in the bank."'
    found = partials(text, "The money,", "is already in the bank.")
    typed = quotes._type_interrupted(doc_of(text, {"said,": "say"}), found)
    assert [q.type for q in typed] == ["direct", "direct"]
    assert [q.type for q in found] == ["partial", "partial"]  # built anew, not changed in place


def test_two_sentences_or_no_cue_between_are_left_alone():
    two = '"The money is here," Newsom said. "It stays," he said.'
    assert [q.type for q in quotes._type_interrupted(
        doc_of(two, {"said.": "say", "said": "say"}), partials(two, "The money is here,", "It stays,"))] == \
        ["partial", "partial"]
    no_cue = 'The "money," the bank, "is gone," for now.'
    assert [q.type for q in quotes._type_interrupted(
        doc_of(no_cue, {}), partials(no_cue, "money,", "is gone,"))] == ["partial", "partial"]
    lower_first = 'It was "a lot," Newsom said, "for us."'
    assert [q.type for q in quotes._type_interrupted(
        doc_of(lower_first, {"said,": "say"}), partials(lower_first, "a lot,", "for us."))] == ["partial", "partial"]


def test_classification_stops_at_the_deadline():
    import pytest

    from service.engine.errors import DeadlineExceeded
    from service.engine.marks import find_quoted_spans

    text = '"Yes," he said. ' * 50
    doc = doc_of(text, {"said.": "say"})
    calls = []

    def check():
        calls.append(1)
        if len(calls) > 3:
            raise DeadlineExceeded("time is up")

    with pytest.raises(DeadlineExceeded):
        quotes.classify(doc, find_quoted_spans(text), check)
    assert len(calls) == 4  # checked before each quote, stopped at once
    assert len(quotes.classify(doc, find_quoted_spans(text))) == 50
