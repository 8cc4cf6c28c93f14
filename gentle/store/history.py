"""Reading sessions back: the history list and one session in detail.

The list reads only the session rows (distress figures are kept there by the recorder),
so it stays fast with thousands of sessions. Text comes back verbatim: whoever shows it
cleans it (``gentle.text.clean``) and never treats it as markup.

A session that was only opened (a flow started and left before anyone gave anything) is
not history: :func:`holds_something` is the one rule, and the history list, its count,
insights, ``export --all`` and resuming all use it. Such a session holds no words of
anyone's, so leaving it out loses nothing; ``gentle forget --all`` still erases it.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from gentle.flows.model import Flow
from gentle.records import record
from gentle.store import tidy
from gentle.store.db import Store
from gentle.store.flowcopy import flow_from_json
from gentle.store.errors import SessionNotFound
from gentle.store.sessions import find_session_id

def holds_something(table: str = "sessions") -> str:
    """SQL that is true for a session (a row of ``table``, or its alias) that holds something
    the couple gave: an answer (even one taken back), a note, words typed and kept as a
    draft, or a break. A session with none of these was only opened."""
    # Kept by triggers as those rows are written (gentle/store/schema.py, version 4).
    return f"({table}.held = 1)"


_SUMMARY_COLUMNS = (
    "id, flow_id, flow_title, partner_a, partner_b, started_at, last_at, ended_at, outcome,"
    " source, distress_before_a, distress_after_a, distress_before_b, distress_after_b"
)


@record
class SessionSummary:
    id: str
    flow_id: str
    flow_title: str
    partners: tuple[str, str]
    started_at: float
    ended_at: float  # when it finished or was left; the last thing recorded otherwise
    outcome: str  # "completed" | "abandoned" | "interrupted"
    source: str  # "app" | "walk"
    # Per partner: (first distress rating, last distress rating); None when not rated.
    distress: tuple[tuple[int | None, int | None], tuple[int | None, int | None]]

    @property
    def seconds(self) -> float:
        return max(0.0, self.ended_at - self.started_at)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "flow_id": self.flow_id,
            "flow_title": self.flow_title,
            "partners": list(self.partners),
            "started_at": self.started_at,
            "started": iso(self.started_at),
            "ended_at": self.ended_at,
            "ended": iso(self.ended_at),
            "seconds": round(self.seconds, 3),
            "outcome": self.outcome,
            "source": self.source,
            "distress": [
                {"partner": name, "before": d[0], "after": d[1]}
                for name, d in zip(self.partners, self.distress)
            ],
        }


def iso(at: float | None) -> str | None:
    """A time as ISO 8601 in local time with its offset ("2026-12-03T14:05:00+01:00"),
    beside the epoch seconds in JSON, for people and for tools that read dates."""
    if at is None:
        return None
    from datetime import datetime

    try:
        return datetime.fromtimestamp(at).astimezone().isoformat(timespec="seconds")
    except (OverflowError, OSError, ValueError):
        return None


def _summary(row: tuple) -> SessionSummary | None:
    """The row as a summary; None when it can't be shown (no usable start time)."""
    started = tidy.time_or_none(row[5])
    if started is None:
        return None
    ended = tidy.time_or_none(row[7]) or tidy.time_or_none(row[6]) or started

    def rating(value: Any) -> int | None:
        return value if type(value) is int and 0 <= value <= 100 else None

    return SessionSummary(
        id=tidy.text(row[0], 64),
        flow_id=tidy.text(row[1], 200),
        flow_title=tidy.title(row[2]),
        partners=(tidy.name(row[3]), tidy.name(row[4])),
        started_at=started,
        ended_at=max(ended, started),
        outcome=row[8] if row[8] in ("completed", "abandoned") else "interrupted",
        source=tidy.text(row[9], 40),
        distress=((rating(row[10]), rating(row[11])), (rating(row[12]), rating(row[13]))),
    )


class Sessions(list):
    """Summaries, with how many rows were left out because they couldn't be read."""

    unreadable = 0


