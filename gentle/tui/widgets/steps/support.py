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
        Binding("c", "country", "Country", id="support-country",
                tooltip="Choose the country for these lines."),
    ]

    def compose(self) -> ComposeResult:
        from gentle.tui.screens.safety import SupportLines

        if self.step.text:
            yield Static(self.text(self.step.text), classes="prose")
        yield SupportLines()
        yield Static("gentle never contacts anyone for you. Press Enter when you are ready to "
                     "go on.", classes="hint", markup=False)

    def action_country(self) -> None:
        """The lines shown say "c: choose your country"; redrawn once it is chosen."""
        from gentle.safety.country import support_country
        from gentle.tui.screens.country import CountryPicker
        from gentle.tui.screens.safety import SupportLines

        def chosen(_: object = None) -> None:
            for lines in self.query(SupportLines):
                lines.refresh_lines()

        self.app.push_screen(CountryPicker(support_country(self.app.context.country)), chosen)  # type: ignore[attr-defined]

    def action_go_on(self) -> None:
        self.act(lambda: self.runner.submit(None))
