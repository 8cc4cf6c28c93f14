"""A JSON Schema (draft 2020-12) of the flow format, for editors' autocomplete and checks.

It describes the shape only; the loader checks more (placeholders, routes to real steps,
loops, YAML 1.1 surprises). ``gentle flows schema`` prints it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gentle.flows.kinds.base import number_schema, text_schema, texts_schema
from gentle.flows.model import PHASE_KINDS
from gentle.flows.routes import TESTS

# The schema's own name. A URN, not a web address: gentle has no web home to serve it
# from, and an editor reads it from the file `gentle flows schema --install` writes.
SCHEMA_ID = "urn:gentle-couples:flow-schema:1"
SCHEMA_FILE = "flow.schema.json"
PHASE_WORDS = {"in": "breathe in", "out": "breathe out", "hold": "hold the breath",
               "top-up": "take a small extra breath in", "rest": "rest before the next breath"}
ID_PATTERN = "^[a-z][a-z0-9-]*$"
REF_PATTERN = "^(end|[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*)$"

COMMON: dict[str, Any] = {
    "id": {"type": "string", "pattern": ID_PATTERN,
           "description": "Lowercase letters, digits and dashes. Default: step-N."},
    "title": text_schema("A short heading for the step."),
    "facilitator": text_schema("Notes shown only in the facilitator or demo view."),
    "help": text_schema("Shown when someone presses ? or F1."),
    "next": {"$ref": "#/$defs/next"},
}


def _step_def(name: str) -> dict[str, Any]:
    """One kind's entry, from its declaration (gentle/flows/kinds/)."""
    from gentle.flows.kinds import KINDS

    kind = KINDS[name]
    # An include has no routes of its own: the included flow's apply.
    common = COMMON if kind.model is not None else {k: v for k, v in COMMON.items() if k != "next"}
    shows: dict[str, Any] = {}
    if kind.shows:
        from gentle.flows.kinds import showing

        shows = {showing.KEY: showing.schema()}
    return {
        "type": "object",
        "description": kind.summary,
        "properties": {"kind": {"const": name}, **common, **kind.schema.properties, **shows},
        "required": ["kind", *kind.schema.required],
        "additionalProperties": False,
        **kind.schema.extra,
    }


def _condition_defs() -> dict[str, Any]:
    leaf = {
        "type": "object",
        "properties": {
            "step": {"type": "string", "pattern": REF_PATTERN,
                     "description": "The earlier step whose answer this looks at (default: this one)."},
            "who": {"enum": ["either", "both", "first", "second"], "default": "either",
                    "description": "Whose answer counts: either partner's, both, or one of them."},
            "at_least": {"type": "number", "description": "A rating at or above this number."},
            "at_most": {"type": "number", "description": "A rating at or below this number."},
            "picked": {"type": "string", "description": "This option was chosen (or ticked)."},
            "answered": {"type": "boolean", "description": "The step was answered (true) or skipped (false)."},
            "break_taken": {"type": "boolean",
                            "description": "A cool-down break began since the couple came to `step`."},
            "higher_than": {"type": "string", "pattern": REF_PATTERN,
                            "description": "The rating at `step` is higher than the same partner's "
                                           "rating at this step (distress rose)."},
            "lower_than": {"type": "string", "pattern": REF_PATTERN,
                           "description": "The rating at `step` is lower than the same partner's "
                                          "rating at this step (distress fell)."},
        },
        "additionalProperties": False,
        "oneOf": [{"required": [k]} for k in TESTS],
    }
    combos = [
        {"type": "object", "required": [word], "additionalProperties": False,
         "properties": {word: {"type": "array", "minItems": 1, "description": words,
                               "items": {"$ref": "#/$defs/condition"}}}}
        for word, words in (("all", "Every one of these conditions holds."),
                            ("any", "At least one of these conditions holds."),
                            ("none", "None of these conditions holds."))
    ]
    return {"condition": {"oneOf": [leaf, *combos]}}


