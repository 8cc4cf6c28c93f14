"""The gaps a therapist hit in `gentle flows validate`, each closed: the checks that
were missing, and the messages that didn't help."""

from __future__ import annotations

from gentle.flows.loader import check_flow_text

HEAD = "id: t\ntitle: T\nsummary: S\n"


def check(text: str):
    flow, problems = check_flow_text(HEAD + text, "f.yaml")
    return flow, [str(p) for p in problems]


def test_next_end_in_capitals_is_a_did_you_mean():
    _, found = check("steps:\n  - kind: say\n    text: hi\n    next: End\n")
    assert len(found) == 1 and 'did you mean "end"?' in found[0]


def test_an_unknown_step_id_lists_the_ids_there_are():
    _, found = check("steps:\n  - id: calm\n    kind: say\n    text: a\n    next: zzz\n"
                     "  - id: talk\n    kind: say\n    text: b\n")
    assert len(found) == 1
    assert "(the step ids are: calm, talk, end)" in found[0]


def test_a_close_id_is_still_a_single_suggestion():
    _, found = check("steps:\n  - id: calm\n    kind: say\n    text: a\n    next: clam\n")
    assert 'did you mean "calm"?' in found[0] and "are:" not in found[0]


def test_a_list_where_text_belongs_suggests_a_block():
    _, found = check("steps:\n  - kind: say\n    text:\n      - one line\n      - another\n")
    assert "`text` should be text, not a list" in found[0]
    assert "write `text: |` and the lines below it" in found[0]


def test_an_unknown_top_level_key_lists_the_allowed_ones():
    _, found = check("colour: blue\nsteps:\n  - kind: say\n    text: a\n")
    assert 'unknown key "colour" in the flow' in found[0]
    assert "facilitator" in found[0] and "contraindications" in found[0]


def test_a_condition_on_a_later_step_can_never_see_an_answer():
    flow, found = check("""\
steps:
  - id: start
    kind: say
    text: a
    next:
      - go: end
        when: {step: later, at_least: 7}
  - id: later
    kind: rate
    ask: How?
""")
    assert flow is not None  # a warning, not an error
    assert len(found) == 1 and "warning:" in found[0] and '"later" can only come after "start"' in found[0]


def test_a_condition_in_a_loop_may_test_a_step_from_the_last_time_round():
    flow, found = check("""\
steps:
  - id: check
    kind: rate
    ask: How?
  - id: again
    kind: say
    text: a
    next:
      - go: check
        when: {step: check, at_least: 7}
""")
    assert flow is not None and found == []


def test_an_unused_list_is_a_warning_and_a_used_one_is_fine():
    flow, found = check("lists:\n  spare: [a, b]\nsteps:\n  - kind: say\n    text: a\n")
    assert flow is not None and len(found) == 1 and 'the list "spare" is never used' in found[0]
    flow, found = check("lists:\n  kind: [thank you, sorry]\nsteps:\n  - kind: choose\n"
                        "    ask: Which?\n    options: kind\n")
    assert flow is not None and found == []
    assert flow.steps[0].options == ("thank you", "sorry")


def test_built_in_lists_can_be_the_options():
    from gentle.flows.wordlists import BUILTIN_LISTS

    flow, found = check("steps:\n  - kind: choose\n    ask: Which feeling?\n    options: feelings\n"
                        "  - kind: checklist\n    ask: What do you need?\n    items: needs\n")
    assert found == []
    assert flow.steps[0].options == BUILTIN_LISTS["feelings"]
    assert flow.steps[1].items == BUILTIN_LISTS["needs"]
    _, found = check("steps:\n  - kind: choose\n    ask: Which?\n    options: feelngs\n")
    assert 'there is no list called "feelngs"; did you mean "feelings"?' in found[0]


def test_absurd_lengths_are_questioned():
    _, found = check("steps:\n  - kind: breathe\n    pattern: 4-7-8\n    minutes: 45\n")
    assert len(found) == 1 and "warning:" in found[0] and "45 min" in found[0]
    _, found = check("steps:\n  - kind: breathe\n    pattern: 4-7-8\n    cycles: 4\n")
    assert found == []
    _, found = check("steps:\n  - kind: turns\n    rounds: 100\n    floor_minutes: 30\n"
                     "    speaker_prompt: Speak.\n    listener_prompts: [Heard.]\n")
    assert len(found) == 2 and all("warning:" in p for p in found)
    assert "100 rounds" in found[0] and "30 min" in found[1]


def test_flow_notes_for_the_facilitator_are_read():
    flow, found = check("author: Dr. Rivera\nfacilitator: Go slowly.\ncontraindications:\n"
                        "  - Not where someone is afraid.\nsteps:\n  - kind: say\n    text: a\n")
    assert found == []
    assert flow.author == "Dr. Rivera" and flow.facilitator == "Go slowly."
    assert flow.contraindications == ("Not where someone is afraid.",)
