"""A fine-tuned all-MiniLM-L6-v2 event-type classifier, run with onnxruntime + tokenizers (no torch).

The sentence goes in with its source and target marked ("@ source @", "# target #"), the model
mean-pools its last layer and a linear layer gives one logit per PLV root type. It is trained by
`scripts/train_minilm.py` (torch, in a separate environment) on PLV_train only, exported to ONNX
and quantised to int8; the file ships as sanderling/data/models/minilm/event_minilm.int8.onnx
with its labels in event_minilm.json. `EventClassifier` mixes its probabilities with the linear
model's, with the weight chosen by cross-validation on PLV_train.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from .embeddings import load_tokenizer, padded_batches

MINILM_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "minilm"
ONNX_PATH = MINILM_DIR / "event_minilm.int8.onnx"
META_PATH = MINILM_DIR / "event_minilm.json"
MAX_LENGTH = 96


def _find(text: str, needle: str, avoid: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """First case-insensitive occurrence of needle in text that does not overlap `avoid`."""
    needle = (needle or "").strip()
    if not needle:
        return None
    low, nl = text.lower(), needle.lower()
    start = 0
    while True:
        i = low.find(nl, start)
        if i < 0:
            return None
        j = i + len(nl)
        if avoid is None or j <= avoid[0] or i >= avoid[1]:
            return i, j
        start = i + 1


def mark(text: str, source: str, target: str, source_span=None, target_span=None) -> str:
    """The text with the source wrapped in '@ .. @' and the target in '# .. #'. Spans (character
    offsets into text) win over the strings; an actor not found (or overlapping the other) is left
    unmarked."""
    s = tuple(source_span) if source_span is not None else _find(text, source)
    t = tuple(target_span) if target_span is not None else _find(text, target, avoid=s)
    if s is not None and t is not None and not (s[1] <= t[0] or t[1] <= s[0]):
        t = None
    inserts = []
    if s is not None:
        inserts += [(s[0], 0, "@ "), (s[1], 1, " @")]
    if t is not None:
        inserts += [(t[0], 0, "# "), (t[1], 1, " #")]
    out = text
    # right to left so earlier offsets stay valid; at one offset put the closing marker first
    for pos, _, piece in sorted(inserts, key=lambda x: (x[0], -x[1]), reverse=True):
        out = out[:pos] + piece + out[pos:]
    return out


class MiniLMEventClassifier:
    """Loads once; `proba(texts)` gives (n, n_labels) probabilities in `self.labels` order."""

    def __init__(self, onnx_path: str | Path = ONNX_PATH, meta_path: str | Path = META_PATH,
                 max_length: int = MAX_LENGTH, threads: int | None = None, batch_size: int = 32) -> None:
        self.onnx_path = Path(onnx_path)
        self.meta_path = Path(meta_path)
        self.max_length = max_length
        self.threads = threads
        self.batch_size = batch_size
        self.ready = False

    @staticmethod
    def available(onnx_path: str | Path = ONNX_PATH, meta_path: str | Path = META_PATH) -> bool:
        if not (Path(onnx_path).exists() and Path(meta_path).exists()):
            return False
        try:
            import onnxruntime  # noqa: F401
            import tokenizers  # noqa: F401
        except ImportError:
            return False
        return True

    def setup(self) -> "MiniLMEventClassifier":
        if self.ready:
            return self
        import onnxruntime as ort

        with open(self.meta_path, encoding="utf-8") as f:
            self.meta = json.load(f)
        self.labels = list(self.meta["labels"])
        self.tokenizer = load_tokenizer()
        self.tokenizer.enable_truncation(self.max_length)
        self.tokenizer.no_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads or min(2, os.cpu_count() or 1)
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(self.onnx_path), opts, providers=["CPUExecutionProvider"])
        self.ready = True
        return self

    def logits(self, texts: list[str]) -> np.ndarray:
        self.setup()
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch([t or "" for t in texts])
        for idx, ids, mask in padded_batches(encs, self.batch_size):
            out[idx] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return out

    def proba(self, texts: list[str]) -> np.ndarray:
        z = self.logits(texts).astype(np.float64)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def proba_items(self, items: list[dict]) -> np.ndarray:
        return self.proba([mark(str(it.get("text") or ""), str(it.get("source") or ""),
                                str(it.get("target") or ""), it.get("source_span"), it.get("target_span"))
                           for it in items])
