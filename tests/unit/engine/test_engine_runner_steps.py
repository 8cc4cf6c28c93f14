"""Each step kind, as the TUI drives it: who is asked, what is recorded, when it moves on."""

from __future__ import annotations

import pytest

from gentle.engine import events as ev
from gentle.flows.patterns import phases_for

from .builders import (
    Blank,
    BreatheStep,
    ChecklistStep,
    ChooseStep,
    TimerStep,
    WriteStep,
    make_flow,
    rate,
    say,
    start,
)


def test_say_steps_move_on_and_the_flow_finishes() -> None:
    runner, clock, events = start(make_flow(say("a"), say("b")))
    assert runner.step.id == "a" and runner.position == (1, 2) and runner.asking is None
    runner.submit(None)
    assert runner.step.id == "b" and runner.position == (2, 2)
    clock.advance(3)
    runner.submit()
    assert runner.finished and runner.step is None and runner.position == (2, 2)
    assert events.kinds() == [
        "StepEntered", "AnswerGiven", "StepEntered", "AnswerGiven", "Finished"
    ]
    assert events[-1].at == clock.now()
    assert not runner.submit(None)
    assert not start(make_flow(say("a")))[0].submit("text")


def test_rate_each_asks_partner_one_then_two() -> None:
    runner, _, events = start(make_flow(rate("r"), say("after")))
    assert runner.asking == 0
    runner.submit(3)
    assert runner.step.id == "r" and runner.asking == 1
    runner.submit(9)
    assert runner.step.id == "after"
    given = events.of(ev.AnswerGiven)
    assert [(a.partner, a.value) for a in given] == [(0, 3), (1, 9)]
    assert runner.answer_for("r", 1).value == 9


@pytest.mark.parametrize(("who", "asked"), [("first", 0), ("second", 1), ("together", None)])
def test_rate_asked_of_one_or_together(who: str, asked: int | None) -> None:
    runner, _, events = start(make_flow(rate("r", who=who), say("after")))
    assert runner.asking == asked
    runner.submit(5)
    assert runner.step.id == "after"
    assert events.of(ev.AnswerGiven)[0].partner == asked


@pytest.mark.parametrize("bad", [11, -1, 2.5, "7", True, None])
def test_a_rating_off_the_scale_is_refused(bad) -> None:
    runner, _, _ = start(make_flow(rate("r")))
    assert not runner.submit(bad)
    assert runner.asking == 0 and runner.answers == ()


def test_rate_on_a_custom_scale() -> None:
    runner, _, _ = start(make_flow(rate("r", low=1, high=5, who="first")))
    assert not runner.submit(0)
    runner.submit(5.0)  # a whole float (from JSON) is fine
    assert runner.answers[0].value == 5


def test_write_plain_text_and_template_blanks_with_names() -> None:
    template = "{partner}: I feel {feeling} when {situation}. {{not a blank}}"
    step = WriteStep(
        id="w", ask="?", template=template, blanks=(Blank("feeling"), Blank("situation"))
    )
    runner, _, _ = start(make_flow(step))
    runner.submit({"feeling": "tense", "situation": "we talk about {partner}"})
    first = runner.answers[0].value
    # Names are filled for whoever answered; typed braces stay literal.
    assert first["text"] == "Sam: I feel tense when we talk about {partner}. {not a blank}"
    assert first["blanks"] == {"feeling": "tense", "situation": "we talk about {partner}"}
    runner.submit("Alex: my own words")
    assert runner.answers[1].value == {"text": "Alex: my own words", "blanks": None}


def test_write_rejects_unknown_blanks_and_non_text() -> None:
    step = WriteStep(id="w", ask="?", template="I feel {feeling}", blanks=(Blank("feeling"),))
    runner, _, _ = start(make_flow(step))
    for bad in ({"feelin": "x"}, 42, {"feeling": 3}):
        assert not runner.submit(bad)
    # An untouched blank is empty, and a step that isn't optional needs some words.
    refusal = runner.submit({"feeling": None})
    assert not refusal and "Write a few words" in refusal.reason and runner.answers == ()
    optional = WriteStep(id="o", ask="?", template="I feel {feeling}", blanks=(Blank("feeling"),),
                         optional=True)
    runner, _, _ = start(make_flow(optional))
    assert runner.submit({"feeling": None})
    assert runner.answers[0].value["text"] == "I feel "
    plain = WriteStep(id="p", ask="?")
    assert not start(make_flow(plain))[0].submit({"feeling": "x"})


def test_choose_one_and_many() -> None:
    one = ChooseStep(id="c", ask="?", options=("tea", "walk"), who="first")
    many = ChooseStep(id="m", ask="?", options=("tea", "walk", "hug"), many=True, who="first")
    runner, _, _ = start(make_flow(one, many))
    assert not runner.submit("coffee")
    runner.submit("walk")
    assert not runner.submit(["tea", "tea"])
    runner.submit(["hug", "tea"])
    assert [a.value for a in runner.answers] == ["walk", ["tea", "hug"]]  # author's order


def test_checklist_is_together_by_default() -> None:
    step = ChecklistStep(id="k", ask="?", items=("water", "walk"))
    runner, _, _ = start(make_flow(step))
    assert runner.asking is None
    assert not runner.submit(["nap"])
    runner.submit([])
    assert runner.finished and runner.answers[0].value == [] and runner.answers[0].partner is None


