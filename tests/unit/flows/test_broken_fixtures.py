"""Every broken fixture fails (or warns) exactly where and how its trailer says.

Each file in tests/fixtures/broken/ ends with lines such as

    # expect: 9:13: no step has the id "nowhere"
    # expect warning: 10:9: this route is never tried

The test loads the file the way `gentle flows validate` does and requires the same set
of positions and severities, with each expected text inside the real message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gentle.flows.catalogue import Catalogue
from gentle.flows.loader import check_flow, load_flow
from gentle.flows.model import FlowError

BROKEN = Path(__file__).resolve().parents[2] / "fixtures" / "broken"

EXPECT = re.compile(r"^# expect( warning)?: (\d+):(\d+): (.*)$")
FIXTURES = sorted(BROKEN.glob("*.yaml"))


def expectations(path: Path) -> list[tuple[str, int, int, str]]:
    found = []
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        match = EXPECT.match(line)
        if match:
            severity = "warning" if match.group(1) else "error"
            found.append((severity, int(match.group(2)), int(match.group(3)), match.group(4)))
    return found


def test_there_is_a_fixture_for_every_family_of_check() -> None:
    names = {p.stem for p in FIXTURES}
    for needed in ("syntax-colon", "tabs", "not-utf8", "comments-only", "top-list", "missing-fields",
                   "mistyped", "unknown-names", "duplicate-keys", "duplicate-ids", "routes", "unreachable",
                   "loop", "durations", "yaml11-booleans", "yaml11-sexagesimal", "yaml11-octal",
                   "yaml11-dates", "yaml11-inf-nan", "alias-bomb", "alias-self", "deep-brackets",
                   "deep-indent", "method-warnings", "placeholders", "include-cycle-a", "include-missing"):
        assert needed in names


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_reports_exactly_what_it_expects(path: Path, catalogue: Catalogue) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} has no `# expect:` lines"
    flow, problems = check_flow(path, catalogue.resolver())
    own = [p for p in problems if p.path == str(path)]
    got = {(p.severity, p.line, p.column): p.message for p in own}
    assert len(got) == len(own), "two problems at one position: " + "\n".join(map(str, own))
    assert set(got) == {(s, line, col) for s, line, col, _ in expected}, "\n".join(map(str, own))
    for severity, line, col, text in expected:
        assert text in got[(severity, line, col)]
    has_errors = any(s == "error" for s, *_ in expected)
    assert (flow is None) == has_errors


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_load_flow_raises_flow_error_with_errors_only(path: Path, catalogue: Catalogue) -> None:
    expected = expectations(path)
    if not any(s == "error" for s, *_ in expected):
        flow = load_flow(path, lookup=catalogue.resolver())
        assert flow.steps
        return
    with pytest.raises(FlowError) as info:
        load_flow(path, lookup=catalogue.resolver())
    assert info.value.problems
    assert all(p.severity == "error" for p in info.value.problems)
    first = next(p for p in info.value.problems if p.path == str(path))
    assert str(first).startswith(f"{path}:{first.line}:{first.column}: ")
