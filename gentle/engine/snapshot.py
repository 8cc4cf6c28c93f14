"""Everything a Runner needs to continue a session, and its JSON-able form.

What survives a restart, and how:

* the current step, who is being asked, the history used by back(), every answer;
* countdowns (timer steps, the turns floor, a called break) keep their wall-clock
  deadline: the time runs on while the app is closed, so closing mid-break and
  reopening 5 minutes later leaves 5 minutes less;
* stopwatches (the breathing pacer, the session's elapsed time) count only time spent
  in the app: they continue from the value they had when the snapshot was taken;
* drafts (words not yet given, and answers taken back with Back), the breaks taken and
  when each step was last entered (for ``break_taken`` conditions).

The recorder saves a snapshot with every event, and every change a couple would notice
is an event, so the snapshot in the store is always the live state
(tests/unit/engine/test_engine_stateful.py checks this at every step).
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

from gentle.engine import turns
from gentle.engine.answers import Answer
from gentle.engine.breaks import BreakState
from gentle.engine.countdown import Countdown, Stopwatch
from gentle.engine.turns import TurnState
from gentle.flows.kinds import kind_of
from gentle.flows.model import Flow, Step
from gentle.records import record

SNAPSHOT_VERSION = 2
READABLE_VERSIONS = (1, 2)


@record
class Visit:
    """A step the couple left, for back(): where its answers start in the answer list,
    and whether it was completed (rather than skipped or jumped away from)."""

    step_id: str
    mark: int
    complete: bool


@record(frozen=False)
class SessionState:
    """The runner's mutable state, kept in one place so it can be saved whole."""

    session: Stopwatch
    step_id: str | None = None
    asking_index: int = 0
    mark: int = 0  # len(answers) when the current step was entered
    history: list[Visit] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    timer: Countdown | None = None
    breath: Stopwatch | None = None
    turn: TurnState | None = None
    paused: bool = False
    break_: BreakState | None = None
    flooding: bool = False  # a break is on offer (``offer_step``'s ratings called for it)
    offer_step: str | None = None
    finished: bool = False
    # A counter that goes up when a step is entered or a break begins: conditions ask
    # whether a break began since a step was entered (``break_taken``).
    ticks: int = 0
    entered: dict[str, int] = field(default_factory=dict)
    breaks: list[int] = field(default_factory=list)  # the tick at which each break began
    # Words not yet given, per (step id, partner): typed, or taken back with Back.
    drafts: dict[tuple[str, int | None], Any] = field(default_factory=dict)
    # config.yaml's distress_threshold when the session began (None: not set).
    default_threshold: int | None = None

    @property
    def frozen(self) -> bool:
        """The step's timers stand still while paused or during a break."""
        return self.paused or self.break_ is not None

    def start_timers(self, step: Step, now: float, first: int | None = None) -> None:
        """A fresh countdown / stopwatch / turn (``first`` has the floor) for the step
        being entered."""
        clock = kind_of(step).clock
        self.timer = Countdown.start(step.seconds, now) if clock == "countdown" else None  # type: ignore[attr-defined]
        self.breath = Stopwatch.start(now) if clock == "stopwatch" else None
        self.turn = turns.start(step, now, first) if clock == "turns" else None  # type: ignore[arg-type]
        if self.frozen:
            self.freeze(now)

    def freeze(self, now: float) -> None:
        self.timer = self.timer.pause(now) if self.timer else None
        self.breath = self.breath.pause(now) if self.breath else None
        self.turn = turns.pause(self.turn, now) if self.turn else None

    def thaw(self, now: float) -> None:
        self.timer = self.timer.resume(now) if self.timer else None
        self.breath = self.breath.resume(now) if self.breath else None
        self.turn = turns.resume(self.turn, now) if self.turn else None


def _watch_out(watch: Stopwatch | None, now: float) -> dict[str, Any] | None:
    if watch is None:
        return None
    return {"elapsed": watch.elapsed(now), "running": watch.running}


def _watch_in(data: dict[str, Any] | None, now: float) -> Stopwatch | None:
    if data is None:
        return None
    watch = Stopwatch.stopped_at(float(data["elapsed"]))
    return watch.resume(now) if data.get("running") else watch


