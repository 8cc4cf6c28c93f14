"""The speaker/listener exchange: the floor passes only when the speaker felt heard."""

from __future__ import annotations

import pytest

from gentle.engine import events as ev

from .builders import TurnsStep, make_flow, say, start


def turns(**kw) -> TurnsStep:
    kw.setdefault("floor_seconds", 60)
    return TurnsStep(id="t", speaker_prompt="Say it", listener_prompts=("What I heard",), **kw)


def test_one_round_each_partner_speaks_once_and_roles_swap() -> None:
    runner, clock, events = start(make_flow(turns(), say("after")))
    t = runner.turn
    assert (t.round, t.rounds, t.speaker, t.listener, t.phase, t.attempt) == (1, 1, 0, 1, "speaking", 1)
    assert runner.timer.remaining(clock.now()) == 60  # the floor
    clock.advance(40)
    runner.turn_done_speaking()
    assert runner.turn.phase == "mirroring" and runner.timer is None
    runner.turn_mirrored("You felt left out")
    assert runner.turn.phase == "checking"
    runner.turn_heard(True)
    t = runner.turn
    assert (t.speaker, t.listener, t.phase, t.round) == (1, 0, "speaking", 1)
    assert runner.timer.remaining(clock.now()) == 60  # a fresh floor for the new speaker
    runner.turn_done_speaking()
    runner.turn_mirrored(None)  # said aloud, not typed
    runner.turn_heard(True)
    assert runner.step.id == "after" and runner.turn is None
    exchanges = runner.answer_for("t", None).value
    assert [(e["speaker"], e["listener"], e["mirror"]) for e in exchanges] == [
        (0, 1, "You felt left out"),
        (1, 0, None),
    ]
    assert exchanges[0]["seconds"] == 40 and exchanges[0]["confirmed"]
    assert len(events.of(ev.TurnTaken)) == 2


def test_not_heard_goes_back_to_mirroring_with_another_attempt() -> None:
    runner, _, _ = start(make_flow(turns()))
    runner.turn_done_speaking()
    runner.turn_mirrored("first try")
    runner.turn_heard(False)
    assert runner.turn.phase == "mirroring" and runner.turn.attempt == 2
    assert runner.turn.speaker == 0  # the floor has not passed
    runner.turn_mirrored("second try")
    runner.turn_heard(True)
    runner.turn_done_speaking()
    runner.turn_mirrored("ok")
    runner.turn_heard(True)
    first = runner.answers[0].value[0]
    assert first["attempts"] == 2 and first["heard"] == [False, True]
    assert first["mirrors"] == ["first try", "second try"] and first["mirror"] == "second try"


def test_rounds_and_second_speaker_first() -> None:
    runner, _, _ = start(make_flow(turns(rounds=2, first_speaker="second")))
    speakers = []
    while not runner.finished:
        speakers.append((runner.turn.round, runner.turn.speaker))
        runner.turn_done_speaking()
        runner.turn_mirrored(None)
        runner.turn_heard(True)
    assert speakers == [(1, 1), (1, 0), (2, 1), (2, 0)]
    assert [e["round"] for e in runner.answers[0].value] == [1, 1, 2, 2]


def test_turn_calls_out_of_order_are_refused_quietly() -> None:
    runner, _, _ = start(make_flow(turns()))
    assert not runner.turn_mirrored("too soon")
    assert not runner.turn_heard(True)
    assert not start(make_flow(say("s")))[0].turn_done_speaking()


def test_pause_freezes_the_floor_and_extend_adds_to_it() -> None:
    runner, clock, _ = start(make_flow(turns()))
    clock.advance(10)
    runner.pause()
    clock.advance(500)
    assert runner.timer.remaining(clock.now()) == 50
    runner.resume()
    runner.extend_timer(30)
    clock.advance(10)
    assert runner.timer.remaining(clock.now()) == 70


def test_a_whole_list_of_exchanges_can_be_submitted_and_is_checked() -> None:
    runner, _, _ = start(make_flow(turns()))
    assert not runner.submit([{"speaker": 3}])
    runner.submit([{"speaker": 0, "mirror": "m"}, {"speaker": 1}])
    assert runner.finished and runner.answers[0].value[1]["listener"] == 0


def test_back_in_a_turn_steps_back_one_move_and_never_undoes_a_heard_exchange() -> None:
    runner, clock, events = start(make_flow(say("before"), turns(), say("after")))
    runner.submit(None)
    clock.advance(20)
    runner.turn_done_speaking()
    runner.turn_mirrored("You felt rushed")
    # checking -> mirroring: the mirror goes back into the listener's box.
    assert runner.back() and runner.turn.phase == "mirroring"
    assert runner.draft_for("t", 1) == "You felt rushed"
    runner.turn_mirrored("You felt rushed this morning")
    runner.turn_heard(False)  # not quite: another try
    assert runner.turn.attempt == 2
    # mirroring after "not quite" -> the heard question again, that try undone.
    assert runner.back() and (runner.turn.phase, runner.turn.attempt) == ("checking", 1)
    assert runner.back() and runner.turn.phase == "mirroring"
    # mirroring -> speaking, with the floor's time left (40 of 60 s).
    assert runner.back() and runner.turn.phase == "speaking"
    assert runner.timer.remaining(clock.now()) == 40
    runner.turn_done_speaking()
    runner.turn_mirrored(None)
    runner.turn_heard(True)
    assert len(runner.turn.exchanges) == 1 and runner.turn.speaker == 1
    # A heard exchange stays: Back says so and changes nothing.
    refusal = runner.back()
    assert not refusal and "heard already" in refusal.reason
    assert len(runner.turn.exchanges) == 1 and runner.step.id == "t"
    assert [e.back for e in events.of(ev.TurnMoved)].count(True) == 4


def test_back_before_anyone_spoke_leaves_the_turns_step() -> None:
    runner, _, _ = start(make_flow(say("before"), turns()))
    runner.submit(None)
    assert runner.back() and runner.step.id == "before"


def test_every_move_of_a_turn_is_an_event_so_a_restart_carries_on_mid_exchange() -> None:
    from gentle.engine.runner import Runner

    runner, clock, events = start(make_flow(turns()))
    runner.turn_done_speaking()
    runner.turn_mirrored("You were worried")
    assert [e.phase for e in events.of(ev.TurnMoved)] == ["mirroring", "checking"]
    again = Runner.restore(runner.flow, runner.snapshot(), clock)
    assert again.turn.phase == "checking" and again.turn.mirrors == ("You were worried",)
