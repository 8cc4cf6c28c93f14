"""Text helpers shared by every layer. Author and partner text is data, never markup."""

from __future__ import annotations

import re

# C0 and C1 control characters, DEL, and the escape sequences they introduce.
# Newlines and tabs are kept (tabs become spaces) so multi-line notes survive.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|.)?"
    r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Return ``text`` without escape sequences or control characters.

    Keeps newlines; turns tabs and carriage returns into spaces/newlines so the
    shape of what someone wrote survives while nothing can drive the terminal.
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """Like :func:`clean`, for one-line places (titles, list rows): newlines become spaces."""
    return " ".join(clean(text).split("\n"))
