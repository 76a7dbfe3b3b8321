"""Event nouns as candidates: "a U.S. airstrike on IS targets", "25% tariffs on Canadian steel",
"talks with Ukrainian officials", "the deportation of 40 Uyghurs", "Lai's arrest".

The noun's type comes from data/events/event_nouns.tsv. Its source is a country word or actor in
its own phrase ("U.S.", "Russia's"), an agent "by"/"from" phrase, or the subject of the verb it
is the object of ("Trump imposed tariffs on ..."); its target the object of "on" / "against" /
"with" / "between" / "to" (and "of" or the possessor for nouns whose possessor is the patient:
"the arrest of X", "X's arrest"). A noun under a request, threat or plan ("called for talks",
"threatened sanctions", "the prospect of tariffs") is no event of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..actors.resolve import ArticleActors
from ..data_tables import read_table
from ..schema import Actor
from .tables import word_list

TARGET_PREPS = {"on", "against", "with", "between", "among", "to", "at", "upon", "toward", "towards", "into"}
SOURCE_PREPS = {"by", "from"}
TOPIC_PREPS = {"over", "about", "regarding", "concerning"}
# The verb that holds the noun as its object and is the event itself in another word:
# "held talks", "imposed tariffs" carry the noun's type (the verb adds nothing).
SUBJECT_VERB_DEPS = {"dobj", "nsubjpass", "attr"}


@dataclass(frozen=True, slots=True)
class NounType:
    cameo: str
    plover: str
    patient_possessor: bool
    mover: bool = False  # "the withdrawal of U.S. troops from Afghanistan"


@lru_cache(maxsize=1)
def nouns() -> dict[str, NounType]:
    return {r["noun"].strip(): NounType(r["cameo"].strip(), r["plover"].strip(), r["poss"].strip() == "patient",
                                        r["poss"].strip() == "mover")
            for r in read_table("events/event_nouns.tsv")}


def _country_actor(actors: ArticleActors, iso3: str) -> Actor:
    actor = Actor(name=actors.kb.country_name(iso3), country=iso3, kind="country")
    return actors.other(actor)


def _parties(actors: ArticleActors, token: Token) -> list[tuple[Actor, Token]]:
    """The actors a phrase names: its actor(s), else the countries its words name ("on Canadian
    steel", "on Mexico, Canada and China")."""
    out: list[tuple[Actor, Token]] = []
    for t in [token] + [c for c in token.conjuncts if c.i > token.i]:
        if t.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}:
            continue
        found = [a for a in actors.actors_at(t) if a.country or a.kind == "person"]
        if not found:
            words = [w for w in t.subtree if w.i <= t.i and not (w.i != t.i and w.dep_ == "conj")]
            found = [_country_actor(actors, c) for c, _ in actors.countries_in(words)]
        out.extend((a, t) for a in found)
    return out


def _their_pair(actors: ArticleActors, token: Token) -> list[tuple[Actor, Token]]:
    """"Their second summit was in ...": "their" on a meeting noun is the two people the sentence
    before (or this one, before the noun) names, when it names just two ("A met B at ...").
    Without this, "their" points to the nearest place ("the Lisbon summit")."""
    doc = token.doc
    sent = token.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    people: dict[str, tuple[Actor, Token]] = {}
    for i in range(start, token.i):
        actor = actors.person_at.get(i)
        if actor is not None:
            people.setdefault(actor.actor_id, (actor, doc[i]))
    return list(people.values()) if len(people) == 2 else []


# "stand accused of the 2004 bombing", "were charged with the shelling": the accused are its agents.
ACCUSED_OF = {"accuse", "charge", "convict", "indict", "suspect"}


def _accused(actors: ArticleActors, token: Token) -> list[tuple[Actor, Token]]:
    if token.dep_ != "pobj" or token.head.lower_ not in {"of", "with", "for"}:
        return []
    verb = token.head.head
    if verb.lemma_.lower() not in ACCUSED_OF or verb.pos_ not in {"VERB", "ADJ"}:
        return []
    holder = verb.head if verb.dep_ in {"advcl", "xcomp", "acomp", "oprd"} else verb
    for child in holder.children if not any(c.dep_ == "nsubjpass" for c in verb.children) else verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and (holder != verb or child.dep_ == "nsubjpass"):
            return _parties(actors, child)
    return []


