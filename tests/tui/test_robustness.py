"""Things that must never show a traceback: keys typed faster than the screen, and a crash."""

from __future__ import annotations

import stat

import pytest

from textual import events
from textual.app import App

from gentle.tui.running import SORRY, run_app
from tui_support import make_app, screen_text, session_ready


async def burst(app, pilot, keys: list[tuple[str, str | None]]) -> None:
    """Keys as a terminal delivers a fast typist's burst: all queued before any is handled.

    Returns once the session is up and has stood still for half a second (each step
    change takes a few frames, more on a loaded machine).
    """
    for key, character in keys:
        app.post_message(events.Key(key, character))

    def where():
        runner = getattr(app.screen, "runner", None)
        return None if runner is None else (runner.step, runner.asking, len(runner.answers), runner.turn)

    last, still = where(), 0
    for _ in range(100):
        await pilot.pause(0.05)
        now = where()
        still = still + 1 if now == last and now is not None else 0  # no session yet: wait
        last = now
        if still >= 10:
            return


async def first_step_ready(pilot) -> None:
    """Until the session's first step view takes keys (a loaded machine needs longer)."""
    screen = await session_ready(pilot)
    for _ in range(100):
        view = screen.current_view
        if view is not None and view.taking_keys:
            return
        await pilot.pause(0.02)
    raise AssertionError("the first step never took keys")


async def test_keys_typed_while_the_session_opens_go_to_its_first_step() -> None:
    # Typed the moment the app starts, before the session screen is even up.
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(app, pilot, [("enter", "\r"), ("6", "6"), ("enter", "\r")])
        runner = app.screen.runner
        assert [(a.step_id, a.partner, a.value) for a in runner.answers] == [
            ("welcome", None, None), ("check-in", 0, 6)]


async def test_keys_typed_in_a_burst_are_kept_in_order_for_the_next_step() -> None:
    # "Enter 8 Enter 3 Enter" in one go (a digit counts at once; the Enter after it goes
    # with it, out of habit). All but the first land on a view whose step the
    # runner is leaving, or on the screen while the next view is mounted. Before the
    # guard the welcome's view submitted None to the rating and crashed; then the keys
    # were dropped. Now each reaches the view it was meant for, in order.
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await first_step_ready(pilot)
        await burst(app, pilot, [("enter", "\r"), ("8", "8"), ("enter", "\r"), ("3", "3"), ("enter", "\r")])
        assert app.is_running and app.return_code is None
        runner = app.screen.runner
        given = [(a.partner, a.value) for a in runner.answers if a.step_id == "check-in"]
        assert given == [(0, 8), (1, 3)], given
        assert runner.step.id != "check-in"


async def play(flow: str, keys, *, all_at_once: bool):
    """Where the session stands after ``keys``: (step, asking, answers, turn phase)."""
    from pathlib import Path

    from gentle.flows.catalogue import Catalogue

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "flows"
    app, _ = make_app(Catalogue(extra=[fixtures]).load(flow))
    async with app.run_test(size=(80, 24)) as pilot:
        await first_step_ready(pilot)
        if all_at_once:
            await burst(app, pilot, keys)
        else:
            for key, _character in keys:
                await pilot.press(key)
                await pilot.pause(0.1)
        runner = app.screen.runner
        answers = [(a.step_id, a.partner, a.value) for a in runner.answers]
        return runner.step.id, runner.asking, answers, getattr(runner.turn, "phase", None)


BURSTS = {
    # Through the welcome, both ratings (with an arrow key too), then Back.
    "ratings then back": ("pause-and-breathe", [
        ("enter", "\r"), ("7", "7"), ("up", None), ("enter", "\r"), ("2", "2"),
        ("enter", "\r"), ("escape", None)]),
    # Through the intro, a topic typed into a text area and given with Ctrl+S, then the
    # speaker is done and the listener starts to mirror: the keys after Ctrl+S must not
    # end up in the topic.
    "writing then turns": ("validate", [
        ("enter", "\r"), ("d", "d"), ("i", "i"), ("s", "s"), ("h", "h"), ("ctrl+s", None),
        ("enter", "\r"), ("y", "y")]),
    # Words in the blanks of a sentence, Enter between them: a word typed straight
    # after Enter belongs to the next blank (it landed in the one before).
    # Words given with Ctrl+S, then Space and Enter straight away for the checklist.
    "ctrl+s then space enter": ("write-then-tick", [
        *[(c, c) for c in "calm"], ("ctrl+s", None), ("space", " "), ("enter", "\r")]),
    "blanks": ("i-statement", [
        ("enter", "\r"), ("enter", "\r"), ("enter", "\r"),
        *[(c, c) for c in "sad"], ("enter", "\r"), *[(c, c) for c in "late"], ("enter", "\r"),
        *[(c, c) for c in "calm"], ("enter", "\r"), *[(c, c) for c in "call"], ("enter", "\r")]),
}


@pytest.mark.parametrize("name", BURSTS)
async def test_a_burst_leaves_the_session_where_slow_typing_does(name: str) -> None:
    flow, keys = BURSTS[name]
    slow = await play(flow, keys, all_at_once=False)
    assert len(slow[2]) >= 2, slow  # the keys did walk the flow
    assert await play(flow, keys, all_at_once=True) == slow


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


async def test_a_word_typed_straight_after_enter_goes_into_the_next_blank() -> None:
    app, _ = make_app("i-statement")
    async with app.run_test(size=(80, 24)) as pilot:
        await first_step_ready(pilot)
        for _ in range(3):  # the intro, the breathing, the camera
            await pilot.press("enter")
            await pilot.pause(0.3)
        filler = app.screen.query_one("TemplateFiller")
        await burst(app, pilot, [*[(c, c) for c in "sad"], ("enter", "\r"), *[(c, c) for c in "late"],
                                 ("enter", "\r"), *[(c, c) for c in "rest"]])
        await pilot.pause(0.3)
        assert {k: v for k, v in filler.values.items() if v} == {
            "feeling": "sad", "situation": "late", "need": "rest"}, filler.values


@pytest.mark.parametrize("wait", ["none", "first frame"])
async def test_three_enters_typed_at_once_walk_three_steps(wait: str) -> None:
    from pathlib import Path

    from gentle.flows.catalogue import Catalogue

    flow = Catalogue(extra=[Path(__file__).resolve().parents[1] / "fixtures" / "flows"]).load("four-says")
    app, _ = make_app(flow)
    async with app.run_test(size=(80, 24)) as pilot:
        if wait == "first frame":
            await pilot.pause(0)  # straight after the first frame, before the view is ready
        await burst(app, pilot, [("enter", "\r")] * 3)
        assert app.screen.runner.step.id == "four", [a.step_id for a in app.screen.runner.answers]
