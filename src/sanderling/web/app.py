"""`sanderling serve`: a read-only HTTP API over the store, and the dashboard page.

Each request opens the DuckDB file read-only and closes it when answered (see store.connect), so
the server keeps answering while `sanderling code` writes the same file batch by batch, and sees
each batch once it is committed. Nothing here writes.
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..data_tables import read_table
from ..store import StoreBusy, connect
from . import queries
from .params import (Country, Dyad, EventType, Limit, Offset, Quad, Since, SourceCountry, SpeakerCountry,
                     TargetCountry, Text, Until)

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("sanderling.web")


def _db(request: Request):
    """A read-only connection for this request only."""
    path = request.app.state.db
    if not Path(path).exists():
        raise HTTPException(503, f"{path}: no store here yet; code some articles first")
    try:
        con = connect(path, read_only=True)
    except StoreBusy as exc:
        raise HTTPException(503, str(exc)) from None
    try:
        yield con
    finally:
        con.close()


Con = Annotated[object, Depends(_db)]


def _filter(actor: Annotated[str | None, Query(max_length=200, description="Part of the source's or target's name.")] = None,
            country: Country = None, source_country: SourceCountry = None, target_country: TargetCountry = None,
            dyad: Dyad = None, event_type: EventType = None, quad: Quad = None, since: Since = None,
            until: Until = None, q: Text = None,
            background: Annotated[bool | None, Query(description="true: only events the article recalls; false: only news.")] = None,
            article: Annotated[str | None, Query(max_length=64, description="Article id.")] = None) -> queries.EventFilter:
    return queries.EventFilter(actor=actor, country=country, source_country=source_country, target_country=target_country,
                               dyad=dyad, event_type=event_type, quad=quad, since=since, until=until, q=q,
                               background=background, article=article)


Filter = Annotated[queries.EventFilter, Depends(_filter)]
Dimension = Literal[tuple(queries.DIMENSIONS)]


@functools.lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    """Country centres (data/places/countries.tsv) for events with no coordinates of their own."""
    out = {}
    for r in read_table("places/countries.tsv"):
        try:
            out[r["iso3"]] = (float(r["lat"]), float(r["lon"]))
        except (KeyError, ValueError):
            continue
    return out


@functools.lru_cache(maxsize=1)
def _embed():
    from ..readouts import _default_embed

    return _default_embed()


def _known_parameters(request: Request) -> None:
    """A misspelt parameter (?contry=USA) would otherwise be ignored and the answer look right."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant") or not request.url.path.startswith("/api/"):
        return  # the page keeps its own state in the query string
    known, todo = set(), [route.dependant]
    while todo:  # the route's own parameters and those of its dependencies (the event filter)
        dep = todo.pop()
        known |= {p.alias for p in dep.query_params}
        todo += dep.dependencies
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise RequestValidationError([{"loc": ("query", name), "type": "unknown_parameter",
                                       "msg": f"no such parameter here; known: {', '.join(sorted(known)) or 'none'}"}
                                      for name in unknown])


