"""Helpers for the TUI tests: an app wired like the real one, a fake clock, and reading the screen.

The app is built by the same ``build_context`` the ``gentle`` command uses (real flows,
real config, a real notes store under a temporary GENTLE_HOME); only the clock is fake,
so timers finish the moment a test moves the clock on.
"""

from __future__ import annotations

import html
import re
from typing import Any

from gentle.commands.screens import build_context
from gentle.engine.clock import FakeClock
from gentle.engine.pacer import total_seconds
from gentle.flows.names import fill
from gentle.tui.app import GentleApp

# 2023-11-14 22:13:20 UTC: tests run with TZ=UTC, so "Come back at" is predictable.
START = 1_700_000_000.0
NAMES = ("Sam", "Alex")


def make_app(
    flow: str | None = None,
    *,
    partners: tuple[str, str] | None = NAMES,
    names_known: bool = True,
    **context_changes: Any,
) -> tuple[GentleApp, FakeClock]:
    clock = FakeClock(START)
    context = build_context(clock)
    if names_known:
        context.partners = partners
        context.names_asked = True
    # A returning couple: the first-run safety note (tested with the safety screens) is read.
    context_changes.setdefault("show_safety_note", False)
    for key, value in context_changes.items():
        setattr(context, key, value)
    app = GentleApp(context, start_flow=flow, partners=partners if flow else None)
    app.cursor_blink = False
    return app, clock


