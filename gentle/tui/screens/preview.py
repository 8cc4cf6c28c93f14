"""``gentle flows preview FILE``: a flow file shown as the demo shows it, live as it is written.

* The demo's screen (sample names, nothing saved, F2 notes, F3 steps) with a PREVIEW
  marker naming the file.
* The file's (mtime_ns, size) is looked at twice a second; when it changes the file is
  checked again by the same loader as ``gentle flows validate``. A good version takes the
  place of the one on screen, on the same step when that step is still there.
* Problems (errors and warnings) are listed in a side pane, line:col and message; the
  last good version stays on screen until the file is fixed. With no good version yet, a
  calm line says the flow will appear once it validates.
* Ctrl+E opens ``$VISUAL`` / ``$EDITOR`` (else ``vi``) at the first problem's line, with
  the app suspended; the file is checked again as soon as the editor returns.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from gentle.text import clean_line
from gentle.tui.literal import literal_line
from gentle.tui.screens.demo import DemoApp, DemoMarker, DemoSessionScreen
from gentle.tui.screens.session import EventRelay
from gentle.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from gentle.flows.model import Flow, Problem

    Check = Callable[[], tuple["Flow | None", list["Problem"]]]

POLL_EVERY = 0.5  # seconds between looks at the file
WAITING = "The flow will appear here once it validates. Fix the problems listed, save, and look again."


def problem_lines(problems: Sequence["Problem"]) -> list[str]:
    """``LINE:COL  message`` for each problem, warnings marked, one line each."""
    return [clean_line(f"{p.line}:{p.column}  {'warning: ' if p.severity != 'error' else ''}{p.message}")
            for p in problems]


def first_problem_line(problems: Sequence["Problem"]) -> int | None:
    """Where the editor opens: the first error, else the first warning, else nowhere."""
    errors = [p for p in problems if p.severity == "error"]
    chosen = (errors or list(problems))[:1]
    return chosen[0].line if chosen else None


def editor_command(path: Path, line: int | None, environ: Mapping[str, str] = os.environ) -> list[str]:
    """``$VISUAL`` or ``$EDITOR`` (which may hold options, like ``code -w``), else vi."""
    chosen = (environ.get("VISUAL") or "").strip() or (environ.get("EDITOR") or "").strip() or "vi"
    try:
        words = shlex.split(chosen)
    except ValueError:
        words = [chosen]
    return [*words, *([f"+{line}"] if line else []), str(path)]


class ProblemsPane(VerticalScroll):
    """Every problem in the file, line:col and message; hidden while there are none."""

    DEFAULT_CSS = """
    ProblemsPane {
        dock: left; width: 40%; max-width: 60; min-width: 24; height: auto; max-height: 100%;
        margin: 1 0 0 0; padding: 0 1; border-right: tall $error; background: $surface;
    }
    ProblemsPane .pane-title { text-style: bold; color: $error; margin-top: 1; }
    ProblemsPane .problem { margin-bottom: 1; }
    ProblemsPane .problem.-warning { color: $warning; }
    """

    def __init__(self, *, id: str | None = "preview-problems") -> None:
        super().__init__(id=id)
        self.display = False
        self.lines: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="preview-problems-title", classes="pane-title", markup=False)
        yield Vertical(id="preview-problem-list")

    def show(self, problems: Sequence["Problem"]) -> None:
        self.lines = problem_lines(problems)
        self.display = bool(problems)
        if not self.is_mounted:
            self.call_after_refresh(self.show, problems)
            return
        errors = sum(1 for p in problems if p.severity == "error")
        warnings = len(problems) - errors
        counts = ", ".join(part for part in (
            f"{errors} problem{'s' if errors != 1 else ''}" if errors else "",
            f"{warnings} warning{'s' if warnings != 1 else ''}" if warnings else "") if part)
        self.query_one("#preview-problems-title", Static).update(
            literal_line(f"{counts[:1].upper()}{counts[1:]} in the file  ·  Ctrl+E edits" if problems else "")
        )
        holder = self.query_one("#preview-problem-list", Vertical)
        holder.remove_children()
        holder.mount_all(
            Static(literal_line(text), classes="problem" + (" -warning" if p.severity != "error" else ""),
                   markup=False)
            for text, p in zip(self.lines, problems)
        )


def _show_problems(screen: Screen, problems: Sequence["Problem"]) -> None:
    """Both preview screens: the problems in their pane (once it is composed)."""
    panes = screen.query(ProblemsPane)
    if panes:  # not yet composed: on_mount shows them
        panes.first().show(problems)


def _show_app_problems(screen: Screen) -> None:
    _show_problems(screen, getattr(screen.app, "problems", []))


class PreviewMarker(DemoMarker):
    pass


class PreviewSessionScreen(DemoSessionScreen):
    """The demo's session screen, with the PREVIEW marker and the problems pane."""

    STRIP_KEYS = (
        ("quit", "ctrl+q", "quit"),
        ("preview-edit", "ctrl+e", "edit"),
        *(entry for entry in DemoSessionScreen.STRIP_KEYS if entry[0] not in ("quit", "break", "demo-save")),
    )

    def compose_beside(self) -> ComposeResult:
        yield from super().compose_beside()
        yield ProblemsPane()

    on_mount = _show_app_problems
    show_problems = _show_problems


