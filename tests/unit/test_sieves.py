"""Each speaker rule (sieve or step) on a hand-built parse: no Stanza, so a rule regression and a
parser change cannot be mistaken for each other. Parses are written as Stanza's English model
gives them (Universal Dependencies)."""
from __future__ import annotations

import pytest

from service.engine import ranker, sieves, speakers
from service.engine.errors import DeadlineExceeded
from service.engine.marks import Intervals, find_quoted_spans
from service.engine.model import Quote
from service.engine.parse import Doc, Sentence, Word

Row = tuple  # (token, upos, lemma, head within the sentence or None, deprel[, xpos])


def build(text: str, *sentences: list[Row]) -> Doc:
    """A Doc from rows per sentence; tokens are found in the text left to right."""
    words, sents, pos = [], [], 0
    for s_idx, rows in enumerate(sentences):
        first = len(words)
        for token, upos, lemma, head, deprel, *xpos in rows:
            start = text.index(token, pos)
            pos = start + len(token)
            words.append(Word(len(words), token, start, pos, s_idx, upos, xpos[0] if xpos else None, lemma,
                              None if head is None else first + head, deprel))
        sents.append(Sentence(s_idx, first, len(words), words[first].start, words[-1].end, True))
    return Doc(text, words, sents)


def speech_quotes(doc: Doc, qtype: str = "direct") -> list[Quote]:
    return [Quote(text=s.inner(doc.text), start=s.start, end=s.end, type=qtype, speech_probability=0.9)
            for s in find_quoted_spans(doc.text)]


def ctx_of(doc: Doc, k: int = 0) -> sieves.Context:
    quotes = speech_quotes(doc)
    return sieves.context(doc, quotes[k], Intervals([(q.start, q.end) for q in quotes]))


def attributed(doc: Doc, qtype: str = "direct") -> list[Quote]:
    return speakers.attribute(doc, speech_quotes(doc, qtype))[0]


Q = ('"', "PUNCT", '"')  # a quotation mark token: its head and relation follow

# Cruz said "we will win."
GOVERNED = build('Cruz said "we will win."', [
    ("Cruz", "PROPN", "Cruz", 1, "nsubj"), ("said", "VERB", "say", None, "root", "VBD"), (*Q, 5, "punct"),
    ("we", "PRON", "we", 5, "nsubj"), ("will", "AUX", "will", 5, "aux"), ("win", "VERB", "win", 1, "ccomp"),
    (".", "PUNCT", ".", 5, "punct"), (*Q, 5, "punct")])


def test_governing_cue_is_the_reporting_verb_above_the_quote():
    [finding] = sieves.governing_cue(ctx_of(GOVERNED))
    assert (finding.rule, finding.source.text, finding.cue.text) == ("governing-cue", "Cruz", "said")


def test_the_first_sieve_with_a_finding_is_the_rules_pick_and_later_ones_are_not_run(monkeypatch):
    ran = []
    monkeypatch.setattr(sieves, "SIEVES", (sieves.governing_cue, lambda ctx: ran.append(1) or []))
    assert sieves.first_finding(ctx_of(GOVERNED)).rule == "governing-cue"
    assert ran == []


def test_a_quote_keeps_the_rule_that_named_its_speaker():
    [quote] = attributed(GOVERNED)
    assert (quote.speaker.name, quote.cue.text, quote.attribution, quote.rule) == ("Cruz", "said", "explicit",
                                                                                    "governing-cue")


# "We will win." He said.
AFTER = build('"We will win." He said.', [
    (*Q, 3, "punct"), ("We", "PRON", "we", 3, "nsubj"), ("will", "AUX", "will", 3, "aux"),
    ("win", "VERB", "win", None, "root"), (".", "PUNCT", ".", 3, "punct"), (*Q, 3, "punct")], [
    ("He", "PRON", "he", 1, "nsubj"), ("said", "VERB", "say", None, "root", "VBD"), (".", "PUNCT", ".", 1, "punct")])


