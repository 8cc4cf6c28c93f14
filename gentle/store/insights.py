"""What the history says over time: computed with SQL aggregation over the session rows.

Only sessions the couple actually ran count (``source = 'app'``): rehearsals recorded
with ``gentle flows walk --save`` are scripted answers, not feelings; and a session only
opened (``history.holds_something``) is not counted, as history doesn't show it. A "drop" is how far
distress fell from the first to the last rating in a session, averaged over the
partners who rated at least twice (positive is better).
"""

from __future__ import annotations

from datetime import date, timedelta

from gentle.records import record
from gentle.store.db import Store
from gentle.store.history import holds_something

_RAN = f"source = 'app' AND {holds_something()}"  # the sessions insights are about

_DROP = (
    "(coalesce(distress_before_a - distress_after_a, 0)"
    " + coalesce(distress_before_b - distress_after_b, 0)) * 1.0"
    " / ((distress_after_a IS NOT NULL) + (distress_after_b IS NOT NULL))"
)
_HAS_DROP = "(distress_after_a IS NOT NULL OR distress_after_b IS NOT NULL)"
_MONDAY = "date(started_at, 'unixepoch', 'localtime', '-6 days', 'weekday 1')"


@record
class DropPoint:
    session_id: str
    started_at: float
    flow_id: str
    drop: float


@record
class WeekCount:
    week_start: date  # the Monday, local time
    sessions: int


@record
class FlowHelp:
    flow_id: str
    title: str
    sessions: int
    rated_sessions: int  # sessions with a before and an after rating
    average_drop: float | None


@record
class CalmPoint:
    session_id: str
    started_at: float
    seconds: float


@record
class BreakCount:
    called_by: int | None  # 0, 1, or None when the flow itself called the break
    name: str  # the partner's name in the latest session, or "the flow"
    breaks: int
    per_session: float


@record
class Insights:
    sessions: int
    completed: int
    drops: tuple[DropPoint, ...]  # oldest first
    weeks: tuple[WeekCount, ...]  # every week from the first session to the last, zeros kept
    flows: tuple[FlowHelp, ...]  # most helpful first
    calm: tuple[CalmPoint, ...]  # oldest first
    average_calm_seconds: float | None
    breaks: tuple[BreakCount, ...]

    @property
    def average_drop(self) -> float | None:
        return sum(d.drop for d in self.drops) / len(self.drops) if self.drops else None


def compute(store: Store) -> Insights:
    with store.read() as conn:
        sessions, completed = conn.execute(
            "SELECT count(*), coalesce(sum(outcome = 'completed'), 0)"
            f" FROM sessions WHERE {_RAN}"
        ).fetchone()
        drops = conn.execute(
            f"SELECT id, started_at, flow_id, {_DROP} FROM sessions"
            f" WHERE {_RAN} AND {_HAS_DROP} ORDER BY started_at"
        ).fetchall()
        weeks = conn.execute(
            f"SELECT {_MONDAY} AS monday, count(*) FROM sessions WHERE {_RAN}"
            " GROUP BY monday ORDER BY monday"
        ).fetchall()
        flows = conn.execute(
            f"SELECT flow_id, flow_title, max(started_at), count(*), sum({_HAS_DROP}),"
            f" avg(CASE WHEN {_HAS_DROP} THEN {_DROP} END) AS helped"
            f" FROM sessions WHERE {_RAN} GROUP BY flow_id"
            " ORDER BY helped IS NULL, helped DESC, count(*) DESC"
        ).fetchall()
        calm = conn.execute(
            "SELECT id, started_at, calm_seconds FROM sessions"
            f" WHERE {_RAN} AND calm_seconds IS NOT NULL ORDER BY started_at"
        ).fetchall()
        breaks = conn.execute(
            "SELECT t.called_by, count(*) FROM timings t JOIN sessions s ON s.id = t.session_id"
            " WHERE t.kind = 'break' AND s.source = 'app' GROUP BY t.called_by"
        ).fetchall()
        latest = conn.execute(
            f"SELECT partner_a, partner_b FROM sessions WHERE {_RAN}"
            " ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    names = latest or ("Partner A", "Partner B")
    calm_points = tuple(CalmPoint(r[0], r[1], r[2]) for r in calm)
    return Insights(
        sessions=sessions,
        completed=completed,
        drops=tuple(DropPoint(r[0], r[1], r[2], r[3]) for r in drops),
        weeks=_every_week(weeks),
        flows=tuple(FlowHelp(r[0], r[1], r[3], r[4] or 0, r[5]) for r in flows),
        calm=calm_points,
        average_calm_seconds=(
            sum(c.seconds for c in calm_points) / len(calm_points) if calm_points else None
        ),
        breaks=_breaks(breaks, names, sessions),
    )


def _every_week(rows: list[tuple[str, int]]) -> tuple[WeekCount, ...]:
    # Quiet weeks are part of the story: keep them as zeros between the first and last.
    if not rows:
        return ()
    counts = {date.fromisoformat(monday): n for monday, n in rows}
    week, last = min(counts), max(counts)
    out = []
    while week <= last:
        out.append(WeekCount(week, counts.get(week, 0)))
        week += timedelta(days=7)
    return tuple(out)


def _breaks(
    rows: list[tuple[int | None, int]], names: tuple[str, str], sessions: int
) -> tuple[BreakCount, ...]:
    counts = {called_by: n for called_by, n in rows}
    out = []
    for who in (0, 1, None):
        n = counts.get(who, 0)
        if who is None and n == 0:
            continue  # only mention the flow when it actually called breaks
        name = names[who] if who is not None else "the flow"
        out.append(BreakCount(who, name, n, n / sessions if sessions else 0.0))
    return tuple(out)
