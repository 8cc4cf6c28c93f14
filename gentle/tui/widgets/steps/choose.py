"""choose and checklist: move with the arrows, Space marks, Enter gives the answer.

Markers are plain characters, so they read the same in any theme or with NO_COLOR:
``( )``/``(•)`` for one choice, ``[ ]``/``[x]`` when several may be picked.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gentle.tui.widgets.steps.base import StepView, ViewKeysFirst


class PickList(ViewKeysFirst, OptionList):
    """An option list where Space marks and Enter finishes."""

    BINDINGS = [
        Binding("space", "mark", "Mark", id="pick-mark", tooltip="Mark or unmark this one."),
        Binding("enter", "done", "Done", id="pick-done", tooltip="Give the answer."),
    ]

    class Mark(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Done(Message):
        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    def action_mark(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Mark(self.highlighted))

    def action_done(self) -> None:
        self.post_message(self.Done(self.highlighted))


class _PickView(StepView):
    many = False
    entries: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(self.text(self.step.ask), classes="ask")
        yield PickList(id="picks", markup=False)
        yield Static(self._hint(), id="pick-hint", classes="hint", markup=False)

    def _hint(self) -> str:
        if self.many:
            return "Arrows move · Space marks · Enter when done"
        return "Arrows move · Enter chooses"

    def on_mount(self) -> None:
        self.marked: set[int] = set(self._previous())
        picks = self.query_one(PickList)
        picks.add_options([Option(self._row(i), id=f"pick-{i}") for i in range(len(self.entries))])
        picks.highlighted = min(self.marked) if self.marked else 0
        picks.focus()

    def _previous(self) -> list[int]:
        # After Back the answer is taken back, but what was picked is offered again.
        value = self.runner.draft_for(self.step.id, self.asking)
        if value is None:
            return []
        chosen = [value] if isinstance(value, str) else list(value or [])
        return [i for i, entry in enumerate(self.entries) if entry in chosen]

    def _row(self, index: int) -> Content:
        on = index in self.marked
        marker = ("[x] " if on else "[ ] ") if self.many else ("(•) " if on else "( ) ")
        style = "bold" if on else ""
        return Content.assemble((marker, "bold $accent" if on else "dim"), self.text(self.entries[index]).stylize(style))

    def _redraw(self, index: int) -> None:
        self.query_one(PickList).replace_option_prompt_at_index(index, self._row(index))

    def on_pick_list_mark(self, message: PickList.Mark) -> None:
        message.stop()
        index = message.index
        if self.many:
            self.marked ^= {index}
            self._redraw(index)
        else:
            before = set(self.marked)
            self.marked = {index}
            for i in before | {index}:
                self._redraw(i)

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        # A mouse click marks (several) or chooses (one).
        message.stop()
        if self.many:
            self.on_pick_list_mark(PickList.Mark(message.option_index))
        else:
            self.on_pick_list_done(PickList.Done(message.option_index))

    def on_pick_list_done(self, message: PickList.Done) -> None:
        message.stop()
        if self.many:
            value: object = [self.entries[i] for i in sorted(self.marked)]
        else:
            if message.index is None:
                return
            value = self.entries[message.index]
        self.act(lambda: self.runner.submit(value))

    def focus_first(self) -> None:
        self.query_one(PickList).focus()


class ChooseView(_PickView):
    kind = "choose"

    def __init__(self, context) -> None:
        super().__init__(context)
        self.many = bool(self.step.many)
        self.entries = tuple(self.step.options)


class ChecklistView(_PickView):
    kind = "checklist"
    many = True

    def __init__(self, context) -> None:
        super().__init__(context)
        self.entries = tuple(self.step.items)

    def help_pages(self) -> tuple[str, ...]:
        return ("checklist",)
