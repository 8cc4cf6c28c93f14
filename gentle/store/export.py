"""Sessions out of the store: Markdown for a therapist, plain text for a terminal, JSON for
keeping or moving everything (``gentle import`` reads it back).

All user and author text passes through ``gentle.text.clean`` (no escape sequences or
control characters survive) and, for Markdown, through :func:`md_escape`, so a partner
writing ``[click](…)`` or ``<b>`` gets exactly those characters on the page.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from gentle import __version__
from gentle.store import describe as say
from gentle.store.db import Store
from gentle.store.errors import DataDirUnwritable, DiskFull, FileWriteError, translate
from gentle.store.history import SessionDetail, TimingRecord
from gentle.text import clean, clean_line

FORMAT = "gentle-notes"
FORMAT_VERSION = 1

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+(?=[.)]))")


def md_escape(text: str) -> str:
    """Cleaned text that Markdown shows literally (no links, emphasis, HTML or headings)."""
    out = []
    for line in clean(text).split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line)
        line = _MD_LINE_START.sub(_escape_line_start, line)
        out.append(line)
    return "\n".join(out)


def _escape_line_start(m: re.Match[str]) -> str:
    # '# x' becomes '\# x'; '1. x' becomes '1\. x' (a backslash before a digit would show).
    lead, mark = m.group(1), m.group(2)
    return f"{lead}{mark}\\" if mark[0].isdigit() else f"{lead}\\{mark}"


def _md_block(text: str, indent: str = "  ") -> str:
    # Continuation lines of a list item, with hard line breaks so the shape survives.
    lines = [line for line in md_escape(text).split("\n") if line.strip()]
    return ("  \n" + indent).join(lines) if lines else "(left blank)"


def _text_block(text: str, indent: str) -> str:
    lines = [line for line in clean(text).split("\n") if line.strip()]
    return ("\n" + indent).join(lines) if lines else "(left blank)"


def _timing_line(t: TimingRecord, flow_title: Callable[[str], str]) -> str:
    if t.kind == "break":
        who = f"called by {t.called_by_name}" if t.called_by_name else "started by the flow"
        planned = f" of {say.duration(t.planned)} planned" if t.planned else ""
        spent = say.duration(t.seconds) if t.seconds is not None else "still running"
        how = " (ended early)" if t.how == "early" else ""
        return f"Break {who}: {spent}{planned}{how}"
    name = flow_title(t.step_id) if t.step_id else "a timer"
    how = {"early": " (ended early)", "skipped": " (skipped)"}.get(t.how or "", "")
    return f"Timer, {name}: {say.duration(t.seconds)}{how}"


def _render(detail: SessionDetail, md: bool) -> list[str]:
    s = detail.summary
    esc: Callable[[str], str] = (lambda t: md_escape(clean_line(t))) if md else clean_line
    block = _md_block if md else _text_block
    partners = tuple(esc(p) for p in s.partners)
    title_of: Callable[[str], str] = lambda sid: esc(_step_title(detail, sid))  # noqa: E731
    bullet = "- " if md else "  "
    out = [f"## {esc(s.flow_title)}: {say.when(s.started_at)}" if md else
           f"{clean_line(s.flow_title)}  ({say.when(s.started_at)})", ""]
    out.append(f"{bullet}Session: {s.id}")
    out.append(f"{bullet}Partners: {partners[0]} and {partners[1]}")
    out.append(f"{bullet}Length: {say.duration(s.seconds)}, {say.outcome(s.outcome)}")
    scale = ", ".join(
        f"{name} {say.distress(*d)}" for name, d in zip(partners, s.distress)
    )
    out.append(f"{bullet}Distress, first and last rating: {scale}")
    if s.source == "walk":
        out.append(f"{bullet}Recorded from a rehearsal (gentle flows walk), not a real session")
    out.append("")
    out.append("### Steps" if md else "Steps")
    out.append("")
    for n, step in enumerate(detail.steps, 1):
        head = f"{n}. {esc(step.title)}"
        if step.skipped and not step.answers:
            head += " (skipped)"
        out.append(f"**{head}**" if md else f"  {head}")
        for a in step.answers:
            if a.withdrawn:
                continue  # changed with Back: the JSON export keeps it, the notes don't
            who = esc(a.partner_name) if a.partner_name else "Together"
            words = say.answer(detail.flow, a.step_id, a.value, detail.summary.partners)
            tag = " (default)" if a.defaulted else ""
            if md:
                out.append(f"- {who}{tag}: {_md_block(words)}")
            else:
                out.append(f"      {who}{tag}: {_text_block(words, '        ')}")
        out.append("")
    if detail.timings:
        out += ["### Breaks and timers" if md else "Breaks and timers", ""]
        out += [f"{bullet}{esc(_timing_line(t, lambda i: _step_title(detail, i)))}"
                for t in detail.timings]
        out.append("")
    if detail.notes:
        out += ["### Notes" if md else "Notes", ""]
        for note in detail.notes:
            where = f" at {title_of(note.step_id)}" if note.step_id else ""
            out.append(f"{bullet}{say.clock(note.at)}{where}: {block(note.text, '  ' if md else '    ')}")
        out.append("")
    return out


def _step_title(detail: SessionDetail, step_id: str) -> str:
    for step in detail.steps:
        if step.step_id == step_id:
            return step.title
    return step_id


def to_markdown(details: Iterable[SessionDetail], now: float | None = None) -> str:
    details = list(details)
    stamp = say.when(time.time() if now is None else now)
    count = f"{len(details)} session" + ("" if len(details) == 1 else "s")
    out = [
        "# Session notes from gentle",
        "",
        f"Exported {stamp}: {count}. These notes are private; please keep them somewhere safe.",
        "",
    ]
    for detail in details:
        out += ["---", ""] + _render(detail, md=True)
    return "\n".join(out).rstrip("\n") + "\n"


def to_text(detail: SessionDetail) -> str:
    """``gentle show``: the same content as Markdown, as clean plain text."""
    return "\n".join(_render(detail, md=False)).rstrip("\n") + "\n"


def export_data(store: Store, ids: Sequence[str] | None = None) -> dict[str, Any]:
    """Everything about the sessions (all when ``ids`` is None), as one JSON-able object."""
    with store.read() as conn:
        if ids is None:
            ids = [r[0] for r in conn.execute("SELECT id FROM sessions ORDER BY started_at, id")]
        sessions: list[dict[str, Any]] = []
        flows: dict[str, Any] = {}
        for first in range(0, len(ids), 500):
            sessions += _sessions_chunk(conn, list(ids[first : first + 500]), flows)
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "app": f"gentle {__version__}",
        "exported_at": time.time(),
        "flows": flows,
        "sessions": sessions,
    }


def _sessions_chunk(conn: Any, ids: list[str], flows: dict[str, Any]) -> list[dict[str, Any]]:
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
            "snapshot": json.loads(r[11]) if r[11] else None,
            "events": [], "notes": [],
        }  # fmt: skip
        if r[1] not in flows:
            body = conn.execute("SELECT body FROM flows WHERE hash = ?", (r[1],)).fetchone()[0]
            flows[r[1]] = json.loads(body)
    for sid, body in conn.execute(
        f"SELECT session_id, body FROM events WHERE session_id IN ({marks})"
        " ORDER BY session_id, seq",
        ids,
    ):
        by_id[sid]["events"].append(json.loads(body))
    for sid, step_id, text, at in conn.execute(
        f"SELECT session_id, step_id, text, at FROM notes WHERE session_id IN ({marks})"
        " ORDER BY session_id, at, id",
        ids,
    ):
        by_id[sid]["notes"].append({"step_id": step_id, "text": text, "at": at})
    return list(by_id.values())


_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def to_json(data: Any) -> str:
    """Readable JSON that is safe to print: json.dumps escapes C0 controls (ESC too) but
    not DEL or C1 controls such as \\x9b, a one-byte CSI; those are escaped here."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def write_private_file(path: Path, text: str) -> Path:
    """Write ``text`` atomically (temp file in the same folder, fsync, rename), as 0600.

    The folder's own permissions are left alone: it is the user's choice of place.
    """
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        tmp = Path(name)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
        _fsync_folder(folder)
    except OSError as error:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        kind = translate(error, path)
        reason = (
            "the disk is full"
            if isinstance(kind, DiskFull)
            else "that folder can't be written to"
            if isinstance(kind, DataDirUnwritable)
            else (error.strerror or str(error)).lower()
        )
        raise FileWriteError(f"Couldn't write {path}: {reason}. Nothing was changed.", path) from None
    return path


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform lets a folder be opened.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
