"""Train the event-type classifier; deterministic and rerunnable.

    python -m sanderling.events.train            # cross-validate, then fit and save
    python -m sanderling.events.train --cv-only  # model selection only (--grid: a few settings)

Training data: PLV_train.tsv (../shared/data/plv), the CAMEO verb-pattern dictionary
(../shared/data/petrarch/CAMEO.2.0.txt, MIT) converted to sanderling/data/models/cameo_verbs.json.gz,
and the sentences the project's authors wrote in sanderling/data/training/*.tsv.
Settings are chosen by 5-fold CV over PLV_train and the written sentences together, each scored
on its own (`cross_validate`). PLV_test and the PLOVER GSR are never read for training:
`check_no_leak` refuses to train if any PLV_test sentence is among the training sentences.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

from ..data_tables import read_table
from .classifier import META_PATH, MODEL_PATH, Vectorizer, analyse
from .features import LEXICON_PATH, MODEL_DIR, FeatureExtractor, Lexicon, build_lexicon

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("SANDERLING_SHARED", ROOT.parent / "shared"))
PLV_TRAIN = SHARED / "data" / "plv" / "PLV_train.tsv"
PLV_TEST = SHARED / "data" / "plv" / "PLV_test.tsv"
CAMEO_VERBS = SHARED / "data" / "petrarch" / "CAMEO.2.0.txt"
# sentences the project's authors wrote, one file per CAMEO range (see the files' headers)
WRITTEN_DIR = MODEL_DIR.parent / "training"
SEED = 13
# chosen by 5-fold CV (`--grid`): the structure features weigh less than the n-grams; the written
# sentences' weight (0.15-1.0) made no difference to the joint score (0.799-0.803), so they count fully
DEFAULT_CFG = {"C": 8.0, "ngram": 2, "w_dict": 0.3, "w_sent": 1.0, "w_bag": 1.5, "w_vec": 0.5, "min_df": 1,
               "class_weight": "balanced", "w_written": 1.0}


def norm_sentence(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"</?[st]>", "", s or "")).strip().lower()


def read_tsv(path: Path) -> list[dict]:
    return read_table(path, quoted=True)  # PLV's tables quote cells the CSV way


def load_training(include_extra: bool = True) -> list[dict]:
    """[{"text", "source", "target", "label", "origin"}]: PLV_train first (origin "plv_train"),
    then the hand-written sentences in data/training/*.tsv (origin "written")."""
    items = [{"text": r["sentence"], "source": r["source"], "target": r["target"],
              "label": r["gold_root"].strip().upper(), "origin": "plv_train"} for r in read_tsv(PLV_TRAIN)]
    if include_extra:
        for path in sorted(WRITTEN_DIR.glob("*.tsv")):
            for r in read_tsv(path):
                items.append({"text": r["text"], "source": r["source"], "target": r["target"],
                              "label": r["label"].strip().upper(), "origin": "written"})
    return items


def test_sentences(path: Path = PLV_TEST) -> set[str]:
    return {norm_sentence(r["sentence"]) for r in read_tsv(path)}


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def near_test_sentences(items: list[dict], test_path: Path = PLV_TEST, limit: float = 0.6) -> list[str]:
    """Written training sentences that share `limit` or more of their word trigrams with a PLV_test
    sentence (texts only): a paraphrase of a test sentence, from a writer who remembered it, would
    leak as surely as a copy. The written sets peak at 0.43 (same topics, other words)."""
    test = [g for g in (_trigrams(r["sentence"]) for r in read_tsv(test_path)) if g]
    near = []
    for it in items:
        if it.get("origin") == "plv_train":
            continue
        g = _trigrams(it["text"])
        if g and any(len(g & t) / min(len(g), len(t)) >= limit for t in test):
            near.append(it["text"])
    return near


def check_no_leak(items: list[dict], test_path: Path = PLV_TEST) -> None:
    """Raise if any PLV_test sentence is among the training sentences (exact, after normalising),
    or a written sentence is close to one (`near_test_sentences`)."""
    if not test_path.exists():
        print(f"warning: {test_path} not found; leak check skipped", file=sys.stderr)
        return
    test = test_sentences(test_path)
    leaked = [it["text"] for it in items if norm_sentence(it["text"]) in test]
    if leaked:
        raise SystemExit(f"refusing to train: {len(leaked)} PLV_test sentences in the training data, "
                         f"e.g. {leaked[0][:80]!r}")
    near = near_test_sentences(items, test_path)
    if near:
        raise SystemExit(f"refusing to train: {len(near)} written sentences close to PLV_test sentences, "
                         f"e.g. {near[0][:80]!r}; rewrite them")


def ensure_lexicon(rebuild: bool = False) -> Lexicon:
    if rebuild or not LEXICON_PATH.exists():
        data = build_lexicon(CAMEO_VERBS)
        LEXICON_PATH.parent.mkdir(parents=True, exist_ok=True)
        write_json_gz(LEXICON_PATH, data)
    return Lexicon.load(LEXICON_PATH)


def write_json_gz(path: Path, obj) -> None:
    """Compact, key-sorted JSON, gzipped with mtime=0: the same content gives the same bytes."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def featurize(items: list[dict], lexicon: Lexicon, nlp=None) -> list[dict]:
    if nlp is None:
        from .. import nlp as _nlp

        nlp = _nlp.load(("ner",))
    ex = FeatureExtractor(lexicon)
    rows = []
    for it, doc in zip(items, nlp.pipe([it["text"] for it in items], batch_size=256)):
        rows.append(analyse(ex, doc, doc.text, it["source"], it["target"]))
    return rows


def fit(rows: list[dict], labels: list[str], cfg: dict, origins: list[str] | None = None):
    """`origins`: with cfg["w_written"], the written sentences count that much each, PLV_train 1."""
    from sklearn.linear_model import LogisticRegression

    vec = Vectorizer({k: cfg[k] for k in ("ngram", "w_dict", "w_sent", "w_bag", "w_vec", "min_df")}).fit(rows)
    x = vec.transform(rows)
    clf = LogisticRegression(C=cfg["C"], max_iter=3000, class_weight=cfg.get("class_weight"),
                             random_state=SEED)
    weight = None
    if origins is not None and cfg.get("w_written", 1.0) != 1.0:
        weight = np.array([1.0 if o == "plv_train" else cfg["w_written"] for o in origins])
    clf.fit(x, labels, sample_weight=weight)
    return vec, clf


def macro_f1(gold: list[str], pred: list[str]) -> float:
    labels = sorted(set(gold))
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    return sum(f1s) / len(f1s)


# the two parts every CV figure is given for: PLV_train, and the sentences we wrote
PARTS = (("plv", lambda origin: origin == "plv_train"), ("written", lambda origin: origin != "plv_train"))


def joint_folds(labels: list[str], origins: list[str], folds: int = 5, seed: int = SEED) -> list[list[int]]:
    """The held-out rows of each fold: PLV_train and the written sentences are each split into
    `folds` stratified parts, and fold k holds out part k of both. The MiniLM trainer uses the
    same folds, so the two models' out-of-fold probabilities line up."""
    from sklearn.model_selection import StratifiedKFold

    out: list[list[int]] = [[] for _ in range(folds)]
    for _, in_part in PARTS:
        idx = [i for i, o in enumerate(origins) if in_part(o)]
        if not idx:
            continue
        skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        for k, (_, te) in enumerate(skf.split(idx, [labels[i] for i in idx])):
            out[k].extend(idx[j] for j in te)
    return out


def cross_validate(rows, labels, origins, cfg, folds: int = 5, seed: int = SEED,
                   proba_out: dict | None = None) -> dict:
    """k-fold over PLV_train and the written sentences together (`joint_folds`); each part is scored
    on its own and "score" is their mean, the figure settings are chosen by: PLV_train alone is news
    of 2015-2021, the written sentences cover every CAMEO code in older wire styles too, and the
    classifier must serve both. With `proba_out`, fills it with the out-of-fold probabilities of
    every row ("proba", columns in the order of "labels"), which the MiniLM ensemble weight is
    fitted on (scripts/train_minilm.py)."""
    pred = [""] * len(rows)
    all_labels = sorted(set(labels))
    proba = np.zeros((len(rows), len(all_labels)))
    for te_idx in joint_folds(labels, origins, folds, seed):
        held = set(te_idx)
        tr_idx = [i for i in range(len(rows)) if i not in held]
        vec, clf = fit([rows[i] for i in tr_idx], [labels[i] for i in tr_idx], cfg, [origins[i] for i in tr_idx])
        x = vec.transform([rows[i] for i in te_idx])
        p = clf.predict(x)
        for i, lab in zip(te_idx, p):
            pred[i] = lab
        if proba_out is not None:
            cols = [all_labels.index(c) for c in clf.classes_]
            proba[np.ix_(te_idx, cols)] = clf.predict_proba(x)
    res = {}
    for part, in_part in PARTS:
        idx = [i for i, o in enumerate(origins) if in_part(o)]
        if idx:
            gold, pr = [labels[i] for i in idx], [pred[i] for i in idx]
            res[f"{part}_macro_f1"] = round(macro_f1(gold, pr), 4)
            res[f"{part}_accuracy"] = round(sum(g == p for g, p in zip(gold, pr)) / len(gold), 4)
    res["score"] = round(float(np.mean([v for k, v in res.items() if k.endswith("macro_f1")])), 4)
    if proba_out is not None:
        proba_out.update({"labels": all_labels, "proba": proba, "origins": list(origins)})
    return res


def save(vec: Vectorizer, clf, cfg: dict, cv: dict) -> None:
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    # half-precision weights: the models folder must stay under 25 MB beside the 6-layer MiniLM
    np.savez_compressed(MODEL_PATH, coef=clf.coef_.astype(np.float16), intercept=clf.intercept_.astype(np.float32),
                        sent_idf=vec.sent_idf.astype(np.float32), bag_idf=vec.bag_idf.astype(np.float32))
    meta = {"labels": [str(c) for c in clf.classes_], "vectorizer": vec.state(), "train_cfg": cfg,
            "cv": cv, "training_data": ["PLV_train.tsv (snowood1/Zero-Shot-PLOVER)",
                                        "CAMEO.2.0.txt verb patterns (openeventdata, MIT)",
                                        "data/training/*.tsv (written by the sanderling authors)"]}
    write_json_gz(META_PATH, meta)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--no-extra", action="store_true", help="leave out the hand-written sentences")
    ap.add_argument("--rebuild-lexicon", action="store_true")
    ap.add_argument("--grid", action="store_true", help="try a few settings by cross-validation")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--oof", help="write the out-of-fold probabilities of every row here (.npz)")
    a = ap.parse_args(argv)
    t0 = time.time()
    lexicon = ensure_lexicon(a.rebuild_lexicon)
    items = load_training(include_extra=not a.no_extra)
    check_no_leak(items)
    rows = featurize(items, lexicon)
    labels = [it["label"] for it in items]
    origins = [it["origin"] for it in items]
    print(f"{len(items)} training sentences ({origins.count('plv_train')} PLV_train), "
          f"parsed in {time.time() - t0:.1f}s", file=sys.stderr)
    cfg = dict(DEFAULT_CFG)
    if a.grid:
        best = None
        grid = [dict(cfg, w_written=w) for w in (0.15, 0.3, 0.5, 1.0)]
        for g in grid:
            res = cross_validate(rows, labels, origins, g, a.folds)
            print(f"cv {res} {g}", file=sys.stderr, flush=True)
            if best is None or res["score"] > best[0]:
                best = (res["score"], g)
        cfg = best[1]
    oof: dict = {}
    res = cross_validate(rows, labels, origins, cfg, a.folds, proba_out=oof)
    if a.oof:
        np.savez(a.oof, labels=np.array(oof["labels"]), proba=oof["proba"], origins=np.array(oof["origins"]))
    print(f"cv({a.folds}-fold, PLV_train + written) {res} cfg={cfg}")
    if a.cv_only:
        return 0
    vec, clf = fit(rows, labels, cfg, origins)
    save(vec, clf, cfg, {"folds": a.folds, **res})
    size = MODEL_PATH.stat().st_size + META_PATH.stat().st_size + LEXICON_PATH.stat().st_size
    print(f"saved {MODEL_PATH.name} + {META_PATH.name} ({size / 1e6:.2f} MB with the lexicon) "
          f"in {time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
