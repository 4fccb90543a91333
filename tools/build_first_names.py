"""Build analysis/data/first_names.csv from the name data of nomquamgender (MIT licence).

Usage:  pip install --no-deps nomquamgender==0.1.4
        python tools/build_first_names.py [--min-counts 100] [--max-uncertainty 0.1]

Only the package's data file ``name_data.json`` is read (its module, which imports the
GPL-licensed unidecode, is not imported).  A name is kept when it is plain letters (with
inner hyphens or apostrophes), has at least --min-counts observations and its p(gf)
(share of people with the name gendered female) is within --max-uncertainty of 0 or 1,
the package's own default for classifying a name.  Names that are left out are treated
as unknown (the package abstains on them too).  The data file's fourth field (the
taxonomy that ``nomquamgender.taxonomize`` reads: 3 gendered, 2 conditionally gendered by
country, 1 by decade, 0 weakly gendered, per threshold 0.05 ... 0.45) is not used: a name
only conditionally gendered at 0.1 (Chris) is gendered in data that the package does not
ship, so it is left out like the weakly gendered ones (Bernie, Pat).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "first_names.csv"
_NAME = re.compile(r"[a-z](?:[a-z'-]*[a-z])?")


def data_path() -> Path:
    """Location of nomquamgender's name_data.json (without importing the package)."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("nomquamgender is not installed: pip install --no-deps nomquamgender==0.1.4")
    return Path(list(spec.submodule_search_locations)[0]) / "name_data.json"


def main() -> None:
    """Write the filtered first-name table with its provenance header."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-counts", type=int, default=100)
    ap.add_argument("--max-uncertainty", type=float, default=0.1)
    args = ap.parse_args()
    data = json.loads(data_path().read_text(encoding="utf-8"))
    rows = []
    for name, info in data.items():
        sources, counts, pgf = info[0], info[1], info[2]
        if not _NAME.fullmatch(name) or counts < args.min_counts or pgf != pgf:
            continue
        if 0.5 - abs(0.5 - pgf) <= args.max_uncertainty:
            rows.append((name, round(pgf, 3), counts))
    rows.sort()
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("# First names and p(female) from nomquamgender 0.1.4 (Van Buskirk, Clauset and\n"
                 "# Larremore, 'An open-source cultural consensus approach to name-based gender\n"
                 "# classification', ICWSM 2023), MIT licence, Copyright (c) 2022 Ian Van Buskirk;\n"
                 "# see first_names.LICENSE.md. Built by tools/build_first_names.py with "
                 f"--min-counts {args.min_counts} --max-uncertainty {args.max_uncertainty}.\n"
                 "# Columns: name (lower case, ASCII), p_female (share gendered female),\n"
                 "# counts (observations behind it). Names absent here are unknown.\n")
        fh.write("name,p_female,counts\n")
        for name, p, c in rows:
            fh.write(f"{name},{p},{c}\n")
    print(f"{len(rows)} names written to {OUT}")


if __name__ == "__main__":
    main()
