"""Cost of attribution against the number of quotes, on a hand-built parse (no Stanza).

    python scripts/attribution_scaling.py [--sizes 250,500,1000,2000]

The article is '"Yes," he said. ' repeated (36 KB at 2,000 quotes), one paragraph. Prints CPU
seconds for the quote classifier and for speaker attribution at each size, and each one's cost
per quote relative to the smallest size, measured in the same run (1.0: linear).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.engine import quotes, speakers  # noqa: E402
from service.engine.marks import find_quoted_spans  # noqa: E402
from service.engine.parse import Doc, Sentence, Word  # noqa: E402

UNIT = '"Yes," he said. '
# token, upos, xpos, lemma, head (in the sentence), relation: as Stanza parses the unit
ROWS = [('"', "PUNCT", None, '"', 1, "punct"), ("Yes", "INTJ", None, "yes", 5, "ccomp"),
        (",", "PUNCT", None, ",", 1, "punct"), ('"', "PUNCT", None, '"', 1, "punct"),
        ("he", "PRON", None, "he", 5, "nsubj"), ("said", "VERB", "VBD", "say", None, "root"),
        (".", "PUNCT", None, ".", 5, "punct")]


def article(n: int) -> Doc:
    text, words, sents = UNIT * n, [], []
    for k in range(n):
        first, pos = len(words), k * len(UNIT)
        for token, upos, xpos, lemma, head, rel in ROWS:
            start = text.index(token, pos)
            pos = start + len(token)
            words.append(Word(len(words), token, start, pos, k, upos, xpos, lemma,
                              None if head is None else first + head, rel))
        sents.append(Sentence(k, first, len(words), k * len(UNIT), (k + 1) * len(UNIT) - 1, True))
    return Doc(text, words, sents)


def cpu(fn):
    began = time.process_time()
    out = fn()
    return out, time.process_time() - began


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="250,500,1000,2000")
    sizes = [int(n) for n in ap.parse_args().sizes.split(",")]
    base = None
    print(f"{'quotes':>7}{'classify s':>12}{'attribute s':>13}{'classify/quote':>16}{'attribute/quote':>17}")
    for n in sizes:
        doc = article(n)
        found, classify_s = cpu(lambda: quotes.classify(doc, find_quoted_spans(doc.text)))
        _, attribute_s = cpu(lambda: speakers.attribute(doc, found))
        per = (classify_s / n, attribute_s / n)
        base = base or per
        print(f"{n:>7}{classify_s:>12.2f}{attribute_s:>13.2f}{per[0] / base[0]:>16.2f}{per[1] / base[1]:>17.2f}")


if __name__ == "__main__":
    main()
