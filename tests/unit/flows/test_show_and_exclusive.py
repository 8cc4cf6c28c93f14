"""`show:` and `exclusive:`: what validate says about each mistake, and the rules the
engine keeps (what a step shows and to whom; an exclusive option on its own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gentle.engine.answers import Answer
from gentle.engine.clock import FakeClock
from gentle.engine.runner import Runner
from gentle.engine.shown import show_sentence, shown_for, latest, written
from gentle.engine.walk import walk
from gentle.flows.catalogue import Catalogue
from gentle.flows.kinds import Refused
from gentle.flows.kinds.choose import NOTHING_CHOSEN, after_ticking
from gentle.flows.loader import check_flow_text, load_flow_text
from gentle.engine.answers import accept
from gentle.handout import render_handout

BUILTIN = Path(__file__).resolve().parents[3] / "flows"

HEAD = """\
id: sample
title: Sample
summary: For the checks.
steps:
"""

WRITE = """\
  - kind: write
    id: sentence
    title: Your sentence
    ask: "{partner}, your sentence?"
"""


def messages(steps: str) -> list[str]:
    flow, problems = check_flow_text(HEAD + steps, "sample.yaml")
    return [f"{p.line}:{p.column}: {p.message}" for p in problems if p.severity == "error"]


# ----- show: what validate says ---------------------------------------------------------


def test_show_names_an_earlier_write_step_and_loads() -> None:
    flow = load_flow_text(HEAD + WRITE + """\
  - kind: checklist
    who: each
    ask: Does it say how you feel?
    items: [yes it does]
    show: sentence
  - kind: say
    text: Read them out loud.
    show: [sentence]
""", "sample.yaml")
    assert flow.steps[1].show == ("sentence",) and flow.steps[2].show == ("sentence",)


def test_show_of_an_unknown_id_says_which_and_suggests_one() -> None:
    assert messages(WRITE + """\
  - kind: say
    text: Read it.
    show: sentense
""") == ['11:11: no step has the id "sentense"; did you mean "sentence"?']


def test_show_of_a_step_that_can_only_come_later_is_refused() -> None:
    assert messages("""\
  - kind: say
    id: early
    text: Read it.
    show: sentence
""" + WRITE) == ['8:11: "sentence" can only come after this step, so nothing is written there yet '
                 "when this step shows it; `show` names a step the couple pass on their way here"]


def test_show_of_a_step_on_some_paths_here_or_round_a_loop_is_fine() -> None:
    some_paths = messages("""\
  - kind: choose
    id: which
    who: together
    ask: Write first?
    options: ["Yes", "No"]
    next:
      - go: read
        when: {step: which, picked: "No"}
""" + WRITE + """\
  - kind: say
    id: read
    text: Read it, if you wrote one.
    show: sentence
""")
    assert some_paths == []
    looped = messages("""\
  - kind: say
    id: read
    text: Read it, if there is one yet.
    show: sentence
""" + WRITE + """\
  - kind: choose
    who: together
    id: again
    ask: Once more?
    options: ["Again", "Done"]
    next:
      - go: read
        when: {step: again, picked: Again}
""")
    assert looped == []


def test_show_of_something_that_is_not_written_or_the_step_itself() -> None:
    found = messages("""\
  - kind: rate
    id: calm
    ask: "{partner}, how calm?"
  - kind: say
    id: read
    text: Read it.
    show: [calm, read, calm]
""")
    assert found == [
        '11:12: "calm" is a rate step, and `show` shows what was written (write steps)',
        '11:18: "read" is this step itself; `show` names an earlier step whose words are shown here',
        '11:24: "calm" is listed twice in `show`',
    ], found


def test_show_is_only_for_the_kinds_that_declare_it() -> None:
    found = messages(WRITE + """\
  - kind: breathe
    pattern: box
    cycles: 2
    show: sentence
""")
    assert found == ['12:5: unknown key "show" in a breathe step (`show` belongs in a say step)']


def test_show_of_an_include_names_one_of_its_steps() -> None:
    catalogue = Catalogue(builtin_dir=BUILTIN)
    text = HEAD + """\
  - kind: include
    flow: i-statement
  - kind: say
    text: Read it.
    show: i-statement
"""
    _, problems = check_flow_text(text, "sample.yaml", catalogue.lookup)
    assert [p.message for p in problems if p.severity == "error"] == [
        '"i-statement" is an include; name one of its steps instead, like "i-statement.intro"']
    text = text.replace("show: i-statement", "show: i-statement.statement")
    flow = load_flow_text(text, "sample.yaml", catalogue.lookup)
    # Inside the included flow its own show: is renamed with its steps.
    assert flow.step("i-statement.read-back").show == ("i-statement.statement",)


# ----- exclusive: what validate says ----------------------------------------------------


def test_exclusive_names_options_of_a_many_list() -> None:
    base = """\
  - kind: choose
    ask: What helped?
    many: true
    options: [Being heard, Time, Not sure yet]
