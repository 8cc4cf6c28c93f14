"""When gentle offers a cool-down break on its own: the flooding rule, decided here only.

A distress rating (``measures: distress``) at or above its threshold means someone may
be flooded (Gottman): gentle offers a break before going on, unless the flow is about to
start its own cool-down break, where a second offer would only get in the way, or the
flow ends there.

Which threshold: the one of the flow the rating was written in. An included flow keeps
its own (the loader copies each flow's ``distress_threshold:`` onto its ratings, as
``RateStep.threshold``); where no flow on the way set one, the ``distress_threshold:``
of config.yaml applies, else :data:`DEFAULT_THRESHOLD`. A default that a rating's scale
can't reach is taken as the scale's top, so a default never switches the offer off; a
threshold a flow sets itself must be reachable, or the flow does not load
(:func:`threshold_problems`).

The app (Runner), ``flows walk`` (the same Runner), the handout (:func:`offer_rule`)
and ``flows validate`` (:func:`threshold_problems`) all call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gentle.flows.kinds.rate import RateStep
from gentle.flows.kinds.timer import TimerStep
from gentle.flows.model import END, Condition, Flow, Step
from gentle.records import record

from gentle.engine.answers import Answer

DEFAULT_THRESHOLD = 7


def is_break_step(flow: Flow, step_id: str | None) -> bool:
    if step_id is None or step_id == END:
        return False
    step = flow.step(step_id)
    return isinstance(step, TimerStep) and step.is_break


def offers_break(step: Step) -> bool:
    """Whether answers to ``step`` can lead to the offer at all."""
    return isinstance(step, RateStep) and step.measures == "distress" and step.offer_break


def threshold_for(step: Step, default: int | None = None, flow: Flow | None = None) -> int | None:
    """The rating at which ``step`` offers a break; None for steps that never offer one.

    ``default`` is config.yaml's ``distress_threshold`` (None: not set). ``flow``'s own
    threshold counts for ratings that carry none (copies of flows kept by older gentles,
    and flows built in code rather than loaded).
    """
    if not offers_break(step):
        return None
    assert isinstance(step, RateStep)
    if step.threshold is not None:
        return step.threshold
    if flow is not None and flow.distress_threshold is not None:
        return flow.distress_threshold
    fallback = DEFAULT_THRESHOLD if default is None else default
    return max(step.low + 1, min(fallback, step.high))


def break_offered(
    flow: Flow, step: Step, given: Iterable[Answer], going_to: str | None,
    default: int | None = None,
) -> bool:
    """Whether leaving ``step`` with the answers ``given`` there (this visit's) towards
    ``going_to`` offers a break."""
    threshold = threshold_for(step, default, flow)
    if threshold is None or going_to is None or is_break_step(flow, going_to):
        return False  # at the end there is nothing to go on to; a break step is on its way
    return any(
        a.step_id == step.id
        and isinstance(a.value, int)
        and not isinstance(a.value, bool)
        and a.value >= threshold
        for a in given
    )


@record
class OfferRule:
    """What a step's answers can do, for people to read (the handout, walk, validate)."""

    threshold: int
    together: bool  # one shared rating, rather than each partner's own
    # Where the step can lead, and whether the offer is made on the way there; a route
    # straight to a cool-down break makes none.
    targets: tuple[tuple[str | None, bool], ...]

    @property
    def always(self) -> bool:
        return all(offered for _, offered in self.targets)

    @property
    def never(self) -> bool:
        return not any(offered for _, offered in self.targets)


def offer_rule(flow: Flow, step: Step, default: int | None = None) -> OfferRule | None:
    from gentle.engine.routing import possible_targets

    threshold = threshold_for(step, default, flow)
    if threshold is None:
        return None
    targets = tuple((t, t is not None and not is_break_step(flow, t))
                    for t in possible_targets(flow, step))
    return OfferRule(threshold, getattr(step, "who", "each") == "together", targets)


def offer_is_route(rule: OfferRule, step: Step, condition: Condition | None) -> bool:
    """Whether a route's ``condition`` holds exactly when ``step``'s answers make the offer
    (some rating there at or above the threshold): then the route and the offer can be
    said as one ("If either of you rated 7 or more, take a break first, then ...")."""
    if condition is None or condition.all_of or condition.any_of or condition.none_of:
        return False
    return (condition.step in (None, step.id) and condition.at_least == rule.threshold
            and (rule.together or condition.who == "either")
            and condition.at_most is None and condition.picked is None
            and condition.answered is None and condition.break_taken is None)


@record
class ThresholdProblem:
    """A threshold a flow set that its ratings can't use; the loader adds the position."""

    step_id: str | None  # the rating it is about (None: the flow as a whole)
    threshold: int
    message: str


def threshold_problems(flow: Flow, own: int | None, inherited: Sequence[str]) -> list[ThresholdProblem]:
    """Thresholds that can never offer a break, or would at every rating.

    ``own`` is the flow's own ``distress_threshold:`` (None when unset); ``inherited``
    names the ratings that took it (the flow's own, and those of included flows that set
    none). A rating whose threshold came from an included flow was checked there.
    """
    problems: list[ThresholdProblem] = []
    if own is None:
        return problems
    ratings = [s for s in flow.steps if offers_break(s) and s.id in inherited]
    if not ratings and not 1 <= own <= 100:
        problems.append(ThresholdProblem(None, own, f"`distress_threshold` is {own}; it is a rating "
                                                    "from 1 to 100 at which gentle offers a break"))
    for step in ratings:
        assert isinstance(step, RateStep)
        if own > step.high:
            problems.append(ThresholdProblem(
                step.id, own,
                f'`distress_threshold` is {own}, but "{step.id}" rates distress from {step.low} to '
                f"{step.high}, so the break offer could never be made; use a number from "
                f"{step.low + 1} to {step.high}",
            ))
        elif own <= step.low:
            problems.append(ThresholdProblem(
                step.id, own,
                f'`distress_threshold` is {own}, but "{step.id}" starts at {step.low}, so every '
                f"rating would offer a break; use a number from {step.low + 1} to {step.high}",
            ))
    return problems
