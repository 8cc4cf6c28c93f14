"""@record behaves as a dataclass does, and gentle declares no plain dataclass."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from gentle.flows.model import Phase, SayStep
from gentle.records import record

GENTLE = Path(__file__).resolve().parents[2] / "gentle"


@record
class Point:
    """A point."""

    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


@record(frozen=False)
class Bag:
    items: list[int] = dataclasses.field(default_factory=list)
    label: str = "bag"


@record
class Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


def test_arguments_by_position_keyword_and_default():
    assert (Point(1).x, Point(1).y) == (1, 0)
    assert Point(1, 2) == Point(x=1, y=2) == Point(y=2, x=1)
    with pytest.raises(TypeError, match="missing required argument: 'x'"):
        Point()
    with pytest.raises(TypeError, match="unexpected keyword argument 'z'"):
        Point(1, z=3)
    with pytest.raises(TypeError, match="multiple values for argument 'x'"):
        Point(1, x=2)
    with pytest.raises(TypeError, match="positional arguments"):
        Point(1, 2, (), 4)


def test_repr_equality_and_hash_are_by_value():
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=())"
    assert Point(1, 2) != Point(1, 3)
    assert Point(1) != Bag()  # different classes never compare equal
    assert len({Point(1, 2), Point(1, 2), Point(2, 2)}) == 2
    assert hash(SayStep(id="a", text="hi")) == hash(SayStep(id="a", text="hi"))


def test_frozen_records_refuse_assignment():
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x
    assert point.x == 1


def test_mutable_records_take_assignment_and_fresh_defaults():
    first, second = Bag(), Bag()
    first.items.append(1)
    first.label = "mine"
    assert second.items == [] and first.label == "mine"
    with pytest.raises(TypeError):
        hash(first)  # as a mutable dataclass with __eq__


def test_post_init_runs():
    with pytest.raises(ValueError, match="negative"):
        Checked(-1)
    assert Checked(2).value == 2


def test_dataclass_functions_work():
    point = Point(1, 2, ("a",))
    assert dataclasses.is_dataclass(point)
    assert [f.name for f in dataclasses.fields(point)] == ["x", "y", "tags"]
    assert dataclasses.asdict(point) == {"x": 1, "y": 2, "tags": ("a",)}
    assert dataclasses.replace(point, y=9) == Point(1, 9, ("a",))
    assert dataclasses.replace(Phase("in", 4), seconds=5) == Phase(do="in", seconds=5)


def test_inherited_fields_come_first():
    step = SayStep("greet", "Hello")
    assert (step.id, step.title, step.kind) == ("greet", "Hello", "say")
    assert [f.name for f in dataclasses.fields(step)][:2] == ["id", "title"]


def test_gentle_declares_no_plain_dataclass():
    # A plain @dataclass compiles its methods with exec: ~1 ms per class at start-up.
    plain = re.compile(r"^\s*@(dataclasses\.)?dataclass\b", re.M)
    offenders = [str(p.relative_to(GENTLE)) for p in GENTLE.rglob("*.py") if plain.search(p.read_text())]
    assert offenders == []
