"""Handout wording from hand-written flows: timings, names, routes, and hostile text."""

from __future__ import annotations

import re

import pytest

from gentle.flows.loader import load_flow_text
from gentle.flows.model import Flow
from gentle.handout import render_handout
from gentle.handout.html import render_html
from gentle.handout.content import build_handout
from gentle.handout.wording import duration, fill_names


def flow(steps: str, **top: str) -> Flow:
    header = {"id": "test-flow", "title": "A test", "summary": "For the tests."} | top
    head = "".join(f"{key}: {value}\n" for key, value in header.items())
    return load_flow_text(head + "steps:\n" + steps, "test-flow.yaml")


@pytest.mark.parametrize(
    ("step", "timing"),
    [
        ("{kind: breathe, pattern: 4-7-8, cycles: 6}", "4-7-8 breathing: in 4 s · hold 7 s · out 8 s, 6 cycles (about 2 minutes)"),
        ("{kind: breathe, pattern: box, minutes: 2}", "Box breathing: in 4 s · hold 4 s · out 4 s · rest 4 s, for 2 minutes (about 8 cycles)"),
        ("{kind: breathe, pattern: physiological-sigh, cycles: 1}",
         "The physiological sigh: in 2 s · top-up breath in 1 s · out 6 s, 1 cycle (9 seconds)"),
        ("{kind: breathe, pattern: coherent, cycles: 10}", "Slow, even breathing: in 5.5 s · out 5.5 s, 10 cycles (about 2 minutes)"),
        ("{kind: breathe, phases: [{in: 3}, {out: 5}], seconds: 90}", "Breathing: in 3 s · out 5 s, for about 1½ minutes (about 11 cycles)"),
        ("{kind: timer, break: true, minutes: 25}", "Cool-down break: 25 minutes"),
        ("{kind: timer, seconds: 45}", "Timer: 45 seconds"),
        ("{kind: turns, rounds: 2, floor_minutes: 3, speaker_prompt: Talk., listener_prompts: [Mirror.]}",
         "Taking turns: 2 rounds: each of you has the floor once per round, for 3 minutes at a time"),
        ("{kind: rate, ask: How tense?, from: 1, to: 5, labels: {1: loose, 5: tight}}", "Scale from 1 to 5: 1 = loose · 5 = tight"),
    ],
)
def test_timings_are_written_out(step: str, timing: str) -> None:
    text = render_handout(flow(f"  - {step}\n"), "md")
    assert f"> **{timing.split(':', 1)[0]}:**{timing.split(':', 1)[1]}" in text


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (59, "59 seconds"), (60, "1 minute"), (70, "about a minute"), (80, "about 1½ minutes"), (90, "about 1½ minutes"),
     (1200, "20 minutes"), (114, "about 2 minutes")],
)
def test_durations(seconds: float, words: str) -> None:
    assert duration(seconds) == words


@pytest.mark.parametrize(
    ("text", "who", "expected"),
    [
        ("{partner}, how are you?", "each", "How are you?"),
        ("{partner}, how are you?", "first", "Partner A, how are you?"),
        ("{partner}, tell {other}.", "second", "Partner B, tell Partner A."),
        ("Tell {other} what you need.", "each", "Tell your partner what you need."),
        ("{both}, take a minute. {partner1} first, then {partner2}.", None, "Take a minute. Partner A first, then Partner B."),
        ("{speaker} has the floor. {listener} listens.", "turns", "The speaker has the floor. The listener listens."),
        ("Literal {{partner}} braces", None, "Literal {partner} braces"),
        ("Ask {listener} kindly", "turns", "Ask the listener kindly"),
    ],
)
def test_names_in_text(text: str, who: str | None, expected: str) -> None:
    assert fill_names(text, who) == expected


