"""The end of a flow: a warm word, then home or leave."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from gentle.tui.literal import literal_line


class FinishedView(Vertical):
    DEFAULT_CSS = "FinishedView { height: auto; }"
    can_focus = True

    BINDINGS = [
        Binding("enter", "home", "Home", id="finished-home", tooltip="Back to the home screen."),
        Binding("q", "app.quit", "Leave", id="finished-quit", tooltip="Close gentle."),
    ]

    def __init__(self, flow_title: str) -> None:
        super().__init__(classes="step finished")
        self.flow_title = flow_title

    def compose(self) -> ComposeResult:
        yield Static("You made it to the end.", classes="step-title", markup=False)
        yield Static(literal_line(self.flow_title, "italic"), classes="prose")
        yield Static(
            "Thank you for taking this time together. Be gentle with each other "
            "for the rest of the day.",
            classes="prose",
            markup=False,
        )
        yield Static("Press Enter for the home screen, or q to leave.", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.focus(scroll_visible=False)

    def action_home(self) -> None:
        self.app.go_home()
