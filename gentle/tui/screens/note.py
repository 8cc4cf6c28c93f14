"""A free note kept with the session (Ctrl+T in any step): a thought to come back to later."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from gentle.tui.screens.dialog import Dialog


class NoteScreen(Dialog["str | None"]):
    """Returns the note's text, or None when closed without one."""

    DEFAULT_CSS = "NoteScreen TextArea { height: 6; margin: 1 0; }"

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep note", id="note-keep", priority=True, tooltip="Keep this note with the session."),
        Binding("escape", "close", "Close", id="note-close", tooltip="Close without keeping a note."),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("A note for later", classes="dialog-title", markup=False)
            yield Static(
                "Something to remember or come back to. It is kept with this session, "
                "in your history.",
                markup=False,
            )
            yield TextArea(id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Static("Ctrl+S keeps it · Esc closes without keeping it", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_keep(self) -> None:
        text = self.query_one(TextArea).text.strip()
        self.dismiss(text or None)

    def action_close(self) -> None:
        self.dismiss(None)
