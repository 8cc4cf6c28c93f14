"""Where the engine gets the time from: always an injected clock, never time.time() directly.

``now()`` is seconds since the epoch, UTC, as a float. Countdowns store wall-clock
deadlines, so a break survives a restart; tests drive a :class:`FakeClock` instead of sleeping.
"""

from __future__ import annotations

import time
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the epoch, UTC."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> float:
        return time.time()

    def __repr__(self) -> str:
        return "SystemClock()"


class FakeClock:
    """A clock that only moves when told to: for tests and headless walks."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a FakeClock only moves forward; use set() to jump")
        self._now += float(seconds)

    def set(self, t: float) -> None:
        self._now = float(t)

    def __repr__(self) -> str:
        return f"FakeClock({self._now!r})"


class ScaledClock:
    """Runs ``factor`` times faster than ``base``: the demo's fast-forward (x10) for timers.

    Changing the factor re-anchors, so the virtual time never jumps or goes backwards.
    Only for demos: deadlines it produces are not real wall-clock times.
    """

    def __init__(self, base: Clock | None = None, factor: float = 1.0) -> None:
        self._base = base if base is not None else SystemClock()
        self._factor = float(factor)
        self._anchor_real = self._base.now()
        self._anchor_virtual = self._anchor_real

    @property
    def factor(self) -> float:
        return self._factor

    def now(self) -> float:
        return self._anchor_virtual + (self._base.now() - self._anchor_real) * self._factor

    def set_factor(self, factor: float) -> None:
        if factor <= 0:
            raise ValueError("the speed factor must be positive")
        virtual = self.now()
        self._anchor_real = self._base.now()
        self._anchor_virtual = virtual
        self._factor = float(factor)
