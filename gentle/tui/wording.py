"""Flow text with the partners' names filled in, each name in that partner's colour.

Author text is data: placeholders are found by :mod:`gentle.flows.names` (never
evaluated), everything between them is cleaned and shown literally, and the names are
inserted as plain text in the partner's colour. A name like ``[b]Sam`` stays as typed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

from gentle.flows import names as placeholders
from gentle.records import record
from gentle.text import clean, clean_line

PARTNER_STYLES = ("bold $partner-a", "bold $partner-b")
PARTNER_CLASSES = ("partner-0", "partner-1")


@record
class Wording:
    partners: tuple[str, str]

    def name(self, partner: int) -> Content:
        """One partner's name in their colour."""
        return Content.styled(clean_line(self.partners[partner]), PARTNER_STYLES[partner])

    def both(self) -> Content:
        return Content.assemble(self.name(0), " and ", self.name(1))

    def plain_name(self, partner: int) -> str:
        return clean_line(self.partners[partner])

    def text(
        self,
        raw: str | None,
        *,
        partner: int | None = None,
        speaker: int | None = None,
        listener: int | None = None,
        one_line: bool = False,
        answer: Callable[[str, str | None], str] | None = None,
    ) -> Content:
        """``raw`` with ``{partner1}``, ``{partner}``, ``{speaker}``… filled and coloured.

        ``answer(ref, who)`` gives the words of an ``{answer:REF:WHO}`` (the engine's
        ``Runner.answer_words``); they are the couple's own, shown literally.
        """
        raw = raw or ""
        who: dict[str, int | None] = {
            "partner1": 0,
            "partner2": 1,
            "partner": partner,
            "other": None if partner is None else 1 - partner,
            "speaker": speaker,
            "listener": listener,
        }
        tidy = clean_line if one_line else clean
        pieces: list[Content] = []
        last = 0
        for found in placeholders.find(raw):
            pieces.append(Content(tidy(self._unescape(raw[last : found.offset]))))
            token = found.token
            last = found.offset + len(token)
            if found.is_answer and answer is not None:
                pieces.append(Content.styled(tidy(answer(found.ref or "", found.who)), "italic"))
            elif found.name == "both":
                pieces.append(self.both())
            elif who.get(found.name) is not None:
                pieces.append(self.name(who[found.name]))  # type: ignore[arg-type]
            else:
                # Not fillable here: shown as written, so an author's slip is visible.
                pieces.append(Content(token))
        pieces.append(Content(tidy(self._unescape(raw[last:]))))
        return Content.assemble(*pieces)

    def plain(self, raw: str | None, **who: int | None) -> str:
        return self.text(raw, **who).plain

    def _unescape(self, segment: str) -> str:
        # A segment holds no placeholders, so fill() only turns {{ and }} into braces.
        return placeholders.fill(segment, partner1="", partner2="")
