"""Event candidates from the dependency parse: a predicate, its source and target actors.

A candidate is a predicate token with an actor as its subject (or as the first of two conjoined
subjects) and an actor as its object, as the object of a party preposition ("with", "against"),
or as the second conjoined subject ("Biden and Xi resumed talks"). Its type comes from the
predicate lexicon in data/events/predicates.tsv; a verb that governs another ("refused to allow
talks", "agreed to meet") gives its own type and the governed verb gives no event of its own.
Negated predicates ("did not meet") give no event.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from ..actors.resolve import PARTY_PREPS, ArticleActors
from ..data_tables import read_table
from ..schema import Actor
from .candidate import Candidate, PredicateType, is_negated
from .one_party import _counted, _one_party_act, _one_party_candidate, _seen_forces, _unnamed_attackers
from .speech_verbs import _called_wrong, _calls_a_thing, _inverted_speech, _judged_thing, _said_in_a_call, _told_to
from .tables import word_list

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, PredicateType]:
    table = {}
    for r in read_table("events/predicates.tsv"):
        table[r["pattern"].strip()] = PredicateType(r["cameo"].strip(), r["plover"].strip(),
                                                    (r.get("mode") or "").strip() or None, r["control"].strip() == "1",
                                                    r["pattern"].strip())
    return table


def _lookup(token: Token) -> PredicateType | None:
    table = lexicon()
    lemma = token.lemma_.lower()
    for child in token.children:
        # "gave the agency 14 days": the parser may take the second object for an adverbial
        if child.dep_ in {"dobj", "attr", "nsubjpass", "npadvmod"} and f"{lemma}:{child.lemma_.lower()}" in table:
            return table[f"{lemma}:{child.lemma_.lower()}"]
    for child in token.children:
        if child.dep_ in {"prt", "prep", "advmod"} and f"{lemma} {child.lower_}" in table \
                and not (child.dep_ == "prep" and any(p.ent_type_ in {"DATE", "TIME"} for p in child.children)):
            # "called on Monday" is no "call on"
            return table[f"{lemma} {child.lower_}"]
    if f"{lemma} back" in table and token.pos_ == "VERB" and _clause_backs(token):
        return table[f"{lemma} back"]
    if lemma not in table and _joint_object(token):
        return JOINT_ACT  # "Malaysia and Vietnam made a joint submission"
    return table.get(lemma)


# Two parties doing one thing together ("a joint submission", "joint patrols"): material
# cooperation, whatever the verb (a light one, mostly: made, filed, held, launched).
JOINT_ACT = PredicateType("060", "COOPERATE", None, False, "verb:joint")


def _joint_object(token: Token) -> bool:
    """A verb with conjoined subjects whose object is a "joint" thing."""
    if token.pos_ != "VERB" or not any(c.dep_ == "nsubj" and any(g.dep_ == "conj" for g in c.children)
                                       for c in token.children):
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() not in JOINT_WORDS
               and any(m.dep_ == "amod" and m.lower_ == "joint" for m in c.children) for c in token.children)


JOINT_WORDS = {"statement", "declaration", "communique", "appeal", "letter"}  # said together: speech


def _subject(token: Token) -> Token | None:
    """The subject of a predicate, inherited through conjunction and control ("refused to ...",
    "is ready to accept")."""
    seen = 0
    while token is not None and seen < 6:
        seen += 1
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ == "WDT" or child.lower_ in {"who", "which", "that"}:
                    return token.head if token.dep_ == "relcl" else None
                return child
        if token.dep_ == "xcomp" and token.head != token:
            # "prompted France to recall its ambassador": the object of the governing verb acts
            controller = next((c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i), None)
            if controller is not None:
                return controller
        if token.dep_ in {"conj", "xcomp", "advcl", "acomp"} and token.head != token:
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
    if not any(c.dep_ in OBJECT_DEPS for c in token.children):
        # "killed and injured 1,000 fighters": conjoined verbs share the object of the last
        heads += [v for v in token.conjuncts if v.i > token.i and v.pos_ == "VERB"
                  and not any(c.dep_ in SUBJECT_DEPS for c in v.children)]
    going = token.lemma_.lower() in word_list("motion_verbs.txt")
    for head in heads:
        for child in head.children:
            if (head == token or head.pos_ == "VERB") and child.dep_ == "dative" and child.pos_ == "ADP":
                # "granted bail to X": the parser's dative "to" holds the party
                found.extend(t for p in child.children if p.dep_ == "pobj" for t in _conjuncts(p))
            elif (head == token or head.pos_ == "VERB") and child.dep_ in OBJECT_DEPS:
                found.extend(_conjuncts(child))
            elif child.dep_ == "prep" and child.lower_ in PARTY_PREPS:
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    if going and head == token and child.lower_ in DESTINATION_PREPS and pobj.ent_type_ != "PERSON":
                        continue  # "returned to Cairo": where to, not whom
                    found.extend(_conjuncts(pobj))
    return found


DESTINATION_PREPS = {"to", "from", "into", "toward", "towards"}


NOT_PARTIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


def _actor(actors: ArticleActors, token: Token) -> Actor | None:
    if token.ent_type_ in NOT_PARTIES:
        return None
    found = actors.actors_at(token)
    return found[0] if found else None


def _governor(token: Token) -> Token | None:
    """The control verb above this one ("refused" above "allow"), if it is one in the lexicon."""
    if token.dep_ == "conj" and token.head != token:
        return _governor(token.head)  # "warned X not to interfere ... and to respect ..."
    head = token.head
    if token.dep_ in {"xcomp", "ccomp"} and head != token:
        entry = _lookup(head)
        if entry and entry.control:
            return head
    return None


def own_side(a: Actor, b: Actor) -> bool:
    """"Egypt recalled its ambassador": a country and its own people or body are one side."""
    return bool(a.country) and a.country == b.country and "country" in (a.kind, b.kind)


def _passive(token: Token) -> Token | None:
    """The patient of a passive predicate: "X was arrested", "a journalist arrested over ..."."""
    for child in token.children:
        if child.dep_ == "nsubjpass":
            return child
    if token.tag_ == "VBN" and token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return token.head
    if token.tag_ == "VBN" and token.dep_ in {"xcomp", "acomp", "oprd", "advcl"} and token.head.lemma_.lower() in STANCE_VERBS:
        # "two soldiers stand accused of ...", "the reporter remains detained": the subject is
        # the one it befell
        return next((c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return None


STANCE_VERBS = {"stand", "remain", "stay"}


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


CUSTODY_NOUNS = {"custody", "detention", "confinement", "prison", "jail", "captivity"}
IN_CUSTODY = PredicateType("173", "COERCE", None, False, "held:custody")


def _in_custody(token: Token, sentence: Span, actors: ArticleActors) -> Candidate | None:
    """"has been in custody since Feb. 24", "has been held in solitary confinement since 2020":
    a detention by the authorities of the place, dated from its start."""
    lemma = token.lemma_.lower()
    if lemma not in {"be", "hold", "keep", "remain"}:
        return None
    if not any(c.dep_ == "prep" and c.lower_ == "in" and any(
            p.dep_ == "pobj" and p.lemma_.lower() in CUSTODY_NOUNS for p in c.children) for c in token.children):
        return None
    person = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if person is None or (lemma in {"hold", "keep"} and person.dep_ != "nsubjpass"):
        return None
    target = _actor(actors, person)
    if target is None or target.kind != "person":
        return None
    source = implied_authorities(actors, token, target)
    if source is None or not source.country:
        return None
    return Candidate(token, source, target, sentence, IN_CUSTODY, is_negated(token), source_token=None,
                     target_token=person, implied_source=True)


def _group_at_home(token: Token, country: str | None, actors: ArticleActors) -> Actor | None:
    """A group the text places nowhere ("a terrorist cell") taken as of the country where it is
    acted on."""
    if country is None:
        return None
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ in {"amod", "compound"} or t.i == token.i]
    actor = Actor(name=" ".join(t.text for t in words), country=country, kind="group")
    return actors.other(actor)


REMOVAL_VERBS = {"oust", "topple", "overthrow", "depose", "unseat"}


def implied_authorities(actors: ArticleActors, token: Token, target: Actor | None) -> Actor | None:
    """Who arrests, jails or deports when the text does not say: the authorities of the place
    (a place after the predicate or in its phrase, else the article's one country), else of the
    patient's country."""
    country = actors.act_country(token)
    if token.lemma_.lower() in REMOVAL_VERBS and target is not None and target.country:
        country = target.country  # a leader is ousted by his own country's army or rivals
    if country is None and target is not None and target.kind != "person":
        country = target.country
    # with no country here, the story's main country may place them later (events/context.py)
    name = f"{actors.kb.country_name(country)} authorities" if country else "authorities"
    actor = Actor(name=name, country=country, sectors=["GOV"], role="authorities", kind="organization")
    return actors.other(actor)


def _clause_backs(token: Token) -> list[Token]:
    """"sent 109, most of them men, back to China": the parser may hang "back" on the object's
    apposition; any "back" of the verb's own clause (no other verb between) is the verb's."""
    return [t for t in token.subtree if t.lower_ == "back" and t.dep_ == "advmod" and not any(
        a.pos_ in {"VERB", "AUX"} for a in t.ancestors if a.i != token.i and token in a.ancestors)]


def _destination(token: Token, actors: ArticleActors) -> tuple[Actor, Token] | None:
    """"deported 40 migrants to Nigeria": for a verb of sending people back, the country they
    are sent to is the other party."""
    if token.lemma_.lower() not in word_list("sending_verbs.txt"):
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"to", "back", "into"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = actors.actors_at(pobj)
                    if found and found[0].country:
                        return found[0], pobj
    for back in _clause_backs(token):
        for prep in back.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                for pobj in prep.children:
                    found = actors.actors_at(pobj) if pobj.dep_ == "pobj" else []
                    if found and found[0].country:
                        return found[0], pobj
    return None


def find_candidates(sentence: Span, actors: ArticleActors) -> list[Candidate]:
    from .nominal import nominal_candidates

    out: list[Candidate] = []
    for token in sentence:
        if token.pos_ == "NOUN" and token.dep_ != "ROOT":
            out.extend(nominal_candidates(token, sentence, actors))
            continue
        if token.pos_ not in {"VERB", "AUX"} and not (token.pos_ == "NOUN" and token.dep_ in {"ROOT"}):
            continue
        lemma = token.lemma_.lower()
        custody = _in_custody(token, sentence, actors)
        if custody is not None:
            out.append(custody)
            continue
        if lemma in word_list("nonevent_verbs.txt"):
            continue
        entry = _lookup(token)
        if entry is None:
            entry = _court_act(token)
        if lemma in word_list("speech_verbs.txt") and (entry is None or entry.pattern == lemma):
            entry = _said_in_a_call(token) or _told_to(token)
            if entry is None:
                continue  # speech only, unless said in a call or meeting ("told X in a phone call")
        governor = _governor(token)
        if governor is not None:
            # "refused to allow talks": the refusal is the event, typed by the control verb.
            continue
        if _light_verb(token) and (entry is None or (not entry.control and entry.plover == _light_verb(token))):
            continue
        if _inverted_speech(token):
            continue
        if lemma == "call" and any(c.dep_ in {"oprd", "ccomp", "xcomp"} for c in token.children) \
                and not _callee_as_name(token):
            entry = _called_wrong(token)
            if entry is None:
                continue  # "calling him an influencer": naming, not a call
        elif lemma == "call" and _calls_a_thing(token, actors):
            # "called the senator's use of email servers 'extremely careless'": one calls people,
            # not a use or a decision; a judgement in the phrase accuses, else it is naming
            entry = _judged_thing(token)
            if entry is None:
                continue
        patient = _passive(token)
        if patient is not None and _seen_forces(token, patient):
            # "250 Chinese vessels had been spotted near reefs Manila claims": a show of force
            source = _actor(actors, _counted(patient)) or _actor(actors, patient)
            if source is not None:
                out.append(_one_party_candidate(token, patient, source, "MOBILIZE", sentence, actors))
            continue
        if patient is not None:
            cand = _passive_candidate(token, patient, sentence, actors, entry)
            if cand is not None:
                out.append(cand)
            continue
        subject = _subject(token)
        if subject is None:
            continue
        if lemma in word_list("motion_verbs.txt") and _helpers(subject):
            out.extend(_helpers_arrived(token, subject, sentence, actors))
            continue
        subjects = _conjuncts(subject)
        if entry is None or entry.plover == "ASSAULT":
            alone = _one_party_act(token, subject)
            source = _actor(actors, _counted(subject)) or _actor(actors, subject)
            unnamed = alone == "ASSAULT" and source is None
            if unnamed:
                source = _unnamed_attackers(_counted(subject), token, actors)  # "gunmen stormed a hotel"
            if alone is not None and source is not None and (entry is None or unnamed):
                out.append(_one_party_candidate(token, subject, source, alone, sentence, actors))
                continue
        source = _actor(actors, subjects[0])
        if source is None and entry is not None and entry.plover in {"PROTEST", "MOBILIZE", "ASSAULT"}:
            source = _actor(actors, _counted(subjects[0]))  # "thousands of Kenyans protested"
        if source is None:
            continue
        if subjects[0].lemma_.lower() in SPEAKERS_FOR:
            source = _spokesman_for(subjects[0], actors) or source
        target, target_token = None, None
        if entry is not None and entry.pattern == "conference:with":
            # the one the conference is held with, never the reporters told
            partners = [p for t in token.subtree if t.dep_ == "prep" and t.lower_ == "with"
                        for p in t.children if p.dep_ == "pobj"]
            found = next(((a, p) for p in partners for a in [_actor(actors, p)]
                          if a is not None and a.actor_id != source.actor_id), None)
            if found is None:
                continue
            target, target_token = found
        sent_to = _destination(token, actors) if target is None else None
        if sent_to is not None and sent_to[0].actor_id != source.actor_id:
            target, target_token = sent_to
        for obj in ([] if target is not None else _object_tokens(token) + _governed_objects(token)):
            candidate = _actor(actors, obj) or _the_others(obj, source, actors)
            if candidate is not None and entry is not None and entry.plover == "MOBILIZE" \
                    and candidate.country == source.country:
                continue  # "sent 10,000 troops to the border": the forces moved, not whom at
            if candidate is not None and candidate.actor_id != source.actor_id and not own_side(source, candidate):
                target, target_token = candidate, obj
                break
        if target is None and entry is not None and entry.cameo == "161":
            target, target_token = _posted_to(token, source, actors)  # "recalled its ambassador"
        if target is None and entry is not None and ":" in entry.pattern and entry.plover == "COERCE":
            # "broke up a terrorist cell": the lexicon names the object as the party acted on
            target_token = next((c for c in token.children if c.dep_ == "dobj"), None)
            target = _group_at_home(target_token, source.country, actors) if target_token is not None else None
        joint = False
        if target is None and len(subjects) > 1:
            second = _actor(actors, subjects[1])
            if second is not None and second.actor_id != source.actor_id:
                target, target_token, joint = second, subjects[1], True
        if target is None:
            # a clause's subject owns what is welcomed ("welcomed the announcement that Ukraine
            # agreed"), not what is denied ("rebuffed fears that the tariffs would ...")
            owned = _owner(token, actors, clause=entry is not None and entry.plover == "SUPPORT")
            if owned is not None and owned[0].actor_id != source.actor_id:
                target, target_token = owned
        if target is None:
            aimed = _aimed_at(token, actors, source)  # "mobilize protests to push the president out"
            if aimed is not None:
                target, target_token = aimed
        if target is None and entry is not None and entry.plover == "REJECT":
            answered = _responded_to(token, actors)  # "rejected the accusations, responding to Y's statement"
            if answered is not None and answered[0].actor_id != source.actor_id:
                target, target_token = answered
            if target is None:
                target, target_token = _international_ruling(token, actors)
            if target is None:
                target, target_token = _accuser(token, source, actors)
            if target is None and entry is COURT_REJECTION and source.country:
                target = Actor(name=f"{actors.kb.country_name(source.country)} government", country=source.country,
                               sectors=["GOV"], role="government", kind="organization")
                target, target_token = actors.other(target), token
        if target is None and subjects[0].ent_type_ not in NOT_PARTIES:
            # One phrase, two parties: "Hungarian and Romanian officials", "the two ministers".
            group = actors.actors_at(subjects[0])
            if len(group) > 1 and group[1].actor_id != source.actor_id:
                target, target_token = group[1], subjects[0]
        if target is None and entry is not None and entry.plover == "PROTEST" and entry.pattern == lemma:
            # "thousands of Sudanese protested": against the authorities of the place
            out.append(_one_party_candidate(token, subject, source, "PROTEST", sentence, actors))
            continue
        if target is None and entry is not None and entry.plover == "ASSAULT" and _one_party_act(token, subject) == "ASSAULT":
            # "gunmen stormed a hotel": attackers strike the place's people
            out.append(_one_party_candidate(token, subject, source, "ASSAULT", sentence, actors))
            continue
        if entry is not None and entry.mode == "visit" and lemma in {"receive", "host", "welcome"} and (
                target_token is None or target_token.dep_ != "dobj"):
            continue  # "received contracts", "hosted a conference": no guest, no visit
        out.append(Candidate(token, source, target, sentence, entry, is_negated(token),
                             source_token=subjects[0], target_token=target_token, joint=joint))
        if target is not None and not joint:
            out.extend(_coordinated(out[-1], subjects, target_token, actors))
    return out


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _the_others(token: Token, source: Actor, actors: ArticleActors) -> Actor | None:
    """"with the other three countries": the others of the last list of that many plus one
    countries, the source among them, named before ("Japan, the United States, Australia and
    India")."""
    if token.lemma_.lower() != "country" or not any(c.lower_ == "other" for c in token.children):
        return None
    count = next((NUMBER_WORDS.get(c.lower_) for c in token.children if c.dep_ == "nummod"), None)
    for t in reversed(token.doc[max(0, token.sent.start - 300):token.sent.start]):
        if t.dep_ == "conj" or not t.conjuncts:
            continue
        listed = []
        for member in [t] + [c for c in t.conjuncts if c.i > t.i]:
            found = [a for a in actors.actors_at(member) if a.kind == "country"]
            if found and found[0].actor_id not in {a.actor_id for a in listed}:
                listed.append(found[0])
        ids = [a.actor_id for a in listed]
        if source.actor_id in ids and len(listed) >= 3 and (count is None or len(listed) == count + 1):
            return next(a for a in listed if a.actor_id != source.actor_id)
    return None


# A court's order that a party do something is a demand (PLOVER REQUEST, CAMEO 100).
COURT_ORDER = PredicateType("100", "REQUEST", None, False, "order:court")
COURT_WORDS = {"court", "tribunal", "judge", "justice"}


def _court_act(token: Token) -> PredicateType | None:
    if token.lemma_.lower() not in {"order", "rule"}:
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in COURT_WORDS:
        return None
    if token.lemma_.lower() == "rule":
        # "the High Court ruled that closing the camp would be unconstitutional": the court
        # rejects what the government does
        unlawful = any(t.lemma_.lower() in word_list("condemning_adjectives.txt")
                       for c in token.children if c.dep_ == "ccomp" for t in c.subtree)
        return COURT_REJECTION if unlawful else None
    # "ordered schools to admit ...": a demand; "ordered him back to prison" is a jailing
    return COURT_ORDER if any(c.dep_ == "xcomp" for c in token.children) else None


COURT_REJECTION = PredicateType("120", "REJECT", None, False, "rule:unlawful")
RULINGS = {"ruling", "verdict", "judgment", "judgement", "award", "decision"}
INTERNATIONAL = {"arbitral", "arbitration", "international", "tribunal"}


def _posted_to(token: Token, source: Actor, actors: ArticleActors) -> tuple[Actor | None, Token | None]:
    """Whom recalling an ambassador is aimed at: the country the envoy is posted to ("its
    ambassador to Turkey"), else the one other country the sentence names."""
    for obj in token.children:
        if obj.dep_ == "dobj":
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in {"to", "in", "from"}:
                    for pobj in prep.children:
                        found = [a for a in actors.actors_at(pobj) if a.country and a.country != source.country]
                        if found:
                            return found[0], pobj
    others = {}
    for t in token.sent:
        if t.pos_ in {"PROPN", "NOUN"} and t.i != token.i:
            for a in actors.actors_at(t):
                if a.country and len(a.country) == 3 and a.country not in {source.country, "IGO", "NGO", "MNC"}:
                    others.setdefault(a.country, (a, t))
    if len(others) == 1:
        return next(iter(others.values()))
    return None, None


def _prosecutors(actors: ArticleActors) -> Actor | None:
    """Who accuses when a trial story does not say: the prosecutors of the court's country."""
    court = actors.court_country()
    if court is None:
        return None
    actor = Actor(name=f"{actors.kb.country_name(court)} prosecutors", country=court, sectors=["JUD"],
                  role="prosecutors", kind="organization")
    return actors.other(actor)


def _accuser(token: Token, source: Actor, actors: ArticleActors) -> tuple[Actor | None, Token | None]:
    """"Tehran called the allegations baseless": a denial of claims no one is named for answers
    the last accusation the story told against the denier's country."""
    claims = [c for c in token.subtree if c.lemma_.lower() in word_list("claim_nouns.txt") and c.pos_ == "NOUN"]
    if not claims or not source.country or any(
            c.dep_ in {"poss", "prep"} for claim in claims for c in claim.children if c.lower_ not in {"of", "about"}):
        return None, None
    doc = token.doc
    for i in range(token.i - 1, max(-1, token.i - 400), -1):
        verb = doc[i]
        if verb.pos_ != "VERB" or verb.sent.start == token.sent.start and verb.i > token.i:
            continue
        entry = _lookup(verb)
        if entry is None or entry.plover != "ACCUSE":
            continue
        accused = [a for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} for a in [_actor(actors, c)]
                   if a and a.country]
        subject = _agent(verb) if _passive(verb) is not None else _subject(verb)
        accuser = _actor(actors, subject) if subject is not None else None
        if accuser is None and subject is None and _passive(verb) is not None:
            accuser = _prosecutors(actors)  # "operatives were accused of ..." in a trial story
        if accused and accuser is not None and accuser.country and accused[0].country == source.country \
                and accuser.country != source.country:
            return accuser, subject if subject is not None else verb
    return None, None


