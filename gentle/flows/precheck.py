"""Cheap checks on the raw bytes, run before any YAML parsing.

Parsers are the risky part: the C loader recurses on nesting (very deep input can crash
the process) and both loaders are slow on huge files. So size and depth are judged here
from the text alone, along with the problems people hit most: a file saved in another
encoding, tabs used for indentation, and an empty file.
"""

from __future__ import annotations

import re

from gentle.flows.report import Report

MAX_BYTES = 256 * 1024
MAX_DEPTH = 64

# What YAML 1.1 counts as a line break (PyYAML counts lines the same way).
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# `key: |`, `- >-`, `key: &a |2` and so on: a block scalar starts; its lines are content.
_BLOCK_SCALAR = re.compile(r"(?:^|[\s:-])[|>][0-9+-]*\s*(?:#.*)?$")


def decode(data: bytes, report: Report) -> str | None:
    """The file as text, or None (with a problem reported) when it must not be parsed."""
    if len(data) > MAX_BYTES:
        # A file is read up to one byte past the limit, so its real size isn't known here.
        size = f"{len(data) // 1024} KB" if len(data) > MAX_BYTES + 1 else "more than 256 KB"
        report.error_at(1, 1, f"this file is {size}; flows are limited to 256 KB, so it was not read")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        report.error_at(
            line, column,
            f"this file is not UTF-8 text (byte 0x{data[exc.start]:02x} here); "
            "save it as UTF-8 in your editor",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark some editors add; harmless
    text = text.replace("\r\n", "\n")
    if not text.strip():
        report.error_at(1, 1, "the file is empty; a flow needs at least id, title, summary and steps")
        return None
    ok = _check_tabs(text, report)
    ok = _check_depth(text, report) and ok
    return text if ok else None


def _check_tabs(text: str, report: Report) -> bool:
    if "\t" not in text:
        return True  # the common case, without splitting the file into lines
    ok = True
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent] and line.strip():
            report.error_at(
                number, line.index("\t") + 1,
                "a tab in the indentation; YAML needs spaces here (set your editor to insert spaces)",
            )
            ok = False
    return ok


def _check_depth(text: str, report: Report) -> bool:
    if depth_bound(text) <= MAX_DEPTH:
        return True  # cannot be too deep, so the character-by-character scan is not needed
    depth, line, column = nesting_depth(text)
    if depth > MAX_DEPTH:
        report.error_at(
            line, column,
            f"the nesting here is deeper than {MAX_DEPTH} levels; a flow never needs that "
            "many, so the file was not read",
        )
        return False
    return True


def depth_bound(text: str) -> int:
    """A cheap number never below ``nesting_depth(text)[0]``.

    The scan's block level on a line is at most the number of distinct indentations
    seen (at most the widest indentation + 1) plus that line's ``-`` and ``?``
    characters; its flow level is at most the number of ``[`` and ``{`` in the file.
    """
    lines = LINE_BREAK.split(text)
    widest = max([len(line) - len(line.lstrip(" ")) for line in lines])
    indicators = max([line.count("-") + line.count("?") for line in lines])
    return widest + 1 + indicators + text.count("[") + text.count("{")


def nesting_depth(text: str) -> tuple[int, int, int]:
    """An upper-bound estimate of how deeply the YAML in ``text`` nests.

    Returns (depth, line, column) where the first level past MAX_DEPTH was reached (or
    the deepest point). Block levels come from distinct indentation columns plus the
    ``- `` / ``? `` indicators on a line; flow levels from ``[`` and ``{`` outside quotes
    and comments. Over-counting only refuses absurd files; under-counting is what must
    not happen, so quotes and block scalars are followed just enough not to hide brackets.
    """
    indents: list[int] = []
    flow = 0  # open [ and { brackets, carried across lines
    quote = ""  # an open quoted scalar, carried across lines
    block_parent: int | None = None  # indentation of the line that opened a block scalar
    deepest = (0, 1, 1)
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_parent is not None:
            if not stripped.strip() or indent > block_parent:
                continue
            block_parent = None
        if not quote and flow == 0:
            if not stripped or stripped.startswith("#"):
                continue
            while indents and indents[-1] > indent:
                indents.pop()
            if not indents or indents[-1] < indent:
                indents.append(indent)
        level = len(indents)
        i = indent
        n = len(line)
        at_value_start = flow == 0 and not quote
        while i < n:
            ch = line[i]
            if quote:
                if ch == "\\" and quote == '"':
                    i += 2
                    continue
                if ch == quote:
                    if quote == "'" and i + 1 < n and line[i + 1] == "'":
                        i += 2
                        continue
                    quote = ""
                i += 1
                continue
            if ch == "#" and (i == 0 or line[i - 1] in " \t"):
                break
            if at_value_start and ch in "-?" and (i + 1 == n or line[i + 1] == " "):
                level += 1
                i += 1
                continue
            if ch in " \t":
                i += 1
                continue
            if at_value_start and ch in "&!":
                while i < n and line[i] not in " \t":
                    i += 1
                continue
            if ch in "[{" and (at_value_start or flow > 0):
                flow += 1
                at_value_start = True
            elif ch in "]}" and flow > 0:
                flow -= 1
                at_value_start = False
            elif ch == "," and flow > 0:
                at_value_start = True
            elif ch in "'\"" and at_value_start:
                quote = ch
                at_value_start = False
            elif ch == ":" and (i + 1 == n or line[i + 1] in " \t" or flow > 0):
                at_value_start = True
            else:
                at_value_start = False
            depth = level + flow
            if depth > deepest[0]:
                deepest = (depth, number, i + 1)
                if depth > MAX_DEPTH:
                    return deepest
            i += 1
        if level > deepest[0]:
            deepest = (level, number, indent + 1)
            if level > MAX_DEPTH:
                return deepest
        if not quote and flow == 0 and _BLOCK_SCALAR.search(line.split(" #")[0].rstrip() or "x"):
            block_parent = indent
    return deepest
