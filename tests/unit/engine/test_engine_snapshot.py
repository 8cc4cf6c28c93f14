"""Resume: an interrupted session continues at the exact step, with breaks on wall-clock time."""

from __future__ import annotations

import json

import pytest

from gentle.engine import events as ev
from gentle.engine.clock import FakeClock
from gentle.engine.runner import Runner
from gentle.flows.patterns import phases_for

from .builders import BreatheStep, Events, TimerStep, TurnsStep, make_flow, rate, say, start


def reopen(flow, runner: Runner, clock: FakeClock, after: float) -> tuple[Runner, Events]:
    """Save as JSON (as the store does), 'close the app', and reopen ``after`` seconds later."""
    saved = json.loads(json.dumps(runner.snapshot()))
    clock.advance(after)
    events = Events()
    return Runner.restore(flow, saved, clock, events), events


def test_reopening_mid_break_five_minutes_later_leaves_fifteen_minutes() -> None:
    flow = make_flow(rate("r"), say("s"))
    runner, clock, _ = start(flow)
    runner.submit(8)
    runner.call_break(0, 20 * 60)
    clock.advance(1)
    again, events = reopen(flow, runner, clock, 5 * 60)
    assert again.break_ is not None and again.break_.called_by == 0
    assert again.break_.remaining(clock.now()) == pytest.approx(15 * 60 - 1)
    assert events == []  # restoring is silent: nothing new happened
    again.end_break()
    assert again.step.id == "r" and again.asking == 1 and again.partners == ("Sam", "Alex")
    again.submit(3)
    assert again.step.id == "s"
    assert [a.value for a in again.answers] == [8, 3]


def test_restores_history_for_back_and_answers() -> None:
    flow = make_flow(rate("a", who="first"), say("b"), say("c"))
    runner, clock, _ = start(flow)
    runner.submit(4)
    runner.submit(None)
    again, events = reopen(flow, runner, clock, 60)
    assert again.step.id == "c" and again.position == (3, 3)
    assert again.back() and again.step.id == "b"
    assert again.back() and again.step.id == "a" and again.answers == ()
    assert [e.step_id for e in events.of(ev.AnswerWithdrawn)] == ["b", "a"]


def test_stopwatches_continue_from_the_snapshot_timers_keep_their_deadline() -> None:
    breathe = BreatheStep(id="b", pattern="box", phases=phases_for("box"), cycles=4)
    flow = make_flow(breathe, TimerStep(id="t", seconds=600))
    runner, clock, _ = start(flow)
    clock.advance(5)
    again, _ = reopen(flow, runner, clock, 3600)
    assert again.breath.phase.do == "hold" and again.breath.cycle == 1  # where they were
    assert again.elapsed == pytest.approx(5)  # closed time is not session time
    clock.advance(4)
    assert again.breath.phase.do == "out" and again.elapsed == pytest.approx(9)  # running on
    again.submit(None)
    clock.advance(100)
    later, _ = reopen(flow, again, clock, 200)
    assert later.timer.remaining(clock.now()) == pytest.approx(300)  # wall clock ran on


def test_paused_sessions_stay_paused_and_turns_resume_mid_exchange() -> None:
    turns = TurnsStep(id="t", speaker_prompt="Say", listener_prompts=("Heard",), floor_seconds=60)
    flow = make_flow(turns)
    runner, clock, _ = start(flow)
    runner.turn_done_speaking()
    runner.turn_mirrored("what I heard")
    runner.pause()
    again, _ = reopen(flow, runner, clock, 60)
    assert again.paused and again.turn.phase == "checking"
    again.resume()
    again.turn_heard(True)
    assert again.turn.speaker == 1 and again.turn.exchanges[0]["mirror"] == "what I heard"


def test_flooding_and_finished_survive() -> None:
    flow = make_flow(rate("r", measures="distress", who="together"), say("s"))
    runner, clock, _ = start(flow)
    runner.submit(9)
    again, _ = reopen(flow, runner, clock, 1)
    assert again.flooding
    again.submit(None)
    done, _ = reopen(flow, again, clock, 1)
    assert done.finished and done.step is None


def test_a_snapshot_of_another_flow_or_a_damaged_one_is_refused() -> None:
    flow = make_flow(say("a"))
    runner, clock, _ = start(flow)
    snap = runner.snapshot()
    with pytest.raises(ValueError):
        Runner.restore(make_flow(say("a"), flow_id="other"), snap, clock)
    with pytest.raises(ValueError):
        Runner.restore(make_flow(say("renamed")), snap, clock)
    with pytest.raises(ValueError):
        Runner.restore(flow, {**snap, "version": 99}, clock)
    broken = dict(snap)
    del broken["answers"]
    with pytest.raises(ValueError):
        Runner.restore(flow, broken, clock)
