"""Options and items are answered as written or as the partners see them (names filled
in), by the kinds' own answer functions, so the app and `flows walk` agree; anything
else is refused with the options listed as they are seen."""

from __future__ import annotations

import pytest

from gentle.engine.answers import accept
from gentle.flows.kinds import Refused
from gentle.flows.kinds.checklist import ChecklistStep
from gentle.flows.kinds.choose import ChooseStep

COUPLE = ("Sam", "Morgan")
WHO_RAISED = ChooseStep(id="who-raised", ask="Who raised it?",
                        options=("{partner1} raised it", "{partner2} raised it", "{other} did", "Not sure"))
TICKS = ChecklistStep(id="ticks", ask="What helps?", items=("{partner1} takes a walk", "Tea"))
MANY = ChooseStep(id="many", ask="Which?", many=True, exclusive=("Not sure",),
                  options=("{partner1} rests", "{partner2} rests", "Not sure"))


@pytest.mark.parametrize("given", ["{partner2} raised it", "Morgan raised it"])
def test_a_choice_as_written_or_as_seen_is_stored_as_written(given: str) -> None:
    assert accept(WHO_RAISED, given, COUPLE, 0) == "{partner2} raised it"


def test_partner_and_other_are_filled_for_whoever_is_answering() -> None:
    assert accept(WHO_RAISED, "Morgan did", COUPLE, 0) == "{other} did"
    assert accept(WHO_RAISED, "Sam did", COUPLE, 1) == "{other} did"
    with pytest.raises(Refused):
        accept(WHO_RAISED, "Sam did", COUPLE, 0)


def test_checklist_items_and_many_choices_as_seen() -> None:
    assert accept(TICKS, ["Tea", "Sam takes a walk"], COUPLE, None) == ["{partner1} takes a walk", "Tea"]
    assert accept(MANY, ["Morgan rests", "{partner1} rests"], COUPLE, 0) == ["{partner1} rests", "{partner2} rests"]
    with pytest.raises(Refused, match="the same option was picked twice"):
        accept(MANY, ["Sam rests", "{partner1} rests"], COUPLE, 0)
    with pytest.raises(Refused, match="on its own"):
        accept(MANY, ["Not sure", "Sam rests"], COUPLE, 0)


def test_a_wrong_option_lists_the_options_as_seen_with_a_did_you_mean() -> None:
    with pytest.raises(Refused) as refused:
        accept(WHO_RAISED, "Morgen raised it", COUPLE, 0)
    message = str(refused.value)
    assert "did you mean “Morgan raised it”?" in message
    assert "the options are: “Sam raised it”, “Morgan raised it”, “Morgan did”, “Not sure”" in message
    assert "{" not in message


def test_a_wrong_option_with_nothing_close_still_lists_them() -> None:
    with pytest.raises(Refused) as refused:
        accept(TICKS, ["Coffee"], COUPLE, None)
    message = str(refused.value)
    assert "did you mean" not in message
    assert "“Coffee” is not one of its items (the items are: “Sam takes a walk”, “Tea”)" in message


def test_yes_read_by_yaml_as_true_is_refused_with_a_word_about_quotes() -> None:
    step = ChooseStep(id="ok", ask="OK?", options=("yes", "not yet"))
    assert accept(step, "yes", COUPLE, 0) == "yes"
    with pytest.raises(Refused, match="put it in quotes"):
        accept(step, True, COUPLE, 0)


def test_a_rendering_two_options_share_is_refused_not_guessed() -> None:
    step = ChooseStep(id="same", ask="Who?", options=("{partner1}", "Sam"))
    # An option as written wins outright, though "{partner1}" is also seen as "Sam".
    assert accept(step, "Sam", COUPLE, 0) == "Sam"
    clash = ChooseStep(id="clash", ask="Who?", options=("{partner1} first", "{partner} first"))
    with pytest.raises(Refused, match="could be any of"):
        accept(clash, "Sam first", COUPLE, 0)
