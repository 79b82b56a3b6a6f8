"""A learned second opinion on who said a quote.

The rules in `speakers` pick one source per quote. This module lists the other sources the parse
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

from .cues import NAMING_VERBS, SPEECH_NOUNS, is_speech_verb
from .marks import LINE_SPEAKER_REACH, line_speaker
from .model import Quote
from .parse import Doc, Word
from .resolve import TITLES, is_name_word, is_time, proper_run_before, run_head

WEIGHTS_FILE = Path(__file__).with_name("data") / "speaker_ranker.json"
SUBJECT_RELS = ("nsubj", "nsubj:pass", "nsubj:outer")
RELATIVE_PRONOUNS = frozenset(("who", "that", "which"))
_PERSON_PRONOUNS = frozenset("he she they i we his her their".split())
# The verbs that report speech and nothing else: above a quote they outrank any other cue.
_PLAIN_SAY = frozenset("say tell write tweet add state declare".split())
_MAX_DEPTH = 12
_LABEL_WORDS = 6  # the most words in a "Clinton on the economy:" line label
CONTESTED_MARGIN = 2.0  # scores closer than this: the choice is contested
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


def quote_words(doc: Doc, quote: Quote) -> list[Word]:
    """The quote's words, not its marks: a mark token may hang from, or open, the sentence
    beside it."""
    return [w for w in doc.words_in(quote.start, quote.end) if any(c.isalnum() for c in w.text)]


def quote_sentences(doc: Doc, quote: Quote) -> list[int]:
    return sorted({w.sent for w in quote_words(doc, quote)})


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
    if not run and before.endswith(":") and len(words) <= _LABEL_WORDS and \
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
        node, steps = w, 0
        while node.head is not None and steps < _MAX_DEPTH:
            below, node = node, doc.words[node.head]
            steps += 1
            if quote.start <= node.start < quote.end:
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
    subjects = [c for c in children if c.deprel in SUBJECT_RELS]
    for child in children:
        if not outside(child) or is_time(child):
            continue
        if child in subjects and any(modifies(doc, child, other) for other in subjects):
            continue  # a misparse of the other subject's modifier: "a spokesman for the campaign said"
        if child.upos == "PRON" and child.lower not in _PERSON_PRONOUNS | RELATIVE_PRONOUNS and \
                not is_speech_verb(node):
            continue  # "it seems", "it has not helped": only a reporting verb's "it" is a source
        if child.deprel in SUBJECT_RELS:
            if child.lower in RELATIVE_PRONOUNS:
                antecedent = relative_antecedent(doc, node, child)
                if antecedent is not None and outside(antecedent):
                    out.append((antecedent, "relative"))  # "Hagee, who said" -> Hagee
            else:
                out.append((child, "passive" if child.deprel == "nsubj:pass" else "subject"))
        elif child.deprel == "obl:agent" or (child.deprel == "obl" and node.xpos == "VBN" and any(
                c.lower == "by" and c.deprel == "case" for c in doc.children(child))):
            out.append((child, "agent"))  # "was labeled a 'witch hunt' by Democrats"
        elif child.deprel == "nmod:poss" and node.upos in ("NOUN", "PROPN"):
            out.append((child, "possessor"))  # "his statement that ..."
        elif child.deprel == "nmod" and (node.lemma or "").lower() in _SAYING_NOUNS and \
                any(c.lower in ("of", "from", "by") for c in doc.children(child)):
            out.append((child, "possessor"))  # "the contention of Hillary Clinton that ..."
    return out


def relative_antecedent(doc: Doc, clause: Word, pronoun: Word) -> Word | None:
    """What a relative clause's "who" refers to: the noun the clause hangs from, or the name
    right before ", who" when the parser hung the clause from the noun whose prepositional
    phrase that name ends ('a rebuke from Jeb Bush, who said …') or did not parse it as a
    relative clause at all ('said Mr. Sanders, who said he …')."""
    head = doc.words[clause.head] if clause.deprel == "acl:relcl" and clause.head is not None else None
    k = pronoun.i - 2  # the word before the comma of a non-restrictive clause
    if k < 0 or doc.words[k + 1].text != "," or doc.words[k].sent != pronoun.sent or \
            (head is not None and k <= head.i):
        return head
    if doc.words[k].upos == "NOUN" and pronoun.lower == "who" and doc.words[k].lower in _ROLE_NOUNS and \
            (head is None or not _person_like(head)):
        return doc.words[k]  # "a rebuke from the governor, who called …": "who" is a person
    if doc.words[k].upos != "PROPN":
        return head
    name = run_head(proper_run_before(doc, doc.words[k + 1]))
    if head is not None and (name is head or (name.deprel in _NAME_PARTS and name.head == head.i)):
        return head  # the name is the head's own ("the radio host Charlie Sykes, who")
    return name


def _person_like(w: Word) -> bool:
    return w.upos in ("PROPN", "PRON") or w.lower in _ROLE_NOUNS


_VIA = {"ccomp": "clause", "parataxis": "clause", "obj": "object", "iobj": "object", "xcomp": "xcomp",
        "advcl": "advcl", "obl": "oblique", "conj": "conj"}
_NAME_PARTS = ("compound", "flat", "flat:name", "appos", "nmod:poss")


def features(doc: Doc, quote: Quote, quote_sents: list[int], cand: Candidate, first_on_path: int | None,
             first_cue: Candidate | None) -> list[float]:
    w, cue = cand.source, cand.cue
    lemma = (cue.lemma or "").lower() if cue is not None else ""
    cue_verb = cue is not None and is_speech_verb(cue)
    rel = cue.deprel if cue is not None else None
    on_path = cand.depth is not None
    partial = quote.type == "partial"
    other_pronoun = w.upos == "PRON" and w.lower not in _PERSON_PRONOUNS
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
        "plain_say": lemma in _PLAIN_SAY, "plain_say&on_path": lemma in _PLAIN_SAY and on_path,
        "naming_verb": lemma in NAMING_VERBS,
        "saying_noun": cand.relation == "possessor" and lemma in _SAYING_NOUNS,
        "cue_root": rel == "root", "cue_ccomp": rel in ("ccomp", "parataxis"), "cue_xcomp": rel == "xcomp",
        "cue_advcl": rel == "advcl", "cue_conj": rel == "conj", "cue_relcl": rel == "acl:relcl",
        cand.relation: True,
        "proper": w.upos == "PROPN",
        "named": w.upos == "PROPN" or any(c.upos == "PROPN" and c.deprel in _NAME_PARTS for c in doc.children(w)),
        "proper&cue_verb": w.upos == "PROPN" and cue_verb,
        "person_pronoun": w.lower in _PERSON_PRONOUNS, "other_pronoun": other_pronoun,
        "noun": w.upos == "NOUN", "role_noun": w.upos == "NOUN" and w.lower in _ROLE_NOUNS,
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


def modifies(doc: Doc, w: Word, other: Word) -> bool:
    """w's preposition follows `other` at once: "a spokesman for the campaign" parsed as two
    subjects, where "the campaign" modifies "a spokesman"."""
    return any(c.deprel == "case" and c.upos == "ADP" and c.i == other.i + 1 for c in doc.children(w))


def attributes_only(doc: Doc, verb: Word) -> bool:
    """A sentence after a quote attributes it only with a cue that reports no clause of its own
    and stands in no other cue's report ('"…" He said.', not '"…" Ohio Gov. John Kasich said he would have
    fired …, according to press reports.')."""
    if any(c.deprel == "ccomp" for c in doc.children(verb)):
        return False
    node, steps = verb, 0
    while node.head is not None and steps < _MAX_DEPTH:  # nor is it part of another cue's report
        node, steps = doc.words[node.head], steps + 1
        if is_speech_verb(node):
            return False
    return True


def according_to(doc: Doc, according: Word) -> Word | None:
    """The X of "according to X", which "according" hangs from; for "according to a statement
    by Sergei Lavrov" or "to Lavrov's statement", the one who made the statement."""
    target = doc.words[according.head] if according.head is not None else None
    if target is None or (target.lemma or "").lower() not in _SAYING_NOUNS:
        return target
    for child in doc.children(target):
        if child.deprel == "nmod:poss" or (child.deprel == "nmod" and any(
                c.lower in ("by", "from") and c.deprel == "case" for c in doc.children(child))):
            return child
    return target
