"""Ask the partners' names once. Skipping is always fine; the names are remembered."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from gentle.tui.screens.dialog import ClosesItself, ShowsKeys
from gentle.text import clean_line
from gentle.tui.context import DEFAULT_PARTNERS
from gentle.tui.widgets.fields import Field

MAX_NAME = 40


def tidy_name(raw: str) -> str:
    return clean_line(raw).strip()[:MAX_NAME]


class NamesScreen(ShowsKeys, ClosesItself, ModalScreen["tuple[str, str] | None"]):
    """Dismisses with the two names, or None when skipped."""

    BINDINGS = [
        Binding("escape", "skip", "Skip", id="names-skip", tooltip="Go on without names."),
        Binding("ctrl+s", "save", "Save", id="names-save", tooltip="Save these names."),
    ]

    def help_topic(self) -> str:
        return "names"

    def compose(self) -> ComposeResult:
        known = self.app.context.partners or ("", "")
        with Vertical(id="names-box", classes="dialog"):
            yield Static("What are your names?", classes="heading", markup=False)
            yield Static(
                "So gentle can speak to each of you. This is optional, and you can "
                "change them at any time: n at home, or Ctrl+P, then \"Our names\".",
                classes="prose",
                markup=False,
            )
            yield Field(known[0], placeholder="First partner", id="name-0", max_length=MAX_NAME, classes="partner-0")
            yield Field(known[1], placeholder="Second partner", id="name-1", max_length=MAX_NAME, classes="partner-1")
            with Horizontal(classes="buttons"):
                yield Button("Save (Enter)", id="save", variant="primary")
                yield Button("Skip (Esc)", id="skip")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "name-0":
            self.query_one("#name-1", Input).focus()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_skip()

    def action_save(self) -> None:
        first = tidy_name(self.query_one("#name-0", Input).value)
        second = tidy_name(self.query_one("#name-1", Input).value)
        if not first and not second:
            self.action_skip()
            return
        names = (first or DEFAULT_PARTNERS[0], second or DEFAULT_PARTNERS[1])
        if names[0] == names[1]:
            names = (names[0], f"{names[1]} (2)")
        self._finish(names)

    def action_skip(self) -> None:
        self._finish(None)

    def _finish(self, names: tuple[str, str] | None) -> None:
        context = self.app.context
        context.names_asked = True
        if names is not None:
            context.partners = names
        context.remember_partners(names)
        self.dismiss(names)
