"""The facilitator pane of the demo: the step's ``facilitator:`` notes, the flow's own notes
(its author, how to lead it, when not to use it; each only when the flow has it) and its sources.

Toggled by a key (F2) and redrawn only when the step changes. Author text is shown
literally, placeholders and all: it is written for the therapist, not the couple.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from gentle.tui.literal import literal, literal_line

if TYPE_CHECKING:
    from gentle.flows.model import Flow, Step


class FacilitatorPane(VerticalScroll):
    DEFAULT_CSS = """
    FacilitatorPane {
        dock: right; width: 40%; max-width: 60; min-width: 28; height: auto; max-height: 100%; margin: 1 0 0 0;
        padding: 0 1; border-left: tall $secondary; background: $surface;
    }
    FacilitatorPane .pane-title { text-style: bold; color: $secondary; margin-top: 1; }
    FacilitatorPane .pane-text { margin-bottom: 1; }
    """

    def __init__(self, flow: "Flow", *, id: str | None = "facilitator") -> None:
        super().__init__(id=id)
        self.flow = flow
        self._shown: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("For the facilitator", classes="pane-title", markup=False)
        yield Static("", id="facilitator-step", classes="pane-text", markup=False)
        yield Static("", id="facilitator-notes", classes="pane-text", markup=False)
        flow = self.flow
        if flow.author or flow.facilitator:
            yield Static("About this flow", classes="pane-title", markup=False)
            about = [Content.assemble(Content.styled("By ", "dim"), literal_line(flow.author))] if flow.author else []
            if flow.facilitator:
                about.append(literal(flow.facilitator))
            yield Static(Content("\n").join(about), id="facilitator-about", classes="pane-text")
        if flow.contraindications:
            yield Static("When not to use it", classes="pane-title", markup=False)
            yield Static(
                Content("\n").join(literal(f"• {text}") for text in flow.contraindications),
                id="facilitator-not-for",
                classes="pane-text",
            )
        yield Static("Sources", classes="pane-title", markup=False)
        sources = self.flow.sources or ("This flow lists no sources.",)
        yield Static(
            Content("\n").join(literal_line(f"• {source}") for source in sources),
            id="facilitator-sources",
            classes="pane-text",
        )

    def show_step(self, step: "Step | None") -> None:
        key = step.id if step is not None else ""
        if key == self._shown:
            return
        self._shown = key
        if step is None:
            heading, notes = Content("The end of the flow."), Content("")
        else:
            heading = Content.assemble(Content.styled("Step: ", "bold"), literal_line(step.title or step.id))
            notes = literal(step.facilitator) if step.facilitator else Content.styled(
                "No facilitator notes for this step.", "dim"
            )
        self.query_one("#facilitator-step", Static).update(heading)
        self.query_one("#facilitator-notes", Static).update(notes)
