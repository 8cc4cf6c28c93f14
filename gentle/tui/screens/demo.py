"""``gentle demo``: gentle on a big screen, for a therapist showing it to others.

* Sample partner names, no history, and a DEMO marker always in view.
* Large step headings, the keys in use along the bottom, and the last key pressed
  echoed on screen so the audience can follow.
* F2: the facilitator pane (the step's ``facilitator:`` notes and the flow's sources).
  F3: the step navigator; F8/F9: the previous/next step in the flow (``Runner.go_to``).
* F4: timers run ten times faster (a ``ScaledClock``); Ctrl+N skips a step.
* Nothing reaches the notes store: the session lives in memory (a LiveSession with no
  store), and F5 saves it to a file clearly marked as a demo.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gentle.tui.app import GentleApp
from gentle.tui.literal import literal_line
from gentle.tui.screens import session_hooks
from gentle.tui.screens.session import EventRelay, SessionScreen
from gentle.tui.widgets.facilitator import FacilitatorPane
from gentle.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from gentle.flows.model import Flow

FAST = 10.0
KEY_WORDS = {"enter": "Enter", "escape": "Esc", "space": "Space", "tab": "Tab", "up": "↑", "down": "↓",
             "left": "←", "right": "→", "backspace": "Backspace"}


def key_words(key: str, printable: bool = False) -> str:
    """How a pressed key is named on screen: ``Ctrl+B``, ``Enter``, ``F2``; letters are "typing"."""
    if printable and "+" not in key:
        return "typing"
    return "+".join(KEY_WORDS.get(p, p.upper() if len(p) <= 3 else p.capitalize()) for p in key.split("+"))


class DemoMarker(Static):
    DEFAULT_CSS = """
    DemoMarker {
        height: 1; width: 100%; padding: 0 1;
        background: $warning; color: $background; text-style: bold;
    }
    """


class KeyStrip(Static):
    DEFAULT_CSS = """
    KeyStrip { height: 1; width: 100%; padding: 0 1; color: $foreground-muted; }
    """


class DemoSessionScreen(SessionScreen):
    DEFAULT_CSS = """
    DemoSessionScreen #step-title {
        text-style: bold; color: $text; background: $primary 30%;
        border: tall $primary; padding: 1 2; margin-bottom: 1; text-align: center;
    }
    DemoSessionScreen .section { text-align: center; }
    """

    BINDINGS = [
        Binding("f2", "facilitator", "Notes pane", id="demo-notes", tooltip="Show or hide the facilitator notes."),
        Binding("f3", "navigator", "Steps", id="demo-steps", tooltip="Jump to any step."),
        Binding("f4", "fast", "×10", id="demo-fast", tooltip="Run timers ten times faster, or at normal speed again."),
        Binding("f5", "save_copy", "Save demo", id="demo-save", tooltip="Save this demo to a file, marked as a demo."),
        Binding("f8", "previous_step", "Prev step", id="demo-previous", tooltip="The step before this one in the flow."),
        Binding("f9", "next_step", "Next step", id="demo-next", tooltip="The step after this one in the flow."),
    ]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        pane = FacilitatorPane(self.runner.flow)
        pane.display = False
        yield pane

    async def on_mount(self) -> None:
        # The bar and the footer are docked; the marker and the key strip sit in the flow
        # just above and below the body, so nothing covers anything.
        body = self.query_one("#body")
        await self.mount(DemoMarker("", id="demo-marker", markup=False), before=body)
        await self.mount(KeyStrip("", id="key-strip", markup=False), after=body)
        self.show_marker()
        self.show_key(None)

    def sync(self) -> None:
        super().sync()
        self.query_one(FacilitatorPane).show_step(self.runner.step)

    @property
    def clock(self):
        return self.runner.clock

    def show_marker(self) -> None:
        speed = getattr(self.clock, "factor", 1.0)
        fast = f"  ·  timers ×{speed:g}" if speed != 1.0 else ""
        first, second = self.runner.partners
        self.query_one(DemoMarker).update(
            f"DEMO  ·  sample partners {first} and {second}  ·  nothing is saved{fast}"
        )

    def show_key(self, key: str | None, printable: bool = False) -> None:
        said = f"Key pressed: {key_words(key, printable)}   ·   " if key else ""
        strips = self.query(KeyStrip)
        if not strips:
            return
        strips.first().update(
            said + "F2 notes · F3 steps · F8/F9 prev/next · F4 ×10 · Ctrl+N skip · F5 save · Ctrl+B break"
        )

    # ----- presenter keys -------------------------------------------------------------------

    def action_facilitator(self) -> None:
        pane = self.query_one(FacilitatorPane)
        pane.display = not pane.display
        pane.show_step(self.runner.step)

    def action_navigator(self) -> None:
        from gentle.tui.widgets.navigator import StepNavigator

        step = self.runner.step
        self.app.push_screen(StepNavigator(self.runner.flow, step.id if step else None), self.jump)

    def jump(self, step_id: str | None) -> None:
        if not step_id:
            return
        if self.runner.break_ is not None:
            self.runner.end_break()
        self.runner.go_to(step_id)
        self.sync()

    def _neighbour(self, offset: int) -> str | None:
        steps = self.runner.flow.steps
        step = self.runner.step
        index = len(steps) if step is None else self.runner.flow.index_of(step.id)
        target = index + offset
        return steps[target].id if 0 <= target < len(steps) else None

    def action_previous_step(self) -> None:
        target = self._neighbour(-1)
        if target is None:
            self.notify("This is the first step.", timeout=2)
        self.jump(target)

    def action_next_step(self) -> None:
        target = self._neighbour(+1)
        if target is None:
            self.notify("This is the last step.", timeout=2)
        self.jump(target)

    def action_fast(self) -> None:
        clock = self.clock
        if not hasattr(clock, "set_factor"):
            self.notify("Timers can't be sped up here.", timeout=3)
            return
        clock.set_factor(1.0 if clock.factor != 1.0 else FAST)
        self.show_marker()
        self.notify(f"Timers run ×{clock.factor:g}.", timeout=2)

    def action_save_copy(self) -> None:
        session_hooks.save_copy(self)


class DemoPickerScreen(Screen[None]):
    """``gentle demo`` without a flow: choose which one to show."""

    BINDINGS = [Binding("q", "app.quit", "Quit", id="demo-quit", tooltip="Leave the demo.")]

    def compose(self) -> ComposeResult:
        yield DemoMarker("DEMO  ·  sample partners, nothing is saved", markup=False)
        with Vertical(classes="column"):
            yield Static("Which flow would you like to show?", classes="step-title", markup=False)
            yield OptionList(
                *(Option(literal_line(e.title, "bold"), id=e.id) for e in self.app.context.flows()),
                id="demo-flows",
                markup=False,
            )
            yield Static(
                "Enter starts it with sample names. In the demo: F2 notes, F3 steps, F4 timers ×10.",
                classes="hint",
                markup=False,
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        flow = self.app.load_flow(event.option.id or "")
        if flow is not None:
            self.app.open_session(flow, self.app.context.names())


class DemoApp(GentleApp):
    """The app with the demo's screens; the context says ``demo=True`` and has no store."""

    TITLE = "gentle demo"
    CSS_PATH = Path(__file__).parent.parent / "gentle.tcss"  # relative paths follow the subclass

    def on_mount(self, event: events.Mount) -> None:
        # Replaces GentleApp.on_mount: no home screen, no first-run note.
        event.prevent_default()
        self.prepare()
        start = self._start_flow
        if start is not None:
            flow = self.load_flow(start) if isinstance(start, str) else start
            if flow is not None:
                self.open_session(flow, self.context.names())
                return
        self.push_screen(DemoPickerScreen())

    def prepare(self) -> None:
        """Warnings as notices, the person's keys, the settings' notices (the preview too)."""
        self.context.warn = lambda message: self.notify(message, severity="warning", timeout=8, markup=False)
        if self.context.keymap:
            self.set_keymap(dict(self.context.keymap))
        for notice in self.context.notices:
            self.notify(notice, severity="warning", timeout=10, markup=False)

    def open_session(self, flow: "Flow", partners: tuple[str, str]) -> None:
        relay = EventRelay()
        runner = self.context.start_runner(flow, partners, relay)
        self.push_screen(DemoSessionScreen(runner, relay))

    def go_home(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, DemoPickerScreen):
            self.pop_screen()
        if not isinstance(self.screen, DemoPickerScreen):
            self.switch_screen(DemoPickerScreen())

    async def on_event(self, event: events.Event) -> None:
        # Every key is echoed on the session screen, even those a text box keeps.
        if isinstance(event, events.Key):
            for screen in reversed(self.screen_stack):
                if isinstance(screen, DemoSessionScreen):
                    screen.show_key(event.key, event.is_printable)
                    break
        await super().on_event(event)
