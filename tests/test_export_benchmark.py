"""The issue's bar: exporting 100,000 events to each format stays under 1 GB (benchmarks/export.py,
each format in a process of its own). Slow: about a minute on a 2-core machine."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_export_of_100k_events_stays_under_1_gb(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "export.py"), "--keep", str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = [line.split() for line in proc.stdout.splitlines() if line.split()[:1] and line.split()[0] in
            ("gdelt", "icews", "polecat", "plover", "csv", "parquet")]
    assert len(rows) == 6 and all(int(r[1]) == 100_000 and float(r[3]) < 1024 for r in rows), proc.stdout
