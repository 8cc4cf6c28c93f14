"""Realistic fake history for scripts/bench and tests.

Sessions are written through :func:`gentle.store.recorder.record_event`, the recorder's
own code, so a seeded store looks exactly like a lived-in one; only the commits are
batched (one transaction per thousand sessions) to keep seeding quick.
"""

from __future__ import annotations

import random
import uuid

from gentle.engine import events as ev
from gentle.flows.model import BreatheStep, Flow, Phase, RateStep, SayStep, TimerStep, WriteStep
from gentle.store.db import Store
from gentle.store.flowcopy import flow_hash, flow_to_json
from gentle.store.recorder import FlowFacts, record_event
from gentle.store.sessions import save_flow_copy

_DAY = 86_400.0
_NAMES = (("Sam", "Alex"), ("Robin", "Kai"))


def _rate(step_id: str) -> RateStep:
    return RateStep(id=step_id, ask="How upset are you right now?", measures="distress")


def seed_flows(heavy: bool = False) -> tuple[Flow, ...]:
    pause = Flow(
        id="seed-pause",
        title="Pause and breathe",
        summary="Stop, breathe slowly together, check in.",
        steps=(
            _rate("before"),
            BreatheStep(id="breathe", phases=(Phase("in", 4), Phase("out", 6)), cycles=6),
            TimerStep(id="quiet", seconds=120, text="Sit quietly for two minutes."),
            _rate("after"),
        ),
    )
    speak = Flow(
        id="seed-i-statement",
        title="Say it with I",
        summary="Each partner says how they feel and what they need.",
        steps=(
            _rate("before"),
            SayStep(id="intro", text="One of you speaks, the other listens."),
            WriteStep(id="feel", ask="I feel … when … because I need …"),
            *((WriteStep(id="heard", ask="What did you hear?"),
               WriteStep(id="ask", ask="What would you like to ask for?")) if heavy else ()),
            TimerStep(id="cool", seconds=1200, is_break=True, text="A proper break."),
            _rate("after"),
        ),
    )
    return pause, speak


_WORDS = ("when", "you", "I", "felt", "the", "dinner", "plans", "changed", "again", "and",
          "nobody", "asked", "me", "tired", "because", "need", "to", "know", "matter", "work",
          "late", "phone", "weekend", "your", "mother", "money", "kids", "quiet", "listen", "sorry")


def _long_answer(rng: random.Random, words: int) -> str:
    out = []
    for n in range(words):
        word = rng.choice(_WORDS)
        out.append(word + ("." if n % 14 == 13 else ""))
    return " ".join(out)


def _events(flow: Flow, start: float, rng: random.Random, heavy: bool = False) -> list:
    t = start
    out: list = []
    before = (rng.randint(5, 10), rng.randint(4, 10))

    def at(step: float) -> float:
        nonlocal t
        t += step
        return t

    for step in flow.steps:
        out.append(ev.StepEntered(step.id, at(1)))
        if step.id == "before":
            out += [ev.AnswerGiven(step.id, p, before[p], at(rng.uniform(3, 20))) for p in (0, 1)]
        elif step.id == "after":
            out += [
                ev.AnswerGiven(step.id, p, max(0, before[p] - rng.randint(-1, 6)), at(9))
                for p in (0, 1)
            ]
        elif step.kind == "breathe":
            spent = rng.uniform(30, 70)
            out.append(ev.AnswerGiven(step.id, None, {"seconds": spent, "cycles": 6}, at(spent)))
        elif step.kind == "write":
            for p in (0, 1):
                text = f"I feel {rng.choice(['hurt', 'tired', 'alone'])} when plans change"
                if heavy and rng.random() < 0.3:  # a long answer: 80 to 600 words
                    text = _long_answer(rng, rng.randint(80, 600))
                out.append(ev.AnswerGiven(step.id, p, {"text": text, "blanks": None}, at(60)))
        elif step.kind == "timer" and step.is_break:
            who = rng.choice((0, 1, None))
            spent = rng.uniform(600, 1200)
            out.append(ev.BreakStarted(who, step.seconds, t + step.seconds, at(1), step.id))
            out.append(ev.BreakEnded(spent, "early" if spent < 1200 else "finished", at(spent)))
        elif step.kind == "timer":
            spent = rng.uniform(40, step.seconds)
            out.append(ev.TimerEnded(step.id, spent, "early", at(spent)))
    if rng.random() < 0.9:
        out.append(ev.Finished(at(1)))
    return out


def seed_sessions(store: Store, n: int, *, seed: int = 7, batch: int = 1000,
                  heavy: bool = False) -> list[str]:
    """Add ``n`` sessions spread over the last ~two years; return their ids.

    ``heavy``: the corpus scripts/bench measures with: the I-statement flow asks for
    three written answers, and 30% of written answers run to 80-600 words (about 5 KB a
    session on average; the writing is where the bytes are)."""
    rng = random.Random(seed)
    flows = [(flow, FlowFacts.of(flow), flow_to_json(flow)) for flow in seed_flows(heavy)]
    digests = {flow.id: flow_hash(body) for flow, _, body in flows}
    now = 1_700_000_000.0 if seed == 7 else rng.uniform(1.6e9, 1.7e9)
    ids: list[str] = []
    conn = store.conn
    # Seeded data is disposable: trade durability for speed while it is written.
    conn.execute("PRAGMA synchronous = OFF")
    try:
        for first in range(0, n, batch):
            with store.write():
                for (flow, _, body) in flows:
                    save_flow_copy(conn, digests[flow.id], flow.id, flow.title, body)
                for i in range(first, min(n, first + batch)):
                    flow, facts, _ = flows[rng.randrange(len(flows))]
                    start = now - (n - i) * (730 * _DAY / max(n, 1)) + rng.uniform(0, 3600)
                    a, b = _NAMES[0]
                    sid = uuid.UUID(int=rng.getrandbits(128), version=4).hex
                    conn.execute(
                        "INSERT INTO sessions (id, flow_hash, flow_id, flow_title, partner_a,"
                        " partner_b, started_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (sid, digests[flow.id], flow.id, flow.title, a, b, start, start),
                    )
                    for event in _events(flow, start, rng, heavy):
                        record_event(conn, sid, event, facts)
                    ids.append(sid)
    finally:
        conn.execute("PRAGMA synchronous = FULL")
    return ids
