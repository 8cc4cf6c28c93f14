"""Printable handouts of a flow for clients: Markdown or one self-contained HTML page.

    text = render_handout(flow, "html", country="uk")

Facilitator notes are left out; the safety note and support lines open every handout
(on its first printed page).
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


Paper = Literal["letter", "a4"]
PAPERS: tuple[str, ...] = ("letter", "a4")


def render_handout(flow: Flow, fmt: Format = "md", *, country: str = "international",
                   default_threshold: int | None = None, partners: tuple[str, str] | None = None,
                   note: str | None = None, paper: Paper = "letter") -> str:
    """``partners``: the couple's names (else "Partner A" / "Partner B"); ``note``: a
    therapist's words, printed in a box near the top; ``paper``: the HTML's page size."""
    handout = build_handout(flow, country=country, default_threshold=default_threshold,
                            partners=partners, note=note)
    return render_html(handout, paper=paper) if fmt == "html" else render_markdown(handout)


__all__ = ["FORMATS", "PAPERS", "Handout", "build_handout", "render_handout", "render_html", "render_markdown"]
