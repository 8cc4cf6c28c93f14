"""The footer with the keys, made so that it never holds back its screen's first frame.

textual's Footer builds its keys the moment the screen's bindings are known, which is
just when the screen's first frame is due, and textual keeps that frame back until the
keys are mounted (about 20-30 ms on the home screen). ``KeysFooter`` lets the frame go
first, with the footer's line still empty, and builds the keys right after it.

It also knows when its screen was first shown: textual may paint a frame while the app
is still being put together (inside a "batch") and then drop it, so only a paint
outside a batch counts. ``on_shown`` is called then, for work that should wait until the
couple can see something (opening the notes store, loading a flow's summary).
"""

from __future__ import annotations

from typing import Callable

from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Footer

from gentle.tui.compat import in_batch

# If the footer is never painted (a terminal too small to show it), count the screen as
# shown after this long anyway, so nothing waits for a sign that never comes.
UNSEEN_LIMIT = 0.5  # seconds


class KeysFooter(Footer):
    def __init__(self, *, keys: bool = True, on_shown: Callable[[], None] | None = None) -> None:
        super().__init__(show_command_palette=False)
        self._keys = keys
        self._on_shown = on_shown
        self.shown = False
        self._keys_waiting: Screen | None = None

    def on_mount(self) -> None:
        # textual calls Footer.on_mount (the bindings subscription) after this one.
        self.set_timer(UNSEEN_LIMIT, self._now_shown)

    def bindings_changed(self, screen: Screen) -> None:
        if not self._keys:
            return  # an empty line, as on the screen that shows while a session opens
        if self.shown:
            super().bindings_changed(screen)
        else:
            self._keys_waiting = screen

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if not self.shown:
            if in_batch(self.app):
                self.call_later(self.refresh)  # be painted again with the frame that is shown
            else:
                self.call_later(self._now_shown)
        return lines

    def _now_shown(self) -> None:
        if self.shown:
            return
        self.shown = True
        if self._keys_waiting is not None:
            screen, self._keys_waiting = self._keys_waiting, None
            super().bindings_changed(screen)
        if self._on_shown is not None:
            self._on_shown()
