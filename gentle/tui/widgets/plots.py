"""Plots drawn with text: sparklines and horizontal bars, for the insights screen.

The drawing is plain functions of numbers and a width (easy to test, no terminal
needed). The widgets redraw only when their width changes, never on every repaint.
"""

from __future__ import annotations

import math
from typing import Sequence

from textual.content import Content
from textual.widgets import Static

from gentle.text import clean_line

TICKS = "▁▂▃▄▅▆▇█"
EIGHTHS = " ▏▎▍▌▋▊▉█"


def squeeze(values: Sequence[float], width: int) -> list[float]:
    """At most ``width`` values: neighbours are averaged when there are more."""
    values = list(values)
    if width <= 0 or not values:
        return []
    if len(values) <= width:
        return values
    out = []
    for i in range(width):
        start = i * len(values) // width
        end = max(start + 1, (i + 1) * len(values) // width)
        chunk = values[start:end]
        out.append(sum(chunk) / len(chunk))
    return out


def sparkline(values: Sequence[float], width: int) -> str:
    """One character per value (averaged down to ``width``), low to high: ▁ … █."""
    points = squeeze(values, width)
    if not points:
        return ""
    low, high = min(points), max(points)
    if math.isclose(low, high):
        return TICKS[len(TICKS) // 2] * len(points)
    span = high - low
    return "".join(TICKS[min(len(TICKS) - 1, int((v - low) / span * len(TICKS)))] for v in points)


def bar(value: float, top: float, width: int) -> str:
    """A horizontal bar ``width`` cells long at ``top``, drawn in eighths of a cell."""
    if width <= 0 or top <= 0 or value <= 0:
        return ""
    eighths = round(min(value, top) / top * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def bar_rows(rows: Sequence[tuple[str, float, str]], width: int) -> list[str]:
    """``label  ████▍  note`` lines; labels are cleaned and cut to fit, bars share one scale."""
    if not rows:
        return []
    labels = [clean_line(label) for label, _, _ in rows]
    notes = [clean_line(note) for _, _, note in rows]
    label_width = min(max(len(label) for label in labels), max(8, width // 3))
    note_width = max(len(note) for note in notes)
    room = max(1, width - label_width - note_width - 4)
    top = max((value for _, value, _ in rows), default=0.0)
    lines = []
    for label, (_, value, _), note in zip(labels, rows, notes):
        if len(label) > label_width:
            label = label[: label_width - 1] + "…"
        lines.append(f"{label:<{label_width}}  {bar(value, top, room):<{room}}  {note}".rstrip())
    return lines


class _Plot(Static):
    """Text drawn for its width by ``draw``; redrawn only when the width changes."""

    def __init__(self, data: list, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.data = data
        self._drawn_width = -1

    def draw(self, width: int) -> str:
        raise NotImplementedError

    def on_resize(self) -> None:
        width = self.content_size.width
        if width != self._drawn_width and width > 0:
            self._drawn_width = width
            self.update(Content(self.draw(width)))


class Sparkline(_Plot):
    """A sparkline of ``values`` that fits its width."""

    DEFAULT_CSS = "Sparkline { height: auto; color: $primary; }"

    def __init__(self, values: Sequence[float], **kw: str | None) -> None:
        super().__init__(list(values), **kw)

    def draw(self, width: int) -> str:
        return sparkline(self.data, width)


class Bars(_Plot):
    """Labelled horizontal bars, ``(label, value, note)`` rows, that fit their width."""

    DEFAULT_CSS = "Bars { height: auto; color: $secondary; }"

    def __init__(self, rows: Sequence[tuple[str, float, str]], **kw: str | None) -> None:
        super().__init__(list(rows), **kw)

    def draw(self, width: int) -> str:
        return "\n".join(bar_rows(self.data, width))
