"""The top level of a flow file: its own fields, its lists, and the list of steps."""

from __future__ import annotations

from dataclasses import field

from yaml.nodes import MappingNode, Node, ScalarNode

from gentle.flows import names as name_rules
from gentle.flows.fields import Fields, read_list
from gentle.flows.report import Report
from gentle.flows.routes import Pending
from gentle.flows.steps import ID, StepContext, StepDraft, convert_step
from gentle.flows.wordlists import BUILTIN_LISTS
from gentle.records import record

TOP_KEYS = ("id", "title", "summary", "steps", "minutes", "tags", "sources",
            "distress_threshold", "lists", "author", "facilitator", "contraindications")
MAX_MINUTES = 24 * 60


@record(frozen=False)
class FlowDraft:
    id: str
    title: str
    summary: str
    steps: list[StepDraft]
    minutes: float | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    author: str | None = None
    facilitator: str | None = None
    contraindications: tuple[str, ...] = ()
    distress_threshold: int | None = None  # None: the flow sets none
    pending: Pending = field(default_factory=Pending)
    id_node: Node | None = None
    threshold_node: Node | None = None


def convert_flow(root: Node, report: Report) -> FlowDraft | None:
    if not isinstance(root, MappingNode):
        report.error(root, "the top level of a flow is a mapping: `id:`, `title:`, `summary:` "
                           "and `steps:`, each at the start of a line")
        return None
    f = Fields(root, report, "the flow")
    flow_id = f.text("id", required=True)
    if flow_id is not None and not ID.fullmatch(flow_id):
        report.error(f.get("id"), f'"{flow_id}" is not a valid flow id: use lowercase letters, '
                                  "digits and dashes, starting with a letter")
    base = name_rules.BASE_NAMES
    title = f.text("title", required=True, names=base)
    summary = f.text("summary", required=True, names=base)
    minutes = f.number("minutes")
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        report.error(f.get("minutes"), "`minutes` must be more than zero and at most 24 hours (1440)")
        minutes = None
    threshold = f.number("distress_threshold", integer=True)
    draft = FlowDraft(
        id=flow_id or "", title=title or "", summary=summary or "", steps=[],
        minutes=float(minutes) if minutes is not None else None,
        tags=f.texts("tags"), sources=f.texts("sources"),
        author=f.text("author"), facilitator=f.text("facilitator"),
        contraindications=_texts_or_text(f, "contraindications"),
        distress_threshold=int(threshold) if threshold is not None else None,
        id_node=f.get("id"),
        threshold_node=f.get("distress_threshold"),
    )
    own_lists = _lists(f, report)
    ctx = StepContext(report, draft.pending, {**BUILTIN_LISTS, **own_lists})
    steps_node = f.require("steps", " (the list of steps)")
    if steps_node is not None:
        items = read_list(steps_node, report, "`steps`")
        if items is not None and not items:
            report.error(steps_node, "`steps:` is empty; a flow needs at least one step")
        draft.steps = [convert_step(item, i, ctx) for i, item in enumerate(items or [], start=1)]
    f.unknown(TOP_KEYS, {"kind": "a step, under `steps:`", "text": "a step, under `steps:`"})
    lists_node = f.get("lists")
    for name in own_lists:
        if name not in ctx.used_lists and isinstance(lists_node, MappingNode):
            key_node = next(k for k, _ in lists_node.value if getattr(k, "value", None) == name)
            report.warning(key_node, f'the list "{name}" is never used; name it in a step '
                                     f"(`suggestions: {name}` or `options: {name}`), or remove it")
    _check_duplicate_ids(draft.steps, report)
    return draft


def _texts_or_text(f: Fields, key: str) -> tuple[str, ...]:
    """One text, or a list of them."""
    node = f.get(key)
    if isinstance(node, ScalarNode):
        value = f.text(key)
        return (value,) if value else ()
    return f.texts(key)


def _lists(f: Fields, report: Report) -> dict[str, tuple[str, ...]]:
    node = f.get("lists")
    if node is None:
        return {}
    if not isinstance(node, MappingNode):
        report.error(node, "`lists` is a mapping from a list's name to its words")
        return {}
    lists: dict[str, tuple[str, ...]] = {}
    inner = Fields(node, report, "`lists`")
    for name, (key_node, _) in inner.pairs.items():
        if not ID.fullmatch(name):
            report.error(key_node, f'"{name}" is not a valid list name: use lowercase letters, '
                                   "digits and dashes")
        lists[name] = inner.texts(name, at_least=1)
    return lists


def _check_duplicate_ids(steps: list[StepDraft], report: Report) -> None:
    seen: dict[str, StepDraft] = {}
    for draft in steps:
        if draft.id in seen:
            first = seen[draft.id].node.start_mark.line + 1
            where = _id_node(draft.node) or draft.include_node or draft.node
            auto = "" if _id_node(draft.node) else " (the id it gets when it has none)"
            report.error(where, f'two steps have the id "{draft.id}"{auto}; the first is on line '
                                f"{first}. Give each step its own id")
        else:
            seen[draft.id] = draft


def _id_node(node: Node) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id":
                return value
    return None

