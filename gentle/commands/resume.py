"""``gentle resume``: continue the latest interrupted session, at the exact step.

A cool-down break that was running keeps its wall-clock deadline. With nothing to
continue, or a notes file that can't be opened, it says so in one line and exits.
Textual is imported inside the command only.
"""

from __future__ import annotations

import typer
from gentle.output import echo, error


def register(app: typer.Typer) -> None:
    @app.command("resume")
    def resume() -> None:
        """Pick up the latest unfinished session where you left off."""
        from gentle.commands.screens import build_context
        from gentle.commands.session_services import latest_resumable
        from gentle.store.errors import StoreError
        from gentle.text import clean_line

        context = build_context()
        if context.store is None:
            error(context.store_trouble or "gentle couldn't open its notes.")
            raise typer.Exit(1)
        try:
            session_id = latest_resumable(context)
        except StoreError as problem:
            error(problem)
            raise typer.Exit(1) from None
        if session_id is None:
            echo("Nothing to pick up: every session was finished or set aside.")
            return
        from gentle.tui.resume_app import ResumingApp
        from gentle.tui.running import run_app

        raise typer.Exit(run_app(ResumingApp(context, session_id)))
