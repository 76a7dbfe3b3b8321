"""Readers: every input format yields Articles, and every problem yields an IngestError.

One bad file or line never stops the others: `read_inputs` yields errors in the stream and the
caller reports them, codes the rest, and exits non-zero when anything failed.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
import os
from pathlib import Path

from ..schema import Article
from .errors import IngestError
from .files import check_path, is_archive
from .feeds import FEED_SUFFIXES, read_feed
from .html import read_html
from .jsonl import read_jsonl
from .parquet import read_parquet
from .text import read_text
from .warc import is_warc, read_warc

__all__ = ["IngestError", "read_inputs", "read_path"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
PARQUET_SUFFIXES = {".parquet"}


def _readable(path: Path) -> bool:
    suffix = path.suffix.lower()
    return (suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | PARQUET_SUFFIXES
            or is_warc(path))


def read_path(path: Path, published: str | None = None, source_name: str | None = None) -> Iterator[Article | IngestError]:
    """The articles of one file, and an IngestError for every part that cannot be read: nothing a
    reader raises gets past here, so one bad file (or record) never stops the others."""
    suffix = path.suffix.lower()
    problem = check_path(path)
    if problem is not None:
        yield problem
        return
    try:
        if is_warc(path):
            yield from read_warc(path, published, source_name)
        elif suffix in FEED_SUFFIXES:
            yield from read_feed(path, published, source_name)
        elif suffix in PARQUET_SUFFIXES:
            yield from read_parquet(path, published, source_name)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, published, source_name)
        elif suffix in HTML_SUFFIXES:
            yield read_html(path, published, source_name)
        else:
            yield read_text(path, published, source_name)
    except IngestError as err:
        yield err
    except OSError as exc:
        yield IngestError(str(path), f"cannot read: {exc.strerror or exc}")
    except RecursionError:
        yield IngestError(str(path), "nested too deeply to read")
    except Exception as exc:  # a reader's library failing on odd input: this file only
        yield IngestError(str(path), f"cannot read ({type(exc).__name__}: {_one_line(exc)})")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else "no detail")[:200]


def _walk(folder: Path, seen: set) -> Iterator[Path | IngestError]:
    """Files under `folder` in name order, following links to folders once (a loop is named)."""
    try:
        st = folder.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield IngestError(str(folder), "symbolic link loop (a folder inside itself): skipped")
            return
        seen.add(key)
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield IngestError(str(folder), f"cannot read this folder ({exc.strerror or exc}): skipped")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        problem = check_path(path)
        if problem is not None:  # links, FIFOs, devices, archives, unreadable: named, not passed over
            yield problem
            continue
        if path.is_dir():
            yield from _walk(path, seen)
        elif _readable(path):
            yield path


def _expand(paths: Iterable[Path]) -> Iterator[Path | IngestError]:
    for path in paths:
        problem = check_path(path)
        if problem is not None:
            yield problem
        elif path.is_dir():
            yield from _walk(path, set())
        else:
            yield path


def read_inputs(paths: Iterable[Path], published: str | None = None,
                source_name: str | None = None) -> Iterator[Article | IngestError]:
    """Articles from files and folders (recursively), in a stable order."""
    for item in _expand(paths):
        if isinstance(item, IngestError):
            yield item
        else:
            yield from read_path(item, published, source_name)
