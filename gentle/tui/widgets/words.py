"""A Static that takes no room while it has nothing to say (hints, notes, section names)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class Words(Static):
    def __init__(self, content: Content | str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(content, id=id, classes=classes, markup=False)
        self.display = bool(str(content))

    def say(self, content: Content | str) -> None:
        """Show ``content`` (a plain str is never parsed as markup); hide when empty."""
        self.display = bool(str(content))
        self.update(content)
