"""What a session records, driven through the real Runner exactly as the TUI drives it."""

from __future__ import annotations

import pytest

from gentle.engine.runner import Runner
from gentle.store.history import list_sessions, session_detail
from gentle.store.recorder import Recorder, record_walk
from gentle.store.sessions import add_note, load_resume, mark_abandoned, resumable_ids

from .support import HOSTILE, answers_in_db, calm_flow, run_session


def _through_the_break(runner: Runner, clock, seconds: float = 300) -> None:
    clock.advance(seconds)
    runner.submit("early")  # the break timer step, ended early


def test_every_answer_is_committed_as_it_is_given(store) -> None:
    sid, runner, _, clock = run_session(store, calm_flow())
    runner.submit(8)
    assert answers_in_db(store, sid) == [("before", 0, "8")]  # before the partner answers
    runner.submit(6)
    runner.submit(HOSTILE)
    assert answers_in_db(store, sid)[-1][0] == "feel"
    assert list_sessions(store)[0].outcome == "interrupted"


def test_a_finished_session_keeps_everything(store) -> None:
    sid, runner, _, clock = run_session(store, calm_flow())
    runner.submit(9)
    runner.submit(7)
    runner.submit("I feel unheard")
    runner.submit("I feel tired")
    _through_the_break(runner, clock, 600)
    clock.advance(40)
    runner.submit(None)  # breathing done
    add_note(store, sid, "We laughed at the end", "after", at=clock.now())
    runner.submit(3)
    runner.submit(5)
    runner.submit(None)  # the closing say step
    [row] = list_sessions(store)
    assert row.outcome == "completed"
    assert row.distress == ((9, 3), (7, 5))
    assert row.seconds == pytest.approx(640, abs=1)
    detail = session_detail(store, sid)
    assert [s.step_id for s in detail.steps] == ["before", "feel", "cool", "breathe", "after", "bye"]
    feel = detail.steps[1].answers
    assert [(a.partner_name, a.value) for a in feel] == [
        ("Sam", {"text": "I feel unheard", "blanks": None}),
        ("Alex", {"text": "I feel tired", "blanks": None}),
    ]
    breaks = [t for t in detail.timings if t.kind == "break"]
    assert len(breaks) == 1 and breaks[0].seconds == pytest.approx(600)
    assert breaks[0].planned == 1200 and breaks[0].how == "early"
    assert [n.text for n in detail.notes] == ["We laughed at the end"]
    assert detail.flow == calm_flow()  # the flow exactly as it was run
    # Nothing left to resume in a finished session.
    assert sid not in resumable_ids(store)


def test_back_marks_an_answer_withdrawn_without_deleting_it(store) -> None:
    sid, runner, _, _ = run_session(store, calm_flow())
    runner.submit(9)
    assert runner.back()
    runner.submit(4)
    everything = answers_in_db(store, sid, counting=False)
    assert everything == [("before", 0, "9"), ("before", 0, "4")]
    assert answers_in_db(store, sid) == [("before", 0, "4")]
    assert list_sessions(store)[0].distress[0] == (4, None)


def test_who_called_a_break_and_for_how_long(store) -> None:
    sid, runner, _, clock = run_session(store, calm_flow())
    runner.submit(9)
    runner.call_break(by=1, seconds=1200)
    clock.advance(900)
    runner.end_break()
    [brk] = session_detail(store, sid).timings
    assert (brk.called_by, brk.called_by_name, brk.seconds, brk.how) == (1, "Alex", 900, "early")


def test_leaving_on_purpose_reads_as_abandoned(store) -> None:
    sid, runner, _, _ = run_session(store, calm_flow())
    runner.submit(5)
    mark_abandoned(store, sid)
    assert list_sessions(store)[0].outcome == "abandoned"
    assert sid not in resumable_ids(store)


def test_resume_continues_at_the_exact_step(store) -> None:
    flow = calm_flow()
    sid, runner, _, clock = run_session(store, flow)
    runner.submit(8)
    runner.submit(6)
    runner.submit("I feel rushed")
    runner.submit("I feel ignored")
    del runner  # the terminal was closed mid-break
    assert resumable_ids(store) == [sid]
    point = load_resume(store, sid)
    assert point.flow == flow and point.partners == ("Sam", "Alex")
    clock.advance(300)  # reopened five minutes later
    recorder = Recorder(store, sid)
    again = Runner.restore(point.flow, point.snapshot, clock, recorder)
    recorder.follow(again)
    assert again.step.id == "cool"
    assert again.timer.remaining(clock.now()) == pytest.approx(900, abs=1)
    _through_the_break(again, clock, 900)
    clock.advance(30)
    again.submit(None)
    again.submit(2)
    again.submit(3)
    again.submit(None)
    [row] = list_sessions(store)
    assert row.outcome == "completed" and row.distress == ((8, 2), (6, 3))
    assert [a[0] for a in answers_in_db(store, sid)].count("feel") == 2


