"""Key storms: bursts of Enter, Esc, digits, the break and hide keys and the rest, with no
pause between them, on every kind of step, as hands on a shared keyboard in a fight.

Whatever the keys, gentle must not crash, and what the store holds must be the live
session (the snapshot committed with the last event is the runner's state then), so a
kill -9 at any moment of the storm would lose nothing. Seeds are fixed.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from textual import events

from gentle import paths
from gentle.engine.clock import FakeClock
from gentle.flows.catalogue import Catalogue
from tui_support import make_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "flows"
KEYS: list[tuple[str, str | None]] = [
    ("enter", "\r"), ("enter", "\r"), ("enter", "\r"), ("escape", None), ("escape", None),
    *[(str(d), str(d)) for d in range(10)],
    ("space", " "), ("y", "y"), ("n", "n"), ("plus", "+"), ("e", "e"), ("a", "a"),
    ("tab", "\t"), ("down", None), ("up", None), ("ctrl+s", None), ("ctrl+n", None),
    ("ctrl+b", None), ("ctrl+g", None), ("ctrl+l", None), ("1", "1"), ("2", "2"),
]
BURSTS = 30


def runner_of(app):
    for screen in reversed(app.screen_stack):
        runner = getattr(screen, "runner", None)
        if runner is not None:
            return runner
    # The storm may have finished the flow and gone home: the session is still held.
    runners = list(app.context.live)
    return runners[-1] if runners else None


async def settled(app, pilot) -> None:
    """Until the storm's last keys are dealt with (a loaded machine needs longer)."""
    def where():
        runner = runner_of(app)
        held = any(getattr(getattr(s, "typed_ahead", None), "holding", False) for s in app.screen_stack)
        return held, None if runner is None else (runner.step, runner.asking, len(runner.answers))

    last, still = where(), 0
    for _ in range(200):
        await pilot.pause(0.05)
        now = where()
        still = still + 1 if now == last and not now[0] else 0
        last = now
        if still >= 10:
            return


def stored_snapshot() -> tuple[dict | None, str | None]:
    with sqlite3.connect(paths.database_file()) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        row = conn.execute("SELECT snapshot, outcome FROM sessions ORDER BY started_at DESC").fetchone()
    return (json.loads(row[0]) if row[0] else None), row[1]


# Fixed seeds. Those after the first five each found a crash when they were added:
# validate-20 and every-kind-21 a removed text area painted under a dialog, every-kind-31
# a breathing view redrawn before it was mounted; a wider run (seeds 6-35 on three flows)
# found a second Enter closing the session screen under an already-closed dialog.
SEEDS = [("every-kind", 1), ("every-kind", 2), ("pause-and-breathe", 3), ("validate", 4),
         ("i-statement", 5), ("aftermath", 6), ("validate", 20), ("every-kind", 21),
         ("every-kind", 31),
         # The typed-ahead cases of issue 15: a sentence's blanks, keys right after Ctrl+S,
         # Enters at the first frame (each also has an exact test in test_robustness.py).
         ("i-statement", 7), ("write-then-tick", 8), ("four-says", 9)]


@pytest.mark.parametrize("flow_id, seed", SEEDS)
async def test_a_storm_of_keys_never_breaks_gentle_or_the_stored_session(flow_id: str, seed: int) -> None:
    flow = Catalogue(extra=[FIXTURES]).load(flow_id)
    app, clock = make_app(flow)  # straight into the flow, as `gentle start` does
    rng = random.Random(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        for _ in range(BURSTS):
            for _ in range(rng.randint(2, 12)):
                key, character = rng.choice(KEYS)
                app.post_message(events.Key(key, character))
            if rng.random() < 0.3:
                clock.advance(rng.choice([5, 60, 400, 1300]))  # timers and breaks run out
            await pilot.pause(rng.choice([0, 0.02, 0.1]))
            assert app.return_code is None, "gentle stopped in the storm"
        await settled(app, pilot)
        runner = runner_of(app)
        assert runner is not None
        snapshot, outcome = stored_snapshot()
        if runner.finished:
            assert outcome == "completed"
        else:
            live = runner.clock
            runner.clock = FakeClock(snapshot["at"])
            try:
                assert json.loads(json.dumps(runner.snapshot())) == snapshot
            finally:
                runner.clock = live


@pytest.mark.parametrize("keys", [["enter", "enter"], ["enter", "escape"], ["enter", "enter", "escape", "enter"]])
async def test_keys_after_the_one_that_closes_a_dialog_never_close_the_session(keys: list[str]) -> None:
    # The storms found this: a dialog closes on the first Enter, but the keys typed with
    # it still reach it (textual closes it a moment later) and closed the session screen
    # under it, or the break it had just started.
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("ctrl+b")
        await pilot.pause(0.2)
        await pilot.press("1")
        for key in keys:
            app.post_message(events.Key(key, "\r" if key == "enter" else None))
        await pilot.pause(0.5)
        names = [type(screen).__name__ for screen in app.screen_stack]
        assert "SessionScreen" in names, names
        assert app.return_code is None
        runner = runner_of(app)
        assert runner is not None and runner.break_ is not None, names
