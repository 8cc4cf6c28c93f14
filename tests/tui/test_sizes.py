"""Layouts from 20x6 to 200x60: nothing crashes, and the essentials stay on screen."""

from __future__ import annotations

import pytest
from textual.widgets import Digits

from tui_support import make_app, on_screen, screen_text, session_ready

SIZES = [(20, 6), (30, 8), (40, 12), (60, 20), (80, 24), (120, 40), (200, 60)]
# One step of every kind (the `full` flow has all but a timer; the break is in pause-and-breathe).
STEPS = [
    ("full", "welcome"),
    ("full", "closeness-start"),
    ("full", "pause-and-breathe.cool-down"),
    ("full", "pause-and-breathe.breathe"),
    ("full", "i-statement.statement"),
    ("full", "ready"),
    ("full", "i-statement.read-back"),
    ("full", "validate.exchange"),
]


async def visit(pilot, app, step_id: str) -> None:
    await session_ready(pilot)
    app.screen.runner.go_to(step_id)
    app.screen.sync()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_step_kind_draws_at_every_size(size: tuple[int, int]) -> None:
    app, _ = make_app("full")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _, step_id in STEPS:
            await visit(pilot, app, step_id)
            assert app.is_running
            screen_text(app)  # the whole screen renders


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_home_draws_at_every_size(size: tuple[int, int]) -> None:
    app, _ = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


async def test_resizing_while_breathing_keeps_going() -> None:
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await visit(pilot, app, "breathe")
        for size in [(20, 6), (200, 60), (40, 12), (80, 24)]:
            await pilot.resize_terminal(*size)
            clock.advance(1.3)
            await pilot.pause(0.1)
        assert on_screen(app, "Breath 1 of"), screen_text(app)


async def test_at_60x20_nothing_essential_is_hidden() -> None:
    app, clock = make_app("full")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        essentials = {
            "closeness-start": ["Sam, how close do you feel to Alex right now?", "far apart", "Enter"],
            "pause-and-breathe.cool-down": ["A proper break", "Come back at 22:33", "+ 5 more min"],
            "pause-and-breathe.breathe": ["Breathe in", "Breath 1 of"],
            "i-statement.statement": ["Sam, build your sentence", "I feel [feeling]", "Blank 1 of 4"],
            "ready": ["( ) Yes, let's go on", "( ) Not yet, let's stop for today"],
            "validate.exchange": ["Sam has the floor — Alex listens", "left on the floor", "Done speaking"],
        }
        for step_id, words in essentials.items():
            await visit(pilot, app, step_id)
            await pilot.pause(0.3)
            for word in words:
                assert on_screen(app, word), f"{step_id}: {word!r} missing\n{screen_text(app)}"
            if step_id.endswith("cool-down"):
                digits = app.screen.query_one(Digits)
                assert digits.value == "20:00" and digits.region.bottom <= 20
            # The flow, the step and the time are always in the top line.
            top = screen_text(app).splitlines()[0]
            assert "The whole conversation" in top and "Step" in top


async def test_home_at_40x12_is_usable() -> None:
    app, _ = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert on_screen(app, "We need a pause"), screen_text(app)
        assert on_screen(app, "Pause and breathe"), screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.runner.flow.id == "pause-and-breathe"


FOOTER_SIZES = [(40, 12), (60, 20), (80, 24), (100, 30)]


async def _footer_line(pilot, app) -> str:
    await pilot.pause(0.1)
    lines = screen_text(app).splitlines()
    return lines[-1] if lines else ""


def _keeps_safety_keys(line: str, where: str, *, break_too: bool = True) -> None:
    wanted = ["Ctrl+G Hide"] + (["Ctrl+B Break"] if break_too else [])
    for words in wanted:
        assert words in line, f"{where}: {words!r} is not in the footer: {line!r}"
    assert "Help" in line and ("? Help" in line or "F1 Help" in line), f"{where}: no Help in {line!r}"
    assert "^" not in line, f"{where}: caret notation in {line!r}"


@pytest.mark.parametrize("size", FOOTER_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_break_hide_and_help_stay_in_the_footer_at_every_size(size: tuple[int, int]) -> None:
    """At home, on every step kind, in help, while a break is asked for and counted down."""
    app, clock = make_app("full")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        _keeps_safety_keys(await _footer_line(pilot, app), "home")
        await pilot.press("f1")
        await pilot.pause()
        _keeps_safety_keys(await _footer_line(pilot, app), "help on home", break_too=False)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the first flow in the list opens at its first step
        await session_ready(pilot)
        for _, step_id in STEPS:
            await visit(pilot, app, step_id)
            _keeps_safety_keys(await _footer_line(pilot, app), step_id)
        await pilot.press("ctrl+b")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ != "SessionScreen", screen_text(app)
        _keeps_safety_keys(await _footer_line(pilot, app), "the break dialog", break_too=False)
