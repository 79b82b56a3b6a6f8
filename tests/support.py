"""Helpers the tests import (`from support import ...`; pytest puts tests/ on sys.path for its
conftest.py): the repository paths and a fake engine for web-layer tests."""
from __future__ import annotations

import re
import time
from pathlib import Path

from service.engine import DeadlineExceeded, Extraction, Quote, Span, Speaker, SpeakerRef

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


class FakeEngine:
    """Stands in for service.engine.Engine in web-layer tests. Finds "straight-quoted" spans; one
    followed by `Name said` is a direct quote with that speaker and cue, any other a scare quote
    (non-speech). `error` is raised by extract; `delay` seconds pass before it runs."""

    def __init__(self, ready=True, error: Exception | None = None, delay: float = 0.0):
        self.is_ready, self.error, self.delay = ready, error, delay
        self.calls: list[dict] = []

    def ready(self) -> bool:
        if isinstance(self.is_ready, Exception):
            raise self.is_ready
        return self.is_ready

    def extract(self, text, *, include_nonspeech=False, deadline=None):
        self.calls.append({"text": text, "include_nonspeech": include_nonspeech, "deadline": deadline})
        time.sleep(self.delay)
        if deadline is not None and time.monotonic() > deadline:
            raise DeadlineExceeded("the article took longer than the request time limit")
        if self.error:
            raise self.error
        result, speakers = Extraction(), {}
        for m in re.finditer(r'"([^"]*)"(?:,? (\w+) (said))?', text):
            kind = "direct" if m.group(2) else "scare"
            if kind == "scare" and not include_nonspeech:
                continue
            quote = Quote(m.group(1), m.start(), m.end(1) + 1, kind)
            if m.group(2):
                name = m.group(2)
                speaker = speakers.setdefault(name, Speaker(f"s{len(speakers) + 1}", name))
                mention = Span(name, m.start(2), m.end(2))
                speaker.mentions.append(mention)
                speaker.quotes.append(len(result.quotes))
                quote.speaker = SpeakerRef(name, mention, speaker.id)
                quote.cue, quote.attribution, quote.confidence = Span("said", m.start(3), m.end(3)), "explicit", 0.9
            result.quotes.append(quote)
        result.speakers = list(speakers.values())
        return result