def test_nearby_cue_takes_the_next_sentence_that_only_attributes():
    assert sieves.governing_cue(ctx_of(AFTER)) == []
    [finding] = sieves.nearby_cue(ctx_of(AFTER))
    assert (finding.rule, finding.source.text, finding.cue.text) == ("nearby-cue", "He", "said")
    [quote] = attributed(AFTER)
    assert (quote.attribution, quote.speaker.mention.text) == ("pronoun", "He")


def test_nearby_cue_skips_a_next_sentence_that_reports_a_clause_of_its_own():
    doc = build('"We will win." He said it is over.', AFTER_ROWS_QUOTE, [
        ("He", "PRON", "he", 1, "nsubj"), ("said", "VERB", "say", None, "root", "VBD"),
        ("it", "PRON", "it", 4, "nsubj"), ("is", "AUX", "be", 4, "cop"), ("over", "ADJ", "over", 1, "ccomp"),
        (".", "PUNCT", ".", 1, "punct")])
    assert sieves.nearby_cue(ctx_of(doc)) == []


AFTER_ROWS_QUOTE = [
    (*Q, 3, "punct"), ("We", "PRON", "we", 3, "nsubj"), ("will", "AUX", "will", 3, "aux"),
    ("win", "VERB", "win", None, "root"), (".", "PUNCT", ".", 3, "punct"), (*Q, 3, "punct")]


def test_a_cue_tagged_as_a_noun_after_a_name_is_a_cue():
    doc = build('"It is over," Conway notes.', [
        (*Q, 3, "punct"), ("It", "PRON", "it", 3, "nsubj"), ("is", "AUX", "be", 3, "cop"),
        ("over", "ADJ", "over", 7, "parataxis"), (",", "PUNCT", ",", 3, "punct"), (*Q, 3, "punct"),
        ("Conway", "PROPN", "Conway", 7, "compound"), ("notes", "NOUN", "note", None, "root"),
        (".", "PUNCT", ".", 7, "punct")])
    [finding] = sieves.nearby_cue(ctx_of(doc))
    assert (finding.rule, finding.source.text, finding.cue.text) == ("mistagged-cue", "Conway", "notes")
    assert attributed(doc)[0].rule == "mistagged-cue"


SIGNED_QUOTE = [
    (*Q, 3, "punct"), ("We", "PRON", "we", 3, "nsubj"), ("will", "AUX", "will", 3, "aux"),
    ("win", "VERB", "win", None, "root"), (".", "PUNCT", ".", 3, "punct"), (*Q, 3, "punct")]


def test_dash_signature_names_the_speaker_after_the_quote():
    doc = build('"We will win." - Bernie Sanders', SIGNED_QUOTE, [
        ("-", "PUNCT", "-", 1, "punct"), ("Bernie", "PROPN", "Bernie", None, "root"),
        ("Sanders", "PROPN", "Sanders", 1, "flat")])
    [finding] = sieves.dash_signature(ctx_of(doc))
    assert (finding.rule, finding.source.text, finding.cue) == ("dash-signature", "Bernie", None)
    [quote] = attributed(doc)
    assert (quote.speaker.name, quote.rule) == ("Bernie Sanders", "dash-signature")


def test_a_signature_line_far_longer_than_a_name_and_title_is_no_signature():
    doc = build('"We will win."\n- Bernie Sanders ' + "and many others " * 5, SIGNED_QUOTE, [
        ("-", "PUNCT", "-", 1, "punct"), ("Bernie", "PROPN", "Bernie", None, "root"),
        ("Sanders", "PROPN", "Sanders", 1, "flat")])
    assert sieves.dash_signature(ctx_of(doc)) == []


