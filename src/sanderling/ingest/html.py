"""HTML pages: main text via trafilatura, publication date via htmldate."""
from __future__ import annotations

from pathlib import Path

from ..schema import Article
from .errors import IngestError
from .files import read_limited
from .text import article_from_text, decode


def article_from_html(html: str, where: str, published: str | None, source_name: str | None,
                      url: str | None = None) -> Article:
    import trafilatura
    from htmldate import find_date

    extracted = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if extracted is None:
        raise IngestError(where, "no article text found in this HTML page")
    data = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = (data.get("text") or "").strip()
    if not body:
        raise IngestError(where, "no article text found in this HTML page")
    title = data.get("title")
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    if not published:
        published = data.get("date") or find_date(html, url=url, original_date=True)
    return article_from_text(body, where, published, source_name or data.get("sitename"),
                             title=title, url=url or data.get("url"))


def read_html(path: Path, published: str | None, source_name: str | None) -> Article:
    where = str(path)
    return article_from_html(decode(read_limited(path), where), where, published, source_name)
