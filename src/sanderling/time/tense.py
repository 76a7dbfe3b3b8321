"""Past, present or future for a predicate: picks the direction of "on Tuesday", "in May"."""
from __future__ import annotations


# nouns of a try that happened or failed (not a plan): their infinitive is no future
_TRIED = frozenset({"attempt", "effort", "bid", "push", "drive"})


def tense_of(token) -> str:
    """past / present / future for a predicate token, from its tag and its auxiliaries."""
    verb = token
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if (verb.dep_ == "acl" and words == {"to"} and verb.head.pos_ == "NOUN"
            and verb.head.lemma_.lower() in _TRIED):
        # "an attempt to bridge it at talks in October broke down": the try's tense is the talks'
        return tense_of(verb.head)
    if words & {"will", "'ll", "shall", "wo", "would", "may", "might", "could", "should", "must", "to"}:
        return "future"
    if "going" in words or any(a.lower_ in ("is", "are", "am") and a.dep_ == "aux" and
                               any(c.dep_ == "xcomp" for c in verb.children) for a in auxes):
        return "future"
    if verb.lower_ in ("will", "'ll", "shall") or verb.tag_ == "MD" and verb.lower_ in ("will", "would"):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or words & {"did", "had", "was", "were", "has", "have"}:
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "am"}:
        return "present"  # "is meeting on Friday": could be either; present picks the nearest
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VB":
        head = verb.head
        if head.i != verb.i and head.tag_ in ("VBD", "VBN"):
            return "past"
        return "present"
    return "past"
