"""say: words for the couple to read together; Enter goes on."""

from __future__ import annotations

from typing import Any, Literal

from gentle.flows.kinds.base import ask_heading, Refused, Schema, StepKind, first_line, text_schema
from gentle.flows.model import StepBase
from gentle.records import record


@record
class SayStep(StepBase):
    kind: Literal["say"] = "say"
    text: str = ""


def _read(c: Any) -> SayStep:
    return SayStep(**c.base(), text=c.fields.text("text", required=True, names=c.names) or "")


def _answer(step: SayStep, value: Any, names: Any) -> None:
    if value is not None:
        raise Refused("this step shows words to read; it takes no answer")
    return None


KIND = StepKind(
    name="say",
    summary="Words for the couple to read together; Enter goes on.",
    keys=("text",),
    read=_read,
    schema=Schema({"text": text_schema("What the couple reads.")}, ("text",)),
    model=SayStep,
    answer=_answer,
    walk_default=lambda step: None,
    heading=lambda step: ask_heading(step.text, "A moment"),
    label=lambda step: first_line(step.text),
    words=lambda step, value, partners: "(seen)",
    handout=lambda step, pages: pages.text(step.text, None),
    view="say:SayView",
    help="say",
    shows=True,
)
