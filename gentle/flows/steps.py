"""Turning one step's YAML mapping into its frozen model (dispatch and shared fields).

Each kind's own fields are read by its reader, declared with the kind in
gentle/flows/kinds/. A step with errors still yields a model built from what could be
read, so routing and loop checks can run too and the author sees every problem in one go.
"""

from __future__ import annotations

import functools
import re
from dataclasses import field
from typing import Any

from yaml.nodes import MappingNode, Node

from gentle.flows import names as name_rules
from gentle.flows.fields import Fields, read_text
from gentle.flows.model import END, Step
from gentle.flows.report import Report
from gentle.flows.routes import Pending, parse_next
from gentle.flows.suggest import did_you_mean, one_of
from gentle.records import record

ID = re.compile(r"[a-z][a-z0-9-]*")
COMMON_KEYS = ("kind", "id", "title", "facilitator", "help", "next")


def kind_keys() -> dict[str, tuple[str, ...]]:
    """Each kind's own YAML keys, from the registry."""
    from gentle.flows.kinds import KINDS

    return {name: kind.own_keys for name, kind in KINDS.items()}


@record(frozen=False)
class StepContext:
    report: Report
    pending: Pending
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    used_lists: set[str] = field(default_factory=set)  # the names steps have used

    def named_list(self, node: Node, what: str) -> tuple[str, ...] | None:
        """The words of the list ``node`` names (the flow's `lists:` or a built-in one),
        or None with the problem reported. Using a list marks it used."""
        name = read_text(node, self.report, what)
        if name is None:
            return None
        if name not in self.lists:
            self.report.error(node, f'there is no list called "{name}"{did_you_mean(name, self.lists)} '
                                    f"(lists: {', '.join(sorted(self.lists))}; or give the words as "
                                    "a list)")
            return None
        self.used_lists.add(name)
        return self.lists[name]


@record(frozen=False)
class StepDraft:
    """One entry of `steps:` as read: a model, or an include still to be inlined."""

    id: str
    kind: str | None
    node: Node
    step: Step | None = None
    include: str | None = None  # the included flow's id
    include_node: Node | None = None
    title: str | None = None  # an include's own title, if any
    broken: bool = False  # errors inside: skip checks that depend on its contents


@record(frozen=False)
class Common:
    """The fields every step kind shares, plus what its own reader needs."""

    id: str
    fields: Fields
    ctx: StepContext
    names: frozenset[str] = name_rules.BASE_NAMES
    given_id: str | None = None  # the id as written (None: the step has none)
    shows: bool = False  # the kind takes `show:` (kinds/showing.py)

    def base(self) -> dict[str, Any]:
        f = self.fields
        values: dict[str, Any] = {"id": self.id}
        for key in ("title", "facilitator", "help"):
            values[key] = f.text(key, names=self.names)
        next_node = f.get("next")
        if next_node is not None:
            values["next"] = parse_next(next_node, self.id, self.ctx.report, self.ctx.pending)
        if self.shows:
            from gentle.flows.kinds.showing import read_show

            values["show"] = read_show(self)
        return values


def convert_step(node: Node, position: int, ctx: StepContext) -> StepDraft:
    auto_id = f"step-{position}"
    report = ctx.report
    if not isinstance(node, MappingNode):
        report.error(node, "each step is a mapping that starts with `- kind: ...`")
        return StepDraft(auto_id, None, node, broken=True)
    from gentle.flows.kinds import KINDS
    from gentle.flows.kinds.say import SayStep

    f = Fields(node, report, "this step")
    kind_node = f.get("kind")
    kind = None
    if kind_node is None:
        if not f.merged:
            report.error(node, f"this step needs `kind:` ({one_of(KINDS)})")
    else:
        kind = read_text(kind_node, report, "`kind`")
        if kind is not None and kind not in KINDS:
            report.error(kind_node, f'unknown step kind "{kind}"{did_you_mean(kind, KINDS)} '
                                    f"(kinds: {', '.join(KINDS)})")
            kind = None
    step_id = _read_id(f, auto_id, report)
    if kind is None:
        for key in f.pairs:
            f.get(key)  # without a kind, its keys cannot be judged
        return StepDraft(step_id or auto_id, None, node, SayStep(id=step_id or auto_id), broken=True)
    declared = KINDS[kind]
    common = Common(step_id or auto_id, f, ctx, given_id=step_id, shows=declared.shows)
    if declared.model is None:
        return declared.read(common)  # an include: a draft to inline, not a step
    f.what = f"a {kind} step"
    errors_before = len(report.problems)
    report.owner = common.id  # {answer:...} placeholders are noted as this step's
    try:
        step = declared.read(common)
    finally:
        report.owner = None
    f.unknown(declared.all_keys, elsewhere(kind))
    broken = any(p.severity == "error" for p in report.problems[errors_before:])
    return StepDraft(common.id, kind, node, step, broken=broken)


def _read_id(f: Fields, auto_id: str, report: Report) -> str | None:
    """The step's own id; None when it has none (includes then use the flow's id)."""
    node = f.get("id")
    if node is None:
        return None
    value = read_text(node, report, "`id`")
    if value is None:
        return auto_id
    if value == END:
        report.error(node, '"end" is reserved for finishing the flow; pick another id')
        return auto_id
    if not ID.fullmatch(value):
        report.error(node, f'"{value}" is not a valid step id: use lowercase letters, digits and '
                           "dashes, starting with a letter")
        return auto_id
    return value


@functools.cache
def elsewhere(kind: str) -> dict[str, str]:
    """For an unknown key that another kind uses: 'a rate step' etc. (The kinds never
    change while gentle runs, so this is worked out once per kind; don't change it.)"""
    hints: dict[str, str] = {}
    for other, keys in kind_keys().items():
        if other == kind:
            continue
        for key in keys:
            hints.setdefault(key, f"{'an' if other[0] in 'aeiou' else 'a'} {other} step")
    return hints
