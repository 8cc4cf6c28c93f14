"""The example flows under docs/examples/: what a therapist wrote from docs/flows.md
alone (speaker-listener with the topic's owner first, NVC for each partner with a
distress branch, repair attempts, a check-in around a built-in flow). Each is clean
under `--strict`, walks where its answers say, and between them and the built-in flows
every feature of the language is in use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gentle.engine.walk import walk
from gentle.flows.catalogue import Catalogue
from gentle.flows.loader import check_flow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.yaml"))
PARTNERS = ("Sam", "Alex")


def load(name: str):
    flow, problems = check_flow(ROOT / "docs" / "examples" / f"{name}.yaml", Catalogue().resolver())
    assert flow is not None and problems == [], "\n".join(map(str, problems))
    return flow


def test_the_four_examples_are_there():
    assert {p.stem for p in EXAMPLES} == {"speaker-listener", "nvc-each", "repair-attempts", "check-in-around"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_is_clean_and_walks_on_defaults(path: Path) -> None:
    flow = load(path.stem)
    assert flow.author and flow.facilitator
    result = walk(flow, {}, PARTNERS)
    assert result.path[0] == flow.steps[0].id


def test_speaker_listener_the_partner_who_raised_it_speaks_first_and_a_rise_is_noticed():
    flow = load("speaker-listener")
    result = walk(flow, {"whose-topic": "{partner2} raised it", "before": [3, 4], "after": [5, 2]}, PARTNERS)
    floor = next(a.value for a in result.answers if a.step_id == "floor")
    assert floor[0]["speaker"] == 1
    assert result.path[-1] == "still-a-lot"
    calmer = walk(flow, {"before": [5, 5], "after": [3, 3]}, PARTNERS)
    assert calmer.path[-1] == "after"


def test_nvc_reads_back_each_partners_own_words_and_sends_a_rise_to_the_support_lines():
    flow = load("nvc-each")
    answers = {"before": [3, 4], "observation": ["you came home at ten", "the dishes were left"],
               "feeling": ["lonely", "exhausted"], "need": ["closeness", "rest"],
               "request": ["text me when you're late", "wash up after dinner"], "after": [5, 3]}
    result = walk(flow, answers, PARTNERS)
    assert result.path[-1] == "help" and flow.step("help").kind == "support"
    from gentle.engine.shown import answer_words, latest

    said = answer_words(flow, "read-aloud", "observation", None, latest(result.answers), PARTNERS, 1)
    assert said == "the dishes were left"
    asked = answer_words(flow, "answer-request", "request", "other", latest(result.answers), PARTNERS, 0)
    assert asked == "wash up after dinner"
    flooded = walk(flow, {**answers, "before": [9, 2]}, PARTNERS)
    assert flooded.path[:3] == ["before", "cool-down", "observation"] and flow.step("cool-down").required


def test_repair_not_sure_yet_goes_its_own_way():
    flow = load("repair-attempts")
    assert "Not sure yet" in flow.step("repair").exclusive
    unsure = walk(flow, {"repair": [["Not sure yet"], ["You have a point there."]]}, PARTNERS)
    assert unsure.path[-1] == "not-yet"
    sure = walk(flow, {"repair": [["You have a point there."], ["I love you, even now."]]}, PARTNERS)
    assert sure.path[-1] == "heard"


def test_check_in_around_a_built_in_flow():
    flow = load("check-in-around")
    assert any(s.id.startswith("calm.") for s in flow.steps)
    assert walk(flow, {"before": [6, 6], "after": [3, 4]}, PARTNERS).path[-1] == "came-down"
    assert walk(flow, {"before": [3, 3], "after": [5, 3]}, PARTNERS).path[-1] == "went-up"


FEATURES = {
    "an earlier answer in text": r"\{answer:[a-z]",
    "first speaker from an answer": r"first_speaker: (?!first\b|second\b)[a-z]",
    "options from a list": r"^\s+(options|items): [a-z]",
    "an exclusive option": r"^\s+exclusive:",
    "flow notes": r"^facilitator:",
    "an author": r"^author:",
    "contraindications": r"^contraindications:",
    "comparing two ratings": r"(higher|lower)_than:",
    "no automatic offer on one step": r"offer_break: false",
    "a required break": r"required: true",
    "a support step": r"kind: support",
    "is there more?": r"more_question:",
    "a restate prompt": r"restate_prompt:",
}


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_every_feature_is_used_by_a_built_in_or_example_flow(feature: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in [*EXAMPLES, *(ROOT / "flows").glob("*.yaml")]]
    assert any(re.search(FEATURES[feature], t, re.MULTILINE) for t in texts), feature
