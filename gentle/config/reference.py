"""docs/settings.md, written from the settings themselves: the ``Config`` fields (their
types, defaults and the words under each in settings.py), the environment variables
that override them, and every key id ``keys:`` can remap. A test compares the file with
:func:`settings_reference`, so the reference cannot drift from the code.

Regenerate after a change: ``python -m gentle.config.reference > docs/settings.md``.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import MISSING, fields

from gentle.config import settings as settings_module
from gentle.config.key_ids import KEY_IDS
from gentle.config.settings import COUNTRIES, COUNTRY_ALIASES, DEFAULTS, THEME_ALIASES, THEMES, Config

EXAMPLES = {
    "partners": "partners: [Sam, Alex]",
    "theme": "theme: high-contrast",
    "reduced_motion": "reduced_motion: yes",
    "bell": "bell: no",
    "country": "country: uk",
    "flows_dirs": "flows_dirs: [~/Documents/flows]",
    "distress_threshold": "distress_threshold: 6",
    "keys": 'keys: {break: "ctrl+b,f5", quick-hide: "ctrl+g,f12"}',
    "first_run_acknowledged": "first_run_acknowledged: true",
}
TYPES = {
    "partners": "two names (text, at most 40 characters each)",
    "theme": "a theme name",
    "reduced_motion": "yes / no",
    "bell": "yes / no",
    "country": "a country code",
    "flows_dirs": "a list of folders",
    "distress_threshold": "a whole number, 1 to 10",
    "keys": "key id → key(s)",
    "first_run_acknowledged": "yes / no",
}
OTHER_VARIABLES = (
    ("GENTLE_HOME", "One folder for everything (notes in `data/`, settings and flows in `config/`), "
                    "instead of the usual places. Created private (0700) if gentle makes it."),
    ("NO_COLOR", "Any value: no colour at all, whatever the theme (see no-color.org)."),
    ("TEXTUAL_ANIMATIONS", "`none` works like `reduced_motion: yes`."),
)


def field_notes() -> dict[str, str]:
    """The words under each field of ``Config`` in settings.py, one paragraph each."""
    tree = ast.parse(inspect.getsource(settings_module))
    notes: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Config":
            body = node.body
            for here, after in zip(body, body[1:]):
                if (isinstance(here, ast.AnnAssign) and isinstance(here.target, ast.Name)
                        and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                        and isinstance(after.value.value, str)):
                    notes[here.target.id] = " ".join(after.value.value.split())
    return notes


def _variables() -> dict[str, str]:
    from gentle.config.loading import ENVIRONMENT

    return {name: variable for variable, (name, _) in ENVIRONMENT.items()}


def _default(name: str) -> str:
    value = getattr(DEFAULTS, name)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]" if value else "none"
    if hasattr(value, "items"):
        return "none" if not value else str(dict(value))
    return str(value)


def settings_reference() -> str:
    notes, variables = field_notes(), _variables()
    out = [
        "# Settings",
        "",
        "gentle reads its settings from `config.yaml` in the settings folder (`gentle config path`",
        "prints where; `gentle config` shows every setting in force and where it came from). Every",
        "setting is optional. An environment variable, where there is one, wins over the file",
        "for that run. A value gentle can't use is reported (by `gentle config` and in the app)",
        "and the default is used instead; nothing stops gentle from starting.",
        "",
        "This page is written from gentle's own settings code (`python -m gentle.config.reference`),",
        "and a test checks that it matches.",
        "",
        "| setting | type | default | environment | example |",
        "|---|---|---|---|---|",
    ]
    for f in fields(Config):
        if f.default is MISSING and f.default_factory is MISSING:
            continue
        variable = f"`{variables[f.name]}`" if f.name in variables else "—"
        out.append(f"| `{f.name}` | {TYPES[f.name]} | `{_default(f.name)}` | {variable} | `{EXAMPLES[f.name]}` |")
    out += ["", "## What each one does", ""]
    for f in fields(Config):
        out += [f"**`{f.name}`**: {notes.get(f.name, '')}", ""]
    out += [
        "## Themes",
        "",
        "Any of: " + ", ".join(f"`{t}`" for t in THEMES) + ".",
        "",
        "Short names: " + ", ".join(f"`{a}` (= `{t}`)" for a, t in THEME_ALIASES.items())
        + ". gentle saves and shows the full name.",
        "",
        "## Countries",
        "",
        "Built in: " + ", ".join(f"`{c}`" for c in COUNTRIES) + ". Also accepted: "
        + ", ".join(f"`{a}` (= `{c}`)" for a, c in COUNTRY_ALIASES.items()) + ".",
        "",
        "## Other environment variables",
        "",
        "| variable | what it does |",
        "|---|---|",
        *(f"| `{name}` | {words} |" for name, words in OTHER_VARIABLES),
        "",
        "## Key ids for `keys:`",
        "",
        "Each id names one key of gentle's; give it the key or keys you want instead, separated",
        "by commas (`keys: {break: \"ctrl+b,f5\"}`). Key names are textual's: `ctrl+b`, `f5`,",
        "`escape`, `enter`, `space`, `question_mark`, a letter. An id that isn't listed here is",
        "reported, with the closest one, and left as it is.",
        "",
        "| id | usual key | what it does |",
        "|---|---|---|",
    ]
    for key_id, (key, what) in sorted(KEY_IDS.items()):
        out.append(f"| `{key_id}` | `{key}` | {what} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    from gentle.output import echo

    echo(settings_reference(), nl=False)
