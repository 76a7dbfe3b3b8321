"""`sanderling counts`: counts, Goldstein mean and sum, quad-class shares, on invented events."""
from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from typer.testing import CliRunner

from export_fixtures import build_store
from sanderling.cli import app
from sanderling.export import ExportError
from sanderling.export.aggregates import counts

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "s.duckdb"
    build_store(path)
    return path


def test_counts_by_month_dyad_type(db):
    with duckdb.connect(str(db), read_only=True) as con:
        columns, rows = counts(con, by="month,dyad,type")
    got = [dict(zip(columns, r)) for r in rows]
    may = [g for g in got if g["month"] == "2024-05"]
    assert [(g["dyad"], g["type"], g["events"]) for g in may] == [("FRA-DEU", "AGREE", 1), ("FRA-DEU", "CONSULT", 1),
                                                                 ("FRA-FRA", "ACCUSE", 1)]
    with duckdb.connect(str(db), read_only=True) as con:
        columns, rows = counts(con, by="month", country="FRA")
    (row,) = [dict(zip(columns, r)) for r in rows]
    assert row["events"] == 3 and row["goldstein_sum"] == pytest.approx(2.9)
    assert row["goldstein_mean"] == pytest.approx(0.967) and row["quad1_share"] == pytest.approx(0.667)
    assert row["quad3_share"] == pytest.approx(0.333) and row["quad4_share"] == 0


def test_no_keys_gives_one_total(db):
    with duckdb.connect(str(db), read_only=True) as con:
        columns, rows = counts(con, by="", since="2023")
    assert dict(zip(columns, rows[0]))["events"] == 4  # the undated event has no date to compare


def test_bad_key_is_an_error(db):
    with duckdb.connect(str(db), read_only=True) as con, pytest.raises(ExportError, match="--by takes"):
        counts(con, by="week")


def test_cli_csv_json_table(db):
    out = runner.invoke(app, ["counts", "--db", str(db), "--by", "dyad", "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["dyad"]: int(r["events"]) for r in rows}["FRA-DEU"] == 2
    data = json.loads(runner.invoke(app, ["counts", "--db", str(db), "--by", "type", "--format", "json"]).output)
    assert {d["type"] for d in data} == {"CONSULT", "AGREE", "ACCUSE", "ASSAULT", "REQUEST"}
    table = runner.invoke(app, ["counts", "--db", str(db), "--by", "month,dyad,type", "--until", "2023"])
    assert table.exit_code == 0 and "ASSAULT" in table.output and "CONSULT" not in table.output


@pytest.mark.parametrize("args, message", [(["--format", "xml"], "--format must be one of"),
                                           (["--since", "24-01"], "YYYY"), (["--by", "month,month"], "twice")])
def test_cli_errors_are_one_line(db, args, message):
    result = runner.invoke(app, ["counts", "--db", str(db), *args])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
