"""write: each partner writes, freely or by filling a template's blanks.

Coaching hints appear under the text when it sounds blaming, one line per phrase (all
of them; the body scrolls, and the blank being filled stays in view); they are
suggestions only and never stop anyone from going on. With a template, Ctrl+O switches
to writing the whole sentence in your own words at any time, keeping what was typed in
the blanks and nothing else.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static, TextArea

from gentle.engine.coaching import coach, distinct
from gentle.flows.kinds.write import EMPTY
from gentle.flows.names import template_pieces
from gentle.tui.literal import literal_line
from gentle.tui.widgets.blanks import TemplateFiller, own_words, sentence
from gentle.tui.widgets.steps.base import StepView
from gentle.tui.widgets.words import Words
from gentle.tui.widgets.fields import Writing


class WriteView(StepView):
    kind = "write"

    DEFAULT_CSS = """
    WriteView .write-ready { margin-top: 1; text-style: bold; }
    Screen.-short WriteView .write-ready { margin-top: 0; }
    """

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
        yield self.shown_words()
        if self.step.template:
            pieces = template_pieces(self.step.template, **self._names())
            hints = {b.name: self.text(b.hint) for b in self.step.blanks if b.hint}
            yield TemplateFiller(pieces, self.step.blanks, hints, self.blank_values)
        area = Writing(self.free_text, id="free-text", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        if self.step.placeholder:
            area.placeholder = self.wording.plain(self.step.placeholder, partner=self.asking)
        yield area
        # Said when Enter on the last blank has filled the sentence: never hidden, even on
        # a short screen (where the key hint below is), so that Enter visibly did something.
        yield Words("", id="write-ready", classes="write-ready")
        yield Words("", id="coaching", classes="coaching")
        yield Words("", id="write-hint", classes="hint")

    def on_mount(self) -> None:
        area = self.query_one("#free-text", TextArea)
        area.move_cursor(area.document.end)  # words kept from before: carry on after them
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
        self.query_one("#write-ready", Words).say("")
        self._coach()

    def on_template_filler_moved(self, event: TemplateFiller.Moved) -> None:
        event.stop()
        self.query_one("#write-ready", Words).say("")
        self.call_after_refresh(self._blank_in_view)

    def on_template_filler_finished(self, event: TemplateFiller.Finished) -> None:
        event.stop()
        ready = self.query_one("#write-ready", Words)
        ready.say("That's the whole sentence. Ctrl+S gives it, Shift+Tab changes a blank, "
                  "Ctrl+O rewrites it in your own words.")
        self.call_after_refresh(lambda: ready.scroll_visible(animate=False) if ready.is_attached else None)

    def _blank_in_view(self) -> None:
        """The blank being filled, its hint and its box stay on screen, whatever is below."""
        if not self.is_attached or self.free or not self.step.template:
            return
        for part in ("#blank-input", "#blank-label"):
            for found in self.query(f"TemplateFiller {part}"):  # none once the step moved on
                found.scroll_visible(animate=False)

    def _coach(self) -> None:
        text = self.current_text() if self.free else sentence(
            template_pieces(self.step.template, **self._names()), self.blank_values
        )
        hints = distinct(coach(text), text)
        lines = [literal_line(hint.line(text)) for hint in hints]
        if lines:
            intro = "A gentle thought:" if len(lines) == 1 else f"{len(lines)} gentle thoughts:"
            lines.insert(0, Content.styled(intro, "italic"))
        self.query_one("#coaching", Words).say(Content("\n").join(lines))
        self.call_after_refresh(self._blank_in_view)

    # ----- giving the answer -----------------------------------------------------------------

    def help_pages(self) -> tuple[str, ...]:
        # Filling blanks until Ctrl+O; after it, the box is written in freely.
        return ("write" if self.free else "write-template", *self.who_pages())

    def unsaved(self) -> str | None:
        text = self.current_text().strip() if self.free else "".join(self.blank_values.values()).strip()
        return "Something you wrote hasn't been given yet." if text else None

    def action_own_words(self) -> None:
        """Write it all yourself: the box holds exactly what you typed in the blanks (none
        of the template's words), with the cursor after it."""
        if self.free or not self.step.template:
            return
        area = self.query_one("#free-text", TextArea)
        area.text = own_words(self.step.blanks, self.blank_values)
        area.move_cursor(area.document.end)
        self.free = True
        self.query_one("#write-ready", Words).say("")
        self.keep_draft()
        self._show_mode()
        self._coach()

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
