"""The speaker rules as named sieves (the shape of CoreNLP's quote attribution).

Each sieve is a pure function `Context -> list[Finding]`: who the parse and the layout say
spoke a quote, with the cue, and the sieve's name. `SIEVES` is their one ordered list; the first
finding is the rules' pick, which the ranker (`ranker.py`) weighs against every other source the
parse offers. To add a rule: write `def my_rule(ctx) -> list[Finding]`, give its findings
`rule="my-rule"`, put it in `SIEVES` where it should outrank the rules after it, test it on a
hand-built Doc, and rerun `scripts/train_speaker_ranker.py` and `scripts/calibrate_confidence.py`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .cues import CUE_FORMS, attributes_only, is_cue
from .lexicon import SIGNATURE_LINE_CHARS, SPEAKER_PRONOUNS, SUBJECT_RELS, THIRD_PERSON
from .marks import Intervals
from .model import Quote
from .parse import Doc, Word
from .sources import source_of, subject_the_parser_missed
from .tree import ancestors, first_name_chain, inside, is_name_word, next_word, proper_run_before, quote_words

# Used with match(text, quote end): on the quote's line, or alone on a line of its own after it.
_DASH_SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?P<own_line>(?:\n[ \t\u00a0]*){1,2})?[-\u2013\u2014]+[ \t\u00a0]*(?=[A-Z])")
# '"…" (Donald Trump, at a rally in Ohio)': a bracket right after the quote that opens with a name.
_BRACKET_SIGNATURE = re.compile(r"[ \t\u00a0]*\((?=[A-Z])([^()\n]{1,80})\)")
_SIGNATURE_NAME_CHARS = 80  # a signature's name lies this close after its dash
_LEAD_IN_CHARS = 200  # characters back from a quote opening its paragraph to the lead-in line's colon


@dataclass(frozen=True)
class Context:
    """One speech quote and what the sieves read around it."""

    doc: Doc
    quote: Quote
    quoted: Intervals  # every quote of the article: a speaker never stands inside quotation marks
    inner: list[Word]  # the quote's words
    sents: list[int]  # the quote's sentences


@dataclass(frozen=True)
class Finding:
    rule: str  # the sieve's name
    source: Word  # the head of the speaker's mention
    cue: Word | None = None


def context(doc: Doc, quote: Quote, quoted: Intervals) -> Context:
    inner = quote_words(doc, quote)
    sents = sorted({w.sent for w in inner})
    if not sents:
        s = doc.sentence_at(quote.start)
        sents = [s.index] if s else []
    return Context(doc, quote, quoted, inner, sents)


# --- The sieves ---

def governing_cue(ctx: Context) -> list[Finding]:
    """The nearest reporting verb outside the quote above a word of the quote in the tree
    ('Trump said "…"', 'he called it "a disaster"'), and its speaker."""
    cue = _governing_cue(ctx)
    source = source_of(ctx.doc, cue, ctx.quote, ctx.quoted) if cue is not None else None
    return [Finding("governing-cue", source, cue)] if source is not None else []


def nearby_cue(ctx: Context) -> list[Finding]:
    """A cue in the quote's sentences, or in the next when it only attributes ('"…" He said.'),
    nearest the quote first; a cue word tagged as a noun after a name counts ('"…," Conway notes')."""
    doc, quote = ctx.doc, ctx.quote
    ranked = []
    for s_idx in _candidate_sentences(ctx):
        own = s_idx in ctx.sents
        if not own and any(ctx.quoted.overlaps(w.start, w.end) for w in doc.sentence_words(s_idx)):
            continue  # a neighbour sentence with a quote of its own: its cue is that quote's
        for w in doc.sentence_words(s_idx):
            finding = None if ctx.quoted.covers(w.start) else _cue_finding(ctx, w, s_idx)
            if finding is not None:
                ranked.append(((not own, min(abs(w.start - quote.end), abs(quote.start - w.end))), finding))
    return [finding for _, finding in sorted(ranked, key=lambda r: r[0])]


def dash_signature(ctx: Context) -> list[Finding]:
    """'"…" -Commissioner Geoffrey Starks' after the quote, or on a short line of its own right
    after it ('"…" / - Bernie Sanders.')."""
    text, end = ctx.doc.text, ctx.quote.end
    dash = _DASH_SIGNATURE.match(text, end)
    if not dash:
        return []
    line_end = text.find("\n", dash.end())
    line_end = len(text) if line_end < 0 else line_end
    if dash.group("own_line") and line_end - dash.end() > SIGNATURE_LINE_CHARS:
        return []
    name = first_name_chain(ctx.doc.words_in(dash.end(), min(line_end, dash.end() + _SIGNATURE_NAME_CHARS)))
    return [Finding("dash-signature", name)] if name is not None else []


def bracket_signature(ctx: Context) -> list[Finding]:
    """'"…" (Donald Trump, at a rally in Ohio)': a full name opening a bracket after the quote,
    then a comma or the bracket's end (not "(Applause)" or "(AP Photo/…)")."""
    bracket = _BRACKET_SIGNATURE.match(ctx.doc.text, ctx.quote.end)
    if not bracket:
        return []
    words = ctx.doc.words_in(*bracket.span(1))
    run = next((k for k, w in enumerate(words) if not is_name_word(w)), len(words))
    if run >= 2 and (run == len(words) or words[run].text == ","):
        return [Finding("bracket-signature", first_name_chain(words))]
    return []


