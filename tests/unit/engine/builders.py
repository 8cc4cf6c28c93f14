"""Small helpers to build flows straight from the models (the loader is tested elsewhere)."""

from __future__ import annotations

from typing import Any

from gentle.engine import events as ev
from gentle.engine.clock import FakeClock
from gentle.engine.runner import Runner
from gentle.flows.model import (
    BreatheStep,
    ChecklistStep,
    ChooseStep,
    Condition,
    Flow,
    Phase,
    RateStep,
    Route,
    SayStep,
    TimerStep,
    TurnsStep,
    WriteStep,
    Blank,
)

__all__ = [
    "Blank",
    "BreatheStep",
    "ChecklistStep",
    "ChooseStep",
    "Condition",
    "Flow",
    "Phase",
    "RateStep",
    "Route",
    "SayStep",
    "TimerStep",
    "TurnsStep",
    "WriteStep",
    "make_flow",
    "start",
    "Events",
]


def make_flow(*steps: Any, threshold: int = 7, flow_id: str = "test") -> Flow:
    return Flow(
        id=flow_id, title="Test", summary="A test flow", steps=tuple(steps),
        distress_threshold=threshold,
    )


class Events(list):
    """Collects what the runner reports, for assertions."""

    def __call__(self, event: ev.Event) -> None:
        self.append(event)

    def of(self, kind: type) -> list[Any]:
        return [e for e in self if isinstance(e, kind)]

    def kinds(self) -> list[str]:
        return [type(e).__name__ for e in self]


def start(flow: Flow, clock: FakeClock | None = None) -> tuple[Runner, FakeClock, Events]:
    clock = clock or FakeClock()
    events = Events()
    runner = Runner(flow, ("Sam", "Alex"), clock, events)
    return runner, clock, events


def say(step_id: str, **kw: Any) -> SayStep:
    return SayStep(id=step_id, text=f"text of {step_id}", **kw)


def rate(step_id: str, **kw: Any) -> RateStep:
    return RateStep(id=step_id, ask="How are you?", **kw)


def route(go: str, **when: Any) -> Route:
    return Route(go=go, when=Condition(**when) if when else None)
