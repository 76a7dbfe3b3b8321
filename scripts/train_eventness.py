"""Train the eventness model (event or no event); deterministic, rebuilds the .npz byte for byte.

    python scripts/train_eventness.py            # cross-validate, pick the threshold, fit, save
    python scripts/train_eventness.py --cv-only  # the CV figures only (--grid: a few settings)

Events: PLV_train.tsv and data/training/written_*.tsv (every row is an event), plus the rows of
data/training/eventness/*.tsv labelled with a type. Non-events: the rows there labelled NONE
(written by the sanderling authors: invented names and places, news style). PLV_test, the
PLOVER GSR and the news development set are never read for training (`check_no_leak`).
The threshold is the one that keeps 95% of the PLV_train events out of fold (5-fold CV), never
tuned on the development set.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sanderling.events.classifier import Vectorizer  # noqa: E402
from sanderling.events.eventness import MODEL_PATH, TRAINING_DIR, save_model  # noqa: E402
from sanderling.events.train import (SEED, check_no_leak, ensure_lexicon, featurize,  # noqa: E402
                                     load_training, read_tsv)

# chosen by CV (`--grid`, AUC of the NONE class); the vectorizer's weights are the type classifier's
DEFAULT_CFG = {"C": 8.0, "ngram": 2, "w_dict": 0.3, "w_sent": 1.0, "w_bag": 1.5, "w_vec": 0.5, "min_df": 2,
               "class_weight": "balanced"}
KEEP_EVENTS = 0.95  # the threshold keeps this share of PLV_train's events out of fold


def load_items() -> list[dict]:
    items = [dict(it, event=1) for it in load_training(include_extra=True)]
    for path in sorted(TRAINING_DIR.glob("eventness_*.tsv")):
        for r in read_tsv(path):
            label = r["label"].strip().upper()
            items.append({"text": r["text"], "source": r["source"], "target": r["target"], "label": label,
                          "origin": "eventness_" + ("none" if label == "NONE" else "event"),
                          "event": 0 if label == "NONE" else 1})
    return items


def fit(rows: list[dict], y: np.ndarray, cfg: dict):
    from sklearn.linear_model import LogisticRegression

    vec = Vectorizer({k: cfg[k] for k in ("ngram", "w_dict", "w_sent", "w_bag", "w_vec", "min_df")}).fit(rows)
    clf = LogisticRegression(C=cfg["C"], max_iter=5000, class_weight=cfg["class_weight"], random_state=SEED)
    clf.fit(vec.transform(rows), y)
    return vec, clf


def oof_proba(rows: list[dict], y: np.ndarray, strata: list[str], cfg: dict, folds: int) -> np.ndarray:
    """Out-of-fold P(event), folds stratified by origin x label so every part is in every fold."""
    from sklearn.model_selection import StratifiedKFold

    p = np.zeros(len(rows))
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    for tr, te in skf.split(np.zeros(len(rows)), strata):
        vec, clf = fit([rows[i] for i in tr], y[tr], cfg)
        p[te] = clf.predict_proba(vec.transform([rows[i] for i in te]))[:, 1]
    return p


def report(p: np.ndarray, y: np.ndarray, origins: list[str]) -> dict:
    from sklearn.metrics import roc_auc_score

    # the events of real news (PLV_train) set the threshold: the written events are easier (more
    # of them kept at any threshold), and pooled they would let it drop more real news
    news = np.array([o == "plv_train" for o in origins]) & (y == 1)
    thr = float(np.quantile(p[news], 1.0 - KEEP_EVENTS))
    none_pred = p < thr
    tp = int(np.sum(none_pred & (y == 0)))
    res = {"threshold": round(thr, 4), "auc": round(float(roc_auc_score(1 - y, 1 - p)), 4),
           "none_precision": round(tp / max(1, int(none_pred.sum())), 4),
           "none_recall": round(tp / max(1, int(np.sum(y == 0))), 4)}
    for origin in sorted(set(origins)):
        idx = np.array([o == origin for o in origins])
        res[f"kept_{origin}"] = round(float(np.mean(p[idx] >= thr)), 4)
    # at 0.5 too, for comparison
    pred05 = p < 0.5
    tp05 = int(np.sum(pred05 & (y == 0)))
    res["none_precision@0.5"] = round(tp05 / max(1, int(pred05.sum())), 4)
    res["none_recall@0.5"] = round(tp05 / max(1, int(np.sum(y == 0))), 4)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--errors", type=int, default=0, help="print the N worst out-of-fold rows of each class")
    a = ap.parse_args(argv)
    t0 = time.time()
    lexicon = ensure_lexicon()
    items = load_items()
    check_no_leak(items)
    rows = featurize(items, lexicon)
    y = np.array([it["event"] for it in items])
    origins = [it["origin"] for it in items]
    strata = [f"{o}:{it['event']}" for o, it in zip(origins, items)]
    print(f"{len(items)} sentences: {int(y.sum())} events, {int((1 - y).sum())} non-events; "
          f"parsed in {time.time() - t0:.1f}s", file=sys.stderr)
    cfg = dict(DEFAULT_CFG)
    if a.grid:
        best = None
        for c in (0.5, 1.0, 2.0, 4.0, 8.0):
            for cw in ("balanced", None):
                g = dict(cfg, C=c, class_weight=cw)
                res = report(oof_proba(rows, y, strata, g, a.folds), y, origins)
                print(f"cv {res} C={c} class_weight={cw}", file=sys.stderr, flush=True)
                if best is None or res["auc"] > best[0]:
                    best = (res["auc"], g)
        cfg = best[1]
    p = oof_proba(rows, y, strata, cfg, a.folds)
    res = report(p, y, origins)
    print(f"cv({a.folds}-fold) {res} cfg={cfg}")
    if a.errors:
        for label, order in ((0, np.argsort(-p)), (1, np.argsort(p))):
            shown = [i for i in order if y[i] == label][:a.errors]
            for i in shown:
                print(f"  {'NONE ' if label == 0 else 'EVENT'} p={p[i]:.2f} {items[i]['text'][:140]}")
    if a.cv_only:
        return 0
    vec, clf = fit(rows, y, cfg)
    meta = {"train_cfg": cfg, "cv": {"folds": a.folds, **res}, "n_events": int(y.sum()),
            "n_none": int((1 - y).sum()),
            "training_data": ["PLV_train.tsv (snowood1/Zero-Shot-PLOVER)",
                              "data/training/written_*.tsv and data/training/eventness/*.tsv "
                              "(written by the sanderling authors)"]}
    save_model(MODEL_PATH, vec, clf.coef_[0], float(clf.intercept_[0]), res["threshold"], meta)
    print(f"saved {MODEL_PATH.name} ({MODEL_PATH.stat().st_size / 1e6:.2f} MB) in {time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
