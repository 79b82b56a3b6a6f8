"""Which sentences the engine parses on its second pass (cues.sentences_to_revisit), on hand-built docs."""
from __future__ import annotations

from service.engine.cues import sentences_to_revisit
from service.engine.model import Quote, Span, SpeakerRef

from support import parsed

# A two-sentence quote and its "he said": the person it refers to is named before the quote,
# not in the quote's own first sentence.
TEXT = ('Growing up in El Paso , Mendoza saw it .\n\n'
        '" The centers are bad . They keep children , " he said .')
ROWS = [
    [(t, "X", None, "dep") for t in "Growing up in El Paso , Mendoza saw it .".split()],
    [(t, "X", None, "dep") for t in '" The centers are bad .'.split()],
    [(t, "X", None, "dep") for t in 'They keep children , " he said .'.split()],
]


def _doc(parsed_sentences):
    doc = parsed(TEXT, ROWS)
    for s in doc.sentences:
        s.parsed = s.index in parsed_sentences
    return doc


def _quote(doc, speaker_text, speaker_name):
    start, end = TEXT.index('"'), TEXT.rindex('"') + 1
    at = TEXT.rindex(speaker_text)
    mention = Span(speaker_text, at, at + len(speaker_text))
    return Quote(TEXT[start + 1:end - 1], start, end, "direct", SpeakerRef(speaker_name, mention, "s1"), attribution="pronoun")


def test_a_resolved_he_has_the_sentence_before_its_quote_parsed_not_one_inside_it():
    doc = _doc({1, 2})
    assert sentences_to_revisit(doc, [_quote(doc, "he", "Mendoza")]) == [0]


def test_nothing_already_parsed_is_parsed_again():
    doc = _doc({0, 1, 2})
    assert sentences_to_revisit(doc, [_quote(doc, "he", "Mendoza")]) == []
