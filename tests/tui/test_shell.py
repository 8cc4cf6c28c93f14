"""The app around the steps: the quick pause, names, help, pausing, quitting, keys, looks."""

from __future__ import annotations

import sqlite3

import pytest
import textual.constants
import yaml
from textual.widgets import Digits

from gentle import paths
from gentle.tui.compat import watch_frames
from gentle.tui.keys import all_bindings
from gentle.tui.widgets.pacer import BreathPacer
from tui_support import Walker, make_app, on_screen, screen_text, session_ready


async def go_to(pilot, step_id: str) -> None:
    await session_ready(pilot)
    pilot.app.screen.runner.go_to(step_id)
    pilot.app.screen.sync()
    await pilot.pause()
    await pilot.pause()


def write_config(**settings) -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(settings), encoding="utf-8")


# ----- relief first ----------------------------------------------------------------------


async def test_the_pause_is_one_key_from_launch_even_without_names() -> None:
    app, _ = make_app(names_known=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert on_screen(app, "We need a pause")
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
        assert app.screen.runner.flow.id == "pause-and-breathe"
        assert on_screen(app, "you've stopped to slow down together"), screen_text(app)


def frames_shown_before(app, name: str) -> list[list[str]]:
    """Spy: for each call of ``app.context.<name>``, the screens of the frames shown by then.

    Only frames that reach the terminal count: textual drops those painted while the app
    is still being mounted (inside a batch).
    """
    shown: list[str] = []
    seen: list[list[str]] = []

    def frame(screen, reaches_terminal: bool) -> None:
        if reaches_terminal:
            shown.append(type(screen).__name__)

    watch_frames(app, frame)
    work = getattr(app.context, name)

    def spy_work(*args, **kwargs):
        seen.append(list(shown))
        return work(*args, **kwargs)

    setattr(app.context, name, spy_work)
    return seen


async def test_a_flow_shows_its_name_before_the_session_opens() -> None:
    # Opening a session waits on the notes store (it commits to disk). The couple must see
    # the flow and its first step first.
    app, _ = make_app("pause-and-breathe")
    seen_at_open = frames_shown_before(app, "start_runner")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert on_screen(app, "Pause and breathe"), screen_text(app)
        await session_ready(pilot)
        assert len(seen_at_open) == 1 and "OpeningScreen" in seen_at_open[0], seen_at_open
        assert app.screen.runner.flow.id == "pause-and-breathe"


async def test_home_is_on_screen_before_any_flow_is_read() -> None:
    # The pause button first; the highlighted flow's summary (a whole flow to load) after.
    app, _ = make_app()
    seen_at_load = frames_shown_before(app, "load_flow")
    async with app.run_test(size=(80, 24)) as pilot:

        def keys_shown() -> bool:
            return "Pause" in screen_text(app).splitlines()[-1]

        for _ in range(50):
            await pilot.pause(0.02)
            if on_screen(app, "Check in, take a proper break") and keys_shown():
                break
        assert on_screen(app, "We need a pause"), screen_text(app)
        assert on_screen(app, "Check in, take a proper break"), screen_text(app)
        assert seen_at_load and "HomeScreen" in seen_at_load[0], seen_at_load
        assert keys_shown(), screen_text(app)  # the footer's keys follow the first frame


async def test_the_session_opens_even_if_the_first_frame_is_never_seen(monkeypatch) -> None:
    # Where the footer's line is never painted (say, a terminal too small for it), the
    # session must still open rather than wait for a sign that never comes.
    from textual.widgets import Footer

    from gentle.tui.widgets.keys_footer import KeysFooter

    monkeypatch.setattr(KeysFooter, "render_lines", Footer.render_lines)
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await session_ready(pilot)
        assert app.screen.runner.flow.id == "pause-and-breathe"


async def test_the_home_screen_lists_flows_with_minutes_and_summary() -> None:
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert on_screen(app, "Pause and breathe 6 min"), screen_text(app)
        assert on_screen(app, "The whole conversation 45 min")
        assert on_screen(app, "Check in, take a proper break if you need one")
        await pilot.press("down")
        await pilot.pause()
        assert on_screen(app, "Build a calm"), screen_text(app)
        for entry in ("Pause", "Names", "Resume", "History", "Safety", "Help"):
            assert entry in screen_text(app).splitlines()[-1]


# ----- names -------------------------------------------------------------------------------


async def test_names_are_never_a_gate_and_given_mid_session_are_used_and_remembered() -> None:
    app, _ = make_app(names_known=False)
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, None)
        await pilot.pause()
        await walker.press("enter")  # the first flow on the list: straight into it
        assert type(app.screen).__name__ == "SessionScreen"
        assert on_screen(app, "gentle calls you Partner A and Partner B"), screen_text(app)
        await walker.press("ctrl+p")
        await walker.type("names")
        await walker.press("enter")
        assert type(app.screen).__name__ == "NamesScreen", screen_text(app)
        await walker.type("Robin")
        await walker.press("enter")
        await walker.type("Kai")
        await walker.press("enter")
        runner = app.screen.runner
        assert runner.partners == ("Robin", "Kai")
        assert on_screen(app, "Robin and Kai"), screen_text(app)  # the step, in their names
        assert not on_screen(app, "gentle calls you")
        session_id = app.context.live[runner].session_id
    assert yaml.safe_load(paths.config_file().read_text())["partners"] == ["Robin", "Kai"]
    with sqlite3.connect(paths.database_file()) as conn:
        assert conn.execute("SELECT partner_a, partner_b FROM sessions WHERE id = ?",
                            (session_id,)).fetchone() == ("Robin", "Kai")

    again, _ = make_app(names_known=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert on_screen(again, "Robin and Kai"), screen_text(again)
        await pilot.press("enter")
        await pilot.pause()
        assert again.screen.runner.partners == ("Robin", "Kai")


async def test_names_given_on_the_command_line_are_remembered() -> None:
    app, _ = make_app("pause-and-breathe", partners=("Noor", "Eli"), names_known=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await session_ready(pilot)
        assert app.screen.runner.partners == ("Noor", "Eli")
        assert not on_screen(app, "gentle calls you")
    assert yaml.safe_load(paths.config_file().read_text())["partners"] == ["Noor", "Eli"]


async def test_whose_turn_it_is_is_always_named() -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "check-in")
        assert on_screen(app, "Sam, how stirred up do you feel right now?")
        assert "partner-0" in app.screen.current_view.classes
        await pilot.press("5")
        await pilot.pause()
        assert on_screen(app, "Alex, how stirred up do you feel right now?")
        assert "partner-1" in app.screen.current_view.classes


# ----- always there: help, back, skip, pause, quit ----------------------------------------


async def test_help_explains_the_current_step() -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 30)) as pilot:
        await go_to(pilot, "check-in")
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        text = screen_text(app)
        assert "Notice your body" in text  # the step's own help
        assert "Choosing a number" in text  # our help for rate steps
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_back_and_skip() -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, None)
        await walker.settle()
        await walker.press("enter")  # welcome
        await walker.press("4")  # Sam
        assert on_screen(app, "Alex, how stirred")
        await walker.press("escape")
        assert on_screen(app, "Sam, how stirred"), screen_text(app)
        assert on_screen(app, "4")  # Sam's number is still there to change
        await walker.press("ctrl+n")
        assert app.screen.runner.step.id != "check-in"


