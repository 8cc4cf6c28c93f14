"""Stand-ins for screens another part of gentle provides (history, resume, safety).

They say plainly that the feature is not here yet, and go back with Escape. The real
screens replace these through ``GentleApp.SCREENS``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static


class _Placeholder(Screen[None]):
    TITLE_TEXT = ""
    BODY_TEXT = ""
    HELP_TOPIC = "home"

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back", id="placeholder-back", tooltip="Back to the home screen."),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="column"):
            yield Static(self.TITLE_TEXT, classes="heading", markup=False)
            yield Static(self.BODY_TEXT, classes="prose", markup=False)
        yield Footer(show_command_palette=False)

    def help_topic(self) -> str:
        return self.HELP_TOPIC


class HistoryPlaceholder(_Placeholder):
    TITLE_TEXT = "Your sessions"
    BODY_TEXT = (
        "Past sessions will be listed here. This part of gentle is still being built.\n\n"
        "Press Esc to go back."
    )


class ResumePlaceholder(_Placeholder):
    TITLE_TEXT = "Pick up where you left off"
    BODY_TEXT = (
        "An unfinished session will be offered here. This part of gentle is still being "
        "built.\n\nPress Esc to go back."
    )


class SafetyPlaceholder(_Placeholder):
    TITLE_TEXT = "Safety and support"
    BODY_TEXT = (
        "gentle is for partners who feel safe with each other. It is not therapy and it "
        "is not emergency help.\n\n"
        "If you are afraid of your partner, or someone has been hurt, please do not use "
        "gentle together. Contact your local emergency number, or a domestic abuse "
        "support line where you live.\n\nPress Esc to go back."
    )
