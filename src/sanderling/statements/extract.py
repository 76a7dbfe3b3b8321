"""Finding statements: cues, their speakers' phrases and their contents (token level), then
`Speakers` (speakers.py) links the phrases to actors."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from ..nlp import doc_text
from ..schema import Actor, Statement, stable_id
from .spans import _QUOTE_CHARS, _TRIM, _find_quotes, _overlap, _plain_apostrophes, _subtree_span, _trim
from .speakers import Speakers, channel_text
from .tables import Cue, load_channels, load_cues

_OBJ_DEPS = ("dobj", "attr", "oprd")
_ADDRESSEE_DEPS = ("dobj", "dative", "iobj")
_AUX_DEPS = {"aux", "auxpass", "neg", "advmod", "prt"}
_CUE_POS = {"VERB", "AUX", "NOUN", "ADJ"}
# words between an attribution and the quotation that goes on from it
_CONTINUERS = {"", "adding", "and added", "he added", "she added", "adding that", "continuing", "and", "then"}

# "stand accused of", "remain charged with": the subject is whom the words are about.
STANCE_VERBS = {"stand", "remain", "stay"}
ACCUSED = {"accuse", "charge", "suspect", "blame"}


@dataclass(slots=True)
class _Raw:
    """A statement before actors are resolved (token-level)."""

    cue: tuple[int, int]
    cue_text: str
    speaker_tok: object | None  # spaCy Token: head of the speaker phrase
    speaker: tuple[int, int] | None
    content: tuple[int, int] | None
    addressee: tuple[int, int] | None = None
    addressee_tok: object | None = None
    via: str | None = None
    sent: int | None = None
    cue_tok: object | None = None
    continues: "_Raw | None" = None  # the first part of a split quote


def _stolen_subject(tok):
    """"X ... but also said the center would be opened": the parser may hang the clause's subject
    on the cue. A subject after the cue, before a subjectless clausal complement, is the clause's."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i > tok.i), None)
    if subj is None or tok.pos_ != "VERB" or (tok.i > 0 and tok.doc[tok.i - 1].is_quote) or \
            (tok.i > 1 and tok.doc[tok.i - 1].is_punct and tok.doc[tok.i - 2].is_quote):
        return None  # “...,” said the minister: inverted, the subject is the speaker
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > subj.i), None)
    if clause is None or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return None
    return subj


