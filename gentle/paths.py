"""Where gentle keeps things, and how private directories and files are made.

Precedence for the data directory: ``--data-dir`` (via :func:`set_data_dir`), then
``GENTLE_HOME``, then the platformdirs user data directory. ``GENTLE_HOME`` also holds
config and user flows, so tests (and cautious users) can keep everything in one place.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "gentle"
_data_dir_override: Path | None = None


def set_data_dir(path: Path | None) -> None:
    global _data_dir_override
    _data_dir_override = Path(path).expanduser() if path else None


def _home() -> Path | None:
    value = os.environ.get("GENTLE_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    if _data_dir_override is not None:
        return _data_dir_override
    home = _home()
    if home is not None:
        return home / "data"
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False)


def user_flows_dir() -> Path:
    return config_dir() / "flows"


def config_file() -> Path:
    return config_dir() / "config.yaml"


def database_file() -> Path:
    return data_dir() / "gentle.db"


def make_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents as 0700, whatever the umask; return it.

    Only folders gentle creates here are given that mode: a folder that already exists
    (``--data-dir ~/Documents``, or ``/``) is the person's, and is never changed.
    """
    path = Path(path)
    missing: list[Path] = []
    here = path
    while not here.exists() and not here.is_symlink() and here != here.parent:
        missing.append(here)
        here = here.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by another gentle: not ours to change
        os.chmod(folder, 0o700)  # the mode given to mkdir is filtered by the umask
    if not path.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(path))
    return path
