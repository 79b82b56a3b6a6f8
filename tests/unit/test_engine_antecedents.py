"""The antecedent ranker's candidates and choice on hand-built parses (no Stanza needed)."""
from __future__ import annotations

from service.engine import antecedents
from service.engine.model import Span
from service.engine.resolve import EntityTable

from support import link, parsed

# The rules take the speaker named last before the pronoun ("recently named"); a reader takes
# the new paragraph's main subject, who has just been brought in.
NEWCOMER = "Trump said so .\n\nScott rejected Trump 's plan . he said no ."
NEWCOMER_ROWS = [
    [("Trump", "PROPN", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
    [("Scott", "PROPN", 1, "nsubj"), ("rejected", "VERB", None, "root", "reject"), ("Trump", "PROPN", 4, "nmod:poss"),
     ("'s", "PART", 2, "case"), ("plan", "NOUN", 1, "obj"), (".", "PUNCT", 1, "punct")],
    [("he", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("no", "INTJ", 1, "obj"),
     (".", "PUNCT", 1, "punct")],
]


def resolve_he(doc):
    table = EntityTable(doc)
    trump = link(table, doc, "Trump")
    table.add_quote(trump, 0, Span("Trump", 0, 5))
    return table, trump, link(table, doc, "he")


def test_the_shipped_weights_match_the_features():
    assert antecedents._weights() is not None and len(antecedents._weights()) == len(antecedents.FEATURE_NAMES)


def test_candidates_are_the_rules_pick_and_the_names_before_one_per_surname():
    doc = parsed(NEWCOMER, NEWCOMER_ROWS)
    table = EntityTable(doc)
    trump = link(table, doc, "Trump")
    table.add_quote(trump, 0, Span("Trump", 0, 5))
    he = [w for w in doc.words if w.text == "he"][0]
    cands = {c.key: c for c in table.antecedent_candidates(he, "m", table._by_id(trump))}
    assert set(cands) == {"trump", "scott"}
    assert cands["trump"].rule and cands["trump"].spoke and cands["trump"].last_speaker
    assert [m.role for m in cands["trump"].mentions] == ["main_subject", "possessor"]
    assert not cands["scott"].rule and not cands["scott"].spoke
    assert [m.role for m in cands["scott"].mentions] == ["main_subject"] and cands["scott"].entity is None


def test_without_weights_the_rules_pick_stands(monkeypatch):
    monkeypatch.setattr(antecedents, "_weights", lambda: None)
    table, trump, he = resolve_he(parsed(NEWCOMER, NEWCOMER_ROWS))
    assert he == trump


def test_the_ranker_takes_the_person_brought_in_over_the_last_speaker():
    table, trump, he = resolve_he(parsed(NEWCOMER, NEWCOMER_ROWS))
    assert he != trump and table.name(he) == "Scott"
