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


# -- options ---------------------------------------------------------------------------------


def test_partner_names_note_and_paper(home: Path) -> None:
    result = gentle(home, "flows", "handout", "validate", "--partner", "Sam", "-p", "Alex",
                    "--note", "Try this on Sunday, & tell me how it went.", "-f", "html", "--paper", "a4")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert "Sam raised it" in page and "Partner A" not in page
    assert "Try this on Sunday, &amp; tell me how it went." in page
    assert page.index("therapist-note") < page.index('id="safety"') < page.index('id="step-1"')
    assert "@page { size: A4; " in page
    markdown = gentle(home, "flows", "handout", "validate", "-p", "Sam", "-p", "Alex").stdout
    assert "Sam raised it" in markdown


@pytest.mark.parametrize(("environment", "size"), [
    ({"LANG": "en_GB.UTF-8"}, "A4"), ({"LANG": "en_US.UTF-8"}, "letter"),
    ({"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, "A4"), ({"LANG": "C.UTF-8"}, "letter"), ({}, "letter"),
])
def test_the_paper_follows_the_locale_unless_chosen(home: Path, environment: dict[str, str], size: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANG", "LC_ALL", "LC_PAPER"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    page = gentle(home, "flows", "handout", "reconnect", "-f", "html").stdout
    assert f"@page {{ size: {size}; " in page
    chosen = gentle(home, "flows", "handout", "reconnect", "-f", "html", "--paper", "letter").stdout
    assert "@page { size: letter; " in chosen


def test_bad_partner_names_and_paper_are_one_plain_line(home: Path) -> None:
    result = gentle(home, "flows", "handout", "validate", "-p", "Sam", "-p", "sam")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "gentle: the two partners need different names.\n"
    result = gentle(home, "flows", "handout", "validate", "-p", "A", "-p", "B", "-p", "C")
    assert result.returncode == 2 and "at most twice" in result.stderr
    result = gentle(home, "flows", "handout", "validate", "--paper", "legal")
    assert result.returncode == 2 and "'legal' is not one of 'letter', 'a4'" in result.stderr


# -- printed: pages, and what is on the first ----------------------------------------------------

PDFTOPPM = shutil.which("pdftoppm")
PDFTOTEXT = shutil.which("pdftotext")


def pdf_pages(pdf: Path) -> int:
    """Pages in a PDF, counted from its page objects (so poppler is not needed)."""
    import re

    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))


def print_to_pdf(home: Path, tmp_path: Path, flow: str, paper: str, *options: str) -> Path:
    page = tmp_path / f"{flow}-{paper}.html"
    result = gentle(home, "flows", "handout", flow, "-f", "html", "--paper", paper, "-o", str(page), *options)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / f"{flow}-{paper}.pdf"
    printed = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert printed.returncode == 0, printed.stderr[-2000:]
    return pdf


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/setup-chromium installs it), "
                    "so the handout's pages are not counted")
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_pause_and_breathe_prints_on_two_pages_at_most(home: Path, tmp_path: Path, paper: str) -> None:
    pdf = print_to_pdf(home, tmp_path, "pause-and-breathe", paper, "--country", "us")
    assert 1 <= pdf_pages(pdf) <= 2, f"pause-and-breathe printed on {pdf_pages(pdf)} {paper} pages"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert f"Pages:           {pdf_pages(pdf)}\n" in info
        assert ("(letter)" if paper == "letter" else "(A4)") in info


@pytest.mark.skipif(CHROMIUM is None or PDFTOPPM is None or PDFTOTEXT is None,
                    reason="needs chromium and poppler-utils (pdftoppm, pdftotext: apt-get install -y poppler-utils) "
                    "to print the handout and read its first page")
def test_the_safety_box_is_on_the_first_printed_page(home: Path, tmp_path: Path) -> None:
    pdf = print_to_pdf(home, tmp_path, "full", "letter", "--country", "uk", "-p", "Sam", "-p", "Alex",
                       "--note", "Bring this next week.")
    assert pdf_pages(pdf) > 1  # a long flow, so "the first page" means something
    first = subprocess.run([PDFTOTEXT, "-f", "1", "-l", "1", "-layout", str(pdf), "-"],  # type: ignore[list-item]
                           capture_output=True, text=True, check=True).stdout
    said = " ".join(first.split())
    assert "Bring this next week." in said
    assert "Before you begin" in said and "It is not therapy, and it is not emergency help." in said
    assert "If you are afraid of your partner" in said
    assert "Where to get help: United Kingdom" in said and "0808 2000 247" in said
    # The page as an image, for a person to look at (and not blank).
    subprocess.run([PDFTOPPM, "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],  # type: ignore[list-item]
                   check=True, capture_output=True)
    [png] = list(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 5000