def list_sessions(store: Store, limit: int | None = None, offset: int = 0) -> list[SessionSummary]:
    """Sessions that hold something (:func:`holds_something`), newest first."""
    with store.read() as conn:
        rows = conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM sessions WHERE {holds_something()}"
            " ORDER BY started_at DESC, id LIMIT ? OFFSET ?",
            (-1 if limit is None else min(int(limit), 2**62), min(int(offset), 2**62)),
        ).fetchall()
    found = Sessions()
    for row in rows:
        summary = _summary(row)
        if summary is None:
            found.unreadable += 1
        else:
            found.append(summary)
    return found


def iter_sessions(store: Store, limit: int | None = None, *, found: "Sessions | None" = None,
                  batch: int = 1000) -> Iterator[SessionSummary]:
    """The same sessions as :func:`list_sessions`, read a thousand at a time, so all of a
    long history can be printed in constant memory. Rows that can't be read are counted
    in ``found.unreadable`` (when given) and left out."""
    with store.read() as conn:
        cursor = conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM sessions WHERE {holds_something()}"
            " ORDER BY started_at DESC, id LIMIT ?",
            (-1 if limit is None else min(int(limit), 2**62),),
        )
        while rows := cursor.fetchmany(batch):
            for row in rows:
                summary = _summary(row)
                if summary is None:
                    if found is not None:
                        found.unreadable += 1
                else:
                    yield summary


def history_ids(store: Store) -> list[str]:
    """The ids of the sessions history holds, oldest first (``export --all``)."""
    with store.read() as conn:
        return [r[0] for r in conn.execute(
            f"SELECT id FROM sessions WHERE {holds_something()} ORDER BY started_at, id")]


def count_sessions(store: Store, *, only_opened_too: bool = False) -> int:
    """How many sessions history holds; ``only_opened_too`` counts every row (forget)."""
    where = "" if only_opened_too else f" WHERE {holds_something()}"
    with store.read() as conn:
        return int(conn.execute(f"SELECT count(*) FROM sessions{where}").fetchone()[0])


@record
class AnswerRecord:
    step_id: str
    partner: int | None
    partner_name: str | None  # None for a shared answer
    value: Any
    at: float
    defaulted: bool
    withdrawn: bool  # Back was pressed afterwards; the answer no longer counts


@record
class StepRecord:
    step_id: str
    kind: str
    title: str  # the step's title, or its question, or its id
    entered_at: float | None
    skipped: bool
    answers: tuple[AnswerRecord, ...]


@record
class TimingRecord:
    kind: str  # "timer" | "break"
    step_id: str | None
    called_by: int | None
    called_by_name: str | None
    planned: float | None
    seconds: float | None  # time actually spent; None while a break is still running
    how: str | None
    started_at: float | None
    ended_at: float | None


@record
class NoteRecord:
    step_id: str | None
    text: str
    at: float


@record
class SessionDetail:
    summary: SessionSummary
    flow: Flow  # the flow exactly as it was run
    steps: tuple[StepRecord, ...]
    timings: tuple[TimingRecord, ...]
    notes: tuple[NoteRecord, ...]


def step_title(flow: Flow, step_id: str) -> tuple[str, str]:
    """(kind, title) of a step of the flow as run; the id alone if the copy lacks it."""
    from gentle.flows.kinds import KINDS

    try:
        step = flow.step(step_id)
    except KeyError:
        return "", step_id
    if step.title or getattr(step, "ask", ""):
        return step.kind, step.title or step.ask
    kind = KINDS.get(step.kind)
    return step.kind, (kind.label(step) if kind is not None else None) or step_id


