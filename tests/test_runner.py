"""The runner and its engines: batches in order, errors per article, bounded memory, resume."""
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sanderling.engines import InProcess, make_engine
from sanderling.engines.base import code_batch
from sanderling.runner import RunResult, code_inputs, pending_batches
from sanderling.schema import Article, CodedArticle
from sanderling.store import Store

# Written for these tests (not news text).
TEXTS = [
    "Ministers meet in Oslo\nThe Norwegian foreign minister met her Danish counterpart in Oslo on Monday.",
    "Kenya recalls envoy\nKenya recalled its ambassador to Uganda on Tuesday after a border dispute.",
    "Accord signed\nPeru and Chile signed a fisheries accord in Lima on Wednesday.",
    "Sanctions\nThe European Union imposed new sanctions on Belarus on Thursday.",
    "Phone call\nFrance's president spoke by phone with Germany's chancellor about Ukraine.",
    "Aid pledged\nJapan pledged humanitarian aid to the Philippines after the typhoon.",
    "Border talks\nIndia and China held talks on their disputed border on Friday, officials said.",
    "Envoy expelled\nPoland expelled a Russian diplomat on Saturday, the foreign ministry said.",
    "Summit\nThe leaders of Brazil and Argentina met in Brasilia on Sunday to discuss trade.",
    "Troops\nTurkey sent troops to northern Syria on Monday, the defence ministry said.",
]


def write_jsonl(path: Path, texts=TEXTS) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t, "published": "2025-03-10", "source_name": "Test"}) + "\n")
    return path


class FakeCoder:
    """No models: codes an article into nothing, fails on texts containing 'BOOM'."""

    batch_size = 4
    nlp = None

    def setup(self):
        return self

    def code(self, articles):
        articles = list(articles)
        if any("BOOM" in a.text for a in articles):
            raise ValueError("boom")
        return [CodedArticle(article=a) for a in articles]


def arts(*texts):
    return [Article(text=t, origin=f"t:{i}") for i, t in enumerate(texts)]


def test_code_batch_isolates_a_failing_article():
    result = code_batch(FakeCoder(), arts("a", "BOOM b", "c"))
    assert [c.article.text for c in result.coded] == ["a", "c"]
    assert len(result.errors) == 1 and result.errors[0].startswith("t:1: could not be coded (ValueError: boom)")
    assert result.size == 3


def test_in_process_engine_keeps_order():
    batches = [arts("a", "b"), arts("BOOM"), arts("c")]
    out = list(InProcess(FakeCoder()).map(iter(batches)))
    assert [[c.article.text for c in r.coded] for r in out] == [["a", "b"], [], ["c"]]
    assert [len(r.errors) for r in out] == [0, 1, 0]


def test_process_engine_keeps_order_and_reports_worker_memory():
    batches = [arts(f"x{i}", f"y{i}") for i in range(9)] + [arts("BOOM")]
    engine = make_engine("local", workers=2, coder=FakeCoder(), window=3)
    out = list(engine.map(iter(batches)))
    assert [c.article.text for r in out for c in r.coded] == [t for i in range(9) for t in (f"x{i}", f"y{i}")]
    assert sum(len(r.errors) for r in out) == 1
    assert engine.worker_peak_mb and all(mb > 0 for mb in engine.worker_peak_mb.values())


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("spark")


def test_pending_batches_skip_what_the_store_holds(tmp_path):
    articles = arts(*"abcde")
    with Store(tmp_path / "s.duckdb") as store:
        store.write([CodedArticle(article=articles[1]), CodedArticle(article=articles[3])])
        result = RunResult()
        batches = list(pending_batches(iter(articles), 2, result, print, store))
    assert [[a.text for a in b] for b in batches] == [["a"], ["c"], ["e"]]
    assert result.skipped == 2


def test_batches_stream_in_order_and_nothing_is_kept(tmp_path, coder):
    f = write_jsonl(tmp_path / "in.jsonl", TEXTS[:4])
    seen = []
    result = code_inputs([f], batch_size=2, coder=coder, keep=False, on_coded=lambda b: seen.append([c.article.origin for c in b]))
    assert result.coded == [] and result.n_coded == 4
    assert seen == [[f"{f}:1", f"{f}:2"], [f"{f}:3", f"{f}:4"]]


def table_rows(path: Path) -> dict:
    with Store(path, read_only=True) as store:
        return {t: store.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("articles", "events", "statements", "actors")}


def test_rerun_with_resume_codes_nothing_again(tmp_path, coder):
    f = write_jsonl(tmp_path / "in.jsonl", TEXTS[:4])
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        first = code_inputs([f], batch_size=2, coder=coder, store=store)
    before = table_rows(db)
    with Store(db) as store:
        again = code_inputs([f], batch_size=2, coder=coder, store=store, skip_coded=True)
    assert first.n_coded == 4 and again.n_coded == 0 and again.skipped == 4
    assert table_rows(db) == before


KILLED_RUN = """
import sys
from pathlib import Path
from sanderling.runner import code_inputs
from sanderling.store import Store

def main():
    with Store(sys.argv[2]) as store:
        def done(batch):
            print("batch", len(batch), flush=True)
        code_inputs([Path(sys.argv[1])], batch_size=2, store=store, skip_coded=True, on_coded=done, keep=False)
    print("finished", flush=True)

if __name__ == "__main__":
    main()
"""


@pytest.mark.slow
def test_killed_run_then_rerun_gives_the_same_store(tmp_path, coder):
    """SIGKILL a run after its second batch, run it again with resume: same store as a clean run."""
    f = write_jsonl(tmp_path / "in.jsonl")
    script = tmp_path / "run.py"
    script.write_text(KILLED_RUN, encoding="utf-8")
    db = tmp_path / "killed.duckdb"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, str(script), str(f), str(db)], stdout=subprocess.PIPE, text=True, env=env)
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if len(lines) == 2:
            proc.send_signal(signal.SIGKILL)  # halfway: the third batch is being coded or written
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    with Store(db, read_only=True) as store:
        partial = store.counts()["articles"]
    assert 4 <= partial < len(TEXTS)

    rerun = subprocess.run([sys.executable, str(script), str(f), str(db)], capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip().endswith("finished")
    assert sum(int(l.split()[1]) for l in rerun.stdout.splitlines() if l.startswith("batch")) == len(TEXTS) - partial

    clean = tmp_path / "clean.duckdb"
    with Store(clean) as store:
        code_inputs([f], batch_size=2, store=store, coder=coder, keep=False)
    assert table_rows(db) == table_rows(clean)
    assert table_rows(clean)["articles"] and table_rows(clean)["events"]
