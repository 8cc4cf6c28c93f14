"""Recording engine events: each one is committed the moment it happens.

``Recorder(store, session_id)`` is the runner's ``on_event`` listener. Every event goes into
the session's event log (the complete record, which export and import replay) and into
the tables history reads: answers (with ratings), timings (timers and breaks) and the
session row itself. Each event is one ``BEGIN IMMEDIATE … COMMIT`` with
``synchronous=FULL``: when the call returns, the answer survives kill -9.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import sqlite3
from typing import Any, Callable, Mapping, Sequence, get_args

from gentle.engine import events as ev
from gentle.records import record
from gentle.store import summary
from gentle.store.db import Store
from gentle.store.errors import SessionNotFound
from gentle.store.flowcopy import flow_from_json

EVENT_TYPES: dict[str, type] = {cls.__name__: cls for cls in get_args(ev.Event)}


@record
class FlowFacts:
    """What recording needs to know about the flow: which steps are ratings, and of what."""

    measures: Mapping[str, str]  # rate step id -> "distress" | "closeness" | "other"
    threshold: int  # for the "calm again after" figure: the first distress rating's
    break_steps: frozenset[str] = frozenset()  # `break: true` timer steps
    # An import writes a whole session at once and works out its distress figures once,
    # at the end (summary.refresh), rather than after every rating.
    defer_summary: bool = False

    @classmethod
    def of(cls, flow: Any) -> "FlowFacts":
        from gentle.engine.offers import DEFAULT_THRESHOLD, threshold_for

        measures = {s.id: s.measures for s in flow.steps if getattr(s, "kind", "") == "rate"}
        thresholds = [t for t in (threshold_for(s, None, flow) for s in flow.steps) if t is not None]
        breaks = frozenset(s.id for s in flow.steps if getattr(s, "is_break", False))
        return cls(measures, thresholds[0] if thresholds else DEFAULT_THRESHOLD, breaks)

    @classmethod
    def of_session(cls, conn: sqlite3.Connection, session_id: str) -> "FlowFacts":
        row = conn.execute(
            "SELECT f.body FROM sessions s JOIN flows f ON f.hash = s.flow_hash WHERE s.id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            raise SessionNotFound(f"No saved session has the id {session_id!r}.")
        return cls.of(flow_from_json(row[0]))


_PLAIN = frozenset({str, int, float, bool, type(None), dict, list, tuple})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def event_to_dict(event: Any) -> dict[str, Any]:
    """The event as JSON-able data. Its fields hold plain data already (numbers, text,
    lists and dicts of them), so a shallow copy serves: ``dataclasses.asdict`` deep-copies
    every value, which was a quarter of an import's time."""
    body = {"kind": type(event).__name__, **{name: getattr(event, name) for name in _field_names(type(event))}}
    if any(type(value) not in _PLAIN and dataclasses.is_dataclass(value) for value in body.values()):
        return {"kind": body["kind"], **dataclasses.asdict(event)}  # a record inside: the slow, sure way
    return body


def event_from_dict(data: Mapping[str, Any]) -> Any:
    """Rebuild an engine event from :func:`event_to_dict` output (KeyError/TypeError if not)."""
    fields = dict(data)
    cls = EVENT_TYPES[fields.pop("kind")]
    return cls(**fields)


def record_event(conn: sqlite3.Connection, session_id: str, event: Any, facts: FlowFacts,
                 *, seq: int | None = None, touch: bool = True) -> None:
    """Write one event (inside the caller's transaction).

    An importer that writes a whole session numbers its events itself (``seq``) and sets
    the session's ``last_at`` once at the end (``touch=False``): the same rows, without
    a ``MAX(seq)`` lookup and an ``UPDATE sessions`` for every event."""
    kind, at, text = event_row(event)
    if seq is None:
        conn.execute(
            "INSERT INTO events (session_id, seq, kind, at, body) VALUES (?, "
            "(SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE session_id = ?), ?, ?, ?)",
            (session_id, session_id, kind, at, text),
        )
    else:
        conn.execute("INSERT INTO events (session_id, seq, kind, at, body) VALUES (?, ?, ?, ?, ?)",
                     (session_id, seq, kind, at, text))
    if touch:
        conn.execute("UPDATE sessions SET last_at = max(last_at, ?) WHERE id = ?", (at, session_id))
    apply_event(conn, session_id, event, facts)


