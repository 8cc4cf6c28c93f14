"""Headless walks: the path a flow takes for a set of answers, with marked defaults."""

from __future__ import annotations

import pytest

from gentle.engine import events as ev
from gentle.engine.walk import MAX_VISITS, WalkError, walk
from gentle.flows.patterns import phases_for

from .builders import (
    Blank,
    BreatheStep,
    ChecklistStep,
    ChooseStep,
    Events,
    Route,
    TimerStep,
    TurnsStep,
    WriteStep,
    make_flow,
    rate,
    route,
    say,
)


def pause_flow():
    return make_flow(
        rate("check", measures="distress", next=(route("cool", at_least=7),)),
        BreatheStep(id="breathe", pattern="box", phases=phases_for("box"), cycles=2,
                    next=(Route("end"),)),
        TimerStep(id="cool", seconds=1200, is_break=True),
    )


def test_routing_follows_the_answers() -> None:
    calm = walk(pause_flow(), {"check": [3, 2]})
    assert calm.path == ["check", "breathe"] and calm.defaulted == set()
    assert calm.answers[-1].value == {"seconds": 32, "cycles": 2}  # not waited for
    flooded = walk(pause_flow(), {"check": [3, 9]})
    assert flooded.path == ["check", "cool"]
    assert flooded.answers[-1].value == {"seconds": 1200, "ended": "finished"}


def test_missing_answers_take_neutral_defaults_and_are_marked() -> None:
    flow = make_flow(
        rate("r", low=1, high=5),
        ChooseStep(id="c", ask="?", options=("a", "b"), who="first"),
        ChooseStep(id="m", ask="?", options=("a", "b"), many=True, who="second"),
        ChecklistStep(id="k", ask="?", items=("x",)),
        WriteStep(id="w", ask="?", who="together"),
        WriteStep(id="o", ask="?", who="together", optional=True),
        TurnsStep(id="t", speaker_prompt="s", listener_prompts=("l",), rounds=2),
    )
    result = walk(flow, {"r": [None, 4]})
    values = {(a.step_id, a.partner): a.value for a in result.answers}
    assert values[("r", 0)] == 3 and values[("r", 1)] == 4  # midpoint, rounded down
    assert values[("c", 0)] == "a" and values[("m", 1)] == ["a"]
    assert values[("k", None)] == [] and values[("o", None)]["text"] == ""
    # A write that needs words can't be answered with nothing: skipped, as in the app.
    assert ("w", None) not in values and result.skipped == ("w",)
    exchanges = values[("t", None)]
    assert [(e["round"], e["speaker"], e["confirmed"]) for e in exchanges] == [
        (1, 0, True), (1, 1, True), (2, 0, True), (2, 1, True)
    ]
    assert result.defaulted == {
        ("r", 0), ("c", 0), ("m", 1), ("k", None), ("w", None), ("o", None), ("t", None)
    }
    assert {(a.step_id, a.partner) for a in result.answers if a.defaulted} == result.defaulted - {("w", None)}
    assert ("r", 1) not in result.defaulted


def test_write_answers_as_text_or_blanks_and_lists_per_partner() -> None:
    template = "I feel {feeling} when {situation}, {other}."
    flow = make_flow(
        WriteStep(id="i", ask="?", template=template,
                  blanks=(Blank("feeling"), Blank("situation"))),
        ChecklistStep(id="k", ask="?", items=("x", "y"), who="each"),
        ChecklistStep(id="j", ask="?", items=("x", "y"), who="each"),
    )
    result = walk(
        flow,
        {
            "i": [{"feeling": "hurt", "situation": "plans change"}, "My whole sentence."],
            "k": [["x"], ["y"]],  # per partner
            "j": [["x", "y"], ["x", "y"]],  # the same picks, given for each
        },
        partners=("Sam", "Alex"),
    )
    values = {(a.step_id, a.partner): a.value for a in result.answers}
    assert values[("i", 0)]["text"] == "I feel hurt when plans change, Alex."
    assert values[("i", 1)] == {"text": "My whole sentence.", "blanks": None}
    assert values[("k", 0)] == ["x"] and values[("k", 1)] == ["y"]
    assert values[("j", 0)] == values[("j", 1)] == ["x", "y"]


@pytest.mark.parametrize("step, given, shape", [
    (rate("r"), 6, "`r: [6, 6]`"),
    (ChecklistStep(id="r", ask="?", items=("x", "y"), who="each"), ["x", "y"], "`r: [[x, y], [x, y]]`"),
    (ChooseStep(id="r", ask="?", options=("x", "y"), many=True), "x", "`r: [[x], [x]]`"),
])
def test_a_single_answer_for_an_each_step_is_refused_with_the_shape_it_needs(step, given, shape) -> None:
    with pytest.raises(WalkError) as info:
        walk(make_flow(step), {"r": given}, partners=("Sam", "Alex"))
    message = str(info.value)
    assert "one per partner, in partner order (Sam's, then Alex's)" in message
    assert shape in message and "never used for both" in message
    assert info.value.step_id == "r"


