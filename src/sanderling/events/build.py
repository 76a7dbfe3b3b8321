"""From candidates to Event records: type, CAMEO, Goldstein, date, place; one event per story.

The same event reported in several sentences (a call in the headline, the lead and a later
paragraph) becomes one event with several mentions: events merge when they share type (or close
types: events/linking.py), the two parties (in either order) and date.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span

from ..actors.resolve import PARTY_PREPS, ArticleActors
from ..schema import Actor, Article, Event, Evidence, TimeValue
from ..places import Gazetteer, place_for_predicate, shared_gazetteer
from ..time import is_background
from ..time.event import DECISION_VERBS
from . import ontology
from .detect import Candidate, PredicateType, _lookup, find_candidates
from .linking import type_group
from .context import place_parties
from .factuality import MODALS, negated, not_factual
from .tables import word_list

# What a speaker reports stays a fact as reported ("officials said the strike killed ..."); the
# verbs of reporting, plus the cue verbs that also report.
STATEMENT_VERBS = word_list("speech_verbs.txt") | word_list("report_verbs.txt")

# What a promise turns into a threat when it is promised now (PLOVER's THREATEN).
HOSTILE_TYPES = {"MOBILIZE", "ASSAULT", "COERCE", "SANCTION", "PROTEST"}

# A joint act the lexicon does not know must be a sure guess of the classifier.
JOINT_MIN_CONFIDENCE = 0.8

# What a state does to people of its own (arrests, jailing, bans, accusations in court, bail).
STATE_ACTION_TYPES = {"COERCE", "SANCTION", "ACCUSE", "CONCEDE"}

# Types an actor does alone: a protest, a deployment, an organisation's own meeting.
ONE_PARTY_TYPES = {"PROTEST", "MOBILIZE"}

# A control verb with a consult predicate under it has a CAMEO code of its own:
# "refused to meet" is 125, "agreed to meet" 036, "called for talks" 106.
CONTROL_OVER_CONSULT = {"REJECT": "125", "AGREE": "036", "REQUEST": "106"}


def _has_verb(sentence: Span) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in sentence)


def _governed_consult(token) -> bool:
    for child in token.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            entry = _lookup(child)
            if entry and entry.plover == "CONSULT":
                return True
            if any(g.dep_ in {"dobj", "nsubjpass"} and g.lemma_.lower() in {"talk", "meeting", "negotiation", "dialogue"}
                   for g in child.children):
                return True
    return False


@dataclass(slots=True)
class Typed:
    """What a candidate is: its PLOVER type, CAMEO code, mode and how sure we are."""

    plover: str
    cameo: str | None
    mode: str | None
    confidence: float
    by: str  # lexicon | classifier | rule


def _phrase(token) -> tuple[int, int]:
    """Character span of the noun phrase an actor token heads (its left modifiers and itself)."""
    return token.left_edge.idx if token.left_edge.i <= token.i else token.idx, token.idx + len(token.text)


class EventBuilder:
    """Candidates from the parse, typed by the predicate lexicon and the trained classifier.

    The lexicon decides where it is sure by construction: control verbs ("refused to",
    "threatened to", "agreed to") and the predicates it lists. The classifier types the other
    candidates, and only those it is confident about become events.
    """

    # The coder types with the classifier's linear model alone. Its MiniLM cascade adds 0.06
    # macro-F1 on PLV_test (one sentence, actors given: `sanderling classify` keeps it) but took
    # 40% of the coder's time on news, and on the news development set changed 1 of 135 events.
    def __init__(self, classifier=None, gazetteer: Gazetteer | None = None, min_confidence: float = 0.6,
                 use_classifier: bool = True, use_minilm: bool = False):
        self.classifier = classifier
        self.gazetteer = gazetteer
        self.min_confidence = min_confidence
        self.use_classifier = use_classifier
        self.use_minilm = use_minilm

    def setup(self, nlp=None) -> "EventBuilder":
        if self.classifier is None and self.use_classifier:
            from .classifier import EventClassifier

            self.classifier = EventClassifier(nlp=nlp)
        if self.classifier is not None:
            self.classifier.setup()
            from .eventness import EventnessModel  # "event or no event" for the classifier's types

            self.eventness = EventnessModel(extractor=getattr(self.classifier, "extractor", None)).setup() \
                if EventnessModel.available() else None
        self.gazetteer = (self.gazetteer or shared_gazetteer()).setup()
        return self

    def build(self, doc: Doc, article: Article, actors: ArticleActors, published: date | None) -> list[Event]:
        context = sorted({a.country for a in actors.all() if a.country and len(a.country) == 3})
        main = actors.article_country()  # where unplaced courts, police and their people belong
        found: list[tuple[int, Candidate, Actor | None]] = []
        for index, sentence in enumerate(doc.sents):
            if not _has_verb(sentence):
                continue  # a headline fragment without a verb codes no event
            for cand in find_candidates(sentence, actors):
                refusal = _unwanted_meeting(cand)
                if refusal is not None:
                    # "does not want to meet X": a refusal to meet, told (and dated) by "want"
                    cand = replace(cand, predicate=cand.predicate.head, lexicon=refusal)
                elif cand.negated or _not_factual(cand):
                    continue
                cand.source, cand.target = place_parties(cand.source, cand.target, main, actors, people=False)
                target = self._target(cand, actors)
                if target is not None or _may_stand_alone(cand):
                    found.append((index, cand, target))
        typed = self._types([(cand, target) for _, cand, target in found])
        events, references = [], []
        for (index, cand, target), kind in zip(found, typed):
            if kind is None:
                continue
            if target is None and kind.plover not in ONE_PARTY_TYPES and not (
                    kind.plover == "CONSULT" and _among_themselves(cand)):
                continue
            if cand.joint and not _joint_type(cand, kind):
                continue  # "Poland and Germany count among ...": two subjects are no dyad
            if kind.plover == "NONE":
                continue  # the lexicon's non-events ("requested comment", "agreed with the remark")
            if kind.plover == "ASSAULT" and _words_against(cand, target):
                kind = Typed("ACCUSE", "111", None, kind.confidence, kind.by)  # "Erdogan attacked Macron"
            if kind.plover == "CONSULT" and _private_travel(cand.source, target):
                continue  # "Chinese tourists visited Vietnam": people travelling, no one met
            if kind.plover in HOSTILE_TYPES and _promised(cand) and not (
                    kind.plover == "SANCTION" and cand.predicate.head.lemma_.lower() in DECISION_VERBS):
                # "he said he would mobilize protests": a hostile act promised now is a threat; a
                # measure a government announces it will take is the measure ("announced that it
                # would halt aid")
                kind = Typed("THREATEN", "130", None, kind.confidence, kind.by)
            if kind.plover in STATE_ACTION_TYPES and target is not None:
                # "a court sentenced the publisher": the person it acts on is of its country
                cand.source, target = place_parties(cand.source, target, main, actors)
            event = self._event(cand, target, kind, index, article, published, context)
            events.append(event)
            references.append(cand.nominal)
            for year in _other_years(cand, event) if cand.nominal else ():
                # "two attacks in 2013 and 2015": one event a year
                events.append(replace(event, date=year, background=bool(published and is_background(
                    year, published, precision="year")), mentions=[], id=""))
                references.append(True)
        return merge_mentions(events, references)

    def _target(self, cand: Candidate, actors: ArticleActors) -> Actor | None:
        target = cand.target
        if target is None and cand.lexicon is not None and cand.lexicon.control:
            target = _other_party(cand, actors)
        if target is None and cand.lexicon is not None and cand.lexicon.plover in {"AID", "SANCTION"} \
                and not cand.nominal:
            # aid given, or a ban imposed, with no one named: on the country where it is given or
            # the story is about ("The U.S. has banned the supply of advanced chips")
            target = _aided_country(cand, actors)
        if target is None:
            return None
        # A domestic event (a court and a journalist, police and protesters) has two different
        # actors of one country; a bare country against itself is none.
        if target.actor_id == cand.source.actor_id:
            return None
        if target.country and target.country == cand.source.country and "country" in (target.kind, cand.source.kind):
            return None
        # A dyad needs two parties an analyst can place: a thing or a group with no country
        # ("a missile", "officials" with none named) is no party.
        if target.kind != "person" and not target.country:
            return None
        if not cand.source.country:
            # a source no analyst can place (a person the text gives no country) makes no event
            return None
        return target

    def _types(self, pairs: list[tuple[Candidate, Actor]]) -> list[Typed | None]:
        """Type every candidate of an article in one classifier batch."""
        out: list[Typed | None] = [None] * len(pairs)
        ask = []
        for i, (cand, target) in enumerate(pairs):
            entry = cand.lexicon
            if _governs_no_comment(cand.predicate):
                out[i] = Typed("NONE", None, None, 1.0, "rule")
                continue
            if entry is not None and entry.plover == "NONE":
                out[i] = Typed("NONE", None, None, 1.0, "lexicon")
                continue
            if target is None and entry is None and cand.predicate.lemma_.lower() not in word_list("reciprocal_words.txt"):
                continue  # one party and no lexicon entry: no one-party type to find (saves the classifier)
            if entry is not None:
                cameo = entry.cameo
                if entry.control and entry.plover in CONTROL_OVER_CONSULT and _governed_consult(cand.predicate):
                    cameo = CONTROL_OVER_CONSULT[entry.plover]
                out[i] = Typed(entry.plover, cameo, entry.mode, 0.8 if entry.control else 0.7, "lexicon")
            if self.classifier is not None and (entry is None or not entry.control):
                ask.append(i)
        if not ask:
            return out
        items = []
        for i in ask:
            cand, _ = pairs[i]
            item = {"doc": cand.sentence, "text": cand.sentence.text,
                    "source_span": _phrase(cand.source_token) if cand.source_token is not None else None,
                    "target_span": _phrase(cand.target_token) if cand.target_token is not None else None}
            items.append(item)
        # The lexicon's candidates only take the classifier's confidence: the linear model gives it
        # (the transformer would cost most of the time and change no type).
        typed = [n for n, i in enumerate(ask) if out[i] is not None]
        free = [n for n, i in enumerate(ask) if out[i] is None]
        guesses: list[dict] = [{}] * len(ask)
        for group, full in ((typed, False), (free, self.use_minilm)):
            for n, guess in zip(group, self.classifier.predict([items[n] for n in group], minilm=full)):
                guesses[n] = guess
        # the type classifier has no "no event": the eventness model drops its non-events
        keep = dict.fromkeys(ask, True)
        sure = [n for n in free if guesses[n]["confidence"] >= self.min_confidence]
        if getattr(self, "eventness", None) is not None and sure:
            for n, p in zip(sure, self.eventness.proba([items[n] for n in sure])):
                keep[ask[n]] = p >= self.eventness.threshold
        for i, guess in zip(ask, guesses):
            current = out[i]
            if current is not None:
                # The lexicon's predicate decides; the classifier only adds its confidence when it agrees.
                if ontology.root_type(guess["event_type"]) == ontology.root_type(current.plover):
                    current.confidence = max(current.confidence, guess["confidence"])
                continue
            if guess["confidence"] >= self.min_confidence and keep[i] and not _thinks_that(pairs[i][0].predicate):
                out[i] = Typed(guess["event_type"], guess.get("cameo"), None, guess["confidence"], "classifier")
        return out

    def _event(self, cand: Candidate, target: Actor, kind: Typed, index: int, article: Article,
               published: date | None, context: list[str]) -> Event:
        sentence = cand.sentence
        evidence = Evidence(article.id, index, sentence.text, sentence.start_char, sentence.end_char)
        when = self._when(cand, published)
        if when is None and cand.nominal and cand.predicate.head.pos_ in {"VERB", "AUX"}:
            # "imposed tariffs last week": the verb that holds the event noun carries its time
            when = self._when(replace(cand, predicate=cand.predicate.head), published)
        return Event(
            event_type=kind.plover,
            source=cand.source,
            target=target,
            evidence=evidence,
            mode=kind.mode or ontology.plover_mode_for_cameo(kind.cameo),
            cameo=kind.cameo,
            quad_class=ontology.quad_class(kind.plover),
            goldstein=ontology.goldstein(kind.cameo),
            date=when.value if when else (published.isoformat() if published else None),
            date_precision=when.precision if when else ("day" if published else None),
            date_from_publication=when is None,
            date_inferred=when is None or not when.text,  # the story's news date has no text of its own
            background=bool(when and published and is_background(when, published)),
            location=place_for_predicate(cand.predicate, self.gazetteer, context),
            predicate=cand.predicate.text,
            confidence=kind.confidence,
        )

    def _when(self, cand: Candidate, published: date | None) -> TimeValue | None:
        """The event's own time, or one it inherits from its phrase, clause or sentence; else the
        story's news date where that is not the publication date (see time.event)."""
        from ..time.event import event_when  # here, not at the top: keeps this method's change self-contained

        if published is None:
            return None
        return event_when(cand.predicate, published)


