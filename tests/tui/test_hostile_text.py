"""Flow text, partner names and typed answers are shown literally: never markup, never escapes."""

from __future__ import annotations

import shutil
from pathlib import Path

from gentle import paths
from tui_support import Walker, make_app, on_screen, screen_text

HOSTILE_FLOW = Path(__file__).parent / "flows" / "hostile.yaml"
NAMES = ("[b]Sam", "[@click=app.quit]Al")


def install_hostile_flow() -> None:
    folder = paths.user_flows_dir()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(HOSTILE_FLOW, folder / "hostile.yaml")


async def test_hostile_flow_text_and_names_are_plain_text() -> None:
    install_hostile_flow()
    app, clock = make_app("hostile", partners=NAMES)
    async with app.run_test(size=(100, 30)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg
        # The title bar, the step title and the text, exactly as written (escapes removed).
        assert on_screen(app, "[/] [@click=app.quit]Quit[/]"), screen_text(app)
        assert on_screen(app, "[b]Bold?[/b] red"), screen_text(app)
        assert on_screen(app, "[b]Sam and [@click=app.quit]Al: [/] [@click=app.quit]click[/] [red on red]x end")
        assert "TITLE" not in screen_text(app)
        assert app.title == "gentle"

        await pilot.press("f1")
        await walker.settle()
        assert on_screen(app, "[@click=app.quit]help[/]"), screen_text(app)
        await pilot.press("escape")
        await walker.settle()

        await walker.press("enter")
        assert app.is_running and app.screen.runner.step.id == "feel"
        assert on_screen(app, "[b]Sam, [red on red]x?"), screen_text(app)
        assert on_screen(app, "[@click=app.quit]max"), screen_text(app)
        await walker.type("4")
        await walker.press("enter")
        await walker.type("6")
        await walker.press("enter")

        assert on_screen(app, "( ) [@click=app.quit]one"), screen_text(app)
        assert on_screen(app, "( ) [red on red]two")
        await walker.press("space", "enter")
        assert app.screen.runner.answer_for("pick", None).value == "[@click=app.quit]one"

        # A partner types markup and an escape sequence into the blank.
        assert on_screen(app, "[red]hurt"), screen_text(app)
        await walker.type("[/] [@click=app.quit]")
        assert on_screen(app, "I feel [/] [@click=app.quit] [/]"), screen_text(app)
        await walker.press("enter")
        await walker.press("ctrl+s")
        answer = app.screen.runner.answer_for("say-it", 0)
        assert answer.value["blanks"] == {"feeling": "[/] [@click=app.quit]"}
        assert app.is_running


async def test_hostile_names_on_the_home_screen() -> None:
    app, _ = make_app(partners=NAMES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert on_screen(app, "[b]Sam and [@click=app.quit]Al"), screen_text(app)
        assert app.is_running
