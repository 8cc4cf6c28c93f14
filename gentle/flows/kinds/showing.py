"""`show:`: a step that shows what was written at an earlier step.

A read-back step ("read your sentence back to yourself") names the step where the
sentence was written::

    - kind: checklist
      id: read-back
      who: each
      show: statement

Each partner then sees their own words on a step asked of one partner at a time, and a
step asked of nobody in particular (a say step) or of the couple together shows every
partner's words, by name. ``show:`` takes one step id or a list of them. The kinds whose
steps may have it say so (``StepKind.shows``); the kinds whose answers can be shown say
how (``StepKind.shown``: a write step's words, exactly as written).

This module reads the key and checks it once every step is known: the id must be a
step's (with a did-you-mean), of a kind whose answers can be shown, and one the couple
can pass on their way here; a step that can come only later has nothing to show yet.
What a step shows, and how that is said on a handout and in a walk, is the engine's
(gentle/engine/shown.py).
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import Node, ScalarNode

from gentle.flows.fields import read_list, read_text
from gentle.flows.report import Report
from gentle.flows.suggest import did_you_mean_or_list
from gentle.records import record

KEY = "show"


@record
class ShowRef:
    """One id under a step's `show:`, with where it was written, for the checks."""

    owner: str  # the step that shows
    ref: str  # the step it shows
    node: Node


def read_show(c: Any) -> tuple[str, ...]:
    """The ids under `show:` (one, or a list), each kept for :func:`check_shows`."""
    from gentle.flows.routes import REF

    report = c.ctx.report
    node = c.fields.get(KEY)
    if node is None:
        return ()
    items = [node] if isinstance(node, ScalarNode) else read_list(node, report, f"`{KEY}`") or []
    refs: list[str] = []
    for item in items:
        ref = read_text(item, report, f"an entry of `{KEY}`")
        if ref is None:
            continue
        if not REF.fullmatch(ref):
            report.error(item, f'"{ref}" is not a step id; `{KEY}` names the step whose words '
                               "are shown here")
            continue
        if ref in refs:
            report.error(item, f'"{ref}" is listed twice in `{KEY}`')
            continue
        refs.append(ref)
        c.ctx.pending.shows.append(ShowRef(c.id, ref, item))
    return tuple(refs)


def schema() -> dict[str, Any]:
    description = ("Show what was written at an earlier step (its id, or a list of ids): each "
                   "partner's own words on a step asked of one partner at a time, everyone's "
                   "otherwise.")
    ref = {"type": "string", "pattern": "^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$"}
    return {"description": description,
            "oneOf": [ref, {"type": "array", "items": ref, "minItems": 1, "uniqueItems": True}]}


def check_shows(steps: dict[str, Any], includes: dict[str, str], broken: set[str],
                shows: list[ShowRef], report: Report) -> None:
    """Each `show:` names a step whose words can be shown (the graph is checked later)."""
    from gentle.flows.kinds import kind_of

    known = sorted(set(steps) | set(includes))
    shown_kinds = sorted({s.kind for s in steps.values() if kind_of(s).shown is not None}) or ["write"]
    for show in shows:
        if show.ref == show.owner:
            report.error(show.node, f'"{show.ref}" is this step itself; `{KEY}` names an earlier '
                                    "step whose words are shown here")
            continue
        if show.ref in broken or show.ref.split(".", 1)[0] in broken:
            continue  # a step that failed to load: already reported
        if show.ref in includes:
            report.error(show.node, f'"{show.ref}" is an include; name one of its steps instead, '
                                    f'like "{show.ref}.{includes[show.ref]}"')
            continue
        step = steps.get(show.ref)
        if step is None:
            showable = [i for i, s in steps.items() if kind_of(s).shown is not None] or known
            report.error(show.node, f'no step has the id "{show.ref}"{did_you_mean_or_list(show.ref, showable)}')
            continue
        if kind_of(step).shown is None:
            report.error(show.node, f'"{show.ref}" is a {step.kind} step, and `{KEY}` shows what '
                                    f"was written ({' or '.join(shown_kinds)} steps)")


def check_order(order: list[Any], shows: list[ShowRef], report: Report) -> None:
    """A shown step must be one the couple can pass on their way to the step that shows
    it; one that can come only later has nothing written yet."""
    from gentle.flows.routes import reach as _reach, successors

    index = {s.id: i for i, s in enumerate(order)}
    succ = successors(order)
    reached = {0} | _reach(succ, 0) if order else set()
    for show in shows:
        if show.owner not in index or show.ref not in index or show.ref == show.owner:
            continue
        if index[show.ref] not in reached:
            continue  # a step nothing leads to: check_shape warns about it
        if index[show.owner] not in _reach(succ, index[show.ref]):
            report.error(show.node, f'"{show.ref}" can only come after this step, so nothing is '
                                    f"written there yet when this step shows it; `{KEY}` names a "
                                    "step the couple pass on their way here")
