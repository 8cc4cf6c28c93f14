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

Building an instance this way costs a few microseconds more; no gentle model is made
often enough for that to matter.
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
        setattr(made, _LAYOUT, (tuple(layout), frozenset(name for name, _, _ in layout)))
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


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    layout, known = getattr(type(self), _LAYOUT)
    if kwargs and not known.issuperset(kwargs):
        unknown = sorted(set(kwargs) - known)[0]
        raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument {unknown!r}")
    if len(args) > len(layout):
        raise TypeError(f"{type(self).__name__}() takes {len(layout)} positional arguments but {len(args)} were given")
    put = object.__setattr__
    for index, (name, kind, default) in enumerate(layout):
        if index < len(args):
            if name in kwargs:
                raise TypeError(f"{type(self).__name__}() got multiple values for argument {name!r}")
            value = args[index]
        elif name in kwargs:
            value = kwargs[name]
        elif kind is None:
            raise TypeError(f"{type(self).__name__}() missing required argument: {name!r}")
        else:
            value = default() if kind else default
        put(self, name, value)
    post_init = getattr(self, "__post_init__", None)
    if post_init is not None:
        post_init()


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(self.__dict__[name] for name, _, _ in getattr(type(self), _LAYOUT)[0])


def _repr(self: Any) -> str:
    inner = ", ".join(f"{name}={self.__dict__[name]!r}" for name, _, _ in getattr(type(self), _LAYOUT)[0])
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
