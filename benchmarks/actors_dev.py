"""Actor country and sector accuracy on our own development labels over PLV_train sentences.

    python benchmarks/actors_dev.py [--plv ../shared/data/plv/PLV_train.tsv] [--show N]

The labels (benchmarks/data/actors_dev.tsv) are ours: for every 4th row of PLV_train, the country
(ISO alpha-3, IGO, NGO, or -) and sector we expect for the marked source and target spans. The
file holds row numbers and labels only; the sentences and spans are read from PLV_train here.
This is the set to develop actor resolution against (PLV_train is development data); the PLOVER
GSR (benchmarks/actors_gsr.py) stays a test that is only measured.

Scoring mirrors actors_gsr.py, per row and side:
1. Code the sentence (tags removed) as an article of its own; PLV gives no date, so none is used.
2. The event: among the coded events, the first whose predicate lies between the two marked spans,
   else the first event. Its source (or target) actor is the prediction.
3. If there is no event or it has no actor on that side, the actor `ArticleActors.actors_at`
   resolves for the marked span's root token (then its other tokens).
4. Right when the predicted country is one of the labelled ones.
Sides labelled with a country are the headline figure (as in the GSR benchmark); IGO/NGO sides are
counted apart. "span only" scores step 3 alone on every side: the resolver without the detector.
Sector agreement: over scored sides with a labelled sector, the share whose predicted sectors hold it.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from actors_gsr import actors_in_chars  # same folder: run as `python benchmarks/actors_dev.py`

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PLV = ROOT.parent / "shared" / "data" / "plv" / "PLV_train.tsv"
LABELS = ROOT / "benchmarks" / "data" / "actors_dev.tsv"

TAG = re.compile(r"</?[st]>")


def unmark(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The sentence without its <s>/<t> tags and the character span of each marked side."""
    text, spans, opened, pos = [], {}, {}, 0
    for m in TAG.finditer(marked):
        text.append(marked[pos:m.start()])
        at = sum(len(x) for x in text)
        tag = m.group()
        side = "source" if "s" in tag else "target"
        if tag.startswith("</"):
            if side in opened and side not in spans:
                spans[side] = (opened[side], at)
        else:
            opened.setdefault(side, at)
        pos = m.end()
    text.append(marked[pos:])
    plain = "".join(text)
    # Trim the spaces the tags sometimes enclose.
    for side, (a, b) in list(spans.items()):
        while a < b and plain[a].isspace():
            a += 1
        while b > a and plain[b - 1].isspace():
            b -= 1
        spans[side] = (a, b)
    return plain, spans


def read_labels(path: Path) -> dict[int, dict[str, tuple[set[str], str | None]]]:
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    out: dict[int, dict[str, tuple[set[str], str | None]]] = {}
    for r in csv.DictReader(lines, delimiter="\t"):
        countries = {c for c in r["country"].split("|") if c and c != "-"}
        sector = r["sector"] if r["sector"] not in {"", "-"} else None
        out.setdefault(int(r["row"]), {})[r["side"]] = (countries, sector)
    return out


def span_actor(actors, doc, span: tuple[int, int]):
    return actors_in_chars(actors, doc, *span)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plv", default=str(DEFAULT_PLV))
    ap.add_argument("--labels", default=str(LABELS))
    ap.add_argument("--show", type=int, default=0, help="print N misses of each side")
    args = ap.parse_args(argv)

    from sanderling.actors.kb import default_kb
    from sanderling.actors.resolve import ArticleActors
    from sanderling.pipeline import Coder
    from sanderling.schema import Article

    with open(args.plv, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    labels = read_labels(Path(args.labels))
    kb = default_kb()
    coder = Coder(kb=kb).setup()
    items = []
    for i in sorted(labels):
        text, spans = unmark(rows[i]["marked_sentence"])
        items.append((i, text, spans))
    keys = ("n", "right", "from_event", "from_span", "none", "sec_n", "sec_right", "org_n", "org_right",
            "span_n", "span_right")
    stats = {side: dict.fromkeys(keys, 0) for side in ("source", "target")}
    misses: dict[str, list[str]] = {"source": [], "target": []}
    for (i, text, spans), doc in zip(items, coder.nlp.pipe([t for _, t, _ in items], batch_size=32)):
        coded = coder.code_doc(Article(text=text, published=None), doc)
        actors = ArticleActors(doc, kb, published=None)
        events = sorted(coded.events, key=lambda e: e.evidence.start)
        chosen = events[0] if events else None
        if "source" in spans and "target" in spans:
            lo = min(spans["source"][1], spans["target"][1])
            hi = max(spans["source"][0], spans["target"][0])
            between = {w.lower() for w in re.findall(r"[\w-]+", text[lo:hi])}
            chosen = next((e for e in events if e.predicate and e.predicate.lower() in between), chosen)
        for side in ("source", "target"):
            gold, gold_sector = labels[i].get(side, (set(), None))
            if not gold or side not in spans:
                continue
            s = stats[side]
            orgs = gold <= {"IGO", "NGO", "MNC"}
            span_found = span_actor(actors, doc, spans[side])
            if not orgs:
                s["span_n"] += 1
                s["span_right"] += bool(span_found and any(a.country in gold for a in span_found))
            predicted = getattr(chosen, side) if chosen is not None else None
            how, candidates = "from_event", [predicted] if predicted is not None else []
            if not candidates:
                how, candidates = "from_span", span_found or []
            if orgs:
                s["org_n"] += 1
                s["org_right"] += bool(candidates and any(c.country in gold for c in candidates))
                continue
            s["n"] += 1
            span_text = text[spans[side][0]:spans[side][1]]
            if not candidates:
                s["none"] += 1
                misses[side].append(f"  row {i} (none) gold {sorted(gold)}: {span_text!r} | {text[:150]}")
                continue
            s[how] += 1
            best = next((c for c in candidates if c.country in gold), candidates[0])
            if best.country in gold:
                s["right"] += 1
            else:
                misses[side].append(f"  row {i} {how} {best.name!r} {best.country} vs gold {sorted(gold)}: "
                                    f"{span_text!r} | {text[:150]}")
            if gold_sector:
                s["sec_n"] += 1
                hit = gold_sector in set(best.sectors)
                s["sec_right"] += hit
                if not hit and best.country in gold:
                    misses[side].append(f"  row {i} sector {best.name!r} {best.sectors} vs {gold_sector}: {span_text!r}")
    print(f"actors dev set: {len(items)} PLV_train rows labelled")
    for side in ("source", "target"):
        s = stats[side]
        share = s["right"] / s["n"] if s["n"] else 0.0
        sec = s["sec_right"] / s["sec_n"] if s["sec_n"] else 0.0
        org = s["org_right"] / s["org_n"] if s["org_n"] else 0.0
        span = s["span_right"] / s["span_n"] if s["span_n"] else 0.0
        print(f"{side}: country right {s['right']}/{s['n']} = {share:.3f}  (from the event {s['from_event']}, "
              f"from the span {s['from_span']}, none {s['none']}); sector agreement {s['sec_right']}/{s['sec_n']} = "
              f"{sec:.3f}; IGO/NGO right {s['org_right']}/{s['org_n']} = {org:.3f}; span only {s['span_right']}/"
              f"{s['span_n']} = {span:.3f}")
        if args.show:
            print("\n".join(misses[side][: args.show]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
