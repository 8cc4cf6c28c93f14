"""Keys typed the moment gentle appears, in a real terminal, all reach the flow.

Three Enters sent together as the first frame shows must walk three steps. In tmux they
were lost (two trials in three stayed on step 1): the session screen copied the keys the
opening screen had kept before the last of them arrived, and dropped keys that reached
it before its first step view was up.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from tmux_drive import Failed, Terminal  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FLOW = ROOT / "tests" / "fixtures" / "flows" / "four-says.yaml"


@pytest.mark.e2e
@pytest.mark.serial
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed, so there is no terminal to drive")
def test_three_enters_at_the_first_frame_walk_three_steps() -> None:
    home = Path(tempfile.mkdtemp(prefix="gentle-ahead-"))
    (home / "config").mkdir()
    (home / "config" / "config.yaml").write_text("partners: [Sam, Alex]\nfirst_run_acknowledged: true\n")
    term = Terminal(home)
    try:
        for trial in range(8):
            term.start("start", str(FLOW))
            deadline = time.monotonic() + 20
            while "Four steps" not in term.screen():
                if time.monotonic() > deadline:
                    raise Failed(f"gentle never showed the flow:\n{term.screen()}")
                time.sleep(0.005)
            term.tmux("send-keys", "-t", term.pane or "e2e", "Enter", "Enter", "Enter")
            try:
                term.wait_for("Step 4 of 4", timeout=10)
            except Failed as error:
                pytest.fail(f"trial {trial + 1}: {error}")
    finally:
        term.stop()
        shutil.rmtree(home, ignore_errors=True)
