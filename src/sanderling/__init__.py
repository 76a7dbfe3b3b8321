"""sanderling: political event data from news text, with the sentence behind every record.

Public names are loaded lazily so that `sanderling --help` does not import spaCy.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "Coder": "pipeline", "code_text": "pipeline",
    "Actor": "schema", "Article": "schema", "CodedArticle": "schema", "Event": "schema",
    "Place": "schema", "Statement": "schema", "TimeValue": "schema",
    "Store": "store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'sanderling' has no attribute {name!r}")
