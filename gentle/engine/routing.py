"""Where to go after a step, and whether its answers call for a break.

Kept apart from the runner so the rules read in one place: routes are tried in order
and the first whose condition holds wins; with none, the flow falls through to the
following step, and after the last step it ends.
"""

from __future__ import annotations

from collections.abc import Iterable

from gentle.flows.model import END, Flow, RateStep, Step, TimerStep

from gentle.engine.answers import Answer
from gentle.engine.conditions import AnswerIndex, holds


def next_step(flow: Flow, step: Step, answers: AnswerIndex) -> str | None:
    """The id of the step that follows ``step``, or None when the flow ends."""
    for route in step.next:
        if route.when is None or holds(route.when, answers, step.id, flow):
            return None if route.go == END else route.go
    position = flow.index_of(step.id) + 1
    return flow.steps[position].id if position < len(flow.steps) else None


def is_break_step(flow: Flow, step_id: str | None) -> bool:
    if step_id is None:
        return False
    step = flow.step(step_id)
    return isinstance(step, TimerStep) and step.is_break


def flooded(flow: Flow, step: Step, given: Iterable[Answer], going_to: str | None) -> bool:
    """A `measures: distress` rating at or above the flow's threshold means someone is
    flooded and the app should offer a break - unless the flow is about to start a
    cool-down break itself, where a second offer would only get in the way."""
    if not isinstance(step, RateStep) or step.measures != "distress":
        return False
    if is_break_step(flow, going_to):
        return False
    threshold = flow.distress_threshold
    return any(
        a.step_id == step.id
        and isinstance(a.value, int)
        and not isinstance(a.value, bool)
        and a.value >= threshold
        for a in given
    )
