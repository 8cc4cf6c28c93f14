"""The JSON Schema: valid draft 2020-12 shape, and the built-in flows validate against it.

jsonschema is not a dependency, so a tiny validator for exactly the keywords the schema
uses lives here; a test makes sure the schema uses no keyword it does not understand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from gentle.flows.schema import flow_schema
from gentle.flows.starter import starter_text

BUILTIN = Path(__file__).resolve().parents[3] / "flows"
KEYWORDS = {"$schema", "$ref", "$defs", "title", "description", "default", "type", "properties",
            "required", "additionalProperties", "enum", "const", "items", "minItems", "uniqueItems",
            "pattern", "minimum", "maximum", "exclusiveMinimum", "oneOf", "anyOf", "allOf", "not",
            "if", "then", "propertyNames", "minProperties", "maxProperties"}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def errors(schema: dict[str, Any], value: Any, root: dict[str, Any], where: str = "$") -> list[str]:
    out: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        out += errors(root["$defs"][name], value, root, where)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is(t, value) for t in types):
            return out + [f"{where}: not {types}"]
    if "const" in schema and value != schema["const"]:
        out.append(f"{where}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} not in enum")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        out.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if _is("number", value):
        if "minimum" in schema and value < schema["minimum"]:
            out.append(f"{where}: below minimum")
        if "maximum" in schema and value > schema["maximum"]:
            out.append(f"{where}: above maximum")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            out.append(f"{where}: not above {schema['exclusiveMinimum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            out.append(f"{where}: too few items")
        if schema.get("uniqueItems") and len({json.dumps(v) for v in value}) != len(value):
            out.append(f"{where}: repeated items")
        if "items" in schema:
            for i, item in enumerate(value):
                out += errors(schema["items"], item, root, f"{where}[{i}]")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{where}: missing {key}")
        if not schema.get("minProperties", 0) <= len(value) <= schema.get("maxProperties", 10**9):
            out.append(f"{where}: wrong number of keys")
        props = schema.get("properties", {})
        for key, item in value.items():
            if "propertyNames" in schema:
                out += errors(schema["propertyNames"], key, root, f"{where}.{key}(name)")
            if key in props:
                out += errors(props[key], item, root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{where}: unexpected key {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                out += errors(schema["additionalProperties"], item, root, f"{where}.{key}")
    for sub in schema.get("allOf", []):
        out += errors(sub, value, root, where)
    if "anyOf" in schema and all(errors(s, value, root, where) for s in schema["anyOf"]):
        out.append(f"{where}: matches none of anyOf")
    if "oneOf" in schema:
        matching = sum(1 for s in schema["oneOf"] if not errors(s, value, root, where))
        if matching != 1:
            out.append(f"{where}: matches {matching} of oneOf, not exactly one")
    if "not" in schema and not errors(schema["not"], value, root, where):
        out.append(f"{where}: matches `not`")
    if "if" in schema and not errors(schema["if"], value, root, where):
        out += errors(schema.get("then", {}), value, root, where)
    return out


def _is(kind: str, value: Any) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, TYPES[kind])


def as_json(text: str) -> Any:
    """What an editor sees: YAML read as data, with JSON's string keys."""
    return json.loads(json.dumps(yaml.safe_load(text)))


def keywords(node: Any, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            out.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    keywords(sub, out)
            elif key not in ("enum", "const", "default", "required"):
                keywords(value, out)
    elif isinstance(node, list):
        for item in node:
            keywords(item, out)
    return out


SCHEMA = flow_schema()


def test_the_schema_is_draft_2020_12_and_uses_only_known_keywords() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert keywords(SCHEMA, set()) - KEYWORDS == set()
    json.dumps(SCHEMA)  # serialisable as is


@pytest.mark.parametrize("path", sorted(BUILTIN.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_built_in_flow_validates_against_the_schema(path: Path) -> None:
    assert errors(SCHEMA, as_json(path.read_text()), SCHEMA) == []


def test_the_starter_flow_validates_against_the_schema() -> None:
    assert errors(SCHEMA, as_json(starter_text("my-flow", "x.yaml")), SCHEMA) == []


@pytest.mark.parametrize("change, complaint", [
    (("kind: say", "kind: sey"), "not in enum"),
    (("    text: Hi.", "    text: Hi.\n    titel: x"), "unexpected key titel"),
    (("pattern: box", "pattern: box\n    phases: [{in: 4}]"), "oneOf"),
    (("cycles: 3", "cycles: 3\n    minutes: 1"), "oneOf"),
    (("minutes: 20", "minutes: 0"), "not above 0"),
    (("go: calm", "go: Calm Down"), "oneOf"),  # `next` is one of: an id, or a list of routes
    (("{at_least: 7}", "{at_least: 7, picked: x}"), "oneOf"),
    (("id: sample", "id: Sample"), "does not match"),
    (("options: [a, b]", "options: [a, a]"), "repeated items"),
    # show: an id or a list of ids, on the kinds that declare it (not breathe)
    (("    text: Hi.", "    text: Hi.\n    show: Not An Id"), "oneOf"),
    (("cycles: 3", "cycles: 3\n    show: calm"), "unexpected key show"),
    (("options: [a, b]", "options: [a, b]\n    exclusive: [a, a]"), "oneOf"),
])
def test_mistakes_fail_the_schema(change: tuple[str, str], complaint: str) -> None:
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
    assert errors(SCHEMA, as_json(sample), SCHEMA) == []
    broken = sample.replace(*change)
    assert broken != sample
    assert any(complaint in e for e in errors(SCHEMA, as_json(broken), SCHEMA))
