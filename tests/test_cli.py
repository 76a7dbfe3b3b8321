import json

from typer.testing import CliRunner

from sanderling.cli import app

runner = CliRunner()
ARTICLE = ("Swedish Defence Minister Karin Lund met Finnish Defence Minister Mikko Saari in Helsinki on Monday.\n"
           "Source: Test Wire\n")


def test_code_json_store_and_events(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["code", str(art), "--published", "2025-03-12", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["articles"][0]["source_name"] == "Test Wire"
    (event,) = out["events"]
    assert (event["source"]["country"], event["target"]["country"], event["date"]) == ("SWE", "FIN", "2025-03-10")
    start, end = event["evidence"]["start"], event["evidence"]["end"]
    assert ARTICLE[start:end] == event["evidence"]["text"]

    again = runner.invoke(app, ["code", str(art), "--published", "2025-03-12", "--format", "json", "--db", str(db)])
    assert json.loads(again.stdout) == out  # deterministic

    listed = runner.invoke(app, ["events", "--db", str(db), "--country", "fin", "--format", "jsonl"])
    assert listed.exit_code == 0
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [event["id"]]


def test_bad_input_reported_rest_coded_exit_1(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path), "--published", "2025-03-12", "--format", "jsonl", "--no-store"])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_bad_options_say_what_to_do(tmp_path):
    result = runner.invoke(app, ["code", "x.txt", "--format", "xml"])
    assert result.exit_code == 2 and "--format must be one of" in result.stderr
    result = runner.invoke(app, ["code", "x.txt", "--published", "someday soon"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "code some articles first" in result.stderr


def test_statements_and_readouts_from_the_store(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(
        "Swedish Defence Minister Karin Lund met Finnish Defence Minister Mikko Saari in Helsinki on Monday.\n"
        "\"We will deepen air defence cooperation in the Baltic region,\" Lund said.\n"
        "Saari said Finland wanted faster joint exercises in the Arctic.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["code", str(art), "--published", "2025-03-12", "--db", str(db)]).exit_code == 0
    listed = runner.invoke(app, ["statements", "--db", str(db), "--format", "jsonl"])
    speakers = {json.loads(line)["speaker"]["country"] for line in listed.stdout.splitlines()}
    assert speakers == {"SWE", "FIN"}
    event_id = json.loads(runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()[0])["id"]
    compared = runner.invoke(app, ["readouts", "--db", str(db), "--event", event_id, "--format", "json"])
    assert compared.exit_code == 0, compared.output
    sides = json.loads(compared.stdout)["sides"]
    assert set(sides) == {"SWE", "FIN"}


def test_a_later_run_remembers_the_people_stored(tmp_path):
    first, later = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Chilean Foreign Minister Ana Ruiz met Peruvian officials in Lima on Monday.\n", encoding="utf-8")
    later.write_text("Talks resume\n\n\"We will keep talking,\" Ruiz said on Friday.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["code", str(first), "--published", "2031-03-12", "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["code", str(later), "--published", "2031-03-15", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    (statement,) = json.loads(result.stdout)["statements"]
    assert statement["speaker"]["name"] == "Ana Ruiz" and statement["speaker"]["country"] == "CHL"


def test_text_that_looks_like_markup_is_printed_as_text(tmp_path):
    art = tmp_path / "a [b] c.txt"
    art.write_text('Talks\n\n"We reject [/caption] and [the talks]," Chilean Foreign Minister Ana Ruiz said on Monday.\n',
                   encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["code", str(art), "--published", "2031-03-12", "--db", str(db)])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["statements", "--db", str(db)])
    assert listed.exit_code == 0, listed.output
    assert "[the talks]" in listed.stdout and "[/caption]" in listed.stdout


def test_articles_with_no_publication_date_are_named(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["code", str(art), "--no-store", "--format", "json"])
    assert result.exit_code == 0
    assert "1 article(s) had no publication date" in result.stderr
    dated = runner.invoke(app, ["code", str(art), "--no-store", "--format", "json", "--published", "2025-03-12"])
    assert "no publication date" not in dated.stderr


def test_a_later_run_knows_the_people_an_earlier_run_stored(tmp_path):
    """Issue 15 item 10: memory across articles is wired into `sanderling code`: a bare surname in
    a later run resolves to the person the store already holds, with their country."""
    import json

    from typer.testing import CliRunner

    from sanderling.cli import app

    db = str(tmp_path / "s.duckdb")
    first, later = tmp_path / "first.txt", tmp_path / "later.txt"
    first.write_text("Talks in Abuja\nNigerian Defence Minister Dara Okafor met Ghanaian officials in Abuja on "
                     "Monday.\n", encoding="utf-8")
    later.write_text("Border warning\nOkafor warned Cameroon on Friday over the border raids.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["code", str(first), "--db", db, "--published", "2030-05-06"]).exit_code == 0
    result = runner.invoke(app, ["code", str(later), "--db", db, "--published", "2030-05-10", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    okafor = [a for a in record["actors"] if a["name"] == "Dara Okafor"]
    assert okafor and okafor[0]["country"] == "NGA"
    assert any(e["source"]["country"] == "NGA" and e["target"]["country"] == "CMR" for e in record["events"])
    # without the earlier run, the surname alone names no country
    alone = runner.invoke(app, ["code", str(later), "--db", str(tmp_path / "other.duckdb"),
                                "--published", "2030-05-10", "--format", "jsonl"])
    (record,) = [json.loads(x) for x in alone.output.splitlines() if x.startswith("{")]
    assert not any(a["name"] == "Dara Okafor" for a in record["actors"])
