"""The first-run safety note: a side panel (or a strip on small screens), never a modal.

It sits beside whatever is first on screen (the home list, or a flow's first step), so
it never stands between a couple and the breathing. Esc dismisses it, and that counts
as read: config remembers ``first_run_acknowledged``. The whole note and every support
line stay on the Safety & support screen (``s`` at home).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from gentle.safety import contact_lines, load_notice, resources_for
from gentle.safety.country import SupportCountry, support_country
from gentle.tui.literal import literal, literal_line

COUNTRY_KEY = "F2"
# The whole note on a small terminal, in four lines at 40 columns.
STRIP = Content.assemble(
    ("Not therapy or emergency help, and not for anyone afraid of their partner. ", "bold"),
    "Support lines: ", ("s", "bold"), " at home · ", (COUNTRY_KEY, "bold"), " your country · ",
    ("Esc", "bold"), ": got it",
)  # the note sits beside text boxes too: a letter would be typed


def country_note(support: SupportCountry, key: str, *, name: bool = True) -> Content:
    """Whose support lines these are, where that came from, and the key that changes it:
    "Support lines for United Kingdom (from your system) · F2 changes it". Without the
    name (a heading says it already): "From your system · c changes it"."""
    keys = Content.assemble(" · ", (key, "bold"))
    if support.source == "none":
        where = Content.assemble("Support lines for ", ("anywhere", "bold")) if name else Content("No country chosen")
        return Content.assemble(where, keys, ": choose your country")
    origin = "from your system" if support.source == "system" else ""
    if name:
        country = literal_line(resources_for(support.code).name, "bold")
        where = Content.assemble("Support lines for ", country, f" ({origin})" if origin else "")
    else:
        where = Content(origin.capitalize() or "Your choice")
    return Content.assemble(where, keys, " changes it")


def support_parts(country: str | None) -> tuple[Content, Content, Content | None]:
    """The country line, the emergency number, and the first domestic abuse line."""
    support = support_country(country)
    info = resources_for(support.code)
    emergency = Content.assemble(Content.styled("In an emergency: ", "bold"), literal_line(info.emergency.number))
    abuse = None
    if info.domestic_abuse:
        first = info.domestic_abuse[0]
        reach = "; ".join(f"{label} {value}".strip() for label, value in contact_lines(first)[:2])
        abuse = Content.assemble(literal_line(first.name, "bold"), Content(": "), literal_line(reach))
    return country_note(support, COUNTRY_KEY), emergency, abuse


class SafetyBanner(Vertical):
    SCOPED_CSS = False  # its rules look at the screen's size classes
    DEFAULT_CSS = """
    SafetyBanner {
        dock: right; width: 30; height: auto; max-height: 100%;
        margin: 1 1 1 0; padding: 0 1; border: round $secondary; background: $surface;
        overflow-y: auto;
    }
    SafetyBanner .banner-title { text-style: bold; color: $secondary; }
    SafetyBanner .banner-text { margin-bottom: 1; }
    SafetyBanner #banner-abuse { margin-top: 1; }
    SafetyBanner .banner-keys { color: $foreground-muted; margin-top: 1; }
    /* Shown only where it fits beside the rest; on a small terminal Safety & support
       (s at home) keeps the note. Hidden until the screen knows its size. */
    SafetyBanner { display: none; }
    Screen.-medium SafetyBanner, Screen.-wide SafetyBanner { display: block; }
    Screen.-wide SafetyBanner { width: 40; }
    /* A small terminal (40x12, and up to 79 columns): a strip above the footer says the
       essentials once, and the screen keeps its width; Safety & support keeps the rest. */
    Screen.-narrow SafetyBanner, Screen.-compact SafetyBanner, Screen.-short SafetyBanner {
        display: block; dock: bottom; width: 1fr; margin: 0 0 1 0; padding: 0 1; border: none;
        height: auto; max-height: 4; background: $panel;
    }
    SafetyBanner #banner-strip { display: none; }
    Screen.-narrow SafetyBanner > *, Screen.-compact SafetyBanner > *,
    Screen.-short SafetyBanner > * { display: none; }
    Screen.-narrow SafetyBanner #banner-strip, Screen.-compact SafetyBanner #banner-strip,
    Screen.-short SafetyBanner #banner-strip { display: block; }
    /* 60x20 and 80x24: all of it without scrolling. The first helpline waits on Safety
       & support, one key away; the emergency number and the country stay. */
    Screen.-mid SafetyBanner { margin: 0 1 0 0; }
    Screen.-mid SafetyBanner #banner-abuse { display: none; }
    Screen.-mid SafetyBanner .banner-keys { margin-top: 0; }
    /* The strip sits just above the footer, whatever the height (after the -mid rules). */
    Screen.-narrow SafetyBanner, Screen.-compact SafetyBanner, Screen.-short SafetyBanner {
        margin: 0 0 1 0;
    }
    """

    def __init__(self, *, id: str | None = "safety-banner") -> None:
        super().__init__(id=id, classes="-support-lines")

    def compose(self) -> ComposeResult:
        notice = load_notice()
        lines = " ".join(first_sentence(p) for p in notice.paragraphs[:3])
        country, emergency, abuse = support_parts(self.app.context.country)  # type: ignore[attr-defined]
        yield Static(literal_line(notice.title), classes="banner-title")
        yield Static(literal(lines), classes="banner-text")
        yield Static(country, id="banner-country")
        yield Static(emergency, id="banner-emergency")
        yield Static(abuse or "", id="banner-abuse")
        yield Static(
            "Esc: got it · s at home: Safety & support, any time", classes="banner-keys", markup=False
        )
        yield Static(STRIP, id="banner-strip")

    def refresh_lines(self) -> None:
        """The country changed: show its lines."""
        country, emergency, abuse = support_parts(self.app.context.country)  # type: ignore[attr-defined]
        self.query_one("#banner-country", Static).update(country)
        self.query_one("#banner-emergency", Static).update(emergency)
        self.query_one("#banner-abuse", Static).update(abuse or "")


def first_sentence(paragraph: str) -> str:
    end = paragraph.find(". ")
    return paragraph if end < 0 else paragraph[: end + 1]


def show_first_run_note(screen: Screen) -> bool:
    """Mount the note beside what ``screen`` shows, while it is still unread."""
    context = screen.app.context  # type: ignore[attr-defined]
    if context.demo or not context.show_safety_note or screen.query(SafetyBanner):
        return False
    screen.mount(SafetyBanner())
    return True


def banner_showing(screen: Screen) -> bool:
    """True when a note is on screen (not hidden by a small terminal), so Esc is for it."""
    return any(banner.display for banner in screen.query(SafetyBanner))


def dismiss_first_run_note(screen: Screen) -> None:
    """Esc on the note: remove it and remember, once, that it was read."""
    for banner in screen.query(SafetyBanner):
        banner.remove()
    context = screen.app.context  # type: ignore[attr-defined]
    if context.show_safety_note:
        context.acknowledge_safety()
        context.show_safety_note = False
