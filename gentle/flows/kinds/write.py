"""write: each partner writes, freely or by filling the blanks of a template."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from yaml.nodes import MappingNode, Node, ScalarNode

from gentle.flows import names as name_rules
from gentle.flows.fields import Fields, read_text
from gentle.flows.kinds.asking import read_who
from gentle.flows.kinds.base import ask_heading, AnswerNames, Refused, Schema, StepKind, text_schema, who_schema
from gentle.flows.model import StepBase, Who
from gentle.flows.names import template_pieces
from gentle.flows.suggest import closest, did_you_mean
from gentle.flows.yamlnodes import NULL
from gentle.records import record

EMPTY = "Write a few words first, or skip this step."


@record
class Blank:
    name: str
    hint: str | None = None
    suggestions: tuple[str, ...] = ()


@record
class WriteStep(StepBase):
    kind: Literal["write"] = "write"
    ask: str = ""
    who: Who = "each"
    template: str | None = None  # text with {blank} slots
    blanks: tuple[Blank, ...] = ()  # in the order they appear in the template
    placeholder: str | None = None
    optional: bool = False


# -- reading -----------------------------------------------------------------------------


def _read(c: Any) -> WriteStep:
    f = c.fields
    who = read_who(c, "each")
    values = c.base()
    template = f.text("template", names=c.names, blanks_allowed=True)
    blanks = _blanks(c, template)
    return WriteStep(**values, ask=f.text("ask", required=True, names=c.names) or "", who=who,  # type: ignore[arg-type]
                     template=template, blanks=blanks,
                     placeholder=f.text("placeholder", names=c.names),
                     optional=f.boolean("optional", False))


def _blanks(c: Any, template: str | None) -> tuple[Blank, ...]:
    report = c.ctx.report
    node = c.fields.get("blanks")
    slots = name_rules.slots(template) if template else []
    if template and c.fields.get("template") is not None:
        _warn_slot_typos(c, template, slots, node)
    given: dict[str, Blank] = {}
    if node is not None:
        if template is None and "template" not in c.fields:
            report.error(c.fields.key_node("blanks"), "`blanks:` only works with a `template:`")
        elif not isinstance(node, MappingNode):
            report.error(node, "`blanks` is a mapping from each blank's name to its hint and suggestions")
        else:
            for key_node, value_node in node.value:
                name = read_text(key_node, report, "a blank's name")
                if name is None:
                    continue
                if template is not None and name not in slots:
                    hint = did_you_mean(name, slots)
                    report.error(key_node, f'the blank "{name}" is not in the template{hint} '
                                           f"(write {{{name}}} in the template where it goes)")
                    continue
                if name in given:
                    report.error(key_node, f'the blank "{name}" is described twice')
                    continue
                given[name] = _blank(c, name, value_node)
    return tuple(given.get(name, Blank(name)) for name in slots)


def _blank(c: Any, name: str, node: Node) -> Blank:
    report = c.ctx.report
    if isinstance(node, ScalarNode) and node.tag == NULL:
        return Blank(name)
    if not isinstance(node, MappingNode):
        report.error(node, f'the blank "{name}" takes `hint:` and `suggestions:`')
        return Blank(name)
    f = Fields(node, report, f'the blank "{name}"')
    hint = f.text("hint", names=c.names)
    suggestions: tuple[str, ...] = ()
    s_node = f.get("suggestions")
    if isinstance(s_node, ScalarNode) and s_node.tag != NULL:
        suggestions = c.ctx.named_list(s_node, "`suggestions`") or ()
    elif s_node is not None:
        suggestions = f.texts("suggestions", names=c.names)
    f.unknown(("hint", "suggestions"))
    return Blank(name, hint, suggestions)


def _warn_slot_typos(c: Any, template: str, slots: list[str], node: Node | None) -> None:
    """A blank named like a placeholder ({parnter}) was probably meant to be one."""
    described = set()
    if isinstance(node, MappingNode):
        described = {getattr(k, "value", None) for k, _ in node.value}
    for found in name_rules.find(template):
        if found.name in slots and found.name not in described:
            match = closest(found.name, name_rules.ALL_NAMES)
            if match is not None:
                token = "{" + found.name + "}"
                c.ctx.report.warning(c.fields.get("template"),
                                     f"{token} is a blank for the partner to fill in; did you mean "
                                     f"the name placeholder {{{match}}}?",
                                     offset=found.offset, token=token)


# -- answers -----------------------------------------------------------------------------


def fill_template(
    template: str, blanks: Mapping[str, str], partners: Sequence[str], partner: int | None
) -> str:
    """Assemble a write template: name placeholders filled for ``partner`` (0/1/None),
    blanks filled with what was written.

    Built from :func:`gentle.flows.names.template_pieces`, so what a partner typed into
    a blank is never read again as a placeholder (typing ``{partner}`` stays literal).
    """
    one = partner in (0, 1)
    pieces = template_pieces(
        template,
        partner1=partners[0],
        partner2=partners[1],
        partner=partners[partner] if one else None,  # type: ignore[index]
        other=partners[1 - partner] if one else None,  # type: ignore[operator]
    )
    return "".join(p if isinstance(p, str) else blanks.get(p.name, "") for p in pieces)


def _answer(step: WriteStep, value: Any, names: AnswerNames) -> dict[str, Any]:
    """``{"text": ..., "blanks": {...} | None}``; refused when empty unless `optional`."""
    if isinstance(value, str):
        result: dict[str, Any] = {"text": value, "blanks": None}
    elif not isinstance(value, Mapping):
        raise Refused(f"a written answer is text, not {value!r}")
    elif "text" in value and "text" not in {b.name for b in step.blanks}:
        # Already in the stored shape {"text": ..., "blanks": ...}.
        text, blanks = value.get("text"), value.get("blanks")
        if not isinstance(text, str) or not (blanks is None or isinstance(blanks, Mapping)):
            raise Refused("expected {'text': str, 'blanks': mapping}")
        result = {"text": text, "blanks": None if blanks is None else dict(blanks)}
    else:
        result = _from_blanks(step, value, names)
    if not step.optional and not _says_something(result):
        raise Refused(EMPTY)
    return result


def _from_blanks(step: WriteStep, value: Mapping[str, Any], names: AnswerNames) -> dict[str, Any]:
    if step.template is None:
        raise Refused("this step has no template, so its answer is plain text")
    blank_names = [b.name for b in step.blanks]
    unknown = sorted(set(value) - set(blank_names))
    if unknown:
        raise Refused(f"there is no blank named {', '.join(map(repr, unknown))}")
    filled: dict[str, str] = {}
    for name in blank_names:
        text = value.get(name)
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise Refused(f"the blank {name!r} takes text, not {text!r}")
        filled[name] = text
    text = fill_template(step.template, filled, names.partners, names.partner)
    return {"text": text, "blanks": filled}


def _says_something(answer: dict[str, Any]) -> bool:
    blanks = answer.get("blanks")
    if blanks:
        return any(str(v).strip() for v in blanks.values())
    return bool(str(answer.get("text") or "").strip())


def _walk_default(step: WriteStep) -> Any:
    from gentle.flows.kinds.base import SKIP

    if not step.optional:
        return SKIP  # nothing can be written for them: the step is skipped, as in the app
    return {"text": "", "blanks": {b.name: "" for b in step.blanks} if step.template else None}


def _words(step: WriteStep, value: Any, partners: Any) -> str:
    if not isinstance(value, dict):
        raise TypeError("not a written answer")
    return str(value.get("text") or "(left blank)")


def _shown(step: WriteStep, value: Any) -> str | None:
    """What was written, exactly, for a later step's `show:` (None: nothing)."""
    text = value.get("text") if isinstance(value, dict) else None
    return text if isinstance(text, str) and text.strip() else None


