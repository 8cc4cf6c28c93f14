"""timer: a quiet countdown with "come back at", or with `break: true` a cool-down break."""

from __future__ import annotations

from typing import Any, Literal

from gentle.flows.fields import MAX_SECONDS
from gentle.flows.kinds.base import (
    MINUTES_SCHEMA,
    SECONDS_SCHEMA,
    Schema,
    StepKind,
    duration_words,
    number_schema,
    one_of_keys,
    text_schema,
    texts_schema,
)
from gentle.flows.model import StepBase
from gentle.records import record

BREAK_MINUTES = 20  # Gottman: a body flooded with stress needs about this long to settle
# A timer this long is time apart (or a long wait): it says when it ends, on the clock,
# and + adds five minutes. A shorter quiet step is a moment together: its countdown alone,
# and + adds one minute.
LONG_SECONDS = 10 * 60.0


@record
class TimerStep(StepBase):
    kind: Literal["timer"] = "timer"
    seconds: float = 0.0
    text: str | None = None
    suggestions: tuple[str, ...] = ()
    rotate_seconds: float = 30.0
    is_break: bool = False  # a cool-down break (Gottman): at least 20 minutes
    # `required: true` (breaks only): the break is part of the flow's plan; it can't be
    # skipped or ended early (it can be extended), engine/breaks.py says so in words.
    required: bool = False


def _read(c: Any) -> TimerStep:
    f, report = c.fields, c.ctx.report
    values = c.base()
    seconds = f.seconds("minutes", "seconds", required=True)
    is_break = f.boolean("break", False)
    if is_break and seconds is not None and seconds < BREAK_MINUTES * 60:
        key = "minutes" if "minutes" in f else "seconds"
        report.warning(f.get(key), f"a cool-down break of {seconds / 60:g} minutes is short; the "
                                   f"method (Gottman) suggests at least {BREAK_MINUTES} minutes")
    required = f.boolean("required", False)
    if required and not is_break:
        report.error(f.key_node("required"), "`required: true` is for cool-down breaks (`break: "
                                             "true`); a quiet timer can always be ended")
        required = False
    rotate = f.number("rotate_seconds")
    if rotate is not None and not 0 < rotate <= MAX_SECONDS:
        report.error(f.get("rotate_seconds"), "`rotate_seconds` must be more than zero and at most 24 hours")
        rotate = None
    return TimerStep(**values, seconds=seconds or 60.0, text=f.text("text", names=c.names),
                     suggestions=f.texts("suggestions", names=c.names),
                     rotate_seconds=float(rotate or 30.0), is_break=is_break, required=required)


def is_short(step: TimerStep) -> bool:
    """A short quiet step (not a break): no return time, and a one-minute extension."""
    return not step.is_break and step.seconds < LONG_SECONDS


def extension_seconds(step: TimerStep) -> float:
    """What + adds: a minute to a short quiet step, five to a break or a long timer."""
    return 60.0 if is_short(step) else 5 * 60.0


def clock_words(step: TimerStep) -> str | None:
    """How the time of day is put under the countdown: "Come back at" for a break, "Ends
    at" for a long timer, nothing for a short quiet step (nobody goes anywhere)."""
    if step.is_break:
        return "Come back at"
    return None if is_short(step) else "Ends at"


def _words(step: TimerStep, value: Any, partners: Any) -> str:
    if not isinstance(value, dict):
        raise TypeError("not a timer result")
    ended = " (ended early)" if value.get("ended") == "early" else ""
    return f"{duration_words(value.get('seconds'))}{ended}"


def _handout(step: TimerStep, pages: Any) -> list:
    label = "Cool-down break" if step.is_break else "Timer"
    blocks = [pages.timing(pages.duration(step.seconds), label), *pages.text(step.text, None)]
    if step.required:
        blocks.append(pages.note("This break is part of the plan: take its full time, even if "
                                 "you feel calm sooner."))
    if step.suggestions:
        heading = "While you're apart" if step.is_break else "While the timer runs"
        blocks.append(pages.list([pages.line(s, None) for s in step.suggestions], heading))
    return blocks


KIND = StepKind(
    name="timer",
    summary="A countdown to a time on the clock; with `break: true`, a cool-down break.",
    keys=("minutes", "seconds", "text", "suggestions", "rotate_seconds", "break", "required"),
    read=_read,
    schema=Schema(
        {
            "minutes": MINUTES_SCHEMA,
            "seconds": SECONDS_SCHEMA,
            "text": text_schema("Shown during the countdown."),
            "suggestions": texts_schema("Ideas shown one after another during the countdown."),
            "rotate_seconds": number_schema("Seconds before the next suggestion (default 30).", 86400),
            "break": {"type": "boolean", "default": False,
                      "description": "A cool-down break (at least 20 minutes is advised)."},
            "required": {"type": "boolean", "default": False,
                         "description": "With `break: true`: the break can't be skipped or ended "
                                        "early (it can be extended)."},
        },
        (),
        {"oneOf": one_of_keys("minutes", "seconds")},
    ),
    model=TimerStep,
    clock="countdown",
    walk_default=lambda step: None,
    detail=lambda step: f"{step.seconds / 60:g} min" + (", cool-down break" if step.is_break else ""),
    heading=lambda step: "Cool-down break" if step.is_break else "A pause",
    label=lambda step: "A break" if step.is_break else "Quiet time",
    words=_words,
    handout=_handout,
    view="timer:TimerView",
    help="timer",
)
