"""Checks made on the raw file before any parsing: size, encoding, empty, tabs, depth."""

from __future__ import annotations

from pathlib import Path

import pytest

from gentle.flows.loader import check_flow, check_flow_text
from gentle.flows.precheck import MAX_DEPTH, nesting_depth

SMALL = "id: small\ntitle: Small\nsummary: One step.\nsteps:\n  - kind: say\n    text: Hello.\n"


def only_problem(text: str):
    flow, problems = check_flow_text(text, "f.yaml")
    assert flow is None and len(problems) == 1, problems
    return problems[0]


def test_a_file_over_256_kb_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(SMALL + "# padding\n" * 30_000)
    flow, problems = check_flow(path)
    assert flow is None
    assert [(p.line, p.column) for p in problems] == [(1, 1)]
    assert "limited to 256 KB" in problems[0].message


def test_a_50_mb_file_is_not_said_to_be_256_kb(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(SMALL.encode() + b"#" * 50 * 1024 * 1024)
    flow, problems = check_flow(path)
    assert flow is None
    assert "this file is more than 256 KB" in problems[0].message
    assert "is 256 KB" not in problems[0].message


def test_a_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "fine.yaml"
    path.write_text(SMALL + "#" * (256 * 1024 - len(SMALL) - 1) + "\n")
    flow, problems = check_flow(path)
    assert flow is not None and problems == []


@pytest.mark.parametrize("text", ["", "   \n\n", "\n\t\n"])
def test_an_empty_file_says_so(text: str) -> None:
    problem = only_problem(text)
    assert (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("the file is empty")


def test_a_byte_order_mark_and_windows_line_ends_are_fine() -> None:
    flow, problems = check_flow_text("\ufeff" + SMALL.replace("\n", "\r\n"), "f.yaml")
    assert flow is not None and problems == []


def test_bad_bytes_are_reported_at_their_line_and_character_column() -> None:
    from gentle.flows.loader import _check_bytes

    data = "id: x\ntitle: Çafé \n".encode() + b"summary: caf\xe9\n"
    flow, problems = _check_bytes(data, "f.yaml", None, (), None, None)
    assert flow is None
    assert [(p.line, p.column) for p in problems] == [(3, 13)]
    assert "not UTF-8" in problems[0].message and "0xe9" in problems[0].message


def test_every_tab_used_for_indentation_is_reported() -> None:
    text = SMALL.replace("  - kind", "\t- kind").replace("    text", "  \ttext")
    flow, problems = check_flow_text(text, "f.yaml")
    assert flow is None
    assert [(p.line, p.column) for p in problems] == [(5, 1), (6, 3)]


def test_a_tab_inside_text_is_not_indentation() -> None:
    flow, problems = check_flow_text(SMALL.replace("text: Hello.", 'text: "Hello,\tyou."'), "f.yaml")
    assert flow is not None and problems == []


def test_nesting_is_counted_from_brackets_and_indentation() -> None:
    assert nesting_depth(SMALL)[0] <= 4
    assert nesting_depth("a: " + "[" * 70 + "]" * 70)[0] > MAX_DEPTH
    assert nesting_depth("".join(" " * i + "- \n" for i in range(70)))[0] > MAX_DEPTH
    assert nesting_depth("a: " + "- " * 70 + "x")[0] > MAX_DEPTH


@pytest.mark.parametrize("line", [
    'text: "' + "[" * 100 + '"',
    "text: '" + "{" * 100 + "'",
    "text: a " + "[" * 100,
    "text: |\n  " + "[" * 100 + "\n  " + "{" * 100,
    "text: fine # " + "[" * 100,
])
def test_brackets_inside_text_and_comments_do_not_count_as_nesting(line: str) -> None:
    assert nesting_depth("id: x\n" + line + "\n")[0] < 10


def test_a_deep_file_is_refused_before_the_parser_sees_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    def explode(*args, **kwargs):
        raise AssertionError("the parser must not run")

    monkeypatch.setattr(yaml, "compose", explode)
    problem = only_problem("id: x\nsteps: " + "[" * 5000 + "]" * 5000 + "\n")
    assert (problem.line, problem.column) == (2, 71)  # the mapping + 64 brackets
    assert "deeper than 64" in problem.message


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\x85", "\u2028", "\u2029"])
def test_every_kind_of_yaml_line_break_counts_for_depth(newline: str) -> None:
    text = "id: x" + newline + "steps:" + newline + "".join(" " * (i + 1) + "k:" + newline for i in range(100))
    problem = only_problem(text)
    assert (problem.line, problem.column) == (66, 65) and "deeper than 64" in problem.message


def test_a_missing_file_or_a_folder_is_one_plain_problem(tmp_path: Path) -> None:
    assert [p.message for p in check_flow(tmp_path / "nope.yaml")[1]] == ["there is no such file"]
    assert "folder" in check_flow(tmp_path)[1][0].message
