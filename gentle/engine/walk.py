"""Walk a flow headless through the same Runner the TUI uses, from a mapping of answers.

Authors use it to check their routing (`gentle flows walk`); tests use it too.

The answers mapping: step id -> the answer, or for steps asked of each partner a list
in partner order, one answer each (for checklists and many-choose, a list of lists);
one answer on its own for such a step is refused, never given to both. A write answer
is text, or for a template a mapping blank -> text. A turns answer is a list of mirror
texts, one per exchange (YAML's yes/no or a number there is refused by the kind), or a
list of full exchanges. Missing answers take the kind's neutral default (the middle
of a scale, the first option, nothing ticked; a write that needs words is skipped, as a
couple would skip it) and are marked defaulted. Timers and breathing are not waited
for: the walk's clock jumps over them, so they read as run to the end.

gentle's own break offers (engine/offers.py) happen on the walk as in the app. The key
``break offers`` (it can't be a step id) maps the step whose ratings called for one to
``take`` or ``decline``; without it an offer is declined, and the result says so. A
break taken lasts 20 minutes and is called by neither partner in particular.
"""

from __future__ import annotations

import copy
import difflib
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gentle.engine import events as ev
from gentle.engine.answers import Answer, default_value
from gentle.engine.breaks import MIN_BREAK_SECONDS
from gentle.engine.clock import Clock, FakeClock
from gentle.engine.pacer import total_seconds
from gentle.engine.runner import DEFAULT_PARTNERS, Runner
from gentle.engine.shown import Shown
from gentle.flows.kinds import SKIP, kind_of
from gentle.flows.kinds.turns import default_exchanges
from gentle.flows.model import Flow, Step
from gentle.records import record

# A walk that reaches one step this often is going round in circles.
MAX_VISITS = 100
OFFERS_KEY = "break offers"
_TAKE = {"take": True, "yes": True, True: True, "decline": False, "no": False, False: False}


class WalkError(ValueError):
    """The answers do not fit the flow; the message is meant for the author."""

    def __init__(self, message: str, step_id: str | None = None, partner: str | None = None) -> None:
        super().__init__(message)
        self.step_id = step_id
        self.partner = partner  # whose answer it was, for steps asked of one partner at a time

    def where(self) -> str:
        """``step`` or ``step (Sam's answer)``: where in the answers file the problem is."""
        if self.step_id is None:
            return ""
        return self.step_id + (f" ({self.partner}'s answer)" if self.partner else "")


@record
class Offer:
    """A break gentle offered on the walk, after ``step_id``'s ratings."""

    step_id: str
    threshold: int
    taken: bool
    defaulted: bool  # the answers file did not say: declined
    position: int = -1  # the index in the path of the step left when it was offered


@record
class Showing:
    """What a step showed (its `show:`) when the walk reached it, to ``partner``."""

    position: int  # the index in the path
    partner: int | None
    shown: tuple[Shown, ...]


@record
class WalkResult:
    path: list[str]  # step ids in the order they were entered (repeats included)
    answers: list[Answer]
    defaulted: set[tuple[str, int | None]]
    offers: tuple[Offer, ...] = ()
    skipped: tuple[str, ...] = ()  # steps left without an answer (a write that needs words)
    showings: tuple[Showing, ...] = ()  # what steps with `show:` showed, as in the app

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": list(self.path),
            "answers": [
                {
                    "step": a.step_id,
                    "partner": a.partner,
                    "value": a.value,
                    "defaulted": a.defaulted,
                }
                for a in self.answers
            ],
            "defaulted": [
                [step, partner]
                for step, partner in sorted(self.defaulted, key=lambda k: (k[0], k[1] or -1))
            ],
            "break_offers": [
                {"after": o.step_id, "threshold": o.threshold, "taken": o.taken,
                 "defaulted": o.defaulted}
                for o in self.offers
            ],
            "skipped": list(self.skipped),
            "shown": [
                {"at": self.path[s.position] if 0 <= s.position < len(self.path) else None,
                 "to": s.partner,
                 "words": [{"step": w.step_id, "partner": w.partner, "text": w.text} for w in s.shown]}
                for s in self.showings
            ],
        }


