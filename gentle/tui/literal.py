"""Author and partner text as Textual content that is shown literally, never parsed.

Everything a flow author or a partner wrote goes through here: control characters and
escape sequences are stripped by :func:`gentle.text.clean`, and the result is wrapped in
a :class:`~textual.content.Content` with no markup parsing, so ``[/]`` or
``[@click=app.quit]`` appear exactly as typed.
"""

from __future__ import annotations

from textual.content import Content

from gentle.text import clean, clean_line


def literal(text: str | None, style: str = "") -> Content:
    """Multi-line text shown exactly as written (minus control characters)."""
    content = Content(clean(text or ""))
    return content.stylize(style) if style else content


def literal_line(text: str | None, style: str = "") -> Content:
    """One line of text (titles, list rows): newlines become spaces."""
    content = Content(clean_line(text or ""))
    return content.stylize(style) if style else content
