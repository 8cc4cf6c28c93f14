"""Export (Markdown and JSON), import, and hostile text along the way."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from gentle.store.db import open_store
from gentle.store.errors import FileWriteError, ImportFormatError
from gentle.store.export import md_escape, to_markdown, write_private_file
from gentle.store.export_json import export_data, export_json, to_json
from gentle.store.history import list_sessions, session_detail
from gentle.store.importer import import_data, import_file
from gentle.store.sessions import add_note, mark_abandoned

from .support import HOSTILE, calm_flow, run_session


def _full_session(store, names=("Sam", "Alex"), note: str = "a quiet evening") -> str:
    sid, runner, _, clock = run_session(store, calm_flow(), names)
    runner.submit(9)
    runner.submit(7)
    runner.submit(HOSTILE + "\nsecond line\n# not a heading")
    runner.submit("I feel tired")
    runner.call_break(by=0, seconds=1200)
    clock.advance(1200)
    runner.end_break()
    clock.advance(10)
    runner.submit("early")
    add_note(store, sid, note, "feel", at=clock.now())
    runner.submit(None)
    runner.submit(2)
    runner.submit(4)
    return sid  # stopped before the last step: interrupted, resumable


def _without_stamp(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "exported_at"}


def test_json_round_trip_keeps_everything_and_twice_adds_nothing(tmp_path: Path, home) -> None:
    with open_store(tmp_path / "a" / "gentle.db") as a:
        interrupted = _full_session(a)
        stopped = _full_session(a, ("Robin", "Kai"))
        mark_abandoned(a, stopped)
        original = export_data(a)
        a_rows = list_sessions(a)
        a_detail = session_detail(a, interrupted)
        file = write_private_file(tmp_path / "out.json", export_json(a))
    with open_store(tmp_path / "b" / "gentle.db") as b:
        first = import_file(b, file)
        second = import_file(b, file)
        assert (first.added, first.already_there) == (2, 0)
        assert (second.added, second.already_there) == (0, 2)
        assert list_sessions(b) == a_rows
        assert session_detail(b, interrupted) == a_detail
        assert _without_stamp(export_data(b)) == _without_stamp(original)
        assert b.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2


def test_the_json_export_is_complete(store) -> None:
    sid = _full_session(store)
    data = export_data(store)
    [session] = data["sessions"]
    assert data["format"] == "gentle-notes" and data["version"] == 1
    assert session["id"] == sid and session["partners"] == ["Sam", "Alex"]
    assert data["flows"][session["flow"]]["id"] == "calm-down"
    kinds = [e["kind"] for e in session["events"]]
    assert kinds.count("AnswerGiven") == 8 and "BreakStarted" in kinds
    assert session["notes"][0]["text"] == "a quiet evening"
    assert session["snapshot"]["step_id"] == "bye"
    text = export_json(store)
    assert _without_stamp(json.loads(text)) == _without_stamp(data)
    assert json.loads(to_json(data)) == data
    for control in ("\x1b", "\x9b", "\x07"):  # kept, but only as JSON escapes
        assert control not in text
    assert "\\u001b[2J" in text and "\\u009b31m" in text


def test_importing_a_broken_file_changes_nothing(tmp_path: Path, store) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "gentle-notes",\n  "version": 1, oops}')
    with pytest.raises(ImportFormatError) as caught:
        import_file(store, bad)
    assert (caught.value.line, caught.value.col) == (2, 17)
    with open_store(tmp_path / "x" / "gentle.db") as other:
        _full_session(other)
        good = export_data(other)
    good["sessions"].append({"id": "not-a-uuid"})
    with pytest.raises(ImportFormatError):
        import_data(store, good)
    assert list_sessions(store) == []  # all or nothing
    newer = dict(export_data(store), version=99)
    with pytest.raises(ImportFormatError, match="newer gentle"):
        import_data(store, newer)


def test_markdown_reads_well_and_shows_hostile_text_literally(store) -> None:
    sid = _full_session(store, ("Sam [b]", "Alex\x1b[31m"))
    md = to_markdown([session_detail(store, sid)])
    assert "\x1b" not in md and "\x9b" not in md and "\x07" not in md
    assert md.startswith("# Session notes from gentle")
    assert "## Calm down together:" in md
    assert "- Partners: Sam \\[b\\] and Alex" in md
    assert "\\[/\\] \\[@click=app.quit\\]" in md
    assert "\\*bold\\* \\<b\\>x\\</b\\>" in md
    assert "  \\# not a heading" in md  # an answer's line never becomes a heading
    assert "- Sam \\[b\\]: 9 of 10" in md
    assert "Break called by Sam \\[b\\]: 20 min of 20 min planned" in md
    assert "a quiet evening" in md


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("<script>", "\\<script\\>"),
        ("# title", "\\# title"),
        ("1. list", "1\\. list"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("\x1b[31mred\x1b[0m", "red"),
    ],
)
def test_md_escape(raw: str, shown: str) -> None:
    assert md_escape(raw) == shown


def test_export_files_are_written_atomically_and_privately(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        target = write_private_file(tmp_path / "notes.md", "first")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(FileWriteError, match="already exists"):
        write_private_file(target, "second")  # never replaced without asking
    write_private_file(target, "second", replace=True)
    assert target.read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]  # no temp file left


def test_a_failed_export_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = write_private_file(tmp_path / "notes.md", "the good copy")

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_room)
    with pytest.raises(FileWriteError, match="disk is full"):
        write_private_file(target, "half a cop", replace=True)
    assert target.read_text() == "the good copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]
