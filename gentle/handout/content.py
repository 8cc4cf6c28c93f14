"""What goes on a handout, independent of how it is printed (Markdown or HTML).

A :class:`Handout` is plain text arranged in sections, steps and blocks; the
renderers only lay it out and escape it. Facilitator notes (a step's, and the flow's
own `facilitator:`) are never included: a handout is for clients. The flow's `author:`
and its `contraindications:` are, since the people holding the paper need them too.
"""

from __future__ import annotations

import re
from typing import Literal

from gentle.engine.offers import offer_rule
from gentle.engine.shown import show_sentence
from gentle.flows.kinds import kind_of
from gentle.flows.kinds.breathe import BreatheStep
from gentle.flows.model import Flow, Step
from gentle.handout import wording as w
from gentle.handout.routing import RouteWords
from gentle.records import record
from gentle.safety import CountryResources, Notice, load_notice, resources_for
from gentle.text import clean_line

BlockKind = Literal["text", "timing", "list", "checklist", "template", "words", "note", "routes",
                    "scale", "lines"]


@record
class Block:
    """One piece of a step. Writing space: a ``scale`` (the points to circle, ``items``)
    and ``lines`` (``size`` ruled lines) are for the partner named in ``label``; a
    ``template`` is filled in, and a ``checklist`` ticked, once by each of ``writers``."""

    kind: BlockKind
    text: str = ""
    label: str = ""
    items: tuple[str, ...] = ()
    runs: tuple[tuple[str, bool], ...] = ()  # template: (text, is_blank)
    size: int = 0  # lines: how many
    wide: tuple[str, ...] = ()  # template: the blanks for a phrase, not a word (a longer line)
    writers: tuple[str, ...] = ()  # template, checklist: who fills it in, each on their own


@record
class HandoutStep:
    number: int
    title: str
    who: str | None
    blocks: tuple[Block, ...]


@record
class Section:
    title: str | None  # the included flow's title, or None for the flow's own steps
    steps: tuple[HandoutStep, ...]


@record
class Handout:
    flow_id: str
    title: str
    summary: str
    minutes: str | None
    sections: tuple[Section, ...]
    sources: tuple[str, ...]
    notice: Notice
    resources: CountryResources
    partners: w.Partners = w.DEFAULT_PARTNERS
    note: str | None = None  # the therapist's own words (--note), printed near the top
    author: str | None = None  # the flow's `author:`
    not_for: tuple[str, ...] = ()  # the flow's `contraindications:`, in the safety box


def _who_line(who: str | None, partners: w.Partners) -> str | None:
    return {
        "each": "Each of you answers, one after the other.",
        "together": "You answer together.",
        "first": f"{partners[0]} answers.",
        "second": f"{partners[1]} answers.",
    }.get(who or "")


def step_title(step: Step, partners: w.Partners = w.DEFAULT_PARTNERS) -> str:
    """The step's title, or (without one) its kind's heading: the words of its ask or
    text where they make a short heading, else a word for what happens."""
    who = getattr(step, "who", None)
    return clean_line(w.fill_names(step.title or kind_of(step).heading(step), who, partners))


def build_handout(flow: Flow, *, country: str = "international",
                  default_threshold: int | None = None,
                  partners: w.Partners | None = None, note: str | None = None) -> Handout:
    """Everything a client handout for ``flow`` says, in order. ``default_threshold`` is
    config.yaml's, for the break offer's sentence (the rule is engine/offers.py);
    ``partners`` the couple's names (default "Partner A", "Partner B"); ``note`` a
    therapist's words for this couple."""
    couple = partners or w.DEFAULT_PARTNERS
    pages = Pages(couple)

    def title(step: Step) -> str:
        return step_title(step, couple)

    routes = RouteWords(flow, title, couple)
    sections: list[Section] = []
    current: list[HandoutStep] = []
    current_title: str | None = None
    for number, step in enumerate(flow.steps, start=1):
        if step.section != current_title and current:
            sections.append(Section(current_title, tuple(current)))
            current = []
        current_title = step.section
        current.append(_step(number, step, flow, routes, pages, default_threshold))
    if current:
        sections.append(Section(current_title, tuple(current)))
    return Handout(
        flow_id=flow.id,
        title=clean_line(flow.title),
        summary=clean_line(w.fill_names(flow.summary, None, couple)),
        minutes=f"About {w.number(flow.minutes)} minutes" if flow.minutes else None,
        sections=tuple(Section(clean_line(s.title) if s.title else None, s.steps) for s in sections),
        sources=tuple(clean_line(source) for source in flow.sources),
        notice=load_notice(),
        resources=resources_for(country),
        partners=couple,
        note=(" ".join(clean_line(note).split()) or None) if note else None,
        author=clean_line(flow.author) if flow.author else None,
        not_for=tuple(clean_line(w.fill_names(c, None, couple)) for c in flow.contraindications),
    )


