"""The app, `flows walk` and the handout say the same about every flow.

For random answer sets on every built-in and test flow:

* the app's path (a Runner driven as the session screen drives it: one partner at a
  time, gentle's offer taken through the break dialog or declined) and the walk's path
  (the same answers, as an answers file would give them) enter the same steps, record
  the same answers and make the same break offers;
* at each step the app left, the handout's routing sentence for the route the engine
  took names the step the couple actually went to, and the handout's offer sentence
  (its threshold and its exceptions) says whether the app offered a break.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gentle.engine import events as ev
from gentle.engine.breaks import MIN_BREAK_SECONDS
from gentle.engine.clock import FakeClock
from gentle.engine.pacer import total_seconds
from gentle.engine.routing import choose_route
from gentle.engine.runner import Runner
from gentle.engine.walk import OFFERS_KEY, WalkError, walk
from gentle.flows.catalogue import Catalogue
from gentle.flows.kinds import kind_of
from gentle.flows.kinds.turns import default_exchanges
from gentle.handout.content import build_handout
from gentle.handout.routing import OFFER_ALONE, OFFER_FIRST

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "flows"
CATALOGUE = Catalogue(extra=[FIXTURES])
FLOW_IDS = sorted(e.id for e in CATALOGUE.entries())
PARTNERS = ("Sam", "Alex")
START = 1_750_000_000.0


def answer_for(step: Any, draw: Any) -> Any:
    kind = step.kind
    if kind == "rate":
        return draw(st.integers(step.low, step.high))
    if kind == "write":
        return draw(st.sampled_from(["I felt alone", "tired", " words "]))
    if kind == "choose":
        if step.many:
            picked = draw(st.lists(st.sampled_from(step.options), unique=True, min_size=1))
            alone = [p for p in picked if p in step.exclusive]
            return alone[:1] or picked  # an exclusive option goes on its own
        return draw(st.sampled_from(step.options))
    if kind == "checklist":
        return draw(st.lists(st.sampled_from(step.items), unique=True))
    return None


@st.composite
def answer_sets(draw: Any, flow: Any) -> dict[str, Any]:
    """An answers file: every asking step answered, per partner where each is asked."""
    answers: dict[str, Any] = {}
    for step in flow.steps:
        if not kind_of(step).asks:
            continue
        if getattr(step, "who", None) == "each":
            answers[step.id] = [answer_for(step, draw), answer_for(step, draw)]
        else:
            answers[step.id] = answer_for(step, draw)
    offers = {s.id: draw(st.sampled_from(["take", "decline"]))
              for s in flow.steps if getattr(s, "measures", None) == "distress"}
    answers[OFFERS_KEY] = offers
    return answers


def app_path(flow: Any, answers: dict[str, Any]) -> tuple[list[Any], list[Any], bool]:
    """The session screen's way through: (events, [(step left, choice, evidence)], ended).

    ``ended`` is False when the answers, given the same at every visit, send the couple
    round a loop for good (pause-and-breathe's "another round of breathing" with a
    rating that never comes down): then the walk must say so too."""
    clock = FakeClock(START)
    events: list[Any] = []
    runner = Runner(flow, PARTNERS, clock, events.append)
    left: list[Any] = []
    for _ in range(2000):
        if runner.finished:
            break
        if runner.flooding:  # FloodingOffer: "Take a break" -> who and how long; or "Go on"
            if answers[OFFERS_KEY].get(runner.offered_after) == "take":
                assert runner.call_break(0, MIN_BREAK_SECONDS, why="offered")
                clock.advance(MIN_BREAK_SECONDS)
                assert runner.tick()  # the cool-down screen's clock ends it
            else:
                assert runner.decline_break()
            continue
        step = runner.step
        entries = len(entered(events))
        kind = kind_of(step)
        if kind.clock == "countdown":
            clock.advance(runner.timer.remaining(clock.now()))
            verdict = runner.submit(None)  # Enter once the time is up
        elif kind.clock == "stopwatch":
            clock.advance(total_seconds(step))
            verdict = runner.submit(None)
        elif kind.clock == "turns":
            verdict = None
            for exchange in default_exchanges(step):  # the floor used, said aloud, heard at once
                clock.advance(step.floor_seconds)
                assert runner.turn_done_speaking() and runner.turn_mirrored(exchange["mirror"])
                verdict = runner.turn_heard(True)
                if verdict and runner.turn is not None and runner.turn.phase == "more":
                    verdict = runner.turn_more(False)  # "is there more?" no: one exchange per floor
        elif not kind.asks:
            verdict = runner.submit(None)
        else:
            given = answers[step.id]
            partner = runner.asking
            value = given[partner] if getattr(step, "who", None) == "each" else given
            verdict = runner.submit(value)
        assert verdict, verdict
        if runner.finished or len(entered(events)) > entries:  # the step was left
            target = None if runner.finished else entered(events)[-1]
            choice = choose_route(flow, step, runner.evidence())
            assert choice.target == target
            left.append((step, choice))
    else:
        return events, left, False
    return events, left, True


def entered(events: list[Any]) -> list[str]:
    return [e.step_id for e in events if isinstance(e, ev.StepEntered)]


def offered(events: list[Any]) -> list[str]:
    return [e.step_id for e in events if isinstance(e, ev.BreakOffered)]


def handout_sentences(flow: Any) -> dict[str, tuple[str, ...]]:
    handout = build_handout(flow)
    by_number = {s.number: s for section in handout.sections for s in section.steps}
    out = {}
    for i, step in enumerate(flow.steps, start=1):
        routes = [b for b in by_number[i].blocks if b.kind == "routes"]
        out[step.id] = routes[0].items if routes else ()
    return out


def check_handout(flow: Any, left: list[Any], events: list[Any]) -> None:
    sentences = handout_sentences(flow)
    numbers = {s.id: i for i, s in enumerate(flow.steps, start=1)}
    offers = offered(events)
    for step, choice in left:
        said = list(sentences[step.id])
        # The offer is a line of its own, first, or said in the line of the route its
        # rating takes ("..., take a cool-down break first, then go to step 7").
        offer = said.pop(0) if said and OFFER_ALONE in said[0] else None
        if offer is None:
            offer = next((sentence for sentence in said if OFFER_FIRST in sentence), None)
        # The route the engine took, in the handout's words.
        if choice.route is not None and choice.route < len(said):
            sentence = said[choice.route]
            if choice.target is None:
                assert "finish" in sentence or "done" in sentence, sentence
            else:
                assert f"step {numbers[choice.target]}," in sentence or (
                    choice.target == _following(flow, step) and sentence.startswith("Then")), sentence
        # The offer: the handout says it exactly where the app can make it.
        if step.id in offers:
            assert offer is not None, f"the app offered a break after {step.id}; the handout doesn't say so"
            assert "unless" not in offer or not _excepted(flow, choice.target), offer
        elif offer is not None and getattr(step, "measures", None) == "distress":
            threshold = int(re.search(r"rated (\d+) or more", offer).group(1))
            rated = [a.value for a in _answers_of(events, step.id)]
            excused = "unless" in offer and _excepted(flow, choice.target)
            assert not any(r >= threshold for r in rated) or excused, (
                f"{step.id}: rated {rated}, the handout says {offer!r}, but no offer was made")


def _following(flow: Any, step: Any) -> str | None:
    i = flow.index_of(step.id) + 1
    return flow.steps[i].id if i < len(flow.steps) else None


def _excepted(flow: Any, target: str | None) -> bool:
    from gentle.engine.offers import is_break_step

    return target is None or is_break_step(flow, target)


def _answers_of(events: list[Any], step_id: str) -> list[Any]:
    # The answers of the step's latest visit: those after its last StepEntered.
    last = max(i for i, e in enumerate(events) if isinstance(e, ev.StepEntered) and e.step_id == step_id)
    out = []
    for e in events[last:]:
        if isinstance(e, ev.StepEntered) and e.step_id != step_id:
            break
        if isinstance(e, ev.AnswerGiven) and e.step_id == step_id:
            out.append(e)
    return out


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_the_app_walk_and_handout_agree(flow_id: str) -> None:
    flow = CATALOGUE.load(flow_id)

    @settings(max_examples=40, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(answers=answer_sets(flow))
    def agree(answers: dict[str, Any]) -> None:
        app_events, left, ended = app_path(flow, answers)
        walked: list[Any] = []
        if not ended:
            # The same answers at every visit go round a loop: walk refuses them, naming it.
            with pytest.raises(WalkError, match="loop"):
                walk(flow, answers, PARTNERS, clock=FakeClock(START), on_event=walked.append)
            assert entered(app_events)[:len(entered(walked))] == entered(walked)
            check_handout(flow, left, app_events)
            return
        result = walk(flow, answers, PARTNERS, clock=FakeClock(START), on_event=walked.append)
        assert entered(app_events) == result.path
        app_answers = [(e.step_id, e.partner, e.value) for e in app_events if isinstance(e, ev.AnswerGiven)]
        assert app_answers == [(a.step_id, a.partner, a.value) for a in result.answers]
        assert offered(app_events) == [o.step_id for o in result.offers]
        assert [o.taken for o in result.offers] == [
            answers[OFFERS_KEY].get(o.step_id) == "take" for o in result.offers]
        check_handout(flow, left, app_events)

    agree()
