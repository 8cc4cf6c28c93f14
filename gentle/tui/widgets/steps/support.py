"""support: the support lines for the couple's country, then Enter to go on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from gentle.tui.widgets.steps.base import StepView


class SupportView(StepView):
    kind = "support"

    DEFAULT_CSS = """
    SupportView .support-heading { text-style: bold; color: $primary; margin-top: 1; }
    SupportView .country-line { color: $foreground-muted; }
    """

    BINDINGS = [
        Binding("enter", "go_on", "Continue", id="continue", tooltip="On to the next step."),
    ]

    def compose(self) -> ComposeResult:
        from gentle.tui.screens.safety import SupportLines

        if self.step.text:
            yield Static(self.text(self.step.text), classes="prose")
        yield SupportLines()
        yield Static("gentle never contacts anyone for you. Press Enter when you are ready to "
                     "go on.", classes="hint", markup=False)

    def action_go_on(self) -> None:
        self.act(lambda: self.runner.submit(None))
