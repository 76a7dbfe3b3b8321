"""Event candidates from the dependency parse: a predicate, its source and target actors.

A candidate is a predicate token with an actor as its subject (or as the first of two conjoined
subjects) and an actor as its object, as the object of a party preposition ("with", "against"),
or as the second conjoined subject ("Biden and Xi resumed talks"). Its type comes from the
predicate lexicon in data/events/predicates.tsv; a verb that governs another ("refused to allow
talks", "agreed to meet") gives its own type and the governed verb gives no event of its own.
Negated predicates ("did not meet") give no event.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from ..actors.resolve import PARTY_PREPS, ArticleActors
from ..schema import Actor

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}


@dataclass(frozen=True, slots=True)
class PredicateType:
    cameo: str
    plover: str
    mode: str | None
    control: bool


@dataclass(slots=True)
class Candidate:
    predicate: Token
    source: Actor
    target: Actor | None
    sentence: Span
    lexicon: PredicateType | None
    negated: bool = False
    governed_by: Token | None = None  # the control verb that typed it ("refused")
    source_token: Token | None = None
    target_token: Token | None = None


@lru_cache(maxsize=1)
def lexicon() -> dict[str, PredicateType]:
    path = resources.files("sanderling") / "data" / "events" / "predicates.tsv"
    with path.open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    table = {}
    for r in csv.DictReader(lines, delimiter="\t"):
        table[r["pattern"].strip()] = PredicateType(r["cameo"].strip(), r["plover"].strip(),
                                                    (r.get("mode") or "").strip() or None, r["control"].strip() == "1")
    return table


def _lookup(token: Token) -> PredicateType | None:
    table = lexicon()
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in {"dobj", "attr"} and f"{lemma}:{child.lemma_.lower()}" in table:
            return table[f"{lemma}:{child.lemma_.lower()}"]
    for child in token.children:
        if child.dep_ in {"prt", "prep"} and f"{lemma} {child.lower_}" in table:
            return table[f"{lemma} {child.lower_}"]
    return table.get(lemma)


def _is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in token.children)


def _subject(token: Token) -> Token | None:
    """The subject of a predicate, inherited through conjunction and control ("refused to ...")."""
    seen = 0
    while token is not None and seen < 6:
        seen += 1
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ == "WDT" or child.lower_ in {"who", "which", "that"}:
                    return token.head if token.dep_ == "relcl" else None
                return child
        if token.dep_ in {"conj", "xcomp", "advcl"} and token.head != token:
            token = token.head
            continue
        if token.dep_ == "relcl":
            return token.head
        return None
    return None


def _conjuncts(token: Token) -> list[Token]:
    return [token] + [t for t in token.conjuncts if t.i > token.i]


def _object_tokens(token: Token) -> list[Token]:
    """Tokens that may name the target: objects, objects of party prepositions, and the same
    under an event noun the verb takes ("held a call with X")."""
    found: list[Token] = []
    heads = [token] + [c for c in token.children if c.dep_ in {"dobj", "attr"} and c.pos_ == "NOUN"]
    going = token.lemma_.lower() in word_list("motion_verbs.txt")
    for head in heads:
        for child in head.children:
            if head is token and child.dep_ in OBJECT_DEPS:
                found.extend(_conjuncts(child))
            elif child.dep_ == "prep" and child.lower_ in PARTY_PREPS:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if going and head is token and child.lower_ in DESTINATION_PREPS and pobj.ent_type_ != "PERSON":
                        continue  # "returned to Cairo": where to, not whom
                    found.extend(_conjuncts(pobj))
    return found


DESTINATION_PREPS = {"to", "from", "into", "toward", "towards"}


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A one-word-a-line table from data/events/ (comment lines start with #)."""
    path = resources.files("sanderling") / "data" / "events" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


NOT_PARTIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


def _actor(actors: ArticleActors, token: Token) -> Actor | None:
    if token.ent_type_ in NOT_PARTIES:
        return None
    found = actors.actors_at(token)
    return found[0] if found else None


def _governor(token: Token) -> Token | None:
    """The control verb above this one ("refused" above "allow"), if it is one in the lexicon."""
    head = token.head
    if token.dep_ in {"xcomp", "ccomp"} and head != token:
        entry = _lookup(head)
        if entry and entry.control:
            return head
    return None


def find_candidates(sentence: Span, actors: ArticleActors) -> list[Candidate]:
    out: list[Candidate] = []
    for token in sentence:
        if token.pos_ not in {"VERB", "AUX"} and not (token.pos_ == "NOUN" and token.dep_ in {"ROOT"}):
            continue
        if token.lemma_.lower() in word_list("speech_verbs.txt"):
            continue
        entry = _lookup(token)
        governor = _governor(token)
        if governor is not None:
            # "refused to allow talks": the refusal is the event, typed by the control verb.
            continue
        subject = _subject(token)
        if subject is None:
            continue
        subjects = _conjuncts(subject)
        source = _actor(actors, subjects[0])
        if source is None:
            continue
        target, target_token = None, None
        for obj in _object_tokens(token) + _governed_objects(token):
            candidate = _actor(actors, obj)
            if candidate is not None and candidate.actor_id != source.actor_id:
                target, target_token = candidate, obj
                break
        if target is None and len(subjects) > 1:
            second = _actor(actors, subjects[1])
            if second is not None and second.actor_id != source.actor_id:
                target, target_token = second, subjects[1]
        if target is None and subjects[0].ent_type_ not in NOT_PARTIES:
            # One phrase, two parties: "Hungarian and Romanian officials", "the two ministers".
            group = actors.actors_at(subjects[0])
            if len(group) > 1 and group[1].actor_id != source.actor_id:
                target, target_token = group[1], subjects[0]
        out.append(Candidate(token, source, target, sentence, entry, _is_negated(token),
                             source_token=subjects[0], target_token=target_token))
    return out


def _governed_objects(token: Token) -> list[Token]:
    """For a control verb, the objects of the verb it governs ("refused to meet X")."""
    found = []
    for child in token.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            found.extend(_object_tokens(child))
    return found
