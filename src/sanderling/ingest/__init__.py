"""Readers: every input format yields Articles, and every problem yields an IngestError.

One bad file or line never stops the others: `read_inputs` yields errors in the stream and the
caller reports them, codes the rest, and exits non-zero when anything failed.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..schema import Article
from .errors import IngestError
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
    suffix = path.suffix.lower()
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


def _expand(paths: Iterable[Path]) -> Iterator[Path | IngestError]:
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if _readable(child):
                    yield child
        elif path.exists():
            yield path
        else:
            yield IngestError(str(path), "no such file or folder")


def read_inputs(paths: Iterable[Path], published: str | None = None,
                source_name: str | None = None) -> Iterator[Article | IngestError]:
    """Articles from files and folders (recursively), in a stable order."""
    for item in _expand(paths):
        if isinstance(item, IngestError):
            yield item
        else:
            yield from read_path(item, published, source_name)
