"""Decide what each quoted span is: direct speech, a partial quote, or non-speech (a name or
scare quotes), from the span, its sentence and the parse."""
from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .cues import NAMING_VERBS, SPEECH_NOUNS, is_speech_verb
from .lexicon import NAMING_REACH, NICKNAME_WORDS
from .marks import ALL_MARK_CHARS, QuotedSpan, interruption_gap
from .model import SPEECH_TYPES, Quote
from .parse import Doc, Word

WEIGHTS_FILE = Path(__file__).with_name("data") / "quote_classifier.json"
# Words right before a quote that announce a name or a word mentioned as a word.
NAMING_CONTEXT = re.compile(
    r"(?:\b(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)?|nam(?:e|es|ed|ing)|nicknam(?:e|es|ed|ing)|"
    r"known\s+as|so-called|titled|entitled|term(?:ed)?|word(?:s)?|phrase|slogan|label(?:l?ed)?|"
    r"brand(?:ed)?|hashtag|operation|as)\s*[,:]?\s*)$",
    re.IGNORECASE,
)
# Contexts that make a title-case quote a name whatever else the sentence says.
STRONG_NAMING = re.compile(r"\b(?:dubbed|nicknamed|known\s+as|so-called|titled|entitled|named)\s*[,:]?\s*$",
                           re.IGNORECASE)
_FIRST_PERSON = frozenset("i me my mine we us our ours you your myself ourselves".split())
_TERMINAL = tuple(".!?,\u2026\u2014-:;")


@dataclass
class Features:
    """Evidence for one quoted span; `vector` feeds the speech classifier."""

    words: int
    starts_upper: bool
    ends_terminal: bool
    has_verb: bool
    first_person: bool
    governed_by_cue: bool
    cue_in_sentence: bool
    cue_in_paragraph: bool
    naming_context: bool
    title_case: bool
    inside_name: bool
    standalone: bool  # the quote is (nearly) its whole paragraph
    colon_before: bool
    closed: bool
    speech_noun_near: bool
    det_before: bool  # "the 'autopsy'", "ABC's 'Good Morning America'": the quote is used as a noun
    noun_after: bool  # "a 'Make America Great Again' hat"
    prep_before: bool
    clause_inside: bool  # the quote holds its own subject and verb
    headline: bool  # in the article's first line
    attached_nominal: bool  # the quote hangs from a noun or non-reporting verb as an argument

    def vector(self) -> list[float]:
        n = self.words
        return [
            1.0, math.log1p(n), float(n <= 2), float(n <= 4), float(self.starts_upper),
            float(self.ends_terminal), float(self.has_verb), float(self.first_person),
            float(self.governed_by_cue), float(self.cue_in_sentence), float(self.cue_in_paragraph),
            float(self.naming_context), float(self.title_case), float(self.inside_name),
            float(self.standalone), float(self.colon_before), float(self.closed),
            float(self.speech_noun_near), float(self.title_case and n <= 4),
            float(self.governed_by_cue and n <= 4), float(self.naming_context and self.title_case),
            float(self.det_before), float(self.noun_after), float(self.prep_before),
            float(self.clause_inside), float(self.headline), float(self.attached_nominal),
            float(self.det_before and self.title_case), float(n <= 3 and not self.has_verb and not self.starts_upper),
            float(self.prep_before and self.title_case),
        ]


FEATURE_NAMES = (
    "bias", "log_words", "words<=2", "words<=4", "starts_upper", "ends_terminal", "has_verb",
    "first_person", "governed_by_cue", "cue_in_sentence", "cue_in_paragraph", "naming_context",
    "title_case", "inside_name", "standalone", "colon_before", "closed", "speech_noun_near",
    "title_case&short", "governed&short", "naming&title", "det_before", "noun_after",
    "prep_before", "clause_inside", "headline", "attached_nominal", "det&title", "short_lower_verbless",
    "prep&title",
)


@lru_cache(maxsize=1)
def _weights() -> tuple[list[float], float]:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURE_NAMES, "classifier weights do not match the features"
    return data["weights"], data["threshold"]


