"""One-word-a-line tables from data/events/ (comment lines start with #)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    path = resources.files("sanderling") / "data" / "events" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
