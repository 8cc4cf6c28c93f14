"""``gentle import`` of a demo saved with F5 in ``gentle demo``: a kind, plain refusal
that says what the file is and how to look at it, never "this isn't a gentle export"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gentle.engine.clock import FakeClock
from gentle.flows.catalogue import Catalogue
from gentle.store.live import LiveSession

ROOT = Path(__file__).resolve().parents[2]


def gentle(home: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    environment.update(GENTLE_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "gentle", *args], capture_output=True,
                          env=environment, cwd=ROOT, timeout=60)


def saved_demo(folder: Path, fmt: str) -> Path:
    """A demo file written by the demo's own code (what F5 saves)."""
    flow = Catalogue().load("pause-and-breathe")
    _runner, live = LiveSession.start(None, flow, ("Jamie", "Morgan"), FakeClock(), lambda event: None, demo=True)
    return live.save_copy(folder / f"demo.{fmt}", fmt=fmt)


@pytest.mark.parametrize("fmt, kind", [("json", "JSON"), ("md", "Markdown")])
def test_importing_a_saved_demo_says_kindly_what_it_is(tmp_path: Path, fmt: str, kind: str) -> None:
    home = tmp_path / "home"
    path = saved_demo(tmp_path, fmt)
    if fmt == "json":
        assert json.loads(path.read_text(encoding="utf-8"))["format"] == "gentle-demo"
    done = gentle(home, "import", str(path))
    said = " ".join((done.stdout + done.stderr).decode("utf-8").split())
    assert done.returncode == 1
    assert "isn't a gentle export" not in said and "Traceback" not in said
    assert "this is a demo, saved from gentle demo" in said
    assert "Demos are never imported into your notes, so nothing was imported." in said
    assert f"It is plain {kind} text: open it in any text editor to look at it." in said
    history = gentle(home, "history")
    assert "Jamie" not in history.stdout.decode("utf-8")


def test_a_file_that_is_not_an_export_still_says_so(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"format": "something-else"}', encoding="utf-8")
    done = gentle(tmp_path / "home", "import", str(other))
    assert done.returncode == 1 and "isn't a gentle export" in (done.stdout + done.stderr).decode("utf-8")
