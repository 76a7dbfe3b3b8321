"""Rich tables for the terminal. Every string from an article, a model or a user goes in as
plain `Text`, never as markup: "[/caption]" in a quote is text, not a tag."""
from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from rich.text import Text


def _row(table: Table, *cells: str) -> None:
    table.add_row(*(Text(c or "") for c in cells))


def _actor(a: dict | None) -> str:
    if not a:
        return "-"
    return f"{a.get('name')} ({a.get('country') or '?'})"


def events_table(events: list[dict], wide: bool = True) -> Table:
    table = Table(title=f"{len(events)} event(s)", show_lines=False)
    for col in ("date", "type", "cameo", "source", "target", "where", "told", "sentence"):
        table.add_column(col, overflow="fold")
    for e in events:
        date = (e.get("date") or "-") + (" *" if e.get("background") else "")
        loc = (e.get("location") or {}).get("name") or ""
        text = (e.get("evidence") or {}).get("text", "")
        # mentions / articles / sources (GDELT's NumMentions, NumArticles, NumSources)
        told = f"{e.get('num_mentions') or len(e.get('mentions') or []) or 1}/{e.get('num_articles') or 1}" \
               f"/{e.get('num_sources') or 1}"
        _row(table, date, e["event_type"], e.get("cameo") or "", _actor(e.get("source")), _actor(e.get("target")),
             loc, told, text if len(text) < 90 else text[:87] + "...")
    table.caption = ("* background: an earlier event the article recalls; told: mentions/articles/sources "
                     "that report the event")
    return table


def statements_table(statements: list[dict], wide: bool = True) -> Table:
    table = Table(title=f"{len(statements)} statement(s)")
    for col in ("speaker", "via", "cue", "content"):
        table.add_column(col, overflow="fold")
    for s in statements:
        content = s.get("content") or ""
        if s.get("direct") and not content.startswith(('"', "“", "‘", "'")):
            content = f"“{content}”"
        _row(table, _actor(s.get("speaker")), (s.get("via") or {}).get("name") or "", s.get("cue") or "",
             content if len(content) < 200 else content[:197] + "...")
    return table


def claims_lines(claims: list[dict]) -> list[str]:
    marks = {"consistent": "[green]consistent[/green]", "inconsistent": "[red]inconsistent[/red]"}
    return [f"claim “{escape(c['text'])}”: {marks.get(c.get('status'), escape(str(c.get('status'))))}: "
            f"{escape(c.get('explanation', '') or '')}" for c in claims]
