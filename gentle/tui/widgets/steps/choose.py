"""choose and checklist: move with the arrows, Space (or an option's number) marks, Enter
gives what is marked.

What is marked is what is given: Enter never gives the option under the cursor unless it
is marked, and with nothing marked a choose step says how to choose (the kind refuses an
empty answer; a checklist may be given with nothing ticked). Markers are plain
characters, so they read the same in any theme or with NO_COLOR: ``( )``/``(•)`` for one
choice, ``[ ]``/``[x]`` when several may be picked, and ``›`` points at the row the
arrows are on. An option the flow marks `exclusive:` is picked on its own: ticking it
clears the others, and ticking another clears it (the kind's rule, ``after_ticking``).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gentle.flows.kinds.choose import NOTHING_CHOSEN, after_ticking
from gentle.tui.widgets.steps.base import StepView, ViewKeysFirst

POINTER = "› "
NO_POINTER = "  "


class PickList(ViewKeysFirst, OptionList):
    """An option list where Space (or a number) marks and Enter finishes.

    Its keys run in the list's own turn, in the order they were typed (as a step view's
    do, see ``StepView.take_key``): a number typed just after Enter must not be marked
    before Enter has given the answer.
    """

    BINDINGS = [
        Binding("space", "mark", "Mark", id="pick-mark", tooltip="Mark or unmark this one."),
        Binding("enter", "done", "Done", id="pick-done", tooltip="Give what is marked."),
    ]

    class Mark(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Done(Message):
        pass

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            view = next((node for node in self.ancestors if isinstance(node, StepView)), None)
            if view is not None:
                if await view.take_key(event):
                    return
                if await self._key_now(event):
                    return
        await super(ViewKeysFirst, self).on_event(event)

    async def _key_now(self, event: events.Key) -> bool:
        if event.character and event.character in "123456789":
            index = int(event.character) - 1
            if index < self.option_count:
                event.stop()
                event.prevent_default()
                self.highlighted = index
                self.post_message(self.Mark(index))
                return True
            return False
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.node is not self or not active.enabled:
            return False
        event.stop()
        event.prevent_default()
        await self.run_action(active.binding.action)
        return True

    def action_mark(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Mark(self.highlighted))

    def action_done(self) -> None:
        self.post_message(self.Done())


class _PickView(StepView):
    many = False
    entries: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(self.text(self.step.ask), classes="ask")
        yield self.shown_words()
        yield PickList(id="picks", markup=False)
        yield Static(self._hint(), id="pick-hint", classes="hint", markup=False)

    def _hint(self) -> str:
        number = " or its number" if len(self.entries) <= 9 else ""
        if self.many:
            return f"Arrows move · Space{number} ticks · Enter when done"
        return f"Arrows move · Space{number} chooses · Enter gives it"

    def on_mount(self) -> None:
        self.marked: set[int] = set(self._previous())
        self._pointer = min(self.marked) if self.marked else 0
        picks = self.query_one(PickList)
        picks.add_options([Option(self._row(i), id=f"pick-{i}") for i in range(len(self.entries))])
        picks.highlighted = self._pointer

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
        pointer = POINTER if index == getattr(self, "_pointer", None) else NO_POINTER
        words = self.text(self.entries[index]).stylize("bold" if on else "")
        lead = Content.assemble((pointer, "bold"), (marker, "bold $accent" if on else "dim"))
        # A long option wraps under its own words, not under its marker.
        room = self._room() - lead.cell_length
        lines = words.wrap(room) if room >= 12 and words.cell_length > room else [words]
        indent = Content(" " * lead.cell_length)
        return Content("\n").join(
            Content.assemble(lead if n == 0 else indent, line) for n, line in enumerate(lines))

    def _room(self) -> int:
        """The columns a row has in the list (0 before the list is laid out)."""
        picks = self.query(PickList)
        return picks.first().scrollable_content_region.width if picks else 0

    def on_resize(self) -> None:
        width = self._room()
        if width and width != getattr(self, "_wrapped_at", None) and hasattr(self, "marked"):
            self._wrapped_at = width
            self._redraw(*range(len(self.entries)))

    def _redraw(self, *indexes: int) -> None:
        picks = self.query_one(PickList)
        for index in sorted(set(indexes)):
            if 0 <= index < picks.option_count:
                picks.replace_option_prompt_at_index(index, self._row(index))

    def on_option_list_option_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        message.stop()
        before, self._pointer = self._pointer, message.option_index
        self._redraw(before, self._pointer)
        if before != self._pointer and self.is_attached:
            self.query_one(PickList).scroll_visible(animate=False)  # the arrows moved: follow

    def on_pick_list_mark(self, message: PickList.Mark) -> None:
        message.stop()
        before = set(self.marked)
        self.marked = self._ticked(message.index)
        self._redraw(*(before | self.marked | {message.index}))

    def _ticked(self, index: int) -> set[int]:
        if not self.many:
            return {index}
        return self.marked ^ {index}

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        # A mouse click marks, as Space does; Enter gives what is marked.
        message.stop()
        self.on_pick_list_mark(PickList.Mark(message.option_index))

    def on_pick_list_done(self, message: PickList.Done) -> None:
        message.stop()
        picked = [self.entries[i] for i in sorted(self.marked)]
        if self.many:
            value: object = picked
        else:
            value = picked[0] if picked else None
        # Whether it can be given is the kind's to say: nothing chosen is refused, kindly.
        self.act(lambda: self.runner.submit(value))

    def explains(self, reason: str) -> bool:
        return reason == NOTHING_CHOSEN

    def explain(self, reason: str) -> str:
        how = "use the arrows and Space, or its number" if len(self.entries) <= 9 else "use the arrows and Space"
        if self.many:
            return f"Choose at least one first: {how}. Ctrl+N skips it."
        return f"Choose one first: {how}."

    def focus_first(self) -> None:
        shown = self.query("ShownWords")
        if shown and shown.first().display:
            # Words shown again come first: read them, then the list below them.
            self.query_one(PickList).focus(scroll_visible=False)
            shown.first().scroll_visible(top=True, animate=False)
        else:
            self.query_one(PickList).focus()


class ChooseView(_PickView):
    kind = "choose"

    def __init__(self, context) -> None:
        super().__init__(context)
        self.many = bool(self.step.many)
        self.entries = tuple(self.step.options)

    def _ticked(self, index: int) -> set[int]:
        if not self.many:
            return {index}
        picked = [self.entries[i] for i in sorted(self.marked)]
        after = after_ticking(self.step, picked, self.entries[index])
        return {i for i, entry in enumerate(self.entries) if entry in after}


class ChecklistView(_PickView):
    kind = "checklist"
    many = True

    def __init__(self, context) -> None:
        super().__init__(context)
        self.entries = tuple(self.step.items)

    def help_pages(self) -> tuple[str, ...]:
        return ("checklist", *self.who_pages())
