"""A support step shows the support lines inside the flow, and a required break shows
no "End now" and says kindly why Ctrl+N can't skip it: by real keys."""

from __future__ import annotations

from pathlib import Path

from tui_support import Walker, make_app, on_screen, screen_text, session_ready

FLOW = """\
id: help-and-break
title: Help and a break
summary: S
steps:
  - kind: support
    text: If this is more than the two of you can hold, here is where help is.
  - id: cool
    kind: timer
    break: true
    required: true
    minutes: 20
  - kind: say
    text: Welcome back.
"""


async def test_support_lines_then_a_break_that_runs_its_full_time(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(FLOW, encoding="utf-8")
    app, clock = make_app(str(path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await session_ready(pilot)
        walker = Walker(pilot, clock)
        assert on_screen(app, "here is where help is"), screen_text(app)
        assert on_screen(app, "Support lines:"), screen_text(app)
        assert on_screen(app, "Emergency:"), screen_text(app)
        await walker.press("enter")
        assert walker.runner.step.id == "cool"
        assert on_screen(app, "Come back at"), screen_text(app)
        assert not on_screen(app, "End now"), screen_text(app)
        await walker.press("e")
        assert walker.runner.step.id == "cool"
        assert on_screen(app, "This break runs its full time"), screen_text(app)
        for key in ("enter", "escape", "ctrl+n"):  # nothing ends it early, and each says why
            await walker.press(key)
            assert walker.runner.step.id == "cool"
        assert on_screen(app, "part of your plan"), screen_text(app)
        clock.advance(20 * 60 + 1)
        await walker.settle(0.4)
        assert on_screen(app, "Time is up"), screen_text(app)
        await walker.press("enter")
        assert on_screen(app, "Welcome back."), screen_text(app)


async def test_c_on_a_support_step_chooses_the_country_and_the_lines_follow(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(FLOW, encoding="utf-8")
    app, clock = make_app(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await session_ready(pilot)
        walker = Walker(pilot, clock)
        assert on_screen(app, "c: choose your country"), screen_text(app)
        await walker.press("c")
        assert type(app.screen).__name__ == "CountryPicker", screen_text(app)
        picker = app.screen
        picker.query_one("#choices").highlighted = picker.values.index("uk")
        await walker.press("enter")
        await walker.settle(0.2)
        assert type(app.screen).__name__ != "CountryPicker"
        assert on_screen(app, "Support lines: United Kingdom"), screen_text(app)
