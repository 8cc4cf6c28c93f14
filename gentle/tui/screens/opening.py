"""The first frame of a session: the flow's name and first step, while recording gets ready.

Starting the notes store for a session costs a moment (it commits to disk before the
first step counts). This screen is drawn first, so the couple sees where they are at
once; it then starts the runner and gives way to the real session screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen

from gentle.tui.widgets.keys_footer import KeysFooter
from gentle.tui.widgets.session_bar import SessionBar
from gentle.tui.widgets.words import Words
from gentle.tui.wording import Wording

if TYPE_CHECKING:
    from gentle.engine.runner import Runner
    from gentle.flows.model import Flow


# After the first frame is composed, a moment for the writer thread to put it on the
# terminal before the main thread is busy opening the session.
FRAME_GRACE = 0.01  # seconds


class OpeningScreen(Screen[None]):
    def __init__(
        self, flow: "Flow", partners: tuple[str, str], *, then: "Callable[[Runner], object] | None" = None
    ) -> None:
        super().__init__()
        self.flow = flow
        self.partners = partners
        # Done to the new runner before its screen shows it (a break called from home).
        self.then = then
        self._typed: list[events.Key] = []  # keys typed already: the session takes them

    def compose(self) -> ComposeResult:
        first = self.flow.steps[0] if self.flow.steps else None
        yield SessionBar(self.flow.title)
        with VerticalScroll(id="body"):
            with Vertical(classes="column", id="column"):
                title = getattr(first, "title", None)
                yield Words(Wording(self.partners).text(title, one_line=True) if title else "", classes="step-title")
                yield Words("One moment…", classes="hint")
        # The footer's line stays empty here: the keys come with the session screen.
        yield KeysFooter(keys=False, on_shown=self._first_frame_shown)

    def on_mount(self) -> None:
        self.query_one(SessionBar).show((1, len(self.flow.steps)), 0.0, paused=False)

    def on_key(self, event: events.Key) -> None:
        # Someone who knows the flow may start typing at once; their keys go to its first step.
        event.stop()
        event.prevent_default()
        self._typed.append(events.Key(event.key, event.character))

    def _first_frame_shown(self) -> None:
        # Open the session only now: a fixed timer could fire before the first frame on a
        # busy machine, and the couple would wait for the store before seeing anything.
        self.set_timer(FRAME_GRACE, self._open)

    def _open(self) -> None:
        from gentle.tui.screens.session import EventRelay, SessionScreen

        relay = EventRelay()
        runner = self.app.context.start_runner(self.flow, self.partners, relay)
        if self.then is not None:
            self.then(runner)
        self.app.switch_screen(SessionScreen(runner, relay, typed_ahead=self._typed))
