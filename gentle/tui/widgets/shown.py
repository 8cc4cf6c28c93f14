"""Words written at an earlier step, shown again where the flow asks about them (`show:`).

What is shown, and to whom, is the engine's (``Runner.shown``, gentle/engine/shown.py):
a partner asked on their own sees their own words, and a step for both shows each
partner's words by name. The words are shown exactly as written, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from gentle.engine.shown import Shown
from gentle.tui.literal import literal
from gentle.tui.wording import PARTNER_CLASSES, Wording


class ShownWords(Vertical):
    DEFAULT_CSS = """
    ShownWords { height: auto; margin-bottom: 1; }
    ShownWords .shown-from { color: $foreground-muted; }
    ShownWords .shown-text { padding: 0 1; border-left: outer $accent; }
    ShownWords .shown-text.partner-0 { border-left: outer $partner-a; }
    ShownWords .shown-text.partner-1 { border-left: outer $partner-b; }
    Screen.-short ShownWords { margin-bottom: 0; }
    TurnsView ShownWords { margin-top: 1; margin-bottom: 0; }
    Screen.-short TurnsView ShownWords { margin-top: 0; }
    """

    def __init__(self, shown: Sequence[Shown], wording: Wording, asking: int | None) -> None:
        super().__init__(classes="shown")
        self.shown = tuple(shown)
        self.wording = wording
        self.asking = asking
        self.display = bool(self.shown)

    def compose(self) -> ComposeResult:
        last_step: str | None = None
        for words in self.shown:
            title = self.wording.text(words.title, partner=words.partner if words.partner is not None
                                      else self.asking, one_line=True)
            if words.own:
                if words.text is None:
                    yield Static(Content.assemble("You didn't write anything at “", title, "”."),
                                 classes="shown-from")
                    continue
                yield Static(Content.assemble("What you wrote at “", title, "”:"), classes="shown-from")
                yield Static(literal(words.text), classes="shown-text")
                continue
            if words.step_id != last_step:
                last_step = words.step_id
                yield Static(Content.assemble("From “", title, "”:"), classes="shown-from")
            if words.partner is None:  # written together: no name to put on it
                yield Static(literal(words.text), classes="shown-text")
                continue
            colour = f" {PARTNER_CLASSES[words.partner]}"
            yield Static(Content.assemble(self.wording.name(words.partner), Content("\n"), literal(words.text)),
                         classes="shown-text" + colour)