def _blocked(token: Token) -> bool:
    """A noun under a request, threat, plan or refusal names what is asked for, not an event
    ("called for talks", "refused to hold talks", "the threat of sanctions")."""
    from .detect import _lookup

    head, seen = token, 0
    while head.head != head and seen < 5:
        seen += 1
        if head.dep_ == "pobj" and head.head.lower_ in {"after", "before", "since", "during", "following", "until"}:
            return False  # "declined after a 2013 agreement": the time of the verb, not its object
        dep, head = head.dep_, head.head
        lemma = head.lemma_.lower()
        if lemma in word_list("irrealis.txt") or lemma in word_list("nominal_blockers.txt"):
            return True
        if head.pos_ in {"VERB", "AUX"}:
            entry = _lookup(head)
            if entry and (entry.control or entry.plover in {"REQUEST", "THREATEN", "REJECT"}) and dep != "nsubj":
                return True
            if head.dep_ not in {"xcomp", "conj"}:
                return False
    return False


def _governing_verb(token: Token) -> Token | None:
    head = token
    if head.dep_ == "conj":
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head  # "led eight hours of talks", "a wave of strikes"
    if head.dep_ in SUBJECT_VERB_DEPS and head.head.pos_ in {"VERB", "AUX"}:
        return head.head
    return None


def _in_place_phrase(token: Token) -> bool:
    """"in the Gulf of Guinea", "from Kenya": a place, not a party."""
    t, seen = token, 0
    while t.head != t and seen < 4:
        if t.dep_ == "pobj" and t.head.lower_ in {"in", "at", "from", "near", "across", "inside", "throughout"}:
            return True
        if t.pos_ == "VERB":
            return False
        t, seen = t.head, seen + 1
    return False


def _other_country(token: Token, sentence: Span, actors: ArticleActors, source: Actor) -> list[tuple[Actor, Token]]:
    """"a crash triggered by U.S. sanctions" in a sentence on the Turkish economy: a sanction
    or strike without its target phrase hits the one other country the sentence names."""
    found = {}
    for c, run in actors.countries_in([t for t in sentence if t.i != token.i]):
        if c != source.country and not _in_place_phrase(run[0]):
            found.setdefault(c, run[0])
    if len(found) != 1:
        return []
    (c, t), = found.items()
    return [(_country_actor(actors, c), t)]


# "the militants launched an assault": a group word that points back to a named armed group
_GROUP_WORDS = frozenset({"militants", "insurgents", "rebels", "jihadists", "extremists"})


def _named_group(actors: ArticleActors, actor: Actor, token: Token | None, sentence: Span) -> tuple[Actor, Token | None]:
    """"Al-Nur has attacked Peruvian posts. The militants launched an assault on ...": "the
    militants" are the armed group named in the sentence or the one before, not the country the
    resolver gave the bare word."""
    if token is None or token.lower_ not in _GROUP_WORDS or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return actor, token
    doc = token.doc
    spans = [doc[sentence.start:token.i]] + ([doc[sentence.start - 1].sent] if sentence.start > 0 else [])
    for span in spans:
        named = [(a, t) for t in span if t.pos_ == "PROPN" for a in actors.actors_at(t)
                 if a.actor_id != actor.actor_id and a.country and "REB" in (a.sectors or [])]
        if named:
            return named[-1]
    return actor, token


def _two_sides_around(token: Token, sentence: Span, actors: ArticleActors) -> list[tuple[Actor, Token]]:
    """"An attempt to bridge that gap at working-level talks in Oslo broke down": talks that name
    no party are between the two sides the sentence, else the one before it, names (exactly two
    countries, not counting places)."""
    doc = token.doc
    spans = [sentence]
    if sentence.start > 0:
        spans.append(doc[sentence.start - 1].sent)
    for span in spans:
        found: dict[str, Token] = {}
        for t in span:
            if t.i == token.i or _in_place_phrase(t):
                continue
            for a in actors.actors_at(t):
                if a.country:
                    found.setdefault(a.country, t)
        for c, run in actors.countries_in([t for t in span if t.i != token.i]):
            if not _in_place_phrase(run[0]):
                found.setdefault(c, run[0])
        if len(found) == 2:
            return [(_country_actor(actors, c), t) for c, t in sorted(found.items(), key=lambda x: x[1].i)]
        if found:
            return []
    return []