async def test_back_keeps_what_was_being_written() -> None:
    app, _ = make_app("validate")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, None)
        await go_to(pilot, "topic")
        await walker.type("the dishes")
        await walker.press("escape")
        assert app.screen.runner.step.id != "topic"
        await go_to(pilot, "topic")
        assert app.screen.query_one("#free-text").text == "the dishes"


async def test_pause_everything_freezes_the_timer() -> None:
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await go_to(pilot, "cool-down")
        await walker.press("ctrl+l")
        assert app.screen.runner.paused
        clock.advance(600)
        await walker.settle(0.4)
        assert app.screen.query_one(Digits).value == "20:00"
        assert on_screen(app, "Everything is paused"), screen_text(app)
        assert "Paused" in screen_text(app).splitlines()[0]
        await walker.press("ctrl+l")
        clock.advance(60)
        await walker.settle(0.4)
        assert app.screen.query_one(Digits).value == "19:00"


async def test_timer_more_time_and_ending_early_with_a_confirmation() -> None:
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await go_to(pilot, "cool-down")
        await walker.press("plus")
        await walker.settle(0.3)
        assert app.screen.query_one(Digits).value == "25:00"
        assert on_screen(app, "Come back at 22:38"), screen_text(app)
        await walker.press("e")
        assert type(app.screen).__name__ == "ConfirmScreen"
        await walker.press("n")
        assert app.screen.runner.step.id == "cool-down"
        clock.advance(90)
        await walker.press("e")
        await walker.press("y")
        runner = app.screen.runner
        assert runner.step.id == "breathe"
        assert runner.answer_for("cool-down", None).value == {"seconds": 90.0, "ended": "early"}


async def test_suggestions_rotate_during_a_break() -> None:
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await go_to(pilot, "cool-down")
        step = app.screen.runner.step
        assert on_screen(app, step.suggestions[0]), screen_text(app)
        clock.advance(step.rotate_seconds)
        await walker.settle(0.4)
        assert on_screen(app, step.suggestions[1]), screen_text(app)


async def test_quit_asks_only_if_something_would_be_lost() -> None:
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running

    app, _ = make_app("validate")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, None)
        await go_to(pilot, "topic")
        await walker.press("ctrl+q")
        assert not app.is_running  # nothing typed: nothing to lose

    app, _ = make_app("validate")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, None)
        await go_to(pilot, "topic")
        await walker.type("money")
        await walker.press("ctrl+q")
        assert type(app.screen).__name__ == "ConfirmScreen"
        assert on_screen(app, "hasn't been given yet"), screen_text(app)
        await walker.press("n")
        assert app.screen.query_one("#free-text").text == "money"
        await walker.press("ctrl+q")
        await walker.press("y")
    assert not app.is_running


