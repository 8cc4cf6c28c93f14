"""Reading the steps that ask the partners something: rate, write, choose, checklist."""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from gentle.flows import names as name_rules
from gentle.flows.fields import Fields, check_names, read_number, read_text
from gentle.flows.model import (
    WHO_VALUES,
    Blank,
    ChecklistStep,
    ChooseStep,
    RateStep,
    Step,
    WriteStep,
)
from gentle.flows.steps import Common
from gentle.flows.suggest import closest, did_you_mean
from gentle.flows.yamlnodes import NULL

MAX_SCALE_SPAN = 100
_WHO_WORDS = {"both": "each", "all": "each", "everyone": "each", "one": "first",
              "couple": "together", "shared": "together", "partner1": "first", "partner2": "second"}


def _who(c: Common, default: str) -> str:
    f = c.fields
    node = f.get("who")
    who = default
    if node is not None:
        value = read_text(node, c.ctx.report, "`who`")
        if value in WHO_VALUES:
            who = value
        elif value is not None:
            hint = _WHO_WORDS.get(value)
            tail = f'; did you mean "{hint}"?' if hint else did_you_mean(value, WHO_VALUES)
            c.ctx.report.error(node, f'`who` cannot be "{value}"{tail} (use "each", "together", '
                                     '"first" or "second")')
    if who != "together":
        c.names = name_rules.BASE_NAMES | name_rules.ONE_PARTNER_NAMES
    return who


def _rate(c: Common) -> Step:
    f, report = c.fields, c.ctx.report
    who = _who(c, "each")
    values = c.base()
    low = f.number("from", integer=True)
    high = f.number("to", integer=True)
    low = 0 if low is None else int(low)
    high = 10 if high is None else int(high)
    if high <= low:
        report.error(f.get("to") or f.get("from") or f.node,
                     f"`to` ({high}) must be more than `from` ({low})")
        high = low + 1
    elif high - low > MAX_SCALE_SPAN:
        report.error(f.get("to") or f.node, f"a scale can span at most {MAX_SCALE_SPAN} points "
                                            f"(this one spans {high - low})")
    labels = _labels(c, low, high)
    measures = f.choice("measures", ("distress", "closeness", "other"), "other")
    return RateStep(**values, ask=f.text("ask", required=True, names=c.names) or "", who=who,  # type: ignore[arg-type]
                    low=low, high=high, labels=labels, measures=measures)  # type: ignore[arg-type]


def _labels(c: Common, low: int, high: int) -> tuple[tuple[int, str], ...]:
    report = c.ctx.report
    node = c.fields.get("labels")
    if node is None:
        return ()
    if not isinstance(node, MappingNode):
        report.error(node, "`labels` is a mapping of points to words, like `0: calm`")
        return ()
    points: dict[int, str] = {}
    for key_node, value_node in node.value:
        point = read_number(key_node, report, "a label's point", integer=True)
        if point is not None and not low <= point <= high:
            report.error(key_node, f"the point {point} is off the scale ({low} to {high})")
            point = None
        text = read_text(value_node, report, "a label")
        if point is None or text is None:
            continue
        point = int(point)
        if point in points:
            report.error(key_node, f"the point {point} has two labels")
            continue
        check_names(value_node, text, c.names, report, "a label")
        points[point] = text
    return tuple(sorted(points.items()))


def _write(c: Common) -> Step:
    f, report = c.fields, c.ctx.report
    who = _who(c, "each")
    values = c.base()
    template = f.text("template", names=c.names, blanks_allowed=True)
    blanks = _blanks(c, template)
    return WriteStep(**values, ask=f.text("ask", required=True, names=c.names) or "", who=who,  # type: ignore[arg-type]
                     template=template, blanks=blanks,
                     placeholder=f.text("placeholder", names=c.names),
                     optional=f.boolean("optional", False))