def test_timer_counts_down_from_entry_and_records_time_spent() -> None:
    runner, clock, events = start(make_flow(TimerStep(id="t", seconds=120), say("after")))
    assert runner.timer.remaining(clock.now()) == 120
    clock.advance(150)
    assert runner.timer.finished(clock.now())
    runner.submit(None)
    assert runner.answers[0].value == {"seconds": 120, "ended": "finished"}
    ended = events.of(ev.TimerEnded)[0]
    assert (ended.step_id, ended.seconds, ended.how) == ("t", 120, "finished")
    assert runner.timer is None


def test_timer_ended_early() -> None:
    runner, clock, events = start(make_flow(TimerStep(id="t", seconds=120)))
    clock.advance(30)
    runner.submit(None)
    assert runner.answers[0].value == {"seconds": 30, "ended": "early"}
    runner, clock, events = start(make_flow(TimerStep(id="t", seconds=120)))
    clock.advance(500)
    runner.submit("early")  # the couple said so, even if the time was up
    assert events.of(ev.TimerEnded)[0].how == "early"
    assert not start(make_flow(TimerStep(id="t", seconds=1)))[0].submit("later")


def test_extend_timer() -> None:
    runner, clock, _ = start(make_flow(TimerStep(id="t", seconds=60)))
    clock.advance(50)
    runner.extend_timer(60)
    assert runner.timer.remaining(clock.now()) == 70
    runner.submit(None)
    assert runner.answers[0].value["seconds"] == 50
    assert not start(make_flow(say("s")))[0].extend_timer(10)


def test_a_break_timer_step_reports_a_break_started_by_the_flow() -> None:
    runner, clock, events = start(make_flow(TimerStep(id="cool", seconds=1200, is_break=True)))
    started = events.of(ev.BreakStarted)[0]
    assert started.called_by is None and started.step_id == "cool"
    assert started.deadline == clock.now() + 1200
    clock.advance(1300)
    runner.submit(None)
    assert events.of(ev.BreakEnded)[0].how == "finished"
    assert events.of(ev.BreakEnded)[0].seconds == 1200


def test_breathe_runs_on_a_stopwatch_and_records_cycles() -> None:
    step = BreatheStep(id="b", pattern="box", phases=phases_for("box"), cycles=3)
    runner, clock, _ = start(make_flow(step))
    assert runner.breath.phase.do == "in" and runner.breath.cycle == 1
    clock.advance(17)
    assert runner.breath.phase.do == "in" and runner.breath.cycle == 2
    clock.advance(33)
    assert runner.breath.finished
    runner.submit(None)
    assert runner.answers[0].value == {"seconds": 50, "cycles": 3}
    assert runner.breath is None


def test_breathe_ended_early_counts_whole_cycles() -> None:
    step = BreatheStep(id="b", pattern="box", phases=phases_for("box"), cycles=3)
    runner, clock, _ = start(make_flow(step))
    clock.advance(20)
    assert not runner.submit({"seconds": 1})
    runner.submit(None)
    assert runner.answers[0].value == {"seconds": 20, "cycles": 1}


def test_elapsed_excludes_pauses_and_stops_at_the_end() -> None:
    runner, clock, events = start(make_flow(say("a")))
    clock.advance(10)
    runner.pause()
    runner.pause()  # twice is harmless and reported once
    clock.advance(100)
    runner.resume()
    clock.advance(5)
    assert runner.elapsed == 15 and not runner.paused
    runner.submit(None)
    clock.advance(50)
    assert runner.elapsed == 15
    assert events.kinds().count("Paused") == 1 and events.kinds().count("Resumed") == 1


def test_pause_freezes_every_countdown_and_stopwatch() -> None:
    breathe = BreatheStep(id="b", pattern="box", phases=phases_for("box"), cycles=3)
    runner, clock, _ = start(make_flow(TimerStep(id="t", seconds=60), breathe))
    clock.advance(10)
    runner.pause()
    clock.advance(1000)
    assert runner.timer.remaining(clock.now()) == 50
    runner.submit("early")  # moving on while paused: the next stopwatch starts frozen
    clock.advance(100)
    assert runner.breath.cycle == 1 and runner.breath.progress == 0
    runner.resume()
    clock.advance(5)
    assert runner.breath.phase.do == "hold"


def test_an_empty_flow_is_finished_at_once() -> None:
    runner, _, events = start(make_flow())
    assert runner.finished and events.kinds() == ["Finished"]


def test_enter_on_an_untouched_scale_proposes_this_partners_last_rating_of_the_same_measure() -> None:
    flow = make_flow(
        rate("before", measures="distress"),
        rate("closeness", measures="closeness"),
        say("middle"),
        rate("after", measures="distress", low=0, high=5),
    )
    runner, _, _ = start(flow)
    assert runner.proposal(0) == 5  # nothing earlier: the middle of 0-10
    runner.submit(8)  # Sam
    runner.submit(2)  # Alex
    runner.submit(1)
    runner.submit(9)  # closeness: another measure
    runner.submit(None)
    assert runner.step.id == "after"
    assert runner.proposal(0) == 5  # Sam's 8, kept within this 0-5 scale
    assert runner.proposal(1) == 2  # Alex's own 2, not Alex's closeness 9
    assert runner.proposal(None) == 2  # the middle of 0-5 (nobody's own rating)
