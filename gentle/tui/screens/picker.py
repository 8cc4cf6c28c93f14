"""A small box with one short list, for a setting chosen in the app (theme, country).

The setting in use is marked ``(•)``, a plain character that reads the same in every
theme and with NO_COLOR. Enter keeps the highlighted one, in its own key's turn (not by a
message handled later, so an Esc typed straight after it cannot undo it); Esc leaves
things as they were. Subclasses say what the rows are and what choosing one does.
"""

from __future__ import annotations

from typing import Any, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gentle.tui.screens.dialog import Dialog

Row = tuple[str, Content]  # (the setting's value, what the row says)


class Choices(OptionList):
    def action_select(self) -> None:
        picker = self.screen
        if self.highlighted is not None and isinstance(picker, SettingPicker):
            picker.choose(self.highlighted)
        else:
            super().action_select()


class SettingPicker(Dialog["str | None"]):
    """Dismisses with the value chosen, or None after Esc."""

    DEFAULT_CSS = """
    SettingPicker > Vertical { width: 56; padding: 0 2; }
    SettingPicker.-tall > Vertical { padding: 1 2; }
    SettingPicker Choices { height: auto; max-height: 12; border: none; background: $surface; margin: 1 0 0 0; }
    SettingPicker Choices:focus { border: none; }
    SettingPicker.-short > Vertical { padding: 0 1; }
    SettingPicker.-short Choices { margin: 0; max-height: 8; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Back", id="picker-back", tooltip="Go back and leave it as it was."),
    ]

    heading = ""
    hint = "Enter chooses · Esc: as before"

    def __init__(self, rows: Sequence[Row | None], *, current: str | None, highlight: str | None) -> None:
        super().__init__()
        self.rows = list(rows)
        self.current = current
        self.start = highlight if highlight is not None else current
        # An option's index counts options only: OptionList's separators take none.
        self.values = [row[0] for row in self.rows if row]

    def compose(self) -> ComposeResult:
        # None in the rows is a separator line (OptionList's own).
        options: list[Any] = [Option(self._row(*row), id=f"choice-{row[0]}") if row else None for row in self.rows]
        with Vertical():
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Choices(*options, id="choices", markup=False)
            yield Static(self.hint, classes="hint", markup=False)

    def _row(self, value: str, label: Content) -> Content:
        marker = Content.styled("(•) ", "bold") if value == self.current else Content.styled("( ) ", "dim")
        return marker + label

    def on_mount(self) -> None:
        choices = self.query_one(Choices)
        if self.start in self.values:
            choices.highlighted = self.values.index(self.start)
        choices.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.tried(self.values[event.option_index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click (Enter comes straight to ``choose``)
        self.choose(event.option_index)

    def choose(self, index: int) -> None:
        if not self._gentle_closed:
            value = self.values[index]
            self.chosen(value)
            self.dismiss(value)

    def action_cancel(self) -> None:
        if not self._gentle_closed:
            self.cancelled()
            self.dismiss(None)

    # What a subclass does: while moving, on Enter, on Esc.
    def tried(self, value: str) -> None:
        pass

    def chosen(self, value: str) -> None:
        pass

    def cancelled(self) -> None:
        pass
