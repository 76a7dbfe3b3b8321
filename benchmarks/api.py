"""API latency on a large store: the usual dashboard queries against 100,000 synthetic events.

    python benchmarks/api.py [--events 100000] [--repeat 30] [--max-ms 200] [--db PATH]

Builds a store of synthetic coded articles (invented actors and sentences, five events and two
statements an article, dates over ten years at mixed precision) in the store's schema, then times the API in-process (FastAPI's TestClient, so each request
opens the file read-only, as `sanderling serve` does) and prints the median and 90th percentile
of: a filtered page of events, the dyad timeline aggregate, one event with its sentence. Exits 1
if a median is over --max-ms. With --db and an existing file, the store is reused.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

COUNTRIES = ["USA", "CHN", "RUS", "UKR", "IND", "PAK", "IRN", "ISR", "TUR", "DEU", "FRA", "GBR", "JPN", "KOR",
             "PRK", "BRA", "ZAF", "NGA", "EGY", "SAU", "IGO", "KEN", "ETH", "MEX", "CAN", "AUS", "IDN", "VNM", "PHL", "POL"]
TYPES = [("CONSULT", 1, 1.0), ("AGREE", 1, 3.0), ("SUPPORT", 1, 3.4), ("COOPERATE", 2, 4.0), ("AID", 2, 7.0),
         ("REQUEST", 3, -0.5), ("ACCUSE", 3, -2.0), ("REJECT", 3, -4.0), ("THREATEN", 3, -4.4),
         ("PROTEST", 4, -6.5), ("SANCTION", 4, -8.0), ("COERCE", 4, -7.0), ("ASSAULT", 4, -9.0)]
VERBS = {"CONSULT": "met", "AGREE": "agreed with", "SUPPORT": "backed", "COOPERATE": "worked with",
         "AID": "sent aid to", "REQUEST": "urged", "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "warned",
         "PROTEST": "protested against", "SANCTION": "sanctioned", "COERCE": "expelled", "ASSAULT": "attacked"}


EVENT_COLUMNS = {"id": "VARCHAR", "article_id": "VARCHAR", "event_type": "VARCHAR", "mode": "VARCHAR", "cameo": "VARCHAR",
                 "quad_class": "INTEGER", "goldstein": "DOUBLE", "source_id": "VARCHAR", "source_name": "VARCHAR",
                 "source_country": "VARCHAR", "target_id": "VARCHAR", "target_name": "VARCHAR", "target_country": "VARCHAR",
                 "date": "VARCHAR", "background": "BOOLEAN", "location_name": "VARCHAR", "location_country": "VARCHAR",
                 "confidence": "DOUBLE", "sentence": "VARCHAR", "record": "VARCHAR"}
ARTICLE_COLUMNS = {k: "VARCHAR" for k in ("id", "title", "url", "source_name", "published", "origin", "text")}
STATEMENT_COLUMNS = {"id": "VARCHAR", "article_id": "VARCHAR", "speaker_name": "VARCHAR", "speaker_country": "VARCHAR",
                     "via": "VARCHAR", "cue": "VARCHAR", "content": "VARCHAR", "direct": "BOOLEAN", "record": "VARCHAR"}


def build(db: Path, n_events: int, seed: int = 7) -> None:
    """The store's own schema and record shapes (Event.to_dict, as Store.write stores them), bulk
    loaded from JSON lines: Store.write's row-at-a-time actor upsert would take minutes here, and
    the write path is not what this measures. The actors go in through Store.write."""
    import duckdb

    from sanderling.schema import Actor, Article, CodedArticle, Event, Evidence, Statement
    from sanderling.store import Store

    rnd = random.Random(seed)
    people = {c: [Actor(f"Minister{c.title()}{k}", c, ["GOV"], "Foreign Minister", kind="person") for k in range(20)]
              for c in COUNTRIES}
    with Store(db) as store:
        store.write([CodedArticle(Article(text="actors of the synthetic store", published="2015-01-01"),
                                  actors=[a for group in people.values() for a in group])])
    tmp = db.parent
    files = {name: open(tmp / f"{db.stem}.{name}.jsonl", "w", encoding="utf-8") for name in ("articles", "events", "statements")}
    per_article = 5
    for i in range(n_events // per_article):
        published = f"{2015 + rnd.randrange(10)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"
        lines, picks = [f"Synthetic article {i}"], []
        for _ in range(per_article):
            a, b = rnd.sample(COUNTRIES, 2)
            src, tgt = rnd.choice(people[a]), rnd.choice(people[b])
            etype, quad, gold = rnd.choice(TYPES)
            lines.append(f"{src.name} {VERBS[etype]} {tgt.name} in round {rnd.randrange(1000)} of the talks.")
            picks.append((src, tgt, etype, quad, gold))
        text = "\n".join(lines) + "\n"
        art = Article(text=text, published=published, source_name=f"Wire {i % 40}", title=lines[0])
        files["articles"].write(json.dumps({"id": art.id, "title": art.title, "url": None, "source_name": art.source_name,
                                            "published": published, "origin": None, "text": text}) + "\n")
        pos = len(lines[0]) + 1
        for k, (src, tgt, etype, quad, gold) in enumerate(picks, start=1):
            line = lines[k] + "\n"
            ev = Evidence(art.id, k, line, pos, pos + len(line))
            r = rnd.random()  # dates of mixed precision, as the store holds them
            date = published if r < 0.7 else published[:7] if r < 0.9 else published[:4]
            e = Event(etype, src, tgt, ev, cameo="040", quad_class=quad, goldstein=gold, date=date,
                      predicate=VERBS[etype].split()[0], background=r > 0.9, confidence=0.9, mentions=[ev]).to_dict()
            files["events"].write(json.dumps({
                "id": e["id"], "article_id": art.id, "event_type": etype, "mode": None, "cameo": "040", "quad_class": quad,
                "goldstein": gold, "source_id": src.actor_id, "source_name": src.name, "source_country": src.country,
                "target_id": tgt.actor_id, "target_name": tgt.name, "target_country": tgt.country, "date": date,
                "background": e["background"], "location_name": None, "location_country": None, "confidence": 0.9,
                "sentence": line, "record": json.dumps(e, sort_keys=True)}) + "\n")
            if k <= 2:
                st = Statement(src, "said", line.strip(), False, art.id, pos, pos + len(line), sentence=k).to_dict()
                files["statements"].write(json.dumps({
                    "id": st["id"], "article_id": art.id, "speaker_name": src.name, "speaker_country": src.country,
                    "via": None, "cue": "said", "content": st["content"], "direct": False,
                    "record": json.dumps(st, sort_keys=True)}) + "\n")
            pos += len(line)
    for f in files.values():
        f.close()
    con = duckdb.connect(str(db))
    for name, cols in (("articles", ARTICLE_COLUMNS), ("events", EVENT_COLUMNS), ("statements", STATEMENT_COLUMNS)):
        path = tmp / f"{db.stem}.{name}.jsonl"
        con.execute(f"INSERT OR REPLACE INTO {name} BY NAME SELECT * FROM read_json(?, format = 'newline_delimited', "
                    f"columns = {{{', '.join(f'{k!r}: {v!r}' for k, v in cols.items())}}})", [str(path)])
        path.unlink()
    con.close()


def timed(client, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm: first use of a query plan
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.get(url)
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--max-ms", type=float, default=200.0)
    ap.add_argument("--db", type=Path, help="store to build (or reuse, if it exists)")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from sanderling.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "api.duckdb"
        if not db.exists():
            t = time.perf_counter()
            build(db, args.events)
            print(f"built {db} with {args.events:,} events in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        client = TestClient(create_app(db))
        total = client.get("/api/stats").json()["events"]
        one = client.get("/api/events?dyad=USA,CHN&limit=1").json()["events"][0]["id"]
        queries = {
            "filtered event page": "/api/events?country=CHN&type=ACCUSE&since=2018&until=2022-06&limit=50&offset=50",
            "dyad timeline aggregate": "/api/aggregates?by=month&by=dyad&by=quad&dyad=USA,CHN",
            "one event with its sentence": f"/api/events/{one}",
        }
        print(f"store: {total:,} events; {args.repeat} requests each (in-process, read-only connection per request)")
        failed = False
        for name, url in queries.items():
            ms = sorted(timed(client, url, args.repeat))
            median, p90 = statistics.median(ms), ms[int(0.9 * (len(ms) - 1))]
            ok = median <= args.max_ms
            failed |= not ok
            print(f"{name:30s} median {median:7.1f} ms   p90 {p90:7.1f} ms   {'ok' if ok else 'OVER'} (limit {args.max_ms:g} ms)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
