"""scripts/bench works: one quick run, every figure measured and reported as a number.

Only the script is checked here. The figures themselves are never asserted: under
pytest-xdist they share two cores with the rest of the suite and are noisy by design.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RATIO_FIGURES = {"tui_usable", "tui_home_usable", "export_vs_dump", "cli_version", "cli_flows_list", "cli_history_json", "tui_launch", "tui_launch_home",
                 "tui_memory"}
FIGURES = RATIO_FIGURES | {
    "cpu_countdown", "cpu_breathing",
    "history_screen", "insights_screen", "history_query", "insights_query", "export_json",
    "export_vs_dump", "export_memory", "import_json", "import_memory", "forget_all", "history_json_memory",
    "validate_flows",
    "timer_stall", "timer_real",
}


@pytest.mark.slow
@pytest.mark.e2e
@pytest.mark.serial
@pytest.mark.skipif(shutil.which("tmux") is None,
                    reason="tmux is not installed, so the terminal figures cannot be measured")
def test_quick_bench_reports_every_figure_as_a_number() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    done = subprocess.run([str(ROOT / "scripts" / "bench"), "--quick", "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["failures"] == []
    assert report["quick"] is True
    assert set(report["figures"]) == FIGURES
    for key, figure in report["figures"].items():
        assert isinstance(figure["value"], (int, float)) and math.isfinite(figure["value"]), key
        assert figure["goal"] and isinstance(figure["met"], bool), key
    for key in RATIO_FIGURES:
        figure = report["figures"][key]
        assert figure["baseline"] > 0 and figure["ratio"] > 0, key
    assert report["machine"]["cpus"] >= 1 and report["machine"]["textual"]


@pytest.mark.slow
@pytest.mark.e2e
@pytest.mark.serial
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed, so there is no break screen to soak")
def test_the_memory_soak_runs_and_reports_slopes() -> None:
    # The real soak is two hours (scripts/bench --soak); half a minute proves the script.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GENTLE_")}
    done = subprocess.run([str(ROOT / "scripts" / "bench"), "--soak", "0.5", "--json"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    figure = json.loads(done.stdout)["figures"]["soak_rss_slope"]
    assert math.isfinite(figure["value"]) and math.isfinite(figure["baseline"])
    assert len(figure["samples"]) >= 10 and figure["unit"] == "KB/min"
