"""``gentle import``: a JSON export back into the store.

Sessions are keyed by their UUID, so importing the same file twice adds nothing. Each
session's events are replayed through the recorder's own ``record_event``, so imported
sessions look exactly like recorded ones. The whole file is one transaction: it goes in
completely or not at all.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from pathlib import Path
from typing import Any, Iterator

from gentle.records import record
from gentle.store import import_check, summary
from gentle.store.db import Store
from gentle.store.errors import ImportFormatError
from gentle.store.export_json import DEMO_FORMAT, DEMO_MARK, FORMAT, FORMAT_VERSION
from gentle.store.flowcopy import flow_from_dict, flow_hash
from gentle.store.recorder import FlowFacts, apply_event, event_from_dict, event_row, record_event
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
        streamed = _stream(store, path)
        if streamed is not None:
            return streamed
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
    if text.lstrip("\ufeff").startswith(DEMO_MARK):
        raise ImportFormatError(demo_message(path, "Markdown"), path)
    data = _parse(text, path)
    return import_data(store, data, path)


def demo_message(path: Path | str, kind: str) -> str:
    """Said instead of "this isn't a gentle export" when the file is a saved demo."""
    return (f"{path}: this is a demo, saved from gentle demo with sample names. Demos are never "
            f"imported into your notes, so nothing was imported. It is plain {kind} text: "
            "open it in any text editor to look at it.")


def _parse(text: str, path: Path, first_line: int = 1) -> Any:
    try:
        return import_check.loads(text)
    except import_check.Bad as bad:
        raise ImportFormatError(f"{path}: this can't be imported: {bad}. Nothing was imported.", path) from None
    except json.JSONDecodeError as error:
        line = error.lineno + first_line - 1
        raise ImportFormatError(
            f"{path}:{line}:{error.colno}: this isn't a gentle export "
            f"(the JSON is broken here: {error.msg}).",
            path,
            line,
            error.colno,
        ) from None


SESSIONS_LINE = '"sessions": ['


def _stream(store: Store, path: Path) -> ImportResult | None:
    """Import a file laid out as gentle writes it (one session per line) a session at a
    time, so memory stays small however many sessions it holds. None when the file is
    laid out some other way (reformatted by hand, say): it is then read whole.

    Still all or nothing: every session is checked just before it is written, all in
    one transaction, and the first problem rolls the whole file back."""
    with path.open("rb") as handle:
        head: list[str] = []
        for raw_line in handle:
            line = raw_line.decode("utf-8")
            if line.rstrip("\r\n") == " " + SESSIONS_LINE:
                break
            # gentle's own layout: "{", then one top-level key per line (" \"flows\": {…}")
            if (line.rstrip("\r\n") != "{") if not head else not line.startswith(' "'):
                return None
            head.append(line)
        else:
            return None
        start_line = len(head) + 2  # the first session's line number
        header = _parse("".join(head) + ' "sessions": []}', path)
        flows, _ = _check_shape(header, path)
        try:
            import_check.check_export(flows, [])
        except import_check.Bad as bad:
            raise ImportFormatError(f"{path}: this can't be imported: {bad}. Nothing was imported.", path) from None

        def sessions() -> Iterator[Any]:
            number = start_line - 1
            ended = closed = False
            for raw_line in handle:
                number += 1
                text = raw_line.decode("utf-8").strip()
                if ended:
                    if text == "}" and not closed:
                        closed = True
                    elif text != "":
                        raise ImportFormatError(f"{path}:{number}: this isn't a gentle export "
                                                "(there is more after its end).", path, number, 1)
                    continue
                if text in ("]", "],") or text == "":
                    ended = text != ""
                    if ended and text != "]":
                        raise ImportFormatError(f"{path}:{number}: this isn't a gentle export "
                                                "(the JSON is broken here).", path, number, 1)
                    continue
                yield _parse(text[:-1] if text.endswith(",") else text, path, number)
            if not closed:
                raise ImportFormatError(f"{path}: this isn't a gentle export (it ends too soon).", path)

        return _write(store, flows, sessions(), path)


def import_data(store: Store, data: Any, path: Path | str = "(import)") -> ImportResult:
    flows, sessions = _check_shape(data, Path(path))
    try:
        import_check.check_export(flows, sessions)
    except import_check.Bad as bad:
        raise ImportFormatError(f"{path}: this can't be imported: {bad}. Nothing was imported.",
                                Path(path)) from None
    return _write(store, flows, iter(sessions), Path(path), checked=True)


def _write(store: Store, flows: dict[str, Any], sessions: Iterator[Any], path: Path,
           *, checked: bool = False) -> ImportResult:
    added = skipped = extended = 0
    # One transaction holds the whole import (all or nothing). With SQLite's small default
    # page cache, its random-keyed inserts push pages out and back again, so the write
    # ahead log grows many times the data and a big import slows down more than in
    # proportion; a larger cache for this connection, this once, keeps them in memory.
    store.conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        return _write_all(store, flows, sessions, path, checked=checked)
    finally:
        store.conn.execute("PRAGMA cache_size = -2000")  # SQLite's default again


IMPORT_CACHE_KIB = 64 * 1024


def _write_all(store: Store, flows: dict[str, Any], sessions: Iterator[Any], path: Path,
               *, checked: bool) -> ImportResult:
    added = skipped = extended = 0
    with store.write() as conn:
        copies: dict[str, tuple[str, FlowFacts]] = {}
        for n, raw in enumerate(sessions, 1):
            if not checked:
                try:
                    import_check.check_export(flows, [raw])
                except import_check.Bad as bad:
                    words = str(bad).replace("session 1", f"session {n}", 1)
                    raise ImportFormatError(f"{path}: this can't be imported: {words}. "
                                            "Nothing was imported.", path) from None
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
    if isinstance(data, dict) and (data.get("format") == DEMO_FORMAT or data.get("demo") is True):
        raise ImportFormatError(demo_message(path, "JSON"), path)
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
    latest = started
    whole = dataclasses.replace(facts, defer_summary=True)
    # The session is new: its events are numbered here and written in one statement,
    # then what each one changes (answers, timings) is applied in order.
    events = [event_from_dict(event) for event in raw["events"]]
    rows = []
    for seq, (event, body) in enumerate(zip(events, raw["events"]), 1):
        kind, at, text = event_row(event, body)
        rows.append((session_id, seq, kind, at, text))
        latest = max(latest, at)
    conn.executemany("INSERT INTO events (session_id, seq, kind, at, body) VALUES (?, ?, ?, ?, ?)", rows)
    for event in events:
        apply_event(conn, session_id, event, whole)
    if any(m == "distress" for m in facts.measures.values()):
        summary.refresh(conn, session_id, facts.threshold)  # once, with every rating in
    _add_notes(conn, session_id, raw.get("notes", []))
    _settle(conn, session_id, raw, latest)


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
    """``started``: the session's start, or the latest of its events written with ``touch=False``."""
    # What the file says wins over what replaying implies (an abandoned session, say).
    outcome = raw.get("outcome")
    if outcome not in (None, "completed", "abandoned"):
        raise ValueError(f"unknown outcome {outcome!r}")
    snapshot = raw.get("snapshot")
    conn.execute(
        "UPDATE sessions SET outcome = ?, ended_at = ?, last_at = max(last_at, ?, ?),"
        " snapshot = ? WHERE id = ?",
        (
            outcome,
            raw.get("ended_at"),
            float(raw.get("last_at") or started),
            started,  # or the latest event's time, when the events were written untouched
            json.dumps(snapshot, ensure_ascii=False) if snapshot is not None else None,
            session_id,
        ),
    )
