"""The HTTP API in-process (FastAPI's TestClient) on a store of articles we invented, written as
coded records (no parser: these tests are about reading the store)."""
from __future__ import annotations

import duckdb
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from sanderling.schema import Actor, Article, CodedArticle, Event, Evidence, Place, Statement  # noqa: E402
from sanderling.store import Store  # noqa: E402
from sanderling.web.app import create_app  # noqa: E402

BREKKE = Actor("Ola Brekke", "NOR", ["GOV"], "Foreign Minister", kind="person")
HALLS = Actor("Sigrun Hallsdottir", "ISL", ["GOV"], "Foreign Minister", kind="person")
TAMM = Actor("Kaarel Tamm", "EST", ["GOV"], "Defence Minister", kind="person")
COUNCIL = Actor("Arctic Fisheries Council", "IGO", ["GOV"], kind="organization", org="Arctic Fisheries Council")


def _coded(text: str, published: str, events: list[tuple], statements: list[tuple] = ()) -> CodedArticle:
    """events: (sentence index, type, quad, goldstein, source, target, date, predicate, background, place)."""
    art = Article(text=text, published=published, source_name="Test Wire", title=text.split("\n")[0])
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append((pos, pos + len(line) + 1))
        pos += len(line) + 1
    evs = []
    for i, etype, quad, gold, src, tgt, date, pred, background, place in events:
        s, e = starts[i]
        ev = Evidence(art.id, i, text[s:e], s, e)
        evs.append(Event(etype, src, tgt, ev, quad_class=quad, goldstein=gold, date=date, predicate=pred,
                         background=background, location=place, confidence=0.9, cameo="040", mentions=[ev]))
    sts = []
    for i, speaker, content in statements:
        s, e = starts[i]
        sts.append(Statement(speaker, "said", content, True, art.id, s, e, sentence=i))
    actors = list({a.actor_id: a for ev in evs for a in (ev.source, ev.target) if a}.values())
    return CodedArticle(art, evs, sts, actors)


