"""The `sanderling` command: a thin layer over the library."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from .ingest import IngestError
from .ingest.dates import normalise_published

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Political event data from news text: who did what to whom, when and where, with the sentence behind every record.")
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one error, one line

FORMATS = ("table", "json", "jsonl")


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {escape(str(message))}")
    raise typer.Exit(code)


def _note(message: str) -> None:
    err.print(f"note: {escape(message)}")


def _filters(country=None, event_type=None, since=None, until=None, limit=None, mode=None,
             country_option: str = "--country") -> dict:
    """The read commands' filters, checked (validate.py): a bad one is one line, exit 2."""
    from . import validate

    try:
        since, until = validate.date_range(since, until)
        return {"country": validate.country(country, country_option, note=_note),
                "event_type": validate.event_type(event_type), "since": since, "until": until,
                "limit": validate.count(limit, "--limit"), "mode": validate.mode(mode)}
    except validate.UsageError as exc:
        _fail(str(exc))


@app.command()
def code(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders: .txt, .html, .jsonl (one article object a line)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for every article (else from the record or page)."),
    source_name: Optional[str] = typer.Option(None, "--source-name", help="Source name for every article (else from the record, page or a trailing 'Source: X' line)."),
    output_format: str = typer.Option("table", "--format", "-f", help="table (rich), json (one object, the output contract) or jsonl (one coded article a line)."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to write (default: sanderling.duckdb in your data folder, or $SANDERLING_DB)."),
    no_store: bool = typer.Option(False, "--no-store", help="Do not write the store; only print."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, max=100_000, help="Articles parsed and written per batch."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, max=1024, help="Worker processes (local engine, default 1) or Ray actors (ray engine, default: all CPUs)."),
    engine: str = typer.Option("local", "--engine", help="local (this machine: in-process, or --workers processes) or ray (Ray Data; pip install 'sanderling[ray]'; joins $RAY_ADDRESS if set)."),
    resume: bool = typer.Option(False, "--resume", help="Skip articles the store already holds (same content hash): finish an interrupted run."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the summary (for large runs: nothing is kept in memory)."),
) -> None:
    """Code news articles into events, statements and actors, print them and write them to the store."""
    from .engines.processes import WorkerDied
    from .engines.ray_data import RayMissingError
    from .nlp import ModelMissingError
    from .runner import code_inputs
    from .store import StoreError

    if output_format not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    if engine not in ("local", "ray"):
        _fail(f"--engine must be local or ray, not {engine!r}")
    if resume and no_store:
        _fail("--resume skips what the store holds: it needs a store (drop --no-store)")
    try:
        published = normalise_published(published, "--published")
    except IngestError as exc:
        _fail(str(exc))
    store = None
    if not no_store:
        from .store import Store

        try:
            store = Store(db)  # checked (truncated, foreign, newer schema) before anything is coded
        except StoreError as exc:
            _fail(str(exc), exc.code)
    # jsonl streams: each batch is printed as it is coded and nothing is kept
    stream = output_format == "jsonl" and not quiet
    on_coded = (lambda batch: _print_coded(batch, "jsonl", flush=True)) if stream else None
    kept = (f"every finished batch is in {escape(str(store.path))}; run the same command with --resume to finish"
            if store is not None else "nothing was stored (--no-store)")
    try:
        result = code_inputs(inputs, published=published, source_name=source_name, store=store,
                             batch_size=batch_size, on_error=lambda e: err.print(f"[red]error:[/red] {escape(str(e))}"),
                             keep=not (quiet or stream), engine=engine, workers=workers,
                             skip_coded=resume, on_coded=on_coded)
        if not (quiet or stream):
            _print_coded(result.coded, output_format)
    except KeyboardInterrupt:
        if store is not None:
            err.print(f"interrupted: {kept}")
        raise typer.Exit(130)
    except BrokenPipeError:  # `sanderling code ... | head -1`: the reader has what it wanted
        _stdout_closed()
        if store is not None:
            _quiet_print(f"output closed: stopped; {kept}")
        raise typer.Exit(0)
    except WorkerDied as exc:
        _fail(f"{exc}: {kept}", code=1)
    except (RayMissingError, ModelMissingError) as exc:
        _fail(str(exc))
    except StoreError as exc:  # busy, or a write that failed (its batch is not in the store)
        _fail(str(exc), exc.code)
    finally:
        if store is not None:
            store.close()
    if result.dated_by_dateline:
        origin, day, how = result.first_dateline_dated
        more = result.dated_by_dateline - 1
        err.print(f"note: {escape(str(origin))} had no publication date: dated {day} from {escape(how)}"
                  + (f" (and {more} more article(s) likewise)" if more else "")
                  + "; give --published YYYY-MM-DD if that is wrong")
    if result.undated:
        err.print(f"note: {result.undated} article(s) had no publication date, so their events have no date; "
                  "give --published YYYY-MM-DD or a 'published' field")
    summary = f"{result.n_coded} article(s) coded, {result.n_events} event(s)"
    if result.skipped:
        summary += f", {result.skipped} already in the store skipped"
    if store is not None:
        try:  # what the store holds, not what this run saw: an article given twice is there once
            held = store.counts()
            summary += (f"; {escape(str(store.path))} holds {held['articles']} article(s), "
                        f"{held['events']} event(s)")
        except StoreError:
            summary += f", written to {escape(str(store.path))}"
    if result.failed:
        summary += f"; {result.failed} input(s) failed"
    err.print(summary)
    if result.failed:
        raise typer.Exit(1)


def _stdout_closed() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush raises no second error."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _quiet_print(message: str) -> None:
    try:
        err.print(message)
    except (BrokenPipeError, OSError):
        pass


def _print_coded(coded, output_format: str, flush: bool = False) -> None:
    if output_format == "json":
        merged = {"articles": [], "events": [], "statements": [], "actors": [], "places": [], "claims": []}
        for c in coded:
            d = c.to_dict()
            for key in merged:
                merged[key].extend(d.get(key, []))
        sys.stdout.write(json.dumps(merged, ensure_ascii=False, indent=2) + "\n")
    elif output_format == "jsonl":
        for c in coded:
            sys.stdout.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        if flush:
            sys.stdout.flush()
    else:
        from .render import claims_lines, events_table, statements_table

        console = Console()
        console.print(events_table([e.to_dict() for c in coded for e in c.events]))
        rows = [s.to_dict() for c in coded for s in c.statements]
        if rows:
            console.print(statements_table(rows))
        for line in claims_lines([claim for c in coded for claim in c.claims]):
            console.print(line)


@app.command()
def events(
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to read (default as for `code`)."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3 code (or a country's name, or IGO/NGO/MNC) of the source or target."),
    event_type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. CONSULT (YIELD: CONCEDE or RETREAT)."),
    mode: Optional[str] = typer.Option(None, "--mode", help="PLOVER mode of the type, e.g. meet."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest date, YYYY[-MM[-DD]]: an event is in when its whole date is."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest date, YYYY[-MM[-DD]] (2024-03: to the end of March)."),
    limit: Optional[str] = typer.Option(None, "--limit", metavar="N", help="At most this many events (1 or more)."),
    output_format: str = typer.Option("table", "--format", "-f", help="table, json or jsonl."),
    wide: bool = typer.Option(False, "--wide", help="The full table (every column, whole sentences), however wide."),
) -> None:
    """List stored events, filtered by country, type and date range."""
    f = _filters(country=country, event_type=event_type, since=since, until=until, limit=limit, mode=mode)
    _list_stored("events", output_format, db, lambda store: store.events(**f), wide=wide)


@app.command()
def statements(
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to read (default as for `code`)."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3 code (or a country's name) of the speaker's country."),
    article: Optional[str] = typer.Option(None, "--article", help="Only this article id."),
    output_format: str = typer.Option("table", "--format", "-f", help="table, json or jsonl."),
    wide: bool = typer.Option(False, "--wide", help="The full table, whole quotes, however wide."),
) -> None:
    """List stored statements, in text order: who said what, when, through which channel."""
    f = _filters(country=country)
    _list_stored("statements", output_format, db,
                 lambda store: store.statements(country=f["country"], article_id=article), wide=wide)


