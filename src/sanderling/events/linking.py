"""Story linking across articles: which reports are one real event.

A *report* is one article's event (with its own mentions, merged within the article by
events/build.py). Reports of one real event become one event of the store when they have

- the same type, or types close enough that two reports may code one event either way
  (data/events/close_types.tsv: one group per line, in one CAMEO quad class);
- the same parties: the same country on each side (the same body for IGO/NGO/MNC; either order
  for what two do together: meet, cooperate, agree), and not two different people on one side;
- dates that overlap, precision-aware: "2024-04" overlaps each of its days, "2024" its months.
  A report dated only by its publication (no time of its own) may tell the day before: its
  window is that day and the one before;
- no two different third-country places (talks in Geneva and talks in Doha are two).

A report never joins another report of its own article (the article told two events).

Clustering is canonical: the same set of reports gives the same events whatever order they
came in. Reports of different `group_key`s never link (the key holds the type group, the
parties' countries and the year, and every window lies inside one year), so a group is
re-clustered whole whenever a report joins or leaves it; in a group, reports are taken finest
date first, and each joins the first event whose common window it overlaps and whose parties and
place agree (so a "2023" report joins one of the 2023 events, not all of them into one). The
event's id is the smallest id of its reports: it stays as reports join unless a smaller one
comes, and the store records the old id as an alias.

Pure: no I/O; the store (store.py) feeds it rows and writes what it decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..data_tables import read_rows
from . import ontology

# What two parties do together: either may be the source.
JOINT_TYPES = {"CONSULT", "COOPERATE", "AGREE"}
PRECISION_RANK = {"day": 0, "span": 1, "month": 1, "season": 2, "year": 3}
NON_STATE = {"IGO", "NGO", "MNC"}


@lru_cache(maxsize=1)
def close_groups() -> dict[str, str]:
    """Type -> the name of its group of close types (itself when it has none)."""
    out: dict[str, str] = {}
    for row in read_rows("events/close_types.tsv"):
        types = [t.strip().upper() for t in row if t.strip()]
        quads = {ontology.quad_class(t) for t in types}
        if len(quads) != 1:
            raise ValueError(f"close_types.tsv: {types} span quad classes {quads}")
        for t in types:
            out[t] = "+".join(types)
    return out


def type_group(event_type: str | None) -> str:
    t = (event_type or "").upper()
    return close_groups().get(t, t)


@dataclass(frozen=True, slots=True)
class Side:
    actor_id: str
    country: str | None
    person: bool
    org: str | None = None  # the body an IGO/NGO/MNC actor is or acts for ("UNO", "G7")

    @property
    def key(self) -> str:
        """What makes two sides one party: the country; for CAMEO's IGO/NGO/MNC, the body (the
        UN is not the G7); with neither, the actor."""
        if self.country in NON_STATE:
            return f"{self.country}:{self.org}" if self.org else self.actor_id
        return self.country or self.actor_id


@dataclass(slots=True)
class Report:
    """What linking reads of one article's event."""

    id: str
    article_id: str
    event_type: str
    source: Side | None
    target: Side | None
    date: str | None
    date_precision: str | None = None
    from_publication: bool = False  # no time of its own: dated by the publication
    location_country: str | None = None

    @property
    def window(self) -> tuple[date, date] | None:
        return window(self.date, self.from_publication)

    @property
    def group_key(self) -> str | None:
        """Reports that may link share this key; None: a report that links with none (no date)."""
        span = self.window
        if span is None:
            return None
        sides = sorted(s.key for s in (self.source, self.target) if s is not None)
        return f"{type_group(self.event_type)}|{'|'.join(sides)}|{span[1].year}"


