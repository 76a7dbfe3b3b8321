"""The event-type classifier: a sentence plus its source and target actor strings -> PLOVER type,
CAMEO code and confidence.

A linear model over (1) dependency-structure features of the predicate that links source and
target, (2) what the CAMEO verb-pattern dictionary says that predicate means, mapped to PLOVER,
(3) n-grams of the sentence with the actors masked, (4) word vectors of the predicates.
Trained by `python -m sanderling.events.train`; the weights ship in sanderling/data/models/.

    clf = EventClassifier(); clf.setup()
    clf.predict([{"text": ..., "source": ..., "target": ...}])
    -> [{"event_type": "ASSAULT", "cameo": "190", "confidence": 0.91}]
"""
from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path
from typing import IO

import numpy as np

from . import ontology
from .features import MODEL_DIR, FeatureExtractor, Lexicon, char_span, find_span, masked_text
from .minilm_classifier import MiniLMEventClassifier

MODEL_PATH = MODEL_DIR / "event_classifier.npz"
META_PATH = MODEL_DIR / "event_classifier.json.gz"  # gzip: the vocabularies compress 4:1

# YIELD (the PLV label) is split into today's CONCEDE / RETREAT by the CAMEO code or by the verb
RETREAT_WORDS = {"release", "free", "withdraw", "pull", "return", "ceasefire", "truce", "disarm",
                 "demobilize", "surrender", "lift", "ease", "evacuate", "retreat", "hand", "allow",
                 "permit", "let", "pardon"}


# ---------------------------------------------------------------------------------------------
# vectorising: the same code for training and for the runtime

class Vectorizer:
    """Feature dicts + two texts + word vectors -> one sparse matrix. Fit once on training data;
    saved as plain arrays (vocabularies, idf) so the artefact does not depend on pickle."""

    def __init__(self, cfg: dict | None = None) -> None:
        self.cfg = {"ngram": 2, "w_dict": 1.0, "w_sent": 1.0, "w_bag": 1.0, "w_vec": 0.5, "min_df": 1}
        self.cfg.update(cfg or {})
        self.dict_vocab: dict[str, int] = {}
        self.sent_vocab: dict[str, int] = {}
        self.sent_idf = np.zeros(0)
        self.bag_vocab: dict[str, int] = {}
        self.bag_idf = np.zeros(0)

    # -- text analysers (deterministic, no sklearn state needed at run time)
    @staticmethod
    def _sent_tokens(text: str, n: int) -> list[str]:
        import re

        words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
        out = list(words)
        for k in range(2, n + 1):
            out.extend(" ".join(words[i:i + k]) for i in range(len(words) - k + 1))
        return out

    @staticmethod
    def _bag_tokens(text: str) -> list[str]:
        return text.split()

    @staticmethod
    def _fit_idf(docs: list[list[str]], min_df: int) -> tuple[dict[str, int], np.ndarray]:
        df: dict[str, int] = {}
        for d in docs:
            for t in set(d):
                df[t] = df.get(t, 0) + 1
        terms = sorted(t for t, c in df.items() if c >= min_df)
        vocab = {t: i for i, t in enumerate(terms)}
        n = len(docs)
        idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float64)
        return vocab, idf

    def fit(self, rows: list[dict]) -> "Vectorizer":
        keys = sorted({k for r in rows for k in r["feats"]})
        self.dict_vocab = {k: i for i, k in enumerate(keys)}
        self.sent_vocab, self.sent_idf = self._fit_idf(
            [self._sent_tokens(r["masked"], self.cfg["ngram"]) for r in rows], self.cfg["min_df"])
        self.bag_vocab, self.bag_idf = self._fit_idf([self._bag_tokens(r["bag"]) for r in rows], 1)
        return self

    def _tfidf(self, docs, vocab, idf):
        from scipy import sparse

        indptr, indices, data = [0], [], []
        for d in docs:
            counts: dict[int, int] = {}
            for t in d:
                j = vocab.get(t)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            cols = sorted(counts)
            vals = np.array([(1 + np.log(counts[j])) * idf[j] for j in cols], dtype=np.float64)
            nrm = np.linalg.norm(vals)
            if nrm > 0:
                vals /= nrm
            indices.extend(cols)
            data.extend(vals.tolist())
            indptr.append(len(indices))
        return sparse.csr_matrix((data, indices, indptr), shape=(len(docs), len(vocab)))

    def transform(self, rows: list[dict]):
        from scipy import sparse

        indptr, indices, data = [0], [], []
        for r in rows:
            items = sorted((self.dict_vocab[k], v) for k, v in r["feats"].items() if k in self.dict_vocab)
            indices.extend(j for j, _ in items)
            data.extend(float(v) for _, v in items)
            indptr.append(len(indices))
        d = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(self.dict_vocab)))
        s = self._tfidf([self._sent_tokens(r["masked"], self.cfg["ngram"]) for r in rows],
                        self.sent_vocab, self.sent_idf)
        b = self._tfidf([self._bag_tokens(r["bag"]) for r in rows], self.bag_vocab, self.bag_idf)
        parts = [d * self.cfg["w_dict"], s * self.cfg["w_sent"], b * self.cfg["w_bag"]]
        if self.cfg["w_vec"] > 0:
            v = np.vstack([r["vec"] for r in rows]) if rows else np.zeros((0, 600))
            parts.append(sparse.csr_matrix(v * self.cfg["w_vec"]))
        return sparse.hstack(parts, format="csr")

    def state(self) -> dict:
        return {"cfg": self.cfg, "dict_vocab": sorted(self.dict_vocab, key=self.dict_vocab.get),
                "sent_vocab": sorted(self.sent_vocab, key=self.sent_vocab.get),
                "bag_vocab": sorted(self.bag_vocab, key=self.bag_vocab.get)}

    @classmethod
    def from_state(cls, st: dict, sent_idf: np.ndarray, bag_idf: np.ndarray) -> "Vectorizer":
        v = cls(st["cfg"])
        v.dict_vocab = {k: i for i, k in enumerate(st["dict_vocab"])}
        v.sent_vocab = {k: i for i, k in enumerate(st["sent_vocab"])}
        v.bag_vocab = {k: i for i, k in enumerate(st["bag_vocab"])}
        v.sent_idf, v.bag_idf = sent_idf, bag_idf
        return v


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def analyse(extractor: FeatureExtractor, sent, text: str, source: str, target: str,
            offset: int = 0, source_span=None, target_span=None) -> dict:
    """One item -> the row the Vectorizer reads: feats, masked, bag, vec, cameo guess."""
    src = char_span(sent, *source_span) if source_span else find_span(sent, text, source, offset)
    avoid = (src.start_char - offset, src.end_char - offset) if src is not None else None
    tgt = char_span(sent, *target_span) if target_span else find_span(sent, text, target, offset, avoid=avoid)
    feats, bag, code = extractor.features(sent, src, tgt)
    masked = masked_text(text,
                         (src.start_char - offset, src.end_char - offset) if src is not None else None,
                         (tgt.start_char - offset, tgt.end_char - offset) if tgt is not None else None)
    from .features import structure

    st = structure(sent, src, tgt)
    p0 = st.preds[0] if st.preds else st.lca
    v0 = _unit(p0.vector) if p0.has_vector else np.zeros(300, dtype=np.float32)
    vl = _unit(st.lca.vector) if st.lca.has_vector else np.zeros(300, dtype=np.float32)
    return {"feats": feats, "masked": masked, "bag": bag, "cameo": code,
            "vec": np.concatenate([v0, vl]).astype(np.float32), "p0": p0.lemma_.lower()}


