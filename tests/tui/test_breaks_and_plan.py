"""Breaks as a couple lives them: Ctrl+B from home, their time-out plan on the break
screens, the copy of a short quiet step, and a history without sessions only opened.

Every test presses real keys, with a fake clock and a private GENTLE_HOME.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from gentle import paths
from gentle.store.db import open_store
from gentle.store.plan import latest_plan
from tui_support import START, Walker, make_app, on_screen, screen_text

ROOT = Path(__file__).resolve().parents[2]
SIGNAL = "Time out [bold]please[/]"  # markup-looking words are their words: shown as typed
PLACES = ("The bedroom, with music on", "A walk around the block")
COMING_BACK = "Sit together; whoever called it starts"


def stored(sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(paths.database_file()) as conn:
        return conn.execute(sql, args).fetchall()


def gentle_cli(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    env["GENTLE_HOME"] = os.environ["GENTLE_HOME"]
    done = subprocess.run([sys.executable, "-m", "gentle", *args], capture_output=True, env=env,
                          cwd=ROOT, timeout=60)
    assert b"Traceback" not in done.stderr
    return done.stdout.decode("utf-8")


def name(screen: object) -> str:
    return type(screen).__name__


async def make_plan(length_index: int = 1) -> None:
    """The couple make their time-out plan, by keys, from the flow's first step to its end."""
    app, clock = make_app("time-out-plan")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        runner = app.screen.runner
        await walker.press("enter")  # why
        assert runner.step.id == "agree"
        await walker.press("space", "down", "space", "enter")
        assert runner.step.id == "signal"
        await walker.type(SIGNAL)
        await walker.press("ctrl+s")
        for place in PLACES:  # each partner in turn
            assert runner.step.id == "where"
            await walker.type(place)
            await walker.press("ctrl+s")
        assert runner.step.id == "how-long"
        await walker.press(*["down"] * length_index)
        await walker.press("space", "enter")  # a choice is marked, then given
        assert runner.step.id == "coming-back"
        await walker.type(COMING_BACK)
        await walker.press("ctrl+s")
        assert on_screen(app, "the newest one replaces this one"), screen_text(app)
        await walker.press("enter")
        assert runner.finished


# ----- Ctrl+B where no session runs ---------------------------------------------------------


async def test_ctrl_b_on_the_home_screen_starts_a_real_break_that_the_store_keeps() -> None:
    app, clock = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        assert name(app.screen) == "HomeScreen"
        await walker.press("ctrl+b")
        assert name(app.screen) == "BreakCallDialog", screen_text(app)
        assert on_screen(app, "gentle helps you check in with each other")
        await walker.press("2", "enter")  # Alex calls it; 20 minutes
        await walker.settle(0.2)
        assert name(app.screen) == "CoolDownScreen", screen_text(app)
        assert on_screen(app, "Called by Alex."), screen_text(app)
        assert on_screen(app, "Come back at 22:33"), screen_text(app)  # 22:13:20 + 20 min
        # Nothing in the notes yet about a plan: one calm line offers to make one.
        assert on_screen(app, "After the break, you could make a time-out plan together"), screen_text(app)
        # The store has it now, as a session a couple can see in history.
        assert stored("SELECT flow_id, partner_a, partner_b, outcome FROM sessions") == [
            ("pause-and-breathe", "Sam", "Alex", None)]
        assert stored("SELECT called_by, planned, step_id, ended_at FROM timings WHERE kind = 'break'") == [
            (1, 1200.0, "welcome", None)]
        clock.advance(20 * 60 + 1)
        await walker.settle(1.2)
        assert on_screen(app, "Time is up. Welcome back."), screen_text(app)
        await walker.press("enter")
        assert name(app.screen) == "SessionScreen"
        assert app.screen.runner.step.id == "welcome"  # ready to check in with each other
    assert stored("SELECT how FROM timings WHERE kind = 'break'") == [("finished",)]
    assert "Pause and breathe" in gentle_cli("history")


async def test_ctrl_b_works_from_history_too_and_esc_calls_nothing() -> None:
    app, clock = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.press("h")
        await walker.settle(0.2)
        assert name(app.screen) == "HistoryScreen"
        await walker.press("ctrl+b")
        assert name(app.screen) == "BreakCallDialog"
        await walker.press("escape")  # not now
        assert name(app.screen) == "HistoryScreen"
        await walker.press("ctrl+b")
        await walker.press("1", "down", "enter")  # Sam, 30 minutes
        await walker.settle(0.2)
        assert name(app.screen) == "CoolDownScreen", screen_text(app)
        assert on_screen(app, "Come back at 22:43"), screen_text(app)
    assert stored("SELECT called_by, planned FROM timings WHERE kind = 'break'") == [(0, 1800.0)]


# ----- the time-out plan ------------------------------------------------------------------


