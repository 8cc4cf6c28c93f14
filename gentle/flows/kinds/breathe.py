"""breathe: a paced breathing pattern to follow together, for a number of cycles or a time."""

from __future__ import annotations

from typing import Any, Literal

from yaml.nodes import MappingNode

from gentle.flows import patterns
from gentle.flows.fields import MAX_SECONDS, read_list, read_number
from gentle.flows.kinds.base import (
    MINUTES_SCHEMA,
    SECONDS_SCHEMA,
    Schema,
    StepKind,
    duration_words,
    one_of_keys,
    text_schema,
)
from gentle.flows.model import PHASE_KINDS, Phase, StepBase
from gentle.flows.suggest import did_you_mean, one_of
from gentle.records import record

MAX_PHASE_SECONDS = 60
LONG_HOLD_SECONDS = 7  # longer breath holds are not advised for calming down
_PHASE_WORDS = {"inhale": "in", "breathe-in": "in", "exhale": "out", "breathe-out": "out",
                "pause": "hold", "topup": "top-up", "top_up": "top-up"}


@record
class BreatheStep(StepBase):
    kind: Literal["breathe"] = "breathe"
    pattern: str | None = None  # the named pattern, if one was used
    phases: tuple[Phase, ...] = ()
    cycles: int | None = None  # exactly one of cycles / seconds is set
    seconds: float | None = None
    text: str | None = None


def _read(c: Any) -> BreatheStep:
    f, report = c.fields, c.ctx.report
    values: dict[str, Any] = c.base()
    phases: tuple[Phase, ...] = ()
    pattern = None
    if "pattern" in f and "phases" in f:
        f.get("phases")
        report.error(f.key_node("phases"), "give either `pattern:` or `phases:`, not both")
    if "pattern" in f:
        name = f.text("pattern")
        if name is not None:
            pattern = patterns.canonical(name)
            if pattern is None:
                report.error(f.get("pattern"), f'unknown breathing pattern "{name}"'
                             f"{did_you_mean(name, patterns.PATTERN_NAMES)} "
                             f"(patterns: {', '.join(patterns.PATTERN_NAMES)})")
            else:
                phases = patterns.phases_for(pattern)
    elif "phases" in f:
        phases = _phases(c)
    else:
        report.error(f.node, f"a breathe step needs `pattern:` ({', '.join(patterns.PATTERNS)}) "
                             "or `phases:`")
    lengths = [k for k in ("cycles", "minutes", "seconds") if k in f]
    cycles = seconds = None
    if len(lengths) > 1:
        for key in lengths:
            f.get(key)
        report.error(f.key_node(lengths[1]), "give one length: `cycles:`, `minutes:` or `seconds:`")
    elif not lengths:
        report.error(f.node, "a breathe step needs a length: `cycles:`, `minutes:` or `seconds:`")
    elif lengths[0] == "cycles":
        cycles = f.number("cycles", integer=True)
        if cycles is not None and cycles < 1:
            report.error(f.get("cycles"), "`cycles` must be at least 1")
            cycles = None
        if cycles and phases and cycles * patterns.cycle_seconds(phases) > MAX_SECONDS:
            report.error(f.get("cycles"), "this many cycles would take longer than 24 hours")
    else:
        seconds = f.seconds("minutes", "seconds", required=True)
    if cycles is None and seconds is None:
        cycles = 1  # keep the model valid; the error is already reported
    else:
        _warn_if_long(c, cycles * patterns.cycle_seconds(phases) if cycles else seconds,
                      lengths[0] if lengths else None)
    return BreatheStep(**values, pattern=pattern, phases=phases, cycles=cycles, seconds=seconds,
                       text=f.text("text", names=c.names))


# Paced breathing in the moment is a few minutes; a length far past this is most often a
# slip (minutes for seconds, a cycle count for seconds), so validate asks.
LONG_BREATHING_SECONDS = 15 * 60


