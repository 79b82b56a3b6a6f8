"""A learned second opinion on who said a quote.

The rules in `speakers` pick one source per quote. This module lists the other people the parse
offers (the subject of every verb above the quote in the tree, the possessor of a noun above it,
the subject of every reporting verb in the quote's sentences), describes each with a few
features, and lets a logistic regression trained on the PolNeAR train split choose among them
and the rules' pick (scripts/train_speaker_ranker.py writes the weights).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .cues import NAMING_VERBS, SPEECH_NOUNS, is_speech_verb
from .model import Quote
from .parse import Doc, Word
from .resolve import TITLES, is_time

WEIGHTS_FILE = Path(__file__).with_name("data") / "speaker_ranker.json"
SUBJECT_RELS = ("nsubj", "nsubj:pass", "nsubj:outer")
RELATIVE_PRONOUNS = frozenset(("who", "that", "which"))
_PERSON_PRONOUNS = frozenset("he she they i we his her their".split())
# The verbs that report speech and nothing else: above a quote they outrank any other cue.
_PLAIN_SAY = frozenset("say tell write tweet add state declare".split())
_MAX_DEPTH = 12
# Nouns that name what someone said: their possessor is its source ("his warning that ...").
_SAYING_NOUNS = SPEECH_NOUNS | frozenset("""
warning claim assertion accusation description conclusion argument suggestion promise pledge
question answer response characterization words view vow threat charge call plea insistence
""".split())
# Nouns for people by their role: a source even without a name.
_ROLE_NOUNS = TITLES | frozenset("""
official officials aide aides adviser advisers spokesperson analyst analysts expert experts source
sources lawmaker lawmakers strategist strategists candidate nominee campaign supporter supporters
critic critics voter voters member members manager operative operatives staffer people man woman
""".split())


@dataclass
class Candidate:
    source: Word
    cue: Word | None
    rule: bool  # the rules' own pick
    depth: int | None  # steps from the quote up the tree to the cue; None when off that path
    relation: str  # subject, passive, agent, possessor, relative, colon
    cues_below: int  # reporting verbs between the quote and this cue on the path


# The verbs (lemmas) above at least 15 candidates on the train split: each gets its own weight,
# since how often a verb's subject is the source varies widely (say 0.86, call 0.52, have 0.08).
CUE_LEMMAS = tuple("""
say tell call write add ask continue go note describe tweet have argue respond suggest report
declare speak explain promise accuse accord state read reply acknowledge pledge offer make agree
announce claim conclude recall post warn point push show urge think want see insist criticize
come take include find answer try be admit attack know use praise predict
""".split())

FEATURE_NAMES = (
    "bias", "rule", "no_rule", "on_path", "depth", "first_on_path", "cue_verb", "first_cue",
    "cues_below", "plain_say", "naming_verb", "subject", "passive", "agent", "possessor",
    "relative", "proper", "person_pronoun", "other_pronoun", "noun", "time", "before",
    "log_distance", "same_sentence", "cue_root", "cue_ccomp", "cue_xcomp", "cue_advcl", "cue_conj",
    "cue_relcl", "partial", "rule&partial", "proper&cue_verb", "on_path&partial",
    "rule&off_path", "rule&on_path", "off_path", "named", "role_noun", "saying_noun", "cue_is_verb",
    "above_first_cue", "only", "plain_say&on_path", "rule&noun", "rule&other_pronoun", "colon",
    "sentence_before", "sentence_after",
) + tuple(f"cue={lemma}" for lemma in CUE_LEMMAS)
_LEMMA_INDEX = {lemma: k for k, lemma in enumerate(CUE_LEMMAS)}


def candidates(doc: Doc, quote: Quote, outside, rule_source: Word | None, rule_cue: Word | None) -> list[Candidate]:
    """Everyone the parse offers as the quote's source, the rules' pick first. `outside(word)`
    says whether a word stands outside every quote."""
    out: dict[int, Candidate] = {}
    if rule_source is not None:
        out[rule_source.i] = Candidate(rule_source, rule_cue, True, None, "subject", 0)
    path = _path_above(doc, quote)
    cues_seen = 0
    for depth, node in enumerate(path):
        for source, relation in _sources_of(doc, node, outside):
            found = out.get(source.i)
            if found is None:
                out[source.i] = Candidate(source, node, False, depth, relation, cues_seen)
            elif found.depth is None:
                found.depth, found.relation, found.cues_below = depth, relation, cues_seen
        cues_seen += is_speech_verb(node)
    on_path = {w.i for w in path}
    for s in _nearby_sentences(doc, quote, outside):
        for w in doc.sentence_words(s):
            if outside(w) and is_speech_verb(w) and w.i not in on_path:
                for source, relation in _sources_of(doc, w, outside):
                    out.setdefault(source.i, Candidate(source, w, False, None, relation, 0))
    named = _name_before_colon(doc, quote)
    if named is not None:
        out.setdefault(named.i, Candidate(named, None, False, None, "colon", 0))
    return list(out.values())


def _nearby_sentences(doc: Doc, quote: Quote, outside) -> list[int]:
    """The quote's sentences and, in the same paragraph, the one before, and the one after
    unless that has a quote of its own (its cue is that quote's)."""
    own = quote_sentences(doc, quote)
    if not own:
        return []
    out = list(own)
    before, after = own[0] - 1, own[-1] + 1
    if before >= 0 and "\n" not in doc.text[doc.sentences[before].end:quote.start]:
        out.insert(0, before)
    if after < len(doc.sentences) and "\n" not in doc.text[quote.end:doc.sentences[after].start]:
        out.append(after)
    return [s for s in out if s <= own[-1] or all(outside(w) for w in doc.sentence_words(s))]


def quote_sentences(doc: Doc, quote: Quote) -> list[int]:
    """The sentences of the quote's words (not its marks: a closing mark may open the next)."""
    return sorted({w.sent for w in doc.words_in(quote.start, quote.end) if any(c.isalnum() for c in w.text)})


def _name_before_colon(doc: Doc, quote: Quote) -> Word | None:
    """'Donald Trump: "…"', 'Pollsters agree - Carl Bialik: "…"': the name right before a colon
    that opens the quote on the same line."""
    line_start = doc.text.rfind("\n", 0, quote.start) + 1
    before = doc.text[line_start:quote.start].rstrip(" \t\u00a0")
    if not before.endswith(":"):
        return None
    words = doc.words_in(line_start, line_start + len(before) - 1)
    run = []
    for w in reversed(words):
        if w.upos != "PROPN" and not (w.upos is None and w.text[:1].isupper()):
            break
        run.insert(0, w)
    if not run:
        return None
    inside = {w.i for w in run}
    heads = [w for w in run if w.head not in inside]
    return heads[0] if len(heads) == 1 else run[-1]


def _path_above(doc: Doc, quote: Quote) -> list[Word]:
    """The words outside the quote above its words in the tree, nearest first."""
    path: list[Word] = []
    seen: set[int] = set()
    for w in doc.words_in(quote.start, quote.end):
        if not any(c.isalnum() for c in w.text):
            continue
        node, steps = w, 0
        while node.head is not None and steps < _MAX_DEPTH:
            node = doc.words[node.head]
            steps += 1
            if quote.start <= node.start < quote.end:
                continue
            if node.i in seen:
                break
            seen.add(node.i)
            path.append(node)
        if path:
            break
    return path


def _sources_of(doc: Doc, node: Word, outside) -> list[tuple[Word, str]]:
    out = []
    for child in doc.children(node):
        if not outside(child) or is_time(child):
            continue
        if child.deprel in SUBJECT_RELS:
            if child.lower in RELATIVE_PRONOUNS and node.deprel == "acl:relcl" and node.head is not None:
                out.append((doc.words[node.head], "relative"))  # "Hagee, who said" -> Hagee
            else:
                out.append((child, "passive" if child.deprel == "nsubj:pass" else "subject"))
        elif child.deprel == "obl:agent":
            out.append((child, "agent"))
        elif child.deprel == "nmod:poss" and node.upos in ("NOUN", "PROPN"):
            out.append((child, "possessor"))  # "his statement that ..."
        elif child.deprel == "nmod" and (node.lemma or "").lower() in _SAYING_NOUNS and \
                any(c.lower in ("of", "from", "by") for c in doc.children(child)):
            out.append((child, "possessor"))  # "the contention of Hillary Clinton that ..."
    return out


_NAME_PARTS = ("compound", "flat", "flat:name", "appos", "nmod:poss")


def features(doc: Doc, quote: Quote, cand: Candidate, first_cue: Word | None, first_on_path: int | None,
             first_cue_depth: int | None, only: bool) -> list[float]:
    w, cue = cand.source, cand.cue
    lemma = (cue.lemma or "").lower() if cue is not None else ""
    cue_verb = cue is not None and is_speech_verb(cue)
    rel = cue.deprel if cue is not None else None
    on_path = cand.depth is not None
    proper = w.upos == "PROPN"
    partial = quote.type == "partial"
    distance = min(abs(w.start - quote.end), abs(quote.start - w.end))
    quote_sents = quote_sentences(doc, quote)
    return [
        1.0, float(cand.rule), 0.0, float(on_path), (min(cand.depth, 6) / 6) if on_path else 1.0,
        float(on_path and cand.depth == first_on_path), float(cue_verb),
        float(cue is not None and cue is first_cue), float(min(cand.cues_below, 3)),
        float(lemma in _PLAIN_SAY), float(lemma in NAMING_VERBS),
        float(cand.relation == "subject"), float(cand.relation == "passive"), float(cand.relation == "agent"),
        float(cand.relation == "possessor"), float(cand.relation == "relative"),
        float(proper), float(w.lower in _PERSON_PRONOUNS),
        float(w.upos == "PRON" and w.lower not in _PERSON_PRONOUNS), float(w.upos == "NOUN"), float(is_time(w)),
        float(w.end <= quote.start), math.log1p(distance) / 8, float(w.sent in quote_sents),
        float(rel == "root"), float(rel in ("ccomp", "parataxis")), float(rel == "xcomp"),
        float(rel == "advcl"), float(rel == "conj"), float(rel == "acl:relcl"), float(partial),
        float(cand.rule and partial), float(proper and cue_verb), float(on_path and partial),
        float(cand.rule and not on_path), float(cand.rule and on_path), float(not cand.rule and not on_path),
        float(proper or any(c.upos == "PROPN" and c.deprel in _NAME_PARTS for c in doc.children(w))),
        float(w.upos == "NOUN" and w.lower in _ROLE_NOUNS),
        float(cand.relation == "possessor" and lemma in _SAYING_NOUNS),
        float(cue is not None and cue.upos in ("VERB", "AUX")),
        float(on_path and first_cue_depth is not None and cand.depth > first_cue_depth),
        float(only), float(lemma in _PLAIN_SAY and on_path),
        float(cand.rule and w.upos == "NOUN"), float(cand.rule and w.upos == "PRON" and w.lower not in _PERSON_PRONOUNS),
        float(cand.relation == "colon"), float(w.sent < min(quote_sents, default=w.sent)),
        float(w.sent > max(quote_sents, default=w.sent)),
    ] + _one_hot(lemma)


def _one_hot(lemma: str) -> list[float]:
    out = [0.0] * len(CUE_LEMMAS)
    if lemma in _LEMMA_INDEX:
        out[_LEMMA_INDEX[lemma]] = 1.0
    return out


def feature_rows(doc: Doc, quote: Quote, cands: list[Candidate]) -> list[list[float]]:
    on_path = [c for c in cands if c.depth is not None]
    first_on_path = min((c.depth for c in on_path), default=None)
    path_cues = sorted((c for c in on_path if c.cue is not None and is_speech_verb(c.cue)), key=lambda c: c.depth)
    first_cue = path_cues[0].cue if path_cues else None
    first_cue_depth = path_cues[0].depth if path_cues else None
    rows = [features(doc, quote, c, first_cue, first_on_path, first_cue_depth, len(cands) == 1) for c in cands]
    if not any(c.rule for c in cands):
        for row in rows:
            row[FEATURE_NAMES.index("no_rule")] = 1.0
    return rows


@lru_cache(maxsize=1)
def _weights() -> tuple[list[float], float] | None:
    if not WEIGHTS_FILE.is_file():
        return None
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURE_NAMES, "ranker weights do not match the features"
    return data["weights"], data["threshold"]


def probability(weights: list[float], row: list[float]) -> float:
    z = sum(a * b for a, b in zip(weights, row))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose(doc: Doc, quote: Quote, cands: list[Candidate]) -> Candidate | None:
    """The likeliest source; the rules' pick when no candidate clears the threshold."""
    model = _weights()
    rule = next((c for c in cands if c.rule), None)
    if model is None or not cands:
        return rule
    weights, threshold = model
    scored = [(probability(weights, row), c) for row, c in zip(feature_rows(doc, quote, cands), cands)]
    p, best = max(scored, key=lambda pc: pc[0])
    return best if p >= threshold else rule
