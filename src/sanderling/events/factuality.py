"""Did the event happen? A predicate that is negated, future, planned, expected, conditional or
hypothetical reports no event ("did not meet", "will meet", "is expected to meet", "plans to
visit", "would meet if ...", "does not want to meet").

PLOVER's exception: a threat or a promise made now is an event of its own (THREATEN, AGREE), so
a control verb in the lexicon ("threatened to", "vowed to", "agreed to") is judged by its own
tense, and what it governs is not an event anyway. A future under a statement of the actor itself
("Washington said it will resume cooperation") is such a promise and stays.

The cue words are in data/events/irrealis.txt.
"""
from __future__ import annotations

from spacy.tokens import Token

from .tables import word_list

MODALS = {"will", "would", "could", "may", "might", "should", "shall", "must", "can", "'ll", "wo", "ca"}
# A promise or threat made now may carry its future ("said it will resume"): these modals are that.
PROMISE_MODALS = {"will", "'ll", "wo", "would"}
NEGATIONS = {"not", "n't", "never", "no"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "once"}


def _irrealis_governors() -> frozenset[str]:
    return word_list("irrealis.txt")


def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in token.children)


def _modal(token: Token) -> str | None:
    for c in token.children:
        if c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS:
            return c.lower_
    return None


def _future_be(token: Token) -> bool:
    """"is to meet", "are going to meet", "was due to meet", "set to visit": a plan, not a fact."""
    head = token.head
    if token.dep_ != "xcomp" or head == token:
        return False
    if head.lemma_ == "go" and head.tag_ == "VBG":
        return True
    if head.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True
    return False


def _headline_infinitive(token: Token) -> bool:
    """A headline's "Japan's PM to visit India": a root infinitive is a plan."""
    return token.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def is_conditional(token: Token) -> bool:
    """The condition ("if Iran attacks"), or a present-tense consequence of one ("if he moderates
    his rhetoric, he offers voters ..."): neither has happened. "Even if" concedes a fact."""
    if token.dep_ == "advcl" and _marked_if(token):
        return True
    return token.tag_ in {"VBZ", "VBP"} and any(c.dep_ == "advcl" and c.i < token.i and _marked_if(c)
                                                for c in token.children)


def _marked_if(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS and not (
        c.i > 0 and c.doc[c.i - 1].lower_ == "even") for c in clause.children)


def _purpose(token: Token) -> bool:
    """"... to counter Beijing's clout": an infinitive of purpose is an aim, not an event. Who
    arrives to help helps ("firefighters arrived to help"): after a verb of going it stays."""
    if token.head.lemma_.lower() in word_list("motion_verbs.txt"):
        return False
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
        and not any(c.dep_ == "mark" for c in token.children)


def not_factual(token: Token, promise_ok=None, speech=frozenset()) -> str | None:
    """Why the predicate reports no event that happened, or None when it does.

    Walks up from the predicate through the verbs that govern it ("expected to [meet]", "will
    realize it is time to [work with]"), as far as a statement verb (what a speaker reports is
    judged as reported) or the main clause. `promise_ok(verb, governor)` says whether a future
    under a statement verb is the speaker's own promise (kept); `speech` are the statement verbs."""
    seen = 0
    verb = token
    while verb is not None and seen < 6:
        seen += 1
        if negated(verb):
            return "negated"
        modal = _modal(verb)
        if modal is not None:
            if not (modal in PROMISE_MODALS and verb.dep_ == "ccomp" and promise_ok is not None
                    and promise_ok(verb, verb.head)):
                return "modal"
        going_to = verb.lemma_ == "go" and verb.tag_ == "VBG" and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)
        if _headline_infinitive(verb) or _future_be(verb) or going_to:
            return "planned"
        if is_conditional(verb):
            return "conditional"
        if _purpose(verb):
            return "purpose"
        if verb != token and verb.lemma_.lower() in _irrealis_governors():
            return "irrealis"
        if verb != token and any(c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in _irrealis_governors()
                                     for c in verb.children):
            return "irrealis"  # "is likely to meet" ("is ready to accept" stays: not listed)
        head = verb.head
        if head == verb:
            return None
        if verb.dep_ in {"xcomp", "acomp"}:
            verb = head
            continue
        if verb.dep_ == "ccomp":
            if head.lemma_.lower() in speech:
                return None  # reported as having happened
            verb = head
            continue
        if verb.dep_ == "conj":
            # "will meet and sign": the first conjunct's modal holds for the second
            if _modal(head) is not None and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
                return "modal"
            return None
        return None
    return None
