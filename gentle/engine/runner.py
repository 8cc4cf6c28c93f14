"""The Runner: a state machine that takes a couple through a flow, one step at a time.

It never waits or sleeps: time comes from the injected clock, and the TUI (or a walk)
calls ``submit`` and friends. Each of those returns a :class:`~gentle.engine.verdict.Verdict`
and never raises: an intent that does not fit the moment (a second Enter, a key during
a break) is refused quietly. Every change is reported to ``on_event`` as it happens,
so the store can commit it (and the resume snapshot) the moment it is made. The break
and the turns of a turns step are in runner_moments.py. No textual here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from gentle.flows.kinds import Refused, kind_of
from gentle.flows.model import Flow, Step

from gentle.engine import events as ev
from gentle.engine.answers import Answer, accept, asking_order, proposed_answer
from gentle.engine.breaks import required_break_holds
from gentle.engine.clock import Clock, SystemClock
from gentle.engine.conditions import Evidence, index_answers
from gentle.engine.countdown import Countdown
from gentle.engine.offers import break_offered, threshold_for
from gentle.engine.pacer import PacerState, cycles_completed, pacer_state
from gentle.engine.routing import choose_route
from gentle.engine.runner_moments import BreakMoves, TurnMoves
from gentle.engine.shown import Shown, answer_words, shown_for
from gentle.engine.snapshot import SessionState, Visit, decode, encode
from gentle.engine.verdict import OK, Verdict, refused

EventListener = Callable[[ev.Event], None]
DEFAULT_PARTNERS = ("Partner A", "Partner B")


class Runner(BreakMoves, TurnMoves):
    def __init__(
        self,
        flow: Flow,
        partners: Sequence[str] = DEFAULT_PARTNERS,
        clock: Clock | None = None,
        on_event: EventListener | None = None,
        *,
        default_threshold: int | None = None,
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
        from gentle.engine.countdown import Stopwatch

        self._s = SessionState(session=Stopwatch.start(self.clock.now()),
                               default_threshold=default_threshold)
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

    def draft_for(self, step_id: str, partner: int | None) -> Any:
        """Words (or a pick) not yet given at that step: typed, or taken back with Back."""
        return self._s.drafts.get((step_id, partner))

    def proposal(self, partner: int | None) -> Any:
        """What Enter offers at the current step before anything is typed there."""
        return proposed_answer(self.flow, self._s.answers, self.step, partner)

    @property
    def shown(self) -> tuple[Shown, ...]:
        """Earlier words the current step shows (its `show:`), for whoever is asked now."""
        return shown_for(self.flow, self.step, self.answer_for, self.asking)

    def answer_words(self, ref: str, who: str | None = None, *, asking: int | None = None,
                     speaker: int | None = None, listener: int | None = None) -> str:
        """What ``{answer:REF:WHO}`` in the current step's text shows (engine/shown.py)."""
        step = self.step
        return answer_words(self.flow, step.id if step else None, ref, who, self.answer_for,
                            self.partners, asking, speaker, listener)

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
        if self._s.breath is None or step is None or kind_of(step).clock != "stopwatch":
            return None
        return pacer_state(step, self._s.breath.elapsed(self.now()))  # type: ignore[arg-type]

    @property
    def default_threshold(self) -> int | None:
        return self._s.default_threshold

    def evidence(self) -> Evidence:
        """What routing conditions look at now."""
        s = self._s
        return Evidence(index_answers(s.answers), dict(s.entered), tuple(s.breaks))

    # ----- moving through the flow ----------------------------------------------------------

    def submit(self, value: Any = None, *, defaulted: bool = False) -> Verdict:
        """Answer for ``asking`` (or end a say/timer/breathe step); move on when complete.

        say: None. timer: None (ended "finished" if the countdown ran out, else "early") or
        "early". breathe: None. turns: normally driven by turn_*; a whole list of exchanges
        is accepted too (walks). Others: what the kind accepts (gentle.flows.kinds).
        """
        step, why = self._current("answer")
        if step is None:
            return refused(why)
        now = self.now()
        clock = kind_of(step).clock
        if clock == "countdown":
            if value not in (None, "early"):
                return refused("a timer is ended with None or 'early'")
            held = required_break_holds(step, self._s.timer, now)
            if held:
                return refused(held)
            self._end_timer(step, "early" if value == "early" else None, now, skipped=False)
            return OK
        if clock == "stopwatch":
            if value is not None:
                return refused("a breathing step is ended with None")
            assert self._s.breath is not None
            seconds = self._s.breath.elapsed(now)
            result = {"seconds": round(seconds, 3), "cycles": cycles_completed(step, seconds)}  # type: ignore[arg-type]
            self._record(step.id, None, result, now, defaulted)
            self._leave(step, complete=True)
            return OK
        partner = self.asking if clock is None else None
        try:
            value = accept(step, value, self.partners, partner)
        except Refused as error:
            return refused(str(error))
        # Move on to the next partner before recording, so the snapshot saved with this
        # answer already asks the right person if the process dies right after it.
        self._s.asking_index += 1
        self._record(step.id, partner, value, now, defaulted)
        if clock is not None or self._s.asking_index >= len(asking_order(step)):
            self._leave(step, complete=True)
        return OK

    def skip(self) -> Verdict:
        """Move on without (the rest of) an answer; routing still decides where to."""
        step, why = self._current("skip")
        if step is None:
            return refused(why)
        now = self.now()
        if kind_of(step).clock == "countdown":
            held = required_break_holds(step, self._s.timer, now)
            if held:
                return refused(held)
            self._end_timer(step, "skipped", now, skipped=True)
            return OK
        self._emit(ev.StepSkipped(step.id, now))
        self._leave(step, complete=False)
        return OK

    def back(self) -> Verdict:
        """Undo one move: within a turns step, one move of the exchange; else the previous
        partner in this step, else the previously visited step (its last answer is taken
        back and asked again, its words kept as a draft)."""
        step, why = self._current("go back")
        if step is None:
            return refused(why)
        s = self._s
        held = required_break_holds(step, s.timer, self.now())
        if held:
            return refused(held)
        if s.turn is not None:
            moved = self._turn_back(step)
            if moved is not None:
                return moved
        if s.asking_index > 0 and len(s.answers) > s.mark:
            s.asking_index -= 1
            s.flooding, s.offer_step = False, None
            self._withdraw_last()
            return OK
        if not s.history:
            return refused("This is the first step.")
        visit = s.history.pop()
        given = len(s.answers) - visit.mark
        s.flooding, s.offer_step = False, None
        withdrawn = None
        if visit.complete and given > 0:
            withdrawn = self._withdraw_last(emit=False)  # reported once the state is whole
            given -= 1
        previous = self.flow.step(visit.step_id)
        self._enter(visit.step_id, push=False, mark=visit.mark,
                    asking=min(given, len(asking_order(previous)) - 1), withdrawn=withdrawn)
        return OK

    def go_to(self, step_id: str) -> Verdict:
        """Jump to any step (the demo's navigator); back() returns from the jump."""
        try:
            self.flow.step(step_id)
        except KeyError:
            return refused(f"this flow has no step {step_id!r}")
        if self._s.break_ is not None:
            return refused("a break is running")
        if self._s.finished:
            self._s.finished = False
            if not self._s.paused:
                self._s.session = self._s.session.resume(self.now())
            self._enter(step_id, push=False)
            return OK
        self._enter(step_id)
        return OK

    def keep_draft(self, value: Any, *, partner: int | None | str = "asking") -> Verdict:
        """Keep words not yet given (None or empty: nothing kept). ``partner`` defaults to
        whoever is asked now; the mirror of a turns step belongs to the listener."""
        step, why = self._current("keep a draft")
        if step is None:
            return refused(why)
        who = self.asking if partner == "asking" else partner
        key = (step.id, who)
        if value in ("", {}, None) or (isinstance(value, dict) and not any(value.values())):
            value = None
        if self._s.drafts.get(key) == value:
            return OK
        if value is None:
            self._s.drafts.pop(key, None)
        else:
            self._s.drafts[key] = value
        self._emit(ev.DraftKept(step.id, who, value, self.now()))  # type: ignore[arg-type]
        return OK

    def name_partners(self, first: str, second: str) -> Verdict:
        """Use these names from now on (given or changed during the session)."""
        names = (first.strip(), second.strip())
        if not all(names):
            return refused("each partner needs a name")
        if names[0].casefold() == names[1].casefold():
            return refused("the two partners need different names")
        if names == self.partners:
            return refused("those are the names already")
        self.partners = names
        self._emit(ev.PartnersNamed(names[0], names[1], self.now()))
        return OK

    # ----- timers, pause, breathing ------------------------------------------------------------

    def pause(self) -> Verdict:
        if self._s.paused:
            return refused("already paused")
        now = self.now()
        self._s.paused = True
        self._s.session = self._s.session.pause(now)
        if self._s.break_ is None:
            self._s.freeze(now)
        else:
            self._pause_break(now)
        self._emit(ev.Paused(now))
        return OK

    def resume(self) -> Verdict:
        if not self._s.paused:
            return refused("not paused")
        now = self.now()
        self._s.paused = False
        if not self._s.finished:
            self._s.session = self._s.session.resume(now)
        if self._s.break_ is None:
            self._s.thaw(now)
        else:
            self._resume_break(now)
        self._emit(ev.Resumed(now))
        return OK

    def extend_timer(self, seconds: float) -> Verdict:
        """More time on the timer step, or on the speaker's floor."""
        step, why = self._current("add time")
        if step is None:
            return refused(why)
        now = self.now()
        turn = self._s.turn
        if turn is not None and turn.phase == "speaking":
            from dataclasses import replace

            self._s.turn = replace(turn, floor=turn.floor.extend(seconds, now))
            left = self._s.turn.floor.remaining(now)
        elif self._s.timer is not None:
            self._s.timer = self._s.timer.extend(seconds, now)
            left = self._s.timer.remaining(now)
        else:
            return refused("there is no timer running to add time to")
        self._emit(ev.TimerExtended(step.id, float(seconds), left, now))
        return OK

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
        """Continue a saved session at its resume point (:meth:`_resume_point`)."""
        clock = clock if clock is not None else SystemClock()
        state, partners = decode(snapshot, now=clock.now(), flow=flow)
        runner = cls(flow, partners, clock, on_event, _state=state)
        runner._resume_point()
        return runner

    # ----- internals ----------------------------------------------------------------------------

    def _emit(self, event: ev.Event) -> None:
        if self.on_event is not None:
            self.on_event(event)

    def _current(self, doing: str) -> tuple[Step | None, str]:
        """The current step, or None and why nothing can be done now."""
        if self._s.finished or self._s.step_id is None:
            return None, f"can't {doing}: the session has finished"
        if self._s.break_ is not None:
            return None, f"can't {doing} during a break"
        return self.flow.step(self._s.step_id), ""

    def _record(
        self, step_id: str, partner: int | None, value: Any, now: float, defaulted: bool
    ) -> None:
        self._s.answers.append(Answer(step_id, partner, value, now, defaulted))
        self._s.drafts.pop((step_id, partner), None)  # given: no longer a draft
        self._emit(ev.AnswerGiven(step_id, partner, value, now, defaulted))

    def _resume_point(self) -> None:
        """Where a restored session carries on: a process killed between a step's last
        answer and moving on leaves that step current though it is complete; move on now
        (emitting StepEntered) rather than ask the same thing twice."""
        s = self._s
        if s.finished or s.step_id is None or s.break_ is not None:
            return
        step = self.flow.step(s.step_id)
        needed = len(asking_order(step)) if kind_of(step).asks else 1
        if len(s.answers) - s.mark >= needed:
            self._leave(step, complete=True)

    def _withdraw_last(self, *, emit: bool = True) -> Answer:
        """Take back the latest answer; its value stays, as the draft of that question."""
        answer = self._s.answers.pop()
        self._s.drafts[(answer.step_id, answer.partner)] = answer.value
        if emit:
            self._emit(ev.AnswerWithdrawn(answer.step_id, answer.partner, self.now(), answer.value))
        return answer

    def _enter(self, step_id: str, *, push: bool = True, mark: int | None = None,
               asking: int = 0, withdrawn: Answer | None = None) -> None:
        s = self._s
        if push and s.step_id is not None:
            s.history.append(Visit(s.step_id, s.mark, complete=False))
        step = self.flow.step(step_id)
        now = self.now()
        s.step_id, s.asking_index = step_id, asking
        s.mark = len(s.answers) if mark is None else mark
        s.ticks += 1
        s.entered[step_id] = s.ticks
        first = None
        if kind_of(step).clock == "turns":
            from gentle.engine.turns import opening_speaker

            first = opening_speaker(self.flow, step, self.answer_for)
        s.start_timers(step, now, first)
        if withdrawn is not None:
            self._emit(ev.AnswerWithdrawn(withdrawn.step_id, withdrawn.partner, now, withdrawn.value))
        self._emit(ev.StepEntered(step_id, now))
        if kind_of(step).clock == "countdown" and step.is_break:  # type: ignore[attr-defined]
            s.ticks += 1
            s.breaks.append(s.ticks)
            self._emit(ev.BreakStarted(None, step.seconds, now + step.seconds, now, step_id,  # type: ignore[attr-defined]
                                       why="step"))

    def _end_timer(self, step: Step, how: str | None, now: float, *, skipped: bool) -> None:
        assert self._s.timer is not None
        countdown = self._s.timer
        spent = countdown.elapsed(now)
        if how is None:
            how = "finished" if countdown.finished(now) else "early"
        if not skipped:
            self._record(step.id, None, {"seconds": round(spent, 3), "ended": how}, now, False)
        self._emit(ev.TimerEnded(step.id, spent, how, now))  # type: ignore[arg-type]
        if step.is_break:  # type: ignore[attr-defined]
            self._emit(ev.BreakEnded(spent, "finished" if how == "finished" else "early", now))
        if skipped:
            self._emit(ev.StepSkipped(step.id, now))
        self._leave(step, complete=not skipped)

    def _leave(self, step: Step, *, complete: bool) -> None:
        """The step is done (or skipped): follow the routes, and offer a break if the
        answers call for one (engine/offers.py)."""
        s = self._s
        s.history.append(Visit(step.id, s.mark, complete))
        target = choose_route(self.flow, step, self.evidence()).target
        offer = break_offered(self.flow, step, s.answers[s.mark :], target, s.default_threshold)
        s.flooding, s.offer_step = offer, step.id if offer else None
        if target is None:
            self._finish()
            return
        self._enter(target, push=False)
        if offer:
            threshold = threshold_for(step, s.default_threshold, self.flow)
            self._emit(ev.BreakOffered(step.id, int(threshold or 0), self.now()))

    def _finish(self) -> None:
        s = self._s
        now = self.now()
        s.step_id, s.timer, s.breath, s.turn = None, None, None, None
        s.asking_index, s.mark = 0, len(s.answers)
        s.flooding, s.offer_step = False, None
        s.finished = True
        s.session = s.session.pause(now)
        self._emit(ev.Finished(now))
