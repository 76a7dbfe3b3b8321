"""How a speech verb reads as an event of its own: said in a call or a meeting ("told X in a
phone call"), telling someone to act ("told officials to reopen the border"), calling a thing
wrong ("called the allegations baseless"), and speech told after its quote ("..., agreed X")."""
from __future__ import annotations

from spacy.tokens import Token

from ..actors.resolve import ArticleActors
from .candidate import PredicateType
from .tables import word_list


CALL_NOUNS = {"call": "041", "conversation": "041", "phone": "041", "telephone": "041", "meeting": "040",
              "talks": "040"}


def _said_in_a_call(token: Token) -> PredicateType | None:
    """"told Trump in a phone call", "said during talks with X": speech that is a consultation."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "by", "during", "over"}:
            for pobj in child.children:
                code = CALL_NOUNS.get(pobj.lemma_.lower()) if pobj.dep_ == "pobj" else None
                if code and any(c.dep_ in {"dobj", "dative"} for c in token.children):
                    return PredicateType(code, "CONSULT", "phone" if code == "041" else None, False)
                if pobj.lemma_.lower() == "conference" and any(
                        t.dep_ == "prep" and t.lower_ == "with" for t in pobj.subtree):
                    # "told reporters during a news conference with the French minister": a joint
                    # appearance, a meeting of the two
                    return PredicateType("040", "CONSULT", None, False, "conference:with")
    return None


def _called_wrong(token: Token) -> PredicateType | None:
    """"called the allegations baseless" rejects the claim; "called his detention unjust"
    accuses whoever did it."""
    judged = [c for c in token.children if c.dep_ in {"oprd", "ccomp", "xcomp"}
              and any(t.lemma_.lower() in word_list("condemning_adjectives.txt") for t in c.subtree)]
    if not judged:
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"] + [
        c for j in judged for c in j.children if c.dep_ == "nsubj"]
    if any(o.lemma_.lower() in word_list("claim_nouns.txt") for o in objects):
        return PredicateType("120", "REJECT", None, True, "call:wrong")
    return PredicateType("111", "ACCUSE", None, True, "call:wrong")


TOLD_TO = PredicateType("100", "REQUEST", None, True, "tell:to")


def _told_to(token: Token) -> PredicateType | None:
    """"told Ugandan officials to reopen the border": telling someone to act is a demand (its
    target the one told, its content the act)."""
    if token.lemma_.lower() not in {"tell", "instruct", "direct"}:
        return None
    told = any(c.dep_ in {"dobj", "dative"} for c in token.children)
    to_act = any(c.dep_ in {"xcomp", "ccomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                 for c in token.children)
    return TOLD_TO if told and to_act else None


def _calls_a_thing(token: Token, actors: ArticleActors) -> bool:
    """"called the decision ...": the object is a common noun that names no one."""
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.pos_ == "NOUN" and not actors.kb.is_agent_word(obj.text) \
        and not actors.kb.country(obj.text) and not any(a.country for a in actors.actors_at(obj) if a.kind != "person")


def _judged_thing(token: Token) -> PredicateType | None:
    obj = next(c for c in token.children if c.dep_ == "dobj")
    words = {t.lemma_.lower() for t in obj.subtree} | {t.lemma_.lower() for t in token.children if t.dep_ in {"oprd", "acomp"}}
    if words & word_list("condemning_adjectives.txt"):
        return PredicateType("111", "ACCUSE", None, True, "call:wrong")
    return None


def _inverted_speech(token: Token) -> bool:
    """"..., agreed Polat Sayim, a rights activist": a verb after a quote with its subject after
    it reports speech."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i < token.i:
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and (before.is_punct or before.is_quote)
