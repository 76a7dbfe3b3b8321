"""Datelines: "TOKYO, Nov 18 (Reuters) - ...", "UNITED NATIONS, Nov 17 —", "MANILA, Philippines --".

A dateline says where the story was filed (and often when); it is no sentence of the story. Read
as text, its place would become a speaker or a party ("TOKYO said ...", the UN as an actor) and
it would swallow the lead's subject. `find_dateline` finds it at the start of one of the first
lines; `mask` blanks it (same length, so every offset into the article stays right) before the
text is parsed, and the coder keeps the place as the story's place.

A regular expression, not a model: the format is a fixed convention of wire copy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_PATTERN = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"          # OSLO, UNITED NATIONS, ST. PETERSBURG
    r"(?:, (?P<region>[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}))??"  # , Philippines
    r"(?:,? (?P<when>" + _MONTH + r" \d{1,2}(?:, \d{4})?))?"             # , Nov 18
    r"(?: \((?P<agency>[A-Za-z][\w .&'-]{0,30})\))?"                    # (Reuters)
    r" ?(?:--|—|–|-|:) ?(?=\S)")


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int
    place: str  # as written, title-cased: "Oslo", "United Nations"
    region: str | None
    when: str | None  # "Nov 18": a date without a year
    agency: str | None


def find_dateline(text: str, lines: int = 3) -> Dateline | None:
    """The dateline at the start of one of the first `lines` non-empty lines, or None."""
    pos, seen = 0, 0
    while pos < len(text) and seen < lines:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        stripped = line.lstrip()
        if stripped:
            seen += 1
            m = _PATTERN.match(stripped)
            # A place in capitals ("OSLO"), not a sentence opening with an acronym ("NATO - ...").
            if m and (m.group("place").isupper() and len(m.group("place")) > 2) and (
                    m.group("when") or m.group("agency") or m.group("region") or " " in m.group("place")
                    or m.group(0).rstrip().endswith(("—", "--", "–"))
                    or (len(m.group("place")) >= 5 and stripped[m.end():m.end() + 1].isupper())):
                offset = pos + len(line) - len(stripped)
                return Dateline(offset, offset + m.end(), m.group("place").title(), m.group("region"),
                                m.group("when"), m.group("agency"))
        pos = end + 1
    return None


def mask(text: str, dateline: Dateline | None) -> str:
    """The text with the dateline blanked out by spaces: offsets are unchanged."""
    if dateline is None:
        return text
    return text[:dateline.start] + " " * (dateline.end - dateline.start) + text[dateline.end:]