def test_bracket_signature_needs_a_full_name_then_a_comma():
    tail = [("(", "PUNCT", "(", 2, "punct"), ("Donald", "PROPN", "Donald", None, "root"),
            ("Trump", "PROPN", "Trump", 1, "flat")]
    doc = build('"We will win." (Donald Trump, in Ohio)', SIGNED_QUOTE, tail)
    [finding] = sieves.bracket_signature(ctx_of(doc))
    assert (finding.rule, finding.source.text) == ("bracket-signature", "Donald")
    assert attributed(doc)[0].rule == "bracket-signature"
    applause = build('"We will win." (Applause)', SIGNED_QUOTE, [
        ("(", "PUNCT", "(", 1, "punct"), ("Applause", "PROPN", "applause", None, "root")])
    assert sieves.bracket_signature(ctx_of(applause)) == []


def test_lead_in_line_with_a_cue_gives_its_speaker():
    doc = build('Then he said:\n"We will win."', [
        ("Then", "ADV", "then", 2, "advmod"), ("he", "PRON", "he", 2, "nsubj"),
        ("said", "VERB", "say", None, "root", "VBD"), (":", "PUNCT", ":", 2, "punct")], SIGNED_QUOTE)
    ctx = ctx_of(doc)
    assert sieves.governing_cue(ctx) == [] and sieves.nearby_cue(ctx) == []
    [finding] = sieves.lead_in_cue(ctx)
    assert (finding.rule, finding.source.text, finding.cue.text) == ("lead-in-cue", "he", "said")
    [quote] = attributed(doc)
    assert (quote.rule, quote.cue.text, quote.attribution) == ("lead-in-cue", "said", "pronoun")


def test_lead_in_line_without_a_cue_gives_the_name_in_it():
    doc = build('And from Chairwoman Rosenworcel:\n"We will win."', [
        ("And", "CCONJ", "and", 2, "cc"), ("from", "ADP", "from", 2, "case"),
        ("Chairwoman", "PROPN", "Chairwoman", None, "root"), ("Rosenworcel", "PROPN", "Rosenworcel", 2, "flat"),
        (":", "PUNCT", ":", 2, "punct")], SIGNED_QUOTE)
    assert sieves.lead_in_cue(ctx_of(doc)) == []
    [finding] = sieves.lead_in_name(ctx_of(doc))
    assert (finding.rule, finding.source.text) == ("lead-in-name", "Chairwoman")
    [quote] = attributed(doc)
    assert quote.speaker.name == "Rosenworcel" and quote.rule == "lead-in-name"  # the title is no part of the name


def test_top_verb_subject_when_no_reporting_verb_governs_the_quote():
    doc = build('Clinton expressed confidence that "we will win."', [
        ("Clinton", "PROPN", "Clinton", 1, "nsubj"), ("expressed", "VERB", "express", None, "root", "VBD"),
        ("confidence", "NOUN", "confidence", 1, "obj"), ("that", "SCONJ", "that", 7, "mark"), (*Q, 7, "punct"),
        ("we", "PRON", "we", 7, "nsubj"), ("will", "AUX", "will", 7, "aux"), ("win", "VERB", "win", 2, "acl"),
        (".", "PUNCT", ".", 7, "punct"), (*Q, 7, "punct")])
    ctx = ctx_of(doc)
    assert sieves.governing_cue(ctx) == [] and sieves.nearby_cue(ctx) == []
    [finding] = sieves.top_verb_subject(ctx)
    assert (finding.rule, finding.source.text, finding.cue.text) == ("top-verb-subject", "Clinton", "expressed")
    [quote] = attributed(doc)
    assert (quote.speaker.name, quote.rule) == ("Clinton", "top-verb-subject")


