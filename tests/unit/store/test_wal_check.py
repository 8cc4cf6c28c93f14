"""A leftover -wal is replayed only when it is the notes file's own (gentle/store/wal_check.py).

Each case is made for real: gentle processes that record sessions and then die with
os._exit (as kill -9 leaves them: COMMIT returned, nothing checkpointed), and files
moved about as a person restoring a backup would.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = textwrap.dedent("""
    import os, sys
    from gentle.flows.catalogue import Catalogue
    from gentle.store.db import open_store
    from gentle.store.forget import forget
    from gentle.store.recorder import record_walk

    path, action, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = open_store(path)
    store.conn.execute("PRAGMA wal_autocheckpoint = 0")
    flow = Catalogue().load("pause-and-breathe")
    if action == "forget":
        ids = [row[0] for row in store.conn.execute("SELECT id FROM sessions ORDER BY started_at")][:count]
        with store.write() as conn:  # forget's own transaction, killed before its scrub
            for session_id in ids:
                conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'forgets'")
        os._exit(0)
    for _ in range(count):
        record_walk(store, flow, {"check-in": [3, 2]}, ("Sam", "Alex"))
    if action == "crash":
        os._exit(0)  # kill -9: committed, never checkpointed, -wal left behind
    if action == "hold":
        print("open", flush=True)
        sys.stdin.readline()
    store.close()
""")


def gentle(path: Path, action: str, count: int = 1, **kwargs) -> subprocess.CompletedProcess | subprocess.Popen:
    args = [sys.executable, "-c", SCRIPT, str(path), action, str(count)]
    if action == "hold":
        return subprocess.Popen(args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done


def sessions(path: Path) -> int:
    from gentle.store.db import open_store

    with open_store(path) as store:
        assert store.check() == "ok"
        return store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0]


def wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def test_the_wal_a_kill_leaves_is_replayed(tmp_path: Path) -> None:
    db = tmp_path / "gentle.db"
    gentle(db, "close", 2)
    gentle(db, "crash", 3)
    assert wal(db).stat().st_size > 0
    assert sessions(db) == 5
    assert not list(tmp_path.glob("*set-aside*"))


def test_a_wal_from_another_notes_file_is_set_aside_untouched(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours" / "gentle.db", tmp_path / "theirs" / "gentle.db"
    ours.parent.mkdir()
    theirs.parent.mkdir()
    gentle(ours, "close", 4)
    gentle(theirs, "crash", 2)
    shutil.copy(wal(theirs), wal(ours))
    foreign = wal(theirs).read_bytes()

    from gentle.store.db import open_store

    with open_store(ours) as store:
        assert store.check() == "ok"
        assert store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 4
        assert len(store.notices) == 1 and "doesn't belong" in store.notices[0]
    kept = list(ours.parent.glob("gentle.db-wal.set-aside-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == foreign


def test_a_stale_wal_beside_a_restored_backup_takes_no_session_away(tmp_path: Path) -> None:
    db, backup = tmp_path / "gentle.db", tmp_path / "backup.db"
    gentle(db, "close", 1)
    early = tmp_path / "early-wal"
    gentle(db, "crash", 1)  # a -wal from early on, with the second session in it
    shutil.copy(wal(db), early)
    assert sessions(db) == 2  # replayed, checkpointed: the -wal is gone
    gentle(db, "close", 6)
    shutil.copy(db, backup)
    # The backup (8 sessions) comes back, and so does the early -wal beside it.
    shutil.copy(backup, db)
    shutil.copy(early, wal(db))
    assert sessions(db) == 8


def test_a_wal_that_holds_a_forget_is_replayed_so_the_forgotten_stay_gone(tmp_path: Path) -> None:
    db = tmp_path / "gentle.db"
    gentle(db, "close", 3)
    gentle(db, "forget", 2)  # killed after forget's COMMIT, before it could checkpoint
    assert wal(db).stat().st_size > 0
    assert sessions(db) == 1
    assert not list(tmp_path.glob("*set-aside*"))


def test_the_live_wal_of_another_open_gentle_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "gentle.db"
    gentle(db, "close", 1)
    other = gentle(db, "hold", 2)
    try:
        assert other.stdout.readline().strip() == "open"
        assert sessions(db) == 3
    finally:
        other.communicate("\n", timeout=30)
    assert not list(tmp_path.glob("*set-aside*"))


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_wal_never_costs_a_session(tmp_path: Path, damage: str) -> None:
    db = tmp_path / "gentle.db"
    gentle(db, "close", 3)
    gentle(db, "crash", 1)
    data = wal(db).read_bytes()
    wal(db).write_bytes(data[:32] + bytes(range(256)) * 40 if damage == "garbage" else data[: len(data) // 2])
    assert sessions(db) >= 3


def test_the_cli_says_when_it_set_a_wal_aside(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ours = home / "data" / "gentle.db"
    ours.parent.mkdir(parents=True)
    gentle(ours, "close", 2)
    theirs = tmp_path / "theirs.db"
    gentle(theirs, "crash", 1)
    shutil.copy(wal(theirs), wal(ours))
    done = subprocess.run([sys.executable, "-m", "gentle", "history"], cwd=ROOT, capture_output=True,
                          text=True, env={"GENTLE_HOME": str(home), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "doesn't belong" in done.stderr
    assert done.stdout.count("Pause and breathe") == 2
    with sqlite3.connect(ours) as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
