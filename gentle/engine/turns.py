"""The speaker/listener exchange of a `turns` step, as a small pure state machine.

speaking (the floor countdown runs) -> done_speaking -> mirroring -> mirrored(text|None)
-> checking -> heard(True): the exchange is recorded and roles swap (or the next round
starts); heard(False): back to mirroring with attempt + 1. In one round each partner has
the floor once; after ``rounds`` rounds the step is done.

An exchange (the stored answer is a list of them):
  round, speaker, listener   1-based round; partner indexes 0/1
  mirror                     the listener's last mirror (None when said aloud)
  mirrors                    every mirror attempt, in order
  attempts                   how many times the listener mirrored
  heard                      the speaker's answers to the heard question, in order
  confirmed                  the speaker said yes at the end (always true when live)
  seconds                    how long the speaker had the floor
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal

from gentle.engine.countdown import Countdown
from gentle.flows.model import TurnsStep
from gentle.records import record

TurnPhase = Literal["speaking", "mirroring", "checking"]


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
            "exchanges": [dict(e) for e in self.exchanges],
            "done": self.done,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TurnState":
        if data.get("phase") not in ("speaking", "mirroring", "checking"):
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
            exchanges=tuple(dict(e) for e in data.get("exchanges", ())),
            done=bool(data.get("done", False)),
        )


def first_speaker(step: TurnsStep) -> int:
    return 0 if step.first_speaker == "first" else 1


def start(step: TurnsStep, now: float) -> TurnState:
    first = first_speaker(step)
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


def _expect(state: TurnState, phase: TurnPhase) -> None:
    if state.done or state.phase != phase:
        raise RuntimeError(f"the turn is {'done' if state.done else state.phase}, not {phase}")


def done_speaking(state: TurnState, now: float) -> TurnState:
    _expect(state, "speaking")
    return replace(
        state, phase="mirroring", floor=state.floor.pause(now), spoke=state.floor.elapsed(now)
    )


def mirrored(state: TurnState, text: str | None) -> TurnState:
    _expect(state, "mirroring")
    if text is not None and not isinstance(text, str):
        raise ValueError(f"a mirror is text or None, not {text!r}")
    return replace(state, phase="checking", mirrors=(*state.mirrors, text))


def heard(
    state: TurnState, yes: bool, now: float, floor_seconds: float, *, frozen: bool = False
) -> TurnState:
    """The speaker's answer to the heard question. ``frozen``: the next floor starts paused."""
    _expect(state, "checking")
    answers = (*state.heard, bool(yes))
    if not yes:
        return replace(state, phase="mirroring", attempt=state.attempt + 1, heard=answers)
    exchange = {
        "round": state.round,
        "speaker": state.speaker,
        "listener": state.listener,
        "mirror": state.mirrors[-1] if state.mirrors else None,
        "mirrors": list(state.mirrors),
        "attempts": state.attempt,
        "heard": list(answers),
        "confirmed": True,
        "seconds": round(state.spoke, 3),
    }
    exchanges = (*state.exchanges, exchange)
    next_round = state.round + (1 if state.speaker != state.first else 0)
    if next_round > state.rounds:
        return replace(state, exchanges=exchanges, heard=answers, done=True)
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


def default_exchanges(step: TurnsStep, mirrors: Sequence[str | None] = ()) -> list[dict[str, Any]]:
    """One confirmed exchange per speaker per round: a walk's neutral answer."""
    first = first_speaker(step)
    exchanges = []
    for round_ in range(1, max(1, step.rounds) + 1):
        for speaker in (first, 1 - first):
            mirror = mirrors[len(exchanges)] if len(exchanges) < len(mirrors) else None
            exchanges.append(
                {
                    "round": round_,
                    "speaker": speaker,
                    "listener": 1 - speaker,
                    "mirror": mirror,
                    "mirrors": [mirror],
                    "attempts": 1,
                    "heard": [True],
                    "confirmed": True,
                    "seconds": float(step.floor_seconds),
                }
            )
    return exchanges


def normalize_exchanges(step: TurnsStep, value: Any) -> list[dict[str, Any]]:
    """Check a whole turns answer given at once (a walk's answers file) and fill gaps."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValueError(f"step {step.id!r}: a turns answer is a list of exchanges")
    result = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise ValueError(f"step {step.id!r}: exchange {i + 1} must be a mapping")
        speaker = item.get("speaker")
        if speaker not in (0, 1) or isinstance(speaker, bool):
            raise ValueError(f"step {step.id!r}: exchange {i + 1} needs speaker 0 or 1")
        mirror = item.get("mirror")
        if mirror is not None and not isinstance(mirror, str):
            raise ValueError(f"step {step.id!r}: exchange {i + 1}: mirror must be text")
        heard_list = [bool(h) for h in item.get("heard", [True])]
        result.append(
            {
                "round": int(item.get("round", i // 2 + 1)),
                "speaker": speaker,
                "listener": 1 - speaker,
                "mirror": mirror,
                "mirrors": list(item.get("mirrors", [mirror])),
                "attempts": int(item.get("attempts", 1)),
                "heard": heard_list,
                "confirmed": bool(item.get("confirmed", heard_list[-1] if heard_list else True)),
                "seconds": float(item.get("seconds", 0.0)),
            }
        )
    return result
