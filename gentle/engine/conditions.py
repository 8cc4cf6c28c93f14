"""Evaluate a route's declarative condition against the answers given so far.

Conditions are data (gentle.flows.model.Condition), never Python. Rules (flow spec):

* ``step`` defaults to the step being left; ``who`` maps to partner indexes:
  first -> 0, second -> 1, either -> any of 0/1, both -> all of 0/1.
* a ``together`` answer (partner None) counts for both partners.
* ``at_least``/``at_most`` compare numbers, or the length of a list (checklist,
  many-choose); ``picked`` tests a chosen option or ticked item; ``answered`` tests
  that an answer exists (a skipped step has none).
* an unanswered partner never satisfies at_least / at_most / picked / equals.
* the latest answer per (step, partner) counts, so a step visited twice is judged
  on its last visit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from gentle.flows.model import Condition, Flow

from gentle.engine.answers import Answer, asking_order

AnswerIndex = Mapping[tuple[str, int | None], Answer]

_PARTNERS = {"first": (0,), "second": (1,), "either": (0, 1), "both": (0, 1)}


def index_answers(answers: Iterable[Answer]) -> dict[tuple[str, int | None], Answer]:
    """The latest answer for each (step id, partner)."""
    latest: dict[tuple[str, int | None], Answer] = {}
    for answer in answers:
        latest[(answer.step_id, answer.partner)] = answer
    return latest


def _answer_of(index: AnswerIndex, step_id: str, partner: int) -> Answer | None:
    own = index.get((step_id, partner))
    return own if own is not None else index.get((step_id, None))


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (list, tuple)):
        return float(len(value))
    return None


def _picked(value: Any, option: str) -> bool:
    if isinstance(value, str):
        return value == option
    if isinstance(value, (list, tuple)):
        return option in value
    return False


def _equals(value: Any, expected: str) -> bool:
    if isinstance(value, dict) and "text" in value:
        value = value["text"]
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        number = _number(value)
        try:
            return number == float(expected)
        except ValueError:
            return False
    return str(value) == expected


def _leaf_for(cond: Condition, answer: Answer | None) -> bool:
    if cond.answered is not None:
        return (answer is not None) is cond.answered
    if answer is None:
        return False
    value = answer.value
    if cond.at_least is not None or cond.at_most is not None:
        number = _number(value)
        if number is None:
            return False
        if cond.at_least is not None and number < cond.at_least:
            return False
        if cond.at_most is not None and number > cond.at_most:
            return False
        return True
    if cond.picked is not None:
        return _picked(value, cond.picked)
    if cond.equals is not None:
        return _equals(value, cond.equals)
    return True  # a leaf with no test: the step was answered


def _partners(cond: Condition, step_id: str, flow: Flow | None) -> tuple[int, ...]:
    """The partners ``who`` refers to. With the flow known, either/both mean the partners
    the step actually asks, so ``answered: false`` on a `who: first` step is not
    trivially true because partner 2 was never asked."""
    wanted = _PARTNERS.get(cond.who, (0, 1))
    if flow is None or cond.who in ("first", "second"):
        return wanted
    asked = asking_order(flow.step(step_id))
    if None in asked:
        return wanted  # a together answer (or none) stands for both
    return tuple(p for p in wanted if p in asked)


def _holds(cond: Condition, index: AnswerIndex, current: str, flow: Flow | None) -> bool:
    if cond.all_of or cond.any_of or cond.none_of:
        results = []
        if cond.all_of:
            results.append(all(_holds(c, index, current, flow) for c in cond.all_of))
        if cond.any_of:
            results.append(any(_holds(c, index, current, flow) for c in cond.any_of))
        if cond.none_of:
            results.append(not any(_holds(c, index, current, flow) for c in cond.none_of))
        return all(results)
    step_id = cond.step or current
    partners = _partners(cond, step_id, flow)
    checks = (_leaf_for(cond, _answer_of(index, step_id, p)) for p in partners)
    return all(checks) if cond.who == "both" else any(checks)


def holds(
    cond: Condition,
    answers: Iterable[Answer] | AnswerIndex,
    current_step_id: str,
    flow: Flow | None = None,
) -> bool:
    """Whether ``cond`` holds. ``answers`` is every answer given (or an index of them).

    ``flow`` tells which partners each step asks (see :func:`_partners`); a condition
    naming a step the flow does not have is a loader bug and raises KeyError.
    """
    index = answers if isinstance(answers, Mapping) else index_answers(answers)
    return _holds(cond, index, current_step_id, flow)