def lead_in_cue(ctx: Context) -> list[Finding]:
    """A line ending in a colon before a quote that opens its paragraph, with a cue: its speaker
    ('…must go to perform … He said:'), the cue nearest the colon first."""
    out = []
    for w in reversed(_lead_in_words(ctx)):
        if is_cue(ctx.doc, w):
            source = source_of(ctx.doc, w, ctx.quote, ctx.quoted)
            if source is not None:
                out.append(Finding("lead-in-cue", source, w))
    return out


def lead_in_name(ctx: Context) -> list[Finding]:
    """A lead-in line that names the speaker without a cue: 'And from Chairwoman Rosenworcel:'."""
    name = first_name_chain(_lead_in_words(ctx))
    return [Finding("lead-in-name", name)] if name is not None else []


def top_verb_subject(ctx: Context) -> list[Finding]:
    """No reporting verb: a quote inside a clause takes the person subject of the nearest verb
    above it that has one ('He jokes, "…"', 'she surmised', 'Clinton refused to say "…"', 'in
    which Clinton expressed confidence that … "…"')."""
    doc, quote = ctx.doc, ctx.quote

    def outside(x: Word) -> bool:
        return not inside(quote, x)

    if not ctx.inner:
        return []
    for _, node in ancestors(doc, ctx.inner[0]):
        if inside(quote, node) or node.upos != "VERB":
            continue
        for child in doc.children(node):
            if child.deprel in SUBJECT_RELS and outside(child) and \
                    (child.upos == "PROPN" or child.lower in SPEAKER_PRONOUNS):
                return [Finding("top-verb-subject", child, node)]
        missed = subject_the_parser_missed(doc, node, outside)
        if missed is not None:
            return [Finding("top-verb-subject", missed, node)]
    return []


Sieve = Callable[[Context], list[Finding]]
# The order is the rules' priority: a finding of an earlier sieve is the rules' pick.
SIEVES: tuple[Sieve, ...] = (governing_cue, nearby_cue, dash_signature, bracket_signature, lead_in_cue,
                             lead_in_name, top_verb_subject)


def first_finding(ctx: Context) -> Finding | None:
    """The rules' pick: the first finding of the first sieve that has one (later sieves are
    not run)."""
    if not ctx.sents:
        return None
    return next((finding for sieve in SIEVES for finding in sieve(ctx)), None)


# --- What the sieves share ---

def _governing_cue(ctx: Context) -> Word | None:
    for w in ctx.inner:
        for below, parent in ancestors(ctx.doc, w):
            if not inside(ctx.quote, parent) and is_cue(ctx.doc, parent):
                if below.deprel in SUBJECT_RELS:
                    break
                return parent
    return None


