"""Who speaks: the actor behind a statement's speaker phrase, its channel ("the statement",
"a Pentagon statement") and pronouns."""
from __future__ import annotations

from ..nlp import doc_text
from .spans import _overlap

_PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me"}
_GROUP_PRONOUNS = {"they", "them", "it", "we", "us"}
_PRONOUN_WORDS = _PERSON_PRONOUNS | _GROUP_PRONOUNS | {"who", "which", "that", "you", "this", "those", "these",
                                                      "one", "some", "others", "many", "both", "all"}
# who speaks for a body without naming it
_ROLE_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "official", "representative"}
# "a spokesman for X", "a report by X", "the head of X", "critics, including X"
_OWNER_PREPS = {"for", "of", "from", "by", "at", "with", "including"}


def channel_text(channels, doc, tok) -> str | None:
    """'a Pentagon statement' -> 'Pentagon statement'; None when tok is not a channel noun."""
    if tok is None or tok.lemma_.lower() not in channels:
        return None
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss") or c.ent_type_]
    if not mods:
        return None
    start = min(t.idx for m in mods for t in m.subtree)
    text = doc_text(doc)[start: tok.idx + len(tok.text)]
    return text


def person_named(people, span):
    """A surname the parser did not read as a name ("..., Trump said"): the one person of the
    article whose name ends with it, else None. For a resolver that found no actor."""
    root = span.root
    if root.pos_ not in ("PROPN", "NOUN", "PRON") or not root.text[:1].isupper() or root.lower_ in _PRONOUN_WORDS:
        return None
    key = root.text.replace("’", "'").lower()
    hits = {p.actor_id: p for p in people
            if p.kind == "person" and p.name.replace("’", "'").lower().split()[-1:] == [key]}
    return next(iter(hits.values())) if len(hits) == 1 else None


