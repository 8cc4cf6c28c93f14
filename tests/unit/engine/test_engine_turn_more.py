"""'Is there more?' (the step's `more_question:`): once the speaker felt heard they may
go on, on the same floor, each say-then-paraphrase its own exchange (Imago, PREP)."""

from __future__ import annotations

import json

from gentle.engine import events as ev
from gentle.engine import turns as machine
from gentle.engine.clock import FakeClock
from gentle.engine.runner import Runner
from gentle.engine.turns import TurnState

from .builders import TurnsStep, make_flow, say, start

MORE = "{speaker}, is there more?"


def turns(**kw) -> TurnsStep:
    kw.setdefault("floor_seconds", 60)
    return TurnsStep(id="t", speaker_prompt="Say it", listener_prompts=("What I heard",), **kw)


def heard_once(state: TurnState, now: float, mirror: str | None = "m") -> TurnState:
    state = machine.done_speaking(state, now)
    state = machine.mirrored(state, mirror)
    return machine.heard(state, True, now, 60, more=True)


# ----- the pure state machine ---------------------------------------------------------------

def test_without_more_a_yes_passes_the_floor_as_before() -> None:
    state = machine.start(turns(), 0.0)
    state = machine.mirrored(machine.done_speaking(state, 10.0), None)
    after = machine.heard(state, True, 10.0, 60)
    assert (after.phase, after.speaker, len(after.exchanges)) == ("speaking", 1, 1)


def test_yes_to_more_keeps_the_floor_and_its_countdown_then_no_passes_it() -> None:
    state = machine.start(turns(), 0.0)
    state = heard_once(state, 20.0, "first part")
    assert (state.phase, state.speaker, state.exchanges) == ("more", 0, ())
    assert machine.done_speaking(state, 20.0) is None  # not a moment for that
    assert machine.more(state, "yes", 20.0, 60) is None  # yes/no only
    state = machine.more(state, True, 25.0, 60)
    assert (state.phase, state.speaker, state.attempt, state.mirrors, state.heard) == (
        "speaking", 0, 1, (), ())
    assert state.floor.remaining(25.0) == 40  # carries on from where it stopped
    assert len(state.exchanges) == 1 and state.exchanges[0]["mirror"] == "first part"
    assert state.exchanges[0]["seconds"] == 20
    state = heard_once(state, 35.0, "second part")
    state = machine.more(state, False, 35.0, 60)
    assert (state.phase, state.speaker, state.round) == ("speaking", 1, 1)
    assert state.floor.remaining(35.0) == 60  # a fresh floor for the other partner
    first, second = state.exchanges
    assert (first["round"], first["speaker"]) == (second["round"], second["speaker"]) == (1, 0)
    assert second["mirror"] == "second part" and second["seconds"] == 10


def test_no_to_more_on_the_last_floor_ends_the_step() -> None:
    state = machine.start(turns(), 0.0)
    state = machine.more(heard_once(state, 5.0), False, 5.0, 60)
    state = machine.more(heard_once(state, 9.0), False, 9.0, 60)
    assert state.done and [e["speaker"] for e in state.exchanges] == [0, 1]


def test_back_from_more_goes_back_to_the_heard_question() -> None:
    state = heard_once(machine.start(turns(), 0.0), 20.0)
    back = machine.step_back(state, 21.0)
    assert (back.phase, back.heard, back.mirrors) == ("checking", (), ("m",))
    assert machine.heard(back, True, 22.0, 60, more=True).phase == "more"


def test_a_state_in_more_survives_to_dict_and_from_dict() -> None:
    state = machine.more(heard_once(machine.start(turns(), 0.0), 20.0), True, 20.0, 60)
    state = heard_once(state, 30.0, "again")
    data = json.loads(json.dumps(state.to_dict()))
    again = TurnState.from_dict(data)
    assert again == state and again.phase == "more" and again.before == 20
    assert TurnState.from_dict({**data, "phase": "more"}).phase == "more"
    old = {k: v for k, v in data.items() if k != "before"}  # a snapshot from before `before`
    assert TurnState.from_dict(old).before == 0.0


