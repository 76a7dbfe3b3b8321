"""What the event stages pass along: a predicate's type from the lexicon, and a candidate event
(a predicate with its source and target actors) before it is typed and dated."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..schema import Actor


@dataclass(frozen=True, slots=True)
class PredicateType:
    cameo: str
    plover: str
    mode: str | None
    control: bool
    pattern: str = ""


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
    implied_source: bool = False  # the source is the authorities of the context ("was arrested")
    nominal: bool = False  # an event noun ("the U.S. airstrike on ...")
    joint: bool = False  # the target is a second subject ("Biden and Xi resumed talks")


def is_negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in token.children)
