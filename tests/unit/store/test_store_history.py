"""History and insights: the figures a couple sees, and how fast they appear."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest

from gentle.engine import events as ev
from gentle.store import history, insights
from gentle.store.db import open_store
from gentle.store.errors import AmbiguousSession, SessionNotFound
from gentle.store.recorder import Recorder
from gentle.store.sessions import find_session_id, seed_sessions, start_session

from .support import calm_flow

WEEK = 7 * 86_400


def _session(store, start: float, ratings: list[tuple[int, int]], flow=None, breaks=(),
             finish: bool = True) -> str:  # fmt: skip
    """A session whose distress went (before_a, before_b) -> (after_a, after_b)."""
    flow = flow or calm_flow()
    sid = start_session(store, flow, ("Sam", "Alex"), started_at=start)
    record = Recorder(store, sid)
    t = start
    for step, (a, b) in zip(("before", "after"), ratings):
        record(ev.StepEntered(step, t))
        record(ev.AnswerGiven(step, 0, a, t + 10))
        record(ev.AnswerGiven(step, 1, b, t + 20))
        t += 600
    for who in breaks:
        record(ev.BreakStarted(who, 1200, t + 1200, t))
        record(ev.BreakEnded(1200, "finished", t + 1200))
    if finish:
        record(ev.Finished(t + 30))
    return sid


def test_history_lists_newest_first_with_distress_before_and_after(store) -> None:
    old = _session(store, 1_700_000_000, [(9, 8), (4, 6)])
    new = _session(store, 1_700_100_000, [(7, 5)], finish=False)
    rows = history.list_sessions(store)
    assert [r.id for r in rows] == [new, old]
    assert rows[1].distress == ((9, 4), (8, 6))
    assert rows[0].distress == ((7, None), (5, None))  # rated once: no "after" yet
    assert rows[0].outcome == "interrupted" and rows[1].outcome == "completed"
    assert rows[1].seconds == pytest.approx(1230)
    assert [r.id for r in history.list_sessions(store, limit=1)] == [new]


def test_a_session_is_found_by_a_prefix(store) -> None:
    sid = _session(store, 1_700_000_000, [(5, 5)])
    assert find_session_id(store, sid[:5]) == sid
    assert find_session_id(store, sid.upper()[:8]) == sid
    with pytest.raises(SessionNotFound):
        find_session_id(store, "zz")


def test_an_ambiguous_prefix_asks_for_more(store) -> None:
    for n in range(2):
        start_session(store, calm_flow(), session_id=f"abc{n}" + "0" * 28)
    with pytest.raises(AmbiguousSession):
        find_session_id(store, "abc")


def test_insights_tell_the_story(store) -> None:
    monday = datetime(2024, 1, 1, 12).timestamp()  # a Monday, local time
    _session(store, monday, [(9, 8), (3, 4)], breaks=(0,))  # drop 5
    _session(store, monday + 3600, [(8, 8), (6, 6)], breaks=(0, 1))  # drop 2
    other = calm_flow("other-flow")
    _session(store, monday + 2 * WEEK, [(6, 6), (6, 7)], flow=other)  # drop -0.5
    _session(store, monday + 2 * WEEK + 60, [(5, 5)], flow=other)  # no "after"
    got = insights.compute(store)
    assert got.sessions == 4 and got.completed == 4
    assert got.average_drop == pytest.approx((5.0 + 2.0 - 0.5) / 3) and got.rated == 3
    assert [(w.week_start, w.sessions) for w in got.weeks] == [
        (date(2024, 1, 1), 2), (date(2024, 1, 8), 0), (date(2024, 1, 15), 2),
    ]  # fmt: skip
    first, quiet, third = got.weeks
    assert first.start == (8.5, 8.0) and first.end == (4.5, 5.0) and first.drop == 3.5
    assert quiet.start == (None, None) and quiet.drop is None
    assert third.start == (6.0, 6.0) and third.end == (6.0, 7.0)  # the unrated-after one left out
    assert [(f.flow_id, f.sessions, f.average_drop) for f in got.flows] == [
        ("calm-down", 2, 3.5), ("other-flow", 2, -0.5),
    ]  # fmt: skip
    # Calm: from the first rating at or above 7 to the moment both were below 7.
    assert got.average_calm_seconds == 610 and first.calm_seconds == 610
    assert [(b.name, b.breaks) for b in got.breaks] == [("Sam", 2), ("Alex", 1)]
    assert got.names == ("Sam", "Alex")


def test_rehearsals_stay_out_of_insights(store) -> None:
    sid = _session(store, 1_700_000_000, [(9, 9), (1, 1)])
    store.conn.execute("UPDATE sessions SET source = 'walk' WHERE id = ?", (sid,))
    left_out = insights.compute(store)
    assert left_out.sessions == 0 and left_out.rehearsals == 1 and not left_out.with_rehearsals
    counted = insights.compute(store, rehearsals=True)
    assert counted.sessions == 1 and counted.with_rehearsals and counted.average_drop == 8.0
    assert len(history.list_sessions(store)) == 1


@pytest.mark.slow
def test_history_and_insights_read_ten_thousand_sessions(home) -> None:
    with open_store() as s:
        seed_sessions(s, 10_000)

    # How long they take is measured by scripts/bench, never asserted here.
    with open_store() as s:
        assert history.count_sessions(s) == 10_000
        assert insights.compute(s).sessions == 10_000


# ----- a session only opened --------------------------------------------------------------


def test_a_session_only_opened_is_left_out_of_every_reader_but_forget(store) -> None:
    from gentle.store.export_json import export_data
    from gentle.store.forget import forget
    from gentle.store.sessions import resumable_ids

    kept = _session(store, 1.7e9, [(8, 6), (3, 2)], finish=False)
    opened = start_session(store, calm_flow(), ("Sam", "Alex"), started_at=1.7e9 + 100)
    rec = Recorder(store, opened)
    rec(ev.StepEntered("before", 1.7e9 + 101))
    rec(ev.StepSkipped("before", 1.7e9 + 102))  # moving on is not giving anything
    rec.save_snapshot({"version": 2})
    drafted = start_session(store, calm_flow(), ("Sam", "Alex"), started_at=1.7e9 + 200)
    Recorder(store, drafted)(ev.DraftKept("before", 0, "half a thought", 1.7e9 + 201))

    assert [s.id for s in history.list_sessions(store)] == [drafted, kept]
    assert history.count_sessions(store) == 2
    assert history.history_ids(store) == [kept, drafted]
    assert [s["id"] for s in export_data(store)["sessions"]] == [kept, drafted]
    assert insights.compute(store).sessions == 2
    assert opened not in resumable_ids(store)
    # Still in the file, names and all: forget --all counts it, and erases it.
    assert history.count_sessions(store, only_opened_too=True) == 3
    forget(store, None)
    assert history.count_sessions(store, only_opened_too=True) == 0
