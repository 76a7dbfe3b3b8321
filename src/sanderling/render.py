"""Rich tables for the terminal. Every string from an article, a model or a user goes in as
plain `Text`, never as markup: "[/caption]" in a quote is text, not a tag.

The default tables fit the terminal: two lines per record (no wrapping; what does not fit ends
in "…"), with the record's id and its article's, so `sanderling show ID` and `--article ID` can
take them. `wide=True` gives every column, folded, however wide it gets."""
from __future__ import annotations

from rich import box
from rich.markup import escape
from rich.table import Table
from rich.text import Text

STYLES = {"source": "bold cyan", "target": "bold magenta", "predicate": "bold yellow underline",
          "speaker": "bold cyan", "cue": "bold yellow underline", "content": "italic"}


def _row(table: Table, *cells: str) -> None:
    table.add_row(*(Text(c or "") for c in cells))


def _actor(a: dict | None) -> str:
    if not a:
        return "-"
    return f"{a.get('name')} ({a.get('country') or '?'})"


def _two_lines(table: Table, *cells: tuple[str, str]) -> None:
    """A row of cells of two lines each, each line cut (never wrapped) to its column."""
    table.add_row(*(Text(f"{(top or '').replace(chr(10), ' ')}\n{(bottom or '').replace(chr(10), ' ')}",
                         no_wrap=True, overflow="ellipsis") for top, bottom in cells))


