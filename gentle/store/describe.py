"""Plain words for stored values: durations, dates, and each kind of answer.

Returns raw text (user text inside is untouched); the caller cleans it for a terminal
or escapes it for Markdown. Values come from the store or from an imported file, so
every shape is handled defensively: an unexpected value is shown, never a crash.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Sequence

from gentle.flows.model import Flow


def duration(seconds: float | None) -> str:
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


def when(at: float | None) -> str:
    """A local date and time a person reads easily: ``Thu 26 Nov 2026, 18:31``."""
    if at is None:
        return "unknown time"
    return datetime.fromtimestamp(at).strftime("%a %d %b %Y, %H:%M")


def clock(at: float | None) -> str:
    return datetime.fromtimestamp(at).strftime("%H:%M") if at is not None else "--:--"


def outcome(word: str) -> str:
    return {
        "completed": "finished",
        "abandoned": "stopped early",
        "interrupted": "interrupted (can be continued)",
    }.get(word, word)


def distress(before: int | None, after: int | None) -> str:
    if before is None:
        return "not rated"
    return f"{before} → {after}" if after is not None else f"{before}"


def answer(flow: Flow, step_id: str, value: Any, partners: Sequence[str]) -> str:
    """One answer in words. Multi-line text keeps its newlines."""
    try:
        step = flow.step(step_id)
    except KeyError:
        return _any(value)
    kind = step.kind
    try:
        if kind == "rate" and isinstance(value, int | float):
            label = dict(step.labels).get(int(value))
            tail = f" ({label})" if label else ""
            return f"{int(value)} of {step.high}{tail}"
        if kind == "write" and isinstance(value, dict):
            return str(value.get("text") or "(left blank)")
        if kind == "breathe" and isinstance(value, dict):
            cycles = value.get("cycles")
            extra = f", {cycles} breaths" if cycles else ""
            return f"breathed for {duration(value.get('seconds'))}{extra}"
        if kind == "timer" and isinstance(value, dict):
            ended = " (ended early)" if value.get("ended") == "early" else ""
            return f"{duration(value.get('seconds'))}{ended}"
        if kind in ("choose", "checklist"):
            if isinstance(value, list):
                return ", ".join(str(v) for v in value) if value else "(nothing picked)"
            return str(value)
        if kind == "turns" and isinstance(value, list):
            return "\n".join(_exchange(e, partners) for e in value if isinstance(e, dict))
    except (TypeError, ValueError, AttributeError):
        pass
    return _any(value)


def _exchange(e: dict[str, Any], partners: Sequence[str]) -> str:
    speaker = _name(e.get("speaker"), partners)
    listener = _name(e.get("listener"), partners)
    mirror = e.get("mirror")
    said = f'mirrored: "{mirror}"' if mirror else "mirrored out loud"
    heard = "felt heard" if e.get("confirmed") else "did not feel fully heard"
    tries = e.get("attempts") or 1
    again = f" after {tries} tries" if isinstance(tries, int) and tries > 1 else ""
    return f"Round {e.get('round', '?')}: {speaker} spoke; {listener} {said}; {speaker} {heard}{again}."


def _name(index: Any, partners: Sequence[str]) -> str:
    return partners[index] if index in (0, 1) else "a partner"


def _any(value: Any) -> str:
    if value is None:
        return "(seen)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
