"""`sanderling serve` keeps answering while `sanderling code` writes 200 articles into the same
store, and the counts it reports grow as batches commit (DuckDB lets one process write: the
writer holds the file per batch, readers per request)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from sanderling.store import Store
from web_server import free_port

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-c", "from sanderling.cli import app; app()"]

# Invented: ministers of real countries with made-up names, meeting in made-up rounds of talks.
COUNTRIES = [("Swedish", "Stockholm"), ("Finnish", "Helsinki"), ("Danish", "Copenhagen"), ("Norwegian", "Oslo"),
             ("Polish", "Warsaw"), ("Czech", "Prague"), ("Austrian", "Vienna"), ("Portuguese", "Lisbon")]
FIRST = ["Karin", "Mikko", "Jana", "Tomas", "Eva", "Lars", "Ida", "Piotr"]
LAST = ["Lundgren", "Saarela", "Brekkan", "Novotna", "Vargas", "Holmberg", "Kaskinen", "Wolny"]
TOPICS = ["fishing quotas", "rail links", "energy prices", "border checks", "student exchanges"]


def _articles(folder, n: int = 200) -> None:
    folder.mkdir()
    for i in range(n):
        (a_adj, _), (b_adj, b_city) = COUNTRIES[i % 8], COUNTRIES[(i + 3) % 8]
        a = f"{FIRST[i % 8]} {LAST[(i // 8) % 8]}"
        b = f"{FIRST[(i + 5) % 8]} {LAST[(i // 3) % 8]}"
        (folder / f"a{i:03d}.txt").write_text(
            f"Ministers meet in {b_city}\n"
            f"{a_adj} Foreign Minister {a} met {b_adj} Foreign Minister {b} in {b_city} on Monday.\n"
            f"The two discussed {TOPICS[i % 5]} in round {i + 1} of their talks.\n"
            f"{b.split()[-1]} said the talks would continue next month.\n", encoding="utf-8")


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def test_serve_answers_while_code_writes(tmp_path):
    _articles(tmp_path / "in")
    db = tmp_path / "live.duckdb"
    Store(db).close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(CLI + ["serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    coder = None
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(base + "/api/stats")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        coder = subprocess.Popen(CLI + ["code", str(tmp_path / "in"), "--published", "2025-02-05", "--db", str(db),
                                        "--batch-size", "10", "--quiet"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        seen, statuses, listed = [], [], None
        while coder.poll() is None:
            status, body = _get(base + "/api/stats")
            statuses.append(status)
            if status == 200:
                seen.append(body["articles"])
                if listed is None and 0 < body["articles"] < 200:
                    # the CLI reader too, mid-run
                    listed = subprocess.run(CLI + ["events", "--db", str(db), "--format", "jsonl"],
                                            capture_output=True, text=True, timeout=120)
            time.sleep(0.1)
        out, err = coder.communicate(timeout=30)
        assert coder.returncode == 0, err
        assert "Traceback" not in err
        status, body = _get(base + "/api/stats")
        assert status == 200 and body["articles"] == 200 and body["events"] >= 150
        assert set(statuses) == {200}, statuses  # never busy, never failed
        assert seen == sorted(seen)  # a batch once seen stays
        assert len(set(seen)) >= 4, seen  # the count grew batch by batch while coding ran
        print(f"articles seen by serve while coding: {sorted(set(seen))} over {len(statuses)} requests")
        assert listed is not None and listed.returncode == 0, listed and listed.stderr
        assert "Traceback" not in listed.stderr
        page = _get(base + "/api/events?limit=1000")[1]
        assert page["total"] == body["events"] and len(page["events"]) == body["events"]
    finally:
        for proc in (coder, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=20)
    assert "Traceback" not in server.stderr.read()
