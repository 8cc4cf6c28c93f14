"""What to do about a YAML syntax error, in the words of someone who is not a programmer.

PyYAML says what it tripped over ("mapping values are not allowed in this context",
"did not find expected '-' indicator"), which is rarely what the author got wrong. The
mistakes people make are few, and each can be recognised from the lines around the
error:

* a key indented more or less than the keys beside it;
* a list item (``- id: ...``) out of line with the items above, or a dash with no
  space after it;
* text that starts with ``{`` or ``[`` (``ask: {partner}, how are you?``), which YAML
  reads as a mapping or a list;
* a colon and a space inside unquoted text (``text: Remember: breathe``);
* a quote that is opened and never closed.

:func:`advise` turns one error into a message with the line and column to point at.
:func:`every_error` finds the errors after the first too: it blanks out the lines of
the broken item and tries again, so a file with three slips reports three problems
(and stops before the blanking could invent any of its own).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from gentle.records import record

MAX_ERRORS = 10

# `key:` at the start of a line (after an optional `- `), as an author writes one.
_KEY = re.compile(r"(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][A-Za-z0-9_-]*) *:(?: |$)")
_DASH_NO_SPACE = re.compile(r" *-[A-Za-z_{\[\"']")
# A value that starts with a brace or bracket: YAML's flow collections.
_BRACED = re.compile(r"(?P<head> *(?:- +)?[A-Za-z_][A-Za-z0-9_-]* *: +)(?P<value>[{\[].*)$")


@record
class Advice:
    line: int  # 1-based
    column: int
    message: str


def _lines(text: str) -> list[str]:
    """The lines as YAML counts them (a lone carriage return ends a line too)."""
    from gentle.flows.precheck import LINE_BREAK

    return LINE_BREAK.split(text)


def _key_at(line: str) -> tuple[str, int, bool] | None:
    """(key, column of the key, is a list item) for a ``key:`` line, else None."""
    match = _KEY.match(line)
    if match is None:
        return None
    column = len(match.group("indent")) + len(match.group("dash") or "")
    return match.group("key"), column, bool(match.group("dash"))


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(n: int) -> str:
    return f"{n} space" + ("" if n == 1 else "s")


def _quoted(text: str) -> str:
    """The value wrapped in the quotes an author should type."""
    value = text.strip()
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _braced(lines: list[str], first: int, last: int) -> Advice | None:
    """A value starting with { or [ that YAML can't read as a mapping or list, between
    two lines (0-based, inclusive); the last such line is the likely culprit."""
    for index in range(min(last, len(lines) - 1), max(first, 0) - 1, -1):
        match = _BRACED.match(lines[index])
        if match is None:
            continue
        value = match.group("value").split(" #")[0].rstrip()
        if _is_collection(value):
            continue  # a real [1, 2] or {step: a, at_least: 7}
        key = _key_at(lines[index])
        name = f"`{key[0]}:`" if key else "this value"
        what = "mapping" if value.startswith("{") else "list"
        return Advice(index + 1, len(match.group("head")) + 1,
                      f"the text after {name} starts with {value[0]}, so YAML reads it as a "
                      f"{what}, not as words; put the whole text in quotes: "
                      f"{key[0] if key else 'key'}: {_quoted(value)}")
    return None


def _open_quote(lines: list[str], first: int, last: int) -> Advice | None:
    """A value whose opening quote is not closed on its own line: YAML ran on to the
    next quote it found, lines later, and then tripped."""
    for index in range(max(first, 0), min(last, len(lines) - 1)):
        match = _KEY.match(lines[index])
        if match is None:
            continue
        value = lines[index][match.end():].strip()
        if value[:1] in ("'", '"') and not _closes(value):
            quote = value[0]
            column = lines[index].index(quote, match.end()) + 1
            return _never_closed(quote, index, column - 1)
    return None


def _never_closed(quote: str, line: int, column: int) -> Advice:
    return Advice(line + 1, column + 1,
                  f"the {quote} that opens here is never closed; end the text with {quote} too "
                  "(or, for text with quotes inside, use `text: |` and put the text on the lines "
                  "below)")


def _closes(value: str) -> bool:
    quote = value[0]
    body = value[1:]
    if quote == '"':
        body = body.replace("\\\\", "").replace('\\"', "")
    else:
        body = body.replace("''", "")
    return quote in body


def _is_collection(value: str) -> bool:
    try:
        node = yaml.compose(value, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    return node is not None and not isinstance(node, yaml.ScalarNode)


def _previous(lines: list[str], index: int, keep: Callable[[str], bool] = _content) -> int | None:
    for i in range(min(index, len(lines)) - 1, -1, -1):
        if keep(lines[i]):
            return i
    return None


def _siblings(lines: list[str], index: int, column: int) -> tuple[int, str, int] | None:
    """The key line nearest above ``index`` that a key at ``column`` should line up
    with: (line index, key, its column). Lines inside deeper blocks are passed over."""
    for i in range(min(index, len(lines)) - 1, -1, -1):
        if not _content(lines[i]):
            continue
        found = _key_at(lines[i])
        if found is None:
            continue
        key, at, _ = found
        if at <= column + 2:  # close enough to be what it was meant to line up with
            return i, key, at
    return None


def advise(text: str, error: yaml.MarkedYAMLError) -> Advice:
    """The error as a problem a person can fix, at the line to look at."""
    lines = _lines(text)
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark is not None else 0
    column = mark.column if mark is not None else 0
    problem = (error.problem or error.context or "this is not valid YAML").strip()
    context = (error.context or "").strip()
    context_mark = error.context_mark

    def said(message: str, at_line: int = line, at_column: int = column) -> Advice:
        return Advice(at_line + 1, at_column + 1, message)

    if context == "while scanning a quoted scalar" and context_mark is not None:
        opening = lines[context_mark.line] if context_mark.line < len(lines) else ""
        quote = opening[context_mark.column:context_mark.column + 1] or "quote"
        return _never_closed(quote, context_mark.line, context_mark.column)
    if problem.startswith("did not find expected key") and context_mark is not None:
        opened = _open_quote(lines, context_mark.line, line)
        if opened is not None:
            return opened
    if problem.startswith(("did not find expected key", "did not find expected ',' or",
                           "found unexpected ':'", "while parsing a flow")) or context.startswith(
            "while parsing a flow"):
        start = context_mark.line if context_mark is not None else line
        found = _braced(lines, min(start, line), line)
        if found is not None:
            return found
    here = lines[line] if line < len(lines) else ""
    if problem.startswith("mapping values are not allowed"):
        key = _key_at(here)
        if key is not None and column == here.index(":", key[1]):
            # The line's own key: YAML took it as more of the text above, so it is
            # indented further than it should be.
            above = _previous(lines, line)
            if above is not None:
                sibling = _siblings(lines, line, key[1] - 1)
                if sibling is not None and sibling[2] < key[1]:
                    return said(f"`{key[0]}:` is indented {_spaces(key[1])}, more than `{sibling[1]}:` "
                                f"on line {sibling[0] + 1} ({_spaces(sibling[2])}), so YAML reads it as "
                                f"part of the text above; line it up with `{sibling[1]}:`", line, key[1])
        found = _braced(lines, line, line)
        if found is not None:
            return found
        if key is not None:
            value = here[here.index(":", key[1]) + 1:].strip()
            return said(f"the text after `{key[0]}:` has a colon followed by a space, which YAML "
                        f"reads as a new key; put the whole text in quotes: {key[0]}: {_quoted(value)}")
        return said("a colon followed by a space where YAML did not expect one; if it is part of "
                    "the text, put the whole text in quotes")
    if problem.startswith(("did not find expected '-' indicator", "did not find expected key",
                           "expected <block end>")):
        if _DASH_NO_SPACE.match(here):
            dash = here.index("-")
            return said("a dash that starts a list item needs a space after it, like `- id: ...`",
                        line, dash)
        key = _key_at(here)
        if key is not None:
            name, at, item = key
            if item:
                # A list item out of line with the list it belongs to.
                if context_mark is not None and context.endswith("block collection"):
                    first = context_mark.column
                    return said(f"this list item is indented {_spaces(at - 2)}, but the list's items "
                                f"start at {_spaces(first)} (line {context_mark.line + 1}); line the "
                                "dashes up", line, _indent(here))
            sibling = _siblings(lines, line, at)
            if sibling is not None and sibling[2] != at:
                if context.endswith("block collection") and context_mark is not None and \
                        at <= context_mark.column:
                    return said(f"`{name}:` is indented {_spaces(at)}, in line with the list's dashes "
                                f"(line {context_mark.line + 1}), so it belongs to no item; indent it "
                                f"to line up with `{sibling[1]}:` on line {sibling[0] + 1} "
                                f"({_spaces(sibling[2])})", line, at)
                return said(f"`{name}:` is indented {_spaces(at)}, but `{sibling[1]}:` on line "
                            f"{sibling[0] + 1}, the key above it, is indented {_spaces(sibling[2])}; "
                            "keys that belong together line up exactly",
                            line, at)
        return said("this line is not lined up with the lines above it; check its indentation "
                    f"(YAML: {problem})", line, _indent(here))
    hint = next((h for start, h in _PLAIN.items() if problem.startswith(start)), None)
    if hint is None and context in _CONTEXTS and context_mark is not None:
        hint = _CONTEXTS[context].format(where=f"line {context_mark.line + 1}, column "
                                               f"{context_mark.column + 1}")
    return said(f"{problem} ({hint})" if hint else problem)


_PLAIN = {
    "could not find expected ':'": "a line that is not `key: value`; check the indentation",
    "expected a single document in the stream": "a flow file holds one document: remove the `---` line",
    "found undefined alias": "an alias (*name) with no matching anchor (&name) above it",
    "but found another document": "a flow file holds one document: remove the `---` line and what follows",
    "found character '\\t'": "a tab; YAML needs spaces",
}
# What YAML was in the middle of, said plainly; {where} is the line:col it started at.
_CONTEXTS = {
    "while parsing a flow sequence": "the [ at {where} is never closed",
    "while parsing a flow mapping": "the {{ at {where} is never closed",
    "while scanning a block scalar": "in the block of text that starts at {where}",
}


def _blank(lines: list[str], index: int) -> list[str]:
    """The lines with ``index`` and the lines that belong under it (indented further)
    blanked, keeping every line number."""
    if index >= len(lines):
        return lines
    out = list(lines)
    indent = _indent(out[index])
    out[index] = ""
    for i in range(index + 1, len(out)):
        if _content(out[i]) and _indent(out[i]) <= indent:
            break
        out[i] = ""
    return out


def every_error(text: str, first: yaml.MarkedYAMLError,
                compose: Callable[[str], object]) -> list[Advice]:
    """The first error's advice, then any later ones found by blanking what is broken."""
    found = [advise(text, first)]
    lines = _lines(text)
    error = first
    while len(found) < MAX_ERRORS:
        mark = error.problem_mark or error.context_mark
        if mark is None or (error.context or "").strip() == "while scanning a quoted scalar":
            break  # an open quote swallows the rest: nothing after it can be trusted
        lines = _blank(lines, found[-1].line - 1)
        try:
            compose("\n".join(lines))
        except yaml.MarkedYAMLError as again:
            advice = advise("\n".join(lines), again)
            if advice.line <= found[-1].line:
                break  # no progress: what follows is the first error's echo
            found.append(advice)
            error = again
            continue
        except yaml.YAMLError:
            break
        break
    return found
