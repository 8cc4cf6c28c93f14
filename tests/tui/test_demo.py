"""``gentle demo``: the presentation look, the facilitator pane, the step navigator, timers
×10, an export marked as a demo, and nothing at all written to the real notes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from textual.widgets import Digits
from typer.testing import CliRunner

from gentle import paths
from gentle.cli import app as cli
from gentle.commands.demo import SAMPLE_PARTNERS, build_demo_context
from gentle.engine import events as ev
from gentle.engine.clock import FakeClock
from gentle.flows.catalogue import Catalogue
from gentle.store.db import open_store
from gentle.store.recorder import Recorder
from gentle.store.sessions import start_session
from gentle.tui.screens.demo import DemoApp
from tui_support import START, on_screen, screen_text


def demo_app(flow: str | None = "pause-and-breathe") -> tuple[DemoApp, FakeClock]:
    base = FakeClock(START)
    app = DemoApp(build_demo_context(base), start_flow=flow, partners=SAMPLE_PARTNERS)
    app.cursor_blink = False
    return app, base


def fingerprint(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


async def play_a_little(pilot, app) -> None:
    await pilot.pause()
    await pilot.press("enter")  # welcome
    await pilot.pause()
    for rating in ("8", "3"):
        await pilot.press(rating)
        await pilot.pause()
    await pilot.press("ctrl+t")
    await pilot.pause()
    await pilot.press(*"demo", "ctrl+s")
    await pilot.pause()


async def test_a_demo_never_creates_the_notes_file() -> None:
    app, _ = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await play_a_little(pilot, app)
        assert app.screen.runner.step.id == "cool-down"
        assert [a.value for a in app.screen.runner.answers if a.step_id == "check-in"] == [8, 3]
    assert not paths.database_file().exists()
    assert not paths.data_dir().exists()


async def test_a_demo_leaves_real_notes_exactly_as_they_were() -> None:
    flow = Catalogue().load("pause-and-breathe")
    with open_store() as store:
        sid = start_session(store, flow, ("Sam", "Alex"), started_at=START)
        Recorder(store, sid)(ev.AnswerGiven("check-in", 0, 4, START + 5))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = fingerprint(paths.data_dir())
    app, _ = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await play_a_little(pilot, app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert fingerprint(paths.data_dir()) == before


async def test_the_presentation_look_marker_sample_names_big_heading_and_keys() -> None:
    app, _ = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert on_screen(app, "DEMO · sample partners Jamie and Morgan · nothing is saved")
        assert on_screen(app, "Jamie and Morgan, you've stopped to slow down together.")
        heading = app.screen.query_one("#step-title")
        assert heading.region.height >= 3  # a framed, padded heading, not one bold line
        assert on_screen(app, "F2 notes · F3 steps")
        await pilot.press("down")
        await pilot.pause()
        assert on_screen(app, "Key pressed: ↓")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert on_screen(app, "Key pressed: Ctrl+P")


async def test_the_facilitator_pane_toggles_and_follows_the_step() -> None:
    app, _ = demo_app()
    flow = Catalogue().load("pause-and-breathe")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one("#facilitator")
        assert not pane.display
        await pilot.press("f2")
        await pilot.pause()
        assert pane.display
        text = lambda: " ".join(str(w.render()) for w in pane.query("Static"))  # noqa: E731
        assert " ".join(flow.step("welcome").facilitator.split()) in " ".join(text().split())
        assert flow.sources[0][:40] in text()
        await pilot.press("enter")
        await pilot.pause()
        assert "flooding" in text()  # the check-in step's own notes now
        await pilot.press("f2")
        await pilot.pause()
        assert not pane.display


async def test_the_navigator_jumps_to_any_step_and_f8_f9_step_through_the_flow() -> None:
    app, _ = demo_app()
    steps = [s.id for s in Catalogue().load("pause-and-breathe").steps]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert type(app.screen).__name__ == "StepNavigator"
        assert on_screen(app, "▶ 1. Let's slow down")
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        runner = app.screen.runner
        assert runner.step.id == steps[3]
        await pilot.press("f9")
        await pilot.pause()
        assert runner.step.id == steps[4]
        await pilot.press("f8", "f8")
        await pilot.pause()
        assert runner.step.id == steps[2]


async def test_timers_fast_forward_ten_times_and_back() -> None:
    app, base = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.jump("cool-down")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert on_screen(app, "timers ×10")
        base.advance(60)  # one real minute
        await pilot.pause(0.4)
        runner = app.screen.runner
        assert runner.timer.remaining(runner.now()) == pytest.approx(20 * 60 - 600)
        assert app.screen.query_one(Digits).value == "10:00"
        await pilot.press("f4")
        await pilot.pause()
        base.advance(60)
        assert runner.timer.remaining(runner.now()) == pytest.approx(20 * 60 - 660)
        await pilot.press("ctrl+n")  # or skip the timer altogether
        await pilot.pause()
        assert runner.step.id != "cool-down"


async def test_a_called_break_can_be_shown_in_seconds() -> None:
    app, base = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f4", "ctrl+b", "1", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CoolDownScreen"
        base.advance(121)  # two real minutes: twenty at ×10
        await pilot.pause(1.2)
        assert on_screen(app, "Time is up. Welcome back.")


@pytest.mark.parametrize("suffix", [".md", ".json"])
async def test_a_demo_export_is_clearly_marked_and_never_imported(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"demo{suffix}"
    app, _ = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await play_a_little(pilot, app)
        await pilot.press("f5")
        await pilot.pause()
        app.screen.query_one("#save-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DemoSessionScreen"
    text = target.read_text(encoding="utf-8")
    if suffix == ".md":
        assert text.startswith("**DEMO.**")
        assert "Jamie" in text and "8 of 10" in text and "demo" in text
    else:
        data = json.loads(text)
        assert data["format"] == "gentle-demo" and data["demo"] is True
        assert data["sessions"][0]["partners"] == list(SAMPLE_PARTNERS)
        result = CliRunner().invoke(cli, ["import", str(target)])
        assert result.exit_code == 1 and "this is a demo, saved from gentle demo" in result.output
    assert not paths.database_file().exists() or suffix == ".json"


async def test_without_a_flow_the_demo_asks_which_to_show() -> None:
    app, _ = demo_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "DemoPickerScreen"
        assert on_screen(app, "Which flow would you like to show?")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "DemoSessionScreen"
        assert app.screen.runner.partners == SAMPLE_PARTNERS


def test_gentle_demo_with_an_unknown_flow_says_so_plainly() -> None:
    result = CliRunner().invoke(cli, ["demo", "no-such-flow"])
    assert result.exit_code == 1
    assert "no-such-flow" in result.output and "Traceback" not in result.output
    assert not paths.database_file().exists()


def test_gentle_demo_shows_a_flow_file_being_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "my-flow.yaml"
    mine.write_text(
        "id: my-flow\ntitle: My flow\nsummary: One step.\nsteps:\n  - kind: say\n    id: hi\n    text: Hello.\n",
        encoding="utf-8",
    )
    shown: list[str] = []
    monkeypatch.setattr(DemoApp, "run", lambda self: shown.append(self._start_flow.id))
    result = CliRunner().invoke(cli, ["demo", str(mine)])
    assert result.exit_code == 0, result.output
    assert shown == ["my-flow"]
    assert not paths.database_file().exists()


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (60, 20)])
async def test_the_marker_stays_readable_with_the_notes_pane_open(size: tuple[int, int]) -> None:
    app, _ = demo_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        marker = app.screen.query_one("#demo-marker")
        pane = app.screen.query_one("#facilitator")
        strip = app.screen.query_one("#key-strip")
        assert pane.display and pane.region.width > 0
        assert not marker.region.overlaps(pane.region)
        assert not strip.region.overlaps(pane.region)
        assert marker.region.width == size[0] and marker.region.height == 1  # one line, even at 60
        assert on_screen(app, "DEMO · sample partners Jamie and Morgan · nothing is saved")


@pytest.mark.parametrize("width", [80, 60])
async def test_the_key_strip_fits_and_says_how_to_quit(width: int) -> None:
    app, _ = demo_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        strip = app.screen.query_one("#key-strip")
        lines = strip.lines(strip.content_size.width)
        assert all(len(line) <= strip.content_size.width for line in lines)
        assert strip.region.height == len(lines) <= 2
        shown = " ".join(lines)
        assert shown.startswith("Ctrl+Q quit")
        assert "F2 notes" in shown and "F3 steps" in shown and "Key pressed: F2" in shown
        assert on_screen(app, "Ctrl+Q quit · F2 notes")
        for piece in shown.split(" · "):
            assert on_screen(app, piece)  # every key named is whole on screen, none cut off
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code is not None or not app.is_running


NAMED_FLOW = """\
id: named-steps
title: Named steps
summary: Step titles that name the partners.
steps:
  - kind: say
    id: hello
    title: "{partner1} starts, with {both}"
    text: Hello, {partner1}.
  - kind: say
    id: and-you
    title: "Now {partner2}, then {{braces}}"
    text: Hello, {partner2}.
