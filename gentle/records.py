"""Records: dataclasses whose methods are written once, here, instead of generated.

On Python 3.11 ``@dataclass`` writes ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``
and the frozen setters as source text and compiles each with ``exec``: about 1 ms per
class. gentle defines some thirty classes before the app's first frame, so that alone
was a tenth of the wait between typing ``gentle`` and seeing it.

``@record`` still makes a real dataclass (``dataclasses.fields``, ``asdict`` and
``replace`` work, ``field(default_factory=...)`` too) but asks ``dataclass`` for no
methods, and gives the class shared ones that read the field list. They behave as the
generated ones do: keyword or positional arguments with defaults, ``Name(a=1, b=2)``
reprs, equality between instances of the same class, and, when frozen (the default),
hashing by value and ``FrozenInstanceError`` on any assignment.

An instance is built by filling its ``__dict__`` in two updates (defaults, then the
arguments), which is a little faster than the generated ``__init__``.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from typing import Any, TypeVar

T = TypeVar("T", bound=type)

_LAYOUT = "__record_layout__"


def record(cls: T | None = None, /, *, frozen: bool = True) -> Any:
    """Make ``cls`` a dataclass with shared methods: ``@record`` or ``@record(frozen=False)``."""

    def wrap(target: T) -> T:
        if not target.__dict__.get("__doc__"):
            # Without one, dataclass writes a docstring from inspect.signature: slow,
            # and meaningless for the shared __init__.
            target.__doc__ = target.__name__
        made = dataclass(init=False, repr=False, eq=False)(target)
        layout = []
        for f in fields(made):
            if f.default is not MISSING:
                layout.append((f.name, False, f.default))
            elif f.default_factory is not MISSING:
                layout.append((f.name, True, f.default_factory))
            else:
                layout.append((f.name, None, None))
        setattr(made, _LAYOUT, _Layout(tuple(layout)))
        made.__init__ = _init
        made.__repr__ = _repr
        made.__eq__ = _eq
        if frozen:
            made.__hash__ = _hash
            made.__setattr__ = _refuse_set
            made.__delattr__ = _refuse_delete
        else:
            made.__hash__ = None  # as dataclass does for mutable classes with __eq__
        return made

    return wrap if cls is None else wrap(cls)


class _Layout:
    """A record class's fields, sorted for building instances quickly."""

    def __init__(self, fields: tuple[tuple[str, bool | None, Any], ...]) -> None:
        self.fields = fields  # (name, True: factory / False: default / None: required, value)
        self.names = tuple(name for name, _, _ in fields)
        self.known = frozenset(self.names)
        self.required = frozenset(name for name, kind, _ in fields if kind is None)
        self.defaults = {name: value for name, kind, value in fields if kind is False}
        self.factories = tuple((name, value) for name, kind, value in fields if kind)


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    layout: _Layout = getattr(type(self), _LAYOUT)
    name = type(self).__name__
    if args:
        if len(args) > len(layout.names):
            raise TypeError(f"{name}() takes {len(layout.names)} positional arguments but {len(args)} were given")
        given = dict(zip(layout.names, args))
        twice = given.keys() & kwargs.keys()
        if twice:
            raise TypeError(f"{name}() got multiple values for argument {min(twice)!r}")
        kwargs = given | kwargs
    if not layout.known.issuperset(kwargs):
        raise TypeError(f"{name}() got an unexpected keyword argument {min(set(kwargs) - layout.known)!r}")
    if not layout.required <= kwargs.keys():
        raise TypeError(f"{name}() missing required argument: {min(layout.required - kwargs.keys())!r}")
    # Straight into the instance's dict, as the frozen setter forbids assignment.
    values = self.__dict__
    values.update(layout.defaults)
    for field_name, factory in layout.factories:
        if field_name not in kwargs:
            values[field_name] = factory()
    values.update(kwargs)
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _values(self: Any) -> tuple[Any, ...]:
    values = self.__dict__
    return tuple(values[name] for name in getattr(type(self), _LAYOUT).names)


def _repr(self: Any) -> str:
    inner = ", ".join(f"{name}={self.__dict__[name]!r}" for name in getattr(type(self), _LAYOUT).names)
    return f"{type(self).__qualname__}({inner})"


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _refuse_set(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
