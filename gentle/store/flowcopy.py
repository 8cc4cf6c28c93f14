"""The copy of a flow kept with each session, so old notes read (and resume) correctly
after the flow file changes or disappears.

``flow_to_json`` is ``dataclasses.asdict`` as canonical JSON; ``flow_from_dict`` builds the
frozen models back, guided by their type hints, so it follows the model as it grows.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from functools import lru_cache
from typing import Any, Literal, Union, get_args, get_origin

from gentle.flows import model
from gentle.flows.model import Flow


def flow_to_json(flow: Flow) -> str:
    return json.dumps(dataclasses.asdict(flow), sort_keys=True, ensure_ascii=False)


def flow_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@lru_cache(maxsize=32)
def flow_from_json(body: str) -> Flow:
    # Cached: history and export read the same few flow copies over and over (Flow is frozen).
    return flow_from_dict(json.loads(body))


def flow_from_dict(data: dict[str, Any]) -> Flow:
    return _build(Flow, data)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    import sys

    return typing.get_type_hints(cls, {**vars(model), **vars(sys.modules[cls.__module__])})


def _build(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    fields = {f.name for f in dataclasses.fields(cls)}
    kwargs = {k: _convert(hints[k], v) for k, v in data.items() if k in fields}
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if hint is model.StepBase:  # a step of any kind: its kind says which model
        from gentle.flows.kinds import MODELS

        return _build(MODELS[value["kind"]], value)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        for option in options:
            try:
                return _convert(option, value)
            except (TypeError, ValueError, KeyError):
                continue
        raise TypeError(f"expected {hint}, not {type(value).__name__}")
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item) for item in value)
        return tuple(_convert(a, item) for a, item in zip(args, value))
    if origin is Literal:
        if value not in get_args(hint):
            raise ValueError(f"expected one of {get_args(hint)}")
        return value
    if isinstance(hint, str):  # a forward reference such as "Condition"
        return _convert(getattr(model, hint.strip('"')), value)
    if isinstance(hint, typing.ForwardRef):
        return _convert(getattr(model, hint.__forward_arg__), value)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value)
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if hint is float or (hint in (int, str, bool) and not isinstance(value, hint)):
        raise TypeError(f"expected {getattr(hint, '__name__', hint)}")
    if hint is int and isinstance(value, bool):
        raise TypeError("expected int")
    return value
