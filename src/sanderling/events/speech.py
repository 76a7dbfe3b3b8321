"""Speech acts as events: what a government or a body says is often the event itself.

"The U.N. envoy welcomed the deal", "the ministry said Russia must withdraw", "Washington warned
Ankara of sanctions": an accusation, a demand, praise, a rejection or a threat, made by the
speaker to the party its content is about. Statements (statements/) find who said what; here
each statement whose speaker has a country becomes an event when

- its cue verb is typed by the predicate lexicon ("accused", "urged", "rejected", "praised"), or
- (optionally, `use_classifier`) its cue is a plain speech verb ("said", "told") and the trained
  classifier, reading the content's sentence with the speaker and the party as source and
  target, gives a speech-act type with high confidence.

Only officials, institutions, parties and armed groups speak for a side: an analyst's opinion
is no event.

The party (target) is the first actor of another country, or another actor of a domestic kind,
that the content names as a subject, object or possessor. A statement with no such party codes
no event. What the content says may be future or hypothetical ("sanctions could follow"): the
speech act itself happened, so factuality is not asked of it (unless the saying itself is a
condition's consequence).
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import ArticleActors
from ..data_tables import read_table
from ..schema import Actor, Article, Event, Statement
from .detect import Candidate, _lookup
from .factuality import is_conditional

# What a statement can be as an event.
SPEECH_TYPES = {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN", "AGREE"}
# Where a party sits in the content's parse.
PARTY_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "appos", "conj"}
NOT_PARTY_KINDS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
TOPIC_PREPS = {"regarding", "about", "concerning", "over", "in", "at", "near", "across", "within"}
# Speakers whose words are acts of a state or a body: officials, institutions, parties, armed
# groups (an analyst's or a witness's opinion is no event).
OFFICIAL_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "PTY", "SPY", "REB", "UAF", "INS", "IGO"}


def official(actor: Actor) -> bool:
    return actor.country in {"IGO"} or actor.kind == "country" or bool(set(actor.sectors) & OFFICIAL_SECTORS)


def _plain_act(cue: Token) -> bool:
    """An active cue of the speaker's own: not "stands accused", "was urged", "declined to comment"."""
    if cue.dep_ in {"acomp", "oprd", "amod"} or any(c.dep_ in {"auxpass", "nsubjpass", "neg"} for c in cue.children):
        return False
    return not any(c.dep_ == "xcomp" and c.lemma_.lower() in {"comment", "say", "discuss", "elaborate"}
                   for c in cue.children)


@lru_cache(maxsize=1)
def content_words() -> dict[str, tuple[str, str, str]]:
    return {r["word"]: (r["kind"], r["plover"], r["cameo"]) for r in read_table("events/speech_content.tsv")}


def _content_act(content: Span, target_token: Token) -> tuple[str, str] | None:
    """The act a plain statement's content makes (PLOVER type, CAMEO code), or None: a demand on
    the party ("Russia must withdraw"), the speaker's readiness to act towards it ("we are ready
    to support Kenya"), a condemnation of what it did ("the detention is arbitrary")."""
    words = content_words()
    party_subject = target_token.dep_ in {"nsubj", "nsubjpass"}
    for token in content:
        entry = words.get(token.lower_)
        if entry is None:
            continue
        kind, plover, cameo = entry
        if kind == "modal" and token.dep_ == "aux" and party_subject and target_token.head == token.head:
            return plover, cameo
        if kind == "modal_verb" and party_subject and target_token.head == token and any(
                c.dep_ == "xcomp" for c in token.children):
            return plover, cameo  # "they need to destroy it"
        if kind == "ready" and not party_subject and any(
                c.dep_ == "xcomp" and target_token in c.subtree for c in token.children):
            return plover, cameo  # "ready to support Kenya": the party is whom the act is for
        if kind == "judgement" and token.i != target_token.i and not any(c.dep_ == "neg" for c in token.head.children):
            head = token if token.pos_ == "VERB" else token.head  # "X violated ...": the verb itself
            judged = target_token in head.subtree if head.pos_ == "NOUN" else any(
                c.dep_ in {"nsubj", "nsubjpass"} and target_token in c.subtree for c in head.children)
            if judged:  # "Lai's unjust detention", "the government is illegal": what the party did or is
                return plover, cameo
        if kind == "praise" and token.i != target_token.i:
            if token.lower_ == "step" and not any(c.lower_ in {"good", "positive", "important"} for c in token.children):
                continue
            near = [token.head, token.head.head]  # "called China's donation a gesture of friendship"
            if any(target_token in h.subtree for h in near if h.pos_ in {"NOUN", "VERB", "AUX"}) \
                    and not any(c.dep_ == "neg" for h in near for c in h.children):
                return plover, cameo
    return None


def _tokens(doc: Doc, start: int | None, end: int | None) -> Span | None:
    if start is None or end is None or end <= start:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _sentence_index(doc: Doc, sent: Span) -> int:
    return next(n for n, s in enumerate(doc.sents) if s.start == sent.start)


