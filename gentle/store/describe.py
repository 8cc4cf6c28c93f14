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
    from gentle.flows.kinds.base import duration_words

    return duration_words(seconds)


def when(at: float | None) -> str:
    """A local date and time a person reads easily: ``Thu 26 Nov 2026, 18:31``."""
    if at is None:
        return "unknown time"
    return datetime.fromtimestamp(at).strftime("%a %d %b %Y, %H:%M")


def clock(at: float | None) -> str:
    return datetime.fromtimestamp(at).strftime("%H:%M") if at is not None else "--:--"


def outcome(word: str, source: str | None = None) -> str:
    if source == "walk" and word == "interrupted":
        return "a rehearsal, not walked to the end"  # resume never offers rehearsals
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
    """One answer in words, as its kind says them. Multi-line text keeps its newlines."""
    from gentle.flows.kinds import KINDS

    try:
        step = flow.step(step_id)
    except KeyError:
        return _any(value)
    kind = KINDS.get(step.kind)
    if kind is not None and kind.words is not None:
        try:
            return kind.words(step, value, partners)
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            pass  # an unexpected shape (an old or imported record): shown as it is
    return _any(value)


def _any(value: Any) -> str:
    if value is None:
        return "(seen)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
