"""The turns step's optional `more_question:` and `restate_prompt:`: read, name-checked,
left out by default, and said on the handout in paper words."""

from __future__ import annotations

from pathlib import Path

from gentle.flows.catalogue import Catalogue
from gentle.flows.loader import check_flow_text
from gentle.handout import render_handout

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "flows"


def flow_text(**extra: str) -> str:
    lines = "".join(f'    {key}: "{value}"\n' for key, value in extra.items())
    return ("id: t\ntitle: T\nsummary: S.\nsteps:\n  - kind: turns\n    id: floor\n"
            '    speaker_prompt: "{speaker}, say it."\n    listener_prompts: ["I heard..."]\n' + lines)


def test_left_out_neither_is_asked() -> None:
    flow, problems = check_flow_text(flow_text(), "t.yaml")
    assert not [p for p in problems if p.severity == "error"]
    step = flow.step("floor")
    assert step.more_question == "" and step.restate_prompt == ""


def test_both_are_read_and_may_name_the_speaker_and_listener() -> None:
    flow, problems = check_flow_text(flow_text(more_question="{speaker}, is there more?",
                                               restate_prompt="{speaker}, tell {listener} again."),
                                     "t.yaml")
    assert not [p for p in problems if p.severity == "error"]
    step = flow.step("floor")
    assert step.more_question == "{speaker}, is there more?"
    assert step.restate_prompt == "{speaker}, tell {listener} again."


def test_names_are_checked_as_in_the_heard_question() -> None:
    # Line 9 is the key's own line (see flow_text).
    _, problems = check_flow_text(flow_text(more_question="{partner}, is there more?"), "t.yaml")
    assert [(p.line, p.severity) for p in problems] == [(9, "error")], problems
    assert "{partner} only works" in problems[0].message
    _, problems = check_flow_text(flow_text(restate_prompt="{speakr}, again."), "t.yaml")
    assert [(p.line, p.severity) for p in problems] == [(9, "error")], problems


def test_the_handout_says_both_moves() -> None:
    flow = Catalogue(extra=[FIXTURES]).load("turns-more")
    text = " ".join(render_handout(flow, "md").replace("*", "").split())
    assert "If the speaker does not quite feel heard: Say again the part that was missed." in text
    assert "Once the speaker feels heard, they are asked: Is there more? Yes: the speaker goes on" in text
    assert "No: the floor passes to the other partner." in text
