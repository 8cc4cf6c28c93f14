"""Looks and accessibility, as people meet them: choosing the colours, the country for the
support lines, NO_COLOR, and a breathing pacer that holds still for reduced motion.

Every test drives the app by keys, with a fake clock and a private GENTLE_HOME; the
settings chosen are read back from config.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.color import Color
from textual.filter import Monochrome

from gentle import paths
from gentle.commands.screens import build_context
from gentle.config import load_settings
from gentle.engine.clock import FakeClock
from gentle.tui.app import GentleApp
from gentle.tui.screens.country import CountryPicker, choose_country
from gentle.tui.screens.theme_picker import ThemePicker, choose_theme
from tui_support import NAMES, START, make_app, on_screen, screen_text, session_ready

FLOWS = {
    "pick-test": """\
id: pick-test
title: Pick one
summary: One choice.
steps:
  - kind: choose
    id: pick
    ask: What would help most now?
    options: [A walk, Some water, A hug]
  - kind: say
    id: bye
    text: Thanks.
""",
    "still-breath": """\
id: still-breath
title: Still breath
summary: One slow breath.
steps:
  - kind: breathe
    id: breath
    phases:
      - in: 4
      - hold: 2
      - out: 4
    cycles: 1
  - kind: say
    id: bye
    text: Thanks.
