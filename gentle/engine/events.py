"""What the runner tells its listeners (the store's recorder, the TUI) as things happen.

Every event carries ``at``: the clock's ``now()`` (seconds since the epoch, UTC).
Events are plain frozen data so a listener can persist them without knowing the runner.
"""

from __future__ import annotations

from typing import Any, Literal, Union

from gentle.records import record


@record
class StepEntered:
    step_id: str
    at: float


@record
class AnswerGiven:
    step_id: str
    partner: int | None  # 0, 1, or None for a shared ("together") answer
    value: Any  # JSON-able; see docs/design.md for the shape per step kind
    at: float
    defaulted: bool = False


@record
class AnswerWithdrawn:
    """Back was pressed: this answer no longer counts (a later AnswerGiven may replace it)."""

    step_id: str
    partner: int | None
    at: float


@record
class StepSkipped:
    step_id: str
    at: float


@record
class TimerEnded:
    step_id: str
    seconds: float  # time actually spent, pauses excluded
    how: Literal["finished", "early", "skipped"]
    at: float


@record
class TurnTaken:
    """One speaker/listener exchange in a turns step was confirmed ("I felt heard").

    Emitted as it happens so the mirror text is not lost if the app closes mid-step;
    the step's AnswerGiven (all exchanges) follows when the last round is done.
    """

    step_id: str
    exchange: dict[str, Any]  # see gentle.engine.turns for the keys
    at: float


@record
class BreakStarted:
    called_by: int | None  # partner index, or None when a flow step started it
    seconds: float
    deadline: float  # wall-clock epoch seconds, UTC: survives a restart
    at: float
    step_id: str | None = None


@record
class BreakEnded:
    seconds: float  # time actually spent
    how: Literal["finished", "early"]
    at: float


@record
class Paused:
    at: float


@record
class Resumed:
    at: float


@record
class Finished:
    at: float


Event = Union[
    StepEntered,
    AnswerGiven,
    AnswerWithdrawn,
    StepSkipped,
    TimerEnded,
    TurnTaken,
    BreakStarted,
    BreakEnded,
    Paused,
    Resumed,
    Finished,
]
