"""Find quoted spans from quotation marks alone, over the raw text.

Works on exactly the text received, so every offset is a code point index into it. Knows the
marks newsrooms type: straight and curly doubles, single quotes (told apart from apostrophes),
guillemets, „…“, mixed pairs, two apostrophes (''…'') and ``…'', space-padded marks in
pre-tokenized text. A quote may run over several paragraphs when each re-opens with a mark; an
unbalanced mark never runs past its paragraph.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import INTERRUPTION_CHARS

# Multi-character marks come first so the scanner prefers them.
DOUBLE_OPEN = ("``", "\u201c", "\u201e", "\u00ab", "\u201f")  # `` “ „ « ‟
DOUBLE_CLOSE = ("\u2019\u2019", "\u201d", "\u00bb")  # ’’ ” »
DOUBLE_EITHER = ("''", '"', "\uff02")  # '' " ＂
SINGLE_OPEN = ("\u2018", "\u201a", "\u2039")  # ‘ ‚ ‹
SINGLE_CLOSE = ("\u2019", "\u203a")  # ’ ›
SINGLE_EITHER = ("'",)
# Single closing marks that never open a quote (› ); a ’ may be typed where ‘ belongs.
SINGLE_CLOSE_ONLY = tuple(m for m in SINGLE_CLOSE if m != "\u2019")

_DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER
_MARK_RE = re.compile(
    "|".join(re.escape(m) for m in sorted(_DOUBLE_MARKS + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER,
                                          key=len, reverse=True))
)
ALL_MARK_CHARS = frozenset("".join(_DOUBLE_MARKS + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER + ("`",)))

# Space-like: what may stand before an opening mark or after a closing one.
_OPEN_CONTEXT = set(" \t\n\r\f\v\u00a0\u2028\u2029\u200b\u2009\u202f([{/\u2014\u2013-")
_CLOSE_CONTEXT = set(" \t\n\r\f\v\u00a0\u2028\u2029\u200b\u2009\u202f)]}/\u2014\u2013-.,;:!?\u2026")
# Apostrophes that begin a word: 'em, 'til, 'cause, 'n', '90s.
_ELISION_RE = re.compile(r"(?:em|til|cause|bout|n[\u2019']|\d\d(?:s|\b))", re.IGNORECASE)
_BLANK_LINE_RE = re.compile(r"\n[ \t\u00a0\u200b\f\v]*\n|\r\n[ \t\u00a0\u200b]*\r\n|\u2029")
_LINE_BREAK_RE = re.compile(r"\r\n|[\n\r\u2028\u0085\v\f]")
_SENTENCE_END_BEFORE = re.compile(r"[.!?\u2026][ \t\u00a0]+\Z")
_SPACE = frozenset(" \t\n\r\f\v\u00a0\u2028\u2029\u200b\u2009\u202f\ufeff\u0085")
# A line that opens with a name and a colon: a headline's speaker ("Graham: Trump's 'Incredibly
# Hateful Rhetoric' …") or a transcript's ("Lopez: Well, no one is like, '…'").
SPEAKER_LINE_RE = re.compile(r"[ \t\u00a0]*((?:[A-Z][\w.'\u2019-]*[ \u00a0]){0,4}[A-Z][\w.'\u2019-]*):[ \u00a0]")
MAX_SINGLE_QUOTE_CHARS = 400  # a single-quoted span longer than this is an apostrophe misread


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    text: str

    @property
    def double(self) -> bool:
        return self.text in _DOUBLE_MARKS


@dataclass(frozen=True)
class QuotedSpan:
    """A stretch of text between quotation marks. start/end include the marks."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    double: bool
    closed: bool  # False: no closing mark; the span ends at its paragraph's end

    def inner(self, text: str) -> str:
        return text[self.inner_start:self.inner_end]


LINE_SPEAKER_REACH = 300  # characters back to the line's start; bounds the search in huge lines


