"""Opening the notes database: private files, pragmas, and each bad situation."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from gentle import paths
from gentle.store import errors
from gentle.store.db import FAULT_ENV, open_store
from gentle.store.schema import SCHEMA_VERSION
from gentle.store.sessions import add_note, start_session

from .support import calm_flow


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_are_private_under_umask_000(home: Path) -> None:
    # A fresh process so the umask cannot leak into other tests.
    code = (
        "import os; os.umask(0)\n"
        "from gentle.store.db import open_store\n"
        "from gentle.store.sessions import start_session\n"
        "from gentle.flows.model import Flow, SayStep\n"
        "s = open_store()\n"
        "start_session(s, Flow(id='f', title='t', summary='s', steps=(SayStep(id='a'),)))\n"
        "import pathlib, stat\n"
        "db = pathlib.Path(s.path)\n"
        "for p in (db.parent, db, db.with_name(db.name + '-wal'), db.with_name(db.name + '-shm')):\n"
        "    print(p.name, oct(stat.S_IMODE(p.stat().st_mode)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "GENTLE_HOME": str(home)},
    ).stdout.split("\n")
    modes = dict(line.split() for line in out if line)
    assert modes == {
        "data": "0o700",
        "gentle.db": "0o600",
        "gentle.db-wal": "0o600",
        "gentle.db-shm": "0o600",
    }


def test_durability_settings_are_explicit(store) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.isolation_level is None  # no implicit transactions, ever


def test_a_failed_write_leaves_nothing_half_done(store) -> None:
    sid = start_session(store, calm_flow())
    with pytest.raises(RuntimeError):
        with store.write() as conn:
            conn.execute("INSERT INTO notes (session_id, text, at) VALUES (?, 'half', 1)", (sid,))
            raise RuntimeError("the app fell over mid-write")
    assert store.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    assert not store.conn.in_transaction


def _newer_database(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    return path.read_bytes()


def test_a_database_from_a_newer_gentle_is_refused_and_untouched(home: Path) -> None:
    db = paths.database_file()
    before = _newer_database(db)
    with pytest.raises(errors.DatabaseTooNew) as caught:
        open_store()
    assert caught.value.found == SCHEMA_VERSION + 5
    assert "newer version of gentle" in str(caught.value)
    assert str(db) in str(caught.value)
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["gentle.db"]


def test_a_newer_database_in_wal_mode_is_refused_too(home: Path) -> None:
    db = paths.database_file()
    _newer_database(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(errors.DatabaseTooNew):
        open_store()
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_database_is_moved_aside_never_deleted(home: Path) -> None:
    db = paths.database_file()
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not sqlite at all, but it is the couple's only copy" * 10)
    with pytest.raises(errors.DatabaseCorrupt) as caught:
        open_store()
    kept = caught.value.moved_to
    assert kept is not None and kept.parent == db.parent
    assert kept.name.startswith("gentle.db.damaged-")
    assert kept.read_bytes().startswith(b"this is not sqlite")
    assert str(kept) in str(caught.value)
    assert not db.exists()
    # The next start gets a fresh, working store.
    with open_store() as fresh:
        start_session(fresh, calm_flow())


def test_moving_aside_twice_in_one_second_overwrites_nothing(home: Path) -> None:
    db = paths.database_file()
    db.parent.mkdir(parents=True)
    kept = []
    for n in range(3):
        db.write_bytes(f"garbage number {n}".encode() * 20)
        with pytest.raises(errors.DatabaseCorrupt) as caught:
            open_store()
        kept.append(caught.value.moved_to)
    assert len(set(kept)) == 3
    assert [p.read_bytes()[:16] for p in kept] == [f"garbage number {n}".encode() for n in range(3)]


def test_damaged_pages_are_found_and_the_file_kept(home: Path) -> None:
    with open_store() as s:
        sid = start_session(s, calm_flow())
        for n in range(300):
            add_note(s, sid, f"note {n} " + "x" * 200)
    db = paths.database_file()
    raw = bytearray(db.read_bytes())
    page = int.from_bytes(raw[16:18], "big")
    for offset in range(page, len(raw), page):  # every page after the first: scribbled on
        raw[offset : offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(raw))
    with pytest.raises(errors.DatabaseCorrupt) as caught:
        with open_store() as s:
            from gentle.store.history import list_sessions

            list_sessions(s)
            with s.write() as conn:
                conn.execute("DELETE FROM notes")
    assert caught.value.moved_to is not None and caught.value.moved_to.exists()
    assert caught.value.moved_to.read_bytes() == bytes(raw)


def test_an_unwritable_data_folder_is_a_kind_error(home: Path, monkeypatch) -> None:
    monkeypatch.setenv(FAULT_ENV, "unwritable")
    with pytest.raises(errors.DataDirUnwritable) as caught:
        open_store()
    assert "can't be written to" in str(caught.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_folder_is_a_kind_error(home: Path) -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        with pytest.raises(errors.DataDirUnwritable):
            open_store()
    finally:
        folder.chmod(0o700)


def test_the_disk_full_error_comes_from_sqlite_itself(home: Path, monkeypatch) -> None:
    # The fault only caps the file's size; SQLite raises its own SQLITE_FULL.
    monkeypatch.setenv(FAULT_ENV, "disk-full")
    with open_store() as s:
        sid = start_session(s, calm_flow())
        with pytest.raises(errors.DiskFull) as caught:
            for n in range(10_000):
                add_note(s, sid, f"note {n} " + "x" * 500)
        assert "full" in str(caught.value)
        saved = s.conn.execute("SELECT count(*) FROM notes").fetchone()[0]
        assert saved > 0 and s.check() == "ok"  # what was saved before stays saved


def test_enospc_from_the_os_is_a_disk_full_error() -> None:
    error = OSError(28, "No space left on device")
    assert isinstance(errors.translate(error, Path("/x/gentle.db")), errors.DiskFull)
    full = sqlite3.OperationalError("database or disk is full")
    assert isinstance(errors.translate(full, Path("/x/gentle.db")), errors.DiskFull)


def _mount_tmpfs(where: Path, options: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", str(where)], capture_output=True)


def test_a_really_full_disk(tmp_path: Path, monkeypatch) -> None:
    disk = tmp_path / "tiny"
    if not _mount_tmpfs(disk, "size=160k"):
        pytest.skip("cannot mount a tiny tmpfs here")
    try:
        monkeypatch.delenv(FAULT_ENV, raising=False)
        with pytest.raises(errors.DiskFull):
            with open_store(disk / "data" / "gentle.db") as s:
                sid = start_session(s, calm_flow())
                for n in range(100_000):
                    add_note(s, sid, f"note {n} " + "y" * 900)
    finally:
        _umount(disk)


def test_a_really_read_only_disk(tmp_path: Path, monkeypatch) -> None:
    disk = tmp_path / "ro"
    if not _mount_tmpfs(disk, "size=1m,ro"):
        pytest.skip("cannot mount a read-only tmpfs here")
    try:
        monkeypatch.delenv(FAULT_ENV, raising=False)
        with pytest.raises(errors.DataDirUnwritable):
            open_store(disk / "data" / "gentle.db")
    finally:
        _umount(disk)
