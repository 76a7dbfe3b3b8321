"""Acts one party does alone, told as what its people or machines do: "demonstrators marched",
"jets flew over the capital", "vessels swarmed the reef", "gunmen stormed a hotel", "vessels
were spotted near the reef" (data/events/one_party_acts.tsv), and at whom they are aimed."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from ..actors.resolve import ArticleActors
from ..data_tables import read_rows
from ..schema import Actor
from .candidate import Candidate, PredicateType, is_negated


@lru_cache(maxsize=1)
def _one_party_table() -> dict[tuple[str, str], set[str]]:
    table: dict[tuple[str, str], set[str]] = {}
    for kind, role, lemma in read_rows("events/one_party_acts.tsv"):
        table.setdefault((kind, role), set()).add(lemma.strip())
    return table


# PLOVER PROTEST as a demonstration (CAMEO 141), MOBILIZE as a show of force (150).
ONE_PARTY_CODES = {"PROTEST": "141", "MOBILIZE": "150", "ASSAULT": "180"}
PLACE_PREPS = {"in", "over", "across", "near", "into", "at", "through", "around"}


COUNT_NOUNS = {"dozen", "hundred", "thousand", "ten", "score", "group", "fleet", "convoy", "crowd", "number"}


def _counted(subject: Token) -> Token:
    """"Dozens of vessels", "thousands of protesters": what is counted."""
    if subject.lemma_.lower() in COUNT_NOUNS or subject.like_num:
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return subject


def _one_party_act(token: Token, subject: Token) -> str | None:
    """"Demonstrators marched", "jets flew", "vessels swarmed": the type whose people or machines
    (the subject) and verb these are (data/events/one_party_acts.tsv)."""
    table = _one_party_table()
    subject = _counted(subject)
    for kind in ONE_PARTY_CODES:
        if subject.lemma_.lower() in table.get((kind, "actor"), ()) and \
                token.lemma_.lower() in table.get((kind, "verb"), ()):
            return kind
    return None


def _seen_forces(token: Token, patient: Token) -> bool:
    """Warships, vessels or troops seen somewhere (a "seen" verb of the MOBILIZE table, passive)."""
    table = _one_party_table()
    return token.lemma_.lower() in table.get(("MOBILIZE", "seen"), ()) and \
        _counted(patient).lemma_.lower() in table.get(("MOBILIZE", "actor"), ())


def _unnamed_attackers(subject: Token, token: Token, actors: ArticleActors) -> Actor | None:
    """Attackers the text does not name, of the country where they strike."""
    country = actors.where_country(token)
    if country is None:
        return None
    actor = Actor(name=f"unidentified {subject.lemma_.lower()}s", country=country, kind="group")
    return actors.other(actor)


def _one_party_candidate(token: Token, subject: Token, source: Actor, kind: str, sentence: Span,
                         actors: ArticleActors) -> Candidate:
    """Where the act is done says at whom: a protest is against the authorities of the place
    (else of the protesters' country); a show of force on another country's ground or sea
    ("swarmed the reef Manila claims") is aimed at that country, on its own at no one."""
    place, place_token = None, None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [p for c in token.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS
                for p in c.children if p.dep_ == "pobj"]
    for obj in objects:
        for t in obj.subtree:
            found = [a for a in actors.actors_at(t) if a.country and a.country != "IGO"]
            if found:
                place, place_token = found[0].country, t
                break
        if place:
            break
    entry = PredicateType(ONE_PARTY_CODES[kind], kind, None, False, f"{token.lemma_.lower()}:{kind.lower()}")
    if kind == "PROTEST":
        country = place or source.country
        if source.kind == "country" and source.country:
            # "thousands of Sudanese": the country's people in the streets, not the state
            source = Actor(name=f"{actors.kb.country_name(source.country)} protesters", country=source.country,
                           role="protesters", kind="group")
            source = actors.other(source)
        target = None
        if country:
            name = f"{actors.kb.country_name(country)} authorities"
            target = Actor(name=name, country=country, sectors=["GOV"], role="authorities", kind="organization")
            target = actors.other(target)
        return Candidate(token, source, target, sentence, entry, is_negated(token),
                         source_token=subject, target_token=place_token)
    if kind == "ASSAULT":
        # attackers no one names strike people of the place ("gunmen stormed a hotel in Mogadishu")
        country = place or source.country
        target = None
        if country:
            target = Actor(name=f"people in {actors.kb.country_name(country)}", country=country, sectors=["CVL"],
                           kind="organization")
            target = actors.other(target)
        return Candidate(token, source, target, sentence, entry, is_negated(token),
                         source_token=subject, target_token=place_token)
    target = None
    if place and place != source.country:
        target = Actor(name=actors.kb.country_name(place), country=place, kind="country")
        target = actors.other(target)
    return Candidate(token, source, target, sentence, entry, is_negated(token),
                     source_token=subject, target_token=place_token if target else None)
