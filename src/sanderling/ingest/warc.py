"""WARC files of news pages (.warc, .warc.gz): every HTML response becomes an Article.

Each page goes through `article_from_html` (trafilatura main text, htmldate publication date),
with the record's WARC-Target-URI as its url. Records that are not successful HTML responses
(requests, metadata, redirects, images, robots.txt) are skipped silently; an HTML page without
article text is reported as an IngestError and the file goes on. Records are read one at a time,
so a WARC larger than memory streams through. The crawl date (WARC-Date) is not a publication
date and is never used as one.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..schema import Article
from .errors import IngestError
from .html import article_from_html

WARC_NAMES = (".warc", ".warc.gz")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_NAMES)


def _decode(payload: bytes, content_type: str) -> str:
    m = _CHARSET.search(content_type or "")
    if m:
        try:
            return payload.decode(m.group(1), errors="replace")
        except LookupError:
            pass
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("cp1252", errors="replace")


def read_warc(path: Path, published: str | None, source_name: str | None) -> Iterator[Article | IngestError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as f:
        head = f.read(64)
        if head.startswith(b"\x1f\x8b"):
            import gzip

            try:
                with gzip.open(path, "rb") as g:
                    head = g.read(8)
            except (OSError, EOFError):
                head = b""
        if not head.startswith(b"WARC/"):
            raise IngestError(str(path), "not a WARC file (it does not start with a WARC record)")
        f.seek(0)
        try:
            for number, record in enumerate(ArchiveIterator(f), start=1):
                if record.rec_type != "response":
                    continue
                http = record.http_headers
                if http is None or not (http.get_statuscode() or "").startswith("2"):
                    continue
                content_type = http.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}#{number}" + (f" ({url})" if url else "")
                payload = record.content_stream().read()
                if not payload.strip():
                    yield IngestError(where, "empty page: nothing to code")
                    continue
                try:
                    yield article_from_html(_decode(payload, content_type), where, published, source_name, url=url)
                except IngestError as err:
                    yield err
                except Exception as exc:  # a broken page never stops the file
                    yield IngestError(where, f"cannot extract the page ({type(exc).__name__}: {exc})")
        except ArchiveLoadFailed as exc:
            raise IngestError(str(path), f"not a readable WARC file ({str(exc).splitlines()[0] if str(exc) else 'unknown format'})") from None
