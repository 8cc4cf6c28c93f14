"""The package as it would be published: its name, its metadata, and a fresh install
that runs. Built from this checkout with pip, installed into a new venv with the exact
versions of requirements-lock.txt."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.skip(f"pip could not build the wheel here (no build backend reachable?): {done.stderr[-400:]}")
    [built] = out.glob("*.whl")
    return built


def test_the_wheel_is_gentle_couples_with_its_license_and_flows(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = Parser().parsestr(archive.read(metadata).decode())
    assert meta["Name"] == "gentle-couples"
    assert meta["License-Expression"] == "MIT" and any(n.endswith("licenses/LICENSE") for n in names)
    assert meta["Author"] and meta.get_all("Classifier")
    requires = meta.get_all("Requires-Dist")
    assert "textual<9,>=8.2.8" in requires and "rich>=14.2" in requires
    assert "gentle/builtin_flows/pause-and-breathe.yaml" in names
    entry_points = archive_text(wheel, "entry_points.txt")
    assert "gentle = gentle.launch:main" in entry_points


def archive_text(wheel: Path, suffix: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(suffix)]
        return archive.read(name).decode()


@pytest.mark.slow
def test_a_fresh_venv_installs_the_wheel_and_gentle_runs(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
                              "-c", str(ROOT / "requirements-lock.txt"), str(wheel)],
                             capture_output=True, text=True, timeout=600)
    if install.returncode != 0:
        pytest.skip(f"no package index reachable for the dependencies: {install.stderr[-400:]}")
    shown = subprocess.run([str(venv / "bin" / "pip"), "show", "gentle-couples"], capture_output=True, text=True)
    assert "Name: gentle-couples" in shown.stdout
    version = subprocess.run([str(venv / "bin" / "gentle"), "--version"], capture_output=True, text=True,
                             cwd=tmp_path, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("gentle ")
    flows = subprocess.run([str(venv / "bin" / "gentle"), "flows", "list"], capture_output=True, text=True,
                           cwd=tmp_path, timeout=60, env={"GENTLE_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"})
    assert flows.returncode == 0 and "pause-and-breathe" in flows.stdout and "built-in" in flows.stdout


def test_the_lock_file_pins_what_the_package_needs() -> None:
    pinned = {line.split("==")[0].lower(): line.split("==")[1]
              for line in (ROOT / "requirements-lock.txt").read_text().splitlines()
              if line and not line.startswith("#")}
    for name in ("textual", "rich", "typer", "pyyaml", "platformdirs", "pytest", "hypothesis"):
        assert name in pinned, name
    assert pinned["textual"].startswith("8.") and tuple(map(int, pinned["rich"].split(".")[:2])) >= (14, 2)