def event_row(event: Any, body: Mapping[str, Any] | None = None) -> tuple[str, float, str]:
    """(kind, at, body text) of the event's row. ``body``: its dict form, when the caller
    has it already (an import, which checked it), so it is not rebuilt."""
    body = event_to_dict(event) if body is None else body
    kind = body["kind"]
    if kind not in EVENT_TYPES:
        raise TypeError(f"not an engine event: {event!r}")
    return kind, float(event.at), json.dumps(body, ensure_ascii=False, default=str)


def apply_event(conn: sqlite3.Connection, session_id: str, event: Any, facts: FlowFacts) -> None:
    """What the event changes besides its own row: answers, timings, the summary."""
    handler = _HANDLERS.get(type(event).__name__)
    if handler is not None:
        handler(conn, session_id, event, facts)


def _answer(conn: sqlite3.Connection, sid: str, e: ev.AnswerGiven, facts: FlowFacts) -> None:
    measures = facts.measures.get(e.step_id)
    rating = None
    if measures is not None and isinstance(e.value, int | float) and not isinstance(e.value, bool):
        rating = int(e.value)
    conn.execute(
        "INSERT INTO answers (session_id, step_id, partner, value, at, defaulted, measures, rating)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            sid,
            e.step_id,
            e.partner,
            json.dumps(e.value, ensure_ascii=False, default=str),
            e.at,
            int(e.defaulted),
            measures,
            rating,
        ),
    )
    if measures == "distress" and not facts.defer_summary:
        summary.refresh(conn, sid, facts.threshold)


def _withdraw(conn: sqlite3.Connection, sid: str, e: ev.AnswerWithdrawn, facts: FlowFacts) -> None:
    # The latest answer that still counts for this step and partner; kept, marked withdrawn.
    conn.execute(
        "UPDATE answers SET withdrawn_at = ? WHERE id = (SELECT id FROM answers"
        " WHERE session_id = ? AND step_id = ? AND partner IS ? AND withdrawn_at IS NULL"
        " ORDER BY at DESC, id DESC LIMIT 1)",
        (e.at, sid, e.step_id, e.partner),
    )
    if facts.measures.get(e.step_id) == "distress" and not facts.defer_summary:
        summary.refresh(conn, sid, facts.threshold)


def _timer(conn: sqlite3.Connection, sid: str, e: ev.TimerEnded, facts: FlowFacts) -> None:
    conn.execute(
        "INSERT INTO timings (session_id, kind, step_id, seconds, how, ended_at)"
        " VALUES (?, 'timer', ?, ?, ?, ?)",
        (sid, e.step_id, e.seconds, e.how, e.at),
    )


def _break_started(conn: sqlite3.Connection, sid: str, e: ev.BreakStarted, f: FlowFacts) -> None:
    conn.execute(
        "INSERT INTO timings (session_id, kind, step_id, called_by, planned, deadline, started_at)"
        " VALUES (?, 'break', ?, ?, ?, ?, ?)",
        (sid, e.step_id, e.called_by, e.seconds, e.deadline, e.at),
    )


def _break_ended(conn: sqlite3.Connection, sid: str, e: ev.BreakEnded, facts: FlowFacts) -> None:
    conn.execute(
        "UPDATE timings SET seconds = ?, how = ?, ended_at = ? WHERE id = (SELECT id FROM timings"
        " WHERE session_id = ? AND kind = 'break' AND ended_at IS NULL ORDER BY id DESC LIMIT 1)",
        (e.seconds, e.how, e.at, sid),
    )


_OPEN_BREAK = ("(SELECT id FROM timings WHERE session_id = ? AND kind = 'break' AND ended_at IS NULL"
               " ORDER BY id DESC LIMIT 1)")


def _break_extended(conn: sqlite3.Connection, sid: str, e: ev.BreakExtended, f: FlowFacts) -> None:
    conn.execute(f"UPDATE timings SET planned = ?, deadline = ? WHERE id = {_OPEN_BREAK}",
                 (e.total, e.deadline, sid))


def _timer_extended(conn: sqlite3.Connection, sid: str, e: ev.TimerExtended, f: FlowFacts) -> None:
    if e.step_id in f.break_steps:  # a break step: its planned length grows, and its return time
        conn.execute(f"UPDATE timings SET planned = planned + ?, deadline = ? + ? WHERE id = {_OPEN_BREAK}",
                     (e.seconds, e.at, e.left, sid))


