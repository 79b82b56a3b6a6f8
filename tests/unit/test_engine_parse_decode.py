"""The parser's shortcut past tree search: argmax heads that already form a single-root tree
are what Stanza's Chu-Liu-Edmonds search returns; anything else goes to the search, run with
a cheaper cycle finder and the same answer."""
from __future__ import annotations

import numpy as np
import pytest

from service.engine.levers import argmax_tree, head_cycles, one_root_tree

NEG = -50.0


def scores_for(heads: list[int]) -> np.ndarray:
    """A score matrix (row = dependent, column = head, 0 the root) whose best head for word
    i (1-based) is heads[i - 1]."""
    n = len(heads) + 1
    s = np.full((n, n), NEG)
    for dep, head in enumerate(heads, start=1):
        s[dep, head] = -0.1
    return s


def test_a_tree_with_one_root_is_taken_as_is():
    # "This is a test": this -> test, is -> test, a -> test, test -> root
    assert argmax_tree(scores_for([4, 4, 4, 0])).tolist() == [0, 4, 4, 4, 0]


def test_two_words_on_the_root_go_to_the_search():
    assert argmax_tree(scores_for([0, 1, 0])) is None


def test_no_word_on_the_root_goes_to_the_search():
    assert argmax_tree(scores_for([2, 1])) is None


def test_a_cycle_below_a_rooted_word_goes_to_the_search():
    # word 1 on the root, words 2 <-> 3 point at each other
    assert argmax_tree(scores_for([0, 3, 2])) is None


def test_a_long_chain_is_a_tree():
    heads = [0] + list(range(1, 300))  # each word hangs on the one before: depth 300
    assert argmax_tree(scores_for(heads)).tolist() == [0] + heads


def test_the_diagonal_is_never_a_head():
    s = scores_for([0, 1])
    s[2, 2] = 10.0  # a self-loop scored best is ignored, as Stanza ignores it
    assert argmax_tree(s).tolist() == [0, 0, 1]


def test_the_input_is_left_unchanged():
    s = scores_for([0, 1])
    before = s.copy()
    argmax_tree(s)
    assert np.array_equal(s, before)


@pytest.mark.parametrize("seed", range(5))
def test_agrees_with_stanzas_search_whenever_it_answers(seed):
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    rng = np.random.default_rng(seed)
    answered = 0
    for _ in range(300):
        n = int(rng.integers(2, 25))
        logits = rng.normal(size=(n, n)) * 3
        # a parser's rows are log-probabilities, peaked on a nearby word
        for dep in range(1, n):
            logits[dep, max(0, dep - int(rng.integers(1, 3)))] += 6
        scores = (logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))).astype(np.float32)
        tree = argmax_tree(scores)
        if tree is not None:
            answered += 1
            assert tree.tolist() == chuliu_edmonds_one_root(scores).tolist()
    assert answered > 50  # the shortcut is taken often, so the comparison means something


def random_scores(rng, n: int) -> np.ndarray:
    logits = rng.normal(size=(n, n)) * 3
    return (logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))).astype(np.float32)


@pytest.mark.parametrize("seed", range(5))
def test_the_search_gives_stanzas_tree(seed):
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    rng = np.random.default_rng(seed)
    for _ in range(200):
        scores = random_scores(rng, int(rng.integers(2, 40)))  # flat rows: cycles and many roots
        before = scores.copy()
        assert one_root_tree(scores).tolist() == chuliu_edmonds_one_root(scores).tolist()
        assert np.array_equal(scores, before)


@pytest.mark.parametrize("seed", range(3))
def test_cycles_found_as_stanzas_tarjan_finds_them(seed):
    from stanza.models.common.chuliu_edmonds import tarjan

    rng = np.random.default_rng(seed)
    for _ in range(300):
        n = int(rng.integers(2, 30))
        tree = rng.integers(0, n, size=n)
        tree[0] = 0
        ours = sorted(tuple(np.flatnonzero(c)) for c in head_cycles(tree))
        assert ours == sorted(tuple(np.flatnonzero(c)) for c in tarjan(tree))


def test_cycles_of_a_hand_built_head_array():
    # 1 -> 3 -> 2 -> 1 is a cycle; 4 hangs on it; 5 on the root
    cycles = head_cycles(np.array([0, 3, 1, 2, 1, 0]))
    assert [np.flatnonzero(c).tolist() for c in cycles] == [[1, 2, 3]]
