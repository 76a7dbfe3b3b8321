"""Worker processes (issue 15, item 4): they die with their parent and hold none of its pipes; a
killed worker ends the run with one line and the --resume hint; `| head -1` ends quietly."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sanderling.engines.processes import Processes, WorkerDied
from sanderling.schema import Article, CodedArticle

SRC = Path(__file__).resolve().parents[1] / "src"

CODERS = '''
import os, signal, time
from sanderling.schema import CodedArticle


class KillerCoder:
    """Codes into nothing; a text 'KILL' kills its own worker process, 'SLOW' sleeps."""
    batch_size = 1
    nlp = None

    def setup(self):
        return self

    def code(self, articles):
        for a in articles:
            if a.text == "KILL":
                os.kill(os.getpid(), signal.SIGKILL)
            if a.text == "SLOW":
                time.sleep(600)
        coded = [CodedArticle(article=a) for a in articles]
        for c in coded:
            if c.article.text == "SIGINT":
                c.claims = [{"sigint": str(signal.getsignal(signal.SIGINT))}]
        for c in coded:
            if c.article.text == "UNPICKLABLE":
                c.claims = [lambda: None]  # a lambda does not pickle
        return coded
'''

PARENT = '''
import sys, threading, time
sys.path.insert(0, sys.argv[1])
from coders import KillerCoder
from sanderling.engines.processes import Processes
from sanderling.schema import Article

if __name__ == "__main__":  # spawned workers import this file too
    engine = Processes(2, coder=KillerCoder(), window=2)
    batches = ([Article(text="SLOW", origin=str(i))] for i in range(10))
    threading.Thread(target=lambda: list(engine.map(batches)), daemon=True).start()
    while engine._pool is None or len(engine._pool._processes) < 2:
        time.sleep(0.05)
    time.sleep(3)  # the workers are set up (their initializer ran)
    print(" ".join(str(p) for p in engine._pool._processes), flush=True)
    time.sleep(600)
'''


@pytest.fixture
def coders(tmp_path, monkeypatch):
    (tmp_path / "coders.py").write_text(CODERS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    return importlib.import_module("coders")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (dead, not yet reaped by init) is gone for our purpose
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _all_gone(pids, seconds: float = 15) -> bool:
    """Whether every process of `pids` has ended within `seconds`."""
    deadline = time.time() + seconds
    while any(_alive(p) for p in pids) and time.time() < deadline:
        time.sleep(0.1)
    return not any(_alive(p) for p in pids)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent_and_release_its_pipes(tmp_path, coders, sig):
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
        proc.send_signal(sig)
        proc.wait(timeout=30)
        # the caller's pipes end: no worker holds them (`... | tee log` ends with the run)
        done = threading.Event()
        threading.Thread(target=lambda: (proc.stdout.read(), proc.stderr.read(), done.set()), daemon=True).start()
        assert done.wait(15), "a worker still holds the parent's stdout or stderr"
        assert _all_gone(pids), "orphan workers"
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in locals().get("pids", []):  # never leave the test's own orphans behind
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_killed_worker_ends_the_run_in_one_error(coders):
    engine = Processes(2, coder=coders.KillerCoder(), window=2)
    batches = [[Article(text=f"a{i}", origin=str(i))] for i in range(3)] + [[Article(text="KILL", origin="k")]] \
        + [[Article(text=f"b{i}", origin=f"b{i}")] for i in range(20)]
    got = []
    with pytest.raises(WorkerDied, match="worker process died"):
        for result in engine.map(iter(batches)):
            got.append(result)
    assert [r.coded[0].article.text for r in got[:3]] == ["a0", "a1", "a2"]
    assert engine._pool is None


def test_cli_worker_died_says_resume(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import sanderling.runner as runner
    from sanderling.cli import app

    def died(*args, **kwargs):
        raise WorkerDied("a worker process died (killed, or out of memory) while coding; the batches before it are kept")

    monkeypatch.setattr(runner, "code_inputs", died)
    f = tmp_path / "a.txt"
    f.write_text("Ministers meet.", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(f), "--db", str(tmp_path / "s.duckdb"), "--workers", "2"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "--resume" in lines[0] and "worker process died" in lines[0]
    assert "Traceback" not in result.output


def test_head_closing_the_output_ends_quietly_and_keeps_the_store(tmp_path):
    texts = [f"Talks {i}\nThe Norwegian foreign minister met her Danish counterpart in Oslo on Monday, round {i}."
             for i in range(12)]
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps({"text": t, "published": "2025-03-10"}) + "\n" for t in texts), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    cmd = (f"{sys.executable} -c 'from sanderling.cli import app; app()' code {f} --format jsonl --batch-size 1 --db {db} 2>{tmp_path}/err"
           f" | head -1 > {tmp_path}/out; echo ${{PIPESTATUS[0]}} > {tmp_path}/rc")
    subprocess.run(["bash", "-c", cmd], env=env, timeout=240, check=True)
    err = (tmp_path / "err").read_text()
    assert (tmp_path / "rc").read_text().strip() == "0", err
    assert "Traceback" not in err and "Exception ignored" not in err
    assert json.loads((tmp_path / "out").read_text())["articles"]
    assert "output closed" in err and "--resume" in err
    from sanderling.store import Store

    with Store(db, read_only=True) as store:
        assert 1 <= store.counts()["articles"] < len(texts)


def test_a_result_that_cannot_come_back_is_its_articles_errors(coders):
    """A worker's result that does not pickle fails its batch's articles, not the run."""
    engine = Processes(2, coder=coders.KillerCoder(), window=2)
    batches = [[Article(text="a", origin="a")], [Article(text="UNPICKLABLE", origin="u")], [Article(text="b", origin="b")]]
    out = list(engine.map(iter(batches)))
    assert [[c.article.text for c in r.coded] for r in out] == [["a"], [], ["b"]]
    assert len(out[1].errors) == 1 and out[1].errors[0].startswith("u: could not be coded in a worker")


def test_workers_leave_ctrl_c_to_their_parent(coders):
    engine = Processes(1, coder=coders.KillerCoder())
    (result,) = list(engine.map(iter([[Article(text="SIGINT", origin="s")]])))
    assert result.coded[0].claims == [{"sigint": str(signal.SIG_IGN)}]


# -- through the real command line: `sanderling code ... --workers 2`, real models in the workers

def _cli_inputs(tmp_path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(
            f"Border talks, round {i}\nThe Norwegian foreign minister met her Danish counterpart in Oslo "
            f"on Monday for round {i} of talks on fishing rights. Police detained {i + 2} protesters outside.",
            encoding="utf-8")
    return folder


def _spawned_workers(parent: int) -> list[int]:
    """The pids of `parent`'s spawned worker processes (not multiprocessing's resource tracker)."""
    return _children(parent, b"spawn_main")


def _children(parent: int, marker: bytes) -> list[int]:
    """The pids of `parent`'s children whose command line holds `marker`."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().split(")")[-1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == parent and marker in cmdline:
            found.append(int(entry))
    return found


