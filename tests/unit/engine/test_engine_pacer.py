"""The breathing pacer: the phase shown must match the pattern at any moment."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gentle.engine.pacer import cycles_completed, cycles_total, pacer_state, total_seconds
from gentle.flows.model import BreatheStep, Phase
from gentle.flows.patterns import PATTERNS, phases_for


def box(**length) -> BreatheStep:
    return BreatheStep(id="b", pattern="box", phases=phases_for("box"), **length)


def test_box_breathing_walks_through_its_four_sides() -> None:
    step = box(cycles=2)
    seen = [(pacer_state(step, t).phase.do, pacer_state(step, t).cycle) for t in (0, 4, 8, 12, 16)]
    assert seen == [("in", 1), ("hold", 1), ("out", 1), ("rest", 1), ("in", 2)]


def test_progress_and_seconds_left_within_a_phase() -> None:
    state = pacer_state(box(cycles=1), 5.0)  # one second into the hold
    assert state.phase.do == "hold" and state.phase_index == 1
    assert state.progress == pytest.approx(0.25)
    assert state.seconds_left == pytest.approx(3.0)
    assert state.cycles_total == 1 and not state.finished


def test_fullness_grows_on_in_holds_and_empties_on_out() -> None:
    step = box(cycles=1)
    assert pacer_state(step, 0).fullness == 0
    assert pacer_state(step, 2).fullness == pytest.approx(0.5)
    assert pacer_state(step, 6).fullness == pytest.approx(1.0)  # hold keeps the lungs full
    assert pacer_state(step, 10).fullness == pytest.approx(0.5)
    assert pacer_state(step, 14).fullness == pytest.approx(0.0)  # rest keeps them empty


def test_the_sigh_tops_up_after_a_partial_inhale() -> None:
    step = BreatheStep(id="s", pattern="sigh", phases=phases_for("sigh"), cycles=1)
    assert pacer_state(step, 2.0).phase.do == "top-up"
    assert pacer_state(step, 1.0).fullness == pytest.approx(0.4)  # half of the 0.8 inhale
    assert pacer_state(step, 2.5).fullness == pytest.approx(0.9)
    assert pacer_state(step, 3.0).phase.do == "out"


def test_finishes_after_the_cycles() -> None:
    step = box(cycles=2)
    end = pacer_state(step, 32)
    assert end.finished and end.cycle == 2 and end.seconds_left == 0 and end.progress == 1
    assert pacer_state(step, 31.9).finished is False
    assert total_seconds(step) == 32
    assert cycles_completed(step, 31.9) == 1 and cycles_completed(step, 99) == 2


def test_by_seconds_finishes_at_the_end_of_the_cycle_in_progress() -> None:
    step = box(seconds=60)  # 3.75 cycles of 16 s: nobody is cut off mid-breath
    assert cycles_total(step) == 4 and total_seconds(step) == 64
    assert not pacer_state(step, 61).finished
    assert pacer_state(step, 64).finished
    assert cycles_total(box(seconds=64)) == 4  # exact multiples add no extra cycle


def test_coherent_breathing_with_fractional_seconds() -> None:
    step = BreatheStep(id="c", pattern="coherent", phases=phases_for("resonance"), cycles=3)
    assert pacer_state(step, 5.4).phase.do == "in"
    assert pacer_state(step, 5.6).phase.do == "out"
    assert pacer_state(step, 11.1).cycle == 2


def test_negative_elapsed_is_the_start_and_empty_phases_are_refused() -> None:
    assert pacer_state(box(cycles=1), -3).phase.do == "in"
    with pytest.raises(ValueError):
        pacer_state(BreatheStep(id="x", phases=(), cycles=1), 0)


@given(
    name=st.sampled_from(sorted(PATTERNS)),
    cycles=st.integers(min_value=1, max_value=5),
    elapsed=st.floats(min_value=0, max_value=400, allow_nan=False),
)
def test_pacer_state_is_always_in_range(name: str, cycles: int, elapsed: float) -> None:
    step = BreatheStep(id="p", pattern=name, phases=PATTERNS[name], cycles=cycles)
    s = pacer_state(step, elapsed)
    assert 0 <= s.progress <= 1 and 0 <= s.fullness <= 1
    assert 1 <= s.cycle <= cycles == s.cycles_total
    assert 0 <= s.seconds_left <= s.phase.seconds
    assert s.phase == step.phases[s.phase_index]
    assert s.finished is (elapsed >= total_seconds(step) - 1e-9)


def test_custom_phases() -> None:
    step = BreatheStep(id="x", phases=(Phase("in", 3), Phase("out", 7)), cycles=1)
    assert pacer_state(step, 2.9).phase.do == "in"
    assert pacer_state(step, 3.1).seconds_left == pytest.approx(6.9)
