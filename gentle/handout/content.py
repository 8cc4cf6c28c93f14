"""What goes on a handout, independent of how it is printed (Markdown or HTML).

A :class:`Handout` is plain text arranged in sections, steps and blocks; the
renderers only lay it out and escape it. Facilitator notes are never included: a
handout is for clients.
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
from gentle.handout.routing import RouteWords, offer_sentence
from gentle.records import record
from gentle.safety import CountryResources, Notice, load_notice, resources_for
from gentle.text import clean_line

BlockKind = Literal["text", "timing", "list", "checklist", "template", "words", "note", "routes"]


@record
class Block:
    kind: BlockKind
    text: str = ""
    label: str = ""
    items: tuple[str, ...] = ()
    runs: tuple[tuple[str, bool], ...] = ()  # template: (text, is_blank)


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


_WHO_LINES = {
    "each": "Each of you answers, one after the other.",
    "together": "You answer together.",
    "first": f"{w.PARTNER_A} answers.",
    "second": f"{w.PARTNER_B} answers.",
}


def step_title(step: Step) -> str:
    if step.title:
        return clean_line(w.fill_names(step.title, getattr(step, "who", None)))
    return kind_of(step).heading(step)


def build_handout(flow: Flow, *, country: str = "international",
                  default_threshold: int | None = None) -> Handout:
    """Everything a client handout for ``flow`` says, in order. ``default_threshold`` is
    config.yaml's, for the break offer's sentence (the rule is engine/offers.py)."""
    routes = RouteWords(flow, step_title)
    sections: list[Section] = []
    current: list[HandoutStep] = []
    current_title: str | None = None
    for number, step in enumerate(flow.steps, start=1):
        if step.section != current_title and current:
            sections.append(Section(current_title, tuple(current)))
            current = []
        current_title = step.section
        current.append(_step(number, step, flow, routes, default_threshold))
    if current:
        sections.append(Section(current_title, tuple(current)))
    return Handout(
        flow_id=flow.id,
        title=clean_line(flow.title),
        summary=clean_line(w.fill_names(flow.summary)),
        minutes=f"About {w.number(flow.minutes)} minutes" if flow.minutes else None,
        sections=tuple(Section(clean_line(s.title) if s.title else None, s.steps) for s in sections),
        sources=tuple(clean_line(source) for source in flow.sources),
        notice=load_notice(),
        resources=resources_for(country),
    )


class Pages:
    """What a kind's ``handout`` builds its blocks with (gentle/flows/kinds/)."""

    duration = staticmethod(w.duration)

    @staticmethod
    def line(raw: str, who: str | None) -> str:
        return clean_line(w.fill_names(raw, who))

    @staticmethod
    def text(raw: str | None, who: str | None, *, label: str = "") -> list[Block]:
        if not raw:
            return []
        return [Block("text", p, label) for p in w.paragraphs(w.fill_names(raw, who))]

    @staticmethod
    def paragraph(text: str, label: str = "") -> Block:
        return Block("text", text, label)

    @staticmethod
    def timing(text: str, label: str) -> Block:
        return Block("timing", text, label)

    @staticmethod
    def list(items: "list[str]", label: str = "") -> Block:
        return Block("list", items=tuple(items), label=label)

    @staticmethod
    def checklist(items: "list[str]") -> Block:
        return Block("checklist", items=tuple(items))

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

    @staticmethod
    def template(template: str, who: str | None, label: str) -> Block:
        return Block("template", runs=tuple(w.blank_template(template, who)), label=label)

    @staticmethod
    def breathing(step: BreatheStep) -> tuple[str | None, str]:
        return w.breathing(step)


_PAGES = Pages()


def _step(number: int, step: Step, flow: Flow, routes: RouteWords,
          default_threshold: int | None) -> HandoutStep:
    kind = kind_of(step)
    who = getattr(step, "who", None)
    blocks: list[Block] = list(kind.handout(step, _PAGES)) if kind.handout else []
    shows = show_sentence(flow, step, step_title)
    if shows:
        blocks.insert(0, Block("note", shows))
    if step.help:
        names_for = "turns" if kind.clock == "turns" else who
        blocks.append(Block("note", " ".join(w.paragraphs(w.fill_names(step.help, names_for))), "Good to know"))
    # The break offer is made before any route is taken, so it is said first.
    offer = offer_sentence(offer_rule(flow, step, default_threshold))
    sentences = ([offer] if offer else []) + routes.routes(step)
    if sentences:
        blocks.append(Block("routes", items=tuple(sentences)))
    if kind.clock == "turns":
        first = w.PARTNER_A if step.first_speaker == "first" else w.PARTNER_B  # type: ignore[attr-defined]
        who_line: str | None = f"{first} speaks first."
    else:
        who_line = _WHO_LINES.get(who) if who and kind.asks else None
    return HandoutStep(number, step_title(step), who_line, tuple(blocks))
