"""Plots drawn with text, for the insights screen: a chart of each partner's distress
at the start and end of sessions (a labelled 0-10 axis, dates along the bottom), weekly
bars that start from zero, and horizontal bars.

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
    return squeeze_optional(values, width)  # type: ignore[return-value]  (no value is missing)


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


def squeeze_optional(values: Sequence[float | None], width: int) -> list[float | None]:
    """Like :func:`squeeze`, for values that may be missing: each column averages the
    values it has, or is None when it has none."""
    values = list(values)
    if width <= 0 or not values:
        return []
    if len(values) <= width:
        return values
    out: list[float | None] = []
    for i in range(width):
        start = i * len(values) // width
        end = max(start + 1, (i + 1) * len(values) // width)
        chunk = [v for v in values[start:end] if v is not None]
        out.append(sum(chunk) / len(chunk) if chunk else None)
    return out


AXIS = 4  # "10 ┤": the label and the tick


def range_chart(starts: Sequence[float | None], ends: Sequence[float | None], width: int,
                labels: tuple[str, str] = ("", ""), rows: int = 6, top: float = 10.0) -> list[str]:
    """Distress from 0 to ``top``, one column per week (averaged down to fit): ``○`` the
    start of the sessions, ``●`` their end, and ``│`` between them, so a long stroke
    under a ○ is a big drop. Every row of the left axis is labelled (10, 8 … 0); the
    dates of the first and last column go under it."""
    room = max(1, width - AXIS - 1)
    first = _stretch(squeeze_optional(starts, room), room)
    last = _stretch(squeeze_optional(ends, room), room)
    grid = [[" "] * len(first) for _ in range(rows)]

    def row_of(value: float) -> int:  # 0 at the bottom row, top at the top row
        return min(rows - 1, max(0, int(value / top * (rows - 1) + 0.5)))  # halves round up

    for x, (s, e) in enumerate(zip(first, last)):
        if s is None or e is None:
            continue
        a, b = row_of(s), row_of(e)
        for y in range(min(a, b) + 1, max(a, b)):
            grid[y][x] = "│"
        grid[a][x] = "○"
        grid[b][x] = "●"
    out = []
    for y in range(rows - 1, -1, -1):
        value = y / (rows - 1) * top
        out.append(f"{value:>2g} ┤" + "".join(grid[y]))  # every row labelled: 10, 8 … 0
    out.append("   └" + "─" * len(first))
    out.append(_dates(labels, len(first)))
    return [line.rstrip() for line in out]


def _stretch(values: list, room: int) -> list:
    """A few weeks drawn wider (each over several columns, up to six), to fill the room."""
    if not values or len(values) * 2 > room:
        return values
    times = min(6, room // len(values))
    return [v for v in values for _ in range(times)]


def _dates(labels: tuple[str, str], columns: int) -> str:
    """The first date under the first column, the last under the last; when the chart is
    too narrow for both there, the two as a range ("01 Jan 2024 – 15 Jan 2024")."""
    left, right = labels
    if not right or right == left:
        return "    " + left
    if columns >= len(left) + len(right) + 1:
        return "    " + left + " " * (columns - len(left) - len(right)) + right
    return f"    {left} – {right}"


def column_bars(counts: Sequence[float], width: int, rows: int = 4,
                labels: tuple[str, str] = ("", "")) -> list[str]:
    """Vertical bars from zero, one column per week (several weeks share a column when
    they don't fit, averaged): a week of 2 beside a week of 8 is a quarter as tall, never
    nothing. The axis gives zero and the highest value."""
    room = max(1, width - AXIS - 1)
    values = _stretch(squeeze(counts, room), room)
    top = max(values, default=0.0)
    out = []
    for y in range(rows - 1, -1, -1):
        line = []
        for v in values:
            eighths = 0 if top <= 0 else round(v / top * rows * 8)
            if v > 0:
                eighths = max(eighths, 1)  # a week with sessions always shows
            part = eighths - y * 8
            line.append("█" if part >= 8 else TICKS[part - 1] if part > 0 else " ")
        label = f"{top:.3g}" if y == rows - 1 else ""
        out.append(f"{label:>2} ┤" + "".join(line))
    out.append(" 0 └" + "─" * len(values))
    out.append(_dates(labels, len(values)))
    return [line.rstrip() for line in out]


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


class Bars(_Plot):
    """Labelled horizontal bars, ``(label, value, note)`` rows, that fit their width."""

    DEFAULT_CSS = "Bars { height: auto; color: $secondary; }"

    def __init__(self, rows: Sequence[tuple[str, float, str]], **kw: str | None) -> None:
        super().__init__(list(rows), **kw)

    def draw(self, width: int) -> str:
        return "\n".join(bar_rows(self.data, width))


class RangeChart(_Plot):
    """One partner's distress at the start and end of sessions, week by week."""

    DEFAULT_CSS = "RangeChart { height: auto; color: $primary; }"

    def __init__(self, starts: Sequence[float | None], ends: Sequence[float | None],
                 labels: tuple[str, str], **kw: str | None) -> None:
        super().__init__([list(starts), list(ends), labels], **kw)

    def draw(self, width: int) -> str:
        starts, ends, labels = self.data
        return "\n".join(range_chart(starts, ends, width, labels))


class ColumnBars(_Plot):
    """Zero-based vertical bars, one column per week."""

    DEFAULT_CSS = "ColumnBars { height: auto; color: $secondary; }"

    def __init__(self, counts: Sequence[float], labels: tuple[str, str], **kw: str | None) -> None:
        super().__init__([list(counts), labels], **kw)

    def draw(self, width: int) -> str:
        counts, labels = self.data
        return "\n".join(column_bars(counts, width, labels=labels))