"""
    assert messages(base + "    exclusive: [Not sure yet]\n") == []
    assert messages(base + "    exclusive: Not sure yet\n") == []
    assert messages(base + "    exclusive: [Not sure]\n") == [
        '9:17: "Not sure" is not one of the options; did you mean "Not sure yet"? (`exclusive` '
        "names options exactly as they are written under `options:`)"]
    assert messages(base + "    exclusive: [Time, Time]\n") == ['9:23: "Time" is listed twice in `exclusive`']
    assert messages(base + "    exclusive: [Being heard, Time, Not sure yet]\n") == [
        "9:16: every option is exclusive, so only one can ever be picked; use a choose step "
        "without `many: true` instead"]
    single = base.replace("    many: true\n", "")
    assert messages(single + "    exclusive: [Not sure yet]\n") == [
        "8:5: `exclusive` only means something with `many: true` (without it, only one option "
        "can be picked anyway)"]


# ----- the engine's rules -------------------------------------------------------------------


def test_choose_refuses_nothing_chosen_and_an_exclusive_option_with_others() -> None:
    flow = Catalogue(builtin_dir=BUILTIN).load("validate")
    step = flow.step("what-helped")
    for nothing in (None, [], ""):
        with pytest.raises(Refused, match="Nothing is chosen yet"):
            accept(step, nothing)
    assert str(Refused(NOTHING_CHOSEN)) == NOTHING_CHOSEN
    with pytest.raises(Refused, match="“Not sure yet” is picked on its own"):
        accept(step, ["Having my feelings named", "Not sure yet"])
    assert accept(step, ["Not sure yet"]) == ["Not sure yet"]
    one = Catalogue(builtin_dir=BUILTIN).load("aftermath").step("willing")
    with pytest.raises(Refused, match="Nothing is chosen yet"):
        accept(one, None)


def test_ticking_an_exclusive_option_clears_the_others_and_the_other_way_round() -> None:
    step = Catalogue(builtin_dir=BUILTIN).load("validate").step("what-helped")
    a, b = step.options[0], step.options[1]
    assert after_ticking(step, [a, b], "Not sure yet") == ["Not sure yet"]
    assert after_ticking(step, ["Not sure yet"], b) == [b]
    assert after_ticking(step, [b], a) == [a, b]  # in the options' order
    assert after_ticking(step, [a, b], a) == [b]  # unticked


def test_a_step_shows_each_partner_their_own_words_or_everyones() -> None:
    flow = Catalogue(builtin_dir=BUILTIN).load("i-statement")
    answers = [Answer("statement", 0, {"text": "I feel alone.", "blanks": None}, 1.0),
               Answer("statement", 1, {"text": "first try", "blanks": None}, 2.0),
               Answer("statement", 1, {"text": "I miss you.", "blanks": None}, 3.0)]
    own = shown_for(flow, flow.step("read-back"), latest(answers), 1)
    assert [(s.partner, s.text, s.own) for s in own] == [(1, "I miss you.", True)]
    everyone = shown_for(flow, flow.step("share"), latest(answers), None)
    assert [(s.partner, s.text) for s in everyone] == [(0, "I feel alone."), (1, "I miss you.")]
    assert everyone[0].title == "Your sentence"
    # Sam skipped: on their own read-back they are told, and among everyone's they are left out.
    skipped = latest(answers[1:])
    assert [(s.partner, s.text) for s in shown_for(flow, flow.step("read-back"), skipped, 0)] == [(0, None)]
    assert [s.partner for s in shown_for(flow, flow.step("share"), skipped, None)] == [1]
    assert [(s.step_id, s.partner) for s in written(flow, answers)] == [("statement", 0), ("statement", 1)]


def test_the_app_walk_and_handout_say_the_same_about_what_is_shown() -> None:
    flow = Catalogue(builtin_dir=BUILTIN).load("i-statement")
    answers = {"statement": ["I feel alone.", "I miss you."]}
    result = walk(flow, answers, ("Sam", "Alex"))
    shown = {(result.path[s.position], s.partner): [w.text for w in s.shown] for s in result.showings}
    assert shown == {("read-back", 0): ["I feel alone."], ("read-back", 1): ["I miss you."],
                     ("share", None): ["I feel alone.", "I miss you."]}
    runner = Runner(flow, ("Sam", "Alex"), FakeClock(1.0))
    runner.go_to("statement")
    runner.submit("I feel alone.")
    runner.submit("I miss you.")
    assert [s.text for s in runner.shown] == ["I feel alone."]
    page = render_handout(flow, "md")
    assert show_sentence(flow, flow.step("read-back")) == "Shows your own words from “Your sentence”."
    assert "Shows your own words from “Your sentence”." in page
    assert "Shows what each of you wrote at “Your sentence”." in page
