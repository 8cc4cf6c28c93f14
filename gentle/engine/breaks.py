"""A break either partner can call at any moment (the Gottman cool-down).

The break is an interruption, not a step: the runner freezes the current step's
timers, counts the break down on a wall-clock deadline (so it survives closing the
app), and afterwards returns exactly to where the couple was.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from gentle.engine.countdown import Countdown
from gentle.records import record

# Physiological calming takes at least 20 minutes (Gottman); a day is the longest
# pause that still means "we'll come back to this".
MIN_BREAK_SECONDS = 20 * 60.0
MAX_BREAK_SECONDS = 24 * 3600.0


@record
class BreakState:
    called_by: int | None  # partner index; None when a flow step or the app started it
    countdown: Countdown
    started_at: float  # wall-clock epoch seconds
    step_id: str | None  # the step the couple will return to

    @property
    def deadline(self) -> float | None:
        """When the break ends, wall-clock epoch seconds (None while paused)."""
        return self.countdown.deadline

    def remaining(self, now: float) -> float:
        return self.countdown.remaining(now)

    def finished(self, now: float) -> bool:
        return self.countdown.finished(now)

    def to_dict(self) -> dict[str, Any]:
        return {
            "called_by": self.called_by,
            "countdown": self.countdown.to_dict(),
            "started_at": self.started_at,
            "step_id": self.step_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "BreakState":
        called_by = data.get("called_by")
        if called_by not in (0, 1, None) or isinstance(called_by, bool):
            raise ValueError(f"a break is called by partner 0 or 1, not {called_by!r}")
        return cls(
            called_by=called_by,
            countdown=Countdown.from_dict(data["countdown"]),
            started_at=float(data["started_at"]),
            step_id=data.get("step_id"),
        )


def check_length(
    seconds: float,
    minimum: float = MIN_BREAK_SECONDS,
    maximum: float = MAX_BREAK_SECONDS,
) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise ValueError(f"a break lasts a number of seconds, not {seconds!r}")
    if seconds < minimum:
        raise ValueError(f"a break lasts at least {minimum / 60:g} minutes")
    if seconds > maximum:
        raise ValueError(f"a break lasts at most {maximum / 3600:g} hours")
    return float(seconds)


def start_break(
    by: int | None,
    seconds: float,
    now: float,
    step_id: str | None,
    minimum: float = MIN_BREAK_SECONDS,
    maximum: float = MAX_BREAK_SECONDS,
) -> BreakState:
    if by not in (0, 1, None) or isinstance(by, bool):
        raise ValueError(f"a break is called by partner 0 or 1, not {by!r}")
    seconds = check_length(seconds, minimum, maximum)
    return BreakState(
        called_by=by, countdown=Countdown.start(seconds, now), started_at=now, step_id=step_id
    )


def extend_break(
    state: BreakState, seconds: float, now: float, maximum: float = MAX_BREAK_SECONDS
) -> BreakState:
    """Add time to a break; the whole break never exceeds ``maximum``."""
    longer = state.countdown.extend(seconds, now)
    if longer.total > maximum:
        raise ValueError(f"a break lasts at most {maximum / 3600:g} hours")
    return replace(state, countdown=longer)


def pause_break(state: BreakState, now: float) -> BreakState:
    return replace(state, countdown=state.countdown.pause(now))


def resume_break(state: BreakState, now: float) -> BreakState:
    return replace(state, countdown=state.countdown.resume(now))


def required_break_holds(step: Any, timer: Countdown | None, now: float) -> str | None:
    """Why a break step with `required: true` can't end yet, or None when it can (or the
    step is not such a break). The words are for the couple: it is part of their plan."""
    if not getattr(step, "required", False) or timer is None or timer.finished(now):
        return None
    from gentle.flows.kinds.base import duration_words

    left = duration_words(timer.remaining(now))
    return (f"This break is part of your plan, so it runs its full time ({left} left). "
            "+ adds more time.")
