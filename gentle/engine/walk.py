"""Walk a flow headless through the same Runner the TUI uses, from a mapping of answers.

Authors use it to check their routing (`gentle flows walk`); tests use it too.

The answers mapping: step id -> the answer, or for steps asked of each partner a list
in partner order (a single non-list answer counts for both; for checklists and
many-choose, a list of lists is per partner). A write answer is text, or for a template
a mapping blank -> text. A turns answer is a list of mirror texts, one per exchange,
or a list of full exchanges. Missing answers take neutral defaults (see
gentle.engine.answers.default_value; turns: one confirmed exchange per speaker per
round) and are marked defaulted. Timers and breathing are not waited for: the walk's
clock jumps over them, so they read as run to the end.
"""

from __future__ import annotations

import difflib
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gentle.engine import events as ev
from gentle.engine.answers import Answer, default_value
from gentle.engine.clock import Clock, FakeClock
from gentle.engine.pacer import total_seconds
from gentle.engine.runner import DEFAULT_PARTNERS, Runner
from gentle.engine.turns import default_exchanges
from gentle.flows.model import (
    BreatheStep,
    ChecklistStep,
    ChooseStep,
    Flow,
    Step,
    TimerStep,
    TurnsStep,
)
from gentle.records import record

# A walk that reaches one step this often is going round in circles.
MAX_VISITS = 100


class WalkError(ValueError):
    """The answers do not fit the flow; the message is meant for the author."""

    def __init__(self, message: str, step_id: str | None = None) -> None:
        super().__init__(message)
        self.step_id = step_id


@record
class WalkResult:
    path: list[str]  # step ids in the order they were entered (repeats included)
    answers: list[Answer]
    defaulted: set[tuple[str, int | None]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": list(self.path),
            "answers": [
                {
                    "step": a.step_id,
                    "partner": a.partner,
                    "value": a.value,
                    "defaulted": a.defaulted,
                }
                for a in self.answers
            ],
            "defaulted": [
                [step, partner]
                for step, partner in sorted(self.defaulted, key=lambda k: (k[0], k[1] or -1))
            ],
        }


def _check_ids(flow: Flow, answers: Mapping[str, Any]) -> None:
    ids = [step.id for step in flow.steps]
    for key in answers:
        if key not in ids:
            close = difflib.get_close_matches(str(key), ids, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise WalkError(f"the answers name a step {key!r} that this flow does not have{hint}")


def _list_valued(step: Step) -> bool:
    return isinstance(step, ChecklistStep) or (isinstance(step, ChooseStep) and step.many)


def _given_for(step: Step, given: Any, partner: int | None) -> Any:
    """The answer meant for ``partner`` out of the answers file's value for ``step``."""
    if partner is None or getattr(step, "who", None) != "each" or not isinstance(given, list):
        return given
    if _list_valued(step) and not all(item is None or isinstance(item, list) for item in given):
        return given  # one list of picks, for both partners
    return given[partner] if partner < len(given) else None


def _skip_time(clock: Clock, seconds: float) -> None:
    if seconds > 0 and isinstance(clock, FakeClock):
        clock.advance(seconds)


def _turns_answer(step: TurnsStep, given: Any) -> tuple[list[dict[str, Any]], bool]:
    """The exchanges to submit for a turns step, and whether they are a default."""
    if isinstance(given, list) and any(isinstance(item, dict) for item in given):
        return given, False
    mirrors = [None if m is None else str(m) for m in given] if isinstance(given, list) else []
    return default_exchanges(step, mirrors), given is None


def walk(
    flow: Flow,
    answers: Mapping[str, Any],
    partners: Sequence[str] = DEFAULT_PARTNERS,
    *,
    clock: Clock | None = None,
    on_event: Callable[[ev.Event], None] | None = None,
) -> WalkResult:
    """Run ``flow`` to its end with ``answers``; raise WalkError when they do not fit."""
    _check_ids(flow, answers)
    clock = clock if clock is not None else FakeClock(time.time())
    path: list[str] = []
    visits: Counter[str] = Counter()

    def listen(event: ev.Event) -> None:
        if isinstance(event, ev.StepEntered):
            path.append(event.step_id)
            visits[event.step_id] += 1
        if on_event is not None:
            on_event(event)

    runner = Runner(flow, partners, clock, listen)
    defaulted: set[tuple[str, int | None]] = set()
    while not runner.finished:
        step = runner.step
        assert step is not None
        if visits[step.id] > MAX_VISITS:
            raise WalkError(
                f"step {step.id!r} was reached more than {MAX_VISITS} times: "
                "with these answers the flow goes round in a loop",
                step.id,
            )
        given = answers.get(step.id)
        try:
            if isinstance(step, TimerStep):
                timer = runner.timer
                _skip_time(clock, timer.remaining(clock.now()) if timer else 0.0)
                runner.submit(None)
            elif isinstance(step, BreatheStep):
                _skip_time(clock, total_seconds(step))
                runner.submit(None)
            elif isinstance(step, TurnsStep):
                exchanges, is_default = _turns_answer(step, given)
                if is_default:
                    defaulted.add((step.id, None))
                runner.submit(exchanges, defaulted=is_default)
            elif step.kind == "say":
                runner.submit(None)
            else:
                partner = runner.asking
                value = _given_for(step, given, partner)
                if value is None:
                    defaulted.add((step.id, partner))
                    runner.submit(default_value(step), defaulted=True)
                else:
                    runner.submit(value)
        except ValueError as error:
            # The step is reported separately (WalkError.step_id), so drop it from the text.
            message = str(error).removeprefix(f"step {step.id!r}: ")
            raise WalkError(message, step.id) from error
    return WalkResult(path=path, answers=list(runner.answers), defaulted=defaulted)

