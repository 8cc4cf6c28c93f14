"""The speaker/listener exchange of a `turns` step, as a small pure state machine.

speaking (the floor countdown runs) -> done_speaking -> mirroring -> mirrored(text|None)
-> checking -> heard(True): the exchange is recorded and roles swap (or the next round
starts); heard(False): back to mirroring with attempt + 1. With ``more=True`` (the step
has a `more_question:`), heard(True) goes to "more" instead -> more(True): the exchange
is recorded and the same speaker speaks again on the same floor (its countdown carries
on); more(False): the exchange is recorded and the floor passes, as above. In one round each partner has
the floor once; after ``rounds`` rounds the step is done. ``step_back`` undoes one move
within the exchange, never a confirmed one.

Each move returns the new state, or None when it does not fit the phase (a key pressed
twice, say): the caller refuses quietly rather than raise.

An exchange (the stored answer is a list of them):
  round, speaker, listener   1-based round; partner indexes 0/1
  mirror                     the listener's last mirror (None when said aloud)
  mirrors                    every mirror attempt, in order
  attempts                   how many times the listener mirrored
  heard                      the speaker's answers to the heard question, in order
  confirmed                  the speaker said yes at the end (always true when live)
  seconds                    how long the speaker spoke in this exchange (several
                             exchanges can share one floor when "is there more?" is yes)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from gentle.engine.countdown import Countdown
from gentle.flows.kinds.turns import TurnsStep, decided_by, first_speaker, speaker_named
from gentle.records import record

TurnPhase = Literal["speaking", "mirroring", "checking", "more"]
PHASES: tuple[str, ...] = ("speaking", "mirroring", "checking", "more")


@record
class TurnState:
    round: int  # 1-based
    rounds: int
    speaker: int
    listener: int
    phase: TurnPhase
    attempt: int  # 1-based mirroring attempt within this exchange
    floor: Countdown
    first: int  # who speaks first in each round
    mirrors: tuple[str | None, ...] = ()
    heard: tuple[bool, ...] = ()
    spoke: float = 0.0
    before: float = 0.0  # floor seconds used by earlier exchanges on this same floor
    exchanges: tuple[dict[str, Any], ...] = ()
    done: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "rounds": self.rounds,
            "speaker": self.speaker,
            "listener": self.listener,
            "phase": self.phase,
            "attempt": self.attempt,
            "floor": self.floor.to_dict(),
            "first": self.first,
            "mirrors": list(self.mirrors),
            "heard": list(self.heard),
            "spoke": self.spoke,
            "before": self.before,
            "exchanges": [dict(e) for e in self.exchanges],
            "done": self.done,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TurnState":
        if data.get("phase") not in PHASES:
            raise ValueError(f"unknown turn phase {data.get('phase')!r}")
        return cls(
            round=int(data["round"]),
            rounds=int(data["rounds"]),
            speaker=int(data["speaker"]),
            listener=int(data["listener"]),
            phase=data["phase"],
            attempt=int(data["attempt"]),
            floor=Countdown.from_dict(data["floor"]),
            first=int(data["first"]),
            mirrors=tuple(data.get("mirrors", ())),
            heard=tuple(bool(h) for h in data.get("heard", ())),
            spoke=float(data.get("spoke", 0.0)),
            before=float(data.get("before", 0.0)),
            exchanges=tuple(dict(e) for e in data.get("exchanges", ())),
            done=bool(data.get("done", False)),
        )


def opening_speaker(flow: Any, step: TurnsStep, answer_for: Any) -> int:
    """Who has the floor first: the partner the deciding step's answer names (its
    `first_speaker:` step, "{partner2} raised it"), else the step's own `first_speaker`."""
    from gentle.engine.answers import asking_order
    from gentle.engine.shown import resolve_ref

    ref = decided_by(step)
    source = resolve_ref(flow, step.id, ref) if ref else None
    if source is not None:
        answer = answer_for(source.id, asking_order(source)[0])
        if answer is not None and isinstance(answer.value, str):
            named = speaker_named(answer.value)
            if named is not None:
                return named
    return first_speaker(step)


def start(step: TurnsStep, now: float, first: int | None = None) -> TurnState:
    first = first_speaker(step) if first is None else first
    return TurnState(
        round=1,
        rounds=max(1, step.rounds),
        speaker=first,
        listener=1 - first,
        phase="speaking",
        attempt=1,
        floor=Countdown.start(step.floor_seconds, now),
        first=first,
    )


def _in(state: TurnState, phase: TurnPhase) -> bool:
    return not state.done and state.phase == phase


