"""The first frame of a session: the flow's name and first step, while recording gets ready.

Starting the notes store for a session costs a moment (it commits to disk before the
first step counts). This screen is drawn first, so the couple sees where they are at
once; it then starts the runner and gives way to the real session screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from gentle.tui.widgets.session_bar import SessionBar
from gentle.tui.widgets.words import Words
from gentle.tui.wording import Wording

if TYPE_CHECKING:
    from gentle.flows.model import Flow


FRAME_GRACE = 0.03  # seconds


class OpeningScreen(Screen[None]):
    def __init__(self, flow: "Flow", partners: tuple[str, str]) -> None:
        super().__init__()
        self.flow = flow
        self.partners = partners

    def compose(self) -> ComposeResult:
        first = self.flow.steps[0] if self.flow.steps else None
        yield SessionBar(self.flow.title)
        with VerticalScroll(id="body"):
            with Vertical(classes="column", id="column"):
                title = getattr(first, "title", None)
                yield Words(Wording(self.partners).text(title, one_line=True) if title else "", classes="step-title")
                yield Words("One moment…", classes="hint")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(SessionBar).show((1, len(self.flow.steps)), 0.0, paused=False)
        # A short wait lets this frame reach the terminal before the work that follows.
        self.set_timer(FRAME_GRACE, self._open)

    def _open(self) -> None:
        from gentle.tui.screens.session import EventRelay, SessionScreen

        relay = EventRelay()
        runner = self.app.context.start_runner(self.flow, self.partners, relay)
        self.app.switch_screen(SessionScreen(runner, relay))
