"""A valid flow becomes the right frozen models: ids, defaults, patterns, blanks, routes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gentle.flows.catalogue import Catalogue
from gentle.flows.loader import check_flow_text, load_flow_text
from gentle.flows.model import (
    BreatheStep,
    ChooseStep,
    Condition,
    Phase,
    RateStep,
    Route,
    SayStep,
    TimerStep,
    TurnsStep,
    WriteStep,
)

FLOW = """\
id: demo
title: Demo
summary: Every kind, with defaults.
minutes: 12
lists:
  kind-words: [thank you, sorry]
steps:
  - kind: say
    text: "{both}, welcome. {{Braces}} stay."
  - kind: rate
    id: check-in
    ask: "{partner}, how are you?"
    labels: {10: flooded, 0: calm}
    measures: distress
    next:
      - go: pause
        when: {at_least: 7}
      - go: talk
        when: {any: [{step: check-in, who: both, at_most: 2}, {answered: false}]}
  - kind: breathe
    pattern: 4-4-4-4
    minutes: 1.5
  - kind: breathe
    phases: [{in: 4}, {top-up: 1}, {out: 6.5}]
    cycles: 3
  - kind: write
    id: talk
    ask: Say it gently.
    template: "I feel {feeling} when {situation}, {other}. I need {need}."
    blanks:
      need: {hint: something you need, suggestions: needs}
      feeling: {suggestions: [hurt, tired]}
  - kind: choose
    ask: Next?
    who: together
    options: kind-words
    many: yes
  - kind: turns
    speaker_prompt: "{speaker}, your turn."
    listener_prompts: ["What I heard is..."]
    floor_seconds: 90
  - kind: timer
    id: pause
    break: true
    minutes: 20
    suggestions: [Walk, Tea]
    next: end
"""


@pytest.fixture(scope="module")
def flow():
    result, problems = check_flow_text(FLOW, "demo.yaml")
    assert result is not None, "\n".join(map(str, problems))
    assert problems == []
    return result


def test_steps_without_an_id_get_step_n_from_their_position(flow) -> None:
    assert [s.id for s in flow.steps] == ["step-1", "check-in", "step-3", "step-4", "talk", "step-6",
                                          "step-7", "pause"]


def test_text_is_kept_exactly_as_written(flow) -> None:
    assert flow.steps[0] == SayStep(id="step-1", text="{both}, welcome. {{Braces}} stay.")
    assert flow.minutes == 12 and flow.origin == "demo.yaml"


def test_rate_defaults_labels_and_routes(flow) -> None:
    rate = flow.step("check-in")
    assert isinstance(rate, RateStep)
    assert (rate.low, rate.high, rate.who, rate.measures) == (0, 10, "each", "distress")
    assert rate.labels == ((0, "calm"), (10, "flooded"))
    assert rate.next[0] == Route("pause", Condition(step="check-in", at_least=7))
    either = rate.next[1].when
    assert either is not None and either.any_of == (
        Condition(step="check-in", who="both", at_most=2), Condition(step="check-in", answered=False))


def test_breathing_patterns_and_aliases_become_phases(flow) -> None:
    box, custom = flow.steps[2], flow.steps[3]
    assert isinstance(box, BreatheStep) and box.pattern == "box" and box.seconds == 90 and box.cycles is None
    assert [p.do for p in box.phases] == ["in", "hold", "out", "rest"]
    assert custom.pattern is None and custom.cycles == 3
    assert custom.phases == (Phase("in", 4), Phase("top-up", 1), Phase("out", 6.5))


def test_blanks_follow_the_template_order_and_resolve_lists(flow) -> None:
    from gentle.flows.wordlists import BUILTIN_LISTS

    write = flow.step("talk")
    assert isinstance(write, WriteStep)
    assert [b.name for b in write.blanks] == ["feeling", "situation", "need"]
    assert write.blanks[0].suggestions == ("hurt", "tired")
    assert write.blanks[1].hint is None and write.blanks[1].suggestions == ()
    assert write.blanks[2].suggestions == BUILTIN_LISTS["needs"]


def test_choose_turns_and_timer_fields(flow) -> None:
    choose, turns, timer = flow.steps[5], flow.steps[6], flow.steps[7]
    assert isinstance(choose, ChooseStep) and choose.many and choose.who == "together"
    assert choose.options == ("thank you", "sorry")  # the flow's own list, by name
    assert isinstance(turns, TurnsStep) and turns.floor_seconds == 90 and turns.rounds == 1
    assert turns.heard_question == "{speaker}, did you feel heard?"
    assert isinstance(timer, TimerStep) and timer.is_break and timer.seconds == 1200
    assert timer.rotate_seconds == 30 and timer.next == (Route("end"),)


def test_models_are_frozen(flow) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        flow.steps[0].text = "changed"  # type: ignore[misc]


def test_a_flow_list_name_can_be_used_for_suggestions() -> None:
    text = FLOW.replace("suggestions: needs}", "suggestions: kind-words}")
    flow = load_flow_text(text, "demo.yaml")
    assert flow.step("talk").blanks[2].suggestions == ("thank you", "sorry")


def test_quoted_yes_and_explicit_str_tags_are_text() -> None:
    text = FLOW.replace("options: kind-words", "options: [!!str yes, 'no', Later]")
    assert load_flow_text(text, "demo.yaml").steps[5].options == ("yes", "no", "Later")


# -- includes ---------------------------------------------------------------------------

PARENT = """\
id: parent
title: Parent
summary: Includes the child twice.
steps:
  - kind: say
    id: hello
    text: Hi.
    next: calm
  - kind: include
    id: calm
    flow: child
  - kind: include
    flow: child
  - kind: say
    id: bye
    text: Bye.
    next:
      - go: end
        when: {step: calm.check, at_least: 5}
