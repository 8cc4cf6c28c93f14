"""A step's ``next:`` routes, said in plain words.

"If either of you rated 7 or more, take the cool-down break (step 3)." Conditions are
read, never evaluated: this only describes what the engine would do.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gentle.engine.offers import OfferRule, is_break_step, offer_is_route
from gentle.flows.kinds import kind_of
from gentle.flows.model import END, Condition, Flow, Step
from gentle.handout.wording import DEFAULT_PARTNERS, Partners, fill_names, number
from gentle.text import clean_line

# What the couple does when a rating is high, in a paper's words (the app *offers* the
# break; a handout says what to do). tests/unit/test_agreement.py finds the offer by these.
OFFER_ALONE = "take a cool-down break before you go on"
OFFER_FIRST = "take a cool-down break first"


class RouteWords:
    """Describes routes of one flow; knows each step's number and title."""

    def __init__(self, flow: Flow, label: Callable[[Step], str],
                 partners: Partners = DEFAULT_PARTNERS) -> None:
        self.flow = flow
        self.label = label
        self.partners = partners
        self.numbers = {step.id: i + 1 for i, step in enumerate(flow.steps)}
        self.who = {"either": "either of you", "both": "both of you",
                    "first": partners[0], "second": partners[1]}

    def routes(self, step: Step, offer: OfferRule | None = None) -> list[str]:
        """One line per route, in the order they are tried, with the break ``offer``
        (engine/offers.py) said where it happens: in the line of the route its rating
        takes, or on a line of its own, first, when no route matches it."""
        sentences: list[str] = []
        offer = None if offer is None or offer.never else offer
        first = step.next[0] if step.next else None
        joined = offer is not None and first is not None and offer_is_route(offer, step, first.when)
        if offer is not None and not joined:
            sentences.append(offer_sentence(offer))
        routed: list[str] = []
        following = self._following(step)
        conditional = any(route.when is not None for route in step.next)
        for index, route in enumerate(step.next):
            target = self.target(route.go)
            if route.when is None:
                if not conditional:
                    if route.go == END:
                        routed.append("After this step, you're done.")
                    elif route.go != following:
                        routed.append(f"Then {target}.")
                else:
                    routed.append(f"Otherwise, {target}.")
                break  # later routes can never be reached
            opener = "If" if not routed else "Otherwise, if"
            if index == 0 and joined and offer is not None and _offered_on_the_way(offer, route.go):
                target = f"{OFFER_FIRST}, then {target}"
            routed.append(f"{opener} {self.condition(route.when, step)}, {target}.")
        # A title ending in ? or ! already closes the sentence: no '?”.'
        return [re.sub(r"([?!])”\.$", r"\1”", sentence) for sentence in sentences + routed]

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
        who = "you" if getattr(step, "who", "each") == "together" else self.who[condition.who]
        at = "" if step.id == here.id else f" at step {self.numbers[step.id]}"
        kind = kind_of(step)
        lists = kind.options is not None and isinstance(kind.numbers(step) if kind.numbers else None, tuple)
        verb = kind.verb
        if condition.break_taken is not None:
            since = "this step began" if not at else f"step {self.numbers[step.id]}"
            took = "you took" if condition.break_taken else "you didn't take"
            return f"{took} a cool-down break since {since}"
        compared = condition.higher_than or condition.lower_than
        if compared is not None:
            than = "higher" if condition.higher_than is not None else "lower"
            here_words = "here" if not at else at.strip()
            return (f"{who} rated {than} {here_words} than at step {self.numbers[compared]}, "
                    f"“{self.label(self.flow.step(compared))}”")
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
            # The option as the step's list prints it: placeholders filled, never raw.
            picked = clean_line(fill_names(condition.picked, getattr(step, "who", None), self.partners))
            return f"{who} {verb} “{picked}”{at}"
        if condition.answered is not None:
            where = f" step {self.numbers[step.id]}" if at else " this step"
            return f"{who} answered{where}" if condition.answered else f"{who} skipped{where}"
        return "always"  # pragma: no cover - the loader never builds an empty leaf


def _offered_on_the_way(rule: OfferRule, go: str) -> bool:
    target = None if go == END else go
    return dict(rule.targets).get(target, False)


def offer_sentence(rule: OfferRule) -> str:
    """The engine's break offer (engine/offers.py) as a line of its own, in paper words."""
    who = "you rated" if rule.together else "either of you rated"
    sentence = f"If {who} {rule.threshold} or more, {OFFER_ALONE}"
    if rule.always:
        return sentence + "."
    # No offer on the way to the flow's own cool-down break, nor where the flow ends.
    quiet = [target for target, offered in rule.targets if not offered]
    reasons = []
    if any(target is not None for target in quiet):
        reasons.append("your next step is the cool-down break itself")
    if None in quiet:
        reasons.append("you finish here")
    return f"{sentence}, unless {' or '.join(reasons)}."
