"""Is a leftover ``gentle.db-wal`` this database's own? Checked before SQLite replays it.

SQLite replays whatever valid -wal it finds beside a database, whichever file it came
from. A stale or foreign one (a backup of gentle.db restored while an old -wal stayed,
or a -wal copied from another computer) then silently replaces the couple's sessions.
A -wal that is left over is normal too: after kill -9 or a power cut it holds the last
answers, and must be replayed.

So, when gentle opens the notes (and no Store in this process has them open) and finds a non-empty -wal that no other
gentle is using, the database is read twice, without writing anything: as the main file
alone (``immutable=1``) and with the -wal (``mode=ro``). The -wal is the database's own
when, with it, the file is whole (``quick_check``), has the same ``store_id``, and still
holds every session the main file has (or has counted a forget since, which explains
those that went). Otherwise the -wal and -shm are moved aside under new names, never
replayed, never deleted, and the person is told.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from gentle.records import record

# Bytes of the -shm file that SQLite's unix VFS locks: a live connection holds a shared
# lock on the "dead man switch" byte for as long as it has the database open.
_SHM_DMS = 128
# Notes files this process has open now (path -> how many Stores). Their -wal is live;
# and probing the -shm's locks while one is open would drop that connection's own
# locks (POSIX locks belong to the process, and closing any descriptor releases them).
_open_here: dict[str, int] = {}


def opened(path: Path) -> None:
    key = str(path.resolve())
    _open_here[key] = _open_here.get(key, 0) + 1


def closed(path: Path) -> None:
    key = str(path.resolve())
    left = _open_here.get(key, 0) - 1
    if left > 0:
        _open_here[key] = left
    else:
        _open_here.pop(key, None)


@record
class View:
    whole: bool
    store_id: str | None
    forgets: int
    sessions: frozenset[str]


def check_leftover_wal(path: Path) -> str | None:
    """Set aside a -wal that isn't ``path``'s own; a sentence for the person if it was."""
    if str(path.resolve()) in _open_here:
        return None  # this process has it open already: its -wal is live
    wal = _sibling(path, "-wal")
    try:
        if wal.stat().st_size == 0 or path.stat().st_size == 0:
            return None  # nothing to replay, or nothing in the main file to lose
    except FileNotFoundError:
        return None
    if _in_use(path):
        return None  # another gentle has the notes open: the -wal is its live log
    main = _view(path, "immutable=1")
    if main is None or not main.sessions:
        return None  # the main file alone holds no session that a -wal could take away
    replayed = _view(path, "mode=ro")
    if replayed is not None and _belongs(main, replayed):
        return None
    return _set_aside(path)


def _belongs(main: View, replayed: View) -> bool:
    if not replayed.whole:
        return False
    if main.store_id is not None and replayed.store_id != main.store_id:
        return False
    return main.sessions <= replayed.sessions or replayed.forgets > main.forgets


def _view(path: Path, mode: str) -> View | None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        whole = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        meta = dict(conn.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        sessions = (frozenset(row[0] for row in conn.execute("SELECT id FROM sessions"))
                    if "sessions" in tables else frozenset())
        forgets = int(meta.get("forgets", 0)) if str(meta.get("forgets", 0)).isdigit() else 0
        return View(whole, meta.get("store_id"), forgets, sessions)
    except sqlite3.Error:
        return View(False, None, 0, frozenset()) if mode == "mode=ro" else None
    finally:
        conn.close()


def _in_use(path: Path) -> bool:
    shm = _sibling(path, "-shm")
    try:
        fd = os.open(shm, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False  # no -shm: no connection has the database open
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS)
    except OSError as error:
        return error.errno in (errno.EACCES, errno.EAGAIN)
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _SHM_DMS)
        return False
    finally:
        os.close(fd)


def _set_aside(path: Path) -> str:
    from gentle.store.db import claim_name

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    kept = []
    for suffix in ("-wal", "-shm"):
        side = _sibling(path, suffix)
        if side.exists():
            kept.append(claim_name(side, f"{side.name}.set-aside-{stamp}"))
    return (f"Beside your notes ({path}) gentle found a change file that doesn't belong to them "
            f"(an old or copied {path.name}-wal). It was not used, so your sessions are as they "
            f"were; it is kept, untouched, as {kept[0]}.")


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
