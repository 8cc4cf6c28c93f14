"""The commented starter flow written by ``gentle flows new ID``."""

from __future__ import annotations

_STARTER = """\
# yaml-language-server: $schema={schema}
# A flow of your own. Change anything; then check it with:
#   gentle flows validate {path}
# and try it without opening the app:
#   gentle flows show {id}
#   gentle flows walk {id} --answers answers.yaml
# An editor with YAML support (VS Code's YAML extension, Neovim or Helix with
# yaml-language-server) completes and checks it as you type, from the line at the top.
# Every key is described in gentle's guide to writing flows (docs/flows.md in its
# source) and in `gentle flows schema`. Lines starting with # are notes for you.

id: {id}                        # lowercase letters, digits and dashes
title: My flow                  # shown on the home screen
summary: A short check-in, a few slow breaths, and one kind sentence each.
minutes: 5                      # about how long it takes
tags: [mine]
sources:
  - "Name the methods you draw on here, so others can read more."

steps:
  - kind: say                   # just text to read together
    id: welcome
    text: |
      {{both}}, let's take a few minutes together.

  - kind: rate                  # a 0 to 10 scale, asked of each partner in turn
    id: check-in
    ask: "{{partner}}, how stirred up do you feel right now?"
    measures: distress
    labels:
      0: calm
      10: too much to talk
    next:                       # routes are tried in order; none matching = the next step
      - go: pause
        when: {{step: check-in, who: either, at_least: 7}}

  - kind: breathe               # paced breathing: a pattern (or phases) and a length
    id: breathe
    pattern: extended-exhale    # box, 4-7-8, coherent, extended-exhale or sigh
    minutes: 2

  - kind: write                 # free text, here with blanks to fill in
    id: kind-words
    ask: "{{partner}}, finish the sentence."
    template: "One thing I appreciate about {{other}} is {{appreciation}}."
    blanks:
      appreciation:
        hint: something small and specific
    next: end                   # finish here

  - kind: timer                 # a countdown; break: true marks a cool-down break
    id: pause
    break: true
    minutes: 20
    text: Take twenty minutes apart, and agree when you'll come back.
    next: breathe
"""


def starter_text(flow_id: str, path: str, schema: str = "") -> str:
    """``schema``: where the flow schema is on this machine (a file URI); by default the
    place ``gentle flows schema --install`` writes it."""
    if not schema:
        from gentle.flows.schema import installed_schema_path

        schema = installed_schema_path().as_uri()
    return _STARTER.format(id=flow_id, path=path, schema=schema)
