"""``gentle flows preview FILE``: the flow on screen as the demo shows it, again at each
save; problems beside the last good version; Ctrl+E opens the editor at the first one.

No timed assertions: every wait is a bounded loop of ``pilot.pause()``.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
from typer.testing import CliRunner

from gentle import paths
from gentle.cli import app as cli
from gentle.commands.flows import build_preview_app
from gentle.engine.clock import FakeClock
from gentle.tui.screens.preview import (
    PreviewApp, PreviewSessionScreen, PreviewWaitingScreen, ProblemsPane, editor_command,
)
from tui_support import START, on_screen

FLOW = """\
id: my-flow
title: My flow
summary: Two steps.
steps:
  - kind: say
    id: hello
    text: {first}
  - kind: say
    id: goodbye
    text: {second}
"""

# Line 10 is the unknown key, indented four: 10:5.
BROKEN = """\
id: my-flow
title: My flow
summary: Two steps.
steps:
  - kind: say
    id: hello
    text: Hello.
  - kind: say
    id: goodbye
    bogus: 3
    text: Never shown.
"""


def write(path: Path, text: str) -> None:
    """Write and make sure the mtime moves on, even on a coarse-grained file system."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    now = path.stat()
    if now.st_mtime_ns <= before:
        os.utime(path, ns=(now.st_atime_ns, before + 1_000_000_000))


def preview(path: Path) -> PreviewApp:
    app = build_preview_app(path, FakeClock(START))
    app.cursor_blink = False
    return app


async def until(pilot: Any, condition: Callable[[], bool], tries: int = 200) -> bool:
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def pane(app: PreviewApp) -> ProblemsPane:
    return app.screen.query_one(ProblemsPane)


async def test_a_save_is_shown_on_the_same_step_and_problems_keep_the_last_good_version(tmp_path: Path) -> None:
    flow = tmp_path / "my-flow.yaml"
    write(flow, FLOW.format(first="Hello.", second="Goodbye for now."))
    app = preview(flow)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PreviewSessionScreen)
        assert on_screen(app, f"PREVIEW · {flow}")
        assert not pane(app).display
        await pilot.press("enter")  # on to the second step
        await pilot.pause()
        assert app.screen.runner.step.id == "goodbye"

        write(flow, FLOW.format(first="Hello.", second="Goodbye, second version."))
        assert await until(pilot, lambda: on_screen(app, "Goodbye, second version.") and app.reloads == 1)
        await pilot.pause()
        assert app.screen.runner.step.id == "goodbye"  # the same step, in the new version
        assert app.reloads == 1

        write(flow, BROKEN)
        assert await until(pilot, lambda: pane(app).display)
        assert "10:5" in " ".join(pane(app).lines) and "bogus" in " ".join(pane(app).lines)
        await pilot.pause()
        assert on_screen(app, "10:5")
        assert on_screen(app, "Goodbye, second version.")  # the last good version stays
        assert not on_screen(app, "Never shown.")

        write(flow, FLOW.format(first="Hello.", second="Fixed at last."))
        assert await until(pilot, lambda: on_screen(app, "Fixed at last."))
        assert not pane(app).display
        assert app.screen.runner.step.id == "goodbye"


async def test_a_step_that_is_gone_starts_the_new_version_at_its_first_step(tmp_path: Path) -> None:
    flow = tmp_path / "my-flow.yaml"
    write(flow, FLOW.format(first="Hello.", second="Goodbye."))
    app = preview(flow)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        write(flow, FLOW.format(first="A new start.", second="Goodbye.").replace("id: goodbye", "id: farewell"))
        assert await until(pilot, lambda: on_screen(app, "A new start."))
        assert app.screen.runner.step.id == "hello"


async def test_a_file_that_never_validated_shows_its_problems_and_then_the_flow(tmp_path: Path) -> None:
    flow = tmp_path / "my-flow.yaml"
    write(flow, "id: my-flow\ntitle: [unclosed\n")
    app = preview(flow)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PreviewWaitingScreen)
        assert on_screen(app, "The flow will appear here once it validates.")
        marker = app.screen.query_one("PreviewMarker")
        assert marker.region.y == 0 and on_screen(app, "PREVIEW ·")  # at the top, never scrolled away
        assert pane(app).display and pane(app).lines[0].startswith("2:8")  # at the bracket, with advice
        write(flow, FLOW.format(first="Here at last.", second="Bye."))
        assert await until(pilot, lambda: on_screen(app, "Here at last."))
        assert isinstance(app.screen, PreviewSessionScreen)
        assert not pane(app).display


