"""CSV and Parquet of sanderling's own event schema, one row per event, month by month (see
rows.month_slices), so memory follows the largest month, not the store.

Parquet goes out through DuckDB's COPY ... TO. A store of more than PARTITION_ABOVE events (or
--partition) becomes a folder partitioned by year and month, Hive style (year=2024/month=05/...),
which DuckDB, Arrow, Spark and pandas read back as one table; a single file is written as one
part per month and then merged in order (a read of Parquet streams, a sort of the store would not).
"""
from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path
from typing import TextIO

from .rows import ExportError, count_exprs, month_slices

#: Parquet of more events than this goes out partitioned by year and month (unless told).
PARTITION_ABOVE = 1_000_000

COLUMNS = ["id", "article_id", "date", "date_precision", "event_type", "mode", "cameo", "quad_class",
           "goldstein", "source_actor_id", "source_name", "source_country", "source_sectors", "source_role",
           "target_actor_id", "target_name", "target_country", "target_sectors", "target_role",
           "location_name", "location_country", "location_admin1", "location_lat", "location_lon",
           "background", "confidence", "sentence_index", "evidence_start", "evidence_end", "sentence",
           "article_url", "article_source", "published", "num_mentions", "num_sources", "num_articles"]


def _inline(where: str, params: list) -> str:
    """COPY takes no parameters: put them in as literals (validated dates and codes, quoted)."""
    for p in params:
        where = where.replace("?", ("'" + p.replace("'", "''") + "'") if isinstance(p, str) else str(int(p)), 1)
    return where


def select_sql(con, where: str) -> str:
    nm = ", ".join(f"{x} AS num_{k}" for x, k in zip(count_exprs(con), ("mentions", "sources", "articles")))
    return f"""
        SELECT e.id, e.article_id, e.date, e.record->>'$.date_precision' AS date_precision,
               e.event_type, e.mode, e.cameo, e.quad_class, e.goldstein,
               e.source_id AS source_actor_id, e.source_name, e.source_country,
               array_to_string(CAST(e.record->'$.source.sectors' AS VARCHAR[]), ';') AS source_sectors,
               e.record->>'$.source.role' AS source_role,
               e.target_id AS target_actor_id, e.target_name, e.target_country,
               array_to_string(CAST(e.record->'$.target.sectors' AS VARCHAR[]), ';') AS target_sectors,
               e.record->>'$.target.role' AS target_role,
               e.location_name, e.location_country, e.record->>'$.location.admin1' AS location_admin1,
               CAST(e.record->>'$.location.lat' AS DOUBLE) AS location_lat,
               CAST(e.record->>'$.location.lon' AS DOUBLE) AS location_lon,
               e.background, e.confidence,
               CAST(e.record->>'$.evidence.sentence' AS INTEGER) AS sentence_index,
               CAST(e.record->>'$.evidence.start' AS INTEGER) AS evidence_start,
               CAST(e.record->>'$.evidence.end' AS INTEGER) AS evidence_end,
               e.sentence, a.url AS article_url, a.source_name AS article_source, a.published, {nm}
        FROM events e
        LEFT JOIN (SELECT id, url, source_name, published FROM articles
                   WHERE id IN (SELECT e.article_id FROM events e{where})) a ON a.id = e.article_id{where}
        ORDER BY e.date, e.id"""


def _slices(con, since, until, country) -> list[tuple[str, str]]:
    """(month key, inlined WHERE) per month of events."""
    return [(key, _inline(where, params)) for key, where, params in month_slices(con, since, until, country)]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_csv(con, out: Path | None, stdout: TextIO, since=None, until=None, country=None) -> int:
    f = open(out, "w", encoding="utf-8", newline="") if out is not None else stdout
    n = 0
    try:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        cur = con.cursor()
        try:
            for _, where in _slices(con, since, until, country):
                cur.execute(select_sql(con, where))
                while rows := cur.fetchmany(5000):
                    w.writerows(rows)
                    n += len(rows)
        finally:
            cur.close()
    finally:
        if out is not None:
            f.close()
    return n


def write_parquet(con, out: Path | None, since=None, until=None, country=None,
                  partition: bool | None = None) -> int:
    if out is None:
        raise ExportError("--format parquet writes a file: give --out PATH")
    slices = _slices(con, since, until, country)
    n = sum(con.execute(f"SELECT count(*) FROM events e{where}").fetchone()[0] for _, where in slices)
    if partition is None:
        partition = n > PARTITION_ABOVE
    if partition:
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out}: a partitioned export is a folder, and this is a file")
        out.mkdir(exist_ok=True)
        for key, where in slices:
            year, month = (key[:4], key[5:7] or "unknown") if key else ("unknown", "unknown")
            part = out / f"year={year}" / f"month={month}"
            part.mkdir(parents=True, exist_ok=True)
            con.execute(f"COPY ({select_sql(con, where)}) TO {_quote(part / 'data_0.parquet')} (FORMAT parquet)")
        return n
    with tempfile.TemporaryDirectory(prefix="sanderling-parquet-", dir=out.parent) as tmp:
        parts = []
        for i, (_, where) in enumerate(slices):
            parts.append(Path(tmp) / f"{i:06d}.parquet")
            con.execute(f"COPY ({select_sql(con, where)}) TO {_quote(parts[-1])} (FORMAT parquet)")
        if not parts:  # nothing matched: still write a file with the columns
            con.execute(f"COPY ({select_sql(con, ' WHERE false')}) TO {_quote(out)} (FORMAT parquet)")
        elif len(parts) == 1:
            shutil.move(parts[0], out)
        else:
            files = "[" + ", ".join(_quote(p) for p in parts) + "]"
            # files are read in list order and DuckDB keeps that order (preserve_insertion_order)
            con.execute(f"COPY (SELECT * FROM read_parquet({files})) TO {_quote(out)} (FORMAT parquet)")
    return n