def _international_ruling(token: Token, actors: ArticleActors) -> tuple[Actor | None, Token | None]:
    """"rejected the arbitral ruling": the international tribunal that made it (IGO)."""
    for obj in token.children:
        if obj.dep_ == "dobj" and obj.lemma_.lower() in RULINGS and \
                any(c.dep_ in {"amod", "compound"} and c.lower_ in INTERNATIONAL for c in obj.children):
            actor = Actor(name="international tribunal", country="IGO", sectors=["JUD"], kind="organization")
            return actors.other(actor), obj
    return None, None


# Who arrives to help aids the country they come to (PLOVER AID, CAMEO 070).
HELPERS_ARRIVED = PredicateType("070", "AID", None, False, "arrive:helpers")


def _helpers(subject: Token) -> bool:
    """"firefighters", "aid workers", "reinforcements": people sent to help (data/events/aid_personnel.txt)."""
    names = word_list("aid_personnel.txt")
    lemma = subject.lemma_.lower()
    compound = next((c.lemma_.lower() for c in subject.children if c.dep_ == "compound"), None)
    return lemma in names or (compound is not None and f"{compound} {lemma}" in names)


def _helpers_arrived(token: Token, subject: Token, sentence: Span, actors: ArticleActors) -> list[Candidate]:
    """"Reinforcements have arrived from Canada and New Zealand", "Canadian firefighters arrived
    in Australia": AID from the country they come from to the one they come to (named after
    "in" or "to", else the story's own country)."""
    sources: list[Token] = []
    for mod in subject.children:  # "Canadian firefighters", "firefighters from Canada"
        if mod.dep_ in {"amod", "compound", "nmod", "poss"} and mod.i < subject.i:
            sources.append(mod)
        if mod.dep_ == "prep" and mod.lower_ == "from":
            sources.extend(t for p in mod.children if p.dep_ == "pobj" for t in _conjuncts(p))
    target, target_token = None, None
    for child in token.children:
        if child.dep_ != "prep":
            continue
        pobjs = [t for p in child.children if p.dep_ == "pobj" for t in _conjuncts(p)]
        if child.lower_ == "from":  # "from overseas, including Canada": the places listed
            pobjs += [t for p in child.children for q in p.children if q.dep_ == "prep" and q.lower_ == "including"
                      for o in q.children if o.dep_ == "pobj" for t in _conjuncts(o)]
        if child.lower_ in {"from", "including"}:
            sources.extend(pobjs)
        elif child.lower_ in {"in", "to", "into"} and target is None:
            for pobj in pobjs:
                found = [a for a in actors.actors_at(pobj) if a.country]
                if found:
                    target, target_token = found[0], pobj
                    break
    if target is None:
        country = actors.article_country()
        if country is None:
            return []
        target = Actor(name=actors.kb.country_name(country), country=country, kind="country")
        target = actors.other(target)
    out, seen = [], set()
    for token_from in sources[:MAX_COORDINATED + 1]:
        source = _actor(actors, token_from)
        if source is None or not source.country or source.country == target.country or source.country in seen:
            continue
        seen.add(source.country)
        out.append(Candidate(token, source, target, sentence, HELPERS_ARRIVED, is_negated(token),
                             source_token=token_from, target_token=target_token))
    return out


