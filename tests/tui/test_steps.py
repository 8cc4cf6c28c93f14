"""Step views in detail: what each shows, and exactly what the runner records from the keys."""

from __future__ import annotations

from tui_support import Walker, make_app, on_screen, screen_text, session_ready


async def at_step(pilot, step_id: str) -> Walker:
    await session_ready(pilot)
    pilot.app.screen.runner.go_to(step_id)
    pilot.app.screen.sync()
    walker = Walker(pilot, None)
    await walker.settle()
    return walker


async def test_a_rating_counts_at_its_digit_and_waits_only_when_more_could_follow() -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = await at_step(pilot, "check-in")
        runner = app.screen.runner
        assert on_screen(app, "calm") and on_screen(app, "too much to talk")
        await walker.press("1")  # 1 or 10: it waits
        assert runner.answer_for("check-in", 0) is None
        assert on_screen(app, "1: Enter gives it, or type 0 for 10."), screen_text(app)
        await walker.press("0")
        assert runner.answer_for("check-in", 0).value == 10
        assert runner.asking == 1 and on_screen(app, "Alex, how stirred up"), screen_text(app)
        await walker.press("7")  # one key, and it counts
        assert runner.answer_for("check-in", 1).value == 7


async def test_arrows_start_from_the_middle_and_show_the_anchor_label() -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = await at_step(pilot, "check-in")
        await walker.press("right")  # the first arrow shows the middle, 5
        assert on_screen(app, "5 stirred up"), screen_text(app)
        await walker.press("left", "left", "enter")
        runner = app.screen.runner
        assert runner.answer_for("check-in", 0).value == 3


async def test_enter_on_an_untouched_scale_offers_a_number_that_a_second_enter_gives() -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = await at_step(pilot, "check-in")
        await walker.press("enter")
        runner = app.screen.runner
        assert runner.answer_for("check-in", 0) is None  # nothing counts unseen
        assert on_screen(app, "Enter again gives 5."), screen_text(app)
        await walker.press("enter")
        assert runner.answer_for("check-in", 0).value == 5


async def test_enter_typed_straight_after_a_digit_goes_with_that_number() -> None:
    # "3 Enter" out of habit: the 3 counted at once, and the Enter must not offer the
    # next partner a number (or skip a step unread).
    from test_robustness import burst

    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(80, 24)) as pilot:
        await at_step(pilot, "check-in")
        await burst(app, pilot, [("3", "3"), ("enter", "\r")])
        runner = app.screen.runner
        assert runner.answer_for("check-in", 0).value == 3
        assert runner.asking == 1 and runner.answer_for("check-in", 1) is None
        assert on_screen(app, "No number chosen yet."), screen_text(app)


async def test_template_blanks_ideas_preview_and_own_words() -> None:
    app, _ = make_app("i-statement")
    async with app.run_test(size=(100, 40)) as pilot:
        walker = await at_step(pilot, "statement")
        assert on_screen(app, "I feel [feeling] when ____"), screen_text(app)
        await walker.type("lon")  # the ideas narrow to what fits
        ideas = app.screen.query_one("#ideas")
        assert [str(ideas.get_option_at_index(i).prompt) for i in range(ideas.option_count)] == ["lonely"]
        await walker.press("down", "enter")
        assert on_screen(app, "I feel lonely when [situation]"), screen_text(app)
        await walker.type("you always leave")
        assert on_screen(app, "A gentle thought"), screen_text(app)  # a hint, never a block
        await walker.press("enter", "down", "enter")
        await walker.type("a hug")
        await walker.press("enter")
        await walker.press("shift+tab", "shift+tab")  # back to the situation
        assert on_screen(app, "Blank 2 of 4"), screen_text(app)
        await walker.press("ctrl+s")
        value = app.screen.runner.answer_for("statement", 0).value
        assert value["blanks"]["feeling"] == "lonely"
        assert value["blanks"]["situation"] == "you always leave"
        assert value["text"].startswith("I feel lonely when you always leave, because I need ")

        # Alex writes the whole sentence freely instead.
        await walker.press("ctrl+o")
        area = app.screen.query_one("#free-text")
        assert area.display and area.text == ""  # nothing typed yet, and no template words
        await walker.type("I miss our walks.")
        await walker.press("ctrl+s")
        assert app.screen.runner.answer_for("statement", 1).value == {"text": "I miss our walks.", "blanks": None}


async def test_free_writing_is_multi_line_and_coaching_never_blocks() -> None:
    app, _ = make_app("validate")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = await at_step(pilot, "topic")
        await walker.type("You never listen")
        await walker.press("enter")
        await walker.type("and I feel alone")
        assert on_screen(app, "A gentle thought"), screen_text(app)
        await walker.press("ctrl+s")
        answer = app.screen.runner.answers[-1]
        assert answer.value["text"] == "You never listen\nand I feel alone"


