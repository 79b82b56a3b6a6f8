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


# "Clinton" is twice followed by "she", "Trump" by "he": the article's own pronouns say who is who.
GENDERS = 'Clinton spoke and she left . Trump came and he stayed . Clinton said " he lies " herself .'
GENDER_ROWS = [
    [("Clinton", "PROPN", 1, "nsubj"), ("spoke", "VERB", None, "root"), ("and", "CCONJ", 4, "cc"),
     ("she", "PRON", 4, "nsubj"), ("left", "VERB", 1, "conj"), (".", "PUNCT", 1, "punct")],
    [("Trump", "PROPN", 1, "nsubj"), ("came", "VERB", None, "root"), ("and", "CCONJ", 4, "cc"),
     ("he", "PRON", 4, "nsubj"), ("stayed", "VERB", 1, "conj"), (".", "PUNCT", 1, "punct")],
    [("Clinton", "PROPN", 1, "nsubj"), ("said", "VERB", None, "root"), ('"', "PUNCT", 3, "punct"),
     ("he", "PRON", 3, "nsubj"), ("lies", "VERB", 1, "ccomp"), ('"', "PUNCT", 3, "punct"),
     ("herself", "PRON", 1, "obl"), (".", "PUNCT", 1, "punct")],
]


def test_the_articles_pronouns_tell_each_names_gender_outside_quotes():
    from service.engine.animacy import pronoun_genders
    from service.engine.marks import Intervals

    doc = parsed(GENDERS, GENDER_ROWS)
    quote = GENDERS.index('" he lies "')
    genders = pronoun_genders(doc, Intervals([(quote, quote + len('" he lies "'))]))
    assert genders == {"clinton": [(0, "f"), (2, "f")], "trump": [(1, "m")]}  # the quoted "he" counts for no one


# "Trump is no conservative, he said": Trump is in what the pronoun reports; Hunter, the subject
# who spoke in the sentence before, is not.
REPORTED = "Hunter said he would not vote . Trump is no conservative , he said ."
REPORTED_ROWS = [
    [("Hunter", "PROPN", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("he", "PRON", 5, "nsubj"),
     ("would", "AUX", 5, "aux"), ("not", "PART", 5, "advmod"), ("vote", "VERB", 1, "ccomp"), (".", "PUNCT", 1, "punct")],
    [("Trump", "PROPN", 3, "nsubj"), ("is", "AUX", 3, "cop"), ("no", "DET", 3, "det"),
     ("conservative", "NOUN", None, "root"), (",", "PUNCT", 6, "punct"), ("he", "PRON", 6, "nsubj"),
     ("said", "VERB", 3, "parataxis", "say"), (".", "PUNCT", 3, "punct")],
]


def test_a_name_in_what_the_pronoun_reports_is_marked():
    doc = parsed(REPORTED, REPORTED_ROWS)
    table = EntityTable(doc)
    he = [w for w in doc.words if w.text == "he"][1]
    cands = {c.key: c for c in table.antecedent_candidates(he, "m", None)}
    rows = dict(zip(cands, antecedents.feature_rows(doc, he, list(cands.values()))))
    reported = antecedents.FEATURE_NAMES.index("in_reported")
    assert rows["trump"][reported] == 1.0 and rows["hunter"][reported] == 0.0


# The name hangs from its title ("chairwoman Nancy Worley"); "an Orlando Republican" only says
# what Wilcox is.
TITLED = "Party chairwoman Nancy Worley met Wilcox , an Orlando Republican . she said so ."
TITLED_ROWS = [
    [("Party", "PROPN", 1, "compound"), ("chairwoman", "NOUN", 4, "nsubj"), ("Nancy", "PROPN", 1, "flat"),
     ("Worley", "PROPN", 2, "flat"), ("met", "VERB", None, "root", "meet"), ("Wilcox", "PROPN", 4, "obj"),
     (",", "PUNCT", 9, "punct"), ("an", "DET", 9, "det"), ("Orlando", "PROPN", 9, "compound"),
     ("Republican", "PROPN", 5, "appos"), (".", "PUNCT", 4, "punct")],
    [("she", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
]


def test_a_name_under_its_title_is_a_candidate_and_an_appositive_description_is_not():
    doc = parsed(TITLED, TITLED_ROWS)
    table = EntityTable(doc)
    she = [w for w in doc.words if w.text == "she"][0]
    cands = {c.key: c for c in table.antecedent_candidates(she, "f", None)}
    assert "worley" in cands and cands["worley"].name == "Nancy Worley"
    assert "republican" not in cands


# The parser took "a Democrat" for the subject and "Clinton" for a vocative: a proper noun
# after "a" is a kind of person, so "she" is still Clinton.
KIND = "Clinton , a Democrat , did not mention him . she said so ."
KIND_ROWS = [
    [("Clinton", "PROPN", 7, "vocative"), (",", "PUNCT", 0, "punct"), ("a", "DET", 3, "det"),
     ("Democrat", "PROPN", 7, "nsubj"), (",", "PUNCT", 0, "punct"), ("did", "AUX", 7, "aux"),
     ("not", "PART", 7, "advmod"), ("mention", "VERB", None, "root", "mention"), ("him", "PRON", 7, "obj"),
     (".", "PUNCT", 7, "punct")],
    [("she", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("so", "ADV", 1, "advmod"),
     (".", "PUNCT", 1, "punct")],
]


def test_a_proper_noun_after_an_indefinite_article_is_no_one_s_name():
    doc = parsed(KIND, KIND_ROWS)
    table = EntityTable(doc)
    she = link(table, doc, "she")
    assert table.name(she) == "Clinton"
    cands = table.antecedent_candidates([w for w in doc.words if w.text == "she"][0], "f", None)
    assert "democrat" not in {c.key for c in cands}


# A name the parser left as a vocative outside any quote is still a name the text offers.
VOCATIVE = "Mr. Kaplan , a screenwriter , said so . he said no ."
VOCATIVE_ROWS = [
    [("Mr.", "PROPN", 1, "nmod:desc"), ("Kaplan", "PROPN", 6, "vocative"), (",", "PUNCT", 1, "punct"),
     ("a", "DET", 4, "det"), ("screenwriter", "NOUN", 1, "appos"), (",", "PUNCT", 1, "punct"),
     ("said", "VERB", None, "root", "say"), ("so", "ADV", 6, "advmod"), (".", "PUNCT", 6, "punct")],
    [("he", "PRON", 1, "nsubj"), ("said", "VERB", None, "root", "say"), ("no", "INTJ", 1, "obj"),
     (".", "PUNCT", 1, "punct")],
]


def test_a_name_parsed_as_a_vocative_is_a_candidate():
    doc = parsed(VOCATIVE, VOCATIVE_ROWS)
    table = EntityTable(doc)
    he = [w for w in doc.words if w.text == "he"][0]
    assert "kaplan" in {c.key for c in table.antecedent_candidates(he, "m", None)}


def test_a_vocative_opening_its_sentence_weighs_as_the_main_subject():
    doc = parsed(VOCATIVE, VOCATIVE_ROWS)
    kaplan = next(w for w in doc.words if w.text == "Kaplan")
    assert antecedents.role_of(doc, kaplan) == "main_subject"
    inner = parsed("so said Kaplan .", [[("so", "ADV", 1, "advmod"), ("said", "VERB", None, "root", "say"),
                                          ("Kaplan", "PROPN", 1, "vocative"), (".", "PUNCT", 1, "punct")]])
    assert antecedents.role_of(inner, inner.words[2]) == "other"  # not at the sentence's opening
