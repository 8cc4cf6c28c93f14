"""The demo's step navigator: every step of the flow, and a jump to any of them.

Returns the chosen step id; the demo screen calls ``Runner.go_to`` with it. The
current step is marked, so a presenter always sees where they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gentle.store.history import step_title
from gentle.tui.screens.dialog import Dialog
from gentle.text import clean_line
from gentle.tui.wording import Wording

if TYPE_CHECKING:
    from gentle.flows.model import Flow


def earlier(ref: str, who: str | None) -> str:
    """An earlier answer quoted in a title: not known here, so said plainly."""
    return "an earlier answer"


def step_row(flow: "Flow", index: int, current: str | None, partners: tuple[str, str]) -> Content:
    """``▶  3. Section · Title  step-id · kind``: names filled as the couple would see them."""
    step = flow.steps[index]
    kind, title = step_title(flow, step.id)
    wording = Wording(partners)
    mark = "▶ " if step.id == current else "  "
    section = (Content.assemble(wording.text(step.section, one_line=True).stylize("dim"), Content.styled(" · ", "dim"))
               if step.section else Content(""))
    # As its first turn shows it: the first partner asked, the second listening.
    shown = wording.text(title, partner=0, speaker=0, listener=1, one_line=True, answer=earlier)
    if step.id == current:
        shown = shown.stylize("bold")
    return Content.assemble(
        f"{mark}{index + 1:>2}. ", section, shown,
        Content.styled(f"  {clean_line(step.id)}", "dim"),
        Content.styled(f" · {kind}" if kind else "", "dim"),
    )


class StepNavigator(Dialog["str | None"]):
    DEFAULT_CSS = """
    StepNavigator > Vertical { width: 80; max-height: 90%; }
    StepNavigator OptionList { height: auto; max-height: 30; }
    """

    BINDINGS = [
        Binding("escape,f3", "close", "Close", id="navigator-close", tooltip="Stay on this step."),
    ]

    def __init__(self, flow: "Flow", current: str | None, partners: tuple[str, str]) -> None:
        super().__init__()
        self.flow = flow
        self.current = current
        self.partners = partners

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Go to a step", classes="dialog-title", markup=False)
            yield OptionList(
                *(Option(step_row(self.flow, i, self.current, self.partners), id=s.id) for i, s in enumerate(self.flow.steps)),
                id="steps",
                markup=False,
            )
            yield Static("Enter jumps there · Esc stays here", classes="hint", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [s.id for s in self.flow.steps]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