class Speakers:
    """Speaker resolution for one document: `extractor` gives the channel nouns and cue test,
    `resolve_actor(span)` the article's actors."""

    def __init__(self, extractor, doc, resolve_actor, quotes=()):
        self.quotes = list(quotes)
        self.channels = extractor.channels
        self._cue_for = extractor._cue_for
        self.doc = doc
        self.resolve_actor = resolve_actor
        self._pronouns: dict = {}  # pronoun index -> actor, once resolved
        self._better: dict = {}  # actor id -> the actor with a country found for its phrase
        self._spoken: list = []  # (cue index, sentence start, speaker) of the statements so far
        self._sentence_of: dict[int, int] | None = None  # sentence start -> its index

    def _channel_text(self, doc, tok) -> str | None:
        return channel_text(self.channels, doc, tok)

    def _channel_owner(self, doc, tok):
        """The named part of a channel phrase: 'Pentagon' in 'a Pentagon statement'."""
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "nmod", "poss", "amod")
                and (c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"))]
        if not mods:
            return None
        owners = [t for c in tok.lefts for t in c.subtree if t.dep_ == "poss"
                  and (t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"))]
        if owners:  # "X's official Twitter account": X owns it, not Twitter
            mods = owners
        start = min(t.i for m in mods for t in m.subtree)
        end = max(t.i for m in mods for t in m.subtree) + 1
        while start < end and doc[start].pos_ == "DET":
            start += 1
        if start >= end:
            return None
        if doc[end - 1].tag_ == "POS":
            end -= 1
        return doc[start:end]

    def _earlier_channel(self, doc, tok):
        """'the statement' -> the last earlier 'X statement' with a name in it."""
        lemma = tok.lemma_.lower()
        for t in reversed(doc[: tok.i]):
            if t.lemma_.lower() == lemma and t.pos_ == "NOUN":
                if self._channel_owner(doc, t) is not None:
                    return t
        return None

    def _longer_name(self, doc, span):
        """'Defense Ministry' -> 'Chinese Defense Ministry' when the article named it so before."""
        target = span.text.lower()
        best = None
        for ent in doc.ents:
            if ent.start >= span.start:
                break
            et = ent.text.lower()
            if et.endswith(target) and len(et) > len(target):
                best = ent
        if best is None:
            for chunk in doc.noun_chunks:
                if chunk.start >= span.start:
                    break
                words = [t for t in chunk if t.pos_ != "DET"]
                if not words:
                    continue
                sub = doc[words[0].i: chunk.end]
                st = sub.text.lower()
                if st.endswith(target) and len(st) > len(target):
                    best = sub
        return best

    def _quoted_speaker(self, doc, content, quotes):
        """A quote from a channel that names its speaker: “Minister X stressed that ...,” the
        statement said -> X."""
        if content is None or not any(_overlap(content, q) >= 0.5 * (content[1] - content[0]) for q in quotes):
            return None  # only a quotation names its speaker so; a report's finding does not
        span = doc.char_span(content[0], content[1], alignment_mode="expand")
        if span is None:
            return None
        for tok in span:
            if tok.dep_ in ("nsubj",) and tok.head.i >= span.start and tok.head.i < span.end and \
                    self._cue_for(tok.head) is not None and tok.head.pos_ in ("VERB", "AUX"):
                if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":
                    names = [t for t in tok.subtree if t.pos_ == "PROPN"]
                    if names:
                        return doc[names[0].i: names[-1].i + 1]
            if tok.i > span.start + 6:
                break
        return None

    def _antecedent(self, doc, tok):
        """Last compatible named mention before a pronoun: a person for he/she, an organisation or
        place for it/they/we."""
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            kinds = ("PERSON",)
        elif low in _GROUP_PRONOUNS:
            kinds = ("ORG", "GPE", "NORP") if low in ("it", "we", "us") else ("ORG", "GPE", "NORP", "PERSON")
        else:
            return None
        best = None
        for ent in doc.ents:
            if ent.end > tok.i:
                break
            if ent.label_ in kinds:
                best = ent
        return best

    def _resolve(self, doc, tok, span_chars, resolve_actor):
        if resolve_actor is None or span_chars is None:
            return None
        span = doc.char_span(span_chars[0], span_chars[1], alignment_mode="expand")
        if span is None:
            return None
        if tok is not None and tok.pos_ == "PRON" and tok.lower_ in _PRONOUN_WORDS:
            return self._pronoun(tok, span)  # (the tagger also calls "O’Brien" a pronoun)
        return self._phrase_actor(span)

    def _phrase_actor(self, span):
        """The actor of a (non-pronoun) speaker phrase."""
        actor = self.resolve_actor(span)
        if actor is not None and actor.actor_id in self._better and all(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in span.root.lefts):
            return self._better[actor.actor_id]  # "the spokesperson" again: the body found before
        if actor is None or (actor.country is None and actor.kind != "person"):
            # "a spokesman for the U.S. military", "White House officials": the phrase's head has
            # no country of its own, the body it names does. (A person's country is the
            # resolver's business: "X, the envoy for Syria" is not Syrian.)
            better = self._inner_actor(span.root, span) or self._body_of_role(span.root)
            if better is not None:
                if actor is not None:
                    self._better[actor.actor_id] = better
                return better
        return actor

    def _body_of_role(self, tok):
        """"X declined to comment. A spokesperson said ...": a bare spokesperson or official speaks
        for the body that spoke last, within the two sentences before."""
        if tok.lemma_.lower() not in _ROLE_NOUNS or any(c.dep_ not in ("det", "punct") for c in tok.lefts):
            return None
        for _, actor in self._recent_speakers(tok):
            if actor is not None and actor.kind != "person" and actor.country:
                return actor
        return None

    def _inner_actor(self, root, span):
        """The first actor with a country among the phrases inside a speaker phrase: appositions,
        possessors, compounds, conjuncts and the objects of 'for', 'of', 'from', 'by', 'at',
        'including' (never a place: 'in Kabul')."""
        doc = self.doc
        queue, seen = [root], {root.i}
        while queue:
            tok = queue.pop(0)
            for c in tok.children:
                if c.dep_ in ("appos", "poss", "compound", "nmod", "conj"):
                    nxt = c
                elif c.dep_ == "prep" and c.lower_ in _OWNER_PREPS:
                    nxt = next((g for g in c.children if g.dep_ == "pobj"), None)
                else:
                    continue
                if nxt is None or nxt.i in seen or not (span.start <= nxt.i < span.end):
                    continue
                seen.add(nxt.i)
                if nxt.pos_ in ("NOUN", "PROPN"):
                    sub = doc[nxt.left_edge.i: nxt.right_edge.i + 1]
                    actor = self.resolve_actor(sub)
                    if actor is not None and actor.country:
                        return actor
                queue.append(nxt)
        return None

    def _pronoun(self, tok, span, depth: int = 0):
        """He/she as a speaker: the speaker of the clause it reports ("X said he hoped"), else the
        person the sentence before is about (its subject), else the resolver's last person, else
        the last named mention. They/we as subjects: the same subject rules (for a group or
        body); then, as for other pronouns, the last compatible mention, else the resolver."""
        if tok.i in self._pronouns:
            return self._pronouns[tok.i]
        actor = None
        if tok.lower_ in ("he", "she"):
            actor = self._subject_person(tok, depth) or self._last_speaker(tok)
            if actor is None:
                actor = self.resolve_actor(span)
            if actor is None:
                ante = self._antecedent(self.doc, tok)
                actor = self.resolve_actor(ante) if ante is not None else None
        else:
            if tok.lower_ in ("they", "we") and tok.dep_ in ("nsubj", "nsubjpass"):
                actor = self._subject_person(tok, depth)
        if actor is None and tok.lower_ not in ("he", "she"):
            ante = self._antecedent(self.doc, tok)
            if ante is not None:
                actor = self.resolve_actor(ante)
            if actor is None:
                actor = self.resolve_actor(span)
        self._pronouns[tok.i] = actor
        return actor

    def _recent_speakers(self, tok):
        """(cue index, speaker) of the statements before `tok`, latest first, in its sentence and
        the two before."""
        if self._sentence_of is None:  # doc.sents is rebuilt on every access: index it once
            self._sentence_of = {x.start: k for k, x in enumerate(self.doc.sents)}
        here = self._sentence_of[tok.sent.start]
        for i, sent_start, actor in reversed(self._spoken):
            if i >= tok.i:
                continue
            if here - self._sentence_of[sent_start] > 2:
                return
            yield i, actor

    def _last_speaker(self, tok):
        """The person who spoke last, in this sentence or the two before, when no other person has
        been named since."""
        for i, actor in self._recent_speakers(tok):
            if actor is not None and actor.kind == "person":
                sent_end = self.doc[i].sent.end
                named = any(e.label_ == "PERSON" and sent_end <= e.start and e.end <= tok.i for e in self.doc.ents)
                return None if named else actor
        return None

    def _subject_person(self, tok, depth):
        """The actor a subject pronoun continues: the subject of the clause above ("X said (that)
        he/they ..."), else of the sentence before (quoted sentences skipped). He/she take a
        person; they/we a group, a body or a plural subject."""
        doc = self.doc
        for anc in tok.head.ancestors:
            subj = next((c for c in anc.children if c.dep_ == "nsubj" and c.i != tok.i), None)
            if subj is not None:
                if subj.i < tok.i and subj.pos_ in ("PROPN", "NOUN"):
                    actor = self._phrase_actor(doc[subj.left_edge.i: subj.i + 1])
                    if self._fits(tok, subj, actor):
                        return actor
                break
        if tok.sent.start == 0:
            return None
        prev = doc[tok.sent.start - 1].sent
        for _ in range(3):
            subj = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if any(q[0] <= prev.root.idx < q[1] for q in self.quotes):
                subj = None  # a quoted sentence is about the speaker's world, not the article's
            if subj is not None:
                if subj.pos_ == "PRON" and subj.lower_ == tok.lower_ and depth < 3:
                    return self._pronoun(subj, doc[subj.i: subj.i + 1], depth + 1)
                if subj.pos_ in ("PROPN", "NOUN"):
                    actor = self._phrase_actor(doc[subj.left_edge.i: subj.i + 1])
                    if self._fits(tok, subj, actor):
                        return actor
                return None
            if prev.start == 0:
                break
            prev = doc[prev.start - 1].sent
        return None

    @staticmethod
    def _fits(pron, subj, actor) -> bool:
        if actor is None:
            return False
        low = pron.lower_
        if low in ("he", "she"):
            return actor.kind == "person"
        plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
        return plural or actor.kind != "person"  # they, we

    def speaker(self, r, quotes):
        """(speaker actor, via) of a raw statement."""
        doc, resolve_actor = self.doc, self.resolve_actor
        text = doc_text(doc)
        speaker_actor = None
        via = r.via
        tok = r.speaker_tok
        if tok is not None and tok.lemma_.lower() in self.channels:
            channel_tok = tok
            via = self._channel_text(doc, tok)
            if via is None:
                earlier = self._earlier_channel(doc, tok)
                if earlier is not None:
                    channel_tok = earlier
                    via = self._channel_text(doc, earlier)
            owner = self._channel_owner(doc, channel_tok)
            if owner is not None and via is not None:
                longer = self._longer_name(doc, owner)
                if longer is not None:
                    words = [t for t in longer if t.pos_ != "DET"]
                    if words:  # the fuller earlier name, then the rest of the channel phrase
                        via = text[words[0].idx: longer.end_char] + \
                            text[owner.end_char: channel_tok.idx + len(channel_tok.text)]
            if resolve_actor is not None:
                named = self._quoted_speaker(doc, r.content, quotes)
                if named is not None:
                    speaker_actor = resolve_actor(named)
                if speaker_actor is None and owner is not None:
                    longer = self._longer_name(doc, owner)
                    speaker_actor = resolve_actor(longer) if longer is not None else None
                    if speaker_actor is None:
                        speaker_actor = resolve_actor(owner)
                if speaker_actor is None:
                    speaker_actor = self._resolve(doc, tok, r.speaker, resolve_actor)
        else:
            speaker_actor = self._resolve(doc, tok, r.speaker, resolve_actor)
        if r.cue_tok is not None:
            self._spoken.append((r.cue_tok.i, r.cue_tok.sent.start, speaker_actor))
        return speaker_actor, via

    def addressee(self, r):
        return self._resolve(self.doc, r.addressee_tok, r.addressee, self.resolve_actor) if r.addressee else None
