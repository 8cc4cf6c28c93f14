"""gentle never harms a path it did not create: no mode changes on folders it was given,
no writing through pipes, devices or links, no replacing a file without asking, no
folders made for a typo; and what it creates is private under any umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def gentle(home: Path, *args: str, umask: int | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    env["GENTLE_HOME"] = str(home)
    prefix = [] if umask is None else ["sh", "-c", f'umask {umask:03o} && exec "$0" "$@"']
    return subprocess.run([*prefix, sys.executable, "-m", "gentle", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def saved_session(home: Path) -> None:
    answers = home.parent / "answers.yaml"
    answers.write_text("check-in: [3, 2]\n")
    done = gentle(home, "flows", "walk", "pause-and-breathe", "--answers", str(answers), "--save")
    assert done.returncode == 0, done.stderr


def test_a_data_dir_that_exists_keeps_its_own_mode(tmp_path: Path) -> None:
    mine = tmp_path / "Documents"
    mine.mkdir(mode=0o755)
    os.chmod(mine, 0o755)
    for args in (("history",), ("export", "--all")):
        gentle(tmp_path / "home", "--data-dir", str(mine), *args)
    assert mode(mine) == 0o755
    assert mode(mine / "gentle.db") == 0o600  # what gentle made is private


def test_under_umask_000_everything_gentle_creates_is_private(tmp_path: Path) -> None:
    home = tmp_path / "new" / "home"  # neither exists yet: gentle makes both
    assert gentle(home, "history", umask=0).returncode == 0
    assert mode(tmp_path / "new") == 0o700 and mode(home) == 0o700
    assert mode(home / "data") == 0o700 and mode(home / "data" / "gentle.db") == 0o600
    assert gentle(home, "flows", "new", "my-flow", umask=0).returncode == 0
    assert mode(home / "config" / "flows") == 0o700
    assert mode(home / "config" / "flows" / "my-flow.yaml") == 0o600
    out = tmp_path / "handout.md"
    assert gentle(home, "flows", "handout", "validate", "-o", str(out), umask=0).returncode == 0
    assert mode(out) == 0o644  # for printing and sharing, but never writable by others


@pytest.mark.parametrize("command", [("export", "--all", "-o"), ("flows", "handout", "validate", "-o")])
def test_an_existing_file_is_not_replaced_without_force(tmp_path: Path, command: tuple[str, ...]) -> None:
    home = tmp_path / "home"
    saved_session(home)
    target = tmp_path / "precious.md"
    target.write_text("my own words")
    refused = gentle(home, *command, str(target))
    assert refused.returncode != 0 and "already exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text() == "my own words"
    forced = gentle(home, *command, str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text() != "my own words"


@pytest.mark.parametrize("command", [("export", "--all", "-o"), ("flows", "handout", "validate", "-o")])
def test_pipes_links_and_missing_folders_are_refused(tmp_path: Path, command: tuple[str, ...]) -> None:
    home = tmp_path / "home"
    saved_session(home)
    fifo = tmp_path / "a-pipe"
    os.mkfifo(fifo)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours")
    link = tmp_path / "a-link.md"
    link.symlink_to(elsewhere)
    for target, words in ((fifo, "not an ordinary file"), (link, "is a link"),
                          (tmp_path / "missing" / "dirs" / "x.md", "doesn't exist")):
        done = gentle(home, *command, str(target), "--force")
        assert done.returncode != 0 and words in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert link.is_symlink() and elsewhere.read_text() == "not yours"
    assert not (tmp_path / "missing").exists()
