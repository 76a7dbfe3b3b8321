"""CSV and Parquet of sanderling's own event schema, written by DuckDB's COPY ... TO: the store
streams straight into the file without passing rows through Python. Parquet of a large store
is written as a folder partitioned by year and month (Hive style: year=2024/month=05/...), which
DuckDB, Arrow, Spark and pandas read back as one table."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import TextIO

from .rows import ExportError, count_exprs, event_filter

#: Parquet of more events than this goes out partitioned by year and month (unless told).
PARTITION_ABOVE = 1_000_000

COLUMNS = ["id", "article_id", "date", "date_precision", "event_type", "mode", "cameo", "quad_class",
           "goldstein", "source_actor_id", "source_name", "source_country", "source_sectors", "source_role",
           "target_actor_id", "target_name", "target_country", "target_sectors", "target_role",
           "location_name", "location_country", "location_admin1", "location_lat", "location_lon",
           "background", "confidence", "sentence_index", "evidence_start", "evidence_end", "sentence",
           "article_url", "article_source", "published", "num_mentions", "num_sources", "num_articles"]


def select_sql(con, since=None, until=None, country=None, partition: bool = False) -> str:
    where, params = event_filter(since, until, country)
    for p in params:  # COPY takes no parameters: inline them (validated dates and codes, quoted)
        where = where.replace("?", "'" + str(p).replace("'", "''") + "'" if isinstance(p, str) else str(p), 1)
    nm = ", ".join(f"{x} AS num_{k}" for x, k in zip(count_exprs(con), ("mentions", "sources", "articles")))
    extra = (", coalesce(substr(e.date, 1, 4), 'unknown') AS year, coalesce(nullif(substr(e.date, 6, 2), ''), 'unknown') AS month"
             if partition else "")
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
               e.sentence, a.url AS article_url, a.source_name AS article_source, a.published,
               {nm}{extra}
        FROM events e LEFT JOIN articles a ON a.id = e.article_id{where}
        ORDER BY e.date NULLS LAST, e.id"""


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_csv(con, out: Path | None, stdout: TextIO, since=None, until=None, country=None) -> int:
    sql = select_sql(con, since, until, country)
    n = con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
    if out is not None:
        con.execute(f"COPY ({sql}) TO {_quote(out)} (FORMAT csv, HEADER true)")
        return n
    w = csv.writer(stdout, lineterminator="\n")
    w.writerow(COLUMNS)
    cur = con.cursor()
    try:
        cur.execute(sql)
        while rows := cur.fetchmany(5000):
            w.writerows(rows)
    finally:
        cur.close()
    return n


def write_parquet(con, out: Path | None, since=None, until=None, country=None,
                  partition: bool | None = None) -> int:
    if out is None:
        raise ExportError("--format parquet writes a file: give --out PATH")
    n = con.execute(f"SELECT count(*) FROM ({select_sql(con, since, until, country)})").fetchone()[0]
    if partition is None:
        partition = n > PARTITION_ABOVE
    if partition:
        sql = select_sql(con, since, until, country, partition=True)
        con.execute(f"COPY ({sql}) TO {_quote(out)} (FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE true)")
    else:
        con.execute(f"COPY ({select_sql(con, since, until, country)}) TO {_quote(out)} (FORMAT parquet)")
    return n
