"""GDELT 2.0 event files as reference data: `sanderling import-gdelt` loads them into a table of
their own, gdelt_events (keyed by GLOBALEVENTID, so importing a file twice changes nothing), and
`sanderling compare --gdelt` sets sanderling's counts per day and dyad beside GDELT's.

GDELT distributes its 15-minute event files as YYYYMMDDHHMMSS.export.CSV.zip: tab-separated,
no header, 61 columns (the GDELT 2.0 event codebook). Plain .CSV/.tsv files are read as they are,
.zip archives member by member (each extracted to a temporary file, so memory stays small).
"""
from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from .gdelt import EVENT_COLUMNS
from .rows import ExportError, has_table

_INT = {"GLOBALEVENTID": "BIGINT", "SQLDATE": "INTEGER", "MonthYear": "INTEGER", "Year": "INTEGER",
        "IsRootEvent": "INTEGER", "QuadClass": "INTEGER", "NumMentions": "INTEGER", "NumSources": "INTEGER",
        "NumArticles": "INTEGER", "DATEADDED": "BIGINT"}
_REAL = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
         "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"}


def column_type(name: str) -> str:
    if name in _INT:
        return _INT[name]
    if name in _REAL:
        return "DOUBLE"
    if name.endswith("Geo_Type"):
        return "INTEGER"
    return "VARCHAR"  # event codes stay text: "010" is not 10


TABLE = ("CREATE TABLE IF NOT EXISTS gdelt_events ("
         + ", ".join(f'"{c}" {column_type(c)}' + (" PRIMARY KEY" if c == "GLOBALEVENTID" else "") for c in EVENT_COLUMNS)
         + ", imported_from VARCHAR)")


def _check_columns(path: Path, label: str) -> None:
    with open(path, encoding="utf-8", errors="replace") as f:
        first = f.readline().rstrip("\r\n")
    if not first:
        return
    n = first.count("\t") + 1
    if n != len(EVENT_COLUMNS):
        raise ExportError(f"{label}: line 1 has {n} tab-separated columns; a GDELT 2.0 event file has 61 "
                          "(GDELT 1.0 daily files have 57-58: not supported)")


def _load(con, path: Path, label: str) -> tuple[int, int]:
    _check_columns(path, label)
    columns = "{" + ", ".join(f"'{c}': '{column_type(c)}'" for c in EVENT_COLUMNS) + "}"
    quoted = "'" + str(path).replace("'", "''") + "'"
    source = "'" + label.replace("'", "''") + "'"
    import duckdb

    before = con.execute("SELECT count(*) FROM gdelt_events").fetchone()[0]
    try:
        n = con.execute(f"SELECT count(*) FROM read_csv({quoted}, delim='\\t', header=false, quote='', escape='', "
                        f"columns={columns}, auto_detect=false, strict_mode=false)").fetchone()[0]
        # a file may repeat an id (GDELT's do not; hand-made ones might): the latest DATEADDED wins
        con.execute(f"""INSERT OR REPLACE INTO gdelt_events
                        SELECT *, {source} FROM read_csv({quoted}, delim='\\t', header=false, quote='', escape='',
                                                         columns={columns}, auto_detect=false, strict_mode=false)
                        QUALIFY row_number() OVER (PARTITION BY GLOBALEVENTID ORDER BY DATEADDED DESC NULLS LAST) = 1""")
    except duckdb.Error as exc:
        raise ExportError(f"{label}: not a GDELT 2.0 event file ({str(exc).splitlines()[0]})") from None
    after = con.execute("SELECT count(*) FROM gdelt_events").fetchone()[0]
    return n, after - before


def import_files(con, files: list[str | Path]) -> list[dict]:
    """Load each file (or each member of a .zip); returns one {"file", "rows", "new"} per file."""
    con.execute(TABLE)
    report = []
    for f in map(Path, files):
        if not f.exists():
            raise ExportError(f"{f}: no such file")
        if zipfile.is_zipfile(f):
            with zipfile.ZipFile(f) as z, tempfile.TemporaryDirectory(prefix="sanderling-gdelt-") as tmp:
                for member in (m for m in z.infolist() if not m.is_dir()):
                    target = Path(tmp) / "member.tsv"
                    with z.open(member) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                    rows, new = _load(con, target, f"{f.name}:{member.filename}")
                    report.append({"file": f"{f}:{member.filename}", "rows": rows, "new": new})
        else:
            rows, new = _load(con, f, f.name)
            report.append({"file": str(f), "rows": rows, "new": new})
    return report


