"""Everything in an export is checked before ``gentle import`` writes anything.

A crafted file once imported "fine" and then broke every command that read the store
(a start time of 1e400, a partner index of 10**30, a million-character name). So each
field is checked here against what the rest of gentle can show: times finite and in a
sensible range, partner numbers 0 or 1, names and texts of a sensible length, values
nested no deeper than answers ever are, event kinds and their fields as the engine
makes them. A problem names the session and the field, in words, and nothing is
imported. The JSON itself is read with limits too (:func:`loads`).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import typing
from typing import Any

from gentle.engine import events as ev

MAX_BYTES = 2 * 1024**3  # the whole file (an export of 100,000 long sessions is ~0.5 GB)
MAX_DEPTH = 24  # answers nest three or four levels; a snapshot a few more
MAX_NAME = 200
MAX_TITLE = 1_000
MAX_TEXT = 1_000_000  # one answer, note or value, as JSON
MAX_EVENTS = 100_000  # in one session
# 1970 is possible: a computer whose clock was never set records sessions there.
EARLIEST = 0.0
LATEST = 4_102_444_800.0  # 2100-01-01 UTC
MAX_SECONDS = 10 * 365 * 86_400.0  # any duration
SOURCES = ("app", "walk")  # a session lived in the app, or a rehearsal (flows walk --save)

EVENT_TYPES: dict[str, type] = {cls.__name__: cls for cls in typing.get_args(ev.Event)}
_TIMES = {"at", "deadline"}  # event fields that are wall-clock times
_PARTNERS = {"partner", "called_by", "speaker"}


class Bad(ValueError):
    """Where an export is wrong, and how, in words."""


def loads(text: str) -> Any:
    """``json.loads`` that refuses what Python would choke on later: NaN and infinities,
    numbers too big to be a float or with thousands of digits, and deep nesting."""

    def no_constant(name: str) -> Any:
        raise Bad(f"it holds {name}, which is not a number gentle can keep")

    def finite(text: str) -> float:
        number = float(text)
        if not math.isfinite(number):
            raise Bad(f"it holds the number {text[:40]}, which is too large")
        return number

    def small_int(text: str) -> int:
        if len(text.lstrip("-")) > 18:
            raise Bad(f"it holds a number with {len(text)} digits ({text[:20]}…)")
        return int(text)

    try:
        return json.loads(text, parse_constant=no_constant, parse_float=finite, parse_int=small_int)
    except RecursionError:
        raise Bad("it is nested far too deeply to be a gentle export") from None


def check_export(flows: dict[str, Any], sessions: list[Any]) -> None:
    """Raise :class:`Bad` for the first thing in the export gentle couldn't show or use."""
    for key, flow in flows.items():
        _text(key, f"a flow's key {key[:40]!r}", 200)
        if not isinstance(flow, dict):
            raise Bad(f"the flow {key[:40]!r} is not a flow")
        _depth(flow, f"the flow {key[:40]!r}")
    for n, raw in enumerate(sessions, 1):
        _session(raw, f"session {n}", flows)


def _session(raw: Any, where: str, flows: dict[str, Any]) -> None:
    if not isinstance(raw, dict):
        raise Bad(f"{where} is not a session")
    _text(raw.get("id"), f"{where}: its id", 64)
    flow = raw.get("flow")
    _text(flow, f"{where}: its flow", 200)
    if flow not in flows:
        raise Bad(f"{where}: its flow is not in the file")
    _text(raw.get("flow_id"), f"{where}: its flow id", 200)
    _text(raw.get("flow_title"), f"{where}: its flow title", MAX_TITLE)
    partners = raw.get("partners")
    if not isinstance(partners, list) or len(partners) != 2:
        raise Bad(f"{where}: it should name two partners")
    for name in partners:
        _text(name, f"{where}: a partner's name", MAX_NAME)
    _time(raw.get("started_at"), f"{where}: started_at")
    for key in ("last_at", "ended_at"):
        if raw.get(key) is not None:
            _time(raw[key], f"{where}: {key}")
    if raw.get("source") is not None and raw["source"] not in SOURCES:
        raise Bad(f"{where}: its source should be one of {', '.join(SOURCES)}, not {str(raw['source'])[:40]!r}")
    if raw.get("snapshot") is not None:
        if not isinstance(raw["snapshot"], dict):
            raise Bad(f"{where}: its resume point is not readable")
        _value(raw["snapshot"], f"{where}: its resume point")
    events = raw.get("events")
    if not isinstance(events, list):
        raise Bad(f"{where}: its events are missing")
    if len(events) > MAX_EVENTS:
        raise Bad(f"{where} has {len(events):,} events; a session has at most {MAX_EVENTS:,}")
    for m, event in enumerate(events, 1):
        _event(event, f"{where}, event {m}")
    notes = raw.get("notes", [])
    if not isinstance(notes, list):
        raise Bad(f"{where}: its notes are not a list")
    for m, note in enumerate(notes, 1):
        if not isinstance(note, dict):
            raise Bad(f"{where}, note {m} is not a note")
        _text(note.get("text"), f"{where}, note {m}", MAX_TEXT)
        _time(note.get("at"), f"{where}, note {m}: at")
        if note.get("step_id") is not None:
            _text(note["step_id"], f"{where}, note {m}: step", 200)


