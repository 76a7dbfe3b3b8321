"""Query parameters of the API, checked before any query runs: a bad one gets a 422 that names it
and says why (FastAPI reports the pydantic error with the parameter's location)."""
from __future__ import annotations

import re
from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator

from .. import validate
from ..events.ontology import PLOVER_TYPES

TYPES = tuple(sorted(set(PLOVER_TYPES) | {"YIELD"}))  # YIELD: the 2021 name older data uses


# The checks are the CLI's (sanderling/validate.py): one notion of a date, a country, a type.
def _type(value: str) -> str:
    validate.event_type(value, "type")
    return value.strip().upper()


def _date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real one: the store's dates have these precisions."""
    return validate.date_value(value, "date")


def _country(value: str) -> str:
    """ISO alpha-3 (any case) or IGO/NGO/MNC: an API client gets no note, so no names."""
    return validate.country(value, "country", names=False)


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
