"""Write a file so that a crash or a full disk never leaves half of it behind.

The text goes to a temporary file in the same folder, is flushed to disk, and then
replaces the target in one step (``os.replace``), so readers see the old file or the
new one, never a mix. Private files (settings) are 0600 in a 0700 folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from gentle.paths import make_private_dir


def write_text_atomic(
    path: Path, text: "str | Iterable[str]", *, private: bool = False, mode: int | None = None
) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically and return the path. ``text`` may be
    pieces (an export streamed from the store): they go to the temporary file as they
    come, and a failure part-way leaves the target as it was.

    ``private`` makes the folder 0700 and the file 0600 whatever the umask; otherwise
    the folder is created if needed and the file gets the usual permissions, or exactly
    ``mode`` when given (an export of session notes: 0600 in a folder the user chose).
    """
    path = Path(path)
    folder = path.parent
    if private:
        make_private_dir(folder)
    # A place the person chose is never created for them: a typo stays a typo.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            if isinstance(text, str):
                handle.write(text)
            else:
                for piece in text:
                    handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if private or mode is not None:
            os.chmod(tmp, 0o600 if mode is None else mode)
        else:
            # mkstemp makes 0600; a handout gets the usual umask bits, but is never
            # writable by others, whatever the umask.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o644 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return path


class TargetRefused(OSError):
    """A path gentle won't write to; the message says why, for people."""


def check_target(path: Path, *, replace: bool = False) -> None:
    """Refuse to write where it would harm something: a pipe, a device, a folder or a
    link at ``path``, an existing file (unless ``replace``), or a folder that isn't there.
    """
    path = Path(path)
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    if found is not None:
        import stat

        if stat.S_ISLNK(found.st_mode):
            raise TargetRefused(f"{path} is a link; gentle won't write through it. Pick a plain file name.")
        if stat.S_ISDIR(found.st_mode):
            raise TargetRefused(f"{path} is a folder: please add a file name.")
        if not stat.S_ISREG(found.st_mode):
            raise TargetRefused(f"{path} is not an ordinary file (a pipe or a device, say); "
                                "gentle won't write there.")
        if not replace:
            raise TargetRefused(f"{path} already exists, and gentle won't replace it without asking.")
    if not path.parent.is_dir():
        raise TargetRefused(f"The folder {path.parent} doesn't exist. Create it first, or pick another place.")


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform lets a folder be opened.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
