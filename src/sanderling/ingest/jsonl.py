"""JSON lines: one article object a line with `text` and optional `title`, `url`, `published`, `source_name`."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..schema import Article
from .dates import normalise_published
from .errors import IngestError
from .text import article_from_text, decode


def read_jsonl(path: Path, published: str | None, source_name: str | None) -> Iterator[Article | IngestError]:
    text = decode(path.read_bytes(), str(path))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield IngestError(where, f"a JSON line must be an object with a 'text' field, got {type(record).__name__}")
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield IngestError(where, "no 'text' field (or it is empty)")
            continue
        try:
            date = normalise_published(published or record.get("published"), where)
            yield article_from_text(body, where, date, source_name or record.get("source_name"),
                                    title=record.get("title"), url=record.get("url"))
        except IngestError as err:
            yield err