def encode(
    state: SessionState, *, now: float, flow_id: str, partners: tuple[str, str]
) -> dict[str, Any]:
    return {
        "version": SNAPSHOT_VERSION,
        "flow_id": flow_id,
        "partners": list(partners),
        "at": now,
        "step_id": state.step_id,
        "asking_index": state.asking_index,
        "mark": state.mark,
        "history": [
            {"step_id": v.step_id, "mark": v.mark, "complete": v.complete} for v in state.history
        ],
        "answers": [a.to_dict() for a in state.answers],
        "timer": None if state.timer is None else state.timer.to_dict(),
        "breath": _watch_out(state.breath, now),
        "turn": None if state.turn is None else state.turn.to_dict(),
        "session": _watch_out(state.session, now),
        "paused": state.paused,
        "break": None if state.break_ is None else state.break_.to_dict(),
        "flooding": state.flooding,
        "offer_step": state.offer_step,
        "finished": state.finished,
        "ticks": state.ticks,
        "entered": dict(state.entered),
        "breaks": list(state.breaks),
        "drafts": [
            {"step_id": step_id, "partner": partner, "value": value}
            for (step_id, partner), value in state.drafts.items()
        ],
        "default_threshold": state.default_threshold,
    }


def decode(
    data: dict[str, Any], *, now: float, flow: Flow
) -> tuple[SessionState, tuple[str, str]]:
    """Rebuild the state saved by :func:`encode` for ``flow``; ValueError when it cannot
    be read or does not fit the flow (another flow, or steps that are gone)."""
    if not isinstance(data, dict):
        raise ValueError("a snapshot must be a mapping")
    if data.get("flow_id") != flow.id:
        raise ValueError(f"this snapshot is of flow {data.get('flow_id')!r}, not {flow.id!r}")
    version = data.get("version")
    if version not in READABLE_VERSIONS:
        raise ValueError(f"this snapshot has version {version!r}; gentle reads {SNAPSHOT_VERSION}")
    try:
        partners = tuple(str(p) for p in data["partners"])
        if len(partners) != 2:
            raise ValueError("a snapshot names exactly two partners")
        session = _watch_in(data["session"], now)
        assert session is not None
        state = SessionState(
            session=session,
            step_id=data["step_id"],
            asking_index=int(data["asking_index"]),
            mark=int(data["mark"]),
            history=[
                Visit(str(v["step_id"]), int(v["mark"]), bool(v["complete"]))
                for v in data["history"]
            ],
            answers=[Answer.from_dict(a) for a in data["answers"]],
            timer=None if data["timer"] is None else Countdown.from_dict(data["timer"]),
            breath=_watch_in(data["breath"], now),
            turn=None if data["turn"] is None else TurnState.from_dict(data["turn"]),
            paused=bool(data["paused"]),
            break_=None if data["break"] is None else BreakState.from_dict(data["break"]),
            flooding=bool(data["flooding"]),
            finished=bool(data["finished"]),
            offer_step=_text(data.get("offer_step")),
            # Version 1 had none of these: no drafts, no breaks to remember.
            ticks=int(data.get("ticks", 0)),
            entered={str(k): int(v) for k, v in dict(data.get("entered", {})).items()},
            breaks=[int(t) for t in data.get("breaks", [])],
            drafts={
                (str(d["step_id"]), _partner(d.get("partner"))): d.get("value")
                for d in data.get("drafts", [])
            },
            default_threshold=_threshold(data.get("default_threshold")),
        )
    except (KeyError, TypeError, AssertionError) as error:
        raise ValueError(f"this snapshot is incomplete or damaged ({error!r})") from error
    ids = {step.id for step in flow.steps}
    for step_id in [state.step_id, *(v.step_id for v in state.history)]:
        if step_id is not None and step_id not in ids:
            raise ValueError(f"the flow no longer has the step {step_id!r}")
    return state, (partners[0], partners[1])


def _partner(value: Any) -> int | None:
    if value not in (0, 1, None) or isinstance(value, bool):
        raise ValueError(f"a draft belongs to partner 0, 1 or both, not {value!r}")
    return value


def _threshold(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"a threshold is a whole number, not {value!r}")
    return value


def _text(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"expected a step id, not {value!r}")
    return value
