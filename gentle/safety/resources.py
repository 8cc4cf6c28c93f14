"""Support lines by country: the built-in resources.yaml, overridable by the user's own.

    info = resources_for("uk")   # never raises for a broken user file
    info.emergency.number, info.domestic_abuse, info.crisis, info.problems

A country in the user's file (config folder, ``resources.yaml``) replaces the built-in
entry for that country; a broken entry is skipped with a problem, and the built-in one
is used. A country with no entry at all falls back to the international directory.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources as package_files
from pathlib import Path

from yaml.nodes import MappingNode, Node

from gentle import paths
from gentle.config import yamlnodes as yn
from gentle.config.problems import ConfigProblem
from gentle.config.settings import COUNTRY_ALIASES
from gentle.config.values import did_you_mean
from gentle.records import record
from gentle.text import clean_line

INTERNATIONAL = "international"
_CODE = re.compile(r"[a-z]{2}|international")
_URL = re.compile(r"https?://[^\s]+")


@record
class Contact:
    """One service: at least one of phone, text and web is set."""

    name: str
    source: str  # the organisation's public page, to check the details against
    phone: str | None = None
    text: str | None = None  # how to text them, e.g. "Text SHOUT to 85258"
    web: str | None = None
    hours: str | None = None
    about: str | None = None
    checked: str | None = None  # when and against what the details were checked


@record
class Emergency:
    number: str
    source: str
    note: str | None = None
    checked: str | None = None


@record
class CountryResources:
    code: str  # "us", "uk", ..., or "international"
    name: str
    emergency: Emergency
    domestic_abuse: tuple[Contact, ...]
    crisis: tuple[Contact, ...]
    origin: str = "built-in"  # or the path of the user's resources.yaml
    checked: str | None = None
    # Problems with the user's file, and a note when another country was asked for.
    problems: tuple[ConfigProblem, ...] = ()

    @property
    def contacts(self) -> tuple[Contact, ...]:
        return self.domestic_abuse + self.crisis


class ResourcesError(Exception):
    """The built-in file is broken: a bug in gentle, caught by the tests."""


def user_resources_file() -> Path:
    return paths.config_dir() / "resources.yaml"


def resources_for(country: str, *, user_file: Path | None = None) -> CountryResources:
    """The support lines for ``country`` (a code from config), never raising for the user's file."""
    code = COUNTRY_ALIASES.get(country.strip().lower(), country.strip().lower())
    countries, problems = all_countries(user_file=user_file)
    found = countries.get(code)
    if found is None:
        found = countries[INTERNATIONAL]
        problems.append(
            ConfigProblem(
                "settings", None, None,
                f"there are no support lines for '{clean_line(country)}'; showing the international directory",
                "warning",
            )
        )
    return replace(found, problems=tuple(problems))


def all_countries(*, user_file: Path | None = None) -> tuple[dict[str, CountryResources], list[ConfigProblem]]:
    """Every country: built-in entries, replaced by valid ones from the user's file."""
    countries = dict(_builtin())
    problems: list[ConfigProblem] = []
    path = user_file if user_file is not None else user_resources_file()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return countries, problems
    except OSError as exc:
        problems.append(ConfigProblem(str(path), None, None, f"cannot be read ({exc.strerror}); using the built-in support lines"))
        return countries, problems
    countries.update(parse(path, data, problems, origin=str(path)))
    return countries, problems


@lru_cache(maxsize=1)
def _builtin() -> dict[str, CountryResources]:
    data = package_files.files("gentle.safety").joinpath("resources.yaml").read_bytes()
    problems: list[ConfigProblem] = []
    parsed = parse(Path("gentle/safety/resources.yaml"), data, problems, origin="built-in")
    if problems or INTERNATIONAL not in parsed:
        raise ResourcesError("; ".join(str(p) for p in problems) or "no international entry")
    return parsed


def parse(path: Path, data: bytes, problems: list[ConfigProblem], *, origin: str) -> dict[str, CountryResources]:
    """The valid countries in a resources file; a problem for each part that is not."""
    document = yn.read_document(path, data)
    if document.problem is not None:
        problems.append(replace(document.problem, message=document.problem.message + "; using the built-in support lines"))
        return {}
    root = document.root
    if root is None or yn.is_null(root):
        return {}
    try:
        top = dict(_fields(root, "the file", {"countries", "checked"}, required={"countries"}))
        checked = yn.text(top["checked"], "checked") if "checked" in top else None
        entries = yn.pairs(top["countries"], "countries")
    except yn.BadNode as exc:
        problems.append(yn.problem_at(path, exc.node, exc.message + "; using the built-in support lines"))
        return {}
    found: dict[str, CountryResources] = {}
    for key, node in entries:
        code = COUNTRY_ALIASES.get(key.value.lower(), key.value.lower())
        try:
            if not _CODE.fullmatch(code):
                raise yn.BadNode(key, f"'{key.value}' is not a two-letter country code or 'international'")
            found[code] = _country(code, node, origin, checked)
        except yn.BadNode as exc:
            problems.append(
                yn.problem_at(path, exc.node, f"{exc.message}; skipping this country (the built-in lines are used)")
            )
    return found


