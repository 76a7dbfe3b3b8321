"""import-gdelt and compare --gdelt, on a GDELT 2.0 event file written here by hand."""
from __future__ import annotations

import csv
import io
import zipfile

import duckdb
import pytest
from typer.testing import CliRunner

from export_fixtures import build_store
from sanderling.cli import app
from test_export import GDELT_CODEBOOK

runner = CliRunner()


def gdelt_line(**fields) -> str:
    row = {c: "" for c in GDELT_CODEBOOK}
    row.update({k: str(v) for k, v in fields.items()})
    return "\t".join(row[c] for c in GDELT_CODEBOOK)


ROWS = [
    dict(GLOBALEVENTID=900001, SQLDATE=20240514, MonthYear=202405, Year=2024, Actor1CountryCode="FRA",
         Actor2CountryCode="DEU", EventCode="042", EventRootCode="04", QuadClass=1, GoldsteinScale=1.9,
         NumMentions=6, DATEADDED=20240514101500, SOURCEURL="https://gdelt.example/1"),
    dict(GLOBALEVENTID=900002, SQLDATE=20240514, MonthYear=202405, Year=2024, Actor1CountryCode="FRA",
         Actor2CountryCode="DEU", EventCode="036", EventRootCode="03", QuadClass=1, GoldsteinScale=4.0,
         NumMentions=2, DATEADDED=20240514101500, SOURCEURL="https://gdelt.example/2"),
    dict(GLOBALEVENTID=900003, SQLDATE=20240515, MonthYear=202405, Year=2024, Actor1CountryCode="ESP",
         Actor2CountryCode="", EventCode="190", EventRootCode="19", QuadClass=4, GoldsteinScale=-10,
         NumMentions=1, DATEADDED=20240515000000, SOURCEURL="https://gdelt.example/3"),
]


@pytest.fixture
def files(tmp_path):
    plain = tmp_path / "20240514101500.export.CSV"
    plain.write_text("\n".join(gdelt_line(**r) for r in ROWS[:2]) + "\n", encoding="utf-8")
    zipped = tmp_path / "20240515000000.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as z:  # as GDELT distributes them; repeats an id of the first file
        z.writestr("20240515000000.export.CSV", "\n".join(gdelt_line(**r) for r in ROWS[1:]) + "\n")
    return plain, zipped


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    build_store(path)
    return path


def test_import_is_idempotent_and_typed(db, files):
    plain, zipped = files
    first = runner.invoke(app, ["import-gdelt", str(plain), str(zipped), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "gdelt_events now holds 3 event(s)" in first.output
    again = runner.invoke(app, ["import-gdelt", str(zipped), "--db", str(db)])
    assert again.exit_code == 0 and "0 new" in again.output and "holds 3 event(s)" in again.output
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT GLOBALEVENTID, EventCode, GoldsteinScale, NumMentions FROM gdelt_events ORDER BY 1").fetchall()
        assert rows == [(900001, "042", 1.9, 6), (900002, "036", 4.0, 2), (900003, "190", -10.0, 1)]
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 5  # sanderling's own rows untouched


def test_compare_counts_per_day_and_dyad(db, files):
    runner.invoke(app, ["import-gdelt", *map(str, files), "--db", str(db)])
    out = runner.invoke(app, ["compare", "--gdelt", "--db", str(db), "--format", "csv"]).output
    got = {(r["day"], r["dyad"]): (int(r["sanderling_events"]), int(r["gdelt_events"]), int(r["gdelt_mentions"]))
           for r in csv.DictReader(io.StringIO(out))}
    assert got[("2024-05-14", "FRA-DEU")] == (2, 2, 8)
    assert got[("2024-05-15", "ESP--")] == (0, 1, 1)
    assert ("2023-03", "DEU-DEU") not in got  # a month-dated event has no day to compare
    only = runner.invoke(app, ["compare", "--gdelt", "--db", str(db), "--format", "csv", "--country", "esp",
                               "--since", "2024-05-15", "--until", "2024-05"]).output
    assert [r["dyad"] for r in csv.DictReader(io.StringIO(only))] == ["ESP--"]
    by_month = runner.invoke(app, ["compare", "--gdelt", "--db", str(db), "--by", "month", "--format", "json"]).output
    assert '"gdelt_events": 3' in by_month


def test_import_refuses_other_files(db, tmp_path):
    bad = tmp_path / "mentions.CSV"
    bad.write_text("1\t2\t3\n", encoding="utf-8")
    result = runner.invoke(app, ["import-gdelt", str(bad), "--db", str(db)])
    assert result.exit_code == 2 and "has 3 tab-separated columns" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["import-gdelt", str(tmp_path / "none.CSV"), "--db", str(db)])
    assert result.exit_code == 2 and "no such file" in result.output


def test_compare_needs_imported_data(db):
    result = runner.invoke(app, ["compare", "--gdelt", "--db", str(db)])
    assert result.exit_code == 2 and "import-gdelt" in result.output


def test_our_gdelt_export_imports_as_gdelt(db, tmp_path):
    from sanderling.export import export

    export("gdelt", db=db, out=tmp_path / "own")
    result = runner.invoke(app, ["import-gdelt", str(tmp_path / "own.export.CSV"), "--db", str(db)])
    assert result.exit_code == 0 and "5 new" in result.output


def test_compare_by_type_uses_the_default_code_of_an_uncoded_type(db, files):
    runner.invoke(app, ["import-gdelt", *map(str, files), "--db", str(db)])
    out = runner.invoke(app, ["compare", "--gdelt", "--db", str(db), "--by", "month,type", "--format", "csv"]).output
    got = {(r["month"], r["type"]): int(r["sanderling_events"]) for r in csv.DictReader(io.StringIO(out))}
    assert got[("2024-05", "04")] == 1 and got[("2024-05", "03")] == 1 and got[("2024-05", "19")] == 0
    out = runner.invoke(app, ["compare", "--gdelt", "--db", str(db), "--by", "type", "--format", "csv"]).output
    got = {r["type"]: int(r["sanderling_events"]) for r in csv.DictReader(io.StringIO(out))}
    assert got["10"] == 1  # the REQUEST without a CAMEO code counts under REQUEST's default, 10x


def test_export_without_a_format_is_one_line(db):
    result = runner.invoke(app, ["export", "--db", str(db)])
    assert result.exit_code == 2 and "--format gdelt|icews" in result.output and len(result.output.strip().splitlines()) == 1
