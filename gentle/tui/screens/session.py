"""A session: one step at a time, with the flow title, step n of m and the time so far.

The screen holds no rules of its own. It shows the Runner's state, swaps in the view
for the current step, and turns the always-there keys (back, skip, pause everything)
into Runner calls. Step views call the Runner for their own keys and post
``StepView.Changed``; the screen then looks at the Runner again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen

from gentle.engine import events as ev
from gentle.tui.help_topic import HelpTopic
from gentle.tui.literal import literal_line
from gentle.tui.screens import session_hooks
from gentle.tui.screens.typed_ahead import TypedAhead
from gentle.tui.widgets.finished import FinishedView
from gentle.tui.widgets.keys_footer import KeysFooter
from gentle.tui.widgets.session_bar import SessionBar
from gentle.tui.widgets.steps import StepContext, StepView, view_for
from gentle.tui.widgets.words import Words
from gentle.tui.wording import Wording

if TYPE_CHECKING:
    from gentle.engine.runner import Runner


class EventRelay:
    """The runner's ``on_event`` target on the TUI side; the screen subscribes later.

    Lets the runner be built (with the store's recorder chained in) before the screen
    that shows it exists, e.g. when resuming a saved session.
    """

    def __init__(self) -> None:
        self.listeners: list[Callable[[ev.Event], None]] = []

    def __call__(self, event: ev.Event) -> None:
        for listener in list(self.listeners):
            listener(event)


# An Enter this soon after a rating that counted at its digit is taken as part of it.
ENTER_AFTER_NUMBER = 1.0  # seconds


class SessionScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", tooltip="Back to the previous question or step."),
        Binding("ctrl+n", "skip", "Skip", id="skip", tooltip="Leave this step out and go on."),
        Binding(
            "ctrl+l",
            "pause_all",
            "Pause all",
            id="pause-all",
            tooltip="Freeze every timer. Press again to carry on.",
        ),
        Binding("ctrl+t", "note", "Note", id="note", show=False, tooltip="Keep a note with this session for later."),
        Binding("ctrl+r", "save_copy", "Save a copy", id="save-copy", tooltip="Save this session to a file of your choice."),
        # The same key when saving works: it still saves a copy, without a place in the footer.
        Binding("ctrl+r", "save_copy_quietly", "Save a copy", id="save-copy-any", show=False,
                tooltip="Save this session to a file of your choice."),
    ]

    def __init__(
        self, runner: "Runner", relay: EventRelay | None = None, *, typed_ahead: list[events.Key] | None = None
    ) -> None:
        super().__init__()
        self.runner = runner
        # The opening screen's own list, not a copy: it keeps collecting keys typed
        # until this screen is up (a copy taken now lost them, in a real terminal).
        self._typed_before = typed_ahead if typed_ahead is not None else []
        app = self.app
        self.context = StepContext(
            runner=runner,
            wording=Wording(runner.partners),
            reduced_motion=app.reduced_motion,
            ring=app.ring,
        )
        self._entries = 0  # StepEntered events seen: a re-entered step gets a fresh view
        self._view_key: tuple | None = None
        self.typed_ahead = TypedAhead(self)
        self._number_at: float | None = None
        if relay is not None:
            relay.listeners.append(self._on_runner_event)

    # ----- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SessionBar(self.runner.flow.title)
        with VerticalScroll(id="body"):
            with Vertical(classes="column", id="column"):
                # Other parts of gentle (the safety note) mount into this slot.
                yield Vertical(id="banner-slot")
                yield Words("", id="paused-note")
                yield Words("", id="section", classes="section")
                yield Words("", id="step-title", classes="step-title")
                yield Vertical(id="step-holder")
                yield Words("", id="names-hint", classes="hint")
            yield from self.compose_beside()
        yield KeysFooter()

    def compose_beside(self) -> ComposeResult:
        """Panes docked inside the body, beside the step (the demo's notes pane): what sits
        above and below the body keeps the full width."""
        return ()

    def on_mount(self) -> None:
        session_hooks.attach(self)
        if self._typed_before:  # typed while the session was opening: for its first step
            self.typed_ahead.hold(self._typed_before)
        self.sync()
        # The bar's clock only needs a glance per second; step views repaint themselves.
        self.set_interval(1.0, self._every_second)

    # ----- following the runner -------------------------------------------------------------

    def _on_runner_event(self, event: ev.Event) -> None:
        if isinstance(event, ev.StepEntered):
            self._entries += 1

    def on_step_view_changed(self, message: StepView.Changed) -> None:
        message.stop()
        self.sync()

    def _every_second(self) -> None:
        if self.runner.tick():
            self.sync()
        else:
            self._show_bar()

    def sync(self) -> None:
        """Make the screen match the runner: swap the step view if the step moved on."""
        runner = self.runner
        self._show_bar()
        # A running break, the flooding offer, store trouble: once the screen has settled.
        self.call_after_refresh(session_hooks.after_sync, self)
        self.query_one("#paused-note", Words).say(
            "Everything is paused. Press Ctrl+L to carry on." if runner.paused else ""
        )
        self.set_class(runner.paused, "-paused")
        self._show_names_hint()
        self.refresh_bindings()
        if runner.finished or runner.step is None:
            key: tuple = ("finished",)
        else:
            key = (self._entries, runner.step.id, runner.asking)
        if key == self._view_key:
            view = self.current_view
            # A view still being mounted draws its state itself, in its on_mount.
            if view is not None and view.is_mounted:
                view.state_changed()
            return
        self._view_key = key
        # Keys typed from now until the next view takes them are kept for it.
        self.typed_ahead.start()
        holder = self.query_one("#step-holder", Vertical)
        holder.remove_children()
        if runner.finished or runner.step is None:
            self._show_heading(None, None)
            holder.mount(FinishedView(runner.flow.title))
            self.call_after_refresh(self.typed_ahead.release)
            return
        step = runner.step
        self._show_heading(step.section, step.title)
        view = view_for(step.kind)(self.context)
        holder.mount(view)
        view.focus_later()
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)

    def number_given(self) -> None:
        """A rating counted at its digit: an Enter that follows at once goes with it."""
        self._number_at = self.runner.now()

    def enter_after_number(self, event: events.Key) -> bool:
        """Whether ``event`` is that Enter (the first key after the number, and soon)."""
        at, self._number_at = self._number_at, None
        return at is not None and event.key == "enter" and self.runner.now() - at < ENTER_AFTER_NUMBER

    def _show_names_hint(self) -> None:
        """On the first step, if nobody has given names: how to, in one quiet line."""
        context = self.app.context
        runner = self.runner
        wanted = (not context.names_asked and not context.demo and not runner.finished
                  and runner.position[0] == 1 and runner.partners == context.names())
        self.query_one("#names-hint", Words).say(
            f"gentle calls you {runner.partners[0]} and {runner.partners[1]}. To use your "
            "names: Ctrl+P, then \"Our names\"." if wanted else ""
        )

    def use_names(self, names: tuple[str, str]) -> None:
        """The names given mid-session: the runner records them, every line uses them."""
        if not self.runner.name_partners(*names):
            return
        self.keep_draft()
        self.context.wording = Wording(self.runner.partners)
        self._view_key = None  # a fresh view, in the new names (a draft comes back with it)
        self.sync()

    def _show_heading(self, section: str | None, title: str | None) -> None:
        wording = self.context.wording
        asking = self.runner.asking
        self.query_one("#section", Words).say(literal_line(section) if section else "")
        self.query_one("#step-title", Words).say(
            wording.text(title, partner=asking, one_line=True) if title else ""
        )

    def _show_bar(self) -> None:
        runner = self.runner
        position = None if runner.finished else runner.position
        self.query_one(SessionBar).show(position, runner.elapsed, paused=runner.paused)

    @property
    def current_view(self) -> StepView | None:
        views = self.query_one("#step-holder").query_children(StepView)
        return views.first() if views else None

    def on_key(self, event: events.Key) -> None:
        # While one step view replaces another, or before the first is up, keys land
        # here: keep them for the view that is coming.
        if self.typed_ahead.holding:
            self.typed_ahead.keep(event)
            return
        if self.runner.finished or self.runner.break_ is not None:
            return  # the end of the flow, or a break: no step view is coming
        view = self.current_view if self.is_mounted else None
        if view is None or not view.taking_keys:
            self.typed_ahead.keep(event)

    # ----- the always-there keys ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("back", "skip", "pause_all") and self.runner.finished:
            return False
        if action == "save_copy":
            return session_hooks.can_save_copy(self)
        return True

    def keep_draft(self) -> None:
        """Keep what is typed in the step now, before the runner moves away from it."""
        view = self.current_view
        if view is not None:
            view.keep_draft()

    def action_back(self) -> None:
        self.keep_draft()
        verdict = self.runner.back()
        if not verdict:
            if self.runner.position[0] == 1 and not self.runner.finished and self.runner.break_ is None:
                self.app.action_go_home()  # Esc on the first step: the way home, asked first
                return
            if verdict.reason and not self.runner.finished:
                self.notify(verdict.reason, timeout=3, markup=False)
            return
        self.sync()

    def action_skip(self) -> None:
        if self.runner.finished:
            return
        self.keep_draft()
        self.runner.skip()
        self.sync()

    def action_pause_all(self) -> None:
        if self.runner.paused:
            self.runner.resume()
        else:
            self.runner.pause()
        self.sync()

    # ----- what the app asks every screen ---------------------------------------------------

    def help_topic(self) -> HelpTopic:
        step = self.runner.step
        view = self.current_view
        pages = (*(view.help_pages() if view else ()), "session")
        raw = getattr(step, "help", None)
        author = self.context.wording.text(raw.strip(), partner=self.runner.asking) if raw else None
        return HelpTopic(pages=pages, author_text=author)

    def unsaved_reason(self) -> str | None:
        view = self.current_view
        if view is not None:
            reason = view.unsaved()
            if reason:
                return reason
        keeps = self.app.context.keeps_sessions
        if not keeps and not self.runner.finished and self.runner.answers:
            return "This session's answers are not being saved. Stay, then Ctrl+R saves a copy to a file."
        return session_hooks.unsaved_reason(self)

    def action_note(self) -> None:
        session_hooks.add_note(self)

    def action_save_copy_quietly(self) -> None:
        self.action_save_copy()

    def action_save_copy(self) -> None:
        session_hooks.save_copy(self)
