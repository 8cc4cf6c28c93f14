"""A handout as one self-contained HTML page, made to be printed.

Inline CSS only (no fonts, scripts or images from anywhere), a Content-Security-Policy
that forbids loading anything, and every piece of text HTML-escaped.
"""

from __future__ import annotations

from html import escape as _escape

from gentle.handout.content import Block, Handout, HandoutStep
from gentle.safety import contact_lines

STYLE = """
:root { color-scheme: light; --ink: #1f2a2a; --soft: #55615f; --accent: #2f5d57; --wash: #edf4f2; --rule: #c9dcd7;
        --line: #8fa8a2; }
* { box-sizing: border-box; }
html { background: #fff; }
body { font-family: Georgia, "Iowan Old Style", "Palatino Linotype", "Book Antiqua", serif; color: var(--ink);
       max-width: 46rem; margin: 2.5rem auto; padding: 0 1.5rem; line-height: 1.5; font-size: 12pt; }
header h1 { font-size: 2em; line-height: 1.15; margin: 0 0 .25em; color: var(--accent); }
.summary { font-size: 1.15em; margin: 0 0 .3em; }
.meta { color: var(--soft); font-style: italic; margin: 0; }
h2 { color: var(--accent); font-size: 1.3em; border-bottom: 2px solid var(--rule); padding-bottom: .15em; margin: 1.4em 0 .5em; }
.box { border: 2px solid var(--accent); border-radius: 8px; padding: .45em .9em .5em; margin: .9em 0; }
.box h2 { border: none; margin: .1em 0 .25em; padding: 0; font-size: 1.1em; }
.box p { margin: .25em 0; }
.therapist-note { border-color: var(--rule); background: var(--wash); }
.safety { font-size: .9em; line-height: 1.4; }
.safety h3 { margin: .45em 0 .15em; font-size: 1em; }
.help { margin: .2em 0; padding-left: 1.2em; }
.help li { margin: .15em 0; break-inside: avoid; }
.help.many { columns: 2; column-gap: 1.8em; }
.help .details { color: var(--soft); }
.step { border-left: 4px solid var(--rule); padding: .05em 0 .05em .9em; margin: 1em 0; }
.step h3 { margin: 0 0 .3em; font-size: 1.12em; }
.step h3 .num { color: var(--accent); margin-right: .4em; }
.who { font-style: italic; color: var(--soft); margin: 0 0 .4em; }
p { margin: .4em 0; }
.label { font-weight: bold; }
.writer { font-weight: bold; margin-right: .5em; }
.timing { background: var(--wash); border-radius: 6px; padding: .35em .8em; margin: .5em 0; }
ul.fill { list-style: none; padding: .2em .8em; margin: .5em 0; background: var(--wash); border-radius: 6px; }
ul.fill li { line-height: 3.1; }
.blank { display: inline-block; position: relative; min-width: 12rem; height: 1.4em; vertical-align: baseline;
         border-bottom: 1.5px solid var(--ink); margin: 0 .2em; }
.blank.wide { min-width: 19rem; }
.blank .hint { position: absolute; left: 0; right: 0; top: 100%; text-align: center; font-size: .7em;
               line-height: 1.25; color: var(--soft); }
.scale { margin: .45em 0; }
.scale .writer { display: inline-block; min-width: 7em; }  /* the two rows of numbers line up */
.scale .point { display: inline-block; min-width: 2em; padding: .15em .3em; margin-right: .3em; text-align: center;
                border: 1px solid var(--line); border-radius: 4px; }
.scale .hint, .lines .hint { color: var(--soft); font-size: .85em; font-style: italic; }
.lines { margin: .5em 0 .7em; }
.lines .rule { display: block; height: 2.1em; border-bottom: 1px solid var(--line); }
ul, ol { margin: .4em 0; padding-left: 1.6em; }
ul.many { columns: 2; column-gap: 2em; }
ul.many li { break-inside: avoid; }
ul.checklist { list-style: none; padding-left: .3em; }
ul.checklist li { padding-left: 1.45em; text-indent: -1.45em; }  /* a second line starts under the words */
ul.each { list-style: none; padding: 0; display: flex; gap: 1.5em; }
ul.each > li { flex: 1; }
ul.each .checklist { margin-top: .15em; }
ul.checklist li::before { content: ""; display: inline-block; width: .85em; height: .85em; margin-right: .6em;
                          border: 1.5px solid var(--ink); border-radius: 2px; vertical-align: -.08em; }
.words { font-size: .95em; }
.note { color: var(--soft); font-size: .95em; }
ul.routes { list-style: none; padding-left: 0; font-style: italic; }
ul.routes li::before { content: "\\2192\\00a0"; font-style: normal; color: var(--accent); }
.sources { font-size: .8em; }
.sources li { margin: 0; }
a { color: var(--accent); }
@page { size: @PAPER@; margin: 11mm 13mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.3; }
  header h1 { font-size: 1.8em; }
  p { margin: .3em 0; }
  h2 { margin: 1em 0 .4em; }
  .step { margin: .6em 0; }
  .note { font-size: .92em; }
  .sources h2 { font-size: 1.1em; border: none; margin: .5em 0 .15em; }
  .sources { font-size: .75em; }
  h2, h3, .label, .who { break-after: avoid; page-break-after: avoid; }
  /* A step may go on over a page, but a scale, a list, a sentence to fill in, the lines
     to write on and the boxes never break in the middle. */
  .box, .timing, .scale, .lines, ul, ol, .template { break-inside: avoid; page-break-inside: avoid; }
  .timing, ul.fill { background: none; border: 1px solid var(--rule); }
  .therapist-note { background: none; }
  a { color: inherit; text-decoration: none; }
}
"""

