"""Resuming: an interrupted session continues at the exact step, and a running break keeps
its wall-clock deadline (closed 5 minutes into a 20-minute break: about 15 minutes left).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from textual.widgets import Digits
from typer.testing import CliRunner

from gentle import paths
from gentle.cli import app as cli
from gentle.commands.screens import build_context
from gentle.commands.session_services import latest_resumable
from gentle.engine.clock import FakeClock
from gentle.tui.resume_app import ResumingApp
from tui_support import NAMES, Walker, make_app, on_screen, screen_text


def stored(sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(paths.database_file()) as conn:
        return conn.execute(sql, args).fetchall()


async def interrupt_during_a_break(minutes_in: float = 5) -> FakeClock:
    """Check in calmly, reach the breathing, call a 20-minute break, close gentle."""
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 30)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.step()  # welcome
        await walker.step(rating=2)
        await walker.step(rating=3)
        assert app.screen.runner.step.id == "breathe"
        await walker.press("ctrl+b", "2", "enter")  # Alex calls it; 20 minutes is first
        assert type(app.screen).__name__ == "CoolDownScreen", screen_text(app)
        clock.advance(minutes_in * 60)
        await walker.settle(0.3)
        await walker.press("ctrl+q")  # closing the terminal would do the same
    assert not app.is_running
    return clock


def resuming_app(clock: FakeClock) -> tuple[ResumingApp, str]:
    context = build_context(FakeClock(clock.now()))
    context.partners, context.names_asked, context.show_safety_note = NAMES, True, False
    session_id = latest_resumable(context)
    assert session_id is not None
    return ResumingApp(context, session_id), session_id


async def test_a_break_closed_five_minutes_in_reopens_with_fifteen_minutes_left() -> None:
    clock = await interrupt_during_a_break(5)
    clock.advance(0)  # reopened at once; the break kept running while gentle was closed
    app, _ = resuming_app(clock)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "CoolDownScreen", screen_text(app)
        for _ in range(30):  # a loaded machine may take a moment for the first repaint
            if app.screen.query_one(Digits).value:
                break
            await pilot.pause(0.1)
        assert app.screen.query_one(Digits).value == "15:00"
        assert on_screen(app, "Called by Alex.")
        assert on_screen(app, "Come back at 22:33")  # the original deadline, wall-clock
        runner = app.screen.runner
        runner.clock.advance(15 * 60 + 1)
        await pilot.pause(1.2)
        assert on_screen(app, "Time is up. Welcome back.")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
        assert runner.step.id == "breathe"  # the exact step
        assert [(a.step_id, a.partner, a.value) for a in runner.answers if a.step_id == "check-in"] == [
            ("check-in", 0, 2),
            ("check-in", 1, 3),
        ]
    assert stored("SELECT called_by, planned, how FROM timings WHERE kind = 'break'") == [(1, 1200.0, "finished")]


async def test_a_break_that_ran_out_while_closed_says_welcome_back() -> None:
    clock = await interrupt_during_a_break(5)
    clock.advance(60 * 60)
    app, _ = resuming_app(clock)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause(1.2)
        assert on_screen(app, "Welcome back"), screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.runner.step.id == "breathe"


async def test_home_offers_the_interrupted_session_and_continues_it_to_the_end() -> None:
    clock = await interrupt_during_a_break(5)
    clock.advance(30 * 60)
    app, clock2 = make_app(show_safety_note=False)
    clock2.set(clock.now())
    async with app.run_test(size=(100, 30)) as pilot:
        walker = Walker(pilot, clock2)
        await walker.settle(0.2)
        assert on_screen(app, "An unfinished session is waiting: press r to pick it up.")
        await walker.press("r")
        assert type(app.screen).__name__ == "ResumeScreen"
        assert on_screen(app, "Pause and breathe · Sam and Alex")
        assert on_screen(app, 'at Breathe together (4 of 7)') or on_screen(app, "at Breathe together"), screen_text(app)
        await walker.press("enter")
        await walker.settle(0.3)
        if type(app.screen).__name__ == "CoolDownScreen":  # the break ran out meanwhile
            await walker.press("enter")
        runner = app.screen.runner
        assert runner.step.id == "breathe"
        while not runner.finished:
            await walker.step(rating=1)
    assert stored("SELECT outcome FROM sessions") == [("completed",)]

    again, _ = make_app(show_safety_note=False)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert not on_screen(again, "An unfinished session is waiting")
        await pilot.press("r")
        await pilot.pause()
        assert on_screen(again, "Nothing to pick up")


async def test_letting_a_session_go_stops_offering_it_but_keeps_it_in_history() -> None:
    await interrupt_during_a_break(1)
    app, _ = make_app(show_safety_note=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert on_screen(app, "Nothing to pick up")
    assert stored("SELECT outcome FROM sessions") == [("abandoned",)]


def test_gentle_resume_with_nothing_to_continue_says_so_and_opens_no_screen() -> None:
    result = CliRunner().invoke(cli, ["resume"])
    assert result.exit_code == 0
    assert "Nothing to pick up" in result.output


async def test_gentle_resume_opens_the_latest_interrupted_session(monkeypatch: pytest.MonkeyPatch) -> None:
    await interrupt_during_a_break(2)
    opened: list[str] = []
    monkeypatch.setattr(ResumingApp, "run", lambda self: opened.append(self.session_id))
    result = CliRunner().invoke(cli, ["resume"])
    assert result.exit_code == 0, result.output
    assert opened == [stored("SELECT id FROM sessions")[0][0]]


def test_gentle_resume_with_notes_from_a_newer_gentle_says_so_plainly() -> None:
    db = paths.database_file()
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
        conn.execute("CREATE TABLE t (x)")
    before = db.read_bytes()
    result = CliRunner().invoke(cli, ["resume"])
    assert result.exit_code == 1
    assert "newer version of gentle" in result.output
    assert "Traceback" not in result.output
    assert db.read_bytes() == before


def test_gentle_resume_with_nothing_to_continue_never_imports_textual() -> None:
    code = (
        "import sys\n"
        "from gentle.cli import app\n"
        "try:\n    app(['resume'])\nexcept SystemExit:\n    pass\n"
        "import gentle.store.live, gentle.commands.session_services, gentle.commands.demo\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Nothing to pick up" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"
