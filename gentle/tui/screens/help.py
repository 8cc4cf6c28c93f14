"""Help for whatever is on screen: our own words (Markdown files) plus the step's ``help:``.

Our help pages are trusted Markdown in ``gentle/tui/help/``. A flow author's ``help:``
text is data, so it is shown literally in a Static, never as Markdown or markup.
The keys listed are the ones active on the screen underneath, after any remapping.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from gentle.tui.screens.dialog import ClosesItself, ShowsKeys
from gentle.tui.help_topic import HelpTopic
from gentle.tui.literal import literal

__all__ = ["HELP_DIR", "HelpScreen", "HelpTopic", "help_page"]

HELP_DIR = Path(__file__).resolve().parent.parent / "help"


def help_page(name: str) -> str:
    path = HELP_DIR / f"{name}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


class HelpScreen(ShowsKeys, ClosesItself, ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark,q,enter", "close", "Close", id="help-close", tooltip="Close the help."),
    ]

    def __init__(self, topic: HelpTopic) -> None:
        super().__init__()
        self.topic = topic

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="dialog") as box:
            box.can_focus = True
            if self.topic.author_text:
                text = self.topic.author_text
                shown = text if isinstance(text, Content) else literal(text)
                yield Static(shown, classes="author-help")
            for name in self.topic.pages:
                text = help_page(name)
                if text:
                    yield Markdown(text, classes="help-page")
            if self.topic.keys:
                yield Static(self._keys_table(), classes="help-keys")
            yield Static("Press Esc to close.", classes="hint", markup=False)

    def _keys_table(self) -> Content:
        width = max(len(key) for key, _ in self.topic.keys)
        lines = [Content.styled("Keys here", "bold")]
        for key, what in self.topic.keys:
            lines.append(Content.assemble((key.ljust(width), "bold $accent"), "  ", literal(what)))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
