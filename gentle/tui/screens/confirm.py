"""A calm yes/no question in a small box (quit, end a timer early)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from gentle.tui.screens.dialog import ClosesItself, ShowsKeys
from gentle.tui.literal import literal


class ConfirmScreen(ShowsKeys, ClosesItself, ModalScreen[bool]):
    """Dismisses with True for yes, False for no (Escape means no)."""

    # Not in the footer: the buttons name their own keys ("Keep resting (n)"), in words
    # that fit the question, where a footer could only say "Yes" and "No".
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes", show=False, tooltip="Yes, go ahead."),
        Binding("n,escape", "answer(False)", "No", id="confirm-no", show=False, tooltip="No, stay here."),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(literal(self.question), id="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.no_label} (n)", id="no", variant="primary")
                yield Button(f"{self.yes_label} (y)", id="yes")

    def on_mount(self) -> None:
        # The safe choice has the focus, so a stray Enter keeps things as they are.
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
