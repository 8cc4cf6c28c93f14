"""Opening the notes database: private files, pragmas, migrations, and the bad days.

* The folder is 0700 and the database (and its -wal/-shm) 0600 whatever the umask: the
  file is created by us before SQLite sees it, and SQLite gives its -wal/-shm the
  database's own mode.
* WAL with ``synchronous=FULL``: an answer whose COMMIT returned survives kill -9 and a
  power cut. ``busy_timeout`` lets two gentle windows write without "database is locked".
* ``isolation_level=None``: Python never opens a transaction behind our back; every write
  goes through :meth:`Store.write` (``BEGIN IMMEDIATE … COMMIT``).
* A damaged file is moved aside (never overwritten, never deleted); a file from a newer
  gentle is refused before anything touches it; a leftover -wal that belongs to another
  file is set aside before SQLite can replay it (gentle/store/wal_check.py).
"""

from __future__ import annotations

import errno
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from itertools import count
from pathlib import Path
from typing import Iterator

from gentle import paths
from gentle.store import errors
from gentle.store.errors import DatabaseCorrupt, DatabaseTooNew, StoreError
from gentle.store.schema import SCHEMA_VERSION, migrate
from gentle.store import wal_check
from gentle.store.wal_check import check_leftover_wal

BUSY_TIMEOUT_MS = 5000
_MAGIC = b"SQLite format 3\x00"
# Test-only fault injection, so the CLI's messages for a full disk or an unwritable
# folder can be checked end to end on machines where neither can be arranged for real:
#   "disk-full"  -> the database may not grow by a single page (SQLite's real SQLITE_FULL)
#   "unwritable" -> creating the data folder fails with EACCES
FAULT_ENV = "GENTLE_TEST_FAULT"


class Store:
    """An open notes database. Use :meth:`write` for every change."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        # Things the person should know about opening it (a -wal set aside), in words.
        self.notices: list[str] = []
        self._closed_once = False
        if path is not None:
            wal_check.opened(path)

    @property
    def memory(self) -> bool:
        """True for the in-memory store the demo uses: nothing reaches the disk."""
        return self.path is None

    @property
    def _where(self) -> Path:
        return self.path if self.path is not None else Path("(memory)")

    @contextmanager
    def write(self, *, patience_ms: int | None = None) -> Iterator[sqlite3.Connection]:
        """One explicit write transaction: committed on success, rolled back on error.

        ``patience_ms``: how long to wait for another gentle's write lock this time,
        instead of :data:`BUSY_TIMEOUT_MS` (a running session waits briefly and queues).
        """
        if patience_ms is not None:
            self.conn.execute(f"PRAGMA busy_timeout = {int(patience_ms)}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # SQLite may already have rolled back (SQLITE_FULL does)
            typed = self._typed(error)
            if typed is error:
                raise
            raise typed from error
        finally:
            if patience_ms is not None:
                try:
                    self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                except sqlite3.Error:
                    pass  # closed (a damaged file was moved aside)

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Reads, with SQLite's errors turned into typed StoreErrors."""
        try:
            yield self.conn
        except Exception as error:
            typed = self._typed(error)
            if typed is error:
                raise
            raise typed from error

    def _typed(self, error: BaseException) -> BaseException:
        if self.path is not None and errors.looks_corrupt(error):
            self.close()
            return move_aside(self.path)
        return errors.translate(error, self._where) or error

    def check(self) -> str:
        """``PRAGMA integrity_check``: "ok", or SQLite's list of problems."""
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass
        if self.path is not None and not self._closed_once:
            self._closed_once = True
            wal_check.closed(self.path)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: Path | None = None) -> Store:
    """Open (creating and migrating as needed) the notes database; raise StoreError kinds."""
    path = Path(path) if path is not None else paths.database_file()
    try:
        if os.environ.get(FAULT_ENV) == "unwritable":
            raise PermissionError(errno.EACCES, "Permission denied", str(path.parent))
        paths.make_private_dir(path.parent)
    except OSError as error:
        raise (errors.translate(error, path) or errors.unwritable(path.parent)) from None
    found = _version_on_disk(path)
    if found > SCHEMA_VERSION:
        raise _too_new(path, found)
    try:
        set_aside = check_leftover_wal(path)
    except OSError as error:
        raise (errors.translate(error, path) or errors.unwritable(path.parent)) from None
    try:
        _create_private(path)
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
    except (OSError, sqlite3.Error) as error:
        raise (errors.translate(error, path) or errors.unwritable(path.parent)) from None
    store = Store(conn, path)
    if set_aside:
        store.notices.append(set_aside)
    try:
        _configure(store)
    except StoreError:
        store.close()
        raise
    except sqlite3.Error as error:
        store.close()
        if errors.looks_corrupt(error):
            raise move_aside(path) from None
        raise (errors.translate(error, path) or error) from None
    return store


