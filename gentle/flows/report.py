"""Collects every problem found in one flow file, each at the position of its YAML node."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from gentle.flows.model import Problem


class Report:
    """Problems for one file. ``text`` is the decoded source, used to point inside scalars."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self._line_starts: list[int] | None = None
        # {answer:STEP} placeholders, checked once every step is known (kinds/answering.py).
        # ``owner`` is the step being read (None outside steps, where none may be used).
        self.owner: str | None = None
        self.answer_refs: list[Any] = []
        # `first_speaker: STEP` in turns steps: (owner, step id, node), checked the same way.
        self.speaker_refs: list[Any] = []

    # -- adding problems -------------------------------------------------------------

    def error_at(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, message))

    def warning_at(self, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, column, message, "warning"))

    def error(self, node: Any, message: str, *, offset: int | None = None, token: str = "") -> None:
        line, column = self.where(node, offset, token)
        self.error_at(line, column, message)

    def warning(self, node: Any, message: str, *, offset: int | None = None, token: str = "") -> None:
        line, column = self.where(node, offset, token)
        self.warning_at(line, column, message)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.path != self.path, p.line, p.column))

    # -- positions -------------------------------------------------------------------

    def where(self, node: Any, offset: int | None = None, token: str = "") -> tuple[int, int]:
        """1-based line:col of ``node``; with ``token`` and ``offset``, of that token inside it.

        The token's position is found in the source between the node's marks (the n-th
        occurrence in the value is the n-th in the source), so it works for plain, quoted
        and block scalars alike; when the source was written with escapes we fall back
        to the start of the node.
        """
        if node is None:
            return 1, 1
        mark = node.start_mark
        line, column = mark.line + 1, mark.column + 1
        if offset is None or not token or not self.text:
            return line, column
        value = getattr(node, "value", None)
        if not isinstance(value, str):
            return line, column
        nth = value[:offset].count(token)
        start = self._index(mark.line, mark.column)
        end = self._index(node.end_mark.line, node.end_mark.column)
        found = start - 1
        for _ in range(nth + 1):
            found = self.text.find(token, found + 1, end)
            if found < 0:
                return line, column
        return self._position(found)

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            from gentle.flows.precheck import LINE_BREAK

            self._line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(self.text)]
        return self._line_starts

    def _index(self, line: int, column: int) -> int:
        starts = self._starts()
        if line >= len(starts):
            return len(self.text)
        return min(starts[line] + column, len(self.text))

    def _position(self, index: int) -> tuple[int, int]:
        starts = self._starts()
        line = bisect_right(starts, index) - 1
        return line + 1, index - starts[line] + 1
