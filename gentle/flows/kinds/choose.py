"""choose: each partner picks one option (or, with `many: true`, any number of them).

With `many: true`, some options can stand on their own (`exclusive:`, such as "Not sure
yet"): picking one of them leaves the others out, and an answer that has both is refused.
Nothing picked is not an answer: a couple who want to leave it skip the step.
"""

from __future__ import annotations

from typing import Any, Literal

from yaml.nodes import ScalarNode, SequenceNode

from gentle.flows.fields import read_list, read_text
from gentle.flows.kinds.asking import option_for, pick_words, picks, rendered, read_who, read_words, words_schema
from gentle.flows.kinds.base import Refused, Schema, StepKind, ask_heading, text_schema, texts_schema, who_schema
from gentle.flows.model import StepBase, Who
from gentle.flows.suggest import did_you_mean
from gentle.records import record

# What the kind says when nothing was chosen; a view can say how to choose instead.
NOTHING_CHOSEN = "Nothing is chosen yet: choose one first, or skip this step."


@record
class ChooseStep(StepBase):
    kind: Literal["choose"] = "choose"
    ask: str = ""
    who: Who = "each"
    options: tuple[str, ...] = ()
    many: bool = False
    # With `many`: the options that are picked on their own ("Not sure yet").
    exclusive: tuple[str, ...] = ()


def _read(c: Any) -> ChooseStep:
    f = c.fields
    who = read_who(c, "each")
    values = c.base()
    options = read_words(c, "options", at_least=2)
    many = f.boolean("many", False)
    return ChooseStep(**values, ask=f.text("ask", required=True, names=c.names) or "", who=who,  # type: ignore[arg-type]
                      options=options, many=many, exclusive=_exclusive(c, options, many))


def _exclusive(c: Any, options: tuple[str, ...], many: bool) -> tuple[str, ...]:
    """`exclusive:` one option, or a list of them; each must be one of `options`."""
    report = c.ctx.report
    node = c.fields.get("exclusive")
    if node is None:
        return ()
    if not many:
        report.error(c.fields.key_node("exclusive"),
                     "`exclusive` only means something with `many: true` (without it, only one "
                     "option can be picked anyway)")
        return ()
    items = [node] if isinstance(node, ScalarNode) else read_list(node, report, "`exclusive`") or []
    found: list[str] = []
    for item in items:
        value = read_text(item, report, "an entry of `exclusive`")
        if value is None:
            continue
        if value not in options:
            report.error(item, f'"{value}" is not one of the options{did_you_mean(value, options)} '
                               "(`exclusive` names options exactly as they are written under `options:`)")
            continue
        if value in found:
            report.error(item, f'"{value}" is listed twice in `exclusive`')
            continue
        found.append(value)
    if isinstance(node, SequenceNode) and options and len(found) == len(options):
        report.error(node, "every option is exclusive, so only one can ever be picked; "
                           "use a choose step without `many: true` instead")
    return tuple(found)


def clash(step: ChooseStep, picked: list[str]) -> str | None:
    """The exclusive option ``picked`` holds alongside others, if any (the rule the app
    follows as partners tick: ticking one leaves the others out)."""
    if len(picked) < 2:
        return None
    return next((option for option in picked if option in step.exclusive), None)


def after_ticking(step: ChooseStep, picked: list[str], option: str) -> list[str]:
    """What is picked once ``option`` is ticked or unticked, in the options' order:
    an exclusive option clears the others, and another option clears it."""
    if option in picked:
        return [o for o in picked if o != option]
    if option in step.exclusive:
        return [option]
    return [o for o in step.options if o == option or (o in picked and o not in step.exclusive)]


def _answer(step: ChooseStep, value: Any, names: Any) -> str | list[str]:
    if value is None or value == [] or value == "":
        raise Refused(NOTHING_CHOSEN)
    if step.many:
        picked = picks([value] if isinstance(value, str) else value, step.options, "option", names)
        alone = clash(step, picked)
        if alone is not None:
            raise Refused(f"“{rendered(alone, names)}” is picked on its own, not together with other "
                          "options")
        return picked
    if isinstance(value, list):
        raise Refused("it takes one option, not a list (only a choose step with `many: true` takes several)")
    return option_for(value, step.options, "option", names)


def _numbers(step: ChooseStep) -> tuple[int, int] | str:
    if step.many:
        return (1, len(step.options))
    return (f'`{{test}}` counts choices, but "{step.id}" picks only one option; use `picked:` '
            "(or give the step `many: true`)")


def _handout(step: ChooseStep, pages: Any) -> list:
    blocks = [
        *pages.text(step.ask, step.who),
        pages.checklist([pages.line(o, step.who) for o in step.options], step.who),  # boxes to tick on paper
        pages.note("Choose any that fit." if step.many else "Choose one."),
    ]
    for option in step.exclusive:
        blocks.append(pages.note(f"“{pages.line(option, step.who)}” goes on its own, "
                                 "without the others."))
    return blocks


def _detail(step: ChooseStep) -> str:
    detail = f"{step.who}, {len(step.options)} options" + (", several" if step.many else "")
    if step.exclusive:
        detail += ", on its own: " + ", ".join(step.exclusive)
    return detail


KIND = StepKind(
    name="choose",
    summary="Each partner (or the couple) picks one option, or several with `many: true`.",
    keys=("ask", "who", "options", "many", "exclusive"),
    read=_read,
    schema=Schema(
        {
            "ask": text_schema("The question."),
            "who": who_schema("each"),
            "options": words_schema("The options.", 2),
            "many": {"type": "boolean", "default": False, "description": "Allow picking several."},
            "exclusive": {"description": "With `many: true`: options that are picked on their own "
                                         "(ticking one clears the others), like \"Not sure yet\".",
                          "oneOf": [
                text_schema("With `many: true`: an option that is picked on its own."),
                {**texts_schema("With `many: true`: options that are picked on their own, like "
                                "\"Not sure yet\"."), "uniqueItems": True},
            ]},
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
    detail=_detail,
    heading=lambda step: ask_heading(step.ask, "Choose"),
    words=lambda step, value, partners: pick_words(value),
    handout=_handout,
    view="choose:ChooseView",
    help="choose",
    shows=True,
)
