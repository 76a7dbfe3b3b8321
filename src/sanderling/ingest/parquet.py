"""Parquet files of articles: columns `text` (required), `title`, `url`, `published`, `source_name`.

Read through DuckDB in chunks, so a file larger than memory streams through (no pyarrow needed).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..schema import Article
from .dates import normalise_published
from .errors import IngestError
from .text import article_from_text

COLUMNS = ("text", "title", "url", "published", "source_name")


def read_parquet(path: Path, published: str | None, source_name: str | None,
                 chunk: int = 1024) -> Iterator[Article | IngestError]:
    import duckdb

    con = duckdb.connect()
    try:
        try:
            have = {r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()}
        except duckdb.Error as exc:
            raise IngestError(str(path), f"not a readable Parquet file ({str(exc).splitlines()[0]})") from None
        if "text" not in have:
            raise IngestError(str(path), "no 'text' column")
        select = ", ".join(f"CAST({c} AS VARCHAR)" if c in have else "NULL" for c in COLUMNS)
        cur = con.execute(f"SELECT {select} FROM read_parquet(?)", [str(path)])
        number = 0
        while rows := cur.fetchmany(chunk):
            for text, title, url, pub, source in rows:
                number += 1
                where = f"{path}:{number}"
                if not text or not text.strip():
                    yield IngestError(where, "no 'text' (or it is empty)")
                    continue
                try:
                    date = normalise_published(published or pub, where)
                    yield article_from_text(text, where, date, source_name or source, title=title, url=url)
                except IngestError as err:
                    yield err
    finally:
        con.close()
