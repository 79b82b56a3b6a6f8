"""Stanza behind a small interface: split a whole article into words and sentences (by rule,
segment.py), then tag and parse only chosen sentences with Stanza.

The rest of the engine sees `Doc`, `Sentence` and `Word`: plain objects that unit tests can
build by hand. Word offsets are into the exact text received.
"""
from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import segment
from .errors import ModelDirError
from .marks import TAG_RE

# The Stanza models the engine loads (tokenizing is segment.py's; Stanza takes its words as given).
PROCESSORS = ("pos", "lemma", "depparse")
# The biaffine parser is quadratic in sentence length: longer sentences are parsed in pieces.
MAX_PARSE_WORDS = 120
# Text is split into words in blocks of at most this many characters, cut at paragraph, line,
# sentence or word boundaries, so that deadlines are checked between blocks.
TOKENIZE_BLOCK_CHARS = 100_000
# Words per parser call: bounds the time between deadline checks without losing batching.
PARSE_BATCH_WORDS = 3_000
# Words per tagger/parser batch inside Stanza. Its default batch holds a whole article padded
# to the longest sentence, and the biaffine scorer is quadratic in that padded length; small
# batches of similar-length sentences cut parsing CPU by about a third with identical output.
STANZA_BATCH_WORDS = 400
# What Parser does beyond running Stanza's parser as it comes (service/engine/levers.py), each
# with the same output: "tree" skips the tree search where the parser's best heads already form
# a tree, "labels" scores relations for the chosen heads only, "chars" looks characters up in
# one step. `bench/run.py --section peer` times the engine with and without them;
# tests/integration/test_parse_exact.py checks the output.
LEVERS = frozenset({"tree", "labels", "chars"})
# Markup is not language: tags are blanked (same length, so offsets hold) before tokenizing,
# block-level ones as paragraph breaks.
_BLOCK_TAGS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote section "
                        "article header footer figure figcaption pre hr".split())


@dataclass
class Word:
    i: int  # index in Doc.words
    text: str
    start: int
    end: int
    sent: int  # index in Doc.sentences
    upos: str | None = None
    xpos: str | None = None
    lemma: str | None = None
    head: int | None = None  # index in Doc.words; None for a root or an unparsed word
    deprel: str | None = None

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass
class Sentence:
    index: int
    first: int  # index of its first word in Doc.words
    last: int  # one past its last word
    start: int  # character span
    end: int
    parsed: bool = False


