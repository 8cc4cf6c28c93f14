"""Safety, as a couple meets it: the first-run note beside the first screen, Safety & support,
quick hide, a break either partner can call, and the flooding offer.

Every test drives the app by keys, with a fake clock and a private GENTLE_HOME.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Digits

from gentle import paths
from gentle.commands.screens import build_context
from gentle.config import load_config
from gentle.engine.clock import FakeClock
from gentle.safety import resources_for
from gentle.tui.app import GentleApp
from tui_support import NAMES, START, Walker, make_app, on_screen, screen_text

TEST_FLOW = """\
id: flood-test
title: Check in
summary: A rating, then a few words.
steps:
  - kind: say
    id: hello
    text: Hello {both}.
  - kind: rate
    id: feel
    ask: "{partner}, how upset are you?"
    who: each
    measures: distress
  - kind: write
    id: words
    ask: "{partner}, say it gently."
    who: each
  - kind: say
    id: bye
    text: Thanks for doing this.
"""


@pytest.fixture
def flood_flow(private_home: Path) -> str:
    folder = paths.user_flows_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "flood-test.yaml").write_text(TEST_FLOW, encoding="utf-8")
    return "flood-test"


def first_run_app(flow: str | None = None) -> GentleApp:
    """The app exactly as ``gentle`` builds it: the note shows until config says it was read."""
    context = build_context(FakeClock(START))
    context.partners, context.names_asked = NAMES, True
    return GentleApp(context, start_flow=flow, partners=NAMES if flow else None)


def note_shown(app: GentleApp) -> str:
    """The words of the safety note when it is visible on the current screen, else ""."""
    banners = [b for b in app.screen.query("SafetyBanner") if b.display and b.region.area]
    if not banners:
        return ""
    return " ".join(" ".join(str(w.render()).split()) for w in banners[0].query("Static"))


async def rate_both(walker: Walker, first: int, second: int) -> None:
    """Past the hello, then each partner rates their distress, by keys."""
    await walker.settle()
    await walker.press("enter")
    for rating in (first, second):
        await walker.type(str(rating))  # a digit counts at once
    await walker.settle(0.1)


def stored(sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(paths.database_file()) as conn:
        return conn.execute(sql, args).fetchall()


# ----- the first-run note ----------------------------------------------------------------------


async def test_first_run_note_sits_beside_home_and_one_key_puts_it_away_for_good() -> None:
    app = first_run_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        words = note_shown(app)
        assert "gentle is for partners who feel safe with each other" in words
        assert "It is not therapy, and it is not emergency help" in words
        assert "If you are afraid of your partner, or if someone has been hurt" in words
        assert "In an emergency" in words  # and where to get help
        # Beside the list, not over it: the list keeps the keyboard, home stays on top.
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.focused is not None and app.focused.id == "flows"
        banner = app.screen.query_one("SafetyBanner")
        assert banner.region.x >= app.focused.region.right
        await pilot.press("escape")
        await pilot.pause()
        assert note_shown(app) == ""
    assert load_config()[0].first_run_acknowledged is True

    again = first_run_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert note_shown(again) == ""


async def test_the_note_never_stands_between_a_couple_and_the_breathing() -> None:
    app = first_run_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert note_shown(app)
        await pilot.press("p")  # straight to the pause, note unread
        await pilot.pause()
        assert app.screen.runner.flow.id == "pause-and-breathe"
    assert load_config()[0].first_run_acknowledged is False  # seen, not yet dismissed


async def test_opening_straight_into_a_flow_shows_the_note_beside_its_first_step() -> None:
    app = first_run_app("pause-and-breathe")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert on_screen(app, "Let's slow down")
        assert "If you are afraid of your partner" in note_shown(app)
        await pilot.press("escape")  # dismisses the note; Back is not what it does here
        await pilot.pause()
        assert note_shown(app) == ""
        assert app.screen.runner.step.id == "welcome"
    assert load_config()[0].first_run_acknowledged is True


# ----- Safety & support ------------------------------------------------------------------------


@pytest.mark.parametrize("country", ["us", "uk", "ca", "au", "ie", "nz", "international"])
async def test_safety_and_support_lists_the_lines_for_the_configured_country(country: str) -> None:
    app, _ = make_app(show_safety_note=False, country=country)
    info = resources_for(country)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SafetyScreen"
        text = "\n".join(str(w.render()) for w in app.screen.query("Static"))
        assert "It is not therapy, and it is not emergency help." in text
        assert info.emergency.number in text
        for contact in info.contacts:
            assert contact.name in text and contact.source in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


# ----- quick hide ------------------------------------------------------------------------------


async def test_quick_hide_blanks_the_screen_at_once_and_keeps_half_typed_words(flood_flow: str) -> None:
    app, clock = make_app(flood_flow, show_safety_note=False)
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await rate_both(walker, 3, 2)
        assert app.screen.runner.step.id == "words"
        await walker.type("I felt left out")
        elapsed = app.screen.runner.elapsed
        await walker.press("ctrl+g")
        assert type(app.screen).__name__ == "NeutralScreen"
        assert screen_text(app).strip() == ""  # nothing of gentle, not even its name
        # Keys typed while hidden do nothing; the timers stand still.
        clock.advance(600)
        await walker.press("x", "enter", "escape")
        assert type(app.screen).__name__ == "NeutralScreen"
        # The words are kept with the session as the step's draft (they come back in
        # their box after a restart too), not as a note.
        drafts = stored("SELECT json_extract(body, '$.value') FROM events WHERE kind = 'DraftKept'")
        assert drafts == [("I felt left out",)]
        assert stored("SELECT text FROM notes") == []
        await walker.press("ctrl+g")
        assert type(app.screen).__name__ == "SessionScreen"
        assert on_screen(app, "I felt left out")
        assert app.screen.runner.elapsed == pytest.approx(elapsed, abs=1)
        await walker.press("ctrl+g")
        await walker.press("ctrl+g")
        assert len(stored("SELECT 1 FROM events WHERE kind = 'DraftKept'")) == 1  # kept once


async def test_quick_hide_works_on_every_screen_and_ctrl_q_leaves_from_the_blank_one() -> None:
    app, _ = make_app(show_safety_note=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert type(app.screen).__name__ == "NeutralScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


# ----- a break either partner can call ----------------------------------------------------------


@pytest.mark.parametrize("caller", [0, 1])
async def test_either_partner_can_call_a_break_and_history_shows_who(flood_flow: str, caller: int) -> None:
    names = ("Sam", "Alex")
    app, clock = make_app(flood_flow, show_safety_note=False)
    async with app.run_test(size=(80, 30)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.press("enter")
        assert app.screen.runner.step.id == "feel"
        await walker.press("ctrl+b")
        assert type(app.screen).__name__ == "BreakCallDialog"
        await walker.press("enter")  # nobody chosen yet: it asks, kindly
        assert on_screen(app, "Who is calling the break? Press 1 or 2.")
        await walker.press(str(caller + 1))
        await walker.press("down", "enter")  # 30 minutes
        assert type(app.screen).__name__ == "CoolDownScreen"
        assert on_screen(app, f"Called by {names[caller]}.")
        assert on_screen(app, "Come back at 22:43"), screen_text(app)  # 22:13:20 + 30 min
        clock.advance(10 * 60)
        await walker.settle(0.4)
        assert app.screen.query_one(Digits).value == "20:00"
        assert app.screen.runner.break_.remaining(clock.now()) == pytest.approx(20 * 60)
        clock.advance(20 * 60 + 1)
        await walker.settle(1.2)
        assert on_screen(app, "Time is up. Welcome back.")
        await walker.press("enter")
        assert type(app.screen).__name__ == "SessionScreen"
        assert app.screen.runner.step.id == "feel"  # exactly where they left off
        assert app.screen.runner.break_ is None
    breaks = stored("SELECT called_by, planned, how FROM timings WHERE kind = 'break'")
    assert breaks == [(caller, 1800.0, "finished")]

    later, _ = make_app(show_safety_note=False)
    async with later.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert on_screen(later, f"Break called by {names[caller]}: 30 min of 30 min planned"), screen_text(later)


async def test_the_break_asks_at_least_twenty_minutes_and_at_most_a_day(flood_flow: str) -> None:
    app, clock = make_app(flood_flow, show_safety_note=False)
    async with app.run_test(size=(80, 30)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.press("ctrl+b")
        dialog = app.screen
        assert dialog.lengths[0] == 20 * 60 and dialog.lengths[-1] == 24 * 3600
        assert on_screen(app, "20 min (back at 22:33)")
        await walker.press("escape")
        assert type(app.screen).__name__ == "SessionScreen"
        assert app.screen.runner.break_ is None


# ----- the flooding offer ----------------------------------------------------------------------


async def test_a_flooded_rating_offers_a_break_before_going_on(flood_flow: str) -> None:
    app, clock = make_app(flood_flow, show_safety_note=False)
    async with app.run_test(size=(80, 30)) as pilot:
        walker = Walker(pilot, clock)
        await rate_both(walker, 9, 2)
        assert type(app.screen).__name__ == "FloodingOffer", screen_text(app)
        assert on_screen(app, "One of you rated your distress at 7 or more")
        await walker.press("b")
        assert type(app.screen).__name__ == "BreakCallDialog"
        await walker.press("1", "enter")
        assert type(app.screen).__name__ == "CoolDownScreen"
        assert app.screen.runner.break_.called_by == 0


async def test_going_on_after_the_offer_is_respected_and_not_asked_again(flood_flow: str) -> None:
    app, clock = make_app(flood_flow, show_safety_note=False)
    async with app.run_test(size=(80, 30)) as pilot:
        walker = Walker(pilot, clock)
        await rate_both(walker, 8, 8)
        assert type(app.screen).__name__ == "FloodingOffer"
        await walker.press("g")
        await walker.settle(0.1)
        assert type(app.screen).__name__ == "SessionScreen"
        runner = app.screen.runner
        assert runner.step.id == "words" and not runner.flooding and runner.break_ is None


@pytest.mark.parametrize("size", [(40, 12), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_on_a_small_terminal_the_note_is_a_strip_above_the_keys(size: tuple[int, int]) -> None:
    """Seen beside the first step at any size; it keeps the footer, F2 and Esc work."""
    app = first_run_app("pause-and-breathe")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        lines = screen_text(app).splitlines()
        shown = " ".join(" ".join(lines).split())
        assert "not for anyone afraid of their partner" in shown, screen_text(app)
        assert "F2 your country" in shown
        assert "Ctrl+B Break" in lines[-1] and "Ctrl+G Hide" in lines[-1]
        assert on_screen(app, "Let's slow down")
        await pilot.press("f2")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "CountryPicker", screen_text(app)
        await pilot.press("escape")
        await pilot.pause(0.2)
        await pilot.press("escape")  # the note's Esc: put away, and remembered
        await pilot.pause()
        assert "afraid of their partner" not in " ".join(screen_text(app).split())
        assert app.screen.runner.step.id == "welcome"
    assert load_config()[0].first_run_acknowledged is True