MAX_COORDINATED = 3


def _coordinated(cand: Candidate, subjects: list[Token], target_token: Token, actors: ArticleActors) -> list[Candidate]:
    """"The United States and the UN condemned Thailand", "condemned Thailand and Laos": each
    conjoined subject is a source and each conjoined object a target of the same act."""
    more: list[Candidate] = []
    seen = {(cand.source.actor_id, cand.target.actor_id)}
    sources = [(cand.source, cand.source_token)] + [(a, t) for t in subjects[1:MAX_COORDINATED]
                                                    for a in [_actor(actors, t)] if a is not None]
    targets = [(cand.target, target_token)] + [(a, t) for t in target_token.conjuncts if t.i > target_token.i
                                               for a in [_actor(actors, t)] if a is not None][:MAX_COORDINATED - 1]
    for source, s_token in sources:
        for target, t_token in targets:
            key = (source.actor_id, target.actor_id)
            if key in seen or source.actor_id == target.actor_id or own_side(source, target):
                continue
            seen.add(key)
            more.append(Candidate(cand.predicate, source, target, cand.sentence, cand.lexicon, cand.negated,
                                  source_token=s_token, target_token=t_token))
    return more


def _passive_candidate(token: Token, patient: Token, sentence: Span, actors: ArticleActors,
                       entry: PredicateType | None) -> Candidate | None:
    """"X was arrested by police": the agent is the source and the subject the target. Without an
    agent, only a verb of state coercion ("was jailed", "were deported") has a source: the
    authorities of the context."""
    if patient.lower_ in {"who", "which", "that"} and token.dep_ == "relcl" and token.head.pos_ in {"NOUN", "PROPN"}:
        patient = token.head  # "Porras, who was sanctioned by the EU": the one the clause is about
    target = None if patient.lower_ in {"who", "which", "that"} else _actor(actors, patient)
    if target is None and entry is not None and ":" in entry.pattern and entry.plover == "COERCE":
        # "a cell was dismantled in Seville": a group acted on where it was found
        target = _group_at_home(patient, actors.context_country(token), actors)
    agent = _agent(token)
    sent_to = _destination(token, actors)
    if sent_to is not None:
        target, patient = sent_to
    if target is None:
        return None
    implied = False
    if agent is not None:
        source = _actor(actors, agent)
        source_token = agent
    else:
        source, source_token = None, None
        if token.lemma_.lower() in word_list("coercion_verbs.txt"):
            source = _from_party(token, actors) or implied_authorities(actors, token, target)
            implied = True
        elif token.lemma_.lower() in {"accuse", "charge", "indict"} and entry is not None:
            source = _prosecutors(actors)  # "were accused of plotting ..." told in a trial story
            implied = source is not None
    if source is None or source.actor_id == target.actor_id:
        return None
    return Candidate(token, source, target, sentence, entry, is_negated(token),
                     source_token=source_token, target_token=patient, implied_source=implied)


