"""What a step shows of earlier answers (`show:`, gentle/flows/kinds/showing.py).

One rule, used by the app (``Runner.shown``), ``flows walk`` and the handout alike:

* on a step asked of one partner at a time (``who: each``, ``first``, ``second``), the
  partner being asked sees their own words (and the couple's, from a ``together`` step);
* on any other step (a say step, a ``together`` step), everyone's words are shown, in
  partner order, each with whose they are.

The words are the shown step's own, exactly as given (``StepKind.shown``). A partner who
skipped that step has ``text`` None when shown their own words, so a screen can say so
instead of showing nothing; among everyone's words, theirs are simply left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from gentle.engine.answers import Answer, asking_order
from gentle.flows.kinds import kind_of
from gentle.flows.model import Flow, Step
from gentle.records import record

AnswerFor = Callable[[str, "int | None"], "Answer | None"]


@record
class Shown:
    """Words written at ``step_id`` by ``partner`` (None: together), shown again."""

    step_id: str
    title: str  # the shown step's heading as the author wrote it (names not filled in)
    partner: int | None
    text: str | None  # None: nothing written there (the step was skipped)
    own: bool = False  # shown to the partner who wrote it, as their own


def own_words(step: Step) -> bool:
    """Whether ``step`` shows each partner only their own words (asked one at a time)."""
    return asking_order(step) != (None,)


def heading(step: Step) -> str:
    """A shown step's name: its title, else the first line of its question."""
    from gentle.flows.kinds.base import first_line

    return step.title or first_line(getattr(step, "ask", None)) or kind_of(step).heading(step)


def shown_for(flow: Flow, step: Step | None, answer_for: AnswerFor, asking: int | None) -> tuple[Shown, ...]:
    """The words ``step`` shows now, to ``asking`` (None: nobody in particular)."""
    if step is None or not step.show:
        return ()
    found: list[Shown] = []
    for ref in step.show:
        try:
            source = flow.step(ref)
        except KeyError:
            continue  # the loader refuses these; an old flow copy may still hold one
        words = kind_of(source).shown
        if words is None:
            continue
        if own_words(step) and asking is not None:
            whose: Sequence[int | None] = (asking,) if asking_order(source) != (None,) else (None,)
        else:
            whose = asking_order(source)
        own = own_words(step) and asking is not None
        for partner in whose:
            answer = answer_for(source.id, partner)
            text = words(source, answer.value) if answer is not None else None
            if text is None and not own:
                continue  # among everyone's words, a skipped step is simply not there
            found.append(Shown(source.id, heading(source), partner, text, own=own))
    return tuple(found)


def show_sentence(flow: Flow, step: Step, title_of: Callable[[Step], str] = heading) -> str | None:
    """What ``step`` shows, in one sentence for the handout, ``flows walk`` and the outline."""
    sources = []
    for ref in step.show:
        try:
            sources.append(flow.step(ref))
        except KeyError:
            continue
    if not sources:
        return None
    titles = [f"“{title_of(s)}”" for s in sources]
    where = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
    if own_words(step):
        return f"Shows your own words from {where}."
    together = all(asking_order(s) == (None,) for s in sources)
    return f"Shows what you wrote together at {where}." if together else f"Shows what each of you wrote at {where}."


def written(flow: Flow, answers: Sequence[Answer]) -> tuple[Shown, ...]:
    """Everything written in a session, for its end: each step whose answers can be shown
    (a write step), in the flow's order, each partner's latest words there, in partner
    order. Steps nobody wrote anything at are left out."""
    answer_for = latest(answers)
    found: list[Shown] = []
    for step in flow.steps:
        words = kind_of(step).shown
        if words is None:
            continue
        for partner in asking_order(step):
            answer = answer_for(step.id, partner)
            text = words(step, answer.value) if answer is not None else None
            if text is not None:
                found.append(Shown(step.id, heading(step), partner, text))
    return tuple(found)


NOT_ANSWERED = "(not answered)"


def resolve_ref(flow: Flow, owner: str | None, ref: str) -> Step | None:
    """The step ``ref`` means in the text of step ``owner``: inside an included flow, that
    flow's own step (its ids are prefixed once inlined), else the flow's."""
    prefix = owner.rsplit(".", 1)[0] if owner and "." in owner else None
    for candidate in ((f"{prefix}.{ref}",) if prefix else ()) + (ref,):
        try:
            return flow.step(candidate)
        except KeyError:
            continue
    return None


def whose_answer(who: str | None, asking: int | None, speaker: int | None = None,
                 listener: int | None = None) -> int | None:
    """The partner an ``{answer:STEP:WHO}`` means; None: the couple's, or nobody known."""
    return {"partner": asking, "other": None if asking is None else 1 - asking,
            "partner1": 0, "partner2": 1, "speaker": speaker, "listener": listener,
            None: asking}.get(who)


def answer_words(flow: Flow, owner: str | None, ref: str, who: str | None, answer_for: AnswerFor,
                 partners: Sequence[str], asking: int | None = None, speaker: int | None = None,
                 listener: int | None = None) -> str:
    """What ``{answer:REF:WHO}`` shows in the text of step ``owner``, for whoever is asked.

    The words are the kind's: what was written exactly as written, a rating with its label,
    the options picked. A step not answered (skipped, or not reached) says so.
    """
    source = resolve_ref(flow, owner, ref)
    if source is None:
        return NOT_ANSWERED
    kind = kind_of(source)
    partner = None if asking_order(source) == (None,) else whose_answer(who, asking, speaker, listener)
    answer = answer_for(source.id, partner)
    if answer is None:
        return NOT_ANSWERED
    if kind.shown is not None:
        text = kind.shown(source, answer.value)
        return text if text is not None else NOT_ANSWERED
    if kind.words is None:
        return NOT_ANSWERED
    try:
        return kind.words(source, answer.value, partners)
    except (TypeError, ValueError):
        return NOT_ANSWERED


def latest(answers: Sequence[Answer]) -> AnswerFor:
    """An ``answer_for`` over a list of answers: the last one given for each step and partner."""
    last: dict[tuple[str, Any], Answer] = {}
    for answer in answers:
        last[(answer.step_id, answer.partner)] = answer

    def answer_for(step_id: str, partner: int | None) -> Answer | None:
        return last.get((step_id, partner))

    return answer_for
