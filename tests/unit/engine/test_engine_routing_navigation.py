"""Routing (first matching route wins, else fall through) and back / skip / go_to."""

from __future__ import annotations

import pytest

from gentle.engine import events as ev

from .builders import (
    ChooseStep,
    Condition,
    Route,
    TimerStep,
    make_flow,
    rate,
    route,
    say,
    start,
)


def routed_flow():
    return make_flow(
        rate(
            "check",
            next=(
                route("cool", step="check", who="either", at_least=7),
                route("calm", who="both", at_most=3),
            ),
        ),
        say("middle"),
        say("calm", next=(Route("end"),)),
        say("cool"),
    )


@pytest.mark.parametrize(
    ("ratings", "path"),
    [
        ((8, 1), ["check", "cool"]),  # the first matching route wins...
        ((2, 1), ["check", "calm"]),  # ...even when a later one would match too
        ((5, 1), ["check", "middle", "calm"]),  # none matches: fall through
    ],
)
def test_routes_in_order_then_fall_through(ratings, path) -> None:
    runner, _, events = start(routed_flow())
    for value in ratings:
        runner.submit(value)
    while not runner.finished:
        runner.submit(None)
    assert [e.step_id for e in events.of(ev.StepEntered)] == path


def test_an_unconditional_route_and_end() -> None:
    flow = make_flow(say("a", next=(Route("c"),)), say("b"), say("c", next=(Route("end"),)), say("d"))
    runner, _, events = start(flow)
    runner.submit(None)
    assert runner.step.id == "c"
    runner.submit(None)
    assert runner.finished
    assert [e.step_id for e in events.of(ev.StepEntered)] == ["a", "c"]


def test_routing_on_picked_and_on_a_loop_back() -> None:
    choose = ChooseStep(
        id="ready", ask="?", who="first", options=("again", "done"),
        next=(route("breathe", picked="again"),),
    )
    runner, _, events = start(make_flow(say("breathe"), choose))
    runner.submit(None)
    runner.submit("again")
    assert runner.step.id == "breathe"
    runner.submit(None)
    runner.submit("done")
    assert runner.finished
    # The loop visits a step twice; the latest answer is the one that counts.
    assert runner.answer_for("ready", 0).value == "done"
    assert [a.value for a in runner.answers if a.step_id == "ready"] == ["again", "done"]


def test_back_within_a_step_then_to_the_previous_visited_step() -> None:
    flow = make_flow(
        rate("a", next=(route("c", at_least=5),)), say("b"), rate("c"), say("d")
    )
    runner, _, events = start(flow)
    runner.submit(6)
    runner.submit(2)  # route: a -> c (skipping b)
    runner.submit(4)
    assert runner.step.id == "c" and runner.asking == 1
    assert runner.back()  # undo partner 1's answer in c
    assert runner.step.id == "c" and runner.asking == 0
    assert runner.answer_for("c", 0) is None
    assert runner.back()  # to the previous *visited* step: a, not b
    assert runner.step.id == "a" and runner.asking == 1
    assert runner.answer_for("a", 1) is None and runner.answer_for("a", 0).value == 6
    assert runner.back()
    assert runner.step.id == "a" and runner.asking == 0 and runner.answers == ()
    assert not runner.back()  # nothing before the first step
    withdrawn = [(e.step_id, e.partner) for e in events.of(ev.AnswerWithdrawn)]
    assert withdrawn == [("c", 0), ("a", 1), ("a", 0)]
    runner.submit(1)
    runner.submit(1)
    assert runner.step.id == "b"  # new answers, new route


def test_back_over_a_timer_restarts_it() -> None:
    runner, clock, events = start(make_flow(TimerStep(id="t", seconds=60), say("s")))
    clock.advance(60)
    runner.submit(None)
    assert runner.back()
    assert runner.step.id == "t" and runner.timer.remaining(clock.now()) == 60
    assert events.of(ev.AnswerWithdrawn)[0].step_id == "t"


def test_back_after_the_end_is_refused() -> None:
    runner, _, _ = start(make_flow(say("a")))
    runner.submit(None)
    assert runner.finished and not runner.back()


def test_skip_records_it_and_routes_on_answered_false() -> None:
    flow = make_flow(
        rate("r", next=(route("missed", answered=False),)), say("normal"), say("missed")
    )
    runner, _, events = start(flow)
    runner.skip()
    assert runner.step.id == "missed"
    assert events.of(ev.StepSkipped)[0].step_id == "r" and runner.answers == ()
    assert runner.back()  # back to the skipped step, nothing to withdraw
    assert runner.step.id == "r" and runner.asking == 0 and not events.of(ev.AnswerWithdrawn)


def test_skip_part_way_keeps_the_first_answer_and_back_returns_to_the_second_partner() -> None:
    runner, _, events = start(make_flow(rate("r"), say("s")))
    runner.submit(4)
    runner.skip()
    assert runner.step.id == "s" and runner.answer_for("r", 0).value == 4
    assert runner.back()
    assert runner.step.id == "r" and runner.asking == 1


def test_skipping_a_timer_records_the_time_spent() -> None:
    runner, clock, events = start(make_flow(TimerStep(id="t", seconds=60), say("s")))
    clock.advance(12)
    runner.skip()
    ended = events.of(ev.TimerEnded)[0]
    assert (ended.seconds, ended.how) == (12, "skipped")
    assert events.of(ev.StepSkipped)[0].step_id == "t" and runner.answers == ()


def test_go_to_jumps_and_back_returns_from_the_jump() -> None:
    runner, _, events = start(make_flow(say("a"), say("b"), say("c")))
    runner.go_to("c")
    assert runner.step.id == "c" and runner.position == (3, 3)
    assert runner.back()
    assert runner.step.id == "a"
    assert not runner.go_to("nope")
    runner.go_to("c")
    runner.submit(None)
    assert runner.finished
    runner.go_to("b")  # the demo navigator can reopen a finished walk-through
    assert runner.step.id == "b" and not runner.finished


def test_condition_on_an_earlier_step_and_combinators() -> None:
    both_calm = Condition(
        all_of=(Condition(step="r", who="both", at_most=3), Condition(step="k", picked="tea"))
    )
    flow = make_flow(
        rate("r"),
        ChooseStep(id="k", ask="?", options=("tea", "walk"), who="together",
                   next=(Route("calm", both_calm),)),
        say("other", next=(Route("end"),)),
        say("calm"),
    )
    runner, _, _ = start(flow)
    runner.submit(2)
    runner.submit(3)
    runner.submit("tea")
    assert runner.step.id == "calm"
