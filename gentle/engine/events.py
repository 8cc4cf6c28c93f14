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
    """Back was pressed: this answer no longer counts (a later AnswerGiven may replace it).

    ``value`` is what the answer was, so Back (even after a restart) shows the words again.
    """

    step_id: str
    partner: int | None
    at: float
    value: Any = None


@record
class DraftKept:
    """Words (or a pick) not yet given, kept so that nothing half-typed is lost.

    ``value`` has the answer's shape (text, or blank -> text); None clears the draft.
    """

    step_id: str
    partner: int | None
    value: Any
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
class TurnMoved:
    """The floor in a turns step moved on without a confirmed exchange: the speaker is
    done, the listener said back what they heard (``mirror``), the speaker did not quite
    feel heard, the speaker felt heard and is asked "is there more?" (phase "more": the
    exchange is recorded, as a TurnTaken, once they answer), or Back stepped one move
    back (``back``)."""

    step_id: str
    phase: Literal["speaking", "mirroring", "checking", "more"]  # the phase it moved to
    round: int
    speaker: int
    attempt: int
    at: float
    mirror: str | None = None
    back: bool = False


@record
class TurnTaken:
    """One speaker/listener exchange in a turns step was confirmed ("I felt heard", and,
    when the step asks "is there more?", its answer: yes keeps the floor, no passes it).

    Emitted as it happens so the mirror text is not lost if the app closes mid-step;
    the step's AnswerGiven (all exchanges) follows when the last round is done.
    """

    step_id: str
    exchange: dict[str, Any]  # see gentle.engine.turns for the keys
    at: float


@record
class TimerExtended:
    """More time on a timer step or on the speaker's floor (``left``: seconds left now)."""

    step_id: str
    seconds: float
    left: float
    at: float


@record
class BreakOffered:
    """A distress rating reached its threshold: gentle offers a break before going on."""

    step_id: str
    threshold: int
    at: float


@record
class BreakDeclined:
    """The couple saw the offer and chose to go on."""

    step_id: str | None
    at: float


@record
class BreakStarted:
    called_by: int | None  # partner index, or None when a flow step started it
    seconds: float
    deadline: float  # wall-clock epoch seconds, UTC: survives a restart
    at: float
    step_id: str | None = None
    # "called" (the break key), "offered" (taken from gentle's offer) or "step" (a
    # `break: true` timer step of the flow).
    why: Literal["called", "offered", "step"] = "called"


@record
class BreakExtended:
    """More time on the running break; ``deadline`` is the new return time (None while
    paused) and ``total`` the break's whole length now."""

    seconds: float
    total: float
    deadline: float | None
    at: float


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
class PartnersNamed:
    """The couple gave their names (or changed them) during the session."""

    first: str
    second: str
    at: float


@record
class Finished:
    at: float


Event = Union[
    StepEntered,
    AnswerGiven,
    AnswerWithdrawn,
    DraftKept,
    StepSkipped,
    TimerEnded,
    TimerExtended,
    TurnMoved,
    TurnTaken,
    BreakOffered,
    BreakDeclined,
    BreakStarted,
    BreakExtended,
    BreakEnded,
    Paused,
    Resumed,
    PartnersNamed,
    Finished,
]
