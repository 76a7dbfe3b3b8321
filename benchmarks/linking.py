"""Store writes with story linking, as the store grows: synthetic articles, no NLP.

    python benchmarks/linking.py [--articles N] [--batch-size B] [--copies C] [--db PATH]

Writes N synthetic articles (3 events each, random dyads of 40 countries, 16 types, days over two
years; every C-th article a reworded copy of an earlier one, so linking has work to do) in
batches, and prints the seconds per 1,000 articles for the first and the last tenth of the run
and the store's counts: the linking lookups are by indexed key, so the last tenth (store at
~3N reports) should cost about what the first did.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sanderling.schema import Actor, Article, CodedArticle, Event, Evidence
from sanderling.store import Store

COUNTRIES = ["USA", "CHN", "RUS", "UKR", "FRA", "DEU", "GBR", "IND", "PAK", "IRN", "ISR", "TUR", "EGY", "NGA",
             "KEN", "ZAF", "BRA", "ARG", "MEX", "CAN", "JPN", "KOR", "PRK", "AUS", "IDN", "PHL", "VNM", "THA",
             "SAU", "QAT", "SYR", "IRQ", "AFG", "ETH", "SOM", "SDN", "COL", "VEN", "POL", "ITA"]
TYPES = ["CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST",
         "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "CONCEDE", "RETREAT"]


def _events(rng: random.Random, article_id: str, start: date) -> list[tuple]:
    out = []
    for k in range(3):
        a, b = rng.sample(COUNTRIES, 2)
        day = start + timedelta(days=rng.randrange(730))
        out.append((a, b, rng.choice(TYPES), day.isoformat(), k))
    return out


def _coded(n: int, spec: list[tuple], published: str, source: str) -> CodedArticle:
    text = f"Synthetic article {n} from {source} ({published}). " + " ".join(f"Sentence {i}." for i in range(len(spec)))
    article = Article(text=text, published=published, source_name=source, url=f"https://{source}.example/{n}")
    events = []
    for a, b, kind, day, k in spec:
        ev = Evidence(article.id, k, f"Sentence {k}.", 10 * k, 10 * k + 11)
        events.append(Event(kind, Actor(name=a, country=a), Actor(name=b, country=b), ev, date=day,
                            date_precision="day", mentions=[ev]))
    return CodedArticle(article=article, events=events)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--copies", type=int, default=4, help="every C-th article re-tells an earlier one")
    ap.add_argument("--db", type=Path, default=None, help="write into this store (it may hold articles already)")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    db = a.db or Path(tempfile.mkdtemp()) / "linking.duckdb"
    start = date(2023, 1, 1)
    told: list[list[tuple]] = []
    times = []
    with Store(db) as store:
        batch = []
        for n in range(a.articles):
            if told and n % a.copies == 0:
                spec = rng.choice(told)  # the same events told by another source
            else:
                spec = _events(rng, str(n), start)
                told.append(spec)
            batch.append(_coded(n, spec, spec[0][3], f"source{n % 50}"))
            if len(batch) == a.batch_size or n == a.articles - 1:
                t0 = time.perf_counter()
                store.write(batch)
                times.append((len(batch), time.perf_counter() - t0))
                batch = []
        counts = store.counts()
        try:
            linked = store.con.execute("SELECT count(*), sum(num_articles), max(num_articles) FROM events").fetchone()
        except Exception:  # a store without linking (to compare)
            linked = (counts["events"], None, None)
    tenth = max(1, len(times) // 10)

    def rate(part):
        return 1000 * sum(t for _, t in part) / max(1, sum(k for k, _ in part))

    print(f"{a.articles} articles in batches of {a.batch_size}: {sum(t for _, t in times):.1f} s writing; "
          f"s per 1,000 articles: first tenth {rate(times[:tenth]):.2f}, last tenth {rate(times[-tenth:]):.2f}")
    print(f"store: {counts}; events {linked[0]} from {linked[1]} article reports (largest {linked[2]} articles)")


if __name__ == "__main__":
    main()
