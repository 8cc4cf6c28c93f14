"""The JSON Schema of flows, checked with jsonschema (draft 2020-12): it is a valid schema,
every built-in, example and fixture flow the loader accepts passes it, every flow it
refuses the loader refuses too, and it names and describes itself for editors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from gentle.flows.loader import check_flow, check_flow_text
from gentle.flows.schema import SCHEMA_ID, flow_schema
from gentle.flows.starter import starter_text

ROOT = Path(__file__).resolve().parents[3]
BUILTIN = ROOT / "flows"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "flows").glob("*.yaml"))
BROKEN = sorted((ROOT / "tests" / "fixtures" / "broken").glob("*.yaml"))
DOC_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.DOTALL | re.MULTILINE)

SCHEMA = flow_schema()
VALIDATOR = Draft202012Validator(SCHEMA)


def as_json(text: str) -> Any:
    """What an editor sees: YAML read as data, with JSON's string keys."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def schema_errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_the_schema_is_a_valid_draft_2020_12_schema_with_its_own_id() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == SCHEMA_ID
    json.dumps(SCHEMA)


def test_every_key_is_described() -> None:
    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if isinstance(value, dict) and not ({"description", "$ref", "const"} & set(value)):
                    missing.append(f"{where}.{key}")
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(SCHEMA, "")
    assert missing == []


@pytest.mark.parametrize("path", sorted(BUILTIN.glob("*.yaml")) + FIXTURES, ids=lambda p: p.stem)
def test_every_built_in_and_example_flow_passes_the_schema(path: Path) -> None:
    assert schema_errors(as_json(path.read_text(encoding="utf-8"))) == []


def test_every_flow_in_the_guide_passes_the_schema() -> None:
    blocks = DOC_BLOCK.findall((ROOT / "docs" / "flows.md").read_text(encoding="utf-8"))
    flows = [b for b in blocks if re.search(r"^steps:", b, re.MULTILINE) and re.search(r"^id:", b, re.MULTILINE)]
    assert flows
    for text in flows:
        flow, problems = check_flow_text(text, "docs/flows.md")
        if flow is not None and not [p for p in problems if p.severity == "error"]:
            assert schema_errors(as_json(text)) == [], text[:200]


def test_the_starter_flow_passes_the_schema_and_points_an_editor_at_it() -> None:
    text = starter_text("my-flow", "x.yaml", "file:///somewhere/flow.schema.json")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=file:///somewhere/flow.schema.json"
    assert schema_errors(as_json(text)) == []


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_the_schema_never_refuses_what_the_loader_accepts(path: Path) -> None:
    """On the broken fixtures: the schema catches only shapes (the loader catches more:
    placeholders, routes, loops), but whatever the schema refuses, the loader refuses."""
    try:
        data = as_json(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError):
        return  # not YAML an editor could read either
    _, problems = check_flow(path)
    loader_refuses = any(p.severity == "error" for p in problems)
    if schema_errors(data):
        assert loader_refuses, path.name


@pytest.mark.parametrize("change", [
    (("kind: say", "kind: sey")),
    (("    text: Hi.", "    text: Hi.\n    titel: x")),
    (("pattern: box", "pattern: box\n    phases: [{in: 4}]")),
    (("cycles: 3", "cycles: 3\n    minutes: 1")),
    (("minutes: 20", "minutes: 0")),
    (("go: calm", "go: Calm Down")),  # `next` is one of: an id, or a list of routes
    (("{at_least: 7}", "{at_least: 7, picked: x}")),
    (("id: sample", "id: Sample")),
    (("options: [a, b]", "options: [a, a]")),
    # show: an id or a list of ids, on the kinds that declare it (not breathe)
    (("    text: Hi.", "    text: Hi.\n    show: Not An Id")),
    (("cycles: 3", "cycles: 3\n    show: calm")),
    (("options: [a, b]", "options: [a, b]\n    exclusive: [a, a]")),
])
def test_mistakes_fail_the_schema(change: tuple[str, str]) -> None:
    sample = """\
id: sample
title: Sample
summary: For the schema.
steps:
  - kind: say
    text: Hi.
  - kind: breathe
    pattern: box
    cycles: 3
  - kind: timer
    minutes: 20
  - kind: rate
    ask: How are you?
    labels: {0: calm}
    next:
      - go: calm
        when: {at_least: 7}
  - kind: choose
    id: calm
    ask: Pick
    options: [a, b]
"""
    assert schema_errors(as_json(sample)) == []
    broken = sample.replace(*change)
    assert broken != sample
    assert schema_errors(as_json(broken))
