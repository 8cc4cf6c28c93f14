"""Routing: reading `next:` and its conditions, checking them against the flow, and
checking the shape of the whole flow (unreachable steps, loops with no way out).

Conditions are data. They are never evaluated here; we only check that every step
they name exists, that each test fits that step's kind, and that numbers lie on the
step's scale, so a route cannot silently never fire.
"""

from __future__ import annotations

import re
from dataclasses import field

from yaml.nodes import MappingNode, Node, ScalarNode

from gentle.flows.fields import Fields, read_list, read_text
from gentle.flows.model import END, Condition, Route, Step
from gentle.flows.report import Report
from gentle.flows.suggest import did_you_mean, did_you_mean_or_list
from gentle.records import record

# A step id, possibly of an included step: "breathe" or "calm.breathe".
REF = re.compile(r"[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*")
# The tests a condition can make: the one list (the schema, the outline and the handout
# follow it).
TESTS = ("at_least", "at_most", "picked", "answered", "break_taken", "higher_than", "lower_than")
COMPARISONS = ("higher_than", "lower_than")  # a rating against the same partner's at another step
LEAF_KEYS = ("step", "who", *TESTS)
COMBINATORS = {"all": "all_of", "any": "any_of", "none": "none_of"}
_SYNONYMS = {"and": "all", "or": "any", "not": "none", "if": "when", "goto": "go", "to": "go",
             "min": "at_least", "max": "at_most", "equals": "picked", "is": "picked",
             "break": "break_taken", "had_break": "break_taken", "breaks": "break_taken",
             "above": "higher_than", "more_than": "higher_than", "greater_than": "higher_than",
             "below": "lower_than", "less_than": "lower_than", "rose_from": "higher_than"}
WHO_IN_CONDITION = ("either", "both", "first", "second")


@record(frozen=False)
class Leaf:
    cond: Condition
    node: Node  # the condition mapping
    step_node: Node | None  # the `step:` value, when written
    test_node: Node
    owner: str = ""  # the step whose `next:` holds the condition


@record(frozen=False)
class Pending:
    """What can only be checked once every step (and every include) is known."""

    targets: list[tuple[str, Node]] = field(default_factory=list)
    leaves: list[Leaf] = field(default_factory=list)
    shows: list = field(default_factory=list)  # kinds/showing.py's ShowRef, one per `show:` id


def parse_next(node: Node, owner: str, report: Report, pending: Pending) -> tuple[Route, ...]:
    if isinstance(node, ScalarNode):
        go = _target(node, report, pending)
        return (Route(go),) if go else ()
    items = read_list(node, report, "`next`")
    if items is None:
        return ()
    routes: list[Route] = []
    always_at: Node | None = None
    for item in items:
        if not isinstance(item, MappingNode):
            report.error(item, "each route under `next:` is a mapping: `- go: STEP` with an optional `when:`")
            continue
        f = Fields(item, report, "a route")
        if always_at is not None:
            line = always_at.start_mark.line + 1
            report.warning(item, f"this route is never tried: the route on line {line} has no `when:` "
                                 "and always goes first")
        go_node = f.require("go", " (the step to go to, or end)")
        when_node = f.get("when")
        f.unknown(("go", "when"), _hint_keys())
        go = _target(go_node, report, pending) if go_node is not None else None
        when = parse_condition(when_node, owner, report, pending) if when_node is not None else None
        if when_node is None and always_at is None:
            always_at = item
        if go:
            routes.append(Route(go, when))
    return tuple(routes)


def _target(node: Node, report: Report, pending: Pending) -> str | None:
    go = read_text(node, report, "a route target")
    if go is None:
        return None
    if go != END and not REF.fullmatch(go):
        lowered = go.strip().lower()
        hint = f'; did you mean "{lowered}"?' if REF.fullmatch(lowered) else ""
        report.error(node, f'"{go}" is not a step id (ids use lowercase letters, digits and dashes, '
                           f'and `end` finishes the flow){hint}')
        return None
    pending.targets.append((go, node))
    return go


