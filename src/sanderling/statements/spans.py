"""Character spans: quotation marks, subtrees, trimming."""
from __future__ import annotations

import re
from typing import Iterable

# Quote marks: pairs of (open, close) characters. ’ is also an apostrophe, handled in _find_quotes.
_DOUBLE_PAIRS = {"“": "”", "„": "“", "«": "»", "\"": "\""}
# a straight mark closed by a curly one, or the other way round ("Yes,” he said): sloppy typing,
# still one quotation
_MIXED = {"\"": ("”",), "“": ("\"",)}

_TRIM = set(" \t\n\r\xa0,;:-–—")
_QUOTE_CHARS = set("“”‘’\"'«»„`")


def _trim(text: str, start: int, end: int, chars=_TRIM) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _subtree_span(tok, exclude: Iterable = ()) -> tuple[int, int]:
    """Character span of tok's subtree, leaving out the subtrees rooted at `exclude` when they
    sit at its edges."""
    ex = set()
    for e in exclude:
        ex.update(t.i for t in e.subtree)
    toks = [t for t in tok.subtree if t.i not in ex]
    # keep the contiguous run around tok
    idx = [t.i for t in toks]
    lo = hi = tok.i
    s = set(idx)
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    doc = tok.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _find_quotes(text: str) -> list[tuple[int, int]]:
    """Quoted regions [open mark, close mark] inclusive-exclusive, outermost only, never crossing a
    paragraph break (a blank line)."""
    out: list[tuple[int, int]] = []
    n = len(text)
    i = n - len(text.lstrip(" "))  # a long text's later pieces start with a blank (pipeline.pieces)
    while i < n:
        ch = text[i]
        close = None
        if ch in _DOUBLE_PAIRS:
            if ch == "\"" and i + 1 < n and text[i + 1].isspace() and (i == 0 or not text[i - 1].isspace()):
                i += 1
                continue
            close = _DOUBLE_PAIRS[ch]
        elif ch == "‘" or (ch == "'" and (i == 0 or not text[i - 1].isalnum())) or \
                (ch == "`" and text[i:i + 2] == "``"):
            close = {"‘": "’", "'": "'", "`": "''"}[ch]
        if close is None:
            i += 1
            continue
        j = i + (2 if ch == "`" else 1)
        if ch == "'" and text[i:i + 2] == "''":
            j = i + 2
            close = "''"
        found = -1
        while j < n:
            if text.startswith("\n\n", j) or (text[j] == "\n" and ch in "‘'"):
                break
            mark = next((c for c in (close,) + _MIXED.get(ch, ()) if text.startswith(c, j)), None)
            if mark is not None:
                close = mark
                # a single closing mark must not be an apostrophe inside a word (China’s)
                if len(close) == 1 and close in "’'" and j + 1 < n and text[j + 1].isalpha():
                    j += 1
                    continue
                if close == "\"" and j == i + 1:
                    break
                found = j + len(close)
                break
            j += 1
        if found > 0:
            out.append((i, found))
            i = found
        else:
            i += 1
    return out


_APOSTROPHE = re.compile(r"(?<=\w)[’`](?=\w)")


def _plain_apostrophes(text: str) -> str:
    """Statement.content is for reading and searching: a typographic apostrophe inside a word
    (China’s) becomes a plain one. The offsets still give the verbatim span."""
    return _APOSTROPHE.sub("'", text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))

