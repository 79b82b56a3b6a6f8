"""Words and sentences of a text by rule: spaCy's English tokenizer (no model) and sentence
ends at line breaks and at terminal punctuation before a capital.

Stanza's neural tokenizer cost as much CPU as tagging and parsing together (issue 19) and
split English news no better: it ended sentences after "Sen." and "Feb." where these rules
do not. spaCy's tokenizer already splits words as UD English does ("do n't", "Trump 's",
"gon na", "can not"), which is what the Stanza tagger and parser were trained on.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .lexicon import ABBREVIATED_TITLES, NUMBER_ABBREVIATIONS, SENTENCE_OPENERS

# Tokens that end a sentence, and what may follow them inside it (closing marks, more dots).
_TERMINAL = re.compile(r"[.!?\u2026]+")
_CLOSERS = frozenset("\u201d\u2019\"')]\u00bb")
_OPENERS = frozenset("\u201c\u2018\"'([\u00ab")


# spaCy's vocabulary keeps every new word it meets: past this many, the tokenizer is built anew
# (a tenth of a second), so a long-running worker's memory stays bounded.
VOCABULARY_LIMIT = 50_000


class Token(NamedTuple):
    text: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy  # deferred: a second's import, only where text is tokenized
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("en")
    # Hyphenated compounds ("gun-controlled", "ten-point") stay one word, as in UD English.
    hyphen = "(?:-|\u2013|\u2014|--|---|\u2014\u2014|~)"
    infixes = [p for p in nlp.Defaults.infixes if hyphen not in p]
    infixes.append(r"(?<=[0-9A-Za-z])(?:\u2013|\u2014|--|---|\u2014\u2014|~)(?=[A-Za-z])")
    infixes += [r"[.!?,;:](?=\[)", r"(?<=\S)\["]  # a footnote mark: "said.[12]", "said[3]"
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for abbreviation in ABBREVIATED_TITLES:
        nlp.tokenizer.add_special_case(abbreviation.capitalize(), [{"ORTH": abbreviation.capitalize()}])
    nlp.max_length = 10 ** 9  # the caller bounds the text; a blank pipeline keeps no per-character state
    return nlp.tokenizer


def sentences(text: str) -> list[list[Token]]:
    """The text's words, grouped in sentences (no whitespace tokens)."""
    out: list[list[Token]] = []
    for line in _lines(text):
        out.extend(_split_line(line))
    if len(_tokenizer().vocab) > VOCABULARY_LIMIT:
        _tokenizer.cache_clear()
    return out


def _lines(text: str) -> list[list[Token]]:
    """Tokens between line breaks; a single line break before a lower-case word is a wrap, not a break."""
    lines, current, pending = [], [], ""  # pending: the whitespace since the last word, if it breaks a line
    for t in _tokenizer()(text):
        if t.is_space or not t.text.strip():
            space = t.text + t.whitespace_
            if pending or "\n" in space:
                pending += space
            continue
        if pending and current and not (pending.count("\n") == 1 and t.text[0].islower()):
            lines.append(current)
            current = []
        pending = ""
        current.append(Token(t.text, t.idx, t.idx + len(t.text)))
        if "\n" in t.whitespace_:
            pending = t.whitespace_
    if current:
        lines.append(current)
    return lines


def _split_line(line: list[Token]) -> list[list[Token]]:
    out, start, k = [], 0, 0
    while k < len(line):
        end = _sentence_end(line, k)
        if end is None:
            k += 1
            continue
        out.append(line[start:end])
        start = k = end
    if start < len(line):
        out.append(line[start:])
    return out


def _sentence_end(line: list[Token], k: int) -> int | None:
    """Where the sentence ends if line[k] ends it: one past the closing marks attached after it,
    if the word after those opens a sentence."""
    text, after = line[k].text, k + 1
    if after == len(line) or text.lower() in ABBREVIATED_TITLES:
        return None  # "Sen. Ted Cruz"
    if len(text) > 1 and text.endswith(".") and text[0].isalpha():
        opener = line[after].text  # "U.S. The" ends a sentence, "U.S. Senate" does not
        return after if opener[0].isupper() and opener.lower() in SENTENCE_OPENERS else None
    if _headline_word(text) and k and _headline_word(line[k - 1].text):
        opener = line[after].text  # a run-in headline: "SENATE PASSES BUDGET The senator said …"
        return after if opener.istitle() and opener.lower() in SENTENCE_OPENERS else None
    if not _TERMINAL.fullmatch(text):
        return None
    if text == "." and k and line[k - 1].text.lower() in NUMBER_ABBREVIATIONS and line[after].text[0].isdigit():
        return None  # "No. 1"
    j = after
    while j < len(line) and line[j].start == line[j - 1].end and (
            line[j].text in _CLOSERS or _TERMINAL.fullmatch(line[j].text)):
        j += 1
    if j == len(line):
        return None
    first = line[j].text[0]
    if first.isupper() or first.isdigit():
        return j
    if first in _OPENERS and j + 1 < len(line) and line[j + 1].text[:1].isupper():
        return j
    return None


def _headline_word(text: str) -> bool:
    return len(text) > 1 and text.isalpha() and text.isupper()
