"""write: each partner writes, freely or by filling a template's blanks.

Coaching hints appear under the text when it sounds blaming; they are suggestions
only and never stop anyone from going on. With a template, Ctrl+O switches to writing
the whole sentence in your own words at any time.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static, TextArea

from gentle.engine.coaching import coach
from gentle.flows.kinds.write import EMPTY
from gentle.flows.names import template_pieces
from gentle.tui.literal import literal_line
from gentle.tui.widgets.blanks import TemplateFiller, sentence
from gentle.tui.widgets.steps.base import StepView
from gentle.tui.widgets.words import Words
from gentle.tui.widgets.fields import Writing

MAX_HINTS = 2


class WriteView(StepView):
    kind = "write"

    BINDINGS = [
        Binding("ctrl+s", "done", "Done", id="write-done", tooltip="Give what you wrote and go on."),
        Binding("ctrl+o", "own_words", "Own words", id="write-own-words", tooltip="Write the whole sentence yourself."),
    ]

    def __init__(self, context) -> None:
        super().__init__(context)
        self.blank_values: dict[str, str] = {}
        self.free_text = ""
        wrote_freely = False
        # What was typed before (kept by the runner, even across a restart), or the answer
        # taken back with Back: start from it.
        draft = self.runner.draft_for(self.step.id, self.asking)
        if isinstance(draft, str):
            self.free_text, wrote_freely = draft, True
        elif isinstance(draft, dict) and draft.get("blanks") and self.step.template:
            self.blank_values = {str(k): str(v) for k, v in draft["blanks"].items()}
        elif isinstance(draft, dict) and "text" in draft:
            self.free_text, wrote_freely = str(draft.get("text") or ""), True
        elif isinstance(draft, dict) and self.step.template:
            self.blank_values = {str(k): str(v) for k, v in draft.items()}
        self.free = not self.step.template or wrote_freely

    def _names(self) -> dict[str, str | None]:
        partners = self.runner.partners
        asking = self.asking
        return {
            "partner1": partners[0],
            "partner2": partners[1],
            "partner": None if asking is None else partners[asking],
            "other": None if asking is None else partners[1 - asking],
        }

    def compose(self) -> ComposeResult:
        yield Static(self.text(self.step.ask), classes="ask")
        if self.step.template:
            pieces = template_pieces(self.step.template, **self._names())
            hints = {b.name: self.text(b.hint) for b in self.step.blanks if b.hint}
            yield TemplateFiller(pieces, self.step.blanks, hints, self.blank_values)
        area = Writing(self.free_text, id="free-text", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        if self.step.placeholder:
            area.placeholder = self.wording.plain(self.step.placeholder, partner=self.asking)
        yield area
        yield Words("", id="coaching", classes="coaching")
        yield Words("", id="write-hint", classes="hint")

    def on_mount(self) -> None:
        self._show_mode()
        self._coach()
        self.keep_drafts_while_typing()

    def _show_mode(self) -> None:
        has_template = bool(self.step.template)
        if has_template:
            self.query_one(TemplateFiller).display = not self.free
        self.query_one("#free-text", TextArea).display = self.free
        if self.free:
            hint = "Write as much as you like. Ctrl+S when you're done."
        else:
            hint = "Enter takes a blank · Tab moves on · Ctrl+O: your own words · Ctrl+S: done"
        if self.step.optional:
            hint += " It's fine to leave this empty."
        self.query_one("#write-hint", Words).say(hint)
        self.focus_later()

    def focus_first(self) -> None:
        if self.free:
            self.query_one("#free-text", TextArea).focus()
        else:
            self.query_one(TemplateFiller).focus_input()

    # ----- keeping drafts and coaching ------------------------------------------------------

    def current_text(self) -> str:
        if self.free:
            return self.query_one("#free-text", TextArea).text
        return sentence(template_pieces(self.step.template, **self._names()), self.blank_values)

    def draft(self) -> object:
        if self.free:
            return self.query_one("#free-text", TextArea).text
        return dict(self.blank_values)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._coach()

    def on_template_filler_edited(self, event: TemplateFiller.Edited) -> None:
        event.stop()
        self._coach()

    def on_template_filler_finished(self, event: TemplateFiller.Finished) -> None:
        event.stop()
        self.query_one("#write-hint", Words).say(
            "That's the whole sentence. Ctrl+S gives it, Shift+Tab changes a blank, Ctrl+O to rewrite it."
        )

    def _coach(self) -> None:
        text = self.current_text() if self.free else sentence(
            template_pieces(self.step.template, **self._names()), self.blank_values
        )
        hints = coach(text)[:MAX_HINTS]
        lines = []
        for hint in hints:
            said = text[hint.span[0] : hint.span[1]]
            lines.append(
                Content.assemble(("A gentle thought: ", "italic"), ('"', ""), literal_line(said, "bold"), ('" ', ""), literal_line(hint.suggestion))
            )
        self.query_one("#coaching", Words).say(Content("\n").join(lines))

    # ----- giving the answer -----------------------------------------------------------------

    def unsaved(self) -> str | None:
        text = self.current_text().strip() if self.free else "".join(self.blank_values.values()).strip()
        return "Something you wrote hasn't been given yet." if text else None

    def action_own_words(self) -> None:
        if self.free or not self.step.template:
            return
        area = self.query_one("#free-text", TextArea)
        area.text = sentence(template_pieces(self.step.template, **self._names()), self.blank_values)
        self.free = True
        self.keep_draft()
        self._show_mode()

    def action_done(self) -> None:
        if self.free:
            value: object = self.query_one("#free-text", TextArea).text.strip()
        else:
            value = {b.name: self.blank_values.get(b.name, "").strip() for b in self.step.blanks}
        # Whether it can be given is the engine's to say (an empty answer, unless optional);
        # if someone presses Back later, what they gave comes back to edit.
        self.act(lambda: self.runner.submit(value))

    def explains(self, reason: str) -> bool:
        return reason == EMPTY

    def explain(self, reason: str) -> str:
        return "Write a few words first, or press Ctrl+N to skip." if self.free else (
            "Fill in a blank first, or press Ctrl+N to skip.")