def session_detail(store: Store, id_or_prefix: str) -> SessionDetail:
    session_id = find_session_id(store, id_or_prefix)
    with store.read() as conn:
        row = conn.execute(
            f"SELECT {_SUMMARY_COLUMNS}, (SELECT body FROM flows WHERE hash = flow_hash)"
            " FROM sessions WHERE id = ?",
            (session_id,),
        ).fetchone()
        visits = conn.execute(
            "SELECT kind, at, body FROM events WHERE session_id = ?"
            " AND kind IN ('StepEntered', 'StepSkipped') ORDER BY seq",
            (session_id,),
        ).fetchall()
        answers = conn.execute(
            "SELECT step_id, partner, value, at, defaulted, withdrawn_at FROM answers"
            " WHERE session_id = ? ORDER BY at, id",
            (session_id,),
        ).fetchall()
        timings = conn.execute(
            "SELECT kind, step_id, called_by, planned, seconds, how, started_at, ended_at"
            " FROM timings WHERE session_id = ? ORDER BY coalesce(started_at, ended_at), id",
            (session_id,),
        ).fetchall()
        notes = conn.execute(
            "SELECT step_id, text, at FROM notes WHERE session_id = ? ORDER BY at, id",
            (session_id,),
        ).fetchall()
    summary = _summary(row)
    if summary is None:
        raise SessionNotFound(f"The session {session_id[:8]} can't be read: its saved start time is damaged.")
    flow = _flow_copy(row[14], summary)
    return SessionDetail(
        summary=summary,
        flow=flow,
        steps=_steps(flow, summary.partners, visits, answers),
        timings=tuple(
            TimingRecord(
                kind="break" if t[0] == "break" else "timer",
                step_id=t[1] if isinstance(t[1], str) else None,
                called_by=tidy.partner_or_none(t[2]),
                called_by_name=summary.partners[t[2]] if tidy.partner_or_none(t[2]) is not None else None,
                planned=tidy.number_or_none(t[3]),
                seconds=tidy.number_or_none(t[4]),
                how=t[5] if isinstance(t[5], str) else None,
                started_at=tidy.time_or_none(t[6]),
                ended_at=tidy.time_or_none(t[7]),
            )
            for t in timings
        ),
        notes=tuple(NoteRecord(n[0] if isinstance(n[0], str) else None, tidy.text(n[1]),
                               tidy.time_or_none(n[2]) or summary.started_at) for n in notes),
    )


def _flow_copy(body: Any, summary: SessionSummary) -> Flow:
    """The flow as it was run; a damaged copy gives a bare flow, so the answers still show."""
    try:
        return flow_from_json(body)
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
        return Flow(id=summary.flow_id or "unknown", title=summary.flow_title or "A flow",
                    summary="(this flow's saved copy is damaged)", steps=())


def _steps(
    flow: Flow, partners: tuple[str, str], visits: list[tuple], answers: list[tuple]
) -> tuple[StepRecord, ...]:
    # Steps in the order they were first reached; a step revisited (Back) appears once.
    order: dict[str, tuple[float | None, bool]] = {}
    for kind, at, body in visits:
        event = tidy.json_or(body, {})
        step_id = event.get("step_id") if isinstance(event, dict) else None
        if not isinstance(step_id, str):
            continue  # a damaged event: left out
        at = tidy.time_or_none(at)
        entered, skipped = order.get(step_id, (at, False))
        order[step_id] = (entered, skipped or kind == "StepSkipped")
    by_step: dict[str, list[AnswerRecord]] = {}
    for step_id, partner, value, at, defaulted, withdrawn_at in answers:
        step_id, partner, at = tidy.text(step_id, 200), tidy.partner_or_none(partner), tidy.time_or_none(at)
        order.setdefault(step_id, (at, False))
        by_step.setdefault(step_id, []).append(
            AnswerRecord(
                step_id=step_id,
                partner=partner,
                partner_name=partners[partner] if partner in (0, 1) else None,
                value=tidy.json_or(value, tidy.text(value)),
                at=at or 0.0,
                defaulted=bool(defaulted),
                withdrawn=withdrawn_at is not None,
            )
        )
    records = []
    for step_id, (entered, skipped) in order.items():
        kind, title = step_title(flow, step_id)
        records.append(
            StepRecord(step_id, kind, title, entered, skipped, tuple(by_step.get(step_id, ())))
        )
    return tuple(records)