def _hint_keys() -> dict[str, str]:
    return {k: f'a condition (did you mean "{v}"?)' for k, v in _SYNONYMS.items()}


def parse_condition(node: Node, owner: str, report: Report, pending: Pending) -> Condition | None:
    if not isinstance(node, MappingNode):
        report.error(node, "`when:` is a mapping, like {step: check-in, at_least: 7}")
        return None
    f = Fields(node, report, "a condition")
    combos = [k for k in COMBINATORS if k in f]
    leaf_keys = [k for k in LEAF_KEYS if k in f]
    strangers = [k for k in f.pairs if k not in COMBINATORS and k not in LEAF_KEYS]
    for key in strangers:
        f.get(key)
        hint = _SYNONYMS.get(key)
        tail = f'; did you mean "{hint}"?' if hint else did_you_mean(key, (*COMBINATORS, *LEAF_KEYS))
        report.error(f.key_node(key), f'unknown key "{key}" in a condition{tail}')
    if combos:
        if len(combos) > 1 or leaf_keys:
            extra = (combos[1:] + leaf_keys)[0]
            report.error(f.key_node(extra), f"a condition with `{combos[0]}:` cannot also have "
                                            f"`{extra}:`; nest them inside `{combos[0]}:` instead")
            return None
        key = combos[0]
        items = read_list(f.get(key), report, f"`{key}`") or []
        if not items:
            report.error(f.get(key), f"`{key}:` needs a list of conditions")
            return None
        parts = tuple(c for c in (parse_condition(i, owner, report, pending) for i in items) if c)
        return Condition(**{COMBINATORS[key]: parts})
    return _leaf(f, owner, report, pending, quiet=bool(strangers))


def _leaf(f: Fields, owner: str, report: Report, pending: Pending, *, quiet: bool) -> Condition | None:
    tests = [k for k in TESTS if k in f]
    if len(tests) > 1 or not tests and not quiet:
        where = f.node if not tests else f.key_node(tests[1])
        report.error(where, "a condition needs exactly one test: at_least, at_most, picked, answered,"
                            " break_taken, higher_than or lower_than (combine several with all: or "
                            "any:)")
        for key in LEAF_KEYS:
            f.get(key)
        return None
    if not tests:
        return None  # an unknown key was reported, probably the misspelt test
    test = tests[0]
    step_node = f.get("step")
    step = owner
    if step_node is not None:
        step = read_text(step_node, report, "`step`") or owner
        if not REF.fullmatch(step):
            report.error(step_node, f'"{step}" is not a step id')
            step = owner
    who = f.choice("who", WHO_IN_CONDITION, "either")
    if test == "break_taken" and "who" in f:
        report.error(f.key_node("who"), "`who` has no meaning with `break_taken`: a break is "
                                        "taken by you both")
    test_node = f.get(test)
    values: dict[str, object] = {}
    if test in ("at_least", "at_most"):
        values[test] = f.number(test)
    elif test == "picked":
        values[test] = read_text(test_node, report, "`picked`")
    elif test in COMPARISONS:
        other = read_text(test_node, report, f"`{test}`")
        if other is not None and not REF.fullmatch(other):
            report.error(test_node, f'"{other}" is not a step id; `{test}` names the rating step to '
                                    "compare with, like {step: after, higher_than: before}")
            other = None
        values[test] = other
    else:
        values[test] = f.boolean(test, True)
    if values[test] is None:
        return None
    cond = Condition(step=step, who=who, **values)  # type: ignore[arg-type]
    pending.leaves.append(Leaf(cond, f.node, step_node, test_node, owner))
    return cond


# -- checks against the whole flow -----------------------------------------------------


def check_references(steps: dict[str, Step], includes: dict[str, str], broken: set[str],
                     pending: Pending, report: Report) -> None:
    """Targets and condition steps exist; tests fit the step's kind and scale."""
    known = sorted(set(steps) | set(includes))
    for go, node in pending.targets:
        if go != END and go not in steps and go not in includes and not _unknowable(go, broken):
            report.error(node, f'no step has the id "{go}"{did_you_mean_or_list(go, [*known, END])}')
    for leaf in pending.leaves:
        _check_leaf(leaf, steps, includes, broken, known, report)


