"""choose: each partner picks one option (or, with `many: true`, any number of them)."""

from __future__ import annotations

from typing import Any, Literal

from gentle.flows.kinds.asking import pick_words, picks, read_who
from gentle.flows.kinds.base import Refused, Schema, StepKind, text_schema, texts_schema, who_schema
from gentle.flows.model import StepBase, Who
from gentle.records import record


@record
class ChooseStep(StepBase):
    kind: Literal["choose"] = "choose"
    ask: str = ""
    who: Who = "each"
    options: tuple[str, ...] = ()
    many: bool = False


def _read(c: Any) -> ChooseStep:
    f = c.fields
    who = read_who(c, "each")
    values = c.base()
    return ChooseStep(**values, ask=f.text("ask", required=True, names=c.names) or "", who=who,  # type: ignore[arg-type]
                      options=f.texts("options", required=True, at_least=2, unique=True, names=c.names),
                      many=f.boolean("many", False))


def _answer(step: ChooseStep, value: Any, names: Any) -> str | list[str]:
    if step.many:
        return picks([value] if isinstance(value, str) else value, step.options, "option")
    if not isinstance(value, str) or value not in step.options:
        raise Refused(f"{value!r} is not one of its options")
    return value


def _numbers(step: ChooseStep) -> tuple[int, int] | str:
    if step.many:
        return (0, len(step.options))
    return (f'`{{test}}` counts choices, but "{step.id}" picks only one option; use `picked:` '
            "(or give the step `many: true`)")


def _handout(step: ChooseStep, pages: Any) -> list:
    return [
        *pages.text(step.ask, step.who),
        pages.list([pages.line(o, step.who) for o in step.options]),
        pages.note("Choose any that fit." if step.many else "Choose one."),
    ]


KIND = StepKind(
    name="choose",
    summary="Each partner (or the couple) picks one option, or several with `many: true`.",
    keys=("ask", "who", "options", "many"),
    read=_read,
    schema=Schema(
        {
            "ask": text_schema("The question."),
            "who": who_schema("each"),
            "options": {**texts_schema("The options.", 2), "uniqueItems": True},
            "many": {"type": "boolean", "default": False, "description": "Allow picking several."},
        },
        ("ask", "options"),
    ),
    model=ChooseStep,
    asks=True,
    who_default="each",
    answer=_answer,
    walk_default=lambda step: [step.options[0]] if step.many else step.options[0],
    numbers=_numbers,
    options=lambda step: step.options,
    verb="chose",
    detail=lambda step: f"{step.who}, {len(step.options)} options" + (", several" if step.many else ""),
    heading=lambda step: "Choose",
    words=lambda step, value, partners: pick_words(value),
    handout=_handout,
    view="choose:ChooseView",
    help="choose",
)