def _finished(conn: sqlite3.Connection, sid: str, e: ev.Finished, facts: FlowFacts) -> None:
    # A finished session is never resumed, so its snapshot (a copy of the answers) goes.
    conn.execute(
        "UPDATE sessions SET outcome = 'completed', ended_at = ?, snapshot = NULL WHERE id = ?",
        (e.at, sid),
    )


def _named(conn: sqlite3.Connection, sid: str, e: ev.PartnersNamed, facts: FlowFacts) -> None:
    conn.execute("UPDATE sessions SET partner_a = ?, partner_b = ? WHERE id = ?", (e.first, e.second, sid))


_HANDLERS: dict[str, Callable[..., None]] = {
    "PartnersNamed": _named,
    "AnswerGiven": _answer,
    "AnswerWithdrawn": _withdraw,
    "TimerEnded": _timer,
    "BreakStarted": _break_started,
    "BreakEnded": _break_ended,
    "BreakExtended": _break_extended,
    "TimerExtended": _timer_extended,
    "Finished": _finished,
}


class Recorder:
    """The runner's ``on_event``: commits every event, and the resume snapshot, at once.

    ``snapshot`` returns the runner's ``snapshot()``; pass it here or call :meth:`follow`
    once the runner exists (the runner needs its listener before it is built).
    A StoreError (full disk, damaged file) is raised to the caller:
    :class:`gentle.store.live.LiveSession` keeps the session in memory from then on.
    """

    def __init__(
        self,
        store: Store,
        session_id: str,
        snapshot: Callable[[], Mapping[str, Any]] | None = None,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self._snapshot = snapshot
        self.written: int | None = None  # events of the session in the log, as far as we know
        with store.read() as conn:
            self.facts = FlowFacts.of_session(conn, session_id)

    def follow(self, runner: Any) -> "Recorder":
        """Take resume snapshots from ``runner`` from now on (saving one straight away)."""
        self._snapshot = runner.snapshot
        self.save_snapshot()
        return self

    def __call__(self, event: Any) -> None:
        self.record_all([event])

    def record_all(self, events: Sequence[Any], patience_ms: int | None = None) -> None:
        """Commit ``events``, in order, in one transaction, with the resume point now.

        Events that are in the log already (a copy imported while they waited) are not
        written twice: the log's length says how many of them arrived.
        """
        if not events:
            return
        last = events[-1]
        snapshot = self._snapshot_json() if not isinstance(last, ev.Finished) else None
        with self.store.write(patience_ms=patience_ms) as conn:
            stored = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = ?",
                                  (self.session_id,)).fetchone()[0]
            known = stored if self.written is None else self.written
            there = min(max(0, stored - known), len(events))
            for event in events[there:]:
                record_event(conn, self.session_id, event, self.facts)
            if snapshot is not None:
                _save_snapshot(conn, self.session_id, snapshot)
        self.written = max(stored, known) + len(events) - there

    def save_snapshot(self, snapshot: Mapping[str, Any] | None = None) -> None:
        """Store the resume point now (for changes that emit no event)."""
        body = json.dumps(snapshot, default=str) if snapshot is not None else self._snapshot_json()
        if body is None:
            return
        with self.store.write() as conn:
            _save_snapshot(conn, self.session_id, body)

    def _snapshot_json(self) -> str | None:
        if self._snapshot is None:
            return None
        return json.dumps(self._snapshot(), ensure_ascii=False, default=str)


def _save_snapshot(conn: sqlite3.Connection, session_id: str, body: str) -> None:
    conn.execute(
        "UPDATE sessions SET snapshot = ? WHERE id = ? AND outcome IS NULL", (body, session_id)
    )


def record_walk(
    store: Store, flow: Any, answers: Mapping[str, Any], partners: Any,
    default_threshold: int | None = None,
) -> tuple[str, Any]:
    """Walk ``flow`` with ``answers`` and save it as a completed session (source ``walk``),
    only if the walk succeeds.

    The walk's runner reports to the same Recorder the TUI's sessions use, so a saved walk
    is recorded exactly as a couple's session would be. Returns (session id, WalkResult).
    """
    from gentle.engine.walk import walk
    from gentle.store.sessions import start_session

    # Walked once first, unrecorded: answers that don't fit the flow (a WalkError) leave
    # nothing in the notes, not a half-walked rehearsal.
    walk(flow, answers, partners, default_threshold=default_threshold)
    session_id = start_session(store, flow, partners, source="walk")
    result = walk(flow, answers, partners, on_event=Recorder(store, session_id),
                  default_threshold=default_threshold)
    return session_id, result
