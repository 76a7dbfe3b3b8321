"""Long articles: coding time against length (issue 15, item 11).

    python benchmarks/long_text.py [--small 100000] [--large 1000000] [--max-ratio 10]

Codes one invented single-line article of `small` characters and one of `large` characters in
this one process (models loaded first, not timed), prints the time of each, the events found and
the ratio of the times; exits 1 when the ratio is `max-ratio` or more or the large article codes
no event. The acceptance of issue 15: 1 MB in under 10 times the time of 100 KB. The sentences
are written for this benchmark from a few templates and fictional people; no news text.
"""
from __future__ import annotations

import argparse
import random
import sys
import time

COUNTRIES = [("Norway", "Norwegian", "Oslo"), ("Denmark", "Danish", "Copenhagen"), ("Kenya", "Kenyan", "Nairobi"),
             ("Peru", "Peruvian", "Lima"), ("Chile", "Chilean", "Santiago"), ("Poland", "Polish", "Warsaw"),
             ("Japan", "Japanese", "Tokyo"), ("Brazil", "Brazilian", "Brasilia"), ("Turkey", "Turkish", "Ankara"),
             ("Ghana", "Ghanaian", "Accra")]
NAMES = ["Ilse Varnholt", "Tomas Brekke", "Amara Osei", "Lucia Quenta", "Piotr Zawadil", "Kenji Arakawa",
         "Renata Lobo", "Emre Kavaklı", "Kofi Mensara", "Sigrid Holmvik"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "The {a1} foreign minister {n1} met {a2} counterpart {n2} in {c2} on {d} to discuss trade.",
    "{k1} accused {k2} of violating the ceasefire along their shared border on {d}.",
    "{n1}, the {a1} prime minister, urged {k2} to release the detained journalists.",
    "{k1} and {k2} signed an agreement on fisheries in {c1} on {d}, officials said.",
    "The government of {k1} expelled a {a2} diplomat on {d}, the foreign ministry said.",
    "{n2} said {k2} was ready to support the talks.",
    "Officials in {c1} said the weather had been mild and the markets were calm.",
]


def invented_article(n_chars: int, seed: int = 0) -> str:
    """One line of about `n_chars` characters, a headline-like first sentence then the templates."""
    rng = random.Random(seed)
    parts = ["Ministers meet as talks resume."]
    size = len(parts[0])
    while size < n_chars:
        (k1, a1, c1), (k2, a2, c2) = rng.sample(COUNTRIES, 2)
        n1, n2 = rng.sample(NAMES, 2)
        s = rng.choice(TEMPLATES).format(k1=k1, a1=a1, c1=c1, k2=k2, a2=a2, c2=c2, n1=n1, n2=n2, d=rng.choice(DAYS))
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)[:n_chars]


def time_one(coder, text: str) -> tuple[float, int]:
    from sanderling.schema import Article

    t0 = time.perf_counter()
    coded = next(coder.code([Article(text=text, published="2025-03-10", origin=f"invented:{len(text)}")]))
    return time.perf_counter() - t0, len(coded.events)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=100_000)
    ap.add_argument("--large", type=int, default=1_000_000)
    ap.add_argument("--max-ratio", type=float, default=10.0)
    args = ap.parse_args(argv)
    from sanderling.pipeline import Coder

    coder = Coder().setup()
    time_one(coder, invented_article(2000, seed=9))  # warm caches
    small_s, small_events = time_one(coder, invented_article(args.small, seed=1))
    print(f"{args.small:>10,} chars: {small_s:7.1f} s, {small_events} event(s)", flush=True)
    large_s, large_events = time_one(coder, invented_article(args.large, seed=2))
    print(f"{args.large:>10,} chars: {large_s:7.1f} s, {large_events} event(s)", flush=True)
    ratio = large_s / small_s
    ok = ratio < args.max_ratio and large_events > 0
    print(f"ratio {ratio:.2f} (length ratio {args.large / args.small:.0f}; must be under {args.max_ratio:g}): "
          f"{'ok' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
