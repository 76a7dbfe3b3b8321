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
from . import files
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


def _drain(stream, chunk: int = 1 << 16) -> None:
    while stream.read(chunk):
        pass


def read_warc(path: Path, published: str | None, source_name: str | None) -> Iterator[Article | IngestError]:
    """Pages of a WARC, a record at a time. A page the record limit cuts, a record warcio cannot
    parse, or a file cut short (its last record shorter than its Content-Length) is an error
    naming the record; what came before it is kept."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = files.MAX_RECORD_BYTES
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
        records = iter(ArchiveIterator(f))
        number = 0
        while True:
            number += 1
            try:
                record = next(records)
            except StopIteration:
                return
            except ArchiveLoadFailed as exc:
                detail = str(exc).splitlines()[0] if str(exc) else "unknown format"
                raise IngestError(f"{path}#{number}", f"not a readable WARC record ({detail[:200]}); "
                                                      "the rest of the file is not read") from None
            except Exception as exc:  # warcio fails in assorted ways on broken records
                raise IngestError(f"{path}#{number}", f"broken WARC record ({type(exc).__name__}); "
                                                      "the rest of the file is not read") from None
            try:
                yield from _page(record, path, number, limit, published, source_name)
                _drain(record.raw_stream)
            except IngestError as err:
                yield err
                continue
            except Exception as exc:  # a broken page never stops the file
                yield IngestError(f"{path}#{number}", f"broken WARC record ({type(exc).__name__}: {str(exc)[:200]})")
                continue
            if record.length is None:
                raise IngestError(f"{path}#{number}", "WARC record without a Content-Length; the rest of the file is not read")
            if getattr(record.raw_stream, "limit", 0):
                raise IngestError(f"{path}#{number}", "the file ends inside this record (truncated WARC): "
                                                      "the records before it are read, the rest is lost")


def _page(record, path: Path, number: int, limit: int, published, source_name) -> Iterator[Article | IngestError]:
    if record.rec_type != "response":
        return
    http = record.http_headers
    if http is None or not (http.get_statuscode() or "").startswith("2"):
        return
    content_type = http.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{path}#{number}" + (f" ({url})" if url else "")
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        yield IngestError(where, f"page larger than the {files.size_text(limit)} limit of one record: skipped")
        return
    if getattr(record.raw_stream, "limit", 0) and not record.raw_stream.read(1):
        raise IngestError(where, "the file ends inside this page (truncated WARC): the page and the rest are lost")
    if not payload.strip():
        yield IngestError(where, "empty page: nothing to code")
        return
    try:
        yield article_from_html(_decode(payload, content_type), where, published, source_name, url=url)
    except IngestError as err:
        yield err
    except Exception as exc:  # a broken page never stops the file
        yield IngestError(where, f"cannot extract the page ({type(exc).__name__}: {str(exc)[:200]})")
