"""The breathing pacer: an oval that grows on the in-breath, holds, and shrinks on the out-breath.

It only draws what it is given: a ``PacerState``-like value from the engine
(``phase.do``, ``seconds_left``, ``cycle``, ``cycles_total``, ``fullness``, ``finished``).
The breathe step view feeds it from ``runner.breath`` on a Textual timer. With reduced
motion nothing moves smoothly: a bar of one cell per second of the phase changes once a
second (it fills on the in-breath, empties on the out-breath, and counts the seconds of
a hold), beside the phase words and the countdown, so the breath can still be followed
by eye.
"""

from __future__ import annotations

import math
from typing import Any

from textual.content import Content
from textual.widget import Widget

PHASE_WORDS: dict[str, str] = {
    "in": "Breathe in",
    "top-up": "A little more in",
    "hold": "Hold",
    "out": "Breathe out",
    "rest": "Rest",
}
# Cues that still differ with NO_COLOR or for colour-blind eyes.
PHASE_CUES: dict[str, str] = {"in": "↑", "top-up": "↑", "hold": "·", "out": "↓", "rest": "·"}
PHASE_CLASSES: dict[str, str] = {"in": "-in", "top-up": "-in", "hold": "-hold", "out": "-out", "rest": "-hold"}

SMALLEST = 0.18  # the shape never vanishes completely: the eye needs something to follow
MAX_ROWS = 13
CAPTION_ROWS = 3  # blank line, phase line, cycle line


def phase_caption(state: Any) -> Content:
    kind = state.phase.do
    seconds = max(1, math.ceil(state.seconds_left - 1e-6))
    return Content.assemble(
        (f"{PHASE_CUES.get(kind, '')} {PHASE_WORDS.get(kind, kind)}", "bold"),
        ("   ", ""),
        (str(seconds), "bold"),
    )


def cycle_caption(state: Any) -> Content:
    if state.cycles_total:
        return Content.styled(f"Breath {state.cycle} of {state.cycles_total}", "dim")
    return Content.styled(f"Breath {state.cycle}", "dim")


MAX_STEPS = 10  # a phase longer than this many seconds moves one cell per 1/10 of it
BAR_WIDTH = 30  # every phase's bar is about this wide, so nothing jumps between phases
# (counted, not yet) cells: the bar fills on in/top-up and empties on out; on a hold or
# a rest a lighter shade counts the seconds.
STEP_CELLS: dict[str, tuple[str, str]] = {"in": ("█", "░"), "top-up": ("█", "░"), "out": ("█", "░"),
                                          "hold": ("▒", "░"), "rest": ("▒", "░")}


def phase_steps(state: Any) -> tuple[int, int]:
    """(which step of the phase this is, 1-based; how many steps it has): one a second."""
    seconds = max(state.phase.seconds, 1e-6)
    steps = max(1, min(MAX_STEPS, math.ceil(seconds - 1e-6)))
    elapsed = min(1.0, max(0.0, state.progress)) * seconds
    return min(steps, int(elapsed / (seconds / steps) + 1e-6) + 1), steps


def step_bar(state: Any, width: int) -> str:
    """The still pacer: one cell per step (second) of the phase, about ``width`` wide.

    On the in-breath the bar fills a cell a step; on the out-breath it empties a cell a
    step; on a hold or a rest a lighter shade counts the steps. It changes only when a
    step begins, never in between.
    """
    step, steps = phase_steps(state)
    kind = state.phase.do
    full, empty = STEP_CELLS.get(kind, ("▒", "░"))
    filled = steps - step if kind == "out" else step
    cells = [full] * filled + [empty] * (steps - filled)
    cell = max(1, (max(1, width) + 1) // steps - 1)  # each cell this wide, one space between
    if cell == 1 and 2 * steps - 1 > width:
        return "".join(cells)[: max(1, width)]
    return " ".join(c * cell for c in cells)


def oval_rows(fullness: float, width: int, rows: int) -> list[str]:
    """Lines of exactly ``width`` cells drawing an oval sized by ``fullness`` (0..1).

    Horizontal edges use half blocks, so the shape grows smoothly half a cell at a time.
    """
    if width < 1 or rows < 1:
        return []
    scale = SMALLEST + (1.0 - SMALLEST) * max(0.0, min(1.0, fullness))
    radius_y = scale * rows / 2
    radius_x = scale * width  # in half cells (the full width is 2 * width halves)
    centre = width  # in half cells
    lines = []
    for row in range(rows):
        dy = abs(row + 0.5 - rows / 2)
        if rows == 1:
            half = radius_x
        elif dy >= radius_y:
            lines.append(" " * width)
            continue
        else:
            half = radius_x * math.sqrt(1.0 - (dy / radius_y) ** 2)
        reach = max(1, round(half))
        left, right = centre - reach, centre + reach
        cells = []
        for column in range(width):
            a = left <= 2 * column < right
            b = left <= 2 * column + 1 < right
            cells.append("█" if a and b else "▌" if a else "▐" if b else " ")
        lines.append("".join(cells))
    return lines


class BreathPacer(Widget):
    """Draws a breath. Call :meth:`show` with a new state; it repaints only itself."""

    DEFAULT_CSS = """
    BreathPacer { height: 1fr; min-height: 2; text-align: center; content-align: center middle; }
    """

    def __init__(self, *, reduced_motion: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reduced_motion = reduced_motion
        self.state: Any = None
        self._phase_kind: str | None = None
        self._drawn: str | None = None

    def show(self, state: Any) -> None:
        self.state = state
        kind = None if state is None or state.finished else state.phase.do
        if kind != self._phase_kind:
            # Change colour only when the phase changes: restyling every frame costs CPU.
            self._phase_kind = kind
            for css_class in ("-in", "-out", "-hold"):
                self.set_class(PHASE_CLASSES.get(kind or "", "") == css_class, css_class)
        # Repaint only when the picture changes: a hold, or growth smaller than half a
        # cell, draws the same frame, and skipping it keeps the CPU quiet.
        picture = self._picture()
        if picture.plain != self._drawn:
            self._drawn = picture.plain
            self.refresh()

    def on_resize(self) -> None:
        self._drawn = None
        self.refresh()

    def render(self) -> Content:
        return self._picture()

    def _picture(self) -> Content:
        state = self.state
        if state is None:
            return Content("")
        if state.finished:
            return Content.styled("Well done. Notice how you feel now.", "bold")
        caption = [phase_caption(state), cycle_caption(state)]
        height = self.content_size.height
        if self.reduced_motion:
            bar = Content(step_bar(state, max(1, min(BAR_WIDTH, self.content_size.width - 2))))
            if height <= CAPTION_ROWS:
                return Content("\n").join([bar, *caption][: max(1, height)])
            rows = min(3, height - CAPTION_ROWS)  # a thicker bar where there is room
            return Content("\n").join([*([bar] * rows), Content(""), *caption])
        rows = min(MAX_ROWS, height - CAPTION_ROWS)
        if rows < 1:
            # Too little room for a shape: a one-line bar still moves with the breath.
            width = max(1, min(40, self.content_size.width - 2))
            bar = oval_rows(state.fullness, width, 1)
            return Content("\n").join([Content(bar[0]), caption[0]][: max(1, height)])
        width = max(2, min(self.content_size.width - 2, int(rows * 2.6)))
        shape = [Content(line) for line in oval_rows(state.fullness, width, rows)]
        return Content("\n").join([*shape, Content(""), *caption])
