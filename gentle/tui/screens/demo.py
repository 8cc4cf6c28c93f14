"""``gentle demo``: gentle on a big screen, for a therapist showing it to others.

* Sample partner names, no history, and a DEMO marker always in view: on the session
  and on the break screens over it (they ask the app for ``marker_words``).
* Large step headings, the keys in use along the bottom (the key strip: quitting first,
  two lines when one is too short) and the last key pressed echoed on screen so the
  audience can follow.
* F2: the facilitator pane (the step's ``facilitator:`` notes, the flow's own notes and
  its sources), docked inside the body so the marker and the strip stay whole.
  F3: the step navigator; F8/F9: the previous/next step in the flow (``Runner.go_to``).
* F4 (the app's key, so it works during a break too): timers run ten times faster (a
  ``ScaledClock`` that every countdown of the demo reads); Ctrl+N skips a step.
* Nothing reaches the notes store: the session lives in memory (a LiveSession with no
  store), and F5 saves it to a file clearly marked as a demo.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gentle.tui.app import GentleApp
from gentle.tui.literal import literal_line
from gentle.tui.screens import session_hooks
from gentle.tui.screens.session import EventRelay, SessionScreen
from gentle.tui.widgets.demo_marker import DemoMarker, marker_words
from gentle.tui.widgets.facilitator import FacilitatorPane
from gentle.tui.widgets.keys_footer import key_label
from gentle.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from gentle.flows.model import Flow

FAST = 10.0
SEP = " · "
KEY_WORDS = {"enter": "Enter", "escape": "Esc", "space": "Space", "tab": "Tab", "up": "↑", "down": "↓",
             "left": "←", "right": "→", "backspace": "Backspace"}


def key_words(key: str, printable: bool = False) -> str:
    """How a pressed key is named on screen: ``Ctrl+B``, ``Enter``, ``F2``; letters are "typing"."""
    if printable and "+" not in key:
        return "typing"
    return "+".join(KEY_WORDS.get(p, p.upper() if len(p) <= 3 else p.capitalize()) for p in key.split("+"))


class KeyStrip(Widget):
    """The presenter's keys, and the last key pressed, under the body.

    One line when everything fits; else two, the most needed keys first (quitting
    always), and the least needed dropped rather than cut off half-way.
    """

    DEFAULT_CSS = """
    KeyStrip { height: auto; width: 100%; padding: 0 1; color: $foreground-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.said = ""
        self.keys: list[str] = []

    def show(self, said: str, keys: Sequence[str]) -> None:
        """``said`` ("Key pressed: F2") and the keys, most needed first ("Ctrl+Q quit")."""
        if (said, list(keys)) != (self.said, self.keys):
            self.said, self.keys = said, list(keys)
            self.refresh(layout=True)

    def lines(self, width: int) -> list[str]:
        pieces = ([self.said] if self.said else []) + self.keys
        whole = SEP.join(pieces)
        if len(whole) <= width or width <= 0:
            return [whole]
        lines: list[list[str]] = [[], []]
        if self.said:
            lines[1].append(self.said)  # the echo under the keys, so the keys stay put
        for key in self.keys:
            for line in lines:
                if len(SEP.join([*line, key])) <= width:
                    line.append(key)
                    break
        if self.said:
            lines[1].append(lines[1].pop(0))  # the keys first on the line, then the echo
        return [SEP.join(line) for line in lines if line]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n".join(self.lines(self.content_size.width)))


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
        Binding("f5", "save_copy", "Save demo", id="demo-save", tooltip="Save this demo to a file, marked as a demo."),
        Binding("f8", "previous_step", "Prev step", id="demo-previous", tooltip="The step before this one in the flow."),
        Binding("f9", "next_step", "Next step", id="demo-next", tooltip="The step after this one in the flow."),
    ]

    def compose_beside(self) -> ComposeResult:
        # Docked inside the body: the marker above and the key strip below keep the
        # whole width, so the pane never covers them.
        pane = FacilitatorPane(self.runner.flow)
        pane.display = False
        yield pane

    async def on_mount(self) -> None:
        # The bar and the footer are docked; the marker and the key strip sit in the flow
        # just above and below the body, so nothing covers anything.
        body = self.query_one("#body")
        await self.mount(DemoMarker("", id="demo-marker", markup=False), before=body)
        await self.mount(KeyStrip(id="key-strip"), after=body)
        self.show_marker()
        self.show_key(None)

    def sync(self) -> None:
        super().sync()
        self.query_one(FacilitatorPane).show_step(self.runner.step)

    @property
    def clock(self):
        return self.runner.clock

    def show_marker(self) -> None:
        self.query_one(DemoMarker).show(self.app.marker_words(self.runner.partners))

    # The presenter's keys, the most needed first: (binding id, the key if unbound, words).
    STRIP_KEYS: tuple[tuple[str, str, str], ...] = (
        ("quit", "ctrl+q", "quit"),
        ("demo-notes", "f2", "notes"),
        ("demo-steps", "f3", "steps"),
        ("demo-previous/demo-next", "f8/f9", "prev/next"),
        ("demo-fast", "f4", "×10"),
        ("break", "ctrl+b", "break"),
        ("skip", "ctrl+n", "skip"),
        ("demo-save", "f5", "save"),
    )

    def bound_key(self, binding_id: str, default: str) -> str:
        """The key that runs a binding here (the person's keymap included), as people read it."""
        found = next((key for key, active in self.active_bindings.items() if active.binding.id == binding_id),
                     default)
        return key_label(found.split(",")[0].strip())

    def strip_keys(self) -> list[str]:
        shown = []
        for ids, defaults, words in self.STRIP_KEYS:
            keys = "/".join(self.bound_key(i, d) for i, d in zip(ids.split("/"), defaults.split("/")))
            shown.append(f"{keys} {words}")
        return shown

    def show_key(self, key: str | None, printable: bool = False) -> None:
        strips = self.query(KeyStrip)
        if not strips:
            return
        said = f"Key pressed: {key_words(key, printable)}" if key else ""
        strips.first().show(said, self.strip_keys())

    # ----- presenter keys -------------------------------------------------------------------

    def action_facilitator(self) -> None:
        pane = self.query_one(FacilitatorPane)
        pane.display = not pane.display
        pane.show_step(self.runner.step)

    def action_navigator(self) -> None:
        from gentle.tui.widgets.navigator import StepNavigator

        step = self.runner.step
        self.app.push_screen(StepNavigator(self.runner.flow, step.id if step else None, self.runner.partners), self.jump)

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

    # The app's, not the session screen's: it works on the break screens over the session
    # too (a dialog or the cool-down), where the speed matters most. Named in the key strip.
    BINDINGS = [
        Binding("f4", "fast", "×10", id="demo-fast", show=False, priority=True,
                tooltip="Run timers ten times faster, or at normal speed again."),
    ]

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

    def marker_words(self, partners: tuple[str, str]) -> tuple[str, ...]:
        """What the DEMO marker says, on the session and on the screens over it (a break)."""
        return marker_words(partners, getattr(self.context.clock, "factor", 1.0))

    def action_fast(self) -> None:
        """F4: every timer of the demo (steps, breaks) ten times faster, or back to normal."""
        clock = self.context.clock
        if not hasattr(clock, "set_factor"):
            self.notify("Timers can't be sped up here.", timeout=3)
            return
        clock.set_factor(1.0 if clock.factor != 1.0 else FAST)
        for screen in self.screen_stack:
            show = getattr(screen, "show_marker", None)
            if callable(show):
                show()
            for marker in screen.query(DemoMarker):
                if marker.partners is not None:
                    marker.show(self.marker_words(marker.partners))
        self.notify(f"Timers run ×{clock.factor:g}.", timeout=2)

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
