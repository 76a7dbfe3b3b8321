"""Readers and one writer on the same DuckDB file: each opens it only for its call, and waits
briefly for the other (store.connect)."""
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from sanderling import store as store_module
from sanderling.cli import app
from sanderling.store import Store, StoreBusy

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("CREATE TABLE IF NOT EXISTS marker (x INTEGER)")
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _hold(db, seconds: float) -> subprocess.Popen:
    """Another process that holds the file open for writing for `seconds`."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_writer_holds_the_file_only_per_call(tmp_path):
    db = tmp_path / "s.duckdb"
    s = Store(db)
    assert s._con is None  # created the schema and let go
    assert s.counts()["events"] == 0
    assert s._con is None
    # another process can write now, while this Store object lives
    proc = _hold(db, 0.1)
    proc.wait(timeout=10)
    s.close()


def test_reader_waits_out_a_short_write(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    proc = _hold(db, 0.8)
    started = time.monotonic()
    with Store(db, read_only=True) as s:
        assert s.counts()["articles"] == 0
    assert time.monotonic() - started >= 0.3  # it waited for the lock rather than failing
    proc.wait(timeout=10)


def test_reader_gives_up_with_one_line(tmp_path, monkeypatch):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    proc = _hold(db, 5)
    try:
        monkeypatch.setattr(store_module, "READ_WAIT_S", 0.2)
        with pytest.raises(StoreBusy, match="the store is busy"):
            Store(db, read_only=True).counts()
        result = CliRunner().invoke(app, ["events", "--db", str(db)])
        assert result.exit_code == 2
        assert "the store is busy" in result.stderr and "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1
    finally:
        proc.kill()
        proc.wait()