async def test_the_plan_is_shown_in_their_own_words_when_a_break_is_called() -> None:
    await make_plan(length_index=1)  # 30 minutes
    with open_store() as store:
        plan = latest_plan(store)
    assert plan is not None and plan.signal == SIGNAL and plan.places == PLACES
    assert plan.length == "30 minutes" and plan.seconds == 1800.0 and plan.coming_back == COMING_BACK
    assert any("end a conversation for good" in promise for promise in plan.agreed)

    app, clock = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.press("ctrl+b")
        assert name(app.screen) == "BreakCallDialog"
        assert on_screen(app, f"Sam: {PLACES[0]}"), screen_text(app)
        assert on_screen(app, "back after 30 minutes"), screen_text(app)
        assert app.screen.query_one("#lengths").highlighted == 1  # the plan's 30 minutes
        await walker.press("1", "enter")
        await walker.settle(0.2)
        assert name(app.screen) == "CoolDownScreen"
        assert on_screen(app, "Come back at 22:43"), screen_text(app)  # the plan's length
        for words in (f"Signal: {SIGNAL}", f"Alex: {PLACES[1]}", "Back after: 30 minutes", f"Then: {COMING_BACK}"):
            assert on_screen(app, words), screen_text(app)
        assert not on_screen(app, "you could make a time-out plan")


async def test_the_flooding_offer_and_a_break_step_show_the_plan_too() -> None:
    await make_plan(length_index=0)
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 30)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.step()  # welcome
        await walker.step(rating=8)
        await walker.step(rating=2)
        assert app.screen.runner.step.id == "cool-down"  # the flow's own break step
        assert on_screen(app, f"Sam: {PLACES[0]}"), screen_text(app)
        assert on_screen(app, "Back after: 20 minutes"), screen_text(app)
        await walker.press("e")  # end it early? the question says what "no" keeps
        assert on_screen(app, "Keep resting (n)") and not on_screen(app, "Keep going"), screen_text(app)


async def test_running_the_plan_again_replaces_it() -> None:
    await make_plan(length_index=0)
    await make_plan(length_index=2)
    with open_store() as store:
        plan = latest_plan(store)
    assert plan is not None and plan.length == "45 minutes"


# ----- a short quiet step ------------------------------------------------------------------


async def test_a_short_quiet_step_shows_its_countdown_and_adds_a_minute() -> None:
    app, clock = make_app("reconnect")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.press("enter")  # intro
        runner = app.screen.runner
        assert runner.step.id == "think" and runner.step.seconds == 60
        await walker.settle(0.3)
        assert not on_screen(app, "Come back at"), screen_text(app)
        assert on_screen(app, "Space pauses · + adds a minute · e ends early"), screen_text(app)
        assert on_screen(app, "+ 1 more min") and not on_screen(app, "5 more min"), screen_text(app)
        await walker.press("plus")
        assert runner.timer.total == 120.0
        await walker.press("e")
        assert on_screen(app, "Let it run (n)") and not on_screen(app, "Keep going"), screen_text(app)
        await walker.press("n")
        clock.advance(121)
        await walker.settle(0.4)
        assert on_screen(app, "Time is up. Press Enter to go on, or + for another minute."), screen_text(app)


# ----- history without noise ---------------------------------------------------------------


async def test_a_session_opened_and_closed_with_no_answer_leaves_no_history_row() -> None:
    app, clock = make_app("reconnect")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.press("ctrl+q")  # nothing given: gentle leaves at once
        await pilot.pause()
    assert len(stored("SELECT id FROM sessions")) == 1  # in the file, holding nothing
    assert "No saved sessions yet" in gentle_cli("history")
    assert gentle_cli("history", "--json").strip() == "[]"

    later, clock = make_app()
    async with later.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        assert not on_screen(later, "unfinished"), screen_text(later)  # nothing offered to resume
        await walker.press("h")
        await walker.settle(0.3)
        assert name(later.screen) == "HistoryScreen"
        assert on_screen(later, "No sessions yet."), screen_text(later)
        assert not on_screen(later, "Reconnect"), screen_text(later)


WRITE_FIRST = """\
id: words-first
title: Words first
summary: A write step straight away.
steps:
  - kind: write
    id: words
    ask: "{partner}, what happened?"
"""


async def test_words_typed_but_not_given_keep_the_session_in_history() -> None:
    folder = paths.user_flows_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "words-first.yaml").write_text(WRITE_FIRST, encoding="utf-8")
    app, clock = make_app("words-first")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.type("Pineapple")
        await walker.press("ctrl+q")  # quitting keeps the half-typed words as a draft
        await pilot.pause()
    assert stored("SELECT count(*) FROM answers") == [(0,)]
    listing = gentle_cli("history")
    assert "Words first" in listing and "interrupted" in listing, listing


async def test_the_palette_helper_opens_the_plan_flow() -> None:
    from gentle.tui.screens.break_at_home import make_time_out_plan

    app, clock = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        make_time_out_plan(app)
        await walker.settle(0.2)
        assert name(app.screen) == "SessionScreen" and app.screen.runner.flow.id == "time-out-plan"
        assert on_screen(app, "If you made a plan before, this one replaces it."), screen_text(app)