def speech_probability(features: Features) -> float:
    weights, _ = _weights()
    z = sum(w * x for w, x in zip(weights, features.vector()))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def classify(doc: Doc, spans: list[QuotedSpan], check: Callable[[], None] | None = None) -> list[Quote]:
    """One Quote per span, typed direct, partial, name or scare; `check` is called between spans
    (a deadline: it raises to stop)."""
    _, threshold = _weights()
    out = []
    for span in spans:
        if check is not None:
            check()
        f = features(doc, span)
        p = speech_probability(f)
        named = _introduced_as_name(doc.text, span, f)
        if named or (f.title_case and f.inside_name):
            p = min(p, 0.01)  # "dubbed 'Operation Phantom Fury'", James 'Mad Dog' Mattis: a name
        if p >= threshold:
            qtype = "direct" if _is_direct(f) else "partial"
        else:
            qtype = "name" if named or f.title_case or f.inside_name else "scare"
        out.append(Quote(text=span.inner(doc.text), start=span.start, end=span.end, type=qtype,
                         speech_probability=p, closed=span.closed))
    return _type_interrupted(doc, out)


def _type_interrupted(doc: Doc, found: list[Quote]) -> list[Quote]:
    """'"The money," Newsom said, "is already in the bank."': one sentence interrupted by its
    attribution, so both halves are direct speech, however short each is alone."""
    out = list(found)
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if first.type in SPEECH_TYPES and second.type in SPEECH_TYPES and _interrupts(doc, first, second):
            out[k], out[k + 1] = replace(first, type="direct"), replace(second, type="direct")
    return out


def _interrupts(doc: Doc, first: Quote, second: Quote) -> bool:
    if not interruption_gap(doc.text, first.end, second.start):
        return False
    opening, going_on = first.text.lstrip(" .\u2026[(-\u2014"), second.text.lstrip(" .\u2026")
    return opening[:1].isupper() and going_on[:1].islower() and \
        any(is_speech_verb(w) for w in doc.words_in(first.end, second.start))


def _introduced_as_name(text: str, span: QuotedSpan, f: Features) -> bool:
    """'known as "el Chapo"', 'dubbed "the Hammer"': a short verbless quote after a naming phrase
    is a name whatever its case; a title-case one is a name after any naming phrase."""
    if not STRONG_NAMING.search(text[max(0, span.start - NAMING_REACH):span.start]):
        return False
    return f.title_case or (f.words <= NICKNAME_WORDS and not f.clause_inside and not f.has_verb)


def _is_direct(f: Features) -> bool:
    """A full sentence or more: starts with a capital and ends on punctuation, or stands alone."""
    return f.standalone or (f.starts_upper and f.ends_terminal and f.words >= 3)


def features(doc: Doc, span: QuotedSpan) -> Features:
    text = doc.text
    inner = text[span.inner_start:span.inner_end].strip()
    inner_words = doc.words_in(span.inner_start, span.inner_end)
    alnum = [w for w in inner_words if any(c.isalnum() for c in w.text)]
    sent_ids = sorted({w.sent for w in inner_words}) or _sentences_near(doc, span.start)
    context = [w for s in sent_ids for w in doc.sentence_words(s) if not (span.start <= w.start < span.end)]
    para_start, para_end = _paragraph_bounds(doc, span.start, span.end)
    before = text[max(para_start, span.start - 40):span.start]
    after = text[span.end:min(para_end, span.end + 3)]
    outside_para = text[para_start:span.start] + text[span.end:para_end]
    prev = _word_before(doc, span.start)
    nxt = _word_after(doc, span.end)
    caps = [w.text[0].isupper() for w in alnum if w.text[0].isalpha() and w.lower not in _MINOR]
    return Features(
        words=len(alnum),
        starts_upper=bool(inner) and (inner.lstrip(".\u2026 [(-\u2014")[:1].isupper()),
        ends_terminal=inner.endswith(_TERMINAL),
        has_verb=any(w.upos in ("VERB", "AUX") for w in inner_words),
        first_person=any(w.lower in _FIRST_PERSON for w in inner_words),
        governed_by_cue=_governed_by_cue(doc, inner_words, span),
        cue_in_sentence=any(is_speech_verb(w) for w in context),
        cue_in_paragraph=_cue_in_text(doc, para_start, para_end, span),
        naming_context=bool(NAMING_CONTEXT.search(before)),
        title_case=bool(caps) and all(caps) and len(alnum) <= 6,
        inside_name=_inside_name(before, after),
        standalone=len(outside_para.strip(" \t\n\u00a0\"'\u201c\u201d\u2018\u2019")) < 3,
        colon_before=before.rstrip().endswith(":"),
        closed=span.closed,
        speech_noun_near=any(w.lower in SPEECH_NOUNS for w in context),
        det_before=bool(prev) and (prev.upos == "DET" or prev.xpos in ("PRP$", "POS") or prev.lower in ("'s", "\u2019s")),
        noun_after=bool(nxt) and nxt.start == _skip_space(text, span.end) and nxt.upos in ("NOUN", "PROPN"),
        prep_before=bool(prev) and prev.upos == "ADP",
        clause_inside=any(w.deprel in ("nsubj", "nsubj:pass", "expl") for w in inner_words),
        headline="\n" in text and "\n" not in text[:span.start],  # no line breaks: no headline line
        attached_nominal=_attached_nominal(doc, inner_words, span),
    )