_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" clip-path="url\(#[^)]*-line-(\d+)\)">([^<]*)</text>')


def screen_lines(app: GentleApp) -> list[str]:
    """What a person sees, as lines of text (read from the app's own screenshot)."""
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    cell = None
    svg = app.export_screenshot()
    for x, line, text in _TEXT.findall(svg):
        text = html.unescape(text).replace("\xa0", " ")
        cell = cell or _cell_width(svg)
        column = round(float(x) / cell)
        row = int(line)
        for offset, char in enumerate(text):
            if 0 <= row < height and 0 <= column + offset < width:
                grid[row][column + offset] = char
    return ["".join(row).rstrip() for row in grid]


def _cell_width(svg: str) -> float:
    match = re.search(r'textLength="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    if not match:
        return 12.2
    length, text = float(match.group(1)), html.unescape(match.group(2))
    return length / max(1, len(text))


def screen_text(app: GentleApp) -> str:
    """The screen as one string, with runs of spaces squeezed (for "is this on screen?")."""
    return "\n".join(re.sub(r" +", " ", line) for line in screen_lines(app))


def on_screen(app: GentleApp, words: str) -> bool:
    flat = re.sub(r"\s+", " ", screen_text(app))
    return re.sub(r"\s+", " ", words) in flat


def seen(app: GentleApp, words: str) -> bool:
    """``words`` on screen, read across wrapped lines and the borders beside them."""
    flat = re.sub(r"[█▌▊▎│]", " ", screen_text(app))
    return " ".join(words.split()) in " ".join(flat.split())


async def session_ready(pilot: Any) -> Any:
    """Wait until the session screen is up (it follows a first frame of the flow's name)."""
    for _ in range(100):
        screen = pilot.app.screen
        if type(screen).__name__ == "SessionScreen" and screen.is_mounted:
            return screen
        await pilot.pause(0.02)
    raise AssertionError(f"no session screen; the screen is {pilot.app.screen!r}")


class Walker:
    """Answers each step the way a couple would, by keys, and moves the fake clock."""

    def __init__(self, pilot: Any, clock: FakeClock) -> None:
        self.pilot = pilot
        self.clock = clock
        self.kinds: list[str] = []

    @property
    def app(self) -> GentleApp:
        return self.pilot.app

    @property
    def runner(self) -> Any:
        return self.app.screen.runner

    async def settle(self, seconds: float = 0.0) -> None:
        await self.pilot.pause(seconds)
        await self.pilot.pause()
        if type(self.app.screen).__name__ == "OpeningScreen":
            await session_ready(self.pilot)

    async def press(self, *keys: str) -> None:
        from gentle.tui.screens.session import ENTER_AFTER_NUMBER

        rated_at, self._rated_at = getattr(self, "_rated_at", None), None
        clock = self.app.context.clock
        if keys and keys[0] == "enter" and rated_at is not None and clock.now() - rated_at < ENTER_AFTER_NUMBER:
            # A person reads the next step before pressing Enter; an Enter straight after
            # a number that counted at its digit would go with that number.
            clock.advance(ENTER_AFTER_NUMBER)
        for key in keys:
            await self.pilot.press(key)
        await self.settle()

    async def type(self, text: str) -> None:
        await self.pilot.press(*[_key(c) for c in text])
        await self.settle()

    async def step(self, rating: int = 3, mirror_retry: bool = True) -> str:
        """Answer whatever is on screen now; returns the step kind answered."""
        step = self.runner.step
        kind = step.kind
        self.kinds.append(kind)
        handler = getattr(self, f"_{kind}")
        await handler(step, rating=rating, mirror_retry=mirror_retry)
        return kind

    async def _say(self, step: Any, **_: Any) -> None:
        await self.press("enter")

    async def _support(self, step: Any, **_: Any) -> None:
        assert on_screen(self.app, "Support lines:"), screen_text(self.app)
        await self.press("enter")

    async def _breathe(self, step: Any, **_: Any) -> None:
        assert on_screen(self.app, "Breath 1 of"), screen_text(self.app)
        self.clock.advance(total_seconds(step) + 0.5)
        await self.settle(0.2)
        assert on_screen(self.app, "Well done"), screen_text(self.app)
        await self.press("enter")

    async def _timer(self, step: Any, **_: Any) -> None:
        if step.is_break:
            assert on_screen(self.app, "Come back at"), screen_text(self.app)
        else:  # a quiet step together: nobody goes anywhere, so no return time
            assert not on_screen(self.app, "Come back at"), screen_text(self.app)
        self.clock.advance(step.seconds + 1)
        await self.settle(0.4)
        assert on_screen(self.app, "Time is up"), screen_text(self.app)
        await self.press("enter")

    async def _rate(self, step: Any, rating: int = 3, **_: Any) -> None:
        asked = self.runner.asking
        name = NAMES[asked] if asked is not None else None
        if name:
            assert on_screen(self.app, name), screen_text(self.app)
        from gentle.tui.widgets.steps.rate import _longer_possible

        value = max(step.low, min(step.high, rating))
        await self.type(str(value))
        if _longer_possible(str(value), step.low, step.high):
            await self.press("enter")  # "1" on 0-10 waits for a 0 or Enter; others count at once
        else:
            self._rated_at = self.app.context.clock.now()  # it counted at its digit

    async def _write(self, step: Any, **_: Any) -> None:
        if step.template:
            for blank in step.blanks:
                if blank.suggestions:
                    await self.press("down")  # take the first idea
                else:
                    await self.type(f"my {blank.name}")
                await self.press("enter")
        else:
            await self.type("I felt alone.")
        await self.press("ctrl+s")

    async def _choose(self, step: Any, **_: Any) -> None:
        await self.press("space")  # mark the first option: Enter gives only what is marked
        await self.press("enter")

    async def _checklist(self, step: Any, **_: Any) -> None:
        await self.press("space", "down", "space")
        await self.press("enter")

    async def _turns(self, step: Any, mirror_retry: bool = True, **_: Any) -> None:
        first = True
        while self.runner.step is step and self.runner.turn is not None:
            turn = self.runner.turn
            speaker, listener = NAMES[turn.speaker], NAMES[turn.listener]
            assert on_screen(self.app, f"{speaker} has the floor — {listener} listens"), screen_text(self.app)
            await self.press("enter")  # the speaker is done
            assert self.runner.turn.phase == "mirroring"
            await self.type("You felt alone")
            await self.press("enter")
            question = fill(step.heard_question, partner1=NAMES[0], partner2=NAMES[1], speaker=speaker, listener=listener)
            assert on_screen(self.app, question), screen_text(self.app)
            if first and mirror_retry:
                first = False
                await self.press("n")  # not quite: the listener tries again
                assert self.runner.turn.phase == "mirroring"
                await self.press("enter")  # said aloud this time
            await self.press("y")
            if step.more_question:  # "is there more?": no, one exchange per floor (as a walk)
                question = fill(step.more_question, partner1=NAMES[0], partner2=NAMES[1], speaker=speaker, listener=listener)
                assert on_screen(self.app, question), screen_text(self.app)
                await self.press("n")


def _key(char: str) -> str:
    names = {" ": "space", ",": "comma", ".": "full_stop", "'": "apostrophe", "-": "minus", "?": "question_mark"}
    return names.get(char, char)
