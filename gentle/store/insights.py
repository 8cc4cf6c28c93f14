"""What the history says over time: computed with SQL aggregation over the session rows.

Only sessions the couple actually ran count (``source = 'app'``) unless asked: rehearsals
recorded with ``gentle flows walk --save`` are scripted answers, not feelings (the
screen says how many there are, and a key counts them too); and a session only opened
(``history.holds_something``) is not counted, as history doesn't show it. A "drop" is how far
distress fell from the first to the last rating in a session, averaged over the
partners who rated at least twice (positive is better).
"""

from __future__ import annotations

from datetime import date, timedelta

from gentle.records import record
from gentle.store.db import Store
from gentle.store.history import holds_something

_RAN = f"source = 'app' AND {holds_something()}"  # the sessions insights are about
_WHO_COUNTS = f"source IN ('app', 'walk') AND {holds_something()}"  # with the rehearsals

_DROP = (
    "(coalesce(distress_before_a - distress_after_a, 0)"
    " + coalesce(distress_before_b - distress_after_b, 0)) * 1.0"
    " / ((distress_after_a IS NOT NULL) + (distress_after_b IS NOT NULL))"
)
_HAS_DROP = "(distress_after_a IS NOT NULL OR distress_after_b IS NOT NULL)"
_MONDAY = "date(started_at, 'unixepoch', 'localtime', '-6 days', 'weekday 1')"


@record
class WeekPoint:
    """One week (Monday, local time) of sessions, zeros kept for quiet weeks."""

    week_start: date
    sessions: int
    # Each partner's distress, averaged over the week's sessions: the first rating of a
    # session ("start") and its last ("end"); None when nobody rated that week.
    start: tuple[float | None, float | None] = (None, None)
    end: tuple[float | None, float | None] = (None, None)
    drop: float | None = None  # the average drop (start minus end) that week
    calm_seconds: float | None = None  # the average time to calm down that week


@record
class FlowHelp:
    flow_id: str
    title: str
    sessions: int
    rated_sessions: int  # sessions with a before and an after rating
    average_drop: float | None


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
    weeks: tuple[WeekPoint, ...]  # every week from the first session to the last
    flows: tuple[FlowHelp, ...]  # most helpful first
    breaks: tuple[BreakCount, ...]
    names: tuple[str, str] = ("Partner A", "Partner B")  # as in the latest session
    average_drop: float | None = None
    rated: int = 0  # sessions with a drop (a first and a last rating)
    average_calm_seconds: float | None = None
    rehearsals: int = 0  # sessions saved by `flows walk --save`
    with_rehearsals: bool = False  # whether they are counted in the figures above


def compute(store: Store, *, rehearsals: bool = False) -> Insights:
    """The figures, in SQL: one pass over the sessions, grouped by week, gives the weeks,
    the totals and the averages; one more groups them by flow; one counts breaks.
    ``rehearsals``: count the sessions saved by `flows walk --save` too."""
    ran = _WHO_COUNTS if rehearsals else _RAN
    with store.read() as conn:
        rows = conn.execute(
            f"SELECT {_MONDAY} AS monday, count(*), coalesce(sum(outcome = 'completed'), 0),"
            # start and end over the sessions rated at both, so the two are comparable
            " avg(CASE WHEN distress_after_a IS NOT NULL THEN distress_before_a END), avg(distress_after_a),"
            " avg(CASE WHEN distress_after_b IS NOT NULL THEN distress_before_b END), avg(distress_after_b),"
            f" sum({_HAS_DROP}), sum(CASE WHEN {_HAS_DROP} THEN {_DROP} END),"
            " count(calm_seconds), sum(calm_seconds)"
            f" FROM sessions WHERE {ran} GROUP BY monday ORDER BY monday"
        ).fetchall()
        flows = conn.execute(
            f"SELECT flow_id, flow_title, max(started_at), count(*), sum({_HAS_DROP}),"
            f" avg(CASE WHEN {_HAS_DROP} THEN {_DROP} END) AS helped"
            f" FROM sessions WHERE {ran} GROUP BY flow_id"
            " ORDER BY helped IS NULL, helped DESC, count(*) DESC"
        ).fetchall()
        source = "s.source IN ('app', 'walk')" if rehearsals else "s.source = 'app'"
        breaks = conn.execute(
            "SELECT t.called_by, count(*) FROM timings t JOIN sessions s ON s.id = t.session_id"
            f" WHERE t.kind = 'break' AND {source} GROUP BY t.called_by"
        ).fetchall()
        latest = conn.execute(
            f"SELECT partner_a, partner_b FROM sessions WHERE {ran} ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        walked = conn.execute(
            f"SELECT count(*) FROM sessions WHERE source = 'walk' AND {holds_something()}").fetchone()[0]
    names = tuple(latest) if latest else ("Partner A", "Partner B")
    sessions = sum(r[1] for r in rows)
    rated = sum(r[7] or 0 for r in rows)
    drop_total = sum(r[8] or 0.0 for r in rows)
    calm_count = sum(r[9] for r in rows)
    calm_total = sum(r[10] or 0.0 for r in rows)
    return Insights(
        sessions=sessions,
        completed=sum(r[2] for r in rows),
        weeks=_every_week(rows),
        flows=tuple(FlowHelp(r[0], r[1], r[3], r[4] or 0, r[5]) for r in flows),
        breaks=_breaks(breaks, names, sessions),  # type: ignore[arg-type]
        names=names,  # type: ignore[arg-type]
        average_drop=drop_total / rated if rated else None,
        rated=rated,
        average_calm_seconds=calm_total / calm_count if calm_count else None,
        rehearsals=walked,
        with_rehearsals=rehearsals,
    )


def _every_week(rows: list[tuple]) -> tuple[WeekPoint, ...]:
    # Quiet weeks are part of the story: keep them as zeros between the first and last.
    if not rows:
        return ()
    found = {date.fromisoformat(r[0]): r for r in rows}
    week, last = min(found), max(found)
    out = []
    while week <= last:
        r = found.get(week)
        if r is None:
            out.append(WeekPoint(week, 0))
        else:
            out.append(WeekPoint(week, r[1], (r[3], r[5]), (r[4], r[6]),
                                 r[8] / r[7] if r[7] else None, r[10] / r[9] if r[9] else None))
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
