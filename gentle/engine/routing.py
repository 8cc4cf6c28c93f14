"""Where to go after a step.

Kept apart from the runner so the rule reads in one place: routes are tried in order
and the first whose condition holds wins; with none, the flow falls through to the
following step, and after the last step it ends. The break offer is in offers.py.
"""

from __future__ import annotations

from gentle.flows.model import END, Flow, Step
from gentle.records import record

from gentle.engine.conditions import Facts, holds


@record
class Choice:
    """The route taken: its index in ``step.next`` (None: the fall-through), and where to."""

    route: int | None
    target: str | None  # a step id, or None when the flow ends


def choose_route(flow: Flow, step: Step, facts: Facts) -> Choice:
    for i, route in enumerate(step.next):
        if route.when is None or holds(route.when, facts, step.id, flow):
            return Choice(i, None if route.go == END else route.go)
    return Choice(None, following(flow, step))


def next_step(flow: Flow, step: Step, facts: Facts) -> str | None:
    """The id of the step that follows ``step``, or None when the flow ends."""
    return choose_route(flow, step, facts).target


def following(flow: Flow, step: Step) -> str | None:
    """The step after ``step`` in the file (None after the last)."""
    position = flow.index_of(step.id) + 1
    return flow.steps[position].id if position < len(flow.steps) else None


def possible_targets(flow: Flow, step: Step) -> list[str | None]:
    """Every step ``step`` can lead to (None: the end), in the order routes are tried."""
    targets: list[str | None] = []
    for route in step.next:
        target = None if route.go == END else route.go
        if target not in targets:
            targets.append(target)
        if route.when is None:
            return targets
    fall = following(flow, step)
    if fall not in targets:
        targets.append(fall)
    return targets
