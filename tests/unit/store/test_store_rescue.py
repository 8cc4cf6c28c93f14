"""When the store fails mid-session nothing is lost: the session goes on in memory and can
be written to a file, then imported once the disk has room again, completing the session
that was partly saved rather than adding a second one."""

from __future__ import annotations

from pathlib import Path

from gentle.engine.clock import FakeClock
from gentle.store.history import list_sessions, session_detail
from gentle.store.importer import import_file
from gentle.store.live import PATIENCE_MS, LiveSession

from .support import answers_in_db, calm_flow


def _fill_the_disk(store) -> None:
    # SQLite's own SQLITE_FULL: the file may not grow by one more page.
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def _free_space(store) -> None:
    store.conn.execute("PRAGMA max_page_count = 1073741823")


def _walk_to_the_end(runner, clock) -> None:
    runner.submit("I feel squeezed")
    runner.submit("me too")
    clock.advance(60)
    runner.submit("early")
    runner.submit(None)
    runner.submit(2)
    runner.submit(3)
    runner.submit(None)


def stored_kinds(store, sid: str) -> list[str]:
    rows = store.conn.execute("SELECT kind FROM events WHERE session_id = ? ORDER BY seq", (sid,))
    return [row[0] for row in rows]


def test_a_full_disk_mid_session_loses_nothing_and_saves_it_once_there_is_room(store) -> None:
    warnings: list[str] = []
    clock = FakeClock(1_700_000_000.0)
    runner, live = LiveSession.start(
        store, calm_flow(), ("Sam", "Alex"), clock, lambda event: None, warn=warnings.append
    )
    runner.submit(9)
    runner.submit(8)
    _fill_the_disk(store)
    assert live.add_note("a long thought " * 2000, "feel") is False
    assert len(warnings) == 1 and "Ctrl+R" in warnings[0]
    assert live.waiting and not live.saving
    # The session goes on as if nothing happened: the TUI shows the message, no crash.
    _walk_to_the_end(runner, clock)
    assert len(warnings) == 1  # told once, not at every answer
    assert live.waiting  # the note still waits for room

    _free_space(store)
    assert live.save_waiting() is True
    assert not live.waiting and live.saving
    assert warnings[-1] == "Everything is saved in gentle's notes again."
    sid = live.session_id
    assert len(answers_in_db(store, sid)) == 9
    assert stored_kinds(store, sid) == [type(e).__name__ for e in live.events]
    assert [n.text[:15] for n in session_detail(store, sid).notes] == ["a long thought "]
    [row] = list_sessions(store)
    assert row.outcome == "completed" and row.distress == ((9, 2), (8, 3))


def test_a_locked_then_full_store_keeps_every_answer_in_order(store, home: Path) -> None:
    # Another gentle (an import, say) holds the write lock; then the disk fills up.
    import sqlite3

    from gentle import paths

    warnings: list[str] = []
    clock = FakeClock(1_700_000_000.0)
    runner, live = LiveSession.start(
        store, calm_flow(), ("Sam", "Alex"), clock, lambda event: None, warn=warnings.append
    )
    other = sqlite3.connect(paths.database_file(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    patience: list = []
    write = store.write

    def spy(*, patience_ms=None):
        patience.append(patience_ms)
        return write(patience_ms=patience_ms)

    store.write = spy
    runner.submit(9)
    runner.submit(8)
    runner.submit("I feel squeezed")
    # Each try waits a moment for the lock (PATIENCE_MS), never the 5 s that froze the screen.
    assert patience and all(p == PATIENCE_MS for p in patience)
    assert live.waiting >= 3 and "busy" in (live.trouble or "") and "Ctrl+R" in warnings[0]
    assert len(answers_in_db(store, live.session_id)) == 0
    other.execute("COMMIT")
    other.close()
    _fill_the_disk(store)
    runner.submit("me too " * 3000)  # does not fit
    clock.advance(60)
    runner.submit("early")
    assert live.waiting
    _free_space(store)
    runner.submit(None)  # the next event saves everything that waited, first
    assert not live.waiting
    runner.submit(2)
    runner.submit(3)
    runner.submit(None)
    sid = live.session_id
    assert stored_kinds(store, sid) == [type(e).__name__ for e in live.events]
    assert len(answers_in_db(store, sid)) == 9
    assert len(warnings) == 2 and warnings[-1].startswith("Everything is saved")


def test_a_copy_imported_while_answers_waited_is_not_saved_twice(store, tmp_path: Path) -> None:
    clock = FakeClock(1_700_000_000.0)
    runner, live = LiveSession.start(store, calm_flow(), ("Sam", "Alex"), clock, lambda event: None)
    runner.submit(9)
    runner.submit(8)
    _fill_the_disk(store)
    live.add_note("a long thought " * 2000, "feel")
    runner.submit("I feel squeezed " * 500)
    runner.submit("me too " * 500)
    saved = live.save_copy(tmp_path / "copy.json", "json")
    page = live.save_copy(tmp_path / "copy.md", "md")
    assert "me too" in page.read_text() and "a long thought" in page.read_text()

    _free_space(store)
    result = import_file(store, saved)
    assert (result.added, result.already_there, result.extended) == (0, 0, 1)
    assert live.save_waiting() is True  # what the import brought is not written again
    sid = live.session_id
    assert stored_kinds(store, sid) == [type(e).__name__ for e in live.events]
    assert [n.text[:15] for n in session_detail(store, sid).notes] == ["a long thought "]
    again = import_file(store, saved)
    assert (again.added, again.already_there) == (0, 1)
