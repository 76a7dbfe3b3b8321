"""Eventness: is this (sentence, source, target) a real, reported event, or no event at all?

The type classifier has no "no event" class: whatever it is confident about becomes an event.
This binary logistic regression over the same sparse features (`classifier.analyse` +
`Vectorizer`, no MiniLM) gives the probability that a candidate is an event; `EventBuilder`
drops the classifier-typed candidates below `threshold`, the value chosen by 5-fold CV
(the one keeping 95% of the PLV_train events out of fold). Trained by `python scripts/train_eventness.py`
on PLV_train and data/training/written_*.tsv (events) and data/training/eventness/*.tsv
(comparisons, plans, opinions, descriptions, reports ... written by the sanderling authors).

    model = EventnessModel().setup()
    model.proba([{"doc": sentence_span, "text": ..., "source_span": (s, e), "target_span": (s, e)}])
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np

from .classifier import Vectorizer, analyse
from .features import MODEL_DIR, FeatureExtractor, Lexicon

MODEL_PATH = MODEL_DIR / "eventness.npz"
# the sentences for this model sit in a folder of their own: the type trainer reads
# data/training/*.tsv, and a NONE label there would become a class of the type classifier
TRAINING_DIR = MODEL_DIR.parent / "training" / "eventness"


# ---------------------------------------------------------------------------------------------
# the artefact: one .npz written with fixed zip timestamps, so a retrain gives the same bytes

def _lines(words: list[str]) -> np.ndarray:
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def _unlines(arr: np.ndarray) -> list[str]:
    text = arr.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def save_model(path: Path, vec: Vectorizer, coef: np.ndarray, intercept: float, threshold: float,
               meta: dict) -> None:
    st = vec.state()
    arrays = {
        "coef": np.asarray(coef, dtype=np.float16),
        "intercept": np.array([intercept], dtype=np.float32),
        "threshold": np.array([threshold], dtype=np.float32),
        "sent_idf": vec.sent_idf.astype(np.float32),
        "bag_idf": vec.bag_idf.astype(np.float32),
        "dict_vocab": _lines(st["dict_vocab"]),
        "sent_vocab": _lines(st["sent_vocab"]),
        "bag_vocab": _lines(st["bag_vocab"]),
        "meta": _lines([json.dumps({"vectorizer_cfg": st["cfg"], **meta}, sort_keys=True)]),
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, arrays[name], allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


def load_model(path: Path) -> tuple[Vectorizer, np.ndarray, float, float, dict]:
    with np.load(path, allow_pickle=False) as arr:
        meta = json.loads(_unlines(arr["meta"])[0])
        st = {"cfg": meta["vectorizer_cfg"], "dict_vocab": _unlines(arr["dict_vocab"]),
              "sent_vocab": _unlines(arr["sent_vocab"]), "bag_vocab": _unlines(arr["bag_vocab"])}
        vec = Vectorizer.from_state(st, arr["sent_idf"].astype(np.float64), arr["bag_idf"].astype(np.float64))
        return (vec, arr["coef"].astype(np.float64), float(arr["intercept"][0]),
                float(arr["threshold"][0]), meta)


# ---------------------------------------------------------------------------------------------
# the runtime

class EventnessModel:
    """Loads the shipped model once (`setup()`); `proba(items)` -> P(event) per item."""

    def __init__(self, model_path: str | Path = MODEL_PATH, extractor: FeatureExtractor | None = None,
                 nlp=None) -> None:
        self.model_path = Path(model_path)
        self.extractor = extractor
        self.nlp = nlp
        self.ready = False

    @staticmethod
    def available(model_path: str | Path = MODEL_PATH) -> bool:
        return Path(model_path).exists()

    def setup(self) -> "EventnessModel":
        if self.ready:
            return self
        self.vectorizer, self.coef, self.intercept, self.threshold, self.meta = load_model(self.model_path)
        if self.extractor is None:
            self.extractor = FeatureExtractor(Lexicon.load())
        self.ready = True
        return self

    def rows(self, items: list[dict]) -> list[dict]:
        out = []
        todo = [it for it in items if it.get("doc") is None]
        if todo and self.nlp is None:
            from .. import nlp as _nlp

            self.nlp = _nlp.load(("ner",))
        parsed = iter(self.nlp.pipe([str(it.get("text") or "") for it in todo])) if todo else iter(())
        for it in items:
            sent = it.get("doc") if it.get("doc") is not None else next(parsed)
            offset = sent.start_char if hasattr(sent, "start_char") else 0
            spans = [(int(s[0]), int(s[1])) if s is not None else None
                     for s in (it.get("source_span"), it.get("target_span"))]
            out.append(analyse(self.extractor, sent, sent.text, str(it.get("source") or ""),
                               str(it.get("target") or ""), offset, spans[0], spans[1]))
        return out

    def proba_rows(self, rows: list[dict]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        z = np.asarray(self.vectorizer.transform(rows) @ self.coef).ravel() + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def proba(self, items: list[dict]) -> np.ndarray:
        """Probability that each item is a real, reported event."""
        self.setup()
        return self.proba_rows(self.rows(items))

    def is_event(self, items: list[dict]) -> list[bool]:
        return [bool(p >= self.threshold) for p in self.proba(items)]
