"""YAML syntax errors, as a therapist makes them, get advice that fixes them: the key
that is out of line and with what, quotes for braces and colons, and every error in the
file rather than only the first."""

from __future__ import annotations

import pytest

from gentle.flows.loader import check_flow_text

BASE = """\
id: t
title: T
summary: S
steps:
  - id: a
    kind: say
    text: hi
  - id: b
    kind: rate
    ask: How?
"""


def problems(text: str) -> list[str]:
    flow, found = check_flow_text(text, "f.yaml")
    assert flow is None
    return [str(p) for p in found]


def one(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_a_key_indented_too_far_names_the_key_it_should_line_up_with():
    message = one(BASE.replace("    text: hi", "     text: hi"))
    assert message.startswith("f.yaml:7:6: YAML syntax: `text:` is indented 5 spaces")
    assert "line it up with `kind:`" in message and "line 6" in message
    assert "quotes" not in message  # the old advice sent people the wrong way


def test_a_key_indented_too_little():
    message = one(BASE.replace("    text: hi", "   text: hi"))
    assert message.startswith("f.yaml:7:4:")
    assert "`text:` is indented 3 spaces" in message and "`kind:` on line 6" in message
    assert "4 spaces" in message


def test_a_key_in_line_with_the_dashes_belongs_to_no_item():
    message = one(BASE.replace("    kind: rate", "  kind: rate"))
    assert message.startswith("f.yaml:9:3:")
    assert "in line with the list's dashes" in message and "`id:` on line 8" in message


def test_a_key_after_the_list_at_the_dashes_column():
    message = one(BASE + "  text: x\n")
    assert message.startswith("f.yaml:11:3:") and "`ask:` on line 10" in message


@pytest.mark.parametrize("value", ["{partner}, how are you?", "[not sure] what to say"])
def test_text_starting_with_a_brace_is_told_to_be_quoted(value):
    message = one(BASE.replace("ask: How?", f"ask: {value}"))
    assert message.startswith("f.yaml:10:10:")
    assert "put the whole text in quotes" in message and f'ask: "{value}"' in message


def test_a_colon_inside_text_is_told_to_be_quoted():
    message = one(BASE.replace("text: hi", "text: Remember: breathe"))
    assert message.startswith("f.yaml:7:19:")
    assert 'text: "Remember: breathe"' in message


def test_a_quote_inside_the_text_keeps_the_suggestion_valid():
    message = one(BASE.replace("text: hi", 'text: He said "stop": then left'))
    suggestion = message.split("quotes: ", 1)[1]
    import yaml

    assert yaml.safe_load(suggestion) == {"text": 'He said "stop": then left'}


def test_a_dash_with_no_space():
    message = one(BASE.replace("  - id: b", "  -id: b"))
    assert message.startswith("f.yaml:8:3:") and "needs a space after it" in message


def test_a_list_item_out_of_line():
    message = one(BASE.replace("  - id: b", "   - id: b"))
    assert message.startswith("f.yaml:8:4:") and "line 5" in message and "2 spaces" in message


def test_an_open_quote_points_where_it_opens():
    message = one(BASE.replace("text: hi", 'text: "hi'))
    assert message.startswith("f.yaml:7:11:") and "never closed" in message


def test_every_yaml_error_in_a_file_is_reported():
    text = (BASE.replace("text: hi", "text: Remember: breathe").replace("    kind: rate", "   kind: rate")
            + "  - id: c\n    kind: say\n    text: Ok: fine\n")
    found = problems(text)
    assert [p.split(":")[1] for p in found] == ["7", "9", "13"]
    assert all("YAML syntax" in p for p in found)


def test_the_search_for_more_errors_stops_at_an_open_quote():
    found = problems(BASE.replace("text: hi", 'text: "hi') + "  - id: c\n    text: Ok: fine\n")
    assert len(found) == 1


def test_a_good_file_still_loads():
    flow, found = check_flow_text(BASE, "f.yaml")
    assert flow is not None and not [p for p in found if p.severity == "error"]
