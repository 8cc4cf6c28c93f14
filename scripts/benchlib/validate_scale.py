"""``gentle flows validate`` over 1,000 generated flow files, in one command."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchlib.common import GENTLE, ROOT, Figure


def generate(folder: Path, files: int) -> list[str]:
    """Copies of the built-in flows (not the one that includes others), each its own id."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "flows").glob("*.yaml"))]
    texts = [t for t in texts if "kind: include" not in t]
    for i in range(files):
        body = "".join(line for line in texts[i % len(texts)].splitlines(keepends=True)
                       if not line.startswith("id:"))
        (folder / f"flow-{i:04d}.yaml").write_text(f"id: generated-{i}\n{body}", encoding="utf-8")
    return [str(p) for p in sorted(folder.glob("*.yaml"))]


def validate_figure(runs: int, files: int, env: dict) -> Figure:
    folder = Path(tempfile.mkdtemp(prefix="gentle-bench-flows-"))
    try:
        paths = generate(folder, files)
        samples, outcome = [], None
        for _ in range(runs):
            start = time.perf_counter()
            outcome = subprocess.run(GENTLE + ["flows", "validate", *paths], env=env,
                                     capture_output=True, text=True, check=False)
            samples.append(time.perf_counter() - start)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    value = statistics.median(samples)
    valid = outcome is not None and outcome.returncode == 0
    note = (f"all {files:,} valid" if valid
            else f"exit {outcome.returncode}: {(outcome.stderr or outcome.stdout)[:200]}")
    return Figure("validate_flows", f"flows validate, {files:,} files", value * 1000, "ms",
                  goal="< 2 s in all", met=value < 2.0 and valid, note=note,
                  samples=[round(s * 1000, 1) for s in samples])
