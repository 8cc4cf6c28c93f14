"""Pictures of every step kind, of home, help and the break screens, at 40x12, 60x20,
80x24 and 100x30.

The clock is fake and the cursor does not blink, so each picture is the same on every
run. Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the pictures before committing them.
"""

from __future__ import annotations

import pytest

from tui_support import make_app, session_ready

# (flow, step id, seconds to let pass first, keys to press)
STEPS = {
    "say": ("pause-and-breathe", "welcome", 0, ()),
    "breathe": ("pause-and-breathe", "breathe", 2.5, ()),
    "timer": ("pause-and-breathe", "cool-down", 95, ()),
    "rate": ("pause-and-breathe", "check-in", 0, ("6",)),
    "write": ("i-statement", "statement", 0, ("down", "enter", "t", "o", "d", "a", "y")),
    "choose": ("validate", "what-helped", 0, ("space", "down")),
    "checklist": ("reconnect", "repair", 0, ("space", "down", "down", "space")),
    "turns": ("validate", "exchange", 42, ()),
}
SIZES = [(40, 12), (60, 20), (80, 24), (100, 30)]
SMALL = [(40, 12), (60, 20), (80, 24), (100, 30)]


def app_at(flow: str, step_id: str, seconds: float, keys: tuple[str, ...]):
    app, clock = make_app(flow)

    async def run_before(pilot) -> None:
        await session_ready(pilot)
        app.screen.runner.go_to(step_id)
        app.screen.sync()
        await pilot.pause()
        clock.advance(seconds)
        # Repaint now rather than at the next timer tick, so every picture is the same.
        app.screen.sync()
        await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
        if hasattr(app.screen, "sync"):  # still the session (not help, nor a break)
            app.screen.sync()
        await pilot.pause(0.1)

    return app, run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", list(STEPS))
def test_step_kind_snapshot(snap_compare, kind: str, size: tuple[int, int]) -> None:
    app, run_before = app_at(*STEPS[kind])
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_snapshot(snap_compare, size: tuple[int, int]) -> None:
    app, _ = make_app()
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", ["help", "break-dialog", "cool-down"])
def test_screen_snapshot(snap_compare, screen: str, size: tuple[int, int]) -> None:
    keys = {"help": ("f1",), "break-dialog": ("ctrl+b", "2"), "cool-down": ("ctrl+b", "1", "enter")}[screen]
    app, run_before = app_at("pause-and-breathe", "check-in", 0, keys)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_insights_snapshot_shows_each_partners_chart_with_its_axis(snap_compare) -> None:
    """Twelve weeks of sessions: the per-partner charts (0-10 axis, dates), weekly bars."""
    from gentle.engine import events as ev
    from gentle.flows.catalogue import Catalogue
    from gentle.store.db import open_store
    from gentle.store.recorder import Recorder
    from gentle.store.sessions import start_session
    from tui_support import START

    flow = Catalogue().load("pause-and-breathe")
    with open_store() as store:
        for week in range(12):
            for n in range(1 + week % 3):
                at = START + week * 7 * 86_400 + n * 3600
                sid = start_session(store, flow, ("Sam", "Alex"), started_at=at)
                rec = Recorder(store, sid)
                rec(ev.AnswerGiven("check-in", 0, 9 - week % 4, at + 10))
                rec(ev.AnswerGiven("check-in", 1, 7 - week % 3, at + 20))
                rec(ev.AnswerGiven("check-again", 0, 6 - week // 3, at + 400))
                rec(ev.AnswerGiven("check-again", 1, 4 - week // 4, at + 410))
                rec(ev.Finished(at + 430))
    app, _ = make_app()

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.2)
        await pilot.press("i")
        await pilot.pause(0.4)

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)
