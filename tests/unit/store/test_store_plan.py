"""The time-out plan: the latest completed session of the built-in flow, in their words."""

from __future__ import annotations

from gentle.engine.clock import FakeClock
from gentle.engine.runner import Runner
from gentle.flows.catalogue import Catalogue
from gentle.store.plan import latest_plan, length_seconds
from gentle.store.recorder import Recorder, record_walk
from gentle.store.sessions import start_session

NAMES = ("Sam", "Alex")


def make_plan(store, signal: str, length: str, *, finish: bool = True, start: float = 1.7e9) -> str:
    flow = Catalogue().load("time-out-plan")
    sid = start_session(store, flow, NAMES, started_at=start)
    runner = Runner(flow, NAMES, FakeClock(start), Recorder(store, sid))
    for value in (None, list(flow.step("agree").items[:2]), {"text": signal, "blanks": None},
                  {"text": "The bedroom", "blanks": None}, {"text": "Outside", "blanks": None},
                  length, {"text": "Check in first", "blanks": None}):
        assert runner.submit(value), value
    if finish:
        assert runner.submit(None) and runner.finished
    return sid


def test_lengths_in_words_become_seconds() -> None:
    assert length_seconds("20 minutes") == 1200.0
    assert length_seconds("1 hour") == 3600.0
    assert length_seconds("Until tomorrow (24 hours at most)") == 86400.0
    assert length_seconds("when we're ready") is None and length_seconds(None) is None


def test_no_store_or_no_plan_is_no_plan(store) -> None:
    assert latest_plan(None) is None
    assert latest_plan(store) is None


def test_the_latest_finished_plan_is_the_plan_and_a_half_made_one_or_a_rehearsal_is_not(store) -> None:
    make_plan(store, "Pause", "30 minutes", start=1.7e9)
    make_plan(store, "Half made", "2 hours", finish=False, start=1.7e9 + 500)
    flow = Catalogue().load("time-out-plan")
    record_walk(store, flow, {"signal": "Rehearsed"}, NAMES)
    plan = latest_plan(store)
    assert plan is not None
    assert (plan.signal, plan.places, plan.length, plan.seconds) == ("Pause", ("The bedroom", "Outside"), "30 minutes", 1800.0)
    assert plan.partners == NAMES and plan.coming_back == "Check in first" and len(plan.agreed) == 2
    make_plan(store, "Time out [b]now[/b]", "1 hour", start=1.7e9 + 1000)
    newer = latest_plan(store)
    assert newer is not None and newer.signal == "Time out [b]now[/b]" and newer.seconds == 3600.0