ALL_MARKS_TEXT = frozenset(ALL_MARK_CHARS) | {"''", "``", "\u2019\u2019"}
_MINOR = frozenset("a an the of and or in on at to for by with from as but nor vs".split())


def _sentences_near(doc: Doc, pos: int) -> list[int]:
    s = doc.sentence_at(pos)
    return [s.index] if s else []


def _paragraph_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The line around [start, end); in a text without line breaks (a feed that lost them), the
    quote's own sentences, the nearest a paragraph can be told."""
    text = doc.text
    if "\n" not in text:
        first, last = doc.sentence_at(start), doc.sentence_at(max(start, end - 1))
        if first is not None and last is not None:
            return min(first.start, start), max(last.end, end)
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, (len(text) if right < 0 else right)


def _inside_name(before: str, after: str) -> bool:
    """James 'Mad Dog' Mattis: a capitalised word on both sides."""
    b, a = before.rstrip(), after.lstrip()
    return bool(b) and bool(a) and b.split()[-1][:1].isupper() and a[:1].isupper() and \
        not b.endswith((",", ":", ".")) and before[-1:].isspace()


def _governed_by_cue(doc: Doc, inner_words: list[Word], span: QuotedSpan) -> bool:
    """Is a word of the quote in the complement of a reporting verb outside the quote?"""
    for w in inner_words:
        seen = 0
        node = w
        while node.head is not None and seen < 50:
            parent = doc.words[node.head]
            seen += 1
            if not (span.start <= parent.start < span.end):
                if is_speech_verb(parent) and (parent.lemma or "") not in NAMING_VERBS:
                    return node.deprel not in ("nsubj", "nsubj:pass")
                if (parent.lemma or "").lower() in NAMING_VERBS:
                    return False
            node = parent
    return False


def _word_before(doc: Doc, pos: int) -> Word | None:
    k = bisect.bisect_left(doc.words, pos, key=lambda w: w.start) - 1
    while k >= 0 and doc.words[k].text in ALL_MARKS_TEXT:
        k -= 1
    return doc.words[k] if k >= 0 and "\n" not in doc.text[doc.words[k].end:pos] else None


def _word_after(doc: Doc, pos: int) -> Word | None:
    k = bisect.bisect_left(doc.words, pos, key=lambda w: w.start)
    return doc.words[k] if k < len(doc.words) and "\n" not in doc.text[pos:doc.words[k].start] else None


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _attached_nominal(doc: Doc, inner_words: list[Word], span: QuotedSpan) -> bool:
    """The quote's top word depends on an outside noun, or is the plain object of a verb that
    does not report speech ("wore a 'Make America Great Again' hat", "stirs 'ugliness'")."""
    for w in inner_words:
        if w.head is None or span.start <= doc.words[w.head].start < span.end:
            continue
        parent = doc.words[w.head]
        if parent.upos in ("NOUN", "PROPN") and w.deprel in ("compound", "nmod", "appos", "amod", "flat"):
            return True
        return w.deprel in ("obj", "nsubj", "obl", "nmod") and not is_speech_verb(parent)
    return False


def _cue_in_text(doc: Doc, start: int, end: int, span: QuotedSpan) -> bool:
    return any(is_speech_verb(w) for w in doc.words_in(start, end) if not (span.start <= w.start < span.end))
