"""A database made by the first release opens in this one with nothing lost."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from gentle import paths
from gentle.store.db import open_store
from gentle.store.flowcopy import flow_hash, flow_to_json
from gentle.store.history import list_sessions, session_detail
from gentle.store.schema import MIGRATIONS, SCHEMA_VERSION
from gentle.store.sessions import add_note

from .support import calm_flow


def _first_release_database(path: Path) -> str:
    """Exactly what schema version 1 wrote: no notes table, no distress columns."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    flow = calm_flow()
    body = flow_to_json(flow)
    conn.execute(
        "INSERT INTO flows VALUES (?, ?, ?, ?)", (flow_hash(body), flow.id, flow.title, body)
    )
    sid = "0123456789abcdef0123456789abcdef"
    conn.execute(
        "INSERT INTO sessions (id, flow_hash, flow_id, flow_title, partner_a, partner_b,"
        " started_at, last_at, ended_at, outcome) VALUES (?, ?, ?, ?, 'Sam', 'Alex',"
        " 1000, 1900, 1900, 'completed')",
        (sid, flow_hash(body), flow.id, flow.title),
    )
    rows = [  # (step, partner, rating, at)
        ("before", 0, 9, 1010), ("before", 1, 6, 1020),
        ("after", 0, 3, 1800), ("after", 1, 5, 1810),
    ]  # fmt: skip
    for step, partner, rating, at in rows:
        conn.execute(
            "INSERT INTO answers (session_id, step_id, partner, value, at, measures, rating)"
            " VALUES (?, ?, ?, ?, ?, 'distress', ?)",
            (sid, step, partner, json.dumps(rating), at, rating),
        )
    conn.execute(
        "INSERT INTO events (session_id, seq, kind, at, body) VALUES (?, 1, 'StepEntered',"
        " 1000, ?)",
        (sid, json.dumps({"kind": "StepEntered", "step_id": "before", "at": 1000})),
    )
    conn.execute("COMMIT")
    conn.close()
    return sid


def test_a_version_1_database_is_migrated_forward(home: Path) -> None:
    sid = _first_release_database(paths.database_file())
    with open_store() as store:
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION == 4
        [row] = list_sessions(store)  # v4: it holds answers, so it is kept, not "only opened"
        # The v2 distress figures were filled in from the answers v1 had kept.
        assert row.distress == ((9, 3), (6, 5))
        assert row.outcome == "completed"
        add_note(store, sid, "notes work after the upgrade")
        detail = session_detail(store, sid[:6])
        assert [n.text for n in detail.notes] == ["notes work after the upgrade"]
        assert [a.value for s in detail.steps for a in s.answers] == [9, 6, 3, 5]
        assert store.check() == "ok"


def test_migrating_twice_is_harmless(home: Path) -> None:
    _first_release_database(paths.database_file())
    open_store().close()
    with open_store() as store:
        assert len(list_sessions(store)) == 1


def test_version_4_marks_what_each_session_holds_and_keeps_it_marked(home: Path) -> None:
    """The migration fills `held` from what the tables hold; the triggers keep it."""
    import sqlite3

    from gentle.engine import events as ev
    from gentle.store.recorder import Recorder
    from gentle.store.sessions import start_session

    from .support import calm_flow

    sid = _first_release_database(paths.database_file())
    with open_store() as store:
        held = dict(store.conn.execute("SELECT id, held FROM sessions").fetchall())
        assert held == {sid: 1}
        opened = start_session(store, calm_flow(), ("Sam", "Alex"), started_at=1.7e9)
        noted = start_session(store, calm_flow(), ("Sam", "Alex"), started_at=1.7e9 + 1)
        drafted = start_session(store, calm_flow(), ("Sam", "Alex"), started_at=1.7e9 + 2)
        broke = start_session(store, calm_flow(), ("Sam", "Alex"), started_at=1.7e9 + 3)
        Recorder(store, opened)(ev.StepEntered("before", 1.7e9 + 5))
        add_note(store, noted, "a note")
        Recorder(store, drafted)(ev.DraftKept("before", 0, "half a thought", 1.7e9 + 6))
        Recorder(store, broke)(ev.BreakStarted(0, 1200, 1.7e9 + 1210, 1.7e9 + 10))
        held = dict(store.conn.execute("SELECT id, held FROM sessions").fetchall())
    assert held == {sid: 1, opened: 0, noted: 1, drafted: 1, broke: 1}
    with sqlite3.connect(paths.database_file()) as conn:  # any writer, not only gentle's code
        conn.execute("INSERT INTO answers (session_id, step_id, partner, value, at) VALUES (?, 'x', 0, '1', 1)",
                     (opened,))
        assert conn.execute("SELECT held FROM sessions WHERE id = ?", (opened,)).fetchone()[0] == 1