def _fields(node: Node, what: str, allowed: set[str], required: set[str] = frozenset()) -> list[tuple[str, Node]]:
    result = []
    for key, value in yn.pairs(node, what):
        if key.value not in allowed:
            raise yn.BadNode(key, f"{what} has no field '{key.value}'{did_you_mean(key.value, allowed)}")
        result.append((key.value, value))
    missing = sorted(required - {name for name, _ in result})
    if missing:
        raise yn.BadNode(node, f"{what} needs {' and '.join(missing)}")
    return result


def _optional_text(fields: dict[str, Node], name: str, what: str) -> str | None:
    if name not in fields or yn.is_null(fields[name]):
        return None
    value = clean_line(yn.text(fields[name], f"{what}: {name}")).strip()
    if not value:
        raise yn.BadNode(fields[name], f"{what}: {name} is empty")
    return value


def _url(fields: dict[str, Node], name: str, what: str) -> str | None:
    value = _optional_text(fields, name, what)
    if value is not None and not _URL.fullmatch(value):
        raise yn.BadNode(fields[name], f"{what}: {name} should be a web address starting with https://")
    return value


_CONTACT_FIELDS = {"name", "phone", "text", "web", "hours", "about", "source", "checked"}
_EMERGENCY_FIELDS = {"number", "note", "source", "checked"}


def _contact(node: Node, where: str) -> Contact:
    fields = dict(_fields(node, where, _CONTACT_FIELDS, required={"name", "source"}))
    name = _optional_text(fields, "name", where) or ""
    what = f"'{name}'"
    contact = Contact(
        name=name,
        source=_url(fields, "source", what) or "",
        phone=_optional_text(fields, "phone", what),
        text=_optional_text(fields, "text", what),
        web=_url(fields, "web", what),
        hours=_optional_text(fields, "hours", what),
        about=_optional_text(fields, "about", what),
        checked=_optional_text(fields, "checked", what),
    )
    if not (contact.phone or contact.text or contact.web):
        raise yn.BadNode(node, f"{what} needs a phone, text or web entry")
    return contact


def _contacts(fields: dict[str, Node], name: str, what: str) -> tuple[Contact, ...]:
    if name not in fields or yn.is_null(fields[name]):
        return ()
    return tuple(_contact(item, f"a {name.replace('_', ' ')} entry") for item in yn.items(fields[name], f"{what}: {name}"))


def _country(code: str, node: Node, origin: str, checked: str | None) -> CountryResources:
    if not isinstance(node, MappingNode):
        raise yn.BadNode(node, f"'{code}' should be a mapping with name, emergency, domestic_abuse and crisis")
    fields = dict(_fields(node, f"'{code}'", {"name", "emergency", "domestic_abuse", "crisis"}, required={"name", "emergency"}))
    emergency_fields = dict(_fields(fields["emergency"], f"{code}: emergency", _EMERGENCY_FIELDS, required={"number", "source"}))
    what = f"{code}: emergency"
    emergency = Emergency(
        number=_optional_text(emergency_fields, "number", what) or "",
        source=_url(emergency_fields, "source", what) or "",
        note=_optional_text(emergency_fields, "note", what),
        checked=_optional_text(emergency_fields, "checked", what),
    )
    if not emergency.number:
        raise yn.BadNode(fields["emergency"], f"{what} needs a number")
    return CountryResources(
        code=code,
        name=_optional_text(fields, "name", f"'{code}'") or code,
        emergency=emergency,
        domestic_abuse=_contacts(fields, "domestic_abuse", code),
        crisis=_contacts(fields, "crisis", code),
        origin=origin,
        checked=checked,
    )


def contact_lines(contact: Contact) -> list[tuple[str, str]]:
    """(label, value) pairs for showing a contact. The text entry is already a sentence
    ("Text SHOUT to 85258"), so its label is empty."""
    pairs = (("Call", contact.phone), ("", contact.text), ("Web", contact.web), ("Hours", contact.hours))
    return [(label, value) for label, value in pairs if value]

