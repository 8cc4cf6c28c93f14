"""Write config.yaml: atomically, privately (0600 in a 0700 folder), and only what is set.

Changing a setting rewrites only that setting's lines: a hand-edited file keeps its
comments, its order and everything else as it was (:func:`edited_text`). When the old
file had problems, it is kept beside the new one as ``config.yaml.broken`` and written
afresh, so nothing a person typed is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

import yaml

from gentle import paths
from gentle.atomic import write_text_atomic
from gentle.config import yamlnodes as yn
from gentle.config.loading import load_settings, read_settings
from gentle.config.problems import ConfigProblem
from gentle.config.settings import DEFAULTS, FIELD_NAMES, Config

HEADER = (
    "# gentle settings. `gentle config` shows every setting, its value and where it came from.\n"
    "# Settings left out use their defaults. When gentle saves a setting it changes only\n"
    "# that setting's lines; your comments and order stay as they are.\n"
)


def to_yaml_value(name: str, value: Any) -> Any:
    """A setting's value as plain YAML data."""
    if name == "partners":
        return list(value)
    if name == "flows_dirs":
        return [str(p) for p in value]
    if name == "keys":
        return dict(value)
    return value


def render(settings: Mapping[str, Any]) -> str:
    """The text of a config.yaml holding ``settings`` (in the usual order)."""
    ordered = {name: to_yaml_value(name, settings[name]) for name in FIELD_NAMES if name in settings}
    body = yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, default_flow_style=False) if ordered else ""
    text = HEADER + body
    # Whatever gentle writes must read back cleanly; a failure here is a bug, not a
    # person's mistake, so it raises.
    document = yn.read_document(Path("config.yaml"), text.encode("utf-8"))
    problems: list[ConfigProblem] = []
    if document.problem is None and document.root is not None:
        read_settings(Path("config.yaml"), document.root, problems)  # type: ignore[arg-type]
    errors = [p for p in problems if p.severity == "error"]
    if document.problem is not None or errors:
        found = document.problem or errors[0]
        raise ValueError(f"refusing to write settings that would not load: {found.message}")
    return text


def save_config(config: Config, path: Path | None = None) -> Path:
    """Write every setting of ``config`` that differs from the default; return the path."""
    settings = {
        f.name: getattr(config, f.name)
        for f in fields(Config)
        if getattr(config, f.name) != getattr(DEFAULTS, f.name)
    }
    return _write(Path(path) if path else paths.config_file(), settings)


def update_config(path: Path | None = None, **changes: Any) -> Config:
    """Change some settings in the file, keep the others, and return the settings in force.

    Only settings written in the file are kept (not environment overrides). A file
    with problems is copied to ``config.yaml.broken`` first. Unknown names or values
    gentle would not accept raise TypeError/ValueError (programming errors, not a
    person's); a disk that cannot be written raises OSError, and the old file stays.
    """
    unknown = sorted(set(changes) - set(FIELD_NAMES))
    if unknown:
        raise TypeError(f"unknown setting(s): {', '.join(unknown)}")
    target = Path(path) if path else paths.config_file()
    loaded = load_settings(target, environ={})
    if loaded.problems and loaded.file_exists:
        backup = target.with_name(target.name + ".broken")
        write_text_atomic(backup, target.read_bytes().decode("utf-8", "replace"), private=True)
    elif loaded.file_exists:
        # A short name (theme: high-contrast) is written as the full one gentle uses.
        named = {n: loaded.file_values[n] for n in ("theme", "country") if n in loaded.file_values}
        edited = edited_text(target.read_bytes().decode("utf-8"), changes, named)
        if edited is not None:
            write_text_atomic(target, edited, private=True)
            return load_settings(target).config
    _write(target, {**loaded.file_values, **changes})
    return load_settings(target).config


def edited_text(text: str, changes: Mapping[str, Any], named: Mapping[str, Any] = {}) -> str | None:
    """``text`` with only the changed settings' lines replaced (or added at the end), or
    None when that can't be done safely: gentle then writes the file afresh. ``named``:
    settings whose line is rewritten too if written differently (an alias)."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    if root is not None and not isinstance(root, yaml.MappingNode):
        return None
    lines = text.splitlines(keepends=True)
    spans: dict[str, tuple[int, int]] = {}
    for key, value in (root.value if root is not None else []):
        if not isinstance(key, yaml.ScalarNode) or key.start_mark.column != 0:
            return None  # a flow-style mapping on one line, say: not edited by hand here
        end = value.end_mark.line + (1 if value.end_mark.column > 0 else 0)
        spans[key.value] = (key.start_mark.line, max(end, key.start_mark.line + 1))
    replaced: list[tuple[int, int, str]] = []
    added = ""
    changes = dict(changes)
    for key, value in (root.value if root is not None else []):
        if (key.value in named and key.value not in changes and isinstance(value, yaml.ScalarNode)
                and value.value != named[key.value]):
            changes[key.value] = named[key.value]
    for name, value in changes.items():
        block = yaml.safe_dump({name: to_yaml_value(name, value)}, sort_keys=False,
                               allow_unicode=True, default_flow_style=False)
        if name in spans:
            replaced.append((*spans[name], block))
        else:
            added += block
    for start, end, block in sorted(replaced, reverse=True):
        lines[start:end] = [block]
    result = "".join(lines)
    if added:
        result += ("" if not result or result.endswith("\n") else "\n") + added
    document = yn.read_document(Path("config.yaml"), result.encode("utf-8"))
    problems: list[ConfigProblem] = []
    if document.problem is None and document.root is not None:
        read_settings(Path("config.yaml"), document.root, problems)  # type: ignore[arg-type]
    if document.problem is not None or any(p.severity == "error" for p in problems):
        return None
    return result


def _write(path: Path, settings: Mapping[str, Any]) -> Path:
    return write_text_atomic(path, render(settings), private=True)
