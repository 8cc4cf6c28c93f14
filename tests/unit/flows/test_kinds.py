"""Every step kind is complete: declared once, with everything gentle needs to show,
check, walk, describe and print it (gentle/flows/kinds/).

Adding a kind without one of these parts fails here, with the part named, instead of in
front of a couple (a step with no view) or a therapist (a handout with a hole in it).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from gentle.flows.catalogue import Catalogue
from gentle.flows.kinds import KINDS, MODULES, SKIP, STEP_KINDS, AnswerNames, Refused
from gentle.engine.answers import accept
from gentle.flows.schema import flow_schema
from gentle.handout import render_handout
from gentle.handout.content import step_title

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "flows"
# An include is not a step: the loader puts the included flow's steps in its place, so it
# has no model, no view, no answer and no handout of its own. Everything else must.
INLINED = {"include"}


def every_kind_flow():
    return Catalogue(extra=[FIXTURES]).load("every-kind")


def test_the_registry_lists_each_module_once_and_by_its_own_name() -> None:
    assert len(set(MODULES)) == len(MODULES)
    for name in MODULES:
        kind = importlib.import_module(f"gentle.flows.kinds.{name}").KIND
        assert kind.name == name
        assert KINDS[name] is kind
    assert set(STEP_KINDS) == set(KINDS) - INLINED


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_declares_its_keys_in_the_schema(name: str) -> None:
    kind = KINDS[name]
    assert kind.summary.strip()
    assert callable(kind.read)
    assert set(kind.keys) <= set(kind.schema.properties), "a key the schema doesn't know"
    entry = next(d for d in flow_schema()["$defs"].values()
                 if d.get("properties", {}).get("kind", {}).get("const") == name)
    assert set(kind.keys) <= set(entry["properties"])


@pytest.mark.parametrize("name", sorted(set(KINDS) - INLINED))
def test_each_step_kind_has_a_model_a_view_and_a_help_page(name: str) -> None:
    from gentle.tui.widgets.steps import StepView, view_for

    kind = KINDS[name]
    assert kind.model is not None
    view = view_for(name)
    assert issubclass(view, StepView)
    assert kind.help, "no help page named"
    page = ROOT / "gentle" / "tui" / "help" / f"{kind.help}.md"
    assert page.is_file() and page.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("name", sorted(set(KINDS) - INLINED))
def test_each_step_kind_appears_in_the_fixture_that_walks_every_kind(name: str) -> None:
    assert any(step.kind == name for step in every_kind_flow().steps)


@pytest.mark.parametrize("name", sorted(set(KINDS) - INLINED))
def test_each_step_kind_says_what_a_walk_gives_and_how_it_reads(name: str) -> None:
    kind = KINDS[name]
    assert kind.walk_default is not None and kind.words is not None
    if kind.asks:
        assert kind.answer is not None, "partners answer it, but nothing says what counts"
    for step in (s for s in every_kind_flow().steps if s.kind == name):
        default = kind.walk_default(step)
        if default is SKIP:
            # Only a step that can't be answered with nothing is skipped, and then an
            # empty answer is refused with a reason in words.
            with pytest.raises(Refused, match=r"\w"):
                accept(step, "")
            continue
        if kind.answer is not None:
            stored = accept(step, default)
        elif kind.clock in ("countdown", "stopwatch"):
            stored = {"seconds": 75.0, "ended": "early", "cycles": 3}  # its timing, as kept
        else:
            stored = default
        said = kind.words(step, stored, ("Sam", "Alex"))  # history and export
        assert isinstance(said, str) and said.strip()


@pytest.mark.parametrize("name", sorted(set(KINDS) - INLINED))
def test_each_step_kind_has_something_on_the_handout(name: str) -> None:
    kind = KINDS[name]
    assert kind.handout is not None
    page = render_handout(every_kind_flow(), "md")
    for step in (s for s in every_kind_flow().steps if s.kind == name):
        heading = step_title(step)  # the title, else the kind's heading, names filled in
        assert heading and "{" not in heading
        assert heading in page, f"{name}: {heading!r} missing from the handout"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_is_documented_for_authors(name: str) -> None:
    docs = (ROOT / "docs" / "flows.md").read_text(encoding="utf-8")
    assert f"kind: {name}" in docs or f"`{name}`" in docs