def test_routes_with_combinators_and_answers() -> None:
    steps = """\
  - kind: rate
    id: check
    ask: "{partner}, how upset?"
    measures: distress
  - kind: checklist
    id: ticks
    ask: Tick what fits.
    items: [one, two, three]
    next:
      - go: end
        when: {all: [{step: check, who: both, at_most: 3}, {step: ticks, at_least: 2}]}
      - go: rest
        when: {none: [{step: check, answered: true}]}
  - kind: timer
    id: rest
    break: true
    minutes: 20
"""
    text = render_handout(flow(steps), "md")
    assert "If either of you rated 7 or more, take a cool-down break before you go on." in text
    assert "If both of you rated 3 or less at step 1 and you ticked 2 or more, finish here." in text
    assert "Otherwise, if it is not the case that either of you answered step 1, take the cool-down break (step 3, “Cool-down break”)." in text


HOSTILE = '<script>alert(1)</script> "quoted" & [link](javascript:alert(1)) **bold** <img src=x onerror=alert(2)>'


def hostile_flow() -> Flow:
    quoted = HOSTILE.replace('"', '\\"')
    return flow(
        f'  - {{kind: say, title: "{quoted}", text: "Hello \\e[31mred\\e[0m {quoted}"}}\n'
        f'  - {{kind: choose, ask: "Pick", options: ["{quoted}", "# heading"]}}\n',
        title=f'"{quoted}"',
        summary='"1. not a list </title><style>body{display:none}</style>"',
        sources=f'["{quoted}"]',
    )


def test_hostile_text_is_escaped_in_html() -> None:
    html = render_handout(hostile_flow(), "html")
    assert "<script" not in html and "<img" not in html and "</title><style>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;quoted&quot; &amp; [link](javascript:alert(1))" in html
    assert "\x1b" not in html and "Hello red" in html
    assert html.count("<style>") == 1


def test_hostile_text_is_escaped_in_markdown() -> None:
    markdown = render_handout(hostile_flow(), "md")
    assert not re.search(r"(?<!\\)<", markdown), "an unescaped < could start raw HTML"
    assert r"\<script\>alert(1)\</script\>" in markdown
    assert r"\[link\](javascript:alert(1))" in markdown
    assert r"\*\*bold\*\*" in markdown
    assert "- [ ] \\# heading" in markdown
    assert "\n1\\. not a list" in markdown
    assert "\x1b" not in markdown


def test_the_html_loads_nothing_from_anywhere() -> None:
    html = render_handout(hostile_flow(), "html")
    import html as html_module

    assert "Content-Security-Policy" in html and "default-src 'none'" in html_module.unescape(html)
    tags = re.findall(r"<[^>]*>", html)
    assert {re.match(r"</?([a-zA-Z0-9!]+)", tag).group(1).lower() for tag in tags} <= {  # type: ignore[union-attr]
        "!doctype", "html", "head", "meta", "title", "style", "body", "header", "main", "section", "article",
        "footer", "h1", "h2", "h3", "p", "span", "em", "strong", "ul", "ol", "li", "a",
    }
    assert not any(" src=" in tag or " on" in tag.lower() for tag in tags)
    style = html[html.index("<style>"):html.index("</style>")]
    assert "@import" not in style and "url(" not in style
    # The only links are the support lines' web pages, all https.
    assert set(re.findall(r'href="([a-z]+):', html)) <= {"https"}
    assert "@media print" in html and "break-inside: avoid" in html


def test_facilitator_notes_never_reach_a_handout() -> None:
    steps = "  - {kind: say, text: Hi., facilitator: SECRET-NOTE, help: A tip for you.}\n"
    handout = build_handout(flow(steps))
    for fmt in ("md", "html"):
        text = render_handout(flow(steps), fmt)  # type: ignore[arg-type]
        assert "SECRET-NOTE" not in text
        assert "A tip for you." in text
    assert "SECRET-NOTE" not in render_html(handout)


