"""{answer:STEP}: an earlier answer inside a later step's text, checked by validate
like the name placeholders, and filled by one engine rule."""

from __future__ import annotations

from gentle.engine.answers import Answer
from gentle.engine.shown import NOT_ANSWERED, answer_words, latest
from gentle.flows import names
from gentle.flows.loader import check_flow_text

HEAD = "id: t\ntitle: T\nsummary: S\nsteps:\n"
STEPS = """\
  - id: statement
    kind: write
    who: each
    ask: Write it.
  - id: plan
    kind: choose
    who: together
    ask: Which?
    options: [Walk, Tea]
  - id: check
    kind: rate
    who: each
    ask: How?
    labels: {0: calm, 10: flooded}
"""


def check(extra: str):
    flow, problems = check_flow_text(HEAD + STEPS + extra, "f.yaml")
    return flow, [str(p) for p in problems]


def test_the_placeholder_is_found_with_its_step_and_whose():
    found = names.find("Read {answer:statement} and {answer:calm.check:partner2}; {{answer:x}}")
    assert [(p.ref, p.who) for p in found] == [("statement", None), ("calm.check", "partner2")]
    assert names.slots("I feel {feeling}") == ["feeling"]
    assert names.fill("{partner1}: {answer:x}", partner1="A", partner2="B") == "A: {answer:x}"


def test_good_uses_load():
    flow, found = check("""\
  - kind: checklist
    who: each
    items: [Done]
    ask: "{partner}, you wrote: {answer:statement}. You rated {answer:check}; {other} rated {answer:check:other}."
  - kind: say
    text: "The plan: {answer:plan}. {partner1} wrote {answer:statement:partner1}."
""")
    assert flow is not None and found == [], found


def test_a_step_asked_of_nobody_must_say_whose():
    _, found = check("  - kind: say\n    text: \"You wrote {answer:statement}\"\n")
    assert len(found) == 1 and "say whose: {answer:statement:partner1}" in found[0]
    assert found[0].startswith("f.yaml:20:")


def test_mistakes_are_reported_at_the_placeholder():
    _, found = check("""\
  - kind: checklist
    who: each
    items: [Done]
    ask: "{answer:statment} {answer:plan:partner} {answer:check:someone} {answer:later}"
  - id: later
    kind: write
    who: each
    ask: Later.
""")
    text = "\n".join(found)
    assert 'no step has the id "statment"; did you mean "statement"?' in text
    assert '"plan" is answered together' in text
    assert '"someone" in {answer:check:someone} is not whose answer' in text
    assert len(found) == 3
    columns = sorted(int(p.split(":")[2]) for p in found)
    assert len(set(columns)) == 3  # each at its own placeholder, not all at the text's start
    # The order is checked once everything else is right (as for `show:`).
    _, found = check("""\
  - kind: checklist
    who: each
    items: [Done]
    ask: "{answer:later}"
  - id: later
    kind: write
    who: each
    ask: Later.
""")
    assert len(found) == 1 and '"later" can only come after this step' in found[0]


def test_places_an_answer_cannot_go():
    flow, found = check('  - kind: say\n    text: "{answer:plan}"\n    title: "About {answer:plan}"\n')
    assert flow is not None  # a title is a step's text too
    _, found = check_flow_text("id: t\ntitle: \"{answer:x}\"\nsummary: S\nsteps:\n  - kind: say\n    text: a\n",
                               "f.yaml")
    assert "only works in a step's text" in str(found[0])
    _, found = check('  - kind: write\n    who: each\n    ask: A\n    template: "I {feel} {answer:plan}"\n')
    assert "can't go inside a template" in "\n".join(found)
    _, found = check("  - kind: checklist\n    who: each\n    items: [Done]\n    ask: \"{answer:check:speaker}\"\n")
    assert "only works inside a turns step" in found[0]
    _, found = check("  - id: hello\n    kind: say\n    text: \"{answer:hello}\"\n")
    assert "is this step's own answer" in found[0]


def test_the_engine_fills_in_the_words_of_each_kind():
    flow, _ = check("  - id: read\n    kind: checklist\n    who: each\n    items: [Done]\n    ask: \"{answer:statement}\"\n")
    answers = [Answer("statement", 0, {"text": "I feel tired"}, 1.0),
               Answer("check", 1, 10, 2.0), Answer("plan", None, "Tea", 3.0)]
    answer_for = latest(answers)
    partners = ("Sam", "Alex")

    def words(ref, who=None, asking=None):
        return answer_words(flow, "read", ref, who, answer_for, partners, asking)

    assert words("statement", asking=0) == "I feel tired"
    assert words("statement", asking=1) == NOT_ANSWERED  # Alex skipped it
    assert words("check", "other", asking=0) == "10 of 10 (flooded)"
    assert words("check", "partner2") == "10 of 10 (flooded)"
    assert words("plan", asking=1) == "Tea"
    assert words("nowhere") == NOT_ANSWERED


def test_inside_an_included_flow_an_id_means_that_flows_step(tmp_path):
    from gentle.engine.shown import resolve_ref
    from gentle.flows.model import Flow
    from gentle.flows.kinds.say import SayStep

    flow = Flow("t", "T", "S", (SayStep(id="check"), SayStep(id="calm.check"), SayStep(id="calm.read")))
    assert resolve_ref(flow, "calm.read", "check").id == "calm.check"
    assert resolve_ref(flow, "read", "check").id == "check"
