"""JSON lines: one article object a line with `text` and optional `title`, `url`, `published`, `source_name`.

The file is read a line at a time, so a file larger than memory streams through; a line longer
than `files.MAX_RECORD_BYTES` is skipped without being held whole. Every field has its type
checked (a `title` that is a list is that line's error, not a title "[a, b]").
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..schema import Article
from . import files
from .dates import normalise_published
from .errors import IngestError
from .text import article_from_text, file_date

STRING_FIELDS = ("text", "title", "url", "published", "source_name")


def _lines(f, limit: int) -> Iterator[bytes | None]:
    """The file's lines; None for a line longer than `limit` (read past in chunks, never whole)."""
    while True:
        raw = f.readline(limit + 1)
        if not raw:
            return
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def read_jsonl(path: Path, published: str | None, source_name: str | None) -> Iterator[Article | IngestError]:
    where_file = str(path)
    limit = files.MAX_RECORD_BYTES
    reference = file_date(path)  # a dateline with no year is read against the file's date
    with open(path, "rb") as f:
        head = f.read(8192)
        if b"\x00" in head:
            raise IngestError(where_file, "binary file, not text: give a UTF-8 text, HTML or JSON-lines file")
        f.seek(0)
        seen_content = False
        for number, raw in enumerate(_lines(f, limit), start=1):
            where = f"{path}:{number}"
            if raw is None:
                seen_content = True
                yield IngestError(where, f"line longer than the {files.size_text(limit)} limit of one record: skipped")
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield IngestError(where, f"not UTF-8 (byte {exc.start}): convert it, e.g. `iconv -t UTF-8`")
                continue
            if not line.strip():
                continue
            seen_content = True
            try:
                yield from _record(line, where, published, source_name, reference)
            except IngestError as err:
                yield err
            except Exception as exc:  # whatever one line does, it is that line's error
                yield IngestError(where, f"cannot read this line ({type(exc).__name__})")
        if not seen_content:
            raise IngestError(where_file, "empty file: nothing to code")


def _record(line: str, where: str, published: str | None, source_name: str | None,
            reference=None) -> Iterator[Article | IngestError]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield IngestError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
        return
    except RecursionError:
        yield IngestError(where, "JSON nested too deeply: skipped")
        return
    if not isinstance(record, dict):
        yield IngestError(where, f"a JSON line must be an object with a 'text' field, got {type(record).__name__}")
        return
    body = record.get("text")
    if body is not None and not isinstance(body, str):
        yield IngestError(where, f"'text' must be a string, got {_kind(body)}")
        return
    if not isinstance(body, str) or not body.strip():
        yield IngestError(where, "no 'text' field (or it is empty)")
        return
    for name in STRING_FIELDS[1:]:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            yield IngestError(where, f"'{name}' must be a string, got {_kind(value)}")
            return
    date = normalise_published(published or record.get("published"), where)
    yield article_from_text(body, where, date, source_name or record.get("source_name") or None,
                            title=record.get("title"), url=record.get("url"), reference=reference)


def _kind(value) -> str:
    return {"list": "a list", "dict": "an object", "int": "a number", "float": "a number",
            "bool": "true/false"}.get(type(value).__name__, type(value).__name__)