def _blanks(c: Common, template: str | None) -> tuple[Blank, ...]:
    report = c.ctx.report
    node = c.fields.get("blanks")
    slots = name_rules.slots(template) if template else []
    if template and c.fields.get("template") is not None:
        _warn_slot_typos(c, template, slots, node)
    given: dict[str, Blank] = {}
    if node is not None:
        if template is None and "template" not in c.fields:
            report.error(c.fields.key_node("blanks"), "`blanks:` only works with a `template:`")
        elif not isinstance(node, MappingNode):
            report.error(node, "`blanks` is a mapping from each blank's name to its hint and suggestions")
        else:
            for key_node, value_node in node.value:
                name = read_text(key_node, report, "a blank's name")
                if name is None:
                    continue
                if template is not None and name not in slots:
                    hint = did_you_mean(name, slots)
                    report.error(key_node, f'the blank "{name}" is not in the template{hint} '
                                           f"(write {{{name}}} in the template where it goes)")
                    continue
                if name in given:
                    report.error(key_node, f'the blank "{name}" is described twice')
                    continue
                given[name] = _blank(c, name, value_node)
    return tuple(given.get(name, Blank(name)) for name in slots)


def _blank(c: Common, name: str, node: Node) -> Blank:
    report = c.ctx.report
    if isinstance(node, ScalarNode) and node.tag == NULL:
        return Blank(name)
    if not isinstance(node, MappingNode):
        report.error(node, f'the blank "{name}" takes `hint:` and `suggestions:`')
        return Blank(name)
    f = Fields(node, report, f'the blank "{name}"')
    hint = f.text("hint", names=c.names)
    suggestions: tuple[str, ...] = ()
    s_node = f.get("suggestions")
    if isinstance(s_node, ScalarNode) and s_node.tag != NULL:
        list_name = read_text(s_node, report, "`suggestions`")
        if list_name is not None:
            if list_name in c.ctx.lists:
                suggestions = c.ctx.lists[list_name]
            else:
                report.error(s_node, f'there is no suggestion list called "{list_name}"'
                                     f"{did_you_mean(list_name, c.ctx.lists)} (lists: "
                                     f"{', '.join(sorted(c.ctx.lists))}; or give the words as a list)")
    elif s_node is not None:
        suggestions = f.texts("suggestions", names=c.names)
    f.unknown(("hint", "suggestions"))
    return Blank(name, hint, suggestions)


def _warn_slot_typos(c: Common, template: str, slots: list[str], node: Node | None) -> None:
    """A blank named like a placeholder ({parnter}) was probably meant to be one."""
    described = set()
    if isinstance(node, MappingNode):
        described = {getattr(k, "value", None) for k, _ in node.value}
    for found in name_rules.find(template):
        if found.name in slots and found.name not in described:
            match = closest(found.name, name_rules.ALL_NAMES)
            if match is not None:
                token = "{" + found.name + "}"
                c.ctx.report.warning(c.fields.get("template"),
                                     f"{token} is a blank for the partner to fill in; did you mean "
                                     f"the name placeholder {{{match}}}?",
                                     offset=found.offset, token=token)


def _choose(c: Common) -> Step:
    f = c.fields
    who = _who(c, "each")
    values = c.base()
    return ChooseStep(**values, ask=f.text("ask", required=True, names=c.names) or "", who=who,  # type: ignore[arg-type]
                      options=f.texts("options", required=True, at_least=2, unique=True, names=c.names),
                      many=f.boolean("many", False))


def _checklist(c: Common) -> Step:
    f = c.fields
    who = _who(c, "together")
    values = c.base()
    return ChecklistStep(**values, ask=f.text("ask", required=True, names=c.names) or "",
                         who=who,  # type: ignore[arg-type]
                         items=f.texts("items", required=True, at_least=1, unique=True, names=c.names))


READERS: dict[str, Any] = {"rate": _rate, "write": _write, "choose": _choose, "checklist": _checklist}
