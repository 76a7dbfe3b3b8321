"""One-word-a-line tables from data/events/ (comment lines start with #)."""
from __future__ import annotations

from functools import lru_cache

from ..data_tables import data_lines


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    return frozenset(line.strip() for line in data_lines(f"events/{name}"))
