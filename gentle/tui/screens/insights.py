"""Insights: what the history says over time, drawn as sparklines and bars.

The figures come from one call to the store's SQL aggregation (``gentle.store.insights``),
made once as the screen opens, without a placeholder frame first. Plots redraw only
when the terminal is resized. Only real sessions count, never rehearsals or demos.
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
from gentle.tui.widgets.plots import Bars, Sparkline

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
    ]

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

    def _load(self) -> None:
        store = self.app.context.store
        summary = self.query_one("#insights-summary", Static)
        if store is None:
            summary.update(self.app.context.store_trouble or "No saved sessions to look at.")
            return
        from gentle.store.errors import StoreError
        from gentle.store.insights import compute

        try:
            found = compute(store)
        except StoreError as error:
            summary.update(str(error))
            return
        summary.update(self._summary(found))
        self.query_one("#plots", Vertical).mount_all(self._plots(found))

    @staticmethod
    def _summary(found: "Insights") -> str:
        if not found.sessions:
            return "No sessions yet. After you use gentle together, you'll see here how it went."
        plural = "" if found.sessions == 1 else "s"
        line = f"{found.sessions} session{plural}, {found.completed} finished."
        if found.average_drop is not None:
            direction = "fell" if found.average_drop >= 0 else "rose"
            line += f" On average, distress {direction} by {points(abs(found.average_drop))} during a session."
        return line

    def _plots(self, found: "Insights") -> list:
        out: list = []

        def section(title: str, note: str, plot: object | None) -> None:
            out.append(Static(title, classes="plot-title", markup=False))
            if plot is not None:
                out.append(plot)
            out.append(Static(note, classes="plot-note", markup=False))

        if found.drops:
            drops = [d.drop for d in found.drops]
            section(
                "Distress drop per session, oldest to newest",
                f"Highest bars: distress fell most. Latest: {points(drops[-1])}; "
                f"best: {points(max(drops))}.",
                Sparkline(drops, id="plot-drops"),
            )
        else:
            section("Distress drop per session", "Rate your distress at the start and end of a flow to see this.", None)
        if found.weeks:
            counts = [w.sessions for w in found.weeks]
            busiest = max(found.weeks, key=lambda w: w.sessions)
            section(
                "Sessions per week",
                f"From the week of {found.weeks[0].week_start:%d %b %Y}. "
                f"Busiest: {busiest.sessions} in the week of {busiest.week_start:%d %b}.",
                Sparkline(counts, id="plot-weeks"),
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
        if found.calm:
            minutes = [c.seconds / 60 for c in found.calm]
            average = say.duration(found.average_calm_seconds)
            section(
                "Time to calm down",
                f"From the first high rating to every rating being below it. Average: {average}; "
                f"latest: {say.duration(found.calm[-1].seconds)}.",
                Sparkline(minutes, id="plot-calm"),
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