def _warn_if_long(c: Any, total: float | None, key: str | None) -> None:
    if total is None or key is None or total <= LONG_BREATHING_SECONDS:
        return
    c.ctx.report.warning(c.fields.get(key),
                         f"this breathing lasts {duration_words(total)}; a few minutes is usual "
                         "(gentle's own flows use one to three), and a long stretch can tire people "
                         "out before they talk. Is that what you meant?")


def _phases(c: Any) -> tuple[Phase, ...]:
    report = c.ctx.report
    node = c.fields.get("phases")
    items = read_list(node, report, "`phases`") or []
    if not items and node is not None:
        report.error(node, "`phases:` needs at least one phase, like `- in: 4`")
    phases: list[Phase] = []
    for item in items:
        if not isinstance(item, MappingNode) or len(item.value) != 1:
            report.error(item, "each phase is one `word: seconds` pair, like `- in: 4` "
                               f"(words: {one_of(PHASE_KINDS)})")
            continue
        key_node, value_node = item.value[0]
        word = getattr(key_node, "value", "")
        if word not in PHASE_KINDS:
            hint = _PHASE_WORDS.get(str(word))
            tail = f'; did you mean "{hint}"?' if hint else did_you_mean(str(word), PHASE_KINDS)
            report.error(key_node, f'"{word}" is not a breathing phase{tail} (use {one_of(PHASE_KINDS)})')
            continue
        seconds = read_number(value_node, report, f"`{word}`")
        if seconds is None:
            continue
        if not 0 < seconds <= MAX_PHASE_SECONDS:
            report.error(value_node, f"a phase lasts more than 0 and at most {MAX_PHASE_SECONDS} seconds")
            continue
        if word in ("hold", "rest") and seconds > LONG_HOLD_SECONDS:
            report.warning(value_node, f"a {word} of {seconds:g} s is long; holds over "
                                       f"{LONG_HOLD_SECONDS} s tend to stir people up rather than "
                                       "calm them down")
        phases.append(Phase(word, float(seconds)))  # type: ignore[arg-type]
    return tuple(phases)


def _detail(step: BreatheStep) -> str:
    length = f"{step.cycles} cycles" if step.cycles else f"{(step.seconds or 0) / 60:g} min"
    shape = step.pattern or " ".join(f"{p.do} {p.seconds:g}" for p in step.phases)
    return f"{shape}, {length}"


def _words(step: BreatheStep, value: Any, partners: Any) -> str:
    if not isinstance(value, dict):
        raise TypeError("not a breathing result")
    cycles = value.get("cycles")
    extra = f", {cycles} breaths" if cycles else ""
    return f"breathed for {duration_words(value.get('seconds'))}{extra}"


def _handout(step: BreatheStep, pages: Any) -> list:
    title, timing = pages.breathing(step)
    return [pages.timing(timing, title or "Breathing"), *pages.text(step.text, None)]


_PHASE_SCHEMA = {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/phase"},
                 "description": "Your own pattern: a list of `- in: 4`, `- hold: 4`, `- out: 6`..."}

KIND = StepKind(
    name="breathe",
    summary="A paced breathing pattern to follow together, with an animated pacer.",
    keys=("pattern", "phases", "cycles", "minutes", "seconds", "text"),
    read=_read,
    schema=Schema(
        {
            "pattern": {"enum": list(patterns.PATTERN_NAMES), "description": "A named breathing pattern."},
            "phases": _PHASE_SCHEMA,
            "cycles": {"type": "integer", "minimum": 1, "description": "How many breaths."},
            "minutes": MINUTES_SCHEMA,
            "seconds": SECONDS_SCHEMA,
            "text": text_schema("Shown while breathing."),
        },
        (),
        {"allOf": [{"oneOf": one_of_keys("pattern", "phases")},
                   {"oneOf": one_of_keys("cycles", "minutes", "seconds")}]},
    ),
    model=BreatheStep,
    clock="stopwatch",
    walk_default=lambda step: None,
    detail=_detail,
    heading=lambda step: "Breathe",
    label=lambda step: "Breathing together",
    words=_words,
    handout=_handout,
    view="breathe:BreatheView",
    help="breathe",
)
