"""RSS and Atom feeds saved to disk (.rss, .atom, .xml): every entry becomes an Article.

The entry's full content (content:encoded, Atom content) is used when the feed has it, else its
summary; HTML in it is turned into text with paragraph breaks kept. The headline is the first
line of the text, as for plain-text articles, so offsets index `Article.text` as stored.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from ..schema import Article
from .errors import IngestError
from .files import read_limited
from .text import article_from_text

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def html_to_text(value: str) -> str:
    """Text of an HTML fragment, one line per paragraph-like block."""
    if "<" not in value:
        return "\n".join(line.strip() for line in value.splitlines() if line.strip())
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except Exception:  # lxml raises ParserError on fragments it cannot read
        return value
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
        elif isinstance(el.tag, str) and el.tag.lower() in {"script", "style"}:
            el.text = ""
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def read_feed(path: Path, published: str | None, source_name: str | None) -> Iterator[Article | IngestError]:
    import feedparser

    raw = read_limited(path)  # a feed file is a page of entries, not a stream
    if not raw.strip():
        raise IngestError(str(path), "empty file: nothing to code")
    parsed = feedparser.parse(raw)
    if not parsed.entries:
        problem = "no entries: not an RSS or Atom feed"
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            problem += f" ({str(parsed.bozo_exception).splitlines()[0]})"
        raise IngestError(str(path), problem)
    feed_name = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        where = f"{path}#{number}" + (f" ({link})" if link else "")
        content = ""
        if entry.get("content"):
            content = max((c.get("value") or "" for c in entry.content), key=len)
        if len(content) < len(entry.get("summary") or ""):
            content = entry.summary
        body = html_to_text(content)
        title = html_to_text(entry.get("title") or "") or None
        if not body.strip():
            yield IngestError(where, "feed entry without text (no content or summary)")
            continue
        if title and not body.startswith(title):
            body = f"{title}\n{body}"
        try:
            yield article_from_text(body, where, published or _entry_date(entry), source_name or feed_name,
                                    title=title, url=link)
        except IngestError as err:
            yield err
