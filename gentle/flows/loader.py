"""Loading a flow file: pre-checks, YAML nodes, models, includes, routes, shape.

Public API::

    load_flow(path, *, lookup=None) -> Flow           raises FlowError (errors only)
    check_flow(path, lookup=None) -> (Flow | None, problems incl. warnings)
    load_flow_text(text, path_label, lookup=None) -> Flow
    check_flow_text(text, path_label, lookup=None) -> (Flow | None, problems)

``lookup(flow_id)`` resolves includes: it returns a path, an already loaded Flow, or
None when no such flow exists (the catalogue provides one). Every problem carries the
1-based line:col of the YAML node it is about; all of them are collected in one pass.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from gentle.flows.convert import FlowDraft, convert_flow
from gentle.flows.includes import Lookup, inline
from gentle.flows.kinds.answering import check_answer_order, check_answers
from gentle.flows.kinds.showing import check_order, check_shows
from gentle.flows.kinds.turns import check_speakers
from gentle.flows.model import Flow, FlowError, Problem
from gentle.flows.precheck import MAX_BYTES, decode
from gentle.flows.report import Report
from gentle.flows.routes import check_condition_order, check_references, check_shape
from gentle.flows.yamlnodes import compose
from gentle.flows.model import Step


def load_flow(path: str | Path, *, lookup: Lookup | None = None, origin: str | None = None) -> Flow:
    flow, problems = check_flow(path, lookup, origin=origin)
    if flow is None:
        raise FlowError([p for p in problems if p.severity == "error"])
    return flow


def load_flow_text(text: str, path_label: str, lookup: Lookup | None = None,
                   *, origin: str | None = None) -> Flow:
    flow, problems = check_flow_text(text, path_label, lookup, origin=origin)
    if flow is None:
        raise FlowError([p for p in problems if p.severity == "error"])
    return flow


def check_flow(path: str | Path, lookup: Lookup | None = None, *,
               origin: str | None = None) -> tuple[Flow | None, list[Problem]]:
    return _check_path(Path(path), lookup, (), str(path), origin)


def check_flow_text(text: str, path_label: str, lookup: Lookup | None = None, *,
                    origin: str | None = None) -> tuple[Flow | None, list[Problem]]:
    return _check_bytes(text.encode("utf-8", errors="surrogateescape"), path_label, lookup, (),
                        origin, None)


def _check_path(path: Path, lookup: Lookup | None, chain: tuple[str, ...], label: str | None = None,
                origin: str | None = None) -> tuple[Flow | None, list[Problem]]:
    label = label if label is not None else str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        return None, [Problem(label, 1, 1, "this is a folder, not a flow file")]
    except FileNotFoundError:
        return None, [Problem(label, 1, 1, "there is no such file")]
    except OSError as exc:
        return None, [Problem(label, 1, 1, f"cannot read this file: {exc.strerror or exc}")]
    return _check_bytes(data, label, lookup, chain, origin, str(path))


def _check_bytes(data: bytes, label: str, lookup: Lookup | None, chain: tuple[str, ...],
                 origin: str | None, path: str | None) -> tuple[Flow | None, list[Problem]]:
    report = Report(label)
    text = decode(data, report)
    if text is None:
        return None, report.sorted()
    report.text = text
    root = compose(text, report)
    if root is None:
        return None, report.sorted()
    draft = convert_flow(root, report)
    if draft is None:
        return None, report.sorted()
    flow = _assemble(draft, lookup, chain, report, origin or label, path)
    if report.has_errors:
        return None, report.sorted()
    return flow, report.sorted()


def _assemble(draft: FlowDraft, lookup: Lookup | None, chain: tuple[str, ...], report: Report,
              origin: str, path: str | None) -> Flow:
    def known() -> list[str]:
        ids = getattr(lookup, "ids", None)
        return list(ids()) if callable(ids) else []

    def load_path(p: Path, lk: Lookup | None, ch: tuple[str, ...]):
        return _check_path(p, lk, ch)

    inlined = inline(draft.steps, draft.id, lookup, chain, load_path, report, known)
    by_id = {s.id: s for s in inlined.steps}
    includes = {d.id: inlined.first_own.get(d.id, "...") for d in draft.steps if d.kind == "include"}
    broken = {d.id for d in draft.steps if d.broken} | (set(includes) - set(inlined.first_of))
    check_references(by_id, includes, broken, draft.pending, report)
    check_shows(by_id, includes, broken, draft.pending.shows, report)
    check_answers(by_id, includes, broken, report)
    check_speakers(by_id, includes, broken, report)
    own_nodes = {d.id: d.node for d in draft.steps if d.kind != "include"}
    if not report.has_errors:
        # Loops and reachability only mean something once every route points somewhere real.
        check_shape(inlined.steps, own_nodes, inlined.include_of, report)
        check_order(inlined.steps, draft.pending.shows, report)
        check_condition_order(inlined.steps, draft.pending.leaves, report)
        check_answer_order(inlined.steps, report)
    steps = _thresholds(draft, inlined.steps, own_nodes, inlined.include_of, report)
    return Flow(
        id=draft.id, title=draft.title, summary=draft.summary, steps=tuple(steps),
        minutes=draft.minutes, tags=draft.tags, sources=draft.sources, author=draft.author,
        facilitator=draft.facilitator, contraindications=draft.contraindications,
        distress_threshold=draft.distress_threshold, origin=origin, path=path,
    )


def _thresholds(draft: FlowDraft, steps: list[Step], own_nodes: dict, include_of: dict,
                report: Report) -> list[Step]:
    """Give each distress rating its flow's threshold (included flows keep theirs), and
    report a threshold the ratings can't use (the rule is the engine's: engine/offers.py)."""
    from gentle.engine.offers import DEFAULT_THRESHOLD, offers_break, threshold_for, threshold_problems

    own = draft.distress_threshold
    inherited: list[str] = []
    settled: list[Step] = []
    for step in steps:
        if offers_break(step) and step.threshold is None:  # type: ignore[attr-defined]
            inherited.append(step.id)
            if own is not None:
                step = replace(step, threshold=own)
        settled.append(step)
    flow = Flow(id=draft.id, title=draft.title, summary=draft.summary, steps=tuple(settled))
    for problem in threshold_problems(flow, own, inherited):
        report.error(draft.threshold_node, problem.message)
    if own is None:
        for step in settled:
            if step.id in inherited and not step.low < DEFAULT_THRESHOLD <= step.high:  # type: ignore[attr-defined]
                node = own_nodes.get(step.id) or include_of.get(step.id)
                report.warning(node, f'"{step.id}" rates distress from {step.low} to {step.high}, '  # type: ignore[attr-defined]
                                     f"which can't reach gentle's usual threshold of {DEFAULT_THRESHOLD}; "
                                     f"a break is offered at {threshold_for(step)} and above. Set "
                                     "`distress_threshold:` on the flow to choose the number")
    return settled
