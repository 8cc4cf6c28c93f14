"""A couple walks every built-in flow end to end at 80x24, by keys alone.

Each walk checks what is on screen at every step (whose turn it is, the breathing
pacer, the break clock) and, at the end, what the runner and the notes store recorded.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Digits

from gentle import paths
from gentle.flows.catalogue import Catalogue
from tui_support import Walker, make_app, on_screen, screen_text

BUILT_IN = [entry.id for entry in Catalogue().entries() if entry.source == "built-in"]
EXAMPLES = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "docs" / "examples").glob("*.yaml"))
MAX_STEPS = 200


async def walk(flow_id: str, rating: int = 3):
    app, clock = make_app(flow_id)
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        runner = app.screen.runner
        for _ in range(MAX_STEPS):
            if runner.finished:
                break
            await walker.step(rating=rating)
        assert runner.finished, f"stuck at {runner.step}"
        await walker.settle()
        assert on_screen(app, "You made it to the end."), screen_text(app)
        await pilot.press("enter")
        await walker.settle()
        assert type(app.screen).__name__ == "HomeScreen"
    return walker.kinds, runner


def stored(query: str, *args: object) -> list[tuple]:
    with sqlite3.connect(paths.database_file()) as conn:
        return conn.execute(query, args).fetchall()


def test_the_built_in_flows_are_all_here() -> None:
    assert {"pause-and-breathe", "i-statement", "validate", "reconnect", "aftermath", "full", "time-out-plan"} <= set(BUILT_IN)


@pytest.mark.parametrize("flow_id", BUILT_IN)
async def test_walk_flow_by_keys(flow_id: str) -> None:
    kinds, runner = await walk(flow_id)
    recorded = {(a.step_id, a.partner) for a in runner.answers}
    # Every partner-asking step that was shown got an answer from each partner asked.
    for answer in runner.answers:
        step = runner.flow.step(answer.step_id)
        if getattr(step, "who", None) == "each":
            assert {(step.id, 0), (step.id, 1)} <= recorded
    # The store committed the same answers, and the session is complete.
    rows = stored("SELECT outcome, partner_a, partner_b FROM sessions")
    assert rows == [("completed", "Sam", "Alex")]
    kept = stored("SELECT step_id, partner FROM answers WHERE withdrawn_at IS NULL")
    assert sorted(kept, key=str) == sorted(((a.step_id, a.partner) for a in runner.answers), key=str)
    if flow_id == "full":
        assert {"say", "breathe", "rate", "write", "choose", "checklist", "turns"} <= set(kinds)
    if flow_id == "reconnect":
        assert "timer" in kinds


async def test_a_flooded_check_in_routes_to_the_cool_down_break() -> None:
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        runner = app.screen.runner
        await walker.step()  # welcome
        await walker.step(rating=8)  # Sam: 8
        await walker.step(rating=2)  # Alex: 2; either partner at 7+ is enough
        assert runner.step.id == "cool-down"
        # Started at 22:13:20 UTC; twenty minutes later is 22:33.
        assert on_screen(app, "A proper break")
        assert on_screen(app, "Come back at 22:33"), screen_text(app)
        assert app.screen.query_one(Digits).value == "20:00"
        clock.advance(5 * 60)
        await walker.settle(0.4)
        assert app.screen.query_one(Digits).value == "15:00"
        while not runner.finished:
            await walker.step(rating=2)
    values = {(a.step_id, a.partner): a.value for a in runner.answers}
    assert values[("check-in", 0)] == 8 and values[("check-in", 1)] == 2
    assert values[("cool-down", None)] == {"seconds": 1200.0, "ended": "finished"}
    breaks = stored("SELECT kind, step_id, seconds, how FROM timings WHERE kind = 'break'")
    assert breaks == [("break", "cool-down", 1200.0, "finished")]
    # The calm route afterwards: breathing, then a check-in again, then the end.
    assert [s for s in ("breathe", "check-again", "settled") if (s, None) in values or (s, 0) in values]
    assert json.loads(stored("SELECT body FROM events WHERE kind = 'Finished'")[0][0])["kind"] == "Finished"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: Path(p).stem)
async def test_walk_each_example_flow_by_keys(path: str) -> None:
    """The therapists' examples under docs/examples/ walk end to end by keys too."""
    await walk(path, rating=4)
