"""Years of history through the real commands: a 10k-session round trip keeps every
session exactly, and kill -9 in the middle of an import leaves nothing half in."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

GENTLE = [sys.executable, "-m", "gentle"]


def _seed(home: Path, n: int, seed: int = 7) -> None:
    code = ("from gentle.store.db import open_store\n"
            "from gentle.store.seed import seed_sessions\n"
            f"s = open_store(); seed_sessions(s, {n}, heavy=True, seed={seed}); s.close()\n")
    subprocess.run([sys.executable, "-c", code], env=dict(os.environ, GENTLE_HOME=str(home)), check=True)


def _run(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(GENTLE + list(args), env=dict(os.environ, GENTLE_HOME=str(home)),
                          capture_output=True, text=True, timeout=300)


def _rows(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "data" / "gentle.db") as conn:
        return conn.execute(
            "SELECT id, flow_id, partner_a, partner_b, started_at, last_at, ended_at, outcome,"
            " distress_before_a, distress_after_a, distress_before_b, distress_after_b"
            " FROM sessions ORDER BY id").fetchall()


def _answers(home: Path) -> list[tuple]:
    with sqlite3.connect(home / "data" / "gentle.db") as conn:
        return conn.execute("SELECT session_id, step_id, partner, value, at, rating FROM answers"
                            " ORDER BY session_id, at, step_id, partner").fetchall()


@pytest.mark.slow
def test_ten_thousand_long_sessions_go_out_and_back_exactly(tmp_path: Path) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    _seed(source, 10_000)
    export = tmp_path / "all.json"
    assert _run(source, "export", "--all", "--format", "json", "-o", str(export)).returncode == 0
    done = _run(target, "import", str(export))
    assert done.returncode == 0, done.stderr
    assert "10000" in done.stdout.replace(",", "")
    assert _rows(target) == _rows(source)
    assert _answers(target) == _answers(source)
    again = tmp_path / "again.json"
    assert _run(target, "export", "--all", "--format", "json", "-o", str(again)).returncode == 0
    first, second = json.loads(export.read_text()), json.loads(again.read_text())
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second


@pytest.mark.slow
def test_kill_9_during_an_import_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    source = tmp_path / "a"
    _seed(source, 3_000)
    export = tmp_path / "all.json"
    assert _run(source, "export", "--all", "--format", "json", "-o", str(export)).returncode == 0
    rng = random.Random(3)
    interrupted = 0
    for attempt in range(3):
        target = tmp_path / f"b{attempt}"
        _seed(target, 5, seed=11 + attempt)  # a lived-in store: these must survive, and nothing else appear
        before = _rows(target)
        child = subprocess.Popen(GENTLE + ["import", str(export)], env=dict(os.environ, GENTLE_HOME=str(target)),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.4 + rng.uniform(0, 0.8))  # started, and part-way through
        child.send_signal(signal.SIGKILL)
        child.wait()
        rows = _rows(target)
        assert rows == before or len(rows) == len(before) + 3_000, len(rows)
        with sqlite3.connect(target / "data" / "gentle.db") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if rows == before:  # the import had not finished: running it again brings all of it
            interrupted += 1
            assert _run(target, "import", str(export)).returncode == 0
            assert len(_rows(target)) == len(before) + 3_000
    assert interrupted, "every kill came after the import had finished: nothing was tested"