def open_for_reading(path: Path | None = None) -> Store:
    """The notes file opened read-only, for commands that only read (history, show,
    export) when its folder can't be written: nothing is created, migrated or changed.
    Raises the StoreError kinds; a file that isn't there yet, or from an older or newer
    gentle, is said as such."""
    path = Path(path) if path is not None else paths.database_file()
    if not path.is_file():
        raise errors.unwritable(path.parent)
    found = _version_on_disk(path)
    if found > SCHEMA_VERSION:
        raise _too_new(path, found)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except (OSError, sqlite3.Error):
        raise errors.unwritable(path.parent) from None
    if version < SCHEMA_VERSION:  # readers expect today's tables; an upgrade needs writing
        conn.close()
        raise errors.unwritable(path.parent)
    return Store(conn, path)


def open_memory_store() -> Store:
    """A store that lives in memory only: the demo records here, never in real history."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    store = Store(conn, None)
    conn.execute("PRAGMA foreign_keys = ON")
    with store.write():
        migrate(conn)
    return store


def _configure(store: Store) -> None:
    conn, path = store.conn, store.path
    assert path is not None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Read before any pragma that writes: a newer file must be left exactly as it is.
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise _too_new(path, version)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")  # VACUUM's scratch copy never touches disk
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise errors.unwritable(path.parent)
    conn.execute("PRAGMA synchronous = FULL")
    _chmod_private(path)
    if version < SCHEMA_VERSION:
        with store.write():
            migrate(conn)  # re-reads user_version inside the lock: another window may have won
    if os.environ.get(FAULT_ENV) == "disk-full":
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")


def _version_on_disk(path: Path) -> int:
    """user_version from the file header without opening it through SQLite (0 if new)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except FileNotFoundError:
        return 0
    except OSError as error:
        raise (errors.translate(error, path) or errors.unwritable(path.parent)) from None
    if not head:
        return 0  # an empty file is how SQLite starts a database
    if len(head) < 100 or not head.startswith(_MAGIC):
        raise move_aside(path)
    return int.from_bytes(head[60:64], "big")


def _create_private(path: Path) -> None:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)  # the mode given to open() is filtered by the umask
    finally:
        os.close(fd)


def _chmod_private(path: Path) -> None:
    for file in (path, _sibling(path, "-wal"), _sibling(path, "-shm")):
        try:
            os.chmod(file, 0o600)
        except FileNotFoundError:
            pass


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _too_new(path: Path, found: int) -> DatabaseTooNew:
    return DatabaseTooNew(
        f"The notes in {path} were saved by a newer version of gentle (notes format {found}; "
        f"this version reads up to {SCHEMA_VERSION}). They have been left untouched: "
        "please update gentle to open them.",
        path,
        found,
        SCHEMA_VERSION,
    )


def move_aside(path: Path) -> DatabaseCorrupt:
    """Keep a damaged database under a new, timestamped name; return the error to raise."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    try:
        target = claim_name(path, f"{path.name}.damaged-{stamp}")
        for suffix in ("-wal", "-shm"):
            side = _sibling(path, suffix)
            if side.exists() and not _sibling(target, suffix).exists():
                os.rename(side, _sibling(target, suffix))
    except OSError:
        return DatabaseCorrupt(
            f"The notes file {path} is damaged and can't be read, and it couldn't be moved "
            "aside either. It has been left as it is; please copy it somewhere safe.",
            path,
            None,
        )
    return DatabaseCorrupt(
        f"The notes file {path} was damaged and couldn't be read. It has been kept, "
        f"untouched, as {target}. gentle will start a fresh notes file next time.",
        path,
        target,
    )


def claim_name(path: Path, base: str) -> Path:
    """Move ``path`` to the first free ``base``, ``base-1``, …; never replace a file."""
    for n in count():
        target = path.with_name(base if n == 0 else f"{base}-{n}")
        try:
            os.link(path, target)  # fails if target exists, unlike rename
        except FileExistsError:
            continue
        except OSError:
            if target.exists():
                continue
            os.rename(path, target)  # a file system without hard links
            return target
        os.unlink(path)
        return target
    raise AssertionError("unreachable")
