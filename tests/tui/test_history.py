"""History in the TUI: the session list, one session in detail, and hostile text shown literally.

The list reads a page at a time, so ten thousand sessions open as fast as ten.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable

from gentle import paths
from gentle.engine import events as ev
from gentle.flows.catalogue import Catalogue
from gentle.store.db import open_store
from gentle.store.recorder import Recorder
from gentle.store.sessions import add_note, seed_sessions, start_session
from gentle.tui.screens.history import PAGE
from tui_support import START, make_app, on_screen, screen_text

MANY = 10_000
HOSTILE_NAME = "[@click=app.quit]Sam"
HOSTILE_NOTE = "I said [/] and [b]this[/b] \x1b[31mred\x1b[0m \x9b2J"


@pytest.fixture(scope="module")
def many_sessions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A notes file with 10,000 sessions, made once and copied into each test's home."""
    folder = tmp_path_factory.mktemp("many")
    with open_store(folder / "gentle.db") as store:
        seed_sessions(store, MANY)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder / "gentle.db"


def use_notes(source: Path) -> None:
    target = paths.database_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)


def record(partners: tuple[str, str], ratings: tuple[int, int, int, int], note: str = "", at: float = START) -> str:
    """One real-looking pause-and-breathe session, through the same Recorder as the app."""
    flow = Catalogue().load("pause-and-breathe")
    with open_store() as store:
        sid = start_session(store, flow, partners, started_at=at)
        rec = Recorder(store, sid)
        rec(ev.StepEntered("check-in", at + 10))
        rec(ev.AnswerGiven("check-in", 0, ratings[0], at + 20))
        rec(ev.AnswerGiven("check-in", 1, ratings[1], at + 30))
        rec(ev.StepEntered("check-again", at + 400))
        rec(ev.AnswerGiven("check-again", 0, ratings[2], at + 410))
        rec(ev.AnswerGiven("check-again", 1, ratings[3], at + 420))
        if note:
            add_note(store, sid, note, "check-again", at + 425)
        rec(ev.Finished(at + 430))
    return sid


async def test_ten_thousand_sessions_open_at_once_a_page_at_a_time(many_sessions: Path) -> None:
    use_notes(many_sessions)
    app, _ = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("h")
        table = app.screen.query_one(DataTable)
        while table.row_count == 0 and time.perf_counter() - started < 5:
            await pilot.pause(0.01)
        opened = time.perf_counter() - started
        assert table.row_count == PAGE
        assert on_screen(app, f"{MANY} sessions (the newest {PAGE} shown")
        # Generous for a shared test machine; reading all 10,000 rows takes many seconds.
        assert opened < 1.5, f"history took {opened:.2f}s to open"
        for _ in range(PAGE):  # down the list, as a person would
            if table.row_count > PAGE:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        assert table.row_count == 2 * PAGE


async def test_each_row_shows_date_flow_length_and_each_partners_distress() -> None:
    record(("Sam", "Alex"), (8, 6, 3, 4), at=START)
    record(("Sam", "Alex"), (5, 5, 5, 7), at=START + 86_400)
    app, _ = make_app()
    async with app.run_test(size=(130, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "2 sessions." in text
        lines = [line for line in text.splitlines() if "Pause and breathe" in line]
        # Newest first.
        assert "15 Nov 2023 22:13" in lines[0] and "14 Nov 2023 22:13" in lines[1]
        assert "Sam 5 → 5, Alex 5 → 7" in lines[0]
        assert "Sam 8 → 3, Alex 6 → 4" in lines[1]
        assert "7 min" in lines[1] and "finished" in lines[1]
        assert "↑ 1" in lines[0] and "↓ 3.5" in lines[1]  # the trend: (0 + 2) / 2 rose; (5 + 2) / 2 fell


async def test_the_table_fits_100_columns_with_a_rehearsal_and_the_trend() -> None:
    from textual.widgets import DataTable

    record(("Sam", "Alex"), (10, 10, 3, 4), at=START)
    record(("Sam", "Alex"), (5, 5, 5, 7), at=START + 86_400)
    with open_store() as store:
        store.conn.execute("UPDATE sessions SET source = 'walk' WHERE started_at = ?", (START + 86_400,))
    app, _ = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.3)
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width, (
            table.virtual_size.width, table.scrollable_content_region.width)
        assert on_screen(app, "rehearsal") and on_screen(app, "Trend")


async def test_enter_opens_a_session_in_detail_and_esc_comes_back() -> None:
    record(("Sam", "Alex"), (8, 6, 3, 4), note="Talk about the money thing on Sunday.")
    app, _ = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "SessionDetailScreen"
        for words in (
            "Pause and breathe",
            "Distress, first and last rating: Sam 8 → 3, Alex 6 → 4",
            "How are you doing?",
            "Sam: 8 of 10",
            "Alex: 6 of 10",
            "Talk about the money thing on Sunday.",
        ):
            assert on_screen(app, words), f"{words!r} missing\n{screen_text(app)}"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"


async def test_hostile_names_and_notes_are_shown_literally_and_do_nothing() -> None:
    record((HOSTILE_NAME, "[/]"), (8, 6, 3, 4), note=HOSTILE_NOTE)
    app, _ = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.2)
        assert on_screen(app, f"{HOSTILE_NAME} 8 → 3, [/] 6 → 4"), screen_text(app)
        await pilot.press("enter")
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "I said [/] and [b]this[/b] red" in text, text
        assert "\x1b" not in text and "\x9b" not in text
        await pilot.click("#detail", offset=(3, 3))  # clicking the name must not quit
        await pilot.pause()
        assert app.is_running


