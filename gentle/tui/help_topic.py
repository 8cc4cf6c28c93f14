"""What the help screen should show; kept apart so screens can say it without importing Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gentle.records import record

if TYPE_CHECKING:
    from textual.content import Content


@record
class HelpTopic:
    pages: tuple[str, ...] = ("general",)  # names of files in gentle/tui/help/, without .md
    author_text: "str | Content | None" = None  # the step's `help:`, shown literally
    keys: tuple[tuple[str, str], ...] = ()  # (key, what it does), filled in by the app