def _definite_noun(tok) -> bool:
    """'the mayor', 'the ministry': a noun with a definite article (“...,” said the mayor)."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


class StatementExtractor:
    """Attributed statements from a parsed article. Call `setup()` once, then `extract` per doc."""

    def __init__(self, min_ratio: float = 0.2, min_count: int = 2) -> None:
        self.min_ratio = min_ratio
        self.min_count = min_count
        self.cues: dict[tuple[str, str], Cue] | None = None
        self.channels: set[str] = set()

    def setup(self) -> "StatementExtractor":
        if self.cues is None:
            self.cues = load_cues(self.min_ratio, self.min_count)
            self.channels = load_channels()
        return self

    # ------------------------------------------------------------ public

    def extract(self, doc, article_id: str,
                resolve_actor: Callable[[object], Actor | None] | None = None) -> list[Statement]:
        self.setup()
        text = doc_text(doc)
        quotes = _find_quotes(text)
        raws = self._raw_statements(doc, quotes)
        sent_index = {s.start: k for k, s in enumerate(doc.sents)}
        speakers = Speakers(self, doc, resolve_actor, quotes)
        out: list[Statement] = []
        done: dict[int, Statement] = {}
        by_speaker: dict[int, Statement] = {}
        for r in sorted(raws, key=lambda r: r.cue[0]):  # in reading order: speakers refer back
            st = self._finish(doc, r, quotes, sent_index, article_id, speakers)
            first = done.get(id(r.continues)) if r.continues is not None else None
            if first is None and r.speaker_tok is not None:
                # "X said ..., adding ...": a second cue sharing the subject speaks for the same
                first = by_speaker.get(r.speaker_tok.i)
            if r.speaker_tok is not None:
                by_speaker.setdefault(r.speaker_tok.i, st)
            if first is not None:  # the rest of a split quote: same speaker, channel, addressee
                st.speaker, st.via, st.addressee = first.speaker, first.via, first.addressee
            done[id(r)] = st
            out.append(st)
            out.extend(self._co_speakers(doc, r, st, speakers))
        out.sort(key=lambda s: (s.start, s.cue_start or 0))
        return out

    def _co_speakers(self, doc, r: _Raw, st: Statement, speakers: Speakers) -> list[Statement]:
        """"A and B told reporters ...": B said it too. One more statement for each further
        conjunct of the speaker phrase that is another actor (only with a resolver)."""
        tok = r.speaker_tok
        if speakers.resolve_actor is None or tok is None or st.speaker is None or r.continues is not None:
            return []
        out, seen = [], {st.speaker.actor_id}
        conj = tok
        while True:
            conj = next((c for c in conj.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")), None)
            if conj is None:
                return out
            kids = [c for c in conj.children if c.dep_ in ("conj", "cc")]
            span = _trim(doc_text(doc), *_subtree_span(conj, exclude=kids))
            actor = speakers._resolve(doc, conj, span, speakers.resolve_actor)
            if actor is None or actor.actor_id in seen:
                continue
            seen.add(actor.actor_id)
            out.append(replace(st, speaker=actor, speaker_start=span[0], speaker_end=span[1],
                               id=stable_id("statement", st.article_id, st.start, st.end, st.content_start,
                                            st.content_end, span[0])))

    # ------------------------------------------------------------ finding cues

    def _cue_for(self, tok) -> Cue | None:
        pos = tok.pos_
        if pos == "AUX":
            pos = "VERB"
        if pos not in _CUE_POS:
            return None
        return self.cues.get((tok.lemma_.lower(), pos))

    def _raw_statements(self, doc, quotes) -> list[_Raw]:
        text = doc_text(doc)
        raws: list[_Raw] = []
        used_cues: set[int] = set()
        according: dict[int, _Raw] = {}  # clause head index -> according-to statement
        for tok in doc:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                r = self._according_to(doc, tok)
                if r is not None:
                    according[tok.head.i] = r
                    used_cues.add(tok.i)
                continue
            cue = self._cue_for(tok)
            if cue is None or tok.i in used_cues:
                continue
            r = self._verb_statement(doc, tok, cue, quotes)
            if r is not None:
                raws.append(r)
                used_cues.add(tok.i)
        for sent in doc.sents:
            r = self._colon_statement(doc, sent, used_cues)
            if r is not None:
                raws.append(r)
        # "According to a readout, X told Y that ...": the readout is the channel of X's statement
        by_cue = {r.cue_tok.i: r for r in raws if r.cue_tok is not None}
        for head_i, acc in according.items():
            inner = by_cue.get(head_i)
            if inner is not None and acc.speaker is not None:
                inner.via = channel_text(self.channels, doc, acc.speaker_tok) or text[acc.speaker[0]:acc.speaker[1]]
                if inner.speaker is None:
                    inner.speaker, inner.speaker_tok = acc.speaker, acc.speaker_tok
                continue
            inside = [r for r in raws if r.speaker is not None and r.speaker_tok is not None
                      and r.speaker_tok.pos_ == "PROPN" and acc.content[0] <= r.cue[0] < acc.content[1]]
            if inside and acc.speaker is not None:
                # "..., which X described as ..., according to Y": X speaks, Y is the channel
                for r in inside:
                    r.via = r.via or channel_text(self.channels, doc, acc.speaker_tok) or text[acc.speaker[0]:acc.speaker[1]]
                continue
            raws.append(acc)
        raws = self._drop_nested(raws)
        self._continue_split_quotes(doc, raws, quotes)
        return self._drop_nested(raws)  # a continued quotation holds the cues inside it

    @staticmethod
    def _drop_nested(raws: list[_Raw]) -> list[_Raw]:
        """A cue inside what another statement reports (“... I told him ...,” she said) is part
        of that report, not a statement of the article's own: keep the outer one only."""
        keep = []
        for r in raws:
            nested = any(o is not r and o.content is not None and o.content[0] <= r.cue[0]
                         and r.cue[1] <= o.content[1] and (o.content[1] - o.content[0]) >
                         (r.content[1] - r.content[0] if r.content else 0)
                         for o in raws)
            if not nested:
                keep.append(r)
        return keep

    def _colon_statement(self, doc, sent, used_cues) -> _Raw | None:
        """Headline style 'Name: what they said' — a short name, a colon, the rest of the line."""
        toks = [t for t in sent if not t.is_space]
        colon = next((k for k, t in enumerate(toks[:8]) if t.text == ":"), None)
        if not colon or colon >= len(toks) - 2:
            return None
        name = toks[:colon]
        if not all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.tag_ == "POS"
                   for t in name):
            return None
        if any(t.i in used_cues or self._cue_for(t) is not None for t in name):
            return None
        rest = toks[colon + 1:]
        content = _trim(doc_text(doc), rest[0].idx, rest[-1].idx + len(rest[-1].text), _TRIM | {"."})
        c = toks[colon]
        return _Raw(cue=(c.idx, c.idx + 1), cue_text=":", speaker_tok=name[-1],
                    speaker=(name[0].idx, name[-1].idx + len(name[-1].text)), content=content, cue_tok=c)

    def _according_to(self, doc, tok) -> _Raw | None:
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        speaker = _trim(doc_text(doc), *_subtree_span(pobj))
        cue = (tok.idx, to.idx + len(to.text))
        head = tok.head
        sent = tok.sent
        if head.i == tok.i or head.dep_ == "punct":
            head = sent.root
        # content: the clause "according to" modifies, without the according-to phrase
        start, end = _subtree_span(head, exclude=[tok])
        if not (start <= cue[0] < end):
            pass
        content = _trim(doc_text(doc), start, end, _TRIM | {"."})
        if content[0] >= content[1]:
            return None
        return _Raw(cue=cue, cue_text=doc_text(doc)[cue[0]:cue[1]], speaker_tok=pobj, speaker=speaker,
                    content=content, cue_tok=tok)

    @staticmethod
    def _detached(doc, comp, tok) -> bool:
        """A complement before the cue that is not what the cue reports: words other than the
        subject stand between them ('‘Heading’ In a statement, X said ...'), whereas
        '“...,” the minister said' has only the subject."""
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if subj is None:
            return False
        between = doc[comp.right_edge.i + 1: subj.left_edge.i]
        return any(t.is_alpha for t in between)

    def _verb_statement(self, doc, tok, cue: Cue, quotes) -> _Raw | None:
        text = doc_text(doc)
        children = list(tok.children)
        content_tok = None
        content_dep = None
        deps = cue.content or ("ccomp",)
        # clausal complements first whenever present; objects only for cues that take them
        for want in deps:
            for c in children:
                d = c.dep_
                if want.startswith("prep:"):
                    if d in ("prep", "agent") and c.lower_ == want[5:]:
                        pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                        if pobj is not None:
                            content_tok, content_dep = pobj, want
                elif d == want:
                    content_tok, content_dep = c, want
                    later = next((g for g in children if g.dep_ == want and g.i > tok.i), None)
                    if c.i < tok.i and later is not None and (self._detached(doc, c, tok) or any(
                            g.dep_ == "mark" and g.lower_ == "that" for g in later.children)):
                        content_tok = later  # two complements: the one the cue introduces
                if content_tok is not None:
                    break
            if content_tok is not None:
                break
        if content_dep == "dobj" and content_tok.pos_ in ("NOUN", "PROPN"):
            # "told the council to draft rules": with a clause beside it, the object is whom the
            # cue addresses and the clause what is said
            clause = next((c for c in children if c.dep_ in ("xcomp", "ccomp") and c.dep_ in deps), None)
            if clause is not None:
                content_tok, content_dep = clause, clause.dep_
        if content_tok is not None and content_dep in _OBJ_DEPS and content_tok.pos_ == "PRON" \
                and content_tok.lower_ not in ("what", "which", "this", "that"):
            content_tok = None
        speaker_tok = self._speaker_of(tok)
        if speaker_tok is not None and content_tok is None:
            # “Quote,” Name said — parsed with the quotation as the subject
            sub = _subtree_span(speaker_tok)
            for q in quotes:
                if q[0] >= sub[0] and q[1] <= sub[1] and (q[1] - q[0]) >= 0.5 * (sub[1] - sub[0]):
                    named = [e for e in doc.ents if e.start_char >= q[1] and e.end_char <= tok.idx
                             and e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
                    if not named:
                        return None
                    r = self._verb_statement_parts(doc, tok, None, None, named[0].root, q, quotes)
                    return r
        if content_tok is None:
            content = self._content_without_argument(doc, tok, quotes)
            if content is None:
                return None
        else:
            content = _subtree_span(content_tok)
            stolen = _stolen_subject(tok)
            if stolen is not None and stolen.i < content_tok.i:
                content = (stolen.left_edge.idx, content[1])
            if content_dep.startswith("prep:"):  # "called for X and for Y": both are what is called for
                for c in content_tok.head.children:
                    if c.dep_ == "conj" and c.pos_ == "ADP":
                        content = (content[0], max(content[1], c.right_edge.idx + len(c.right_edge.text)))
            content = _trim(text, *content)
            if content_dep in ("parataxis",):
                pass
        if speaker_tok is None and content_tok is None:
            return None
        if tok.pos_ == "NOUN" and speaker_tok is None:
            return None
        return self._verb_statement_parts(doc, tok, content_tok, content_dep, speaker_tok, content, quotes)

    def _verb_statement_parts(self, doc, tok, content_tok, content_dep, speaker_tok, content, quotes):
        text = doc_text(doc)
        children = list(tok.children)
        speaker = None
        if speaker_tok is not None:
            inside = [tok] if tok in speaker_tok.subtree else []  # "the group backing X" (acl)
            speaker = _trim(text, *_subtree_span(speaker_tok, exclude=inside), _TRIM | _QUOTE_CHARS)
            quoted = [q for q in quotes if q[0] >= speaker[0] and q[1] <= speaker[1]]
            if quoted and speaker_tok.ent_type_:
                ent = next(e for e in doc.ents if e.start <= speaker_tok.i < e.end)
                speaker = (ent.start_char, ent.end_char)
            ends = [q[1] for q in quotes if speaker[0] < q[1] <= speaker[1] and q[0] < speaker[0]]
            if ends:
                # '... and X, the adviser,” Representative Y told VOA': the parse ran the subject
                # into the quotation; the speaker is what follows the closing mark
                rest = _trim(text, max(ends), speaker[1], _TRIM | _QUOTE_CHARS)
                span = doc.char_span(rest[0], rest[1], alignment_mode="expand") if rest[0] < rest[1] else None
                if span is not None:
                    speaker, speaker_tok = rest, span.root
            if speaker[0] >= speaker[1]:
                speaker = None
        cue_span = self._cue_span(doc, tok, content_tok, speaker_tok)
        # addressee: "told Y that ...", "warned Y not to ..."
        addressee = addressee_tok = None
        if content_dep in ("ccomp", "xcomp") or content_tok is None:
            for c in children:
                if c.dep_ in _ADDRESSEE_DEPS and c is not content_tok and c.pos_ in ("PROPN", "NOUN", "PRON"):
                    addressee_tok = c
                    addressee = _trim(text, *_subtree_span(c))
                    break
        content = self._extend_to_quotes(text, content, quotes, cue_span, speaker)
        return _Raw(cue=cue_span, cue_text=text[cue_span[0]:cue_span[1]], speaker_tok=speaker_tok,
                    speaker=speaker, content=content, addressee=addressee, addressee_tok=addressee_tok,
                    cue_tok=tok)

    def _speaker_of(self, tok):
        """The subject of the cue, the agent of a passive cue, or the subject inherited from the
        clause a participle/conjunct hangs on ("..., saying", "and warned")."""
        stolen = _stolen_subject(tok)
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj") and (stolen is None or stolen.i != c.i):
                return c
        for c in tok.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if tok.pos_ == "NOUN":
            for c in tok.children:
                if c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "PRON", "NOUN"):
                    return c
            return None
        if tok.tag_ == "VBN" and tok.dep_ in ("xcomp", "acomp", "oprd", "advcl") and tok.head.lemma_.lower() in STANCE_VERBS \
                and tok.lemma_.lower() in ACCUSED:
            return None  # "two soldiers stand accused of ...": they are the accused, not the speakers
        cur = tok
        for _ in range(4):
            dep = cur.dep_
            if cur.head is cur:
                break
            if dep in ("conj", "advcl", "xcomp", "ccomp", "pcomp", "prep", "parataxis"):
                cur = cur.head
                for c in cur.children:
                    if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
                        return c
                if cur.pos_ in ("NOUN", "PROPN") and dep in ("pcomp", "prep"):
                    return None
            elif dep == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
                return cur.head
            else:
                break
        # inverted order: “...,” said the minister
        for c in tok.rights:
            if c.dep_ in ("dobj", "attr", "npadvmod", "appos") and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG")
                                                                     or _definite_noun(c)
                                                                     or c.lemma_.lower() in self.channels):
                prev = tok.doc[tok.i - 1] if tok.i > 0 else None
                if prev is not None and (prev.is_punct or prev.is_quote):
                    return c
            break
        return None

    def _cue_span(self, doc, tok, content_tok, speaker_tok) -> tuple[int, int]:
        """The cue verb with its auxiliaries, negation and adverbs that sit next to it, plus a
        particle or the preposition that introduces the content ("called for", "pointed to")."""
        lo = hi = tok.i
        kids = {c.i: c for c in tok.children}
        while lo - 1 in kids and kids[lo - 1].dep_ in _AUX_DEPS:
            lo -= 1
        while hi + 1 in kids and (kids[hi + 1].dep_ in ("prt", "neg", "auxpass")):
            hi += 1
        if content_tok is not None and content_tok.dep_ in ("pobj", "pcomp") and content_tok.head.i == hi + 1:
            hi += 1
        if hi + 1 < len(doc) and doc[hi + 1].text == ":":
            pass
        return doc[lo].idx, doc[hi].idx + len(doc[hi].text)

    def _content_without_argument(self, doc, tok, quotes) -> tuple[int, int] | None:
        """A cue with no complement: “Quote,” he said / X, he said, Y / he said: “Quote”."""
        text = doc_text(doc)
        end_of_cue = tok.idx + len(tok.text)
        # he said: "..."   (the quote may run over sentence ends)
        nxt = tok.i + 1
        while nxt < len(doc) and doc[nxt].dep_ in ("prt", "advmod", "npadvmod") and doc[nxt].i - tok.i < 3:
            nxt += 1
        if nxt < len(doc) and doc[nxt].text in (":", ","):
            after = doc[nxt].idx + 1
            for q in quotes:
                if 0 <= q[0] - after <= 2:
                    return q
        # “Quote,” he said.   — the quote that ends just before the speaker/cue
        # (the quotation's own tokens may hang on the cue: “Absolutely not,” he said)
        start_of_clause = min([t.idx for t in tok.subtree if not any(q[0] <= t.idx < q[1] for q in quotes)]
                              + [tok.idx])
        for q in quotes:
            gap = text[q[1]:start_of_clause]
            if q[1] <= start_of_clause and len(gap) <= 3 and gap.strip(" ,") == "":
                return q
        # X, he said, Y   /   X, he said.
        if tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head is not tok and tok.head.pos_ in ("VERB", "AUX"):
            head = tok.head
            start, end = _subtree_span(head, exclude=[tok])
            if end <= tok.idx or start >= end_of_cue:
                start, end = _trim(text, start, end, _TRIM | {"."})
                if end - start > 10:
                    return start, end
            # the head's subtree contains the cue: take the longer side
            ids = [t for t in head.subtree if t.i not in {x.i for x in tok.subtree}]
            left = [t for t in ids if t.i < tok.i]
            right = [t for t in ids if t.i > tok.i]
            side = left if len(left) >= len(right) else right
            if side:
                s, e = _trim(text, side[0].idx, side[-1].idx + len(side[-1].text), _TRIM | {"."})
                if e - s > 10:
                    return s, e
        return None

    @staticmethod
    def _next_to(text, q, cue, speaker) -> bool:
        """The attribution (cue and speaker) sits right after or right before quotation q."""
        a = min(cue[0], speaker[0]) if speaker else cue[0]
        b = max(cue[1], speaker[1]) if speaker else cue[1]
        return (q[1] <= a and text[q[1]:a].strip(" ,") == "" and a - q[1] <= 3) or \
            (b <= q[0] and text[b:q[0]].strip(" ,:") == "" and q[0] - b <= 3)

    def _extend_to_quotes(self, text, content, quotes, cue, speaker):
        """A content span that is mostly a quotation takes the whole quotation, marks included;
        a content that merely touches a quote mark is left alone."""
        if content is None:
            return None
        s, e = content
        for q in quotes:
            ov = _overlap((s, e), q)
            if ov == 0:
                continue
            inner = (q[0] + 1, q[1] - 1)
            if cue[0] >= q[0] and cue[1] <= q[1]:
                continue  # the cue is inside this quotation (partial quote): keep the clause
            if _overlap((s, e), inner) >= 0.5 * (inner[1] - inner[0]) or (s <= q[0] + 2 and e >= q[0] + 2) \
                    or (q[0] <= s and e <= q[1] and self._next_to(text, q, cue, speaker)):
                # “A. B. C,” X said: the parse gives the last sentence, the quotation is all X's
                s, e = min(s, q[0]), max(e, q[1])
        # trailing punctuation inside the closing mark: “...,”
        return s, e

    def _continue_split_quotes(self, doc, raws: list[_Raw], quotes) -> None:
        """“A,” X said, adding: “B.”  — B is attributed to X even when the parser put it in a
        sentence of its own. Also “A,” X said (on Monday). “B.” — a quotation that opens the next
        sentence and has no attribution of its own is still X's, and so is one right after it."""
        text = doc_text(doc)
        # a statement's content covers a quotation when its cue is outside it (its attribution)
        attributed = [r.content for r in raws if r.content and not any(
            q[0] <= r.cue[0] and r.cue[1] <= q[1] for q in quotes)]
        for r in list(raws):
            if r.content is None or r.speaker is None:
                continue
            end = max(r.cue[1], r.speaker[1], r.content[1])
            sent_end = r.cue_tok.sent.end_char if r.cue_tok is not None else end
            last = r
            cue = self._cue_for(r.cue_tok) if r.cue_tok is not None else None
            speech = cue is not None and cue.ratio >= 0.5  # a cue that mostly reports speech
            for q in quotes:
                if q[0] < end:
                    continue
                gap = text[end:q[0]]
                if "\n" in gap or any(_overlap(q, c) > 0 for c in attributed):
                    break
                if any(q[0] <= o.cue[0] < q[1] and o.speaker_tok is not None and o.speaker_tok.pos_ == "PROPN"
                       for o in raws):
                    break  # a named speaker inside: the marks do not pair up as they seem to
                words = gap.strip(" ,.:;")
                rest_of_sentence = end <= sent_end <= q[0] and len(gap) <= 60 and gap.rstrip().endswith(".") \
                    and not any(ch in gap for ch in "“”\"") and last is r and speech
                if words.lower() in _CONTINUERS or rest_of_sentence or (last is not r and words == ""):
                    nxt = _Raw(cue=r.cue, cue_text=r.cue_text, speaker_tok=r.speaker_tok,
                               speaker=r.speaker, content=q, via=r.via, cue_tok=r.cue_tok,
                               addressee=r.addressee, addressee_tok=r.addressee_tok, continues=r)
                    raws.append(nxt)
                    attributed.append(q)
                    last, end = nxt, q[1]
                    continue
                break

    # ------------------------------------------------------------ records

    def _finish(self, doc, r: _Raw, quotes, sent_index, article_id, speakers: Speakers) -> Statement:
        text = doc_text(doc)
        speaker_actor, via = speakers.speaker(r, quotes)
        addressee = speakers.addressee(r)
        direct = False
        if r.content is not None:
            for q in quotes:
                if _overlap(r.content, q) >= 0.5 * (q[1] - q[0]) or (q[0] <= r.cue[0] and r.cue[1] <= q[1]
                                                                     and _overlap(r.content, q) > 0):
                    direct = True
                    break
        spans = [s for s in (r.speaker, r.cue, r.content) if s]
        start = min(s[0] for s in spans)
        end = max(s[1] for s in spans)
        sent = None
        if r.cue_tok is not None:
            sent = sent_index.get(r.cue_tok.sent.start)
        content_text = _plain_apostrophes(text[r.content[0]:r.content[1]]) if r.content else ""
        return Statement(
            speaker=speaker_actor, cue=r.cue_text, content=content_text, direct=direct,
            article_id=article_id, start=start, end=end, via=via, addressee=addressee,
            speaker_start=r.speaker[0] if r.speaker else None,
            speaker_end=r.speaker[1] if r.speaker else None,
            cue_start=r.cue[0], cue_end=r.cue[1],
            content_start=r.content[0] if r.content else None,
            content_end=r.content[1] if r.content else None,
            sentence=sent,
        )