class EventClassifier:
    """Loads the shipped model once (`setup()`), then classifies batches (`predict`)."""

    def __init__(self, model_path: str | Path = MODEL_PATH, meta_path: str | Path = META_PATH,
                 nlp=None, minilm: bool | None = None, minilm_threads: int = 2) -> None:
        """`minilm`: mix in the fine-tuned MiniLM (True), never (False), or when its ONNX file and
        onnxruntime are there and $SANDERLING_NO_MINILM is unset (None, the default).
        `minilm_threads`: onnxruntime's intra-op threads (it runs after the parser, on the sentences
        the linear model is unsure of, so it may use both cores of a small machine)."""
        self.model_path = Path(model_path)
        self.meta_path = Path(meta_path)
        self.nlp = nlp
        self.nlp_exclude: tuple[str, ...] | None = None  # how our own pipeline was loaded (workers load the same)
        self.use_minilm = minilm
        self.minilm = None
        self.minilm_threads = minilm_threads
        self.minilm_weight = 0.0
        self.minilm_skip_above = 1.01
        self.ready = False

    def setup(self) -> "EventClassifier":
        if self.ready:
            return self
        if self.nlp is None:
            from .. import nlp as _nlp

            self.nlp_exclude = ("ner",)
            self.nlp = _nlp.load(self.nlp_exclude)
        with gzip.open(self.meta_path, "rt", encoding="utf-8") as f:
            meta = json.load(f)
        arr = np.load(self.model_path)
        self.labels = list(meta["labels"])
        self.vectorizer = Vectorizer.from_state(meta["vectorizer"], arr["sent_idf"].astype(np.float64),
                                               arr["bag_idf"].astype(np.float64))
        self.coef = arr["coef"].astype(np.float64)
        self.intercept = arr["intercept"].astype(np.float64)
        self.extractor = FeatureExtractor(Lexicon.load())
        use = self.use_minilm
        if use is None:
            use = not os.environ.get("SANDERLING_NO_MINILM") and MiniLMEventClassifier.available()
        if use:
            self.minilm = MiniLMEventClassifier(threads=self.minilm_threads).setup()
            # the MiniLM's weight and the cascade threshold, chosen by joint CV (scripts/train_minilm.py)
            ensemble = self.minilm.meta.get("ensemble", {})
            self.minilm_weight = float(ensemble.get("weight", 0.5))
            self.minilm_skip_above = float(ensemble.get("skip_above", 1.01))
            self._minilm_cols = [self.minilm.labels.index(lab) for lab in self.labels]
        self.ready = True
        return self

    # -- the batch method
    def rows(self, items: list[dict]) -> list[dict]:
        """Parse what needs parsing (in one nlp.pipe) and analyse every item."""
        todo = [i for i, it in enumerate(items) if it.get("doc") is None]
        docs: dict[int, object] = {}
        if todo:
            texts = [str(items[i].get("text") or "") for i in todo]
            for i, d in zip(todo, self.nlp.pipe(texts, batch_size=256)):
                docs[i] = d
        out = []
        for i, it in enumerate(items):
            sent = it.get("doc") if it.get("doc") is not None else docs[i]
            text = sent.text
            offset = sent.start_char if hasattr(sent, "start_char") else 0
            sspan, tspan = it.get("source_span"), it.get("target_span")
            if sspan is not None:
                sspan = (int(sspan[0]), int(sspan[1]))
            if tspan is not None:
                tspan = (int(tspan[0]), int(tspan[1]))
            out.append(analyse(self.extractor, sent, text, str(it.get("source") or ""),
                               str(it.get("target") or ""), offset, sspan, tspan))
        return out

    def proba(self, rows: list[dict]) -> np.ndarray:
        x = self.vectorizer.transform(rows)
        z = x @ self.coef.T + self.intercept
        z = np.asarray(z)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def minilm_proba(self, items: list[dict]) -> np.ndarray:
        """The MiniLM's probabilities, columns in `self.labels` order."""
        return self.minilm.proba_items(items)[:, self._minilm_cols]

    def predict(self, items: list[dict], minilm: bool = True) -> list[dict]:
        """Types and confidences; `minilm=False` uses the linear model alone (for items whose
        type is already decided and only the confidence is wanted: a tenth of the time)."""
        self.setup()
        if not items:
            return []
        rows = self.rows(items)
        probs = self.proba(rows)
        if minilm and self.minilm is not None and self.minilm_weight > 0:
            # a cascade: where the linear model is already sure (max probability at or above
            # `skip_above`, chosen by CV) the transformer would not change the answer, so it runs
            # on the rest only; that is most of the speed of the linear model alone
            unsure = np.flatnonzero(probs.max(axis=1) < self.minilm_skip_above)
            if len(unsure):
                w = self.minilm_weight
                probs[unsure] = (1.0 - w) * probs[unsure] + w * self.minilm_proba([items[i] for i in unsure])
        out = []
        for r, p in zip(rows, probs):
            k = int(np.argmax(p))
            label = self.labels[k]
            code = r["cameo"]
            if label == "YIELD":
                label = self._split_yield(code, r["p0"])
            if not code or ontology.root_type(ontology.plover_for_cameo(code)) != ontology.root_type(label):
                code = ontology.default_cameo(label)
            out.append({"event_type": label, "cameo": code, "confidence": round(float(p[k]), 4)})
        return out

    @staticmethod
    def _split_yield(code: str | None, lemma: str) -> str:
        t = ontology.plover_for_cameo(code) if code else None
        if t in ("CONCEDE", "RETREAT"):
            return t
        return "RETREAT" if lemma in RETREAT_WORDS else "CONCEDE"


