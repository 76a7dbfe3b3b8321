"""`--engine ray` codes to the same events as the in-process runner (a local Ray with 2 CPUs)."""
from pathlib import Path

import pytest

from test_runner import TEXTS, write_jsonl

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train" / "text"


def _run(inputs, **kw):
    from sanderling.runner import code_inputs

    result = code_inputs(inputs, batch_size=4, **kw)
    assert result.failed == 0
    return ([c.article.id for c in result.coded],
            sorted(e.to_dict()["id"] for c in result.coded for e in c.events),
            sorted(s.to_dict()["id"] for c in result.coded for s in c.statements))


@pytest.mark.slow
def test_ray_engine_codes_the_same_events_as_in_process(tmp_path, coder):
    pytest.importorskip("ray.data", reason="ray is not installed: pip install 'sanderling[ray]'")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'sanderling[ray]'")
    inputs = [write_jsonl(tmp_path / "mine.jsonl", TEXTS)]
    if CORPUS.is_dir():  # a subset of the benchmark corpus when ../shared is here
        inputs += sorted(CORPUS.iterdir())[:8]
    articles, events, statements = _run(inputs, coder=coder)
    r_articles, r_events, r_statements = _run(inputs, engine="ray", workers=2)
    assert r_articles == articles  # same articles, in input order
    assert len(r_events) == len(events) and r_events == events
    assert r_statements == statements
    assert events  # the comparison means something


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_killed_ray_run_leaves_no_ray_process(tmp_path):
    """The driver killed while its actors code: nothing of its local Ray session is left."""
    pytest.importorskip("ray.data", reason="ray is not installed: pip install 'sanderling[ray]'")
    import os
    import signal
    import subprocess
    import sys
    import time

    from sanderling.engines.ray_reaper import session_processes

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(1500):
        (folder / f"a{i:04d}.txt").write_text(f"Talks {i}\nThe Danish envoy met Swedish officials in Malmo on "
                                              f"Friday, round {i}.", encoding="utf-8")
    src = Path(__file__).resolve().parents[1] / "src"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]))
    driver = subprocess.Popen([sys.executable, "-c", "from sanderling.cli import app; app()", "code", str(folder),
                               "--engine", "ray", "--workers", "1", "--published", "2025-03-10",
                               "--db", str(tmp_path / "s.duckdb")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)

    def cmdlines():
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    yield f.read().rstrip(b"\0").split(b"\0")
            except OSError:
                continue

    session, deadline = None, time.time() + 240
    try:
        while time.time() < deadline and driver.poll() is None:
            lines = list(cmdlines())
            for args in lines:
                if b"sanderling.engines.ray_reaper" in args and args[-2] == str(driver.pid).encode():
                    session = args[-1].decode()
            if session and any(args[0].startswith(b"ray::MapWorker") for args in lines):
                break
            time.sleep(0.5)
        assert session and driver.poll() is None, "the Ray actors were never seen coding"
        assert session_processes(session)  # Ray is running
        driver.kill()
        driver.wait(30)
        deadline = time.time() + 30
        while session_processes(session) and time.time() < deadline:
            time.sleep(0.5)
        assert session_processes(session) == []
    finally:
        if driver.poll() is None:
            driver.kill()
        if session:
            from sanderling.engines.ray_reaper import kill_session

            kill_session(session)
