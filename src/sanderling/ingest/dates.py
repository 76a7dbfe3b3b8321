from __future__ import annotations

from datetime import date, datetime

from .errors import IngestError


def normalise_published(value: object, where: str) -> str | None:
    """A publication date as YYYY-MM-DD, from ISO dates or datetimes; None when absent."""
    if value in (None, ""):
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        import dateparser

        parsed = dateparser.parse(text, settings={"DATE_ORDER": "YMD", "PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # dateparser raises assorted errors on junk
        parsed = None
    if parsed is None:
        raise IngestError(where, f"publication date {text!r} is not a date: use YYYY-MM-DD")
    return parsed.date().isoformat()
