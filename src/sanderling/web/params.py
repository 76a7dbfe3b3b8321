"""Query parameters of the API, checked before any query runs: a bad one gets a 422 that names it
and says why (FastAPI reports the pydantic error with the parameter's location)."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator

from ..events.ontology import PLOVER_TYPES

TYPES = tuple(sorted(set(PLOVER_TYPES) | {"YIELD"}))  # YIELD: the 2021 name older data uses


def _type(value: str) -> str:
    up = value.strip().upper()
    if up not in TYPES:
        raise ValueError(f"{value!r} is no PLOVER event type; one of {', '.join(TYPES)}")
    return up


def _date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real one: the store's dates have these precisions."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(f"{value!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        raise ValueError(f"{value!r} is no such date") from None
    return value


def _country(value: str) -> str:
    up = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", up):
        raise ValueError(f"{value!r} is not a three-letter country code (ISO alpha-3, or IGO/NGO)")
    return up


def _dyad(value: str) -> tuple[str, str]:
    parts = [p for p in re.split(r"[,\-> ]+", value.strip()) if p]
    if len(parts) != 2:
        raise ValueError(f"{value!r} is not two country codes, e.g. USA,CHN")
    return _country(parts[0]), _country(parts[1])


EventType = Annotated[str | None, AfterValidator(lambda v: v and _type(v)),
                      Query(alias="type", description="PLOVER event type, e.g. CONSULT (any case).")]
Since = Annotated[str | None, AfterValidator(lambda v: v and _date(v)),
                  Query(description="Earliest date, YYYY[-MM[-DD]].")]
Until = Annotated[str | None, AfterValidator(lambda v: v and _date(v)),
                  Query(description="Latest date, YYYY[-MM[-DD]]; a shorter date covers its whole month or year.")]
Country = Annotated[str | None, AfterValidator(lambda v: v and _country(v)),
                    Query(description="ISO alpha-3 code of either side; IGO for intergovernmental bodies.")]
SourceCountry = Annotated[str | None, AfterValidator(lambda v: v and _country(v)), Query(description="Source's country.")]
TargetCountry = Annotated[str | None, AfterValidator(lambda v: v and _country(v)), Query(description="Target's country.")]
SpeakerCountry = Annotated[str | None, AfterValidator(lambda v: v and _country(v)),
                           Query(description="ISO alpha-3 code of the speaker's country.")]
Dyad = Annotated[str | None, AfterValidator(lambda v: v and _dyad(v)),
                 Query(description="Two countries, either direction: USA,CHN.")]
Quad = Annotated[int | None, Query(ge=1, le=4, description="CAMEO quad class: 1 verbal coop., 2 material coop., "
                                                           "3 verbal conflict, 4 material conflict.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page (1..1000).")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=200, description="Words the sentence contains (case-insensitive).")]
