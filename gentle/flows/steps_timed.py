"""Reading the steps that run on the clock: breathe, timer and turns."""

from __future__ import annotations

from typing import Any

from yaml.nodes import MappingNode

from gentle.flows import names as name_rules
from gentle.flows import patterns
from gentle.flows.fields import MAX_SECONDS, read_list, read_number
from gentle.flows.model import PHASE_KINDS, BreatheStep, Phase, Step, TimerStep, TurnsStep
from gentle.flows.steps import Common
from gentle.flows.suggest import did_you_mean, one_of

MAX_PHASE_SECONDS = 60
LONG_HOLD_SECONDS = 7  # longer breath holds are not advised for calming down
BREAK_MINUTES = 20  # Gottman: a body flooded with stress needs about this long to settle
_PHASE_WORDS = {"inhale": "in", "breathe-in": "in", "exhale": "out", "breathe-out": "out",
                "pause": "hold", "topup": "top-up", "top_up": "top-up"}


def _breathe(c: Common) -> Step:
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
    return BreatheStep(**values, pattern=pattern, phases=phases, cycles=cycles, seconds=seconds,
                       text=f.text("text", names=c.names))


def _phases(c: Common) -> tuple[Phase, ...]:
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


def _timer(c: Common) -> Step:
    f, report = c.fields, c.ctx.report
    values = c.base()
    seconds = f.seconds("minutes", "seconds", required=True)
    is_break = f.boolean("break", False)
    if is_break and seconds is not None and seconds < BREAK_MINUTES * 60:
        key = "minutes" if "minutes" in f else "seconds"
        report.warning(f.get(key), f"a cool-down break of {seconds / 60:g} minutes is short; the "
                                   f"method (Gottman) suggests at least {BREAK_MINUTES} minutes")
    rotate = f.number("rotate_seconds")
    if rotate is not None and not 0 < rotate <= MAX_SECONDS:
        report.error(f.get("rotate_seconds"), "`rotate_seconds` must be more than zero and at most 24 hours")
        rotate = None
    return TimerStep(**values, seconds=seconds or 60.0, text=f.text("text", names=c.names),
                     suggestions=f.texts("suggestions", names=c.names),
                     rotate_seconds=float(rotate or 30.0), is_break=is_break)


def _turns(c: Common) -> Step:
    f, report = c.fields, c.ctx.report
    c.names = name_rules.BASE_NAMES | name_rules.TURN_NAMES
    values = c.base()
    rounds = f.number("rounds", integer=True)
    if rounds is not None and not 1 <= rounds <= 100:
        report.error(f.get("rounds"), "`rounds` must be between 1 and 100")
        rounds = None
    floor = f.seconds("floor_minutes", "floor_seconds", required=False, default=180.0)
    first = f.choice("first_speaker", ("first", "second"), "first")
    extra: dict[str, Any] = {}
    heard = f.text("heard_question", names=c.names)
    if heard is not None:
        extra["heard_question"] = heard
    return TurnsStep(
        **values, rounds=int(rounds or 1), floor_seconds=float(floor or 180.0),
        first_speaker=first,  # type: ignore[arg-type]
        speaker_prompt=f.text("speaker_prompt", required=True, names=c.names) or "",
        listener_prompts=f.texts("listener_prompts", required=True, at_least=1, names=c.names),
        text=f.text("text", names=c.names), **extra,
    )


READERS = {"breathe": _breathe, "timer": _timer, "turns": _turns}
