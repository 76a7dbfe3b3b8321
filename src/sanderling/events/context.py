"""Placing event parties the text leaves without a country in the story's main country.

"authorities arrested the publisher", "a court sentenced him": in a story about one country,
the court, the police and the people it names without a country are that country's. Which
country a story is about is the resolver's to say (ArticleActors.article_country).
"""
from __future__ import annotations

from ..actors.resolve import ArticleActors
from ..schema import Actor


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
    return actors.other(copy)


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
