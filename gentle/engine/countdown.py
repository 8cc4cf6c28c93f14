"""Countdowns and stopwatches as immutable values computed from an injected clock.

A running countdown is ``deadline - now``: it cannot drift when the event loop stalls,
because nothing accumulates per tick (Textual timers only repaint). Pausing stores
the seconds left and forgets the deadline; resuming sets a fresh deadline from them.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from gentle.records import record


def _number(data: dict[str, Any], key: str, *, optional: bool = False) -> float | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{key!r} must be a finite number, not {value!r}")
    return float(value)


@record
class Countdown:
    """Seconds left until a deadline, frozen while paused.

    ``left`` is the seconds left at the last start/resume/pause/extend. While running,
    ``remaining`` is ``deadline - now`` clamped to ``0..left``: the clamp keeps it from
    ever growing, even if the wall clock is set back.
    """

    total: float  # the whole length, including extensions
    left: float
    deadline: float | None  # wall-clock epoch seconds while running, None while paused

    @classmethod
    def start(cls, total: float, now: float) -> "Countdown":
        if total < 0 or not math.isfinite(total):
            raise ValueError(f"a countdown needs a finite length >= 0, not {total!r}")
        return cls(total=float(total), left=float(total), deadline=now + total)

    @property
    def running(self) -> bool:
        return self.deadline is not None

    def remaining(self, now: float) -> float:
        if self.deadline is None:
            return self.left
        return min(self.left, max(0.0, self.deadline - now))

    def elapsed(self, now: float) -> float:
        """Seconds counted down so far (pauses excluded)."""
        return max(0.0, self.total - self.remaining(now))

    def finished(self, now: float) -> bool:
        return self.remaining(now) <= 0.0

    def pause(self, now: float) -> "Countdown":
        if self.deadline is None:
            return self
        return replace(self, left=self.remaining(now), deadline=None)

    def resume(self, now: float) -> "Countdown":
        if self.deadline is not None:
            return self
        return replace(self, deadline=now + self.left)

    def extend(self, seconds: float, now: float) -> "Countdown":
        """Add ``seconds`` (negative shortens, never below zero left)."""
        left = max(0.0, self.remaining(now) + seconds)
        total = self.elapsed(now) + left
        deadline = None if self.deadline is None else now + left
        return Countdown(total=total, left=left, deadline=deadline)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "left": self.left, "deadline": self.deadline}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Countdown":
        if not isinstance(data, dict):
            raise ValueError(f"a countdown must be a mapping, not {data!r}")
        total = _number(data, "total")
        left = _number(data, "left")
        deadline = _number(data, "deadline", optional=True)
        assert total is not None and left is not None
        if left < 0 or total < 0:
            raise ValueError("a countdown cannot have negative time")
        return cls(total=total, left=left, deadline=deadline)


@record
class Stopwatch:
    """Elapsed seconds, not counting pauses."""

    accumulated: float = 0.0  # seconds counted before the running stretch
    since: float | None = None  # when the running stretch began; None while paused

    @classmethod
    def start(cls, now: float) -> "Stopwatch":
        return cls(accumulated=0.0, since=now)

    @classmethod
    def stopped_at(cls, elapsed: float) -> "Stopwatch":
        """A paused stopwatch showing ``elapsed`` seconds."""
        return cls(accumulated=max(0.0, float(elapsed)), since=None)

    @property
    def running(self) -> bool:
        return self.since is not None

    def elapsed(self, now: float) -> float:
        if self.since is None:
            return self.accumulated
        return self.accumulated + max(0.0, now - self.since)

    def pause(self, now: float) -> "Stopwatch":
        if self.since is None:
            return self
        return Stopwatch(accumulated=self.elapsed(now), since=None)

    def resume(self, now: float) -> "Stopwatch":
        if self.since is not None:
            return self
        return Stopwatch(accumulated=self.accumulated, since=now)

    def to_dict(self) -> dict[str, Any]:
        return {"accumulated": self.accumulated, "since": self.since}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Stopwatch":
        if not isinstance(data, dict):
            raise ValueError(f"a stopwatch must be a mapping, not {data!r}")
        accumulated = _number(data, "accumulated")
        assert accumulated is not None
        return cls(accumulated=max(0.0, accumulated), since=_number(data, "since", optional=True))
