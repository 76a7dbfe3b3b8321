"""Stores built by hand (no NLP): invented articles, events and statements with the dates,
countries and types a test needs, written through Store.write."""
from __future__ import annotations

from sanderling.schema import Actor, Article, CodedArticle, Event, Evidence, Statement


def person(name: str, country: str, role: str | None = None) -> Actor:
    return Actor(name=name, country=country, kind="person", sectors=["GOV"], role=role)


def article(text: str, published: str = "2024-05-20", events=(), statements=(), source_name="Test Wire",
            url=None) -> CodedArticle:
    """An article whose events are (type, source, target, date, sentence text, predicate);
    statements are (speaker, content, cue)."""
    a = Article(text=text, published=published, source_name=source_name, url=url, title=text.split(".")[0][:40])
    coded = CodedArticle(article=a)
    actors = {}
    for i, (etype, src, tgt, date, sentence, predicate) in enumerate(events):
        start = text.index(sentence)
        ev = Evidence(article_id=a.id, sentence=i, text=sentence, start=start, end=start + len(sentence))
        coded.events.append(Event(event_type=etype, source=src, target=tgt, evidence=ev, date=date,
                                  date_precision={4: "year", 7: "month"}.get(len(date or ""), "day"),
                                  predicate=predicate, mode=None, quad_class=1, goldstein=1.0))
        for actor in (src, tgt):
            if actor is not None:
                i0 = text.find(actor.name)
                if i0 >= 0:
                    actor.mentions = [(i0, i0 + len(actor.name))]
                actors[actor.actor_id] = actor
    for speaker, content, cue in statements:
        start = text.index(content)
        coded.statements.append(Statement(speaker=speaker, cue=cue, content=content, direct=True, article_id=a.id,
                                          start=start, end=start + len(content), content_start=start,
                                          content_end=start + len(content)))
        actors[speaker.actor_id] = speaker
    coded.actors = list(actors.values())
    return coded


def sample() -> list[CodedArticle]:
    """Three invented articles: a March 2024 meeting known to its month, a day-dated accusation,
    a 2023 agreement, and two statements in text order."""
    lund, saari = person("Karin Lund", "SWE", "Defence Minister"), person("Mikko Saari", "FIN", "Defence Minister")
    ora, bex = person("Tala Ora", "CHN", "Foreign Minister"), person("Ivo Bex", "BRA", "Foreign Minister")
    one = ("Karin Lund met Mikko Saari in Helsinki in March. "
           "Zeta said the talks went well. Alpha said more talks were needed.")
    two = "Tala Ora accused Ivo Bex of stalling on 12 April 2024. The ministry gave no details."
    three = "Tala Ora and Karin Lund signed a trade pact in 2023."
    return [
        article(one, "2024-04-02", events=[("CONSULT", lund, saari, "2024-03",
                                             "Karin Lund met Mikko Saari in Helsinki in March.", "met")],
                statements=[(saari, "the talks went well", "said"), (lund, "more talks were needed", "said")]),
        article(two, "2024-04-13", events=[("ACCUSE", ora, bex, "2024-04-12",
                                             "Tala Ora accused Ivo Bex of stalling on 12 April 2024.", "accused")]),
        article(three, "2024-01-05", events=[("AGREE", ora, lund, "2023",
                                               "Tala Ora and Karin Lund signed a trade pact in 2023.", "signed")]),
    ]


def write_sample(path) -> list[CodedArticle]:
    from sanderling.store import Store

    coded = sample()
    with Store(path) as s:
        s.write(coded)
    return coded