def _handout(step: WriteStep, pages: Any) -> list:
    blocks = pages.text(step.ask, step.who)
    if step.template:
        # A blank with words to choose from takes a word; one without, a phrase.
        phrases = [blank.name for blank in step.blanks if not blank.suggestions]
        blocks.append(pages.template(step.template, step.who, "Fill in the blanks", wide=phrases))
        for blank in step.blanks:
            if blank.hint:
                blocks.append(pages.note(pages.line(blank.hint, step.who), blank.name))
            if blank.suggestions:
                words = [pages.line(s, None) for s in blank.suggestions]
                blocks.append(pages.words(words, f"Words for “{blank.name}”"))
    if step.placeholder:
        blocks.append(pages.example(pages.line(step.placeholder, step.who)))
    if step.optional:
        blocks.append(pages.note("This one is optional."))
    if not step.template:  # a sentence to fill in has its blanks; free words need lines
        blocks += pages.space(step.who, 2 if step.optional else 3)
    return blocks


KIND = StepKind(
    name="write",
    summary="Each partner writes, freely or by filling in a template's blanks.",
    keys=("ask", "who", "placeholder", "optional", "template", "blanks"),
    read=_read,
    schema=Schema(
        {
            "ask": text_schema("The question."),
            "who": who_schema("each"),
            "placeholder": text_schema("Greyed-out hint inside the empty box."),
            "optional": {"type": "boolean", "default": False,
                         "description": "May be given empty (otherwise a few words are needed, or a skip)."},
            "template": text_schema("Text with {blank} slots to fill in."),
            "blanks": {"type": "object", "additionalProperties": {"$ref": "#/$defs/blank"},
                       "description": "Each blank's hint and suggestions."},
        },
        ("ask",),
    ),
    model=WriteStep,
    asks=True,
    who_default="each",
    answer=_answer,
    walk_default=_walk_default,
    verb="wrote",
    detail=lambda step: step.who + (f", blanks: {', '.join(b.name for b in step.blanks)}" if step.blanks else ""),
    heading=lambda step: ask_heading(step.ask, "Write it down"),
    words=_words,
    handout=_handout,
    view="write:WriteView",
    help="write",
    shows=True,
    shown=_shown,
)
