"""Insights: the plots drawn in the terminal, from the store's figures, opened from history."""

from __future__ import annotations

import pytest

from gentle.engine import events as ev
from gentle.flows.catalogue import Catalogue
from gentle.store.db import open_store
from gentle.store.recorder import Recorder
from gentle.store.sessions import start_session
from gentle.tui.widgets.plots import TICKS, bar, bar_rows, column_bars, range_chart, sparkline, squeeze
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


def test_weekly_bars_start_from_zero() -> None:
    """Six weeks of 2 beside one of 8: a quarter as tall, never nothing."""
    lines = column_bars([2, 2, 2, 2, 2, 2, 8], 40, rows=4)
    assert lines[0].startswith(" 8 ┤") and lines[-2].startswith(" 0 └")
    bottom = lines[3][4:]
    assert bottom.strip() and set(bottom.rstrip()) == {"█"}  # every week shows, the 2s a full row
    assert all(line[4:].rstrip() for line in lines[:4])  # the 8 fills every row
    assert lines[1][4:].strip() == lines[0][4:].strip()  # only the 8 reaches the upper rows


def test_the_distress_chart_has_a_labelled_0_to_10_axis_and_dates() -> None:
    lines = range_chart([9, None, 6], [3, None, 5], 40, ("01 Jan 2024", "15 Jan 2024"))
    axis = [line[:4] for line in lines[:6]]
    assert axis == ["10 ┤", " 8 ┤", " 6 ┤", " 4 ┤", " 2 ┤", " 0 ┤"]
    assert lines[6].startswith("   └") and lines[7] == "    01 Jan 2024 – 15 Jan 2024"
    first = [line.ljust(5)[4] for line in lines[:6]]  # the first week: 9 (row 10) down to 3 (row 4)
    assert first == ["○", "│", "│", "●", " ", " "]


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
        for title in ("Sam: distress at the start and end of sessions", "Alex: distress at the start",
                      "Sessions per week", "Which flows helped most", "Who called the breaks"):
            assert title in text, f"{title!r} missing\n{text}"
        sam = str(app.screen.query_one("#plot-distress-0").render()).splitlines()
        assert sam[0].startswith("10 ┤") and sam[5].startswith(" 0 ┤")
        assert "○" in "".join(sam) and "●" in "".join(sam)
        assert "first week rated: 7.0 → 3.5" in text  # Sam's 8→3 and 6→4 that week
        weeks = str(app.screen.query_one("#plot-weeks").render()).splitlines()
        assert weeks[0].startswith(" 2 ┤") and weeks[-2].startswith(" 0 └")
        flows = str(app.screen.query_one("#plot-flows").render()).splitlines()
        assert flows[0].startswith("Pause and breathe") and "4.5 points" in flows[0]
        assert flows[1].startswith("After a fight") and "0.5 points" in flows[1]
        breaks = str(app.screen.query_one("#plot-breaks").render()).splitlines()
        assert breaks[0].startswith("Sam") and "1 (0.33 a session)" in breaks[0]
        assert breaks[1].startswith("Alex") and "2 (0.67 a session)" in breaks[1]
        assert breaks[1].count("█") > breaks[0].count("█")
    finally:
        await context.__aexit__(None, None, None)


async def test_rehearsals_are_said_and_counted_only_when_asked() -> None:
    record("pause-and-breathe", START, (8, 7, 3, 2))
    record("pause-and-breathe", START + DAY, (9, 9, 9, 9))
    with open_store() as store:
        store.conn.execute("UPDATE sessions SET source = 'walk' WHERE started_at = ?", (START + DAY,))
    app, pilot, context = await open_insights()
    try:
        assert on_screen(app, "1 session, 1 finished."), screen_text(app)
        assert on_screen(app, "1 rehearsal (flows walk --save) left out; r counts them too.")
        await pilot.press("r")
        await pilot.pause(0.2)
        assert on_screen(app, "2 sessions, 2 finished."), screen_text(app)
        assert on_screen(app, "These include 1 rehearsal (flows walk --save); r leaves them out.")
        await pilot.press("r")
        await pilot.pause(0.2)
        assert on_screen(app, "1 session, 1 finished.")
    finally:
        await context.__aexit__(None, None, None)


async def test_plots_redraw_to_fit_a_resized_terminal() -> None:
    for n in range(30):
        record("pause-and-breathe", START + n * 7 * DAY, (8, 8, 8 - n % 5, 7 - n % 4))
    app, pilot, context = await open_insights((110, 60))
    try:
        wide = str(app.screen.query_one("#plot-distress-0").render()).splitlines()
        await pilot.resize_terminal(40, 60)
        await pilot.pause(0.2)
        narrow = str(app.screen.query_one("#plot-distress-0").render()).splitlines()
        widest = max(len(line) for line in wide)
        assert widest > 60 and max(len(line) for line in narrow) <= 40
    finally:
        await context.__aexit__(None, None, None)


async def test_insights_with_no_sessions_say_so_kindly() -> None:
    app, pilot, context = await open_insights()
    try:
        assert on_screen(app, "No sessions yet.")
        assert not app.screen.query("RangeChart")
    finally:
        await context.__aexit__(None, None, None)


@pytest.mark.parametrize("title", ["[@click=app.quit]Flow", "[/]"])
async def test_a_hostile_flow_title_in_the_bars_is_literal(title: str) -> None:
    from gentle.tui.screens.insights import InsightsScreen
    from gentle.store.insights import FlowHelp, Insights

    found = Insights(sessions=1, completed=1, weeks=(), breaks=(),
                     flows=(FlowHelp("x", title, 1, 1, 2.0),))
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
