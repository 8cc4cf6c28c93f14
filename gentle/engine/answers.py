"""Answers: who is asked in a step, what shape an answer has per step kind, and defaults.

Values are plain JSON-able data (see docs/design.md). A value of the wrong shape is a
programming error in the caller (the TUI only offers valid choices), so it raises ValueError.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from gentle.flows.model import (
    ASKING_KINDS,
    ChecklistStep,
    ChooseStep,
    RateStep,
    Step,
    WriteStep,
)
from gentle.flows.names import template_pieces
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
    if step.kind not in ASKING_KINDS:
        return (None,)
    who = getattr(step, "who", "each")
    return {"each": (0, 1), "first": (0,), "second": (1,)}.get(who, (None,))


def fill_template(
    template: str, blanks: Mapping[str, str], partners: Sequence[str], partner: int | None
) -> str:
    """Assemble a write template: name placeholders filled for ``partner`` (0/1/None),
    blanks filled with what was written.

    Built from :func:`gentle.flows.names.template_pieces`, so what a partner typed into
    a blank is never read again as a placeholder (typing ``{partner}`` stays literal).
    """
    first, second = partners[0], partners[1]
    one = partner in (0, 1)
    pieces = template_pieces(
        template,
        partner1=first,
        partner2=second,
        partner=partners[partner] if one else None,  # type: ignore[index]
        other=partners[1 - partner] if one else None,  # type: ignore[operator]
    )
    return "".join(p if isinstance(p, str) else blanks.get(p.name, "") for p in pieces)


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _rate(step: RateStep, value: Any) -> int:
    number = _whole_number(value)
    if number is None:
        raise ValueError(f"step {step.id!r}: a rating is a whole number, not {value!r}")
    if not step.low <= number <= step.high:
        raise ValueError(f"step {step.id!r}: {number} is off the {step.low}..{step.high} scale")
    return number


def _write(
    step: WriteStep, value: Any, partners: Sequence[str], partner: int | None
) -> dict[str, Any]:
    if isinstance(value, str):
        return {"text": value, "blanks": None}
    if not isinstance(value, Mapping):
        raise ValueError(f"step {step.id!r}: a written answer is text, not {value!r}")
    blank_names = [b.name for b in step.blanks]
    if "text" in value and "text" not in blank_names:
        # Already in the stored shape {"text": ..., "blanks": ...}.
        text, blanks = value.get("text"), value.get("blanks")
        if not isinstance(text, str) or not (blanks is None or isinstance(blanks, Mapping)):
            raise ValueError(f"step {step.id!r}: expected {{'text': str, 'blanks': mapping}}")
        return {"text": text, "blanks": None if blanks is None else dict(blanks)}
    if step.template is None:
        raise ValueError(f"step {step.id!r} has no template, so its answer is plain text")
    unknown = sorted(set(value) - set(blank_names))
    if unknown:
        raise ValueError(f"step {step.id!r} has no blank named {', '.join(map(repr, unknown))}")
    filled: dict[str, str] = {}
    for name in blank_names:
        text = value.get(name)
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise ValueError(f"step {step.id!r}: blank {name!r} takes text, not {text!r}")
        filled[name] = text
    return {"text": fill_template(step.template, filled, partners, partner), "blanks": filled}


def _picks(step_id: str, value: Any, allowed: tuple[str, ...], what: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValueError(f"step {step_id!r}: expected a list of {what}s, not {value!r}")
    picked = list(value)
    for item in picked:
        if item not in allowed:
            raise ValueError(f"step {step_id!r}: {item!r} is not one of its {what}s")
    if len(set(picked)) != len(picked):
        raise ValueError(f"step {step_id!r}: the same {what} was picked twice")
    return [item for item in allowed if item in picked]  # the author's order


def _choose(step: ChooseStep, value: Any) -> str | list[str]:
    if step.many:
        if isinstance(value, str):
            value = [value]
        return _picks(step.id, value, step.options, "option")
    if not isinstance(value, str) or value not in step.options:
        raise ValueError(f"step {step.id!r}: {value!r} is not one of its options")
    return value


def normalize(
    step: Step, value: Any, partners: Sequence[str] = ("Partner A", "Partner B"),
    partner: int | None = None,
) -> Any:
    """Check ``value`` fits ``step`` (an asking step or `say`) and return it in stored shape.

    ``partners`` and ``partner`` (who is answering) fill the name placeholders when a
    write template is assembled from its blanks.
    """
    if step.kind == "say":
        if value is not None:
            raise ValueError(f"step {step.id!r} shows text; submit None to go on")
        return None
    if isinstance(step, RateStep):
        return _rate(step, value)
    if isinstance(step, WriteStep):
        return _write(step, value, partners, partner)
    if isinstance(step, ChooseStep):
        return _choose(step, value)
    if isinstance(step, ChecklistStep):
        return _picks(step.id, value, step.items, "item")
    raise ValueError(f"step {step.id!r} ({step.kind}) takes no answer of this kind")


def default_value(step: Step) -> Any:
    """The neutral answer used when a walk's answers file has none.

    rate: the midpoint of the scale, rounded down (0..10 -> 5); choose: the first option
    (for `many`, a list of it); checklist: nothing ticked; write: empty text.
    """
    if isinstance(step, RateStep):
        return step.low + (step.high - step.low) // 2
    if isinstance(step, ChooseStep):
        return [step.options[0]] if step.many else step.options[0]
    if isinstance(step, ChecklistStep):
        return []
    if isinstance(step, WriteStep):
        return {"text": "", "blanks": {b.name: "" for b in step.blanks} if step.template else None}
    return None