async def test_an_empty_history_says_what_will_appear_there_and_fills_in_later() -> None:
    app, _ = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.2)
        assert on_screen(app, "No sessions yet. They appear here after you use gentle together.")
        await pilot.press("escape")
        await pilot.pause()
        record(("Sam", "Alex"), (8, 6, 3, 4))  # e.g. from another gentle window
        await pilot.press("h")
        await pilot.pause(0.2)
        assert on_screen(app, "1 session."), screen_text(app)
        assert app.screen.query_one(DataTable).row_count == 1


async def test_a_session_can_be_saved_to_a_file_from_its_detail(tmp_path: Path) -> None:
    record(("Sam", "Alex"), (8, 6, 3, 4), note="Sunday.")
    target = tmp_path / "for our therapist.md"
    app, _ = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.2)
        await pilot.press("x")
        await pilot.pause()
        field = app.screen.query_one("#save-path")
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionDetailScreen"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Session notes from gentle")
    assert "Sam: 8 of 10" in text or "Sam: 8 of 10" in text.replace("\\", "")
    assert oct(target.stat().st_mode & 0o777) == "0o600"


async def test_a_note_kept_in_any_step_shows_in_the_session_detail() -> None:
    app, _ = make_app("pause-and-breathe")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "ctrl+t")  # at the check-in
        await pilot.pause()
        assert type(app.screen).__name__ == "NoteScreen"
        await pilot.press(*["space" if c == " " else c for c in "Sunday [b]ok[/b]"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SessionScreen"
        assert app.screen.runner.step.id == "check-in"  # the note changed nothing else
        app.go_home()
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert on_screen(app, "Sunday [b]ok[/b]"), screen_text(app)


async def test_a_damaged_record_is_left_out_and_the_rest_still_opens() -> None:
    import sqlite3

    record(("Sam", "Alex"), (8, 6, 3, 4))
    broken = record(("Kim", "Lee"), (5, 5, 2, 2), at=START + 3600)
    with sqlite3.connect(paths.database_file()) as conn:
        conn.execute("UPDATE sessions SET started_at = 'x' WHERE id = ?", (broken,))
        conn.execute("UPDATE flows SET body = '{\"x\": 1}'")
    app, _ = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "HistoryScreen", screen_text(app)
        assert on_screen(app, "Sam"), screen_text(app)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "SessionDetailScreen", screen_text(app)
        assert on_screen(app, "Sam: 8 of 10") or on_screen(app, "8"), screen_text(app)
        assert app.return_code is None


async def test_a_huge_answer_shows_its_start_and_says_where_the_rest_is() -> None:
    sid = record(("Sam", "Alex"), (8, 6, 3, 4), note="x" * 5_000_000)
    app, _ = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert type(app.screen).__name__ == "SessionDetailScreen"
        await pilot.press("end")
        await pilot.pause(0.3)
        assert on_screen(app, "more characters"), screen_text(app)
    assert sid
