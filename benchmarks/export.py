"""Export memory: a synthetic store of N events (default 100,000) exported to every format.

    python benchmarks/export.py [--events N] [--articles N] [--keep DIR]

Builds the store with DuckDB SQL alone (no parsing: records of the output contract's shape,
invented names), then exports it once per format, each in a fresh Python process, and prints
that process's peak resident memory (getrusage ru_maxrss), its time and the files' size. The
issue's bar is 1 GB per format; the script exits 1 if any export goes over it. Run from the
repository root with PYTHONPATH=src (or an installed sanderling).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMIT_MB = 1024
FORMATS = ("gdelt", "icews", "polecat", "plover", "csv", "parquet")

# Country, sector and type pools for the synthetic events (CAMEO codes with their quad class).
COUNTRIES = ["FRA", "DEU", "ESP", "ITA", "POL", "KEN", "NGA", "BRA", "IND", "JPN", "USA", "CAN", "IGO"]
TYPES = [("CONSULT", "042", 1, 1.9), ("AGREE", "031", 1, 5.2), ("AID", "070", 2, 7.0), ("ACCUSE", "112", 3, -2.0),
         ("THREATEN", "138", 3, -7.0), ("ASSAULT", "190", 4, -10.0), ("PROTEST", "141", 4, -6.5)]


def build(path: Path, n_events: int, n_articles: int) -> None:
    """A store of n_events events over n_articles articles, 2019-2025, made in SQL."""
    from sanderling.store import Store

    with Store(path) as s:
        con = s.con
        countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
        types = "[" + ", ".join(f"{{'t': '{t}', 'c': '{c}', 'q': {q}, 'g': {g}}}" for t, c, q, g in TYPES) + "]"
        con.execute(f"""
            INSERT INTO articles (id, title, url, source_name, published, origin, text)
            SELECT printf('%016x', hash('article', i)), 'Synthetic story ' || i, 'https://synthetic.example/' || i,
                   'Wire ' || (i % 40), strftime(DATE '2019-01-01' + CAST(i % 2500 AS INTEGER), '%Y-%m-%d'),
                   'synthetic', repeat('Invented words of a synthetic article. ', 40)
            FROM range({n_articles}) t(i)""")
        con.execute(f"""
            INSERT INTO events (id, article_id, event_type, mode, cameo, quad_class, goldstein, source_id, source_name, source_country, target_id, target_name, target_country, date, background, location_name, location_country, confidence, sentence, record)
            WITH base AS (
                SELECT i, printf('%016x', hash('event', i)) AS id, printf('%016x', hash('article', i % {n_articles})) AS article_id,
                       {countries}[1 + CAST(i % {len(COUNTRIES)} AS INTEGER)] AS sc,
                       {countries}[1 + CAST((i * 7 + 3) % {len(COUNTRIES)} AS INTEGER)] AS tc,
                       {types}[1 + CAST(i % {len(TYPES)} AS INTEGER)] AS ty,
                       CASE WHEN i % 10 = 0 THEN strftime(DATE '2019-01-01' + CAST(i % 2500 AS INTEGER), '%Y-%m')
                            ELSE strftime(DATE '2019-01-01' + CAST(i % 2500 AS INTEGER), '%Y-%m-%d') END AS d,
                       'Person ' || (i % 5000) AS sname, 'Agency ' || (i % 700) AS tname, CAST(i % 12 AS INTEGER) AS sent
                FROM range({n_events}) t(i))
            SELECT id, article_id, ty.t, NULL, ty.c, ty.q, ty.g,
                   printf('%016x', hash('actor', sname)), sname, sc, printf('%016x', hash('actor', tname)), tname, tc,
                   d, false, 'Town ' || (i % 300), tc, 0.8,
                   'Invented sentence ' || i || ' about ' || sname || ' and ' || tname || '.',
                   to_json({{id: id, event_type: ty.t, mode: NULL, cameo: ty.c, quad_class: ty.q, goldstein: ty.g,
                            source: {{actor_id: printf('%016x', hash('actor', sname)), name: sname, country: sc,
                                      sectors: ['GOV'], role: 'Minister', org: NULL}},
                            target: {{actor_id: printf('%016x', hash('actor', tname)), name: tname, country: tc,
                                      sectors: ['GOV', 'MIL'], role: NULL, org: NULL}},
                            date: d, date_precision: CASE WHEN length(d) = 10 THEN 'day' ELSE 'month' END,
                            date_from_publication: false, date_inferred: false, background: false,
                            location: {{name: 'Town ' || (i % 300), country: tc, admin1: NULL, lat: 10.5, lon: 20.25}},
                            predicate: NULL,
                            evidence: {{article_id: article_id, sentence: sent, text: 'Invented sentence ' || i || '.',
                                        start: sent * 100, "end": sent * 100 + 80}},
                            mentions: [{{article_id: article_id, sentence: sent, start: sent * 100, "end": sent * 100 + 80}}],
                            confidence: 0.8}})
            FROM base""")


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the process's own address space;
    ru_maxrss would also carry the parent's peak across fork+exec on Linux."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux, bytes on macOS


def child(fmt: str, db: str, out: str) -> None:
    from sanderling.export import export

    t = time.perf_counter()
    result = export(fmt, db=db, out=out)
    seconds = time.perf_counter() - t
    rss_mb = peak_mb()
    print(json.dumps({"events": result["events"], "files": result["files"], "seconds": round(seconds, 2),
                      "peak_mb": round(rss_mb, 1)}))


def _size(paths: list[str]) -> float:
    total = 0
    for p in map(Path, paths):
        total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) if p.is_dir() else p.stat().st_size
    return total / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="folder for the store and the exports (else a temporary one)")
    ap.add_argument("--child", nargs=3, metavar=("FORMAT", "DB", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return 0
    if args.build:
        build(args.build, args.events, args.articles)
        return 0
    tmp = None
    if args.keep:
        folder = args.keep
        folder.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="sanderling-export-bench-")
        folder = Path(tmp.name)
    db = folder / "bench.duckdb"
    if not db.exists():
        t = time.perf_counter()
        # in a process of its own, so this one stays small (its peak would not leak into the
        # exports' figures, but a lean parent is the honest baseline)
        subprocess.run([sys.executable, __file__, "--build", str(db), "--events", str(args.events),
                        "--articles", str(args.articles)], check=True)
        print(f"built {args.events} events over {args.articles} articles in {time.perf_counter() - t:.1f} s "
              f"({db.stat().st_size / 2**20:.0f} MiB)", flush=True)
    worst = 0.0
    print(f"{'format':8} {'events':>8} {'seconds':>8} {'peak MB':>8} {'output MiB':>10}")
    for fmt in FORMATS:
        out = folder / {"gdelt": "bench", "parquet": "bench.parquet"}.get(fmt, f"bench.{fmt}")
        proc = subprocess.run([sys.executable, __file__, "--child", fmt, str(db), str(out)],
                              capture_output=True, text=True)
        if proc.returncode:
            print(f"{fmt}: failed\n{proc.stderr[-2000:]}")
            return 1
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        worst = max(worst, r["peak_mb"])
        print(f"{fmt:8} {r['events']:>8} {r['seconds']:>8} {r['peak_mb']:>8} {_size(r['files']):>10.1f}", flush=True)
    print(f"largest peak: {worst} MB (limit {LIMIT_MB} MB): {'ok' if worst < LIMIT_MB else 'OVER'}")
    if tmp:
        tmp.cleanup()
    return 0 if worst < LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