#: compare's keys: SQL on sanderling's events (e) and on gdelt_events (g).
_DAY_G = "substr(CAST(g.SQLDATE AS VARCHAR), 1, 4) || '-' || substr(CAST(g.SQLDATE AS VARCHAR), 5, 2) || '-' || substr(CAST(g.SQLDATE AS VARCHAR), 7, 2)"
KEYS = {
    "day": ("e.date", _DAY_G),
    "month": ("substr(e.date, 1, 7)", f"substr({_DAY_G}, 1, 7)"),
    "dyad": ("coalesce(e.source_country, '-') || '-' || coalesce(e.target_country, '-')",
             "coalesce(nullif(g.Actor1CountryCode, ''), '-') || '-' || coalesce(nullif(g.Actor2CountryCode, ''), '-')"),
    "type": ("e.cameo_root", "g.EventRootCode"),  # sanderling's: its CAMEO code, else its type's default
    "quad": ("e.quad_class", "g.QuadClass"),
}


def _default_cameo_sql() -> str:
    """CASE event_type WHEN 'ASSAULT' THEN '190' ...: the code an event without one reports."""
    from ..events.ontology import PLOVER_TYPES, default_cameo

    whens = " ".join(f"WHEN '{t}' THEN '{default_cameo(t)}'" for t in PLOVER_TYPES if default_cameo(t))
    return f"CASE event_type {whens} END"


def compare(con, by: str = "day,dyad", since: str | None = None, until: str | None = None,
            country: str | None = None) -> tuple[list[str], list[tuple]]:
    """sanderling's event counts beside GDELT's, per group (a full outer join: groups only one
    side has show 0 on the other). Per day, only sanderling events dated to the day count: an
    event known only to its month has no day to compare. type compares CAMEO root codes."""
    if not has_table(con, "gdelt_events"):
        raise ExportError("no GDELT events in this store: load some with `sanderling import-gdelt FILE...`")
    keys = [k.strip() for k in by.split(",") if k.strip()]
    bad = [k for k in keys if k not in KEYS]
    if bad or not keys:
        raise ExportError(f"--by takes {', '.join(KEYS)} (comma-separated), not {by!r}")
    e_where, g_where, e_params, g_params = [], [], [], []
    if "day" in keys:
        e_where.append("length(e.date) = 10")
    if "month" in keys:
        e_where.append("length(e.date) >= 7")
    if since:
        e_where.append("e.date >= ?"); e_params.append(since)
        g_where.append(f"{_DAY_G} >= ?"); g_params.append(since)
    if until:  # a shorter bound compares on the prefix, as everywhere in sanderling
        e_where.append(f"substr(e.date, 1, {len(until)}) <= ?"); e_params.append(until)
        g_where.append(f"substr({_DAY_G}, 1, {len(until)}) <= ?"); g_params.append(until)
    if country:
        c = country.upper()
        e_where.append("(e.source_country = ? OR e.target_country = ?)"); e_params += [c, c]
        g_where.append("(g.Actor1CountryCode = ? OR g.Actor2CountryCode = ?)"); g_params += [c, c]
    names = ", ".join(f'k{i}' for i in range(len(keys)))
    e_sel = ", ".join(f"{KEYS[k][0]} AS k{i}" for i, k in enumerate(keys))
    g_sel = ", ".join(f"{KEYS[k][1]} AS k{i}" for i, k in enumerate(keys))
    ew = (" WHERE " + " AND ".join(e_where)) if e_where else ""
    gw = (" WHERE " + " AND ".join(g_where)) if g_where else ""
    sql = f"""
        WITH s AS (SELECT {e_sel}, count(*) AS n
                   FROM (SELECT *, substr(coalesce(cameo, {_default_cameo_sql()}), 1, 2) AS cameo_root FROM events) e{ew}
                   GROUP BY ALL),
             g AS (SELECT {g_sel}, count(*) AS n, sum(g.NumMentions) AS m FROM gdelt_events g{gw} GROUP BY ALL)
        SELECT {", ".join(f"coalesce(s.k{i}, g.k{i})" for i in range(len(keys)))},
               coalesce(s.n, 0), coalesce(g.n, 0), coalesce(g.m, 0)
        FROM s FULL OUTER JOIN g USING ({names})
        ORDER BY {", ".join(str(i + 1) for i in range(len(keys)))} NULLS LAST"""
    rows = con.execute(sql, e_params + g_params).fetchall()
    return keys + ["sanderling_events", "gdelt_events", "gdelt_mentions"], rows
