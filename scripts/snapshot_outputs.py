"""Every quote the engine gives over cached full parses, as JSON: the reference a refactor of
the speaker logic must reproduce.

    python scripts/snapshot_outputs.py .cache/dev out.json [--nonspeech]
    python scripts/snapshot_outputs.py .cache/dev out.json --compare reference.json

Each article's quotes (span, type, cue, speaker mention and name, attribution, confidence), then
its speakers (id, name, mentions, quotes).
With --compare, prints every quote that differs from the reference and exits 1 if any does.
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
from service.engine.pipeline import extract_parsed  # noqa: E402


def _span(s):
    return None if s is None else [s.start, s.end, s.text]


def quote_row(q) -> dict:
    return {"span": [q.start, q.end], "type": q.type, "cue": _span(q.cue),
            "mention": _span(q.speaker.mention) if q.speaker else None,
            "name": q.speaker.name if q.speaker else None, "speaker": q.speaker.id if q.speaker else None,
            "attribution": q.attribution, "confidence": q.confidence, "contested": q.contested}


def speaker_row(s) -> dict:
    return {"speaker": s.id, "name": s.name, "mentions": [_span(m) for m in s.mentions], "quotes": s.quotes}


def snapshot(cache: str, nonspeech: bool) -> dict:
    out = {}
    for f in sorted(glob.glob(os.path.join(cache, "*.pkl"))):
        with open(f, "rb") as fh:
            for aid, doc in pickle.load(fh).items():
                result = extract_parsed(doc, find_quoted_spans(doc.text), include_nonspeech=nonspeech)
                out[aid] = [quote_row(q) for q in result.quotes] + [speaker_row(s) for s in result.speakers]
    return out


def differences(new: dict, ref: dict) -> list[str]:
    lines = []
    for aid in sorted(set(new) | set(ref)):
        a, b = ref.get(aid, []), new.get(aid, [])
        for k in range(max(len(a), len(b))):
            x, y = (a[k] if k < len(a) else None), (b[k] if k < len(b) else None)
            if x != y:
                lines.append(f"{aid} #{k}:\n  before {json.dumps(x)}\n  after  {json.dumps(y)}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cache")
    ap.add_argument("out")
    ap.add_argument("--nonspeech", action="store_true", help="include non-speech quotes")
    ap.add_argument("--compare", metavar="REFERENCE")
    args = ap.parse_args()
    new = snapshot(args.cache, args.nonspeech)
    Path(args.out).write_text(json.dumps(new, indent=0) + "\n", encoding="utf-8")
    print(f"{sum(map(len, new.values()))} rows (quotes and speakers) in {len(new)} articles")
    if args.compare:
        diff = differences(new, json.loads(Path(args.compare).read_text(encoding="utf-8")))
        print("\n".join(diff) or "identical")
        sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
