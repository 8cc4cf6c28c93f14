"""The complete JSON export: everything about each session, read back by ``gentle import``.

Format ``gentle-notes`` version 1: ``flows`` maps a hash to the flow copy as run;
each of ``sessions`` holds its row, its full event log (the engine's events, in order),
its notes and its resume snapshot. Derived tables (answers, timings, distress figures)
are not exported: importing replays the events, which rebuilds them exactly.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any, Iterator, Sequence

from gentle import __version__
from gentle.store import tidy
from gentle.store.db import Store
from gentle.store.history import history_ids

FORMAT = "gentle-notes"
# A demo saved from ``gentle demo`` (F5): never imported. As JSON its "format" says so;
# as Markdown it starts with DEMO_MARK (gentle.store.live.DEMO_NOTE).
DEMO_FORMAT = "gentle-demo"
DEMO_MARK = "**DEMO.**"
FORMAT_VERSION = 1


def export_data(
    store: Store, ids: Sequence[str] | None = None, *, raw_events: bool = False
) -> dict[str, Any]:
    """Everything about the sessions (all when ``ids`` is None), as one JSON-able object.

    ``raw_events`` leaves each event as its stored JSON text (for :func:`export_json`).
    """
    if ids is None:  # everything history holds (a session only opened holds nothing)
        ids = history_ids(store)
    with store.read() as conn:
        sessions: list[dict[str, Any]] = []
        flows: dict[str, Any] = {}
        for first in range(0, len(ids), 500):
            chunk = list(ids[first : first + 500])
            sessions += _sessions_chunk(conn, chunk, flows, raw_events)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "app": f"gentle {__version__}",
        "exported_at": time.time(),
        "flows": flows,
        "sessions": sessions,
    }


def _sessions_chunk(
    conn: Any, ids: list[str], flows: dict[str, Any], raw_events: bool
) -> list[dict[str, Any]]:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT id, flow_hash, flow_id, flow_title, partner_a, partner_b, started_at, last_at,"
        f" ended_at, outcome, source, snapshot FROM sessions WHERE id IN ({marks})"
        " ORDER BY started_at, id",
        ids,
    ).fetchall()
    by_id: dict[str, dict[str, Any]] = {}
    for r in rows:
        by_id[r[0]] = {
            "id": r[0], "flow": r[1], "flow_id": r[2], "flow_title": r[3],
            "partners": [r[4], r[5]], "started_at": r[6], "last_at": r[7], "ended_at": r[8],
            "outcome": r[9], "source": r[10],
            "snapshot": tidy.json_or(r[11], None) if r[11] else None,
            "events": [], "notes": [],
        }  # fmt: skip
        if r[1] not in flows:
            found = conn.execute("SELECT body FROM flows WHERE hash = ?", (r[1],)).fetchone()
            flows[r[1]] = tidy.json_or(found[0] if found else None, {})
    for sid, body in conn.execute(
        f"SELECT session_id, body FROM events WHERE session_id IN ({marks})"
        " AND json_valid(body) ORDER BY session_id, seq",  # a damaged event is left out
        ids,
    ):
        by_id[sid]["events"].append(body if raw_events else json.loads(body))
    for sid, step_id, text, at in conn.execute(
        f"SELECT session_id, step_id, text, at FROM notes WHERE session_id IN ({marks})"
        " ORDER BY session_id, at, id",
        ids,
    ):
        by_id[sid]["notes"].append({"step_id": step_id, "text": text, "at": at})
    return list(by_id.values())


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def to_json(data: Any) -> str:
    """JSON that is quick to write and safe to print.

    One list item (one session) per line: ``indent`` would push json onto its slow
    pure-Python encoder, and ten thousand sessions must export in seconds. json.dumps
    escapes C0 controls (ESC too) but not DEL or C1 controls such as \\x9b, a one-byte
    CSI; those are escaped here too.
    """
    return _safe(_layout(data, top=True)) + "\n"


def json_line(data: Any) -> str:
    """One item as ``to_json`` lays it out inside a list: one line, safe to print."""
    return _safe(json.dumps(data, ensure_ascii=False))


def _safe(text: str) -> str:
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _layout(data: Any, top: bool = False) -> str:
    dumps = json.dumps
    if isinstance(data, list) and data:
        return "[\n" + ",\n".join(" " + dumps(item, ensure_ascii=False) for item in data) + "\n]"
    if top and isinstance(data, dict):
        rows = [f" {dumps(str(k))}: {_layout(v)}" for k, v in data.items()]
        return "{\n" + ",\n".join(rows) + "\n}"
    return dumps(data, ensure_ascii=False)


def export_json(store: Store, ids: Sequence[str] | None = None) -> str:
    """The export as one text (one session, or a small export): see :func:`iter_export_json`."""
    return "".join(iter_export_json(store, ids))


CHUNK = 200  # sessions read (and held) at a time while exporting


def iter_export_json(store: Store, ids: Sequence[str] | None = None) -> Iterator[str]:
    """The export, piece by piece: a few hundred sessions are held at a time, whatever
    the history holds, so 100k sessions stream to a file in constant memory. Stored
    event JSON is copied, not parsed and re-encoded. The text is the same as before:
    one session per line (which ``gentle import`` reads line by line)."""
    if ids is None:  # everything history holds (a session only opened holds nothing)
        ids = history_ids(store)
    flows: dict[str, Any] = {}
    with store.read() as conn:
        # The flows first (they are few and small), so the sessions can follow one by one.
        for first in range(0, len(ids), 900):
            chunk = list(ids[first : first + 900])
            marks = ",".join("?" * len(chunk))
            for digest, body in conn.execute(
                "SELECT s.flow_hash, f.body FROM (SELECT DISTINCT flow_hash FROM sessions"
                f" WHERE id IN ({marks})) s LEFT JOIN flows f ON f.hash = s.flow_hash", chunk):
                if digest not in flows:  # a copy that is missing exports as {} (as before)
                    flows[digest] = tidy.json_or(body, {})
        head = {"format": FORMAT, "version": FORMAT_VERSION, "app": f"gentle {__version__}",
                "exported_at": time.time(), "flows": flows}
        rows = [f" {json.dumps(k)}: {_layout(v)}" for k, v in head.items()]
        yield _safe("{\n" + ",\n".join(rows) + ',\n "sessions": [')
        known = dict.fromkeys(flows)  # so the chunks below don't look the copies up again
        flows.clear()
        first_line = True
        for first in range(0, len(ids), CHUNK):
            lines = []
            for session in _sessions_chunk(conn, list(ids[first : first + CHUNK]), known, True):
                events = session.pop("events")
                body = json.dumps(session, ensure_ascii=False)
                lines.append(f' {body[:-1]}, "events": [{", ".join(events)}]}}')
            if lines:
                yield _safe(("\n" if first_line else ",\n") + ",\n".join(lines))
                first_line = False
    yield "\n ]\n}\n"
