"""A handout as one self-contained HTML page, made to be printed.

Inline CSS only (no fonts, scripts or images from anywhere), a Content-Security-Policy
that forbids loading anything, and every piece of text HTML-escaped.
"""

from __future__ import annotations

from html import escape as _escape

from gentle.handout.content import Block, Handout, HandoutStep
from gentle.safety import contact_lines

STYLE = """
:root { color-scheme: light; --ink: #1f2a2a; --soft: #55615f; --accent: #2f5d57; --wash: #edf4f2; --rule: #c9dcd7; }
* { box-sizing: border-box; }
html { background: #fff; }
body { font-family: Georgia, "Iowan Old Style", "Palatino Linotype", "Book Antiqua", serif; color: var(--ink);
       max-width: 46rem; margin: 2.5rem auto; padding: 0 1.5rem; line-height: 1.55; font-size: 12pt; }
header h1 { font-size: 2.1em; line-height: 1.15; margin: 0 0 .3em; color: var(--accent); }
.summary { font-size: 1.2em; margin: 0 0 .4em; }
.meta { color: var(--soft); font-style: italic; margin: 0; }
h2 { color: var(--accent); font-size: 1.35em; border-bottom: 2px solid var(--rule); padding-bottom: .2em; margin: 2em 0 .6em; }
.step { border-left: 4px solid var(--rule); padding: .1em 0 .1em 1em; margin: 1.4em 0; }
.step h3 { margin: 0 0 .35em; font-size: 1.15em; }
.step h3 .num { color: var(--accent); margin-right: .4em; }
.who { font-style: italic; color: var(--soft); margin: 0 0 .5em; }
p { margin: .45em 0; }
.label { font-weight: bold; }
.timing { background: var(--wash); border-radius: 6px; padding: .5em .8em; margin: .6em 0; }
.template { background: var(--wash); border-radius: 6px; padding: .6em .8em; margin: .6em 0; line-height: 2.6; font-size: 1.05em; }
.blank { display: inline-block; min-width: 9em; border-bottom: 1.5px solid var(--ink); text-align: center;
         font-size: .72em; line-height: 1.1; color: var(--soft); vertical-align: -.2em; padding-top: 1.6em; }
ul, ol { margin: .45em 0; padding-left: 1.6em; }
ul.checklist { list-style: none; padding-left: .3em; }
ul.checklist li::before { content: ""; display: inline-block; width: .85em; height: .85em; margin-right: .6em;
                          border: 1.5px solid var(--ink); border-radius: 2px; vertical-align: -.08em; }
.words { font-size: .95em; }
.note { color: var(--soft); font-size: .95em; }
ul.routes { list-style: none; padding-left: 0; font-style: italic; }
ul.routes li::before { content: "\\2192\\00a0"; font-style: normal; color: var(--accent); }
.sources { font-size: .9em; }
footer.safety { border-top: 3px solid var(--accent); margin-top: 2.5em; padding-top: .6em; }
footer.safety h2 { border: none; margin-top: .4em; }
footer.safety h3 { margin: 1em 0 .3em; font-size: 1.05em; }
.help li { margin: .35em 0; }
.help .details { display: block; color: var(--soft); }
a { color: var(--accent); }
@page { size: auto; margin: 16mm 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  header h1 { font-size: 1.9em; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .step, .timing, .template, footer.safety .help li { break-inside: avoid; page-break-inside: avoid; }
  .timing, .template { background: none; border: 1px solid var(--rule); }
  footer.safety { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def esc(text: str) -> str:
    return _escape(text, quote=True)


def render_html(handout: Handout) -> str:
    meta = " · ".join(m for m in (handout.minutes, "A handout from gentle") if m)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="gentle">',
        f"<title>{esc(handout.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(handout.title)}</h1>",
        f'<p class="summary">{esc(handout.summary)}</p>',
        f'<p class="meta">{esc(meta)}</p>',
        "</header>",
        "<main>",
    ]
    for section in handout.sections:
        parts.append('<section class="part">')
        if section.title:
            parts.append(f"<h2>{esc(section.title)}</h2>")
        parts += [_step(step) for step in section.steps]
        parts.append("</section>")
    if handout.sources:
        parts.append('<section class="sources"><h2>Sources</h2><ol>')
        parts += [f"<li>{esc(source)}</li>" for source in handout.sources]
        parts.append("</ol></section>")
    parts += ["</main>", _safety(handout), "</body>", "</html>", ""]
    return "\n".join(parts)


def _step(step: HandoutStep) -> str:
    parts = [
        f'<article class="step" id="step-{step.number}">',
        f'<h3><span class="num">{step.number}.</span>{esc(step.title)}</h3>',
    ]
    if step.who:
        parts.append(f'<p class="who">{esc(step.who)}</p>')
    parts += [_block(block) for block in step.blocks]
    parts.append("</article>")
    return "\n".join(parts)


def _lead(label: str) -> str:
    return f'<span class="label">{esc(label)}:</span> ' if label else ""


def _items(items: tuple[str, ...]) -> str:
    return "".join(f"<li>{esc(item)}</li>" for item in items)


def _block(block: Block) -> str:
    if block.kind == "text":
        return f"<p>{_lead(block.label)}{esc(block.text)}</p>"
    if block.kind == "timing":
        return f'<p class="timing">{_lead(block.label)}{esc(block.text)}</p>'
    if block.kind == "list":
        head = f'<p class="label">{esc(block.label)}</p>' if block.label else ""
        return f"{head}<ul>{_items(block.items)}</ul>"
    if block.kind == "checklist":
        return f'<ul class="checklist">{_items(block.items)}</ul>'
    if block.kind == "template":
        sentence = "".join(
            f'<span class="blank">{esc(text)}</span>' if blank else esc(text) for text, blank in block.runs
        )
        return f'<p class="template">{_lead(block.label)}{sentence}</p>'
    if block.kind == "words":
        return f'<p class="words">{_lead(block.label)}{esc(", ".join(block.items))}</p>'
    if block.kind == "note":
        lead = f"<em>{esc(block.label)}:</em> " if block.label else ""
        return f'<p class="note">{lead}{esc(block.text)}</p>'
    if block.kind == "routes":
        return f'<ul class="routes">{_items(block.items)}</ul>'
    raise ValueError(f"unknown block kind {block.kind!r}")  # pragma: no cover


def _safety(handout: Handout) -> str:
    notice, places = handout.notice, handout.resources
    parts = ['<footer class="safety">', f"<h2>{esc(notice.title)}</h2>"]
    parts += [f"<p>{esc(p)}</p>" for p in notice.paragraphs]
    parts.append(f"<h3>Where to get help: {esc(places.name)}</h3>")
    parts.append('<ul class="help">')
    emergency = places.emergency
    note = f'<span class="details">{esc(emergency.note)}</span>' if emergency.note else ""
    parts.append(f"<li><strong>Emergency: {esc(emergency.number)}</strong>{note}</li>")
    for contact in places.contacts:
        details = []
        for label, value in contact_lines(contact):
            shown = f'<a href="{esc(value)}">{esc(value)}</a>' if label == "Web" else esc(value)
            details.append(f"{esc(label)} {shown}".strip())
        about = f'<span class="details">{esc(contact.about)}</span>' if contact.about else ""
        parts.append(
            f"<li><strong>{esc(contact.name)}</strong>: {' · '.join(details)}{about}</li>"
        )
    parts += ["</ul>", "</footer>"]
    return "\n".join(parts)
