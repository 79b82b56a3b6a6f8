"""The parser's speed levers (service.engine.parse.LEVERS, service/engine/levers.py) claim the very output Stanza gives
without them: the same tags, lemmas, heads and relations, on real text through the real models."""
from __future__ import annotations

import pytest

from service.engine.levers import ChosenArcLabels
from service.engine.parse import LEVERS, Parser


def analysis(parser: Parser, text: str) -> list[tuple]:
    doc = parser.tokenize(text)
    parser.parse(doc, list(range(len(doc.sentences))))  # every sentence, as the full parse does
    return [(w.text, w.start, w.end, w.sent, w.upos, w.xpos, w.lemma, w.head, w.deprel) for w in doc.words]


@pytest.fixture(scope="module")
def plain(model_dir) -> Parser:
    return Parser(model_dir, levers=frozenset())


def depparse_model(parser: Parser):
    return parser._parser.processors["depparse"].trainer.model


def test_the_levers_are_on_in_the_engine(engine):
    assert LEVERS == {"tree", "labels", "chars"}
    assert "decode_graph_predictions" in vars(depparse_model(engine.parser))
    assert isinstance(depparse_model(engine.parser).deprel, ChosenArcLabels)
    assert "map" in vars(char_vocab(engine.parser))


def char_vocab(parser: Parser):
    return parser._parser.processors["pos"].trainer.vocab["char"]


def test_plain_stanza_runs_without_them(plain):
    assert "decode_graph_predictions" not in vars(depparse_model(plain))
    assert not isinstance(depparse_model(plain).deprel, ChosenArcLabels)
    assert "map" not in vars(char_vocab(plain))


def test_samples_analysed_exactly_as_plain_stanza_does(engine, plain, sample_paths):
    for path in sample_paths:
        text = path.read_text(encoding="utf-8")
        fast = analysis(engine.parser, text)
        assert any(w[7] is not None for w in fast)  # really parsed
        assert fast == analysis(plain, text), path.name
