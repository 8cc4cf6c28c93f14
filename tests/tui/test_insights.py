"""Insights: the plots drawn in the terminal, from the store's figures, opened from history."""

from __future__ import annotations

import pytest

from gentle.engine import events as ev
from gentle.flows.catalogue import Catalogue
from gentle.store.db import open_store
from gentle.store.recorder import Recorder
from gentle.store.sessions import start_session
from gentle.tui.widgets.plots import TICKS, bar, bar_rows, sparkline, squeeze
from tui_support import START, make_app, on_screen, screen_text

DAY = 86_400.0


def test_sparkline_runs_low_to_high_and_fits_its_width() -> None:
    assert sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8) == TICKS
    assert sparkline([3, 3, 3], 10) == TICKS[4] * 3
    assert len(sparkline(list(range(1000)), 40)) == 40
    assert sparkline([], 10) == "" and sparkline([1, 2], 0) == ""
    # Averaged neighbours keep the shape: a rise stays a rise.
    squeezed = squeeze([1, 1, 9, 9], 2)
    assert squeezed == [1, 9]


def test_bars_share_one_scale_and_labels_are_cleaned_and_cut() -> None:
    assert bar(10, 10, 8) == "█" * 8
    assert bar(5, 10, 8) == "█" * 4
    assert bar(1, 8, 1) == "▏"
    assert bar(0, 10, 8) == "" and bar(-2, 10, 8) == ""
    lines = bar_rows([("Pause\x1b[31m and breathe", 4.0, "4"), ("Say it", 2.0, "2")], 60)
    assert "\x1b" not in "".join(lines)
    assert lines[0].startswith("Pause and breathe")
    assert lines[0].count("█") == 2 * lines[1].count("█")
    cut = bar_rows([("A rather long flow title indeed", 1.0, "1")], 30)
    assert cut[0].startswith("A rather …")  # a third of the width at most


def record(flow_id: str, at: float, ratings: tuple[int, int, int, int], breaks: tuple[int | None, ...] = ()) -> None:
    flow = Catalogue().load(flow_id)
    rate = next(s.id for s in flow.steps if getattr(s, "measures", "") == "distress")
    with open_store() as store:
        sid = start_session(store, flow, ("Sam", "Alex"), started_at=at)
        rec = Recorder(store, sid)
        rec(ev.AnswerGiven(rate, 0, ratings[0], at + 10))
        rec(ev.AnswerGiven(rate, 1, ratings[1], at + 20))
        for n, who in enumerate(breaks):
            rec(ev.BreakStarted(who, 1200, at + 1250 + n, at + 50 + n))
            rec(ev.BreakEnded(1200, "finished", at + 1250 + n))
        rec(ev.AnswerGiven(rate, 0, ratings[2], at + 1300))
        rec(ev.AnswerGiven(rate, 1, ratings[3], at + 1310))
        rec(ev.Finished(at + 1400))


async def open_insights(size: tuple[int, int] = (110, 60)):
    app, _ = make_app()
    context = app.run_test(size=size)
    pilot = await context.__aenter__()
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause(0.1)
    await pilot.press("i")
    await pilot.pause(0.3)
    return app, pilot, context


async def test_insights_draw_every_plot_from_real_sessions() -> None:
    record("pause-and-breathe", START, (8, 7, 3, 2), breaks=(0,))
    record("pause-and-breathe", START + 2 * DAY, (6, 9, 4, 3), breaks=(1, 1))
    record("aftermath", START + 9 * DAY, (5, 5, 4, 5))
    app, pilot, context = await open_insights()
    try:
        assert type(app.screen).__name__ == "InsightsScreen"
        text = screen_text(app)
        assert "3 sessions, 3 finished." in text
        assert "On average, distress fell by" in text
        for title in ("Distress drop per session", "Sessions per week", "Which flows helped most",
                      "Time to calm down", "Who called the breaks"):
            assert title in text, f"{title!r} missing\n{text}"
        drops = str(app.screen.query_one("#plot-drops").render())
        assert len(drops) == 3 and set(drops) <= set(TICKS)
        assert drops[0] == TICKS[-1]  # the biggest drop (5) is the first session
        weeks = str(app.screen.query_one("#plot-weeks").render())
        assert len(weeks) == 2  # two weeks in a row, each with sessions
        flows = str(app.screen.query_one("#plot-flows").render()).splitlines()
        assert flows[0].startswith("Pause and breathe") and "4.5 points" in flows[0]
        assert flows[1].startswith("After a fight") and "0.5 points" in flows[1]
        breaks = str(app.screen.query_one("#plot-breaks").render()).splitlines()
        assert breaks[0].startswith("Sam") and "1 (0.33 a session)" in breaks[0]
        assert breaks[1].startswith("Alex") and "2 (0.67 a session)" in breaks[1]
        assert breaks[1].count("█") > breaks[0].count("█")
    finally:
        await context.__aexit__(None, None, None)


async def test_plots_redraw_to_fit_a_resized_terminal() -> None:
    for n in range(30):
        record("pause-and-breathe", START + n * DAY, (8, 8, 8 - n % 5, 7 - n % 4))
    app, pilot, context = await open_insights((110, 60))
    try:
        wide = str(app.screen.query_one("#plot-drops").render())
        await pilot.resize_terminal(24, 60)
        await pilot.pause(0.2)
        narrow = str(app.screen.query_one("#plot-drops").render())
        assert len(wide) == 30 and len(narrow) < 30
    finally:
        await context.__aexit__(None, None, None)


async def test_insights_with_no_sessions_say_so_kindly() -> None:
    app, pilot, context = await open_insights()
    try:
        assert on_screen(app, "No sessions yet.")
        assert not app.screen.query("Sparkline")
    finally:
        await context.__aexit__(None, None, None)


@pytest.mark.parametrize("title", ["[@click=app.quit]Flow", "[/]"])
async def test_a_hostile_flow_title_in_the_bars_is_literal(title: str) -> None:
    from gentle.tui.screens.insights import InsightsScreen
    from gentle.store.insights import FlowHelp, Insights

    found = Insights(
        sessions=1, completed=1, drops=(), weeks=(), calm=(), average_calm_seconds=None, breaks=(),
        flows=(FlowHelp("x", title, 1, 1, 2.0),),
    )
    app, _ = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = InsightsScreen()
        app.push_screen(screen)
        await pilot.pause()
        await screen.query_one("#plots").mount_all(screen._plots(found))
        await pilot.pause()
        assert title in str(screen.query_one("#plot-flows").render())
        assert app.is_running
