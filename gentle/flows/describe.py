"""A flow as plain data (``show --json``) and as a readable outline (``show``)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from gentle.flows.model import Condition, Flow, Route, Step

# Model field -> the word an author writes in YAML, where they differ.
_YAML_NAMES = {"low": "from", "high": "to", "is_break": "break"}


def flow_to_dict(flow: Flow) -> dict[str, Any]:
    """The normalised flow: includes inlined, defaults filled in, every step's id and kind."""
    return {
        "id": flow.id,
        "title": flow.title,
        "summary": flow.summary,
        "minutes": flow.minutes,
        "tags": list(flow.tags),
        "sources": list(flow.sources),
        "distress_threshold": flow.distress_threshold,
        "origin": flow.origin,
        "path": flow.path,
        "steps": [step_to_dict(step) for step in flow.steps],
    }


def step_to_dict(step: Step) -> dict[str, Any]:
    out: dict[str, Any] = {"id": step.id, "kind": step.kind}
    for f in fields(step):
        if f.name in ("id", "kind"):
            continue
        value = getattr(step, f.name)
        out[_YAML_NAMES.get(f.name, f.name)] = _plain(f.name, value)
    return out


def _plain(name: str, value: Any) -> Any:
    if name == "next":
        return [route_to_dict(r) for r in value]
    if name == "labels":
        return {str(point): text for point, text in value}
    if name == "phases":
        return [{"do": p.do, "seconds": p.seconds} for p in value]
    if name == "blanks":
        return [{"name": b.name, "hint": b.hint, "suggestions": list(b.suggestions)} for b in value]
    if isinstance(value, tuple):
        return list(value)
    return value


def route_to_dict(route: Route) -> dict[str, Any]:
    return {"go": route.go, "when": condition_to_dict(route.when) if route.when else None}


def condition_to_dict(cond: Condition) -> dict[str, Any]:
    for attr, word in (("all_of", "all"), ("any_of", "any"), ("none_of", "none")):
        parts = getattr(cond, attr)
        if parts:
            return {word: [condition_to_dict(c) for c in parts]}
    out: dict[str, Any] = {"step": cond.step, "who": cond.who}
    from gentle.flows.routes import TESTS

    for key in TESTS:
        value = getattr(cond, key)
        if value is not None:
            out[key] = value
    return out


# -- the outline -------------------------------------------------------------------------


def describe_condition(cond: Condition) -> str:
    for attr, joiner, lead in (("all_of", " and ", ""), ("any_of", " or ", ""),
                               ("none_of", " or ", "not ")):
        parts = getattr(cond, attr)
        if parts:
            inner = joiner.join(describe_condition(c) for c in parts)
            return f"{lead}({inner})" if len(parts) > 1 or lead else inner
    who = {"either": "either partner's", "both": "both partners'", "first": "partner 1's",
           "second": "partner 2's"}[cond.who]
    if cond.break_taken is not None:
        return f"a break was {'' if cond.break_taken else 'not '}taken since {cond.step}"
    if cond.answered is not None:
        return f"{cond.step} was {'answered' if cond.answered else 'skipped'}"
    if cond.higher_than is not None:
        return f"{who} {cond.step} is higher than at {cond.higher_than}"
    if cond.lower_than is not None:
        return f"{who} {cond.step} is lower than at {cond.lower_than}"
    if cond.at_least is not None:
        return f"{who} {cond.step} is at least {cond.at_least:g}"
    if cond.at_most is not None:
        return f"{who} {cond.step} is at most {cond.at_most:g}"
    return f'{who} {cond.step} includes "{cond.picked}"'


def _detail(step: Step) -> str:
    from gentle.flows.kinds import kind_of

    return kind_of(step).detail(step)


def outline(flow: Flow) -> str:
    from gentle.text import clean_line

    head = [clean_line(flow.title)]
    facts = [flow.id]
    if flow.minutes:
        facts.append(f"about {flow.minutes:g} minutes")
    facts.append(flow.origin)
    head.append("(" + ", ".join(facts) + ")")
    lines = ["  ".join(head), clean_line(flow.summary), ""]
    width = max(len(s.id) for s in flow.steps)
    section: str | None = None
    for n, step in enumerate(flow.steps, start=1):
        if step.section != section:
            section = step.section
            if section:
                lines.append(f"   -- {clean_line(section)} --")
        title = clean_line(getattr(step, "title", None) or getattr(step, "ask", "") or "")
        detail = _detail(step)
        lines.append(f"{n:>3}. {step.id:<{width}}  {step.kind:<9}  {title}"
                     + (f"  ({detail})" if detail else ""))
        if step.show:
            from gentle.engine.shown import show_sentence

            lines.append(f"{'':>5} {'':<{width}}  {show_sentence(flow, step, lambda s: s.id)}")
        for route in step.next:
            target = "the end" if route.go == "end" else route.go
            when = f"  if {describe_condition(route.when)}" if route.when else ""
            lines.append(f"{'':>5} {'':<{width}}  -> {target}{when}")
    if flow.sources:
        lines += ["", "Sources:"] + [f"  - {clean_line(s)}" for s in flow.sources]
    return "\n".join(lines)
