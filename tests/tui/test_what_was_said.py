"""What a couple chose and wrote, by real keys: Enter gives only what is marked, an
exclusive option goes on its own, own words are kept exactly, a read-back step shows
each partner's own sentence, the end shows both partners' words (and saves them), and
coaching says each phrase once."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from gentle import paths
from tui_support import Walker, make_app, on_screen, screen_text, seen, session_ready


async def at_step(pilot, step_id: str) -> Walker:
    await session_ready(pilot)
    pilot.app.screen.runner.go_to(step_id)
    pilot.app.screen.sync()
    walker = Walker(pilot, None)
    await walker.settle()
    return walker


def stored_answers(step_id: str) -> list[tuple[int | None, object]]:
    """The answers the notes file holds for ``step_id`` (Back-withdrawn ones left out)."""
    with sqlite3.connect(paths.database_file()) as conn:
        rows = conn.execute("SELECT partner, value FROM answers WHERE step_id = ? AND withdrawn_at IS NULL",
                            (step_id,)).fetchall()
    return [(partner, json.loads(value)) for partner, value in rows]


async def test_enter_on_an_untouched_choose_step_records_nothing_and_says_how_to_choose() -> None:
    app, _ = make_app("full")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        walker = await at_step(pilot, "ready")
        assert on_screen(app, "› ( ) Yes, let's go on"), screen_text(app)  # pointed at, not chosen
        await walker.press("enter")
        runner = app.screen.runner
        assert runner.answer_for("ready", None) is None
        assert runner.step.id == "ready"
        assert stored_answers("ready") == []
        assert seen(app, "Choose one first: use the arrows and Space, or its number."), screen_text(app)
        await walker.press("down")  # moving is not choosing either
        assert on_screen(app, "› ( ) Not yet, let's stop for today"), screen_text(app)
        await walker.press("enter")
        assert runner.answer_for("ready", None) is None and stored_answers("ready") == []
        await walker.press("space")
        assert on_screen(app, "› (•) Not yet, let's stop for today"), screen_text(app)
        await walker.press("up", "enter")  # Enter gives what is marked, wherever the pointer is
        assert runner.answer_for("ready", None).value == "Not yet, let's stop for today"
        assert stored_answers("ready") == [(None, "Not yet, let's stop for today")]


async def test_two_enters_at_aftermaths_not_today_gate_record_nothing_for_either_partner() -> None:
    app, _ = make_app("aftermath")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        walker = await at_step(pilot, "willing")
        await walker.press("enter")
        await walker.press("enter")
        runner = app.screen.runner
        assert runner.step.id == "willing" and runner.asking == 0
        assert runner.answer_for("willing", 0) is None and runner.answer_for("willing", 1) is None
        assert stored_answers("willing") == []
        assert on_screen(app, "Sam, do you feel ready"), screen_text(app)
        await walker.press("2")  # a number chooses its option, and Enter gives it
        assert on_screen(app, "(•) Not today"), screen_text(app)
        await walker.press("enter")
        assert runner.answer_for("willing", 0).value == "Not today"
        assert on_screen(app, "Alex, do you feel ready"), screen_text(app)
        assert on_screen(app, "( ) Not today") and not on_screen(app, "(•)")  # Alex starts afresh


async def test_an_exclusive_option_goes_on_its_own_as_it_is_ticked() -> None:
    app, _ = make_app("validate")
    async with app.run_test(size=(80, 30), notifications=True) as pilot:
        walker = await at_step(pilot, "what-helped")
        await walker.press("1", "2")
        assert on_screen(app, "[x] Hearing my words reflected back")
        assert on_screen(app, "[x] Hearing that it made sense")
        await walker.press("5")  # Not sure yet: the others are cleared
        assert on_screen(app, "[x] Not sure yet"), screen_text(app)
        assert on_screen(app, "[ ] Hearing my words reflected back")
        assert on_screen(app, "[ ] Hearing that it made sense")
        await walker.press("3")  # another option clears Not sure yet
        assert on_screen(app, "[ ] Not sure yet") and on_screen(app, "[x] Having my feelings named")
        await walker.press("3")  # unticked again: nothing is marked, so Enter asks first
        await walker.press("enter")
        runner = app.screen.runner
        assert runner.answer_for("what-helped", 0) is None
        assert seen(app, "Choose at least one first"), screen_text(app)
        await walker.press("5", "enter")
        assert runner.answer_for("what-helped", 0).value == ["Not sure yet"]
        # The engine holds the same rule for any caller: both at once is refused.
        await walker.press("1", "4", "enter")
        assert runner.answer_for("what-helped", 1).value == [
            "Hearing my words reflected back", "Being able to finish without interruption"]
        assert not runner.submit(["Not sure yet", "Having my feelings named"])


async def test_own_words_keep_exactly_what_was_typed() -> None:
    app, _ = make_app("i-statement")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = await at_step(pilot, "statement")
        await walker.press("ctrl+o")  # before any blank: an empty box, no template words
        area = app.screen.query_one("#free-text")
        assert area.display and area.text == ""
        await walker.type("you always ignore me, you idiot.")
        await walker.press("ctrl+s")
        runner = app.screen.runner
        assert runner.answer_for("statement", 0).value == {"text": "you always ignore me, you idiot.", "blanks": None}
        # Alex fills two blanks, then writes freely: the blanks' words, nothing else.
        await walker.type("tired")
        await walker.press("enter")
        await walker.type("we argue late")
        await walker.press("ctrl+o")
        area = app.screen.query_one("#free-text")
        assert area.text == "tired we argue late"
        assert "…" not in area.text and "I feel" not in area.text
        await walker.type(", so let's stop")  # typed after what was there, not before it
        await walker.press("ctrl+s")
        assert runner.answer_for("statement", 1).value["text"] == "tired we argue late, so let's stop"


async def test_the_read_back_step_shows_each_partner_their_own_sentence() -> None:
    app, _ = make_app("i-statement")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = await at_step(pilot, "statement")
        await walker.press("ctrl+o")
        await walker.type("I feel lonely when you work late.")
        await walker.press("ctrl+s")
        await walker.press("ctrl+o")
        await walker.type("I miss our walks.")
        await walker.press("ctrl+s")
        assert app.screen.runner.step.id == "read-back"
        text = screen_text(app)
        assert on_screen(app, "Sam, read your sentence back") and on_screen(app, "What you wrote at “Your sentence”:")
        assert on_screen(app, "I feel lonely when you work late."), text
        assert not on_screen(app, "I miss our walks."), text
        await walker.press("enter")  # ticking nothing is fine on a checklist
        assert on_screen(app, "Alex, read your sentence back"), screen_text(app)
        assert on_screen(app, "I miss our walks.") and not on_screen(app, "you work late")
        await walker.press("enter")
        # Sharing them aloud: both sentences, by name.
        assert app.screen.runner.step.id == "share"
        assert on_screen(app, "I feel lonely when you work late.") and on_screen(app, "I miss our walks.")


async def test_the_end_shows_both_partners_words_and_s_saves_them(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # where the save dialog suggests a file
    app, _ = make_app("i-statement")
    async with app.run_test(size=(40, 12)) as pilot:
        walker = await at_step(pilot, "statement")
        await walker.type("worried")
        await walker.press("enter")
        await walker.type("plans [changed]")
        await walker.press("enter", "ctrl+s")
        await walker.press("ctrl+o")
        await walker.type("I miss our walks.")
        await walker.press("ctrl+s", "enter", "enter", "enter")
        await walker.press("1", "enter", "1", "enter")  # each answers the other's request
        assert app.screen.runner.finished
        # At 40×12 the request step was scrolled to its options, and the end screen opens
        # a line or two down from its top; go back up to its first words.
        for _ in range(4):
            await walker.press("up")
        assert on_screen(app, "You made it to the end."), screen_text(app)
        for _ in range(12):  # it scrolls, at 40×12
            await walker.press("down")
        text = screen_text(app)
        assert on_screen(app, "I miss our walks."), text
        assert on_screen(app, "s saves your words"), text
        for _ in range(6):
            await walker.press("up")
        assert on_screen(app, "Your sentence") and on_screen(app, "Sam"), screen_text(app)
        assert seen(app, "I feel worried when plans [changed], because"), screen_text(app)
        await walker.press("s")
        assert type(app.screen).__name__ == "SaveCopyScreen"
        await walker.press("enter")
        saved = list(tmp_path.glob("gentle-session-*.md"))
        assert len(saved) == 1
        words = saved[0].read_text(encoding="utf-8")
        assert "I miss our walks." in words and "worried" in words and "plans \\[changed\\]" in words


async def test_coaching_says_each_phrase_once_in_one_line_each() -> None:
    app, _ = make_app("validate")
    async with app.run_test(size=(80, 24)) as pilot:
        walker = await at_step(pilot, "topic")
        await walker.type("you always ignore me, you idiot. you always do")
        text = screen_text(app)
        flat = " ".join(text.split())
        assert "2 gentle thoughts:" in flat, text
        assert flat.count("“you always”") == 1, text
        assert "“you always” can feel like an attack" in flat, text
        assert "“you idiot” describes the person" in flat, text
        assert '"you always"' not in flat and "“You always”" not in flat, text


async def test_the_blank_being_filled_and_its_hint_stay_in_view() -> None:
    for size in ((80, 24), (60, 20), (40, 12)):
        app, _ = make_app("i-statement")
        async with app.run_test(size=size) as pilot:
            walker = await at_step(pilot, "statement")
            for words in ("you always ignore me", "you never listen, whatever", "you idiot"):
                await walker.type(words)
                await walker.press("enter")
            assert on_screen(app, "Blank 4 of 4: request"), (size, screen_text(app))
            assert seen(app, "Something Alex can say yes or no to."), (size, screen_text(app))
            await walker.type("obviously")
            assert seen(app, "Something Alex can say yes or no to."), (size, screen_text(app))
            assert seen(app, "obviously"), (size, screen_text(app))
            await walker.press("enter")  # the last blank: Enter visibly finishes the sentence
            assert seen(app, "That's the whole sentence."), (size, screen_text(app))


async def test_help_says_who_answers_as_the_step_does() -> None:
    for flow, step_id, says, never in (
        ("validate", "topic", "You answer this one together", "Each of you"),
        ("i-statement", "statement", "Each of you answers this one", "together"),
        ("reconnect", "when-to-continue", "You answer this one together", "Each of you"),
    ):
        app, _ = make_app(flow)
        async with app.run_test(size=(80, 40)) as pilot:
            walker = await at_step(pilot, step_id)
            await walker.press("f1")
            assert type(app.screen).__name__ == "HelpScreen", app.screen
            assert seen(app, says), (flow, screen_text(app))
            assert not seen(app, never), (flow, screen_text(app))
            if step_id == "statement":
                assert seen(app, "Filling in a sentence") and seen(app, "nothing else")
            if step_id == "topic":
                assert seen(app, "Enter starts a new line") and not seen(app, "blank")


async def test_enter_pressed_again_on_an_untouched_choice_says_so_once() -> None:
    """Three quick Enters: one notice, not three stacked up over the list."""
    app, _ = make_app("full")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        walker = await at_step(pilot, "ready")
        await pilot.press("enter", "enter", "enter")
        await walker.settle()
        await pilot.pause(0.2)
        toasts = app.screen.query("Toast")
        assert len(toasts) == 1, screen_text(app)
        assert seen(app, "Choose one first")
