"""The flow language a therapist asked for, through the engine: who speaks first comes
from an answer, two ratings are compared, one rating can leave the offer out, a break
can be required, and a support step takes no answer."""

from __future__ import annotations

from gentle.engine.clock import FakeClock
from gentle.engine.runner import Runner
from gentle.engine.walk import walk
from gentle.flows.loader import check_flow_text, load_flow_text

HEAD = "id: t\ntitle: T\nsummary: S\nsteps:\n"
TOPIC = """\
  - id: topic
    kind: choose
    who: together
    ask: Whose topic is this?
    options: ["{partner1} raised it", "{partner2} raised it", "We both did"]
  - id: talk
    kind: turns
    first_speaker: topic
    speaker_prompt: "{speaker}, say it."
    listener_prompts: ["What I heard is..."]
"""


def runner(text: str) -> tuple[Runner, FakeClock]:
    clock = FakeClock(1000.0)
    return Runner(load_flow_text(HEAD + text, "t.yaml"), ("Sam", "Alex"), clock, lambda e: None), clock


def test_the_partner_who_raised_the_topic_speaks_first():
    for picked, first in (("{partner2} raised it", 1), ("{partner1} raised it", 0), ("We both did", 0)):
        run, _ = runner(TOPIC)
        assert run.submit(picked)
        assert run.step.id == "talk" and run.turn.speaker == first, picked


def test_a_skipped_topic_leaves_the_steps_own_first_speaker():
    run, _ = runner(TOPIC.replace("first_speaker: topic", "first_speaker: second").replace(
        "  - id: talk", "  - id: talk2\n    kind: say\n    text: x\n  - id: talk"))
    run.skip()
    run.submit(None)
    assert run.turn.speaker == 1


def test_walk_follows_the_same_rule():
    result = walk(load_flow_text(HEAD + TOPIC, "t.yaml"), {"topic": "{partner2} raised it"}, ("Sam", "Alex"))
    exchanges = next(a.value for a in result.answers if a.step_id == "talk")
    assert [e["speaker"] for e in exchanges] == [1, 0]


def test_first_speaker_must_name_a_step_that_can_say_who():
    def problems(text):
        return [str(p) for p in check_flow_text(HEAD + text, "t.yaml")[1]]

    assert 'no step has the id "topc"' in problems(TOPIC.replace("first_speaker: topic", "first_speaker: topc"))[0]
    found = problems(TOPIC.replace('"{partner1} raised it", "{partner2} raised it", ', '"Me", '))
    assert "must name who speaks first" in found[0]
    found = problems(TOPIC.replace("who: together", "who: each"))
    assert "needs a choose step answered once" in found[0]
    found = problems("""\
  - id: talk
    kind: turns
    first_speaker: topic
    speaker_prompt: "{speaker}, say it."
    listener_prompts: ["What I heard is..."]
  - id: topic
    kind: choose
    who: together
    ask: Whose?
    options: ["{partner1}", "{partner2}"]
""")
    assert '"topic" can only come after this step' in found[0]


COMPARE = """\
  - id: before
    kind: rate
    ask: How tense?
    measures: distress
    offer_break: false
  - id: after
    kind: rate
    ask: And now?
    measures: distress
    offer_break: false
    next:
      - go: worse
        when: {step: after, higher_than: before}
      - go: better
        when: {step: after, who: both, lower_than: before}
      - go: end
  - id: worse
    kind: say
    text: It went up.
    next: end
  - id: better
    kind: say
    text: It came down for you both.
"""


def test_two_ratings_are_compared_partner_by_partner():
    cases = {((3, 3), (5, 3)): "worse", ((6, 6), (2, 4)): "better", ((3, 3), (3, 2)): None}
    for (before, after), where in cases.items():
        run, _ = runner(COMPARE)
        for value in (*before, *after):
            assert run.submit(value)
        assert (run.step.id if run.step else None) == where, (before, after)
        assert not run.flooding  # offer_break: false, although 6 of 10 are close to 7


def test_offer_break_false_leaves_the_automatic_offer_out_and_the_default_keeps_it():
    run, _ = runner(COMPARE)
    run.submit(9), run.submit(2)
    assert run.step.id == "after" and not run.flooding
    run, _ = runner(COMPARE.replace("    offer_break: false\n", "", 1))
    run.submit(9), run.submit(2)
    assert run.step.id == "after" and run.flooding


def test_comparisons_are_checked():
    def problems(text):
        return [str(p) for p in check_flow_text(HEAD + text, "t.yaml")[1]]

    found = problems(COMPARE.replace("higher_than: before", "higher_than: befor"))
    assert 'no step has the id "befor"' in found[0]
    found = problems(COMPARE.replace("higher_than: before", "higher_than: worse"))
    assert "compares two ratings" in found[0]
    found = problems(COMPARE.replace("  - id: before\n    kind: rate\n", "  - id: before\n    kind: rate\n    who: together\n"))
    assert "not answered the same way" in found[0]
    found = problems(COMPARE.replace("when: {step: after, higher_than: before}", "when: {step: after, above: before}"))
    assert 'did you mean "higher_than"?' in found[0]


REQUIRED = """\
  - id: cool
    kind: timer
    break: true
    required: true
    minutes: 20
  - kind: say
    text: Back.
"""


def test_a_required_break_can_be_extended_but_not_skipped_or_ended_early():
    run, clock = runner(REQUIRED)
    verdict = run.skip()
    assert not verdict and "part of your plan" in verdict.reason and "20 min left" in verdict.reason
    assert not run.submit("early") and run.step.id == "cool"
    clock.advance(20 * 60 + 1)
    assert run.submit(None) and run.step.id == "step-2"


def test_required_is_for_breaks_only_and_walk_still_runs_through():
    found = [str(p) for p in check_flow_text(HEAD + REQUIRED.replace("    break: true\n", ""), "t.yaml")[1]]
    assert "`required: true` is for cool-down breaks" in found[0]
    result = walk(load_flow_text(HEAD + REQUIRED, "t.yaml"), {}, ("Sam", "Alex"))
    assert result.path == ["cool", "step-2"]


def test_a_support_step_takes_no_answer_and_walks():
    run, _ = runner("  - kind: support\n    text: Here is where help is.\n  - kind: say\n    text: On.\n")
    assert run.step.kind == "support"
    assert not run.submit("something")
    assert run.submit(None) and run.step.kind == "say"