# "We are ready," he said, "and willing."
INTERRUPTED = build('"We are ready," he said, "and willing."', [
    (*Q, 3, "punct"), ("We", "PRON", "we", 3, "nsubj"), ("are", "AUX", "be", 3, "cop"),
    ("ready", "ADJ", "ready", 7, "ccomp"), (",", "PUNCT", ",", 3, "punct"), (*Q, 3, "punct"),
    ("he", "PRON", "he", 7, "nsubj"), ("said", "VERB", "say", None, "root", "VBD"), (",", "PUNCT", ",", 7, "punct"),
    (*Q, 11, "punct"), ("and", "CCONJ", "and", 11, "cc"), ("willing", "ADJ", "willing", 3, "conj"),
    (".", "PUNCT", ".", 7, "punct"), (*Q, 11, "punct")])


def test_the_second_half_of_an_interrupted_quote_shares_the_first_halfs_attribution():
    first, second = attributed(INTERRUPTED, "partial")
    assert (second.rule, second.attribution) == ("interrupted", first.attribution)
    assert (second.speaker, second.cue) == (first.speaker, first.cue)
    assert first.rule != "interrupted"


def test_continuation_gives_the_previous_speaker_to_a_quote_without_attribution():
    doc = build('Cruz said "we will win."\n\n"It is our time."', GOVERNED_ROWS, [
        (*Q, 4, "punct"), ("It", "PRON", "it", 4, "nsubj"), ("is", "AUX", "be", 4, "cop"),
        ("our", "PRON", "we", 4, "nmod:poss"), ("time", "NOUN", "time", None, "root"), (".", "PUNCT", ".", 4, "punct"),
        (*Q, 4, "punct")])
    first, second = attributed(doc)
    assert (second.rule, second.attribution, second.speaker.id) == ("continuation", "continuation", first.speaker.id)


GOVERNED_ROWS = [
    ("Cruz", "PROPN", "Cruz", 1, "nsubj"), ("said", "VERB", "say", None, "root", "VBD"), (*Q, 5, "punct"),
    ("we", "PRON", "we", 5, "nsubj"), ("will", "AUX", "will", 5, "aux"), ("win", "VERB", "win", 1, "ccomp"),
    (".", "PUNCT", ".", 5, "punct"), (*Q, 5, "punct")]
ALONE_ROWS = [
    (*Q, 3, "punct"), ("It", "PRON", "it", 3, "nsubj"), ("is", "AUX", "be", 3, "cop"),
    ("bad", "ADJ", "bad", None, "root"), (".", "PUNCT", ".", 3, "punct"), (*Q, 3, "punct")]


def test_a_digest_items_closing_credit_names_the_speaker():
    doc = build('"It is bad." [Reuters.]', ALONE_ROWS + [
        ("[", "PUNCT", "[", 7, "punct"), ("Reuters", "PROPN", "Reuters", 3, "appos"), (".", "PUNCT", ".", 7, "punct"),
        ("]", "PUNCT", "]", 7, "punct")])
    [quote] = attributed(doc)
    assert (quote.speaker.name, quote.speaker.mention.text, quote.rule) == ("Reuters", "Reuters", "credit")


def test_a_dash_label_before_the_quote_names_the_speaker():
    doc = build('Pollsters agree - Carl Bialik: "It is bad."', [
        ("Pollsters", "NOUN", "pollster", 1, "nsubj"), ("agree", "VERB", "agree", None, "root", "VBP"),
        ("-", "PUNCT", "-", 3, "punct"), ("Carl", "PROPN", "Carl", 1, "parataxis"), ("Bialik", "PROPN", "Bialik", 3, "flat"),
        (":", "PUNCT", ":", 3, "punct")], ALONE_ROWS)
    [quote] = attributed(doc)
    assert (quote.speaker.name, quote.rule, quote.attribution) == ("Carl Bialik", "dash-label", "explicit")


def test_a_quotes_from_heading_names_a_quote_alone_on_its_line():
    doc = build('Here are quotes from Mattis\n\n"It is bad."', [
        ("Here", "ADV", "here", None, "root"), ("are", "AUX", "be", 0, "cop"), ("quotes", "NOUN", "quote", 0, "nsubj"),
        ("from", "ADP", "from", 4, "case"), ("Mattis", "PROPN", "Mattis", 2, "nmod")], ALONE_ROWS)
    [quote] = attributed(doc)
    assert (quote.speaker.name, quote.rule, quote.attribution) == ("Mattis", "context-heading", "context")


