"""The engine's one entry point: `Engine(model_dir).extract(text) -> Extraction`."""
from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable

from . import cues, quotes, speakers
from .errors import DeadlineExceeded
from .layout import Turn, transcript_turns
from .marks import find_quoted_spans
from .model import SPEECH_TYPES, Extraction, Quote
from .parse import Doc, Parser, check_model_dir
from .wrapping import resliced, unwrapped

__all__ = ["Engine", "check_model_dir"]


class Engine:
    """Loads the Stanza models once; `extract` is then safe to call for any text."""

    def __init__(self, model_dir: str | os.PathLike, *, threads: int | None = None, full_parse: bool = False):
        if threads:
            import torch

            torch.set_num_threads(threads)
        self.parser = Parser(model_dir)
        self.full_parse = full_parse  # parse every sentence (the baseline the fast path is measured against)
        # The models are a great many long-lived objects that every full garbage collection would
        # walk again (a fourteenth of extraction CPU): they, and all else alive now, are moved out
        # of its reach. The server freezes once more after its warm-up parse, before forking.
        gc.freeze()

    def ready(self) -> bool:
        """A tiny end-to-end run: the models are loaded and answer."""
        result = self.extract('"We are ready," she said.')
        return len(result.quotes) == 1 and result.quotes[0].speaker is not None

    def analyse(self, text: str, deadline: float | None = None) -> tuple[Doc, list]:
        """Tokenize, find quoted spans and parse what attribution needs."""
        check = _deadline_check(deadline)
        spans = find_quoted_spans(text)
        doc = self.parser.tokenize(text, between=check)
        if self.full_parse:
            self.parser.parse(doc, list(range(len(doc.sentences))), between=check)
        else:
            self.parser.parse(doc, cues.sentences_to_parse(doc, spans), between=check,
                              elide=cues.words_to_elide(doc, spans))
        return doc, spans

    def extract(self, text: str, *, include_nonspeech: bool = False, deadline: float | None = None) -> Extraction:
        analysed = unwrapped(text)
        doc, spans = self.analyse(analysed, deadline)
        check = _deadline_check(deadline)
        result = extract_parsed(doc, spans, include_nonspeech=include_nonspeech, check=check)
        more = cues.sentences_to_revisit(doc, result.quotes)
        if more:  # a speaker may be named in sentences not parsed yet: parse them, run again
            self.parser.parse(doc, more, between=check)
            result = extract_parsed(doc, spans, include_nonspeech=include_nonspeech, check=check)
        return resliced(result, analysed, text)


def extract_parsed(doc: Doc, spans: list, *, include_nonspeech: bool = False,
                   check: Callable[[], None] | None = None) -> Extraction:
    """The engine's logic over an already parsed document (no Stanza needed). `check` is
    called between quotes, in classification and attribution, and raises `DeadlineExceeded` to stop."""
    found = quotes.classify(doc, spans, check)
    if not include_nonspeech:
        found = [q for q in found if q.type in SPEECH_TYPES]
    turns = _turns_around(doc.text, found)
    found = _with_turns(doc.text, found, turns)
    if check is not None:
        check()
    attributed, people = speakers.attribute(doc, found, check, turns)
    return Extraction(quotes=attributed, speakers=people)


def _turns_around(text: str, found: list[Quote]) -> list[Turn]:
    """The transcript's turns; a turn is only ever around quotes: one inside a quote, or across
    one, is none."""
    return [t for t in transcript_turns(text) if all(_apart_or_held(t, q) for q in found)]


def _with_turns(text: str, found: list[Quote], turns: list[Turn]) -> list[Quote]:
    """The quotes and the turns as quotes, in the text's order (a turn before the quotes it holds)."""
    as_quotes = [Quote(text[t.start:t.end], t.start, t.end, "turn", speech_probability=1.0) for t in turns]
    return sorted(found + as_quotes, key=lambda q: (q.start, -q.end)) if turns else found


def _apart_or_held(turn: Turn, quote: Quote) -> bool:
    if quote.end <= turn.start or turn.end <= quote.start:
        return True
    return turn.start <= quote.start and quote.end <= turn.end and (quote.start, quote.end) != (turn.start, turn.end)


def _deadline_check(deadline: float | None) -> Callable[[], None]:
    def check() -> None:
        if deadline is not None and time.monotonic() > deadline:
            raise DeadlineExceeded("the article took longer than the request time limit")
    return check
