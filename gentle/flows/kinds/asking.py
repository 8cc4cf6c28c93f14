"""What the kinds that ask the partners something share: reading `who:`, and its words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gentle.flows import names as name_rules
from gentle.flows.fields import read_text
from gentle.flows.kinds.base import Refused
from gentle.flows.model import WHO_VALUES
from gentle.flows.suggest import did_you_mean, one_of

_WHO_WORDS = {"both": "each", "all": "each", "everyone": "each", "one": "first",
              "couple": "together", "shared": "together", "partner1": "first", "partner2": "second"}


def read_who(c: Any, default: str) -> str:
    """The step's `who:`; steps asked of one partner at a time may use {partner}/{other}."""
    node = c.fields.get("who")
    who = default
    if node is not None:
        value = read_text(node, c.ctx.report, "`who`")
        if value in WHO_VALUES:
            who = value
        elif value is not None:
            hint = _WHO_WORDS.get(value)
            tail = f'; did you mean "{hint}"?' if hint else did_you_mean(value, WHO_VALUES)
            c.ctx.report.error(node, f'`who` cannot be "{value}"{tail} (use "each", "together", '
                                     '"first" or "second")')
    if who != "together":
        c.names = name_rules.BASE_NAMES | name_rules.ONE_PARTNER_NAMES
    return who


def read_words(c: Any, key: str, *, at_least: int) -> tuple[str, ...]:
    """Options or items: a list written out, or the name of a list (the flow's own
    `lists:`, or a built-in one such as ``feelings``)."""
    from yaml.nodes import ScalarNode

    from gentle.flows.yamlnodes import NULL

    node = c.fields.get(key)
    from gentle.flows.steps import ID

    if isinstance(node, ScalarNode) and node.tag != NULL and ID.fullmatch(str(node.value)):
        words = c.ctx.named_list(node, f"`{key}`")
        if words is not None and len(words) < at_least:
            c.ctx.report.error(node, f"`{key}` needs at least {at_least}, and that list has "
                                     f"{len(words)}")
        return words or ()
    return c.fields.texts(key, required=True, at_least=at_least, unique=True, names=c.names)


def words_schema(description: str, min_items: int) -> dict[str, Any]:
    """The schema of `options:`/`items:`: the words, or the name of a list."""
    from gentle.flows.kinds.base import text_schema, texts_schema

    return {"description": description + " Or the name of a list (the flow's `lists:`, or "
                                          "feelings or needs).",
            "oneOf": [{**texts_schema(description, min_items), "uniqueItems": True},
                      text_schema("The name of a list.")]}


def rendered(text: str, names: Any) -> str:
    """``text`` as the partners see it: the name placeholders filled for whoever is
    answering (``names`` is an :class:`~gentle.flows.kinds.base.AnswerNames`)."""
    partners = getattr(names, "partners", None) or ("Partner A", "Partner B")
    partner = getattr(names, "partner", None)
    one = partner in (0, 1)
    return name_rules.fill(text, partner1=partners[0], partner2=partners[1],
                           partner=partners[partner] if one else None,
                           other=partners[1 - partner] if one else None)


def option_for(value: Any, allowed: Sequence[str], what: str, names: Any = None) -> str:
    """The option (or item) ``value`` names, exactly as the author wrote it.

    ``value`` may be the option as written (``"{partner2} raised it"``) or as the
    partners see it, names filled in (``"Morgan raised it"``). Anything else is refused
    with the options listed as they are seen, and a did-you-mean when one is close.
    """
    if isinstance(value, str) and value in allowed:
        return value
    seen = [rendered(option, names) for option in allowed]
    if isinstance(value, str):
        matches = [option for option, shown in zip(allowed, seen) if shown == value]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise Refused(f"“{value}” could be any of {one_of(matches)}; write the one you mean "
                          "as the flow writes it")
    listed = ", ".join(f"“{shown}”" for shown in seen)
    hint = did_you_mean(value, seen, wrap="“{}”") if isinstance(value, str) else ""
    return _refuse_pick(value, what, hint, listed)


def _refuse_pick(value: Any, what: str, hint: str, listed: str) -> str:
    said = f"“{value}”" if isinstance(value, str) else (
        ("yes" if value else "no") if isinstance(value, bool) else repr(value))
    tail = ""
    if isinstance(value, bool):
        tail = "; YAML reads an unquoted yes or no as true/false, so put it in quotes to mean the word"
    raise Refused(f"{said} is not one of its {what}s{hint} (the {what}s are: {listed}){tail}")


def picks(value: Any, allowed: Sequence[str], what: str, names: Any = None) -> list[str]:
    """A list of picks, each one of ``allowed`` (as written or as seen, see
    :func:`option_for`), once; returned as written, in the author's order."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise Refused(f"expected a list of {what}s, not {value!r}")
    picked = [option_for(item, allowed, what, names) for item in value]
    if len(set(picked)) != len(picked):
        raise Refused(f"the same {what} was picked twice")
    return [item for item in allowed if item in picked]


def pick_words(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "(nothing picked)"
    return str(value)