def test_markdown_leaves_a_plain_ampersand_alone_but_not_a_character_reference() -> None:
    from gentle.handout.markdown import escape

    assert escape("Safety & support") == "Safety & support"
    assert escape("&amp;") == r"\&amp;"
    assert "&#60;" not in escape("&#60;")  # the # is escaped already: no reference is left
    markdown = render_handout(flow("  - {kind: say, title: Tea & toast, text: You & me.}\n"), "md")
    assert "Tea & toast" in markdown and "You & me." in markdown
    assert "\\&" not in markdown


def test_a_route_on_an_option_with_a_placeholder_is_said_with_the_name() -> None:
    steps = """\
  - kind: choose
    id: pick
    ask: What now?
    options: ["{partner2} needs a break", Go on]
    next:
      - go: rest
        when: {step: pick, picked: "{partner2} needs a break"}
  - {kind: say, id: goes-on, text: Going on.}
  - {kind: timer, id: rest, break: true, minutes: 20}
"""
    for partners, name in ((None, "Partner B"), (("Sam", "Alex"), "Alex")):
        handout = build_handout(flow(steps), partners=partners)
        [routes] = [b for b in handout.sections[0].steps[0].blocks if b.kind == "routes"]
        assert routes.items[0] == f"If either of you chose “{name} needs a break”, take the cool-down break (step 3, “Cool-down break”)."
        assert "{" not in render_handout(flow(steps), "md", partners=partners)


def test_a_step_without_a_title_is_headed_by_its_own_words() -> None:
    steps = """\
  - {kind: rate, ask: "{partner}, how close do you feel?", measures: closeness}
  - {kind: write, ask: "{partner}, what would you like more of? Take your time; there is no rush at all.", who: first}
  - {kind: choose, ask: "Pick one of these, thinking carefully about how the last week went for the two of you.", options: [a, b]}
"""
    handout = build_handout(flow(steps), partners=("Sam", "Alex"))
    [rate, write, choose] = handout.sections[0].steps
    assert rate.title == "How close do you feel?"
    assert not any(b.kind == "text" and b.text == "How close do you feel?" for b in rate.blocks)  # not twice
    assert write.title == "Sam, what would you like more of?"
    assert choose.title == "Choose"  # too long for a heading: a word for what happens
    assert [b.label for b in write.blocks if b.kind == "lines"] == ["Sam"]


def test_the_offer_goes_into_the_route_its_rating_takes() -> None:
    steps = """\
  - kind: rate
    id: check
    ask: How upset?
    measures: distress
    next:
      - go: later
        when: {step: check, at_least: 7}
  - {kind: say, id: now, text: Now.}
  - {kind: say, id: later, text: Later.}
"""
    handout = build_handout(flow(steps))
    [routes] = [b for b in handout.sections[0].steps[0].blocks if b.kind == "routes"]
    assert routes.items == (
        "If either of you rated 7 or more, take a cool-down break first, then go to step 3, “Later”.",)


def test_each_partner_gets_boxes_to_tick_and_a_together_step_one_set() -> None:
    steps = """\
  - {kind: checklist, ask: Did you?, items: [listen, breathe], who: each}
  - {kind: choose, ask: Which one?, options: [tea, a walk], who: together}
"""
    html_text = render_handout(flow(steps), "html", partners=("Sam", "Alex"))
    pair = html_text[html_text.index('<ul class="each">'):]
    assert pair.index("Sam") < pair.index("listen") < pair.index("Alex")
    assert html_text.count('<ul class="checklist">') == 3  # two for the checklist, one for the choice
    assert "- [ ] listen" in render_handout(flow(steps), "md")


def test_the_flows_author_and_contraindications_are_printed_and_its_facilitator_notes_are_not():
    from pathlib import Path

    from gentle.flows.loader import load_flow
    from gentle.handout import render_handout

    flow = load_flow(Path(__file__).resolve().parents[3] / "docs" / "examples" / "nvc-each.yaml")
    for fmt in ("md", "html"):
        text = render_handout(flow, fmt)
        assert "By gentle (an example in docs/examples" in text
        assert "When not to use this one" in text and "Not where either partner is afraid" in text
        assert "observation, feeling, need and request (Rosenberg)" not in text  # for the leader only
