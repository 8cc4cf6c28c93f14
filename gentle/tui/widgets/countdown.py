"""A large, calm countdown (Textual ``Digits``) with "Come back at 21:35" in local time.

It draws what it is told: seconds remaining and the deadline, both from the runner's
countdown (``deadline - now``). The owner repaints it from a Textual timer; the Digits
only change when the shown text changes, which keeps the CPU near idle.
"""

from __future__ import annotations

import math
import time

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Static


def clock_face(seconds: float) -> str:
    """12:34 or 1:02:03. Rounded up, so a fresh 20-minute timer shows 20:00."""
    whole = max(0, math.ceil(seconds - 1e-6))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def elapsed_face(seconds: float) -> str:
    """Time spent so far, rounded down: 0:00 for the first second."""
    return clock_face(max(0.0, float(int(seconds))))


def local_time(epoch: float) -> str:
    """Wall-clock time of day where the couple is, e.g. 21:35."""
    return time.strftime("%H:%M", time.localtime(epoch))


class CountdownView(Vertical):
    DEFAULT_CSS = """
    CountdownView { height: auto; align-horizontal: center; }
    CountdownView Digits { width: auto; }
    CountdownView .small-time { width: auto; display: none; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._face = ""
        self._note = ""

    def compose(self) -> ComposeResult:
        yield Digits("", classes="big-time")
        yield Static("", classes="small-time", markup=False)
        yield Static("", classes="come-back", markup=False)

    def show(self, remaining: float, deadline: float | None, *, paused: bool,
             when: str | None = "Come back at") -> None:
        """``when`` puts the deadline's time of day under the clock ("Come back at 21:35");
        None shows the countdown alone."""
        face = clock_face(remaining)
        if face != self._face:
            self._face = face
            self.query_one(Digits).update(face)
            self.query_one(".small-time", Static).update(face)
        if paused:
            note = "Paused. Take the time you need."
        elif deadline is not None and remaining > 0:
            note = f"{when} {local_time(deadline)}" if when else ""
        else:
            note = "Time is up."
        if note != self._note:
            self._note = note
            line = self.query_one(".come-back", Static)
            line.update(note)
            line.display = bool(note)
