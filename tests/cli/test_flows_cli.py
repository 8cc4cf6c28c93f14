"""`gentle flows ...` run as an author would run it: exit codes, output format, files.

Every command here runs in a subprocess with its own GENTLE_HOME, so the user's own
flows never leak in, and stderr is checked for tracebacks.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOWS = ROOT / "flows"
BROKEN = ROOT / "tests" / "fixtures" / "broken"
BUILT_IN_IDS = {"pause-and-breathe", "i-statement", "validate", "reconnect", "full", "aftermath", "time-out-plan"}
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<warning>warning: )?(?P<msg>.+)$")


def gentle(home: Path, *args: str, python_flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    env["GENTLE_HOME"] = str(home)
    result = subprocess.run([sys.executable, *python_flags, "-m", "gentle", *args], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def user_flows(home: Path) -> Path:
    return home / "config" / "flows"


# -- list ---------------------------------------------------------------------------------


def test_list_shows_every_built_in_flow_with_its_title_minutes_and_source(home: Path) -> None:
    result = gentle(home, "flows", "list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "MINUTES", "SOURCE"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == BUILT_IN_IDS
    assert "Pause and breathe" in rows["pause-and-breathe"]
    assert rows["pause-and-breathe"].rstrip().endswith("built-in")


def test_list_json_and_a_user_flow_that_replaces_a_built_in(home: Path) -> None:
    user_flows(home).mkdir(parents=True)
    (user_flows(home) / "mine.yaml").write_text(
        "id: validate\ntitle: My listening\nsummary: Mine.\nsteps:\n  - kind: say\n    text: Hi.\n")
    result = gentle(home, "flows", "list", "--json")
    assert result.returncode == 0
    entries = {e["id"]: e for e in json.loads(result.stdout)}
    assert set(entries) == BUILT_IN_IDS
    assert entries["validate"]["source"] == "user" and entries["validate"]["replaces"] == "built-in"
    assert entries["validate"]["title"] == "My listening"
    assert entries["full"]["minutes"] > 0 and entries["full"]["source"] == "built-in"
    assert "instead of the built-in flow" in result.stderr


def test_flows_option_adds_a_folder(home: Path) -> None:
    result = gentle(home, "flows", "--flows", str(BROKEN), "list", "--json")
    ids = {e["id"] for e in json.loads(result.stdout)}
    assert {"unreachable", "loop"} <= ids and BUILT_IN_IDS <= ids


# -- show ---------------------------------------------------------------------------------


def test_show_prints_an_outline_with_routes(home: Path) -> None:
    result = gentle(home, "flows", "show", "pause-and-breathe")
    assert result.returncode == 0
    assert result.stdout.startswith("Pause and breathe")
    assert re.search(r"^\s+2\. check-in\s+rate", result.stdout, re.M)
    assert "-> cool-down  if either partner's check-in is at least 7" in result.stdout
    assert "Sources:" in result.stdout


def test_show_json_is_the_normalised_flow_with_every_step_id_and_kind(home: Path) -> None:
    result = gentle(home, "flows", "show", "full", "--json")
    assert result.returncode == 0
    flow = json.loads(result.stdout)
    assert flow["id"] == "full"
    assert all(step["id"] and step["kind"] in {"say", "breathe", "timer", "rate", "write", "choose",
                                               "checklist", "turns", "support"} for step in flow["steps"])
    ids = [s["id"] for s in flow["steps"]]
    assert "pause-and-breathe.check-in" in ids and len(ids) == len(set(ids))


def test_show_accepts_a_path(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "draft.yaml"
    path.write_text("id: draft\ntitle: A draft\nsummary: x\nsteps:\n  - kind: say\n    text: Hi.\n")
    result = gentle(home, "flows", "show", str(path), "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["steps"][0]["id"] == "step-1"


def test_show_an_unknown_id_is_one_line_with_a_suggestion(home: Path) -> None:
    result = gentle(home, "flows", "show", "pause-and-breath")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        'gentle: there is no flow with the id "pause-and-breath"; did you mean "pause-and-breathe"? '
        "(see `gentle flows list`)"]


def test_show_a_broken_file_prints_its_problems(home: Path) -> None:
    result = gentle(home, "flows", "show", str(BROKEN / "loop.yaml"))
    assert result.returncode == 1
    assert f"{BROKEN / 'loop.yaml'}:12:5: a loop with no way out" in result.stderr


# -- validate -----------------------------------------------------------------------------


def test_validate_the_built_in_flows_exits_0_and_prints_no_problem(home: Path) -> None:
    result = gentle(home, "flows", "validate", *map(str, sorted(FLOWS.glob("*.yaml"))))
    assert result.returncode == 0, result.stdout
    assert result.stdout == "All 7 flow file(s) are valid.\n" and result.stderr == ""


def test_validate_broken_files_prints_every_problem_as_path_line_col(home: Path) -> None:
    result = gentle(home, "flows", "validate", str(BROKEN))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        assert PROBLEM_LINE.match(line), line
    paths = {PROBLEM_LINE.match(line)["path"] for line in lines}
    assert paths == {str(p) for p in BROKEN.glob("*.yaml")}
    assert f"{BROKEN / 'routes.yaml'}:11:22: no step has the id \"chek-in\"; did you mean \"check-in\"?" in lines
    assert f"{BROKEN / 'unreachable.yaml'}:9:5: warning: step \"forgotten\" can never be reached: " \
           "no step leads to it" in lines
    assert f"{len(paths) - 3} of {len(paths)} flow file(s) have problems." in result.stderr


def test_warnings_fail_only_with_strict(home: Path) -> None:
    path = str(BROKEN / "method-warnings.yaml")
    relaxed = gentle(home, "flows", "validate", path)
    assert relaxed.returncode == 0
    *problems, verdict = relaxed.stdout.splitlines()
    assert [m["warning"] for m in map(PROBLEM_LINE.match, problems)] == ["warning: "] * 3
    # The answer asked for is on stdout too, after the warnings, which it counts.
    assert verdict == "All 1 flow file(s) are valid (3 warnings above)."
    strict = gentle(home, "flows", "validate", "--strict", path)
    assert strict.returncode == 1 and strict.stdout.splitlines() == problems


def test_validate_a_missing_file(home: Path, tmp_path: Path) -> None:
    result = gentle(home, "flows", "validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert result.stdout == f"{tmp_path / 'nope.yaml'}:1:1: there is no such file\n"


def test_validate_resolves_includes_among_the_files_given(home: Path, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("id: a\ntitle: A\nsummary: x\nsteps:\n  - kind: include\n    flow: b\n")
    (tmp_path / "b.yaml").write_text("id: b\ntitle: B\nsummary: x\nsteps:\n  - kind: say\n    text: Hi.\n")
    assert gentle(home, "flows", "validate", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")).returncode == 0
    alone = gentle(home, "flows", "validate", str(tmp_path / "a.yaml"))
    assert alone.returncode == 1 and 'there is no flow with the id "b"' in alone.stdout


# -- schema and new -----------------------------------------------------------------------


def test_schema_prints_json_schema(home: Path) -> None:
    result = gentle(home, "flows", "schema")
    schema = json.loads(result.stdout)
    assert result.returncode == 0 and schema["$schema"].endswith("2020-12/schema")
    assert set(schema["required"]) == {"id", "title", "summary", "steps"}


def test_new_writes_a_valid_starter_to_the_user_folder_and_never_overwrites(home: Path) -> None:
    result = gentle(home, "flows", "new", "my-flow")
    path = user_flows(home) / "my-flow.yaml"
    assert result.returncode == 0 and str(path) in result.stdout
    text = path.read_text()
    assert text.startswith("#") and "id: my-flow" in text
    check = gentle(home, "flows", "validate", "--strict", str(path))
    assert check.returncode == 0 and check.stdout == "All 1 flow file(s) are valid.\n"
    assert "my-flow" in gentle(home, "flows", "list").stdout
    path.write_text(text + "# my edits\n")
    again = gentle(home, "flows", "new", "my-flow")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text().endswith("# my edits\n")


def test_new_refuses_an_invalid_id(home: Path) -> None:
    result = gentle(home, "flows", "new", "My Flow")
    assert result.returncode == 1 and "not a valid flow id" in result.stderr
    assert not user_flows(home).exists()


# -- walk ---------------------------------------------------------------------------------


def test_walk_follows_the_routes_the_answers_choose(home: Path, tmp_path: Path) -> None:
    flooded = tmp_path / "flooded.yaml"
    flooded.write_text("check-in: [8, 3]\ncheck-again: [2, 2]\n")
    calm = tmp_path / "calm.yaml"
    calm.write_text("check-in: [2, 3]\n")
    hot = json.loads(gentle(home, "flows", "walk", "pause-and-breathe", "--answers", str(flooded),
                            "--json").stdout)
    assert hot["path"][:3] == ["welcome", "check-in", "cool-down"]
    cool = json.loads(gentle(home, "flows", "walk", "pause-and-breathe", "--answers", str(calm),
                             "--json").stdout)
    assert "cool-down" not in cool["path"] and cool["path"][2] == "breathe"
    assert ["check-again", 0] in cool["defaulted"]


def test_walk_text_output_names_the_partners_and_marks_defaults(home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("check-in: [8, 3]\n")
    result = gentle(home, "flows", "walk", "pause-and-breathe", "--answers", str(answers),
                    "--partner", "Sam", "--partner", "Alex")
    assert result.returncode == 0
    assert "walked with Sam and Alex" in result.stdout
    assert re.search(r"check-in\s+Sam: 8$", result.stdout, re.M)
    assert re.search(r"check-again\s+Alex: \d+  \(default: no answer given\)$", result.stdout, re.M)


@pytest.mark.parametrize("content, message", [
    ("chek-in: 3\n", "did you mean 'check-in'"),
    ("check-in: [1, 2\n", "YAML syntax"),
    ("- just a list\n", "maps step ids to answers"),
    ("check-in: [11, 3]\n", "check-in"),
])
def test_walk_with_answers_that_do_not_fit_is_one_line(home: Path, tmp_path: Path, content: str,
                                                       message: str) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(content)
    result = gentle(home, "flows", "walk", "pause-and-breathe", "--answers", str(answers))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("gentle: ")
    assert message in result.stderr


RAISED = """\
id: raised
title: Who raised it
summary: Options with names in them, a rating each, and turns.
steps:
  - id: who-raised
    kind: choose
    ask: Who raised it?
    options: ["{partner1} raised it", "{partner2} raised it", "Not sure"]
  - id: helps
    kind: checklist
    ask: What would help?
    items: ["{both} take a walk", "Tea"]
  - id: check-in
    kind: rate
    ask: How are you?
  - id: exchange
    kind: turns
    speaker_prompt: Say what bothered you.
    listener_prompts: ["What I heard is…"]
