"""Each export read back by a reader written from the format's published column list, on a
store built from invented articles (tests/export_fixtures.py)."""
from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from typer.testing import CliRunner

from export_fixtures import build_store, coded_articles
from sanderling.cli import app
from sanderling.export import ExportError, export, gdelt_paths

# GDELT 2.0 Event Database codebook, in file order (written out here, not imported, so the test
# checks the module against the codebook).
GDELT_CODEBOOK = """GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources
NumArticles AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code
Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code
Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code
ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL""".split()
GDELT_MENTIONS = """GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName
MentionIdentifier SentenceID Actor1CharOffset Actor2CharOffset ActionCharOffset InRawText Confidence
MentionDocLen MentionDocTone MentionDocTranslationInfo Extras""".split()
ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
POLECAT_REQUIRED = ["Event ID", "Event Date", "Event Type", "Event Mode", "Contexts", "Quad Code",
                    "Actor Name", "Actor Country", "Actor COW", "Recipient Name", "Recipient Country",
                    "Placename", "City", "State", "Country", "Latitude", "Longitude", "GeoNames ID",
                    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
                    "Story Organizations", "Story Locations", "Language", "Version", "Headline",
                    "Story ID", "Sentence Number"]

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "s.duckdb"
    build_store(path)
    return path


def text(fmt, db, **kw) -> str:
    buf = io.StringIO()
    export(fmt, db=db, stdout=buf, **kw)
    return buf.getvalue()


def read_gdelt(path_or_text, columns):
    lines = path_or_text.splitlines() if isinstance(path_or_text, str) else open(path_or_text, encoding="utf-8").read().splitlines()
    rows = [line.split("\t") for line in lines if line]
    assert all(len(r) == len(columns) for r in rows), {len(r) for r in rows}
    return [dict(zip(columns, r)) for r in rows]


def test_gdelt_events_read_back_with_the_codebook_columns(db, tmp_path):
    result = export("gdelt", db=db, out=tmp_path / "s")
    events_path, mentions_path = gdelt_paths(tmp_path / "s")
    assert result["files"] == [str(events_path), str(mentions_path)] and events_path.name == "s.export.CSV"
    rows = {r["EventCode"]: r for r in read_gdelt(events_path, GDELT_CODEBOOK)}
    assert len(GDELT_CODEBOOK) == 61 and len(rows) == 5
    visit = rows["042"]
    assert (visit["EventBaseCode"], visit["EventRootCode"], visit["QuadClass"]) == ("042", "04", "1")
    assert (visit["Actor1CountryCode"], visit["Actor2CountryCode"], visit["Actor1Name"]) == ("FRA", "DEU", "ILSA VENN")
    assert (visit["Actor1Code"], visit["Actor2Code"], visit["Actor2Type2Code"]) == ("FRAGOV", "DEUGOVMIL", "MIL")
    assert (visit["SQLDATE"], visit["MonthYear"], visit["Year"]) == ("20240514", "202405", "2024")
    assert visit["SOURCEURL"] == "https://news.example/a1" and visit["DATEADDED"] == "20240514000000"
    assert (visit["ActionGeo_CountryCode"], visit["ActionGeo_Lat"], visit["ActionGeo_Type"]) == ("FR", "45.5", "4")
    assert float(visit["GoldsteinScale"]) == 1.9 and visit["IsRootEvent"] == "1"
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"]) == ("1", "1", "1")
    assert rows["112"]["SQLDATE"] == "20240501"  # a month reads as its first day
    assert rows["100"]["Actor1CountryCode"] == "IGO" and rows["100"]["Actor1KnownGroupCode"] == "UNO"
    ids = [int(r["GLOBALEVENTID"]) for r in rows.values()]
    assert len(set(ids)) == 5 and all(0 < i < 2**63 for i in ids)
    # the same store exports the same ids again
    assert sorted(ids) == sorted(int(r["GLOBALEVENTID"]) for r in read_gdelt(text("gdelt", db), GDELT_CODEBOOK))
    # DuckDB loads it with the codebook's names, as users load GDELT
    con = duckdb.connect()
    names = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_CODEBOOK) + "}"
    got = con.execute(f"SELECT count(*), count(DISTINCT GLOBALEVENTID) FROM read_csv('{events_path}', delim='\\t', "
                      f"header=false, columns={names}, quote='')").fetchone()
    assert got == (5, 5)
    mentions = read_gdelt(mentions_path, GDELT_MENTIONS)
    assert {int(m["GLOBALEVENTID"]) for m in mentions} == set(ids)
    m = next(m for m in mentions if int(m["GLOBALEVENTID"]) == int(visit["GLOBALEVENTID"]))
    assert (m["MentionType"], m["MentionIdentifier"], m["SentenceID"], m["ActionCharOffset"]) == ("1", "https://news.example/a1", "1", "0")


