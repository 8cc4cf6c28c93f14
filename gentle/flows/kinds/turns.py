"""turns: one partner has the floor, the other listens, says back what they heard, and
the speaker says whether they felt heard (Imago dialogue, PREP speaker-listener)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from gentle.flows import names as name_rules
from gentle.flows.fields import read_text
from gentle.flows.kinds.base import (
    MINUTES_SCHEMA,
    Refused,
    SECONDS_SCHEMA,
    Schema,
    StepKind,
    duration_words,
    text_schema,
    texts_schema,
)
from gentle.flows.model import StepBase
from gentle.records import record

MAX_ROUNDS = 100


@record
class TurnsStep(StepBase):
    kind: Literal["turns"] = "turns"
    rounds: int = 1  # in one round each partner has the floor once
    floor_seconds: float = 180.0
    # "first", "second", or the id of an earlier choose step whose picked option names
    # the partner who speaks first ("{partner1} raised it"): engine/turns.opening_speaker.
    first_speaker: str = "first"
    speaker_prompt: str = ""
    listener_prompts: tuple[str, ...] = ()
    heard_question: str = "{speaker}, did you feel heard?"
    # Asked of the speaker once they felt heard ("{speaker}, is there more?"): yes, they
    # speak again on the same floor; no, the floor passes. "" (the default): not asked.
    more_question: str = ""
    # Shown to the speaker while the listener tries again after "not quite". "": none.
    restate_prompt: str = ""
    text: str | None = None


def _read(c: Any) -> TurnsStep:
    f, report = c.fields, c.ctx.report
    c.names = name_rules.BASE_NAMES | name_rules.TURN_NAMES
    values = c.base()
    rounds = f.number("rounds", integer=True)
    if rounds is not None and not 1 <= rounds <= MAX_ROUNDS:
        report.error(f.get("rounds"), f"`rounds` must be between 1 and {MAX_ROUNDS}")
        rounds = None
    floor = f.seconds("floor_minutes", "floor_seconds", required=False, default=180.0)
    _warn_if_long(c, rounds, floor)
    first = _first_speaker(c)
    extra: dict[str, Any] = {}
    heard = f.text("heard_question", names=c.names)
    if heard is not None:
        extra["heard_question"] = heard
    for key in ("more_question", "restate_prompt"):
        value = f.text(key, names=c.names)
        if value:
            extra[key] = value
    return TurnsStep(
        **values, rounds=int(rounds or 1), floor_seconds=float(floor or 180.0),
        first_speaker=first,
        speaker_prompt=f.text("speaker_prompt", required=True, names=c.names) or "",
        listener_prompts=f.texts("listener_prompts", required=True, at_least=1, names=c.names),
        text=f.text("text", names=c.names), **extra,
    )


# Past these, a turns step is most often a slip: speaker-listener floors are a few
# minutes, and a handful of rounds is already a long talk.
LONG_ROUNDS = 6
LONG_FLOOR_SECONDS = 10 * 60


def _warn_if_long(c: Any, rounds: Any, floor: float | None) -> None:
    report, f = c.ctx.report, c.fields
    if isinstance(rounds, int) and rounds > LONG_ROUNDS:
        report.warning(f.get("rounds"), f"{rounds} rounds is a very long talk (each of you has the "
                                        f"floor {rounds} times); two or three is usual. Is that "
                                        "what you meant?")
    if floor is not None and floor > LONG_FLOOR_SECONDS:
        key = "floor_minutes" if "floor_minutes" in f else "floor_seconds"
        report.warning(f.get(key), f"a floor of {duration_words(floor)} is long for one person to "
                                   "speak and the other to hold it all; a few minutes is usual. Is "
                                   "that what you meant?")


def _first_speaker(c: Any) -> str:
    """`first_speaker:` first, second, or the id of a step that decides it."""
    from gentle.flows.routes import REF

    node = c.fields.get("first_speaker")
    if node is None:
        return "first"
    value = read_text(node, c.ctx.report, "`first_speaker`")
    if value in (None, "first", "second"):
        return value or "first"
    if not REF.fullmatch(value):
        c.ctx.report.error(node, f'`first_speaker` is "first", "second", or the id of an earlier '
                                 f'choose step that asks who speaks first, not "{value}"')
        return "first"
    c.ctx.report.speaker_refs.append((c.id, value, node))
    return value


def decided_by(step: TurnsStep) -> str | None:
    """The step whose answer says who speaks first, if an answer decides it."""
    return None if step.first_speaker in ("first", "second") else step.first_speaker


def first_speaker(step: TurnsStep) -> int:
    """Who speaks first when no answer decides it (or the deciding step was skipped)."""
    return 1 if step.first_speaker == "second" else 0


def speaker_named(option: str) -> int | None:
    """The partner an option names ({partner1} or {partner2}, one of them only)."""
    found = {p for p in name_rules.placeholders(option) if p in ("partner1", "partner2")}
    if len(found) != 1:
        return None
    return 0 if found == {"partner1"} else 1


def check_speakers(steps: dict[str, Any], includes: dict[str, str], broken: set[str],
                   report: Any) -> None:
    """A `first_speaker:` step id names a choose step, answered once, whose options say
    who speaks first (each naming {partner1} or {partner2})."""
    from gentle.flows.suggest import did_you_mean_or_list

    chooses = [i for i, s in steps.items() if s.kind == "choose"]
    for owner, ref, node in report.speaker_refs:
        if ref in broken or ref.split(".", 1)[0] in broken:
            continue
        source = steps.get(ref)
        if source is None:
            report.error(node, f'no step has the id "{ref}"{did_you_mean_or_list(ref, chooses)}')
            continue
        if source.kind != "choose" or source.many or source.who == "each":
            report.error(node, f'`first_speaker: {ref}` needs a choose step answered once (who: '
                               "together, first or second, without `many`), whose options name who "
                               'speaks first, like "{partner1} raised it"')
            continue
        named = {speaker_named(o) for o in source.options}
        if not {0, 1} <= named:
            report.error(node, f'the options of "{ref}" must name who speaks first: one with '
                               "{partner1} and one with {partner2} (an option naming neither "
                               "leaves partner 1 first)")


def default_exchanges(step: TurnsStep, mirrors: Sequence[str | None] = (),
                      first: int | None = None) -> list[dict[str, Any]]:
    """One confirmed exchange per speaker per round (``first`` speaking first): a walk's
    neutral answer."""
    first = first_speaker(step) if first is None else first
    exchanges = []
    for round_ in range(1, max(1, step.rounds) + 1):
        for speaker in (first, 1 - first):
            mirror = mirrors[len(exchanges)] if len(exchanges) < len(mirrors) else None
            exchanges.append({
                "round": round_, "speaker": speaker, "listener": 1 - speaker,
                "mirror": mirror, "mirrors": [mirror], "attempts": 1, "heard": [True],
                "confirmed": True, "seconds": float(step.floor_seconds),
            })
    return exchanges


def _words_of(value: Any, what: str) -> str | None:
    """A mirror as the listener's words: text or nothing. YAML reads an unquoted yes, no,
    on, off, true or false as yes/no and 3 as a number; those are refused, not turned
    into the text "True" or "3", with a word on how to write them."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise Refused(f"{what} was read as yes/no, not as words (YAML reads an unquoted yes, no, "
                      "on, off, true or false that way); put the words in quotes, like "
                      + ('"yes"' if value else '"no"'))
    if isinstance(value, (int, float)):
        raise Refused(f"{what} was read as the number {value}, not as words; put it in quotes, "
                      f'like "{value}"')
    raise Refused(f"{what} must be text")


