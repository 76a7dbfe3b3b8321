"""Exports of the store to the formats analysts load: GDELT 2.0, ICEWS, POLECAT, PLOVER JSON
lines, and CSV / Parquet of sanderling's own schema. One module per format; all read the store
through rows.py (streamed in chunks) or DuckDB's COPY, so memory stays flat as the store grows.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .rows import ExportError, check_date

FORMATS = ("gdelt", "icews", "polecat", "plover", "csv", "parquet")

#: DuckDB's memory for an export: enough to sort, small enough that a large store spills to disk.
MEMORY_LIMIT = "256MB"

__all__ = ["FORMATS", "ExportError", "check_date", "export", "open_store", "gdelt_paths"]


@contextmanager
def open_store(db: str | Path | None, read_only: bool = True):
    """A DuckDB connection to the store (read-only by default), with a memory cap."""
    import duckdb

    from ..store import default_db_path

    path = Path(db) if db else default_db_path()
    if read_only and not path.exists():
        raise ExportError(f"{path}: no store here yet; code some articles first (`sanderling code FILE`) or pass --db")
    from ..store import StoreError, check_store, connect

    try:
        con = connect(path, read_only=read_only)  # waits out a writer's batch, as the other readers do
    except StoreError as exc:
        raise ExportError(str(exc)) from None
    except duckdb.Error as exc:
        raise ExportError(f"{path}: cannot open the store ({str(exc).splitlines()[0]})") from None
    try:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        if read_only:  # truncated, foreign, newer: refused before a row is written out
            check_store(con, path, writing=False)
        yield con
    except StoreError as exc:
        raise ExportError(str(exc)) from None
    except duckdb.Error as exc:  # a damaged block met mid-query
        raise ExportError(f"{path}: cannot read the store ({(str(exc).strip().splitlines() or ['?'])[0]})") from None
    finally:
        con.close()


def gdelt_paths(out: Path) -> tuple[Path, Path]:
    """--out X gives X.export.CSV and X.mentions.CSV, GDELT's own file names (an X that already
    ends in .export.CSV keeps its name)."""
    name = out.name
    for suffix in (".export.CSV", ".export.csv"):
        if name.endswith(suffix):
            base = out.with_name(name[: -len(suffix)])
            return out, base.with_name(base.name + ".mentions.CSV")
    return out.with_name(name + ".export.CSV"), out.with_name(name + ".mentions.CSV")


def export(fmt: str, db: str | Path | None = None, out: str | Path | None = None, since: str | None = None,
           until: str | None = None, country: str | None = None, stdout: TextIO | None = None,
           partition: bool | None = None) -> dict:
    """Write the store's events in `fmt`; returns {"events": n, "files": [...]}.
    Text formats go to `stdout` when no `out` is given (GDELT's mentions table then is not
    written: it needs a file of its own)."""
    if fmt not in FORMATS:
        raise ExportError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    since, until = check_date(since, "--since"), check_date(until, "--until")
    if country is not None and not (country.isalpha() and len(country) == 3):
        raise ExportError(f"--country must be a three-letter code (ISO alpha-3 or IGO/NGO/MNC), not {country!r}")
    stdout = stdout or sys.stdout
    out = Path(out) if out else None
    if out is not None and not out.parent.exists():
        raise ExportError(f"{out.parent}: no such folder for --out")
    files: list[str] = []
    with open_store(db) as con:
        if fmt in ("csv", "parquet"):
            from . import native

            if fmt == "csv":
                n = native.write_csv(con, out, stdout, since, until, country)
            else:
                n = native.write_parquet(con, out, since, until, country, partition)
            if out is not None:
                files.append(str(out))
            return {"events": n, "files": files}
        if fmt == "gdelt":
            from . import gdelt

            if out is None:
                return {"events": gdelt.write_events(con, stdout, since, until, country), "files": []}
            events_path, mentions_path = gdelt_paths(out)
            with open(events_path, "w", encoding="utf-8", newline="") as f:
                n = gdelt.write_events(con, f, since, until, country)
            with open(mentions_path, "w", encoding="utf-8", newline="") as f:
                m = gdelt.write_mentions(con, f, since, until, country)
            return {"events": n, "mentions": m, "files": [str(events_path), str(mentions_path)]}
        from . import icews, plover, polecat

        writer = {"icews": icews.write, "polecat": polecat.write, "plover": plover.write}[fmt]
        if out is None:
            return {"events": writer(con, stdout, since, until, country), "files": []}
        with open(out, "w", encoding="utf-8", newline="") as f:
            n = writer(con, f, since, until, country)
        return {"events": n, "files": [str(out)]}
