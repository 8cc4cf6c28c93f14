"""A turns answer given whole (a walk's answers file) is typed as YAML read it: a yes/no
for `heard` is one try's answer, and a mirror YAML read as yes/no or a number is refused
with a word about quotes, never stored as the text "True"."""

from __future__ import annotations

import pytest

from gentle.engine.answers import accept
from gentle.flows.kinds import Refused
from gentle.flows.kinds.turns import TurnsStep

STEP = TurnsStep(id="t", speaker_prompt="Say it.", listener_prompts=("What I heard is…",))


def exchange(**given):
    return {"speaker": 0, **given}


@pytest.mark.parametrize("heard, expected", [(True, [True]), (False, [False]), ([False, True], [False, True])])
def test_heard_is_yes_or_no_or_a_list_of_them(heard, expected) -> None:
    value = accept(STEP, [exchange(mirror="You were tired.", heard=heard)])
    assert value[0]["heard"] == expected
    assert value[0]["confirmed"] is expected[-1]


@pytest.mark.parametrize("heard", ["yes", 1, [True, "no"]])
def test_heard_that_is_not_yes_or_no_is_refused(heard) -> None:
    with pytest.raises(Refused, match="heard is yes or no"):
        accept(STEP, [exchange(heard=heard)])


@pytest.mark.parametrize("mirror, words", [(True, 'like "yes"'), (False, 'like "no"'), (3, 'like "3"')])
def test_a_mirror_yaml_read_as_yes_no_or_a_number_is_refused_saying_to_quote_it(mirror, words) -> None:
    with pytest.raises(Refused) as refused:
        accept(STEP, [exchange(mirror=mirror)])
    assert "exchange 1: the mirror was read as" in str(refused.value)
    assert "put" in str(refused.value) and words in str(refused.value)


def test_mirrors_tried_are_checked_the_same_way() -> None:
    with pytest.raises(Refused, match="a mirror was read as yes/no"):
        accept(STEP, [exchange(mirror="ok", mirrors=["ok", False])])
    assert accept(STEP, [exchange(mirror="yes")])[0]["mirror"] == "yes"
