"""Safety & support: the whole safety note and the support lines for the chosen country.

Always reachable (``s`` at home), whether or not the first-run note was dismissed; ``c``
chooses the country (gentle/tui/screens/country.py). The lines come from
``gentle/safety/resources.yaml`` (or the person's own resources.yaml); each shows where
it was checked, so a therapist can verify it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from gentle.tui.screens.dialog import ClosesItself
from gentle.safety import contact_lines, load_notice, resources_for
from gentle.safety.country import support_country
from gentle.tui.literal import literal, literal_line
from gentle.tui.widgets.safety_banner import country_note
from gentle.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from gentle.safety import Contact


def contact_block(contact: "Contact") -> Content:
    parts = [literal_line(contact.name, "bold")]
    if contact.about:
        parts += [Content("\n  "), literal_line(contact.about, "italic")]
    for label, value in contact_lines(contact):
        parts += [Content("\n  "), Content(f"{label}: " if label else ""), literal_line(value)]
    parts += [Content("\n  "), Content.styled("Source: ", "dim"), literal_line(contact.source, "dim")]
    return Content.assemble(*parts)


class SupportLines(Vertical):
    """The lines for the country in use; redrawn when the country changes."""

    DEFAULT_CSS = "SupportLines { height: auto; }"

    def __init__(self) -> None:
        super().__init__(id="support-lines", classes="-support-lines")
        self.country: str | None = None

    def compose(self) -> ComposeResult:
        self.country = self.app.context.country  # type: ignore[attr-defined]
        support = support_country(self.country)
        info = resources_for(support.code)
        yield Static(literal_line(f"Support lines: {info.name}"), classes="support-heading")
        yield Static(country_note(support, "c", name=False), classes="country-line")
        emergency = Content.assemble(Content.styled("Emergency: ", "bold"), literal_line(info.emergency.number))
        if info.emergency.note:
            emergency = Content.assemble(emergency, Content("\n  "), literal_line(info.emergency.note))
        yield Static(emergency, classes="contact")
        if info.domestic_abuse:
            yield Static("If you are afraid, or someone has been hurt", classes="support-heading", markup=False)
            for contact in info.domestic_abuse:
                yield Static(contact_block(contact), classes="contact")
        if info.crisis:
            yield Static("If you are struggling or in crisis", classes="support-heading", markup=False)
            for contact in info.crisis:
                yield Static(contact_block(contact), classes="contact")
        for problem in info.problems:
            yield Static(literal(str(problem)), classes="hint")

    def refresh_lines(self) -> None:
        country = self.app.context.country  # type: ignore[attr-defined]
        if self.country != country:
            self.country = country  # once, however many ask
            self.call_later(self.recompose)


class SafetyScreen(ClosesItself, Screen[None]):
    DEFAULT_CSS = """
    SafetyScreen .support-heading { text-style: bold; color: $primary; margin-top: 1; }
    SafetyScreen .country-line { color: $foreground-muted; }
    SafetyScreen .contact { margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("escape,q", "leave", "Back", id="safety-back", tooltip="Back to where you were."),
        Binding("c,f2", "country", "Country", id="safety-country", tooltip="Choose the country for these lines."),
    ]

    def help_topic(self) -> str:
        return "home"

    def compose(self) -> ComposeResult:
        notice = load_notice()
        with VerticalScroll(id="body"):
            with Vertical(classes="column", id="safety-column"):
                yield Static("Safety and support", classes="step-title", markup=False)
                yield Static(literal_line(notice.title, "bold"))
                for paragraph in notice.paragraphs:
                    yield Static(literal(paragraph), classes="prose")
                yield SupportLines()
                yield Static("gentle never contacts anyone for you.", classes="hint", markup=False)
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        # Shown again (it is kept between visits): the country may have changed since.
        for lines in self.query(SupportLines):
            lines.refresh_lines()

    def action_country(self) -> None:
        from gentle.tui.screens.country import choose_country

        choose_country(self.app)
