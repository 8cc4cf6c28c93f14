"""Text fields that follow the app's cursor-blink setting (off in tests and snapshots)."""

from __future__ import annotations

from textual.widgets import Input, TextArea


class Field(Input):
    """A one-line text field."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)


class Writing(TextArea):
    """A multi-line text area for what a partner writes."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)
