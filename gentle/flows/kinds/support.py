"""support: the support lines for the couple's country, inside the flow.

A flow can stop to show where help is, for example after a distress check that stayed
high, or before a talk about something hard::

    - kind: support
      text: If this is more than the two of you can hold right now, that's all right.

The lines are the ones the safety screen shows (gentle/safety/), for the country chosen
on this computer; Enter goes on. The safety key shows them at any time as well.
"""

from __future__ import annotations

from typing import Any, Literal

from gentle.flows.kinds.base import Refused, Schema, StepKind, first_line, text_schema
from gentle.flows.model import StepBase
from gentle.records import record


@record
class SupportStep(StepBase):
    kind: Literal["support"] = "support"
    text: str | None = None  # said before the lines


def _read(c: Any) -> SupportStep:
    return SupportStep(**c.base(), text=c.fields.text("text", names=c.names))


def _answer(step: SupportStep, value: Any, names: Any) -> None:
    if value is not None:
        raise Refused("this step shows the support lines; it takes no answer")
    return None


def _handout(step: SupportStep, pages: Any) -> list:
    return [*pages.text(step.text, None),
            pages.note("Where to find help: the support lines in the box on the first page.")]


KIND = StepKind(
    name="support",
    summary="The support lines for the couple's country (as on the safety screen); Enter goes on.",
    keys=("text",),
    read=_read,
    schema=Schema({"text": text_schema("Said before the support lines (optional).")}),
    model=SupportStep,
    answer=_answer,
    walk_default=lambda step: None,
    heading=lambda step: "Where to find help",
    label=lambda step: first_line(step.text) or "Support lines",
    words=lambda step, value, partners: "(seen)",
    handout=_handout,
    view="support:SupportView",
    help="support",
    shows=False,
)
