"""Hard-wrapped copy (wire stories, e-mail, text pasted from PDFs) breaks lines every ~70
characters inside paragraphs; the engine reads such a text with those breaks as spaces, one
character for one, so every offset stays an offset into the text sent."""
from __future__ import annotations

import dataclasses
import re

from .model import Extraction, Quote, Span

_BLANK_LINE = re.compile(r"\n[ \t\u00a0\r]*\n")
_BLANK_LINE_KEPT = re.compile(f"({_BLANK_LINE.pattern})")  # split() keeps what it splits at
WRAP_WIDTH_MAX = 100  # characters: a wrapped line is no longer than this
WRAPPED_LINES_MIN = 5  # the fewest lines inside paragraphs that tell a wrapped layout
FULL_LINE_SHARE = 0.8  # of those lines, the share that fills at least FULL_LINE of the widest
FULL_LINE = 0.75


def is_hard_wrapped(text: str) -> bool:
    """Paragraphs apart by blank lines, and inside them lines of nearly one width."""
    widths = [len(line.rstrip()) for block in _BLANK_LINE.split(text)
              for line in block.strip("\n").split("\n")[:-1]]
    if len(widths) < WRAPPED_LINES_MIN or max(widths) > WRAP_WIDTH_MAX:
        return False
    full = sum(width >= FULL_LINE * max(widths) for width in widths)
    return full >= FULL_LINE_SHARE * len(widths)


def unwrapped(text: str) -> str:
    """The text with every line break inside a paragraph made a space when it is hard-wrapped;
    else the text itself."""
    if "\n" not in text or not is_hard_wrapped(text):
        return text
    pieces = _BLANK_LINE_KEPT.split(text)  # paragraphs and the blank lines between them, in turn
    return "".join(piece if k % 2 else piece.replace("\n", " ") for k, piece in enumerate(pieces))


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
