"""Finding flows: built-in, the user's folder, --flows folders and files; who wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from gentle.flows.catalogue import Catalogue, UnknownFlow, builtin_flows_dir
from gentle.flows.model import FlowError

BUILTIN = Path(__file__).resolve().parents[3] / "flows"
MINE = "id: {id}\ntitle: {title}\nsummary: Mine.\nminutes: 3\nsteps:\n  - kind: say\n    text: Hi.\n"


def write(folder: Path, name: str, flow_id: str, title: str = "Mine") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(MINE.format(id=flow_id, title=title))
    return path


def test_in_a_checkout_the_built_in_flows_are_the_repository_folder() -> None:
    assert builtin_flows_dir() == BUILTIN
    assert (builtin_flows_dir() / "pause-and-breathe.yaml").is_file()


def test_entries_list_the_built_ins_with_title_minutes_and_source(tmp_path: Path) -> None:
    entries = {e.id: e for e in Catalogue(BUILTIN, tmp_path).entries()}
    assert {"pause-and-breathe", "i-statement", "validate", "reconnect", "full", "aftermath"} <= set(entries)
    calm = entries["pause-and-breathe"]
    assert (calm.title, calm.source, calm.replaces) == ("Pause and breathe", "built-in", None)
    assert calm.minutes and calm.minutes > 0


def test_a_user_flow_with_a_built_in_id_wins_with_a_note(tmp_path: Path) -> None:
    user = tmp_path / "user"
    write(user, "calm.yaml", "pause-and-breathe", "My own pause")
    catalogue = Catalogue(BUILTIN, user)
    entry = catalogue.entry("pause-and-breathe")
    assert (entry.title, entry.source, entry.replaces) == ("My own pause", "user", "built-in")
    assert any("instead of the built-in flow" in n and "pause-and-breathe" in n for n in catalogue.notes)
    flow = catalogue.load("pause-and-breathe")
    assert flow.title == "My own pause" and flow.origin == "user"


def test_extra_folders_and_files_win_over_the_user_folder(tmp_path: Path) -> None:
    write(tmp_path / "user", "a.yaml", "shared", "From the user folder")
    extra_dir = tmp_path / "drafts"
    write(extra_dir, "b.yaml", "shared", "From --flows")
    single = write(tmp_path / "elsewhere", "c.yaml", "single", "A single file")
    catalogue = Catalogue(BUILTIN, tmp_path / "user", extra=[extra_dir, single])
    assert catalogue.entry("shared").title == "From --flows"
    assert catalogue.entry("shared").source == str(extra_dir / "b.yaml")
    assert catalogue.load("single").origin == str(single)


def test_listing_reads_only_the_top_lines_and_never_parses_plain_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "q.yaml").write_text('id: quoted\ntitle: "Quoted: with a colon" # note\nminutes: 4\nsteps: []\n')
    (folder / "p.yaml").write_text("id: plain\ntitle: Plain title\nsteps: []\n")
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed")))
    entries = {e.id: e for e in Catalogue(tmp_path / "none", folder).entries()}
    assert entries["quoted"].title == "Quoted: with a colon" and entries["quoted"].minutes == 4
    assert entries["plain"].title == "Plain title" and entries["plain"].minutes is None


def test_unusual_titles_fall_back_to_yaml_nodes(tmp_path: Path) -> None:
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "f.yaml").write_text("id: folded\ntitle: >\n  A folded\n  title\nsteps: []\n")
    (folder / "broken.yaml").write_text("title: [unclosed\n")
    entries = {e.id: e for e in Catalogue(tmp_path / "none", folder).entries()}
    assert entries["folded"].title == "A folded title\n"
    assert "broken" in entries  # listed by its file name; loading it explains what is wrong


def test_unknown_ids_suggest_the_closest(tmp_path: Path) -> None:
    with pytest.raises(UnknownFlow) as info:
        Catalogue(BUILTIN, tmp_path).load("pause-and-breath")
    assert info.value.suggestion == "pause-and-breathe"
    assert 'did you mean "pause-and-breathe"' in str(info.value)


def test_loading_a_broken_flow_raises_flow_error(tmp_path: Path) -> None:
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "bad.yaml").write_text("id: bad\ntitle: Bad\nsummary: x\nsteps:\n  - kind: sey\n")
    with pytest.raises(FlowError) as info:
        Catalogue(BUILTIN, folder).load("bad")
    assert [(p.line, p.column) for p in info.value.problems] == [(5, 11)]


def test_two_files_with_one_id_in_one_folder_keep_the_first_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "user"
    write(folder, "a.yaml", "twin", "First")
    write(folder, "b.yaml", "twin", "Second")
    catalogue = Catalogue(tmp_path / "none", folder)
    assert catalogue.entry("twin").title == "First"
    assert any("b.yaml" in n and "ignored" in n for n in catalogue.notes)


def test_builtin_flows_include_each_other_through_the_catalogue(tmp_path: Path) -> None:
    flow = Catalogue(BUILTIN, tmp_path).load("full")
    assert any(s.id.startswith("pause-and-breathe.") for s in flow.steps)
