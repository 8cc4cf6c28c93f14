"""Evaluate a route's declarative condition against the answers given so far.

Conditions are data (gentle.flows.model.Condition), never Python. Rules (flow spec):

* ``step`` defaults to the step being left; ``who`` maps to partner indexes:
  first -> 0, second -> 1, either -> any of 0/1, both -> all of 0/1.
* a ``together`` answer (partner None) counts for both partners.
* ``at_least``/``at_most`` compare numbers, or the length of a list (checklist,
  many-choose); ``picked`` tests a chosen option or ticked item; ``answered`` tests
  that an answer exists (a skipped step has none).
* ``break_taken`` tests whether a cool-down break (called with the break key, taken
  from gentle's offer, or a break step) began since the couple last came to ``step``
  (default: the step being left); ``who`` has no meaning there.
* ``higher_than``/``lower_than`` compare a partner's rating at ``step`` with the same
  partner's rating at the named step (a together rating stands for both).
* an unanswered partner never satisfies at_least / at_most / picked / a comparison.
* the latest answer per (step, partner) counts, so a step visited twice is judged
  on its last visit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Union

from gentle.flows.model import Condition, Flow
from gentle.records import record

from gentle.engine.answers import Answer, asking_order

AnswerIndex = Mapping[tuple[str, int | None], Answer]


@record
class Evidence:
    """What conditions may look at: the answers, and when steps and breaks happened.

    Times are the runner's ticks: a counter that goes up each time a step is entered or
    a break begins, so "since" is exact even when the clock does not move (a walk).
    """

    answers: AnswerIndex
    entered: Mapping[str, int]  # step id -> the tick of its latest entry
    breaks: tuple[int, ...] = ()  # the tick at which each break began


def no_evidence(answers: AnswerIndex) -> Evidence:
    return Evidence(answers, {}, ())

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
    return True  # a leaf with no test: the step was answered


def _compared(cond: Condition, here: Answer | None, there: Answer | None) -> bool:
    if here is None or there is None:
        return False
    a, b = _number(here.value), _number(there.value)
    if a is None or b is None:
        return False
    return a > b if cond.higher_than is not None else a < b


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


def _holds(cond: Condition, facts: Evidence, current: str, flow: Flow | None) -> bool:
    if cond.all_of or cond.any_of or cond.none_of:
        results = []
        if cond.all_of:
            results.append(all(_holds(c, facts, current, flow) for c in cond.all_of))
        if cond.any_of:
            results.append(any(_holds(c, facts, current, flow) for c in cond.any_of))
        if cond.none_of:
            results.append(not any(_holds(c, facts, current, flow) for c in cond.none_of))
        return all(results)
    step_id = cond.step or current
    if cond.break_taken is not None:
        since = facts.entered.get(step_id)
        taken = since is not None and any(tick > since for tick in facts.breaks)
        return taken is cond.break_taken
    partners = _partners(cond, step_id, flow)
    other = cond.higher_than or cond.lower_than
    if other is not None:
        checks = (_compared(cond, _answer_of(facts.answers, step_id, p), _answer_of(facts.answers, other, p))
                  for p in partners)
    else:
        checks = (_leaf_for(cond, _answer_of(facts.answers, step_id, p)) for p in partners)
    return all(checks) if cond.who == "both" else any(checks)


Facts = Union[Evidence, Iterable[Answer], AnswerIndex]


def holds(cond: Condition, facts: Facts, current_step_id: str, flow: Flow | None = None) -> bool:
    """Whether ``cond`` holds, given the :class:`Evidence` (or just the answers given).

    ``flow`` tells which partners each step asks (see :func:`_partners`); a condition
    naming a step the flow does not have is a loader bug and raises KeyError.
    """
    if not isinstance(facts, Evidence):
        index = facts if isinstance(facts, Mapping) else index_answers(facts)
        facts = no_evidence(index)
    return _holds(cond, facts, current_step_id, flow)
