"""The couple's time-out plan, in their own words, on the screens where a break is called.

The plan is the latest "Our time-out plan" session (``gentle.store.plan.latest_plan``); this
widget only shows it: a few short lines, the partners' words exactly as written (cleaned,
never markup). Without a plan it says, once and calmly, that they could make one later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static

from gentle.tui.literal import literal_line

if TYPE_CHECKING:
    from gentle.store.plan import Plan

PARTNER_STYLES = ("bold $partner-a", "bold $partner-b")
OFFER = ("After the break, you could make a time-out plan together, while you're calm: "
         "“Our time-out plan”, on the home screen.")


def plan_of(app: Any) -> "Plan | None":
    """The couple's latest plan, from the notes the app keeps (None in a demo, or none yet)."""
    from gentle.store.plan import latest_plan

    context = getattr(app, "context", None)
    if context is None or getattr(context, "demo", False):
        return None
    return latest_plan(getattr(context, "store", None))


def plan_content(plan: "Plan | None", *, offer: bool = True, brief: bool = False) -> Content:
    """The plan's lines; without one, the offer (or nothing when ``offer`` is False).

    ``brief``: what matters as a break is called, in a line or two (where each goes, and
    when to come back), for the dialogs that also ask who and how long.
    """
    if plan is None or plan.empty:
        return Content(OFFER) if offer else Content("")
    if brief:
        return _brief(plan)
    lines: list[Content] = [Content.styled("Your time-out plan", "bold")]
    if plan.signal:
        lines.append(Content.assemble("Signal: ", literal_line(plan.signal)))
    for who, place in enumerate(plan.places):
        if place:
            lines.append(Content.assemble(literal_line(plan.partners[who], PARTNER_STYLES[who]), ": ",
                                          literal_line(place)))
    if plan.length:
        lines.append(Content.assemble("Back after: ", literal_line(plan.length)))
    if plan.coming_back:
        lines.append(Content.assemble("Then: ", literal_line(plan.coming_back)))
    return Content("\n").join(lines)


def _brief(plan: "Plan") -> Content:
    parts: list[Content] = []
    for who, place in enumerate(plan.places):
        if place:
            parts.append(Content.assemble(literal_line(plan.partners[who], PARTNER_STYLES[who]), ": ",
                                          literal_line(place)))
    if plan.length:
        parts.append(Content.assemble("back after ", literal_line(plan.length)))
    if not parts and plan.signal:
        parts.append(Content.assemble("your signal, ", literal_line(plan.signal)))
    if not parts:
        return Content("")
    return Content.assemble(Content.styled("Your plan: ", "bold"), Content(" · ").join(parts))


class PlanLines(Static):
    """The plan (or the offer to make one), read from the notes when it is mounted.

    Hidden by a class, not ``display``, so that a screen's CSS can still hide it on a small
    terminal."""

    SCOPED_CSS = False  # the last rule looks at the screen's size class
    DEFAULT_CSS = """
    PlanLines { height: auto; margin: 1 0; color: $foreground; }
    PlanLines.-empty { display: none; }
    PlanLines.-offer { color: $foreground-muted; }
    .-short PlanLines.-offer { display: none; }
    """

    def __init__(self, plan: "Plan | None" = None, *, offer: bool = True, read: bool = True,
                 brief: bool = False, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)
        self.plan = plan
        self.offer = offer
        self.brief = brief
        self._read = read and plan is None

    def on_mount(self) -> None:
        if self._read:
            self.plan = plan_of(self.app)
        content = plan_content(self.plan, offer=self.offer, brief=self.brief)
        self.set_class(self.plan is None or self.plan.empty, "-offer")
        self.set_class(not content.plain, "-empty")
        self.update(content)
