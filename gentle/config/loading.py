"""Load the effective settings: defaults, then config.yaml, then GENTLE_* variables.

Nothing here raises for a person's mistake. Each setting that cannot be used falls
back to its default, and a :class:`ConfigProblem` says where and why, so the app can
start, say so once, and carry on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from gentle import paths
from gentle.config import values
from gentle.config import yamlnodes as yn
from gentle.config.problems import ConfigProblem
from gentle.config.settings import DEFAULTS, FIELD_NAMES, Config, Origin, describe
from gentle.records import record


@record
class LoadedConfig:
    """The settings in force, where each came from, and what was wrong on the way."""

    config: Config
    origins: Mapping[str, Origin]
    problems: tuple[ConfigProblem, ...]
    path: Path
    file_exists: bool
    # The settings written in the file (valid ones only), for update_config.
    file_values: Mapping[str, Any]


# Environment variables that override one setting each, and how to read them.
ENVIRONMENT: Mapping[str, tuple[str, Callable[[str], Any]]] = MappingProxyType(
    {
        "GENTLE_THEME": ("theme", values.check_theme),
        "GENTLE_COUNTRY": ("country", lambda v: values.check_country(v)[0]),
        "GENTLE_REDUCED_MOTION": ("reduced_motion", values.parse_env_bool),
        "GENTLE_BELL": ("bell", values.parse_env_bool),
        "GENTLE_DISTRESS_THRESHOLD": (
            "distress_threshold",
            lambda v: values.check_threshold(values.parse_env_int(v)),
        ),
        "GENTLE_FLOWS_DIRS": (
            "flows_dirs",
            lambda v: values.check_flows_dirs([p for p in v.split(os.pathsep) if p], Path.cwd()),
        ),
    }
)


def load_config(
    path: Path | None = None, *, known_bindings: Collection[str] | None = None
) -> tuple[Config, list[ConfigProblem]]:
    """The settings in force and the problems found; never raises for a person's mistake.

    ``known_bindings`` (the TUI's binding ids) lets unknown ids in ``keys`` be reported
    with a did-you-mean; without it any well-formed id is accepted.
    """
    loaded = load_settings(path, known_bindings=known_bindings)
    return loaded.config, list(loaded.problems)


def load_settings(
    path: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    known_bindings: Collection[str] | None = None,
) -> LoadedConfig:
    """Like :func:`load_config`, also telling where each setting came from."""
    path = Path(path) if path is not None else paths.config_file()
    environ = os.environ if environ is None else environ
    problems: list[ConfigProblem] = []
    origins: dict[str, Origin] = {name: "default" for name in FIELD_NAMES}
    file_values, exists = _read_file(path, problems, known_bindings)
    settings: dict[str, Any] = dict(file_values)
    origins.update({name: "file" for name in file_values})
    for variable, (name, parse) in ENVIRONMENT.items():
        raw = environ.get(variable, "")
        if not raw.strip():  # an empty variable counts as unset, as with NO_COLOR
            continue
        try:
            settings[name] = parse(raw)
        except values.Invalid as exc:
            fallback = describe(name, settings.get(name, getattr(DEFAULTS, name)))
            problems.append(
                ConfigProblem(
                    f"environment variable {variable}", None, None, f"{exc.message}; using {fallback}"
                )
            )
            continue
        origins[name] = "environment"
    return LoadedConfig(
        config=replace(DEFAULTS, **settings),
        origins=MappingProxyType(origins),
        problems=tuple(problems),
        path=path,
        file_exists=exists,
        file_values=MappingProxyType(file_values),
    )


def _read_file(
    path: Path, problems: list[ConfigProblem], known: Collection[str] | None
) -> tuple[dict[str, Any], bool]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}, False
    except OSError as exc:
        problems.append(
            ConfigProblem(str(path), None, None, f"cannot be read ({exc.strerror}); using the defaults")
        )
        return {}, True
    document = yn.read_document(path, data)
    if document.problem is not None:
        problem = document.problem
        problems.append(replace(problem, message=f"{problem.message}; using the defaults"))
        return {}, True
    if document.root is None or yn.is_null(document.root):
        return {}, True
    if not isinstance(document.root, MappingNode):
        problems.append(
            yn.problem_at(
                path,
                document.root,
                "settings should be 'name: value' lines, like 'theme: gentle'; using the defaults",
            )
        )
        return {}, True
    return read_settings(path, document.root, problems, known), True


def read_settings(
    path: Path, root: MappingNode, problems: list[ConfigProblem], known: Collection[str] | None = None
) -> dict[str, Any]:
    """Each setting in ``root`` that can be used; problems for the rest."""
    found: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in root.value:
        try:
            name = yn.text(key_node, "a setting's name")
        except yn.BadNode as exc:
            problems.append(yn.problem_at(path, exc.node, exc.message + "; ignoring it"))
            continue
        if name not in FIELD_NAMES:
            hint = values.did_you_mean(name, FIELD_NAMES)
            problems.append(yn.problem_at(path, key_node, f"there is no setting called '{name}'{hint}; ignoring it"))
            continue
        if name in first_line:
            problems.append(
                yn.problem_at(
                    path, key_node, f"{name} is set twice; using the first one (line {first_line[name]})"
                )
            )
            continue
        first_line[name] = yn.position(key_node)[0]
        default = describe(name, getattr(DEFAULTS, name))
        if yn.is_null(value_node):
            problems.append(
                yn.problem_at(path, value_node, f"{name} has no value; using the default ({default})", "warning")
            )
            continue
        try:
            found[name] = _READERS[name](value_node, path, problems, known)
        except yn.BadNode as exc:
            problems.append(yn.problem_at(path, exc.node, f"{exc.message}; using the default ({default})"))
        except values.Invalid as exc:
            problems.append(yn.problem_at(path, value_node, f"{exc.message}; using the default ({default})"))
    return found


def _at(node: Node, check: Callable[[], Any]) -> Any:
    """Run ``check``, pinning a failure on ``node`` (an item inside a list or mapping)."""
    try:
        return check()
    except values.Invalid as exc:
        raise yn.BadNode(node, exc.message) from None


def _partners(node: Node, path: Path, problems: list, known: Any) -> tuple[str, str]:
    nodes = yn.items(node, "partners")
    names = [_at(n, lambda n=n: values.check_partner_name(yn.text(n, "a partner's name"))) for n in nodes]
    return values.check_partners(names)


def _country(node: Node, path: Path, problems: list, known: Any) -> str:
    code, warning = values.check_country(yn.text(node, "country"))
    if warning:
        problems.append(yn.problem_at(path, node, warning, "warning"))
    return code


def _flows_dirs(node: Node, path: Path, problems: list, known: Any) -> tuple[Path, ...]:
    # One folder written as plain text is a common, harmless shorthand for a list of one.
    nodes = [node] if isinstance(node, ScalarNode) else yn.items(node, "flows_dirs")
    folders = [yn.text(n, "a flows folder") for n in nodes]
    if len(folders) > values.MAX_FLOWS_DIRS:
        raise values.Invalid(f"flows_dirs lists {len(folders)} folders; at most {values.MAX_FLOWS_DIRS} are allowed")
    return tuple(_at(n, lambda f=f: values.check_flows_dir(f, path.parent)) for n, f in zip(nodes, folders))


def _keys(node: Node, path: Path, problems: list, known: Any) -> Mapping[str, str]:
    checked: dict[str, str] = {}
    for key_node, value_node in yn.pairs(node, "keys"):
        binding = _at(key_node, lambda k=key_node: values.check_binding(k.value, known))
        keys = yn.text(value_node, f"the keys for '{binding}'")
        checked[binding] = _at(value_node, lambda b=binding, k=keys: values.check_key_list(b, k))
    return values.check_keys(checked)


_READERS: Mapping[str, Callable[[Node, Path, list, Any], Any]] = MappingProxyType(
    {
        "partners": _partners,
        "theme": lambda n, p, pr, k: values.check_theme(yn.text(n, "theme")),
        "reduced_motion": lambda n, p, pr, k: yn.boolean(n, "reduced_motion"),
        "bell": lambda n, p, pr, k: yn.boolean(n, "bell"),
        "country": _country,
        "flows_dirs": _flows_dirs,
        "distress_threshold": lambda n, p, pr, k: values.check_threshold(yn.integer(n, "distress_threshold")),
        "keys": _keys,
        "first_run_acknowledged": lambda n, p, pr, k: yn.boolean(n, "first_run_acknowledged"),
    }
)
