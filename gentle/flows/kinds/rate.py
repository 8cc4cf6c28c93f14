"""rate: each partner picks a number on a scale (distress, closeness, or anything else)."""

from __future__ import annotations

from typing import Any, Literal

from yaml.nodes import MappingNode

from gentle.flows.fields import check_names, read_number, read_text
from gentle.flows.kinds.asking import read_who
from gentle.flows.kinds.base import ask_heading, Refused, Schema, StepKind, text_schema, who_schema
from gentle.flows.model import StepBase, Who
from gentle.records import record

MAX_SCALE_SPAN = 100
MEASURES = ("distress", "closeness", "other")


@record
class RateStep(StepBase):
    kind: Literal["rate"] = "rate"
    ask: str = ""
    who: Who = "each"
    low: int = 0
    high: int = 10
    labels: tuple[tuple[int, str], ...] = ()  # (point, label), sorted by point
    measures: Literal["distress", "closeness", "other"] = "other"
    # For distress ratings: the `distress_threshold` of the flow this step was written in
    # (an included flow keeps its own), or None when no flow on the way set one. Filled
    # in by the loader; the engine decides what it means (engine/offers.py).
    threshold: int | None = None
    # `offer_break: false`: this rating never brings gentle's own break offer (a "before"
    # rating the flow handles itself). The break key still works, always.
    offer_break: bool = True


def _read(c: Any) -> RateStep:
    f, report = c.fields, c.ctx.report
    who = read_who(c, "each")
    values = c.base()
    low = f.number("from", integer=True)
    high = f.number("to", integer=True)
    low = 0 if low is None else int(low)
    high = 10 if high is None else int(high)
    if high <= low:
        report.error(f.get("to") or f.get("from") or f.node,
                     f"`to` ({high}) must be more than `from` ({low})")
        high = low + 1
    elif high - low > MAX_SCALE_SPAN:
        report.error(f.get("to") or f.node, f"a scale can span at most {MAX_SCALE_SPAN} points "
                                            f"(this one spans {high - low})")
    labels = _labels(c, low, high)
    measures = f.choice("measures", MEASURES, "other")
    offer = f.boolean("offer_break", True)
    if not offer and measures != "distress":
        report.warning(f.key_node("offer_break"), "`offer_break: false` only changes distress "
                                                  "ratings (`measures: distress`); other ratings "
                                                  "never bring the offer")
    return RateStep(**values, ask=f.text("ask", required=True, names=c.names) or "", who=who,  # type: ignore[arg-type]
                    low=low, high=high, labels=labels, measures=measures, offer_break=offer)  # type: ignore[arg-type]


def _labels(c: Any, low: int, high: int) -> tuple[tuple[int, str], ...]:
    report = c.ctx.report
    node = c.fields.get("labels")
    if node is None:
        return ()
    if not isinstance(node, MappingNode):
        report.error(node, "`labels` is a mapping of points to words, like `0: calm`")
        return ()
    points: dict[int, str] = {}
    for key_node, value_node in node.value:
        point = read_number(key_node, report, "a label's point", integer=True)
        if point is not None and not low <= point <= high:
            report.error(key_node, f"the point {point} is off the scale ({low} to {high})")
            point = None
        text = read_text(value_node, report, "a label")
        if point is None or text is None:
            continue
        point = int(point)
        if point in points:
            report.error(key_node, f"the point {point} has two labels")
            continue
        check_names(value_node, text, c.names, report, "a label")
        points[point] = text
    return tuple(sorted(points.items()))


def _answer(step: RateStep, value: Any, names: Any) -> int:
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    if number is None:
        raise Refused(f"a rating is a whole number, not {value!r}")
    if not step.low <= number <= step.high:
        raise Refused(f"{number} is off the {step.low}..{step.high} scale")
    return number


def _words(step: RateStep, value: Any, partners: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("not a rating")
    label = dict(step.labels).get(int(value))
    return f"{int(value)} of {step.high}" + (f" ({label})" if label else "")


def _handout(step: RateStep, pages: Any) -> list:
    labels = dict(step.labels)
    points = sorted({step.low, step.high, *labels})
    scale = " · ".join(
        f"{point} = {pages.line(labels[point], None)}" if point in labels else str(point)
        for point in points
    )
    return [*pages.text(step.ask, step.who), pages.timing(scale, f"Scale from {step.low} to {step.high}"),
            *pages.scale(step.low, step.high, step.who)]


KIND = StepKind(
    name="rate",
    summary="Each partner (or the couple) picks a number on a scale.",
    keys=("ask", "who", "from", "to", "labels", "measures", "offer_break"),
    read=_read,
    schema=Schema(
        {
            "ask": text_schema("The question."),
            "who": who_schema("each"),
            "from": {"type": "integer", "default": 0, "description": "The lowest point (default 0)."},
            "to": {"type": "integer", "default": 10, "description": "The highest point (default 10)."},
            "labels": {"type": "object", "propertyNames": {"pattern": "^-?[0-9]+$"},
                       "additionalProperties": {"type": "string"},
                       "description": "Words for points on the scale, like 0: calm."},
            "measures": {"enum": list(MEASURES), "default": "other",
                         "description": "distress ratings can offer a break; history charts them."},
            "offer_break": {"type": "boolean", "default": True,
                            "description": "false: this distress rating never brings gentle's own "
                                           "break offer (the break key always works)."},
        },
        ("ask",),
    ),
    model=RateStep,
    asks=True,
    who_default="each",
    answer=_answer,
    walk_default=lambda step: step.low + (step.high - step.low) // 2,
    numbers=lambda step: (step.low, step.high),
    verb="rated",
    detail=lambda step: f"{step.who}, {step.low} to {step.high}"
    + (f", measures {step.measures}" if step.measures != "other" else ""),
    heading=lambda step: ask_heading(step.ask, "Check in"),
    words=_words,
    handout=_handout,
    view="rate:RateView",
    help="rate",
    shows=True,
)