def _list_stored(kind: str, output_format: str, db: Optional[Path], query, wide: bool = False) -> None:
    """Read records from the store and print them as a table, one JSON object or JSON lines."""
    from . import render
    from .store import Store, StoreError

    if output_format not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    try:
        with Store(db, read_only=True) as store:
            rows = query(store)
    except FileNotFoundError as exc:
        _fail(str(exc))
    except StoreError as exc:  # busy, damaged, not a store
        _fail(str(exc), exc.code)
    if output_format == "json":
        sys.stdout.write(json.dumps({kind: rows}, ensure_ascii=False, indent=2) + "\n")
    elif output_format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        Console().print(getattr(render, f"{kind}_table")(rows, wide=wide))


@app.command()
def show(
    record_id: str = typer.Argument(..., metavar="ID", help="An event's or a statement's id (as the tables show it), an id merged into an event, or a unique start of one."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to read (default as for `code`)."),
    output_format: str = typer.Option("text", "--format", "-f", help="text, or json (the record, its article's metadata)."),
) -> None:
    """Show one stored record: what was coded, its article, and its sentence with the parties and the predicate marked."""
    from .render import record_view
    from .store import Store, StoreError

    if output_format not in ("text", "json"):
        _fail(f"--format must be text or json, not {output_format!r}")
    try:
        with Store(db, read_only=True) as store:
            found = store.find(record_id)
    except FileNotFoundError as exc:
        _fail(str(exc))
    except StoreError as exc:
        _fail(str(exc), exc.code)
    except LookupError as exc:
        _fail(str(exc))
    if found is None:
        _fail(f"no event or statement {record_id!r} in {db or 'the store'}: list them with "
              "`sanderling events` or `sanderling statements`", code=1)
    if output_format == "json":
        article = {k: v for k, v in (found["article"] or {}).items() if k != "text"} or None
        sys.stdout.write(json.dumps({**found, "article": article}, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console(highlight=False)
    for line in record_view(found):
        console.print(line)


@app.command()
def readouts(
    inputs: Optional[list[Path]] = typer.Argument(None, help="Article files to code and compare (else read the store)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for the input files."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to read when no files are given."),
    article: Optional[str] = typer.Option(None, "--article", help="From the store: the article id whose statements to compare."),
    event: Optional[str] = typer.Option(None, "--event", help="From the store: an event id; its article's statements are compared."),
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
) -> None:
    """Compare how each side told one meeting: shared topics, topics one side alone raised, framing."""
    from .readouts import compare_readouts, render_readouts

    if inputs:
        from .runner import code_inputs

        try:
            published = normalise_published(published, "--published")
        except IngestError as exc:
            _fail(str(exc))
        result = code_inputs(inputs, published=published, on_error=lambda e: err.print(f"[red]error:[/red] {escape(str(e))}"))
        rows = [s.to_dict() for c in result.coded for s in c.statements]
    else:
        from .store import Store, StoreError

        if not (article or event):
            _fail("give article files, or --article ID / --event ID to read the store")
        try:
            with Store(db, read_only=True) as store:
                if event:
                    article = store.event_article(event)
                    if not article:
                        _fail(f"no event {event!r} in {store.path}: list them with `sanderling events`")
                rows = store.statements(article_id=article)
        except FileNotFoundError as exc:
            _fail(str(exc))
        except StoreError as exc:
            _fail(str(exc), exc.code)
    if not rows:
        _fail("no attributed statements to compare", code=1)
    comparison = compare_readouts(rows)
    if output_format == "json":
        sys.stdout.write(json.dumps(comparison, ensure_ascii=False, indent=2) + "\n")
    else:
        render_readouts(comparison, Console())


@app.command()
def classify(
    batch_size: int = typer.Option(256, "--batch-size", min=1, max=100_000, help="Sentences classified per batch."),
    n_process: int = typer.Option(0, "--n-process", min=0, max=64, help="Parser processes for inputs of 2,000+ lines "
                                  "(0: both cores of a small machine, at most 2)."),
) -> None:
    """Read JSON lines {"id", "text", "source", "target"} on stdin; write them back with "event_type", "cameo", "confidence"."""
    from .events.classifier import classify_jsonl, default_n_process

    failed = classify_jsonl(getattr(sys.stdin, "buffer", sys.stdin), sys.stdout, batch_size=batch_size,
                            n_process=n_process or default_n_process())
    if failed:
        raise typer.Exit(1)


@app.command()
def serve(
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to read (default as for `code`)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless you say otherwise)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Serve the store read-only: a JSON API (/api/..., schema at /openapi.json) and a dashboard at /."""
    from .store import default_db_path

    from .store import Store, StoreError

    path = db or default_db_path()
    if not Path(path).exists():
        _fail(f"{path}: no store here yet; code some articles first (`sanderling code FILE`)")
    try:
        Store(path, read_only=True).close()  # damaged, foreign, newer: one line now, not a 500 per request
    except StoreError as exc:
        _fail(str(exc), exc.code)
    import socket

    import uvicorn

    from .web.app import create_app

    with socket.socket() as probe:  # a port in use gets one line here, before we say we are serving
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            _fail(f"cannot listen on {host}:{port} ({exc.strerror}); pick another --port or --host")

    err.print(f"serving {escape(str(path))} at http://{host}:{port}/ (API schema at /openapi.json); Ctrl-C stops")
    try:
        uvicorn.run(create_app(path), host=host, port=port, log_level="warning")
    except KeyboardInterrupt:  # pragma: no cover
        pass


@app.command("export")
def export_cmd(
    output_format: Optional[str] = typer.Option(None, "--format", "-f", help="gdelt (GDELT 2.0 events + mentions tables), icews, polecat (tab-separated), plover (JSON lines), csv or parquet (sanderling's own schema)."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to read (default as for `code`)."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest date, YYYY[-MM[-DD]]."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest date, YYYY[-MM[-DD]]."),
    country: Optional[str] = typer.Option(None, "--country", help="Only events with this ISO alpha-3 code as source or target country."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write (stdout for text formats when omitted). gdelt: --out X writes X.export.CSV and X.mentions.CSV; parquet of a large store: a folder partitioned by year/month."),
    partition: Optional[bool] = typer.Option(None, "--partition/--no-partition", help="parquet: partition by year and month (default: only above a million events)."),
) -> None:
    """Export stored events to the formats analysts load: GDELT 2.0, ICEWS, POLECAT, PLOVER, CSV, Parquet."""
    from .export import FORMATS as EXPORTS, ExportError, export

    if not output_format:
        _fail(f"say which format: --format {'|'.join(EXPORTS)}")
    f = _filters(country=country, since=since, until=until)
    try:
        result = export(output_format, db=db, out=out, since=f["since"], until=f["until"], country=f["country"],
                        partition=partition)
    except BrokenPipeError:  # `sanderling export ... | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0)
    except (ExportError, OSError) as exc:
        _fail(str(exc))
    where = ", ".join(result["files"]) if result["files"] else "stdout"
    note = f" and {result['mentions']} mention(s)" if "mentions" in result else ""
    if output_format == "gdelt" and not result["files"]:
        note = " (the mentions table needs --out)"
    err.print(f"{result['events']} event(s){note} exported as {output_format} to {escape(where)}")


@app.command("counts")
def counts_cmd(
    by: str = typer.Option("month", "--by", help="Group by these, comma-separated: year, month, day, dyad, source, target, type, quad, mode, cameo."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to read (default as for `code`)."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3 code of the source or target country."),
    event_type: Optional[str] = typer.Option(None, "--type", help="Only this PLOVER event type."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest date, YYYY[-MM[-DD]]."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest date, YYYY[-MM[-DD]]."),
    output_format: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """Event counts, mentions, Goldstein mean and sum, and quad-class shares per group."""
    from .export import ExportError, open_store
    from .export.aggregates import counts
    from .export.tabular import FORMATS as TABULAR, write

    try:
        if output_format not in TABULAR:
            raise ExportError(f"--format must be one of {', '.join(TABULAR)}, not {output_format!r}")
        f = _filters(country=country, event_type=event_type, since=since, until=until)
        with open_store(db) as con:
            columns, rows = counts(con, by=by, country=f["country"], since=f["since"], until=f["until"],
                                   event_type=f["event_type"])
    except ExportError as exc:
        _fail(str(exc))
    write(columns, rows, output_format, sys.stdout, title="sanderling counts")


@app.command("import-gdelt")
def import_gdelt_cmd(
    files: list[Path] = typer.Argument(..., help="GDELT 2.0 event files (YYYYMMDDHHMMSS.export.CSV, or .zip as GDELT distributes them)."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to load them into (default as for `code`)."),
) -> None:
    """Load GDELT 2.0 event files into the store's gdelt_events table, to compare with sanderling's events."""
    from .export import ExportError, open_store
    from .export.gdelt_import import import_files

    try:
        with open_store(db, read_only=False) as con:
            report = import_files(con, files)
            total = con.execute("SELECT count(*) FROM gdelt_events").fetchone()[0]
    except ExportError as exc:
        _fail(str(exc))
    for r in report:
        err.print(f"{escape(r['file'])}: {r['rows']} row(s), {r['new']} new")
    err.print(f"gdelt_events now holds {total} event(s)")


@app.command("compare")
def compare_cmd(
    gdelt: bool = typer.Option(False, "--gdelt", help="Compare with the GDELT events loaded by `import-gdelt` (the one reference so far)."),
    by: str = typer.Option("day,dyad", "--by", help="Group by these, comma-separated: day, month, dyad, type (CAMEO root), quad."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store to read (default as for `code`)."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest date, YYYY[-MM[-DD]]."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest date, YYYY[-MM[-DD]]."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO alpha-3 code of either side's country."),
    output_format: str = typer.Option("table", "--format", "-f", help="table, csv or json."),
) -> None:
    """Event counts side by side: sanderling's and a reference data set's, per day and dyad."""
    from .export import ExportError, check_date, open_store
    from .export.gdelt_import import compare
    from .export.tabular import FORMATS as TABULAR, write

    try:
        if not gdelt:
            raise ExportError("say what to compare with: --gdelt")
        if output_format not in TABULAR:
            raise ExportError(f"--format must be one of {', '.join(TABULAR)}, not {output_format!r}")
        since, until = check_date(since, "--since"), check_date(until, "--until")
        with open_store(db) as con:
            columns, rows = compare(con, by=by, since=since, until=until, country=country)
    except ExportError as exc:
        _fail(str(exc))
    write(columns, rows, output_format, sys.stdout, title="sanderling vs GDELT")


def main() -> None:  # pragma: no cover
    app()