def _from_party(token: Token, actors: ArticleActors) -> Actor | None:
    """"was expelled from the party": the body one is expelled from acts."""
    if token.lemma_.lower() not in {"expel", "oust", "remove", "ban", "bar", "suspend", "dismiss"}:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = actors.actors_at(pobj)
                    if found and found[0].kind != "country":
                        party = found[0]
                        if party.country is None:
                            # a party or body the tables do not know: of the context's country
                            country = actors.context_country(token)
                            if country is None:
                                return None
                            party = Actor(name=party.name, country=country, sectors=list(party.sectors),
                                          role=party.role, kind=party.kind)
                            party = actors.other(party)
                        return party
    return None


def _spokesman_for(subject: Token, actors: ArticleActors) -> Actor | None:
    """"A spokesman for the president": one who speaks for an actor the text places is of that
    actor's side (not "an envoy to", "a critic of")."""
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for pobj in prep.children:
                found = [a for a in actors.actors_at(pobj) if a.country] if pobj.dep_ == "pobj" else []
                if found:
                    return found[0]
    return None


# Who speaks for another ("a spokesman for the president"; not "the envoy for Syria").
SPEAKERS_FOR = {"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer", "attorney"}
RESPONSE_VERBS = {"respond", "react", "reply", "answer"}


