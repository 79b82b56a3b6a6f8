"""How much the shipped ranker's figures on train owe to having been fitted there.

    python scripts/cross_validate_engine.py ../shared/data/polnear/train.jsonl [--cache DIR]

Five folds over articles, as in train_speaker_ranker.py: each fold's articles are run through
the whole engine with a ranker fitted on the other four, and all of them scored together with
service.evaluate. Compare with `python -m service.evaluate` on the same file (the shipped
ranker, fitted on every article). The rules were written on train too; only dev measures them.
Needs scikit-learn (`pip install -e '.[train]'`).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_quote_classifier import load_docs, train_arguments  # noqa: E402
from train_speaker_ranker import FOLDS, fit, groups  # noqa: E402

from service.engine import ranker  # noqa: E402
from service.engine.marks import find_quoted_spans  # noqa: E402
from service.engine.pipeline import extract_parsed  # noqa: E402
from service.evaluate import evaluate  # noqa: E402


def main() -> None:
    ap = train_arguments(__doc__)
    args = ap.parse_args()

    articles, docs = load_docs(args.train, args.cache, args.model_dir)
    data = groups(articles, docs)
    predictions = [None] * len(articles)
    for fold in range(FOLDS):
        weights = [float(w) for w in fit([g for g in data if g[0] % FOLDS != fold]).coef_[0]]
        ranker._weights = lambda weights=weights: weights  # this fold's ranker, for the engine below
        for k, article in enumerate(articles):
            if k % FOLDS == fold:
                predictions[k] = extract_parsed(docs[article["id"]], find_quoted_spans(article["text"]))
    figures = evaluate(articles, predictions)
    print(json.dumps({"articles": len(articles), "quotes": figures["quotes"], "attribution": figures["attribution"],
                      "partial": figures["by_kind"]["partial"]}, indent=1))


if __name__ == "__main__":
    main()
