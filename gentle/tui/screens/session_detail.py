"""One saved session in full: every step and answer, the breaks (and who called them), notes.

Read from the store once, when the screen opens. Everything a partner or an author
wrote is shown literally (``literal``/``literal_line``): ``[/]`` stays ``[/]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from gentle.tui.screens.dialog import ClosesItself
from gentle.store import describe as say
from gentle.tui.literal import literal, literal_line
from gentle.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from gentle.store.history import SessionDetail, TimingRecord

PARTNER_STYLES = ("bold $partner-a", "bold $partner-b")


def timing_line(t: "TimingRecord") -> Content:
    if t.kind == "break":
        who = (
            Content.assemble("called by ", literal_line(t.called_by_name, PARTNER_STYLES[t.called_by or 0]))
            if t.called_by_name
            else Content("started by the flow")
        )
        spent = say.duration(t.seconds) if t.seconds is not None else "still running"
        planned = f" of {say.duration(t.planned)} planned" if t.planned else ""
        early = " (ended early)" if t.how == "early" else ""
        return Content.assemble("Break ", who, f": {spent}{planned}{early}")
    how = {"early": " (ended early)", "skipped": " (skipped)"}.get(t.how or "", "")
    return Content(f"Timer: {say.duration(t.seconds)}{how}")


# More than anyone reads on a screen; laying out millions of characters froze the view
# for a minute. The rest is in `gentle show` and the exports.
SHOWN_CHARACTERS = 20_000


def shown_part(words: str) -> str:
    if len(words) <= SHOWN_CHARACTERS:
        return words
    rest = len(words) - SHOWN_CHARACTERS
    return (f"{words[:SHOWN_CHARACTERS]}… ({rest:,} more characters: `gentle show` or an export "
            "has all of it)")


class SessionDetailScreen(ClosesItself, Screen[None]):
    DEFAULT_CSS = """
    SessionDetailScreen .detail-step { text-style: bold; margin-top: 1; }
    SessionDetailScreen .detail-answer { padding-left: 2; }
    SessionDetailScreen .detail-meta { color: $foreground-muted; }
    SessionDetailScreen .plot-title { text-style: bold; margin-top: 1; color: $primary; }
    """

    BINDINGS = [
        Binding("escape,q", "leave", "Back", id="detail-back", tooltip="Back to the list."),
        Binding("c", "continue", "Continue", id="detail-continue", tooltip="Pick this session up where you left off."),
        Binding("x", "save_copy", "Save a copy", id="detail-save", tooltip="Save this session to a file (Markdown or JSON)."),
    ]

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id
        self.detail: "SessionDetail | None" = None

    def help_topic(self) -> str:
        return "home"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Vertical(classes="column", id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        from gentle.store.errors import StoreError
        from gentle.store.history import session_detail

        column = self.query_one("#detail", Vertical)
        try:
            self.detail = session_detail(self.app.context.store, self.session_id)
        except StoreError as error:
            column.mount(Static(str(error), markup=False))
            return
        column.mount_all(self._lines(self.detail))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue":
            d = self.detail
            return d is not None and d.summary.outcome == "interrupted" and d.summary.source == "app"
        if action == "save_copy":
            return self.detail is not None
        return True

    @staticmethod
    def _lines(d: "SessionDetail") -> list[Static]:
        s = d.summary
        names = [literal_line(name, style) for name, style in zip(s.partners, PARTNER_STYLES)]
        out = [
            Static(literal_line(s.flow_title), classes="step-title"),
            Static(Content(f"{say.when(s.started_at)} · {say.duration(s.seconds)} · {say.outcome(s.outcome, s.source)}"), classes="detail-meta"),
            Static(Content.assemble(names[0], " and ", names[1])),
            Static(
                Content.assemble(
                    "Distress, first and last rating: ",
                    names[0], f" {say.distress(*s.distress[0])}, ",
                    names[1], f" {say.distress(*s.distress[1])}",
                )
            ),
        ]
        if s.source == "walk":
            out.append(Static("Recorded from a rehearsal (gentle flows walk), not a real session.", markup=False))
        for n, step in enumerate(d.steps, 1):
            skipped = Content(" (skipped)") if step.skipped and not step.answers else Content("")
            out.append(Static(Content.assemble(f"{n}. ", literal_line(step.title), skipped), classes="detail-step"))
            for a in step.answers:
                if a.withdrawn:
                    continue
                who = (
                    literal_line(a.partner_name, PARTNER_STYLES[a.partner or 0])
                    if a.partner_name
                    else Content.styled("Together", "bold")
                )
                words = shown_part(say.answer(d.flow, a.step_id, a.value, s.partners))
                out.append(Static(Content.assemble(who, ": ", literal(words)), classes="detail-answer"))
        if d.timings:
            out.append(Static("Breaks and timers", classes="plot-title", markup=False))
            out += [Static(timing_line(t), classes="detail-answer") for t in d.timings]
        if d.notes:
            out.append(Static("Notes", classes="plot-title", markup=False))
            for note in d.notes:
                out.append(Static(Content.assemble(f"{say.clock(note.at)}  ", literal(shown_part(note.text))),
                                  classes="detail-answer"))
        return out

    def action_continue(self) -> None:
        from gentle.tui.screens.resume import resume_session

        resume_session(self.app, self.session_id)

    def action_save_copy(self) -> None:
        from gentle.tui.screens.save_copy import SaveCopyScreen, default_path

        detail = self.detail
        if detail is None:
            return

        def save(path, fmt, replace=False):
            from gentle.store.export import (
                export_data,
                to_json,
                to_markdown,
                write_private_file,
            )

            if fmt == "json":
                text = to_json(export_data(self.app.context.store, [detail.summary.id]))
            else:
                text = to_markdown([detail], now=self.app.context.clock.now())
            return write_private_file(path, text, replace=replace)

        self.app.push_screen(
            SaveCopyScreen(save, title="Save a copy of this session", suggested=default_path("gentle-session"))
        )
