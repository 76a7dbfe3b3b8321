"""Store faults (issue 15, items 7 and 8): a store that is busy, damaged, truncated, foreign,
newer or older gets one line (and an older one is migrated), never a traceback."""
import json
import subprocess
import sys
import time

import duckdb
import pytest
from typer.testing import CliRunner

from sanderling import store as store_mod
from sanderling.cli import app
from sanderling.store import SCHEMA_VERSION, Store, StoreError
from store_fixtures import article, person, sample, write_sample

runner = CliRunner()
READERS = [["events"], ["statements"], ["readouts", "--event", "x"], ["counts"], ["export", "--format", "csv"]]


def one_line(result, codes=(1, 2)):
    assert result.exit_code in codes, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    write_sample(path)
    return path


@pytest.mark.parametrize("args", READERS)
def test_truncated_store_is_one_line_for_every_reader(db, args):
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    assert "store" in one_line(runner.invoke(app, args + ["--db", str(db)]))


@pytest.mark.parametrize("args", READERS)
def test_a_file_that_is_no_duckdb_is_one_line(tmp_path, args):
    junk = tmp_path / "junk.duckdb"
    junk.write_text("these are my notes, not a database\n", encoding="utf-8")
    assert "junk.duckdb" in one_line(runner.invoke(app, args + ["--db", str(junk)]))


def test_truncated_store_is_refused_before_coding(db, tmp_path, monkeypatch):
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 3])
    art = tmp_path / "a.txt"
    art.write_text("Karin Lund met Mikko Saari in Helsinki on Monday.\n", encoding="utf-8")
    import sanderling.runner

    def never(*a, **k):
        raise AssertionError("coded into a truncated store")

    monkeypatch.setattr(sanderling.runner, "code_inputs", never)
    line = one_line(runner.invoke(app, ["code", str(art), "--published", "2024-05-01", "--db", str(db)]))
    assert "truncated" in line


def test_a_store_being_written_is_one_line(db, monkeypatch):
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(store_mod, "READ_WAIT_S", 0.2)
        for args in (["events"], ["statements"], ["readouts", "--event", "x"], ["counts"], ["show", "x"]):
            assert "busy" in one_line(runner.invoke(app, args + ["--db", str(db)]), codes=(2,))
    finally:
        holder.kill()
        holder.wait()


def test_a_failing_commit_is_reported_as_itself(db):
    class CommitFails:
        """DuckDB ends the transaction when COMMIT fails (a full disk): then ROLLBACK fails too."""

        def __init__(self, con):
            self.con = con

        def execute(self, sql, *args):
            if sql.strip().upper() == "COMMIT":
                self.con.execute("ROLLBACK")
                raise duckdb.IOException("IO Error: could not write: No space left on device")
            return self.con.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.con, name)

    before = Store(db).counts()
    extra = article("Ivo Bex visited Tala Ora in Lima.", "2024-06-01",
                    events=[("CONSULT", person("Ivo Bex", "BRA"), person("Tala Ora", "CHN"), "2024-06",
                             "Ivo Bex visited Tala Ora in Lima.", "visited")])
    with Store(db) as s:
        s.con = CommitFails(s.con)
        with pytest.raises(StoreError, match="No space left on device") as caught:
            s.write([extra])
        assert "rollback" not in str(caught.value)
        s.con = s.con.con
    assert Store(db).counts() == before


# -- schema version (item 8) -------------------------------------------------------------------

def test_new_store_has_a_schema_version(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path)
    con = duckdb.connect(str(path))
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)


def test_a_newer_schema_is_refused(db):
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="schema version 99"):
        Store(db)
    assert "schema version 99" in one_line(runner.invoke(app, ["events", "--db", str(db)]), codes=(2,))


@pytest.mark.parametrize("make", [
    "CREATE TABLE notes (a INTEGER, b VARCHAR)",
    "CREATE TABLE things (id VARCHAR); CREATE VIEW events AS SELECT id FROM things",
    "CREATE TABLE events (event_type VARCHAR, date VARCHAR)",
    "CREATE TABLE actors (actor_id VARCHAR, name VARCHAR); CREATE TABLE events (id VARCHAR PRIMARY KEY)",
])
def test_a_foreign_database_is_refused_and_left_alone(tmp_path, make):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute(make)
    before = sorted(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall())
    con.close()
    with pytest.raises(StoreError, match="not a sanderling store"):
        Store(path)
    for args in (["events"], ["counts"]):
        assert "not a sanderling store" in one_line(runner.invoke(app, args + ["--db", str(path)]), codes=(2,))
    con = duckdb.connect(str(path))
    assert sorted(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()) == before


def test_an_older_store_is_migrated_and_written_by_column_name(tmp_path):
    """A store from before `meta`: columns in another order, some missing (as older code made them)."""
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (text VARCHAR, id VARCHAR PRIMARY KEY, published VARCHAR, title VARCHAR)")
    con.execute("CREATE TABLE statements (id VARCHAR PRIMARY KEY, record JSON, article_id VARCHAR)")
    con.execute("CREATE TABLE actors (actor_id VARCHAR PRIMARY KEY, name VARCHAR, country VARCHAR)")
    con.execute("INSERT INTO articles (id, text) VALUES ('old1', 'An old article.')")
    con.close()
    coded = sample()
    with Store(path) as s:
        s.write(coded)
    con = duckdb.connect(str(path))
    assert con.execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)
    a = coded[0].article
    assert con.execute("SELECT text, title, published, source_name FROM articles WHERE id = ?", [a.id]).fetchone() == \
        (a.text, a.title, a.published, a.source_name)
    assert con.execute("SELECT text FROM articles WHERE id = 'old1'").fetchone() == ("An old article.",)
    (sid, record, art) = con.execute("SELECT id, record, article_id FROM statements ORDER BY id").fetchone()
    assert json.loads(record)["id"] == sid and art == a.id
    con.close()
    assert len(Store(path, read_only=True).events()) == 3


def test_inserts_name_their_columns():
    with pytest.raises(ValueError, match="column name"):
        store_mod._insert(None, "INSERT INTO articles VALUES", [["x"]])
