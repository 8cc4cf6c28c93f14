"""checklist: things to tick, together (or each partner their own)."""

from __future__ import annotations

from typing import Any, Literal

from gentle.flows.kinds.asking import pick_words, picks, read_who, read_words, words_schema
from gentle.flows.kinds.base import Schema, StepKind, ask_heading, text_schema, who_schema
from gentle.flows.model import StepBase, Who
from gentle.records import record


@record
class ChecklistStep(StepBase):
    kind: Literal["checklist"] = "checklist"
    ask: str = ""
    who: Who = "together"
    items: tuple[str, ...] = ()


def _read(c: Any) -> ChecklistStep:
    f = c.fields
    who = read_who(c, "together")
    values = c.base()
    return ChecklistStep(**values, ask=f.text("ask", required=True, names=c.names) or "",
                         who=who,  # type: ignore[arg-type]
                         items=read_words(c, "items", at_least=1))


def _handout(step: ChecklistStep, pages: Any) -> list:
    return [*pages.text(step.ask, step.who),
            pages.checklist([pages.line(i, step.who) for i in step.items], step.who)]


KIND = StepKind(
    name="checklist",
    summary="Things to tick; together by default.",
    keys=("ask", "who", "items"),
    read=_read,
    schema=Schema(
        {
            "ask": text_schema("The question."),
            "who": who_schema("together"),
            "items": words_schema("Things to tick.", 1),
        },
        ("ask", "items"),
    ),
    model=ChecklistStep,
    asks=True,
    who_default="together",
    answer=lambda step, value, names: picks(value, step.items, "item", names),
    walk_default=lambda step: [],
    numbers=lambda step: (0, len(step.items)),
    options=lambda step: step.items,
    verb="ticked",
    detail=lambda step: f"{step.who}, {len(step.items)} items",
    heading=lambda step: ask_heading(step.ask, "Check it over"),
    words=lambda step, value, partners: pick_words(value),
    handout=_handout,
    view="choose:ChecklistView",
    help="checklist",
    shows=True,
)
