"""Throughput: bare spaCy `nlp.pipe` against the full sanderling pipeline, same texts, same workers.

    python benchmarks/throughput.py [CORPUS] [--limit N] [--workers N] [--batch-size B] [--ray]

Prints articles/s and words/s of (a) bare spaCy nlp.pipe (same model, n_process = workers) and
(b) the full pipeline (read, parse, code, write a DuckDB store) with the local engine, their
ratio, and peak memory (the largest process: a worker, or the main process with one worker);
with --ray, (c) the Ray engine on a local Ray instance with `workers` actors. Each measurement
runs in a fresh Python process, so models load once per run and peak memory is its own.
Model loading is not timed (setup() happens before the clock starts, as in a long run);
on a shared machine compare the ratio, not the absolute figures.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "train" / "text"


def _inputs(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*") if p.is_file()) if corpus.is_dir() else [corpus]
    return files[:limit] if limit else files


def _articles(files):
    from sanderling.ingest import read_inputs
    from sanderling.schema import Article

    return [a for a in read_inputs(files) if isinstance(a, Article)]


def _peaks() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def measure(mode: str, files: list[Path], workers: int, batch_size: int) -> dict:
    from sanderling.pipeline import coding_end

    articles = _articles(files)
    words = sum(len(a.text[: coding_end(a.text)].split()) for a in articles)
    if mode == "bare":
        from sanderling import nlp as nlp_module

        nlp = nlp_module.load()
        texts = [a.text[: coding_end(a.text)] for a in articles]
        list(nlp.pipe(texts[:2]))  # warm up
        start = time.perf_counter()
        n = sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=workers))
        elapsed = time.perf_counter() - start
        own, children = _peaks()
        return {"mode": mode, "articles": n, "words": words, "seconds": elapsed,
                "peak_mb": max(own, children) if workers > 1 else own, "main_mb": own}

    from sanderling.pipeline import Coder
    from sanderling.runner import code_inputs
    from sanderling.store import Store

    coder = None
    if mode == "full" and workers == 1:
        coder = Coder().setup()
        list(coder.code(articles[:2]))  # warm up, as above
    from sanderling.actors.resolve import shared_gazetteer
    from sanderling.engines import make_engine

    shared_gazetteer()  # loaded on first use; a long run pays it once (in workers: in the warm-up)
    engine = "ray" if mode == "ray" else "local"
    runner = make_engine(engine, workers, coder=coder, batch_size=batch_size,
                         **({"keep_alive": True} if engine == "local" and workers > 1 else {}))
    if engine == "local" and workers > 1:  # start the workers and load their models, untimed
        code_inputs(files[: 4 * workers], batch_size=2, engine=runner, keep=False, on_error=lambda m: None)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        start = time.perf_counter()
        result = code_inputs(files, batch_size=batch_size, store=store, engine=runner, keep=False,
                             on_error=lambda m: None)
        elapsed = time.perf_counter() - start
    if hasattr(runner, "close"):
        runner.close()
    own, children = _peaks()
    worker_peaks = getattr(result.engine, "worker_peak_mb", None) or {}
    peak = max([own, *worker_peaks.values()]) if worker_peaks else (max(own, children) if mode == "ray" else own)
    return {"mode": mode, "articles": result.n_coded, "words": words, "seconds": elapsed,
            "events": result.n_events, "failed": result.failed, "peak_mb": peak, "main_mb": own,
            "note": "includes Ray start-up and each actor's model loading" if mode == "ray" else None}


def _child(mode: str, args) -> dict:
    cmd = [sys.executable, __file__, str(args.corpus), "--workers", str(args.workers), "--batch-size",
           str(args.batch_size), "--measure", mode] + (["--limit", str(args.limit)] if args.limit else [])
    out = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, PYTHONWARNINGS="ignore"))
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"{mode} run failed:\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--ray", action="store_true", help="also the Ray engine on a local Ray instance")
    ap.add_argument("--min-ratio", type=float, default=None,
                    help="exit 1 if the full pipeline's words/s is below this share of bare spaCy's")
    ap.add_argument("--repeat", type=int, default=1, help="measure bare and full N times; the median ratio counts")
    ap.add_argument("--measure", choices=["bare", "full", "ray"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    files = _inputs(args.corpus, args.limit)
    if args.measure:
        print(json.dumps(measure(args.measure, files, args.workers, args.batch_size)))
        return
    print(f"corpus: {args.corpus} ({len(files)} files), workers: {args.workers}, batch size: {args.batch_size}")
    runs = [_child("bare", args), _child("full", args)]
    if args.ray:
        runs.append(_child("ray", args))
    bare = runs[0]
    print(f"{'run':<6}{'articles':>9}{'seconds':>9}{'art/s':>8}{'words/s':>9}{'vs bare':>9}{'peak MB':>9}")
    for r in runs:
        aps, wps = r["articles"] / r["seconds"], r["words"] / r["seconds"]
        ratio = (r["words"] / r["seconds"]) / (bare["words"] / bare["seconds"])
        print(f"{r['mode']:<6}{r['articles']:>9}{r['seconds']:>9.1f}{aps:>8.2f}{wps:>9.0f}{ratio:>9.2f}{r['peak_mb']:>9.0f}")
    for r in runs[1:]:
        print(f"{r['mode']}: {r.get('events')} events, {r.get('failed')} failed" + (f"; {r['note']}" if r.get("note") else ""))
    ratios = [_ratio(runs[1], bare)]
    for _ in range(args.repeat - 1):
        # a shared machine's load comes and goes: bare and full again, back to back, and the median
        again_bare, again_full = _child("bare", args), _child("full", args)
        ratios.append(_ratio(again_full, again_bare))
    ratio = sorted(ratios)[len(ratios) // 2]
    print(f"throughput ratio full/bare: {ratio:.2f}" + (f" (median of {', '.join(f'{r:.2f}' for r in ratios)})"
                                                       if len(ratios) > 1 else ""))
    if args.min_ratio is not None and ratio < args.min_ratio:
        raise SystemExit(f"throughput: {ratio:.2f} of bare spaCy, below --min-ratio {args.min_ratio}")


def _ratio(full: dict, bare: dict) -> float:
    return (full["words"] / full["seconds"]) / (bare["words"] / bare["seconds"])


if __name__ == "__main__":
    main()
