"""A handout for every built-in flow, in both formats: complete, and for clients only."""

from __future__ import annotations

import re

import pytest

from gentle.flows.catalogue import Catalogue
from gentle.flows.model import BreatheStep, Flow, TimerStep
from gentle.flows.wordlists import BUILTIN_LISTS
from gentle.handout import render_handout
from gentle.handout.content import build_handout, step_title

CATALOGUE = Catalogue()
IDS = CATALOGUE.ids()


def load(flow_id: str) -> Flow:
    return CATALOGUE.load(flow_id)


def plain(text: str) -> str:
    """What a reader sees, near enough: tags dropped, escapes undone, spaces squeezed."""
    import html

    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"(?<!\\)\*+|^> |^→ ", "", text, flags=re.MULTILINE)  # Markdown emphasis and markers
    text = html.unescape(text).replace("\\", "")
    return " ".join(text.split())


def test_all_six_built_in_flows_are_covered() -> None:
    assert {"pause-and-breathe", "i-statement", "validate", "reconnect", "full", "aftermath", "time-out-plan"} <= set(IDS)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("flow_id", IDS)
def test_a_handout_has_the_purpose_every_step_the_sources_and_the_safety_note(flow_id: str, fmt: str) -> None:
    flow = load(flow_id)
    text = plain(render_handout(flow, fmt, country="uk"))
    assert flow.title in text
    assert " ".join(flow.summary.split()) in text
    for number, step in enumerate(flow.steps, start=1):
        assert f"{number}. {step_title(step)}" in text
    for source in flow.sources:
        assert " ".join(source.split()) in text
    assert "gentle is for partners who feel safe with each other" in text
    assert "Where to get help: United Kingdom" in text
    assert "0808 2000 247" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("flow_id", IDS)
def test_facilitator_notes_and_raw_placeholders_stay_out(flow_id: str, fmt: str) -> None:
    flow = load(flow_id)
    text = plain(render_handout(flow, fmt))
    for step in flow.steps:
        if step.facilitator:
            first_line = " ".join(step.facilitator.split())[:40]
            assert first_line not in text, f"facilitator note of {step.id} is in the handout"
    assert not re.search(r"\{(partner[12]?|other|both|speaker|listener)\}", text)


def ref(flow: Flow, step_id: str) -> str:
    return f"step {flow.index_of(step_id) + 1}, “{step_title(flow.step(step_id))}”"


def test_breathing_timings_and_the_break_length_are_written_out() -> None:
    flow = load("pause-and-breathe")
    text = plain(render_handout(flow, "md"))
    breathe = next(s for s in flow.steps if isinstance(s, BreatheStep))
    phases = " · ".join(f"{p.do} {p.seconds:g} s" for p in breathe.phases)
    assert f": {phases}, " in text
    cool_down = next(s for s in flow.steps if isinstance(s, TimerStep) and s.is_break)
    assert f"Cool-down break: {cool_down.seconds / 60:g} minutes" in text


def test_routing_is_explained_in_plain_words() -> None:
    flow = load("pause-and-breathe")
    text = plain(render_handout(flow, "md"))
    check_in = flow.step("check-in")
    [first, otherwise] = check_in.next
    assert first.when is not None and first.when.at_least is not None
    assert (
        f"If either of you rated {first.when.at_least:g} or more, "
        f"take the cool-down break ({ref(flow, first.go)})." in text
    )
    assert f"Otherwise, go to {ref(flow, otherwise.go)}." in text
    assert "After this step, you're done." in text
    reconnect = load("reconnect")
    text = plain(render_handout(reconnect, "md"))
    assert f"If both of you ticked nothing, go to {ref(reconnect, 'no-words')}." in text
    assert "If you chose “" in text


def test_the_flooding_offer_uses_the_flow_threshold() -> None:
    flow = load("aftermath")
    assert flow.distress_threshold != 7
    text = plain(render_handout(flow, "md"))
    assert f"If either of you rated {flow.distress_threshold} or more, take a cool-down break before you go on." in text


def test_the_i_statement_template_comes_with_its_feeling_and_need_words() -> None:
    flow = load("i-statement")
    template = flow.step("statement").template
    assert template and "{feeling}" in template and "{need}" in template
    text = plain(render_handout(flow, "html"))
    shown = " ".join(re.sub(r"\{(\w+)\}", r" \1 ", template).split())
    # Once for each partner, with a long blank to write each word on.
    assert f"Fill in the blanks Partner A {shown} Partner B {shown}" in text
    assert "Words for “feeling”: " + ", ".join(BUILTIN_LISTS["feelings"]) in text
    assert "Words for “need”: " + ", ".join(BUILTIN_LISTS["needs"]) in text
    markdown = render_handout(flow, "md")
    assert re.sub(r"\{(\w+)\}", r"⟨\1⟩", template) in markdown


def test_names_are_written_for_a_reader() -> None:
    flow = load("i-statement")
    text = plain(render_handout(flow, "md"))
    statement = flow.step("statement")
    # "{partner}, build your sentence…" is said to each partner in turn: the address is dropped.
    assert statement.ask.startswith("{partner}, ")
    rest = statement.ask[len("{partner}, "):]
    assert rest[0].upper() + rest[1:] in text
    # {other} is "your partner"; {partner1} is "Partner A".
    hint = next(b.hint for b in statement.blanks if b.hint and "{other}" in b.hint)
    assert " ".join(hint.replace("{other}", "your partner").split()) in text
    share = flow.step("share")
    assert "{partner1}" in share.text and "Partner A" in text
    validate = plain(render_handout(load("validate"), "md"))
    assert "Whoever you named at “Who starts” speaks first." in validate
    assert "Then the speaker is asked: Did you feel heard?" in validate


