"""Starting, annotating, ending and resuming sessions. Events are recorded by recorder.py.

Outcomes: ``completed`` (the flow reached its end), ``abandoned`` (someone chose to stop),
and ``interrupted``, which is never written: a session with no outcome reads as
interrupted, because a crash or a closed terminal cannot write anything.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any, Sequence

from gentle.flows.model import Flow
from gentle.records import record
from gentle.store.db import Store
from gentle.store.errors import AmbiguousSession, SessionNotFound
from gentle.store.flowcopy import flow_from_json, flow_hash, flow_to_json

DEFAULT_PARTNERS = ("Partner A", "Partner B")


def start_session(
    store: Store,
    flow: Flow,
    partners: Sequence[str] = DEFAULT_PARTNERS,
    *,
    started_at: float | None = None,
    session_id: str | None = None,
    source: str = "app",
) -> str:
    """Create a session row (and keep a copy of the flow as run); return its id."""
    session_id = session_id or uuid.uuid4().hex
    started_at = time.time() if started_at is None else started_at
    body = flow_to_json(flow)
    digest = flow_hash(body)
    a, b = _two(partners)
    with store.write() as conn:
        save_flow_copy(conn, digest, flow.id, flow.title, body)
        conn.execute(
            "INSERT INTO sessions (id, flow_hash, flow_id, flow_title, partner_a, partner_b,"
            " started_at, last_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (session_id, digest, flow.id, flow.title, a, b, started_at, started_at, source),
        )
    return session_id


def save_flow_copy(conn: Any, digest: str, flow_id: str, title: str, body: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO flows (hash, flow_id, title, body) VALUES (?, ?, ?, ?)",
        (digest, flow_id, title, body),
    )


def _two(partners: Sequence[str]) -> tuple[str, str]:
    names = list(partners)[:2] + list(DEFAULT_PARTNERS)[len(partners) :]
    return names[0], names[1]


def add_note(
    store: Store, session_id: str, text: str, step_id: str | None = None, at: float | None = None
) -> int:
    """Keep a free note with the session (stored verbatim; cleaned only when shown)."""
    at = time.time() if at is None else at
    with store.write() as conn:
        cursor = conn.execute(
            "INSERT INTO notes (session_id, step_id, text, at) VALUES (?, ?, ?, ?)",
            (session_id, step_id, text, at),
        )
        conn.execute("UPDATE sessions SET last_at = max(last_at, ?) WHERE id = ?", (at, session_id))
    return int(cursor.lastrowid)


def mark_abandoned(store: Store, session_id: str, at: float | None = None) -> None:
    """The couple chose to stop: the session is no longer offered for resuming."""
    at = time.time() if at is None else at
    with store.write() as conn:
        conn.execute(
            "UPDATE sessions SET outcome = 'abandoned', ended_at = ? "
            "WHERE id = ? AND outcome IS NULL",
            (at, session_id),
        )


def find_session_id(store: Store, prefix: str) -> str:
    """The full id of the one session whose id starts with ``prefix`` (at least 4 chars)."""
    prefix = prefix.strip().lower()
    if not prefix:
        raise SessionNotFound("Please give a session id (the first few characters are enough).")
    with store.read() as conn:
        rows = conn.execute(
            "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
            (prefix, prefix + "\uffff"),
        ).fetchall()
    if not rows:
        raise SessionNotFound(f"No saved session has an id starting with {prefix!r}.")
    if len(rows) > 1:
        raise AmbiguousSession(
            f"More than one session has an id starting with {prefix!r}; "
            "please give a few more characters."
        )
    return str(rows[0][0])


@record
class ResumePoint:
    """What ``gentle resume`` needs: the flow as it was run, the names and the snapshot."""

    session_id: str
    flow: Flow
    partners: tuple[str, str]
    snapshot: dict[str, Any]
    last_at: float


def resumable_ids(store: Store, limit: int = 20) -> list[str]:
    """Interrupted sessions that can be continued, most recent first (not one that was
    only opened: starting afresh is the same, and history doesn't show it either)."""
    from gentle.store.history import holds_something

    with store.read() as conn:
        rows = conn.execute(
            "SELECT id FROM sessions WHERE outcome IS NULL AND snapshot IS NOT NULL"
            f" AND source = 'app' AND {holds_something()} ORDER BY last_at DESC LIMIT ?",
            (limit,),
        ).fetchall()
    return [r[0] for r in rows]


def load_resume(store: Store, session_id: str) -> ResumePoint:
    """The point to continue from; pass ``flow`` and ``snapshot`` to ``Runner.restore``."""
    with store.read() as conn:
        row = conn.execute(
            "SELECT s.partner_a, s.partner_b, s.snapshot, s.last_at, f.body, s.outcome"
            " FROM sessions s JOIN flows f ON f.hash = s.flow_hash WHERE s.id = ?",
            (session_id,),
        ).fetchone()
    if row is None or row[2] is None or row[5] is not None:
        raise SessionNotFound("That session can't be continued: it ended, or it has no saved step.")
    return ResumePoint(
        session_id=session_id,
        flow=flow_from_json(row[4]),
        partners=(row[0], row[1]),
        snapshot=json.loads(row[2]),
        last_at=row[3],
    )


def seed_sessions(store: Store, n: int, *, seed: int = 7, heavy: bool = False) -> list[str]:
    """Fill the store with ``n`` realistic sessions (for scripts/bench and tests)."""
    from gentle.store.seed import seed_sessions as seed_many

    return seed_many(store, n, seed=seed, heavy=heavy)