def test_resume_after_the_first_partner_answered_asks_the_second(store) -> None:
    sid, runner, _, clock = run_session(store, calm_flow())
    runner.submit(8)
    point = load_resume(store, sid)
    again = Runner.restore(point.flow, point.snapshot, clock)
    assert again.asking == 1


def test_a_walk_is_saved_through_the_recorder(store) -> None:
    flow = calm_flow()
    sid, result = record_walk(
        store, flow, {"before": [9, 8], "feel": ["I feel a", "I feel b"], "after": [2, 3]}, ("Sam", "Alex")
    )
    [row] = list_sessions(store)
    assert (row.id, row.source, row.outcome) == (sid, "walk", "completed")
    assert row.distress == ((9, 2), (8, 3))
    kinds = [k for (k,) in store.conn.execute(
        "SELECT kind FROM events WHERE session_id = ? ORDER BY seq", (sid,))]
    assert kinds[0] == "StepEntered" and kinds[-1] == "Finished"
    assert {"BreakStarted", "TimerEnded", "BreakEnded"} <= set(kinds)
    stored = [(s, p) for s, p, _ in answers_in_db(store, sid)]
    assert stored == [(a.step_id, a.partner) for a in result.answers]


def test_the_demo_store_never_touches_the_disk(home) -> None:
    from gentle.store.db import open_memory_store

    demo = open_memory_store()
    sid, runner, _, _ = run_session(demo, calm_flow())
    runner.submit(5)
    assert demo.memory and len(answers_in_db(demo, sid)) == 1
    assert not home.exists()


def test_resume_after_the_last_answer_of_a_step_moves_on_without_asking_again(store) -> None:
    # Killed after the step's last answer was committed but before the next step was entered.
    sid, runner, _, clock = run_session(store, calm_flow())
    runner.submit(8)
    snapshot_before_leaving = None

    def keep_snapshot(event) -> None:
        nonlocal snapshot_before_leaving
        if snapshot_before_leaving is None:
            snapshot_before_leaving = runner.snapshot()

    runner.on_event = keep_snapshot
    runner.submit(6)
    again = Runner.restore(calm_flow(), snapshot_before_leaving, clock)
    assert again.step.id != "before"
    assert [a.partner for a in again.answers if a.step_id == "before"] == [0, 1]


def test_an_extended_break_comes_back_after_a_restart_with_its_later_return_time(store) -> None:
    from gentle.engine.runner import Runner

    sid, runner, _, clock = run_session(store, calm_flow())
    runner.submit(3)
    runner.submit(2)
    assert runner.call_break(0, 20 * 60)
    clock.advance(60)
    assert runner.extend_break(5 * 60)
    deadline = runner.break_.deadline
    del runner  # gentle closed mid-break
    point = load_resume(store, sid)
    again = Runner.restore(point.flow, point.snapshot, clock)
    assert again.break_.deadline == deadline == clock.now() - 60 + 25 * 60
    planned = store.conn.execute(
        "SELECT planned, deadline FROM timings WHERE session_id = ? AND kind = 'break'", (sid,)
    ).fetchone()
    assert planned == (25 * 60, deadline)  # history shows the whole break


def test_a_break_steps_extra_time_is_kept_too(store) -> None:
    from gentle.engine.runner import Runner

    sid, runner, _, clock = run_session(store, calm_flow())
    runner.submit(3)
    runner.submit(2)
    runner.submit("I feel rushed")
    runner.submit("I feel ignored")
    assert runner.step.id == "cool"
    clock.advance(100)
    assert runner.extend_timer(300)
    left = runner.timer.remaining(clock.now())
    point = load_resume(store, sid)
    again = Runner.restore(point.flow, point.snapshot, clock)
    assert again.timer.remaining(clock.now()) == left == 1400
    planned = store.conn.execute(
        "SELECT planned FROM timings WHERE session_id = ? AND kind = 'break'", (sid,)).fetchone()
    assert planned == (1500,)


def test_words_taken_back_with_back_come_back_after_a_restart(store) -> None:
    from gentle.engine.runner import Runner

    sid, runner, _, clock = run_session(store, calm_flow())
    runner.submit(3)
    runner.submit(2)
    runner.submit("I feel rushed")
    assert runner.back()  # Sam's words are taken back, to change them
    assert runner.keep_draft("I feel rushed and")  # half-typed when gentle was closed
    point = load_resume(store, sid)
    again = Runner.restore(point.flow, point.snapshot, clock)
    assert again.step.id == "feel" and again.asking == 0
    assert again.draft_for("feel", 0) == "I feel rushed and"
    assert again.submit("I feel rushed and tired")
    assert again.answer_for("feel", 0).value["text"] == "I feel rushed and tired"