def flow_schema() -> dict[str, Any]:
    from gentle.flows.kinds import KINDS

    step_kinds = list(KINDS)
    defs: dict[str, Any] = {f"{k}_step": _step_def(k) for k in KINDS}
    defs["step"] = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": step_kinds, "description": "What the step does: " + ", ".join(step_kinds) + "."}},
        "allOf": [{"if": {"properties": {"kind": {"const": k}}},
                   "then": {"$ref": f"#/$defs/{k}_step"}} for k in step_kinds],
    }
    defs["phase"] = {
        "type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
        "properties": {p: {"type": "number", "exclusiveMinimum": 0, "maximum": 60,
                           "description": f"Seconds to {PHASE_WORDS.get(p, p)}."}
                       for p in PHASE_KINDS},
    }
    defs["blank"] = {
        "type": ["object", "null"], "additionalProperties": False,
        "properties": {"hint": {"type": "string", "description": "A line under the blank, to help fill it."},
                       "suggestions": {"description": "Ideas to pick from: a built-in list or your own words.",
                                       "oneOf": [
                           {"type": "string", "description": "feelings, needs, or a name from lists:"},
                           {"type": "array", "items": {"type": "string"}}]}},
    }
    defs["next"] = {"oneOf": [
        {"type": "string", "pattern": REF_PATTERN, "description": "Always go to this step (or end)."},
        {"type": "array", "items": {
            "type": "object", "required": ["go"], "additionalProperties": False,
            "properties": {"go": {"type": "string", "pattern": REF_PATTERN,
                                  "description": "The step to go to (or end)."},
                           "when": {"$ref": "#/$defs/condition"}}}},
    ]}
    defs.update(_condition_defs())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "gentle flow",
        "description": "A guided conversation for a couple, as read by `gentle`.",
        "type": "object",
        "required": ["id", "title", "summary", "steps"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN,
                   "description": "The flow's id: lowercase letters, digits and dashes (gentle start ID)."},
            "title": text_schema("The flow's name."),
            "summary": text_schema("One or two sentences shown on the home screen."),
            "minutes": number_schema("About how long it takes.", 1440),
            "tags": texts_schema("Words to group flows by."),
            "sources": texts_schema("Citations for the methods the flow draws on."),
            "distress_threshold": {
                "type": "integer", "minimum": 1, "maximum": 100,
                "description": "A distress rating at or above this offers a break (default: the "
                               "setting in config.yaml, else 7). It must lie on the flow's "
                               "distress scales; an included flow keeps its own."},
            "author": text_schema("Who wrote or adapted the flow (shown in demo, preview and handouts)."),
            "facilitator": text_schema("Notes for the person leading the flow: shown in demo and "
                                       "preview, and on a handout, never to a couple mid-session."),
            "contraindications": {
                "description": "When not to use this flow (shown in demo, preview and handouts).",
                "oneOf": [text_schema("When not to use this flow."),
                          texts_schema("When not to use this flow, one point each.")]},
            "lists": {"type": "object", "propertyNames": {"pattern": ID_PATTERN},
                      "description": "Named lists of words, for a blank's `suggestions:` or a "
                                     "choose or checklist step's `options:`.",
                      "additionalProperties": texts_schema("Suggestion words.", 1)},
            "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"},
                      "description": "The steps, in order."},
        },
        "$defs": defs,
    }


def installed_schema_path() -> "Path":
    """Where ``gentle flows schema --install`` puts the schema: beside the flows folder."""
    from gentle import paths

    return paths.config_dir() / SCHEMA_FILE


def install_schema(force: bool = False) -> "Path":
    """Write the schema where editors can find it (0600, in gentle's own 0700 folder).

    A file there that gentle did not write (it is not this schema, by its ``$id``) is left
    alone unless ``force``: :class:`FileExistsError`."""
    import json

    from gentle import paths
    from gentle.atomic import write_text_atomic

    target = installed_schema_path()
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise FileExistsError(f"{target} is not an ordinary file; gentle won't write there")
    if target.exists() and not force:
        try:
            ours = json.loads(target.read_text(encoding="utf-8")).get("$id") == SCHEMA_ID
        except (OSError, ValueError, AttributeError):
            ours = False
        if not ours:
            raise FileExistsError(f"{target} exists and isn't gentle's schema; add --force to replace it")
    paths.make_private_dir(target.parent)
    write_text_atomic(target, json.dumps(flow_schema(), indent=2) + "\n", private=True)
    return target