def test_included_flows_become_sections_with_continuous_numbers() -> None:
    handout = build_handout(load("full"))
    titles = [section.title for section in handout.sections]
    assert titles[:2] == [None, "Pause and breathe"]
    assert {"Say it gently", "Listen and validate", "Reconnect"} <= set(titles)
    numbers = [step.number for section in handout.sections for step in section.steps]
    assert numbers == list(range(1, len(load("full").steps) + 1))


def visible(html_text: str) -> str:
    """The HTML's text without its style sheet (whose braces are CSS, not placeholders)."""
    return plain(re.sub(r"<style>.*?</style>", " ", html_text, flags=re.DOTALL))


@pytest.mark.parametrize("flow_id", IDS)
def test_no_placeholder_brace_and_no_stray_escape_is_left_on_the_paper(flow_id: str) -> None:
    flow = load(flow_id)
    for partners in (None, ("Sam", "Alex")):
        markdown = render_handout(flow, "md", partners=partners)
        html_text = visible(render_handout(flow, "html", partners=partners))
        for text in (markdown, html_text):
            assert "{" not in text and "}" not in text, re.findall(r".{30}[{}].{30}", text)
        assert "\\&" not in markdown


@pytest.mark.parametrize("flow_id", IDS)
def test_routing_is_one_line_per_route_in_paper_words(flow_id: str) -> None:
    flow = load(flow_id)
    handout = build_handout(flow)
    steps = {s.number: s for section in handout.sections for s in section.steps}
    for number, step in enumerate(flow.steps, start=1):
        lines = [item for b in steps[number].blocks if b.kind == "routes" for item in b.items]
        # No line about what the app does: the paper says what the couple does.
        assert not any("gentle" in line for line in lines), lines
        # A route per line (the break offer said within one), or one more line for an
        # offer that no route's condition matches; never two lines for the same condition.
        conditions = [line.split(",")[0].removeprefix("Otherwise, ") for line in lines if line.startswith(("If", "Otherwise, if"))]
        assert len(conditions) == len(set(conditions)), lines
        assert len(lines) <= len(step.next) + 1, lines


def test_the_couples_names_replace_partner_a_and_b() -> None:
    for flow_id in ("validate", "i-statement", "pause-and-breathe"):
        for fmt in ("md", "html"):
            text = plain(render_handout(load(flow_id), fmt, partners=("Sam", "Alex")))  # type: ignore[arg-type]
            assert "Partner A" not in text and "Partner B" not in text, flow_id
            assert "Sam" in text
    assert "Sam raised it" in plain(render_handout(load("validate"), "md", partners=("Sam", "Alex")))
    assert "Alex " in plain(render_handout(load("i-statement"), "html", partners=("Sam", "Alex")))
    breathe = plain(render_handout(load("pause-and-breathe"), "html", partners=("Sam", "Alex")))
    assert "Sam 0 1 2 3 4 5 6 7 8 9 10 circle one Alex 0 1 2" in breathe


def test_a_therapists_note_is_in_a_box_near_the_top_and_escaped() -> None:
    flow = load("pause-and-breathe")
    note = "Try this before Sunday's talk, & bring it <next time>."
    html_text = render_handout(flow, "html", note=note)
    box = html_text.index('class="box therapist-note"')
    assert box < html_text.index('id="safety"') < html_text.index("<main>")
    assert "Try this before Sunday&#x27;s talk, &amp; bring it &lt;next time&gt;." in html_text
    markdown = render_handout(flow, "md", note=note)
    assert "> **A note for you:** Try this before Sunday's talk, & bring it \\<next time\\>." in markdown
    assert markdown.index("A note for you") < markdown.index("## Before you begin") < markdown.index("### 1.")
    assert "A note for you" not in render_handout(flow, "html")


@pytest.mark.parametrize(("paper", "size"), [("letter", "letter"), ("a4", "A4")])
def test_the_paper_size_is_the_pages_size(paper: str, size: str) -> None:
    html_text = render_handout(load("pause-and-breathe"), "html", paper=paper)  # type: ignore[arg-type]
    assert f"@page {{ size: {size}; " in html_text


def test_the_safety_box_comes_before_the_steps() -> None:
    html_text = render_handout(load("pause-and-breathe"), "html", country="uk")
    assert html_text.index('id="safety"') < html_text.index('id="step-1"')
    assert "0808 2000 247" in html_text[html_text.index('id="safety"'):html_text.index('id="step-1"')]


def test_writing_space_is_sized_to_the_answer() -> None:
    # Free words: ruled lines for each partner who writes; a sentence to fill in: long blanks.
    reconnect = build_handout(load("time-out-plan"))
    blocks = [b for section in reconnect.sections for s in section.steps for b in s.blocks]
    assert any(b.kind == "lines" and b.size >= 2 for b in blocks)
    i_statement = render_handout(load("i-statement"), "html")
    assert i_statement.count('<span class="blank') == 8  # four blanks, once for each partner
    # A blank with words to choose from is for a word; "situation" and "request" for a phrase.
    assert re.findall(r'<span class="blank wide"><span class="hint">(\w+)', i_statement) == ["situation", "request"] * 2
    assert re.search(r"\.blank\.wide \{ min-width: (\d+)rem", i_statement)
    assert re.search(r"\.blank \{[^}]*min-width: 1[2-9]rem", i_statement)
    assert "ul.fill li { line-height: 3" in i_statement
