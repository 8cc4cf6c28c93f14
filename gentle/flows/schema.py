"""A JSON Schema (draft 2020-12) of the flow format, for editors' autocomplete and checks.

It describes the shape only; the loader checks more (placeholders, routes to real steps,
loops, YAML 1.1 surprises). ``gentle flows schema`` prints it.
"""

from __future__ import annotations

from typing import Any

from gentle.flows.model import PHASE_KINDS, STEP_KINDS, WHO_VALUES
from gentle.flows.patterns import PATTERN_NAMES

ID_PATTERN = "^[a-z][a-z0-9-]*$"
REF_PATTERN = "^(end|[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*)$"


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _texts(description: str, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": {"type": "string"}, "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


def _number(description: str, maximum: float | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "number", "exclusiveMinimum": 0, "description": description}
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


def _one_of_keys(*keys: str) -> list[dict[str, Any]]:
    return [{"required": [k]} for k in keys]


def _who(default: str) -> dict[str, Any]:
    return {"enum": list(WHO_VALUES), "default": default,
            "description": "Who answers: each (one after the other), together, first or second."}


MINUTES = _number("Length in minutes (at most 24 hours).", 1440)
SECONDS = _number("Length in seconds (at most 24 hours).", 86400)

COMMON: dict[str, Any] = {
    "id": {"type": "string", "pattern": ID_PATTERN,
           "description": "Lowercase letters, digits and dashes. Default: step-N."},
    "title": _text("A short heading for the step."),
    "facilitator": _text("Notes shown only in the facilitator or demo view."),
    "help": _text("Shown when someone presses ? or F1."),
    "next": {"$ref": "#/$defs/next"},
}

KINDS: dict[str, tuple[dict[str, Any], list[str], dict[str, Any]]] = {
    # kind: (own properties, required keys, extra constraints)
    "say": ({"text": _text("What the couple reads.")}, ["text"], {}),
    "breathe": ({
        "pattern": {"enum": list(PATTERN_NAMES), "description": "A named breathing pattern."},
        "phases": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/phase"}},
        "cycles": {"type": "integer", "minimum": 1, "description": "How many breaths."},
        "minutes": MINUTES, "seconds": SECONDS,
        "text": _text("Shown while breathing."),
    }, [], {"allOf": [{"oneOf": _one_of_keys("pattern", "phases")},
                      {"oneOf": _one_of_keys("cycles", "minutes", "seconds")}]}),
    "timer": ({
        "minutes": MINUTES, "seconds": SECONDS,
        "text": _text("Shown during the countdown."),
        "suggestions": _texts("Ideas shown one after another during the countdown."),
        "rotate_seconds": _number("Seconds before the next suggestion (default 30).", 86400),
        "break": {"type": "boolean", "default": False,
                  "description": "A cool-down break (at least 20 minutes is advised)."},
    }, [], {"oneOf": _one_of_keys("minutes", "seconds")}),
    "rate": ({
        "ask": _text("The question."), "who": _who("each"),
        "from": {"type": "integer", "default": 0}, "to": {"type": "integer", "default": 10},
        "labels": {"type": "object", "propertyNames": {"pattern": "^-?[0-9]+$"},
                   "additionalProperties": {"type": "string"},
                   "description": "Words for points on the scale, like 0: calm."},
        "measures": {"enum": ["distress", "closeness", "other"], "default": "other"},
    }, ["ask"], {}),
    "write": ({
        "ask": _text("The question."), "who": _who("each"),
        "placeholder": _text("Greyed-out hint inside the empty box."),
        "optional": {"type": "boolean", "default": False},
        "template": _text("Text with {blank} slots to fill in."),
        "blanks": {"type": "object", "additionalProperties": {"$ref": "#/$defs/blank"}},
    }, ["ask"], {}),
    "choose": ({
        "ask": _text("The question."), "who": _who("each"),
        "options": {**_texts("The options.", 2), "uniqueItems": True},
        "many": {"type": "boolean", "default": False, "description": "Allow picking several."},
    }, ["ask", "options"], {}),
    "checklist": ({
        "ask": _text("The question."), "who": _who("together"),
        "items": {**_texts("Things to tick.", 1), "uniqueItems": True},
    }, ["ask", "items"], {}),
    "turns": ({
        "rounds": {"type": "integer", "minimum": 1, "maximum": 100, "default": 1},
        "floor_minutes": MINUTES, "floor_seconds": SECONDS,
        "first_speaker": {"enum": ["first", "second"], "default": "first"},
        "speaker_prompt": _text("Shown to the speaker; may use {speaker} and {listener}."),
        "listener_prompts": _texts("Phrases for the listener, like 'What I heard is...'", 1),
        "heard_question": _text("Asked of the speaker at the end of their turn."),
        "text": _text("Shown before the turns start."),
    }, ["speaker_prompt", "listener_prompts"],
        {"not": {"required": ["floor_minutes", "floor_seconds"]}}),
}


def _step_def(kind: str) -> dict[str, Any]:
    own, required, extra = KINDS[kind]
    return {
        "type": "object",
        "properties": {"kind": {"const": kind}, **COMMON, **own},
        "required": ["kind", *required],
        "additionalProperties": False,
        **extra,
    }


def _include_def() -> dict[str, Any]:
    common = {k: v for k, v in COMMON.items() if k != "next"}
    return {
        "type": "object",
        "properties": {"kind": {"const": "include"}, **common,
                       "flow": {"type": "string", "pattern": ID_PATTERN,
                                "description": "The id of the flow to include."}},
        "required": ["kind", "flow"],
        "additionalProperties": False,
    }


def _condition_defs() -> dict[str, Any]:
    leaf = {
        "type": "object",
        "properties": {
            "step": {"type": "string", "pattern": REF_PATTERN},
            "who": {"enum": ["either", "both", "first", "second"], "default": "either"},
            "at_least": {"type": "number"}, "at_most": {"type": "number"},
            "picked": {"type": "string"}, "answered": {"type": "boolean"},
        },
        "additionalProperties": False,
        "oneOf": _one_of_keys("at_least", "at_most", "picked", "answered"),
    }
    combos = [
        {"type": "object", "required": [word], "additionalProperties": False,
         "properties": {word: {"type": "array", "minItems": 1,
                               "items": {"$ref": "#/$defs/condition"}}}}
        for word in ("all", "any", "none")
    ]
    return {"condition": {"oneOf": [leaf, *combos]}}


def flow_schema() -> dict[str, Any]:
    step_kinds = [k for k in STEP_KINDS]
    defs: dict[str, Any] = {f"{k}_step": _step_def(k) for k in KINDS}
    defs["include_step"] = _include_def()
    defs["step"] = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": step_kinds}},
        "allOf": [{"if": {"properties": {"kind": {"const": k}}},
                   "then": {"$ref": f"#/$defs/{k}_step"}} for k in step_kinds],
    }
    defs["phase"] = {
        "type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
        "properties": {p: {"type": "number", "exclusiveMinimum": 0, "maximum": 60}
                       for p in PHASE_KINDS},
    }
    defs["blank"] = {
        "type": ["object", "null"], "additionalProperties": False,
        "properties": {"hint": {"type": "string"},
                       "suggestions": {"oneOf": [
                           {"type": "string", "description": "feelings, needs, or a name from lists:"},
                           {"type": "array", "items": {"type": "string"}}]}},
    }
    defs["next"] = {"oneOf": [
        {"type": "string", "pattern": REF_PATTERN, "description": "Always go to this step (or end)."},
        {"type": "array", "items": {
            "type": "object", "required": ["go"], "additionalProperties": False,
            "properties": {"go": {"type": "string", "pattern": REF_PATTERN},
                           "when": {"$ref": "#/$defs/condition"}}}},
    ]}
    defs.update(_condition_defs())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "gentle flow",
        "description": "A guided conversation for a couple, as read by `gentle`.",
        "type": "object",
        "required": ["id", "title", "summary", "steps"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "title": _text("The flow's name."),
            "summary": _text("One or two sentences shown on the home screen."),
            "minutes": _number("About how long it takes.", 1440),
            "tags": _texts("Words to group flows by."),
            "sources": _texts("Citations for the methods the flow draws on."),
            "distress_threshold": {"type": "integer", "default": 7},
            "lists": {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
                      "additionalProperties": _texts("Suggestion words.", 1)},
            "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
        },
        "$defs": defs,
    }
