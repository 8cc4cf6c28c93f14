"""Fuzzing the loader: whatever the text, it returns a flow or raises FlowError.

Never a crash, never another exception: random YAML-ish text mixed with the known
troublemakers (dates, invalid dates, tabs, aliases, deep nesting, yes/no, tags).
"""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gentle.flows.loader import check_flow_text, load_flow_text
from gentle.flows.model import Flow, FlowError

KEYS = ["id", "title", "summary", "steps", "kind", "text", "next", "go", "when", "step", "who",
        "at_least", "at_most", "picked", "answered", "all", "any", "none", "pattern", "phases",
        "cycles", "minutes", "seconds", "ask", "options", "items", "labels", "from", "to", "flow",
        "template", "blanks", "suggestions", "lists", "many", "break", "rounds", "in", "hold",
        "speaker_prompt", "listener_prompts", "floor_minutes", "<<", "measures", "tags", "show",
        "exclusive"]
VALUES = ["say", "rate", "breathe", "timer", "write", "choose", "checklist", "turns", "include",
          "yes", "no", "on", "off", "true", "~", "null", "2020-13-45", "2021-02-30", "2024-05-01",
          "2001-12-14t21:59:43.10-05:00", "1:30", "190:20:30", "012", "0x1F", "0b101", ".inf",
          "-.nan", "1_000", "3", "-1", "0", "7.5", "1e3", "end", "box", "4-7-8", "each", "both",
          "{partner}", "{parnter}", "{{", "}}", "{blank}", "pause-and-breathe", "&a", "*a", "*b",
          "&b", "!!python/object:os.system", "!!str", "!!binary", "|", ">-", "'", '"', "é", "😀",
          "\x07", "\x00", "\ufeff"]
PUNCT = [": ", ":", "- ", "-", "[", "]", "{", "}", ", ", "\n", "\n  ", "\n    ", "\n- ", "\t",
         " ", "  ", "#", "? ", "---\n", "...\n", "\r\n", "\\", "\r", "\x85", "\u2028", "\u2029"]

fragment = st.one_of(st.sampled_from(KEYS), st.sampled_from(VALUES), st.sampled_from(PUNCT),
                     st.text(max_size=6))


def outcome(text: str) -> None:
    flow, problems = check_flow_text(text, "fuzz.yaml")
    assert flow is None or isinstance(flow, Flow)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
    if flow is None:
        assert any(p.severity == "error" for p in problems)
    try:
        load_flow_text(text, "fuzz.yaml")
    except FlowError as exc:
        assert exc.problems
    # any other exception fails the test


SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(fragment, max_size=60).map("".join))
def test_random_yamlish_text_never_crashes(text: str) -> None:
    outcome(text)


def _step() -> st.SearchStrategy:
    scalar = st.one_of(st.sampled_from(VALUES), st.integers(-5, 30), st.floats(allow_nan=True),
                       st.booleans(), st.none(), st.text(max_size=12))
    value = st.recursive(scalar, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
        max_leaves=12)
    return st.dictionaries(st.sampled_from(KEYS), value, max_size=7)


@SETTINGS
@given(st.fixed_dictionaries(
    {"id": st.sampled_from(["fuzz", "Fuzz", "pause-and-breathe", "1x"]), "title": st.sampled_from(VALUES),
     "summary": st.text(max_size=10), "steps": st.lists(_step(), max_size=6)},
    optional={"minutes": st.sampled_from(VALUES), "lists": st.dictionaries(st.text(max_size=5),
              st.lists(st.sampled_from(VALUES), max_size=3), max_size=2)}))
def test_flow_shaped_documents_never_crash(doc: dict) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=None)
    # safe_dump quotes the troublemakers; undo that half the time so YAML 1.1 reads them raw.
    outcome(text)
    outcome(text.replace("'", ""))


@SETTINGS
@given(st.integers(1, 400), st.sampled_from(["[", "{a: ", "- ", "? ", "&x [", "!!seq [", "k:"]),
       st.booleans(), st.sampled_from(["\n", "\r", "\r\n", "\x85", "\u2028"]))
def test_deep_nesting_is_refused_or_read_never_crashes(depth: int, opener: str, indent: bool,
                                                        newline: str) -> None:
    if indent:
        text = "id: deep\nsteps:\n" + "".join(" " * (i + 1) + opener + newline for i in range(depth))
    else:
        text = "id: deep\nsteps: " + opener * depth + "\n"
    outcome(text)


@SETTINGS
@given(st.integers(1, 9), st.integers(1, 12), st.booleans())
def test_aliases_in_any_amount_never_crash(width: int, levels: int, cyclic: bool) -> None:
    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    if cyclic:
        lines.append("loop: &loop [*loop]")
    lines.append(f"steps: *a{levels - 1}")
    outcome("id: aliases\ntitle: t\nsummary: s\n" + "\n".join(lines) + "\n")
