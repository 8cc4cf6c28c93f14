"""What a session screen does besides the steps: breaks, the flooding offer, notes, the
first-run note, and a copy to a file when the notes file can't be written.

``SessionScreen`` calls these in one line each, so the session screen stays about steps.
The rules live in the engine (``Runner.call_break``, ``Runner.flooding``) and the store
(``LiveSession``); this module only decides which dialog to show and when.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from gentle.tui.literal import literal

if TYPE_CHECKING:
    from gentle.engine.runner import Runner
    from gentle.store.live import LiveSession
    from gentle.tui.screens.session import SessionScreen

_OFFERING = "_gentle_offering"  # a dialog of ours is open for this screen: don't stack another


class StoreTroubleBanner(Static):
    DEFAULT_CSS = """
    StoreTroubleBanner {
        height: auto; margin-bottom: 1; padding: 0 1;
        border: round $warning; color: $foreground;
    }
    """


def remove_banner(screen: "SessionScreen", kind: type) -> None:
    """Take a banner away, and the room it took (textual keeps an auto-height slot at its
    old height after its child is removed, leaving a blank gap above the step)."""
    if not screen.query(kind):
        return
    screen.query(kind).remove()
    for slot in screen.query("#banner-slot"):
        screen.call_after_refresh(slot.refresh, layout=True)


def live_session(screen: "SessionScreen") -> "LiveSession | None":
    return screen.app.context.live.get(screen.runner)  # type: ignore[attr-defined]


def attach(screen: "SessionScreen") -> None:
    """On mount: the first-run note beside the flow's first step when gentle opened
    straight into the flow (otherwise home showed it), and any store trouble."""
    from gentle.tui.screens.home import HomeScreen
    from gentle.tui.widgets.safety_banner import show_first_run_note

    first_screen = not any(isinstance(s, HomeScreen) for s in screen.app.screen_stack)
    if first_screen and screen.runner.position[0] == 1 and not screen.runner.answers:
        show_first_run_note(screen)
    show_trouble(screen)


def show_trouble(screen: "SessionScreen") -> None:
    """The banner that says saving waits, while it waits (and gone once all is saved)."""
    live = live_session(screen)
    if live is None or live.trouble is None or live.demo:
        remove_banner(screen, StoreTroubleBanner)
        return
    keeps = ("gentle keeps your answers and tries again every few seconds."
             if live.store is not None else "Your answers are kept while gentle is open.")
    words = Content.assemble(
        literal(live.trouble),
        Content(f"\n{keeps} Ctrl+R saves a copy to a file of your choice."),
    )
    banners = screen.query(StoreTroubleBanner)
    if banners:
        banner = banners.first()
        if getattr(banner, "words", None) != words.plain:
            banner.words = words.plain
            banner.update(words)
        return
    banner = StoreTroubleBanner(words)
    banner.words = words.plain
    screen.query_one("#banner-slot").mount(banner)


def after_sync(screen: "SessionScreen") -> None:
    """After the screen matched the runner: show a running break, or offer one."""
    if not screen.is_attached:
        return
    show_trouble(screen)
    runner = screen.runner
    if runner.position[0] != 1 or runner.answers or runner.finished:
        # Past the first step: the note gives the room back (unread, it comes back next time).
        from gentle.tui.widgets.safety_banner import SafetyBanner

        remove_banner(screen, SafetyBanner)
    if runner.finished or getattr(screen, _OFFERING, False):
        return
    if runner.break_ is not None:
        _open_cool_down(screen)
    elif runner.flooding:
        _offer_break(screen)


def _busy(screen: "SessionScreen", busy: bool) -> None:
    setattr(screen, _OFFERING, busy)


def _open_cool_down(screen: "SessionScreen") -> None:
    from gentle.tui.widgets.break_call import CoolDownScreen

    _busy(screen, True)

    def back(_: object = None) -> None:
        _busy(screen, False)
        screen.sync()

    screen.app.push_screen(CoolDownScreen(screen.runner), back)


def _offer_break(screen: "SessionScreen") -> None:
    from gentle.tui.widgets.break_call import FloodingOffer

    _busy(screen, True)
    threshold = screen.runner.offer_threshold or 0

    def decided(take: bool | None) -> None:
        _busy(screen, False)
        if take:
            call_break(screen, why="offered")
        else:
            screen.runner.decline_break()
            screen.sync()

    screen.app.push_screen(FloodingOffer(threshold), decided)


def call_break(screen: "SessionScreen", *, why: str = "called") -> None:
    """The "we need a break" key: ask who and for how long, then start the cool-down."""
    from gentle.tui.widgets.break_call import BreakCallDialog

    runner = screen.runner
    if runner.finished:
        screen.notify("This session has ended. Take all the time you need.", timeout=4)
        return
    if runner.break_ is not None:
        after_sync(screen)
        return
    if getattr(screen, _OFFERING, False):
        return
    view = screen.current_view
    if view is not None:
        view.keep_draft()  # the step waits through the break, and so do its words
    _busy(screen, True)

    def chosen(answer: "tuple[int, float] | None") -> None:
        _busy(screen, False)
        if answer is not None and runner.break_ is None and not runner.finished:
            who, seconds = answer
            runner.call_break(who, seconds, why=why)
        screen.sync()

    screen.app.push_screen(BreakCallDialog(runner.partners, runner.now()), chosen)


def add_note(screen: "SessionScreen") -> None:
    from gentle.tui.screens.note import NoteScreen

    live = live_session(screen)

    def kept(text: str | None) -> None:
        if not text or live is None:
            return
        step = screen.runner.step
        saved = live.add_note(text, step.id if step is not None else None)
        screen.notify("Note kept with this session." if saved else "Note kept while gentle is open.", timeout=3)

    screen.app.push_screen(NoteScreen(), kept)


def save_copy(screen: "SessionScreen") -> None:
    """Ctrl+R: everything this session holds in memory, to a file the couple choose."""
    from gentle.tui.screens.save_copy import SaveCopyScreen, default_path

    live = live_session(screen)
    if live is None:
        screen.notify("There is nothing to save from this session.", timeout=3)
        return
    if live.demo:
        title, why, stem = "Save this demo", "The file is clearly marked as a demo.", "gentle-demo"
    elif live.trouble:
        title, why, stem = "Save a copy of this session", live.trouble, "gentle-session"
    else:
        title, why, stem = "Save a copy of this session", "It is also in your history.", "gentle-session"
    screen.app.push_screen(
        SaveCopyScreen(live.save_copy, title=title, why=why, suggested=default_path(stem, live.clock.now()))
    )


def unsaved_reason(screen: "SessionScreen") -> str | None:
    """Why leaving now would lose something, or None."""
    live = live_session(screen)
    return waiting_reason(live, screen.runner) if live is not None else None


def waiting_reason(live: "LiveSession", runner: "Runner") -> str | None:
    """Why quitting now would lose some of this session, or None (finished or not)."""
    if live.demo or live.saving or not (runner.answers or live.notes):
        return None
    if live.store is not None and live.waiting:
        why = f" {live.trouble}" if live.trouble else ""
        return (f"Some of this session isn't in gentle's notes yet.{why} gentle is still trying: "
                "stay a moment, or press Ctrl+R to save a copy to a file.")
    return "This session's answers aren't saved in gentle's notes. Stay and press Ctrl+R to save a copy to a file."


def can_save_copy(screen: "SessionScreen") -> bool:
    """Ctrl+R shows in the footer when it matters: a demo, or a notes file that failed."""
    live = live_session(screen)
    return live is not None and (live.demo or live.trouble is not None)
