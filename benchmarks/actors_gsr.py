"""Actor country and sector accuracy on the PLOVER gold standard records (CAMEO manual examples).

    python benchmarks/actors_gsr.py [--gsr ../shared/data/plover/PLOVER_GSR_CAMEO.txt] [--show N]

TEST ONLY: nothing in sanderling is tuned to this file; this script parses it and measures.

The file is JSON-like (trailing commas): a list of records with `text`, `source` and `target`
(each "" or a list of {"actorText", "code", "sector"}). A side is scored when at least one of its
gold actors carries a country code (its first three letters are a country, after mapping CAMEO's
older codes such as ROM -> ROU through the knowledge base); IGO, NGO, MNC, IMG etc. are left out.

What "sanderling gets it right" means, per record and side:
1. Code the record's text as an article of its own (dated by the record's `date`).
2. The event coded from the sentence: among its events, the first whose predicate word appears in
   the gold `eventText`, else the first event. Its source (or target) actor is the prediction.
3. If there is no event, or that event has no actor on that side, the prediction is the actor
   sanderling resolves for the gold actor's text span (`ArticleActors.actors_at` on the span's
   root token): the same resolver the event detector uses for argument tokens.
4. Right when the predicted country is one of the gold countries of that side (a compound side,
   "Hungarian and Romanian officials", lists two).
Sector agreement is printed too: over scored actors with a gold sector, the share whose predicted
sectors contain it.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GSR = ROOT.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"


def read_gsr(path: Path) -> list[dict]:
    raw = path.read_text(encoding="utf-8", errors="replace")
    cleaned = re.sub(r",(\s*[\]}])", r"\1", raw)
    try:
        records = json.loads(cleaned)
    except json.JSONDecodeError:
        # Fall back to one record at a time, skipping any that do not parse.
        records = []
        for chunk in re.split(r"\n\}\s*,\s*\n\{", cleaned.strip().lstrip("[").rstrip("]").strip()):
            chunk = "{" + chunk.strip().lstrip("{").rstrip("}") + "}"
            try:
                records.append(json.loads(chunk))
            except json.JSONDecodeError:
                continue
    return [r for r in records if isinstance(r, dict) and r.get("text")]


def gold_side(value, kb, countries: set[str]) -> list[dict]:
    """Gold actors of one side as {"text", "country" (ISO or None), "sectors"}."""
    if not isinstance(value, list):
        return []
    out = []
    for actor in value:
        if not isinstance(actor, dict):
            continue
        code = str(actor.get("code") or "").strip().upper()
        iso3 = kb.iso3(code) if len(code) >= 3 else None
        sector = actor.get("sector") or []
        sectors = [s.strip().upper() for s in ([sector] if isinstance(sector, str) else sector) if str(s).strip()]
        out.append({"text": str(actor.get("actorText") or ""), "country": iso3 if iso3 in countries else None,
                    "sectors": sectors})
    return out


def span_actor(actors, doc, text: str):
    """The actor resolved for a gold text span: the root of the tokens the span covers."""
    if not text:
        return None
    start = doc.text.find(text)
    if start < 0:
        start = doc.text.lower().find(text.lower())
    if start < 0:
        return None
    return actors_in_chars(actors, doc, start, start + len(text))


def actors_in_chars(actors, doc, start: int, end: int):
    """What the resolver says of a character span: its root token first, then its other tokens."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    for token in [span.root] + [t for t in span if t is not span.root]:
        found = actors.actors_at(token)
        if found:
            return found
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gsr", default=str(DEFAULT_GSR))
    ap.add_argument("--show", type=int, default=0, help="print N misses of each side")
    ap.add_argument("--min-source", type=float, default=None, help="fail below this source-country share")
    ap.add_argument("--min-target", type=float, default=None, help="fail below this target-country share")
    args = ap.parse_args(argv)

    import pycountry

    from sanderling.actors.kb import default_kb
    from sanderling.actors.resolve import ArticleActors
    from sanderling.pipeline import Coder
    from sanderling.schema import Article

    kb = default_kb()
    countries = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    records = read_gsr(Path(args.gsr))
    coder = Coder(kb=kb).setup()
    texts = [r["text"] for r in records]
    stats = {side: {"n": 0, "right": 0, "from_event": 0, "from_span": 0, "none": 0, "sec_n": 0, "sec_right": 0}
             for side in ("source", "target")}
    misses: dict[str, list[str]] = {"source": [], "target": []}
    for record, doc in zip(records, coder.nlp.pipe(texts, batch_size=32)):
        date = str(record.get("date") or "")[:10] or None
        article = Article(text=record["text"], published=date)
        coded = coder.code_doc(article, doc)
        actors = ArticleActors(doc, kb, published=date)
        event_words = {w.lower() for w in re.findall(r"[\w-]+", str(record.get("eventText") or ""))}
        events = sorted(coded.events, key=lambda e: e.evidence.start)
        chosen = next((e for e in events if e.predicate and e.predicate.lower() in event_words), events[0] if events else None)
        for side in ("source", "target"):
            gold = gold_side(record.get(side), kb, countries)
            gold_countries = {g["country"] for g in gold if g["country"]}
            if not gold_countries:
                continue
            s = stats[side]
            s["n"] += 1
            predicted = getattr(chosen, side) if chosen is not None else None
            how = "from_event"
            candidates = [predicted] if predicted is not None else []
            if not candidates:
                how = "from_span"
                for g in gold:
                    found = span_actor(actors, doc, g["text"])
                    if found:
                        candidates = found
                        break
            if not candidates:
                s["none"] += 1
                misses[side].append(f"  (none) gold {sorted(gold_countries)}: {record['text'][:140]}")
                continue
            s[how] += 1
            best = next((c for c in candidates if c.country in gold_countries), candidates[0])
            if best.country in gold_countries:
                s["right"] += 1
            else:
                misses[side].append(f"  {best.name!r} {best.country} vs gold {sorted(gold_countries)}: {record['text'][:140]}")
            gold_sectors = {x for g in gold if g["country"] for x in g["sectors"]}
            if gold_sectors:
                s["sec_n"] += 1
                s["sec_right"] += bool(gold_sectors & set(best.sectors))
    print(f"PLOVER GSR: {len(records)} records with text")
    for side in ("source", "target"):
        s = stats[side]
        share = s["right"] / s["n"] if s["n"] else 0.0
        sec = s["sec_right"] / s["sec_n"] if s["sec_n"] else 0.0
        print(f"{side}: country right {s['right']}/{s['n']} = {share:.3f}  (from the event {s['from_event']}, "
              f"from the span {s['from_span']}, none {s['none']}); sector agreement {s['sec_right']}/{s['sec_n']} = {sec:.3f}")
        if args.show:
            print("\n".join(misses[side][: args.show]))
    failed = [side for side, least in (("source", args.min_source), ("target", args.min_target))
              if least is not None and stats[side]["right"] / max(stats[side]["n"], 1) < least]
    for side in failed:
        print(f"short of: {side} country share below the threshold")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
