"""Insights: what the history says over time, as charts with their axes and dates.

The figures come from one call to the store's SQL aggregation (``gentle.store.insights``),
made once as the screen opens, without a placeholder frame first. Plots redraw only
when the terminal is resized. Real sessions count; rehearsals (``flows walk --save``)
only when ``r`` says so, and the screen always says which.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from gentle.tui.screens.dialog import ClosesItself
from gentle.store import describe as say
from gentle.tui.widgets.keys_footer import KeysFooter
from gentle.tui.widgets.plots import Bars, ColumnBars, RangeChart

if TYPE_CHECKING:
    from gentle.store.insights import Insights


def points(n: float) -> str:
    n = round(n, 1)
    word = "point" if abs(n) == 1 else "points"
    return f"{n:g} {word}"


class InsightsScreen(ClosesItself, Screen[None]):
    DEFAULT_CSS = """
    InsightsScreen .plot-title { text-style: bold; margin-top: 1; color: $primary; }
    InsightsScreen .plot-note { color: $foreground-muted; }
    InsightsScreen #insights-column { width: 100%; max-width: 96; height: auto; padding: 1 2 0 2; }
    """

    BINDINGS = [
        Binding("escape,q", "leave", "Back", id="insights-back", tooltip="Back to the list of sessions."),
        Binding("r", "rehearsals", "Rehearsals", id="insights-rehearsals",
                tooltip="Count the rehearsals (flows walk --save) too, or leave them out again."),
    ]

    with_rehearsals = False

    def help_topic(self) -> str:
        return "home"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            with Vertical(id="insights-column"):  # wider than the reading column: plots
                yield Static("How it's going", classes="step-title", markup=False)
                yield Static("Looking at your sessions…", id="insights-summary", markup=False)
                yield Vertical(id="plots")
        yield KeysFooter()

    def on_mount(self) -> None:
        # Straight away, not after a first frame: with 10,000 sessions the figures take
        # well under 100 ms, and drawing "Looking at your sessions…" first only delayed
        # the plots by a frame or two (scripts/bench, insights screen).
        self.call_later(self._load)

    async def _load(self) -> None:
        store = self.app.context.store
        summary = self.query_one("#insights-summary", Static)
        if store is None:
            summary.update(self.app.context.store_trouble or "No saved sessions to look at.")
            return
        from gentle.store.errors import StoreError
        from gentle.store.insights import compute

        try:
            found = compute(store, rehearsals=self.with_rehearsals)
        except StoreError as error:
            summary.update(str(error))
            return
        summary.update(self._summary(found))
        plots = self.query_one("#plots", Vertical)
        await plots.remove_children()
        await plots.mount_all(self._plots(found))

    async def action_rehearsals(self) -> None:
        self.with_rehearsals = not self.with_rehearsals
        await self._load()

    @staticmethod
    def _summary(found: "Insights") -> str:
        counts = _what_counts(found)
        if not found.sessions:
            return "No sessions yet. After you use gentle together, you'll see here how it went." + counts
        plural = "" if found.sessions == 1 else "s"
        line = f"{found.sessions} session{plural}, {found.completed} finished."
        if found.average_drop is not None:
            direction = "fell" if found.average_drop >= 0 else "rose"
            line += f" On average, distress {direction} by {points(abs(found.average_drop))} during a session."
        if found.average_calm_seconds is not None:
            line += f" Calm again after {say.duration(found.average_calm_seconds)}, on average."
        return line + counts

    def _plots(self, found: "Insights") -> list:
        out: list = []

        def section(title: str, note: str, plot: object | None) -> None:
            out.append(Static(title, classes="plot-title", markup=False))
            if plot is not None:
                out.append(plot)
            out.append(Static(note, classes="plot-note", markup=False))

        weeks = found.weeks
        dates = (f"{weeks[0].week_start:%d %b %Y}", f"{weeks[-1].week_start:%d %b %Y}") if weeks else ("", "")
        for partner, name in enumerate(found.names):
            starts = [w.start[partner] for w in weeks]
            ends = [w.end[partner] for w in weeks]
            rated = [(s, e) for s, e in zip(starts, ends) if s is not None and e is not None]
            title = f"{name}: distress at the start and end of sessions, by week"
            if rated:
                first, last = rated[0], rated[-1]
                section(title,
                        f"○ the start, ● the end, on the 0–10 scale. The first week rated: "
                        f"{first[0]:.1f} → {first[1]:.1f}; the latest: {last[0]:.1f} → {last[1]:.1f}.",
                        RangeChart(starts, ends, dates, id=f"plot-distress-{partner}"))
            else:
                section(title, "Rate your distress at the start and end of a flow to see this.", None)
        if weeks:
            counts = [w.sessions for w in weeks]
            busiest = max(weeks, key=lambda w: w.sessions)
            section(
                "Sessions per week",
                f"Bars start from zero. Busiest: {busiest.sessions} in the week of "
                f"{busiest.week_start:%d %b %Y}; quiet weeks show as gaps.",
                ColumnBars(counts, dates, id="plot-weeks"),
            )
        helped = [f for f in found.flows if f.average_drop is not None]
        if helped:
            rows = [
                (f.title, max(0.0, f.average_drop or 0.0), f"{points(f.average_drop or 0.0)} · {f.rated_sessions} rated")
                for f in helped
            ]
            section(
                "Which flows helped most (average drop in distress)",
                "Most helpful first.",
                Bars(rows, id="plot-flows"),
            )
        if any(b.breaks for b in found.breaks):
            rows = [
                (b.name, float(b.breaks), f"{b.breaks} ({b.per_session:.2f} a session)")
                for b in found.breaks
            ]
            section(
                "Who called the breaks",
                "Both of you calling breaks is healthy; it's worth talking about if one of you always has to.",
                Bars(rows, id="plot-breaks"),
            )
        elif found.sessions:
            section("Who called the breaks", "No breaks called yet.", None)
        return out


def _what_counts(found: "Insights") -> str:
    """Which sessions the figures are about, said every time."""
    if not found.rehearsals:
        return ""
    plural = "" if found.rehearsals == 1 else "s"
    if found.with_rehearsals:
        return (f" These include {found.rehearsals} rehearsal{plural} (flows walk --save);"
                " r leaves them out.")
    return (f" {found.rehearsals} rehearsal{plural} (flows walk --save) left out;"
            " r counts them too.")