""",
}


@pytest.fixture
def flows(private_home: Path) -> None:
    folder = paths.user_flows_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for flow_id, text in FLOWS.items():
        (folder / f"{flow_id}.yaml").write_text(text, encoding="utf-8")


def saved(name: str) -> object:
    """A setting as config.yaml has it (None when the file does not set it)."""
    loaded = load_settings(environ={})
    return getattr(loaded.config, name) if name in loaded.file_values else None


def first_run_app(flow: str | None = None) -> GentleApp:
    """As ``gentle`` builds it on a fresh install: the safety note shows."""
    context = build_context(FakeClock(START))
    context.partners, context.names_asked = NAMES, True
    return GentleApp(context, start_flow=flow, partners=NAMES if flow else None)


def note_words(app: GentleApp) -> str:
    banners = [b for b in app.screen.query("SafetyBanner") if b.display and b.region.area]
    return " ".join(" ".join(str(w.render()).split()) for w in banners[0].query("Static")) if banners else ""


# ----- colours ---------------------------------------------------------------------------------


async def test_the_theme_picker_tries_each_theme_and_enter_keeps_and_saves_it() -> None:
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "gentle"
        choose_theme(app)
        await pilot.pause()
        assert isinstance(app.screen, ThemePicker)
        assert on_screen(app, "(•) Calm") and on_screen(app, "( ) High contrast")
        await pilot.press("down")  # trying one shows it at once
        await pilot.pause()
        assert app.theme == "gentle-high-contrast"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ThemePicker)
        assert app.theme == "gentle-high-contrast"
        assert app.context.theme == "gentle-high-contrast"
    assert saved("theme") == "gentle-high-contrast"

    again, _ = make_app()  # and it is the theme next time
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "gentle-high-contrast"
        choose_theme(again)
        await pilot.pause()
        assert on_screen(again, "(•) High contrast")


async def test_esc_in_the_theme_picker_leaves_the_theme_as_it_was() -> None:
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        choose_theme(app)
        await pilot.pause()
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert app.theme == "ansi-light"  # tried
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ThemePicker)
        assert app.theme == "gentle"
    assert saved("theme") is None


async def test_every_theme_in_the_picker_can_be_tried_and_put_back() -> None:
    app, _ = make_app("pause-and-breathe")  # a session's screen: partner colours, the footer
    async with app.run_test(size=(80, 24)) as pilot:
        await session_ready(pilot)
        choose_theme(app)
        await pilot.pause()
        picker = app.screen
        tried = [app.theme]
        for _ in range(len(picker.values) - 1):
            await pilot.press("down")
            await pilot.pause()
            tried.append(app.theme)
        assert tried == picker.values  # each one, in order, past the line between the groups
        assert {"gentle-high-contrast", "ansi-dark", "nord", "tokyo-night"} <= set(tried)
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "gentle"
        assert type(app.screen).__name__ == "SessionScreen"


async def test_a_theme_past_the_line_is_the_one_kept() -> None:
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        choose_theme(app)
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        assert app.theme == "tokyo-night"
    assert saved("theme") == "tokyo-night"


async def test_the_theme_picker_fits_at_40x12_and_enter_then_esc_keeps_the_choice() -> None:
    app, _ = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        choose_theme(app)
        await pilot.pause()
        assert on_screen(app, "Colours") and on_screen(app, "Calm")
        picker = app.screen
        assert picker.query_one("#choices").region.bottom <= 12
        await pilot.press("down")
        await pilot.press("enter")
        await pilot.press("escape")  # typed with the Enter: closes nothing else, undoes nothing
        await pilot.pause()
        assert app.theme == "gentle-high-contrast"
        assert type(app.screen).__name__ == "HomeScreen"
    assert saved("theme") == "gentle-high-contrast"


# ----- the country for the support lines -------------------------------------------------------


async def test_the_note_shows_the_systems_country_says_so_and_f2_changes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    app = first_run_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        words = note_words(app)
        assert "Support lines for United Kingdom (from your system) · F2 changes it" in words
        assert "In an emergency: 999" in words
        await pilot.press("f2")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CountryPicker)
        choices = picker.query_one("#choices")
        assert picker.values[choices.highlighted] == "uk"  # the system's country, preselected
        assert on_screen(app, "United Kingdom from your system")
        await pilot.press("down", "enter")  # Canada
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        words = note_words(app)
        assert "Support lines for Canada · F2 changes it" in words
        assert "from your system" not in words
        assert "In an emergency: 911" in words
    assert saved("country") == "ca"
    assert saved("first_run_acknowledged") is None  # choosing a country is not reading the note


async def test_the_note_beside_a_flows_first_step_has_the_country_too(monkeypatch: pytest.MonkeyPatch, flows: None) -> None:
    monkeypatch.setenv("LANG", "en_IE.UTF-8")
    app = first_run_app("pick-test")
    async with app.run_test(size=(60, 20)) as pilot:
        await session_ready(pilot)
        await pilot.pause()
        assert on_screen(app, "What would help most")
        words = note_words(app)
        assert "Support lines for Ireland (from your system)" in words
        # The whole note fits at 60x20: nothing to scroll to.
        banner = app.screen.query_one("SafetyBanner")
        assert banner.virtual_size.height <= banner.content_region.height
        assert "Esc: got it" in words
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("escape")  # leaves the country as it was
        await pilot.pause()
        assert on_screen(app, "What would help most")
        assert "Support lines for Ireland (from your system)" in note_words(app)
    assert saved("country") is None


async def test_no_country_from_the_system_shows_the_lines_for_anywhere() -> None:
    app = first_run_app()  # LANG=C.UTF-8 names no country
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        words = note_words(app)
        assert "Support lines for anywhere · F2: choose your country" in words
        await pilot.press("f2")
        await pilot.pause()
        picker = app.screen
        assert picker.values[picker.query_one("#choices").highlighted] == "international"


async def test_safety_and_support_chooses_the_country_and_shows_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_NZ.UTF-8")
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert on_screen(app, "Support lines: New Zealand")
        assert on_screen(app, "From your system · c changes it")
        assert "config.yaml" not in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        picker = app.screen
        assert picker.values[picker.query_one("#choices").highlighted] == "nz"
        await pilot.press("up", "enter")  # Ireland
        await pilot.pause(0.1)
        assert type(app.screen).__name__ == "SafetyScreen"
        assert on_screen(app, "Support lines: Ireland")
        assert on_screen(app, "Your choice · c changes it")
        assert on_screen(app, "Emergency: 112 or 999")
        await pilot.press("escape")  # home, and back: still Ireland
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert on_screen(app, "Support lines: Ireland")
    assert saved("country") == "ie"


async def test_safety_and_support_at_40x12_keeps_the_country_and_its_key() -> None:
    app, _ = make_app(country="uk")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        for _ in range(12):
            if on_screen(app, "c changes it"):
                break
            await pilot.press("down")
            await pilot.pause()
        assert on_screen(app, "Support lines: United Kingdom")
        assert on_screen(app, "Your choice · c changes it")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CountryPicker)
        assert on_screen(app, "(•) United Kingdom")


async def test_a_country_that_cannot_be_saved_is_used_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    app, _ = make_app()
    told: list[str] = []

    def refuse(**changes: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("gentle.config.update_config", refuse)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.context.warn = told.append
        choose_country(app)
        await pilot.pause()
        await pilot.press("home", "down", "enter")  # United Kingdom
        await pilot.pause()
        assert app.context.country == "uk"
        assert told and "couldn't save" in told[0]


# ----- NO_COLOR: the highlighted row is marked, not only shaded ----------------------------------


def luminance(color: object) -> float:
    return Color.from_rich_color(color).brightness  # type: ignore[arg-type]


def row_marks(widget: object, y: int) -> tuple[bool, bool]:
    """(underlined, reversed) for the text of row ``y`` of a list, as the terminal gets it
    under NO_COLOR (textual's monochrome filter applied)."""
    strip = widget.render_line(y)  # type: ignore[attr-defined]
    segments = [s for s in Monochrome().apply(list(strip), Color(0, 0, 0)) if s.text.strip()]
    assert segments, f"row {y} is empty"
    first: Segment = segments[0]
    style = first.style
    underlined = all(s.style.underline for s in segments)
    reversed_ = bool(style.reverse) or (
        style.bgcolor is not None and style.color is not None and luminance(style.bgcolor) > luminance(style.color)
    )
    return underlined, reversed_


@pytest.mark.parametrize("no_color", [True, False])
async def test_under_no_color_the_highlighted_flow_at_home_is_marked(monkeypatch: pytest.MonkeyPatch, no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        flows = app.screen.query_one("#flows")
        assert app.focused is flows and flows.highlighted == 0
        assert row_marks(flows, 0) == ((True, True) if no_color else (False, False))
        assert row_marks(flows, 1) == (False, False)
        await pilot.press("down")
        await pilot.pause()
        assert row_marks(flows, 0) == (False, False)
        assert row_marks(flows, 1) == ((True, True) if no_color else (False, False))


@pytest.mark.parametrize("no_color", [True, False])
async def test_under_no_color_the_highlighted_option_of_a_choose_step_is_marked(
    monkeypatch: pytest.MonkeyPatch, flows: None, no_color: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app, _ = make_app("pick-test")
    async with app.run_test(size=(80, 24)) as pilot:
        await session_ready(pilot)
        await pilot.pause()
        picks = app.screen.query_one("#picks")
        assert app.focused is picks
        await pilot.press("down")
        await pilot.pause()
        row = picks.highlighted
        assert row == 1
        assert row_marks(picks, row) == ((True, True) if no_color else (False, False))
        assert row_marks(picks, 0) == (False, False)


async def test_under_no_color_the_pickers_mark_the_row_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        choose_country(app)
        await pilot.pause()
        choices = app.screen.query_one("#choices")
        assert row_marks(choices, choices.highlighted) == (True, True)


# ----- reduced motion: a still pacer that moves by steps -----------------------------------------


def pacer_lines(app: GentleApp) -> list[str]:
    return app.screen.query_one("BreathPacer").render().plain.splitlines()


def bar(app: GentleApp) -> str:
    """The pacer's bar, one character per cell ("█" counted in or out, "▒" held, "░" not yet)."""
    [line, *_] = pacer_lines(app)
    cells = line.split()
    assert cells and all(len(set(cell)) == 1 for cell in cells), line
    return "".join(cell[0] for cell in cells)


@pytest.mark.parametrize("how", ["setting", "textual"])
async def test_reduced_motion_keeps_a_still_pacer_that_moves_a_step_a_second(flows: None, how: str) -> None:
    app, clock = make_app("still-breath", reduced_motion=how == "setting")
    if how == "textual":
        app.animation_level = "none"  # TEXTUAL_ANIMATIONS=none
    async with app.run_test(size=(80, 24)) as pilot:
        await session_ready(pilot)
        await pilot.pause()
        assert app.screen.runner.step.id == "breath"
        seen = []
        for at, phase in [(0.2, "Breathe in"), (0.7, "Breathe in"), (1.2, "Breathe in"), (3.5, "Breathe in"),
                          (4.2, "Hold"), (5.5, "Hold"), (6.2, "Breathe out"), (8.5, "Breathe out")]:
            clock.set(START + at)
            await pilot.pause(0.6)  # the calm pacer repaints twice a second
            assert on_screen(app, phase), screen_text(app)
            seen.append(bar(app))
        assert seen == ["█░░░", "█░░░", "██░░", "████", "▒░", "▒▒", "███░", "█░░░"]
        # Nothing is drawn as a shape that grows by half cells.
        assert not any(ch in line for line in pacer_lines(app) for ch in "▌▐")
        assert on_screen(app, "Breath 1 of 1")
