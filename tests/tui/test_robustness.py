"""Things that must never show a traceback: keys typed faster than the screen, and a crash."""

from __future__ import annotations

import stat

from textual import events
from textual.app import App

from gentle.tui.running import SORRY, run_app
from tui_support import make_app, screen_text


async def test_keys_typed_in_a_burst_never_act_on_the_next_step() -> None:
    # "Enter 8 Enter 3 Enter" in one go: the welcome's Enter reaches the old view after the
    # runner has moved on to the rating. Before the guard this submitted None to the rating
    # and crashed the app.
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        for key, character in [("enter", "\r"), ("8", "8"), ("enter", "\r"), ("3", "3"), ("enter", "\r")]:
            app.post_message(events.Key(key, character))
        await pilot.pause(0.8)
        assert app.is_running and app.return_code is None
        runner = app.screen.runner
        assert runner.step.id == "check-in"
        # Nothing was given on the partners' behalf by keys meant for another screen.
        assert all(a.value in (None, 8, 3) for a in runner.answers)
        await pilot.press("5", "enter")
        assert runner.answers[-1].value == 5


class Breaks(App[None]):
    def on_mount(self) -> None:
        raise RuntimeError("something inside broke")


def test_a_crash_becomes_a_kind_message_and_a_private_report(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("GENTLE_HOME", str(tmp_path))
    code = run_app(Breaks(), headless=True)
    out = capsys.readouterr()
    assert code == 1
    assert SORRY.splitlines()[0] in out.out
    assert "Traceback" not in out.out + out.err
    [report] = (tmp_path / "data").glob("crash-*.log")
    assert "something inside broke" in report.read_text()
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


async def test_notices_from_files_show_literally() -> None:
    # A broken config or a flow path can carry brackets and escapes: shown as written.
    hostile = "config.yaml:1:1: [@click=app.quit]x[/] [red on red]y \x1b]2;TITLE\x07done"
    app, _ = make_app(notices=[hostile])
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause(0.5)
        text = " ".join(screen_text(app).split())
        # The toast wraps its text, so look for the pieces.
        assert "[@click=app.quit]x[/] [red on" in text and "red]y done" in text
        assert "TITLE" not in text
        assert app.is_running
