"""kill -9 at a random moment of a real session in a real terminal, then `gentle resume`.

A couple rate, start writing, call a break and make it longer; gentle is killed with
SIGKILL at a moment chosen by the seed (and a random fraction of a second after the last
key, so keys can be in flight). Whatever gentle had shown it had taken (the next
question, the break's return time) must be in the notes file, the file must pass
SQLite's integrity check, and `gentle resume` must bring back exactly that: the answers,
the half-typed words in their box, the break with the return time the couple saw.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from tmux_drive import Failed, Terminal  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FLOW = ROOT / "tests" / "fixtures" / "flows" / "rate-write-say.yaml"
WORDS = "I feel tired tonight"
RETURN = re.compile(r"Come back at (\d\d:\d\d)")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.serial,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed, so there is no terminal to drive"),
]


def gentle_pid(term: Terminal) -> int:
    shell = int(term.tmux("display-message", "-p", "-t", term.pane or "e2e", "#{pane_pid}").strip())
    children = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout.split()
    assert children, "gentle is not running in the pane"
    return int(children[0])


def return_time(screen: str) -> str:
    found = RETURN.search(screen)
    assert found, screen
    return found.group(1)


def play(term: Terminal, kill_after: int, rng: random.Random) -> dict:
    """Play the session up to step ``kill_after`` (1-5), then kill gentle. What was seen."""
    seen: dict = {}
    term.start("start", str(FLOW), "--partner", "Sam", "--partner", "Alex")
    term.wait_for("Sam, how stirred up do you feel?")
    term.keys("Escape")  # the first-run safety note
    moves = [
        (("3", "Enter"), "Alex, how stirred up do you feel?", "sam rated"),
        (("2", "Enter"), "Sam, what would you like your partner to know?", "alex rated"),
        (("-l", WORDS), WORDS, "typing"),
        (("C-b", "1", "Enter"), "Come back at", "break"),
        (("+",), None, "longer"),
    ]
    for keys, shown, name in moves[:kill_after]:
        if keys[0] == "-l":
            term.tmux("send-keys", "-t", term.pane or "e2e", *keys)
        else:
            term.keys(*keys)
        if shown is not None:
            screen = term.wait_for(shown)
        if name == "typing":
            time.sleep(2.6)  # a draft is kept every 2 s while typing
        elif name == "break":
            seen["return"] = return_time(screen)
        elif name == "longer":
            # Shown once the return time on screen has moved on by five minutes.
            first, deadline = seen["return"], time.monotonic() + 10
            while return_time(term.screen()) == first:
                if time.monotonic() > deadline:
                    raise Failed(f"+ did not move the return time:\n{term.screen()}")
                time.sleep(0.1)
            seen["return"] = return_time(term.screen())
        seen[name] = True
    time.sleep(rng.uniform(0, 0.4))
    os.kill(gentle_pid(term), signal.SIGKILL)
    time.sleep(0.5)
    return seen


def stored(home: Path) -> tuple[dict, dict | None]:
    with sqlite3.connect(home / "data" / "gentle.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ratings = dict(conn.execute(
            "SELECT partner, rating FROM answers WHERE step_id = 'check-in' AND withdrawn_at IS NULL"))
        row = conn.execute("SELECT snapshot FROM sessions").fetchone()
    return ratings, (json.loads(row[0]) if row and row[0] else None)


# Seeds chosen so that the kill falls after each of the five moves at least once.
@pytest.mark.parametrize("seed", [2, 1, 7, 9, 5])
def test_a_kill_at_any_moment_loses_nothing_gentle_had_taken(seed: int) -> None:
    rng = random.Random(seed)
    kill_after = rng.randint(1, 5)
    home = Path(tempfile.mkdtemp(prefix="gentle-kill-"))
    term = Terminal(home)
    try:
        seen = play(term, kill_after, rng)
        ratings, snapshot = stored(home)
        if seen.get("sam rated"):
            assert ratings.get(0) == 3
        if seen.get("alex rated"):
            assert ratings.get(1) == 2
        if seen.get("break"):
            assert snapshot is not None and snapshot["break"] is not None
            minutes = 25 if seen.get("longer") else 20
            assert snapshot["break"]["countdown"]["total"] == minutes * 60

        term.start("resume")
        if seen.get("break"):
            # The break is back with the return time the couple agreed (and extended).
            screen = term.wait_for("Come back at")
            assert return_time(screen) == seen["return"], screen
            term.keys("e")
            term.wait_for("Come back now?")
            term.keys("y")
        if seen.get("alex rated"):
            screen = term.wait_for("Sam, what would you like your partner to know?")
            if seen.get("typing"):
                screen = term.wait_for(WORDS)  # the half-typed words, in their box
        elif seen.get("sam rated"):
            term.wait_for("Alex, how stirred up do you feel?")
        term.keys("C-q")
    except Failed as error:
        pytest.fail(f"seed {seed}, killed after move {kill_after}: {error}")
    finally:
        term.stop()
        shutil.rmtree(home, ignore_errors=True)