# CSS names for the page sizes (gentle.handout.PAPERS).
PAGE_SIZES = {"letter": "letter", "a4": "A4"}

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def esc(text: str) -> str:
    return _escape(text, quote=True)


def render_html(handout: Handout, *, paper: str = "letter") -> str:
    by = f"By {handout.author}" if handout.author else None
    meta = " · ".join(m for m in (handout.minutes, by, "A handout from gentle") if m)
    style = STYLE.replace("@PAPER@", PAGE_SIZES.get(paper, "letter"))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="gentle">',
        f"<title>{esc(handout.title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(handout.title)}</h1>",
        f'<p class="summary">{esc(handout.summary)}</p>',
        f'<p class="meta">{esc(meta)}</p>',
        "</header>",
    ]
    if handout.note:
        parts += ['<section class="box therapist-note">', '<h2>A note for you</h2>',
                  f"<p>{esc(handout.note)}</p>", "</section>"]
    # The safety note and support lines go first, so that they are on the first page.
    parts += [_safety(handout), "<main>"]
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
    parts += ["</main>", "</body>", "</html>", ""]
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


def _writer(name: str) -> str:
    return f'<span class="writer">{esc(name)}</span>' if name else ""


def _items(items: tuple[str, ...]) -> str:
    return "".join(f"<li>{esc(item)}</li>" for item in items)


def _list_class(items: tuple[str, ...], *names: str) -> str:
    # A long list takes two columns, to spare paper (each item stays whole, see STYLE).
    many = len(items) >= 6 and max(len(item) for item in items) <= 120
    classes = " ".join((*names, "many") if many else names)
    return f' class="{classes}"' if classes else ""


def _block(block: Block) -> str:
    if block.kind == "text":
        return f"<p>{_lead(block.label)}{esc(block.text)}</p>"
    if block.kind == "timing":
        return f'<p class="timing">{_lead(block.label)}{esc(block.text)}</p>'
    if block.kind == "list":
        head = f'<p class="label">{esc(block.label)}</p>' if block.label else ""
        return f"{head}<ul{_list_class(block.items)}>{_items(block.items)}</ul>"
    if block.kind == "checklist":
        if block.writers:  # side by side, one set of boxes for each partner
            sets = "".join(f'<li>{_writer(name)}<ul class="checklist">{_items(block.items)}</ul></li>'
                           for name in block.writers)
            return f'<ul class="each">{sets}</ul>'
        return f"<ul{_list_class(block.items, 'checklist')}>{_items(block.items)}</ul>"
    if block.kind == "template":
        sentence = "".join(
            f'<span class="{"blank wide" if text in block.wide else "blank"}"><span class="hint">{esc(text)}</span></span>'
            if blank else esc(text)
            for text, blank in block.runs
        )
        head = f'<p class="label template">{esc(block.label)}</p>' if block.label else ""
        rows = "".join(f"<li>{_writer(name)}{sentence}</li>" for name in block.writers or ("",))
        return f'{head}<ul class="fill">{rows}</ul>'
    if block.kind == "scale":
        points = " ".join(f'<span class="point">{esc(point)}</span>' for point in block.items)
        return f'<p class="scale">{_writer(block.label)}{points} <span class="hint">circle one</span></p>'
    if block.kind == "lines":
        about = f' <span class="hint">{esc(block.text)}</span>' if block.text else ""
        rules = '<span class="rule"></span>' * block.size
        return f'<p class="lines">{_writer(block.label)}{about}{rules}</p>'
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
    parts = ['<section class="box safety" id="safety">', f"<h2>{esc(notice.title)}</h2>"]
    parts += [f"<p>{esc(p)}</p>" for p in notice.paragraphs]
    if handout.not_for:
        parts.append("<h3>When not to use this one</h3>")
        parts += ["<ul>", *(f"<li>{esc(c)}</li>" for c in handout.not_for), "</ul>"]
    parts.append(f"<h3>Where to get help: {esc(places.name)}</h3>")
    # Many support lines take two columns, so that the box leaves room on page 1.
    parts.append('<ul class="help many">' if len(places.contacts) >= 3 else '<ul class="help">')
    emergency = places.emergency
    note = f' <span class="details">{esc(emergency.note)}</span>' if emergency.note else ""
    parts.append(f"<li><strong>Emergency: {esc(emergency.number)}</strong>.{note}</li>")
    for contact in places.contacts:
        details = []
        for label, value in contact_lines(contact):
            shown = f'<a href="{esc(value)}">{esc(value)}</a>' if label == "Web" else esc(value)
            details.append(f"{esc(label)} {shown}".strip())
        about = f' <span class="details">{esc(contact.about)}</span>' if contact.about else ""
        parts.append(
            f"<li><strong>{esc(contact.name)}</strong>: {' · '.join(details)}.{about}</li>"
        )
    parts += ["</ul>", "</section>"]
    return "\n".join(parts)
