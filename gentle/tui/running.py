"""Running the app so that nobody ever sees a traceback.

Textual prints a traceback when something inside the app breaks. A couple in the middle
of a hard moment should see a kind sentence instead, and know their words are safe (every
answer was committed as it was given). The details go to a private file for whoever
wants to report the problem.
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from gentle import paths
from gentle.output import echo

if TYPE_CHECKING:
    from textual.app import App

SORRY = (
    "Sorry, something went wrong inside gentle and it had to close.\n"
    "Everything you both answered so far was saved as you went: `gentle resume` carries on "
    "from the same step."
)
# When no session was under way (the crash came on the history screen, say).
SORRY_NO_SESSION = (
    "Sorry, something went wrong inside gentle and it had to close.\n"
    "Your saved notes are as they were."
)


def run_app(app: "App", **run_options: Any) -> int:
    """Run ``app``; return its exit code, turning a crash into a kind message."""
    captured = io.StringIO()
    # Textual writes its crash report here instead of to the terminal.
    app.error_console = Console(file=captured, markup=False, highlight=False, width=100)
    app.run(**run_options)
    code = app.return_code or 0
    report = captured.getvalue()
    if code:
        # Whatever was half-typed when it broke: kept with the session while we still can.
        keep = getattr(app, "keep_drafts", None)
        if keep is not None:
            keep()
    rescued = _save_what_waits(app)
    if code and report.strip():
        where = _keep_report(report)
        context = getattr(app, "context", None)
        running = any(not runner.finished for runner in getattr(context, "live", {}))
        sorry = SORRY if running else SORRY_NO_SESSION
        echo(sorry if not rescued else sorry.split("\n")[0])
        if where is not None:
            echo(f"The details are in {where}, readable only by you.")
    for line in rescued:
        echo(line)
    return code


# How long the last try on the way out may wait for another gentle's lock.
LAST_TRY_MS = 2000


def _save_what_waits(app: "App") -> list[str]:
    """On the way out: a last try to save what waits; else a private copy to import later.

    Lines to print for the couple (nothing when everything is saved)."""
    context = getattr(app, "context", None)
    lines: list[str] = []
    for live in list(getattr(context, "live", {}).values()):
        if live.demo or not live.waiting:
            continue
        try:
            if live.save_waiting(patience_ms=LAST_TRY_MS):
                continue
        except Exception:  # noqa: BLE001 - never let the last try stand in the way
            pass
        stamp = time.strftime("%Y%m%d-%H%M%S")
        try:
            folder = paths.make_private_dir(paths.data_dir())
            path = live.save_copy(folder / f"unsaved-session-{stamp}.json", "json")
        except Exception:  # noqa: BLE001 - a full disk: say so plainly
            lines.append("Some answers of this session could not be saved anywhere (the notes "
                         "file and its folder can't be written). Nothing else was lost.")
            continue
        lines.append(f"Some answers could not be saved in gentle's notes ({live.trouble or 'busy'}), so "
                     f"the whole session is in {path}, readable only by you. `gentle import {path}` "
                     "brings it into your notes later.")
    return lines


def _keep_report(report: str) -> Path | None:
    """Write the crash report privately; None when even that is not possible."""
    name = time.strftime("crash-%Y%m%d-%H%M%S.log")
    try:
        folder = paths.make_private_dir(paths.data_dir())
        target = folder / name
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(report)
        return target
    except OSError:
        return None
