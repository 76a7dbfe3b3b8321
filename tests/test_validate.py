"""Options and filters are checked before anything runs: a bad value is one line naming the
option, the value and what is accepted, exit 2 (issue 15, item 6)."""
import json

import pytest
from typer.testing import CliRunner

from sanderling import validate
from sanderling.cli import app
from store_fixtures import write_sample

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    write_sample(path)
    return path


def one_line_usage_error(result, option):
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert option in lines[0] and "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize("args, option", [
    (["events", "--type", "FOO"], "--type"),
    (["events", "--since", "2026-13"], "--since"),
    (["events", "--since", "junk"], "--since"),
    (["events", "--until", "junk"], "--until"),
    (["events", "--until", "2024-02-30"], "--until"),
    (["events", "--country", "Narnia"], "--country"),
    (["events", "--country", "ZZZ"], "--country"),
    (["events", "--limit", "-1"], "--limit"),
    (["events", "--limit", "0"], "--limit"),
    (["events", "--limit", "many"], "--limit"),
    (["events", "--mode", "sideways"], "--mode"),
    (["statements", "--country", "Atlantis"], "--country"),
    (["counts", "--type", "FOO"], "--type"),
    (["counts", "--country", "Atlantis"], "--country"),
    (["counts", "--since", "2024-1"], "--since"),
    (["export", "--format", "csv", "--country", "Atlantis"], "--country"),
    (["export", "--format", "csv", "--until", "2024-13"], "--until"),
    (["events", "--since", "2024-05", "--until", "2024-04"], "--since"),
])
def test_bad_filter_is_one_line_exit_2(db, args, option):
    line = one_line_usage_error(runner.invoke(app, args + ["--db", str(db)]), option)
    assert args[args.index(option) + 1] in line  # the value is named


def test_published_tomorrow_is_a_usage_error(tmp_path):
    art = tmp_path / "x.txt"
    art.write_text("Karin Lund met Mikko Saari in Helsinki.\n", encoding="utf-8")
    one_line_usage_error(runner.invoke(app, ["code", str(art), "--published", "tomorrow", "--no-store"]), "--published")


def ids(result):
    assert result.exit_code == 0, result.output
    return [json.loads(line)["event_type"] for line in result.stdout.splitlines()]


def test_a_month_filter_means_the_month(db):
    base = ["events", "--db", str(db), "--format", "jsonl"]
    assert ids(runner.invoke(app, base + ["--since", "2024-03", "--until", "2024-03"])) == ["CONSULT"]
    # an event known to its month is not inside a range that starts or ends within the month
    assert ids(runner.invoke(app, base + ["--until", "2024-03-01"])) == ["AGREE"]
    assert ids(runner.invoke(app, base + ["--since", "2024-03-15"])) == ["ACCUSE"]
    assert ids(runner.invoke(app, base + ["--since", "2024"])) == ["CONSULT", "ACCUSE"]
    assert ids(runner.invoke(app, base + ["--until", "2023"])) == ["AGREE"]


def test_counts_and_export_use_the_same_ranges(db):
    result = runner.invoke(app, ["counts", "--db", str(db), "--by", "type", "--format", "json",
                                 "--since", "2024-03", "--until", "2024-03"])
    assert result.exit_code == 0, result.output
    assert [r["type"] for r in json.loads(result.stdout)] == ["CONSULT"]
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "plover", "--until", "2024-03-01"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1


def test_a_country_name_is_read_as_its_code_with_a_note(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--country", "China", "--format", "jsonl"])
    assert ids(result) == ["AGREE", "ACCUSE"]
    assert "CHN" in result.stderr


def test_type_any_case_yield_and_limit(db):
    base = ["events", "--db", str(db), "--format", "jsonl"]
    assert ids(runner.invoke(app, base + ["--type", "consult"])) == ["CONSULT"]
    assert ids(runner.invoke(app, base + ["--limit", "1"])) == ["AGREE"]
    assert ids(runner.invoke(app, base + ["--type", "YIELD"])) == []


def test_validators():
    assert validate.date_value("2024-02-29", "--since") == "2024-02-29"
    for bad in ("2023-02-29", "2024-1", "24", "2024/03", "1e10", "0000"):
        with pytest.raises(validate.UsageError):
            validate.date_value(bad, "--since")
    assert validate.country("igo") == "IGO" and validate.country("usa") == "USA"
    assert validate.event_type("yield") == ("CONCEDE", "RETREAT")
    assert validate.count("3", "--limit") == 3
    assert validate.modes()  # the ontology's modes