async def test_checklist_marks_and_choose_many() -> None:
    app, _ = make_app("reconnect")
    async with app.run_test(size=(80, 30)) as pilot:
        walker = await at_step(pilot, "repair")
        await walker.press("space", "down", "down", "space")
        assert on_screen(app, "[x] I'm sorry. I can see that hurt you."), screen_text(app)
        assert on_screen(app, "[ ] Can we start again, more gently?")
        await walker.press("up", "up", "space")  # unmark the first
        assert on_screen(app, "[ ] I'm sorry.")
        await walker.press("enter")
        step = app.screen.runner.flow.step("repair")
        assert app.screen.runner.answers[-1].value == [step.items[2]]


async def test_choose_one_by_space_then_enter() -> None:
    app, _ = make_app("full")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = await at_step(pilot, "ready")
        assert on_screen(app, "( ) Yes, let's go on")
        await walker.press("down", "space", "enter")
        runner = app.screen.runner
        assert runner.answer_for("ready", None).value == "Not yet, let's stop for today"
        assert runner.step.id == "stop-for-today"  # the flow's route for "not yet"


async def test_turns_record_typed_and_spoken_mirrors_and_retries() -> None:
    app, clock = make_app("validate")
    async with app.run_test(size=(80, 30)) as pilot:
        walker = await at_step(pilot, "exchange")
        walker.clock = clock
        assert on_screen(app, "Sam has the floor — Alex listens")
        assert on_screen(app, "Alex, while you listen:")
        clock.advance(app.screen.runner.step.floor_seconds + 1)
        await walker.settle(0.6)
        assert on_screen(app, "Time is up. Finish your thought"), screen_text(app)
        await walker.press("enter")
        await walker.type("You felt alone")
        await walker.press("enter")
        assert on_screen(app, "Alex heard: “You felt alone”"), screen_text(app)
        await walker.press("n")
        assert on_screen(app, "try 2"), screen_text(app)
        await walker.press("enter")  # said aloud this time
        assert on_screen(app, "Alex said it aloud.")
        await walker.press("y")
        assert on_screen(app, "Sam, is there more?"), screen_text(app)  # validate asks (Imago)
        await walker.press("n")
        assert on_screen(app, "Alex has the floor — Sam listens"), screen_text(app)
        await walker.press("enter", "enter", "y", "n")
        runner = app.screen.runner
    exchanges = runner.answer_for("exchange", None).value
    assert [(e["speaker"], e["mirror"], e["attempts"], e["heard"]) for e in exchanges] == [
        (0, None, 2, [False, True]),
        (1, None, 1, [True]),
    ]
    assert exchanges[0]["mirrors"] == ["You felt alone", None]


async def test_turns_is_there_more_keeps_the_floor_and_not_quite_asks_the_speaker_to_restate() -> None:
    from pathlib import Path

    from gentle.flows.catalogue import Catalogue

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "flows"
    app, _ = make_app(Catalogue(extra=[fixtures]).load("turns-more"))
    async with app.run_test(size=(80, 30)) as pilot:
        walker = await at_step(pilot, "floor")
        runner = app.screen.runner
        assert on_screen(app, "Sam has the floor — Alex listens"), screen_text(app)
        await walker.press("enter")  # Sam is done
        assert not on_screen(app, "say again the part"), screen_text(app)  # a first try: no prompt
        await walker.type("You felt alone")
        await walker.press("enter")
        await walker.press("n")  # not quite
        assert on_screen(app, "Sam, say again the part that was missed."), screen_text(app)
        assert on_screen(app, "Alex, say back what you heard"), screen_text(app)
        await walker.press("enter")  # said aloud this time
        assert on_screen(app, "Sam, did you feel heard?"), screen_text(app)
        await walker.press("y")
        assert on_screen(app, "Sam, is there more?"), screen_text(app)
        await walker.press("y")  # yes: Sam goes on, on the same floor
        assert runner.turn.phase == "speaking" and len(runner.turn.exchanges) == 1
        assert on_screen(app, "Sam has the floor — Alex listens"), screen_text(app)
        assert on_screen(app, "Round 1 of 2 · part 2"), screen_text(app)
        await walker.press("enter", "enter")  # done; mirrored aloud
        await walker.press("y")
        assert on_screen(app, "Sam, is there more?"), screen_text(app)
        await walker.press("n")  # that's all: the floor passes
        assert on_screen(app, "Alex has the floor — Sam listens"), screen_text(app)
        exchanges = runner.turn.exchanges
    assert [(e["round"], e["speaker"], e["attempts"], e["heard"]) for e in exchanges] == [
        (1, 0, 2, [False, True]),
        (1, 0, 1, [True]),
    ]
    assert exchanges[0]["mirrors"] == ["You felt alone", None]
