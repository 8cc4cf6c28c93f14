"""A session loses nothing a couple did, through the keys they press: a second Enter,
Back after a restart, more time on a break, Esc in the middle of a turn."""

from __future__ import annotations

import sqlite3

from gentle import paths
from test_resume import resuming_app
from test_robustness import burst
from test_shell import go_to
from tui_support import Walker, make_app, on_screen, screen_text


def stored(sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(paths.database_file()) as conn:
        return conn.execute(sql, args).fetchall()


async def test_two_quick_enters_on_the_mirror_give_it_once_and_nothing_breaks() -> None:
    app, clock = make_app("validate")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await go_to(pilot, "exchange")
        await walker.press("enter")  # the speaker is done
        assert app.screen.runner.turn.phase == "mirroring"
        await walker.type("You felt rushed")
        # Enter twice with no pause at all, as an impatient listener presses it.
        await burst(app, pilot, [("enter", "\r"), ("enter", "\r")])
        assert app.is_running and app.return_code in (None, 0)
        turn = app.screen.runner.turn
        assert turn.phase == "checking" and turn.mirrors == ("You felt rushed",)
        assert on_screen(app, "did you feel heard?"), screen_text(app)


async def test_back_after_a_restart_shows_the_words_given_and_saves_them_again() -> None:
    app, clock = make_app("reconnect")
    async with app.run_test(size=(80, 30)) as pilot:
        walker = Walker(pilot, clock)
        await go_to(pilot, "appreciation")
        await walker.type("I feel unheard when plans change")
        await walker.press("ctrl+s")
        assert app.screen.runner.asking == 1
        await walker.press("ctrl+q")
    app, session_id = resuming_app(clock)
    async with app.run_test(size=(80, 30)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle(0.3)
        await walker.press("escape")  # back to Sam's sentence
        assert app.screen.runner.asking == 0
        assert app.screen.query_one("#free-text").text == "I feel unheard when plans change"
        await walker.press("ctrl+s")  # given again, unchanged
    given = stored("SELECT json_extract(value, '$.text') FROM answers WHERE session_id = ? AND "
                   "step_id = 'appreciation' AND withdrawn_at IS NULL", session_id)
    assert given == [("I feel unheard when plans change",)]


async def test_words_half_typed_are_kept_within_seconds_and_come_back_after_a_restart() -> None:
    app, clock = make_app("validate")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = Walker(pilot, clock)
        await go_to(pilot, "topic")
        await walker.type("the dishes again")
        await walker.settle(2.5)  # no key pressed since: kept by the draft timer alone
        drafts = stored("SELECT json_extract(body, '$.value') FROM events WHERE kind = 'DraftKept'")
        assert drafts == [("the dishes again",)]
        # kill -9 would leave exactly this; the store's snapshot has the draft too.
    app, _ = resuming_app(clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await Walker(pilot, clock).settle(0.3)
        assert app.screen.query_one("#free-text").text == "the dishes again"


async def test_more_time_on_a_break_survives_closing_gentle() -> None:
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 30)) as pilot:
        walker = Walker(pilot, clock)
        await walker.settle()
        await walker.step()  # welcome
        await walker.step(rating=2)
        await walker.step(rating=3)
        await walker.press("ctrl+b", "1", "enter")  # Sam calls 20 minutes
        assert type(app.screen).__name__ == "CoolDownScreen"
        await walker.press("plus")  # five more minutes
        deadline = app.screen.runner.break_.deadline
        assert deadline == clock.now() + 25 * 60
        await walker.press("ctrl+q")
    app, session_id = resuming_app(clock)
    async with app.run_test(size=(80, 30)) as pilot:
        await Walker(pilot, clock).settle(0.3)
        assert app.screen.runner.break_.deadline == deadline
    assert stored("SELECT planned FROM timings WHERE session_id = ? AND kind = 'break'",
                  session_id) == [(25 * 60,)]


async def test_esc_in_a_turn_steps_back_one_move_and_keeps_heard_turns() -> None:
    app, clock = make_app("validate")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        walker = Walker(pilot, clock)
        await go_to(pilot, "exchange")
        runner = app.screen.runner
        await walker.press("enter")  # Sam is done speaking
        await walker.type("You felt rushed")
        await walker.press("enter", "y", "n")  # heard, and nothing more: Alex has the floor now
        assert len(runner.turn.exchanges) == 1 and runner.turn.speaker == 1
        await walker.press("enter")  # Alex is done speaking
        await walker.press("escape")  # one move back: Alex speaking again
        assert runner.turn.phase == "speaking" and len(runner.turn.exchanges) == 1
        await walker.press("escape")  # Sam's heard turn stays
        assert runner.step.id == "exchange" and len(runner.turn.exchanges) == 1
        await walker.settle(0.2)
        assert on_screen(app, "heard already"), screen_text(app)


async def test_enter_pressed_again_and_again_gives_each_answer_once() -> None:
    app, clock = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await burst(app, pilot, [("enter", "\r")] * 3 + [("4", "4"), ("enter", "\r")])
        runner = app.screen.runner
        # Enter on welcome; for Sam, Enter offers 5 and the next Enter gives it; 4 counts
        # for Alex at once, and the Enter typed with it goes with it, not to the breathing.
        assert [(a.step_id, a.partner, a.value) for a in runner.answers] == [
            ("welcome", None, None), ("check-in", 0, 5), ("check-in", 1, 4)]
        assert runner.step.id == "breathe" and app.is_running
