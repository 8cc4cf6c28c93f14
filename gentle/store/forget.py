"""``gentle forget``: delete sessions so their words are gone from the database files.

``secure_delete`` (set when the store opens) overwrites freed content with zeros; the
WAL is then checkpointed into the main file and truncated, and VACUUM rebuilds the file
without the freed pages, with a last checkpoint for the WAL VACUUM itself wrote.

What this cannot promise: the disk itself (SSD wear levelling, file system journals,
snapshots and backups) may still hold older copies. The CLI says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from typing import Sequence

from gentle.records import record
from gentle.store.db import BUSY_TIMEOUT_MS, Store
from gentle.store.errors import StoreError

DISK_CAVEAT = (
    "gentle has erased these notes from its own files. The disk itself, backups or "
    "file-system snapshots may still keep older copies for a while; that is outside "
    "gentle's reach."
)


@record
class Forgotten:
    sessions: int
    scrubbed: bool  # False when another open gentle kept the WAL from being emptied
    why_not: str | None = None  # when erasing the freed space failed (a full disk, say)


# Every table that holds a session's words, children before the sessions themselves.
SESSION_TABLES = ("events", "answers", "timings", "notes", "sessions")


def forget(store: Store, ids: Sequence[str] | None) -> Forgotten:
    """Delete the given sessions (every session when ``ids`` is None)."""
    if ids is None and _alone(store):
        return _forget_everything(store)
    with store.write() as conn:
        if ids is None:
            removed = conn.execute("DELETE FROM sessions").rowcount
        else:
            removed = 0
            for session_id in ids:
                removed += conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
        # A flow copy nobody refers to any more goes too: it may hold the couple's own flow.
        conn.execute("DELETE FROM flows WHERE hash NOT IN (SELECT flow_hash FROM sessions)")
        # Counted in the same transaction, so a -wal that holds this forget is known to
        # be one (gentle/store/wal_check.py) and is replayed, never set aside.
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'forgets'")
    try:
        scrubbed = scrub(store)
    except StoreError as error:  # the sessions are gone; erasing their pages needs room
        return Forgotten(removed, False, str(error))
    return Forgotten(removed, scrubbed)


def _alone(store: Store) -> bool:
    """True when no other connection holds the notes open (the WAL empties at once)."""
    with store.read() as conn:
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except StoreError:
            return False
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return not busy


def _forget_everything(store: Store) -> Forgotten:
    """``forget --all`` with nobody else reading: the tables are emptied whole, and VACUUM
    then writes a new, nearly empty file over the old one and cuts it short, so no page
    of the old content stays in the notes file or its WAL. Zeroing every freed page
    first (``secure_delete``, as a partial forget does) would write the whole file twice
    more for nothing: 19 s for 100k sessions, where this takes under a second. It runs
    only when no other window has the notes open (checked first)."""
    conn = store.conn
    conn.execute("PRAGMA secure_delete = OFF")
    # With foreign keys on, SQLite deletes row by row even from a table emptied whole;
    # the children go first here, so nothing is left to point anywhere.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with store.write():
            removed = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
            for table in SESSION_TABLES:
                conn.execute(f"DELETE FROM {table}")
            conn.execute("DELETE FROM flows")
            conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'forgets'")
        why = None
        try:
            if scrub(store):
                return Forgotten(removed, True)
        except StoreError as error:
            why = str(error)
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
    # Another window opened the notes in the meantime (or there was no room for the
    # compaction): the words may sit in free pages until the compaction runs, and the
    # CLI says to run forget again (as for a partial forget kept from emptying the WAL).
    return Forgotten(removed, False, why)


def scrub(store: Store) -> bool:
    """Leave no freed page behind in the main file or the WAL; False if a reader blocked it."""
    with store.read() as conn:
        # A TRUNCATE checkpoint waits for every reader; another open window would make
        # the person stare at a frozen prompt, so wait briefly and report it instead.
        conn.execute("PRAGMA busy_timeout = 250")
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("VACUUM")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return not busy


# Files of gentle's own, beside the notes, that can hold a session's words.
PRIVATE_FILES = ("crash-*.log", "unsaved-session-*.json")
# Copies kept aside untouched (a damaged notes file, a -wal that didn't belong): gentle
# never deletes those itself, but says they are there.
KEPT_ASIDE = ("*.damaged-*", "*-wal.set-aside-*", "*-shm.set-aside-*")


def forget_private_files(folder: Path) -> tuple[int, list[Path]]:
    """Overwrite and delete gentle's crash reports and rescue copies in ``folder``.

    Returns how many went, and the kept-aside copies that remain (for the person)."""
    gone = 0
    for pattern in PRIVATE_FILES:
        for path in sorted(folder.glob(pattern)):
            try:
                if path.is_symlink() or not path.is_file():
                    continue  # not a file gentle wrote
                size = path.stat().st_size
                with open(path, "r+b") as handle:
                    handle.write(b"\0" * size)
                    handle.flush()
                    os.fsync(handle.fileno())
                path.unlink()
                gone += 1
            except OSError:
                continue
    kept = sorted(p for pattern in KEPT_ASIDE for p in folder.glob(pattern))
    return gone, kept