# ----- keys ----------------------------------------------------------------------------------


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    bindings = all_bindings()
    assert len(bindings) > 30
    for binding in bindings:
        assert binding.id, f"{binding.key} -> {binding.action} has no id"
        assert binding.tooltip, f"{binding.id} has no tooltip"


async def test_keys_are_remapped_from_config() -> None:
    write_config(keys={"pause-now": "w", "back": "ctrl+left", "rate-confirm": "space"})
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, None)
        await walker.settle()
        await walker.press("p")
        assert type(app.screen).__name__ == "HomeScreen"
        await walker.press("w")
        assert app.screen.runner.flow.id == "pause-and-breathe"
        await walker.press("enter")
        await walker.press("1", "space")  # Sam gives 1 (which waits for a 0) with the remapped key
        assert app.screen.runner.asking == 1
        await walker.press("ctrl+left")
        assert app.screen.runner.asking == 0
        assert "Space Confirm" in screen_text(app).splitlines()[-1]


# ----- looks ----------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["gentle", "gentle-high-contrast", "ansi-dark", "ansi-light", "nord"])
async def test_themes_draw_both_partners(theme: str) -> None:
    app, _ = make_app("validate", theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "exchange")
        assert app.theme == theme
        assert on_screen(app, "Sam has the floor — Alex listens")


async def test_partner_colours_differ_and_no_color_removes_them(monkeypatch) -> None:
    app, _ = make_app("validate")
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "exchange")
        coloured = app.export_screenshot()
    assert "#e0b07a" in coloured and "#a9a0de" in coloured

    monkeypatch.setenv("NO_COLOR", "1")
    app, _ = make_app("validate")
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "exchange")
        plain = app.export_screenshot()
        assert on_screen(app, "Sam has the floor — Alex listens")
    assert app.no_color
    assert "#e0b07a" not in plain and "#a9a0de" not in plain


async def test_reduced_motion_setting_shows_a_still_pacer_that_moves_by_seconds() -> None:
    app, clock = make_app("pause-and-breathe", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "breathe")
        clock.advance(1.0)
        await pilot.pause(0.6)
        text = screen_text(app)
        assert "Breathe in 3" in text and "Breath 1 of 12" in text
        # A bar of one cell a second (two of the four in-breath seconds counted), no oval.
        assert "██████ ██████ ░░░░░░ ░░░░░░" in text
        assert "▌" not in text and "▐" not in text


async def test_textual_animations_none_also_means_reduced_motion(monkeypatch) -> None:
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "breathe")
        assert app.reduced_motion
        assert app.screen.query_one(BreathPacer).reduced_motion
        text = screen_text(app)
        assert "░" in text  # the still bar's cells still to come: the oval has none
        assert "▌" not in text and "▐" not in text


async def test_the_pacer_grows_holds_and_shrinks() -> None:
    app, clock = make_app("i-statement")  # in 4, out 6
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "settle")

        async def shape() -> int:
            await pilot.pause(0.15)
            return sum(line.count("█") for line in screen_text(app).splitlines())

        small = await shape()
        clock.advance(2)
        middle = await shape()
        clock.advance(2)
        full = await shape()
        assert on_screen(app, "Breathe out"), screen_text(app)
        clock.advance(3)
        going = await shape()
        assert small < middle < full and going < full
        assert app.screen.query_one(BreathPacer).has_class("-out")


async def _rang(pilot, rings: list[int], within: float = 3.0) -> bool:
    """Whether the bell rang, waiting for the next repaints (a loaded machine is slow)."""
    for _ in range(int(within / 0.1)):
        if rings:
            return True
        await pilot.pause(0.1)
    return bool(rings)


async def test_bell_rings_at_phase_changes_and_at_the_end_only_when_on(monkeypatch) -> None:
    rings: list[int] = []
    app, clock = make_app("pause-and-breathe", bell=True)
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "breathe")
        clock.advance(4.5)  # in -> out
        assert await _rang(pilot, rings)
        rings.clear()
        await go_to(pilot, "cool-down")
        clock.advance(1201)
        assert await _rang(pilot, rings)

    quiet, clock = make_app("pause-and-breathe", bell=False)
    silent: list[int] = []
    monkeypatch.setattr(quiet, "bell", lambda: silent.append(1))
    async with quiet.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, "cool-down")
        clock.advance(1201)
        await pilot.pause(0.4)
    assert not silent


@pytest.mark.parametrize("typed, opens", [
    ("theme", "ThemePicker"),
    ("country", "CountryPicker"),
    ("time-out plan", "SessionScreen"),
    ("break", "BreakCallDialog"),
])
async def test_the_palette_at_home_reaches_what_the_keys_do(typed: str, opens: str) -> None:
    """Ctrl+P at home, a few letters, Enter: the theme and country pickers, the plan, a break."""
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, None)
        await pilot.pause()
        await walker.press("ctrl+p")
        await walker.type(typed)
        await pilot.pause(0.3)
        await walker.press("enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == opens, screen_text(app)


async def test_t_at_home_chooses_the_theme() -> None:
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "ThemePicker", screen_text(app)
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "HomeScreen"