"""
CHILD = """\
id: child
title: The child
summary: Has its own routes and an early end.
steps:
  - kind: rate
    id: check
    ask: How are you?
    next:
      - go: end
        when: {at_least: 8}
      - go: last
  - kind: say
    text: Skipped by the route above.
  - kind: say
    id: last
    text: Last.
"""


@pytest.fixture
def parent(tmp_path: Path):
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "child.yaml").write_text(CHILD)
    (folder / "parent.yaml").write_text(PARENT)
    catalogue = Catalogue(builtin_dir=folder, user_dir=tmp_path / "none")
    return catalogue.load("parent")


def test_included_steps_are_inlined_with_prefixed_ids_and_the_flows_title(parent) -> None:
    assert [s.id for s in parent.steps] == [
        "hello", "calm.check", "calm.step-2", "calm.last",
        "child.check", "child.step-2", "child.last", "bye"]
    assert {s.section for s in parent.steps[1:7]} == {"The child"}
    assert parent.steps[0].section is None and parent.steps[-1].section is None


def test_routes_inside_an_include_are_rewritten_and_end_means_continue(parent) -> None:
    first = parent.step("calm.check")
    assert [r.go for r in first.next] == ["child.check", "calm.last"]
    assert first.next[0].when == Condition(step="calm.check", at_least=8)
    second = parent.step("child.check")
    assert [r.go for r in second.next] == ["bye", "child.last"]


def test_a_route_to_an_include_goes_to_its_first_step(parent) -> None:
    assert parent.step("hello").next == (Route("calm.check"),)
    assert parent.step("bye").next[0].when == Condition(step="calm.check", at_least=5)


def test_no_warnings_for_a_well_formed_include(tmp_path: Path) -> None:
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "child.yaml").write_text(CHILD.replace("  - kind: say\n    text: Skipped by the route above.\n", ""))
    (folder / "parent.yaml").write_text(PARENT)
    catalogue = Catalogue(builtin_dir=folder, user_dir=tmp_path / "none")
    flow, problems = catalogue.check_path(folder / "parent.yaml")
    assert flow is not None and problems == []


def test_an_included_flow_with_errors_is_reported_at_the_include(tmp_path: Path) -> None:
    folder = tmp_path / "flows"
    folder.mkdir()
    (folder / "child.yaml").write_text(CHILD.replace("ask: How are you?", "ask: yes"))
    (folder / "parent.yaml").write_text(PARENT)
    catalogue = Catalogue(builtin_dir=folder, user_dir=tmp_path / "none")
    flow, problems = catalogue.check_path(folder / "parent.yaml")
    assert flow is None
    at_include = [p for p in problems if (p.line, p.column) == (11, 11)]
    assert at_include and 'the included flow "child" has problems' in at_include[0].message
    assert "child.yaml:7:10:" in at_include[0].message


def test_lookup_may_return_an_already_loaded_flow() -> None:
    child = load_flow_text(CHILD, "child.yaml")
    parent = load_flow_text(PARENT, "parent.yaml", lookup={"child": child}.get)
    assert parent.step("calm.check").section == "The child"


def test_without_a_lookup_an_include_cannot_be_found() -> None:
    flow, problems = check_flow_text(PARENT, "parent.yaml")
    assert flow is None
    assert [(p.line, p.column) for p in problems] == [(11, 11), (13, 11)]
    assert all('there is no flow with the id "child" to include' in p.message for p in problems)
