"""When the store fails mid-session nothing is lost: the Recorder carries on in memory and
the session can be written to a file, then imported once the disk has room again."""

from __future__ import annotations

from pathlib import Path

import pytest

from gentle.store.errors import DiskFull
from gentle.store.history import list_sessions, session_detail
from gentle.store.importer import import_file
from gentle.store.recorder import Recorder
from gentle.store.rescue import rescue

from .support import answers_in_db, calm_flow, run_session


def _fill_the_disk(store) -> None:
    # SQLite's own SQLITE_FULL: the file may not grow by one more page.
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def _free_space(store) -> None:
    store.conn.execute("PRAGMA max_page_count = 1073741823")


def test_a_full_disk_mid_session_loses_nothing(store, tmp_path: Path) -> None:
    problems: list = []
    sid, runner, recorder, clock = run_session(store, calm_flow())
    recorder.on_error = problems.append
    runner.submit(9)
    runner.submit(8)
    _fill_the_disk(store)
    recorder.note("a long thought " * 2000, "feel", at=clock.now())
    assert len(problems) == 1 and isinstance(problems[0], DiskFull)
    # The session goes on as if nothing happened: the TUI shows the message, no crash.
    runner.submit("I feel squeezed")
    runner.submit("me too")
    clock.advance(60)
    runner.submit("early")
    runner.submit(None)
    runner.submit(2)
    runner.submit(3)
    runner.submit(None)
    assert len(problems) == 1  # told once, not at every answer
    assert len(answers_in_db(store, sid)) == 2  # the store only has what came before

    saved = rescue(recorder, tmp_path / "rescued.json")
    page = rescue(recorder, tmp_path / "rescued.md", fmt="md")
    assert "me too" in page.read_text() and "a long thought" in page.read_text()

    _free_space(store)
    result = import_file(store, saved)
    assert (result.added, result.already_there, result.extended) == (0, 0, 1)
    [row] = list_sessions(store)
    assert row.outcome == "completed" and row.distress == ((9, 2), (8, 3))
    detail = session_detail(store, sid)
    assert [n.text[:15] for n in detail.notes] == ["a long thought "]
    assert len(answers_in_db(store, sid)) == 9
    again = import_file(store, saved)
    assert (again.added, again.already_there, again.extended) == (0, 1, 0)


def test_without_a_handler_the_error_is_raised(store) -> None:
    sid, runner, recorder, _ = run_session(store, calm_flow())
    _fill_the_disk(store)
    with pytest.raises(DiskFull):
        recorder.note("x" * 100_000)


def test_a_rescue_of_a_resumed_session_has_all_of_it(store, tmp_path: Path) -> None:
    sid, runner, _, clock = run_session(store, calm_flow())
    runner.submit(7)
    later = Recorder(store, sid)  # as after gentle resume
    assert [e["kind"] for e in later.events][:2] == ["StepEntered", "AnswerGiven"]
    saved = rescue(later, tmp_path / "r.json")
    with open(saved) as handle:
        assert '"AnswerGiven"' in handle.read()
