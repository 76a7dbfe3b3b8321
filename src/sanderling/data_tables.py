"""Reading the package's data tables (data/**/*.tsv, one-word-a-line *.txt lists).

A table is tab-separated text; lines starting with # (the header naming source and licence) and
blank lines are not data. One reader, so that every loader skips and splits alike. Cells come as
written: loaders strip or lower-case what they need.
"""
from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lines(path) -> list[str]:
    """`path`: a name under data/ ("events/predicates.tsv") or a path (a user's own table)."""
    with (DATA / path if isinstance(path, str) else path).open(encoding="utf-8") as f:
        return [line for line in f if line.strip() and not line.startswith("#")]


def data_lines(path) -> list[str]:
    """The data lines, line ends removed."""
    return [line.rstrip("\n") for line in _lines(path)]


def read_rows(path, sep: str = "\t") -> list[list[str]]:
    """The cells of each data line, for tables without a header row."""
    return [line.split(sep) for line in data_lines(path)]


def read_table(path, sep: str = "\t", quoted: bool = False) -> list[dict[str, str]]:
    """One dict per data line, keyed by the first data line (the header). A short row's missing
    cells are "", cells past the header are dropped. `quoted`: CSV quoting ('"a<tab>b"' is one
    cell), for tables made elsewhere (PLV) and users' .csv files; ours never quote."""
    lines = _lines(path)
    rows = csv.reader(lines, delimiter=sep) if quoted else (line.rstrip("\n").split(sep) for line in lines)
    header = next(rows, [])
    return [dict(zip(header, row + [""] * (len(header) - len(row)))) for row in rows]