# A meeting one says one does not want is one refused (CAMEO 125, reject a proposal to meet).
WANTING = {"want", "wish", "intend", "plan", "seek"}
UNWANTED_MEETING = PredicateType("125", "REJECT", None, True, "not want:meet")


def _words_against(cand: Candidate, target: Actor | None) -> bool:
    """One leader "attacking" another is criticism: a person of no armed sector attacks a person
    with words (who strikes with force is told as forces, jets, a man, gunmen)."""
    source = cand.source
    return (cand.predicate.lemma_.lower() in {"attack", "assail"} and source is not None and target is not None
            and source.kind == "person" and target.kind == "person"
            and not set(source.sectors or []) & {"MIL", "COP", "REB", "SPY"})


def _private_travel(source: Actor | None, target: Actor | None) -> bool:
    """A visit by private people (civilians only, no office) to a country, not to anyone."""
    return (source is not None and target is not None and source.kind != "person"
            and set(source.sectors or []) == {"CVL"} and target.kind == "country")


def _unwanted_meeting(cand: Candidate) -> PredicateType | None:
    """"he does not want to meet with Kim": REJECT, if the wanting itself is told as a fact."""
    token, head = cand.predicate, cand.predicate.head
    if cand.nominal or cand.lexicon is None or cand.lexicon.plover != "CONSULT" or token.dep_ != "xcomp":
        return None
    if head.lemma_.lower() not in WANTING or not negated(head) or negated(token):
        return None
    if not_factual(head, promise_ok=None, speech=STATEMENT_VERBS) not in {"negated"}:
        return None  # "would not want to meet": a modal, not a refusal told
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS for c in head.children):
        return None
    return UNWANTED_MEETING


