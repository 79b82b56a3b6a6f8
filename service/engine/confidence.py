"""Honest confidence: P(quote and speaker both right), looked up from how often quotes with the
same evidence (attribution method, and whether the speaker ranker's choice was contested) and
speech probability were right on the PolNeAR train split (scripts/calibrate_confidence.py
writes the table)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .model import ATTRIBUTIONS

TABLE_FILE = Path(__file__).with_name("data") / "confidence.json"
BINS = 5


_RANKED = ("explicit", "pronoun")  # the methods whose speaker the ranker chose


def evidence(method: str, contested: bool) -> str:
    """The table row: the method, marked when the ranker's choice of speaker was contested."""
    return f"{method}, contested" if contested and method in _RANKED else method


EVIDENCE = tuple(evidence(m, c) for m in ATTRIBUTIONS for c in (False, True) if not c or m in _RANKED)


def speech_bin(p_speech: float) -> int:
    return min(BINS - 1, max(0, int(p_speech * BINS)))


@lru_cache(maxsize=1)
def _table() -> dict[str, list[float]]:
    return json.loads(TABLE_FILE.read_text(encoding="utf-8"))["accuracy"]


def confidence(key: str, p_speech: float) -> float:
    row = _table().get(key)
    return round(row[speech_bin(p_speech)], 3) if row else 0.0
