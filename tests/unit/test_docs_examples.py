"""Every ```yaml block in docs/flows.md is a complete flow that the real loader accepts.

A therapist copies these examples as they are, so an example that doesn't load is a bug
in the page. Fragments belong in ```text blocks, which this test leaves alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gentle.flows.loader import check_flow_text

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "flows.md"
BUILTIN = ROOT / "flows"

_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.DOTALL | re.MULTILINE)

# The one example that shows an unreachable step on purpose; the page says it warns.
EXPECTED_WARNINGS = {"route-simple"}


def _examples() -> list[tuple[int, str]]:
    text = DOC.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in _BLOCK.finditer(text)]


def _builtin(flow_id: str) -> Path | None:
    path = BUILTIN / f"{flow_id}.yaml"
    return path if path.exists() else None


def test_the_page_has_many_complete_examples() -> None:
    assert len(_examples()) >= 20


@pytest.mark.parametrize(("line", "text"), _examples(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_each_yaml_example_loads(line: int, text: str) -> None:
    flow, problems = check_flow_text(text, f"docs/flows.md:{line}", _builtin)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert flow is not None and not errors, "\n".join(errors)
    warnings = [str(p) for p in problems if p.severity == "warning"]
    if flow.id in EXPECTED_WARNINGS:
        assert warnings, f"{flow.id} is described as warning, but it loads silently"
    else:
        assert not warnings, "\n".join(warnings)


def test_example_ids_are_all_different() -> None:
    ids = [re.search(r"^id: (\S+)", text, re.MULTILINE).group(1) for _, text in _examples()]
    assert len(ids) == len(set(ids))


def test_every_step_kind_has_an_example() -> None:
    kinds = set()
    for _, text in _examples():
        kinds.update(re.findall(r"^\s*- kind: (\w+)", text, re.MULTILINE))
    assert kinds >= {"say", "breathe", "timer", "rate", "write", "choose", "checklist", "turns", "include"}


# Every option the format has, so a reader can see each one working in a complete flow.
OPTIONS = {
    # the flow
    "id", "title", "summary", "steps", "minutes", "tags", "sources", "distress_threshold", "lists",
    # every step
    "kind", "facilitator", "help", "next",
    # step kinds
    "text", "pattern", "phases", "cycles", "seconds", "suggestions", "rotate_seconds", "break",
    "ask", "who", "from", "to", "labels", "measures", "placeholder", "optional", "template",
    "blanks", "hint", "options", "many", "exclusive", "show", "items", "rounds", "floor_minutes", "floor_seconds",
    "first_speaker", "speaker_prompt", "listener_prompts", "heard_question", "flow",
    # breathing phases
    "in", "top-up", "hold", "out", "rest",
    # routing
    "go", "when", "step", "at_least", "at_most", "picked", "answered", "all", "any", "none",
}


def test_every_option_appears_in_a_complete_example() -> None:
    used: set[str] = set()
    for _, text in _examples():
        used.update(re.findall(r"(?:^|[\s{,-])([a-z_-]+):(?=\s)", text, re.MULTILINE))
    assert OPTIONS - used == set()


def _example(flow_id: str):
    for line, text in _examples():
        if re.search(rf"^id: {re.escape(flow_id)}$", text, re.MULTILINE):
            flow, _ = check_flow_text(text, f"docs/flows.md:{line}", _builtin)
            return flow
    raise AssertionError(f"no example with id {flow_id}")


def test_the_routing_examples_go_where_the_page_says() -> None:
    from gentle.engine.walk import walk

    flow = _example("route-conditions")
    assert walk(flow, {"check-in": [8, 3]}).path == ["check-in", "cool-down", "breathe"]
    assert walk(flow, {"check-in": [2, 3]}).path == ["check-in", "breathe"]

    flow = _example("route-combined")
    ready = {"calm": [1, 2], "willing": ["I'm ready", "I'm ready"], "needs": []}
    assert walk(flow, ready).path[-1] == "talk" and "take-care" not in walk(flow, ready).path
    assert "take-care" in walk(flow, {**ready, "needs": ["Water"]}).path
    assert "take-care" in walk(flow, {**ready, "calm": [1, 5]}).path
    assert walk(flow, {**ready, "calm": [6, 0]}).path[-1] == "not-today"
    assert walk(flow, {**ready, "willing": ["I'm ready", "Not today"]}).path[-1] == "not-today"

    flow = _example("route-simple")
    assert walk(flow, {}).path == ["step-1", "last"]