def _governs_no_comment(token) -> bool:
    """"declined to comment", "refused to respond": a reporter's question, not a rejection."""
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in {"comment", "respond", "elaborate", "answer", "reply"}
           for c in token.children):
        return True
    # "ignored VOA requests for comment"
    return any(c.dep_ == "dobj" and any(t.lemma_.lower() == "comment" for t in c.subtree) for c in token.children)


def _promise(verb, governor) -> bool:
    """"Washington said it will resume cooperation": the speaker's own future is a promise."""
    if governor.lemma_.lower() not in word_list("speech_verbs.txt") | {"vow", "pledge", "promise", "confirm"}:
        return False
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and subject.lower_ in {"it", "they", "he", "she", "we", "i"}


def _other_years(cand: Candidate, event: Event) -> list[str]:
    """The years conjoined to an event noun's year ("attacks in 2013 and 2015" -> ["2015"])."""
    if not event.date or len(event.date) != 4 or cand.predicate.tag_ != "NNS":
        return []
    for t in cand.sentence:  # the year may hang on the clause's verb ("indicated two attacks in 2013 and 2015")
        if t.text == event.date and t.like_num:
            return [c.text for c in t.conjuncts if c.like_num and len(c.text) == 4 and c.text != event.date]
    return []


def _promised(cand: Candidate) -> bool:
    """A verbal candidate kept as the speaker's own future ("said it will ...")."""
    token = cand.predicate
    if cand.nominal or token.dep_ != "ccomp":
        return False
    modal = any(c.dep_ == "aux" and c.lower_ in {"will", "'ll", "would", "wo"} for c in token.children)
    return modal and _promise(token, token.head)


