"""Hostile imports: a real export, with one field at a time made hostile, and files that
are hostile as a whole. Each import either refuses with one plain message or imports
something every later command can show: history, show, export (both formats) and
history --json never raise, never print a traceback.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any, Iterator

import pytest
from typer.testing import CliRunner

from gentle.cli import app as cli
from gentle.flows.catalogue import Catalogue
from gentle.store.db import open_store
from gentle.store.export_json import export_json
from gentle.store.recorder import record_walk

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "flows"
HOSTILE: list[Any] = [
    "1e400", "-1e400", "NaN", "Infinity", -1e12, 1e12, "x", 10**30, -(10**30), 2, -1,
    "a" * 1_000_001, None, [], {}, True, 0.5, "\x1b]52;c;aGk=\x07", [[[[[[[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]]]]]],
]
LITERAL = {"1e400", "-1e400", "NaN", "Infinity"}  # written into the JSON as bare numbers


@pytest.fixture(scope="module")
def export_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    home = tmp_path_factory.mktemp("source")
    store = open_store(home / "gentle.db")
    try:
        flow = Catalogue(extra=[FIXTURES]).load("every-kind")
        record_walk(store, flow, {"words": ["I feel tired", "me too"]}, ("Sam", "Alex"))
        return export_json(store, None)
    finally:
        store.close()


def paths_in(value: Any, at: tuple = ()) -> Iterator[tuple]:
    yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths_in(item, (*at, key))
    elif isinstance(value, list):
        for n, item in enumerate(value[:3]):
            yield from paths_in(item, (*at, n))


def with_value(data: Any, path: tuple, value: Any) -> str:
    changed = copy.deepcopy(data)
    target = changed
    for key in path[:-1]:
        target = target[key]
    marker = "__LITERAL__"
    literal = isinstance(value, str) and value in LITERAL
    target[path[-1]] = marker if literal else value
    text = json.dumps(changed, ensure_ascii=False)
    return text.replace(json.dumps(marker), value) if literal else text


def whole_files() -> list[str]:
    return [
        "[" * 100_000 + "]" * 100_000,
        '{"format": "gentle-notes", "version": 1, "flows": {}, "sessions": [' + "9" * 5000 + "]}",
        '{"format": "gentle-notes", "version": 1e400, "flows": {}, "sessions": []}',
        '{"format": "gentle-notes", "version": 1, "flows": [], "sessions": {}}',
        "\x00\x01\x02 not json",
        "",
    ]


def cases(export_text: str, count: int = 160) -> list[str]:
    data = json.loads(export_text)
    paths = [p for p in paths_in(data) if p and p[0] in ("sessions", "flows") and len(p) > 1]
    rng = random.Random(20261203)  # a fixed budget of cases, the same every run
    chosen = rng.sample(paths, min(count, len(paths)))
    return [with_value(data, path, rng.choice(HOSTILE)) for path in chosen] + whole_files()


def run(args: list[str], home: Path) -> Any:
    result = CliRunner().invoke(cli, args, env={"GENTLE_HOME": str(home)}, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"gentle {' '.join(args)} raised {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
    return result


def test_no_hostile_export_gives_a_traceback_now_or_later(export_text: str, tmp_path: Path) -> None:
    refused = imported = 0
    for n, text in enumerate(cases(export_text)):
        home = tmp_path / f"h{n}"
        home.mkdir()
        file = tmp_path / f"case{n}.json"
        file.write_text(text, encoding="utf-8", errors="surrogateescape")
        result = run(["import", str(file)], home)
        if result.exit_code != 0:
            refused += 1
            assert result.exit_code == 1 and str(file) in result.output, result.output  # one plain line
            assert len(result.output.strip().splitlines()) == 1, result.output
            continue
        imported += 1
        for args in (["history"], ["history", "--json"], ["export", "--all"],
                     ["export", "--all", "--format", "json"]):
            run(args, home)
        listing = run(["history", "--json"], home)
        for row in json.loads(listing.output or "[]")[:1]:
            run(["show", row["id"]], home)
    assert refused and imported  # both kinds of case were really tried
