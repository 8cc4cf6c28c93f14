"""Where flows come from: built-in, the user's flows folder, and extra folders or files.

Later places win: an extra folder or file (``--flows``) over the user folder, the user
folder over the built-ins, each time with a note so nobody is surprised. Listing is
cheap (a scan of the top-level ``id:``/``title:``/``minutes:`` lines, falling back to
YAML nodes for unusual files); flows are fully loaded and checked only by ``load``.
Nothing is cached on disk.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gentle.records import record

if TYPE_CHECKING:  # the models cost ~30 ms to import; `flows list` never needs them
    from gentle.flows.model import Flow, Problem

BUILT_IN = "built-in"
USER = "user"
_TOP_LINE = re.compile(r"^(id|title|minutes):[ \t]*(.*?)[ \t]*$")


@record
class Entry:
    id: str
    title: str
    minutes: float | None
    source: str  # "built-in", "user", or the file's path for extra folders and files
    path: Path
    replaces: str | None = None  # the source this entry hides, if any


class UnknownFlow(LookupError):
    """No flow with this id; ``suggestion`` is the closest id, if any."""

    def __init__(self, flow_id: str, suggestion: str | None) -> None:
        self.flow_id = flow_id
        self.suggestion = suggestion
        hint = f'; did you mean "{suggestion}"?' if suggestion else ""
        super().__init__(f'there is no flow with the id "{flow_id}"{hint}')


def builtin_flows_dir() -> Path:
    """``gentle/builtin_flows`` in an installed wheel, else the repository's ``flows/``."""
    import gentle

    package = Path(gentle.__file__).parent
    shipped = package / "builtin_flows"
    if shipped.is_dir():
        return shipped
    return package.parent / "flows"


def flow_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


class Catalogue:
    def __init__(
        self,
        builtin_dir: Path | None = None,
        user_dir: Path | None = None,
        extra: Sequence[Path] = (),
    ) -> None:
        if builtin_dir is None:
            builtin_dir = builtin_flows_dir()
        if user_dir is None:
            from gentle import paths

            user_dir = paths.user_flows_dir()
        self.builtin_dir = builtin_dir
        self.user_dir = user_dir
        self.extra = tuple(Path(p) for p in extra)
        self._entries: dict[str, Entry] | None = None
        self.notes: list[str] = []
        self._loaded: dict[str, "Flow"] = {}

    # -- listing ---------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        return list(self._index().values())

    def ids(self) -> list[str]:
        return list(self._index())

    def entry(self, flow_id: str) -> Entry:
        index = self._index()
        if flow_id not in index:
            from gentle.flows.suggest import closest

            raise UnknownFlow(flow_id, closest(flow_id, index))
        return index[flow_id]

    def _index(self) -> dict[str, Entry]:
        if self._entries is not None:
            return self._entries
        index: dict[str, Entry] = {}
        sources: list[tuple[str | None, Iterable[Path]]] = [
            (BUILT_IN, flow_files(self.builtin_dir)),
            (USER, flow_files(self.user_dir)),
        ]
        for item in self.extra:
            sources.append((None, flow_files(item) if item.is_dir() else [item]))
        for source, files in sources:
            seen_here: set[str] = set()
            for path in files:
                entry = _scan(path, source or str(path))
                if entry.id in seen_here:
                    self.notes.append(f'{path}: another file here already has the id "{entry.id}"; '
                                      "this one is ignored")
                    continue
                seen_here.add(entry.id)
                old = index.get(entry.id)
                if old is not None:
                    entry = Entry(**{**entry.__dict__, "replaces": old.source})
                    what = "built-in" if old.source == BUILT_IN else f"{old.source}"
                    self.notes.append(f'note: {path} is used for "{entry.id}" instead of the '
                                      f"{what} flow with the same id")
                index[entry.id] = entry
        self._entries = dict(sorted(index.items(), key=lambda kv: _order(kv[1])))
        return self._entries

    # -- loading ---------------------------------------------------------------------

    def lookup(self, flow_id: str) -> "Path | Flow | None":
        """For the loader's includes: the file that holds ``flow_id``, if any."""
        if flow_id in self._loaded:
            return self._loaded[flow_id]
        entry = self._index().get(flow_id)
        return entry.path if entry is not None else None

    def load(self, flow_id: str) -> "Flow":
        """The flow, fully checked. Raises UnknownFlow or FlowError."""
        from gentle.flows.model import FlowError, Problem

        if flow_id in self._loaded:
            return self._loaded[flow_id]
        entry = self.entry(flow_id)
        flow = self.load_path(entry.path, origin=entry.source)
        if flow.id != flow_id:
            message = f'this file\'s id is "{flow.id}", not "{flow_id}"'
            raise FlowError([Problem(str(entry.path), 1, 1, message)])
        self._loaded[flow_id] = flow
        return flow

    def load_path(self, path: Path, origin: str | None = None) -> "Flow":
        from gentle.flows.loader import load_flow

        return load_flow(path, lookup=self.resolver(), origin=origin or str(path))

    def check_path(self, path: Path) -> "tuple[Flow | None, list[Problem]]":
        from gentle.flows.loader import check_flow

        return check_flow(path, self.resolver())

    def resolver(self):
        """A lookup callable for the loader, which can also list ids for did-you-mean."""
        catalogue = self

        def lookup(flow_id: str) -> "Path | Flow | None":
            return catalogue.lookup(flow_id)

        lookup.ids = catalogue.ids  # type: ignore[attr-defined]
        return lookup


def _order(entry: Entry) -> tuple[int, str]:
    rank = 0 if entry.source == BUILT_IN else 1 if entry.source == USER else 2
    return rank, entry.id


def _scan(path: Path, source: str) -> Entry:
    """id, title and minutes from the top-level lines; nodes when the lines are unusual."""
    found: dict[str, str] = {}
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024).decode("utf-8", errors="replace")
    except OSError:
        head = ""
    for line in head.splitlines():
        match = _TOP_LINE.match(line)
        if match and match.group(1) not in found:
            found[match.group(1)] = match.group(2)
    values = {k: _plain(v) for k, v in found.items()}
    if any(v is None for v in values.values()) or "id" not in values or "title" not in values:
        values = {**values, **_scan_nodes(head)}
    title = values.get("title") or "(no title)"
    minutes = None
    try:
        minutes = float(values["minutes"]) if values.get("minutes") else None
    except ValueError:
        minutes = None
    return Entry(values.get("id") or path.stem, title, minutes, source, path)


def _plain(value: str) -> str | None:
    """A one-line scalar's text, or None when it needs a real YAML reader."""
    if " #" in value:
        value = value.split(" #", 1)[0].rstrip()
    if not value or value[0] in "|>&*!{[":
        return None
    if value[0] == value[-1] and value[0] in "\"'" and len(value) >= 2:
        inner = value[1:-1]
        if "\\" in inner or value[0] in inner:
            return None
        return inner
    if value[0] in "\"'":
        return None
    return value


def _scan_nodes(text: str) -> dict[str, str]:
    import yaml

    from gentle.flows.precheck import decode
    from gentle.flows.report import Report
    from gentle.flows.yamlnodes import Loader

    if decode(text.encode("utf-8"), Report("")) is None:
        return {}  # the loader will explain; never hand risky input to the parser here
    try:
        root = yaml.compose(text, Loader=Loader)
    except (yaml.YAMLError, RecursionError):
        return {}
    out: dict[str, str] = {}
    for key, value in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) else []:
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode):
            if key.value in ("id", "title", "minutes"):
                out[key.value] = value.value
    return out