def _not_factual(cand: Candidate) -> str | None:
    token = cand.predicate
    if cand.nominal:
        head, seen = token, 0
        while head.pos_ not in {"VERB", "AUX"} and head.head != head and seen < 4:
            head, seen = head.head, seen + 1
        if any(c.lower_ in {"no", "any"} and c.dep_ == "det" for c in token.children):
            return "negated"
        if head.pos_ not in {"VERB", "AUX"}:
            return None
        if token.dep_ in {"nsubj", "nsubjpass"} and head == token.head \
                and head.lemma_.lower() not in word_list("occurrence_verbs.txt"):
            return None  # "Washington's call for ... did not mesh": said of the event, not its denial
        token = head
    # a promise is the speaker's own act ("said it will resume"); an event noun under it is not
    return not_factual(token, promise_ok=None if cand.nominal else _promise, speech=STATEMENT_VERBS)


def _joint_type(cand: Candidate, kind: Typed) -> bool:
    """Two subjects make a dyad only for what two parties do together: meet, cooperate, fight,
    sign or agree."""
    if kind.by == "classifier" and kind.confidence < JOINT_MIN_CONFIDENCE:
        return False  # "Poland and Germany count among ...": no joint act the lexicon knows
    if kind.plover in {"CONSULT", "COOPERATE", "ASSAULT"}:
        return True
    return kind.plover == "AGREE" and cand.predicate.lemma_.lower() in {"agree", "sign", "reach", "conclude"}


def _among_themselves(cand: Candidate) -> bool:
    """"G7 foreign ministers met in Rome": a plural subject meeting among itself."""
    subject = cand.source_token
    if subject is None or cand.predicate.lemma_.lower() not in word_list("reciprocal_words.txt"):
        return False
    if cand.source is not None and cand.source.country == "IGO":
        return True  # "the G7 talks", "an ECOWAS meeting": a body's members meet
    return subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)