def _candidate_sentences(ctx: Context) -> list[int]:
    """The quote's sentences, the next one when the quote ends its sentence and the next
    sentence starts in the same paragraph ("…" He said. / "…" Said Mattis), and the one before
    when it ends in a colon right before the quote."""
    doc, quote, sents = ctx.doc, ctx.quote, ctx.sents
    out = list(sents)
    nxt = sents[-1] + 1
    if nxt < len(doc.sentences) and "\n" not in doc.text[quote.end:doc.sentences[nxt].start]:
        out.append(nxt)
    prev = sents[0] - 1
    if prev >= 0 and doc.text[doc.sentences[prev].start:quote.start].rstrip().endswith(":") and \
            "\n" not in doc.text[doc.sentences[prev].end:quote.start].strip(" \t"):
        out.append(prev)
    return out


def _cue_finding(ctx: Context, w: Word, s_idx: int) -> Finding | None:
    doc, quote = ctx.doc, ctx.quote
    if _mistagged_cue(doc, w, quote):
        source = first_name_chain(proper_run_before(doc, w))
        return Finding("mistagged-cue", source, w) if source is not None else None
    if (is_cue(doc, w) or _verb_right_after(doc, w, quote)) and \
            (s_idx <= ctx.sents[-1] or attributes_only(doc, w)):
        source = source_of(doc, w, quote, ctx.quoted)
        return Finding("nearby-cue", source, w) if source is not None else None
    return None


def _verb_right_after(doc: Doc, w: Word, quote: Quote) -> bool:
    """A verb that follows the quote at once, or after its speaker, is its cue whatever the
    verb ('"This is fantastic!" beamed Donald Hartley', '"…," he smiled'); so is one that
    introduces it with only a comma or colon between ('Hillary Clinton cracked, "…"')."""
    if w.upos != "VERB" or w.xpos not in ("VBD", "VBZ", "VBN") or \
            (w.xpos == "VBN" and any(c.upos == "AUX" for c in doc.children(w))):
        return False  # a past participle only when it stands for the past tense ('Hollande retaliated')
    if w.end <= quote.start:
        return doc.text[w.end:quote.start].strip(" \u00a0") in (",", ":")
    if w.start < quote.end:
        return False
    if not doc.text[quote.end:w.start].strip(" ,\u00a0"):
        return True
    between = [x for x in doc.words_in(quote.end, w.start) if any(c.isalnum() for c in x.text)]
    if not between or doc.text[quote.end:between[0].start].strip(" ,\u00a0\"'\u201d\u2019"):
        return False
    if len(between) == 1 and between[0].lower in THIRD_PERSON:
        return True
    # A short noun phrase: '"…?" Beck questioned.', '"…," an angry Hollande retaliated.'
    return len(between) <= 4 and between[-1].upos in ("PROPN", "NOUN") and \
        all(x.upos in ("DET", "ADJ", "PROPN", "NOUN") for x in between) and \
        (between[0].upos != "NOUN" or between[0].text[:1].isupper())


def _mistagged_cue(doc: Doc, w: Word, quote: Quote) -> bool:
    """A cue word after a name, tagged a noun: right after the quote ('"…," Conway notes.'),
    or inflected and introducing speech ('Pew notes that …', 'Conway says:')."""
    if w.upos != "NOUN" or w.lower not in CUE_FORMS or w.i == 0 or doc.words[w.i - 1].upos != "PROPN":
        return False
    name = doc.words[w.i - 1]
    if w.start >= quote.end and doc.text[quote.end:name.start].strip(" ,\u00a0").lower() in ("", "the"):
        return True  # '"…," the Saudis state in the paper
    nxt = next_word(doc, w)
    return w.lower.endswith(("s", "ed")) and nxt is not None and nxt.sent == w.sent and \
        (nxt.lower in ("that", ":", ",") or nxt.text in "\"\u201c\u201d'")


def _lead_in_words(ctx: Context) -> list[Word]:
    """The words of the line before the quote when it ends in a colon and the quote opens its
    paragraph; none otherwise."""
    text, start = ctx.doc.text, ctx.quote.start
    para_start = text.rfind("\n", 0, start)
    before = text[max(0, para_start - _LEAD_IN_CHARS):start]
    if para_start < 0 or text[para_start:start].strip() or not before.rstrip().endswith(":"):
        return []
    line_start = text.rfind("\n", 0, len(before.rstrip()) + max(0, para_start - _LEAD_IN_CHARS) - 1) + 1
    return ctx.doc.words_in(line_start, para_start)
