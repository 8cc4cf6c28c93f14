"""Answers: who is asked in a step, and what counts as an answer.

What each kind accepts is declared with the kind (``StepKind.answer`` in
gentle/flows/kinds/); :func:`accept` is the one door every answer goes through, from
the app and from a walk alike. Values are plain JSON-able data (see docs/design.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gentle.flows.kinds import AnswerNames, Refused, kind_of
from gentle.flows.model import Step
from gentle.records import record


@record
class Answer:
    step_id: str
    partner: int | None  # 0 or 1, or None for a `together` answer / a step nobody is asked
    value: Any
    at: float
    defaulted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "step_id": self.step_id,
            "partner": self.partner,
            "value": self.value,
            "at": self.at,
            "defaulted": self.defaulted,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Answer":
        partner = data.get("partner")
        if partner not in (0, 1, None) or isinstance(partner, bool):
            raise ValueError(f"an answer's partner must be 0, 1 or null, not {partner!r}")
        step_id = data.get("step_id")
        if not isinstance(step_id, str):
            raise ValueError(f"an answer needs a step id, not {step_id!r}")
        return cls(
            step_id=step_id,
            partner=partner,
            value=data.get("value"),
            at=float(data.get("at", 0.0)),
            defaulted=bool(data.get("defaulted", False)),
        )


def asking_order(step: Step) -> tuple[int | None, ...]:
    """Who answers, in order: each -> partner 0 then 1; first -> 0; second -> 1;
    together (and steps that ask nobody) -> None."""
    if not kind_of(step).asks:
        return (None,)
    who = getattr(step, "who", "each")
    return {"each": (0, 1), "first": (0,), "second": (1,)}.get(who, (None,))


def accept(
    step: Step, value: Any, partners: Sequence[str] = ("Partner A", "Partner B"),
    partner: int | None = None,
) -> Any:
    """``value`` in stored shape, if ``step`` accepts it; else :class:`Refused` says why.

    ``partners`` and ``partner`` (who is answering) fill the name placeholders when a
    write template is assembled from its blanks.
    """
    kind = kind_of(step)
    if kind.answer is None:
        raise Refused(f"a {step.kind} step is not answered; it ends by itself or with Enter")
    two = (str(partners[0]), str(partners[1]))
    return kind.answer(step, value, AnswerNames(two, partner))


def normalize(step: Step, value: Any, partners: Sequence[str] = ("Partner A", "Partner B"),
              partner: int | None = None) -> Any:
    """Older name of :func:`accept`."""
    return accept(step, value, partners, partner)


def default_value(step: Step) -> Any:
    """The neutral answer a walk uses when its answers file has none (the kind says which;
    ``SKIP`` when the step cannot be answered with nothing, like a required write)."""
    kind = kind_of(step)
    return kind.walk_default(step) if kind.walk_default is not None else None


def proposed_answer(flow: Any, answers: Sequence[Answer], step: Step, partner: int | None) -> Any:
    """What Enter offers on a step nobody has touched yet (the app shows it, and a second
    Enter gives it). For a rating: this partner's last rating of the same measure in this
    session, kept within this scale; with none, the kind's neutral answer (the middle)."""
    if step.kind == "rate":
        measures = getattr(step, "measures", "other")
        for answer in reversed(answers):
            if answer.partner != partner or not isinstance(answer.value, int) or isinstance(answer.value, bool):
                continue
            try:
                earlier = flow.step(answer.step_id)
            except KeyError:
                continue
            if earlier.kind == "rate" and getattr(earlier, "measures", None) == measures:
                return max(step.low, min(step.high, answer.value))
    return default_value(step)
