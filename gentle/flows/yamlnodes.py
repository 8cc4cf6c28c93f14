"""Composing YAML into a node tree (never constructing objects) and reading scalars.

Why nodes and not ``yaml.safe_load``: nodes keep the line:col of every value, keep
duplicate keys (which loading silently drops), and let us see how YAML 1.1 *would*
have read a plain scalar (``yes`` as a boolean, ``012`` as octal, ``1:30`` in base 60,
``2020-13-45`` as a date that does not exist) so we can say so instead of guessing.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gentle.flows.report import Report

Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

# More expanded nodes than any honest 256 KB file can hold: only alias bombs get here.
NODE_BUDGET = 200_000

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?")
def compose(text: str, report: Report) -> Node | None:
    """The root node of ``text``, or None with the problem reported."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        from gentle.flows.yamladvice import every_error

        for advice in every_error(text, exc, lambda t: yaml.compose(t, Loader=Loader)):
            report.error_at(advice.line, advice.column, f"YAML syntax: {advice.message}")
        return None
    except yaml.YAMLError as exc:  # e.g. ReaderError for control characters
        line, column = _reader_position(text, exc)
        report.error_at(line, column, f"YAML could not read this file: {_first_line(exc)}")
        return None
    except RecursionError:
        report.error_at(1, 1, "the file nests too deeply to be read")
        return None
    if root is None:
        report.error_at(1, 1, "the file is empty (only comments); a flow needs id, title, summary and steps")
        return None
    # Without an alias (*name) the nodes form a tree, one or two per character at most:
    # a short file cannot loop or blow up, so the walk below is only needed with aliases.
    if ("*" in text or len(text) >= NODE_BUDGET // 2) and not _within_budget(root, report):
        return None
    return root


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _reader_position(text: str, exc: Exception) -> tuple[int, int]:
    position = getattr(exc, "position", None)
    if not isinstance(position, int):
        return 1, 1
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _within_budget(root: Node, report: Report) -> bool:
    """Refuse self-referencing aliases and alias bombs, without recursion.

    Aliases make the tree a graph; we size every node as if aliases were expanded
    (memoised per node, so this is linear in the file) and look for cycles.
    """
    size: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[Node, list[Node], int]] = [(root, children(root), 0)]
    visiting.add(id(root))
    while stack:
        node, kids, i = stack[-1]
        if i < len(kids):
            stack[-1] = (node, kids, i + 1)
            child = kids[i]
            key = id(child)
            if key in visiting:
                report.error(
                    child,
                    "this anchor (&name) is used inside itself through an alias (*name); "
                    "that would repeat forever",
                )
                return False
            if key not in size:
                visiting.add(key)
                stack.append((child, children(child), 0))
            continue
        stack.pop()
        visiting.discard(id(node))
        total = 1 + sum(size[id(k)] for k in kids)
        size[id(node)] = total
        if total > NODE_BUDGET:
            report.error(
                node,
                f"aliases (*name) here expand to more than {NODE_BUDGET:,} values; "
                "a flow never needs that many, so the file was not read",
            )
            return False
    return True


# -- what a scalar means ---------------------------------------------------------------


def is_plain(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style in (None, "")


def kind_of(node: Node) -> str:
    """A word for what the author wrote, for messages: text, a list, a mapping..."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "nothing"
    if node.tag == BOOL:
        return f"a yes/no value ({node.value})"
    if node.tag in (INT, FLOAT):
        return f"a number ({node.value})"
    if node.tag == TIMESTAMP:
        return f"a date ({node.value})"
    return f'text ("{_short(node.value)}")'


def _short(value: str) -> str:
    value = " ".join(str(value).split())
    return value if len(value) <= 40 else value[:37] + "..."


def surprise(node: ScalarNode) -> str | None:
    """How YAML 1.1 reads a plain scalar that does not mean what it looks like, or None."""
    if not is_plain(node):
        return None
    value = node.value
    if node.tag == BOOL:
        truth = "true" if value.lower() in ("yes", "y", "on", "true") else "false"
        return f"YAML reads {value} as the yes/no value {truth}"
    if node.tag == TIMESTAMP:
        return f"YAML reads {value} as a date"
    if node.tag == INT and not _DECIMAL_INT.fullmatch(value):
        number = yaml11_int(value)
        if ":" in value:
            return f"YAML 1.1 reads {value} as {number} (counting in base 60)"
        if number is None:
            return f"YAML 1.1 reads {value} as a number"
        base = "octal" if value.lstrip("+-").startswith("0") and value.lstrip("+-")[1:2].isdigit() else "a number"
        if value.lstrip("+-")[:2].lower() == "0x":
            base = "hexadecimal"
        elif value.lstrip("+-")[:2].lower() == "0b":
            base = "binary"
        return f"YAML 1.1 reads {value} as the {base} number {number}"
    if node.tag == FLOAT and not _DECIMAL_FLOAT.fullmatch(value):
        if ":" in value:
            return f"YAML 1.1 reads {value} as a number counted in base 60"
        return f"YAML reads {value} as infinity or not-a-number"
    return None


def yaml11_int(value: str) -> int | None:
    """The integer YAML 1.1 gives a plain scalar (sexagesimal, octal, hex, binary)."""
    text = value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    try:
        if ":" in text:
            total = 0
            for part in text.split(":"):
                total = total * 60 + int(part)
            return sign * total
        if text.lower().startswith("0b"):
            return sign * int(text[2:], 2)
        if text.lower().startswith("0x"):
            return sign * int(text[2:], 16)
        if len(text) > 1 and text.startswith("0"):
            return sign * int(text, 8)
        return sign * int(text)
    except ValueError:
        return None


def number_value(node: ScalarNode) -> float | int | None:
    """A plain decimal number's value, or None if the scalar is not one."""
    if not is_plain(node):
        return None
    value = node.value
    try:
        if node.tag == INT and _DECIMAL_INT.fullmatch(value):
            return int(value.replace("_", ""))
        if node.tag == FLOAT and _DECIMAL_FLOAT.fullmatch(value):
            number = float(value.replace("_", ""))
            return number if math.isfinite(number) else None
    except ValueError:
        return None
    return None

