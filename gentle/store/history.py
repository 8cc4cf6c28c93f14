"""Reading sessions back: the history list and one session in detail.

The list reads only the session rows (distress figures are kept there by the recorder),
so it stays fast with thousands of sessions. Text comes back verbatim: whoever shows it
cleans it (``gentle.text.clean``) and never treats it as markup.
"""

from __future__ import annotations

import json
from typing import Any

from gentle.flows.model import Flow
from gentle.records import record
from gentle.store.db import Store
from gentle.store.flowcopy import flow_from_json
from gentle.store.sessions import find_session_id

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
            "ended_at": self.ended_at,
            "seconds": round(self.seconds, 3),
            "outcome": self.outcome,
            "source": self.source,
            "distress": [
                {"partner": name, "before": d[0], "after": d[1]}
                for name, d in zip(self.partners, self.distress)
            ],
        }


def _summary(row: tuple) -> SessionSummary:
    return SessionSummary(
        id=row[0],
        flow_id=row[1],
        flow_title=row[2],
        partners=(row[3], row[4]),
        started_at=row[5],
        ended_at=row[7] if row[7] is not None else row[6],
        outcome=row[8] or "interrupted",
        source=row[9],
        distress=((row[10], row[11]), (row[12], row[13])),
    )


def list_sessions(store: Store, limit: int | None = None, offset: int = 0) -> list[SessionSummary]:
    """Sessions, newest first."""
    with store.read() as conn:
        rows = conn.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM sessions ORDER BY started_at DESC, id"
            " LIMIT ? OFFSET ?",
            (-1 if limit is None else int(limit), int(offset)),
        ).fetchall()
    return [_summary(r) for r in rows]


def count_sessions(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])


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
    flow = flow_from_json(row[14])
    return SessionDetail(
        summary=summary,
        flow=flow,
        steps=_steps(flow, summary.partners, visits, answers),
        timings=tuple(
            TimingRecord(
                kind=t[0],
                step_id=t[1],
                called_by=t[2],
                called_by_name=summary.partners[t[2]] if t[2] in (0, 1) else None,
                planned=t[3],
                seconds=t[4],
                how=t[5],
                started_at=t[6],
                ended_at=t[7],
            )
            for t in timings
        ),
        notes=tuple(NoteRecord(n[0], n[1], n[2]) for n in notes),
    )


def _steps(
    flow: Flow, partners: tuple[str, str], visits: list[tuple], answers: list[tuple]
) -> tuple[StepRecord, ...]:
    # Steps in the order they were first reached; a step revisited (Back) appears once.
    order: dict[str, tuple[float | None, bool]] = {}
    for kind, at, body in visits:
        step_id = json.loads(body)["step_id"]
        entered, skipped = order.get(step_id, (at, False))
        order[step_id] = (entered, skipped or kind == "StepSkipped")
    by_step: dict[str, list[AnswerRecord]] = {}
    for step_id, partner, value, at, defaulted, withdrawn_at in answers:
        order.setdefault(step_id, (at, False))
        by_step.setdefault(step_id, []).append(
            AnswerRecord(
                step_id=step_id,
                partner=partner,
                partner_name=partners[partner] if partner in (0, 1) else None,
                value=json.loads(value),
                at=at,
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
