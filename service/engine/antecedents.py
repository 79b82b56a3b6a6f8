"""A learned second opinion on who "he" or "she" is.

The entity table's rules (`resolve.EntityTable._antecedent`) pick one person for a speaker
pronoun. This module describes that pick and every other person-like name the text offers
before the pronoun (the names in its own sentence and the ANTECEDENT_WINDOW sentences before,
and the speakers quoted so far) with features of position, grammar and history, and lets a
pairwise logistic regression, trained by scripts/train_antecedent_ranker.py on resolved
referents of train-split pronouns, choose among them.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .cues import is_speech_verb
from .lexicon import SUBJECT_RELS
from .parse import Doc, Word
from .tree import opening_name

WEIGHTS_FILE = Path(__file__).with_name("data") / "antecedent_ranker.json"

_LINE_BREAKS = re.compile(r"\n+")
ROLES = ("main_subject", "subject", "possessor", "according", "object", "other", "unparsed")


@dataclass
class Mention:
    word: Word
    role: str  # one of ROLES


@dataclass
class Candidate:
    """One person a pronoun may refer to: every mention of one surname in the window, and what
    the article has said of that person so far."""

    key: str  # the surname, lower-cased
    name: str  # the fullest name the window or the table gives
    display: str = ""  # the name the answer would show for this person
    mentions: list[Mention] = field(default_factory=list)  # in the window, in text order
    entity: object | None = None  # the table's entity, when the person is known to it
    rule: bool = False  # the rules' own pick
    spoke: bool = False  # quoted before the pronoun
    last_speaker: bool = False  # the latest speaker before the pronoun
    speaker_chars: int | None = None  # characters since the person was last quoted or referred to
    article_count: int = 0  # times the surname appears in the article
    first_pos: int = 0  # where the article first gives the surname
    gender_known: bool = False  # a given name, honorific or earlier pronoun says the gender matches
    said_same: int = 0  # the article's other pronouns of this gender that follow the surname (animacy.pronoun_genders)
    said_other: int = 0  # … and those of the other gender
    opener_only: bool = False  # the surname is capitalised only where a sentence or line opens ("Nevertheless")


def role_of(doc: Doc, w: Word) -> str:
    if w.upos is None:
        return "unparsed"
    head = doc.words[w.head] if w.head is not None else None
    if w.deprel in SUBJECT_RELS or opening_name(doc, w):
        return "main_subject" if head is not None and head.deprel == "root" else "subject"
    if w.deprel == "appos" and head is not None and head.deprel in SUBJECT_RELS:
        return "subject"
    if w.deprel == "nmod:poss":
        return "possessor"
    if any(c.lower == "according" for c in doc.children(w)):
        return "according"
    if w.deprel in ("obj", "iobj"):
        return "object"
    return "other"


FEATURE_NAMES = (
    "rule", "spoke", "last_speaker", "log_speaker_chars", "no_mention",
    "sent0", "sent1", "sent2", "sent3+", "para0", "para1", "para2+",
) + tuple(f"nearest={r}" for r in ROLES) + (
    "any_main_subject", "speech_subject", "mentions", "log_article_count", "rank0", "rank1", "rank2+",
    "gender_known", "newcomer", "full_name", "rule&last_speaker", "rule&sent0", "last_speaker&para0",
    "main_subject&sent1", "spoke&newcomer", "said_same", "said_other", "said_other_only", "opener_only",
    "description", "in_reported",
)


def features(doc: Doc, pronoun: Word, cand: Candidate, rank: int | None) -> list[float]:
    text = doc.text
    nearest = cand.mentions[-1] if cand.mentions else None
    f: dict[str, float] = {
        "rule": cand.rule, "spoke": cand.spoke, "last_speaker": cand.last_speaker,
        "log_speaker_chars": math.log1p(cand.speaker_chars) / 8 if cand.speaker_chars is not None else 1.0,
        "no_mention": nearest is None,
        "mentions": min(len(cand.mentions), 4) / 4, "log_article_count": math.log1p(cand.article_count) / 4,
        "gender_known": cand.gender_known, "full_name": len(cand.name.split()) > 1,
        "said_same": min(cand.said_same, 3) / 3, "said_other": min(cand.said_other, 3) / 3,
        "said_other_only": cand.said_other > 0 and cand.said_same == 0, "opener_only": cand.opener_only,
        "description": not cand.display.split()[-1][:1].isupper() if cand.display.split() else True,
    }
    if nearest is not None:
        w = nearest.word
        sents = pronoun.sent - w.sent
        paras = len(_LINE_BREAKS.findall(text, w.end, pronoun.start))
        paragraph_start = text.rfind("\n", 0, pronoun.start) + 1
        f.update({
            "in_reported": sents == 0 and _in_reported_speech(doc, w, pronoun),
            "sent0": sents == 0, "sent1": sents == 1, "sent2": sents == 2, "sent3+": sents >= 3,
            "para0": paras == 0, "para1": paras == 1, "para2+": paras >= 2,
            f"nearest={nearest.role}": True,
            "any_main_subject": any(m.role == "main_subject" for m in cand.mentions),
            "speech_subject": any(m.role in ("main_subject", "subject") and m.word.head is not None and
                                  is_speech_verb(doc.words[m.word.head]) for m in cand.mentions),
            "rank0": rank == 0, "rank1": rank == 1, "rank2+": rank is not None and rank >= 2,
            "newcomer": cand.first_pos >= paragraph_start,
            "rule&sent0": cand.rule and sents == 0,
            "last_speaker&para0": cand.last_speaker and paras == 0,
            "main_subject&sent1": nearest.role == "main_subject" and sents == 1,
        })
    f["rule&last_speaker"] = cand.rule and cand.last_speaker
    f["spoke&newcomer"] = cand.spoke and f.get("newcomer", False)
    return [float(f.get(name, 0.0)) for name in FEATURE_NAMES]


def _in_reported_speech(doc: Doc, w: Word, pronoun: Word) -> bool:
    """'Also, Trump isn't a conservative, he said': a name in what the pronoun reports is seldom
    the pronoun's person."""
    verb = doc.words[pronoun.head] if pronoun.head is not None else None
    head = doc.words[w.head] if w.head is not None else None
    return verb is not None and is_speech_verb(verb) and head is not None and head is not verb and \
        not is_speech_verb(head)


def feature_rows(doc: Doc, pronoun: Word, cands: list[Candidate]) -> list[list[float]]:
    """Each candidate's features; rank is its place by nearest mention, latest first."""
    placed = sorted((c for c in cands if c.mentions), key=lambda c: -c.mentions[-1].word.start)
    ranks = {id(c): k for k, c in enumerate(placed)}
    return [features(doc, pronoun, c, ranks.get(id(c))) for c in cands]


@lru_cache(maxsize=1)
def _weights() -> list[float] | None:
    if not WEIGHTS_FILE.exists():
        return None
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURE_NAMES, "antecedent ranker weights do not match the features"
    return data["weights"]


def choose(doc: Doc, pronoun: Word, cands: list[Candidate]) -> Candidate | None:
    """The best-scoring candidate (trained on pairs: only the order of scores counts); the rules'
    pick when there are no weights."""
    rule = next((c for c in cands if c.rule), None)
    weights = _weights()
    if weights is None or not cands:
        return rule
    rows = feature_rows(doc, pronoun, cands)
    scores = [sum(a * b for a, b in zip(weights, row)) for row in rows]
    return cands[max(range(len(cands)), key=scores.__getitem__)]
