"""The breathing pacer: maps seconds elapsed in a breathe step to what to show now.

Pure arithmetic over the step's phases, so the TUI can repaint at any rate (or after a
stall) and always show the right phase. Length:

* ``cycles: n`` - exactly n cycles;
* ``seconds: s`` - the step finishes at the end of the cycle in progress when ``s`` is
  reached (nobody is cut off mid-breath), i.e. after ``ceil(s / cycle)`` whole cycles.
  So ``cycles_total`` is always known.
"""

from __future__ import annotations

import math

from gentle.flows.model import BreatheStep, Phase
from gentle.flows.patterns import cycle_seconds
from gentle.records import record

# How full the lungs are after an ``in`` that is followed by a ``top-up`` (the
# physiological sigh): the top-up fills the rest.
_BEFORE_TOP_UP = 0.8
_EPSILON = 1e-9


@record
class PacerState:
    phase: Phase
    phase_index: int  # index into the step's phases
    progress: float  # 0..1 within the phase
    seconds_left: float  # in this phase
    cycle: int  # 1-based
    cycles_total: int | None
    fullness: float  # 0..1: grows on in/top-up, holds on hold/rest, shrinks on out
    finished: bool


def cycles_total(step: BreatheStep) -> int:
    """How many whole cycles the step lasts (see the module docstring for ``seconds``)."""
    if step.cycles is not None:
        return max(1, int(step.cycles))
    one = cycle_seconds(step.phases)
    if step.seconds is None or one <= 0:
        return 1
    return max(1, math.ceil(step.seconds / one - _EPSILON))


def total_seconds(step: BreatheStep) -> float:
    """How long the whole breathe step takes."""
    return cycles_total(step) * cycle_seconds(step.phases)


def _levels(phases: tuple[Phase, ...]) -> list[tuple[float, float]]:
    """(fullness at the start, fullness at the end) of each phase; a cycle starts empty."""
    levels = []
    level = 0.0
    for i, phase in enumerate(phases):
        start = level
        if phase.do == "in":
            following = phases[i + 1].do if i + 1 < len(phases) else None
            level = _BEFORE_TOP_UP if following == "top-up" else 1.0
        elif phase.do == "top-up":
            level = 1.0
        elif phase.do == "out":
            level = 0.0
        levels.append((start, level))
    return levels


def pacer_state(step: BreatheStep, elapsed: float) -> PacerState:
    phases = step.phases
    if not phases:
        raise ValueError(f"breathe step {step.id!r} has no phases")
    one = cycle_seconds(phases)
    if one <= 0:
        raise ValueError(f"breathe step {step.id!r} has phases that last no time")
    total_cycles = cycles_total(step)
    levels = _levels(phases)
    elapsed = max(0.0, elapsed)
    if elapsed >= total_cycles * one - _EPSILON:
        last = len(phases) - 1
        return PacerState(
            phase=phases[last],
            phase_index=last,
            progress=1.0,
            seconds_left=0.0,
            cycle=total_cycles,
            cycles_total=total_cycles,
            fullness=levels[last][1],
            finished=True,
        )
    cycle_index = int(elapsed // one)
    within = elapsed - cycle_index * one
    start = 0.0
    for index, phase in enumerate(phases):
        end = start + phase.seconds
        if within < end or index == len(phases) - 1:
            progress = min(1.0, max(0.0, (within - start) / phase.seconds))
            begin, finish = levels[index]
            return PacerState(
                phase=phase,
                phase_index=index,
                progress=progress,
                seconds_left=max(0.0, end - within),
                cycle=cycle_index + 1,
                cycles_total=total_cycles,
                fullness=begin + (finish - begin) * progress,
                finished=False,
            )
        start = end
    raise AssertionError("unreachable: the last phase always matches")


def cycles_completed(step: BreatheStep, elapsed: float) -> int:
    """Whole cycles breathed in ``elapsed`` seconds (capped at the step's length)."""
    one = cycle_seconds(step.phases)
    if one <= 0:
        return 0
    return min(cycles_total(step), int((max(0.0, elapsed) + _EPSILON) // one))
