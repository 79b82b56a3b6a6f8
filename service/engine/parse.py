"""Stanza behind a small interface: tokenize a whole article, then parse only chosen sentences.

The rest of the engine sees `Doc`, `Sentence` and `Word`: plain objects that unit tests can
build by hand. Word offsets are into the exact text received (a multi-word token's words share
their token's span).
"""
from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import ModelDirError
from .marks import TAG_RE

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
# The biaffine parser is quadratic in sentence length: longer sentences are parsed in pieces.
MAX_PARSE_WORDS = 120
# Stanza's tokenizer slows down more than linearly on a long unbroken paragraph, and a call
# cannot be interrupted: text goes to it in blocks of at most this many characters, cut at
# paragraph, line, sentence or word boundaries, so cost stays linear and deadlines are checked
# between blocks.
TOKENIZE_BLOCK_CHARS = 10_000
# Words per parser call: bounds the time between deadline checks without losing batching.
PARSE_BATCH_WORDS = 3_000
# Words per tagger/parser batch inside Stanza. Its default batch holds a whole article padded
# to the longest sentence, and the biaffine scorer is quadratic in that padded length; small
# batches of similar-length sentences cut parsing CPU by about a third with identical output.
STANZA_BATCH_WORDS = 400
# Distinct multi-word tokens ("gonna", "cannot", "Trump's"?) whose expansion a parser keeps;
# English has few, so the cache is cleared rather than managed when it fills.
MWT_CACHE_TOKENS = 5_000
# What Parser does beyond running Stanza as it comes, each with the same output: "tree" skips
# the tree search where the parser's best heads already form a tree; "mwt" expands each distinct
# multi-word token once. `bench/run.py --section peer` times the parser with and without them.
LEVERS = frozenset({"tree", "labels", "mwt"})
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
    """Two Stanza pipelines sharing one model directory: tokenize+mwt over the whole text, and
    pos+lemma+depparse over pre-tokenized sentences chosen by the caller. `levers` (see LEVERS)
    make them cheaper without changing their output; an empty set runs Stanza as it comes."""

    def __init__(self, model_dir: str | os.PathLike, levers: frozenset[str] = LEVERS):
        root = check_model_dir(model_dir)
        import stanza  # deferred: importing torch costs seconds and memory

        common = dict(lang="en", dir=str(root), download_method=None, logging_level="WARN", use_gpu=False)
        try:
            self._tokenizer = stanza.Pipeline(processors="tokenize,mwt", **common)
            self._parser = stanza.Pipeline(processors="tokenize,pos,lemma,depparse", tokenize_pretokenized=True,
                                           pos_batch_size=STANZA_BATCH_WORDS,
                                           depparse_batch_size=STANZA_BATCH_WORDS, **common)
        except Exception as exc:  # stanza raises many kinds for a damaged model file
            raise ModelDirError(f"STANZA_RESOURCES_DIR={root}: could not load the models ({exc})") from exc
        if levers & {"tree", "labels"}:
            fast_decode(self._parser.processors["depparse"].trainer.model, levers)
        self._mwt = MWTCache(self._tokenizer.processors["mwt"]) if "mwt" in levers else StanzaMWT()

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
        sentences = self._tokenizer(block).sentences
        self._mwt.learn(t for sent in sentences for t in sent.tokens)
        for sent in sentences:
            first, s_idx = len(doc.words), len(doc.sentences)
            for token in sent.tokens:
                start, end = token.start_char + offset, token.end_char + offset
                for text in self._mwt.words(token):
                    doc.words.append(Word(len(doc.words), text, start, end, s_idx))
            doc.sentences.append(Sentence(s_idx, first, len(doc.words),
                                          sent.tokens[0].start_char + offset, sent.tokens[-1].end_char + offset))

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


