"""JSON lines: one article object a line with `text` and optional `title`, `url`, `published`, `source_name`.

The file is read a line at a time, so a file larger than memory streams through.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..schema import Article
from .dates import normalise_published
from .errors import IngestError
from .text import article_from_text


def read_jsonl(path: Path, published: str | None, source_name: str | None) -> Iterator[Article | IngestError]:
    where_file = str(path)
    with open(path, "rb") as f:
        head = f.read(8192)
        if b"\x00" in head:
            raise IngestError(where_file, "binary file, not text: give a UTF-8 text, HTML or JSON-lines file")
        f.seek(0)
        seen_content = False
        for number, raw in enumerate(f, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield IngestError(where, f"not UTF-8 (byte {exc.start}): convert it, e.g. `iconv -t UTF-8`")
                continue
            if not line.strip():
                continue
            seen_content = True
            yield from _record(line, where, published, source_name)
        if not seen_content:
            raise IngestError(where_file, "empty file: nothing to code")


def _record(line: str, where: str, published: str | None, source_name: str | None) -> Iterator[Article | IngestError]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield IngestError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
        return
    if not isinstance(record, dict):
        yield IngestError(where, f"a JSON line must be an object with a 'text' field, got {type(record).__name__}")
        return
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        yield IngestError(where, "no 'text' field (or it is empty)")
        return
    try:
        date = normalise_published(published or record.get("published"), where)
        yield article_from_text(body, where, date, source_name or record.get("source_name"),
                                title=record.get("title"), url=record.get("url"))
    except IngestError as err:
        yield err
