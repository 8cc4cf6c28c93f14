"""Two parts of the Runner that have moments of their own: the break, and turns.

* A break either partner can call at any moment (Gottman's cool-down), or take when
  gentle offers one: the step waits, frozen, and the couple come back exactly there.
  Its return time is a wall-clock deadline, so it survives closing the app; every
  change to it (extended, paused, ended) is an event, so it survives a restart too.
* The floor of a turns step: speaking, saying back what was heard, checking, and (when
  the step asks it) "is there more?". Each move
  is an event (``TurnMoved``, ``TurnTaken``), so a restart carries on mid-exchange.

Mixed into :class:`gentle.engine.runner.Runner`; they use its state (``self._s``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gentle.engine import events as ev
from gentle.engine import turns as turn_machine
from gentle.engine.breaks import (
    MAX_BREAK_SECONDS,
    MIN_BREAK_SECONDS,
    BreakState,
    extend_break,
    pause_break,
    resume_break,
    start_break,
)
from gentle.engine.offers import threshold_for
from gentle.engine.turns import TurnState
from gentle.engine.verdict import OK, Verdict, refused

if TYPE_CHECKING:
    from gentle.engine.snapshot import SessionState


class BreakMoves:
    _s: "SessionState"

    @property
    def break_(self) -> BreakState | None:
        return self._s.break_

    @property
    def flooding(self) -> bool:
        """gentle is offering a break: a distress rating reached its threshold."""
        return self._s.flooding

    @property
    def offered_after(self) -> str | None:
        """The step whose ratings called for the break on offer, if any."""
        return self._s.offer_step if self._s.flooding else None

    @property
    def offer_threshold(self) -> int | None:
        """The threshold of the rating that called for the break on offer, if any."""
        if not self._s.flooding or self._s.offer_step is None:
            return None
        flow = self.flow  # type: ignore[attr-defined]
        return threshold_for(flow.step(self._s.offer_step), self._s.default_threshold, flow)

    def call_break(
        self,
        by: int | None,
        seconds: float,
        *,
        why: str = "called",
        minimum: float = MIN_BREAK_SECONDS,
        maximum: float = MAX_BREAK_SECONDS,
    ) -> Verdict:
        """Start a cool-down break now (``why``: "called", or "offered" when taken from
        gentle's offer); the step waits, frozen, until end_break()."""
        s = self._s
        if s.finished:
            return refused("the session has finished")
        if s.break_ is not None:
            return refused("a break is already running")
        now = self.now()  # type: ignore[attr-defined]
        try:
            brk = start_break(by, seconds, now, s.step_id, minimum, maximum)
        except ValueError as error:
            return refused(str(error))
        if not s.paused:
            s.freeze(now)
        s.break_ = brk
        s.flooding, s.offer_step = False, None
        s.ticks += 1
        s.breaks.append(s.ticks)
        assert brk.deadline is not None
        self._emit(ev.BreakStarted(by, brk.countdown.total, brk.deadline, now, s.step_id,  # type: ignore[attr-defined]
                                   why=why if why in ("called", "offered") else "called"))  # type: ignore[arg-type]
        return OK

    def extend_break(self, seconds: float, *, maximum: float = MAX_BREAK_SECONDS) -> Verdict:
        brk = self._s.break_
        if brk is None:
            return refused("there is no break to extend")
        now = self.now()  # type: ignore[attr-defined]
        try:
            longer = extend_break(brk, seconds, now, maximum)
        except ValueError as error:
            return refused(str(error))
        self._s.break_ = longer
        self._emit(ev.BreakExtended(float(seconds), longer.countdown.total, longer.deadline, now))  # type: ignore[attr-defined]
        return OK

    def end_break(self) -> Verdict:
        """Come back from the break, exactly where the couple left off."""
        s = self._s
        brk = s.break_
        if brk is None:
            return refused("there is no break to end")
        now = self.now()  # type: ignore[attr-defined]
        how = "finished" if brk.finished(now) else "early"
        s.break_ = None
        if not s.paused:
            s.thaw(now)
        self._emit(ev.BreakEnded(brk.countdown.elapsed(now), how, now))  # type: ignore[attr-defined]
        return OK

    def tick(self) -> bool:
        """Call from a repaint timer: ends a break whose time is up. True if it did."""
        brk = self._s.break_
        if brk is not None and brk.finished(self.now()):  # type: ignore[attr-defined]
            return bool(self.end_break())
        return False

    def decline_break(self) -> Verdict:
        """The couple saw gentle's offer and chose to go on."""
        s = self._s
        if not s.flooding:
            return refused("no break is on offer")
        s.flooding, step_id, s.offer_step = False, s.offer_step, None
        self._emit(ev.BreakDeclined(step_id, self.now()))  # type: ignore[attr-defined]
        return OK

    def _pause_break(self, now: float) -> None:
        assert self._s.break_ is not None
        self._s.break_ = pause_break(self._s.break_, now)

    def _resume_break(self, now: float) -> None:
        assert self._s.break_ is not None
        self._s.break_ = resume_break(self._s.break_, now)


class TurnMoves:
    _s: "SessionState"

    @property
    def turn(self) -> TurnState | None:
        return self._s.turn

    def turn_done_speaking(self) -> Verdict:
        return self._move(lambda turn, now: turn_machine.done_speaking(turn, now))

    def turn_mirrored(self, text: str | None) -> Verdict:
        return self._move(lambda turn, now: turn_machine.mirrored(turn, text))

    def turn_heard(self, yes: bool) -> Verdict:
        step, turn, why = self._turns()
        if step is None or turn is None:
            return refused(why)
        now = self.now()  # type: ignore[attr-defined]
        after = turn_machine.heard(turn, yes, now, step.floor_seconds, frozen=self._s.frozen,
                                   more=bool(step.more_question))
        if after is None:
            return refused(f"the speaker is asked only once the listener has said it back "
                           f"(now: {turn.phase})")
        return self._turn_answered(step, turn, after, now)

    def turn_more(self, yes: bool) -> Verdict:
        """The speaker's answer to the step's `more_question:` ("is there more?"): yes,
        they speak again on the same floor; no, the floor passes."""
        step, turn, why = self._turns()
        if step is None or turn is None:
            return refused(why)
        now = self.now()  # type: ignore[attr-defined]
        after = turn_machine.more(turn, yes, now, step.floor_seconds, frozen=self._s.frozen)
        if after is None:
            return refused(f"the speaker is asked if there is more only once they felt heard "
                           f"(now: {turn.phase})")
        return self._turn_answered(step, turn, after, now)

    def _turn_answered(self, step: Any, turn: TurnState, after: TurnState, now: float) -> Verdict:
        self._s.turn = after
        if len(after.exchanges) > len(turn.exchanges):
            self._emit(ev.TurnTaken(step.id, dict(after.exchanges[-1]), now))  # type: ignore[attr-defined]
        else:
            self._moved(step.id, after, now)
        if after.done:
            self._record(step.id, None, [dict(e) for e in after.exchanges], now, False)  # type: ignore[attr-defined]
            self._leave(step, complete=True)  # type: ignore[attr-defined]
        return OK

    def _turns(self) -> tuple[Any, TurnState | None, str]:
        step, why = self._current("take turns")  # type: ignore[attr-defined]
        if step is None:
            return None, None, why
        if self._s.turn is None:
            return None, None, f"step {step.id!r} is not a turns step"
        return step, self._s.turn, ""

    def _move(self, change: Any) -> Verdict:
        step, turn, why = self._turns()
        if step is None or turn is None:
            return refused(why)
        now = self.now()  # type: ignore[attr-defined]
        after = change(turn, now)
        if after is None:
            return refused(f"that doesn't fit this moment of the turn (now: {turn.phase})")
        self._s.turn = after
        if after.phase == "checking":
            self._s.drafts.pop((step.id, after.listener), None)  # the mirror was given
        self._moved(step.id, after, now)
        return OK

    def _moved(self, step_id: str, turn: TurnState, now: float, *, back: bool = False) -> None:
        mirror = turn.mirrors[-1] if turn.phase == "checking" and turn.mirrors else None
        self._emit(ev.TurnMoved(step_id, turn.phase, turn.round, turn.speaker, turn.attempt, now,  # type: ignore[attr-defined]
                                mirror=mirror, back=back))

    def _turn_back(self, step: Any) -> Verdict | None:
        """Back inside a turns step: one move of this exchange. None when Back should leave
        the step (nothing said yet); refused rather than undo an exchange already heard."""
        turn = self._s.turn
        assert turn is not None
        now = self.now()  # type: ignore[attr-defined]
        after = turn_machine.step_back(turn, now, frozen=self._s.frozen)
        if after is None:
            if turn.exchanges:
                return refused("That turn was heard already; Back doesn't undo it.")
            return None
        if turn.phase == "checking" and turn.mirrors and turn.mirrors[-1]:
            # The mirror taken back goes back into the listener's box.
            self._s.drafts[(step.id, turn.listener)] = turn.mirrors[-1]
        self._s.turn = after
        self._moved(step.id, after, now, back=True)
        return OK