def argmax_tree(scores: np.ndarray) -> np.ndarray | None:
    """Each word's best-scoring head (scores[dependent, head], row and column 0 the root), or
    None unless those heads form a tree with exactly one word on the root. When they do, it is
    the best single-root tree, so Chu-Liu-Edmonds would return it too (barring exact ties)."""
    n = scores.shape[0]
    masked = scores.copy()
    np.fill_diagonal(masked, -np.inf)
    tree = np.zeros(n, dtype=np.int64)
    tree[1:] = masked[1:].argmax(axis=1)
    if np.count_nonzero(tree[1:] == 0) != 1:
        return None
    reach = tree
    for _ in range(max(1, int(n).bit_length())):  # pointer doubling: 2**k steps up the heads
        reach = reach[reach]
    return tree if not reach.any() else None


def fast_decode(model, levers: frozenset[str]) -> None:
    """Make a Stanza graph parser decode more cheaply, on this instance only (other Stanza
    pipelines are untouched); the rest is Stanza 1.15's `GraphParser.decode_graph_predictions`.
    "tree": take the argmax heads when they already form a single-root tree, and run the
    Chu-Liu-Edmonds search (pure Python, about a third of parse time) only when they do not.
    "labels": score relations for the chosen heads only (see ChosenArcLabels)."""
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse.head_constraints import (find_head_constraint_violations,
                                                         resolve_head_constraint_violations)
    labels = None
    if "labels" in levers:
        labels = ChosenArcLabels.install(model)

    def decode(vocab, batch_size, preds, sentlens, resolve_head_constraints=False):
        trees = []
        for i, n in enumerate(sentlens):
            tree = argmax_tree(preds[0][i][:n, :n]) if "tree" in levers else None
            trees.append(chuliu_edmonds_one_root(preds[0][i][:n, :n]) if tree is None else tree)
        best = labels.best(trees) if labels else None
        heads, deprels = [], []
        for i, (n, tree) in enumerate(zip(sentlens, trees)):
            scores = preds[0][i][:n, :n]
            if labels:
                ids = best[i, 1:n].tolist()
                if resolve_head_constraints and find_head_constraint_violations(
                        tree, vocab.unmap([r + VOCAB_PREFIX_SIZE for r in ids])):
                    tree, ids = resolve_head_constraint_violations(scores, labels.log_probs(i)[:n, :n, :], tree, vocab)
                deprels.append(vocab.unmap([r + VOCAB_PREFIX_SIZE for r in ids]))
            elif resolve_head_constraints:  # a head with two subjects or objects: Stanza repairs it
                tree, ids = resolve_head_constraint_violations(scores, preds[2][i][:n, :n, :], tree, vocab)
                deprels.append(vocab.unmap([r + VOCAB_PREFIX_SIZE for r in ids]))
            else:
                deprels.append(vocab.unmap([preds[1][i][j + 1][h] for j, h in enumerate(tree[1:])]))
            heads.append(tree[1:])
        return [[[heads[i][j], deprels[i][j]] for j in range(sentlens[i] - 1)] for i in range(batch_size)]

    model.decode_graph_predictions = decode