def _cli(tmp_path) -> tuple[list[str], dict]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    return [sys.executable, "-c", "from sanderling.cli import app; app()"], env


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_cli_a_real_worker_killed_is_one_line_and_resume_finishes(tmp_path):
    folder = _cli_inputs(tmp_path, 250)
    db = tmp_path / "s.duckdb"
    cli, env = _cli(tmp_path)
    proc = subprocess.Popen(cli + ["code", str(folder), "--db", str(db), "--workers", "2", "--batch-size", "2",
                                   "--published", "2025-03-10"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        first = proc.stderr.readline()  # off a terminal: a line per 100 articles coded
        assert first.startswith("coded "), first
        workers = _spawned_workers(proc.pid)
        assert len(workers) == 2, "no worker processes seen"
        os.kill(workers[0], signal.SIGKILL)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "BrokenProcessPool" not in err
    lines = [line for line in err.splitlines() if "worker process died" in line]
    assert len(lines) == 1 and "--resume" in lines[0]
    assert _all_gone(workers), "orphan workers"
    done = subprocess.run(cli + ["code", str(folder), "--db", str(db), "--workers", "2", "--resume",
                                 "--published", "2025-03-10"], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    from sanderling.store import Store

    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 250


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_cli_workers_piped_into_tee_end_with_the_run(tmp_path):
    """`sanderling code ... --workers 2 | tee log` ends when the run ends, and when it is killed."""
    folder = _cli_inputs(tmp_path, 60)
    cli, env = _cli(tmp_path)
    run = " ".join(cli[:2]) + " 'from sanderling.cli import app; app()'"
    finished = subprocess.run(["bash", "-c", f"{run} code {folder} --workers 2 --published 2025-03-10 --format jsonl"
                               f" | tee {tmp_path}/log > /dev/null"], env=env, timeout=600, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert len((tmp_path / "log").read_text().splitlines()) == 60
    # killed mid-run: tee (and so the shell pipeline) ends too, and no worker is left
    pipeline = subprocess.Popen(["bash", "-c", f"{run} code {folder} --workers 2 --published 2025-03-10 | tee {tmp_path}/log2"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        deadline = time.time() + 180
        coder, workers = None, []
        while time.time() < deadline and len(workers) < 2 and pipeline.poll() is None:
            time.sleep(0.2)
            coder = next(iter(_children(pipeline.pid, b"sanderling.cli")), None)  # bash's python child
            workers = _spawned_workers(coder) if coder else []
        assert coder is not None and len(workers) == 2, "the run's workers never started"
        os.kill(coder, signal.SIGKILL)
        pipeline.communicate(timeout=30)  # tee got end-of-file: no worker held the pipe
        assert _all_gone(workers), "orphan workers"
    finally:
        if pipeline.poll() is None:
            os.killpg(pipeline.pid, signal.SIGKILL)
