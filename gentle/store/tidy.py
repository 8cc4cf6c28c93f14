"""Values read back from the notes file, made safe to show, whatever wrote them.

gentle writes its rows carefully, and imports are checked (import_check.py); but a row
an older gentle wrote badly, or a file edited by hand, must never stop history, show or
export. Readers pass what they read through these: a time that isn't one becomes None,
text becomes text of a length a screen can hold, JSON that doesn't parse becomes a
fallback. Rows that can't be shown at all are left out, and the reader says so.
"""

from __future__ import annotations

import json
import math
from typing import Any

from gentle.store.import_check import EARLIEST, LATEST, MAX_NAME, MAX_TITLE

MAX_SHOWN = 1_000_000


def time_or_none(value: Any) -> float | None:
    if type(value) not in (int, float) or not math.isfinite(value) or not EARLIEST <= value <= LATEST:
        return None
    return float(value)


def number_or_none(value: Any, limit: float = 1e9) -> float | None:
    if type(value) not in (int, float) or not math.isfinite(value) or abs(value) > limit:
        return None
    return float(value)


def partner_or_none(value: Any) -> int | None:
    return value if type(value) is int and value in (0, 1) else None


def text(value: Any, limit: int = MAX_SHOWN) -> str:
    shown = value if isinstance(value, str) else ("" if value is None else str(value))
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def name(value: Any) -> str:
    return text(value, MAX_NAME)


def title(value: Any) -> str:
    return text(value, MAX_TITLE)


def json_or(body: Any, fallback: Any) -> Any:
    try:
        return json.loads(body) if isinstance(body, (str, bytes)) else fallback
    except (ValueError, RecursionError):
        return fallback
