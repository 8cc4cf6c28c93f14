"""`gentle flows handout`, run as a therapist would run it, and the HTML checked in a
real (headless) browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium")
HOSTILE_TITLE = '<script>alert("x")</script> & <b>bold</b>'

HOSTILE_FLOW = """\
id: hostile
title: '<script>alert("x")</script> & <b>bold</b>'
summary: "Ends with </title><style>body{display:none}</style>"
steps:
  - kind: say
    title: <img src=x onerror=alert(1)>
    text: "Hello, {partner1}. <i>not italic</i>"
    facilitator: ONLY-FOR-THE-THERAPIST
  - kind: breathe
    pattern: 4-7-8
    cycles: 6
"""


def gentle(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    environment["GENTLE_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "gentle", *args],
        capture_output=True, text=True, env=environment, cwd=ROOT, timeout=60,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    flows = tmp_path / "home" / "config" / "flows"
    flows.mkdir(parents=True)
    (flows / "hostile.yaml").write_text(HOSTILE_FLOW, encoding="utf-8")
    return tmp_path / "home"


def test_markdown_goes_to_stdout(home: Path) -> None:
    result = gentle(home, "flows", "handout", "pause-and-breathe")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Pause and breathe\n")
    assert "## Before you begin" in result.stdout
    assert "Where to get help: Anywhere else" in result.stdout  # the default country


def test_html_to_a_file_with_the_country_from_settings(home: Path, tmp_path: Path) -> None:
    (home / "config" / "config.yaml").write_text("country: au\n")
    target = tmp_path / "out" / "handout.html"
    target.parent.mkdir()
    result = gentle(home, "flows", "handout", "i-statement", "--format", "html", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "written to" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "1800 737 732" in text
    assert sorted(p.name for p in target.parent.iterdir()) == ["handout.html"]  # no temporary files left


def test_a_flow_file_can_be_named_by_path_and_the_country_chosen(home: Path) -> None:
    result = gentle(home, "flows", "handout", str(ROOT / "flows" / "reconnect.yaml"), "--country", "ie")
    assert result.returncode == 0, result.stderr
    assert "Where to get help: Ireland" in result.stdout


def test_an_unknown_flow_says_what_it_might_be(home: Path) -> None:
    result = gentle(home, "flows", "handout", "pause-and-breth")
    assert result.returncode == 1
    assert result.stdout == ""
    assert 'there is no flow with the id "pause-and-breth"; did you mean "pause-and-breathe"?' in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_options_and_unwritable_targets_are_one_plain_line(home: Path, tmp_path: Path) -> None:
    result = gentle(home, "flows", "handout", "reconnect", "--country", "narnia")
    assert result.returncode == 2 and "'narnia' is not a country gentle knows" in result.stderr
    result = gentle(home, "flows", "handout", "reconnect", "--format", "pdf")
    assert result.returncode == 2 and "'pdf' is not one of 'md', 'html'" in result.stderr
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = gentle(home, "flows", "handout", "reconnect", "-o", str(blocker / "handout.md"))
    assert result.returncode == 1
    assert result.stderr.startswith("gentle: could not write the handout to ")
    assert "Traceback" not in result.stderr


class _Text(HTMLParser):
    """The visible text of a page and the names of its elements."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("style", "head", "title"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "head", "title"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)

    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium-profile'}", *args,
        ],
        capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)},
    )


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (scripts/setup-chromium installs it), "
    "so the HTML handout is not checked in a headless browser",
)
def test_the_html_handout_renders_in_headless_chromium(home: Path, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    result = gentle(home, "flows", "handout", "hostile", "--format", "html", "-o", str(page), "--country", "uk")
    assert result.returncode == 0, result.stderr

    dumped = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    parser = _Text()
    parser.feed(dumped.stdout)
    text = parser.visible()
    # The browser shows author text as text: no element was made from it.
    assert HOSTILE_TITLE in text
    assert "Ends with </title><style>body{display:none}</style>" in text
    assert "<img src=x onerror=alert(1)>" in text and "<i>not italic</i>" in text
    assert not {"script", "img", "b", "i"} & set(parser.tags)
    assert parser.tags.count("style") == 1
    # What a client needs is there, what is only for the therapist is not.
    assert "Hello, Partner A." in text
    assert "4-7-8 breathing: in 4 s · hold 7 s · out 8 s, 6 cycles (about 2 minutes)" in text
    assert "gentle is for partners who feel safe with each other" in text
    assert "Where to get help: United Kingdom" in text and "0808 2000 247" in text
    assert "ONLY-FOR-THE-THERAPIST" not in text

    pdf = tmp_path / "hostile.pdf"
    printed = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/setup-chromium installs it)")
def test_a_built_in_handout_renders_with_its_template_and_word_lists(home: Path, tmp_path: Path) -> None:
    page = tmp_path / "i-statement.html"
    assert gentle(home, "flows", "handout", "i-statement", "-f", "html", "-o", str(page)).returncode == 0
    dumped = chromium(tmp_path, "--dump-dom", page.as_uri())
    parser = _Text()
    parser.feed(dumped.stdout)
    text = parser.visible()
    assert "Fill in the blanks Partner A I feel feeling when situation" in text
    assert "Words for “feeling”:" in text and "Words for “need”:" in text
    assert "Sources" in text and "Marshall B. Rosenberg" in text
