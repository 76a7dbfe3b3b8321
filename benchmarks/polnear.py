"""Attribution (quotes and reported speech) on PolNeAR: sanderling vs textacy, side by side.

    python benchmarks/polnear.py                      # dev, both systems, full table
    python benchmarks/polnear.py --limit 20           # the first 20 dev articles (quick)
    python benchmarks/polnear.py --split train        # tune here, never on dev
    python benchmarks/polnear.py --no-textacy         # sanderling only
    python benchmarks/polnear.py derive-cues          # rebuild data/statements/cues.tsv from train

Data: ../shared/data/polnear/{train,dev} (PolNeAR v1.0.0, Newell, Margolin & Ruths, LREC 2018;
research use), BRAT standoff: one `E` relation per attribution with Source, Cue, Content spans
(spans may be discontinuous). Articles annotated by several annotators count once (the first
annotation file in name order).

Scoring, for each of cue, source and content separately: predicted spans are matched one-to-one
with gold spans of the same article. `exact`: same start and end (a discontinuous gold span is
taken from its first to its last character; surrounding whitespace ignored). `overlap`: the
characters shared with the gold fragments are at least half the shorter of the two spans.
Precision = matched / predicted, recall = matched / gold.

textacy (`pip install textacy`, an optional extra: `sanderling[bench]`) runs
`textacy.extract.triples.direct_quotations` on the same en_core_web_md docs.
"""
from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
CUES_TSV = ROOT / "src" / "sanderling" / "data" / "statements" / "cues.tsv"

sys.path.insert(0, str(ROOT / "src"))

ROLES = ("cue", "source", "content")


# ------------------------------------------------------------------ data

def _spans(s: str) -> list[tuple[int, int]]:
    out = []
    for frag in s.split(";"):
        a, b = frag.split()
        out.append((int(a), int(b)))
    return out


