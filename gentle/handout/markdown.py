"""A handout as Markdown: readable as plain text, and safe to render.

Every piece of author text is escaped, so a flow cannot inject links, HTML or
formatting into a handout.
"""

from __future__ import annotations

import re

from gentle.handout.content import Block, Handout, HandoutStep
from gentle.safety import contact_lines

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
# "&" is only special where it would start a character reference ("&amp;", "&#60;"):
# escaping every one put a stray backslash into "Safety \& support" for plain-text readers.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """``text`` with Markdown's special characters backslash-escaped."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    # "1." or "- " at the start would become a list; escape the marker.
    match = _LINE_START.match(text)
    if match:
        marker = match.group(2)
        if marker[0].isdigit():
            end = match.end()
            return text[:end] + "\\" + text[end:]
        return text[: match.start(2)] + "\\" + text[match.start(2) :]
    return text


def render_markdown(handout: Handout) -> str:
    out: list[str] = [f"# {escape(handout.title)}", "", escape(handout.summary), ""]
    by = f"By {handout.author}" if handout.author else None
    meta = [m for m in (handout.minutes, by, "A handout from gentle") if m]
    out += [f"*{escape(' · '.join(meta))}*", ""]
    if handout.note:
        out += [f"> **A note for you:** {escape(handout.note)}", ""]
    # The safety note comes first, where nobody can miss it.
    out += [*_safety(handout), "---", ""]
    for section in handout.sections:
        if section.title:
            out += [f"## {escape(section.title)}", ""]
        for step in section.steps:
            out += _step(step)
    if handout.sources:
        out += ["## Sources", ""]
        out += [f"{i}. {escape(source)}" for i, source in enumerate(handout.sources, start=1)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _step(step: HandoutStep) -> list[str]:
    out = [f"### {step.number}. {escape(step.title)}", ""]
    if step.who:
        out += [f"*{escape(step.who)}*", ""]
    for block in step.blocks:
        out += _block(block)
    return out


def _lead(label: str) -> str:
    return f"**{escape(label)}:** " if label else ""


def _block(block: Block) -> list[str]:
    if block.kind == "text":
        return [_lead(block.label) + escape(block.text), ""]
    if block.kind == "timing":
        return [f"> {_lead(block.label)}{escape(block.text)}", ""]
    if block.kind == "list":
        head = [f"{_lead(block.label).rstrip()}", ""] if block.label else []
        return head + [f"- {escape(item)}" for item in block.items] + [""]
    if block.kind == "checklist":
        return [f"- [ ] {escape(item)}" for item in block.items] + [""]
    if block.kind == "template":
        sentence = "".join(f"⟨{escape(text)}⟩" if blank else escape(text) for text, blank in block.runs)
        return [f"> {_lead(block.label)}{sentence}", ""]
    if block.kind == "words":
        return [_lead(block.label) + escape(", ".join(block.items)), ""]
    if block.kind == "note":
        lead = f"*{escape(block.label)}:* " if block.label else ""
        return [lead + escape(block.text), ""]
    if block.kind == "scale":
        return [f"{_lead(block.label)}{'   '.join(block.items)}  (circle one)", ""]
    if block.kind == "lines":
        # A line of underscores alone is a rule in Markdown and a line to write on in plain text.
        head = (f"{_lead(block.label)}" + (f"({escape(block.text)})" if block.text else "")).strip()
        rules = [line for _ in range(block.size) for line in ("_" * 40, "")]
        return ([head, ""] if head else []) + rules
    if block.kind == "routes":
        return [f"→ {escape(sentence)}" + ("  " if i < len(block.items) - 1 else "") for i, sentence in enumerate(block.items)] + [""]
    raise ValueError(f"unknown block kind {block.kind!r}")  # pragma: no cover


def _safety(handout: Handout) -> list[str]:
    notice, places = handout.notice, handout.resources
    out = [f"## {escape(notice.title)}", ""]
    for paragraph in notice.paragraphs:
        out += [escape(paragraph), ""]
    if handout.not_for:
        out += ["### When not to use this one", "", *(f"- {escape(c)}" for c in handout.not_for), ""]
    out += [f"### Where to get help: {escape(places.name)}", ""]
    emergency = places.emergency
    line = f"- **Emergency: {escape(emergency.number)}**"
    if emergency.note:
        line += f". {escape(emergency.note)}"
    out.append(line)
    for contact in places.contacts:
        details = " · ".join(f"{label} {value}".strip() for label, value in contact_lines(contact))
        line = f"- **{escape(contact.name)}**: {escape(details)}"
        if contact.about:
            line += f". {escape(contact.about)}"
        out.append(line)
    out.append("")
    return out