@dataclass
class Doc:
    text: str
    words: list[Word] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    _children: dict[int, list[int]] | None = None

    def sentence_words(self, sent: Sentence | int) -> list[Word]:
        s = self.sentences[sent] if isinstance(sent, int) else sent
        return self.words[s.first:s.last]

    def children(self, word: Word) -> list[Word]:
        if self._children is None:
            kids: dict[int, list[int]] = {}
            for w in self.words:
                if w.head is not None:
                    kids.setdefault(w.head, []).append(w.i)
            self._children = kids
        return [self.words[i] for i in self._children.get(word.i, ())]

    def invalidate(self) -> None:
        self._children = None

    def words_in(self, start: int, end: int) -> list[Word]:
        """Words whose span lies within [start, end)."""
        k = bisect.bisect_left(self.words, start, key=lambda w: w.start)
        out = []
        while k < len(self.words) and self.words[k].start < end:
            if self.words[k].end <= end:
                out.append(self.words[k])
            k += 1
        return out

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing pos, else the first one after it."""
        k = bisect.bisect_right(self.sentences, pos, key=lambda s: s.start) - 1
        if k >= 0 and pos < self.sentences[k].end:
            return self.sentences[k]
        return self.sentences[k + 1] if k + 1 < len(self.sentences) else None


def check_model_dir(path: str | os.PathLike | None) -> Path:
    """Cheap check (no torch import) that a Stanza English model directory is usable."""
    if not path:
        raise ModelDirError("STANZA_RESOURCES_DIR is not set: point it at a Stanza resources "
                            "directory (resources.json + en/<processor>/*.pt)")
    root = Path(path)
    resources = root / "resources.json"
    if not resources.is_file():
        raise ModelDirError(f"STANZA_RESOURCES_DIR={root}: no resources.json there; point it at a "
                            "Stanza resources directory")
    try:
        defaults = json.loads(resources.read_text(encoding="utf-8"))["en"]["default_processors"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelDirError(f"STANZA_RESOURCES_DIR={root}: resources.json is unreadable or has no "
                            f"English entry ({exc})") from exc
    for proc in PROCESSORS:
        package = defaults.get(proc) if isinstance(defaults, dict) else None
        model = root / "en" / proc / f"{package}.pt"
        if not package or not model.is_file() or not os.access(model, os.R_OK) or model.stat().st_size == 0:
            raise ModelDirError(f"STANZA_RESOURCES_DIR={root}: the {proc} model ({model}) is missing, "
                                "empty or unreadable")
    return root


class Parser:
    """Words and sentences of the whole text by rule (segment.py), and Stanza's pos+lemma+depparse
    over the sentences the caller chooses. `levers` (see LEVERS) make the parser cheaper without
    changing its output; an empty set runs Stanza as it comes."""

    def __init__(self, model_dir: str | os.PathLike, levers: frozenset[str] = LEVERS):
        root = check_model_dir(model_dir)
        import stanza  # deferred: importing torch costs seconds and memory

        common = dict(lang="en", dir=str(root), download_method=None, logging_level="WARN", use_gpu=False)
        try:
            self._parser = stanza.Pipeline(processors="tokenize,pos,lemma,depparse", tokenize_pretokenized=True,
                                           pos_batch_size=STANZA_BATCH_WORDS,
                                           depparse_batch_size=STANZA_BATCH_WORDS, **common)
        except Exception as exc:  # stanza raises many kinds for a damaged model file
            raise ModelDirError(f"STANZA_RESOURCES_DIR={root}: could not load the models ({exc})") from exc
        from . import levers as speed

        if levers & {"tree", "labels"}:
            speed.fast_decode(self._parser.processors["depparse"].trainer.model, levers)
        if "chars" in levers:
            speed.fast_char_maps(self._parser.processors[p].trainer.vocab["char"] for p in ("pos", "depparse"))

    def tokenize(self, text: str, between: Callable[[], None] | None = None) -> Doc:
        """Words and sentences of the whole text; `between` is called after each block (it may
        raise to stop the work, for a deadline)."""
        doc = Doc(text)
        plain = blank_markup(text)
        for lo, hi in blocks(plain, TOKENIZE_BLOCK_CHARS):
            if plain[lo:hi].strip():
                self._tokenize_block(doc, plain[lo:hi], lo)
            if between:
                between()
        return doc

    def _tokenize_block(self, doc: Doc, block: str, offset: int) -> None:
        for sent in segment.sentences(block):
            first, s_idx = len(doc.words), len(doc.sentences)
            for t in sent:
                doc.words.append(Word(len(doc.words), t.text, t.start + offset, t.end + offset, s_idx))
            doc.sentences.append(Sentence(s_idx, first, len(doc.words), sent[0].start + offset, sent[-1].end + offset))

    def parse(self, doc: Doc, sentence_ids: list[int], between: Callable[[], None] | None = None,
              elide: frozenset[int] = frozenset()) -> None:
        """Tag, lemmatise and parse the given sentences in place, batched across the article.
        Words whose indexes are in `elide` are left out of what the parser sees (and stay
        unparsed): the middle of a long quotation, which attribution never looks at."""
        pieces = []  # the word indexes of each piece sent to the parser
        for idx in sorted(set(sentence_ids)):
            s = doc.sentences[idx]
            if s.parsed or s.first == s.last:
                continue
            kept = [i for i in range(s.first, s.last) if i not in elide]
            for k in range(0, len(kept), MAX_PARSE_WORDS):
                pieces.append(kept[k:k + MAX_PARSE_WORDS])
            s.parsed = True
        for batch in _batches(pieces, PARSE_BATCH_WORDS):
            parsed = self._parser([[doc.words[i].text for i in piece] for piece in batch])
            for piece, sent in zip(batch, parsed.sentences):
                for k, pw in enumerate(sent.words):
                    w = doc.words[piece[k]]
                    w.upos, w.xpos, w.lemma, w.deprel = pw.upos, pw.xpos, pw.lemma, pw.deprel
                    w.head = None if pw.head == 0 else piece[pw.head - 1]
            doc.invalidate()
            if between:
                between()


def _batches(pieces: list[list[int]], max_words: int) -> Iterator[list[list[int]]]:
    batch, words = [], 0
    for piece in pieces:
        if batch and words + len(piece) > max_words:
            yield batch
            batch, words = [], 0
        batch.append(piece)
        words += len(piece)
    if batch:
        yield batch


def blank_markup(text: str) -> str:
    """text with HTML/XML tags and comments replaced by spaces (block-level tags by a paragraph
    break), so the tokenizer sees prose; the length and all other characters are unchanged."""
    def blank(m: re.Match) -> str:
        n = len(m.group(0))
        if (m.group(1) or "").lower() in _BLOCK_TAGS and n >= 2:
            return "\n\n" + " " * (n - 2)
        return " " * n
    return TAG_RE.sub(blank, text) if "<" in text else text


_CUTS = (re.compile(r"\n[ \t\r\f\v]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def blocks(text: str, limit: int) -> Iterator[tuple[int, int]]:
    """Spans of text of at most `limit` characters covering it, each ending at the last
    paragraph break in reach, else line break, else sentence end, else space, else cut hard."""
    lo, n = 0, len(text)
    while n - lo > limit:
        hi = lo + limit
        for cut in _CUTS:
            last = None
            for last in cut.finditer(text, lo + limit // 4, hi):
                pass
            if last is not None:
                hi = last.end()
                break
        yield lo, hi
        lo = hi
    if lo < n:
        yield lo, n
