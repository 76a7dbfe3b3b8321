"""The coder: article in, coded article out. Pure: no files, no store.

`Coder.setup()` loads every model once; `Coder.code(articles)` parses a batch with `nlp.pipe`
and runs each stage on the parsed documents, so the in-process runner, worker processes and a
Ray actor pool all drive this same object.
"""
from __future__ import annotations

import functools

import re
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_module
from .actors.kb import KnowledgeBase, default_kb
from .actors.resolve import ArticleActors
from .claims import check_claims
from .data_tables import data_lines
from .dateline import Dateline, find_dateline, mask
from .events.build import EventBuilder, merge_mentions
from .events.references import attach_references
from .events.speech import SPEECH_TYPES, SpeechActs
from .ingest.text import source_line
from .schema import Article, CodedArticle
from .statements import StatementExtractor
from .statements.speakers import person_named


@Language.component("sanderling_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and subheadings are lines of their own. So does
    a subheading run into the text ("... he said. Financial strain Both camps opened ..."): a
    short run of words with no verb and no end punctuation, then a word that opens sentences."""
    openers = _run_in_openers()
    run_start = 0  # where the words since the last sentence end begin
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
            run_start = token.i
            continue
        if prev.text in {".", "!", "?"} or (prev.is_quote and token.i >= 2 and doc[token.i - 2].text in {".", "!", "?"}):
            run_start = token.i
            continue
        if (token.text in openers or _title_opener(doc, token)) and 2 <= token.i - run_start <= 7 and not prev.is_punct \
                and not any(t.tag_ in FINITE_TAGS or t.is_quote for t in doc[run_start:token.i]) \
                and prev.tag_ in {"NN", "NNS", "NNP", "NNPS", "JJ", "CD", "VB", "VBP"}:
            token.is_sent_start = True
            run_start = token.i
    return doc


# A run with one of these is a clause, not a subheading ("He saw the film The Godfather"); the
# tagger reads a heading's noun as a present verb now and then ("Financial strain"), so not VB/VBP.
FINITE_TAGS = {"VBD", "VBZ", "VBN", "VBG", "MD"}


# "Role of Russia Russian President Vladimir Putin is courting ...": a nationality word and an
# office, capitalised, open a sentence (inside one they follow "the", "with", "said" ...).
OFFICE_WORDS = {"President", "Prime", "Foreign", "Defense", "Defence", "Interior", "Finance", "Trade",
                "Minister", "Ambassador", "Secretary", "Chancellor", "King", "Queen", "Supreme", "Vice"}


def _title_opener(doc: Doc, token) -> bool:
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    prev = doc[token.i - 1]  # a noun ends the heading: not "outgoing Canadian Prime Minister"
    return (nxt is not None and nxt.text in OFFICE_WORDS and prev.tag_ in {"NN", "NNS", "NNP", "NNPS"}
            and token.is_title and token.tag_ in {"JJ", "NNP", "NNPS"}
            and token.text.endswith(("an", "ese", "ish", "i", "ch", "ic")))


@functools.lru_cache(maxsize=1)
def _run_in_openers() -> frozenset[str]:
    return frozenset(data_lines("nlp/run_in_openers.txt"))


@Language.component("sanderling_hyphen_names")
def hyphen_names(doc: Doc) -> Doc:
    """Keep hyphenated given names whole ("Ji-won", "Jong-un"): spaCy splits them at the hyphen
    and the parser then reads the syllable after it as a word of its own ("won")."""
    spans = []
    for token in doc[:-2]:
        hyphen, rest = doc[token.i + 1], doc[token.i + 2]
        if (hyphen.text == "-" and not token.whitespace_ and not hyphen.whitespace_ and token.is_title
                and token.is_alpha and rest.is_alpha and rest.is_lower and len(rest) <= 4):
            if not spans or spans[-1].end <= token.i:
                spans.append(doc[token.i: token.i + 3])
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


# A text longer than this is coded in sentence-aligned pieces of about this size (each piece
# parsed and coded on its own, offsets kept): time stays linear in the length, and no text
# reaches spaCy's max_length. News articles are shorter: they are coded whole.
PIECE_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+|\n\s*")
_SPACE = re.compile(r"\s+")


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering `text`, each at most `size` characters, cut
    after a sentence end (else after a space, else anywhere) in the second half of the window."""
    out, start, n = [], 0, len(text)
    while n - start > size:
        window = text[start + size // 2: start + size]
        cut = None
        for pattern in (_SENTENCE_END, _SPACE):
            last = None
            for last in pattern.finditer(window):
                pass
            if last is not None:
                cut = start + size // 2 + last.end()
                break
        cut = cut or start + size
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def coding_end(text: str) -> int:
    """Where the text to code ends: a trailing `Source: X` line is not article text."""
    return source_line(text)[0]


class Coder:
    """Loads its models once in `setup()`; codes batches of articles."""

    def __init__(self, kb: KnowledgeBase | None = None, batch_size: int = 16, known_actors=None,
                 speech_acts: bool = True):
        self.kb = kb
        self.speech_acts = speech_acts  # statements that are events (accusations, demands, praise)
        # People named in earlier articles (loaded from the store at the edge): a later bare
        # surname resolves to them.
        self.known_actors = list(known_actors or [])
        self.batch_size = batch_size
        self.nlp: Language | None = None
        self.events: EventBuilder | None = None
        self.statements: StatementExtractor | None = None
        self.piece_chars = PIECE_CHARS

    def setup(self) -> "Coder":
        if self.nlp is not None:
            return self
        nlp = nlp_module.load()
        if "sanderling_line_breaks" not in nlp.pipe_names:
            nlp.add_pipe("sanderling_hyphen_names", first=True)
            nlp.add_pipe("sanderling_line_breaks", before="parser")
        self.nlp = nlp
        self.kb = self.kb or default_kb()
        self.events = EventBuilder().setup(nlp)
        self.speech = SpeechActs(self.events)
        self.statements = StatementExtractor().setup()
        return self

    def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        self.setup()
        articles = list(articles)
        texts = [a.text[: coding_end(a.text)] for a in articles]
        datelines = [find_dateline(t) for t in texts]
        masked = [mask(t, d) for t, d in zip(texts, datelines)]
        if all(len(t) <= self.piece_chars for t in masked):
            for article, doc, line in zip(articles, self.nlp.pipe(masked, batch_size=self.batch_size), datelines):
                yield self.code_doc(article, doc, line)
            return
        for article, text, line in zip(articles, masked, datelines):  # keep it simple: one at a time
            if len(text) <= self.piece_chars:
                yield self.code_doc(article, self.nlp(text), line)
            else:
                yield self.code_long(article, text, line)

    def code_long(self, article: Article, text: str, dateline: Dateline | None = None) -> CodedArticle:
        """A long text in pieces: each piece is parsed as the text with everything before it blanked
        (spaces), so every offset points into the article as it is; people named in earlier pieces
        are known to later ones; the events of all pieces are merged as one article's."""
        spans = pieces(text, self.piece_chars)
        padded = (self._padded(text, start, end) for start, end in spans)
        parts: list[CodedArticle] = []
        known = {a.actor_id: a for a in self.known_actors}
        base = 0  # sentences in the pieces before this one
        for (start, _), doc in zip(spans, self.nlp.pipe(padded, batch_size=self.batch_size)):
            part = self.code_doc(article, doc, dateline, known=list(known.values()))
            base = _renumber_sentences(part, doc, start, base)
            for a in part.actors:
                if a.kind == "person":
                    known.setdefault(a.actor_id, a)
            parts.append(part)
        events = merge_mentions([e for p in parts for e in p.events])
        actors: dict = {}
        places: dict = {}
        for p in parts:
            for a in p.actors:
                actors.setdefault(a.actor_id, a)
            for pl in p.places:
                places.setdefault((pl.name, pl.country), pl)
        return CodedArticle(article=article, events=events, statements=[s for p in parts for s in p.statements],
                            actors=list(actors.values()), places=list(places.values()),
                            claims=[c for p in parts for c in p.claims])

    def _padded(self, text: str, start: int, end: int) -> Doc:
        """The piece text[start:end] as a Doc whose text is `start` spaces then the piece: the
        blank is a few whitespace tokens of power-of-two lengths (so it costs nothing to parse, and
        the vocabulary holds at most ~20 such strings), and only the piece is tokenized."""
        piece = self.nlp.tokenizer(text[start:end])
        if start == 0:
            return piece
        words = [" " * (1 << bit) for bit in range(start.bit_length() - 1, -1, -1) if start >> bit & 1]
        spaces = [False] * len(words)
        words += [t.text for t in piece]
        spaces += [bool(t.whitespace_) for t in piece]
        doc = Doc(self.nlp.vocab, words=words, spaces=spaces)
        if len(doc) > len(spaces) - len(piece):
            doc[len(spaces) - len(piece)].is_sent_start = True  # the blank is no part of a sentence
        return doc

    def code_doc(self, article: Article, doc: Doc, dateline: Dateline | None = None,
                 known: list | None = None) -> CodedArticle:
        published = date.fromisoformat(article.published) if article.published else None
        actors = ArticleActors(doc, self.kb, published=published,
                               known=self.known_actors if known is None else known, dateline=dateline)
        events = self.events.build(doc, article, actors, published)

        def resolve(span):
            found = actors.actors_at(span.root)
            if not found:  # a bare surname the tagger missed: the article's person of that name
                return person_named(actors.people, span)
            return found[0]

        statements = self.statements.extract(doc, article.id, resolve_actor=resolve)
        if self.speech_acts:
            context = sorted({a.country for a in actors.all() if a.country and len(a.country) == 3})
            spoken = self.speech.events(doc, article, actors, statements, published, context)
            # A speech act the parse already coded in the sentence between the same sides needs no
            # second reading ("ready to support Kenya": SUPPORT from the verb, not AGREE again).
            coded = {(m.start, _sides(e)) for e in events if e.event_type in SPEECH_TYPES
                     for m in (e.mentions or [e.evidence])}
            spoken = [e for e in spoken if (e.evidence.start, _sides(e)) not in coded]
            events = merge_mentions(events + spoken)
        # "the call", "the meeting" told again later: more mentions of the event told before
        events = attach_references(doc, events, actors)
        claims = check_claims(doc, published, [_claim_view(e) for e in events]) if published else []
        used = {e.source.actor_id for e in events if e.source} | {e.target.actor_id for e in events if e.target}
        used |= {s.speaker.actor_id for s in statements if s.speaker}
        listed = [a for a in actors.all() if a.kind == "person" or a.actor_id in used]
        places = {}
        for event in events:
            if event.location is not None:
                places.setdefault((event.location.name, event.location.country), event.location)
        return CodedArticle(article=article, events=events, statements=statements, actors=listed,
                            places=list(places.values()), claims=claims)


def _renumber_sentences(part: CodedArticle, doc: Doc, start: int, base: int) -> int:
    """Sentence numbers of a piece's records as the article's (the blank before the piece is not
    counted); returns the sentences counted so far."""
    index: dict[int, int] = {}
    for k, sent in enumerate(doc.sents):
        if sent.start_char >= start:
            index[k] = base + len(index)
    seen: set[int] = set()
    records = [m for e in part.events for m in [e.evidence, *(e.mentions or [])]] + list(part.statements)
    for r in records:
        if id(r) not in seen and getattr(r, "sentence", None) is not None:
            seen.add(id(r))
            r.sentence = index.get(r.sentence, r.sentence)
    return base + len(index)


def _sides(event) -> frozenset:
    return frozenset(a.country for a in (event.source, event.target) if a is not None and a.country)


def _claim_view(event) -> dict:
    return {"id": event.id, "date": event.date, "start": event.evidence.start, "end": event.evidence.end,
            "mode": event.mode,
            "source_id": event.source.actor_id if event.source and event.source.kind == "person" else None,
            "target_id": event.target.actor_id if event.target and event.target.kind == "person" else None,
            "source_country": event.source.country if event.source else None,
            "target_country": event.target.country if event.target else None}


def code_text(text: str, published: str | None = None, source_name: str | None = None,
              title: str | None = None, url: str | None = None) -> CodedArticle:
    """Code one article's text in this process: the library's simplest entry point."""
    article = Article(text=text, title=title, url=url, source_name=source_name, published=published)
    return next(_default_coder().code([article]))


_CODER: Coder | None = None


def _default_coder() -> Coder:
    global _CODER
    if _CODER is None:
        _CODER = Coder().setup()
    return _CODER
