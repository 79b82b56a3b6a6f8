"""Parse a split fully once and pickle the docs, for the scripts' and tests' `--cache DIR`.

    python scripts/cache_parses.py ../shared/data/polnear/train.jsonl .cache/train [--chunk 50]

Writes DIR/<split>-NNN.pkl, each a pickled {id: Doc} of up to --chunk articles, every sentence
parsed; a chunk already written is kept, so an interrupted run resumes.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.engine.parse import Parser  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split")
    ap.add_argument("out")
    ap.add_argument("--chunk", type=int, default=50)
    ap.add_argument("--model-dir", default=os.environ.get("STANZA_RESOURCES_DIR", str(ROOT.parent / "shared/stanza_resources")))
    args = ap.parse_args()
    articles = [json.loads(line) for line in open(args.split, encoding="utf-8")]
    os.makedirs(args.out, exist_ok=True)
    name = Path(args.split).stem
    parser = None
    for n in range(0, len(articles), args.chunk):
        path = Path(args.out) / f"{name}-{n // args.chunk:03d}.pkl"
        if path.exists():
            continue
        parser = parser or Parser(args.model_dir)
        docs = {}
        for a in articles[n:n + args.chunk]:
            doc = parser.tokenize(a["text"])
            parser.parse(doc, list(range(len(doc.sentences))))
            docs[a["id"]] = doc
        with open(f"{path}.part", "wb") as fh:
            pickle.dump(docs, fh)
        os.replace(f"{path}.part", path)
        print(f"{path}: {len(docs)} articles", flush=True)


if __name__ == "__main__":
    main()
