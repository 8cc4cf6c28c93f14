"""The safety note shown on first run, on the Safety & support screen and in handouts.

The words live in notice.md (data, not code) so they can be reviewed on their own:
a ``# title`` line, then paragraphs separated by blank lines. The support lines that
follow the note come from :mod:`gentle.safety.resources`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources as package_files

from gentle.records import record


@record
class Notice:
    title: str
    paragraphs: tuple[str, ...]

    @property
    def summary(self) -> str:
        """The first paragraph, for a one-line banner."""
        return self.paragraphs[0]

    def plain(self) -> str:
        """The whole note as plain text."""
        return "\n\n".join((self.title, *self.paragraphs))


def parse_notice(text: str) -> Notice:
    blocks = [" ".join(b.split()) for b in text.strip().split("\n\n") if b.strip()]
    title = blocks[0].lstrip("#").strip() if blocks and blocks[0].startswith("#") else "Safety"
    body = blocks[1:] if blocks and blocks[0].startswith("#") else blocks
    return Notice(title=title, paragraphs=tuple(body))


@lru_cache(maxsize=1)
def load_notice() -> Notice:
    """The built-in safety note."""
    text = package_files.files("gentle.safety").joinpath("notice.md").read_text(encoding="utf-8")
    return parse_notice(text)