# ----- the Runner --------------------------------------------------------------------------

def test_the_runner_asks_is_there_more_and_records_each_exchange() -> None:
    runner, clock, events = start(make_flow(turns(more_question=MORE), say("after")))
    clock.advance(15)
    runner.turn_done_speaking()
    runner.turn_mirrored("you were tired")
    assert not runner.turn_more(True)  # not asked yet
    runner.turn_heard(True)
    assert runner.turn.phase == "more" and not events.of(ev.TurnTaken)
    assert events.of(ev.TurnMoved)[-1].phase == "more"
    assert runner.turn_more(True)
    assert (runner.turn.phase, runner.turn.speaker) == ("speaking", 0)
    assert runner.timer.remaining(clock.now()) == 45
    assert len(events.of(ev.TurnTaken)) == 1
    for _ in range(2):  # the rest of partner 1's floor, then partner 2's
        runner.turn_done_speaking()
        runner.turn_mirrored(None)
        runner.turn_heard(True)
        runner.turn_more(False)
    assert runner.step.id == "after"
    exchanges = runner.answer_for("t", None).value
    assert [(e["round"], e["speaker"]) for e in exchanges] == [(1, 0), (1, 0), (1, 1)]


def test_back_from_more_in_the_runner_and_a_heard_exchange_stays() -> None:
    runner, _, _ = start(make_flow(turns(more_question=MORE)))
    runner.turn_done_speaking()
    runner.turn_mirrored("m")
    runner.turn_heard(True)
    assert runner.back() and runner.turn.phase == "checking"
    runner.turn_heard(True)
    runner.turn_more(True)
    refusal = runner.back()  # the first exchange is recorded: Back says so
    assert not refusal and "heard already" in refusal.reason


def test_a_restart_in_the_more_phase_resumes_there() -> None:
    flow = make_flow(turns(more_question=MORE))
    runner, clock, _ = start(flow)
    clock.advance(12)
    runner.turn_done_speaking()
    runner.turn_mirrored("you felt rushed")
    runner.turn_heard(True)
    saved = json.loads(json.dumps(runner.snapshot()))
    clock.advance(300)  # the app was closed for five minutes
    again = Runner.restore(flow, saved, clock)
    assert again.turn.phase == "more" and again.turn.mirrors == ("you felt rushed",)
    assert again.turn_more(True)
    assert again.turn.phase == "speaking" and again.timer.remaining(clock.now()) == 48
    assert again.turn.exchanges[0]["mirror"] == "you felt rushed"


def test_a_restart_resumes_mid_floor_after_yes_to_more() -> None:
    flow = make_flow(turns(more_question=MORE))
    runner, clock, _ = start(flow, FakeClock(1_700_000_000.0))
    clock.advance(10)
    runner.turn_done_speaking()
    runner.turn_mirrored(None)
    runner.turn_heard(True)
    runner.turn_more(True)
    clock.advance(5)
    again = Runner.restore(flow, json.loads(json.dumps(runner.snapshot())), clock)
    assert (again.turn.phase, again.turn.speaker, len(again.turn.exchanges)) == ("speaking", 0, 1)
    assert again.timer.remaining(clock.now()) == 45


def test_yes_to_more_while_paused_keeps_the_floor_still_until_the_session_goes_on() -> None:
    runner, clock, _ = start(make_flow(turns(more_question=MORE)))
    clock.advance(10)
    runner.turn_done_speaking()
    runner.turn_mirrored(None)
    runner.turn_heard(True)
    runner.pause()
    runner.turn_more(True)
    clock.advance(100)
    assert runner.timer.remaining(clock.now()) == 50 and not runner.timer.running
    runner.resume()
    clock.advance(5)
    assert runner.timer.remaining(clock.now()) == 45
