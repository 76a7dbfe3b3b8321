"""Sentences that refer back to an event already told: more mentions of it, not new events.

"Austin held a video call with Dong ... In the video conference call, the two laid out ...
The call comes after ...": a definite event noun ("the call", "the meeting", "this attack") with
no parties and no time of its own names the event of its kind the article told last, so its
sentence is one more mention of that event. The nouns and the types they may refer to are in
data/events/reference_nouns.tsv; a noun that says it is another event ("the next meeting", "the
first such engagement": data/events/other_event_words.txt), names a party or a time that is not
the event's, or asks for something ("the call for talks") refers to nothing.

A reference only adds a mention to an event that exists: it never makes or merges events.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from ..actors.resolve import ArticleActors
from ..data_tables import read_table
from ..schema import Event, Evidence
from . import ontology
from .nominal import SOURCE_PREPS, TARGET_PREPS, _blocked
from .tables import word_list

DEFINITE = {"the", "this", "that", "these", "those"}
OWN_TIME = {"DATE", "TIME"}
PARTY_PREPS = TARGET_PREPS | SOURCE_PREPS | {"of"}


@lru_cache(maxsize=1)
def reference_nouns() -> dict[str, str]:
    return {r["noun"].strip(): r["plover"].strip() for r in read_table("events/reference_nouns.tsv")}


def _referred_type(token: Token) -> str | None:
    if token.pos_ != "NOUN" or token.dep_ == "compound":
        return None
    kind = reference_nouns().get(token.lower_) or reference_nouns().get(token.lemma_.lower())
    if kind is None:
        return None
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in children):
        return None  # "a call", "talks": a new event, or none
    if any(c.lower_ in word_list("other_event_words.txt") for c in token.subtree if c.i < token.i):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in children):
        return None  # "the call for talks" asks; it tells no meeting
    if any(t.ent_type_ in OWN_TIME for t in token.subtree):
        return None  # "the meeting in June": a time of its own, maybe another meeting
    if token.dep_ in {"dobj", "nsubjpass"} and _blocked(token):
        return None  # "will come to sign the agreement": one to come, not the one told
    return kind


def _fits(token: Token, event: Event, actors: ArticleActors) -> bool:
    """The parties the noun's own phrase names (if any) are the event's."""
    sides = [a for a in (event.source, event.target) if a is not None]
    words = [t for t in token.subtree if t.i != token.i]
    for t in words:
        person = actors.person_at.get(t.i)
        if person is not None and person.actor_id not in {a.actor_id for a in sides}:
            return False
    kinds = [c.lower_ for c in token.children if c.dep_ == "compound"]
    if kinds:
        # "the economic cooperation agreement" after a ceasefire agreement: a kind of its own;
        # "the video conference call" after "a video call" shares one
        told = " ".join(m.text.lower() for m in (event.mentions or [event.evidence]))
        if not any(k in told.split() for k in kinds):
            return False
    countries = {a.country for a in sides}
    if not all(c in countries for c, _ in actors.countries_in(words)):
        return False
    for child in token.children:
        # "the arrest of an opposition lawmaker": a party phrase must name one of the event's
        if child.dep_ == "prep" and child.lower_ in PARTY_PREPS and child.i > token.i:
            phrase = list(child.subtree)
            ids = {a.actor_id for a in sides}
            if not (any(t.i in actors.person_at and actors.person_at[t.i].actor_id in ids for t in phrase)
                    or actors.countries_in(phrase)):
                return False
    return True


def attach_references(doc: Doc, events: list[Event], actors: ArticleActors) -> list[Event]:
    """Add to `events` (in place) the sentences that refer back to them; returns the list."""
    told: dict[str, list[Event]] = {}
    for event in events:
        if not event.background:  # a reference names the story's own event, not one it recalls
            told.setdefault(ontology.root_type(event.event_type), []).append(event)
    if not told:
        return events
    for index, sentence in enumerate(doc.sents):
        for token in sentence:
            kind = _referred_type(token)
            if kind not in told:
                continue
            if any(m.sentence == index for e in told[kind] for m in (e.mentions or [e.evidence])):
                continue  # the sentence already tells an event of this kind
            before = [e for e in told[kind] if min(m.sentence for m in (e.mentions or [e.evidence])) < index]
            if not before:
                continue
            # the event of its kind told last before it
            event = max(before, key=lambda e: max(m.sentence for m in (e.mentions or [e.evidence]) if m.sentence < index))
            if not _fits(token, event, actors):
                continue
            event.mentions = event.mentions or [event.evidence]
            event.mentions.append(Evidence(event.evidence.article_id, index, sentence.text, sentence.start_char,
                                           sentence.end_char))
            event.mentions.sort(key=lambda m: (m.sentence, m.start))
    return events
