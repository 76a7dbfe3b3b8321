"""Print (columns, rows) results as a rich table, CSV or JSON: for `counts` and `compare`."""
from __future__ import annotations

import csv
import json
from typing import TextIO

from .rows import ExportError

FORMATS = ("table", "csv", "json")

#: Short headers so a table of many measures fits a terminal (CSV and JSON keep the full names).
SHORT = {"goldstein_mean": "gs mean", "goldstein_sum": "gs sum", "quad1_share": "q1", "quad2_share": "q2",
         "quad3_share": "q3", "quad4_share": "q4", "mentions": "ment."}


def write(columns: list[str], rows: list[tuple], fmt: str, out: TextIO, title: str | None = None) -> None:
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)
    elif fmt == "json":
        out.write(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for c in columns:
            table.add_column(SHORT.get(c, c), no_wrap=True, justify="left" if isinstance(next((r[columns.index(c)] for r in rows), ""), str) else "right")
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        console = Console(file=out)
        if not console.is_terminal:
            console.width = 200  # piped or captured: print whole rows, not an 80-column wrap
        console.print(table)
        if any(c in SHORT for c in columns):
            console.print("gs: Goldstein scale; q1..q4: share of verbal cooperation, material cooperation, "
                                    "verbal conflict, material conflict")
    else:
        raise ExportError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
