"""Typed problems with the notes store, each worded for the person using gentle.

Every error carries the file it is about (``path``) so the CLI and the TUI can print
one kind line and nothing else. ``line``/``col`` are set when a position is known
(an import file with broken JSON).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """Something went wrong with the saved notes. ``str(error)`` is the message for people."""

    def __init__(
        self, message: str, path: Path | str | None = None, line: int = 0, col: int = 0
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.col = col
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


class DataDirUnwritable(StoreError):
    """The folder for notes cannot be created or written."""


class DiskFull(StoreError):
    """The disk (or the file system holding the notes) has no room left."""


class DatabaseCorrupt(StoreError):
    """The notes file was damaged; it has been moved aside to ``moved_to``."""

    def __init__(self, message: str, path: Path, moved_to: Path | None) -> None:
        super().__init__(message, path)
        self.moved_to = moved_to


class DatabaseTooNew(StoreError):
    """The notes file comes from a newer gentle; it was left exactly as it was."""

    def __init__(self, message: str, path: Path, found: int, supported: int) -> None:
        super().__init__(message, path)
        self.found = found
        self.supported = supported


class StoreBusy(StoreError):
    """Another gentle window held the notes for longer than we are willing to wait."""


class SessionNotFound(StoreError):
    """No saved session matches the id (or id prefix) given."""


class AmbiguousSession(StoreError):
    """More than one saved session starts with the id prefix given."""


class ImportFormatError(StoreError):
    """A file given to ``gentle import`` is not a gentle export we can read."""


class FileWriteError(StoreError):
    """An export file could not be written."""


def unwritable(path: Path) -> DataDirUnwritable:
    return DataDirUnwritable(
        f"gentle can't save notes in {path}: that folder can't be written to. "
        "Nothing already saved was lost. You can choose another folder with --data-dir.",
        path,
    )


def disk_full(path: Path) -> DiskFull:
    return DiskFull(
        f"The disk holding {path} is full, so gentle couldn't save the latest notes. "
        "Nothing already saved was lost; free some space and try again.",
        path,
    )


def busy(path: Path) -> StoreBusy:
    return StoreBusy(
        f"Another gentle window is busy saving to {path}. Please try again in a moment.", path
    )


_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DENIED_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST}


def translate(error: BaseException, path: Path) -> StoreError | None:
    """Map an OS or SQLite error about ``path`` to a typed StoreError, or None if unknown.

    Corruption is not mapped here: it needs the file moved aside first (see db.py).
    """
    if isinstance(error, StoreError):
        return error
    if isinstance(error, OSError):
        if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link where the notes file goes
            return StoreError(
                f"{path} is a link, and gentle keeps its notes only in a plain file, never "
                "through a link. Put the real file there, or choose its folder with --data-dir.",
                path,
            )
        if error.errno in _FULL_ERRNOS:
            return disk_full(path)
        if error.errno in _DENIED_ERRNOS:
            return unwritable(path.parent if path.suffix else path)
        return None
    if isinstance(error, sqlite3.OperationalError):
        text = str(error).lower()
        if "disk is full" in text or "disk full" in text:
            return disk_full(path)
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return unwritable(path.parent)
        if "locked" in text or "busy" in text:
            return busy(path)
        if "disk i/o error" in text:
            return StoreError(
                f"gentle couldn't read or write {path} (a disk error). "
                "Nothing already saved was lost; please check the disk and try again.",
                path,
            )
    return None


def looks_corrupt(error: BaseException) -> bool:
    """True for SQLite's ways of saying the file is not (or no longer) a sound database."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    if isinstance(error, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return False  # a constraint or a misuse: the file itself is fine
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text
