"""The first frame of a session: the flow's name and first step, while recording gets ready.

Starting the notes store for a session costs a moment (it commits to disk before the
first step counts). This screen is drawn first, so the couple sees where they are at
once; it then starts the runner and gives way to the real session screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Static

from gentle.tui.widgets.session_bar import SessionBar
from gentle.tui.widgets.words import Words
from gentle.tui.wording import Wording

if TYPE_CHECKING:
    from gentle.flows.model import Flow


# After the first frame is composed, a moment for the writer thread to put it on the
# terminal before the main thread is busy opening the session.
FRAME_GRACE = 0.01  # seconds
# If the footer's line is never painted (a terminal too small to show it), open anyway.
UNSEEN_LIMIT = 0.5  # seconds


class FooterSpace(Static):
    """The footer's line, empty while the session opens; it says when it is first shown.

    textual may paint a frame while the app is still being put together (a "batch") and
    then throw that frame away; only a paint outside a batch reaches the terminal.
    """

    def __init__(self, shown: Callable[[], None]) -> None:
        super().__init__(classes="footer-space")
        self._shown: Callable[[], None] | None = shown

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self._shown is not None:
            if getattr(self.app, "_batch_count", 0):
                self.call_later(self.refresh)  # be painted again with the frame that is shown
            else:
                shown, self._shown = self._shown, None
                shown()
        return lines


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
        # The footer's line, empty: the keys come with the session screen. A real Footer
        # builds its keys just as the first frame is due, and textual holds that frame
        # back until they are mounted (~30 ms).
        yield FooterSpace(shown=self._first_frame_shown)

    def on_mount(self) -> None:
        self._opening = False
        self.query_one(SessionBar).show((1, len(self.flow.steps)), 0.0, paused=False)
        self.set_timer(UNSEEN_LIMIT, self._first_frame_shown)

    def _first_frame_shown(self) -> None:
        # Open the session only now: a fixed timer could fire before the first frame on a
        # busy machine, and the couple would wait for the store before seeing anything.
        if not self._opening:
            self._opening = True
            self.set_timer(FRAME_GRACE, self._open)

    def _open(self) -> None:
        from gentle.tui.screens.session import EventRelay, SessionScreen

        relay = EventRelay()
        runner = self.app.context.start_runner(self.flow, self.partners, relay)
        self.app.switch_screen(SessionScreen(runner, relay))
