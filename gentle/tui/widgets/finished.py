"""The end of a flow: a warm word, each partner's words from the session, then home or leave.

The words are what the partners wrote (``written`` in gentle/engine/shown.py: each write
step's title, then each partner's words, exactly as written). ``s`` saves them, with the
rest of the session, through the same save-a-copy dialog as Ctrl+R (Markdown, or JSON
for ``gentle import``). The session's body scrolls, so all of it can be read at 40×12.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from gentle.engine.shown import written
from gentle.tui.literal import literal, literal_line
from gentle.tui.wording import PARTNER_CLASSES, Wording


class FinishedView(Vertical):
    DEFAULT_CSS = """
    FinishedView { height: auto; }
    FinishedView .finished-words-title { text-style: bold; margin-top: 1; }
    FinishedView .finished-step { color: $foreground-muted; margin-top: 1; }
    FinishedView .finished-text { padding: 0 1; border-left: outer $accent; }
    FinishedView .finished-text.partner-0 { border-left: outer $partner-a; }
    FinishedView .finished-text.partner-1 { border-left: outer $partner-b; }
    FinishedView .finished-keys { color: $foreground-muted; margin-top: 1; }
    """
    can_focus = True

    BINDINGS = [
        Binding("enter", "home", "Home", id="finished-home", tooltip="Back to the home screen."),
        Binding("s", "save", "Save our words", id="finished-save",
                tooltip="Save this session, with everything you both wrote, to a file."),
        Binding("q", "app.quit", "Leave", id="finished-quit", tooltip="Close gentle."),
    ]

    def __init__(self, flow_title: str, runner: Any = None) -> None:
        super().__init__(classes="step finished")
        self.flow_title = flow_title
        self._runner = runner

    @property
    def runner(self) -> Any:
        return self._runner if self._runner is not None else getattr(self.screen, "runner", None)

    def compose(self) -> ComposeResult:
        yield Static("You made it to the end.", classes="step-title", markup=False)
        yield Static(literal_line(self.flow_title, "italic"), classes="prose")
        yield Static(
            "Thank you for taking this time together. Be gentle with each other "
            "for the rest of the day.",
            classes="prose",
            markup=False,
        )
        runner = self.runner
        words = written(runner.flow, runner.answers) if runner is not None else ()
        if words:
            wording = Wording(tuple(runner.partners))  # type: ignore[arg-type]
            yield Static("What you wrote", classes="finished-words-title", markup=False)
            last: str | None = None
            for shown in words:
                if shown.step_id != last:
                    last = shown.step_id
                    title = wording.text(shown.title, partner=shown.partner, one_line=True)
                    yield Static(title, classes="finished-step")
                who = Content("Together") if shown.partner is None else wording.name(shown.partner)
                colour = "" if shown.partner is None else f" {PARTNER_CLASSES[shown.partner]}"
                yield Static(Content.assemble(who, "\n", literal(shown.text)), classes="finished-text" + colour)
        save = "s saves your words to a file · " if words else "s saves this session to a file · "
        yield Static(f"{save}Enter: home · q: leave", classes="finished-keys", markup=False)

    def on_mount(self) -> None:
        self.focus(scroll_visible=False)

    def action_home(self) -> None:
        self.app.go_home()

    def action_save(self) -> None:
        from gentle.tui.screens import session_hooks

        session_hooks.save_copy(self.screen)  # the save-a-copy dialog Ctrl+R opens
