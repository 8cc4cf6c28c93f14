"""Text fields that follow the app's cursor-blink setting (off in tests and snapshots)."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from gentle.tui.widgets.steps.base import ViewKeysFirst


class Field(ViewKeysFirst, Input):
    """A one-line text field."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)


class Writing(ViewKeysFirst, TextArea):
    """A multi-line text area for what a partner writes."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)
