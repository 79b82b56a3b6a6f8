"""Fit the speech/non-speech quote classifier on the PolNeAR train split.

    python scripts/train_quote_classifier.py ../shared/data/polnear/train.jsonl [--cache DIR]

Candidates are the spans the mark finder returns. A candidate matching an annotated quote is
speech; one matching an `unattributed_quoted` span, or nothing, is not; `ignore` spans are left
out. Writes service/engine/data/quote_classifier.json (a logistic regression: a few numbers).
Needs scikit-learn (`pip install -e '.[train]'`).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.engine.marks import find_quoted_spans  # noqa: E402
from service.engine.quotes import FEATURE_NAMES, WEIGHTS_FILE, features  # noqa: E402
from service.evaluate import matches_any, trim_span  # noqa: E402


def train_arguments(doc: str) -> argparse.ArgumentParser:
    """The arguments every train-split script takes: the split, a parse cache, the models."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("train")
    ap.add_argument("--cache", help="directory of pickled full parses (*.pkl: {id: Doc})")
    ap.add_argument("--model-dir", default=os.environ.get("STANZA_RESOURCES_DIR", str(ROOT.parent / "shared/stanza_resources")))
    return ap


def load_docs(path: str, cache: str | None, model_dir: str):
    """Parsed docs by article id: from a pickle cache of full parses when given, else parsed now."""
    articles = [json.loads(line) for line in open(path, encoding="utf-8")]
    docs = {}
    if cache:
        for f in glob.glob(os.path.join(cache, "*.pkl")):
            with open(f, "rb") as fh:
                docs.update(pickle.load(fh))
    missing = [a for a in articles if a["id"] not in docs]
    if missing:
        from service.engine.parse import Parser

        parser = Parser(model_dir)
        for a in missing:
            doc = parser.tokenize(a["text"])
            parser.parse(doc, list(range(len(doc.sentences))))
            docs[a["id"]] = doc
    return articles, docs


def dataset(articles, docs):
    X, y = [], []
    for a in articles:
        text = a["text"]
        gold = [trim_span(text, q["start"], q["end"]) for q in a["quotes"]]
        ignore = [trim_span(text, s, e) for s, e in a["ignore"]]
        for span in find_quoted_spans(text):
            pred = trim_span(text, span.start, span.end)
            if matches_any(pred, ignore):
                continue
            X.append(features(docs[a["id"]], span).vector())
            y.append(int(matches_any(pred, gold)))
    return X, y


def main() -> None:
    ap = train_arguments(__doc__)
    ap.add_argument("--out", default=str(WEIGHTS_FILE))
    args = ap.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    articles, docs = load_docs(args.train, args.cache, args.model_dir)
    X, y = dataset(articles, docs)
    model = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False)
    probs = cross_val_predict(model, X, y, cv=5, method="predict_proba")[:, 1]
    # The threshold that maximises F1 of speech quotes in cross-validation on train.
    best = max((t / 100 for t in range(5, 96)), key=lambda t: _f1(probs, y, t))
    model.fit(X, y)
    out = {"features": list(FEATURE_NAMES), "weights": [round(float(w), 4) for w in model.coef_[0]],
           "threshold": best, "trained_on": os.path.basename(args.train), "examples": len(y),
           "cv_f1": round(_f1(probs, y, best), 4)}
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "weights"}))


def _f1(probs, y, t):
    tp = sum(1 for p, l in zip(probs, y) if p >= t and l)
    fp = sum(1 for p, l in zip(probs, y) if p >= t and not l)
    fn = sum(1 for p, l in zip(probs, y) if p < t and l)
    return 2 * tp / max(1, 2 * tp + fp + fn)


if __name__ == "__main__":
    main()
