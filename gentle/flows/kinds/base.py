"""What a step kind declares, once: the one place each kind of step is described.

A :class:`StepKind` holds everything gentle needs to know about one kind of step, so
that nothing else restates it:

* the model (a frozen record) and the YAML keys it reads, with its reader;
* its JSON Schema entry (``gentle flows schema`` is generated from these);
* what counts as an answer (``answer``: checks a value and returns it in stored shape,
  or raises :class:`Refused` with a reason in words for people), and a walk's default;
* what conditions can test on it (``numbers`` / ``options``);
* its words: the outline (``detail``), history and export (``words``), the handout
  (``handout``), and a heading when the author gave no title;
* the TUI view that shows it and its help page, named by module and class so that
  nothing here imports textual;
* whether its steps can show earlier answers (``show:``), and whether its own answers
  can be shown back (``shown``).

The engine, walk, handout, store, schema and TUI all dispatch on the registry in
:mod:`gentle.flows.kinds`; tests/unit/flows/test_kinds.py proves every kind is complete.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import field
from typing import Any, Literal

from gentle.records import record

Clock = Literal["countdown", "stopwatch", "turns"]


class Refused(ValueError):
    """An answer a step cannot take. The message is meant for the people answering."""


class Skip:
    """A walk's default for a step that cannot be answered with nothing: it is skipped."""

    def __repr__(self) -> str:
        return "SKIP"


SKIP = Skip()


@record
class AnswerNames:
    """Who is answering, for answers that fill in names (a write template)."""

    partners: tuple[str, str] = ("Partner A", "Partner B")
    partner: int | None = None


@record
class Schema:
    """The kind's own keys in the JSON Schema: properties, required keys, extra rules."""

    properties: dict[str, Any]
    required: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def _no_detail(step: Any) -> str:
    return ""


def _no_label(step: Any) -> str | None:
    return None


@record
class StepKind:
    name: str
    summary: str  # one line: what the step does, for docs and the schema
    keys: tuple[str, ...]  # YAML keys of this kind, besides the common ones
    read: Callable[[Any], Any]  # steps.Common -> the model (an include: a StepDraft)
    schema: Schema
    model: type | None = None  # None for include, whose steps are inlined when loading
    asks: bool = False  # partners answer it, as `who:` says
    who_default: str | None = None
    clock: Clock | None = None  # what the engine runs while the step is current
    # (step, value, AnswerNames) -> the value in stored shape; raises Refused.
    answer: Callable[[Any, Any, AnswerNames], Any] | None = None
    # step -> the neutral answer a walk uses when its answers file has none (or SKIP).
    walk_default: Callable[[Any], Any] | None = None
    # What conditions may test: numbers on a scale ((low, high), or a reason it can't),
    # and options that can be `picked:`.
    numbers: Callable[[Any], "tuple[int, int] | str | None"] | None = None
    options: Callable[[Any], Sequence[str]] | None = None
    verb: str = "answered"  # a handout's word for answering it: "rated", "chose", "ticked"
    detail: Callable[[Any], str] = _no_detail  # the outline's short description
    heading: Callable[[Any], str] = lambda step: "Step"  # a handout heading without a title
    label: Callable[[Any], str | None] = _no_label  # history's title without title or ask
    words: Callable[[Any, Any, Sequence[str]], str] | None = None  # an answer in words
    handout: Callable[[Any, Any], list] | None = None  # (step, handout Pages) -> blocks
    view: str | None = None  # "module:Class" under gentle.tui.widgets.steps
    help: str | None = None  # the page name in gentle/tui/help/ (without .md)
    # `show:` (gentle/flows/kinds/showing.py): whether this kind's steps may show earlier
    # answers, and, for kinds whose answers can be shown back, an answer's words exactly
    # as they were given ((step, value) -> text, or None when there are none).
    shows: bool = False
    shown: Callable[[Any, Any], str | None] | None = None

    @property
    def own_keys(self) -> tuple[str, ...]:
        """The kind's keys, with `show:` for kinds that take it (kinds/showing.py)."""
        return (*self.keys, "show") if self.shows else self.keys

    @property
    def all_keys(self) -> tuple[str, ...]:
        from gentle.flows.steps import COMMON_KEYS

        return (*COMMON_KEYS, *self.own_keys)


def duration_words(seconds: float | None) -> str:
    """Seconds as people say them: "4 min 5 s", "1 h 20 min"."""
    if seconds is None:
        return "unknown"
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs and minutes < 10 else f"{minutes} min"
    return f"{secs} s"


def first_line(text: str | None, limit: int = 60) -> str | None:
    line = (text or "").strip().split("\n")[0]
    if not line:
        return None
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


# -- pieces of the schema, shared by the kinds ---------------------------------------------


def text_schema(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def texts_schema(description: str, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": {"type": "string"}, "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


def number_schema(description: str, maximum: float | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "number", "exclusiveMinimum": 0, "description": description}
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


def who_schema(default: str) -> dict[str, Any]:
    from gentle.flows.model import WHO_VALUES

    return {"enum": list(WHO_VALUES), "default": default,
            "description": "Who answers: each (one after the other), together, first or second."}


def one_of_keys(*keys: str) -> list[dict[str, Any]]:
    return [{"required": [k]} for k in keys]


MINUTES_SCHEMA = number_schema("Length in minutes (at most 24 hours).", 1440)
SECONDS_SCHEMA = number_schema("Length in seconds (at most 24 hours).", 86400)


def ask_heading(text: str | None, fallback: str, limit: int = 60) -> str:
    """A handout heading for a step without a title: the first sentence of its ask or
    text when that is short enough to read as one (placeholders are filled in later),
    else ``fallback``, a word for what happens."""
    first = " ".join(re.split(r"\n\s*\n", (text or "").strip())[0].split())
    match = re.match(r"(.+?[.?!:])(?:\s|$)", first)
    sentence = (match.group(1) if match else first).rstrip(".:")
    return sentence if sentence and len(sentence) <= limit else fallback
