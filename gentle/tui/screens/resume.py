"""Pick up where you left off: the interrupted sessions, latest first, continued at the exact step.

A session is continued with ``Runner.restore`` from the snapshot the recorder saved
after every event. A cool-down break that was running keeps its wall-clock deadline:
closed 5 minutes into a 20-minute break, it opens again with about 15 minutes left.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gentle.tui.screens.dialog import ClosesItself
from gentle.store import describe as say
from gentle.tui.literal import literal_line
from gentle.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from textual.app import App

    from gentle.store.sessions import ResumePoint

MAX_OFFERED = 20


def resume_session(app: "App", session_id: str) -> bool:
    """Open the saved session at its exact step, over the home screen. False if it can't be."""
    from gentle.store.errors import StoreError
    from gentle.tui.screens.session import EventRelay, SessionScreen

    context = app.context  # type: ignore[attr-defined]
    if context.resume_runner is None:
        app.notify(context.store_trouble or "There is nothing saved to pick up.", markup=False)
        return False
    relay = EventRelay()
    try:
        runner = context.resume_runner(session_id, relay)
    except StoreError as error:
        app.notify(str(error), severity="error", timeout=10, markup=False)
        return False
    app.go_home()  # type: ignore[attr-defined]
    app.push_screen(SessionScreen(runner, relay))
    return True


def where_left(point: "ResumePoint", now: float) -> Content:
    """``Pause and breathe · Sam and Alex · left Tue 03 Mar, 21:35 · at "Breathe" (2 of 5)``."""
    snap = point.snapshot
    flow = point.flow
    parts = [literal_line(flow.title, "bold"), Content(" · "), literal_line(f"{point.partners[0]} and {point.partners[1]}")]
    parts.append(Content(f" · left {say.when(point.last_at)}"))
    step_id = snap.get("step_id")
    if step_id:
        from gentle.store.history import step_title

        try:
            n = flow.index_of(step_id) + 1
        except KeyError:
            n = 0
        title = step_title(flow, step_id)[1]
        parts += [Content(" · at "), literal_line(title, "italic"), Content(f" ({n} of {len(flow.steps)})" if n else "")]
    brk = snap.get("break")
    if isinstance(brk, dict):
        from gentle.engine.breaks import BreakState

        try:
            left = BreakState.from_dict(brk).remaining(now)
        except (KeyError, TypeError, ValueError):
            left = None
        if left is not None:
            parts.append(Content(f" · during a break, {say.duration(left)} left" if left > 0 else " · a break that has ended"))
    return Content.assemble(*parts)


class ResumeScreen(ClosesItself, Screen[None]):
    BINDINGS = [
        Binding("escape,q", "leave", "Back", id="resume-back", tooltip="Back to the home screen."),
        Binding("a", "let_go", "Let it go", id="resume-let-go", tooltip="Stop offering this session; it stays in your history."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._points: list["ResumePoint"] = []

    def help_topic(self) -> str:
        return "home"

    def compose(self) -> ComposeResult:
        with Vertical(classes="column"):
            yield Static("Pick up where you left off", classes="step-title", markup=False)
            yield Static("", id="resume-note", classes="prose", markup=False)
            yield OptionList(id="resumable", markup=False)
            yield Static(
                "Enter continues the highlighted session · a stops offering it · Esc goes back",
                classes="hint",
                markup=False,
            )
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        # Every visit (the app keeps this screen): sessions may have ended or been interrupted.
        self._fill()

    def _fill(self) -> None:
        from gentle.store.errors import StoreError
        from gentle.store.sessions import load_resume, resumable_ids

        context = self.app.context
        note = self.query_one("#resume-note", Static)
        options = self.query_one(OptionList)
        options.clear_options()
        self._points = []
        if context.store is None:
            note.update(context.store_trouble or "There is nothing saved to pick up.")
            return
        try:
            for session_id in resumable_ids(context.store, limit=MAX_OFFERED):
                try:
                    self._points.append(load_resume(context.store, session_id))
                except StoreError:
                    continue  # ended meanwhile in another window
        except StoreError as error:
            note.update(str(error))
            return
        if not self._points:
            note.update("Nothing to pick up: every session was finished or set aside.")
            return
        now = context.clock.now()
        options.add_options(Option(where_left(p, now), id=p.session_id) for p in self._points)
        options.highlighted = 0
        options.focus()
        note.update("The most recent is first. gentle takes you back to the exact step.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            resume_session(self.app, event.option.id)

    def action_let_go(self) -> None:
        from gentle.store.errors import StoreError
        from gentle.store.sessions import mark_abandoned

        options = self.query_one(OptionList)
        if options.highlighted is None or not self._points:
            return
        session_id = self._points[options.highlighted].session_id
        try:
            mark_abandoned(self.app.context.store, session_id, self.app.context.clock.now())
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify("It won't be offered again. It stays in your history.", timeout=4)
        self._fill()


def show_resume_hint(screen: Screen) -> None:
    """On the home screen: a quiet line when an interrupted session is waiting."""
    from gentle.store.errors import StoreError
    from gentle.store.sessions import resumable_ids
    from gentle.tui.widgets.words import Words

    store = screen.app.context.store  # type: ignore[attr-defined]
    try:
        waiting = store is not None and bool(resumable_ids(store, limit=1))
    except StoreError:
        waiting = False
    words = "An unfinished session is waiting: press r to pick it up." if waiting else ""
    found = screen.query("#resume-hint")
    if found:
        found.first(Words).say(words)
    elif waiting:
        screen.query_one("#home").mount(Words(words, id="resume-hint", classes="hint"))

