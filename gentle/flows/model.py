"""Typed, immutable models of a flow, as produced by the loader.

Every model is a frozen dataclass (a :func:`~gentle.records.record`). The loader is the only place that builds them
from YAML; the engine, the TUI and the store only read them. Text fields hold
author text exactly as written (placeholders such as ``{partner}`` are filled in
by :mod:`gentle.flows.names` at display time, never evaluated).
"""

from __future__ import annotations

from typing import Literal

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
      * a leaf: ``step`` + ``who`` + one test (``at_least``/``at_most``/``picked``/
        ``answered``/``break_taken``, or ``higher_than``/``lower_than``: the same
        partner's rating at ``step`` against their rating at another step);
      * ``all_of`` / ``any_of``: lists of conditions;
      * ``none_of``: true when none of the listed conditions hold.
    """

    step: str | None = None
    who: Literal["either", "both", "first", "second"] = "either"
    at_least: float | None = None
    at_most: float | None = None
    picked: str | None = None
    answered: bool | None = None
    # A cool-down break was taken since ``step`` was answered (without ``step``: since
    # the couple came to the step being left). See gentle.engine.conditions.
    break_taken: bool | None = None
    # The id of another rating step: true when ``step``'s rating is higher (lower) than
    # the same partner's rating there ("distress rose between before and after").
    higher_than: str | None = None
    lower_than: str | None = None
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
    # `show:`: the earlier steps whose answers this step shows (kinds/showing.py).
    show: tuple[str, ...] = ()
    # Set when the step came from an included flow: that flow's title, for display.
    section: str | None = None


# A step of any kind. Each kind's model is declared in its own module under
# gentle/flows/kinds/ (SayStep in kinds/say.py, RateStep in kinds/rate.py, ...); they are
# importable from here too, and the registry there lists them.
Step = StepBase

_KIND_MODELS = {
    "SayStep": "say", "BreatheStep": "breathe", "TimerStep": "timer", "RateStep": "rate",
    "WriteStep": "write", "Blank": "write", "ChooseStep": "choose",
    "ChecklistStep": "checklist", "TurnsStep": "turns", "SupportStep": "support",
}


def __getattr__(name: str):
    # The kind models, and the registry's lists, without importing the kinds eagerly
    # (they import this module).
    from importlib import import_module

    if name in _KIND_MODELS:
        return getattr(import_module(f"gentle.flows.kinds.{_KIND_MODELS[name]}"), name)
    if name == "STEP_KINDS":
        from gentle.flows.kinds import MODULES

        return MODULES
    if name == "ASKING_KINDS":
        from gentle.flows.kinds import KINDS

        return frozenset(k for k, kind in KINDS.items() if kind.asks)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@record
class Flow:
    id: str
    title: str
    summary: str
    steps: tuple[Step, ...]
    minutes: float | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # Notes for the person leading or adapting the flow (shown in demo, preview and
    # handouts, never to a couple mid-session): who wrote it, how to lead it, and when
    # not to use it.
    author: str | None = None
    facilitator: str | None = None
    contraindications: tuple[str, ...] = ()
    # The flow's own `distress_threshold:`, or None when it sets none (then the setting
    # in config.yaml applies, else 7). Each distress rating keeps the threshold of the
    # flow it was written in (RateStep.threshold); gentle.engine.offers decides.
    distress_threshold: int | None = None
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
