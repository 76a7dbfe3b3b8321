"""The records every stage speaks: plain dataclasses, serialised to the JSON output contract.

Why dataclasses and not pydantic: records are built in the hot path (thousands per second), and
validation happens once at the edges (ingest, CLI), so plain slots keep the core cheap.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any


def stable_id(*parts: Any, length: int = 16) -> str:
    """A deterministic id from its parts: the same input always gives the same id."""
    raw = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:length]


@dataclass(slots=True)
class Article:
    text: str
    title: str | None = None
    url: str | None = None
    source_name: str | None = None
    published: str | None = None  # YYYY-MM-DD
    origin: str | None = None  # file path or "file:line" it was read from
    published_from: str | None = None  # how `published` was found when no one gave it ("its dateline ...")
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id("article", self.text, self.url, length=16)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source_name": self.source_name,
            "published": self.published,
        }


@dataclass(slots=True)
class Actor:
    """Who: a country, an organisation, a group or a person, with sectors and role."""

    name: str
    country: str | None = None  # ISO alpha-3, or CAMEO's IGO / NGO / MNC
    sectors: list[str] = field(default_factory=list)  # PLOVER/CAMEO sector codes: GOV, MIL, ...
    role: str | None = None  # "Secretary of Defense"
    kind: str = "country"  # country | organization | person | group
    actor_id: str = ""
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char spans in the article
    role_start: str | None = None  # ISO date from which the role is known to hold
    role_end: str | None = None
    former: bool = False
    # The organisation an IGO/NGO actor is or acts for ("UNICEF"), where `country` is IGO/NGO.
    org: str | None = None

    def __post_init__(self) -> None:
        if not self.actor_id:
            parts = ["actor", self.kind, self.name if self.kind == "person" else None,
                     self.country, sorted(self.sectors) if self.kind != "person" else None]
            if self.org and self.kind != "person":
                parts.append(self.org)  # the UN and the EU are both IGO: the body tells them apart
            self.actor_id = stable_id(*parts)

    def to_dict(self) -> dict:
        return {
            "actor_id": self.actor_id,
            "name": self.name,
            "country": self.country,
            "sectors": list(self.sectors),
            "role": self.role,
            "kind": self.kind,
            "former": self.former,
            "org": self.org,
            "mentions": [list(m) for m in self.mentions],
        }

    def ref(self) -> dict:
        """The short shape embedded in events and statements."""
        return {"actor_id": self.actor_id, "name": self.name, "country": self.country,
                "sectors": list(self.sectors), "role": self.role, "org": self.org}


@dataclass(slots=True)
class Place:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": self.lat, "lon": self.lon}


@dataclass(slots=True)
class TimeValue:
    """A normalised time expression. `value` is YYYY-MM-DD, YYYY-MM or YYYY (precision = length),
    or a TIMEX-style duration such as P18M when `kind == "duration"`."""

    text: str
    value: str | None
    kind: str = "date"  # date | duration | range | set
    precision: str | None = None  # day | month | year | season
    approximate: bool = False
    start: int | None = None
    end: int | None = None
    range_start: str | None = None
    range_end: str | None = None


@dataclass(slots=True)
class Evidence:
    article_id: str
    sentence: int
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Event:
    event_type: str
    source: Actor | None
    target: Actor | None
    evidence: Evidence
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: str | None = None
    date_precision: str | None = None
    date_from_publication: bool = False
    # No time expression of its own: dated by the story's news date or the publication date.
    date_inferred: bool = False
    background: bool = False
    location: Place | None = None
    negated: bool = False
    predicate: str | None = None
    confidence: float = 0.5
    mentions: list[Evidence] = field(default_factory=list)
    id: str = ""

    def assign_id(self) -> None:
        self.id = stable_id("event", self.evidence.article_id, self.event_type,
                            self.source.actor_id if self.source else None,
                            self.target.actor_id if self.target else None,
                            self.date, self.evidence.start)

    def to_dict(self) -> dict:
        if not self.id:
            self.assign_id()
        return {
            "id": self.id,
            "event_type": self.event_type,
            "mode": self.mode,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": self.source.ref() if self.source else None,
            "target": self.target.ref() if self.target else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_from_publication": self.date_from_publication,
            "date_inferred": self.date_inferred,
            "background": self.background,
            "location": self.location.to_dict() if self.location else None,
            "predicate": self.predicate,
            "evidence": self.evidence.to_dict(),
            "mentions": [{"article_id": m.article_id, "sentence": m.sentence, "start": m.start, "end": m.end}
                         for m in (self.mentions or [self.evidence])],
            "confidence": round(self.confidence, 4),
        }


@dataclass(slots=True)
class Statement:
    speaker: Actor | None
    cue: str
    content: str
    direct: bool
    article_id: str
    start: int
    end: int
    via: str | None = None
    addressee: Actor | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    content_start: int | None = None
    content_end: int | None = None
    sentence: int | None = None
    id: str = ""

    def to_dict(self) -> dict:
        if not self.id:
            self.id = stable_id("statement", self.article_id, self.start, self.end,
                                self.content_start, self.content_end)
        return {
            "id": self.id,
            "speaker": self.speaker.ref() if self.speaker else None,
            "via": {"name": self.via} if self.via else None,
            "addressee": self.addressee.ref() if self.addressee else None,
            "cue": self.cue,
            "content": self.content,
            "direct": self.direct,
            "article_id": self.article_id,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "content_start": self.content_start,
            "content_end": self.content_end,
        }


@dataclass(slots=True)
class CodedArticle:
    """Everything sanderling extracted from one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "articles": [self.article.to_dict()],
            "events": [e.to_dict() for e in self.events],
            "statements": [s.to_dict() for s in self.statements],
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "claims": list(self.claims),
        }
