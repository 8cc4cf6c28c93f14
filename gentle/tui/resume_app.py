"""``gentle resume``: the app with the saved session opened over the home screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gentle.tui.app import GentleApp
from gentle.tui.screens.resume import resume_session

if TYPE_CHECKING:
    from gentle.tui.context import AppContext


class ResumingApp(GentleApp):
    CSS_PATH = Path(__file__).parent / "gentle.tcss"  # relative paths follow the subclass

    def __init__(self, context: "AppContext", session_id: str) -> None:
        super().__init__(context)
        self.session_id = session_id

    def on_mount(self) -> None:
        # Textual runs this before GentleApp.on_mount pushes home: open the session after it.
        self.call_later(resume_session, self, self.session_id)