"""


async def test_the_navigator_fills_in_the_sample_names_and_shows_each_step_id(tmp_path: Path) -> None:
    mine = tmp_path / "named.yaml"
    mine.write_text(NAMED_FLOW, encoding="utf-8")
    context = build_demo_context(FakeClock(START))
    flow = context.load_flow(str(mine))
    app = DemoApp(context, start_flow=flow, partners=SAMPLE_PARTNERS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert type(app.screen).__name__ == "StepNavigator"
        options = app.screen.query_one("#steps")
        rows = [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]
        assert rows[0].startswith("▶  1. Jamie starts, with Jamie and Morgan  hello")
        assert rows[1].startswith("   2. Now Morgan, then {braces}  and-you")
        assert "{partner" not in screen_text(app) and "{both" not in screen_text(app)
        assert on_screen(app, "Jamie and Morgan hello")  # the id, dim, beside the title


async def test_f4_speeds_up_a_called_break_and_the_break_screens_say_demo() -> None:
    from gentle.tui.widgets.break_call import CoolDownScreen

    app, base = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f4", "ctrl+b")
        await pilot.pause()
        assert type(app.screen).__name__ == "BreakCallDialog"
        marker = app.screen.query_one("DemoMarker")
        assert "DEMO · sample partners Jamie and Morgan · nothing is saved · timers ×10" in " ".join(
            str(marker.render()).split())
        await pilot.press("1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CoolDownScreen)
        assert on_screen(app, "DEMO · sample partners Jamie and Morgan · nothing is saved · timers ×10")
        runner = app.screen.runner
        before = runner.break_.remaining(runner.now())
        base.advance(30)  # half a real minute: five at ×10
        assert runner.break_.remaining(runner.now()) == pytest.approx(before - 300)
        await pilot.pause(0.4)
        assert app.screen.query_one(Digits).value == "15:00"
        await pilot.press("f4")  # on the cool-down itself: back to normal speed
        await pilot.pause()
        assert on_screen(app, "nothing is saved") and not on_screen(app, "timers ×10")
        base.advance(30)
        assert runner.break_.remaining(runner.now()) == pytest.approx(before - 330)
        await pilot.press("f4")  # and fast again, without leaving the break
        await pilot.pause()
        assert on_screen(app, "timers ×10")
        base.advance(30)
        assert runner.break_.remaining(runner.now()) == pytest.approx(before - 630)


async def test_the_flooding_offer_says_demo_and_gentle_itself_has_no_marker() -> None:
    from gentle.tui.widgets.break_call import FloodingOffer
    from tui_support import make_app

    app, _ = demo_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(FloodingOffer(8))
        await pilot.pause()
        assert isinstance(app.screen, FloodingOffer)
        assert on_screen(app, "DEMO · sample partners Jamie and Morgan · nothing is saved")
    real, _ = make_app("pause-and-breathe")
    async with real.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        real.push_screen(FloodingOffer(8))
        await pilot.pause()
        assert not real.screen.query("DemoMarker")


NOTED_FLOW = """\
id: noted
title: A flow with notes
summary: One step.
author: "Dr. [b]Lee[/b]"
facilitator: "Lead it slowly. [@click=app.quit]Not a link[/]"
contraindications:
  - "Where there is violence or fear at home."
  - "When either partner is [red]in crisis[/red]."
