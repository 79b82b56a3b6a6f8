"""Plain data objects the engine returns. No Flask, no Stanza: the web layer serialises these."""
from __future__ import annotations

from dataclasses import dataclass, field

# Quote types. Speech: direct (a full sentence or more), partial (a fragment inside paraphrase),
# turn (an interview's question or answer, a transcript's labelled line, in no quotation marks;
# it may hold quotes of its own). Non-speech quoted text, only reported when asked for: name (nicknames,
# named operations, titles of works) and scare (scare quotes, words mentioned as words).
SPEECH_TYPES = ("direct", "partial", "turn")
NONSPEECH_TYPES = ("name", "scare")
QUOTE_TYPES = SPEECH_TYPES + NONSPEECH_TYPES

# How a quote's speaker was found.
ATTRIBUTIONS = ("explicit", "pronoun", "continuation", "context", "none")


@dataclass(frozen=True)
class Span:
    """A piece of the submitted text: text == article[start:end] (code point offsets)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SpeakerRef:
    """The speaker of one quote: the mention the attribution rests on, and the resolved name."""

    name: str
    mention: Span
    id: str


@dataclass
class Quote:
    text: str  # the words, without the outer quotation marks
    start: int  # span INCLUDING the marks (a turn: its words, after its label)
    end: int
    type: str  # one of QUOTE_TYPES
    speaker: SpeakerRef | None = None
    cue: Span | None = None
    attribution: str = "none"  # one of ATTRIBUTIONS
    confidence: float = 0.0
    closed: bool = True  # False when the closing mark is missing (span ends at the paragraph end)
    speech_probability: float = 0.0  # the speech classifier's output, before attribution
    contested: bool = False  # another candidate speaker scored close to the one chosen
    rule: str | None = None  # the step or sieve that found the speaker (speakers.STEPS, sieves.SIEVES)


@dataclass
class Speaker:
    id: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)  # indexes into Extraction.quotes


@dataclass
class Extraction:
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