def test_more_answers_than_partners_are_refused() -> None:
    with pytest.raises(WalkError, match=r"3 answers are given.*`r: \[7, 4\]`"):
        walk(make_flow(rate("r")), {"r": [7, 4, 3]})


def test_one_answer_for_a_step_asked_of_one_partner_or_together_is_fine() -> None:
    result = walk(make_flow(rate("r", who="first"), rate("s", who="together")), {"r": 6, "s": 3})
    assert [(a.partner, a.value) for a in result.answers] == [(0, 6), (None, 3)]


def test_a_refused_answer_says_whose_it_was() -> None:
    with pytest.raises(WalkError) as info:
        walk(make_flow(rate("r")), {"r": [3, 12]}, partners=("Sam", "Alex"))
    assert info.value.where() == "r (Alex's answer)"


def test_turns_mirrors_given_as_text() -> None:
    flow = make_flow(TurnsStep(id="t", speaker_prompt="s", listener_prompts=("l",)))
    result = walk(flow, {"t": ["you were tired", "you felt alone"]})
    assert [e["mirror"] for e in result.answers[0].value] == ["you were tired", "you felt alone"]
    assert result.defaulted == set()


def test_turns_mirrors_yaml_read_as_yes_no_are_refused_not_written_as_true() -> None:
    flow = make_flow(TurnsStep(id="t", speaker_prompt="s", listener_prompts=("l",)))
    with pytest.raises(WalkError, match="exchange 1: the mirror was read as yes/no.*quotes") as info:
        walk(flow, {"t": [True, "you felt alone"]})
    assert info.value.step_id == "t"
    one = walk(flow, {"t": "you were tired"})  # one mirror on its own: the first turn's
    assert [e["mirror"] for e in one.answers[0].value] == ["you were tired", None]


def test_turns_heard_yes_in_a_full_exchange_is_one_yes() -> None:
    flow = make_flow(TurnsStep(id="t", speaker_prompt="s", listener_prompts=("l",)))
    result = walk(flow, {"t": [{"speaker": 0, "mirror": "tired", "heard": True},
                               {"speaker": 1, "mirror": "alone", "heard": False}]})
    assert [(e["heard"], e["confirmed"]) for e in result.answers[0].value] == [([True], True), ([False], False)]


def test_turns_with_more_a_walk_keeps_one_exchange_per_floor_unless_the_file_gives_more() -> None:
    step = TurnsStep(id="t", speaker_prompt="s", listener_prompts=("l",), rounds=2,
                     more_question="{speaker}, is there more?")
    flow = make_flow(step)
    default = walk(flow, {}).answers[0].value
    assert [(e["round"], e["speaker"]) for e in default] == [(1, 0), (1, 1), (2, 0), (2, 1)]
    given = [{"speaker": 0, "mirror": "a"}, {"speaker": 0, "mirror": "b"}, {"speaker": 1},
             {"speaker": 0}, {"speaker": 1}, {"speaker": 1, "mirror": "c"}]
    result = walk(flow, {"t": given})
    assert [(e["round"], e["speaker"], e["mirror"]) for e in result.answers[0].value] == [
        (1, 0, "a"), (1, 0, "b"), (1, 1, None), (2, 0, None), (2, 1, None), (2, 1, "c")]
    assert result.defaulted == set()


def test_bad_answers_and_unknown_steps_are_clear_errors() -> None:
    with pytest.raises(WalkError, match="off the 0..10 scale") as info:
        walk(make_flow(rate("check")), {"check": [12, 1]})
    assert info.value.step_id == "check"
    with pytest.raises(WalkError, match="did you mean 'check'"):
        walk(make_flow(rate("check")), {"chek": 1})


def test_a_loop_that_never_ends_stops_with_a_clear_error() -> None:
    flow = make_flow(
        rate("again", who="first", next=(route("again", at_least=5),)),
    )
    with pytest.raises(WalkError, match=f"more than {MAX_VISITS} times"):
        walk(flow, {"again": 9})
    assert walk(flow, {"again": 1}).path == ["again"]


def test_walk_reports_events_like_a_live_session() -> None:
    events = Events()
    result = walk(pause_flow(), {"check": [1, 1]}, on_event=events)
    assert [e.step_id for e in events.of(ev.StepEntered)] == result.path
    assert events.kinds()[-1] == "Finished"
    assert result.to_dict()["path"] == ["check", "breathe"]
