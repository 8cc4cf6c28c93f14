"""``{answer:STEP}``: an earlier answer, inside a later step's text.

"Read your four parts aloud", "say the phrase you ticked": a step's text can hold what
was answered at an earlier step::

    - kind: say
      who: each
      text: "{partner}, read out what you wrote: {answer:statement}"

Whose answer:

* ``{answer:STEP}`` on a step asked of one partner at a time is that partner's own
  answer; from a step answered together (``who: together``) it is the couple's;
* ``{answer:STEP:WHO}`` names whose it is: ``partner`` or ``other`` (steps asked of one
  partner at a time), ``partner1`` or ``partner2``, ``speaker`` or ``listener`` (turns).

On a step asked of nobody in particular, an answer each partner gave needs its WHO, or
gentle could not know whose to show. This module notes each placeholder as its text is
read and checks them once every step is known: the step exists and can be answered, it
comes before, and WHO fits. What the placeholder shows is the engine's rule
(gentle/engine/shown.py, ``answer_words``), used by the app, walk and the handout.
"""

from __future__ import annotations

from typing import Any

from yaml.nodes import Node

from gentle.flows import names as name_rules
from gentle.flows.report import Report
from gentle.flows.suggest import did_you_mean, did_you_mean_or_list
from gentle.records import record


@record
class AnswerRef:
    owner: str  # the step whose text holds the placeholder
    ref: str  # the step whose answer it shows
    who: str | None
    node: Node
    offset: int
    token: str


def note_answer(node: Node, found: name_rules.Placeholder, allowed: frozenset[str], report: Report,
                what: str, *, in_template: bool = False) -> None:
    """Check what can be checked now, and keep the rest for :func:`check_answers`."""
    token = found.token

    def refuse(message: str) -> None:
        report.error(node, message, offset=found.offset, token=token)

    if report.owner is None:
        refuse(f"{token} only works in a step's text: the flow's {what} is shown before anyone "
               "has answered anything")
        return
    if in_template:
        refuse(f"{token} can't go inside a template, whose braces are blanks to fill in; put it "
               "in `ask:` or `text:` instead")
        return
    who = found.who
    if who is not None and who not in name_rules.ANSWER_WHO:
        refuse(f'"{who}" in {token} is not whose answer{did_you_mean(who, name_rules.ANSWER_WHO)} '
               f"(use {', '.join(name_rules.ANSWER_WHO)})")
        return
    if who in name_rules.ONE_PARTNER_NAMES and who not in allowed:
        refuse(f"{token}: `{who}` only works in steps asked of one partner at a time (who: each, "
               "first or second); name the partner instead (partner1 or partner2)")
        return
    if who in name_rules.TURN_NAMES and who not in allowed:
        refuse(f"{token}: `{who}` only works inside a turns step")
        return
    report.answer_refs.append(AnswerRef(report.owner, found.ref or "", who, node, found.offset, token))


def check_answers(steps: dict[str, Any], includes: dict[str, str], broken: set[str],
                  report: Report) -> None:
    """Each ``{answer:STEP}`` names a step that can be answered, with whose it is."""
    from gentle.engine.answers import asking_order
    from gentle.flows.kinds import kind_of

    answerable = [i for i, s in steps.items() if kind_of(s).asks]
    for ref in report.answer_refs:
        def refuse(message: str) -> None:
            report.error(ref.node, message, offset=ref.offset, token=ref.token)

        if ref.ref in broken or ref.ref.split(".", 1)[0] in broken:
            continue
        if ref.ref == ref.owner:
            refuse(f"{ref.token} is this step's own answer, which isn't given yet while its text "
                   "is read; name an earlier step")
            continue
        if ref.ref in includes:
            refuse(f'"{ref.ref}" is an include; name one of its steps instead, like '
                   f'"{ref.ref}.{includes[ref.ref]}"')
            continue
        source = steps.get(ref.ref)
        if source is None:
            refuse(f'no step has the id "{ref.ref}"{did_you_mean_or_list(ref.ref, answerable)}')
            continue
        if not kind_of(source).asks:
            refuse(f'"{ref.ref}" is a {source.kind} step, which nobody answers; {ref.token} '
                   "shows what was answered at a rate, write, choose or checklist step")
            continue
        owner = steps.get(ref.owner)
        together = asking_order(source) == (None,)
        if together and ref.who is not None:
            refuse(f'"{ref.ref}" is answered together, so it has one answer for you both; write '
                   f"{{answer:{ref.ref}}}")
        elif not together and ref.who is None and owner is not None and asking_order(owner) == (None,):
            refuse(f'"{ref.ref}" has an answer from each of you, and this step is not asked of '
                   f"one partner at a time, so say whose: {{answer:{ref.ref}:partner1}} or "
                   f"{{answer:{ref.ref}:partner2}}")


def check_answer_order(order: list[Any], report: Report) -> None:
    """An answer shown must come from a step the couple pass on their way here."""
    from gentle.flows.routes import reach, successors

    index = {s.id: i for i, s in enumerate(order)}
    succ = successors(order)
    reached = {0} | reach(succ, 0) if order else set()
    for ref in report.answer_refs:
        if ref.owner not in index or ref.ref not in index or ref.ref == ref.owner:
            continue
        if index[ref.ref] not in reached:
            continue
        if index[ref.owner] not in reach(succ, index[ref.ref]):
            report.error(ref.node, f'"{ref.ref}" can only come after this step, so nothing is '
                                   f"answered there yet when {ref.token} is shown; name a step the "
                                   "couple pass on their way here",
                         offset=ref.offset, token=ref.token)
    for owner, ref_id, node in report.speaker_refs:
        if owner not in index or ref_id not in index or index[ref_id] not in reached:
            continue
        if index[owner] not in reach(succ, index[ref_id]):
            report.error(node, f'"{ref_id}" can only come after this step, so nobody has said yet '
                               "who speaks first; name a step the couple pass on their way here")