def create_app(db: str | Path) -> FastAPI:
    # No /docs: FastAPI's docs pages load their scripts from a CDN, and nothing here may reach out.
    app = FastAPI(title="sanderling", version="0.1.0", dependencies=[Depends(_known_parameters)],
                  docs_url=None, redoc_url=None,
                  description="Political event data coded from news: events, statements, actors. Read-only.")
    app.state.db = str(db)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        """422 naming each bad parameter and why, in one line as well as FastAPI's detail list."""
        errors = [{"loc": list(e["loc"]), "msg": e["msg"].removeprefix("Value error, "), "type": e["type"]}
                  for e in exc.errors()]
        lines = [f"{e['loc'][1] if len(e['loc']) > 1 else e['loc'][0]}: {e['msg']}" for e in errors]
        return JSONResponse(status_code=422, content={"error": "; ".join(lines), "detail": errors})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return JSONResponse(status_code=exc.status_code, content={"error": exc.detail, "detail": exc.detail})

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception):
        # One line in the server's log and to the client: a bug must not print a traceback at a user.
        log.error("%s %s failed: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
        return JSONResponse(status_code=500, content={"error": f"{type(exc).__name__}: {exc}"})

    @app.get("/api/stats", summary="Row counts, the event types and countries present, the date range")
    def stats(con: Con) -> dict:
        out = queries.counts(con)
        out["date_range"] = con.execute("SELECT min(date), max(date) FROM events").fetchone()
        out["types"] = [r[0] for r in con.execute(
            "SELECT event_type FROM events GROUP BY 1 ORDER BY count(*) DESC").fetchall() if r[0]]
        out["countries"] = [{"country": c, "events": n} for c, n in con.execute(
            "SELECT c, count(*) FROM (SELECT source_country AS c FROM events UNION ALL SELECT target_country FROM events) "
            "WHERE c IS NOT NULL GROUP BY c ORDER BY count(*) DESC, c LIMIT 300").fetchall()]
        return out

    @app.get("/api/events", summary="Events, filtered and paged")
    def events(con: Con, f: Filter, limit: Limit = 50, offset: Offset = 0,
               sort: Annotated[Literal[tuple(queries.EVENT_SORTS)], Query(description="Order.")] = "date") -> dict:
        return queries.events(con, f, limit, offset, sort)

    @app.get("/api/events/{event_id}", summary="One event: its sentence (parties and predicate marked), mentions, "
                                                "the statements of its article")
    def event(con: Con, event_id: str) -> dict:
        found = queries.event(con, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return found

    @app.get("/api/events/{event_id}/readouts", summary="How each side told the meeting: the article's statements compared")
    def readouts(con: Con, event_id: str) -> dict:
        from ..readouts import compare_readouts

        article = queries.event_article(con, event_id)
        if article is None:
            raise HTTPException(404, f"no event {event_id!r}")
        records = queries.statement_records(con, article)
        if not records:
            return {"article_id": article, "sides": {}, "shared": [], "only": {}}
        return {"article_id": article, **compare_readouts(records, embed=_embed() or False)}

    @app.get("/api/actors", summary="Actors with their event counts and first/last dates seen")
    def actors(con: Con, q: Annotated[str | None, Query(max_length=200, description="Part of the name.")] = None,
               country: Country = None,
               kind: Annotated[Literal["person", "organization", "country", "group", "agent"] | None,
                               Query(description="Kind of actor.")] = None,
               limit: Limit = 50, offset: Offset = 0,
               sort: Annotated[Literal[tuple(queries.ACTOR_SORTS)], Query(description="Order.")] = "events") -> dict:
        return queries.actors(con, q, country, kind, limit, offset, sort)

    @app.get("/api/statements", summary="Statements: who said what, through which channel")
    def statements(con: Con, speaker: Annotated[str | None, Query(max_length=200, description="Part of the speaker's name.")] = None,
                   country: SpeakerCountry = None,
                   article: Annotated[str | None, Query(max_length=64, description="Article id.")] = None,
                   since: Since = None, until: Until = None,
                   q: Annotated[str | None, Query(max_length=200, description="Words the statement contains.")] = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict:
        return queries.statements(con, speaker, country, article, since, until, q, limit, offset)

    @app.get("/api/aggregates", summary="Counts, Goldstein mean and sum, quad-class shares, grouped")
    def aggregates(con: Con, f: Filter,
                   by: Annotated[list[Dimension], Query(description="Group by these (repeat the parameter): "
                                                                    + ", ".join(queries.DIMENSIONS))] = [],
                   top: Annotated[int | None, Query(ge=1, le=10000, description="Only the largest groups, this many.")] = None) -> dict:
        if len(by) != len(set(by)):
            raise RequestValidationError([{"loc": ("query", "by"), "msg": "a dimension is named twice", "type": "value_error"}])
        return queries.aggregates(con, f, list(by), top)

    @app.get("/api/locations", summary="Event counts per place (coordinates, else the country's centre)")
    def locations(con: Con, f: Filter) -> dict:
        centres, out = _centroids(), []
        for row in queries.locations(con, f):
            if row["lat"] is None and row["country"] in centres:
                row["lat"], row["lon"] = centres[row["country"]]
                row["approximate"] = True
            if row["lat"] is not None:
                out.append(row)
        return {"places": out}

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    return app
