"""Fit the confidence table on the PolNeAR train split.

    python scripts/calibrate_confidence.py ../shared/data/polnear/train.jsonl [--cache DIR]

For every speech quote the engine predicts, note its evidence (attribution method, and whether
the speaker ranker's choice was contested), its speech probability bin and whether quote and
speaker are both right (the evaluation's rule); the table holds the smoothed share right per
(evidence, bin). Writes service/engine/data/confidence.json.
"""
from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_quote_classifier import load_docs, train_arguments  # noqa: E402

from service.engine.confidence import BINS, EVIDENCE, TABLE_FILE, evidence, speech_bin  # noqa: E402
from service.engine.marks import find_quoted_spans  # noqa: E402
from service.engine.pipeline import extract_parsed  # noqa: E402
from service.evaluate import score_article  # noqa: E402


def main() -> None:
    ap = train_arguments(__doc__)
    args = ap.parse_args()
    articles, docs = load_docs(args.train, args.cache, args.model_dir)
    counts = defaultdict(lambda: [[0, 0] for _ in range(BINS)])  # method -> bin -> [right, total]
    for a in articles:
        extraction = extract_parsed(docs[a["id"]], find_quoted_spans(a["text"]))
        for outcome in score_article(a, extraction).preds:
            if outcome.status == "ignored":
                continue
            quote = extraction.quotes[outcome.index]
            cell = counts[evidence(quote.attribution, quote.contested)][speech_bin(quote.speech_probability)]
            cell[0] += outcome.correct
            cell[1] += 1
    # Laplace-smoothed toward each method's overall rate, so thin bins stay sensible.
    table = {}
    for method in EVIDENCE:
        cells = counts[method]
        right, total = sum(c[0] for c in cells), sum(c[1] for c in cells)
        prior = (right + 1) / (total + 2)
        table[method] = [round((c[0] + 5 * prior) / (c[1] + 5), 4) for c in cells]
    out = {"bins": BINS, "accuracy": table, "counts": {m: counts[m] for m in EVIDENCE},
           "trained_on": os.path.basename(args.train)}
    TABLE_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(table))


if __name__ == "__main__":
    main()