"""


def walk_raised(home: Path, tmp_path: Path, answers: str) -> subprocess.CompletedProcess[str]:
    flow = tmp_path / "raised.yaml"
    flow.write_text(RAISED)
    given = tmp_path / "answers.yaml"
    given.write_text(answers)
    return gentle(home, "flows", "walk", str(flow), "--answers", str(given), "--json",
                  "--partner", "Sam", "--partner", "Morgan")


def refusal(result: subprocess.CompletedProcess[str], where: str) -> str:
    """The one line a refused answers file gets: exit 1, the file and step, no traceback."""
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("gentle: ") and f"answers.yaml: {where}: " in lines[0], lines[0]
    return lines[0]


def test_walk_takes_options_and_items_as_written_or_as_the_partners_see_them(home: Path,
                                                                              tmp_path: Path) -> None:
    result = walk_raised(home, tmp_path, 'who-raised: [Morgan raised it, "{partner1} raised it"]\n'
                                         "helps: [Sam and Morgan take a walk, Tea]\n"
                                         "check-in: [7, 4]\n")
    assert result.returncode == 0, result.stderr
    values = {(a["step"], a["partner"]): a["value"] for a in json.loads(result.stdout)["answers"]}
    assert values[("who-raised", 0)] == "{partner2} raised it"  # stored as the flow writes it
    assert values[("who-raised", 1)] == "{partner1} raised it"
    assert values[("helps", None)] == ["{both} take a walk", "Tea"]


def test_walk_a_wrong_option_lists_the_options_as_seen_with_a_did_you_mean(home: Path,
                                                                           tmp_path: Path) -> None:
    line = refusal(walk_raised(home, tmp_path, "who-raised: [Not sure, Sam rased it]\ncheck-in: [1, 2]\n"),
                   "who-raised (Morgan's answer)")
    assert "“Sam rased it” is not one of its options; did you mean “Sam raised it”?" in line
    assert "(the options are: “Sam raised it”, “Morgan raised it”, “Not sure”)" in line
    line = refusal(walk_raised(home, tmp_path, "helps: [Coffee]\ncheck-in: [1, 2]\n"), "helps")
    assert "did you mean" not in line and "the items are: “Sam and Morgan take a walk”, “Tea”" in line


def test_walk_one_number_for_an_each_step_is_an_error_showing_one_per_partner(home: Path,
                                                                              tmp_path: Path) -> None:
    line = refusal(walk_raised(home, tmp_path, "check-in: 7\n"), "check-in")
    assert "one per partner, in partner order (Sam's, then Morgan's)" in line
    assert "`check-in: [7, 7]`" in line and "never used for both" in line
    line = refusal(walk_raised(home, tmp_path, "check-in: [7, 4, 2]\n"), "check-in")
    assert "3 answers are given" in line and "`check-in: [7, 4]`" in line


@pytest.mark.parametrize("answers, words", [
    ("exchange: [yes, You felt alone.]\n", 'the mirror was read as yes/no, not as words'),
    ("exchange: [{speaker: 0, mirror: no}]\n", 'put the words in quotes, like "no"'),
    ("exchange: [42]\n", 'read as the number 42, not as words; put it in quotes, like "42"'),
])
def test_walk_a_mirror_yaml_read_as_yes_no_or_a_number_is_refused(home: Path, tmp_path: Path,
                                                                  answers: str, words: str) -> None:
    assert words in refusal(walk_raised(home, tmp_path, "check-in: [1, 2]\n" + answers), "exchange")


def test_walk_heard_yes_or_no_in_a_turns_answer_is_typed(home: Path, tmp_path: Path) -> None:
    result = walk_raised(home, tmp_path, "check-in: [1, 2]\nexchange:\n"
                                         "  - {speaker: 0, mirror: You were tired., heard: yes}\n"
                                         "  - {speaker: 1, mirror: \"yes\", heard: no}\n")
    assert result.returncode == 0, result.stderr
    turns = next(a["value"] for a in json.loads(result.stdout)["answers"] if a["step"] == "exchange")
    assert [(t["mirror"], t["heard"], t["confirmed"]) for t in turns] == [
        ("You were tired.", [True], True), ("yes", [False], False)]


# -- staying light ------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("flows", "list"), ("--version",), ("flows", "show", "full"),
                                  ("flows", "validate", str(FLOWS)), ("flows", "schema"),
                                  ("flows", "handout", "validate", "-f", "html", "-p", "Sam", "-p", "Alex")])
def test_commands_that_open_no_screen_never_import_textual(home: Path, args: tuple[str, ...]) -> None:
    result = gentle(home, *args, python_flags=("-X", "importtime"))
    assert result.returncode == 0
    imported = [line.split("|")[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")]
    assert any(name.strip() == "gentle.cli" for name in imported)  # the measurement worked
    assert [m for m in imported if m.split(".")[0] == "textual"] == []


def test_walk_never_imports_textual_either(home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("{}\n")
    result = gentle(home, "flows", "walk", "full", "--answers", str(answers), python_flags=("-X", "importtime"))
    assert result.returncode == 0
    imported = [line.split("|")[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")]
    assert "gentle.engine.walk" in imported
    assert [m for m in imported if m.split(".")[0] == "textual"] == []


def test_validating_a_thousand_small_files_takes_under_two_seconds(tmp_path: Path) -> None:
    from gentle.flows.catalogue import Catalogue
    from gentle.flows.loader import check_flow

    for i in range(1000):
        (tmp_path / f"f{i:04}.yaml").write_text(
            f"id: f{i}\ntitle: Flow {i}\nsummary: Small.\nsteps:\n  - kind: say\n    text: Hi {{both}}.\n"
            "  - kind: rate\n    id: check\n    ask: \"{partner}?\"\n    next:\n      - go: end\n"
            "        when: {at_least: 7}\n  - kind: breathe\n    pattern: box\n    cycles: 4\n")
    started = time.process_time()  # CPU time: other work on the machine does not count
    lookup = Catalogue(FLOWS, tmp_path / "none").resolver()
    results = [check_flow(path, lookup) for path in sorted(tmp_path.glob("*.yaml"))]
    spent = time.process_time() - started
    assert all(flow is not None and not problems for flow, problems in results)
    assert spent < 2.0, f"{spent:.2f} s"


def test_walk_save_keeps_a_completed_session_in_the_notes(home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("check-in: [8, 3]\ncheck-again: [2, 1]\n", encoding="utf-8")
    done = gentle(home, "flows", "walk", "pause-and-breathe", "--answers", str(answers),
                  "--partner", "Sam", "--partner", "Alex", "--save")
    assert done.returncode == 0, done.stderr
    assert "Saved as session" in done.stderr
    listed = json.loads(gentle(home, "history", "--json").stdout)
    assert len(listed) == 1
    [row] = listed
    assert row["flow_id"] == "pause-and-breathe" and row["outcome"] == "completed"
    shown = gentle(home, "show", row["id"]).stdout
    assert "Sam: 8 of 10" in shown and "Alex: 3 of 10" in shown and "A proper break" in shown
    # Without --save nothing is kept.
    gentle(home, "flows", "walk", "pause-and-breathe", "--answers", str(answers))
    assert len(json.loads(gentle(home, "history", "--json").stdout)) == 1


def test_walk_save_with_answers_that_dont_fit_keeps_nothing(home: Path, tmp_path: Path) -> None:
    import sqlite3

    answers = tmp_path / "answers.yaml"
    answers.write_text("check-in: [8, 13]\n", encoding="utf-8")  # 13 is off the scale
    done = gentle(home, "flows", "walk", "pause-and-breathe", "--answers", str(answers), "--save")
    assert done.returncode == 1 and "Saved as session" not in done.stderr
    database = home / "data" / "gentle.db"
    if database.exists():
        with sqlite3.connect(database) as conn:
            assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
    assert json.loads(gentle(home, "history", "--json").stdout) == []


def test_a_rehearsal_is_never_called_one_that_can_be_continued() -> None:
    from gentle.store import describe

    assert "can be continued" in describe.outcome("interrupted")
    assert "can be continued" not in describe.outcome("interrupted", "walk")
    assert "rehearsal" in describe.outcome("interrupted", "walk")


def test_walk_checks_partner_names_as_start_does(tmp_path) -> None:
    from typer.testing import CliRunner

    from gentle.cli import app as cli

    answers = tmp_path / "a.yaml"
    answers.write_text("check-in: [3, 2]\n")
    for names, words in ((["a" * 1_000_000], "longer than 40"), (["Sam", "sam"], "different names"),
                         (["A", "B", "C"], "at most twice")):
        args = ["flows", "walk", "pause-and-breathe", "--answers", str(answers)]
        for name in names:
            args += ["--partner", name]
        result = CliRunner().invoke(cli, args, env={"GENTLE_HOME": str(tmp_path / "home")})
        assert result.exit_code != 0 and words in result.output, result.output
        assert len(result.output) < 300


def test_flows_list_marks_a_broken_flow_of_ones_own(home: Path) -> None:
    folder = home / "config" / "flows"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.yaml").write_text("id: mine\ntitle: My flow\nsummary: x\nsteps:\n  - kind: rate\n"
                                      "    ask: hi\n    next: nowhere\n", encoding="utf-8")
    (folder / "fine.yaml").write_text("id: fine\ntitle: Fine\nsummary: x\nsteps:\n  - kind: say\n"
                                      "    text: Hello.\n", encoding="utf-8")
    done = gentle(home, "flows", "list")
    assert done.returncode == 0
    [mine] = [line for line in done.stdout.splitlines() if line.startswith("mine ")]
    [fine] = [line for line in done.stdout.splitlines() if line.startswith("fine ")]
    assert "has a problem" in mine and "has a problem" not in fine
    assert 'no step has the id "nowhere"' in done.stderr and "gentle flows validate" in done.stderr
    listed = {row["id"]: row for row in json.loads(gentle(home, "flows", "list", "--json").stdout)}
    assert listed["mine"]["ok"] is False and "nowhere" in listed["mine"]["problem"]
    assert listed["fine"]["ok"] is True and listed["pause-and-breathe"]["ok"] is True


def test_validate_speaks_json_with_every_problem_as_an_object(home: Path) -> None:
    path = str(BROKEN / "method-warnings.yaml")
    done = gentle(home, "flows", "validate", "--json", path, str(FLOWS / "validate.yaml"))
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["files"] == 2 and data["failed"] == 0
    assert len(data["problems"]) == 3
    for problem in data["problems"]:
        assert set(problem) == {"file", "line", "col", "message", "severity"}
        assert problem["file"] == path and problem["severity"] == "warning" and problem["line"] >= 1
    strict = gentle(home, "flows", "validate", "--json", "--strict", path)
    assert strict.returncode == 1 and json.loads(strict.stdout)["failed"] == 1


def test_schema_install_writes_a_private_file_and_never_replaces_anothers(home: Path) -> None:
    done = gentle(home, "flows", "schema", "--install")
    assert done.returncode == 0
    target = Path(done.stdout.strip())
    assert target == home / "config" / "flow.schema.json"
    assert json.loads(target.read_text())["$id"].startswith("urn:gentle")
    assert (target.stat().st_mode & 0o777) == 0o600
    assert f"$schema={target.as_uri()}" in done.stderr
    assert gentle(home, "flows", "schema", "--install").returncode == 0  # its own: replaced
    target.write_text("my own notes\n")
    refused = gentle(home, "flows", "schema", "--install")
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert target.read_text() == "my own notes\n"
    assert gentle(home, "flows", "schema", "--install", "--force").returncode == 0
    assert json.loads(target.read_text())["$id"].startswith("urn:gentle")


def test_a_new_flow_points_an_editor_at_the_installed_schema(home: Path) -> None:
    assert gentle(home, "flows", "new", "mine").returncode == 0
    first = (home / "config" / "flows" / "mine.yaml").read_text().splitlines()[0]
    schema = home / "config" / "flow.schema.json"
    assert first == f"# yaml-language-server: $schema={schema.as_uri()}"
    assert schema.is_file()