class PreviewWaitingScreen(Screen[None]):
    """No good version of the file yet: its problems, and what will happen."""

    DEFAULT_CSS = """
    PreviewWaitingScreen ProblemsPane {
        dock: none; width: 1fr; max-width: 100%; min-width: 0; border-right: none; margin: 0;
    }
    PreviewWaitingScreen PreviewMarker { dock: top; }
    PreviewWaitingScreen #preview-column { height: 1fr; overflow-y: auto; }
    PreviewWaitingScreen #preview-waiting { margin: 1 2 0 2; }
    """

    def compose(self) -> ComposeResult:
        yield PreviewMarker(Content(clean_line(f"PREVIEW  ·  {getattr(self.app, 'label', '')}")), markup=False)
        with VerticalScroll(classes="column", id="preview-column"):
            yield Static(WAITING, id="preview-waiting", markup=False)
            yield ProblemsPane()
        yield KeysFooter()

    on_mount = _show_app_problems
    show_problems = _show_problems


class PreviewApp(DemoApp):
    """The demo app for one file being written, reloaded as it is saved."""

    TITLE = "gentle preview"
    CSS_PATH = Path(__file__).parent.parent / "gentle.tcss"

    BINDINGS = [
        Binding("ctrl+e", "edit_flow", "Edit", id="preview-edit", priority=True,
                tooltip="Open the flow file in your editor, at the first problem."),
    ]

    def __init__(self, context, *, path: Path, check: "Check", partners: tuple[str, str]) -> None:
        super().__init__(context, start_flow=None, partners=partners)
        self.path = path
        self.label = clean_line(str(path))
        self._check = check
        self._seen: tuple[int, int] | None = None
        self.problems: list["Problem"] = []
        self.flow: "Flow | None" = None  # the last good version
        self.reloads = 0  # good reloads after the first load (tests wait on this)

    # ----- start and look at the file -------------------------------------------------------

    async def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()
        self.prepare()
        self._seen = self._signature()
        await self.reload(first=True)
        self.set_interval(POLL_EVERY, self.poll)

    def _signature(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    async def poll(self) -> None:
        signature = self._signature()
        if signature != self._seen:
            self._seen = signature
            await self.reload()

    def _checked(self) -> tuple["Flow | None", list["Problem"]]:
        from gentle.flows.model import Problem

        try:
            return self._check()
        except Exception as error:  # never let a file being written stop the preview
            return None, [Problem(str(self.path), 1, 1, f"could not be read: {error}")]

    async def reload(self, *, first: bool = False) -> None:
        flow, problems = self._checked()
        self.problems = list(problems)
        if flow is not None:
            if not first:
                self.reloads += 1
            await self._show_flow(flow)
            if not first:
                self.notify("Reloaded", timeout=2)
        elif self.flow is None:
            if not any(isinstance(s, PreviewWaitingScreen) for s in self.screen_stack):
                await self.push_screen(PreviewWaitingScreen())
        elif not first:
            errors = sum(1 for p in problems if p.severity == "error")
            self.notify(f"Not reloaded: {errors} problem{'s' if errors != 1 else ''} to fix; "
                        "the last good version stays on screen.", severity="warning", timeout=3)
        for screen in self.screen_stack:
            show = getattr(screen, "show_problems", None)
            if show is not None:
                show(self.problems)

    def _session(self) -> PreviewSessionScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, PreviewSessionScreen):
                return screen
        return None

    async def _show_flow(self, flow: "Flow") -> None:
        """``flow`` in place of what is on screen, on the same step if it still has it."""
        old = self._session()
        step_id = old.runner.step.id if old is not None and old.runner.step is not None else None
        notes_open = False
        if old is not None:
            from gentle.tui.widgets.facilitator import FacilitatorPane

            notes_open = bool(old.query_one(FacilitatorPane).display)
        self.flow = flow
        relay = EventRelay()
        runner = self.context.start_runner(flow, self.context.names(), relay)
        if step_id and runner.step is not None and step_id != runner.step.id and step_id in {s.id for s in flow.steps}:
            runner.go_to(step_id)
        screen = PreviewSessionScreen(runner, relay)
        # What was on top (the navigator, help, a waiting screen) belongs to the old version.
        while len(self.screen_stack) > 2 and self.screen is not old:
            await self.pop_screen()
        if len(self.screen_stack) > 1:
            await self.switch_screen(screen)
        else:
            await self.push_screen(screen)
        if notes_open:
            screen.action_facilitator()

    # ----- the editor -----------------------------------------------------------------------

    async def action_edit_flow(self) -> None:
        command = editor_command(self.path, first_problem_line(self.problems))
        try:
            try:
                with self.suspend():
                    subprocess.run(command, check=False)
            except SuspendNotSupported:
                if not self.is_headless:
                    self.notify(f"gentle can't hand this terminal to an editor; open {self.label} yourself.",
                                severity="warning", timeout=6, markup=False)
                    return
                subprocess.run(command, check=False, stdin=subprocess.DEVNULL)  # tests: no screen to give up
        except OSError as error:
            self.notify(f"The editor {command[0]!r} could not be started: {error.strerror or error}. "
                        "Set VISUAL or EDITOR to the one you use.", severity="error", timeout=8, markup=False)
            return
        self._seen = self._signature()
        await self.reload()

    # ----- the demo's ways home, here ---------------------------------------------------------

    def marker_words(self, partners: tuple[str, str]) -> tuple[str, ...]:
        speed = getattr(self.context.clock, "factor", 1.0)
        fast = f"  ·  timers ×{speed:g}" if speed != 1.0 else ""
        return (clean_line(f"PREVIEW  ·  {self.label}  ·  sample names, nothing is saved{fast}"),)

    def action_go_home(self) -> None:
        self.notify("This is the preview of one file. Ctrl+Q leaves it.", timeout=3)

    def go_home(self) -> None:
        """The finished flow's way "home": its first step again, in the last good version."""
        if self.flow is not None:
            self.call_later(self._show_first, self.flow)

    async def _show_first(self, flow: "Flow") -> None:
        relay = EventRelay()
        runner = self.context.start_runner(flow, self.context.names(), relay)
        while len(self.screen_stack) > 2 and not isinstance(self.screen, PreviewSessionScreen):
            await self.pop_screen()
        await self.switch_screen(PreviewSessionScreen(runner, relay))
        for screen in self.screen_stack:
            show = getattr(screen, "show_problems", None)
            if show is not None:
                show(self.problems)
