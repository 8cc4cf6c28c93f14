"""Write a file so that a crash or a full disk never leaves half of it behind.

The text goes to a temporary file in the same folder, is flushed to disk, and then
replaces the target in one step (``os.replace``), so readers see the old file or the
new one, never a mix. Private files (settings) are 0600 in a 0700 folder.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from gentle.paths import make_private_dir


def write_text_atomic(
    path: Path, text: str, *, private: bool = False, mode: int | None = None
) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically and return the path.

    ``private`` makes the folder 0700 and the file 0600 whatever the umask; otherwise
    the folder is created if needed and the file gets the usual permissions, or exactly
    ``mode`` when given (an export of session notes: 0600 in a folder the user chose).
    """
    path = Path(path)
    folder = path.parent
    if private:
        make_private_dir(folder)
    else:
        folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if private or mode is not None:
            os.chmod(tmp, 0o600 if mode is None else mode)
        else:
            # mkstemp makes 0600; a handout or export should get the usual umask bits.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return path


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
