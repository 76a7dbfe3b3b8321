"""The terminal view (issue 15, item 13): tables fit 80 columns with two lines per record,
ids shown, statements in text order with dates, `sanderling show ID`."""
import json

from typer.testing import CliRunner

from sanderling.cli import app
from sanderling.store import Store
from store_fixtures import article, person, sample

runner = CliRunner()


def many_events(path, n=15):
    lund, saari = person("Karin Lund", "SWE", "Defence Minister"), person("Mikko Saari", "FIN", "Defence Minister")
    coded = []
    for i in range(n):
        text = (f"Defence Minister Karin Lund of Sweden met her Finnish counterpart Mikko Saari in the town "
                f"number {i} to discuss [/caption] air defence, fisheries, Arctic shipping and [the talks].")
        coded.append(article(text, f"2024-05-{i + 1:02d}",
                             events=[("CONSULT", lund, saari, f"2024-05-{i + 1:02d}", text, "met")]))
    with Store(path) as s:
        s.write(coded)
    return coded


def test_at_80_columns_each_event_takes_at_most_two_lines(tmp_path):
    db = tmp_path / "s.duckdb"
    many_events(db)
    result = runner.invoke(app, ["events", "--db", str(db)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert len(lines) <= 2 * 15 + 4, result.stdout  # title, header, rule, caption
    ids = [e["id"] for e in Store(db, read_only=True).events()]
    assert all(i in result.stdout for i in ids)  # ids in full: `show ID` takes them


def test_wide_gives_the_whole_sentence(tmp_path):
    db = tmp_path / "s.duckdb"
    many_events(db, 2)
    result = runner.invoke(app, ["events", "--db", str(db), "--wide"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    assert "Arctic shipping and [the talks]." in result.stdout


def test_statements_come_in_text_order_with_their_date(tmp_path):
    speakers = [person(n, c) for n, c in (("Ana Ruiz", "CHL"), ("Ivo Bex", "BRA"), ("Tala Ora", "CHN"),
                                          ("Mikko Saari", "FIN"), ("Karin Lund", "SWE"))]
    parts = [f"{sp.name} said point {i} mattered." for i, sp in enumerate(speakers)]
    text = " ".join(parts)
    coded = article(text, "2024-07-09", statements=[(sp, f"point {i} mattered", "said") for i, sp in enumerate(speakers)])
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.write([coded])
    listed = runner.invoke(app, ["statements", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [r["speaker"]["name"] for r in rows] == [sp.name for sp in speakers]
    assert {r["published"] for r in rows} == {"2024-07-09"}
    table = runner.invoke(app, ["statements", "--db", str(db)], env={"COLUMNS": "80"}).stdout
    assert table.index("Ana Ruiz") < table.index("Ivo Bex") < table.index("Karin Lund")
    assert "2024-07-09" in table and rows[0]["id"] in table


def test_show_an_event_with_its_sentence_marked(tmp_path):
    db = tmp_path / "s.duckdb"
    (coded,) = many_events(db, 1)
    event_id = Store(db, read_only=True).events()[0]["id"]
    result = runner.invoke(app, ["show", event_id, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.stdout and "Karin Lund (SWE)" in result.stdout
    assert "[/caption] air defence" in result.stdout and "[the talks]" in result.stdout  # text, not markup
    assert coded.article.id in result.stdout
    shown = json.loads(runner.invoke(app, ["show", event_id[:8], "--db", str(db), "--format", "json"]).stdout)
    assert shown["id"] == event_id and shown["kind"] == "event"


def test_show_a_statement_and_an_unknown_id(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.write(sample())
    (first, _) = Store(db, read_only=True).statements()
    result = runner.invoke(app, ["show", first["id"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Mikko Saari (FIN)" in result.stdout and "the talks went well" in result.stdout
    missing = runner.invoke(app, ["show", "nosuchid", "--db", str(db)])
    assert missing.exit_code == 1 and len(missing.stderr.strip().splitlines()) == 1


def test_show_an_id_merged_into_another_event(tmp_path):
    lund, saari = person("Karin Lund", "SWE", "Defence Minister"), person("Mikko Saari", "FIN", "Defence Minister")
    text = "Karin Lund met Mikko Saari in Helsinki in March, the paper said."
    other = article(text, "2024-04-03", source_name="Other Paper", events=[("CONSULT", lund, saari, "2024-03", text, "met")])
    for order in ([[other], sample()], [sample(), [other]]):
        db = (tmp_path / f"s{len(list(tmp_path.iterdir()))}.duckdb")
        with Store(db) as s:
            for batch in order:
                s.write(batch)
            aliases = s.con.execute("SELECT old_id, event_id FROM event_aliases").fetchall()
        if aliases:
            break
    (old, now), = aliases
    result = runner.invoke(app, ["show", old, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["id"] == now and shown["alias_of"] == old


def test_the_web_api_lists_statements_in_text_order_and_filters_dates_alike(tmp_path):
    pytest = __import__("pytest")
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from sanderling.web.app import create_app

    speakers = [person(n, c) for n, c in (("Ana Ruiz", "CHL"), ("Ivo Bex", "BRA"), ("Tala Ora", "CHN"),
                                          ("Mikko Saari", "FIN"), ("Karin Lund", "SWE"))]
    text = " ".join(f"{sp.name} said point {i} mattered." for i, sp in enumerate(speakers))
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        s.write([article(text, "2024-07-09", statements=[(sp, f"point {i} mattered", "said")
                                                         for i, sp in enumerate(speakers)])])
    client = TestClient(create_app(db))
    rows = client.get("/api/statements").json()["statements"]
    assert [r["speaker_name"] for r in rows] == [sp.name for sp in speakers]
    assert client.get("/api/statements?since=2024-07&until=2024-07").json()["total"] == 5
    assert client.get("/api/statements?until=2024-06").json()["total"] == 0
    assert client.get("/api/events?type=FOO").status_code == 422
