"""The gentle Textual app: themes, keys, and which screen comes first.

Kept small on purpose: each screen lives in ``screens/`` and each step kind's widget in
``widgets/steps/``. Other parts of the TUI (history, insights, resume, safety) are
named screens in :data:`SCREENS`, so they can be swapped in without touching this file's
logic.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding

from gentle.tui.compat import CrashReportWithoutLocals, start_with_theme
from gentle.tui.context import AppContext
from gentle.tui.themes import GENTLE_THEMES, partner_colour_defaults, resolve_theme_name

if TYPE_CHECKING:
    from gentle.flows.model import Flow


def _screen(module: str, name: str):
    from importlib import import_module

    return getattr(import_module(f"gentle.tui.screens.{module}"), name)()


SAVE_AGAIN_EVERY = 3.0  # seconds between tries to save what waits


class GentleApp(CrashReportWithoutLocals, App[None]):
    CSS_PATH = "gentle.tcss"
    TITLE = "gentle"
    # Ctrl+P: textual's command palette, holding gentle's own commands (gentle/tui/commands.py).
    ENABLE_COMMAND_PALETTE = True
    # Screens get these classes from the terminal size; gentle.tcss uses them for
    # the compact layouts (40x12 and smaller) and the roomy one (200x60).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-compact"), (80, "-medium"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (16, "-mid"), (30, "-tall")]

    # Named screens other parts of gentle provide.
    # Imported only when opened: the first frame should not wait for them.
    SCREENS: ClassVar[dict] = {
        "history": lambda: _screen("history", "HistoryScreen"),
        "resume": lambda: _screen("resume", "ResumeScreen"),
        "safety": lambda: _screen("safety", "SafetyScreen"),
    }

    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="quit",
            tooltip="Leave gentle. It asks first only if something would be lost.",
            priority=True,
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="commands",
            priority=True,
            tooltip="Everything gentle can do, by name: a break, your names, the theme, history…",
        ),
        Binding(
            "f1,question_mark",
            "help",
            "Help",
            id="help",
            key_display="?",
            tooltip="What this screen is for and which keys work here.",
        ),
        # Safety keys work on every screen, even while typing (priority), with no questions.
        Binding(
            "ctrl+g",
            "quick_hide",
            "Hide",
            id="quick-hide",
            priority=True,
            tooltip="Hide gentle at once behind a blank screen; the same key brings it back.",
        ),
        Binding(
            "ctrl+b",
            "call_break",
            "Break",
            id="break",
            priority=True,
            tooltip="We need a break: either of you can call one at any moment.",
        ),
        Binding(
            "escape", "dismiss_note", "Got it", id="dismiss-note", priority=True, show=False,
            tooltip="Put the safety note away (Safety & support keeps it).",
        ),
        Binding(
            "f2", "change_country", "Country", id="note-country", priority=True, show=False,
            tooltip="Choose the country for the safety note's support lines.",
        ),
    ]

    def __init__(
        self,
        context: AppContext,
        *,
        start_flow: "str | Flow | None" = None,
        partners: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        # Tests and snapshots turn this off so screens are the same every time.
        self.cursor_blink = True
        self._start_flow = start_flow
        self._partners_override = partners
        for theme in GENTLE_THEMES:
            self.register_theme(theme)
        start_with_theme(self, resolve_theme_name(context.theme, self.available_themes))

    @property
    def reduced_motion(self) -> bool:
        """Calm text instead of animation: the setting, or TEXTUAL_ANIMATIONS=none."""
        return self.context.reduced_motion or self.animation_level == "none"

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Any theme (nord, ansi-dark, ...) gets partner colours, so gentle.tcss parses.
        return partner_colour_defaults(self.current_theme)

    def on_mount(self) -> None:
        self.context.warn = lambda message: self.tell(message, severity="warning", timeout=8)
        # Answers that could not be saved (a busy or full notes file) are tried again.
        self.set_interval(SAVE_AGAIN_EVERY, self.save_waiting)
        if self.context.keymap:
            self.set_keymap(dict(self.context.keymap))
            # Checking the ids imports every screen; do it once the first frame is up.
            self.call_after_refresh(self._check_keymap)
        for notice in self.context.notices:
            self.tell(notice, severity="warning", timeout=10)
        if self._partners_override is not None and not self.context.demo:
            self.remember_names(self._partners_override)  # given once, remembered
        if self._start_flow is not None:
            start = self._start_flow
            flow = self.load_flow(start) if isinstance(start, str) else start
            if flow is not None:
                self.begin(flow, partners=self._partners_override)
                return
        from gentle.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())

    def _check_keymap(self) -> None:
        from gentle.tui.keys import unknown_key_ids

        for message in unknown_key_ids(self.context.keymap):
            self.tell(message, severity="warning", timeout=10)

    def tell(self, message: str, **options: Any) -> None:
        """A notification whose words may come from files or people: shown literally."""
        from gentle.text import clean

        self.notify(clean(message), markup=False, **options)

    def load_flow(self, flow_id: str) -> "Flow | None":
        """The flow, or None after telling the person plainly what is wrong with it."""
        try:
            return self.context.load_flow(flow_id)
        except Exception as error:  # FlowError, UnknownFlow, OSError: all shown, none fatal
            self.tell(str(error) or f"The flow {flow_id!r} could not be opened.", severity="error", timeout=10)
            return None

    def begin(self, flow: "Flow", *, partners: tuple[str, str] | None = None) -> None:
        """Open a session of ``flow`` at once. Names are never a gate: a couple who has not
        given them is called Partner A and Partner B, and can give them at any moment."""
        self.open_session(flow, partners or self.context.names())

    def remember_names(self, names: tuple[str, str]) -> None:
        context = self.context
        if names != context.partners or not context.names_asked:
            context.partners, context.names_asked = names, True
            context.remember_partners(names)

    def action_names(self) -> None:
        """Give or change the names, and use them at once in the session on screen."""
        from gentle.tui.screens.names import NamesScreen
        from gentle.tui.screens.session import SessionScreen

        def given(names: tuple[str, str] | None) -> None:
            for screen in self.screen_stack:
                if names and isinstance(screen, SessionScreen):
                    screen.use_names(names)
                refresh = getattr(screen, "names_changed", None)
                if refresh is not None:
                    refresh()

        self.push_screen(NamesScreen(), given)

    def open_session(self, flow: "Flow", partners: tuple[str, str]) -> None:
        """Show where the session starts at once; the runner (and its recording) follows."""
        from gentle.tui.screens.opening import OpeningScreen

        self.push_screen(OpeningScreen(flow, partners))

    def go_home(self) -> None:
        """Back to the home screen, opening it if the app started straight into a flow."""
        from gentle.tui.screens.home import HomeScreen

        self.keep_drafts()
        while len(self.screen_stack) > 2 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    def action_go_home(self) -> None:
        """Home, asking first when a session is under way (it stays, to resume)."""
        from gentle.tui.screens import safety_keys

        session = safety_keys.session_screen(self)
        if session is None or session.runner.finished:
            self.go_home()
            return
        from gentle.tui.screens.confirm import ConfirmScreen

        def decided(leave: bool | None) -> None:
            if leave:
                self.go_home()

        self.keep_drafts()
        self.push_screen(
            ConfirmScreen(
                "Go back to the home screen? This session is kept just as it is: "
                "Resume (r at home) picks it up again.",
                yes="Go home",
                no="Stay here",
            ),
            decided,
        )

    def ring(self) -> None:
        """The terminal bell, only when the person turned it on."""
        if self.context.bell:
            self.bell()

    def keep_drafts(self) -> None:
        """Keep what is half-typed in every running session (quit, break, hide, crash)."""
        from gentle.tui.widgets.quick_hide import keep_step_drafts

        try:
            keep_step_drafts(self)
        except Exception as error:  # never let keeping words stand in the way of leaving
            self.log.error(f"drafts not kept: {error!r}")

    async def on_event(self, event: Any) -> None:
        # Every message passes here: one isinstance, no import, on this hot path.
        if isinstance(event, events.Key) and not self.screen_stack:
            return  # closing, its screens gone: a key typed just before has nowhere to go
        await super().on_event(event)

    def save_waiting(self) -> None:
        """Try again to save what waits, in every session (finished ones too)."""
        from gentle.tui.screens import session_hooks
        from gentle.tui.screens.session import SessionScreen

        for live in list(self.context.live.values()):
            if live.waiting and not live.demo:
                live.save_waiting()
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen) and screen.is_attached:
                session_hooks.show_trouble(screen)

    def waiting_reason(self) -> str | None:
        """Why quitting would lose something some session holds, or None."""
        from gentle.tui.screens.session_hooks import waiting_reason

        for runner, live in list(self.context.live.items()):
            reason = waiting_reason(live, runner)
            if reason:
                return reason
        return None

    async def action_quit(self) -> None:
        from gentle.tui.widgets.quick_hide import NeutralScreen

        self.keep_drafts()
        if isinstance(self.screen, NeutralScreen):
            # Hidden: leave at once, with no question on the screen. What still waits is
            # written to a rescue file on the way out (gentle/tui/running.py).
            self.exit()
            return
        self.save_waiting()
        reason = getattr(self.screen, "unsaved_reason", lambda: None)() or self.waiting_reason()
        if not reason:
            self.exit()
            return
        from gentle.tui.screens.confirm import ConfirmScreen

        def decided(leave: bool | None) -> None:
            if leave:
                self.exit()

        self.push_screen(
            ConfirmScreen(f"{reason} Leave anyway?", yes="Leave", no="Stay"), decided
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from gentle.tui.screens import safety_keys

        return safety_keys.allowed(self, action)

    def action_quick_hide(self) -> None:
        from gentle.tui.widgets.quick_hide import hide

        hide(self)

    def action_call_break(self) -> None:
        from gentle.tui.screens import safety_keys

        safety_keys.call_break(self)

    def action_dismiss_note(self) -> None:
        from gentle.tui.widgets.safety_banner import dismiss_first_run_note

        dismiss_first_run_note(self.screen)

    def action_change_country(self) -> None:
        from gentle.tui.screens.country import choose_country

        choose_country(self)

    def action_help(self) -> None:
        from gentle.tui.screens.help import HelpScreen, HelpTopic

        if isinstance(self.screen, HelpScreen):
            return
        topic = getattr(self.screen, "help_topic", lambda: None)() or HelpTopic()
        if isinstance(topic, str):
            topic = HelpTopic((topic,))
        self.push_screen(HelpScreen(replace(topic, keys=self.keys_in_use())))

    def get_key_display(self, binding: Binding) -> str:
        """The key as people read it ("Ctrl+B", "Esc"), and one that works where the focus
        is: in a text box "?" would be typed, so help shows as F1 there."""
        from gentle.tui.widgets.keys_footer import key_label

        keys = [k.strip() for k in binding.key.split(",") if k.strip()]
        shown = binding.key_display or (key_label(keys[0]) if keys else "")
        if len(shown) == 1 and not binding.priority and self._typing():
            usable = [k for k in keys if len(key_label(k)) > 1]
            if usable:
                return key_label(usable[0])
        return shown

    def _typing(self) -> bool:
        from textual.widgets import Input, TextArea

        return isinstance(self.focused, (Input, TextArea))

    def get_system_commands(self, screen):
        from gentle.tui.commands import gentle_commands

        return gentle_commands(self, screen)

    def keys_in_use(self) -> tuple[tuple[str, str], ...]:
        """(key, what it does) for the bindings active now, after remapping."""
        from gentle.tui.keys import binding_ids

        ours = binding_ids()  # textual's own (focus next, copy, scroll…) are not listed
        seen: dict[str, tuple[str, str]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.system or binding.id not in ours:
                continue
            if active.enabled is False:
                continue
            label = self.get_key_display(binding)
            if binding.action in seen:
                key, what = seen[binding.action]
                seen[binding.action] = (f"{key}/{label}" if label not in key.split("/") else key, what)
            else:
                seen[binding.action] = (label, binding.tooltip or binding.description)
        return tuple(seen.values())
