"""Typed, immutable models of a flow, as produced by the loader.

Every model is a frozen dataclass (a :func:`~gentle.records.record`). The loader is the only place that builds them
from YAML; the engine, the TUI and the store only read them. Text fields hold
author text exactly as written (placeholders such as ``{partner}`` are filled in
by :mod:`gentle.flows.names` at display time, never evaluated).
"""

from __future__ import annotations

from typing import Literal, Union

from gentle.records import record

# Who answers a step.
#   each     - both partners, one after the other (partner 1 first)
#   together - one shared answer for the couple
#   first    - partner 1 only
#   second   - partner 2 only
Who = Literal["each", "together", "first", "second"]
WHO_VALUES: tuple[str, ...] = ("each", "together", "first", "second")

# A breathing phase. ``top-up`` is the short second inhale of the physiological sigh;
# ``rest`` is the pause after breathing out (the fourth side of box breathing).
PhaseKind = Literal["in", "top-up", "hold", "out", "rest"]
PHASE_KINDS: tuple[str, ...] = ("in", "top-up", "hold", "out", "rest")

END = "end"  # the route target that finishes the flow


@record
class Phase:
    do: PhaseKind
    seconds: float


@record
class Condition:
    """A declarative test of earlier answers; never evaluated as Python.

    Exactly one shape is used:
      * a leaf: ``step`` + ``who`` + one test (``at_least``/``at_most``/``equals``/
        ``picked``/``answered``);
      * ``all_of`` / ``any_of``: lists of conditions;
      * ``none_of``: true when none of the listed conditions hold.
    """

    step: str | None = None
    who: Literal["either", "both", "first", "second"] = "either"
    at_least: float | None = None
    at_most: float | None = None
    equals: str | None = None
    picked: str | None = None
    answered: bool | None = None
    all_of: tuple["Condition", ...] = ()
    any_of: tuple["Condition", ...] = ()
    none_of: tuple["Condition", ...] = ()


@record
class Route:
    """Go to ``go`` (a step id or ``end``) when ``when`` holds (or always, if None)."""

    go: str
    when: Condition | None = None


@record
class StepBase:
    id: str
    title: str | None = None
    facilitator: str | None = None
    help: str | None = None
    next: tuple[Route, ...] = ()
    # Set when the step came from an included flow: that flow's title, for display.
    section: str | None = None


@record
class SayStep(StepBase):
    kind: Literal["say"] = "say"
    text: str = ""


@record
class BreatheStep(StepBase):
    kind: Literal["breathe"] = "breathe"
    pattern: str | None = None  # the named pattern, if one was used
    phases: tuple[Phase, ...] = ()
    cycles: int | None = None  # exactly one of cycles / seconds is set
    seconds: float | None = None
    text: str | None = None


@record
class TimerStep(StepBase):
    kind: Literal["timer"] = "timer"
    seconds: float = 0.0
    text: str | None = None
    suggestions: tuple[str, ...] = ()
    rotate_seconds: float = 30.0
    is_break: bool = False  # a cool-down break (Gottman): at least 20 minutes


@record
class RateStep(StepBase):
    kind: Literal["rate"] = "rate"
    ask: str = ""
    who: Who = "each"
    low: int = 0
    high: int = 10
    labels: tuple[tuple[int, str], ...] = ()  # (point, label), sorted by point
    measures: Literal["distress", "closeness", "other"] = "other"


@record
class Blank:
    name: str
    hint: str | None = None
    suggestions: tuple[str, ...] = ()


@record
class WriteStep(StepBase):
    kind: Literal["write"] = "write"
    ask: str = ""
    who: Who = "each"
    template: str | None = None  # text with {blank} slots
    blanks: tuple[Blank, ...] = ()  # in the order they appear in the template
    placeholder: str | None = None
    optional: bool = False


@record
class ChooseStep(StepBase):
    kind: Literal["choose"] = "choose"
    ask: str = ""
    who: Who = "each"
    options: tuple[str, ...] = ()
    many: bool = False


@record
class ChecklistStep(StepBase):
    kind: Literal["checklist"] = "checklist"
    ask: str = ""
    who: Who = "together"
    items: tuple[str, ...] = ()


@record
class TurnsStep(StepBase):
    kind: Literal["turns"] = "turns"
    rounds: int = 1  # in one round each partner has the floor once
    floor_seconds: float = 180.0
    first_speaker: Literal["first", "second"] = "first"
    speaker_prompt: str = ""
    listener_prompts: tuple[str, ...] = ()
    heard_question: str = "{speaker}, did you feel heard?"
    text: str | None = None


Step = Union[
    SayStep, BreatheStep, TimerStep, RateStep, WriteStep, ChooseStep, ChecklistStep, TurnsStep
]
STEP_KINDS: tuple[str, ...] = (
    "say",
    "breathe",
    "timer",
    "rate",
    "write",
    "choose",
    "checklist",
    "turns",
    "include",
)

# Steps that take a partner answer (as opposed to showing text or a timer).
ASKING_KINDS: frozenset[str] = frozenset({"rate", "write", "choose", "checklist"})


@record
class Flow:
    id: str
    title: str
    summary: str
    steps: tuple[Step, ...]
    minutes: float | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    distress_threshold: int = 7
    origin: str = "built-in"  # "built-in", "user" or a file path
    path: str | None = None

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def index_of(self, step_id: str) -> int:
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                return i
        raise KeyError(step_id)


@record
class Problem:
    """One thing wrong (or worth a warning) in a flow file, with its position."""

    path: str
    line: int
    column: int
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}:{self.column}: {tag}{self.message}"


class FlowError(Exception):
    """Raised when a flow cannot be loaded. Carries every problem found."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
