"""Code point offsets (Python str indices) to UTF-16 code unit offsets (JavaScript, Java, .NET).

A character outside the Basic Multilingual Plane (most emoji, U+10000 and above) is one code
point but two UTF-16 code units, so every offset after it moves up by one.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_converter(text: str) -> Callable[[int], int]:
    """Return f with f(i) == len(text[:i].encode('utf-16-le')) // 2 for 0 <= i <= len(text),
    in O(log n) per call after one O(n) scan."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda i: i + bisect.bisect_left(astral, i)


def utf16_length(text: str) -> int:
    return utf16_converter(text)(len(text))
