"""The first screen: one key to a pause, the flows, and the way to everything else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from gentle.tui.literal import literal, literal_line
from gentle.tui.widgets.keys_footer import KeysFooter
from gentle.tui.widgets.safety_banner import show_first_run_note

if TYPE_CHECKING:
    from gentle.flows.model import Flow


def minutes_label(flow: "Flow") -> str:
    if not flow.minutes:
        return ""
    return f"{max(1, round(flow.minutes))} min"


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding(
            "p",
            "pause_now",
            "Pause",
            id="pause-now",
            tooltip="Start breathing together right now.",
        ),
        Binding("n", "names", "Names", id="names", tooltip="Tell gentle your names, or change them."),
        Binding("r", "open('resume')", "Resume", id="resume", tooltip="Pick up an unfinished session."),
        Binding("h", "open('history')", "History", id="history", tooltip="Your past sessions."),
        Binding("s", "open('safety')", "Safety", id="safety", tooltip="Safety and where to get support."),
        Binding("t", "theme", "Theme", id="home-theme", show=False,
                tooltip="Colours, high contrast, or none; kept for next time."),
        Binding("q", "app.quit", "Quit", id="home-quit", tooltip="Leave gentle."),
    ]

    def help_topic(self) -> str:
        return "home"

    def compose(self) -> ComposeResult:
        flows = self.listing()
        with Vertical(classes="column", id="home"):
            yield Static("gentle", classes="app-name", markup=False)
            yield Static(
                "Take a breath. You are on the same side.", classes="tagline", markup=False
            )
            yield Button("We need a pause  (p)", id="pause-now", variant="primary", compact=True)
            yield Static("Or choose what to do together:", classes="label", markup=False)
            yield OptionList(
                *(Option(self._flow_row(flow), id=flow.id) for flow in flows),
                id="flows",
                markup=False,
            )
            yield Static(id="flow-summary", classes="summary")
            yield Static(id="names-line", classes="hint")
        # What can wait (a flow's summary, an unfinished session) waits until the first
        # frame is on screen.
        yield KeysFooter(on_shown=self._first_frame_shown)

    def listing(self) -> list:
        """The flows in the order a couple needs them: the quick pause first, then shortest."""
        context = self.app.context
        rows = list(context.flows())
        rows.sort(key=lambda e: (e.id != context.quick_flow_id, getattr(e, "source", "") != "built-in", e.minutes or 1e9, e.title))
        return rows

    @staticmethod
    def _flow_row(flow: "Flow") -> Content:
        minutes = minutes_label(flow)
        row = literal_line(flow.title, "bold")
        return row + Content.styled(f"  {minutes}", "dim") if minutes else row

    def on_mount(self) -> None:
        self.query_one("#flows", OptionList).focus()
        self._show_names()
        show_first_run_note(self)  # beside the list, never in the way: Esc puts it away

    def _first_frame_shown(self) -> None:
        self._show_summary(self.query_one("#flows", OptionList).highlighted)
        self._show_resume_hint()

    def _show_resume_hint(self) -> None:
        from gentle.tui.screens.resume import show_resume_hint  # the store's reading side

        show_resume_hint(self)

    def _shown(self) -> bool:
        return self.query_one(KeysFooter).shown

    def on_screen_resume(self) -> None:
        self._show_names()
        if self._shown():
            self._show_resume_hint()

    def _show_names(self) -> None:
        context = self.app.context
        line = self.query_one("#names-line", Static)
        if context.partners:
            first, second = context.partners
            line.update(
                Content.assemble(
                    literal_line(first, "bold $partner-a"),
                    " and ",
                    literal_line(second, "bold $partner-b"),
                    ("  ·  n to change names", "dim"),
                )
            )
        else:
            line.update(Content.styled("Press n to tell gentle your names (optional).", "dim"))

    def _show_summary(self, index: int | None) -> None:
        rows = self.listing()
        summary = self.query_one("#flow-summary", Static)
        if index is None or not 0 <= index < len(rows):
            summary.update("")
            return
        try:
            flow = self.app.context.load_flow(rows[index].id)
        except Exception as error:  # a broken user flow: say what is wrong, keep going
            summary.update(literal(f"This flow has a problem: {error}"))
            return
        summary.update(literal(flow.summary))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self._shown():  # before that, the first frame's summary comes with it
            self._show_summary(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        flow = self.app.load_flow(event.option.id or "")
        if flow is not None:
            self.app.begin(flow)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "pause-now":
            self.action_pause_now()

    def action_pause_now(self) -> None:
        flow = self.app.load_flow(self.app.context.quick_flow_id)
        if flow is None:
            return
        self.app.begin(flow)

    def action_theme(self) -> None:
        from gentle.tui.screens.theme_picker import choose_theme

        choose_theme(self.app)

    def action_names(self) -> None:
        self.app.action_names()

    def names_changed(self) -> None:
        self._show_names()

    def action_open(self, name: str) -> None:
        self.app.push_screen(name)