class SpeechActs:
    """Events from statements; uses the event builder's classifier and record maker."""

    # The classifier path (plain "said" typed from the content) is off by default: on the news
    # development set it found 8 events for 26 false ones; the lexicon's cues found 10 for 13.
    def __init__(self, builder, min_confidence: float = 0.75, use_classifier: bool = False):
        self.builder = builder
        self.use_classifier = use_classifier
        self.min_confidence = min_confidence

    def events(self, doc: Doc, article: Article, actors: ArticleActors, statements: list[Statement],
               published: date | None, context: list[str]) -> list[Event]:
        found = []
        for st in statements:
            speaker = st.speaker
            if speaker is None or not speaker.country or not official(speaker):
                continue
            cue = _tokens(doc, st.cue_start, st.cue_end)
            content = _tokens(doc, st.content_start, st.content_end)
            if cue is None or content is None or not _plain_act(cue.root):
                continue
            if is_conditional(cue.root):
                continue  # "if he moderates his rhetoric, he offers ...": the saying has not happened
            target, target_token = self._addressee(cue.root, speaker, actors)
            if target is None:
                target, target_token = self._party(content, speaker, actors)
            if target is None:
                continue
            # Every place the content names the party: "room for Turkey ... they need to" is a
            # demand on it although its first mention is no subject.
            mentions = [target_token] + [t for t in content if t.i != target_token.i and t.dep_ in PARTY_DEPS
                                         and any(a.country == target.country for a in actors.actors_at(t))]
            found.append((st, cue.root, content, target, mentions))
        if not found:
            return []
        typed = self._types(doc, found)
        events = []
        for (st, cue, content, target, mentions), kind in zip(found, typed):
            if kind is None:
                continue
            target_token = mentions[0]
            sentence = cue.sent
            speaker_token = None
            span = _tokens(doc, st.speaker_start, st.speaker_end)
            if span is not None:
                speaker_token = span.root
            cand = Candidate(cue, st.speaker, target, sentence, None, source_token=speaker_token,
                             target_token=target_token)
            event = self.builder._event(cand, target, kind, _sentence_index(doc, sentence), article, published, context)
            events.append(event)
        return events

    def _addressee(self, cue: Token, speaker: Actor, actors: ArticleActors) -> tuple[Actor | None, Token | None]:
        """"warned the US not to ...", "urged Kenya to ...": the one the act is addressed to."""
        for child in cue.children:
            if child.dep_ in {"dobj", "dative"}:
                for actor in actors.actors_at(child):
                    if actor.country and actor.actor_id != speaker.actor_id and not (
                            actor.kind != "person" and "JRN" in actor.sectors):
                        return actor, child  # (the reporters told are no party: the party is in the content)
        return None, None

    def _party(self, content: Span, speaker: Actor, actors: ArticleActors) -> tuple[Actor | None, Token | None]:
        for token in content:
            if token.dep_ not in PARTY_DEPS or token.pos_ not in {"PROPN", "NOUN", "PRON"} \
                    or token.ent_type_ in NOT_PARTY_KINDS:
                continue
            if token.dep_ == "pobj" and token.head.lower_ in TOPIC_PREPS:
                continue  # "aims regarding Taiwan": what it is about, not whom
            if token.pos_ == "PRON" and token.lower_ in {"we", "us", "our", "i", "me", "my", "you", "your"}:
                continue  # the speaker's own side
            for actor in actors.actors_at(token):
                if not actor.country or actor.actor_id == speaker.actor_id:
                    continue
                if actor.country != speaker.country or (actor.kind != "country" and speaker.kind != "country"
                                                        and actor.name != speaker.name):
                    return actor, token
        return None, None

    def _types(self, doc: Doc, found) -> list:
        from .build import Typed  # the builder's record of a decided type

        out = [None] * len(found)
        ask = []
        for i, (st, cue, content, target, mentions) in enumerate(found):
            entry = _lookup(cue)
            if entry is not None:
                if entry.plover in SPEECH_TYPES:
                    out[i] = Typed(entry.plover, entry.cameo, entry.mode, 0.75, "lexicon")
                continue  # a typed cue of another kind ("announced"), or NONE
            act = next(filter(None, (_content_act(content, t) for t in mentions)), None)
            if act is not None:
                out[i] = Typed(act[0], act[1], None, 0.7, "rule")
                continue
            ask.append(i)
        classifier = self.builder.classifier if self.use_classifier else None
        if not ask or classifier is None:
            return out
        items = []
        for i in ask:
            st, cue, content, target, mentions = found[i]
            target_token = mentions[0]
            sentence = content[0].sent
            target_span = (target_token.left_edge.idx, target_token.idx + len(target_token.text))
            speaker = _tokens(doc, st.speaker_start, st.speaker_end)
            source_span = None
            if speaker is not None and sentence.start <= speaker.start < sentence.end:
                source_span = (speaker.start_char, speaker.end_char)
            items.append({"doc": sentence, "text": sentence.text, "source": st.speaker.name,
                          "target": target.name, "source_span": source_span, "target_span": target_span})
        for i, guess in zip(ask, classifier.predict(items)):
            if guess["event_type"] in SPEECH_TYPES and guess["confidence"] >= self.min_confidence:
                out[i] = Typed(guess["event_type"], guess.get("cameo"), None, guess["confidence"], "classifier")
        return out
