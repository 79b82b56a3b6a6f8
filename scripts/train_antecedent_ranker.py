"""Fit the antecedent ranker on resolved referents of train-split pronoun speakers.

    python scripts/train_antecedent_ranker.py ../shared/data/polnear/train.jsonl \
        --referents scripts/data/train_referents.jsonl [--processes 2]

The engine runs on every train article that has a referent, as it serves (fast path), and
every "he"/"she" it resolves is recorded with its candidates (service/engine/antecedents.py).
A candidate is right when the name the answer would show for it names the referent (surname
match, as `service.evaluate` scores). Fits a pairwise logistic regression (a right candidate
against a wrong one of the same pronoun, on the difference of their features), reports its
accuracy in five-fold cross-validation over articles against the rules' alone, and writes
service/engine/data/antecedent_ranker.json. Needs scikit-learn (`pip install -e '.[train]'`).
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_quote_classifier import train_arguments  # noqa: E402
from train_speaker_ranker import FOLDS, pairs  # noqa: E402

from service.engine import antecedents  # noqa: E402
from service.evaluate import last_word, name_words  # noqa: E402

_engine = None


def _record(article: dict) -> list[tuple[int, list[list[float]], list[str], list[bool]]]:
    """(pronoun start, feature rows, shown names, rule flags) for each he/she the engine resolves,
    the rules' pick kept (no weights are read)."""
    global _engine
    if _engine is None:
        from service.engine.pipeline import Engine

        _engine = Engine(os.environ["STANZA_RESOURCES_DIR"])
    seen = []

    def recorder(doc, pronoun, cands):
        seen.append((pronoun.start, antecedents.feature_rows(doc, pronoun, cands), [c.display for c in cands],
                     [c.rule for c in cands]))
        return next((c for c in cands if c.rule), None)

    antecedents.choose = recorder
    _engine.extract(article["text"])
    return seen


def groups(articles: list[dict], referents: list[dict], processes: int) -> list[tuple]:
    """One group per distinct referred pronoun the engine resolved: (article index, rows,
    labels, rule flags)."""
    wanted: dict[str, dict[int, str]] = {}
    for ref in referents:
        wanted.setdefault(ref["id"], {})[ref["mention_start"]] = ref["referent"]
    todo = [a for a in articles if a["id"] in wanted]
    with multiprocessing.Pool(processes) as pool:
        recorded = pool.map(_record, todo, chunksize=4)
    out = []
    for a_index, (article, seen) in enumerate(zip(todo, recorded)):
        last = {start: record for start, *record in seen}  # a pronoun is resolved again when a later quote asks
        for start, (rows, shown, rules) in last.items():
            referent = wanted[article["id"]].get(start)
            if referent is None or not rows:
                continue
            surname = last_word(referent)
            labels = [int(surname in name_words(name)) for name in shown]
            out.append((a_index, rows, labels, rules))
    return out


def fit(groups_):
    from sklearn.linear_model import LogisticRegression

    X, y = pairs([(a, rows, labels, rules, True) for a, rows, labels, rules in groups_])
    return LogisticRegression(C=1.0, max_iter=5000, fit_intercept=False).fit(X, y)


def accuracy(groups_, scores) -> float:
    """Share of pronouns whose chosen candidate names the referent (the rules' pick when no scores)."""
    right = 0
    for (_, rows, labels, rules), s in zip(groups_, scores):
        pick = max(range(len(rows)), key=lambda k: s[k]) if s is not None else \
            next((k for k, r in enumerate(rules) if r), None)
        right += labels[pick] if pick is not None else 0
    return right / max(1, len(groups_))


def main() -> None:
    ap = train_arguments(__doc__)
    ap.add_argument("--referents", required=True, help="resolved referents of train pronouns (jsonl)")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--out", default=str(antecedents.WEIGHTS_FILE))
    args = ap.parse_args()
    os.environ["STANZA_RESOURCES_DIR"] = args.model_dir
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    articles = [json.loads(line) for line in open(args.train, encoding="utf-8")]
    referents = [json.loads(line) for line in open(args.referents, encoding="utf-8")]
    data = groups(articles, referents, args.processes)
    cv_scores = [None] * len(data)
    for fold in range(FOLDS):
        model = fit([g for g in data if g[0] % FOLDS != fold])
        for k, g in enumerate(data):
            if g[0] % FOLDS == fold:
                cv_scores[k] = model.decision_function(g[1])
    model = fit(data)
    reachable = sum(any(g[2]) for g in data)
    out = {"features": list(antecedents.FEATURE_NAMES), "weights": [round(float(w), 4) for w in model.coef_[0]],
           "trained_on": f"{os.path.basename(args.train)} with {os.path.basename(args.referents)}",
           "pronouns": len(data), "with_a_right_candidate": reachable,
           "cv_accuracy": round(accuracy(data, cv_scores), 4),
           "rules_accuracy": round(accuracy(data, [None] * len(data)), 4)}
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "weights"}))


if __name__ == "__main__":
    main()
