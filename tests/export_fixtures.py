"""Invented articles and events for the export tests (fictional people; no dev-set text),
built as records so the tests need no parser and run in a second."""
from __future__ import annotations

from sanderling.schema import Actor, Article, CodedArticle, Event, Evidence, Place

TEXT_A = ("Marovian Foreign Minister Ilsa Venn met Calderan Defence Minister Tomas Ruel in Portavel on "
          "Tuesday. The two ministers agreed to hold joint naval drills. Venn later accused the rebels of "
          "shelling the port.")
TEXT_B = "In March 2023, Calderan troops fired on protesters in Esterholm.\tOfficials denied it."


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def coded_articles() -> list[CodedArticle]:
    venn = Actor(name="Ilsa Venn", country="FRA", sectors=["GOV"], role="Foreign Minister", kind="person")
    ruel = Actor(name="Tomas Ruel", country="DEU", sectors=["GOV", "MIL"], role="Defence Minister", kind="person")
    rebels = Actor(name="rebels", country="FRA", sectors=["REB"], kind="group")
    troops = Actor(name="Calderan troops", country="DEU", sectors=["MIL"], kind="organization")
    crowd = Actor(name="protesters", country="DEU", sectors=["CVL"], kind="group")
    un = Actor(name="United Nations", country="IGO", sectors=[], kind="organization", org="UNO")

    a = Article(text=TEXT_A, title="Ministers meet, agree on drills", url="https://news.example/a1",
                source_name="Example Wire", published="2024-05-14")
    s1 = _span(TEXT_A, TEXT_A.split(". ")[0] + ".")
    s2 = _span(TEXT_A, "The two ministers agreed to hold joint naval drills.")
    s3 = _span(TEXT_A, "Venn later accused the rebels of shelling the port.")
    e1 = Event("CONSULT", venn, ruel, Evidence(a.id, 0, TEXT_A[s1[0]:s1[1]], *s1), mode="visit", cameo="042",
               quad_class=1, goldstein=1.9, date="2024-05-14", date_precision="day",
               location=Place("Portavel", "FRA", admin1="Norde", lat=45.5, lon=3.25), confidence=0.9)
    e2 = Event("AGREE", venn, ruel, Evidence(a.id, 1, TEXT_A[s2[0]:s2[1]], *s2), cameo="0312", quad_class=1,
               goldstein=3.0, date="2024-05-14", date_precision="day", confidence=0.7)
    e3 = Event("ACCUSE", venn, rebels, Evidence(a.id, 2, TEXT_A[s3[0]:s3[1]], *s3), cameo="112", quad_class=3,
               goldstein=-2.0, date="2024-05", date_precision="month", confidence=0.6,
               location=Place("France", "FRA", lat=46.0, lon=2.0))
    b = Article(text=TEXT_B, title=None, url=None, source_name="Example Radio", published="2024-06-02")
    s4 = _span(TEXT_B, "In March 2023, Calderan troops fired on protesters in Esterholm.")
    e4 = Event("ASSAULT", troops, crowd, Evidence(b.id, 0, TEXT_B[s4[0]:s4[1]], *s4), cameo="190", quad_class=4,
               goldstein=-10.0, date="2023-03", date_precision="month", background=True, confidence=0.8,
               location=Place("Esterholm", "DEU", lat=52.1, lon=13.4))
    e5 = Event("REQUEST", un, None, Evidence(b.id, 1, "Officials denied it.", len(TEXT_B) - 20, len(TEXT_B)),
               cameo=None, quad_class=3, goldstein=None, date=None, confidence=0.4)
    return [CodedArticle(a, events=[e1, e2, e3], actors=[venn, ruel, rebels]),
            CodedArticle(b, events=[e4, e5], actors=[troops, crowd, un])]


def build_store(path) -> None:
    from sanderling.store import Store

    with Store(path) as s:
        s.write(coded_articles())
