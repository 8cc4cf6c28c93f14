"""include: another flow's steps, inlined where the include stands (see flows/includes.py).

An include has no model, view or handout of its own: once loaded, its steps are the
included flow's, with ids prefixed ("calm.breathe") and that flow's own rules kept.
"""

from __future__ import annotations

from typing import Any

from gentle.flows import names as name_rules
from gentle.flows.fields import read_text
from gentle.flows.kinds.base import Schema, StepKind

FLOW_ID_PATTERN = "^[a-z][a-z0-9-]*$"


def _read(c: Any) -> Any:
    from gentle.flows.steps import ID, StepDraft, elsewhere

    f, ctx = c.fields, c.ctx
    f.what = "an include step"
    report = ctx.report
    flow_node = f.require("flow", " (the id of the flow to include)")
    flow_id = read_text(flow_node, report, "`flow`") if flow_node is not None else None
    if flow_id is not None and not ID.fullmatch(flow_id):
        report.error(flow_node, f'"{flow_id}" is not a flow id')
        flow_id = None
    if "next" in f:
        f.get("next")
        report.error(f.key_node("next"), "an include step cannot have `next:`; the included flow's "
                                         "own routes apply, then the flow goes on to the next step")
    title = f.text("title", names=name_rules.BASE_NAMES)
    f.text("facilitator", names=name_rules.BASE_NAMES)
    f.text("help", names=name_rules.BASE_NAMES)
    f.unknown(("kind", "id", "flow", "title", "facilitator", "help"), elsewhere("include"))
    sid = c.given_id or flow_id or "include"
    return StepDraft(sid, "include", f.node, include=flow_id, include_node=flow_node or f.node,
                     title=title, broken=flow_id is None)


KIND = StepKind(
    name="include",
    summary="Another flow's steps, here; that flow's own routes and threshold apply.",
    keys=("flow",),
    read=_read,
    schema=Schema(
        {"flow": {"type": "string", "pattern": FLOW_ID_PATTERN,
                  "description": "The id of the flow to include."}},
        ("flow",),
    ),
)
