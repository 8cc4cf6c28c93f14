"""Drive the real ``gentle`` in tmux at 80x24, by keys, to the end of pause-and-breathe.

Run by ``scripts/e2e`` (and by tests/e2e/test_tmux.py when tmux is installed). Uses a
private tmux server and a temporary GENTLE_HOME; real clock, real notes store. Exits 0
when the couple reached the end and the session was saved as completed, else prints the
last screen and exits 1.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_FLOW = ROOT / "tests" / "tui" / "flows" / "hostile.yaml"


class Failed(Exception):
    pass


class Terminal:
    def __init__(self, home: Path, size: tuple[int, int] = (80, 24), name: str = "") -> None:
        self.socket = f"gentle-e2e-{os.getpid()}{name}"
        self.home = home
        self.size = size
        self.pane: str | None = None

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True, text=True, check=False, timeout=30,
        )
        return done.stdout

    def start(self, *gentle_args: str) -> None:
        # COLUMNS and LINES from the caller's terminal would override the pane's own size.
        command = " ".join(["env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "gentle", *gentle_args])
        env = [f"GENTLE_HOME={self.home}", "TERM=xterm-256color", "TZ=UTC", f"PATH={os.environ.get('PATH', '')}"]
        if self.pane is None:
            self.tmux("new-session", "-d", "-s", "e2e", "-x", str(self.size[0]), "-y", str(self.size[1]), *sum((["-e", e] for e in env), []),
                      f"cd {ROOT} && {command}; sleep 30")
            self.pane = self.tmux("display-message", "-p", "-t", "e2e", "#{pane_id}").strip()
        else:
            self.tmux("respawn-pane", "-k", "-t", self.pane, *sum((["-e", e] for e in env), []),
                      f"cd {ROOT} && {command}; sleep 30")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.pane or "e2e")

    def title(self) -> str:
        return self.tmux("display-message", "-p", "-t", self.pane or "e2e", "#{pane_title}").strip()

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.pane or "e2e", key)
            time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in " ".join(screen.split()):
                return screen
            time.sleep(0.1)
        raise Failed(f"never saw {text!r}; the screen was:\n{self.screen()}")

    def stop(self) -> None:
        self.tmux("kill-server")


def say(message: str) -> None:
    print(f"e2e: {message}", flush=True)


def walk_pause_and_breathe(term: Terminal) -> None:
    term.start("start", "pause-and-breathe", "--partner", "Sam", "--partner", "Alex")
    term.wait_for("Let's slow down")
    term.wait_for("Sam and Alex, you've stopped to slow")  # the line wraps beside the safety note
    say("welcome shown; Enter")
    term.keys("Enter")
    term.wait_for("Sam, how stirred up do you feel right now?")
    term.keys("3", "Enter")
    term.wait_for("Alex, how stirred up do you feel right now?")
    term.keys("2", "Enter")
    say("both partners rated; the breathing starts")
    first = term.wait_for("Breath 1 of")
    term.wait_for("Breathe")
    time.sleep(1.5)
    second = term.screen()
    if first == second:
        raise Failed("the breathing pacer did not move in 1.5 seconds")
    say("the pacer moves; Enter to finish breathing early")
    term.keys("Enter")
    term.wait_for("Sam, how stirred up do you feel now?")
    term.keys("1", "Enter")
    term.wait_for("Alex, how stirred up do you feel now?")
    term.keys("1", "Enter")
    term.wait_for("Well done")
    term.keys("Enter")
    term.wait_for("You made it to the end.")
    say("reached the end; q leaves")
    term.keys("q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "You made it to the end." in term.screen():
        time.sleep(0.1)


def first_minute(term: Terminal) -> None:
    """A fresh install, no names given: the first step at once, and the breathing three
    keys later (Enter, a digit for each partner). Esc there puts the safety note away."""
    term.start("start", "pause-and-breathe")
    term.wait_for("Let's slow down")
    if "What are your names?" in term.screen():
        raise Failed("a names form stands before the first step")
    term.wait_for("afraid of their partner")  # the safety note, even at this size
    term.keys("Escape")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and "afraid of their partner" in term.screen():
        time.sleep(0.1)
    term.keys("Enter", "3", "2")
    term.wait_for("Breath 1 of")
    footer = term.screen().rstrip().splitlines()[-1]
    for words in ("Ctrl+B Break", "Ctrl+G Hide", "Help"):
        if words not in footer:
            raise Failed(f"{words!r} is not in the footer: {footer!r}")
    say(f"at {term.size[0]}x{term.size[1]}: the first step at once, the pacer three keys later")
    term.keys("C-q")


def check_saved(home: Path) -> None:
    database = home / "data" / "gentle.db"
    if not database.exists():
        raise Failed(f"no notes database at {database}")
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT flow_id, outcome, partner_a, partner_b FROM sessions").fetchall()
        ratings = conn.execute(
            "SELECT step_id, partner, rating FROM answers WHERE rating IS NOT NULL AND withdrawn_at IS NULL"
            " ORDER BY step_id, partner"
        ).fetchall()
    if rows != [("pause-and-breathe", "completed", "Sam", "Alex")]:
        raise Failed(f"the session was not saved as completed: {rows}")
    expected = [("check-again", 0, 1), ("check-again", 1, 1), ("check-in", 0, 3), ("check-in", 1, 2)]
    if ratings != expected:
        raise Failed(f"the ratings saved were {ratings}, not {expected}")
    say("the session is saved as completed, with all four ratings")


def hostile_title(term: Terminal) -> None:
    term.start("start", str(HOSTILE_FLOW), "--partner", "[b]Sam", "--partner", "Alex")
    term.wait_for("[/] [@click=app.quit]Quit[/]")
    term.wait_for("[b]Sam and Alex: [/]")
    term.wait_for("[@click=app.quit]click[/] [red on red]x")
    if "TITLE" in term.title():
        raise Failed(f"a flow changed the terminal's title to {term.title()!r}")
    say("hostile flow text shows literally and leaves the terminal title alone")
    term.keys("C-q")


def main() -> int:
    if shutil.which("tmux") is None:
        print("e2e: tmux is not installed; nothing to drive", file=sys.stderr)
        return 2
    home = Path(tempfile.mkdtemp(prefix="gentle-e2e-"))
    term = Terminal(home)
    try:
        walk_pause_and_breathe(term)
        check_saved(home)
        hostile_title(term)
        small_home = Path(tempfile.mkdtemp(prefix="gentle-e2e-"))
        small = Terminal(small_home, (40, 12), "-small")
        try:
            first_minute(small)
        finally:
            small.stop()
            shutil.rmtree(small_home, ignore_errors=True)
        say("passed")
        return 0
    except Failed as error:
        print(f"e2e: FAILED: {error}", file=sys.stderr)
        return 1
    finally:
        term.stop()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
