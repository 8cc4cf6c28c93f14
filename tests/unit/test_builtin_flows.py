"""The built-in flows: they load cleanly, use every step kind, and walk to the end.

These are what a couple meets first, so a warning here counts as a failure, and each
flow is walked through the same engine the TUI uses, on the routes that matter.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gentle.engine.clock import FakeClock
from gentle.engine.pacer import total_seconds
from gentle.engine.runner import Runner
from gentle.engine.walk import walk
from gentle.flows.kinds import kind_of
from gentle.flows.loader import check_flow
from gentle.flows.model import STEP_KINDS, ChooseStep, Flow, RateStep, TimerStep
from gentle.flows.names import placeholders

FLOWS = Path(__file__).resolve().parents[2] / "flows"
IDS = ("pause-and-breathe", "i-statement", "validate", "reconnect", "full", "aftermath", "time-out-plan")
PARTNERS = ("Sam", "Alex")


def _lookup(flow_id: str) -> Path | None:
    path = FLOWS / f"{flow_id}.yaml"
    return path if path.exists() else None


def load(flow_id: str) -> Flow:
    flow, problems = check_flow(FLOWS / f"{flow_id}.yaml", _lookup)
    assert flow is not None and not problems, "\n".join(map(str, problems))
    return flow


def test_the_six_flows_are_there_each_named_after_its_id() -> None:
    assert {p.stem for p in FLOWS.glob("*.yaml")} >= set(IDS)
    for path in FLOWS.glob("*.yaml"):
        assert load(path.stem).id == path.stem


@pytest.mark.parametrize("flow_id", IDS)
def test_each_flow_loads_with_no_errors_and_no_warnings(flow_id: str) -> None:
    flow = load(flow_id)
    assert flow.title and flow.summary and flow.minutes and flow.tags
    assert flow.sources, "every built-in flow cites the methods it draws on"


@pytest.mark.parametrize("flow_id", IDS)
def test_each_flow_walks_to_the_end_on_default_answers(flow_id: str) -> None:
    flow = load(flow_id)
    result = walk(flow, {}, PARTNERS)
    assert result.path[0] == flow.steps[0].id
    assert flow.step(result.path[-1])  # ended on a real step, not stuck


def test_every_step_kind_appears_across_the_flows() -> None:
    raw = "\n".join((FLOWS / f"{i}.yaml").read_text(encoding="utf-8") for i in IDS)
    used = set(re.findall(r"^\s*- kind: ([\w-]+)", raw, re.MULTILINE))
    assert used == set(STEP_KINDS)


def test_every_name_placeholder_is_used_somewhere() -> None:
    names: set[str] = set()
    for flow_id in IDS:
        text = (FLOWS / f"{flow_id}.yaml").read_text(encoding="utf-8")
        names.update(placeholders(text))
    assert names >= {"partner1", "both", "partner", "other", "speaker", "listener"}


def test_pause_and_breathe_sends_a_flooded_couple_to_a_long_enough_break() -> None:
    flow = load("pause-and-breathe")
    # Either partner at 7 or more is enough.
    flooded = walk(flow, {"check-in": [3, 8], "check-again": [2, 3]}, PARTNERS)
    assert flooded.path == ["welcome", "check-in", "cool-down", "breathe", "check-again", "settled"]
    cool_down = flow.step("cool-down")
    assert isinstance(cool_down, TimerStep) and cool_down.is_break
    assert cool_down.seconds >= 20 * 60
    assert len(cool_down.suggestions) >= 5


def test_pause_and_breathe_skips_the_break_when_both_are_below_seven() -> None:
    flow = load("pause-and-breathe")
    calm = walk(flow, {"check-in": [6, 2], "check-again": [2, 1]}, PARTNERS)
    assert calm.path == ["welcome", "check-in", "breathe", "check-again", "settled"]


def drive(flow: Flow, script: dict[str, list]) -> tuple[list[str], Runner]:
    """Run ``flow`` as the app would, one visit at a time: ``script[step]`` holds the
    answer for each visit to that step, in order (walk gives a step one answer for every
    visit, so it can't go round a loop and come out). Timers and breathing run to their
    end; break offers are declined."""
    clock = FakeClock()
    path: list[str] = []
    runner = Runner(flow, PARTNERS, clock, lambda e: path.append(e.step_id) if type(e).__name__ == "StepEntered" else None)
    while not runner.finished:
        if runner.flooding:
            runner.decline_break()
            continue
        step = runner.step
        assert step is not None and len(path) < 200, path
        clock_kind = kind_of(step).clock
        if clock_kind == "countdown":
            clock.advance(runner.timer.remaining(clock.now()) if runner.timer else 0.0)
            assert runner.submit(None)
        elif clock_kind == "stopwatch":
            clock.advance(total_seconds(step))
            assert runner.submit(None)
        elif step.id in script:
            given = script[step.id][path.count(step.id) - 1]  # this visit's answer
            value = given[runner.asking] if isinstance(given, list) else given
            assert runner.submit(value), step.id
        else:
            assert runner.submit(None) or runner.skip(), step.id
    return path, runner


def test_pause_and_breathe_offers_more_breathing_or_a_break_when_still_stirred_up() -> None:
    flow = load("pause-and-breathe")
    still = flow.step("still-stirred")
    assert isinstance(still, ChooseStep) and still.who == "together"
    # Never a cheerful "well done" or "ready?" after "It's still a lot": every way out of
    # it breathes again, takes a proper break, or stops for today.
    targets = {r.go for r in still.next}
    assert targets == {"breathe", "cool-down", "stop-for-today"}
    stopped = walk(flow, {"check-in": [9, 9], "check-again": [7, 4],
                          "still-stirred": "Stop here for today"}, PARTNERS)
    assert stopped.path[-2:] == ["still-stirred", "stop-for-today"]
    assert "settled" not in stopped.path
    # The 8 and 9 went straight to the break step (no offer needed); the 7 after
    # breathing is offered a break on the way to "It's still a lot".
    assert [o.step_id for o in stopped.offers] == ["check-again"]


def test_pause_and_breathe_breathes_again_then_checks_again() -> None:
    flow = load("pause-and-breathe")
    path, _ = drive(flow, {"check-in": [[4, 3]], "check-again": [[8, 3], [4, 3]],
                           "still-stirred": ["Another round of breathing together"]})
    assert path == ["welcome", "check-in", "breathe", "check-again", "still-stirred",
                    "breathe", "check-again", "settled"]


def test_pause_and_breathe_takes_a_proper_break_then_checks_again() -> None:
    flow = load("pause-and-breathe")
    path, _ = drive(flow, {"check-in": [[4, 3]], "check-again": [[8, 3], [8, 3]],
                           "still-stirred": ["A proper break apart, twenty minutes or more",
                                             "Stop here for today"]})
    assert path == ["welcome", "check-in", "breathe", "check-again", "still-stirred",
                    "cool-down", "breathe", "check-again", "still-stirred", "stop-for-today"]


def test_full_never_goes_from_still_a_lot_straight_to_ready() -> None:
    flow = load("full")
    result = walk(flow, {"pause-and-breathe.check-in": [3, 3],
                         "pause-and-breathe.check-again": [8, 2],
                         "pause-and-breathe.still-stirred": "Stop here for today"}, PARTNERS)
    at = result.path.index("pause-and-breathe.still-stirred")
    assert result.path[at + 1] == "pause-and-breathe.stop-for-today"


def test_check_ins_measure_distress_for_each_partner() -> None:
    flow = load("pause-and-breathe")
    for step_id in ("check-in", "check-again"):
        step = flow.step(step_id)
        assert isinstance(step, RateStep)
        assert step.measures == "distress" and step.who == "each"


def test_i_statement_builds_the_softened_start_up_with_feelings_and_needs() -> None:
    flow = load("i-statement")
    step = flow.step("statement")
    assert step.template == (
        "I feel {feeling} when {situation}, because I need {need}. "
        "Would you be willing to {request}?"
    )
    blanks = {b.name: b for b in step.blanks}
    assert set(blanks) == {"feeling", "situation", "need", "request"}
    assert all(b.hint for b in (blanks["feeling"], blanks["situation"], blanks["request"]))
    assert "lonely" in blanks["feeling"].suggestions
    assert "to be heard" in blanks["need"].suggestions
    answers = {
        "statement": [
            {"feeling": "worried", "situation": "plans change late", "need": "clarity",
             "request": "text me when they do"},
            "I feel tired when we argue at midnight. Could we stop by ten?",
        ]
    }
    result = walk(flow, answers, PARTNERS)
    written = [a.value for a in result.answers if a.step_id == "statement"]
    assert written[0]["text"] == (
        "I feel worried when plans change late, because I need clarity. "
        "Would you be willing to text me when they do?"
    )
    assert written[1]["text"].startswith("I feel tired")


def test_validate_gives_each_partner_the_floor_with_mirroring_validation_and_empathy() -> None:
    flow = load("validate")
    turns = flow.step("exchange")
    prompts = " ".join(turns.listener_prompts)
    for cue in ("What I heard", "It makes sense that you feel", "I imagine you might feel"):
        assert cue in prompts
    result = walk(flow, {"exchange": ["You felt rushed.", "You wanted a plan."]}, PARTNERS)
    [exchanges] = [a.value for a in result.answers if a.step_id == "exchange"]
    assert [e["speaker"] for e in exchanges] == [0, 1]  # roles swap
    assert result.path[-1] == "close"


def test_reconnect_routes_on_the_repair_and_on_when_to_continue() -> None:
    flow = load("reconnect")
    none_ticked = walk(flow, {"repair": [[], []], "when-to-continue": "Tomorrow"}, PARTNERS)
    assert "no-words" in none_ticked.path and none_ticked.path[-1] == "later"
    ticked = walk(
        flow,
        {"repair": [["We're on the same side."], []], "when-to-continue": "Now, we're ready"},
        PARTNERS,
    )
    assert "no-words" not in ticked.path and ticked.path[-1] == "continue-now"


def test_full_chains_all_four_with_check_ins_at_both_ends() -> None:
    flow = load("full")
    sections = [s.section for s in flow.steps]
    titles = [load(i).title for i in ("pause-and-breathe", "i-statement", "validate", "reconnect")]
    assert [t for t in dict.fromkeys(sections) if t] == titles
    result = walk(flow, {"pause-and-breathe.check-in": [8, 2]}, PARTNERS)
    assert result.path[1] == "closeness-start"
    assert "pause-and-breathe.cool-down" in result.path
    assert result.path[-1] == "closeness-end"
    for title in titles:
        assert any(flow.step(s).section == title for s in result.path)


def test_full_lets_a_couple_stop_after_calming_down() -> None:
    flow = load("full")
    result = walk(flow, {"ready": "Not yet, let's stop for today"}, PARTNERS)
    assert result.path[-1] == "stop-for-today"
    assert not any(s.startswith("i-statement.") for s in result.path)


def test_aftermath_goes_through_the_five_parts_only_when_both_are_calm() -> None:
    flow = load("aftermath")
    calm = walk(flow, {"calm-check": [2, 3], "willing": ["I'm ready", "I'm ready"]}, PARTNERS)
    for part in ("feelings", "realities", "triggers", "my-part", "plans"):
        assert part in calm.path
    assert calm.path[-1] == "close"  # the closing check's default (5) is below 6
    for answers in (
        {"calm-check": [2, 6]},
        {"calm-check": [1, 1], "willing": ["I'm ready", "Not today"]},
    ):
        result = walk(flow, answers, PARTNERS)
        assert result.path[-1] == "not-yet" and "feelings" not in result.path


def _same_scale(a: RateStep, b: RateStep) -> None:
    assert (a.low, a.high, dict(a.labels), a.measures) == (b.low, b.high, dict(b.labels), b.measures)


def test_full_checks_distress_again_at_the_end_on_the_opening_scale() -> None:
    flow = load("full")
    end, start = flow.step("distress-end"), flow.step("pause-and-breathe.check-in")
    assert isinstance(end, RateStep) and isinstance(start, RateStep)
    _same_scale(end, start)
    calm = walk(flow, {"distress-end": [3, 2]}, PARTNERS)
    assert calm.path[-2:] == ["distress-end", "closeness-end"] and not calm.offers
    high = walk(flow, {"distress-end": [3, 8]}, PARTNERS)
    assert high.path[-3:] == ["distress-end", "still-a-lot", "support"]
    assert [o.step_id for o in high.offers] == ["distress-end"]  # the break offer still comes
    assert flow.step("support").kind == "support"  # the support lines themselves, in the flow


def test_aftermath_checks_again_at_the_end_and_closes_honestly_when_it_still_stings() -> None:
    flow = load("aftermath")
    end, start = flow.step("calm-again"), flow.step("calm-check")
    assert isinstance(end, RateStep) and isinstance(start, RateStep)
    _same_scale(end, start)
    ready = {"calm-check": [2, 3], "willing": ["I'm ready", "I'm ready"]}
    calm = walk(flow, {**ready, "calm-again": [2, 5]}, PARTNERS)
    assert calm.path[-2:] == ["calm-again", "close"] and not calm.offers
    high = walk(flow, {**ready, "calm-again": [6, 1]}, PARTNERS)
    assert high.path[-2:] == ["calm-again", "still-stings"]
    assert [(o.step_id, o.threshold) for o in high.offers] == [("calm-again", 6)]


def test_aftermath_own_part_names_own_behaviour_not_only_circumstances() -> None:
    items = load("aftermath").step("set-up").items
    for own in ("I've been quick to criticise lately", "I haven't been listening well",
                "I got defensive instead of hearing what was said"):
        assert own in items
    assert not any(re.search(r"\byou\b|\{other\}", item, re.IGNORECASE) for item in items)


def test_i_statement_each_partner_answers_the_others_request() -> None:
    flow = load("i-statement")
    respond = flow.step("respond")
    assert isinstance(respond, ChooseStep) and respond.who == "each"
    assert "{answer:statement:other}" in respond.ask
    sentences = ["I feel worried when plans change late. Would you text me?",
                 "I feel tired when we argue at midnight. Could we stop by ten?"]
    path, runner = drive(flow, {"statement": [sentences], "read-back": [[[], []]],
                                "respond": [["Part of it", "Yes, I can do that"]]})
    assert path[-2:] == ["share", "respond"]
    picked = {a.partner: a.value for a in runner.answers if a.step_id == "respond"}
    assert picked == {0: "Part of it", 1: "Yes, I can do that"}
    # Each partner is shown the request they are answering: the other's sentence.
    other = {p: runner.answer_words("statement", "other", asking=p) for p in (0, 1)}
    assert other == {0: sentences[1], 1: sentences[0]}


def test_facilitator_notes_help_and_conditional_routes_are_all_used() -> None:
    steps = [step for flow_id in IDS for step in load(flow_id).steps]
    assert sum(1 for s in steps if s.facilitator) >= 6
    assert sum(1 for s in steps if s.help) >= 10
    conditions = [r.when for s in steps for r in s.next if r.when is not None]
    assert any(c.any_of for c in conditions)
    assert {c.who for c in conditions if c.step} >= {"either", "both"}
