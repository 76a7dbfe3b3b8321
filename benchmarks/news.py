"""Real news end to end, with the other figures beside it, so no stage gains at another's cost.

    python benchmarks/news.py [--quick] [--shared ../shared]

Runs, each as its own command on the installed CLI / this checkout:
  1. ../shared/tools/score_news.py --dates --explain on the VOA development set: events found
     (recall), matched share, duplicates, statements; recall by gold type; and the speaker's
     country accuracy where the statement's content was found;
  2. the seed article (check_seed.py --dates);
  3. PLV_test event types (score_plv.py, macro-F1);
  4. PolNeAR dev attribution (benchmarks/polnear.py);
  5. throughput of the full pipeline against bare spaCy in one process, on the same texts
     (benchmarks/throughput.py on the first --throughput-limit PolNeAR articles).
--quick runs 1 and 2 only. The development set is for measuring: never train on it.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def run(cmd: list[str], stdin: str | None = None) -> str:
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, input=stdin)
    if p.returncode not in (0, 1):
        raise SystemExit(f"news benchmark: {' '.join(cmd[:3])} failed: {(p.stderr.strip().splitlines() or ['?'])[-1]}")
    return p.stdout


def news(shared: Path, cli: str) -> list[str]:
    out = run([PY, str(shared / "tools/score_news.py"), "--dates", "--explain", "--cli", cli])
    lines = out.splitlines()
    last = lines[-1]
    by_type = next((l for l in lines if l.startswith("recall by gold type")), "")
    m = re.search(r"statements (\d+)/(\d+) = [\d.]+ \(content found (\d+)\)", last)
    rows = [f"news, end to end  {last}"]
    if m:
        ok, _, content = map(int, m.groups())
        rows.append(f"speaker country where the content was found: {ok}/{content} = {ok / max(content, 1):.2f}")
    rows.append(by_type)
    undated = run([PY, str(shared / "tools/score_news.py"), "--cli", cli]).splitlines()[-1]
    rows.append(f"ignoring dates    {undated}")
    return rows


def seed(shared: Path, cli: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seed.json"
        out.write_text(run([cli, "code", str(shared / "seed/article.txt"), "--published", "2024-04-16",
                            "--source-name", "DW", "--format", "json", "--no-store"]), encoding="utf-8")
        res = run([PY, str(shared / "seed/check_seed.py"), str(out), "--dates"]).strip().splitlines()
    return [f"seed article      {next((l for l in res if l.startswith('seed:')), res[-1])}"]


def plv(shared: Path, cli: str) -> list[str]:
    test = shared / "data/plv/PLV_test.tsv"
    inp = run([PY, str(shared / "tools/score_plv.py"), "make-input", str(test)])
    typed = run([cli, "classify"], stdin=inp)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plv.jsonl"
        path.write_text(typed, encoding="utf-8")
        res = run([PY, str(shared / "tools/score_plv.py"), "score", str(test), str(path)]).strip().splitlines()
    return [f"PLV_test types    {res[-1]}"]


def polnear() -> list[str]:
    out = run([PY, "benchmarks/polnear.py", "--split", "dev", "--no-textacy"]).splitlines()
    return ["PolNeAR dev       " + l.strip() for l in out if l.strip().startswith(("content", "source"))][:4]


def throughput(limit: int) -> list[str]:
    out = run([PY, "benchmarks/throughput.py", "--limit", str(limit)]).splitlines()
    return ["throughput        " + l for l in out if l.startswith(("bare", "full", "throughput ratio"))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--cli", default=str(ROOT / ".venv/bin/sanderling"))
    ap.add_argument("--quick", action="store_true", help="the news set and the seed only")
    ap.add_argument("--throughput-limit", type=int, default=100, help="PolNeAR articles timed (default 100)")
    a = ap.parse_args()
    shared = Path(a.shared)
    if not (shared / "data/news").is_dir():
        print(f"news benchmark: {shared}/data/news not found (pass --shared)", file=sys.stderr)
        return 2
    steps = [lambda: news(shared, a.cli), lambda: seed(shared, a.cli)]
    if not a.quick:
        steps += [lambda: plv(shared, a.cli), polnear, lambda: throughput(a.throughput_limit)]
    for step in steps:
        for line in step():
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