def test_a_direct_quote_with_nothing_else_takes_the_subject_just_named():
    doc = build('Viguerie is upbeat.\n\n"It is bad."', [
        ("Viguerie", "PROPN", "Viguerie", 2, "nsubj"), ("is", "AUX", "be", 2, "cop"),
        ("upbeat", "ADJ", "upbeat", None, "root"), (".", "PUNCT", ".", 2, "punct")], ALONE_ROWS)
    [quote] = attributed(doc)
    assert (quote.speaker.name, quote.rule, quote.attribution) == ("Viguerie", "recent-subject", "context")
    [partial] = attributed(doc, "partial")
    assert partial.speaker is None and partial.rule is None and partial.attribution == "none"


def test_a_source_the_ranker_prefers_over_the_rules_pick_is_named_by_its_relation(monkeypatch):
    # Cruz said Rubio will continue to be "a champion.": the rules take Rubio ("continue" is a cue)
    doc = build('Cruz said Rubio will continue to be "a champion."', [
        ("Cruz", "PROPN", "Cruz", 1, "nsubj"), ("said", "VERB", "say", None, "root", "VBD"),
        ("Rubio", "PROPN", "Rubio", 4, "nsubj"), ("will", "AUX", "will", 4, "aux"),
        ("continue", "VERB", "continue", 1, "ccomp"), ("to", "PART", "to", 9, "mark"), ("be", "AUX", "be", 9, "cop"),
        (*Q, 9, "punct"), ("a", "DET", "a", 9, "det"), ("champion", "NOUN", "champion", 4, "xcomp"),
        (".", "PUNCT", ".", 9, "punct"), (*Q, 9, "punct")])
    assert sieves.first_finding(ctx_of(doc)).source.text == "Rubio"
    rule_index = ranker.FEATURE_NAMES.index("rule")
    monkeypatch.setattr(ranker, "score", lambda row: -10.0 * row[rule_index])  # anything but the rules' pick
    [quote] = attributed(doc, "partial")
    assert (quote.speaker.name, quote.rule, quote.contested) == ("Cruz", "ranker:subject", False)


def test_attribute_builds_new_quotes_and_leaves_the_given_ones_alone():
    given = speech_quotes(GOVERNED)
    before = [repr(q) for q in given]
    built, people = speakers.attribute(GOVERNED, given)
    assert [repr(q) for q in given] == before
    assert built[0] is not given[0] and built[0].speaker is not None and given[0].speaker is None
    assert [s.quotes for s in people] == [[0]]


def _many_quotes(n: int) -> Doc:
    """'"Yes," he said. ' n times, parsed."""
    unit = '"Yes," he said. '
    rows = [(*Q, 1, "punct"), ("Yes", "INTJ", "yes", 5, "ccomp"), (",", "PUNCT", ",", 1, "punct"), (*Q, 1, "punct"),
            ("he", "PRON", "he", 5, "nsubj"), ("said", "VERB", "say", None, "root", "VBD"), (".", "PUNCT", ".", 5, "punct")]
    return build(unit * n, *([rows] * n))


def test_the_deadline_check_runs_between_quotes_and_stops_a_long_attribution():
    doc = _many_quotes(300)
    calls = []
    speakers.attribute(doc, speech_quotes(doc), check=lambda: calls.append(1))
    assert len(calls) == 300

    def time_is_up_at_the_eleventh_quote() -> None:
        calls.append(1)
        if len(calls) > 310:
            raise DeadlineExceeded("the article took longer than the request time limit")

    with pytest.raises(DeadlineExceeded):
        speakers.attribute(doc, speech_quotes(doc), check=time_is_up_at_the_eleventh_quote)
    assert len(calls) == 311  # stopped at once, not at the end
