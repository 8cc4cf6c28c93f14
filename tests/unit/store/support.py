"""Flows and helpers shared by the store tests (built from the models, not YAML)."""

from __future__ import annotations

from typing import Any, Sequence

from gentle.engine.clock import FakeClock
from gentle.engine.runner import Runner
from gentle.flows.model import (
    BreatheStep,
    Flow,
    Phase,
    RateStep,
    Route,
    SayStep,
    TimerStep,
    WriteStep,
)
from gentle.store.db import Store
from gentle.store.recorder import Recorder
from gentle.store.sessions import start_session

HOSTILE = "[/] [@click=app.quit] \x1b[2J\x1b]0;owned\x07 *bold* <b>x</b> \x9b31m end"


def calm_flow(flow_id: str = "calm-down", threshold: int = 7) -> Flow:
    """Rate, write, a 20-minute break, breathe, rate again: every kind the store treats
    specially."""
    return Flow(
        id=flow_id,
        title="Calm down together",
        summary="A short test flow.",
        distress_threshold=threshold,
        steps=(
            RateStep(id="before", ask="How upset are you?", measures="distress"),
            WriteStep(id="feel", ask="How do you feel?"),
            TimerStep(id="cool", seconds=1200, is_break=True, text="Take a real break."),
            BreatheStep(id="breathe", phases=(Phase("in", 4), Phase("out", 6)), cycles=3),
            RateStep(id="after", ask="And now?", measures="distress"),
            SayStep(id="bye", text="Well done."),
        ),
    )


def looping_flow() -> Flow:
    """Rate and write for ever: the kill -9 child never runs out of steps."""
    return Flow(
        id="loop",
        title="Round and round",
        summary="Loops for ever.",
        steps=(
            RateStep(id="rate", ask="How upset?", measures="distress"),
            WriteStep(id="write", ask="Say something", next=(Route(go="rate"),)),
        ),
    )


def run_session(
    store: Store,
    flow: Flow,
    partners: Sequence[str] = ("Sam", "Alex"),
    clock: FakeClock | None = None,
) -> tuple[str, Runner, Recorder, FakeClock]:
    """Start a session recorded exactly as the TUI does: Runner(on_event=Recorder)."""
    clock = clock or FakeClock()
    session_id = start_session(store, flow, partners, started_at=clock.now())
    recorder = Recorder(store, session_id)
    runner = Runner(flow, tuple(partners), clock, recorder)
    recorder.follow(runner)
    return session_id, runner, recorder, clock


def answers_in_db(store: Store, session_id: str, counting: bool = True) -> list[tuple[Any, ...]]:
    where = " AND withdrawn_at IS NULL" if counting else ""
    return store.conn.execute(
        f"SELECT step_id, partner, value FROM answers WHERE session_id = ?{where} ORDER BY id",
        (session_id,),
    ).fetchall()
