"""A learned second opinion on who said a quote.

The sieves (`sieves.py`) pick one source per quote. This module lists the other sources the parse
offers: the subject (or passive agent) of every word above the quote in the tree, the possessor
of a noun above it ("her claim that …"), the subjects of the reporting verbs in the quote's
sentences and their neighbours, the X of "according to X", the name in a "Name:" line. It
describes each with features of the parse and lets a pairwise logistic regression, trained on
the PolNeAR train split by scripts/train_speaker_ranker.py, choose among them and the rules'
pick.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .cues import attributes_only, is_speech_verb
from .lexicon import (LABEL_WORDS, NAME_PARTS, NAMING_VERBS, PERSON_PRONOUNS, PLAIN_SAY, RELATIVE_PRONOUNS, ROLE_NOUNS,
                      SAYING_NOUNS, SUBJECT_RELS)
from .marks import LINE_SPEAKER_REACH, line_speaker
from .model import Quote
from .parse import Doc, Word
from .tree import (according_to, ancestors, has_case, inside, is_name_word, is_time, modifies, quote_sentences,
                   quote_words, relative_antecedent, run_head, subjects)

WEIGHTS_FILE = Path(__file__).with_name("data") / "speaker_ranker.json"
CONTESTED_MARGIN = 2.0  # scores closer than this: the choice is contested


@dataclass
class Candidate:
    source: Word
    cue: Word | None
    rule: bool  # the rules' own pick
    depth: int | None  # steps from the quote up the tree to the cue; None when off that path
    relation: str  # subject, passive, agent, possessor, relative, colon, according
    cues_below: int  # reporting verbs between the quote and this cue on the path
    via: str | None = None  # on the path: the relation by which the cue governs the way to the quote


# The verbs (lemmas) above at least 15 candidates on the train split: each gets its own weight,
# since how often a verb's subject is the source varies widely (say 0.86, call 0.52, have 0.08).
CUE_LEMMAS = tuple("""
say tell call write add ask continue go note describe tweet have argue respond suggest report
declare speak explain promise accuse accord state read reply acknowledge pledge offer make agree
announce claim conclude recall post warn point push show urge think want see insist criticize
come take include find answer try be admit attack know use praise predict
""".split())

FEATURE_NAMES = (
    "rule", "rule&on_path", "rule&off_path", "rule&partial", "rule&noun", "rule&other_pronoun",
    "on_path", "off_path", "depth", "first_on_path", "above_first_cue", "on_path&partial",
    "cue_verb", "cue_is_verb", "first_cue", "cues_below", "plain_say", "plain_say&on_path",
    "naming_verb", "saying_noun", "cue_root", "cue_ccomp", "cue_xcomp", "cue_advcl", "cue_conj",
    "cue_relcl", "subject", "passive", "agent", "possessor", "relative", "colon", "according",
    "proper", "named", "proper&cue_verb", "person_pronoun", "other_pronoun", "noun", "role_noun",
    "time", "before", "log_distance", "same_sentence", "sentence_before", "sentence_after",
    "via=clause", "via=object", "via=xcomp", "via=advcl", "via=oblique", "via=conj", "via=nominal",
) + tuple(f"cue={lemma}" for lemma in CUE_LEMMAS)


def candidates(doc: Doc, quote: Quote, outside, rule_source: Word | None, rule_cue: Word | None) -> list[Candidate]:
    """Everyone the parse offers as the quote's source, the rules' pick first. `outside(word)`
    says whether a word stands outside every quote."""
    out: dict[int, Candidate] = {}
    if rule_source is not None:
        out[rule_source.i] = Candidate(rule_source, rule_cue, True, None, "subject", 0)
    path = _path_above(doc, quote)
    cues_seen = 0
    for depth, (node, via) in enumerate(path):
        for source, relation in _sources_of(doc, node, outside):
            found = out.get(source.i)
            if found is None:
                out[source.i] = Candidate(source, node, False, depth, relation, cues_seen, via)
            elif found.depth is None:
                found.depth, found.relation, found.cues_below, found.via = depth, relation, cues_seen, via
        cues_seen += is_speech_verb(node)
    on_path = {w.i for w, _ in path}
    own = quote_sentences(doc, quote)
    for s in _nearby_sentences(doc, quote, outside, own):
        for w in doc.sentence_words(s):
            if outside(w) and is_speech_verb(w) and w.i not in on_path and \
                    (s <= own[-1] or attributes_only(doc, w)):
                for source, relation in _sources_of(doc, w, outside):
                    out.setdefault(source.i, Candidate(source, w, False, None, relation, 0))
    named = _name_before_colon(doc, quote)
    if named is not None:
        out.setdefault(named.i, Candidate(named, None, False, None, "colon", 0))
    return list(out.values())


def _nearby_sentences(doc: Doc, quote: Quote, outside, own: list[int]) -> list[int]:
    """The quote's sentences (`own`) and, in the same paragraph, the one before, and the one
    after when the quote's own sentences have no reporting verb ('"…" He said.') and it has no
    quote of its own (its cue would be that quote's)."""
    if not own:
        return []
    out = list(own)
    before, after = own[0] - 1, own[-1] + 1
    if before >= 0 and "\n" not in doc.text[doc.sentences[before].end:quote.start]:
        out.insert(0, before)
    if after < len(doc.sentences) and "\n" not in doc.text[quote.end:doc.sentences[after].start] and \
            not any(outside(w) and is_speech_verb(w) for s in own for w in doc.sentence_words(s)) and \
            all(outside(w) for w in doc.sentence_words(after)):
        out.append(after)
    return out


def _name_before_colon(doc: Doc, quote: Quote) -> Word | None:
    """'Donald Trump: "…"', 'Graham: Trump's "Incredibly Hateful Rhetoric" …': the name before a
    colon right before the quote, or opening the quote's line."""
    lo = max(0, quote.start - LINE_SPEAKER_REACH)
    line_start = max(lo, doc.text.rfind("\n", lo, quote.start) + 1)
    before = doc.text[line_start:quote.start].rstrip(" \t\u00a0")
    if before.endswith(":"):
        end = line_start + len(before) - 1
        label = before[:-1].rstrip()
        if label.endswith(")") and "(" in label:  # 'Sen. Marco Rubio (R-Fla.):'
            end = line_start + label.rindex("(")
        words = doc.words_in(line_start, end)
    else:
        opening = line_speaker(doc.text, quote.start)
        if opening is None:
            return None
        words = doc.words_in(*opening)
    run = []
    for w in reversed(words):
        if not is_name_word(w):
            break
        run.insert(0, w)
    if not run and before.endswith(":") and len(words) <= LABEL_WORDS and \
            not any(is_speech_verb(w) for w in words):
        # A label that opens with the name: 'Clinton on the economy:', 'Rubio's response:'
        for w in words:
            if not is_name_word(w):
                break
            run.append(w)
    return run_head(run) if run else None


def _path_above(doc: Doc, quote: Quote) -> list[tuple[Word, str]]:
    """The words outside the quote above its words in the tree, nearest first, each with the
    relation of the word below it on the way up (a quote under "said" as ccomp, under "called"
    as obj)."""
    path: list[tuple[Word, str]] = []
    seen: set[int] = set()
    for w in quote_words(doc, quote):
        for below, node in ancestors(doc, w):
            if inside(quote, node):
                continue
            if node.i in seen:
                break
            seen.add(node.i)
            path.append((node, below.deprel or ""))
        if path:
            break
    return path


def _sources_of(doc: Doc, node: Word, outside) -> list[tuple[Word, str]]:
    if node.lower == "according":  # "according to X": X, which "according" hangs from
        target = according_to(doc, node)
        return [(target, "according")] if target is not None and outside(target) and not is_time(target) else []
    out = []
    children = doc.children(node)
    subjects_ = subjects(doc, node)
    for child in children:
        if not outside(child) or is_time(child):
            continue
        if child in subjects_ and any(modifies(doc, child, other) for other in subjects_):
            continue  # a misparse of the other subject's modifier: "a spokesman for the campaign said"
        if child.upos == "PRON" and child.lower not in PERSON_PRONOUNS | RELATIVE_PRONOUNS and \
                not is_speech_verb(node):
            continue  # "it seems", "it has not helped": only a reporting verb's "it" is a source
        if child.deprel in SUBJECT_RELS:
            if child.lower in RELATIVE_PRONOUNS:
                antecedent = relative_antecedent(doc, node, child)
                if antecedent is not None and outside(antecedent):
                    out.append((antecedent, "relative"))  # "Hagee, who said" -> Hagee
            else:
                out.append((child, "passive" if child.deprel == "nsubj:pass" else "subject"))
        elif child.deprel == "obl:agent" or (child.deprel == "obl" and node.xpos == "VBN" and has_case(doc, child, "by")):
            out.append((child, "agent"))  # "was labeled a 'witch hunt' by Democrats"
        elif child.deprel == "nmod:poss" and node.upos in ("NOUN", "PROPN"):
            out.append((child, "possessor"))  # "his statement that ..."
        elif child.deprel == "nmod" and (node.lemma or "").lower() in SAYING_NOUNS and \
                any(c.lower in ("of", "from", "by") for c in doc.children(child)):  # any relation
            out.append((child, "possessor"))  # "the contention of Hillary Clinton that ..."
    return out


_VIA = {"ccomp": "clause", "parataxis": "clause", "obj": "object", "iobj": "object", "xcomp": "xcomp",
        "advcl": "advcl", "obl": "oblique", "conj": "conj"}


def features(doc: Doc, quote: Quote, quote_sents: list[int], cand: Candidate, first_on_path: int | None,
             first_cue: Candidate | None) -> list[float]:
    w, cue = cand.source, cand.cue
    lemma = (cue.lemma or "").lower() if cue is not None else ""
    cue_verb = cue is not None and is_speech_verb(cue)
    rel = cue.deprel if cue is not None else None
    on_path = cand.depth is not None
    partial = quote.type == "partial"
    other_pronoun = w.upos == "PRON" and w.lower not in PERSON_PRONOUNS
    quote_sents = quote_sents or [w.sent]
    f = {
        "rule": cand.rule, "rule&on_path": cand.rule and on_path, "rule&off_path": cand.rule and not on_path,
        "rule&partial": cand.rule and partial, "rule&noun": cand.rule and w.upos == "NOUN",
        "rule&other_pronoun": cand.rule and other_pronoun,
        "on_path": on_path, "off_path": not cand.rule and not on_path,
        "depth": min(cand.depth, 6) / 6 if on_path else 1.0,
        "first_on_path": on_path and cand.depth == first_on_path,
        "above_first_cue": on_path and first_cue is not None and cand.depth > first_cue.depth,
        "on_path&partial": on_path and partial,
        "cue_verb": cue_verb, "cue_is_verb": cue is not None and cue.upos in ("VERB", "AUX"),
        "first_cue": first_cue is not None and cue is first_cue.cue, "cues_below": min(cand.cues_below, 3),
        "plain_say": lemma in PLAIN_SAY, "plain_say&on_path": lemma in PLAIN_SAY and on_path,
        "naming_verb": lemma in NAMING_VERBS,
        "saying_noun": cand.relation == "possessor" and lemma in SAYING_NOUNS,
        "cue_root": rel == "root", "cue_ccomp": rel in ("ccomp", "parataxis"), "cue_xcomp": rel == "xcomp",
        "cue_advcl": rel == "advcl", "cue_conj": rel == "conj", "cue_relcl": rel == "acl:relcl",
        cand.relation: True,
        "proper": w.upos == "PROPN",
        "named": w.upos == "PROPN" or any(c.upos == "PROPN" and c.deprel in NAME_PARTS for c in doc.children(w)),
        "proper&cue_verb": w.upos == "PROPN" and cue_verb,
        "person_pronoun": w.lower in PERSON_PRONOUNS, "other_pronoun": other_pronoun,
        "noun": w.upos == "NOUN", "role_noun": w.upos == "NOUN" and w.lower in ROLE_NOUNS,
        "time": is_time(w), "before": w.end <= quote.start,
        "log_distance": math.log1p(min(abs(w.start - quote.end), abs(quote.start - w.end))) / 8,
        "same_sentence": w.sent in quote_sents,
        "sentence_before": w.sent < quote_sents[0], "sentence_after": w.sent > quote_sents[-1],
        f"cue={lemma}": True,
        f"via={_VIA.get((cand.via or '').split(':')[0], 'nominal')}": on_path,
    }
    return [float(f.get(name, 0.0)) for name in FEATURE_NAMES]


def feature_rows(doc: Doc, quote: Quote, cands: list[Candidate]) -> list[list[float]]:
    on_path = [c for c in cands if c.depth is not None]
    first_on_path = min((c.depth for c in on_path), default=None)
    path_cues = sorted((c for c in on_path if c.cue is not None and is_speech_verb(c.cue)), key=lambda c: c.depth)
    first_cue = path_cues[0] if path_cues else None
    quote_sents = quote_sentences(doc, quote)
    return [features(doc, quote, quote_sents, c, first_on_path, first_cue) for c in cands]


@lru_cache(maxsize=1)
def _weights() -> list[float]:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURE_NAMES, "ranker weights do not match the features"
    return data["weights"]


def score(row: list[float]) -> float:
    return sum(a * b for a, b in zip(_weights(), row))


def choose(doc: Doc, quote: Quote, cands: list[Candidate]) -> tuple[Candidate | None, bool]:
    """The best-scoring source (the model is trained on pairs: only the order of scores counts),
    and whether another candidate came close (those choices are right less often: on train,
    0.76 within CONTESTED_MARGIN, 0.94 beyond it)."""
    if len(cands) < 2:
        return (cands[0] if cands else None), False
    scored = sorted(((score(row), k) for k, row in enumerate(feature_rows(doc, quote, cands))), reverse=True)
    return cands[scored[0][1]], scored[0][0] - scored[1][0] < CONTESTED_MARGIN