def _heard(value: Any, what: str) -> list[bool]:
    """Whether the speaker felt heard, per try: yes/no, or a list of them (``heard: yes``
    is ``[True]``)."""
    if isinstance(value, bool):
        return [value]
    if isinstance(value, list) and all(isinstance(h, bool) for h in value):
        return list(value)
    raise Refused(f"{what}: heard is yes or no, or a list of them (one per try), not {value!r}")


def _answer(step: TurnsStep, value: Any, names: Any) -> list[dict[str, Any]]:
    """A whole turns answer given at once (a walk's answers file), checked, gaps filled."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise Refused("a turns answer is a list of exchanges")
    result = []
    floors, last = 0, None  # one floor may hold several exchanges ("is there more?": yes)
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise Refused(f"exchange {i + 1} must be a mapping")
        speaker = item.get("speaker")
        if speaker not in (0, 1) or isinstance(speaker, bool):
            raise Refused(f"exchange {i + 1} needs speaker 0 or 1")
        floors, last = floors + (speaker != last), speaker
        mirror = _words_of(item.get("mirror"), f"exchange {i + 1}: the mirror")
        heard = _heard(item.get("heard", [True]), f"exchange {i + 1}")
        mirrors = item.get("mirrors", [mirror])
        if not isinstance(mirrors, list):
            mirrors = [mirrors]
        mirrors = [_words_of(m, f"exchange {i + 1}: a mirror") for m in mirrors]
        try:
            result.append({
                "round": int(item.get("round", (floors - 1) // 2 + 1)),
                "speaker": speaker,
                "listener": 1 - speaker,
                "mirror": mirror,
                "mirrors": mirrors,
                "attempts": int(item.get("attempts", 1)),
                "heard": heard,
                "confirmed": bool(item.get("confirmed", heard[-1] if heard else True)),
                "seconds": float(item.get("seconds", 0.0)),
            })
        except (TypeError, ValueError) as error:
            raise Refused(f"exchange {i + 1} can't be read ({error})") from None
    return result


def _words(step: TurnsStep, value: Any, partners: Any) -> str:
    if not isinstance(value, list):
        raise TypeError("not a list of exchanges")
    return "\n".join(_exchange(e, partners) for e in value if isinstance(e, dict))


def _exchange(e: dict[str, Any], partners: Any) -> str:
    speaker = _name(e.get("speaker"), partners)
    listener = _name(e.get("listener"), partners)
    mirror = e.get("mirror")
    said = f'mirrored: "{mirror}"' if mirror else "mirrored out loud"
    heard = "felt heard" if e.get("confirmed") else "did not feel fully heard"
    tries = e.get("attempts") or 1
    again = f" after {tries} tries" if isinstance(tries, int) and tries > 1 else ""
    return f"Round {e.get('round', '?')}: {speaker} spoke; {listener} {said}; {speaker} {heard}{again}."


def _name(index: Any, partners: Any) -> str:
    return partners[index] if index in (0, 1) else "a partner"


def _handout(step: TurnsStep, pages: Any) -> list:
    rounds = f"{step.rounds} round{'s' if step.rounds != 1 else ''}"
    timing = (f"{rounds}: each of you has the floor once per round, "
              f"for {pages.duration(step.floor_seconds)} at a time")
    blocks = [pages.timing(timing, "Taking turns"), *pages.text(step.text, "turns")]
    blocks += pages.text(step.speaker_prompt, "turns", label="The speaker")
    if step.listener_prompts:
        blocks.append(pages.list([pages.line(p, "turns") for p in step.listener_prompts], "The listener"))
    blocks.append(pages.paragraph(pages.line(step.heard_question, "turns"), "Then the speaker is asked"))
    if step.restate_prompt:
        blocks.append(pages.paragraph(
            f"{pages.line(step.restate_prompt, 'turns')} Then the listener tries again.",
            "If the speaker does not quite feel heard"))
    if step.more_question:
        blocks.append(pages.paragraph(
            f"{pages.line(step.more_question, 'turns')} Yes: the speaker goes on, in the time "
            "left on the floor, and the listener says back the new part too. No: the floor "
            "passes to the other partner.",
            "Once the speaker feels heard, they are asked"))
    return blocks


KIND = StepKind(
    name="turns",
    summary="Speaker and listener take the floor in turn; the listener says back what they heard.",
    keys=("rounds", "floor_minutes", "floor_seconds", "first_speaker", "speaker_prompt",
          "listener_prompts", "heard_question", "more_question", "restate_prompt", "text"),
    read=_read,
    schema=Schema(
        {
            "rounds": {"type": "integer", "minimum": 1, "maximum": MAX_ROUNDS, "default": 1,
                       "description": "In one round each partner has the floor once."},
            "floor_minutes": MINUTES_SCHEMA,
            "floor_seconds": SECONDS_SCHEMA,
            "first_speaker": {"type": "string", "default": "first",
                              "pattern": "^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$",
                              "description": "Who has the floor first in each round: first, "
                                             "second, or the id of an earlier choose step whose "
                                             "options name who ({partner1} raised it)."},
            "speaker_prompt": text_schema("Shown to the speaker; may use {speaker} and {listener}."),
            "listener_prompts": texts_schema("Phrases for the listener, like 'What I heard is...'", 1),
            "heard_question": text_schema("Asked of the speaker at the end of their turn."),
            "more_question": text_schema("Asked of the speaker once they felt heard, like "
                                         "'{speaker}, is there more?': yes, they speak again on "
                                         "the same floor; no, the floor passes. Not asked when "
                                         "left out."),
            "restate_prompt": text_schema("Shown to the speaker when they did not quite feel "
                                          "heard, while the listener tries again, like "
                                          "'{speaker}, say again the part that was missed.'"),
            "text": text_schema("Shown before the turns start."),
        },
        ("speaker_prompt", "listener_prompts"),
        {"not": {"required": ["floor_minutes", "floor_seconds"]}},
    ),
    model=TurnsStep,
    clock="turns",
    answer=_answer,
    walk_default=default_exchanges,
    detail=lambda step: f"{step.rounds} round(s), {step.floor_seconds / 60:g} min floor",
    heading=lambda step: "Taking turns",
    label=lambda step: "Taking turns",
    words=_words,
    handout=_handout,
    view="turns:TurnsView",
    help="turns",
    shows=True,
)
