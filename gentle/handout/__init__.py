"""Printable handouts of a flow for clients: Markdown or one self-contained HTML page.

    text = render_handout(flow, "html", country="uk")

Facilitator notes are left out; the safety note and support lines close every handout.
No textual here.
"""

from __future__ import annotations

from typing import Literal

from gentle.flows.model import Flow
from gentle.handout.content import Handout, build_handout
from gentle.handout.html import render_html
from gentle.handout.markdown import render_markdown

Format = Literal["md", "html"]
FORMATS: tuple[str, ...] = ("md", "html")


def render_handout(flow: Flow, fmt: Format = "md", *, country: str = "international",
                   default_threshold: int | None = None) -> str:
    handout = build_handout(flow, country=country, default_threshold=default_threshold)
    return render_html(handout) if fmt == "html" else render_markdown(handout)


__all__ = ["FORMATS", "Handout", "build_handout", "render_handout", "render_html", "render_markdown"]
