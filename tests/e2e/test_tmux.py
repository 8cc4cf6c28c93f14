"""The real gentle in a real terminal (tmux): pause-and-breathe from start to end, by keys."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("tmux_drive.py")


@pytest.mark.e2e
@pytest.mark.serial
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed, so there is no terminal to drive")
def test_pause_and_breathe_in_tmux() -> None:
    done = subprocess.run([sys.executable, str(DRIVER)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "reached the end" in done.stdout
    assert "saved as completed" in done.stdout
    assert "the pacer three keys later" in done.stdout
