"""PLOVER and CAMEO tables: the CAMEO -> PLOVER crosswalk, Goldstein scores, quad classes.

The tables are data files under sanderling/data/ontology/, each with its source and licence in
its header; this module only reads them (once, lazily).
"""
from __future__ import annotations

import functools

from ..data_tables import data_lines, read_rows

#: PLOVER types, today's names (CONCEDE and RETREAT were one type, YIELD, until 2021).
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
OLD_NAMES = {"YIELD": ("CONCEDE", "RETREAT")}


def normalise_code(code) -> str | None:
    if code is None:
        return None
    c = str(code).strip().strip("[]")
    if not c or not c.isdigit():
        return None
    if len(c) == 1:
        c = "0" + c
    return c


@functools.lru_cache(maxsize=None)
def crosswalk() -> dict[str, tuple[str, str | None, str | None]]:
    """CAMEO code -> (PLOVER type, mode or None, context or None)."""
    table: dict[str, tuple[str, str | None, str | None]] = {}
    for line in data_lines("ontology/cameo2plover.txt"):
        if ":" not in line or line.startswith("~"):
            continue
        code, rest = line.split(":", 1)
        code = code.strip()
        if not code.isdigit():
            continue
        rest = rest.split("#", 1)[0]
        parts = [p.strip() for p in rest.split(",")]
        ptype = parts[0].upper()
        if not ptype:
            continue
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        context = parts[2] if len(parts) > 2 and parts[2] else None
        if len(code) == 2 and code in table:  # "08: CONCEDE" then "08: RETREAT": keep the first
            continue
        table.setdefault(code, (ptype, mode, context))
    return table


def plover_for_cameo(code) -> str | None:
    """The PLOVER type of a CAMEO code ("0874" -> "RETREAT"); None for CAMEO 01/02 (statements and
    appeals, which PLOVER dropped) and for unknown codes. A code missing from the table falls back
    to its longest known prefix."""
    c = normalise_code(code)
    if c is None:
        return None
    table = crosswalk()
    while c:
        if c in table:
            return table[c][0]
        if len(c) <= 2:
            return None
        c = c[:-1]
    return None


def plover_mode_for_cameo(code) -> str | None:
    c = normalise_code(code)
    hit = crosswalk().get(c) if c else None
    return hit[1] if hit else None


@functools.lru_cache(maxsize=None)
def goldstein_table() -> dict[str, float]:
    out = {}
    for row in read_rows("ontology/goldstein.tsv"):
        code, value = row[:2]
        out[code.strip()] = float(value)
    return out


def goldstein(cameo) -> float | None:
    """Goldstein conflict-cooperation score (-10..+10) of a CAMEO code; prefixes fall back."""
    c = normalise_code(cameo)
    table = goldstein_table()
    while c:
        if c in table:
            return table[c]
        c = c[:-1]
    return None


@functools.lru_cache(maxsize=None)
def _types() -> dict[str, tuple[int, str]]:
    out = {}
    for row in read_rows("ontology/plover_types.tsv"):
        name, quad, code = row[:3]
        out[name.strip()] = (int(quad), code.strip())
    return out


def quad_class(plover_type) -> int | None:
    """CAMEO quad class of a PLOVER type: 1 verbal coop., 2 material coop., 3 verbal conflict,
    4 material conflict."""
    hit = _types().get(str(plover_type or "").strip().upper())
    return hit[0] if hit else None


def default_cameo(plover_type) -> str | None:
    """The CAMEO code to report when only the PLOVER type is known ("ASSAULT" -> "190")."""
    hit = _types().get(str(plover_type or "").strip().upper())
    return hit[1] if hit else None


def root_type(plover_type) -> str | None:
    """The 2021 name of a type (CONCEDE/RETREAT -> YIELD), as the PLV data uses."""
    t = str(plover_type or "").strip().upper()
    return "YIELD" if t in ("CONCEDE", "RETREAT") else (t or None)
