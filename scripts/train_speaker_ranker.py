"""Fit the speaker ranker on the PolNeAR train split.

    python scripts/train_speaker_ranker.py ../shared/data/polnear/train.jsonl [--cache DIR]

For every speech quote the engine finds that matches an annotated quote, each candidate source
(service/engine/ranker.py) is right when its mention, or the mention the response would give for
it ("who" for a relative clause's speaker), overlaps the annotated speaker. Fits a
pairwise logistic regression (a right candidate against a wrong one of the same quote, on the
difference of their features), reports its accuracy in five-fold cross-validation over
articles against the rules' alone, and writes service/engine/data/speaker_ranker.json.
Needs scikit-learn (`pip install -e '.[train]'`).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_quote_classifier import load_docs, train_arguments  # noqa: E402

from service.engine import ranker, speakers  # noqa: E402
from service.engine.marks import Intervals, find_quoted_spans  # noqa: E402
from service.engine.model import SPEECH_TYPES  # noqa: E402
from service.engine.quotes import classify  # noqa: E402
from service.evaluate import gold_speaker_spans, match_spans, overlap, trim_span  # noqa: E402


def groups(articles, docs):
    """One group per matched quote: (article index, feature rows, labels, rule labels, gold has speaker)."""
    out = []
    for a_index, a in enumerate(articles):
        doc, text = docs[a["id"]], a["text"]
        found = [q for q in classify(doc, find_quoted_spans(text)) if q.type in SPEECH_TYPES]
        quoted = Intervals([(q.start, q.end) for q in found])
        gold = a["quotes"]
        pairs = match_spans([trim_span(text, q.start, q.end) for q in found],
                            [trim_span(text, g["start"], g["end"]) for g in gold])
        for p, g in pairs.items():
            quote, spans = found[p], gold_speaker_spans(gold[g])
            cands = speakers.speaker_candidates(doc, quote, quoted)
            if not cands:
                continue
            labels = []
            for c in cands:  # right when the source's mention, or the one the response gives, is the annotated one
                mentions = (speakers.mention_span(doc, c.source), speakers.candidate_mention(doc, c))
                labels.append(int(any(overlap((m.start, m.end), s) > 0 for m in mentions for s in spans)))
            out.append((a_index, ranker.feature_rows(doc, quote, cands), labels, [c.rule for c in cands], bool(spans)))
    return out


def pairs(groups_):
    X, y = [], []
    for _, rows, labels, _, _ in groups_:
        for good, row in zip(labels, rows):
            if not good:
                continue
            for bad, other in zip(labels, rows):
                if not bad:
                    diff = [a - b for a, b in zip(row, other)]
                    X += [diff, [-d for d in diff]]
                    y += [1, 0]
    return X, y


FOLDS = 5  # cross-validation folds, over articles (an article's index modulo FOLDS)


def fit(groups_):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=0.3, max_iter=5000, fit_intercept=False).fit(*pairs(groups_))


def accuracy(groups_, scores):
    """Share of quotes whose chosen source is right (no source, when the gold has none)."""
    right = 0
    for (_, rows, labels, rules, has_speaker), s in zip(groups_, scores):
        pick = max(range(len(rows)), key=lambda k: s[k]) if s is not None else \
            next((k for k, r in enumerate(rules) if r), None)
        right += labels[pick] if pick is not None else not has_speaker
    return right / max(1, len(groups_))


def main() -> None:
    ap = train_arguments(__doc__)
    ap.add_argument("--out", default=str(ranker.WEIGHTS_FILE))
    args = ap.parse_args()

    articles, docs = load_docs(args.train, args.cache, args.model_dir)
    data = groups(articles, docs)
    cv_scores = [None] * len(data)
    for fold in range(FOLDS):
        model = fit([g for g in data if g[0] % FOLDS != fold])
        for k, g in enumerate(data):
            if g[0] % FOLDS == fold:
                cv_scores[k] = model.decision_function(g[1])
    model = fit(data)
    out = {"features": list(ranker.FEATURE_NAMES), "weights": [round(float(w), 4) for w in model.coef_[0]],
           "trained_on": os.path.basename(args.train), "quotes": len(data),
           "cv_accuracy": round(accuracy(data, cv_scores), 4),
           "rules_accuracy": round(accuracy(data, [None] * len(data)), 4)}
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "weights"}))


if __name__ == "__main__":
    main()
