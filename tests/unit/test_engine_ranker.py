"""The speaker ranker's candidates and choice on hand-built parses (no Stanza needed)."""
from __future__ import annotations

import pytest

from service.engine import ranker
from service.engine.model import Quote
from service.engine.parse import Doc, Sentence, Word


def parsed(text: str, rows: list[tuple[str, str, str, int | None, str]]) -> Doc:
    """A one-sentence Doc from (token, upos, lemma, head index or None, deprel) rows; tokens are
    found in the text left to right."""
    words, pos = [], 0
    for i, (token, upos, lemma, head, deprel) in enumerate(rows):
        start = text.index(token, pos)
        pos = start + len(token)
        words.append(Word(i, token, start, pos, 0, upos, None, lemma, head, deprel))
    return Doc(text, words, [Sentence(0, 0, len(words), 0, len(text), True)])


# Cruz said Rubio will continue to be "a champion." (a UD parse as Stanza gives it)
CRUZ = 'Cruz said Rubio will continue to be "a champion."'
CRUZ_ROWS = [
    ("Cruz", "PROPN", "Cruz", 1, "nsubj"), ("said", "VERB", "say", None, "root"),
    ("Rubio", "PROPN", "Rubio", 4, "nsubj"), ("will", "AUX", "will", 4, "aux"),
    ("continue", "VERB", "continue", 1, "ccomp"), ("to", "PART", "to", 9, "mark"),
    ("be", "AUX", "be", 9, "cop"), ('"', "PUNCT", '"', 9, "punct"), ("a", "DET", "a", 9, "det"),
    ("champion", "NOUN", "champion", 4, "xcomp"), (".", "PUNCT", ".", 9, "punct"),
    ('"', "PUNCT", '"', 9, "punct"),
]


def quote_of(text: str, inner: str, qtype: str = "partial") -> Quote:
    start = text.index(inner) - 1
    return Quote(text=inner, start=start, end=start + len(inner) + 2, type=qtype)


def test_every_subject_above_the_quote_is_a_candidate_with_its_depth():
    doc = parsed(CRUZ, CRUZ_ROWS)
    quote = quote_of(CRUZ, "a champion.")
    cands = ranker.candidates(doc, quote, lambda w: True, None, None)
    by_name = {c.source.text: c for c in cands}
    assert set(by_name) == {"Rubio", "Cruz"}
    assert (by_name["Rubio"].depth, by_name["Rubio"].cue.text) == (0, "continue")
    assert (by_name["Cruz"].depth, by_name["Cruz"].cue.text) == (1, "said")
    assert by_name["Cruz"].cues_below == 1  # "continue" is in the cue lexicon
    assert not any(c.rule for c in cands)


def test_the_rules_pick_is_kept_and_flagged():
    doc = parsed(CRUZ, CRUZ_ROWS)
    quote = quote_of(CRUZ, "a champion.")
    rubio = doc.words[2]
    cands = ranker.candidates(doc, quote, lambda w: True, rubio, doc.words[4])
    assert [c.source.text for c in cands if c.rule] == ["Rubio"]
    assert len(cands) == 2  # the rules' pick is not listed twice


def test_a_subject_inside_a_quote_is_never_a_candidate():
    doc = parsed(CRUZ, CRUZ_ROWS)
    quote = quote_of(CRUZ, "a champion.")
    cands = ranker.candidates(doc, quote, lambda w: w.text != "Cruz", None, None)
    assert [c.source.text for c in cands] == ["Rubio"]


def test_feature_rows_follow_the_feature_names():
    doc = parsed(CRUZ, CRUZ_ROWS)
    quote = quote_of(CRUZ, "a champion.")
    cands = ranker.candidates(doc, quote, lambda w: True, None, None)
    rows = ranker.feature_rows(doc, quote, cands)
    names = ranker.FEATURE_NAMES
    assert all(len(row) == len(names) for row in rows)
    cruz = rows[[c.source.text for c in cands].index("Cruz")]
    on = {name for name, value in zip(names, cruz) if value}
    assert {"on_path", "cue_verb", "plain_say", "above_first_cue", "proper", "cue=say"} <= on
    assert "cue=continue" not in on and "rule" not in on


def test_the_best_score_wins_and_a_close_second_makes_it_contested(monkeypatch):
    doc = parsed(CRUZ, CRUZ_ROWS)
    quote = quote_of(CRUZ, "a champion.")
    cands = ranker.candidates(doc, quote, lambda w: True, None, None)
    weights = [0.0] * len(ranker.FEATURE_NAMES)
    weights[ranker.FEATURE_NAMES.index("plain_say")] = 5.0
    monkeypatch.setattr(ranker, "_weights", lambda: weights)
    pick, contested = ranker.choose(doc, quote, cands)
    assert pick.source.text == "Cruz" and not contested
    weights[ranker.FEATURE_NAMES.index("plain_say")] = 0.5
    pick, contested = ranker.choose(doc, quote, cands)
    assert pick.source.text == "Cruz" and contested


def test_one_candidate_is_chosen_without_scoring_and_none_gives_none(monkeypatch):
    monkeypatch.setattr(ranker, "_weights", lambda: pytest.fail("scored"))
    doc = parsed(CRUZ, CRUZ_ROWS)
    quote = quote_of(CRUZ, "a champion.")
    only = ranker.candidates(doc, quote, lambda w: w.text != "Cruz", None, None)
    assert ranker.choose(doc, quote, only)[0].source.text == "Rubio"
    assert ranker.choose(doc, quote, []) == (None, False)


def test_according_to_and_a_possessor_are_candidates():
    text = 'Her claim that she "never sent it" holds, according to Reuters.'
    rows = [
        ("Her", "PRON", "she", 1, "nmod:poss"), ("claim", "NOUN", "claim", 9, "nsubj"),
        ("that", "SCONJ", "that", 6, "mark"), ("she", "PRON", "she", 6, "nsubj"),
        ('"', "PUNCT", '"', 6, "punct"), ("never", "ADV", "never", 6, "advmod"),
        ("sent", "VERB", "send", 1, "acl"), ("it", "PRON", "it", 6, "obj"), ('"', "PUNCT", '"', 6, "punct"),
        ("holds", "VERB", "hold", None, "root"), (",", "PUNCT", ",", 13, "punct"),
        ("according", "VERB", "accord", 13, "case"), ("to", "ADP", "to", 11, "fixed"),
        ("Reuters", "PROPN", "Reuters", 9, "obl"), (".", "PUNCT", ".", 9, "punct"),
    ]
    doc = parsed(text, rows)
    quote = quote_of(text, "never sent it")
    cands = ranker.candidates(doc, quote, lambda w: True, None, None)
    relations = {c.source.text: c.relation for c in cands}
    assert relations == {"Her": "possessor", "claim": "subject", "Reuters": "according"}
