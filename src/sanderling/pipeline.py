"""The coder: article in, coded article out. Pure: no files, no store.

`Coder.setup()` loads every model once; `Coder.code(articles)` parses a batch with `nlp.pipe`
and runs each stage on the parsed documents, so the in-process runner, worker processes and a
Ray actor pool all drive this same object.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_module
from .actors.kb import KnowledgeBase, default_kb
from .actors.resolve import ArticleActors
from .claims import check_claims
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
    """A line break ends a sentence: headlines and subheadings are lines of their own."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return doc


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
        for article, doc, line in zip(articles, self.nlp.pipe(masked, batch_size=self.batch_size), datelines):
            yield self.code_doc(article, doc, line)

    def code_doc(self, article: Article, doc: Doc, dateline: Dateline | None = None) -> CodedArticle:
        published = date.fromisoformat(article.published) if article.published else None
        actors = ArticleActors(doc, self.kb, published=published, known=self.known_actors, dateline=dateline)
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
