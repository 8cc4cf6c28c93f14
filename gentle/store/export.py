"""Sessions out of the store: Markdown for a therapist and plain text for a terminal, plus
the atomic, private file writer every export uses (JSON lives in export_json.py).

All user and author text passes through ``gentle.text.clean`` (no escape sequences or
control characters survive) and, for Markdown, through :func:`md_escape`, so a partner
writing ``[click](…)`` or ``<b>`` gets exactly those characters on the page.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Callable, Iterable

from gentle.atomic import TargetRefused, check_target, write_text_atomic
from gentle.store import describe as say
from gentle.store.errors import DataDirUnwritable, DiskFull, FileWriteError, translate
from gentle.store.export_json import export_data, to_json  # noqa: F401  (callers import them here too)
from gentle.store.history import SessionDetail, TimingRecord
from gentle.text import clean, clean_line

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
    out.append(f"{bullet}Length: {say.duration(s.seconds)}, {say.outcome(s.outcome, s.source)}")
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


def write_private_file(path: Path, text: "str | Iterable[str]", *, replace: bool = False) -> Path:
    """Write ``text`` atomically (temp file in the same folder, fsync, rename), as 0600.

    The folder's own permissions are left alone: it is the user's choice of place. An
    existing file is replaced only when ``replace`` says so; anything but an ordinary
    file, and a folder that isn't there, are refused (:func:`gentle.atomic.check_target`).
    """
    path = Path(path).expanduser()
    try:
        check_target(path, replace=replace)
    except TargetRefused as refused:
        raise FileWriteError(f"{refused} Nothing was changed.", path) from None
    try:
        return write_text_atomic(path, text, mode=0o600)
    except OSError as error:
        kind = translate(error, path)
        reason = (
            "the disk is full"
            if isinstance(kind, DiskFull)
            else "that folder can't be written to"
            if isinstance(kind, DataDirUnwritable)
            else (error.strerror or str(error)).lower()
        )
        raise FileWriteError(f"Couldn't write {path}: {reason}. Nothing was changed.", path) from None
