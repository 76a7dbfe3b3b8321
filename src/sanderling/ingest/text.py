"""Plain-text articles: UTF-8, first line may be a headline, a trailing `Source: X` names the source."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..schema import Article
from . import files
from .dates import dateline_date
from .errors import IngestError

SOURCE_LINE = re.compile(r"\n[ \t]*Source:[ \t]*(?P<name>[^\n]{1,80}?)[ \t]*\n*\Z")


def decode(raw: bytes, where: str) -> str:
    if not raw.strip():
        raise IngestError(where, "empty file: nothing to code")
    if b"\x00" in raw[:8192]:
        raise IngestError(where, "binary file, not text: give a UTF-8 text, HTML or JSON-lines file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(where, f"not UTF-8 (byte {exc.start}): convert it, e.g. `iconv -t UTF-8`") from None


def source_line(text: str) -> tuple[int, str | None]:
    """Where the article's own text ends, and the source a trailing `Source: X` line names."""
    m = SOURCE_LINE.search(text)
    if not m:
        return len(text), None
    return m.start(), m.group("name").strip()


def article_from_text(text: str, where: str, published: str | None, source_name: str | None,
                      title: str | None = None, url: str | None = None,
                      reference: tuple[date, str] | None = None) -> Article:
    """An Article from its text. With no publication date given, a dateline's date is taken
    (`reference`: the day and its name, e.g. the file's date, that a dateline with no year is
    read against; today by default), and `published_from` says so."""
    if not text.strip():
        raise IngestError(where, "empty text: nothing to code")
    if len(text) > files.MAX_RECORD_BYTES:
        raise IngestError(where, f"text of {len(text):,} characters is over the limit of one article "
                                 f"({files.MAX_RECORD_BYTES:,}): skipped")
    for name, value in (("title", title), ("url", url), ("source_name", source_name)):
        if value is not None and not isinstance(value, str):
            raise IngestError(where, f"'{name}' must be a string, got {type(value).__name__}")
    _, named = source_line(text)
    if title is None:
        first = text.strip().split("\n", 1)[0].strip()
        title = first[:300] if first else None
    published_from = None
    if not published:
        day, name = reference or (date.today(), "today")
        found = dateline_date(text, day, name)
        if found is not None:
            published, published_from = found
    return Article(text=text, title=title, url=url, source_name=source_name or named,
                   published=published, origin=where, published_from=published_from)


def file_date(path: Path) -> tuple[date, str]:
    """The day a file was last written, the reference for a dateline with no year."""
    try:
        return date.fromtimestamp(path.stat().st_mtime), "the file's date"
    except (OSError, ValueError, OverflowError):
        return date.today(), "today"


def read_text(path: Path, published: str | None, source_name: str | None) -> Article:
    where = str(path)
    return article_from_text(decode(files.read_limited(path), where), where, published, source_name,
                             reference=file_date(path))
