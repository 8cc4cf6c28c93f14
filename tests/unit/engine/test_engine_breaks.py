"""A break either partner can call at any moment, and the flooding offer."""

from __future__ import annotations

import pytest

from gentle.engine import events as ev
from gentle.flows.patterns import phases_for

from .builders import BreatheStep, TimerStep, make_flow, rate, route, say, start

MIN = 20 * 60


def test_a_break_records_who_and_when_freezes_the_step_and_returns_there() -> None:
    runner, clock, events = start(make_flow(TimerStep(id="t", seconds=300), say("after")))
    clock.advance(100)
    assert runner.call_break(1, 30 * 60)
    brk = runner.break_
    started = events.of(ev.BreakStarted)[0]
    assert (started.called_by, started.seconds, started.step_id) == (1, 1800, "t")
    assert started.deadline == clock.now() + 1800 == brk.deadline
    clock.advance(25 * 60)
    assert runner.break_.remaining(clock.now()) == 300
    assert runner.timer.remaining(clock.now()) == 200  # the step waited
    assert not runner.submit(None)
    runner.end_break()
    ended = events.of(ev.BreakEnded)[0]
    assert (ended.seconds, ended.how) == (1500, "early")
    assert runner.break_ is None and runner.step.id == "t"
    clock.advance(50)
    assert runner.timer.remaining(clock.now()) == 150


def test_a_break_ends_itself_on_tick_when_its_time_is_up() -> None:
    step = BreatheStep(id="b", pattern="box", phases=phases_for("box"), cycles=4)
    runner, clock, events = start(make_flow(step))
    clock.advance(6)
    runner.call_break(0, MIN)
    clock.advance(MIN - 1)
    assert not runner.tick()
    clock.advance(1)
    assert runner.tick() and runner.break_ is None
    assert events.of(ev.BreakEnded)[0].how == "finished"
    assert runner.breath.phase.do == "hold"  # 6 s in, as before the break


@pytest.mark.parametrize("seconds", [MIN - 1, 24 * 3600 + 1])
def test_break_length_limits(seconds: float) -> None:
    runner, _, _ = start(make_flow(say("a")))
    assert not runner.call_break(0, seconds)
    assert runner.break_ is None


def test_limits_can_be_changed_by_the_caller() -> None:
    runner, _, _ = start(make_flow(say("a")))
    runner.call_break(None, 60, minimum=30)
    assert not runner.call_break(0, MIN)  # one break at a time
    assert not runner.extend_break(24 * 3600)
    runner.extend_break(60)
    assert runner.break_.countdown.total == 120


def test_pause_during_a_break_freezes_it_and_the_step_stays_frozen_after() -> None:
    runner, clock, _ = start(make_flow(TimerStep(id="t", seconds=300)))
    runner.call_break(0, MIN)
    clock.advance(60)
    runner.pause()
    clock.advance(600)
    assert runner.break_.remaining(clock.now()) == MIN - 60
    runner.end_break()
    clock.advance(100)
    assert runner.timer.remaining(clock.now()) == 300  # still paused
    runner.resume()
    clock.advance(100)
    assert runner.timer.remaining(clock.now()) == 200


def flooding_flow(**kw):
    return make_flow(rate("distress", measures="distress", **kw), say("next"), threshold=7)


def test_flooding_after_a_distress_rating_at_the_threshold() -> None:
    runner, _, _ = start(flooding_flow())
    runner.submit(7)
    assert not runner.flooding  # only once the step is complete
    runner.submit(2)
    assert runner.flooding and runner.step.id == "next"
    runner.decline_break()
    assert not runner.flooding


def test_no_flooding_below_threshold_or_for_other_measures() -> None:
    runner, _, _ = start(flooding_flow())
    runner.submit(6)
    runner.submit(6)
    assert not runner.flooding
    runner, _, _ = start(make_flow(rate("close", measures="closeness"), say("n")))
    runner.submit(10)
    runner.submit(10)
    assert not runner.flooding


def test_accepting_the_offer_calls_the_break_and_clears_flooding() -> None:
    runner, _, events = start(flooding_flow(who="first"))
    runner.submit(9)
    assert runner.flooding
    runner.call_break(0, MIN)
    assert not runner.flooding and events.of(ev.BreakStarted)[0].step_id == "next"


def test_no_second_offer_when_the_flow_routes_to_its_own_cool_down() -> None:
    flow = make_flow(
        rate("distress", measures="distress", next=(route("cool", at_least=7),)),
        say("next"),
        TimerStep(id="cool", seconds=MIN, is_break=True),
    )
    runner, _, _ = start(flow)
    runner.submit(9)
    runner.submit(1)
    assert runner.step.id == "cool" and not runner.flooding


def test_back_into_the_distress_step_clears_flooding() -> None:
    runner, _, _ = start(flooding_flow())
    runner.submit(9)
    runner.submit(9)
    assert runner.flooding
    runner.back()
    assert not runner.flooding
