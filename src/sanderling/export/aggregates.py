"""Aggregates over stored events, computed by DuckDB: counts, Goldstein mean and sum and
quad-class shares per month / day / year, dyad, type, ... (what `sanderling counts` prints).
Dates keep their precision: an event known only to its month counts in that month, and under
--by day it shows as the month ("2024-05"), not as a made-up first day."""
from __future__ import annotations

from .rows import ExportError, count_exprs, event_filter

#: --by keys and their SQL on the events table (alias e).
KEYS = {
    "year": "substr(e.date, 1, 4)",
    "month": "substr(e.date, 1, 7)",
    "day": "substr(e.date, 1, 10)",
    "dyad": "coalesce(e.source_country, '-') || '-' || coalesce(e.target_country, '-')",
    "source": "e.source_country",
    "target": "e.target_country",
    "type": "e.event_type",
    "quad": "e.quad_class",
    "mode": "e.mode",
    "cameo": "substr(e.cameo, 1, 2)",
}

MEASURES = ["events", "mentions", "goldstein_mean", "goldstein_sum", "quad1_share", "quad2_share",
            "quad3_share", "quad4_share"]


def parse_by(by: str | list[str] | None) -> list[str]:
    keys = [k.strip().lower() for k in (by.split(",") if isinstance(by, str) else (by or [])) if k.strip()]
    bad = [k for k in keys if k not in KEYS]
    if bad:
        raise ExportError(f"--by takes {', '.join(KEYS)} (comma-separated), not {', '.join(map(repr, bad))}")
    if len(set(keys)) != len(keys):
        raise ExportError("--by names a key twice")
    return keys


def counts(con, by: str | list[str] | None = "month", country: str | None = None, since: str | None = None,
           until: str | None = None, event_type: str | tuple[str, ...] | None = None) -> tuple[list[str], list[tuple]]:
    """(columns, rows): one row per group, in key order."""
    keys = parse_by(by)
    where, params = event_filter(since, until, country)
    if event_type:
        from ..validate import event_type as check_type

        types = check_type(event_type) if isinstance(event_type, str) else tuple(event_type)
        where += (" AND " if where else " WHERE ") + f"e.event_type IN ({', '.join('?' * len(types))})"
        params += list(types)
    mentions = count_exprs(con)[0]
    select = [f"{KEYS[k]} AS \"{k}\"" for k in keys]
    select += [
        "count(*) AS events",
        f"sum({mentions}) AS mentions",
        "round(avg(e.goldstein), 3) AS goldstein_mean",
        "round(sum(e.goldstein), 3) AS goldstein_sum",
        *[f"round(avg(CASE WHEN e.quad_class = {q} THEN 1.0 ELSE 0.0 END), 3) AS quad{q}_share" for q in (1, 2, 3, 4)],
    ]
    sql = f"SELECT {', '.join(select)} FROM events e{where}"
    if keys:
        group = ", ".join(str(i + 1) for i in range(len(keys)))
        sql += f" GROUP BY {group} ORDER BY {group} NULLS LAST"
    rows = con.execute(sql, params).fetchall()
    return keys + MEASURES, rows