def nominal_candidates(token: Token, sentence: Span, actors: ArticleActors) -> list:
    from .detect import Candidate, PredicateType, _subject, implied_authorities

    lemma = token.lemma_.lower()
    kind = nouns().get(lemma)
    if kind is None or _blocked(token) or token.dep_ == "compound":
        return []  # a compound names another thing: "sanctions relief", "tariff decisions"
    if token.dep_ == "pobj" and token.head.lower_ in TOPIC_PREPS:
        return []  # "disagreed over U.S. aid", "a question about the strike": a topic
    if kind.plover == "REQUEST" and not any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
        return []  # "a phone call", "the demands of the job": a request names what it asks for
    if kind.plover == "MOBILIZE" and kind.mover and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return []  # "the activation of a standby force": a mobilisation names what it readies
        # (a standoff or a buildup needs no "of")
    if kind.plover == "CONSULT" and token.tag_ == "NN" and lemma == "talk":
        return []  # "talk" in the singular is rarely a meeting
    sources: list[tuple[Actor, Token]] = []
    targets: list[tuple[Actor, Token]] = []
    for child in token.children:
        if child.i > token.i:
            continue
        if child.dep_ == "poss":
            found = (_their_pair(actors, child) if kind.plover == "CONSULT" and child.lower_ == "their" else []) \
                or _parties(actors, child)
            (targets if kind.patient_possessor else sources).extend(found)
        elif child.dep_ in {"compound", "amod", "nmod"}:
            words = [w for w in child.subtree]
            found = [a for a in actors.actors_at(child) if a.country] or [
                _country_actor(actors, c) for c, _ in actors.countries_in(words)]
            sources.extend((a, child) for a in found)
    if not sources and token.i > 0 and "-" in token.doc[token.i - 1].text:
        # "U.S.-Ukraine talks" (one token): a country on each side of the hyphen
        parts = [actors.kb.country(p) for p in token.doc[token.i - 1].text.split("-")]
        if len(parts) == 2 and all(p is not None and p.iso3 for p in parts) and parts[0].iso3 != parts[1].iso3:
            sources.extend((_country_actor(actors, p.iso3), token.doc[token.i - 1]) for p in parts)
    for child in token.children:
        if child.dep_ != "prep" or child.i < token.i:
            continue
        prep = child.lower_
        for pobj in child.children:
            if pobj.dep_ != "pobj":
                continue
            if kind.mover and prep == "of":
                sources.extend(_parties(actors, pobj))
            elif kind.mover and prep == "from":
                targets.extend(_parties(actors, pobj))
            elif prep in SOURCE_PREPS:
                sources.extend(_parties(actors, pobj))
            elif prep in TARGET_PREPS or (prep == "of" and (kind.patient_possessor or kind.plover == "ASSAULT")):
                # "the shelling of Kharkiv", "the bombing of a French base": what was hit
                targets.extend(_parties(actors, pobj))
    verb = _governing_verb(token)
    if not targets and verb is not None and token.dep_ == "dobj":
        # "resumed aid to Chad", "imposed sanctions on Iran": the verb holds the party phrase
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS - {"with"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        targets.extend(_parties(actors, pobj))
    if not targets:
        # "an operation to flush out the rebels": the aim's object is the target
        for child in token.children:
            if child.dep_ in {"acl", "relcl"} and child.pos_ == "VERB" and child.i > token.i:
                for obj in child.children:
                    if obj.dep_ == "dobj":
                        targets.extend(_parties(actors, obj))
    if not targets and token.dep_ == "nsubj" and token.head.pos_ == "VERB":
        # "a U.S. strike killed five militants": what the noun's verb does it does to its object
        for child in token.head.children:
            if child.dep_ == "dobj":
                targets.extend(_parties(actors, child))
    if not sources and kind.plover == "ASSAULT":
        sources.extend(_accused(actors, token))
    if not sources and verb is not None and token.dep_ != "nsubjpass":
        subject = _subject(verb)
        if subject is not None:
            sources.extend(_parties(actors, subject))
    if kind.plover == "ASSAULT" and sources:
        sources = [_named_group(actors, a, t, sentence) for a, t in sources]
    if len(sources) > 1 and not targets:
        # "U.S.-Ukraine talks", "talks between A and B" read as the two parties
        targets = sources[1:2]
        sources = sources[:1]
    if not sources and len(targets) > 1 and any(c.lower_ in {"between", "among"} for c in token.children):
        sources, targets = targets[:1], targets[1:2]
    if not sources and not targets and kind.plover == "CONSULT" and token.tag_ == "NNS" and token.dep_ == "pobj":
        # only talks in a phrase ("at talks in Oslo"): a verb's talks have their subject's parties
        sides = _two_sides_around(token, sentence, actors)
        sources, targets = sides[:1], sides[1:]
    if sources and not targets and kind.plover in {"SANCTION", "ASSAULT", "REQUEST"}:
        targets = _other_country(token, sentence, actors, sources[0][0])
    implied = False
    if not sources and kind.patient_possessor and targets:
        authority = implied_authorities(actors, token, targets[0][0])
        if authority is not None:
            sources, implied = [(authority, None)], True
    if not sources:
        return []
    source, source_token = sources[0]
    entry = PredicateType(kind.cameo, kind.plover, None, False)
    out = []
    seen = set()
    for target, target_token in targets or [(None, None)]:
        if target is not None and (target.actor_id == source.actor_id or target.actor_id in seen):
            continue
        if target is not None:
            seen.add(target.actor_id)
        out.append(Candidate(token, source, target, sentence, entry, False, source_token=source_token,
                             target_token=target_token, implied_source=implied, nominal=True))
    return out