async def test_warnings_are_listed_too_and_the_flow_still_reloads(tmp_path: Path) -> None:
    flow = tmp_path / "my-flow.yaml"
    write(flow, FLOW.format(first="Hello.", second="Bye."))
    app = preview(flow)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # The first step now ends the flow: the second can never be reached (a warning).
        write(flow, FLOW.format(first="Hello again.", second="Bye.").replace(
            "    text: Hello again.\n", "    text: Hello again.\n    next: end\n"))
        assert await until(pilot, lambda: on_screen(app, "Hello again."))
        assert pane(app).display
        assert pane(app).lines == ['9:5  warning: step "goodbye" can never be reached: no step leads to it']


async def test_markup_in_the_file_and_its_problems_is_shown_literally(tmp_path: Path) -> None:
    flow = tmp_path / "my-flow.yaml"
    write(flow, FLOW.format(first='"[bold]not bold[/bold] [@click=app.quit]x[/]"', second="Bye."))
    app = preview(flow)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert on_screen(app, "[bold]not bold[/bold] [@click=app.quit]x[/]")
        write(flow, BROKEN.replace("bogus", '"[red]bogus[/]"'))
        assert await until(pilot, lambda: pane(app).display)
        await pilot.pause()
        assert on_screen(app, "[red]bogus[/]")


def editor_script(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "editor.py"
    script.write_text(f"#!{sys.executable}\nimport sys, pathlib\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


async def test_ctrl_e_opens_the_editor_at_the_first_problem_and_reloads_when_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow = tmp_path / "my-flow.yaml"
    calls = tmp_path / "calls.txt"
    fixed = FLOW.format(first="Hello.", second="Mended in the editor.")
    script = editor_script(tmp_path, (
        f"pathlib.Path({str(calls)!r}).open('a').write(' '.join(sys.argv[1:]) + '\\n')\n"
        f"pathlib.Path(sys.argv[-1]).write_text({fixed!r})"
    ))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    write(flow, FLOW.format(first="Hello.", second="Bye."))
    app = preview(flow)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        write(flow, BROKEN)
        assert await until(pilot, lambda: pane(app).display)
        # Headless, there is no terminal to hand over (App.suspend says so): the editor
        # runs anyway, and the file is read again as soon as it returns.
        good_before = app.reloads
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert calls.read_text(encoding="utf-8").split() == ["+10", str(flow)]
        assert app.reloads == good_before + 1  # no waiting for the next look at the file
        assert on_screen(app, "Mended in the editor.")
        assert not pane(app).display


async def test_an_editor_that_cannot_start_is_told_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flow = tmp_path / "my-flow.yaml"
    write(flow, FLOW.format(first="Hello.", second="Bye."))
    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    app = preview(flow)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any("could not be started" in str(n.message) for n in app._notifications)
        assert isinstance(app.screen, PreviewSessionScreen)


def test_the_editor_command() -> None:
    path = Path("/tmp/f.yaml")
    assert editor_command(path, 7, {}) == ["vi", "+7", "/tmp/f.yaml"]
    assert editor_command(path, None, {"EDITOR": "nano"}) == ["nano", "/tmp/f.yaml"]
    assert editor_command(path, 3, {"EDITOR": "nano", "VISUAL": "code -w"}) == ["code", "-w", "+3", "/tmp/f.yaml"]
    assert editor_command(path, 3, {"VISUAL": " ", "EDITOR": "emacs -nw"}) == ["emacs", "-nw", "+3", "/tmp/f.yaml"]


def test_preview_of_a_missing_file_is_one_kind_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["flows", "preview", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gentle: ") and "missing.yaml" in lines[0]
    assert "Traceback" not in result.output


def test_preview_opens_even_a_broken_file_and_saves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flow = tmp_path / "my-flow.yaml"
    write(flow, BROKEN)
    opened: list[Path] = []
    monkeypatch.setattr(PreviewApp, "run", lambda self, **_: opened.append(self.path))
    result = CliRunner().invoke(cli, ["flows", "preview", str(flow)])
    assert result.exit_code == 0, result.output
    assert opened == [flow]
    assert not paths.database_file().exists()


async def test_ctrl_e_reaches_the_editor_even_from_a_text_box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input, TextArea

    # A text box keeps Ctrl+E (end of line) for itself; the preview's key is a priority one.
    flow = tmp_path / "my-flow.yaml"
    calls = tmp_path / "calls.txt"
    script = editor_script(tmp_path, f"pathlib.Path({str(calls)!r}).write_text(' '.join(sys.argv[1:]))")
    monkeypatch.setenv("VISUAL", str(script))
    write(flow, "id: my-flow\ntitle: My flow\nsummary: One step.\nsteps:\n"
                "  - kind: write\n    id: words\n    ask: \"{partner}, what happened?\"\n")
    app = preview(flow)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert await until(pilot, lambda: isinstance(app.focused, (TextArea, Input)))
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert calls.read_text(encoding="utf-8") == str(flow)  # no problem: no line to go to
