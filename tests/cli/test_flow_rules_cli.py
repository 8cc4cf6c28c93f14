"""What a flow says is what happens: the rules behind break offers and answers, through
the commands authors use (walk, validate, handout) and the settings couples set.

Each test here is one defect that was seen on main before the engine owned these rules.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.cli.test_flows_cli import PROBLEM_LINE, gentle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "flows"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def walk_json(home: Path, flow: str, answers: str, *extra: str) -> dict:
    answers_file = home.parent / "answers.yaml"
    answers_file.write_text(textwrap.dedent(answers))
    result = gentle(home, "flows", "--flows", str(FIXTURES), "walk", flow, "--answers",
                    str(answers_file), "--json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def write_flow(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(textwrap.dedent(body))
    return path


# -- thresholds -------------------------------------------------------------------------------


def test_an_included_flow_keeps_its_own_threshold(home: Path) -> None:
    # aftermath sets 6, the including flow 9: a 6 inside aftermath still offers a break.
    inside = walk_json(home, "include-keeps-threshold", """
        start: [8, 0]
        aftermath.calm-check: [6, 0]
    """)
    assert [(o["after"], o["threshold"]) for o in inside["break_offers"]] == [("aftermath.calm-check", 6)]
    # ... and the including flow's own rating keeps the including flow's 9.
    outside = walk_json(home, "include-keeps-threshold", "start: [9, 0]\naftermath.calm-check: [0, 0]\n")
    assert [(o["after"], o["threshold"]) for o in outside["break_offers"]] == [("start", 9)]


def test_the_threshold_in_config_applies_to_flows_that_set_none(home: Path) -> None:
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.yaml").write_text("distress_threshold: 5\n")
    walked = walk_json(home, "pause-and-breathe", "check-in: [5, 0]\ncheck-again: [0, 0]\n")
    assert [(o["after"], o["threshold"]) for o in walked["break_offers"]] == [("check-in", 5)]
    # A flow with a threshold of its own keeps it.
    own = walk_json(home, "aftermath", "calm-check: [5, 0]\n")
    assert own["break_offers"] == []


def test_a_threshold_outside_any_scale_is_refused_too(tmp_path: Path, home: Path) -> None:
    path = write_flow(tmp_path, "n", """\
        id: n
        title: N
        summary: No ratings at all.
        distress_threshold: 500
        steps:
          - kind: say
            text: Hello.
    """)
    result = gentle(home, "flows", "validate", str(path))
    assert result.returncode == 1 and "it is a rating from 1 to 100" in result.stdout


@pytest.mark.parametrize("threshold, scale, says", [
    (0, "", "every rating would offer a break"),
    (-3, "", "every rating would offer a break"),
    (50, "", "could never be made; use a number from 1 to 10"),
    (11, "", "could never be made; use a number from 1 to 10"),
    (6, "from: 1\n            to: 5", "could never be made; use a number from 2 to 5"),
])
def test_validate_refuses_a_threshold_no_rating_can_use(tmp_path: Path, home: Path, threshold: int,
                                                       scale: str, says: str) -> None:
    path = write_flow(tmp_path, "t", f"""\
        id: t
        title: T
        summary: A threshold test.
        distress_threshold: {threshold}
        steps:
          - kind: rate
            ask: How are you?
            measures: distress
            {scale}
    """)
    result = gentle(home, "flows", "validate", str(path))
    assert result.returncode == 1
    problems = [PROBLEM_LINE.match(line) for line in result.stdout.splitlines()]
    assert any(m and m["line"] == "4" and says in m["msg"] for m in problems), result.stdout


def test_a_scale_that_cant_reach_the_usual_threshold_is_pointed_out(tmp_path: Path, home: Path) -> None:
    path = write_flow(tmp_path, "small", """\
        id: small
        title: Small scale
        summary: A 1-5 distress scale with no threshold of its own.
        steps:
          - kind: rate
            id: check
            ask: How are you?
            measures: distress
            from: 1
            to: 5
          - kind: say
            text: Thank you.
    """)
    result = gentle(home, "flows", "validate", "--strict", str(path))
    assert result.returncode == 1
    assert "warning:" in result.stdout and "a break is offered at 5 and above" in result.stdout
    # The engine does what the warning says: a 5 offers a break.
    answers = tmp_path / "a.yaml"
    answers.write_text("check: [5, 1]\n")
    walked = json.loads(gentle(home, "flows", "walk", str(path), "--answers", str(answers), "--json").stdout)
    assert [(o["after"], o["threshold"]) for o in walked["break_offers"]] == [("check", 5)]


# -- the handout says what the engine does ------------------------------------------------------


def test_the_handout_promises_no_offer_where_the_flow_goes_straight_to_its_break(home: Path) -> None:
    result = gentle(home, "flows", "--flows", str(FIXTURES), "handout", "offer-or-break")
    assert result.returncode == 0, result.stderr
    before_break, after_break = result.stdout.split("### 3.")[0], result.stdout.split("### 3.")[1]
    assert "cool-down break before you go on" not in before_break  # rating 1 leads straight on to the break step
    assert "If you rated 7 or more, take a cool-down break before you go on" in after_break


# -- answers the engine accepts -------------------------------------------------------------------


def test_walk_refuses_empty_words_where_the_step_needs_some(home: Path) -> None:
    answers = home.parent / "a.yaml"
    answers.write_text('statement: ["", "I feel tired"]\n')
    result = gentle(home, "flows", "walk", "i-statement", "--answers", str(answers))
    assert result.returncode == 1
    assert "Write a few words first" in result.stderr and "statement" in result.stderr
    # Left out, it is skipped (as a couple would skip it), and the output says so.
    walked = walk_json(home, "i-statement", "{}")
    assert "statement" in walked["skipped"]
    assert not [a for a in walked["answers"] if a["step"] == "statement"]


# -- break offers on the walk ---------------------------------------------------------------------


def test_walk_shows_each_break_offer_and_the_answers_file_takes_or_declines_it(home: Path) -> None:
    declined = walk_json(home, "aftermath", "calm-check: [6, 0]\n")
    assert declined["break_offers"] == [
        {"after": "calm-check", "threshold": 6, "taken": False, "defaulted": True}]
    # Declined and still stirred up: not today.
    assert "not-yet" in declined["path"]
    taken = walk_json(home, "aftermath", """
        calm-check: [6, 0]
        break offers: {calm-check: take}
    """)
    assert taken["break_offers"][0]["taken"] is True
    # After the break, the flow knows it was taken (break_taken) and goes on, instead of
    # sending the couple away on the rating from before the break.
    assert "not-yet" not in taken["path"] and "settle" in taken["path"]
    answers = home.parent / "answers.yaml"
    text = gentle(home, "flows", "walk", "aftermath", "--answers", str(answers)).stdout
    assert "gentle offers a break here (a rating of 6 or more): taken" in text