# ---------------------------------------------------------------------------------------------
# JSON lines in, JSON lines out

# Below this many sentences, starting parser processes (each loads the model) costs more than it
# saves (measured: 1,200 short lines 8.5 s in one process, 9.6 s in two).
MIN_ITEMS_TO_FORK = 2000
# One sentence to classify is at most this long: a longer text is classified on its first
# MAX_CHARS characters (with a line saying so), so that no text reaches spaCy's max_length in a
# parser process.
MAX_CHARS = 100_000


def default_n_process() -> int:
    """Parser processes for long inputs: both cores of a small machine (the parse is most of the
    time, and spaCy's parser runs on one core per process)."""
    return min(2, os.cpu_count() or 1)


def classify_jsonl(in_stream: IO[str], out_stream: IO[str], batch_size: int = 256,
                   classifier: EventClassifier | None = None, err_stream: IO[str] | None = None,
                   progress: bool | None = None, n_process: int = 1, max_chars: int | None = None,
                   parser_timeout_s: float = 600.0) -> int:
    """Read {"id", "text", "source", "target"} lines (optionally "source_span"/"target_span"
    character offsets), write them back in input order with "event_type", "cameo" and
    "confidence" added. A bad line gets a one-line error on stderr (its line number and the
    problem) and is left out; the run goes on. Returns the number of bad lines.

    A progress bar (tqdm, on stderr) shows when stderr is a terminal and the input is long.
    `n_process` > 1 parses a long input in that many spawned processes (`parallel_parse`; they
    start once per run); the output is the same. Should they fail or hang (`parser_timeout_s`
    for one chunk), a line says so and the rest is parsed in this process."""
    err = err_stream or sys.stderr
    clf = classifier or EventClassifier()
    clf.setup()
    cap = min(max_chars or MAX_CHARS, int(getattr(clf.nlp, "max_length", MAX_CHARS) or MAX_CHARS) - 1)
    lines = in_stream.readlines()
    if progress is None:
        progress = len(lines) >= 1000 and hasattr(err, "isatty") and err.isatty()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(lines), unit="line", file=err, desc="classify", leave=False)
    bad = 0
    batch: list[tuple[int, dict, dict]] = []
    valid: list[tuple[int, dict, dict]] = []

    def flush() -> None:
        nonlocal bad
        if not batch:
            return
        try:
            preds = clf.predict([it for _, _, it in batch])
        except Exception:  # one odd item must not sink the batch: retry one by one
            preds = []
            for n, _, it in batch:
                try:
                    preds.extend(clf.predict([it]))
                except Exception as exc:
                    print(f"line {n}: classifier failed ({type(exc).__name__}: {exc}); skipped", file=err)
                    preds.append(None)
        for (_, obj, _), pred in zip(batch, preds):
            if pred is None:
                bad += 1
                continue
            obj.update(pred)
            out_stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
        if bar is not None:
            bar.update(len(batch))
        for _, _, it in batch:
            it.pop("doc", None)  # a parsed batch is let go once written
        batch.clear()

    for n, line in enumerate(lines, 1):
        if isinstance(line, bytes):  # a binary stream (stdin): a line that is not UTF-8 is its own error
            try:
                line = line.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                print(f"line {n}: not UTF-8 (byte {exc.start}); skipped", file=err)
                bad += 1
                continue
        if not line.strip():
            continue
        problem = None
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            obj, problem = None, f"not valid JSON ({exc.msg} at column {exc.colno})"
        if problem is None and not isinstance(obj, dict):
            problem = f"expected a JSON object, got {type(obj).__name__}"
        if problem is None and (not isinstance(obj.get("text"), str) or not obj["text"].strip()):
            problem = 'missing or empty "text"'
        if problem is None:
            for k in ("source", "target"):
                if obj.get(k) is not None and not isinstance(obj[k], str):
                    problem = f'"{k}" must be a string'
            for k in ("source_span", "target_span"):
                v = obj.get(k)
                if v is not None and not (isinstance(v, (list, tuple)) and len(v) == 2
                                          and all(isinstance(x, int) for x in v)):
                    problem = f'"{k}" must be [start, end] character offsets'
        if problem:
            print(f"line {n}: {problem}; skipped", file=err)
            bad += 1
            if bar is not None:
                bar.update(1)
            continue
        item = {"text": obj["text"], "source": obj.get("source") or "", "target": obj.get("target") or ""}
        if len(item["text"]) > cap:
            print(f"line {n}: text of {len(item['text']):,} characters is longer than a sentence; "
                  f"classified on its first {cap:,}", file=err)
            item["text"] = item["text"][:cap]
        for k in ("source_span", "target_span"):
            if obj.get(k) is not None:
                item[k] = obj[k]
        valid.append((n, obj, item))
    parsed = None
    if n_process > 1 and len(valid) >= MIN_ITEMS_TO_FORK and clf.nlp_exclude is not None:
        from ..parallel_parse import parse_in_processes

        parsed = parse_in_processes((it["text"] for _, _, it in valid), clf.nlp.vocab, clf.nlp_exclude,
                                    n_process, timeout_s=parser_timeout_s)
    for n, obj, item in valid:
        if parsed is not None:
            try:
                item["doc"] = next(parsed)
            except Exception as exc:  # ParserPoolFailed: the rest is parsed in this process
                print(f"line {n}: parser processes failed ({exc}); going on in one process", file=err)
                parsed.close()
                parsed = None
        batch.append((n, obj, item))
        if len(batch) >= batch_size:
            flush()
    flush()
    if bar is not None:
        bar.close()
    out_stream.flush()
    return bad


def main(argv: list[str] | None = None) -> int:
    """`python -m sanderling.events.classifier < in.jsonl > out.jsonl` (until the CLI wires it)."""
    return 1 if classify_jsonl(sys.stdin, sys.stdout) else 0


if __name__ == "__main__":
    sys.exit(main())
