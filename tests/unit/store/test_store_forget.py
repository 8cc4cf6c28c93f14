"""Forgetting: the words are gone from every database file, checked with a byte search."""

from __future__ import annotations

from pathlib import Path

from gentle.store.db import open_store
from gentle.store.forget import forget
from gentle.store.history import list_sessions
from gentle.store.sessions import add_note

from .support import calm_flow, run_session

SECRET = "the-secret-about-the-holiday-7f3a"
KEPT = "the-kept-memory-about-the-garden-91c2"


def _files(db: Path) -> list[Path]:
    return [p for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]


def _found(db: Path, text: str) -> bool:
    needles = (text.encode("utf-8"), text.encode("utf-16-le"))
    return any(n in p.read_bytes() for p in _files(db) for n in needles)


def _session_with(store, words: str) -> str:
    sid, runner, _, _ = run_session(store, calm_flow())
    runner.submit(8)
    runner.submit(7)
    runner.submit(f"I feel {words} " * 20)
    add_note(store, sid, f"note: {words}")
    return sid


def test_forgotten_words_cannot_be_found_in_any_file(store) -> None:
    db = store.path
    gone = [_session_with(store, SECRET) for _ in range(5)]
    kept = _session_with(store, KEPT)
    assert _found(db, SECRET)  # the search can see it while it is there
    done = forget(store, gone)
    assert done.sessions == 5 and done.scrubbed
    assert not _found(db, SECRET)
    assert [r.id for r in list_sessions(store)] == [kept]
    assert _found(db, KEPT)
    store.close()
    assert not _found(db, SECRET)
    with open_store(db) as again:
        assert again.check() == "ok"


def test_forget_everything(store) -> None:
    for _ in range(3):
        _session_with(store, SECRET)
    assert forget(store, None).sessions == 3
    assert list_sessions(store) == []
    assert not _found(store.path, SECRET)
    assert store.conn.execute("SELECT count(*) FROM flows").fetchone()[0] == 0


def test_another_open_window_is_reported_not_ignored(store) -> None:
    sid = _session_with(store, SECRET)
    reader = open_store(store.path)
    reader.conn.execute("BEGIN")
    reader.conn.execute("SELECT count(*) FROM answers").fetchone()  # holds a read snapshot
    try:
        done = forget(store, [sid])
    finally:
        reader.conn.execute("COMMIT")
        reader.close()
    assert done.sessions == 1 and not done.scrubbed


def test_forget_everything_leaves_the_store_as_it_was_made(store) -> None:
    """The quick way (tables emptied whole) keeps the rules on afterwards and a sound file."""
    for _ in range(3):
        _session_with(store, SECRET)
    before = store.conn.execute("SELECT value FROM meta WHERE key = 'forgets'").fetchone()
    done = forget(store, None)
    assert done.sessions == 3 and done.scrubbed
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    after = store.conn.execute("SELECT value FROM meta WHERE key = 'forgets'").fetchone()
    assert int(after[0]) == int(before[0]) + 1
    for table in ("events", "answers", "timings", "notes", "sessions"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    assert store.check() == "ok"
    sid = _session_with(store, KEPT)  # and the store goes on working
    assert [r.id for r in list_sessions(store)] == [sid]


def test_forget_everything_with_another_window_open_still_erases_the_words(store) -> None:
    for _ in range(3):
        _session_with(store, SECRET)
    reader = open_store(store.path)
    reader.conn.execute("BEGIN")
    reader.conn.execute("SELECT count(*) FROM answers").fetchone()
    try:
        done = forget(store, None)
    finally:
        reader.conn.execute("COMMIT")
        reader.close()
    assert done.sessions == 3 and not done.scrubbed  # said, not hidden
    assert forget(store, None).scrubbed  # once the other window is gone, again empties the WAL
    assert not _found(store.path, SECRET)
