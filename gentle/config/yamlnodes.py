"""Reading a small YAML settings file safely, keeping the position of every value.

The file is composed into nodes with PyYAML's safe loader (never constructing Python
objects from tags); the helpers here turn nodes into plain values and raise
:class:`BadNode` with the node, so each message can carry its line and column.
Shared by config.yaml and resources.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # The C loader is much faster; fall back when libyaml is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from gentle.config.problems import ConfigProblem
from gentle.records import record

MAX_BYTES = 256 * 1024
STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
NULL = "tag:yaml.org,2002:null"
_TAG_WORDS = {
    BOOL: "true/false",
    INT: "a number",
    "tag:yaml.org,2002:float": "a number",
    NULL: "empty",
    "tag:yaml.org,2002:timestamp": "a date",
}
_DECIMAL = re.compile(r"[+-]?(0|[1-9][0-9_]*)")


class BadNode(Exception):
    """A value that cannot be used, with the node it came from."""

    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


@record
class Document:
    """A parsed file: its top-level node (None when empty) or the problem that stopped it."""

    root: Node | None
    problem: ConfigProblem | None = None


def position(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def problem_at(path: Path, node: Node, message: str, severity: str = "error") -> ConfigProblem:
    line, column = position(node)
    return ConfigProblem(str(path), line, column, message, severity)  # type: ignore[arg-type]


def read_document(path: Path, data: bytes) -> Document:
    """Parse ``data`` (the bytes of ``path``) into a node tree, or say why it cannot be."""
    where = str(path)
    if len(data) > MAX_BYTES:
        return Document(None, ConfigProblem(where, None, None, f"the file is larger than {MAX_BYTES // 1024} KB"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Document(None, ConfigProblem(where, line, column, "the file is not UTF-8 text"))
    tab = _indenting_tab(text)
    if tab is not None:
        return Document(None, ConfigProblem(where, tab[0], tab[1], "a tab is used for indenting; YAML needs spaces"))
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _plain_yaml_error(exc)
        if mark is None:
            return Document(None, ConfigProblem(where, None, None, message))
        return Document(None, ConfigProblem(where, mark.line + 1, mark.column + 1, message))
    except yaml.YAMLError as exc:  # pragma: no cover - every PyYAML parse error is marked
        return Document(None, ConfigProblem(where, None, None, f"this is not valid YAML ({exc})"))
    return Document(root)


def _indenting_tab(text: str) -> tuple[int, int] | None:
    """(line, column) of the first tab in a line's indentation; libyaml's own message
    for it ("cannot start any token") does not say what is wrong."""
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return number, indent.index("\t") + 1
    return None


def _plain_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or exc.context or "").strip()
    if "expected a single document" in (exc.context or ""):
        return "the file holds more than one YAML document (a second '---'); keep one"
    return f"this is not valid YAML: {problem}"


def kind_of(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    return _TAG_WORDS.get(node.tag, "text")


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL


def text(node: Node, what: str) -> str:
    """The text of a scalar; numbers, true/false and dates where text belongs are errors."""
    if not isinstance(node, ScalarNode):
        raise BadNode(node, f"{what} should be text, not {kind_of(node)}")
    if node.tag != STR:
        # YAML 1.1 turns yes/no/on/off, 012, 1:30 and dates into other things; never
        # guess the author's text back, say how to write it.
        raise BadNode(
            node,
            f"{what}: YAML reads {node.value!r} as {kind_of(node)}; put it in quotes "
            f"(\"{node.value}\") if you mean the text",
        )
    return node.value


def boolean(node: Node, what: str) -> bool:
    if isinstance(node, ScalarNode) and node.tag == BOOL:
        return node.value.lower() in ("true", "yes", "on")
    shown = node.value if isinstance(node, ScalarNode) else kind_of(node)
    raise BadNode(node, f"{what} should be true or false (without quotes), not {shown!r}")


# Settings are small numbers; a longer one is a slip (and Python refuses to convert
# more than 4,300 digits), so it is refused before it is converted.
MAX_DIGITS = 9


def shortened(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def integer(node: Node, what: str) -> int:
    if isinstance(node, ScalarNode) and node.tag == INT and _DECIMAL.fullmatch(node.value):
        digits = node.value.replace("_", "").lstrip("+-")
        if len(digits) > MAX_DIGITS:
            raise BadNode(node, f"{what} is far too large ({shortened(node.value)}); use a small whole number, like 7")
        return int(node.value.replace("_", ""))
    shown = shortened(node.value) if isinstance(node, ScalarNode) else kind_of(node)
    if isinstance(shown, str) and re.fullmatch(r"[+-]?0[0-9]+", shown):
        raise BadNode(node, f"{what}: write {shown!r} without the leading zero (YAML reads it as octal)")
    raise BadNode(node, f"{what} should be a whole number, like 7, not {shown!r}")


def items(node: Node, what: str) -> list[Node]:
    if not isinstance(node, SequenceNode):
        raise BadNode(node, f"{what} should be a list, like [a, b], not {kind_of(node)}")
    return list(node.value)


def pairs(node: Node, what: str) -> list[tuple[ScalarNode, Node]]:
    """The key/value nodes of a mapping; keys must be text and appear once."""
    if not isinstance(node, MappingNode):
        raise BadNode(node, f"{what} should be a mapping of 'name: value' lines, not {kind_of(node)}")
    seen: dict[str, ScalarNode] = {}
    result = []
    for key, value in node.value:
        name = text(key, f"a key in {what}")
        if name in seen:
            line, _ = position(seen[name])
            raise BadNode(key, f"'{name}' appears twice in {what} (first on line {line}); keep one")
        seen[name] = key
        result.append((key, value))
    return result
