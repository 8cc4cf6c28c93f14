"""The Runner: a state machine that takes a couple through a flow, one step at a time.

It never waits or sleeps: time comes from the injected clock, and the TUI (or a walk)
calls ``submit`` and friends. Every change is reported to ``on_event`` as it happens,
so the store can commit each answer the moment it is given. No textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from gentle.flows.model import ASKING_KINDS, BreatheStep, Flow, Step, TimerStep, TurnsStep

from gentle.engine import events as ev
from gentle.engine import turns as turn_machine
from gentle.engine.answers import Answer, asking_order, normalize
from gentle.engine.breaks import (
    MAX_BREAK_SECONDS,
    MIN_BREAK_SECONDS,
    BreakState,
    extend_break,
    pause_break,
    resume_break,
    start_break,
)
from gentle.engine.clock import Clock, SystemClock
from gentle.engine.conditions import index_answers
from gentle.engine.countdown import Countdown, Stopwatch
from gentle.engine.pacer import PacerState, cycles_completed, pacer_state
from gentle.engine.routing import flooded, next_step
from gentle.engine.snapshot import SessionState, Visit, decode, encode
from gentle.engine.turns import TurnState

EventListener = Callable[[ev.Event], None]
DEFAULT_PARTNERS = ("Partner A", "Partner B")


class Runner:
    def __init__(
        self,
        flow: Flow,
        partners: Sequence[str] = DEFAULT_PARTNERS,
        clock: Clock | None = None,
        on_event: EventListener | None = None,
        *,
        _state: SessionState | None = None,
    ) -> None:
        if len(partners) != 2:
            raise ValueError("a session has exactly two partners")
        self.flow = flow
        self.partners: tuple[str, str] = (partners[0], partners[1])
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.on_event = on_event
        if _state is not None:
            self._s = _state
            return
        self._s = SessionState(session=Stopwatch.start(self.clock.now()))
        if flow.steps:
            self._enter(flow.steps[0].id)
        else:
            self._finish()

    # ----- reading the state -------------------------------------------------------------

    def now(self) -> float:
        return self.clock.now()

    @property
    def step(self) -> Step | None:
        return None if self._s.step_id is None else self.flow.step(self._s.step_id)

    @property
    def finished(self) -> bool:
        return self._s.finished

    @property
    def position(self) -> tuple[int, int]:
        total = len(self.flow.steps)
        if self._s.step_id is None:
            return (total, total)
        return (self.flow.index_of(self._s.step_id) + 1, total)

    @property
    def elapsed(self) -> float:
        """Seconds of session so far, pauses excluded."""
        return self._s.session.elapsed(self.now())

    @property
    def asking(self) -> int | None:
        step = self.step
        if step is None:
            return None
        order = asking_order(step)
        return order[min(self._s.asking_index, len(order) - 1)]

    @property
    def answers(self) -> tuple[Answer, ...]:
        return tuple(self._s.answers)

    def answer_for(self, step_id: str, partner: int | None) -> Answer | None:
        """The latest answer; a `together` answer counts for either partner."""
        index = index_answers(self._s.answers)
        found = index.get((step_id, partner))
        return found if found is not None or partner is None else index.get((step_id, None))

    @property
    def paused(self) -> bool:
        return self._s.paused

    @property
    def timer(self) -> Countdown | None:
        """The timer step's countdown, or the turns floor while someone is speaking."""
        turn = self._s.turn
        if turn is not None:
            return turn.floor if turn.phase == "speaking" else None
        return self._s.timer

    @property
    def breath(self) -> PacerState | None:
        step = self.step
        if self._s.breath is None or not isinstance(step, BreatheStep):
            return None
        return pacer_state(step, self._s.breath.elapsed(self.now()))

    @property
    def turn(self) -> TurnState | None:
        return self._s.turn

    @property
    def break_(self) -> BreakState | None:
        return self._s.break_

    @property
    def flooding(self) -> bool:
        return self._s.flooding

    # ----- moving through the flow ----------------------------------------------------------

    def submit(self, value: Any = None, *, defaulted: bool = False) -> None:
        """Answer for ``asking`` (or end a say/timer/breathe step); move on when complete.

        say: None. timer: None (ended "finished" if the countdown ran out, else "early") or
        "early". breathe: None. turns: normally driven by turn_*; a whole list of exchanges
        is accepted too (walks). Others: see gentle.engine.answers.normalize.
        """
        step = self._current("submit")
        now = self.now()
        if isinstance(step, TimerStep):
            if value not in (None, "early"):
                raise ValueError(f"step {step.id!r}: a timer is ended with None or 'early'")
            self._end_timer(step, "early" if value == "early" else None, now, skipped=False)
            return
        if isinstance(step, BreatheStep):
            if value is not None:
                raise ValueError(f"step {step.id!r}: a breathing step is ended with None")
            assert self._s.breath is not None
            seconds = self._s.breath.elapsed(now)
            result = {"seconds": round(seconds, 3), "cycles": cycles_completed(step, seconds)}
            self._record(step.id, None, result, now, defaulted)
            self._leave(step, complete=True)
            return
        if isinstance(step, TurnsStep):
            exchanges = turn_machine.normalize_exchanges(step, value)
            self._record(step.id, None, exchanges, now, defaulted)
            self._leave(step, complete=True)
            return
        partner = self.asking
        value = normalize(step, value, self.partners, partner)
        # Move on to the next partner before recording, so the snapshot saved with this
        # answer already asks the right person if the process dies right after it.
        self._s.asking_index += 1
        self._record(step.id, partner, value, now, defaulted)
        if self._s.asking_index >= len(asking_order(step)):
            self._leave(step, complete=True)

    def skip(self) -> None:
        """Move on without (the rest of) an answer; routing still decides where to."""
        step = self._current("skip")
        now = self.now()
        if isinstance(step, TimerStep):
            self._end_timer(step, "skipped", now, skipped=True)
            return
        self._emit(ev.StepSkipped(step.id, now))
        self._leave(step, complete=False)

    def back(self) -> bool:
        """Undo one answer: the previous partner in this step, else the previously visited
        step (its last answer is withdrawn and asked again). False when there is nothing
        to go back to."""
        if self._s.finished:
            return False
        self._current("go back")
        s = self._s
        if s.asking_index > 0 and len(s.answers) > s.mark:
            s.asking_index -= 1
            self._withdraw_last()
            s.flooding = False
            return True
        if not s.history:
            return False
        visit = s.history.pop()
        given = len(s.answers) - visit.mark
        if visit.complete and given > 0:
            self._withdraw_last()
            given -= 1
        s.flooding = False
        self._enter(visit.step_id, push=False, mark=visit.mark)
        previous = self.flow.step(visit.step_id)
        s.asking_index = min(given, len(asking_order(previous)) - 1)
        return True

    def go_to(self, step_id: str) -> None:
        """Jump to any step (the demo's navigator); back() returns from the jump."""
        self.flow.step(step_id)  # KeyError for an unknown id
        if self._s.break_ is not None:
            raise RuntimeError("a break is running; end_break() first")
        if self._s.finished:
            self._s.finished = False
            if not self._s.paused:
                self._s.session = self._s.session.resume(self.now())
            self._enter(step_id, push=False)
            return
        self._enter(step_id)

    # ----- timers, pause, breathing ------------------------------------------------------------

    def pause(self) -> None:
        if self._s.paused:
            return
        now = self.now()
        self._s.paused = True
        self._s.session = self._s.session.pause(now)
        if self._s.break_ is None:
            self._s.freeze(now)
        else:
            self._s.break_ = pause_break(self._s.break_, now)
        self._emit(ev.Paused(now))

    def resume(self) -> None:
        if not self._s.paused:
            return
        now = self.now()
        self._s.paused = False
        if not self._s.finished:
            self._s.session = self._s.session.resume(now)
        if self._s.break_ is None:
            self._s.thaw(now)
        else:
            self._s.break_ = resume_break(self._s.break_, now)
        self._emit(ev.Resumed(now))

    def extend_timer(self, seconds: float) -> None:
        now = self.now()
        turn = self._s.turn
        if turn is not None and turn.phase == "speaking":
            self._s.turn = replace(turn, floor=turn.floor.extend(seconds, now))
        elif self._s.timer is not None:
            self._s.timer = self._s.timer.extend(seconds, now)
        else:
            raise RuntimeError("there is no timer running to extend")

    # ----- turns ------------------------------------------------------------------------------

    def turn_done_speaking(self) -> None:
        step, turn = self._turns()
        self._s.turn = turn_machine.done_speaking(turn, self.now())

    def turn_mirrored(self, text: str | None) -> None:
        step, turn = self._turns()
        self._s.turn = turn_machine.mirrored(turn, text)

    def turn_heard(self, yes: bool) -> None:
        step, turn = self._turns()
        now = self.now()
        after = turn_machine.heard(turn, yes, now, step.floor_seconds, frozen=self._s.frozen)
        self._s.turn = after
        if len(after.exchanges) > len(turn.exchanges):
            self._emit(ev.TurnTaken(step.id, dict(after.exchanges[-1]), now))
        if after.done:
            self._record(step.id, None, [dict(e) for e in after.exchanges], now, False)
            self._leave(step, complete=True)

    # ----- breaks and flooding ----------------------------------------------------------------

    def call_break(
        self,
        by: int | None,
        seconds: float,
        *,
        minimum: float = MIN_BREAK_SECONDS,
        maximum: float = MAX_BREAK_SECONDS,
    ) -> BreakState:
        """Start a cool-down break now; the step waits, frozen, until end_break()."""
        if self._s.finished:
            raise RuntimeError("the flow has finished")
        if self._s.break_ is not None:
            raise RuntimeError("a break is already running")
        now = self.now()
        brk = start_break(by, seconds, now, self._s.step_id, minimum, maximum)
        if not self._s.paused:
            self._s.freeze(now)
        self._s.break_ = brk
        self._s.flooding = False
        assert brk.deadline is not None
        self._emit(ev.BreakStarted(by, brk.countdown.total, brk.deadline, now, self._s.step_id))
        return brk

    def extend_break(self, seconds: float, *, maximum: float = MAX_BREAK_SECONDS) -> None:
        if self._s.break_ is None:
            raise RuntimeError("there is no break to extend")
        self._s.break_ = extend_break(self._s.break_, seconds, self.now(), maximum)

    def end_break(self) -> None:
        """Come back from the break, exactly where the couple left off."""
        brk = self._s.break_
        if brk is None:
            raise RuntimeError("there is no break to end")
        now = self.now()
        how = "finished" if brk.finished(now) else "early"
        self._s.break_ = None
        if not self._s.paused:
            self._s.thaw(now)
        self._emit(ev.BreakEnded(brk.countdown.elapsed(now), how, now))

    def tick(self) -> bool:
        """Call from a repaint timer: ends a break whose time is up. True if it did."""
        brk = self._s.break_
        if brk is not None and brk.finished(self.now()):
            self.end_break()
            return True
        return False

    def decline_break(self) -> None:
        """The couple saw the flooding offer and chose to go on."""
        self._s.flooding = False

    # ----- saving and restoring -----------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        return encode(self._s, now=self.now(), flow_id=self.flow.id, partners=self.partners)

    @classmethod
    def restore(
        cls,
        flow: Flow,
        snapshot: dict[str, Any],
        clock: Clock | None = None,
        on_event: EventListener | None = None,
    ) -> "Runner":
        """Continue a saved session at the exact step. No events are emitted for it."""
        clock = clock if clock is not None else SystemClock()
        state, partners = decode(snapshot, now=clock.now(), flow=flow)
        runner = cls(flow, partners, clock, on_event, _state=state)
        runner._leave_if_already_complete()
        return runner

    # ----- internals ----------------------------------------------------------------------------

    def _emit(self, event: ev.Event) -> None:
        if self.on_event is not None:
            self.on_event(event)

    def _current(self, doing: str) -> Step:
        if self._s.finished or self._s.step_id is None:
            raise RuntimeError(f"cannot {doing}: the flow has finished")
        if self._s.break_ is not None:
            raise RuntimeError(f"cannot {doing} during a break; end_break() first")
        return self.flow.step(self._s.step_id)

    def _turns(self) -> tuple[TurnsStep, TurnState]:
        step = self._current("take turns")
        if not isinstance(step, TurnsStep) or self._s.turn is None:
            raise RuntimeError(f"step {step.id!r} is not a turns step")
        return step, self._s.turn

    def _record(
        self, step_id: str, partner: int | None, value: Any, now: float, defaulted: bool
    ) -> None:
        self._s.answers.append(Answer(step_id, partner, value, now, defaulted))
        self._emit(ev.AnswerGiven(step_id, partner, value, now, defaulted))

    def _leave_if_already_complete(self) -> None:
        """A process killed between a step's last answer and moving on leaves that step
        current though it is complete; move on now (emitting StepEntered) rather than
        ask the same thing twice."""
        s = self._s
        if s.finished or s.step_id is None or s.break_ is not None:
            return
        step = self.flow.step(s.step_id)
        needed = len(asking_order(step)) if step.kind in ASKING_KINDS else 1
        if len(s.answers) - s.mark >= needed:
            self._leave(step, complete=True)

    def _withdraw_last(self) -> None:
        answer = self._s.answers.pop()
        self._emit(ev.AnswerWithdrawn(answer.step_id, answer.partner, self.now()))

    def _enter(self, step_id: str, *, push: bool = True, mark: int | None = None) -> None:
        s = self._s
        if push and s.step_id is not None:
            s.history.append(Visit(s.step_id, s.mark, complete=False))
        step = self.flow.step(step_id)
        now = self.now()
        s.step_id, s.asking_index = step_id, 0
        s.mark = len(s.answers) if mark is None else mark
        s.start_timers(step, now)
        self._emit(ev.StepEntered(step_id, now))
        if isinstance(step, TimerStep) and step.is_break:
            self._emit(ev.BreakStarted(None, step.seconds, now + step.seconds, now, step_id))

    def _end_timer(self, step: TimerStep, how: str | None, now: float, *, skipped: bool) -> None:
        assert self._s.timer is not None
        countdown = self._s.timer
        spent = countdown.elapsed(now)
        if how is None:
            how = "finished" if countdown.finished(now) else "early"
        if not skipped:
            self._record(step.id, None, {"seconds": round(spent, 3), "ended": how}, now, False)
        self._emit(ev.TimerEnded(step.id, spent, how, now))  # type: ignore[arg-type]
        if step.is_break:
            self._emit(ev.BreakEnded(spent, "finished" if how == "finished" else "early", now))
        if skipped:
            self._emit(ev.StepSkipped(step.id, now))
        self._leave(step, complete=not skipped)

    def _leave(self, step: Step, *, complete: bool) -> None:
        """The step is done (or skipped): follow the routes, then check for flooding."""
        s = self._s
        s.history.append(Visit(step.id, s.mark, complete))
        target = next_step(self.flow, step, index_answers(s.answers))
        s.flooding = flooded(self.flow, step, s.answers[s.mark :], target)
        if target is None:
            self._finish()
        else:
            self._enter(target, push=False)

    def _finish(self) -> None:
        s = self._s
        now = self.now()
        s.step_id, s.timer, s.breath, s.turn = None, None, None, None
        s.asking_index, s.mark = 0, len(s.answers)
        s.finished = True
        s.session = s.session.pause(now)
        self._emit(ev.Finished(now))
