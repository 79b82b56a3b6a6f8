"""Honest confidence: P(quote and speaker both right), looked up from how often quotes with the
same attribution method and speech probability were right on the PolNeAR train split
(scripts/calibrate_confidence.py writes the table)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

TABLE_FILE = Path(__file__).with_name("data") / "confidence.json"
BINS = 5


def speech_bin(p_speech: float) -> int:
    return min(BINS - 1, max(0, int(p_speech * BINS)))


@lru_cache(maxsize=1)
def _table() -> dict[str, list[float]]:
    return json.loads(TABLE_FILE.read_text(encoding="utf-8"))["accuracy"]


def confidence(method: str, p_speech: float) -> float:
    row = _table().get(method)
    return round(row[speech_bin(p_speech)], 3) if row else 0.0
