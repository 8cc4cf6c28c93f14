"""Inlining included flows: `- kind: include` + `flow: ID` becomes that flow's steps.

The included flow is loaded on its own first (so its own routes are already valid),
then its step ids become "<include-id>.<step-id>", its routes and conditions are
rewritten the same way, and its `go: end` means "continue after the include".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Union

from yaml.nodes import Node

from gentle.flows.model import END, Condition, Flow, Problem, Route, Step
from gentle.flows.report import Report
from gentle.flows.steps import StepDraft
from gentle.flows.suggest import did_you_mean

Lookup = Callable[[str], Union[Path, Flow, None]]
# Loads a path with the include chain so far; returns (flow or None, problems).
LoadPath = Callable[[Path, "Lookup | None", tuple[str, ...]], tuple[Union[Flow, None], list[Problem]]]

_AFTER = "\x00after"  # stands for "the step after this include" until that is known


class Inlined:
    """The flat list of steps, plus where each included step came from."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.include_of: dict[str, Node] = {}  # inlined step id -> the include's node
        self.first_of: dict[str, str] = {}  # include id -> its first inlined step id
        self.first_own: dict[str, str] = {}  # include id -> first step id inside the included flow


def inline(drafts: list[StepDraft], flow_id: str, lookup: Lookup | None, chain: tuple[str, ...],
           load_path: LoadPath, report: Report, known: Callable[[], list[str]]) -> Inlined:
    result = Inlined()
    groups: list[list[Step]] = []
    for draft in drafts:
        if draft.include is None:
            if draft.step is not None:
                groups.append([draft.step])
            continue
        included = _resolve(draft, flow_id, lookup, chain, load_path, report, known)
        if included is None or not included.steps:
            continue
        section = draft.title or included.title
        group = [_prefixed(step, draft.id, section) for step in included.steps]
        result.first_of[draft.id] = group[0].id
        result.first_own[draft.id] = included.steps[0].id
        for step in group:
            result.include_of[step.id] = draft.include_node or draft.node
        groups.append(group)
    for i, group in enumerate(groups):
        after = groups[i + 1][0].id if i + 1 < len(groups) else END
        for step in group:
            result.steps.append(_retarget(step, after, result.first_of))
    return result


def _resolve(draft: StepDraft, flow_id: str, lookup: Lookup | None, chain: tuple[str, ...],
             load_path: LoadPath, report: Report, known: Callable[[], list[str]]) -> Flow | None:
    target = draft.include or ""
    node = draft.include_node or draft.node
    if target == flow_id or target in chain:
        loop = " → ".join((*chain, flow_id, target)[(*chain, flow_id).index(target):])
        report.error(node, f"include cycle: {loop}; a flow cannot include itself, even indirectly")
        return None
    found = lookup(target) if lookup is not None else None
    if found is None:
        report.error(node, f'there is no flow with the id "{target}" to include'
                           f"{did_you_mean(target, known())}")
        return None
    if isinstance(found, Flow):
        return found
    flow, problems = load_path(Path(found), lookup, (*chain, flow_id))
    errors = [p for p in problems if p.severity == "error"]
    if flow is None or errors:
        first = str(errors[0]) if errors else "it could not be loaded"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        report.error(node, f'the included flow "{target}" has problems: {first}{more}')
        return None
    return flow


def _prefixed(step: Step, prefix: str, section: str | None) -> Step:
    routes = tuple(
        Route(_AFTER if r.go == END else f"{prefix}.{r.go}", _cond(r.when, prefix)) for r in step.next
    )
    return replace(step, id=f"{prefix}.{step.id}", next=routes, section=step.section or section,
                   show=tuple(f"{prefix}.{ref}" for ref in step.show))


def _cond(cond: Condition | None, prefix: str) -> Condition | None:
    if cond is None:
        return None
    return replace(
        cond,
        step=f"{prefix}.{cond.step}" if cond.step else None,
        higher_than=f"{prefix}.{cond.higher_than}" if cond.higher_than else None,
        lower_than=f"{prefix}.{cond.lower_than}" if cond.lower_than else None,
        all_of=tuple(_cond(c, prefix) for c in cond.all_of),  # type: ignore[misc]
        any_of=tuple(_cond(c, prefix) for c in cond.any_of),  # type: ignore[misc]
        none_of=tuple(_cond(c, prefix) for c in cond.none_of),  # type: ignore[misc]
    )


def _retarget(step: Step, after: str, first_of: dict[str, str]) -> Step:
    """`go: end` from inside an include -> the next step; `go: <include>` -> its first step."""
    if not step.next:
        return step
    routes = []
    changed = False
    for route in step.next:
        go = after if route.go == _AFTER else first_of.get(route.go, route.go)
        changed = changed or go != route.go
        routes.append(Route(go, route.when) if go != route.go else route)
    return replace(step, next=tuple(routes)) if changed else step