def window(value: str | None, inferred: bool = False) -> tuple[date, date] | None:
    """The days a date may mean: '2024-04-16' one day, '2024-04' its month, '2024' its year; a
    date from the publication also the day before (within its year)."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return date(y, 1, 1), date(y, 12, 31)
        m = int(parts[1])
        if len(parts) == 2:
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return date(y, m, 1), nxt - timedelta(days=1)
        d = date(y, m, int(parts[2]))
    except (ValueError, IndexError):
        return None
    if inferred and (d.month, d.day) != (1, 1):
        return d - timedelta(days=1), d
    return d, d


def report_of(event, article_id: str | None = None) -> Report:
    """The Report of a schema.Event."""
    def side(actor):
        return None if actor is None else Side(actor.actor_id, actor.country, actor.kind == "person", actor.org)

    if not event.id:
        event.assign_id()
    return Report(id=event.id, article_id=article_id or event.evidence.article_id, event_type=event.event_type,
                  source=side(event.source), target=side(event.target), date=event.date,
                  date_precision=event.date_precision, from_publication=event.date_from_publication,
                  location_country=event.location.country if event.location else None)


@dataclass(slots=True)
class Story:
    """One real event: its reports and what they agree on."""

    reports: list[Report] = field(default_factory=list)
    lo: date | None = None
    hi: date | None = None
    people: dict[str, str] = field(default_factory=dict)  # side country -> the person seen on it
    place: str | None = None
    articles: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return min(r.id for r in self.reports)

    def add(self, r: Report) -> None:
        lo, hi = r.window
        self.lo, self.hi = (lo, hi) if not self.reports else (max(self.lo, lo), min(self.hi, hi))
        self.reports.append(r)
        self.articles.add(r.article_id)
        for s in (r.source, r.target):
            if s is not None and s.person:
                self.people.setdefault(s.key, s.actor_id)
        if r.location_country and not self.place and r.location_country not in _countries(r):
            self.place = r.location_country


def _countries(r: Report) -> set:
    return {s.country for s in (r.source, r.target) if s is not None and s.country}


def _sides_fit(a: Report, b: Report) -> bool:
    if (a.source and a.source.key, a.target and a.target.key) == (b.source and b.source.key, b.target and b.target.key):
        return True
    joint = a.event_type in JOINT_TYPES and b.event_type in JOINT_TYPES
    return joint and (a.source and a.source.key, a.target and a.target.key) == (b.target and b.target.key,
                                                                                b.source and b.source.key)


def fits(story: Story, r: Report) -> bool:
    """May report `r` join `story`?"""
    if r.article_id in story.articles:
        return False  # its article told it as another event
    lo, hi = r.window
    if lo > story.hi or hi < story.lo:
        return False
    first = story.reports[0]
    if type_group(first.event_type) != type_group(r.event_type) or not _sides_fit(first, r):
        return False
    for s in (r.source, r.target):
        if s is not None and s.person and story.people.get(s.key, s.actor_id) != s.actor_id:
            return False  # Austin-Wei is not Austin-Li
    if story.place and r.location_country and r.location_country not in _countries(r) \
            and r.location_country != story.place:
        return False
    return True


def _order(r: Report):
    span = r.window or (date.min, date.min)  # no date: links with none, its place is of no matter
    return (r.from_publication, PRECISION_RANK.get(r.date_precision or "", 4), span[0], span[1], r.id)


def _months(lo: date, hi: date) -> list[tuple[int, int]]:
    return [(y, m) for y in range(lo.year, hi.year + 1) for m in range(1, 13)
            if (y, m) >= (lo.year, lo.month) and (y, m) <= (hi.year, hi.month)]


def cluster(reports: list[Report]) -> list[Story]:
    """The stories of reports that share one group_key (or any reports: those of different keys
    never fit). Canonical: the result depends on the set, not on the order given."""
    stories: list[Story] = []
    # stories by the month their window starts in, so a report looks only at those it may overlap
    by_month: dict[tuple[int, int], list[int]] = {}
    wide: list[int] = []
    for r in sorted(reports, key=_order):
        span = r.window
        if span is None:
            story = Story()
            story.reports.append(r)
            story.articles.add(r.article_id)
            stories.append(story)
            continue
        near = sorted({i for month in _months(span[0] - timedelta(days=32), span[1]) for i in by_month.get(month, ())}
                      | set(wide))
        home = next((stories[i] for i in near if fits(stories[i], r)), None)
        if home is None:
            home = Story()
            stories.append(home)
            if (span[1] - span[0]).days > 31:
                wide.append(len(stories) - 1)  # a story begun by a vague date: every report looks at it
            else:
                by_month.setdefault((span[0].year, span[0].month), []).append(len(stories) - 1)
        home.add(r)
    return stories
