"""Who a person works for, and which country a story is about, from the words around names.

News introduces people by what they are: "UNICEF's executive director", "the U.N. envoy",
"White House press secretary", "Republican Representative", "Central Java Governor", "minister
of environment" in a story about one country. `title_affiliation` reads the organisation, seat,
party or place in the title words the resolver collected; `focus_country` is the country a story
is mostly about, which a title with no country word of its own ("federal lawmaker", "the
disaster management department spokesperson") belongs to.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..data_tables import read_table
from .kb import KnowledgeBase, clean_name

# Words inside a title run that are no part of a name ("UNICEF's", "the", ",").
_JOINERS = {"'s", "’s", "the", "a", "an", ",", "-", "—", "of", "for", "at", "in"}
PLACE_LABELS = {"GPE", "LOC"}
ELSEWHERE_PREPS = {"to", "into", "toward", "towards", "from", "with", "against", "by"}


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """Maximal runs of adjacent tokens, split at joiners and gaps."""
    runs: list[list[Token]] = []
    for t in tokens:
        if t.lower_ in _JOINERS or t.is_punct:
            runs.append([])
            continue
        if runs and runs[-1] and runs[-1][-1].i == t.i - 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return [r for r in runs if r]


@dataclass(frozen=True, slots=True)
class Affiliation:
    country: str
    org: str | None  # the IGO/NGO body, where country is IGO/NGO
    sectors: tuple[str, ...]
    at: int  # token index of the body's name


def title_affiliation(tokens: list[Token], kb: KnowledgeBase, place_country=None) -> "Affiliation | None":
    """The country, body and sectors of the first body a title names, longest name first: an
    organisation ("UNICEF", "U.N.", "Zanu PF"), a government seat ("White House", "State
    Department"), else, with `place_country`, a proper-noun place ("Central Java"). None where
    the title names none."""
    for run in _runs(sorted(tokens, key=lambda t: t.i)):
        for n in range(min(len(run), 6), 0, -1):
            for i in range(len(run) - n + 1):
                words = run[i:i + n]
                text = " ".join(t.text for t in words)
                short = len(clean_name(text)) <= 3 and not text.isupper()
                org = None if short else kb.organization(text)
                if org is not None and org.country:
                    body = org.name if org.country in {"IGO", "NGO", "MNC"} else None
                    return Affiliation(org.country, body, tuple(org.sectors), words[0].i)
                seat = kb.seat(text)
                if seat is not None:
                    return Affiliation(seat.country, None, tuple(seat.sectors), words[0].i)
    if place_country is not None:
        for run in _runs(sorted(tokens, key=lambda t: t.i)):
            names = [t for t in run if t.pos_ == "PROPN" and t.ent_type_ in PLACE_LABELS]
            if names:
                country = place_country(" ".join(t.text for t in names))
                if country:
                    return Affiliation(country, None, (), names[0].i)
    return None


def focus_country(doc: Doc, kb: KnowledgeBase, place_country=None) -> str | None:
    """The country a story is mostly about: the most named country (names, demonyms, capitals,
    government seats; the headline and lead count double), when it is named clearly more often
    than the next one. None for a story about several countries equally."""
    counts: Counter[str] = Counter()
    sentences = list(doc.sents)
    lead_end = sentences[min(2, len(sentences) - 1)].end if sentences else 0
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "NORP", "LOC", "ORG", "FAC"}:
            continue
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ in ELSEWHERE_PREPS:
            continue  # "a visit to Peru", "talks with Japan": another country than the story's
        text = ent.text
        entry = kb.country(text)
        country = entry.iso3 if entry else None
        if country is None:
            seat = kb.seat(text)
            country = seat.country if seat else None
        if country is None or len(country) != 3 or country in {"IGO", "NGO", "MNC"}:
            continue
        counts[country] += 2 if ent.start < lead_end else 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if n >= 2 and n >= 1.5 * second else None


@lru_cache(maxsize=1)
def _national_titles() -> dict[str, str]:
    return {r["title"].strip().lower(): r["iso3"].strip() for r in read_table("actors/national_titles.tsv")}


def national_title_country(role: str | None) -> str | None:
    """The one country a title of office belongs to ("Secretary of State" -> USA), or None."""
    if not role:
        return None
    text = " ".join(role.lower().split())
    if " for " in f" {text} ":
        return None  # "Secretary of State for Defence": another country's office
    titles = _national_titles()
    return next((iso3 for title, iso3 in titles.items() if text == title or text.endswith(" " + title)), None)

