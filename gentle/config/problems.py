"""What went wrong in a settings file or variable, said with where it happened."""

from __future__ import annotations

from typing import Literal

from gentle.records import record


@record
class ConfigProblem:
    """One problem in config.yaml, resources.yaml or a GENTLE_* environment variable.

    ``line``/``column`` are 1-based and None when the value came from the environment
    or the whole file is affected. ``message`` already says what gentle does instead
    (usually: uses the default), so it can be shown as it is.
    """

    path: str
    line: int | None
    column: int | None
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        tag = "" if self.severity == "error" else "warning: "
        return f"{where}: {tag}{self.message}"
