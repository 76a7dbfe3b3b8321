"""The story's main country: where an event party the text leaves without a country acts.

"authorities arrested the publisher", "a court sentenced him": in a story about one country,
the court, the police and the people it names without a country are that country's. The
resolver's article_country() wants the only country a story names; news names others in
passing, so here the main country is the one named far more often than any other (at least
three times and twice as often as the next).
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ..actors.resolve import ArticleActors
from ..schema import Actor

MIN_MENTIONS = 3
DOMINANCE = 2.0


def main_country(doc: Doc, actors: ArticleActors) -> str | None:
    found = actors.article_country()
    if found:
        return found
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "NORP"}:
            continue
        entry = actors.kb.country(ent.text)
        if entry is not None and entry.iso3 and len(entry.iso3) == 3:
            counts[entry.iso3] += 1
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    second = rest[0][1] if rest else 0
    return top if n >= MIN_MENTIONS and n >= DOMINANCE * second else None


def placed(actor: Actor | None, country: str | None, actors: ArticleActors) -> Actor | None:
    """The actor, given the story's main country when it has none of its own (an institution
    or a person the text does not place)."""
    if actor is None or actor.country or country is None or actor.kind == "country":
        return actor
    copy = Actor(name=actor.name, country=country, sectors=list(actor.sectors), role=actor.role, kind=actor.kind,
                 mentions=list(actor.mentions), role_start=actor.role_start, role_end=actor.role_end,
                 former=actor.former)
    if actor.kind == "person":
        return copy  # a person's id is their name: the same person, placed for this event
    return actors.others.setdefault(copy.actor_id, copy)


def place_parties(source: Actor | None, target: Actor | None, country: str | None,
                  actors: ArticleActors, people: bool = True) -> tuple[Actor | None, Actor | None]:
    """An institution (an actor with a sector: a court, the police) without a country is the
    main country's; with `people`, so is a person without one who faces an institution of that
    country ("the court sentenced the publisher"). A person of unknown nationality dealing with
    other people or with foreigners stays unplaced."""
    if country is None:
        return source, target
    if source is not None and source.kind != "person" and source.sectors:
        source = placed(source, country, actors)
    if target is not None and target.kind != "person" and target.sectors:
        target = placed(target, country, actors)
    if not people:
        return source, target
    if target is not None and target.kind == "person" and source is not None and source.kind != "person" \
            and source.country == country:
        target = placed(target, country, actors)
    if source is not None and source.kind == "person" and target is not None and target.kind != "person" \
            and target.country == country:
        source = placed(source, country, actors)
    return source, target