class Pages:
    """What a kind's ``handout`` builds its blocks with (gentle/flows/kinds/)."""

    duration = staticmethod(w.duration)

    def __init__(self, partners: w.Partners = w.DEFAULT_PARTNERS) -> None:
        self.partners = partners

    def line(self, raw: str, who: str | None) -> str:
        return clean_line(w.fill_names(raw, who, self.partners))

    def text(self, raw: str | None, who: str | None, *, label: str = "") -> list[Block]:
        if not raw:
            return []
        return [Block("text", p, label) for p in w.paragraphs(w.fill_names(raw, who, self.partners))]

    @staticmethod
    def paragraph(text: str, label: str = "") -> Block:
        return Block("text", text, label)

    @staticmethod
    def timing(text: str, label: str) -> Block:
        return Block("timing", text, label)

    @staticmethod
    def list(items: "list[str]", label: str = "") -> Block:
        return Block("list", items=tuple(items), label=label)

    def checklist(self, items: "list[str]", who: str | None = None) -> Block:
        """Boxes to tick: one set for each partner when each answers for themselves."""
        writers = self.writers(who)
        return Block("checklist", items=tuple(items), writers=tuple(writers) if len(writers) > 1 else ())

    @staticmethod
    def words(items: "list[str]", label: str) -> Block:
        return Block("words", items=tuple(items), label=label)

    @staticmethod
    def note(text: str, label: str = "") -> Block:
        return Block("note", text, label)

    @staticmethod
    def example(text: str) -> Block:
        # Authors often write the "For example" themselves; don't say it twice.
        text = re.sub(r"^(for example|e\.g\.)\s*:?\s*", "", text, flags=re.IGNORECASE)
        return Block("note", text, "For example")

    def writers(self, who: str | None) -> list[str]:
        """Who writes on the paper: each partner by name, or both of you at once."""
        if who == "each":
            return list(self.partners)
        if who == "first":
            return [self.partners[0]]
        if who == "second":
            return [self.partners[1]]
        return ["Together"] if who == "together" else [""]

    def template(self, template: str, who: str | None, label: str, wide: "list[str] | None" = None) -> Block:
        """A sentence to fill in, once for each partner who writes; the blanks named in
        ``wide`` take a phrase and get a longer line than those for a word."""
        return Block("template", runs=tuple(w.blank_template(template, who, self.partners)), label=label,
                     writers=tuple(self.writers(who)), wide=tuple(wide or ()))

    def scale(self, low: int, high: int, who: str | None) -> list[Block]:
        """A row of numbers to circle for each partner who rates; a line on a long scale."""
        if high - low > 10:
            return [Block("lines", label=writer, size=1, text=f"from {low} to {high}") for writer in self.writers(who)]
        points = tuple(str(point) for point in range(low, high + 1))
        return [Block("scale", label=writer, items=points) for writer in self.writers(who)]

    def space(self, who: str | None, lines: int) -> list[Block]:
        """Ruled lines to write an answer on, for each partner who writes."""
        return [Block("lines", label=writer, size=lines) for writer in self.writers(who)]

    @staticmethod
    def breathing(step: BreatheStep) -> tuple[str | None, str]:
        return w.breathing(step)


def _step(number: int, step: Step, flow: Flow, routes: RouteWords, pages: Pages,
          default_threshold: int | None) -> HandoutStep:
    kind = kind_of(step)
    who = getattr(step, "who", None)
    title = routes.label(step)
    blocks: list[Block] = list(kind.handout(step, pages)) if kind.handout else []
    if not step.title and blocks and blocks[0].kind == "text" and blocks[0].text.rstrip(".") == title.rstrip("."):
        blocks.pop(0)  # the heading is the ask's own words already: don't print them twice
    shows = show_sentence(flow, step, routes.label)
    if shows:
        blocks.insert(0, Block("note", shows))
    if step.help:
        names_for = "turns" if kind.clock == "turns" else who
        help_text = " ".join(w.paragraphs(w.fill_names(step.help, names_for, pages.partners)))
        blocks.append(Block("note", help_text, "Good to know"))
    # One line per route; the break offer said in the line of the route it goes with.
    sentences = routes.routes(step, offer_rule(flow, step, default_threshold))
    if sentences:
        blocks.append(Block("routes", items=tuple(sentences)))
    if kind.clock == "turns":
        from gentle.flows.kinds.turns import decided_by, first_speaker

        deciding = decided_by(step)  # type: ignore[arg-type]
        if deciding is not None:
            from gentle.engine.shown import resolve_ref

            source = resolve_ref(flow, step.id, deciding)
            named = step_title(source, pages.partners) if source is not None else deciding
            who_line: str | None = f"Whoever you named at “{named}” speaks first."
        else:
            who_line = f"{pages.partners[first_speaker(step)]} speaks first."  # type: ignore[arg-type]
    else:
        who_line = _who_line(who, pages.partners) if who and kind.asks else None
    return HandoutStep(number, title, who_line, tuple(blocks))
