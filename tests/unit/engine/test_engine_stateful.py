"""The Runner under anything people (or a burst of keys) can do, in any order.

A hypothesis state machine drives one Runner per run through a flow with every intent
the app and walk use: answers that fit and answers that don't, Back, skip, breaks
called, extended, paused and ended, gentle's offer taken or declined, turns moves
(with "is there more?" where a step asks it),
drafts, time passing. After every step it checks:

* no intent ever raises: one that doesn't fit the moment is refused (a Verdict);
* a runner restored from its own snapshot is the live runner;
* the snapshot the recorder committed with the last event is the live runner's state as
  of that event (stopwatches, which count only time spent in the app, are compared at
  that moment), and restores to it; so a kill -9 now loses nothing a couple did.

It runs on every built-in flow and on the test flows in tests/fixtures/flows, with a
fixed seed and budget so the suite's time stays put (see ``settings`` below).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from gentle.engine.clock import FakeClock
from gentle.engine.runner import Runner
from gentle.engine.verdict import Verdict
from gentle.flows.catalogue import Catalogue
from gentle.store.db import open_memory_store
from gentle.store.recorder import Recorder
from gentle.store.sessions import start_session

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "flows"
CATALOGUE = Catalogue(extra=[FIXTURES])
FLOW_IDS = sorted(e.id for e in CATALOGUE.entries())
PARTNERS = ("Sam", "Alex")
# Per flow: how many runs, and how many intents in each (budget). Fixed, derandomised:
# the same runs every time, a few seconds per flow on the CI machine.
REACHED: dict[str, set[str]] = {}  # the steps the runs reached, per flow
RUNS = 40


def budget(flow_id: str) -> settings:
    # Longer flows get longer runs, so that runs reach their end.
    steps = len(CATALOGUE.load(flow_id).steps)
    return settings(max_examples=RUNS, stateful_step_count=max(40, 8 * steps), derandomize=True,
                    deadline=None, database=None, suppress_health_check=list(HealthCheck))

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


def value_for(step: Any, data: st.DataObject) -> Any:
    """An answer that may or may not fit the step: mostly fitting ones."""
    if data.draw(st.integers(0, 9)) == 0:
        return data.draw(st.one_of(st.none(), TEXT, st.integers(-3, 30), st.lists(TEXT, max_size=2)))
    kind = step.kind
    if kind == "rate":
        return data.draw(st.integers(step.low, step.high))
    if kind == "write":
        if step.template and data.draw(st.booleans()):
            return {b.name: data.draw(TEXT) for b in step.blanks}
        return data.draw(TEXT)
    if kind == "choose":
        if step.many:
            return data.draw(st.lists(st.sampled_from(step.options), unique=True))
        return data.draw(st.sampled_from(step.options))
    if kind == "checklist":
        return data.draw(st.lists(st.sampled_from(step.items), unique=True))
    if kind == "timer":
        return data.draw(st.sampled_from([None, "early"]))
    return None


class RunnerMachine(RuleBasedStateMachine):
    flow_id = FLOW_IDS[0]

    @initialize(start=st.floats(1.6e9, 1.8e9))
    def begin(self, start: float) -> None:
        self.flow = CATALOGUE.load(self.flow_id)
        self.clock = FakeClock(start)
        self.store = open_memory_store()
        self.session_id = start_session(self.store, self.flow, PARTNERS, started_at=start)
        recorder = Recorder(self.store, self.session_id)
        self.runner = Runner(self.flow, PARTNERS, self.clock, recorder, default_threshold=None)
        recorder.follow(self.runner)

    def teardown(self) -> None:
        store = getattr(self, "store", None)
        if store is not None:
            store.close()

    def said(self, verdict: Any) -> None:
        assert isinstance(verdict, Verdict), f"an intent answered {verdict!r}, not a Verdict"
        REACHED.setdefault(self.flow_id, set()).add(
            "finished" if self.runner.finished else self.runner.step.id)

    # ----- what people do ---------------------------------------------------------------------

    @rule(data=st.data())
    def answer(self, data: st.DataObject) -> None:
        step = self.runner.step
        self.said(self.runner.submit(value_for(step, data) if step is not None else None))

    # Answers come up more often than anything else, as they do in a session, so runs get
    # deep into the flows (turns, the later steps, the end).
    answer_more = rule(data=st.data())(lambda self, data: self.answer(data))
    answer_most = rule(data=st.data())(lambda self, data: self.answer(data))

    @rule(moves=st.integers(1, 30))
    def carry_on_calmly(self, moves: int) -> None:
        """A couple going on without detours for a while: back from a break, past an
        offer, through the turns, each step answered as a walk would."""
        from gentle.engine.answers import default_value
        from gentle.flows.kinds import SKIP

        for _ in range(moves):
            runner = self.runner
            if runner.finished:
                return
            if runner.break_ is not None:
                self.said(runner.end_break())
            elif runner.flooding:
                self.said(runner.decline_break())
            elif runner.turn is not None:
                self.speak_listen_check()
            else:
                value = default_value(runner.step)
                self.said(runner.skip() if value is SKIP else runner.submit(value))

    @rule(more=st.booleans())
    def speak_listen_check(self, more: bool = False) -> None:
        """One whole exchange of a turns step, said aloud and heard; where the step asks
        "is there more?", the speaker goes on (``more``) or the floor passes."""
        if self.runner.turn is not None:
            for move in (self.runner.turn_done_speaking, lambda: self.runner.turn_mirrored(None),
                         lambda: self.runner.turn_heard(True)):
                self.said(move())
            if self.runner.turn is not None and self.runner.turn.phase == "more":
                self.said(self.runner.turn_more(more))

    @rule()
    def back(self) -> None:
        self.said(self.runner.back())

    @rule()
    def skip(self) -> None:
        self.said(self.runner.skip())

    @rule(by=st.sampled_from([0, 1, None]), minutes=st.sampled_from([5, 20, 45, 24 * 60 + 1]),
          offered=st.booleans())
    def call_break(self, by: int | None, minutes: int, offered: bool) -> None:
        self.said(self.runner.call_break(by, minutes * 60, why="offered" if offered else "called"))

    @rule(minutes=st.sampled_from([5, 60, 30 * 60]))
    def extend_break(self, minutes: int) -> None:
        self.said(self.runner.extend_break(minutes * 60))

    @rule()
    def end_break(self) -> None:
        self.said(self.runner.end_break())

    @rule()
    def decline_offer(self) -> None:
        self.said(self.runner.decline_break())

    @rule(seconds=st.sampled_from([60, 300]))
    def more_time(self, seconds: int) -> None:
        self.said(self.runner.extend_timer(seconds))

    @rule()
    def pause_or_resume(self) -> None:
        self.said(self.runner.resume() if self.runner.paused else self.runner.pause())

    @rule()
    def done_speaking(self) -> None:
        self.said(self.runner.turn_done_speaking())

    @rule(text=st.one_of(st.none(), TEXT))
    def mirror(self, text: str | None) -> None:
        self.said(self.runner.turn_mirrored(text))

    @rule(yes=st.booleans())
    def heard(self, yes: bool) -> None:
        self.said(self.runner.turn_heard(yes))

    @rule(yes=st.booleans())
    def more(self, yes: bool) -> None:
        self.said(self.runner.turn_more(yes))

    @rule(first=st.sampled_from(["Robin", "Kai", "  ", "robin"]), second=st.sampled_from(["Kai", "Sam"]))
    def give_names(self, first: str, second: str) -> None:
        self.said(self.runner.name_partners(first, second))

    @rule(text=TEXT)
    def type_a_draft(self, text: str) -> None:
        self.said(self.runner.keep_draft(text))

    @rule(seconds=st.sampled_from([0.5, 3, 61, 1300]))
    def time_passes(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.runner.tick()

    # ----- what must always hold ----------------------------------------------------------------

    @invariant()
    def restored_from_its_snapshot_is_the_same(self) -> None:
        live = self.runner.snapshot()
        again = Runner.restore(self.flow, json.loads(json.dumps(live)), self.clock)
        assert again.snapshot() == live

    @invariant()
    def restored_from_the_store_is_the_same(self) -> None:
        with self.store.read() as conn:
            snapshot, outcome = conn.execute(
                "SELECT snapshot, outcome FROM sessions WHERE id = ?", (self.session_id,)
            ).fetchone()
        if self.runner.finished:
            assert outcome == "completed" and snapshot is None
            return
        from gentle.store.sessions import load_resume

        point = load_resume(self.store, self.session_id)
        then = FakeClock(point.snapshot["at"])
        self.runner.clock = then
        try:
            live_then = json.loads(json.dumps(self.runner.snapshot()))
        finally:
            self.runner.clock = self.clock
        assert point.snapshot == live_then, "a change was made that no event recorded"
        again = Runner.restore(point.flow, point.snapshot, then)
        assert again.snapshot() == live_then


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_the_runner_never_raises_and_the_store_always_holds_the_live_state(flow_id: str) -> None:
    machine = type(f"Runner_{flow_id.replace('-', '_')}", (RunnerMachine,), {"flow_id": flow_id})
    budget(flow_id)(machine).TestCase("runTest").runTest()
    # The runs must get through the flow, or they prove little about its later steps.
    flow = CATALOGUE.load(flow_id)
    reached = REACHED.get(flow_id, set())
    assert "finished" in reached, f"no run finished {flow_id}"
    missed = [s.id for s in flow.steps if s.id not in reached]
    assert len(missed) <= len(flow.steps) // 3, f"runs never reached {missed}"
