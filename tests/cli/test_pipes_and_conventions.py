"""gentle as a citizen of pipes and shells: a reader that stops early is not an error,
hints go to stderr, -h works, fixed choices are checked, GENTLE_HOME is made private."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GENTLE = [sys.executable, "-m", "gentle"]


@pytest.fixture(scope="module")
def lived_in(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("home")
    code = ("from gentle.store.db import open_store\n"
            "from gentle.store.seed import seed_sessions\n"
            "s = open_store(); seed_sessions(s, 3000, heavy=True); s.close()\n")
    subprocess.run([sys.executable, "-c", code], env=dict(os.environ, GENTLE_HOME=str(home)), check=True)
    return home


@pytest.mark.parametrize("args", [
    ("history", "--limit", "3000"),
    ("history", "--json"),
    ("export", "--all", "--format", "json"),
    ("export", "--all"),
])
def test_a_reader_that_closes_early_is_a_quiet_exit_0(lived_in: Path, args: tuple[str, ...]) -> None:
    for _ in range(3):  # it was 5 failures out of 5
        child = subprocess.Popen(GENTLE + list(args), env=dict(os.environ, GENTLE_HOME=str(lived_in)),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()  # like `head -1`: one line, then the pipe is closed
        child.stdout.close()
        err = child.stderr.read()
        code = child.wait(timeout=60)
        assert first
        assert code == 0, err.decode()
        assert err == b"", err.decode()


def test_the_showing_hint_goes_to_stderr(lived_in: Path) -> None:
    done = subprocess.run(GENTLE + ["history"], env=dict(os.environ, GENTLE_HOME=str(lived_in)),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "Showing the newest 20 of 3000 sessions" in done.stderr.replace(",", "")
    assert "Showing" not in done.stdout and len(done.stdout.splitlines()) == 20


@pytest.mark.parametrize("args", [("-h",), ("flows", "-h"), ("config", "-h"), ("export", "-h"), ("start", "-h")])
def test_minus_h_is_help(args: tuple[str, ...], tmp_path: Path) -> None:
    done = subprocess.run(GENTLE + list(args), env=dict(os.environ, GENTLE_HOME=str(tmp_path)),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage:")


def test_a_format_that_is_not_offered_is_refused_with_the_choices(tmp_path: Path) -> None:
    done = subprocess.run(GENTLE + ["export", "--all", "--format", "pdf"],
                          env=dict(os.environ, GENTLE_HOME=str(tmp_path)), capture_output=True, text=True)
    assert done.returncode == 2
    assert "'md', 'json'" in done.stderr and "Traceback" not in done.stderr


def test_a_new_gentle_home_is_private_under_umask_022(tmp_path: Path) -> None:
    home = tmp_path / "made" / "home"
    os.chmod(tmp_path, 0o755)
    done = subprocess.run(["sh", "-c", 'umask 022; exec "$@"', "sh", *GENTLE, "history"],
                          env=dict(os.environ, GENTLE_HOME=str(home)), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "made", home, home / "data"):
        assert (folder.stat().st_mode & 0o777) == 0o700, folder
    assert (tmp_path.stat().st_mode & 0o777) == 0o755  # the folder it was made in is left alone