class ChosenArcLabels:
    """Stands in for a Stanza parser's relation scorer (a DeepBiaffineScorer). Stanza scores
    every relation for every (dependent, head) pair of a batch, a tensor of words x words x
    relations, then keeps one pair per word: a sixth of the parser's time. This keeps the
    scorer's inputs and hands the parser a one-relation stand-in; the decoder then asks for the
    relations of the chosen heads only, and for all pairs of the rare sentence whose chosen
    relations break a head constraint (two subjects), which Stanza repairs from all of them.
    Not a torch module, so `install` takes the scorer out of the parser's modules; the parser
    runs in eval mode only, which the scorer is put in here."""

    @classmethod
    def install(cls, model) -> "ChosenArcLabels":
        scorer = model.deprel.eval()
        del model.deprel  # out of model._modules: a plain attribute may take its name
        model.deprel = labels = cls(scorer)
        return labels

    def __init__(self, scorer):
        self.scorer = scorer
        self.inputs = None

    def __call__(self, input1, input2):
        self.inputs = (input1, input2)
        n, length = input1.shape[:2]
        return input1.new_zeros(n, length, length, 1)

    def best(self, trees: list[np.ndarray]) -> np.ndarray:
        """Raw relation ids (N x L; no vocabulary prefix) of each word with its head in `trees`."""
        import torch

        s, (input1, input2) = self.scorer, self.inputs
        dep = _with_ones(s.dropout(s.hidden_func(s.W1(input1))))
        head = _with_ones(s.dropout(s.hidden_func(s.W2(input2))))
        index = torch.zeros(head.shape[:2], dtype=torch.long)
        for i, tree in enumerate(trees):
            index[i, :len(tree)] = torch.from_numpy(np.asarray(tree, dtype=np.int64))
        head = head.gather(1, index.unsqueeze(2).expand(-1, -1, head.size(2)))
        bilinear = s.scorer.W_bilin  # Stanza's PairwiseBilinear, its first product as Stanza does it
        scores = torch.einsum("NLJO,NLJ->NLO", torch.einsum("NLI,IJO->NLJO", dep, bilinear.weight), head)
        return (scores + bilinear.bias).argmax(2).numpy()

    def log_probs(self, i: int) -> np.ndarray:
        """Stanza's own relation log-probabilities for all pairs of sentence i of the batch."""
        import torch.nn.functional as F

        input1, input2 = self.inputs
        return F.log_softmax(self.scorer(input1[i:i + 1], input2[i:i + 1]), 3)[0].numpy()


def _with_ones(x):
    import torch

    return torch.cat([x, x.new_ones(*x.shape[:-1], 1)], x.dim() - 1)


class _MWTTokens:
    """What Stanza's MWT processor reads from a document (its tokens to expand) and writes
    back (their expansions), for a list of token texts."""

    def __init__(self, texts: list[str]):
        self.texts, self.expanded = texts, []

    def get_mwt_expansions(self, evaluation: bool = False) -> list[str]:
        return self.texts

    def set_mwt_expansions(self, expansions: list[str], **_) -> None:
        self.expanded = expansions


class MWTCache:
    """Stanza's MWT step, run once per distinct token text. The expansion depends on the
    token's characters only and the same few ("gonna", "cannot") recur in every article, while
    Stanza's processor also rebuilds every sentence of the document to insert the words. So
    the processor is made a no-op in the pipeline, and `words` expands tokens the tokenizer
    flagged, with Stanza's model on texts not seen yet, and Stanza's rules for its answer."""

    def __init__(self, processor, limit: int = MWT_CACHE_TOKENS):
        self._expand = type(processor).process.__get__(processor)  # Stanza's own
        processor.process = lambda document: document
        self._cache: dict[str, list[str]] = {}
        self._limit = limit

    def learn(self, tokens) -> None:
        """Expand, in one batch, the flagged tokens among `tokens` not seen yet."""
        new = list(dict.fromkeys(t.text for t in tokens if _flagged(t) and t.text not in self._cache))
        if not new:
            return
        if len(self._cache) + len(new) > self._limit:
            self._cache.clear()
        for text, expansion in zip(new, self._expand(_MWTTokens(new)).expanded):
            words = expansion.split()
            self._cache[text] = words if len(words) > 1 else [text]

    def words(self, token) -> list[str]:
        """The word texts of a token (after `learn` has seen it)."""
        return self._cache[token.text] if _flagged(token) else [w.text for w in token.words]


class StanzaMWT:
    """The words Stanza's own MWT step put in each token (MWTCache's interface)."""

    def learn(self, tokens) -> None:
        pass

    def words(self, token) -> list[str]:
        return [w.text for w in token.words]


def _flagged(token) -> bool:
    return bool(token.misc) and "MWT=Yes" in token.misc


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