def _check_ids(flow: Flow, answers: Mapping[str, Any]) -> None:
    ids = [step.id for step in flow.steps]
    for key in answers:
        if key == OFFERS_KEY:
            continue
        if key not in ids:
            close = difflib.get_close_matches(str(key), [*ids, OFFERS_KEY], n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise WalkError(f"the answers name a step {key!r} that this flow does not have{hint}")


def _offer_choices(flow: Flow, answers: Mapping[str, Any]) -> dict[str, bool]:
    given = answers.get(OFFERS_KEY)
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise WalkError(f"`{OFFERS_KEY}` maps a step id to take or decline, like "
                        f"`{OFFERS_KEY}: {{check-in: take}}`")
    ids = {step.id for step in flow.steps}
    choices: dict[str, bool] = {}
    for step_id, choice in given.items():
        if step_id not in ids:
            raise WalkError(f"`{OFFERS_KEY}` names a step {step_id!r} that this flow does not have")
        key = choice.lower() if isinstance(choice, str) else choice
        if key not in _TAKE:
            raise WalkError(f"`{OFFERS_KEY}` for {step_id!r} is take or decline, not {choice!r}")
        choices[str(step_id)] = _TAKE[key]
    return choices


def _list_valued(step: Step) -> bool:
    return step.kind == "checklist" or (step.kind == "choose" and getattr(step, "many", False))


def _given_for(step: Step, given: Any, partner: int | None, partners: Sequence[str]) -> Any:
    """The answer meant for ``partner`` out of the answers file's value for ``step``.

    A step asked of each partner takes a list, one answer per partner in partner order;
    one value on its own is refused rather than given to both (a couple never agree by
    default)."""
    if partner is None or getattr(step, "who", None) != "each" or given is None:
        return given
    per_partner = isinstance(given, list) and not (
        _list_valued(step) and given and not all(item is None or isinstance(item, list) for item in given))
    if not per_partner:
        raise WalkError(_one_for_both(step, given, partners), step.id)
    if len(given) > 2:
        raise WalkError(f"{len(given)} answers are given, but each of the two partners gives one: "
                        f"{_shape(step.id, [given[0], given[1]])} ({partners[0]}'s, then "
                        f"{partners[1]}'s)", step.id)
    return given[partner] if partner < len(given) else None


def _one_for_both(step: Step, given: Any, partners: Sequence[str]) -> str:
    if _list_valued(step) and not isinstance(given, list):
        given = [given]  # what it would be for one partner: a list of picks
    return (f"one answer is given, but each partner answers this step, so give one per partner, "
            f"in partner order ({partners[0]}'s, then {partners[1]}'s): "
            f"{_shape(step.id, [given, given])} if you both mean the same; a single answer is "
            "never used for both")


def _shape(step_id: str, value: list[Any]) -> str:
    """``step: [7, 4]`` as the answers file would say it, on one line."""
    import yaml

    # Copies, or YAML would write the same list twice as an anchor and an alias.
    text = yaml.safe_dump({step_id: [copy.deepcopy(v) for v in value]}, default_flow_style=True,
                          allow_unicode=True, width=10**6)
    return "`" + text.strip().removeprefix("{").removesuffix("}") + "`"


def _skip_time(clock: Clock, seconds: float) -> None:
    if seconds > 0 and isinstance(clock, FakeClock):
        clock.advance(seconds)


def _turns_answer(step: Any, given: Any, first: int | None = None) -> tuple[list[dict[str, Any]], bool]:
    """The exchanges to submit for a turns step (``first`` has the floor first), and
    whether they are a default.

    Given as full exchanges, or as the listener's words, one per turn (a single one on
    its own is the first turn's). The words go to the kind as YAML read them: the kind
    refuses a mirror YAML took for yes/no or a number, rather than the walk writing
    "True" for the listener."""
    if given is not None and not isinstance(given, list):
        given = [given]
    if isinstance(given, list) and any(isinstance(item, dict) for item in given):
        return given, False
    mirrors = list(given) if isinstance(given, list) else []
    return default_exchanges(step, mirrors, first), given is None


def walk(
    flow: Flow,
    answers: Mapping[str, Any],
    partners: Sequence[str] = DEFAULT_PARTNERS,
    *,
    clock: Clock | None = None,
    on_event: Callable[[ev.Event], None] | None = None,
    default_threshold: int | None = None,
) -> WalkResult:
    """Run ``flow`` to its end with ``answers``; raise WalkError when they do not fit."""
    _check_ids(flow, answers)
    choices = _offer_choices(flow, answers)
    clock = clock if clock is not None else FakeClock(time.time())
    path: list[str] = []
    visits: Counter[str] = Counter()

    def listen(event: ev.Event) -> None:
        if isinstance(event, ev.StepEntered):
            path.append(event.step_id)
            visits[event.step_id] += 1
        if on_event is not None:
            on_event(event)

    runner = Runner(flow, partners, clock, listen, default_threshold=default_threshold)
    defaulted: set[tuple[str, int | None]] = set()
    offers: list[Offer] = []
    skipped: list[str] = []
    showings: list[Showing] = []
    while not runner.finished:
        if runner.flooding:
            # Offered as the step was left: the path already holds the next step.
            offers.append(_answer_offer(runner, choices, clock, len(path) - 2))
            continue
        step = runner.step
        assert step is not None
        if visits[step.id] > MAX_VISITS:
            raise WalkError(
                f"step {step.id!r} was reached more than {MAX_VISITS} times: "
                "with these answers the flow goes round in a loop",
                step.id,
            )
        if step.show:
            where = (len(path) - 1, runner.asking)
            if not showings or (showings[-1].position, showings[-1].partner) != where:
                showings.append(Showing(where[0], where[1], runner.shown))
        asking = runner.asking
        verdict = _answer(runner, step, answers.get(step.id), clock, defaulted, skipped)
        if not verdict:
            who = runner.partners[asking] if asking is not None and kind_of(step).clock is None else None
            raise WalkError(str(verdict.reason), step.id, who)
    return WalkResult(path=path, answers=list(runner.answers), defaulted=defaulted,
                      offers=tuple(offers), skipped=tuple(skipped), showings=tuple(showings))


def _answer(runner: Runner, step: Step, given: Any, clock: Clock,
            defaulted: set[tuple[str, int | None]], skipped: list[str]) -> Any:
    clock_kind = kind_of(step).clock
    if clock_kind == "countdown":
        timer = runner.timer
        _skip_time(clock, timer.remaining(clock.now()) if timer else 0.0)
        return runner.submit(None)
    if clock_kind == "stopwatch":
        _skip_time(clock, total_seconds(step))  # type: ignore[arg-type]
        return runner.submit(None)
    if clock_kind == "turns":
        turn = runner.turn
        exchanges, is_default = _turns_answer(step, given, turn.first if turn else None)
        if is_default:
            defaulted.add((step.id, None))
        return runner.submit(exchanges, defaulted=is_default)
    partner = runner.asking
    value = _given_for(step, given, partner, runner.partners)
    if value is not None:
        return runner.submit(value)
    defaulted.add((step.id, partner))
    fallback = default_value(step)
    if fallback is SKIP:
        skipped.append(step.id)
        return runner.skip()
    return runner.submit(fallback, defaulted=True)


def _answer_offer(runner: Runner, choices: dict[str, bool], clock: Clock, position: int) -> Offer:
    step_id = runner.offered_after or ""
    threshold = int(runner.offer_threshold or 0)
    take = choices.get(step_id)
    if take:
        runner.call_break(None, MIN_BREAK_SECONDS, why="offered")
        _skip_time(clock, MIN_BREAK_SECONDS)
        runner.end_break()
    else:
        runner.decline_break()
    return Offer(step_id, threshold, bool(take), take is None, position)
