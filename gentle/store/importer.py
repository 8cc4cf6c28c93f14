"""``gentle import``: a JSON export back into the store.

Sessions are keyed by their UUID, so importing the same file twice adds nothing. Each
session's events are replayed through the recorder's own ``record_event``, so imported
sessions look exactly like recorded ones. The whole file is one transaction: it goes in
completely or not at all.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from gentle.records import record
from gentle.store import import_check
from gentle.store.db import Store
from gentle.store.errors import ImportFormatError
from gentle.store.export_json import FORMAT, FORMAT_VERSION
from gentle.store.flowcopy import flow_from_dict, flow_hash
from gentle.store.recorder import FlowFacts, event_from_dict, record_event
from gentle.store.sessions import save_flow_copy


@record
class ImportResult:
    added: int
    already_there: int
    extended: int = 0  # sessions already here that the file carried further (a rescue file)


def import_file(store: Store, path: Path) -> ImportResult:
    path = Path(path).expanduser()
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # said below, by the read
    if path.exists() and not path.is_file():  # /dev/zero, a pipe: they never end
        raise ImportFormatError(f"{path}: this is not an ordinary file, so it can't be a gentle export.", path)
    if size > import_check.MAX_BYTES:
        raise ImportFormatError(
            f"{path}: this file is {size / 1024**3:.1f} GB, larger than any gentle export "
            f"({import_check.MAX_BYTES // 1024**3} GB at most). Nothing was imported.", path)
    try:
        with path.open("rb") as handle:  # never more than an export can be, whatever stat said
            raw = handle.read(import_check.MAX_BYTES + 1)
        if len(raw) > import_check.MAX_BYTES:
            raise ImportFormatError(f"{path}: this file is larger than any gentle export. "
                                    "Nothing was imported.", path)
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise ImportFormatError(f"{path}: there is no such file.", path) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it isn't a text file"
        raise ImportFormatError(f"{path}: couldn't read it ({reason}).", path) from None
    try:
        data = import_check.loads(text)
    except import_check.Bad as bad:
        raise ImportFormatError(f"{path}: this can't be imported: {bad}. Nothing was imported.", path) from None
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            f"{path}:{error.lineno}:{error.colno}: this isn't a gentle export "
            f"(the JSON is broken here: {error.msg}).",
            path,
            error.lineno,
            error.colno,
        ) from None
    return import_data(store, data, path)


def import_data(store: Store, data: Any, path: Path | str = "(import)") -> ImportResult:
    flows, sessions = _check_shape(data, Path(path))
    try:
        import_check.check_export(flows, sessions)
    except import_check.Bad as bad:
        raise ImportFormatError(f"{path}: this can't be imported: {bad}. Nothing was imported.",
                                Path(path)) from None
    added = skipped = extended = 0
    with store.write() as conn:
        copies: dict[str, tuple[str, FlowFacts]] = {}
        for n, raw in enumerate(sessions, 1):
            try:
                session_id = uuid.UUID(hex=str(raw["id"])).hex
                if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
                    if _extend_session(conn, session_id, raw):
                        extended += 1
                    else:
                        skipped += 1
                    continue
                digest, facts = copies.get(raw["flow"]) or _flow_copy(conn, flows[raw["flow"]])
                copies[raw["flow"]] = (digest, facts)
                _insert_session(conn, session_id, digest, raw, facts)
                added += 1
            except ImportFormatError:
                raise
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                raise ImportFormatError(
                    f"{path}: session {n} can't be read ({type(error).__name__}: {error}). "
                    "Nothing was imported.",
                    Path(path),
                ) from None
    return ImportResult(added, skipped, extended)


def _check_shape(data: Any, path: Path) -> tuple[dict[str, Any], list[Any]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError(f"{path}: this isn't a gentle export.", path)
    version = data.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportFormatError(
            f"{path}: this export comes from a newer gentle (format {version!r}); "
            "please update gentle to import it.",
            path,
        )
    flows, sessions = data.get("flows"), data.get("sessions")
    if not isinstance(flows, dict) or not isinstance(sessions, list):
        raise ImportFormatError(f"{path}: this export is missing its flows or sessions.", path)
    return flows, sessions


def _flow_copy(conn: Any, raw: dict[str, Any]) -> tuple[str, FlowFacts]:
    flow = flow_from_dict(raw)  # proves the copy can be read back (and resumed)
    # Kept as written, so the copy (and its hash) is the very one the exporter held.
    body = json.dumps(raw, sort_keys=True, ensure_ascii=False)
    digest = flow_hash(body)
    save_flow_copy(conn, digest, flow.id, flow.title, body)
    return digest, FlowFacts.of(flow)


def _insert_session(
    conn: Any, session_id: str, digest: str, raw: dict[str, Any], facts: FlowFacts
) -> None:
    a, b = (str(name) for name in raw["partners"][:2])
    started = float(raw["started_at"])
    source = raw.get("source") if raw.get("source") in ("app", "walk") else "app"
    conn.execute(
        "INSERT INTO sessions (id, flow_hash, flow_id, flow_title, partner_a, partner_b,"
        " started_at, last_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (session_id, digest, str(raw["flow_id"]), str(raw["flow_title"]), a, b, started, started,
         source),
    )  # fmt: skip
    for event in raw["events"]:
        record_event(conn, session_id, event_from_dict(event), facts)
    _add_notes(conn, session_id, raw.get("notes", []))
    _settle(conn, session_id, raw, started)


def _extend_session(conn: Any, session_id: str, raw: dict[str, Any]) -> bool:
    """Add what a file knows beyond the stored session: the events after the ones stored
    (only when those match, in order) and notes not yet here. True if anything was added."""
    stored = [json.loads(b) for (b,) in conn.execute(
        "SELECT body FROM events WHERE session_id = ? ORDER BY seq", (session_id,))]  # fmt: skip
    events = raw["events"]
    same = [(e["kind"], e["at"]) for e in events[: len(stored)]] == [
        (e["kind"], e["at"]) for e in stored
    ]
    notes = {(n[0], n[1]) for n in conn.execute(
        "SELECT text, at FROM notes WHERE session_id = ?", (session_id,))}  # fmt: skip
    new_notes = [n for n in raw.get("notes", []) if (str(n["text"]), float(n["at"])) not in notes]
    more = events[len(stored) :] if same else []
    if not more and not new_notes:
        return False
    facts = FlowFacts.of_session(conn, session_id)
    for event in more:
        record_event(conn, session_id, event_from_dict(event), facts)
    _add_notes(conn, session_id, new_notes)
    if more:
        _settle(conn, session_id, raw, float(raw["started_at"]))
    return True


def _add_notes(conn: Any, session_id: str, notes: list[dict[str, Any]]) -> None:
    for note in notes:
        conn.execute(
            "INSERT INTO notes (session_id, step_id, text, at) VALUES (?, ?, ?, ?)",
            (session_id, note.get("step_id"), str(note["text"]), float(note["at"])),
        )


def _settle(conn: Any, session_id: str, raw: dict[str, Any], started: float) -> None:
    # What the file says wins over what replaying implies (an abandoned session, say).
    outcome = raw.get("outcome")
    if outcome not in (None, "completed", "abandoned"):
        raise ValueError(f"unknown outcome {outcome!r}")
    snapshot = raw.get("snapshot")
    conn.execute(
        "UPDATE sessions SET outcome = ?, ended_at = ?, last_at = max(last_at, ?),"
        " snapshot = ? WHERE id = ?",
        (
            outcome,
            raw.get("ended_at"),
            float(raw.get("last_at") or started),
            json.dumps(snapshot, ensure_ascii=False) if snapshot is not None else None,
            session_id,
        ),
    )