steps:
  - kind: say
    id: hi
    text: Hello.
"""


def pane_text(app) -> str:
    pane = app.screen.query_one("#facilitator")
    return " ".join(" ".join(str(w.render()) for w in pane.query("Static")).split())


async def test_the_notes_pane_shows_the_flows_own_notes_literally(tmp_path: Path) -> None:
    mine = tmp_path / "noted.yaml"
    mine.write_text(NOTED_FLOW, encoding="utf-8")
    context = build_demo_context(FakeClock(START))
    app = DemoApp(context, start_flow=context.load_flow(str(mine)), partners=SAMPLE_PARTNERS)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        text = pane_text(app)
        assert "About this flow By Dr. [b]Lee[/b]" in text
        assert "Lead it slowly. [@click=app.quit]Not a link[/]" in text
        assert ("When not to use it • Where there is violence or fear at home. "
                "• When either partner is [red]in crisis[/red].") in text
        assert text.index("When not to use it") < text.index("Sources")
        assert app.is_running


async def test_the_notes_pane_leaves_out_flow_notes_a_flow_does_not_have() -> None:
    app, _ = demo_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        text = pane_text(app)
        assert "About this flow" not in text and "When not to use it" not in text
        assert "Sources" in text


async def test_the_key_strip_names_the_keys_a_person_chose_in_their_config() -> None:
    import yaml

    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"keys": {"quit": "ctrl+x", "demo-fast": "f6"}}), encoding="utf-8")
    app, base = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        strip = app.screen.query_one("#key-strip")
        shown = " ".join(strip.lines(strip.content_size.width))
        assert shown.startswith("Ctrl+X quit") and "F6 ×10" in shown and "F4" not in shown
        await pilot.press("f6")
        await pilot.pause()
        assert on_screen(app, "timers ×10")