def _thinks_that(verb) -> bool:
    """"Both sides recognise that ...", "officials believe that ...": a verb whose only
    complement is a that-clause states a view; the lexicon's verbs ("warned that") decide for
    themselves, so this holds for the classifier's guesses only."""
    children = list(verb.children)
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in children) and not any(c.dep_ in {"dobj", "dative"} for c in children)


def _may_stand_alone(cand: Candidate) -> bool:
    """A one-party candidate (no target) that may still be an event, once typed."""
    return cand.source is not None and cand.source.country is not None and not cand.implied_source


def _aided_country(cand: Candidate, actors: ArticleActors) -> Actor | None:
    """"distributed relief items to affected people in a district": aid given to people the text
    does not name goes to the country where it is given (a place after it, else the story's)."""
    country = actors.context_country(cand.predicate)
    if not country or cand.source is None or country == cand.source.country:
        return None
    actor = Actor(name=actors.kb.country_name(country), country=country, kind="country")
    return actors.other(actor)


def _other_party(cand: Candidate, actors: ArticleActors) -> Actor | None:
    """For "X refused talks between the two": the nearest actor of another country in the sentence."""
    best = None
    for token in cand.sentence:
        if token.i == cand.predicate.i:
            continue
        if token.dep_ == "pobj" and token.head.lower_ not in PARTY_PREPS:
            continue  # "in Singapore" is where, not who
        if token.dep_ in {"compound", "amod"} and token.head.pos_ == "PROPN":
            continue  # a word of a longer name ("Congress" in "the National Congress Party")
        for actor in actors.actors_at(token):
            if actor.country and actor.country != cand.source.country:
                dist = abs(token.i - cand.predicate.i)
                if best is None or dist < best[0]:
                    best = (dist, actor)
    return best[1] if best else None


def _same_story(a: Event, b: Event) -> bool:
    """Same date, or one mention has no date of its own (dated by the story or the publication)
    and the other is current news."""
    if a.date == b.date:
        return True
    if a.date_inferred and not b.background:
        return True
    return b.date_inferred and not a.background


MUTUAL_TYPES = {"CONSULT", "AGREE", "COOPERATE", "MOBILIZE", "ASSAULT"}


def _party_key(actor: Actor):
    """What makes two mentions the same party: its country (one event of Kenya's government
    told as "Kenya", "Nairobi" and "the interior ministry"), else the actor itself."""
    return actor.country or actor.actor_id


def _countries(event: Event) -> frozenset:
    return frozenset(a.country for a in (event.source, event.target) if a and a.country)


def _more_specific(kept: Actor | None, other: Actor | None) -> Actor | None:
    if kept is None or other is None or kept.country != other.country:
        return kept
    return other if other.kind == "person" and kept.kind != "person" else kept


def merge_mentions(events: list[Event], references: list[bool] | None = None) -> list[Event]:
    """One event per story. `references[i]` marks a mention that only refers back to an event
    ("the arrest", "Lai's detention": an event noun without a time of its own): it joins an
    earlier event of its type between the same countries, whatever its date."""
    stories: dict[tuple, list[Event]] = {}
    out: list[Event] = []
    for i, event in enumerate(events):
        parties = tuple(_party_key(a) for a in (event.source, event.target) if a)
        # A meeting or a deal is the same told from either side; an accusation each way is two.
        # Close types (a warning and a demand, data/events/close_types.tsv) between the same sides
        # on the same day are one act told twice.
        key = (type_group(event.event_type), frozenset(parties) if event.event_type in MUTUAL_TYPES else parties)
        group = stories.setdefault(key, [])
        match = next((e for e in group if _same_story(e, event)), None)
        if match is None and references is not None and references[i] and event.date_from_publication:
            match = next((e for e in out if e.event_type == event.event_type and _countries(e) == _countries(event)),
                         None)
        if match is None:
            event.mentions = event.mentions or [event.evidence]  # an event merged before keeps its own
            group.append(event)
            out.append(event)
            continue
        match.mentions.extend(m for m in (event.mentions or [event.evidence]) if m not in match.mentions)
        # The event keeps the most specific name of each side: the minister, not "a Japanese minister".
        match.source = _more_specific(match.source, event.source)
        match.target = _more_specific(match.target, event.target)
        match.confidence = max(match.confidence, event.confidence)
        if match.date_inferred and not event.date_inferred:
            # The story takes the mention with its own date.
            match.date, match.date_precision = event.date, event.date_precision
            match.date_from_publication, match.date_inferred, match.background = False, False, event.background
    for event in out:
        event.assign_id()
    return out
