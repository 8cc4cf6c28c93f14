"""Your sessions: date, flow, length and each partner's distress before and after.

Rows are read a page at a time (newest first), the first page after the screen is on
screen and the next only when the highlight nears the end, so the list opens at once
with ten thousand sessions. Every cell is rich ``Text``: never parsed as markup.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from gentle.tui.screens.dialog import ClosesItself
from gentle.store import describe as say
from gentle.text import clean_line
from gentle.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from gentle.store.history import SessionSummary

PAGE = 100
OUTCOME_WORDS = {"completed": "finished", "abandoned": "stopped", "interrupted": "interrupted"}


def distress_part(name: str, before: int | None, after: int | None) -> Text:
    """``Sam 8 → 3``: green when it fell, yellow when it rose. The name is shown literally."""
    who = Text(short_title(name, 20) + " ", style="bold")
    if before is None:
        return who + Text("–", style="dim")
    if after is None:
        return who + Text(f"{before}")
    style = "green" if after < before else ("yellow" if after > before else "")
    return who + Text(f"{before} → {after}", style=style)


def distress_cell(row: "SessionSummary") -> Text:
    first, second = (distress_part(name, *d) for name, d in zip(row.partners, row.distress))
    return first + Text(", ") + second


def when(at: float) -> str:
    return time.strftime("%d %b %Y %H:%M", time.localtime(at))


def trend_cell(row: "SessionSummary") -> Text:
    """How far distress moved in the session, averaged over the partners rated twice:
    ``↓ 4.5`` (fell, green), ``↑ 1`` (rose), ``–`` (not rated twice)."""
    moves = [before - after for before, after in row.distress if before is not None and after is not None]
    if not moves:
        return Text("–", style="dim")
    move = sum(moves) / len(moves)
    if move == 0:
        return Text("= 0")
    arrow, style = ("↓", "green") if move > 0 else ("↑", "yellow")
    return Text(f"{arrow} {abs(move):g}", style=style)


def short_title(title: str, width: int = 28) -> str:
    title = clean_line(title)
    return title if len(title) <= width else title[: width - 1] + "…"


class HistoryScreen(ClosesItself, Screen[None]):
    DEFAULT_CSS = """
    HistoryScreen { align-horizontal: center; }
    HistoryScreen #history-column { width: 100%; max-width: 120; height: 1fr; padding: 1 2 0 2; }
    HistoryScreen DataTable { height: 1fr; }
    HistoryScreen #history-count { color: $foreground-muted; height: auto; }
    """

    BINDINGS = [
        Binding("escape,q", "leave", "Back", id="history-back", tooltip="Back to the home screen."),
        Binding("i", "insights", "Insights", id="history-insights", tooltip="How your sessions have gone over time."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._loaded = 0
        self._total = 0
        self._ids: list[str] = []
        self._seen = False

    def help_topic(self) -> str:
        return "home"

    def compose(self) -> ComposeResult:
        with Vertical(id="history-column"):  # wider than the reading column: a table
            yield Static("Your sessions", classes="step-title", markup=False)
            yield Static("", id="history-count", markup=False)
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("When", "Flow", "Length", "Distress, first → last", "Trend", "How it ended")
        table.focus()

    def on_screen_resume(self) -> None:
        # Every visit (the app keeps this screen between visits): read the first page again
        # only if sessions came or went meanwhile. Straight away, not after a first frame: a
        # page is a millisecond or two of reading, and waiting for a frame of an empty table
        # made the rows show ~100 ms later (scripts/bench, history screen).
        self.call_later(self._first_page)

    def _first_page(self) -> None:
        store = self.app.context.store
        count = self.query_one("#history-count", Static)
        if store is None:
            count.update(self.app.context.store_trouble or "No saved sessions.")
            return
        from gentle.store.errors import StoreError
        from gentle.store.history import count_sessions

        try:
            total = count_sessions(store)
        except StoreError as error:
            count.update(str(error))
            return
        if self._seen and total == self._total:
            return
        self._seen = True
        self.query_one(DataTable).clear()
        self._loaded, self._total, self._ids, self._unreadable = 0, total, [], 0
        if not total:
            count.update("No sessions yet. They appear here after you use gentle together.")
            return
        self._more()

    def _more(self) -> None:
        from gentle.store.errors import StoreError
        from gentle.store.history import list_sessions

        try:
            rows = list_sessions(self.app.context.store, limit=PAGE, offset=self._loaded)
        except StoreError as error:
            self.app.tell(str(error), severity="error")
            return
        table = self.query_one(DataTable)
        for row in rows:
            table.add_row(*self._cells(row), key=row.id)
            self._ids.append(row.id)
        # Offsets count every row read; a damaged one is left out, and said.
        self._unreadable = getattr(self, "_unreadable", 0) + getattr(rows, "unreadable", 0)
        self._loaded += len(rows) + getattr(rows, "unreadable", 0)
        self._show_count()

    def _show_count(self) -> None:
        shown = f"{self._total} session" + ("" if self._total == 1 else "s")
        if self._loaded < self._total:
            shown += f" (the newest {self._loaded} shown; more load as you scroll)"
        shown += ". Enter opens one; i shows insights."
        if getattr(self, "_unreadable", 0):
            shown += f" {self._unreadable} could not be read (a damaged record) and are left out."
        self.query_one("#history-count", Static).update(shown)

    @staticmethod
    def _cells(row: "SessionSummary") -> tuple:
        ended = OUTCOME_WORDS.get(row.outcome, clean_line(row.outcome))
        return (
            Text(when(row.started_at)),
            Text(short_title(row.flow_title, 24)),
            Text(say.duration(row.seconds)),
            distress_cell(row),
            trend_cell(row),
            # A rehearsal says so where the ending goes, so the row still fits 100 columns.
            Text("rehearsal", style="italic") if row.source == "walk" else Text(ended),
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self._loaded - 10 and self._loaded < self._total:
            self._more()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from gentle.tui.screens.session_detail import SessionDetailScreen

        if event.row_key.value:
            self.app.push_screen(SessionDetailScreen(event.row_key.value))

    def action_insights(self) -> None:
        from gentle.tui.screens.insights import InsightsScreen

        self.app.push_screen(InsightsScreen())
