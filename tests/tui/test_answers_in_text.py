"""An earlier answer inside a later step's text ({answer:STEP}), by real keys: each
partner reads back their own words, a rating shows with its label, and the couple's
own text is shown literally (never as markup)."""

from __future__ import annotations

from pathlib import Path

from tui_support import NAMES, Walker, make_app, screen_text, session_ready
from tui_support import seen as on_screen  # read across wrapped lines

FLOW = """\
id: read-back
title: Read it back
summary: Write, then read it aloud.
steps:
  - id: statement
    kind: write
    who: each
    ask: "{partner}, write one sentence."
  - id: check
    kind: rate
    who: each
    ask: "{partner}, how tense are you?"
    labels: {0: calm, 10: flooded}
  - id: aloud
    kind: checklist
    who: each
    ask: "{partner}, read aloud: {answer:statement}. {other} rated {answer:check:other}."
    items: [I read it aloud]
"""


async def test_each_partner_reads_back_their_own_words(tmp_path: Path) -> None:
    path = tmp_path / "read-back.yaml"
    path.write_text(FLOW, encoding="utf-8")
    app, clock = make_app(str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await session_ready(pilot)
        walker = Walker(pilot, clock)
        await walker.type("[b]I felt alone[/b] at dinner")
        await walker.press("ctrl+s")
        await walker.type("I was tired")
        await walker.press("ctrl+s")
        await walker.type("4")
        await walker.press("enter")
        await walker.type("1")
        await walker.press("0")
        await walker.settle()
        assert walker.runner.step.id == "aloud", screen_text(app)
        first, second = NAMES
        assert on_screen(app, f"{first}, read aloud: [b]I felt alone[/b] at dinner."), screen_text(app)
        assert on_screen(app, f"{second} rated 10 of 10 (flooded)."), screen_text(app)
        await walker.press("space", "enter")
        assert on_screen(app, f"{second}, read aloud: I was tired."), screen_text(app)
        assert on_screen(app, f"{first} rated 4 of 10."), screen_text(app)
