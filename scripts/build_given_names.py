"""Write service/engine/data/given_names.json: given names that nearly always belong to one
gender, from the US Census Bureau's 1990 first-name frequency lists (public domain), as shipped
by the `names` package on PyPI (MIT; `pip install -e '.[train]'`).

    python scripts/build_given_names.py

A name is kept when one gender's frequency is at least DOMINANCE times the other's (so "James"
is male, "Jordan" and "Leslie" are left out). The engine's own short lists in
service/engine/lexicon.py, which cover non-US names and famous exceptions ("Lindsey" Graham),
take precedence at lookup time.
"""
from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "service" / "engine" / "data" / "given_names.json"
DOMINANCE = 10.0  # how many times likelier one gender must be
MIN_FREQUENCY = 0.001  # percent of the population: rarer census entries are mostly noise


def frequencies(filename: str) -> dict[str, float]:
    out = {}
    for line in (files("names") / filename).read_text(encoding="ascii").splitlines():
        name, percent, *_ = line.split()
        out[name.lower()] = float(percent)
    return out


def main() -> None:
    male, female = frequencies("dist.male.first"), frequencies("dist.female.first")
    genders = {}
    for name in sorted(male.keys() | female.keys()):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if max(m, f) < MIN_FREQUENCY:
            continue
        if m >= DOMINANCE * f:
            genders[name] = "m"
        elif f >= DOMINANCE * m:
            genders[name] = "f"
    note = ("Given names of one gender, from the US Census Bureau's 1990 first-name lists "
            f"(public domain) via the `names` package; built by scripts/build_given_names.py "
            f"(one gender {DOMINANCE:g}x likelier, frequency >= {MIN_FREQUENCY}%).")
    OUT.write_text(json.dumps({"note": note, "genders": genders}, indent=0, sort_keys=True) + "\n",
                   encoding="utf-8")
    counts = {g: sum(v == g for v in genders.values()) for g in "mf"}
    print(f"{OUT}: {counts['m']} male, {counts['f']} female given names")


if __name__ == "__main__":
    main()
