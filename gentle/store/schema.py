"""The notes schema, as a list of forward migrations keyed by ``PRAGMA user_version``.

A migration, once released, never changes: a database made by any older gentle must
walk the same steps to reach today's shape. Each one runs inside the caller's
``BEGIN IMMEDIATE`` transaction, so a crash mid-migration leaves the old version intact.
"""

from __future__ import annotations

import sqlite3
from typing import Callable

# Version 1: sessions, the full event log, answers and timings (the first release).
V1 = """
CREATE TABLE flows (
    hash TEXT PRIMARY KEY,          -- sha256 of body: many sessions share one copy
    flow_id TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL              -- JSON of dataclasses.asdict(Flow), as it was run
);
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,            -- uuid4 hex: stable across export and import
    flow_hash TEXT NOT NULL REFERENCES flows(hash),
    flow_id TEXT NOT NULL,
    flow_title TEXT NOT NULL,
    partner_a TEXT NOT NULL,
    partner_b TEXT NOT NULL,
    started_at REAL NOT NULL,       -- seconds since the epoch, UTC
    last_at REAL NOT NULL,          -- the latest event: where an interrupted session stopped
    ended_at REAL,                  -- set by Finished, or when abandoned
    outcome TEXT CHECK (outcome IN ('completed', 'abandoned')),  -- NULL reads as interrupted
    source TEXT NOT NULL DEFAULT 'app',  -- 'app' or 'walk' (gentle flows walk --save)
    snapshot TEXT                   -- the runner's snapshot JSON, for gentle resume
);
CREATE TABLE events (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,             -- the event class name from gentle.engine.events
    at REAL NOT NULL,
    body TEXT NOT NULL,             -- JSON of the event's fields
    PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    step_id TEXT NOT NULL,
    partner INTEGER CHECK (partner IN (0, 1)),  -- NULL: a shared answer
    value TEXT NOT NULL,            -- JSON
    at REAL NOT NULL,
    defaulted INTEGER NOT NULL DEFAULT 0,
    withdrawn_at REAL,              -- Back was pressed: kept, but it no longer counts
    measures TEXT,                  -- rate steps: distress / closeness / other
    rating INTEGER                  -- rate steps: the number chosen
);
CREATE INDEX answers_by_session ON answers(session_id, at);
CREATE TABLE timings (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('timer', 'break')),
    step_id TEXT,
    called_by INTEGER,              -- breaks: partner 0/1, NULL when the flow started it
    planned REAL,
    deadline REAL,                  -- breaks: wall-clock UTC, so a restart keeps the time
    started_at REAL,
    seconds REAL,                   -- time actually spent, pauses excluded
    how TEXT,
    ended_at REAL
);
CREATE INDEX timings_by_session ON timings(session_id);
"""

# Version 2: free notes, plus per-session distress figures so history and insights
# over thousands of sessions are one indexed scan instead of a join per row.
V2 = """
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    step_id TEXT,
    text TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX notes_by_session ON notes(session_id, at);
ALTER TABLE sessions ADD COLUMN distress_before_a INTEGER;
ALTER TABLE sessions ADD COLUMN distress_after_a INTEGER;
ALTER TABLE sessions ADD COLUMN distress_before_b INTEGER;
ALTER TABLE sessions ADD COLUMN distress_after_b INTEGER;
ALTER TABLE sessions ADD COLUMN calm_seconds REAL;
CREATE INDEX sessions_by_start ON sessions(started_at);
CREATE INDEX timings_breaks ON timings(kind, called_by);
"""


def _to_v1(conn: sqlite3.Connection) -> None:
    for statement in _statements(V1):
        conn.execute(statement)


def _to_v2(conn: sqlite3.Connection) -> None:
    for statement in _statements(V2):
        conn.execute(statement)
    # Sessions recorded under v1 get their distress figures from the answers they hold.
    from gentle.store.summary import refresh_all

    refresh_all(conn)


# Version 3: who this database is, so a leftover -wal from another file is never
# replayed into it (gentle/store/wal_check.py): a random id, and a count of forgets, so
# that a WAL holding a forget is told apart from a stale one that would lose sessions.
V3 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _to_v3(conn: sqlite3.Connection) -> None:
    import uuid

    for statement in _statements(V3):
        conn.execute(statement)
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                     [("store_id", str(uuid.uuid4())), ("forgets", "0")])


# Version 4: whether a session holds anything the couple gave (an answer, even one taken
# back; a note; a break; words kept as a draft), kept by triggers on the tables that
# hold those, whatever writes them. History, insights, export and resume leave out a
# session only opened; asking the four tables for every session cost insights 0.3 s
# at 100,000 sessions.
V4 = """
ALTER TABLE sessions ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER held_by_answer AFTER INSERT ON answers
    BEGIN UPDATE sessions SET held = 1 WHERE id = NEW.session_id AND held = 0; END;
CREATE TRIGGER held_by_note AFTER INSERT ON notes
    BEGIN UPDATE sessions SET held = 1 WHERE id = NEW.session_id AND held = 0; END;
CREATE TRIGGER held_by_break AFTER INSERT ON timings WHEN NEW.kind = 'break'
    BEGIN UPDATE sessions SET held = 1 WHERE id = NEW.session_id AND held = 0; END;
CREATE TRIGGER held_by_draft AFTER INSERT ON events WHEN NEW.kind = 'DraftKept'
    BEGIN UPDATE sessions SET held = 1 WHERE id = NEW.session_id AND held = 0; END;
"""


def _to_v4(conn: sqlite3.Connection) -> None:
    for statement in _statements_with_triggers(V4):
        conn.execute(statement)
    conn.execute(
        "UPDATE sessions SET held = 1 WHERE"
        " EXISTS (SELECT 1 FROM answers WHERE answers.session_id = sessions.id)"
        " OR EXISTS (SELECT 1 FROM notes WHERE notes.session_id = sessions.id)"
        " OR EXISTS (SELECT 1 FROM timings WHERE timings.session_id = sessions.id AND timings.kind = 'break')"
        " OR EXISTS (SELECT 1 FROM events WHERE events.session_id = sessions.id AND events.kind = 'DraftKept')"
    )


def _statements_with_triggers(script: str) -> list[str]:
    """Statements of ``script``; a trigger's body (BEGIN … END;) stays one statement."""
    out, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        if text.endswith("END;") or (text.endswith(";") and not text.upper().startswith("CREATE TRIGGER")):
            out.append(text[:-1])
            current = []
    return out


def _statements(script: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


# MIGRATIONS[n] takes a database at version n to version n + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_to_v1, _to_v2, _to_v3, _to_v4)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> int:
    """Run every migration from the current ``user_version`` up to ``upto``; return it.

    The caller holds the write transaction (``PRAGMA user_version`` is transactional).
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    while version < upto:
        MIGRATIONS[version](conn)
        version += 1
        conn.execute(f"PRAGMA user_version = {version}")
    return version