def done_speaking(state: TurnState, now: float) -> TurnState | None:
    if not _in(state, "speaking"):
        return None
    return replace(
        state, phase="mirroring", floor=state.floor.pause(now),
        spoke=max(0.0, state.floor.elapsed(now) - state.before),
    )


def mirrored(state: TurnState, text: str | None) -> TurnState | None:
    if not _in(state, "mirroring") or not (text is None or isinstance(text, str)):
        return None
    return replace(state, phase="checking", mirrors=(*state.mirrors, text))


def step_back(state: TurnState, now: float, *, frozen: bool = False) -> TurnState | None:
    """One move back within this exchange; None at the start of an exchange.

    more -> checking (the "yes, I felt heard" is taken back); checking -> mirroring
    (the mirror given is taken back); mirroring after a "not
    quite" -> checking that try again; mirroring -> speaking, the floor with the time
    it had left (still, while ``frozen``).
    """
    if state.done:
        return None
    if state.phase == "more":
        return replace(state, phase="checking", heard=state.heard[:-1])
    if state.phase == "checking":
        return replace(state, phase="mirroring", mirrors=state.mirrors[:-1])
    if state.phase == "mirroring" and state.attempt > 1:
        return replace(state, phase="checking", attempt=state.attempt - 1, heard=state.heard[:-1])
    if state.phase == "mirroring":
        floor = state.floor if frozen else state.floor.resume(now)
        return replace(state, phase="speaking", floor=floor, spoke=0.0)
    return None


def heard(
    state: TurnState, yes: bool, now: float, floor_seconds: float, *, frozen: bool = False,
    more: bool = False,
) -> TurnState | None:
    """The speaker's answer to the heard question. ``frozen``: the next floor starts paused.
    ``more``: a yes asks "is there more?" (phase "more") before anything is recorded."""
    if not _in(state, "checking") or not isinstance(yes, bool):
        return None
    answers = (*state.heard, bool(yes))
    if not yes:
        return replace(state, phase="mirroring", attempt=state.attempt + 1, heard=answers)
    if more:
        return replace(state, phase="more", heard=answers)
    return _pass_floor(replace(state, heard=answers), now, floor_seconds, frozen)


def more(
    state: TurnState, yes: bool, now: float, floor_seconds: float, *, frozen: bool = False
) -> TurnState | None:
    """The speaker's answer to "is there more?". Either way this exchange is recorded;
    yes: the same speaker goes on, on the same floor, its countdown carrying on from
    where it stopped (still, while ``frozen``); no: the floor passes."""
    if not _in(state, "more") or not isinstance(yes, bool):
        return None
    if not yes:
        return _pass_floor(state, now, floor_seconds, frozen)
    return replace(
        state,
        phase="speaking",
        attempt=1,
        floor=state.floor if frozen else state.floor.resume(now),
        mirrors=(),
        heard=(),
        before=state.before + state.spoke,
        spoke=0.0,
        exchanges=(*state.exchanges, _exchange(state)),
    )


def _exchange(state: TurnState) -> dict[str, Any]:
    return {
        "round": state.round,
        "speaker": state.speaker,
        "listener": state.listener,
        "mirror": state.mirrors[-1] if state.mirrors else None,
        "mirrors": list(state.mirrors),
        "attempts": state.attempt,
        "heard": list(state.heard),
        "confirmed": True,
        "seconds": round(state.spoke, 3),
    }


def _pass_floor(state: TurnState, now: float, floor_seconds: float, frozen: bool) -> TurnState:
    """Record this exchange and give the floor to the listener (or end the step)."""
    exchanges = (*state.exchanges, _exchange(state))
    next_round = state.round + (1 if state.speaker != state.first else 0)
    if next_round > state.rounds:
        return replace(state, exchanges=exchanges, done=True)
    speaker = state.listener
    floor = Countdown.start(floor_seconds, now)
    if frozen:
        floor = floor.pause(now)
    return TurnState(
        round=next_round,
        rounds=state.rounds,
        speaker=speaker,
        listener=1 - speaker,
        phase="speaking",
        attempt=1,
        floor=floor,
        first=state.first,
        exchanges=exchanges,
    )


def pause(state: TurnState, now: float) -> TurnState:
    return replace(state, floor=state.floor.pause(now))


def resume(state: TurnState, now: float) -> TurnState:
    """Resume the floor countdown only while someone is speaking."""
    if state.phase != "speaking" or state.done:
        return state
    return replace(state, floor=state.floor.resume(now))
