"""A step's ``next:`` routes, said in plain words.

"If either of you rated 7 or more, take the cool-down break (step 3)." Conditions are
read, never evaluated: this only describes what the engine would do.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gentle.engine.offers import OfferRule, is_break_step
from gentle.flows.kinds import kind_of
from gentle.flows.model import END, Condition, Flow, Step
from gentle.handout.wording import PARTNER_A, PARTNER_B, number
from gentle.text import clean_line

_WHO = {"either": "either of you", "both": "both of you", "first": PARTNER_A, "second": PARTNER_B}


class RouteWords:
    """Describes routes of one flow; knows each step's number and title."""

    def __init__(self, flow: Flow, label: Callable[[Step], str]) -> None:
        self.flow = flow
        self.label = label
        self.numbers = {step.id: i + 1 for i, step in enumerate(flow.steps)}

    def routes(self, step: Step) -> list[str]:
        """One sentence per route, in the order they are tried."""
        sentences: list[str] = []
        following = self._following(step)
        conditional = any(route.when is not None for route in step.next)
        for route in step.next:
            target = self.target(route.go)
            if route.when is None:
                if not conditional:
                    if route.go == END:
                        sentences.append("After this step, you're done.")
                    elif route.go != following:
                        sentences.append(f"Then {target}.")
                else:
                    sentences.append(f"Otherwise, {target}.")
                break  # later routes can never be reached
            opener = "If" if not sentences else "Otherwise, if"
            sentences.append(f"{opener} {self.condition(route.when, step)}, {target}.")
        # A title ending in ? or ! already closes the sentence: no '?”.'
        return [re.sub(r"([?!])”\.$", r"\1”", sentence) for sentence in sentences]

    def _following(self, step: Step) -> str | None:
        index = self.numbers[step.id]
        return self.flow.steps[index].id if index < len(self.flow.steps) else END

    def target(self, step_id: str) -> str:
        if step_id == END:
            return "finish here"
        target = self.flow.step(step_id)
        where = f"step {self.numbers[step_id]}, “{self.label(target)}”"
        if is_break_step(self.flow, step_id):
            return f"take the cool-down break ({where})"
        return f"go to {where}"

    def condition(self, condition: Condition, here: Step) -> str:
        if condition.all_of:
            return " and ".join(self.condition(c, here) for c in condition.all_of)
        if condition.any_of:
            return " or ".join(self.condition(c, here) for c in condition.any_of)
        if condition.none_of:
            parts = [self.condition(c, here) for c in condition.none_of]
            if len(parts) == 1:
                return f"it is not the case that {parts[0]}"
            return "none of these is true: " + "; ".join(parts)
        return self._leaf(condition, here)

    def _leaf(self, condition: Condition, here: Step) -> str:
        step = self.flow.step(condition.step) if condition.step else here
        who = "you" if getattr(step, "who", "each") == "together" else _WHO[condition.who]
        at = "" if step.id == here.id else f" at step {self.numbers[step.id]}"
        kind = kind_of(step)
        lists = kind.options is not None and isinstance(kind.numbers(step) if kind.numbers else None, tuple)
        verb = kind.verb
        if condition.break_taken is not None:
            since = "this step began" if not at else f"step {self.numbers[step.id]}"
            took = "you took" if condition.break_taken else "you didn't take"
            return f"{took} a cool-down break since {since}"
        if condition.at_least is not None:
            value = number(condition.at_least)
            if lists:
                return f"{who} {verb} {value} or more{at}"
            return f"{who} rated {value} or more{at}"
        if condition.at_most is not None:
            value = number(condition.at_most)
            if lists:
                if condition.at_most == 0:
                    return f"{who} {verb} nothing{at}"
                return f"{who} {verb} {value} or fewer{at}"
            return f"{who} rated {value} or less{at}"
        if condition.picked is not None:
            return f"{who} {verb} “{clean_line(condition.picked)}”{at}"
        if condition.answered is not None:
            where = f" step {self.numbers[step.id]}" if at else " this step"
            return f"{who} answered{where}" if condition.answered else f"{who} skipped{where}"
        return "always"  # pragma: no cover - the loader never builds an empty leaf


def offer_sentence(rule: OfferRule | None) -> str | None:
    """The engine's break offer (engine/offers.py) in a handout's words."""
    if rule is None or rule.never:
        return None
    who = "you rate" if rule.together else "either of you rates"
    sentence = f"If {who} {rule.threshold} or more, gentle offers a cool-down break before going on"
    if rule.always:
        return sentence + "."
    # No offer on the way to the flow's own cool-down break, nor where the flow ends.
    quiet = [target for target, offered in rule.targets if not offered]
    reasons = []
    if any(target is not None for target in quiet):
        reasons.append("the flow takes you straight to its own cool-down break")
    if None in quiet:
        reasons.append("this is where you finish")
    return f"{sentence}, unless {' or '.join(reasons)}."
