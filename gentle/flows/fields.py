"""Reading typed values out of YAML nodes, reporting every mistake at its node.

Each reader returns the value (or None) and never raises: the loader keeps going so
one run shows an author everything that needs fixing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gentle.flows import names as name_rules
from gentle.flows.report import Report
from gentle.flows.suggest import closest, did_you_mean, one_of
from gentle.flows.yamlnodes import BOOL, NULL, STR, kind_of, number_value, surprise

# Tags a flow may carry, implicitly or explicitly (`!!str yes` is a fine way to quote).
_PLAIN_TAGS = {STR, NULL, BOOL, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
               "tag:yaml.org,2002:timestamp"}
MAX_SECONDS = 24 * 60 * 60
_NUMERIC = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def _foreign_tag(node: Node, report: Report) -> bool:
    if isinstance(node, ScalarNode) and node.tag not in _PLAIN_TAGS:
        report.error(node, f"the YAML tag {node.tag} is not allowed in flows; remove it")
        return True
    return False


def read_text(node: Node, report: Report, what: str, *, allow_empty: bool = False) -> str | None:
    """Text as the author wrote it. YAML 1.1 surprises are errors that say to quote."""
    if not isinstance(node, ScalarNode):
        hint = ""
        if isinstance(node, SequenceNode) and what.startswith("`") and what.endswith("`"):
            # Lines written as a list, when one text on several lines was meant.
            hint = (f"; for text on several lines, write {what[:-1]}: |` and the lines below it, "
                    "indented, without dashes")
        report.error(node, f"{what} should be text, not {kind_of(node)}{hint}")
        return None
    if _foreign_tag(node, report):
        return None
    if node.tag == NULL and node.style in (None, ""):
        report.error(node, f"{what} is empty; write the text after the colon")
        return None
    odd = surprise(node)
    if odd is not None:
        report.error(node, f'{what}: {odd}, not as text; put it in quotes: "{node.value}"')
        return None
    if not node.value.strip() and not allow_empty:
        report.error(node, f"{what} is empty; write the text after the colon")
        return None
    return node.value


def read_number(
    node: Node, report: Report, what: str, *, integer: bool = False
) -> float | int | None:
    """A plain decimal number. Quoted numbers, yes/no, dates, 012 and 1:30 are errors."""
    noun = "a whole number" if integer else "a number"
    if not isinstance(node, ScalarNode):
        report.error(node, f"{what} should be {noun}, not {kind_of(node)}")
        return None
    if _foreign_tag(node, report):
        return None
    odd = surprise(node)
    if odd is not None:
        report.error(node, f"{what}: {odd}; write {noun} in plain digits, like 12 or 1.5")
        return None
    value = number_value(node)
    if value is None:
        if node.tag == STR and _NUMERIC.fullmatch(node.value.strip()):
            report.error(node, f'{what} should be {noun}, not text ("{node.value}"); remove the quotes')
        elif node.tag == NULL:
            report.error(node, f"{what} is empty; write {noun}")
        else:
            report.error(node, f"{what} should be {noun}, not {kind_of(node)}")
        return None
    if integer:
        if isinstance(value, float):
            if not value.is_integer():
                report.error(node, f"{what} should be a whole number, not {node.value}")
                return None
            value = int(value)
    return value


def read_bool(node: Node, report: Report, what: str) -> bool | None:
    if isinstance(node, ScalarNode) and node.tag == BOOL and node.style in (None, ""):
        return node.value.lower() in ("yes", "y", "on", "true")
    report.error(node, f"{what} should be true or false, not {kind_of(node)}")
    return None


def read_list(node: Node, report: Report, what: str) -> list[Node] | None:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, ScalarNode) and node.tag == NULL and node.style in (None, ""):
        return []
    report.error(node, f"{what} should be a list (lines starting with `- `), not {kind_of(node)}")
    return None


def check_names(node: Node, text: str, allowed: frozenset[str], report: Report, what: str,
                *, blanks_allowed: bool = False) -> None:
    """Report placeholders ``text`` may not use here, each at its own column."""
    if "{answer:" in text:
        starts = {p.offset for p in name_rules.find(text) if p.is_answer}
        at = text.find("{answer:")
        while at >= 0:
            if at not in starts and not text[:at].endswith("{"):
                report.error(node, "this {answer:...} can't be read: write {answer:STEP-ID}, or "
                                   "{answer:STEP-ID:partner1} (the step's id in lowercase, then "
                                   "whose answer)", offset=at, token="{answer:")
            at = text.find("{answer:", at + 1)
    for found in name_rules.find(text):
        name = found.name
        if found.is_answer:
            from gentle.flows.kinds.answering import note_answer

            note_answer(node, found, allowed, report, what, in_template=blanks_allowed)
            continue
        if name in allowed:
            continue
        token = "{" + name + "}"
        if name in name_rules.ONE_PARTNER_NAMES:
            message = (f"{token} only works in steps asked of one partner at a time "
                       "(who: each, first or second)")
        elif name in name_rules.TURN_NAMES:
            message = f"{token} only works inside a turns step"
        elif blanks_allowed:
            continue  # a template blank
        elif name == name_rules.ANSWER:
            message = (f"{token} needs the id of the step whose answer it shows, like "
                       "{answer:check-in} (or {answer:check-in:partner1})")
        elif name in name_rules.ALL_NAMES:
            message = f"{token} cannot be used in {what}"
        else:
            match = closest(name, sorted(name_rules.ALL_NAMES))
            hint = f"; did you mean {{{match}}}?" if match else ""
            if match in name_rules.ONE_PARTNER_NAMES and match not in allowed:
                hint += " (that one only works in steps asked of one partner at a time)"
            elif match in name_rules.TURN_NAMES and match not in allowed:
                hint += " (that one only works inside a turns step)"
            usable = ", ".join("{" + n + "}" for n in sorted(allowed))
            message = (f"{token} in {what} is not a name placeholder{hint} "
                       f"(this text can use {usable}; write {{{{ and }}}} for a literal brace)")
        report.error(node, message, offset=found.offset, token=token)


class Fields:
    """The keys of one YAML mapping, read one by one; leftovers are unknown keys."""

    def __init__(self, node: MappingNode, report: Report, what: str) -> None:
        self.node = node
        self.report = report
        self.what = what
        self.pairs: dict[str, tuple[Node, Node]] = {}
        self.used: set[str] = set()
        self.merged = False  # a `<<:` merge key was refused: keys may be missing because of it
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                report.error(key_node, f"a key in {what} should be a plain word, not {kind_of(key_node)}")
                continue
            key = key_node.value
            if key == "<<":
                report.error(key_node, "YAML merge keys (<<) are not supported in flows; write the keys out")
                self.used.add(key)
                self.merged = True
                continue
            if key in self.pairs:
                first = self.pairs[key][0].start_mark.line + 1
                report.error(key_node, f'"{key}" appears twice in {what} (first on line {first}); '
                                       "YAML would silently keep only the last one")
                continue
            self.pairs[key] = (key_node, value_node)

    def __contains__(self, key: str) -> bool:
        return key in self.pairs

    def get(self, key: str) -> Node | None:
        pair = self.pairs.get(key)
        if pair is None:
            return None
        self.used.add(key)
        return pair[1]

    def key_node(self, key: str) -> Node:
        return self.pairs[key][0] if key in self.pairs else self.node

    def require(self, key: str, noun: str = "") -> Node | None:
        node = self.get(key)
        if node is None:
            self.report.error(self.node, f"{self.what} needs `{key}:`{noun}")
        return node

    def text(self, key: str, *, required: bool = False, names: frozenset[str] | None = None,
             blanks_allowed: bool = False) -> str | None:
        node = self.require(key) if required else self.get(key)
        if node is None:
            return None
        value = read_text(node, self.report, f"`{key}`")
        if value is not None and names is not None:
            check_names(node, value, names, self.report, f"`{key}`", blanks_allowed=blanks_allowed)
        return value

    def number(self, key: str, *, integer: bool = False, required: bool = False) -> float | int | None:
        node = self.require(key) if required else self.get(key)
        if node is None:
            return None
        return read_number(node, self.report, f"`{key}`", integer=integer)

    def boolean(self, key: str, default: bool) -> bool:
        node = self.get(key)
        if node is None:
            return default
        value = read_bool(node, self.report, f"`{key}`")
        return default if value is None else value

    def choice(self, key: str, choices: Iterable[str], default: str) -> str:
        options = tuple(choices)
        node = self.get(key)
        if node is None:
            return default
        value = read_text(node, self.report, f"`{key}`")
        if value is None:
            return default
        if value not in options:
            hint = did_you_mean(value, options)
            self.report.error(node, f'`{key}` cannot be "{value}"{hint} (use {one_of(options)})')
            return default
        return value

    def texts(self, key: str, *, required: bool = False, at_least: int = 0, unique: bool = False,
              names: frozenset[str] | None = None) -> tuple[str, ...]:
        node = self.require(key) if required else self.get(key)
        if node is None:
            return ()
        items = read_list(node, self.report, f"`{key}`")
        if items is None:
            return ()
        values: list[str] = []
        seen: dict[str, Node] = {}
        for item in items:
            value = read_text(item, self.report, f"an entry of `{key}`")
            if value is None:
                continue
            if names is not None:
                check_names(item, value, names, self.report, f"`{key}`")
            if unique and value in seen:
                line = seen[value].start_mark.line + 1
                self.report.error(item, f'"{value}" is listed twice in `{key}` (first on line {line})')
                continue
            seen[value] = item
            values.append(value)
        if len(items) < at_least:
            entries = "entry" if at_least == 1 else "entries"
            self.report.error(node, f"`{key}` needs at least {at_least} {entries}")
        return tuple(values)

    def seconds(self, minutes_key: str, seconds_key: str, *, required: bool,
                default: float | None = None) -> float | None:
        """A duration given as exactly one of ``minutes_key`` / ``seconds_key``."""
        has_m, has_s = minutes_key in self.pairs, seconds_key in self.pairs
        if has_m and has_s:
            self.get(seconds_key)
            self.get(minutes_key)
            self.report.error(self.key_node(seconds_key),
                              f"give either `{minutes_key}:` or `{seconds_key}:`, not both")
            return default
        if not has_m and not has_s:
            if required:
                self.report.error(self.node, f"{self.what} needs `{minutes_key}:` or `{seconds_key}:`")
            return default
        key = minutes_key if has_m else seconds_key
        value = self.number(key)
        if value is None:
            return default
        seconds = float(value) * (60 if has_m else 1)
        node = self.get(key)
        if seconds <= 0:
            self.report.error(node, f"`{key}` must be more than zero")
            return default
        if seconds > MAX_SECONDS:
            self.report.error(node, f"`{key}` is longer than 24 hours")
            return default
        return seconds

    def unknown(self, allowed: Iterable[str], elsewhere: dict[str, str] | None = None) -> None:
        """Report keys nobody read, with a did-you-mean among ``allowed``."""
        allowed = tuple(allowed)
        for key, (key_node, _) in self.pairs.items():
            if key in self.used or key in allowed:
                continue
            match = closest(key, allowed)
            if match is not None:
                hint = f'; did you mean "{match}"?'
            elif elsewhere and key in elsewhere:
                hint = f" (`{key}` belongs in {elsewhere[key]})"
            elif 0 < len(allowed) <= 20:
                hint = f" (the keys {self.what} can have: {', '.join(allowed)})"
            else:
                hint = ""
            self.report.error(key_node, f'unknown key "{key}" in {self.what}{hint}')
