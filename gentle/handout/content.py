"""What goes on a handout, independent of how it is printed (Markdown or HTML).

A :class:`Handout` is plain text arranged in sections, steps and blocks; the
renderers only lay it out and escape it. Facilitator notes are never included: a
handout is for clients.
"""

from __future__ import annotations

import re
from typing import Literal

from gentle.flows.model import (
    BreatheStep,
    ChecklistStep,
    ChooseStep,
    Flow,
    RateStep,
    SayStep,
    Step,
    TimerStep,
    TurnsStep,
    WriteStep,
)
from gentle.handout import wording as w
from gentle.handout.routing import RouteWords, distress_offer
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


_DEFAULT_TITLES = {
    "say": "A moment",
    "breathe": "Breathe",
    "timer": "A pause",
    "rate": "Check in",
    "write": "Write it down",
    "choose": "Choose",
    "checklist": "Check it over",
    "turns": "Taking turns",
}
_WHO_LINES = {
    "each": "Each of you answers, one after the other.",
    "together": "You answer together.",
    "first": f"{w.PARTNER_A} answers.",
    "second": f"{w.PARTNER_B} answers.",
}


def step_title(step: Step) -> str:
    if step.title:
        return clean_line(w.fill_names(step.title, getattr(step, "who", None)))
    if isinstance(step, TimerStep) and step.is_break:
        return "Cool-down break"
    return _DEFAULT_TITLES.get(step.kind, "Step")


def build_handout(flow: Flow, *, country: str = "international") -> Handout:
    """Everything a client handout for ``flow`` says, in order."""
    routes = RouteWords(flow, step_title)
    sections: list[Section] = []
    current: list[HandoutStep] = []
    current_title: str | None = None
    for number, step in enumerate(flow.steps, start=1):
        if step.section != current_title and current:
            sections.append(Section(current_title, tuple(current)))
            current = []
        current_title = step.section
        current.append(_step(number, step, flow, routes))
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


def _step(number: int, step: Step, flow: Flow, routes: RouteWords) -> HandoutStep:
    who = getattr(step, "who", None)
    blocks: list[Block] = []
    if isinstance(step, SayStep):
        blocks += _text(step.text, who)
    elif isinstance(step, BreatheStep):
        blocks += _breathe(step)
    elif isinstance(step, TimerStep):
        blocks += _timer(step)
    elif isinstance(step, RateStep):
        blocks += _rate(step)
    elif isinstance(step, WriteStep):
        blocks += _write(step)
    elif isinstance(step, ChooseStep):
        blocks += _text(step.ask, who)
        blocks.append(Block("list", items=tuple(clean_line(w.fill_names(o, who)) for o in step.options)))
        blocks.append(Block("note", "Choose any that fit." if step.many else "Choose one."))
    elif isinstance(step, ChecklistStep):
        blocks += _text(step.ask, who)
        blocks.append(Block("checklist", items=tuple(clean_line(w.fill_names(i, who)) for i in step.items)))
    elif isinstance(step, TurnsStep):
        blocks += _turns(step)
    if step.help:
        blocks.append(Block("note", " ".join(w.paragraphs(w.fill_names(step.help, _who_for_names(step)))), "Good to know"))
    # The app's flooding offer comes before any route is taken, so it is said first.
    offer = distress_offer(step, flow, step.next)
    sentences = ([offer] if offer else []) + routes.routes(step)
    if sentences:
        blocks.append(Block("routes", items=tuple(sentences)))
    if isinstance(step, TurnsStep):
        who_line = f"{w.PARTNER_A if step.first_speaker == 'first' else w.PARTNER_B} speaks first."
    else:
        who_line = _WHO_LINES.get(who) if who and step.kind in ("rate", "write", "choose", "checklist") else None
    return HandoutStep(number, step_title(step), who_line, tuple(blocks))


def _who_for_names(step: Step) -> str | None:
    return "turns" if isinstance(step, TurnsStep) else getattr(step, "who", None)


def _text(text: str | None, who: str | None) -> list[Block]:
    if not text:
        return []
    return [Block("text", p) for p in w.paragraphs(w.fill_names(text, who))]


def _breathe(step: BreatheStep) -> list[Block]:
    title, timing = w.breathing(step)
    return [Block("timing", timing, title or "Breathing"), *_text(step.text, None)]


def _timer(step: TimerStep) -> list[Block]:
    label = "Cool-down break" if step.is_break else "Timer"
    blocks = [Block("timing", w.duration(step.seconds), label), *_text(step.text, None)]
    if step.suggestions:
        heading = "While you're apart" if step.is_break else "While the timer runs"
        items = tuple(clean_line(w.fill_names(s)) for s in step.suggestions)
        blocks.append(Block("list", items=items, label=heading))
    return blocks


def _rate(step: RateStep) -> list[Block]:
    labels = dict(step.labels)
    points = sorted({step.low, step.high, *labels})
    scale = " · ".join(
        f"{point} = {clean_line(labels[point])}" if point in labels else str(point) for point in points
    )
    return [*_text(step.ask, step.who), Block("timing", scale, f"Scale from {step.low} to {step.high}")]


def _write(step: WriteStep) -> list[Block]:
    blocks = _text(step.ask, step.who)
    if step.template:
        blocks.append(Block("template", runs=tuple(w.blank_template(step.template, step.who)), label="Fill in the blanks"))
        for blank in step.blanks:
            if blank.hint:
                blocks.append(Block("note", clean_line(w.fill_names(blank.hint, step.who)), blank.name))
            if blank.suggestions:
                words = tuple(clean_line(s) for s in blank.suggestions)
                blocks.append(Block("words", items=words, label=f"Words for “{blank.name}”"))
    if step.placeholder:
        example = clean_line(w.fill_names(step.placeholder, step.who))
        # Authors often write the "For example" themselves; don't say it twice.
        example = re.sub(r"^(for example|e\.g\.)\s*:?\s*", "", example, flags=re.IGNORECASE)
        blocks.append(Block("note", example, "For example"))
    if step.optional:
        blocks.append(Block("note", "This one is optional."))
    return blocks


def _turns(step: TurnsStep) -> list[Block]:
    rounds = f"{step.rounds} round{'s' if step.rounds != 1 else ''}"
    timing = (
        f"{rounds}: each of you has the floor once per round, "
        f"for {w.duration(step.floor_seconds)} at a time"
    )
    blocks = [Block("timing", timing, "Taking turns"), *_text(step.text, "turns")]
    blocks += [Block("text", p, "The speaker") for p in w.paragraphs(w.fill_names(step.speaker_prompt, "turns"))]
    if step.listener_prompts:
        items = tuple(clean_line(w.fill_names(p, "turns")) for p in step.listener_prompts)
        blocks.append(Block("list", items=items, label="The listener"))
    blocks.append(Block("text", clean_line(w.fill_names(step.heard_question, "turns")), "Then the speaker is asked"))
    return blocks
