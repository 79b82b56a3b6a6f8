"""The speed levers of service.engine.parse.Parser (see parse.LEVERS): Stanza 1.15 run more
cheaply, each set on one Parser's Stanza objects only, so any other Stanza pipeline in the
process is untouched, and each giving the output Stanza gives without it
(tests/integration/test_parse_exact.py). Imported once Stanza is, since it needs torch."""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from stanza.models.common.chuliu_edmonds import (chuliu_edmonds_one_root, expand_contracted_tree, prepare_scores,
                                                 process_cycle)
from stanza.models.common.vocab import UNK, VOCAB_PREFIX_SIZE, BaseVocab
from stanza.models.depparse.head_constraints import (find_head_constraint_violations,
                                                     resolve_head_constraint_violations)


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


def one_root_tree(scores: np.ndarray) -> np.ndarray:
    """Stanza 1.15's `chuliu_edmonds_one_root`, step for step, with its cycle finder (Tarjan's,
    a numpy search for each word's dependents) replaced by `head_cycles`: the maximum tree
    with one word on the root, for the sentences whose argmax heads are not one already."""
    scores = scores.astype(np.float64)  # a copy: the search writes into it
    scores[:, 0] += scores[np.isfinite(scores)].min() * scores.shape[0]  # one root arc, not more
    contracted = []
    prepare_scores(scores)
    tree = np.argmax(scores, axis=1)
    cycles = head_cycles(tree)
    while cycles:
        subscores, *how = process_cycle(tree, cycles.pop(), scores)
        contracted.append((tree, how))
        scores = subscores
        prepare_scores(scores)
        tree = np.argmax(scores, axis=1)
        cycles = head_cycles(tree)
    while contracted:
        outer, how = contracted.pop()
        tree = expand_contracted_tree(outer, tree, *how)
    return tree


def head_cycles(tree: np.ndarray) -> list[np.ndarray]:
    """The cycles of a head array (tree[i] the head of word i, tree[0] == 0), each a boolean
    mask over the words, as Stanza's `tarjan` returns them. Every word has one head, so a walk
    up the heads from each word not yet seen either meets a word seen on an earlier walk or
    comes back onto itself: a cycle."""
    heads, state, cycles = tree.tolist(), [0] * len(tree), []  # state: 0 new, 1 on this walk, 2 done
    for start in range(len(heads)):
        walk, i = [], start
        while state[i] == 0:
            state[i] = 1
            walk.append(i)
            i = heads[i]
        if state[i] == 1 and len(walk) - walk.index(i) > 1:
            cycle = np.zeros(len(heads), dtype=bool)
            cycle[walk[walk.index(i):]] = True
            cycles.append(cycle)
        for w in walk:
            state[w] = 2
    return cycles


def fast_decode(model, levers: frozenset[str]) -> None:
    """Make a Stanza graph parser decode more cheaply, on this instance only (other Stanza
    pipelines are untouched); the rest is Stanza 1.15's `GraphParser.decode_graph_predictions`.
    "tree": take the argmax heads when they already form a single-root tree, and run the
    Chu-Liu-Edmonds search (pure Python, about a third of parse time) only when they do not,
    with a cheaper cycle finder (one_root_tree).
    "labels": score relations for the chosen heads only (see ChosenArcLabels)."""
    labels = None
    if "labels" in levers:
        labels = model.deprel = ChosenArcLabels(model.deprel)

    def decode(vocab, batch_size, preds, sentlens, resolve_head_constraints=False):
        trees = []
        for i, n in enumerate(sentlens):
            tree = argmax_tree(preds[0][i][:n, :n]) if "tree" in levers else None
            if tree is None:
                tree = one_root_tree(preds[0][i][:n, :n]) if "tree" in levers else chuliu_edmonds_one_root(preds[0][i][:n, :n])
            trees.append(tree)
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
        if labels:
            labels.inputs = None  # the batch's LSTM states: not kept past its decoding
        return [[[heads[i][j], deprels[i][j]] for j in range(sentlens[i] - 1)] for i in range(batch_size)]

    model.decode_graph_predictions = decode


class ChosenArcLabels(torch.nn.Module):
    """Stands in for a Stanza parser's relation scorer (a DeepBiaffineScorer). Stanza scores
    every relation for every (dependent, head) pair of a batch, a tensor of words x words x
    relations, then keeps one pair per word: a sixth of the parser's time. This keeps the
    scorer's inputs and hands the parser a one-relation stand-in; the decoder then asks for the
    relations of the chosen heads only, and for all pairs of the rare sentence whose chosen
    relations break a head constraint (two subjects), which Stanza repairs from all of them."""

    def __init__(self, scorer):
        super().__init__()
        self.scorer = scorer
        self.inputs = None

    def forward(self, input1, input2):
        self.inputs = (input1, input2)
        n, length = input1.shape[:2]
        return input1.new_zeros(n, length, length, 1)

    def best(self, trees: list[np.ndarray]) -> np.ndarray:
        """Raw relation ids (N x L; no vocabulary prefix) of each word with its head in `trees`."""
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
        input1, input2 = self.inputs
        return F.log_softmax(self.scorer(input1[i:i + 1], input2[i:i + 1]), 3)[0].numpy()


def _with_ones(x):
    return torch.cat([x, x.new_ones(*x.shape[:-1], 1)], x.dim() - 1)


def fast_char_maps(vocabs) -> None:
    """Give each of these Stanza vocabularies that uses BaseVocab's own lookup (the tagger's and
    parser's character vocabularies) a `map` doing that lookup in one comprehension: Stanza calls
    two methods per character, a fifteenth of the engine's CPU. Set on these instances only."""
    for vocab in vocabs:
        cls = type(vocab)
        if (cls.map, cls.unit2id, cls.normalize_unit) != (BaseVocab.map, BaseVocab.unit2id, BaseVocab.normalize_unit):
            continue  # a vocabulary with its own lookup rules keeps them
        table, unknown = vocab._unit2id, vocab._unit2id[UNK]
        if vocab.lower:
            vocab.map = lambda units, t=table, u=unknown: [t.get(x if x is None else x.lower(), u) for x in units]
        else:
            vocab.map = lambda units, t=table, u=unknown: [t.get(x, u) for x in units]
