"""Fill a sentence template one blank at a time, with ideas to pick and a live preview.

The preview shows the whole sentence as it will read; the blank being filled is
highlighted. Ideas (feelings, needs…) narrow down as you type; Down/Up pick one and
Enter takes it, or Enter takes what you typed. Tab and Shift+Tab move between blanks.
"""

from __future__ import annotations

from typing import Sequence

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from gentle.flows.model import Blank
from gentle.flows.names import Slot
from gentle.text import clean, clean_line
from gentle.tui.widgets.fields import Field
from gentle.tui.widgets.steps.base import StepView


def assemble(pieces: Sequence[str | Slot], values: dict[str, str], current: str | None = None) -> Content:
    """The sentence so far: filled blanks in bold, the current one highlighted, others as ____."""
    parts: list[Content] = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(Content(clean(piece)))
            continue
        value = clean_line(values.get(piece.name, "")).strip()
        if piece.name == current:
            parts.append(Content.styled(value or f"[{piece.name}]", "reverse"))
        elif value:
            parts.append(Content.styled(value, "bold"))
        else:
            parts.append(Content.styled("____", "dim"))
    return Content.assemble(*parts)


def sentence(pieces: Sequence[str | Slot], values: dict[str, str]) -> str:
    """The sentence as plain text, unfilled blanks as "…" (for writing it freely)."""
    return "".join(
        piece if isinstance(piece, str) else (values.get(piece.name, "").strip() or "…")
        for piece in pieces
    )


def own_words(blanks: Sequence[Blank], values: dict[str, str]) -> str:
    """What was typed in the blanks, in order, and nothing of the template: the start of
    a sentence in one's own words (Ctrl+O)."""
    typed = (values.get(blank.name, "").strip() for blank in blanks)
    return " ".join(words for words in typed if words)


class BlankField(Field):
    """The blank being filled. Enter moves on at once, in its own key's turn: textual
    runs an Input's Enter binding only once the key has bubbled up to the app, after the
    keys typed behind it have reached the field, so a word typed straight after Enter
    landed in the blank before (within ~30 ms; every word, in a burst)."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and event.key == "enter" and isinstance(self.parent, TemplateFiller):
            view = next((node for node in self.ancestors if isinstance(node, StepView)), None)
            if view is not None and await view.take_key(event):
                return  # the step view's own key (it looks first, as everywhere)
            event.stop()
            event.prevent_default()
            self.parent.accept_now()
            return
        await super().on_event(event)

    async def action_submit(self) -> None:
        filler = self.parent
        if isinstance(filler, TemplateFiller):
            filler.accept_now()
        else:
            await super().action_submit()


class TemplateFiller(Vertical):
    DEFAULT_CSS = "TemplateFiller { height: auto; }"

    BINDINGS = [
        Binding("down", "idea(1)", "Next idea", id="blank-idea-down", show=False, tooltip="Highlight the next idea."),
        Binding(
            "up", "idea(-1)", "Previous idea", id="blank-idea-up", show=False, tooltip="Highlight the previous idea."
        ),
        Binding("tab", "move(1)", "Next blank", id="blank-next", tooltip="Go to the next blank.", show=False),
        Binding(
            "shift+tab",
            "move(-1)",
            "Previous blank",
            id="blank-previous",
            tooltip="Back to the previous blank.",
            show=False,
        ),
    ]

    class Edited(Message):
        """A blank's text changed (so the draft and the coaching can follow)."""

    class Finished(Message):
        """Enter on the last blank: the sentence is ready to give."""

    class Moved(Message):
        """Another blank is open now (so the view can keep it in sight)."""

    def __init__(
        self,
        pieces: Sequence[str | Slot],
        blanks: Sequence[Blank],
        hints: dict[str, Content],
        values: dict[str, str],
    ) -> None:
        super().__init__(id="template")
        self.pieces = list(pieces)
        self.blanks = list(blanks)
        self.hints = hints
        self.values = values
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="preview", classes="preview")
        yield Static("", id="blank-label", classes="blank-label")
        yield BlankField(id="blank-input", placeholder="Type here, or pick an idea below")
        ideas = OptionList(id="ideas", markup=False)
        ideas.can_focus = False  # the keyboard stays in the blank; Up/Down pick ideas
        yield ideas

    def on_mount(self) -> None:
        self._open(0)

    @property
    def blank(self) -> Blank:
        return self.blanks[self.index]

    def focus_input(self) -> None:
        self.query_one("#blank-input", Input).focus()

    def _open(self, index: int) -> None:
        self.index = max(0, min(index, len(self.blanks) - 1))
        blank = self.blank
        label = Content.assemble(
            (f"Blank {self.index + 1} of {len(self.blanks)}: ", "dim"), (blank.name, "bold")
        )
        hint = self.hints.get(blank.name)
        if hint is not None and hint.plain:
            label = Content.assemble(label, "\n", hint.stylize("italic"))
        self.query_one("#blank-label", Static).update(label)
        field = self.query_one("#blank-input", Input)
        with field.prevent(Input.Changed):
            field.value = self.values.get(blank.name, "")
        field.cursor_position = len(field.value)
        self._show_ideas(field.value)
        self._show_preview()
        self.post_message(self.Moved())

    def _show_preview(self) -> None:
        self.query_one("#preview", Static).update(assemble(self.pieces, self.values, self.blank.name))

    def _show_ideas(self, typed: str) -> None:
        ideas = self.query_one("#ideas", OptionList)
        wanted = typed.strip().casefold()
        matching = [s for s in self.blank.suggestions if wanted in s.casefold()] if wanted else list(self.blank.suggestions)
        ideas.clear_options()
        ideas.add_options([Content(clean_line(s)) for s in matching])
        ideas.highlighted = None
        ideas.display = bool(matching)

    def accept_now(self) -> None:
        """Enter in a blank: keep its words and open the next one in this key's turn."""
        self.values[self.blank.name] = self.query_one("#blank-input", Input).value
        self._accept()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != event.input.value:
            return  # from before Enter moved on: that blank's words were kept already
        self.values[self.blank.name] = event.value
        self._show_ideas(event.value)
        self._show_preview()
        self.post_message(self.Edited())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._accept()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._take_idea(event.option_index)
        self._advance()

    def _take_idea(self, index: int) -> None:
        ideas = self.query_one("#ideas", OptionList)
        self.values[self.blank.name] = str(ideas.get_option_at_index(index).prompt)
        self.post_message(self.Edited())

    def _accept(self) -> None:
        ideas = self.query_one("#ideas", OptionList)
        if ideas.display and ideas.highlighted is not None:
            self._take_idea(ideas.highlighted)
        self._advance()

    def _advance(self) -> None:
        if self.index + 1 >= len(self.blanks):
            self._show_preview_done()
            self.post_message(self.Finished())
        else:
            self._open(self.index + 1)
            self.focus_input()

    def _show_preview_done(self) -> None:
        self.query_one("#preview", Static).update(assemble(self.pieces, self.values, None))

    def action_idea(self, step: int) -> None:
        ideas = self.query_one("#ideas", OptionList)
        if not ideas.display or ideas.option_count == 0:
            return
        if ideas.highlighted is None:
            ideas.highlighted = 0 if step > 0 else ideas.option_count - 1
        else:
            ideas.highlighted = (ideas.highlighted + step) % ideas.option_count

    def action_move(self, step: int) -> None:
        self._open(self.index + step)
        self.focus_input()
