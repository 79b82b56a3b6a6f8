"""Hard-wrapped copy (wire stories, e-mail, text pasted from PDFs) breaks lines every ~70
characters inside paragraphs; the engine reads such a text with those breaks as spaces, one
character for one, so every offset stays an offset into the text sent."""
from __future__ import annotations

import dataclasses
import re

from .model import Extraction, Quote, Span

# A paragraph ends at a blank line or where the next line is indented ("    The company said …").
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0\r]*\n|\n(?=[ \t\u00a0])")
_PARAGRAPH_BREAK_KEPT = re.compile(f"({_PARAGRAPH_BREAK.pattern})")  # split() keeps what it splits at
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)]$")
WRAP_WIDTH_MAX = 100  # characters: a wrapped line is no longer than this
WRAPPED_LINES_MIN = 5  # the fewest lines inside paragraphs that tell a wrapped layout
FULL_LINE_SHARE = 0.8  # of those lines, the share that fills at least FULL_LINE of the widest
FULL_LINE = 0.75
# Wrapped lines end mid-sentence, lines of a transcript or one line per paragraph do not: of
# the lines, at least this share (with nothing between paragraphs, of the full lines).
MID_SENTENCE_SHARE = 0.6


def is_hard_wrapped(text: str) -> bool:
    """Paragraphs apart by blank or indented lines, and inside them lines of nearly one width."""
    lines = [line.rstrip() for block in _PARAGRAPH_BREAK.split(text) for line in block.strip("\n").split("\n")[:-1]]
    width = _wrap_width(lines)
    if width is None:
        return False
    return len(_full_lines(lines, width)) >= FULL_LINE_SHARE * len(lines) and _mid_sentence(lines)


def wrapped_width(text: str) -> int | None:
    """The width of copy wrapped with nothing between its paragraphs: lines of at most
    WRAP_WIDTH_MAX characters, most of them near the widest and ending mid-sentence (a short
    line ends a paragraph); None for any other layout."""
    lines = [line.rstrip() for line in text.strip("\n").split("\n")][:-1]
    width = _wrap_width(lines)
    if width is None:
        return None
    full = _full_lines(lines, width)
    return width if len(full) >= max(WRAPPED_LINES_MIN, len(lines) / 2) and _mid_sentence(full) else None


def _wrap_width(lines: list[str]) -> int | None:
    """The widest line, when there are WRAPPED_LINES_MIN lines and none wider than a wrap."""
    width = max(map(len, lines)) if len(lines) >= WRAPPED_LINES_MIN else None
    return width if width is not None and width <= WRAP_WIDTH_MAX else None


def _full_lines(lines: list[str], width: int) -> list[str]:
    return [line for line in lines if len(line) >= FULL_LINE * width]


def _mid_sentence(lines: list[str]) -> bool:
    """Do most of the lines end mid-sentence, as wrapped lines do (a transcript's lines do not)?"""
    return sum(not _SENTENCE_END.search(line) for line in lines) >= MID_SENTENCE_SHARE * len(lines)


def unwrapped(text: str) -> str:
    """The text with every line break inside a paragraph made a space when it is hard-wrapped
    (with nothing between paragraphs, the break after each full line); else the text itself."""
    if "\n" not in text:
        return text
    if is_hard_wrapped(text):
        pieces = _PARAGRAPH_BREAK_KEPT.split(text)  # paragraphs and the breaks between them, in turn
        return "".join(piece if k % 2 else piece.replace("\n", " ") for k, piece in enumerate(pieces))
    width = wrapped_width(text)
    if width is None:
        return text
    lines = text.split("\n")
    breaks = [" " if len(line.rstrip()) >= FULL_LINE * width else "\n" for line in lines[:-1]]
    return "".join(line + brk for line, brk in zip(lines, breaks + [""]))


def resliced(result: Extraction, analysed: str, text: str) -> Extraction:
    """The extraction made from `analysed` with every piece of text cut anew from `text`, the
    text sent (the same offsets)."""
    if analysed is text:
        return result
    quotes = [_quote_in(q, analysed, text) for q in result.quotes]
    speakers = [dataclasses.replace(s, mentions=[_span_in(m, text) for m in s.mentions]) for s in result.speakers]
    return Extraction(quotes=quotes, speakers=speakers)


def _quote_in(quote: Quote, analysed: str, text: str) -> Quote:
    inner = analysed.find(quote.text, quote.start, quote.end) if quote.text else -1
    words = text[inner:inner + len(quote.text)] if inner >= 0 else quote.text
    speaker = quote.speaker and dataclasses.replace(quote.speaker, mention=_span_in(quote.speaker.mention, text))
    return dataclasses.replace(quote, text=words, cue=quote.cue and _span_in(quote.cue, text), speaker=speaker)


def _span_in(span: Span, text: str) -> Span:
    return Span(text[span.start:span.end], span.start, span.end)