def _responded_to(token: Token, actors: ArticleActors) -> tuple[Actor, Token] | None:
    """"rejected the accusations while responding to the statement by the Taliban chief": who is
    answered is whom the rejection is aimed at (the party itself, or whose statement it is)."""
    for verb in token.children:
        if verb.dep_ not in {"advcl", "prep", "pcomp"} or verb.lemma_.lower() not in RESPONSE_VERBS:
            continue
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ != "to":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                found = [a for a in actors.actors_at(pobj) if a.country]
                if found:
                    return found[0], pobj
                for mod in pobj.children:
                    if mod.dep_ == "poss" or (mod.dep_ == "prep" and mod.lower_ in {"by", "from", "of"}):
                        owners = [mod] if mod.dep_ == "poss" else [p for p in mod.children if p.dep_ == "pobj"]
                        for owner in owners:
                            found = [a for a in actors.actors_at(owner) if a.country]
                            if found:
                                return found[0], owner
    return None


def _owner(token: Token, actors: ArticleActors, clause: bool = False) -> tuple[Actor, Token] | None:
    """"rejected Beijing's claims", "welcomed the Chilean proposal": the country whose thing
    the object is, when the object itself is no actor."""
    for child in token.children:
        if child.dep_ not in {"dobj", "pobj"} and not (child.dep_ == "prep" and child.lower_ in {"with", "against"}):
            continue
        objs = [child] if child.dep_ == "dobj" else [c for c in child.children if c.dep_ == "pobj"]
        for obj in objs:
            if obj.pos_ not in {"NOUN"} or actors.actors_at(obj):
                continue
            for mod in obj.children:
                if mod.dep_ == "prep" and mod.lower_ in {"of", "by", "with"} and mod.i > obj.i:
                    # "praised the withdrawal of U.S. troops", "the statement by the Taliban chief"
                    for pobj in mod.children:
                        found = [a for a in actors.actors_at(pobj) if a.country] if pobj.dep_ == "pobj" else []
                        if found:
                            return found[0], pobj
                if clause and mod.dep_ in {"acl", "ccomp"} and mod.i > obj.i:
                    # "welcomed the announcement that Ukraine had agreed": whose act it names
                    for subj in mod.children:
                        found = [a for a in actors.actors_at(subj) if a.country] if subj.dep_ == "nsubj" else []
                        if found:
                            return found[0], subj
                if mod.i < obj.i and mod.dep_ in {"poss", "amod", "compound", "nmod"}:
                    found = [a for a in actors.actors_at(mod) if a.country]
                    if not found:
                        found = [Actor(name=actors.kb.country_name(c), country=c, kind="country")
                                 for c, _ in actors.countries_in(list(mod.subtree))]
                        found = [actors.other(a) for a in found]
                    if found:
                        return found[0], mod
    return None