def _unknowable(ref: str, broken: set[str]) -> bool:
    """A step that failed to load, or one inside an include that failed: already reported."""
    return ref in broken or ref.split(".", 1)[0] in broken


def _check_leaf(leaf: Leaf, steps: dict[str, Step], includes: dict[str, str], broken: set[str],
                known: list[str], report: Report) -> None:
    cond = leaf.cond
    where = leaf.step_node or leaf.node
    if _unknowable(cond.step or "", broken):
        return
    if cond.step in includes:
        report.error(where, f'"{cond.step}" is an include; name one of its steps instead, '
                            f'like "{cond.step}.{includes[cond.step]}"')
        return
    step = steps.get(cond.step or "")
    if step is None:
        report.error(where, f'no step has the id "{cond.step}"{did_you_mean_or_list(cond.step or "", known)}')
        return
    from gentle.flows.kinds import kind_of

    kind = kind_of(step)
    other_ref = cond.higher_than or cond.lower_than
    if other_ref is not None:
        _check_comparison(leaf, step, other_ref, steps, includes, broken, known, report)
        return
    if cond.at_least is not None or cond.at_most is not None:
        number = cond.at_least if cond.at_least is not None else cond.at_most
        name = "at_least" if cond.at_least is not None else "at_most"
        scale = kind.numbers(step) if kind.numbers is not None else None
        if scale is None:
            report.error(leaf.test_node, f'`{name}` needs a rate step (or a checklist), but "{step.id}" '
                                         f"is a {step.kind} step")
            return
        if isinstance(scale, str):
            report.error(leaf.test_node, scale.replace("{test}", name))
            return
        low, high = scale
        if number is not None and not low <= number <= high:
            report.error(leaf.test_node, f'{number:g} is off the scale of "{step.id}", which runs '
                                         f"from {low} to {high}")
    elif cond.picked is not None:
        options = kind.options(step) if kind.options is not None else None
        if options is None:
            report.error(leaf.test_node, f'`picked` needs a choose or checklist step, but "{step.id}" '
                                         f"is a {step.kind} step")
            return
        if cond.picked not in options:
            report.error(leaf.test_node, f'"{cond.picked}" is not one of the options of "{step.id}"'
                                         f"{did_you_mean(cond.picked, options)}")


def _check_comparison(leaf: Leaf, step: Step, other_ref: str, steps: dict[str, Step],
                      includes: dict[str, str], broken: set[str], known: list[str],
                      report: Report) -> None:
    """Both steps are rating scales answered the same way (by each partner, or together)."""
    from gentle.engine.answers import asking_order
    from gentle.flows.kinds import kind_of

    test = "higher_than" if leaf.cond.higher_than is not None else "lower_than"
    if _unknowable(other_ref, broken):
        return
    if other_ref in includes:
        report.error(leaf.test_node, f'"{other_ref}" is an include; name one of its steps instead, '
                                     f'like "{other_ref}.{includes[other_ref]}"')
        return
    other = steps.get(other_ref)
    if other is None:
        report.error(leaf.test_node, f'no step has the id "{other_ref}"{did_you_mean_or_list(other_ref, known)}')
        return
    for compared in (step, other):
        if compared.kind != "rate":
            report.error(leaf.test_node, f'`{test}` compares two ratings, but "{compared.id}" is a '
                                         f"{compared.kind} step")
            return
    if other.id == step.id:
        report.error(leaf.test_node, f"`{test}` compares \"{step.id}\" with itself; name the other "
                                     "rating step")
        return
    if (asking_order(step) == (None,)) != (asking_order(other) == (None,)):
        report.error(leaf.test_node, f'"{step.id}" and "{other.id}" are not answered the same way '
                                     "(one by each of you, one together), so their ratings can't be "
                                     "compared partner by partner")


