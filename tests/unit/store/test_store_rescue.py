"""When the store fails mid-session nothing is lost: the session goes on in memory and can
be written to a file, then imported once the disk has room again, completing the session
that was partly saved rather than adding a second one."""

from __future__ import annotations

from pathlib import Path

from gentle.engine.clock import FakeClock
from gentle.store.history import list_sessions, session_detail
from gentle.store.importer import import_file
from gentle.store.live import LiveSession

from .support import answers_in_db, calm_flow


def _fill_the_disk(store) -> None:
    # SQLite's own SQLITE_FULL: the file may not grow by one more page.
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def _free_space(store) -> None:
    store.conn.execute("PRAGMA max_page_count = 1073741823")


def test_a_full_disk_mid_session_loses_nothing(store, tmp_path: Path) -> None:
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
    # The session goes on as if nothing happened: the TUI shows the message, no crash.
    runner.submit("I feel squeezed")
    runner.submit("me too")
    clock.advance(60)
    runner.submit("early")
    runner.submit(None)
    runner.submit(2)
    runner.submit(3)
    runner.submit(None)
    assert len(warnings) == 1  # told once, not at every answer
    sid = live.session_id
    assert len(answers_in_db(store, sid)) == 2  # the store only has what came before

    saved = live.save_copy(tmp_path / "copy.json", "json")
    page = live.save_copy(tmp_path / "copy.md", "md")
    assert "me too" in page.read_text() and "a long thought" in page.read_text()

    _free_space(store)
    result = import_file(store, saved)
    assert (result.added, result.already_there, result.extended) == (0, 0, 1)
    [row] = list_sessions(store)
    assert row.id == sid and row.outcome == "completed" and row.distress == ((9, 2), (8, 3))
    detail = session_detail(store, sid)
    assert [n.text[:15] for n in detail.notes] == ["a long thought "]
    assert len(answers_in_db(store, sid)) == 9
    again = import_file(store, saved)
    assert (again.added, again.already_there, again.extended) == (0, 1, 0)
