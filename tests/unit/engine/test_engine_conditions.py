"""Route conditions: the declarative tests authors write, against the answers given."""

from __future__ import annotations

import pytest

from gentle.engine.answers import Answer
from gentle.engine.conditions import holds

from .builders import Condition, make_flow, rate, say

FLOW = make_flow(rate("check"), say("next"))


def ans(partner: int | None, value, step: str = "check") -> Answer:
    return Answer(step, partner, value, 0.0)


def c(**kw) -> Condition:
    return Condition(step="check", **kw)


@pytest.mark.parametrize(
    ("who", "values", "expected"),
    [
        ("either", (8, 2), True),
        ("either", (2, 3), False),
        ("both", (8, 2), False),
        ("both", (8, 9), True),
        ("first", (8, 2), True),
        ("first", (2, 8), False),
        ("second", (2, 8), True),
        ("second", (8, 2), False),
    ],
)
def test_who_maps_to_partners(who: str, values: tuple[int, int], expected: bool) -> None:
    answers = [ans(0, values[0]), ans(1, values[1])]
    assert holds(c(who=who, at_least=7), answers, "check", FLOW) is expected


def test_at_least_and_at_most_bounds_are_inclusive() -> None:
    assert holds(c(at_least=7), [ans(0, 7)], "x")
    assert not holds(c(at_least=7), [ans(0, 6)], "x")
    assert holds(c(at_most=3), [ans(0, 3)], "x")
    assert not holds(c(at_most=3), [ans(0, 4)], "x")
    assert holds(c(at_least=2, at_most=4), [ans(0, 3)], "x")


def test_unanswered_never_satisfies_numeric_or_picked_tests() -> None:
    assert not holds(c(at_most=10), [], "x")
    assert not holds(c(at_least=0), [], "x")
    assert not holds(c(picked="a"), [], "x")
    # `both` with one partner missing fails even if the other qualifies.
    assert not holds(c(who="both", at_most=10), [ans(0, 1)], "x")


def test_a_together_answer_counts_for_both_partners() -> None:
    answers = [ans(None, 8)]
    for who in ("either", "both", "first", "second"):
        assert holds(c(who=who, at_least=7), answers, "x")


def test_lists_compare_by_length_and_picked_looks_inside() -> None:
    answers = [ans(None, ["hug", "walk"])]
    assert holds(c(at_least=2), answers, "x")
    assert not holds(c(at_least=3), answers, "x")
    assert holds(c(at_most=0), [ans(None, [])], "x")
    assert holds(c(picked="walk"), answers, "x")
    assert not holds(c(picked="tea"), answers, "x")
    assert holds(c(picked="tea"), [ans(0, "tea")], "x")  # single choose


def test_answered_true_and_false() -> None:
    assert holds(c(answered=True), [ans(0, 1)], "x")
    assert not holds(c(answered=False), [ans(0, 1), ans(1, 2)], "x")
    assert holds(c(answered=False), [], "x")
    assert holds(c(who="both", answered=False), [], "x")
    assert not holds(c(who="both", answered=True), [ans(0, 1)], "x")
    assert holds(c(who="either", answered=False), [ans(0, 1)], "x")


def test_either_and_both_mean_the_partners_the_step_asks() -> None:
    flow = make_flow(rate("check", who="first"), rate("duo", who="each"))
    answers = [ans(0, 8)]
    # Partner 2 is never asked a `who: first` step, so they do not make it "unanswered".
    assert not holds(c(answered=False), answers, "x", flow)
    assert holds(c(who="both", at_least=7), answers, "x", flow)
    # On a step asked of each, one missing partner is "either did not answer".
    assert holds(Condition(step="duo", answered=False), [ans(0, 1, "duo")], "x", flow)


def test_step_defaults_to_the_current_step() -> None:
    cond = Condition(at_least=7)
    assert holds(cond, [ans(0, 9)], "check")
    assert not holds(cond, [ans(0, 9)], "next")


def test_the_latest_answer_counts() -> None:
    answers = [ans(0, 9), ans(0, 2)]
    assert not holds(c(at_least=7), answers, "x")


def test_break_taken_counts_breaks_since_the_step_was_entered() -> None:
    from gentle.engine.conditions import Evidence

    since_x = Evidence({}, {"x": 3, "y": 6}, breaks=(5,))
    assert holds(Condition(step="x", break_taken=True), since_x, "y")
    assert not holds(Condition(step="y", break_taken=True), since_x, "y")
    assert holds(Condition(step="y", break_taken=False), since_x, "y")
    # A step never reached has had no break since.
    assert not holds(Condition(step="z", break_taken=True), since_x, "y")
    # Without the evidence (just answers), no break is known.
    assert not holds(Condition(step="x", break_taken=True), [], "x")


def test_combinators() -> None:
    hi, lo = c(at_least=7), c(at_most=3)
    answers = [ans(0, 8), ans(1, 8)]
    assert holds(Condition(all_of=(hi, c(who="both", at_least=8))), answers, "x")
    assert not holds(Condition(all_of=(hi, lo)), answers, "x")
    assert holds(Condition(any_of=(lo, hi)), answers, "x")
    assert not holds(Condition(any_of=(lo,)), answers, "x")
    assert holds(Condition(none_of=(lo,)), answers, "x")
    assert not holds(Condition(none_of=(lo, hi)), answers, "x")
    nested = Condition(any_of=(Condition(none_of=(hi,)), Condition(all_of=(hi,))))
    assert holds(nested, answers, "x")


def test_a_condition_on_an_unknown_step_is_a_bug() -> None:
    with pytest.raises(KeyError):
        holds(Condition(step="nope", answered=True), [], "check", FLOW)
