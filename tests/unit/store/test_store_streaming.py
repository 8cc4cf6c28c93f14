"""Export and import a session at a time: the same text and the same store as before,
whatever the layout of the file, and still all or nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from gentle.store import export_json as export_module
from gentle.store import importer
from gentle.store.db import open_store
from gentle.store.errors import ImportFormatError, StoreError
from gentle.store.export import write_private_file
from gentle.store.export_json import export_data, iter_export_json
from gentle.store.history import list_sessions, session_detail
from gentle.store.importer import import_file

from .support import calm_flow, run_session


def _sessions(store, n: int) -> list[str]:
    ids = []
    for i in range(n):
        sid, runner, _, clock = run_session(store, calm_flow(), (f"Sam{i}", "Alex"))
        runner.submit(8)
        runner.submit(3)
        runner.submit(f"words of session {i}\nand a second line")
        ids.append(sid)
    return ids


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


@pytest.fixture
def seven(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(export_module, "CHUNK", 3)  # several chunks, one of them short
    with open_store(tmp_path / "a" / "gentle.db") as store:
        ids = _sessions(store, 7)
        yield store, ids


def test_the_streamed_export_is_one_json_document_with_every_session(seven) -> None:
    store, ids = seven
    text = "".join(iter_export_json(store))
    data = json.loads(text)
    assert sorted(s["id"] for s in data["sessions"]) == sorted(ids)
    reference = export_data(store)
    assert data["flows"] == reference["flows"]
    assert data["sessions"] == reference["sessions"]
    lines = text.splitlines()
    assert lines.count(' "sessions": [') == 1 and lines[-2:] == [" ]", "}"]


def test_an_import_reads_gentles_layout_a_session_at_a_time(seven, tmp_path: Path, monkeypatch) -> None:
    store, ids = seven
    file = write_private_file(tmp_path / "out.json", iter_export_json(store))
    parsed: list[int] = []
    real = importer._parse

    def counting(text, path, first_line=1):
        parsed.append(len(text))
        return real(text, path, first_line)

    monkeypatch.setattr(importer, "_parse", counting)
    with open_store(tmp_path / "b" / "gentle.db") as other:
        result = import_file(other, file)
        assert (result.added, result.already_there) == (7, 0)
        assert list_sessions(other) == list_sessions(store)
        for sid in ids:
            assert session_detail(other, sid) == session_detail(store, sid)
    # the header once, then one parse per session: never the whole file at once
    assert len(parsed) == 8 and max(parsed) < file.stat().st_size / 3


def test_a_file_laid_out_another_way_still_imports(seven, tmp_path: Path) -> None:
    store, ids = seven
    pretty = tmp_path / "pretty.json"
    data = json.loads("".join(iter_export_json(store)))
    pretty.write_text(json.dumps(data, indent=2))
    tight = tmp_path / "tight.json"
    tight.write_text(json.dumps(data, indent=1))  # " \"sessions\": [" at the same place
    with open_store(tmp_path / "b" / "gentle.db") as other:
        assert import_file(other, pretty).added == 7
        assert list_sessions(other) == list_sessions(store)
    with open_store(tmp_path / "c" / "gentle.db") as third:
        assert import_file(third, tight).added == 7


@pytest.mark.parametrize("damage", ["broken-line", "bad-name", "cut-short", "no-last-brace", "more-after"])
def test_a_problem_anywhere_in_the_file_imports_nothing(seven, tmp_path: Path, damage: str) -> None:
    store, _ = seven
    file = write_private_file(tmp_path / "out.json", iter_export_json(store))
    lines = file.read_text().splitlines(keepends=True)
    last_session = len(lines) - 3  # the sixth session has gone in by then
    if damage == "broken-line":
        lines[last_session] = lines[last_session][:40] + "\n"
    elif damage == "bad-name":
        lines[last_session] = lines[last_session].replace('"Sam', '"' + "x" * 500, 1)
    elif damage == "cut-short":
        lines = lines[:-2]
    elif damage == "no-last-brace":
        lines = lines[:-1]
    else:
        lines.append('{"more": 1}\n')
    file.write_text("".join(lines))
    target = tmp_path / "b" / "gentle.db"
    with open_store(target) as other:
        with pytest.raises(ImportFormatError) as refused:
            import_file(other, file)
    assert _count(target, "sessions") == 0 and _count(target, "events") == 0
    if damage == "broken-line":
        assert f":{last_session + 1}:" in str(refused.value)
    if damage == "bad-name":
        assert "session 7" in str(refused.value)


def test_an_export_that_fails_part_way_leaves_no_file(seven, tmp_path: Path, monkeypatch) -> None:
    store, _ = seven
    calls = []
    real = export_module._sessions_chunk

    def failing(*args):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(*args)

    monkeypatch.setattr(export_module, "_sessions_chunk", failing)
    with pytest.raises((sqlite3.OperationalError, StoreError)):
        write_private_file(tmp_path / "out.json", iter_export_json(store))
    assert list(tmp_path.iterdir()) == [tmp_path / "a"]  # no file, and no temporary left


@pytest.mark.parametrize("source", ["cloud", 7, ""])
def test_an_export_that_claims_an_unknown_source_is_refused(seven, tmp_path: Path, source) -> None:
    store, _ = seven
    data = json.loads("".join(iter_export_json(store)))
    data["sessions"][2]["source"] = source
    file = tmp_path / "claims.json"
    file.write_text(json.dumps(data))
    with open_store(tmp_path / "b" / "gentle.db") as other:
        with pytest.raises(ImportFormatError, match="session 3: its source should be one of app, walk"):
            import_file(other, file)
        assert list_sessions(other) == []
