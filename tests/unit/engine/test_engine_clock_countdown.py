"""Countdowns, stopwatches and clocks: the time a couple sees must be right after any stall."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from gentle.engine.clock import Clock, FakeClock, ScaledClock, SystemClock
from gentle.engine.countdown import Countdown, Stopwatch

T0 = 1_700_000_000.0


def test_system_clock_is_epoch_seconds() -> None:
    before = time.time()
    now = SystemClock().now()
    assert before <= now <= time.time()
    assert isinstance(SystemClock(), Clock)


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock()
    assert clock.now() == T0
    clock.advance(2.5)
    assert clock.now() == T0 + 2.5
    clock.set(5.0)
    assert clock.now() == 5.0
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_scaled_clock_fast_forwards_without_jumping() -> None:
    base = FakeClock()
    clock = ScaledClock(base)
    base.advance(1)
    assert clock.now() == pytest.approx(T0 + 1)
    clock.set_factor(10)
    assert clock.now() == pytest.approx(T0 + 1)  # changing speed does not jump
    base.advance(1)
    assert clock.now() == pytest.approx(T0 + 11)
    with pytest.raises(ValueError):
        clock.set_factor(0)


def test_countdown_counts_down_to_zero_and_stops() -> None:
    c = Countdown.start(60, T0)
    assert c.running and c.deadline == T0 + 60
    assert c.remaining(T0 + 20) == 40
    assert not c.finished(T0 + 59.9)
    assert c.remaining(T0 + 90) == 0 and c.finished(T0 + 90)
    assert c.elapsed(T0 + 90) == 60


def test_pause_freezes_and_resume_continues_where_it_stopped() -> None:
    c = Countdown.start(60, T0).pause(T0 + 10)
    assert not c.running and c.deadline is None
    assert c.remaining(T0 + 1000) == 50
    c = c.resume(T0 + 1000)
    assert c.remaining(T0 + 1005) == 45
    assert c.deadline == T0 + 1050


def test_extend_adds_time_running_paused_and_after_the_end() -> None:
    c = Countdown.start(60, T0)
    assert c.extend(30, T0 + 10).remaining(T0 + 10) == 80
    assert c.pause(T0 + 10).extend(30, T0 + 10).remaining(T0 + 99) == 80
    # Extending a countdown that already ran out counts from now, not the old deadline.
    late = c.extend(30, T0 + 100)
    assert late.remaining(T0 + 100) == 30 and late.total == 90
    # Negative extends shorten, never below zero.
    assert c.extend(-100, T0 + 10).remaining(T0 + 10) == 0


def test_countdown_never_grows_when_the_wall_clock_is_set_back() -> None:
    c = Countdown.start(60, T0)
    assert c.remaining(T0 - 3600) == 60


def test_countdown_round_trips_through_a_dict() -> None:
    for c in (Countdown.start(1200, T0), Countdown.start(1200, T0).pause(T0 + 300)):
        assert Countdown.from_dict(c.to_dict()) == c
    with pytest.raises(ValueError):
        Countdown.from_dict({"total": "x", "left": 1, "deadline": None})
    with pytest.raises(ValueError):
        Countdown.from_dict({"total": 1, "left": -1, "deadline": None})


def test_stopwatch_excludes_pauses_and_round_trips() -> None:
    w = Stopwatch.start(T0)
    assert w.elapsed(T0 + 5) == 5
    w = w.pause(T0 + 5)
    assert w.elapsed(T0 + 100) == 5
    w = w.resume(T0 + 100)
    assert w.elapsed(T0 + 103) == 8
    assert Stopwatch.from_dict(w.to_dict()) == w


class CountdownMachine(RuleBasedStateMachine):
    """A model of what the couple should see, checked against the real countdown.

    The repaint loop is simulated: time passes in small ticks or in a long stall
    (the event loop blocked); the countdown must read the same either way.
    """

    @initialize(total=st.floats(min_value=0, max_value=24 * 3600, allow_nan=False))
    def begin(self, total: float) -> None:
        self.now = T0
        self.countdown = Countdown.start(total, self.now)
        self.expected = total  # the model: seconds left
        self.running = True
        self.last_seen = total

    def _pass(self, seconds: float) -> None:
        self.now += seconds
        if self.running:
            self.expected = max(0.0, self.expected - seconds)

    @rule(seconds=st.floats(min_value=0, max_value=1.0, allow_nan=False))
    def tick(self, seconds: float) -> None:
        self._pass(seconds)

    @rule()
    def stall(self) -> None:
        self._pass(2.5)

    @rule(seconds=st.floats(min_value=0, max_value=4000, allow_nan=False))
    def long_wait(self, seconds: float) -> None:
        self._pass(seconds)

    @precondition(lambda self: self.running)
    @rule()
    def pause(self) -> None:
        self.countdown = self.countdown.pause(self.now)
        self.running = False

    @precondition(lambda self: not self.running)
    @rule()
    def resume(self) -> None:
        self.countdown = self.countdown.resume(self.now)
        self.running = True

    @rule(seconds=st.floats(min_value=0, max_value=600, allow_nan=False))
    def extend(self, seconds: float) -> None:
        self.countdown = self.countdown.extend(seconds, self.now)
        self.expected += seconds
        self.last_seen = self.countdown.remaining(self.now)

    @rule()
    def save_and_load(self) -> None:
        self.countdown = Countdown.from_dict(self.countdown.to_dict())

    @invariant()
    def matches_the_model(self) -> None:
        remaining = self.countdown.remaining(self.now)
        assert remaining >= 0
        assert math.isclose(remaining, self.expected, rel_tol=1e-9, abs_tol=1e-6)
        assert self.countdown.running is self.running
        assert self.countdown.finished(self.now) is (remaining <= 0)

    @invariant()
    def never_grows_unless_extended(self) -> None:
        remaining = self.countdown.remaining(self.now)
        assert remaining <= self.last_seen + 1e-6
        if not self.running:
            # Frozen: asking later gives the same answer.
            assert self.countdown.remaining(self.now + 1e6) == remaining
        self.last_seen = remaining


TestCountdownMachine = CountdownMachine.TestCase
TestCountdownMachine.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)


@given(
    total=st.floats(min_value=1, max_value=3600, allow_nan=False),
    ticks=st.lists(st.floats(min_value=0, max_value=3, allow_nan=False), max_size=60),
)
def test_a_stalled_repaint_loop_does_not_drift(total: float, ticks: list[float]) -> None:
    """However unevenly the repaints come, the countdown equals total - time passed."""
    c = Countdown.start(total, T0)
    now = T0
    for dt in ticks:
        now += dt
        assert math.isclose(c.remaining(now), max(0.0, total - (now - T0)), abs_tol=1e-6)