def test_icews_reads_back_by_its_header(db):
    rows = list(csv.DictReader(io.StringIO(text("icews", db)), delimiter="\t"))
    assert list(rows[0].keys()) == ICEWS_COLUMNS and len(rows) == 5
    visit = next(r for r in rows if r["CAMEO Code"] == "042")
    assert (visit["Source Name"], visit["Source Country"], visit["Target Country"]) == ("Ilsa Venn", "France", "Germany")
    assert (visit["Event Text"], visit["Intensity"], visit["Event Date"]) == ("Make a visit", "1.9", "2024-05-14")
    assert (visit["City"], visit["Province"], visit["Country"], visit["Sentence Number"]) == ("Portavel", "Norde", "France", "1")
    assert visit["Target Sectors"] == "GOV,MIL" and visit["Publisher"] == "Example Wire"
    assert int(visit["Event ID"]) > 0 and int(visit["Story ID"]) > 0


def test_polecat_reads_back_by_its_header(db):
    rows = list(csv.DictReader(io.StringIO(text("polecat", db)), delimiter="\t"))
    assert set(POLECAT_REQUIRED) <= set(rows[0].keys()) and len(rows) == 5
    visit = next(r for r in rows if r["Event Mode"] == "visit")
    assert (visit["Event Type"], visit["Quad Code"], visit["Actor Country"], visit["Recipient Country"]) == ("consult", "1", "FRA", "DEU")
    assert (visit["Recipient Title"], visit["Recipient Sectors"], visit["Placename"], visit["State"]) == ("Defence Minister", "GOV;MIL", "Portavel", "Norde")
    assert visit["Story People"] == "Ilsa Venn; Tomas Ruel" and visit["Headline"] == "Ministers meet, agree on drills"
    drills = next(r for r in rows if r["Event Type"] == "agree")
    assert drills["Contexts"] == "military"
    assert next(r for r in rows if r["Event Type"] == "accuse")["Feature Type"] == "country"


def test_plover_json_lines_follow_the_manual(db):
    records = [json.loads(line) for line in text("plover", db).splitlines()]
    assert len(records) == 5
    for r in records:
        assert {"id", "date", "actor", "event"} <= r.keys()  # PLOVER's required fields
        assert len(r["date"]) == 10 and isinstance(r["actor"], list) and isinstance(r["event"], list)
    visit = next(r for r in records if r["mode"] == ["visit"])
    assert visit["event"] == ["CONSULT"] and visit["quad_code"] == 1 and visit["event_scale"] == 1.9
    assert visit["actor"][0]["code"] == "FRA" and visit["recipient"][0]["sector"] == "GOV"
    assert visit["event_loc"]["country_code"] == "FRA" and visit["event_loc"]["province"] == "Norde"
    assert visit["text_info"]["sequence"] == 0 and visit["cite_info"]["url"] == "https://news.example/a1"


def test_csv_and_parquet_hold_the_native_schema(db, tmp_path):
    with duckdb.connect(str(db), read_only=True) as con:
        stored = dict(con.execute("SELECT id, goldstein FROM events").fetchall())
    rows = list(csv.DictReader(io.StringIO(text("csv", db))))
    assert {r["id"] for r in rows} == set(stored)
    assert {r["id"]: (float(r["goldstein"]) if r["goldstein"] else None) for r in rows} == stored
    export("csv", db=db, out=tmp_path / "e.csv")
    assert len(list(csv.DictReader(open(tmp_path / "e.csv")))) == 5
    export("parquet", db=db, out=tmp_path / "e.parquet")
    got = duckdb.sql(f"SELECT id, target_sectors, num_mentions FROM read_parquet('{tmp_path / 'e.parquet'}')").fetchall()
    assert {g[0] for g in got} == set(stored) and ("GOV;MIL", 1) in {(g[1], g[2]) for g in got}
    export("parquet", db=db, out=tmp_path / "parts", partition=True)
    parts = duckdb.sql(f"SELECT year, month, count(*) FROM read_parquet('{tmp_path / 'parts'}/**/*.parquet', "
                       "hive_partitioning=true) GROUP BY ALL ORDER BY ALL").fetchall()
    assert [(str(y), str(m), n) for y, m, n in parts] == [("2023", "03", 1), ("2024", "05", 3), ("unknown", "unknown", 1)]


def test_filters_by_date_and_country(db):
    def ids(**kw):
        return {r["id"] for r in csv.DictReader(io.StringIO(text("csv", db, **kw)))}

    assert len(ids(since="2024")) == 3 and len(ids(until="2023-12")) == 1
    assert len(ids(country="deu")) == 3 and ids(since="2030") == set()