def _compact(title: str, headers: tuple[str, str, str]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    # the date and the ids keep their width; only the last column gives way (its cells still
    # never wrap: each line is cut to it)
    table.add_column(headers[0], width=10, min_width=10, no_wrap=True, overflow="ellipsis")
    table.add_column(headers[1], width=16, min_width=16, no_wrap=True, overflow="ellipsis")
    table.add_column(headers[2], min_width=10, overflow="ellipsis")
    return table


def _told(e: dict) -> str:
    # mentions / articles / sources (GDELT's NumMentions, NumArticles, NumSources)
    return (f"{e.get('num_mentions') or len(e.get('mentions') or []) or 1}/{e.get('num_articles') or 1}"
            f"/{e.get('num_sources') or 1}")


def events_table(events: list[dict], wide: bool = False) -> Table:
    if not wide:
        table = _compact(f"{len(events)} event(s)", ("date/type", "event/article", "who / sentence"))
        for e in events:
            date = (e.get("date") or "-") + (" *" if e.get("background") else "")
            loc = (e.get("location") or {}).get("name")
            who = f"{_actor(e.get('source'))} → {_actor(e.get('target'))}" + (f" in {loc}" if loc else "")
            if _told(e) != "1/1/1":
                who += f" · told {_told(e)}"
            _two_lines(table, (date, e["event_type"]), (e.get("id"), (e.get("evidence") or {}).get("article_id")),
                       (who, (e.get("evidence") or {}).get("text", "")))
        table.caption = "* background; told: mentions/articles/sources; sanderling show ID; --wide"
        return table
    table = Table(title=f"{len(events)} event(s)", show_lines=False)
    for col in ("id", "article", "date", "type", "cameo", "source", "target", "where", "told", "sentence"):
        table.add_column(col, overflow="fold")
    for e in events:
        date = (e.get("date") or "-") + (" *" if e.get("background") else "")
        loc = (e.get("location") or {}).get("name") or ""
        _row(table, e.get("id"), (e.get("evidence") or {}).get("article_id"), date, e["event_type"],
             e.get("cameo") or "", _actor(e.get("source")), _actor(e.get("target")), loc, _told(e),
             (e.get("evidence") or {}).get("text", ""))
    table.caption = ("* background: an earlier event the article recalls; told: mentions/articles/sources "
                     "that report the event")
    return table


def _quoted(s: dict) -> str:
    content = s.get("content") or ""
    if s.get("direct") and not content.startswith(('"', "“", "‘", "'")):
        content = f"“{content}”"
    return content


def statements_table(statements: list[dict], wide: bool = False) -> Table:
    """Statements in the order given (the store gives text order), dated by their article."""
    if not wide:
        table = _compact(f"{len(statements)} statement(s)", ("date", "statement/article", "who / what"))
        for s in statements:
            via = (s.get("via") or {}).get("name")
            who = f"{_actor(s.get('speaker'))} {s.get('cue') or ''}" + (f" (via {via})" if via else "")
            _two_lines(table, (s.get("published") or "-", ""), (s.get("id"), s.get("article_id")),
                       (who, _quoted(s)))
        table.caption = "one statement: sanderling show ID; whole quotes: --wide"
        return table
    table = Table(title=f"{len(statements)} statement(s)")
    for col in ("id", "article", "date", "speaker", "via", "cue", "content"):
        table.add_column(col, overflow="fold")
    for s in statements:
        _row(table, s.get("id"), s.get("article_id"), s.get("published") or "", _actor(s.get("speaker")),
             (s.get("via") or {}).get("name") or "", s.get("cue") or "", _quoted(s))
    return table


def claims_lines(claims: list[dict]) -> list[str]:
    marks = {"consistent": "[green]consistent[/green]", "inconsistent": "[red]inconsistent[/red]"}
    return [f"claim “{escape(c['text'])}”: {marks.get(c.get('status'), escape(str(c.get('status'))))}: "
            f"{escape(c.get('explanation', '') or '')}" for c in claims]


# -- one record (`sanderling show ID`) -------------------------------------------------------

def _marked(text: str, marks: list[dict]) -> Text:
    """The sentence as plain text, its parts styled by role (marks: role, start, end in `text`)."""
    out = Text(text)
    for m in marks:
        if 0 <= m["start"] < m["end"] <= len(text):
            out.stylize(STYLES.get(m["role"], "bold"), m["start"], m["end"])
    return out


def _field(name: str, value) -> Text:
    line = Text(f"{name:<10}", style="dim")
    line.append(str(value) if value not in (None, "") else "-")
    return line


def _article_lines(article: dict | None) -> list[Text]:
    if not article:
        return [_field("article", "(not in the store)")]
    head = " · ".join(filter(None, [article.get("source_name"), article.get("published"), article.get("url")]))
    return [_field("article", f"{article['id']}  {article.get('title') or ''}".rstrip()), _field("", head)]


def record_view(found: dict) -> list[Text]:
    """The lines `sanderling show` prints for a record from Store.find."""
    r, kind = found["record"], found["kind"]
    lines = [Text(f"{kind} {found['id']}", style="bold")]
    if found.get("alias_of"):
        lines[0].append(f"  ({found['alias_of']} was merged into it)", style="dim")
    if kind == "event":
        from .web.queries import highlights

        lines += [_field("type", " ".join(filter(None, [r.get("event_type"), r.get("mode") and f"({r['mode']})",
                                                          r.get("cameo") and f"CAMEO {r['cameo']}"]))),
                  _field("date", f"{r.get('date') or '-'}" + (f" ({r['date_precision']})" if r.get("date_precision") else "")
                         + ("  background" if r.get("background") else "")),
                  _field("source", _actor(r.get("source"))), _field("target", _actor(r.get("target"))),
                  _field("where", (r.get("location") or {}).get("name")), _field("told", _told(r) + " (mentions/articles/sources)")]
        lines += _article_lines(found.get("article"))
        sentence = (r.get("evidence") or {}).get("text", "")
        lines += [Text(""), _marked(sentence, highlights(sentence, r))]
        key = Text("  ")
        for role in ("source", "target", "predicate"):
            key.append(role, style=STYLES[role]).append("  ")
        lines.append(key)
        return lines
    # a statement: its span of the article, speaker, cue and content marked
    via = (r.get("via") or {}).get("name")
    lines += [_field("speaker", _actor(r.get("speaker"))), _field("cue", r.get("cue")),
              _field("via", via), _field("direct", "yes" if r.get("direct") else "no (reported)")]
    article = found.get("article")
    lines += _article_lines(article)
    text = (article or {}).get("text")
    start, end = r.get("start"), r.get("end")
    if text and start is not None and end is not None and 0 <= start < end <= len(text):
        marks = [{"role": role, "start": r[f"{role}_start"] - start, "end": r[f"{role}_end"] - start}
                 for role in ("speaker", "cue", "content")
                 if r.get(f"{role}_start") is not None and r.get(f"{role}_end") is not None]
        lines += [Text(""), _marked(text[start:end], marks)]
    else:
        lines += [Text(""), Text(_quoted(r))]
    key = Text("  ")
    for role in ("speaker", "cue", "content"):
        key.append(role, style=STYLES[role]).append("  ")
    lines.append(key)
    return lines