def line_speaker(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the name opening the line that `pos` is on, when the line opens "Name: "
    before pos (not a label like "UPDATE:" or "The Latest:")."""
    lo = max(0, pos - LINE_SPEAKER_REACH)
    line_start = max(text.rfind("\n", lo, pos), text.rfind("\r", lo, pos)) + 1
    if line_start == 0 and lo > 0:
        return None
    m = SPEAKER_LINE_RE.match(text, line_start)
    if m is None or m.end() > pos or m.group(1).startswith(("The ", "A ", "An ")):
        return None
    if m.group(1).isupper() and not _surname_in(text, m.group(1)):
        return None  # "UPDATE:", "BREAKING:"; but a transcript's "SMITH:" when the article names Zadie Smith
    return m.start(1), m.end(1)


def _surname_in(text: str, label: str) -> bool:
    """Does the text name someone with this (capitals) label as surname: "Zadie Smith" for "SMITH"?"""
    surname = label.split()[-1].title()
    return re.search(rf"\b[A-Z][a-z]+[ \u00a0]+(?:[A-Z][a-z.]*[ \u00a0]+)?{re.escape(surname)}\b", text) is not None


def interruption_gap(text: str, end: int, start: int) -> bool:
    """The text between a quote ending at `end` and the next starting at `start` can be the
    attribution that interrupts one sentence of speech ('"…," said X, "…"'): short, on one line,
    ending with a comma."""
    gap = text[end:start]
    return len(gap) <= INTERRUPTION_CHARS and "\n" not in gap and gap.rstrip().endswith(",")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: separated by blank lines, by U+2029, or by a line break before a line
    that opens with a quotation mark or a capital after a sentence end (a single newline inside
    a sentence is a wrapped line)."""
    spans, start = [], 0
    for m in _BLANK_LINE_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for p_start, p_end in spans:
        cut = p_start
        for m in _LINE_BREAK_RE.finditer(text, p_start, p_end):
            if _starts_new_paragraph(text, cut, m.start(), m.end(), p_end):
                out.append((cut, m.start()))
                cut = m.end()
        out.append((cut, p_end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _starts_new_paragraph(text: str, line_start: int, brk: int, after: int, p_end: int) -> bool:
    nxt = after
    while nxt < p_end and text[nxt] in _SPACE:
        nxt += 1
    if nxt >= p_end:
        return False
    prev = text[line_start:brk].rstrip()
    if not prev:
        return False
    if text[nxt] in ALL_MARK_CHARS:
        return True
    return prev[-1] in ".!?:\u201d\"\u2019)" and not text[nxt].islower()


# An HTML/XML tag, comment or declaration; group 1 is the element name of a tag.
TAG_RE = re.compile(r"<(?:/?([A-Za-z][\w:-]*)|[!?])[^<>]{0,2000}>")


def find_marks(text: str, start: int, end: int) -> list[Mark]:
    """Quotation marks in text[start:end], leaving out those inside HTML/XML tags (attribute values)."""
    tags = Intervals([m.span() for m in TAG_RE.finditer(text, start, end)])
    return [Mark(m.start(), m.end(), m.group()) for m in _MARK_RE.finditer(text, start, end)
            if not tags.covers(m.start())]


def _role(text: str, mark: Mark, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' from the characters around the mark."""
    prev = text[mark.start - 1] if mark.start > lo else None
    nxt = text[mark.end] if mark.end < hi else None
    right = nxt is None or nxt in _CLOSE_CONTEXT or nxt in ALL_MARK_CHARS
    if prev is not None and prev in ",;:":
        left = not right  # said,"We are (opens) but racist,' but (closes)
    else:
        left = prev is None or prev in _OPEN_CONTEXT or prev in ALL_MARK_CHARS
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span in the text, in order, outermost only (a quote inside a quote stays
    inside its outer quote). In British and Commonwealth style (single marks for speech, double
    ones inside them) single marks pair the way double ones do elsewhere."""
    paras = paragraphs(text)
    if singles_are_speech_marks(text, paras):
        singles = _pair_speech_singles(text, paras)
        taken = Intervals([(q.start, q.end) for q in singles])
        doubles = [q for q in _pair_doubles(text, paras) if not taken.overlaps(q.start, q.end)]
    else:
        doubles = _pair_doubles(text, paras)
        singles = _pair_singles(text, paras, doubles)
        taken = Intervals([(q.start, q.end) for q in singles])  # 'I told him, "No."': British nesting
        doubles = [q for q in doubles if not taken.overlaps(q.start, q.end)]
    spans = sorted(doubles + singles, key=lambda q: q.start)
    return [q for q in spans if any(c.isalnum() for c in text[q.inner_start:q.inner_end])]


def singles_are_speech_marks(text: str, paras: list[tuple[int, int]]) -> bool:
    """The article's house style: more single marks that open a quote than double marks of any
    kind. US copy uses singles only in headlines and inside quotes, so it stays below."""
    openers = doubles = 0
    for p_start, p_end in paras:
        marks = find_marks(text, p_start, p_end)
        skip = _apostrophes(text, marks, p_start, p_end)
        for k, mark in enumerate(marks):
            if mark.double:
                doubles += 1
            elif k not in skip and mark.text not in SINGLE_CLOSE_ONLY and _role(text, mark, p_start, p_end) == "open":
                openers += 1
    return openers > doubles


def _apostrophes(text: str, marks: list[Mark], lo: int, hi: int) -> set[int]:
    """Indexes of the single marks that are apostrophes: inside a word (it's, O'Donnell) or
    opening an elision ('90s, 'em), with the second mark of rock 'n' roll."""
    out: set[int] = set()
    for k, mark in enumerate(marks):
        if mark.double:
            continue
        before = text[mark.start - 1] if mark.start > lo else ""
        after = text[mark.end] if mark.end < hi else ""
        if before.isalnum() and after.isalnum():
            out.add(k)
            continue
        elision = _ELISION_RE.match(text, mark.end) if not before.isalnum() else None
        if elision:
            out.update(j for j in range(k, len(marks)) if marks[j].start < elision.end())
    return out


def _pair_speech_singles(text: str, paras: list[tuple[int, int]]) -> list[QuotedSpan]:
    """Single marks as an article's speech marks: a quote may run over paragraphs that re-open
    with a mark, a single quote inside a single quote nests, apostrophes are skipped, and an
    unclosed quote ends at its paragraph's end."""
    out: list[QuotedSpan] = []
    open_mark: Mark | None = None
    depth = 0  # quotes opened inside the open one
    for k, (p_start, p_end) in enumerate(paras):
        marks = _single_marks(text, p_start, p_end)
        skip = _apostrophes(text, marks, p_start, p_end)
        if open_mark is not None:  # this paragraph re-opens the quote: its first mark is no news
            skip.add(next((j for j in range(len(marks)) if j not in skip), -1))
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        reopened = nxt is not None and _reopens(text, nxt, single=True)
        for idx, mark in enumerate(marks):
            if idx in skip:
                continue
            role = _role(text, mark, p_start, p_end)
            if open_mark is None:
                if role == "open" and mark.text not in SINGLE_CLOSE_ONLY:
                    open_mark, depth = mark, 0
            elif role == "open" and mark.end < p_end:
                if depth or not _runs_on(text, open_mark, mark, role):
                    depth += 1  # a quote inside the quote (else a lost paragraph break: it runs on)
            elif role != "open" and not _later_closer(text, marks, idx, skip, (p_start, p_end),
                                                      reopened and _opens_sentences(text, open_mark, p_start)):
                if depth:
                    depth -= 1
                    continue
                out.append(QuotedSpan(open_mark.start, mark.end, open_mark.end, mark.start,
                                      double=False, closed=True))
                open_mark = None
        if open_mark is not None:
            if reopened and _opens_sentence(text, open_mark, p_end):
                depth = 0
                continue
            out.append(_unterminated(text, open_mark, p_end))
            open_mark = None
    return out


def _single_marks(text: str, lo: int, hi: int) -> list[Mark]:
    """The single marks of text[lo:hi], a doubled closing one (’’) as the two it is: a
    quote inside a quote and the quote itself closing together."""
    out = []
    for mark in find_marks(text, lo, hi):
        if mark.text == "\u2019\u2019":
            out += [Mark(mark.start, mark.start + 1, "\u2019"), Mark(mark.start + 1, mark.end, "\u2019")]
        elif not mark.double:
            out.append(mark)
    return out


def _later_closer(text: str, marks: list[Mark], idx: int, skip: set[int], para: tuple[int, int],
                  runs_on: bool) -> bool:
    """A plural possessive (the players' union) yields to a closing mark later in its paragraph,
    or, when `runs_on`, to the next paragraph that re-opens the quote; unless another quote
    opens first ('Boasters' and 'Blasphemers')."""
    if not _possessive(text, marks[idx], para[1]):
        return False
    for j in range(idx + 1, len(marks)):
        role = "skip" if j in skip else _role(text, marks[j], *para)
        if role in ("open", "close"):
            return role == "close"
    return runs_on and text[marks[idx].end + 1].islower()


def _opens_sentences(text: str, mark: Mark, para_start: int) -> bool:
    """The quote opens its paragraph or follows a finished sentence, on a capital: speech that
    may run on over paragraphs, not a phrase quoted inside one."""
    before = text[max(para_start, mark.start - 3):mark.start]
    return (mark.start == para_start or _SENTENCE_END_BEFORE.search(before) is not None or
            before.rstrip().endswith(":")) and _opens_sentence(text, mark, mark.end + 3)


def _pair_doubles(text: str, paras: list[tuple[int, int]]) -> list[QuotedSpan]:
    out: list[QuotedSpan] = []
    open_mark: Mark | None = None  # the mark that opened the current quote
    for k, (p_start, p_end) in enumerate(paras):
        marks = [m for m in find_marks(text, p_start, p_end) if m.double]
        if open_mark is not None:  # re-opened at this paragraph's start (checked below): no news
            marks = marks[1:]
        open_mark = _pair_in_paragraph(text, marks, (p_start, p_end), open_mark, out)
        if open_mark is not None:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            if nxt is not None and _reopens(text, nxt) and _opens_sentence(text, open_mark, p_end):
                continue
            out.append(_unterminated(text, open_mark, p_end))
            open_mark = None
    return out


def _pair_in_paragraph(text: str, marks: list[Mark], para: tuple[int, int], open_mark: Mark | None,
                       out: list[QuotedSpan]) -> Mark | None:
    """Pair one paragraph's double marks onto `out`; returns the mark still open at its end."""
    nested = False  # inside a straight-marked quote within a curly one
    for mark in marks:
        role = _role(text, mark, *para)
        if open_mark is None:
            if not _stray_closer(mark, role):
                open_mark = mark
            continue
        if open_mark.text not in DOUBLE_EITHER and mark.text in DOUBLE_EITHER and (role == "open" or nested):
            nested = not nested  # straight marks inside a curly quote: a nested quote opens or closes
            continue
        if _runs_on(text, open_mark, mark, role):
            continue
        if _closes(text, open_mark, mark, role):
            out.append(QuotedSpan(open_mark.start, mark.end, open_mark.end, mark.start, double=True, closed=True))
            open_mark = None
        else:  # a fresh opening mark while a quote is open: the earlier one was never closed
            out.append(_unterminated(text, open_mark, mark.start))
            open_mark = mark
    return open_mark


def _stray_closer(mark: Mark, role: str) -> bool:
    """A closing mark with nothing open."""
    return (mark.text in DOUBLE_CLOSE and role != "open") or (mark.text in DOUBLE_EITHER and role == "close")


def _closes(text: str, open_mark: Mark, mark: Mark, role: str) -> bool:
    return (mark.text in DOUBLE_CLOSE
            or (mark.text in DOUBLE_EITHER and not _reopens_mid_line(text, mark, role))
            or (open_mark.text == "\u201e" and mark.text == "\u201c")  # „…“
            or role == "close")  # an opening mark typed where a closing one belongs


def _runs_on(text: str, open_mark: Mark, mark: Mark, role: str) -> bool:
    """'"We will not back down. "The public is with us," she said.': a mark of the open quote's
    kind opening a sentence after a finished one, while that quote (which opened on a capital)
    is open, re-opens it after a lost paragraph break: the quote runs on, as over paragraphs."""
    same_kind = (mark.text in DOUBLE_EITHER + SINGLE_EITHER) == (open_mark.text in DOUBLE_EITHER + SINGLE_EITHER)
    return same_kind and _reopens_mid_line(text, mark, role) and _opens_sentence(text, mark, mark.end + 3) and \
        _opens_sentence(text, open_mark, mark.start)


def _reopens_mid_line(text: str, mark: Mark, role: str) -> bool:
    """'"…end of one paragraph. "Next paragraph …': a straight mark that opens a word after a
    finished sentence re-opens a quote whose paragraph break was lost; it closes nothing."""
    return role == "open" and _SENTENCE_END_BEFORE.search(text, max(0, mark.start - 4), mark.start) is not None


def _reopens(text: str, para: tuple[int, int], single: bool = False) -> bool:
    """Does this paragraph begin with an opening mark of the speech kind (continuing a quote)?"""
    marks = find_marks(text, para[0], min(para[1], para[0] + 3))
    if not marks or text[para[0]:marks[0].start].strip() or marks[0].double == single:
        return False
    closers = SINGLE_CLOSE_ONLY if single else DOUBLE_CLOSE
    return marks[0].text not in closers and _role(text, marks[0], *para) != "close"


def _opens_sentence(text: str, mark: Mark, stop: int) -> bool:
    """A quote that runs on into the next paragraph starts a sentence; one opening on a lowercase
    fragment ('a "routine check.') is a stray partial quote, closed at its paragraph's end."""
    first = next((c for c in text[mark.end:stop] if c.isalnum()), "")
    return not first.islower()


def _unterminated(text: str, open_mark: Mark, stop: int) -> QuotedSpan:
    end = stop
    while end > open_mark.end and text[end - 1] in _SPACE:
        end -= 1
    return QuotedSpan(open_mark.start, end, open_mark.end, end, double=open_mark.double, closed=False)


def _pair_singles(text: str, paras: list[tuple[int, int]], doubles: list[QuotedSpan]) -> list[QuotedSpan]:
    """Single-quoted spans outside double quotes. An opener needs a closer in the same paragraph;
    apostrophes (don't, Mattis', rock 'n' roll, '90s) are told apart by their context."""
    inside = Intervals([(q.start, q.end) for q in doubles])
    out: list[QuotedSpan] = []
    for p_start, p_end in paras:
        marks = [m for m in find_marks(text, p_start, p_end) if not m.double and not inside.covers(m.start)]
        skip = _apostrophes(text, marks, p_start, p_end)
        marks = [m for k, m in enumerate(marks) if k not in skip]
        i = 0
        while i < len(marks):
            mark = marks[i]
            if not _single_opener(text, mark, p_start, p_end):
                i += 1
                continue
            close = _single_closer(text, marks, i, p_start, p_end)
            if close is None:
                i += 1
                continue
            out.append(QuotedSpan(mark.start, marks[close].end, mark.end, marks[close].start,
                                  double=False, closed=True))
            i = close + 1
    return out


def _single_opener(text: str, mark: Mark, lo: int, hi: int) -> bool:
    if mark.text in SINGLE_CLOSE_ONLY:
        return False
    if _role(text, mark, lo, hi) != "open":
        return False
    return not _ELISION_RE.match(text, mark.end)


def _single_closer(text, marks, i, lo, hi) -> int | None:
    opener = marks[i]
    candidates = []
    for j in range(i + 1, len(marks)):
        mark = marks[j]
        if mark.start - opener.end > MAX_SINGLE_QUOTE_CHARS:
            break
        if mark.text in SINGLE_OPEN:
            continue
        if _role(text, mark, lo, hi) == "close" and mark.start > opener.end:
            candidates.append(j)
    if not candidates:
        return None
    # "Mattis' remarks": a plural possessive is a closer only when nothing better follows.
    for j in candidates:
        if not _possessive(text, marks[j], hi):
            return j
    return candidates[0]


def _possessive(text: str, mark: Mark, hi: int) -> bool:
    return (text[mark.start - 1] in "sSzZ" and mark.end + 1 < hi and text[mark.end] == " "
            and text[mark.end + 1].isalnum())


class Intervals:
    """Sorted, non-overlapping intervals with point and range queries in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, end - 1) - 1  # last interval starting before end
        return k >= 0 and self.spans[k][1] > start

    def covers(self, pos: int) -> bool:
        return self.overlaps(pos, pos + 1)