def test_counts_of_linked_stories_are_used_when_the_store_has_them(tmp_path):
    path = tmp_path / "linked.duckdb"
    build_store(path)
    with duckdb.connect(str(path)) as con:  # a second report of one event, as story linking records it
        eid, art = con.execute("SELECT id, article_id FROM events WHERE cameo = '042'").fetchone()
        con.execute("DELETE FROM event_mentions WHERE event_id = ?", [eid])
        con.execute("INSERT INTO event_mentions (event_id, article_id, sentence, start_char, end_char, text, source_name, url, published) VALUES (?, ?, 0, 0, 10, 'x', 'Example Wire', 'https://news.example/a1', '2024-05-14'), "
                    "(?, 'other', 3, 40, 90, 'y', 'Other Daily', 'https://other.example/b', '2024-05-15')", [eid, art, eid])
        con.execute("UPDATE events SET num_mentions = 2, num_sources = 2, num_articles = 2 WHERE id = ?", [eid])
    rows = {r["EventCode"]: r for r in read_gdelt(text("gdelt", path), GDELT_CODEBOOK)}
    assert (rows["042"]["NumMentions"], rows["042"]["NumSources"], rows["042"]["NumArticles"]) == ("2", "2", "2")
    assert rows["112"]["NumMentions"] == "1"
    export("gdelt", db=path, out=tmp_path / "g")
    mentions = read_gdelt(tmp_path / "g.mentions.CSV", GDELT_MENTIONS)
    linked = [m for m in mentions if m["GLOBALEVENTID"] == rows["042"]["GLOBALEVENTID"]]
    assert [m["MentionSourceName"] for m in linked] == ["news.example", "other.example"]  # web sources by domain
    assert len(mentions) == 6  # events without event_mentions rows keep their record's own mention
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE events SET num_mentions = 7, num_sources = 3, num_articles = 5 WHERE cameo = '042'")
    assert next(r for r in read_gdelt(text("gdelt", path), GDELT_CODEBOOK) if r["EventCode"] == "042")["NumMentions"] == "7"


def test_events_coded_by_the_pipeline_export(coder, tmp_path):
    from sanderling.schema import Article
    from sanderling.store import Store

    path = tmp_path / "p.duckdb"
    text_ = "French Foreign Minister Ilsa Venn met German Defence Minister Tomas Ruel in Lyon on Monday."
    with Store(path) as s:
        s.write(coder.code([Article(text=text_, published="2025-02-03", source_name="Example Wire")]))
    rows = read_gdelt(text("gdelt", path), GDELT_CODEBOOK)
    assert rows and all(r["EventCode"] for r in rows)
    assert all(json.loads(line)["date"] for line in text("plover", path).splitlines())


@pytest.mark.parametrize("args, message", [
    (["--format", "gdelt2"], "--format must be one of"),
    (["--format", "csv", "--since", "2024-02-30"], "no day 30"),
    (["--format", "csv", "--until", "May 2024"], "YYYY, YYYY-MM or YYYY-MM-DD"),
    (["--format", "parquet"], "give --out"),
])
def test_bad_requests_are_one_line(db, args, message):
    result = runner.invoke(app, ["export", "--db", str(db), *args])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_missing_store_is_one_line(tmp_path):
    result = runner.invoke(app, ["export", "--format", "icews", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no store here yet" in result.output


def test_cli_writes_files(db, tmp_path):
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "gdelt", "--out", str(tmp_path / "g")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.export.CSV").exists() and (tmp_path / "g.mentions.CSV").exists()
    assert "5 event(s) and 5 mention(s)" in result.output


def test_export_error_is_a_value_error():
    assert issubclass(ExportError, ValueError) and len(coded_articles()) == 2


def test_benchmark_store_exports(tmp_path):
    """The benchmark's synthetic store (benchmarks/export.py) has the store's shape: a small one
    exports to every format."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("bench_export", Path(__file__).parents[1] / "benchmarks" / "export.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    db = tmp_path / "b.duckdb"
    bench.build(db, 300, 30)
    for fmt in bench.FORMATS:
        out = tmp_path / f"b.{fmt}"
        assert export(fmt, db=db, out=out)["events"] == 300
    assert len(read_gdelt(tmp_path / "b.gdelt.export.CSV", GDELT_CODEBOOK)) == 300
    assert bench.peak_mb() > 0


def test_mention_times_are_the_event_first_seen_and_the_report(tmp_path):
    path = tmp_path / "linked.duckdb"
    build_store(path)
    with duckdb.connect(str(path)) as con:
        eid = con.execute("SELECT id FROM events WHERE cameo = '042'").fetchone()[0]
        con.execute("DELETE FROM event_mentions WHERE event_id = ?", [eid])  # told only in a later report
        con.execute("INSERT INTO event_mentions (event_id, article_id, sentence, start_char, end_char, text, source_name, url, published) VALUES (?, 'later', 3, 40, 90, 'y', 'Other Daily', NULL, '2024-05-16')", [eid])
    export("gdelt", db=path, out=tmp_path / "g")
    from sanderling.export.rows import stable_int

    (m,) = [m for m in read_gdelt(tmp_path / "g.mentions.CSV", GDELT_MENTIONS) if int(m["GLOBALEVENTID"]) == stable_int(eid)]
    assert (m["EventTimeDate"], m["MentionTimeDate"], m["MentionType"]) == ("20240514000000", "20240516000000", "2")
    assert m["SentenceID"] == "4" and m["ActionCharOffset"] == "40"
    assert (m["MentionSourceName"], m["MentionIdentifier"]) == ("Other Daily", "Other Daily article later")