def _callee_as_name(token: Token) -> bool:
    """"called Ugandan leader Yoweri Museveni": the parser reads the callee as a name given (no
    object, a person as the complement); it is a call."""
    return not any(c.dep_ == "dobj" for c in token.children) and any(
        c.dep_ == "oprd" and c.ent_type_ == "PERSON" for c in token.children)


def _aimed_at(token: Token, actors: ArticleActors, source: Actor) -> tuple[Actor, Token] | None:
    """The party an act is aimed at, told by its purpose ("mobilize protests to push the president
    out of office"): the purpose infinitive's object."""
    for clause in token.children:
        if clause.dep_ not in {"advcl", "xcomp"} or clause.pos_ != "VERB" or not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        for obj in clause.children:
            if obj.dep_ == "dobj":
                found = [a for a in actors.actors_at(obj) if a.country and a.actor_id != source.actor_id]
                if found:
                    return found[0], obj
    return None


def _light_verb(token: Token) -> str | None:
    """"imposed tariffs on X", "launched an attack on X": the event noun is the event (its
    type, or None). A verb of another type stays an event of its own ("praised the summit")."""
    from .nominal import nouns

    objects = [c for c in token.children if c.dep_ == "dobj"]
    # only the verb's own object: "met X on Monday, the first visit ..." (a second object the
    # parser hung on) leaves "met" an event of its own
    if objects and objects[0].pos_ == "NOUN" and objects[0].lemma_.lower() in nouns():
        return nouns()[objects[0].lemma_.lower()].plover
    return None


def _governed_objects(token: Token) -> list[Token]:
    """For a control verb, the objects of the verb it governs ("refused to meet X")."""
    found = []
    for child in token.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            if child.dep_ == "ccomp" and entry_is_control(token):
                # "demanded that Beijing remove its ships": who is asked is the clause's subject
                found.extend(c for c in child.children if c.dep_ == "nsubj")
            found.extend(_object_tokens(child))
    return found


def entry_is_control(token: Token) -> bool:
    entry = _lookup(token)
    return bool(entry and entry.control)