def successors(order: list[Step]) -> list[list[int]]:
    """For each step (by index), the steps it can go to next; ``len(order)`` is the end."""
    index = {s.id: i for i, s in enumerate(order)}
    n = len(order)
    succ: list[list[int]] = []
    for i, step in enumerate(order):
        out: list[int] = []
        always = False
        for route in step.next:
            out.append(index.get(route.go, n))  # unknown targets were reported; treat as end
            if route.when is None:
                always = True
                break
        if not always:
            out.append(i + 1)
        succ.append(out)
    return succ


def check_shape(order: list[Step], own_nodes: dict[str, Node], include_of: dict[str, Node],
                report: Report) -> None:
    """Warn about steps nothing leads to; refuse loops that can never reach the end."""
    if not order:
        return
    n = len(order)
    succ = successors(order)
    reached = _walk([0], succ)
    preds: list[list[int]] = [[] for _ in range(n + 1)]
    for i, out in enumerate(succ):
        for j in out:
            preds[j].append(i)
    can_end = _walk([n], preds)
    warned: set[int] = set()
    for i, step in enumerate(order):
        if i in reached:
            continue
        if step.id in own_nodes:
            report.warning(own_nodes[step.id], f'step "{step.id}" can never be reached: no step '
                                               "leads to it")
        elif step.id in include_of and id(include_of[step.id]) not in warned and (
                i == 0 or include_of.get(order[i - 1].id) is not include_of[step.id]):
            warned.add(id(include_of[step.id]))
            report.warning(include_of[step.id], "this included flow can never be reached: no step leads to it")
    stuck = {i for i in reached if i < n and i not in can_end}
    # Every trap holds a cycle, so some stuck step jumps back to a stuck step: the
    # route that closes the loop. Point there, and name the steps going round.
    closing = next(((i, j) for i in sorted(stuck) for j in succ[i] if j <= i and j in stuck), None)
    if closing is not None:
        i, j = closing
        ids = [order[k].id for k in range(j, i + 1) if k in stuck]
        loop = " → ".join(f'"{x}"' for x in ids[:5]) + (" → ..." if len(ids) > 5 else "")
        node = own_nodes.get(order[i].id) or include_of.get(order[i].id)
        report.error(node, f"a loop with no way out: {loop} → back to \"{order[j].id}\", and no "
                           "route ever reaches the end (add a route that moves on, or `next: end`)")


def reach(succ: list[list[int]], start: int) -> set[int]:
    """The steps (by index) that can follow ``start``, one or more moves on."""
    seen: set[int] = set()
    todo = list(succ[start]) if start < len(succ) else []
    while todo:
        i = todo.pop()
        if i in seen:
            continue
        seen.add(i)
        if i < len(succ):
            todo.extend(succ[i])
    return seen


def check_condition_order(order: list[Step], leaves: list[Leaf], report: Report) -> None:
    """Warn about a condition that tests a step the couple can only reach after the step
    the condition is on: nothing is answered there yet, so the test never sees an answer."""
    index = {s.id: i for i, s in enumerate(order)}
    succ = successors(order)
    reached = _walk([0], succ) if order else set()
    for leaf in leaves:
        owner = leaf.owner
        compared = leaf.cond.higher_than or leaf.cond.lower_than
        for tested, node in ((leaf.cond.step, leaf.step_node or leaf.node), (compared, leaf.test_node)):
            if not owner or tested is None or tested == owner or tested not in index or owner not in index:
                continue
            if index[tested] not in reached or index[owner] not in reached:
                continue  # a step nothing leads to: check_shape warns about it
            if index[owner] not in reach(succ, index[tested]):
                report.warning(node, f'"{tested}" can only come after "{owner}", so nothing is answered '
                                     "there yet when this route is chosen and the test can never see "
                                     "an answer; test a step the couple pass on their way here")


def _walk(start: list[int], edges: list[list[int]]) -> set[int]:
    seen = set(start)
    todo = list(start)
    while todo:
        i = todo.pop()
        if i >= len(edges):
            continue
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                todo.append(j)
    return seen
