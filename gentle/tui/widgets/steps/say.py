"""say: words to read together, then Enter to go on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from gentle.tui.widgets.steps.base import StepView


class SayView(StepView):
    kind = "say"

    BINDINGS = [
        Binding("enter", "go_on", "Continue", id="continue", tooltip="On to the next step."),
    ]

    def compose(self) -> ComposeResult:
        yield Static(self.text(self.step.text), classes="prose")
        yield self.shown_words()
        yield Static("Press Enter when you are both ready to go on.", classes="hint", markup=False)

    def action_go_on(self) -> None:
        self.act(lambda: self.runner.submit(None))
