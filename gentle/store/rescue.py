"""When the store fails mid-session: write everything the Recorder kept in memory to a
file the user chooses, so nothing of the session is lost.

The JSON is an ordinary gentle export, so once the problem is fixed ``gentle import``
brings the session (or the part the store missed) back into history. The Markdown is the
same read-and-print page ``gentle export`` makes.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from gentle import __version__
from gentle.store.db import open_memory_store
from gentle.store.export import to_markdown, write_private_file
from gentle.store.export_json import FORMAT, FORMAT_VERSION, to_json
from gentle.store.history import session_detail
from gentle.store.importer import import_data
from gentle.store.recorder import Recorder


def rescue_data(recorder: Recorder) -> dict[str, Any]:
    """The session as the Recorder knows it (memory only: the store is not read)."""
    row = recorder.row
    events = list(recorder.events)
    finished = [e for e in events if e.get("kind") == "Finished"]
    last_at = max([row["started_at"], *(e["at"] for e in events), *(n["at"] for n in recorder.notes)])
    session = {
        "id": recorder.session_id,
        "flow": row["flow_hash"],
        "flow_id": row["flow_id"],
        "flow_title": row["flow_title"],
        "partners": [row["partner_a"], row["partner_b"]],
        "started_at": row["started_at"],
        "last_at": last_at,
        "ended_at": finished[-1]["at"] if finished else None,
        "outcome": "completed" if finished else None,
        "source": row["source"],
        "snapshot": None if finished else recorder.snapshot_now(),
        "events": events,
        "notes": list(recorder.notes),
    }
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "app": f"gentle {__version__}",
        "exported_at": time.time(),
        "flows": {row["flow_hash"]: json.loads(recorder.flow_body)},
        "sessions": [session],
    }


def rescue(recorder: Recorder, path: Path, fmt: str = "json") -> Path:
    """Write the session to ``path`` as ``json`` (importable later) or ``md``; 0600."""
    data = rescue_data(recorder)
    if fmt == "json":
        return write_private_file(path, to_json(data))
    with open_memory_store() as scratch:  # replayed exactly as an import would
        import_data(scratch, data)
        text = to_markdown([session_detail(scratch, recorder.session_id)])
    return write_private_file(path, text)