ARTICLES = [
    _coded("Norway and Iceland open fisheries talks\n"
           "Norwegian Foreign Minister Ola Brekke met Icelandic Foreign Minister Sigrun Hallsdottir in Reykjavik on Monday.\n"
           "\"We want a fair quota for both fleets,\" Brekke said.\n"
           "Hallsdottir accused Norway of overfishing near the island.\n"
           "In May 2021, Brekke visited Reykjavik for the first time.\n",
           "2024-03-06",
           [(1, "CONSULT", 1, 1.0, BREKKE, HALLS, "2024-03-04", "met", False, Place("Reykjavik", "ISL", lat=64.1, lon=-21.9)),
            (3, "ACCUSE", 3, -2.0, HALLS, BREKKE, "2024-03", "accused", False, None),
            (4, "CONSULT", 1, 1.9, BREKKE, HALLS, "2021-05", "visited", True, None)],
           [(2, BREKKE, "We want a fair quota for both fleets")]),
    _coded("Estonia joins the fisheries council\n"
           "Estonian Defence Minister Kaarel Tamm asked the Arctic Fisheries Council for observer status.\n"
           "The council rejected Tamm's request in 2023.\n"
           "Tamm said Estonia would try again next year.\n",
           "2024-11-20",
           [(1, "REQUEST", 3, -0.5, TAMM, COUNCIL, "2024-11-18", "asked", False, None),
            (2, "REJECT", 3, -4.0, COUNCIL, TAMM, "2023", "rejected", True, None)],
           [(3, TAMM, "Estonia would try again next year")]),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "s.duckdb"
    with Store(path) as s:
        s.write(ARTICLES)
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_type"] + ":" + e["date"] for e in response.json()["events"]]


def test_stats_and_page(client):
    stats = client.get("/api/stats").json()
    assert (stats["articles"], stats["events"], stats["statements"]) == (2, 5, 2)
    assert stats["date_range"] == ["2021-05", "2024-11-18"]
    page = client.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()
    assert client.get("/openapi.json").json()["paths"]["/api/events"]


@pytest.mark.parametrize("query, expected", [
    ("", ["CONSULT:2021-05", "REJECT:2023", "ACCUSE:2024-03", "CONSULT:2024-03-04", "REQUEST:2024-11-18"]),
    ("actor=brekke", ["CONSULT:2021-05", "ACCUSE:2024-03", "CONSULT:2024-03-04"]),
    ("country=IGO", ["REJECT:2023", "REQUEST:2024-11-18"]),
    ("country=isl&type=consult", ["CONSULT:2021-05", "CONSULT:2024-03-04"]),
    ("dyad=ISL,NOR", ["CONSULT:2021-05", "ACCUSE:2024-03", "CONSULT:2024-03-04"]),  # either direction
    ("source_country=ISL", ["ACCUSE:2024-03"]),
    ("target_country=EST", ["REJECT:2023"]),
    ("quad=3", ["REJECT:2023", "ACCUSE:2024-03", "REQUEST:2024-11-18"]),
    ("since=2024-03&until=2024-03", ["ACCUSE:2024-03", "CONSULT:2024-03-04"]),  # a month covers its days
    ("until=2023", ["CONSULT:2021-05", "REJECT:2023"]),
    ("q=OVERFISHING", ["ACCUSE:2024-03"]),
    ("background=true", ["CONSULT:2021-05", "REJECT:2023"]),
    ("background=false&sort=-date", ["REQUEST:2024-11-18", "CONSULT:2024-03-04", "ACCUSE:2024-03"]),
    (f"article={ARTICLES[1].article.id}", ["REJECT:2023", "REQUEST:2024-11-18"]),
    ("actor=%27%3B%20DROP%20TABLE%20events%3B%20--", []),  # a value is a value, never SQL
    ("q=100%25", []),  # % is a plain character, not a wildcard
])
def test_event_filters(client, query, expected):
    assert ids(client.get("/api/events?" + query)) == expected


def test_pagination(client):
    first = client.get("/api/events?limit=2").json()
    second = client.get("/api/events?limit=2&offset=2").json()
    last = client.get("/api/events?limit=2&offset=4").json()
    assert first["total"] == second["total"] == 5
    got = [e["id"] for page in (first, second, last) for e in page["events"]]
    assert len(got) == len(set(got)) == 5
    assert client.get("/api/events?offset=50").json()["events"] == []


@pytest.mark.parametrize("url, param", [
    ("/api/events?type=CHAT", "type"),
    ("/api/events?since=March", "since"),
    ("/api/events?since=2024-13", "since"),
    ("/api/events?until=2023-02-30", "until"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=1001", "limit"),
    ("/api/events?limit=ten", "limit"),
    ("/api/events?offset=-1", "offset"),
    ("/api/events?quad=5", "quad"),
    ("/api/events?country=US", "country"),
    ("/api/events?dyad=USA", "dyad"),
    ("/api/events?background=maybe", "background"),
    ("/api/events?sort=id;drop", "sort"),
    ("/api/events?q=" + "x" * 201, "q"),
    ("/api/events?contry=USA", "contry"),  # a misspelt name is not silently ignored
    ("/api/aggregates?by=hour", "by"),
    ("/api/aggregates?by=month&by=month", "by"),
    ("/api/aggregates?type=chat", "type"),
    ("/api/aggregates?by=type&top=0", "top"),
    ("/api/actors?kind=alien", "kind"),
    ("/api/actors?sort=age", "sort"),
    ("/api/actors?limit=5000", "limit"),
    ("/api/statements?since=yesterday", "since"),
    ("/api/statements?country=Norway", "country"),
    ("/api/locations?quad=0", "quad"),
])
def test_bad_parameter_is_422_naming_it(client, url, param):
    r = client.get(url)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"].startswith(param + ":")
    assert any(d["loc"][:2] == ["query", param] for d in body["detail"])


def test_unknown_id_is_404(client):
    for url in ("/api/events/0000000000000000", "/api/events/0000000000000000/readouts"):
        r = client.get(url)
        assert r.status_code == 404 and "no event" in r.json()["error"]


def test_one_event_with_sentence_highlights_mentions_statements(client):
    (row,) = client.get("/api/events?type=ACCUSE").json()["events"]
    got = client.get(f"/api/events/{row['id']}").json()
    sentence = got["sentence"]["text"]
    assert sentence.startswith("Hallsdottir accused Norway")
    marks = {m["role"]: sentence[m["start"]:m["end"]] for m in got["sentence"]["highlights"]}
    # the names as the sentence writes them: Brekke is not in it, so no target mark
    assert marks == {"source": "Hallsdottir", "predicate": "accused"}
    assert [m["text"] for m in got["mentions"]] == [sentence]
    assert [s["content"] for s in got["statements"]] == ["We want a fair quota for both fleets"]
    assert got["article"]["published"] == "2024-03-06"

    (meet,) = client.get("/api/events?type=CONSULT&background=false").json()["events"]
    got = client.get(f"/api/events/{meet['id']}").json()
    marks = {m["role"]: got["sentence"]["text"][m["start"]:m["end"]] for m in got["sentence"]["highlights"]}
    assert marks == {"source": "Ola Brekke", "predicate": "met", "target": "Sigrun Hallsdottir"}


def test_event_mentions_and_aliases_tables_are_used_when_present(tmp_path):
    path = tmp_path / "linked.duckdb"
    with Store(path) as s:
        s.write(ARTICLES[:1])
    con = duckdb.connect(str(path))
    event_id = con.execute("SELECT id FROM events WHERE event_type = 'ACCUSE'").fetchone()[0]
    con.execute("DELETE FROM event_mentions WHERE event_id = ?", [event_id])  # its mention told elsewhere instead
    con.execute("INSERT INTO event_mentions (event_id, article_id, sentence, start_char, end_char, text, source_name, url, published) VALUES (?, 'other', 2, 10, 40, 'Iceland blamed Norway for overfishing.', "
                "'Other Wire', NULL, '2024-03-07')", [event_id])
    con.execute("INSERT INTO event_aliases VALUES ('merged0000000000', ?)", [event_id])
    con.close()
    client = TestClient(create_app(path))
    got = client.get("/api/events/merged0000000000").json()
    assert got["event"]["id"] == event_id
    assert [(m["source_name"], m["text"]) for m in got["mentions"]] == [("Other Wire", "Iceland blamed Norway for overfishing.")]


def test_actors(client):
    body = client.get("/api/actors").json()
    by_name = {a["name"]: a for a in body["actors"]}
    assert by_name["Ola Brekke"]["events"] == 3 and by_name["Ola Brekke"]["first_seen"] == "2024-03-06"
    assert by_name["Arctic Fisheries Council"]["country"] == "IGO"
    assert body["actors"][0]["name"] in ("Ola Brekke", "Sigrun Hallsdottir")  # most events first
    assert [a["name"] for a in client.get("/api/actors?q=tamm").json()["actors"]] == ["Kaarel Tamm"]
    assert [a["name"] for a in client.get("/api/actors?country=IGO&kind=organization").json()["actors"]] == [
        "Arctic Fisheries Council"]


@pytest.mark.parametrize("query, expected", [
    ("", ["Ola Brekke", "Kaarel Tamm"]),
    ("speaker=BREK", ["Ola Brekke"]),
    ("country=EST", ["Kaarel Tamm"]),
    (f"article={ARTICLES[0].article.id}", ["Ola Brekke"]),
    ("since=2024-06", ["Kaarel Tamm"]),
    ("until=2024-03", ["Ola Brekke"]),
    ("q=quota", ["Ola Brekke"]),
])
def test_statements(client, query, expected):
    r = client.get("/api/statements?" + query)
    assert [s["speaker_name"] for s in r.json()["statements"]] == expected


def test_aggregates(client):
    rows = client.get("/api/aggregates?by=month&by=dyad&dyad=NOR,ISL").json()["groups"]
    assert [(r["month"], r["dyad"], r["n"]) for r in rows] == [
        ("2021-05", "NOR->ISL", 1), ("2024-03", "ISL->NOR", 1), ("2024-03", "NOR->ISL", 1)]
    (total,) = client.get("/api/aggregates").json()["groups"]
    assert total["n"] == 5
    assert total["goldstein_sum"] == pytest.approx(1.0 - 2.0 + 1.9 - 0.5 - 4.0)
    assert total["goldstein_mean"] == pytest.approx(total["goldstein_sum"] / 5)
    assert sum(total[f"share_q{k}"] for k in range(1, 5)) == pytest.approx(1.0)
    assert total["share_q3"] == pytest.approx(3 / 5)
    weeks = client.get("/api/aggregates?by=week&country=ISL").json()["groups"]
    assert [r["week"] for r in weeks] == ["2021-05", "2024-03", "2024-03-04"]  # coarser dates keep their own bucket
    top = client.get("/api/aggregates?by=source_actor&by=target_actor&top=2").json()["groups"]
    assert [(r["source_actor"], r["target_actor"], r["n"]) for r in top] == [
        ("Ola Brekke", "Sigrun Hallsdottir", 2), ("Arctic Fisheries Council", "Kaarel Tamm", 1)]
    types = {r["type"]: r["n"] for r in client.get("/api/aggregates?by=type").json()["groups"]}
    assert types == {"ACCUSE": 1, "CONSULT": 2, "REJECT": 1, "REQUEST": 1}


def test_locations_fall_back_to_country_centres(client):
    places = {p["name"]: p for p in client.get("/api/locations").json()["places"]}
    assert places["Reykjavik"]["lat"] == pytest.approx(64.1) and not places["Reykjavik"].get("approximate")
    assert places["EST"]["approximate"] and places["EST"]["lat"] is not None
    assert "IGO" not in places  # no place to put it


def test_store_busy_or_missing_is_503(tmp_path):
    client = TestClient(create_app(tmp_path / "none.duckdb"))
    r = client.get("/api/stats")
    assert r.status_code == 503 and "no store here yet" in r.json()["error"]


def test_readouts_of_an_event(client):
    (row,) = client.get("/api/events?type=CONSULT&background=false").json()["events"]
    got = client.get(f"/api/events/{row['id']}/readouts").json()
    assert got["article_id"] == ARTICLES[0].article.id
    assert list(got["sides"]) == ["NOR"]


def test_serve_without_a_store_says_so_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from sanderling.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no store here yet" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        db = tmp_path / "s.duckdb"
        Store(db).close()
        result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", str(taken.getsockname()[1])])
        assert result.exit_code == 2 and "cannot listen on" in result.stderr
    result = CliRunner().invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2 and "--port" in result.stderr


def test_highlights_are_whole_words_and_never_overlap():
    from sanderling.web.queries import highlights

    record = {"source": {"name": "Ann Lee"}, "target": {"name": "Bo Lee"}, "predicate": "met"}
    sentence = "Lee met Lee in Metz at the meeting."
    marks = [(m["role"], sentence[m["start"]:m["end"]], m["start"]) for m in highlights(sentence, record)]
    # neither full name is written: each side takes the next free "Lee"; "met" is not "Metz" or "meeting"
    assert marks == [("source", "Lee", 0), ("predicate", "met", 4), ("target", "Lee", 8)]
    assert highlights("Nothing here.", {"source": None, "target": None, "predicate": None}) == []