def load_ann(path: Path) -> list[dict[str, list[tuple[int, int]]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    rels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not re.fullmatch(r"[TE]\d+", parts[0]):
            continue  # continuation lines of span texts that hold line breaks
        if parts[0][0] == "T":
            label, sp = parts[1].split(" ", 1)
            spans[parts[0]] = _spans(sp)
        else:
            args = dict(a.split(":", 1) for a in parts[1].split()[1:])
            rels.append({k.lower(): spans[v] for k, v in args.items() if v in spans and k.lower() in ROLES})
    return rels


def articles(split: str, limit: int | None = None):
    """(name, text, attributions) for each article of a split, one annotation per article."""
    d = POLNEAR / split
    seen = set()
    out = []
    for ann in sorted((d / "attributions").glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        if base in seen:
            continue
        seen.add(base)
        out.append((base, (d / "text" / f"{base}.txt").read_text(encoding="utf-8"), load_ann(ann)))
        if limit and len(out) >= limit:
            break
    return out


def load_nlp():
    from spacy.language import Language

    from sanderling.nlp import load

    name = "polnear_line_breaks"
    if not Language.has_factory(name):
        @Language.component(name)
        def _lines(doc):  # the same rule as the pipeline: a line break starts a sentence
            for tok in doc[1:]:
                prev = doc[tok.i - 1]
                if "\n" in prev.text or "\n" in prev.whitespace_:
                    tok.is_sent_start = True
            return doc
    nlp = load()
    if name not in nlp.pipe_names and "sanderling_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe(name, before="parser")
    return nlp


def parse(split: str, arts, cache: Path | None):
    """spaCy docs for the articles, cached per split when --cache is given."""
    from spacy.tokens import DocBin

    nlp = load_nlp()
    if cache is not None:
        f = cache / f"polnear-{split}.spacy"
        names = cache / f"polnear-{split}.names"
        if f.exists() and names.exists():
            have = names.read_text().split("\n")
            docs = dict(zip(have, DocBin().from_disk(f).get_docs(nlp.vocab)))
            if all(a[0] in docs for a in arts):
                return [docs[a[0]] for a in arts]
    docs = list(nlp.pipe([a[1] for a in arts], batch_size=8))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        db = DocBin(docs=docs)
        db.to_disk(cache / f"polnear-{split}.spacy")
        (cache / f"polnear-{split}.names").write_text("\n".join(a[0] for a in arts))
    return docs


# ------------------------------------------------------------------ scoring

def _hull(frags):
    return frags[0][0], frags[-1][1]


def _strip(text, s, e):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _overlaps(pred, gold_frags) -> bool:
    shared = sum(max(0, min(pred[1], b) - max(pred[0], a)) for a, b in gold_frags)
    glen = sum(b - a for a, b in gold_frags)
    shorter = min(pred[1] - pred[0], glen)
    return shorter > 0 and shared >= 0.5 * shorter


def match(text, preds, golds, mode) -> int:
    """Greedy one-to-one matching; returns the number of matched pairs."""
    used = set()
    hits = 0
    for p in sorted(preds):
        p = _strip(text, *p)
        for gi, g in enumerate(golds):
            if gi in used:
                continue
            ok = (_strip(text, *_hull(g)) == p) if mode == "exact" else _overlaps(p, g)
            if ok:
                used.add(gi)
                hits += 1
                break
    return hits


class Score:
    def __init__(self):
        self.n = collections.Counter()

    def add(self, text, pred: dict, gold: dict):
        for role in ROLES:
            self.n[(role, "pred")] += len(pred[role])
            self.n[(role, "gold")] += len(gold[role])
            for mode in ("exact", "overlap"):
                self.n[(role, mode)] += match(text, pred[role], gold[role], mode)

    def prf(self, role, mode):
        tp, np_, ng = self.n[(role, mode)], self.n[(role, "pred")], self.n[(role, "gold")]
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def gold_spans(rels):
    return {role: [r[role] for r in rels if role in r] for role in ROLES}


def sanderling_spans(extractor, doc, name):
    out = {role: [] for role in ROLES}
    for s in extractor.extract(doc, name):
        out["cue"].append((s.cue_start, s.cue_end))
        if s.speaker_start is not None:
            out["source"].append((s.speaker_start, s.speaker_end))
        if s.content_start is not None:
            out["content"].append((s.content_start, s.content_end))
    for role in ROLES:  # a split quote shares its speaker and cue: count them once
        out[role] = sorted(set(out[role]))
    return out


def textacy_spans(doc):
    from textacy.extract.triples import direct_quotations

    out = {role: [] for role in ROLES}
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on some odd quote layouts
        triples = []
    for t in triples:
        if t.cue:
            out["cue"].append((t.cue[0].idx, t.cue[-1].idx + len(t.cue[-1].text)))
        if t.speaker:
            out["source"].append((t.speaker[0].idx, t.speaker[-1].idx + len(t.speaker[-1].text)))
        out["content"].append((t.content.start_char, t.content.end_char))
    for role in ROLES:
        out[role] = sorted(set(out[role]))
    return out


def evaluate(args) -> int:
    from sanderling.statements import StatementExtractor

    t0 = time.time()
    arts = articles(args.split, args.limit)
    docs = parse(args.split, arts, Path(args.cache) if args.cache else None)
    t_parse = time.time() - t0
    systems = {"sanderling": Score()}
    extractor = StatementExtractor(min_ratio=args.min_ratio, min_count=args.min_count).setup()
    use_textacy = not args.no_textacy
    if use_textacy:
        try:
            import textacy  # noqa: F401
        except ImportError:
            print("textacy is not installed (pip install textacy): showing sanderling only", file=sys.stderr)
            use_textacy = False
    if use_textacy:
        systems["textacy"] = Score()
    t1 = time.time()
    for (name, text, rels), doc in zip(arts, docs):
        gold = gold_spans(rels)
        systems["sanderling"].add(text, sanderling_spans(extractor, doc, name), gold)
        if use_textacy:
            systems["textacy"].add(text, textacy_spans(doc), gold)
    t_ext = time.time() - t1
    ngold = sum(len(r) for _, _, r in arts)
    print(f"PolNeAR {args.split}: {len(arts)} articles, {ngold} gold attributions "
          f"(parse {t_parse:.0f}s, extract {t_ext:.1f}s)")
    head = f"{'role':8} {'match':8} " + " ".join(f"{s:>22}" for s in systems)
    print(head)
    print(f"{'':8} {'':8} " + " ".join(f"{'P     R     F1':>22}" for _ in systems))
    for role in ROLES:
        for mode in ("exact", "overlap"):
            cells = []
            for sc in systems.values():
                p, r, f = sc.prf(role, mode)
                cells.append(f"{p:6.3f}{r:6.3f}{f:6.3f}".rjust(22))
            print(f"{role:8} {mode:8} " + " ".join(cells))
    for role in ROLES:
        print(f"predicted {role}: " + ", ".join(f"{k} {v.n[(role, 'pred')]}" for k, v in systems.items())
              + f" (gold {systems['sanderling'].n[(role, 'gold')]})")
    return _check(args, systems)


def _check(args, systems) -> int:
    """--min-f1 / --min-margin: content- and source-overlap F1 thresholds (issue 6's acceptance)."""
    failed = []
    for role in ("content", "source"):
        f1 = systems["sanderling"].prf(role, "overlap")[2]
        if args.min_f1 is not None and f1 < args.min_f1:
            failed.append(f"{role}-overlap F1 {f1:.3f} < {args.min_f1}")
        if args.min_margin is not None:
            if "textacy" not in systems:
                failed.append("--min-margin needs textacy (pip install textacy)")
                break
            margin = f1 - systems["textacy"].prf(role, "overlap")[2]
            if margin < args.min_margin:
                failed.append(f"{role}-overlap margin over textacy {margin:.3f} < {args.min_margin}")
    for line in failed:
        print(f"short of: {line}")
    return 1 if failed else 0


# ------------------------------------------------------------------ deriving the cue table

MANUAL_CUES = """say tell warn emphasize emphasise underscore reiterate stress urge vow pledge insist affirm
reaffirm declare announce add note state claim deny accuse condemn demand express voice highlight
assert caution criticize criticise welcome propose threaten promise acknowledge admit confirm reply
respond argue explain comment remark ask request appeal predict report write tweet""".split()

HEADER = """# Cue lemmas for attribution: which words introduce a statement, and which argument holds
# what is said. Source: derived by benchmarks/polnear.py derive-cues from the train split of
# PolNeAR v1.0.0 (Newell, Margolin & Ruths, "An attribution relations corpus for political news",
# LREC 2018; networkdynamics/PolNeAR; licensed for research use): per lemma and coarse part of
# speech, how often a token was the head of an annotated cue (count) out of all its occurrences
# (ratio), and the dependency labels of the cue's argument that covered the annotated content,
# most frequent first (prep:X = the object of preposition X). origin=manual rows are speech verbs
# of diplomatic reporting added by hand (sanderling authors, MIT); they are always used.
# Only statistics are kept here; no text of the corpus.
"""


def derive_cues(args) -> int:
    arts = articles("train", args.limit)
    docs = parse("train", arts, Path(args.cache) if args.cache else None)
    occ = collections.Counter()
    cue_n = collections.Counter()
    deps: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)

    def key(tok):
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_
        return (tok.lemma_.lower(), pos) if pos in ("VERB", "NOUN", "ADJ") else None

    for (name, text, rels), doc in zip(arts, docs):
        for tok in doc:
            k = key(tok)
            if k:
                occ[k] += 1
        for r in rels:
            if "cue" not in r:
                continue
            toks = [t for a, b in r["cue"] for t in (doc.char_span(a, b, alignment_mode="expand") or [])]
            ids = {t.i for t in toks}
            heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
            heads = [t for t in heads if key(t)] or [t for t in toks if key(t)]
            if not heads:
                continue
            h = heads[0]
            k = key(h)
            cue_n[k] += 1
            if "content" not in r:
                continue
            frags = r["content"]
            glen = sum(b - a for a, b in frags)
            best, best_s = "-", 0.0
            for c in h.children:
                if c.i in ids and c.dep_ not in ("prep", "agent"):
                    continue  # a preposition inside the cue ("called for") still leads to content
                if c.dep_ in ("prep", "agent"):
                    obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                    if obj is None:
                        continue
                    lab, node = f"prep:{c.lower_}", obj
                else:
                    lab, node = c.dep_, c
                sub = list(node.subtree)
                a, b = sub[0].idx, sub[-1].idx + len(sub[-1].text)
                shared = sum(max(0, min(b, y) - max(a, x)) for x, y in frags)
                s = shared / max(b - a, glen)
                if s > best_s:
                    best, best_s = lab, s
            deps[k][best if best_s >= 0.5 else "-"] += 1

    rows = []
    manual = set(MANUAL_CUES)
    for k in sorted(set(cue_n) | {(m, "VERB") for m in manual}):
        n = cue_n.get(k, 0)
        o = max(occ.get(k, 0), n)
        origin = "manual" if (k[1] == "VERB" and k[0] in manual) else "polnear"
        if origin == "polnear" and n < 2:
            continue
        d = deps.get(k, collections.Counter())
        labs = [lab for lab, c in d.most_common() if lab != "-" and (c >= 2 or c >= 0.2 * n)]
        # a clausal complement is what is said whenever there is one: prefer it to an object
        labs.sort(key=lambda lab: (lab not in ("ccomp",), -d[lab]))
        if origin == "manual" and not labs:
            labs = ["ccomp", "xcomp", "dobj"]
        ratio = n / o if o else 1.0
        rows.append((k[0], k[1], n, o, ratio, ",".join(labs[:6]), origin))
    rows.sort(key=lambda r: (-r[2], r[0], r[1]))
    with open(args.out or CUES_TSV, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("lemma\tpos\tcount\toccurrences\tratio\tcontent\torigin\n")
        for r in rows:
            fh.write(f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}\t{r[4]:.3f}\t{r[5]}\t{r[6]}\n")
    print(f"wrote {len(rows)} cue rows to {args.out or CUES_TSV}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", nargs="?", default="eval", choices=("eval", "derive-cues"))
    ap.add_argument("--split", default="dev", choices=("train", "dev"))
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--cache", default=None, help="folder to keep parsed docs between runs")
    ap.add_argument("--min-ratio", type=float, default=0.2, help="cue table: least cue ratio kept")
    ap.add_argument("--min-count", type=int, default=2, help="cue table: least cue count kept")
    ap.add_argument("--out", default=None, help="derive-cues: where to write the table")
    ap.add_argument("--min-f1", type=float, default=None, help="fail below this content/source overlap F1")
    ap.add_argument("--min-margin", type=float, default=None, help="fail below this F1 margin over textacy")
    args = ap.parse_args(argv)
    if args.command == "derive-cues":
        return derive_cues(args)
    return evaluate(args)


if __name__ == "__main__":
    sys.exit(main())