def _event(event: Any, where: str) -> None:
    if not isinstance(event, dict):
        raise Bad(f"{where} is not an event")
    kind = event.get("kind")
    cls = EVENT_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise Bad(f"{where}: {str(kind)[:40]!r} is not a kind of event gentle records")
    fields, names = _fields_of(cls)
    if not names.issuperset(event):
        unknown = set(event) - names
        raise Bad(f"{where}: a {kind} has no {sorted(unknown)[0][:40]!r}")
    for name, annotation, required in fields:
        if name not in event:
            if required:
                raise Bad(f"{where}: a {kind} needs {name!r}")
            continue
        _field(event[name], annotation, name, f"{where} ({kind}): {name}")


@functools.cache
def _fields_of(cls: type) -> tuple[tuple[tuple[str, str, bool], ...], frozenset[str]]:
    """(name, annotation as text, required) for each field, and the names allowed."""
    fields = tuple(
        (f.name, str(f.type),
         f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls))
    return fields, frozenset(f[0] for f in fields) | {"kind"}


def _field(value: Any, annotation: str, name: str, where: str) -> None:
    optional = "None" in annotation
    if value is None:
        if not optional and annotation != "Any":
            raise Bad(f"{where} is missing")
        return
    if name in _TIMES:
        _time(value, where)
    elif name in _PARTNERS:
        if type(value) is not int or value not in (0, 1):
            raise Bad(f"{where} should be partner 0 or 1, not {str(value)[:20]}")
    elif annotation.startswith("Literal"):
        allowed = [a.strip(" '\"") for a in annotation[len("Literal["):-1].split(",")]
        if value not in allowed:
            raise Bad(f"{where} should be one of {', '.join(allowed)}")
    elif annotation.startswith("float"):
        _number(value, where, MAX_SECONDS)
    elif annotation.startswith("int"):
        if type(value) is not int or not -1 <= value <= 10_000:
            raise Bad(f"{where} should be a small whole number")
    elif annotation.startswith("bool"):
        if type(value) is not bool:
            raise Bad(f"{where} should be true or false")
    elif annotation.startswith("str"):
        _text(value, where, MAX_TEXT)
    else:  # Any, dict: an answer's value, a turn's exchange
        _value(value, where)


def _text(value: Any, where: str, limit: int) -> None:
    if not isinstance(value, str):
        raise Bad(f"{where} should be text")
    if len(value) > limit:
        raise Bad(f"{where} is {len(value):,} characters long; at most {limit:,} can be kept")


def _number(value: Any, where: str, limit: float) -> None:
    if type(value) not in (int, float) or not math.isfinite(value) or abs(value) > limit:
        raise Bad(f"{where} should be a number of seconds, not {str(value)[:20]}")


def _time(value: Any, where: str) -> None:
    if type(value) not in (int, float) or not math.isfinite(value) or not EARLIEST <= value <= LATEST:
        raise Bad(f"{where} should be a time between 1970 and 2100, not {str(value)[:24]}")


def _value(value: Any, where: str) -> None:
    if value is None or isinstance(value, (bool, int, float)):
        return  # a number can't be deep or long (the JSON reader already limited its digits)
    if isinstance(value, str):
        _text(value, where, MAX_TEXT)
        return
    _depth(value, where)
    if len(json.dumps(value, ensure_ascii=False, default=str)) > MAX_TEXT:
        raise Bad(f"{where} is larger than gentle keeps ({MAX_TEXT:,} characters at most)")


def _depth(value: Any, where: str) -> None:
    def deep(item: Any, depth: int) -> None:  # recursion is bounded by MAX_DEPTH
        if depth > MAX_DEPTH:
            raise Bad(f"{where} is nested more deeply than gentle ever writes")
        children = item.values() if type(item) is dict else item
        if children and depth + 1 > MAX_DEPTH:  # what it holds is one level deeper
            raise Bad(f"{where} is nested more deeply than gentle ever writes")
        for child in children:
            if type(child) is dict or type(child) is list:
                deep(child, depth + 1)

    if type(value) is dict or type(value) is list:
        deep(value, 1)
