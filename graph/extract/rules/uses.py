"""Uses listed under a statement of codes.

"These codes are most commonly reported in conjunction with procedures where ... Examples
include:" and a bulleted list, one use to an item ("Vascular Access: During the insertion of
central venous catheters ...", "Pain Management Injections: ... spinal injections ..."): each
item names the procedures the codes are reported with. When the codes are listed with their
descriptors in the document, an item goes with the codes whose descriptor names what it names,
since a collection's uses are shared out among its codes, not all of them claimed by each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ...claims import Stance, Triple
from ..lexicon import Lexicon
from ..mentions import Mention, MentionKind, find_mentions
from .context import (
    _LINE_CODE,
    GUIDANCE_CATEGORIES,
    Reading,
    _alternation,
    _anaphor,
    _codes,
    _Context,
    _is_diagnosis,
    _line_at,
)

_ITEM = re.compile(r"[ \t]*[•*·\-–][ \t]+")
_LEAD_IN = re.compile(r":\s*$")
_ITEMS_LOOKBACK = 12


def _item_start(ctx: _Context, i: int) -> bool:
    """Whether sentence ``i`` opens an item of a bulleted list."""
    sentence = ctx.sentences[i]
    line_start, _ = _line_at(ctx.text, sentence.start)
    item = _ITEM.match(ctx.text, line_start)
    return item is not None and item.end() == sentence.start


def _on_item_line(ctx: _Context, j: int) -> bool:
    """Whether sentence ``j`` is on a line of a bulleted list."""
    line_start, _ = _line_at(ctx.text, ctx.sentences[j].start)
    return _ITEM.match(ctx.text, line_start) is not None


def _list_lead(ctx: _Context, i: int) -> int | None:
    """The sentence that the list holding item ``i`` follows, if it ends in a colon."""
    j = i - 1
    for _ in range(_ITEMS_LOOKBACK):
        if j < 0:
            return None
        if not _on_item_line(ctx, j):
            return j if _LEAD_IN.search(ctx.sentences[j].text) else None
        j -= 1
    return None


def _stated_codes(ctx: _Context, j: int) -> list[str]:
    """The codes a statement of uses is about: those it names, or those "these codes" refer to:
    the codes whose descriptor lines the section lists, else the codes of the sentence before."""
    named = [m.value for m in _codes(ctx.participants[j]) if not _is_diagnosis(m.value)]
    if named:
        return list(dict.fromkeys(named))
    if not _anaphor(ctx, ctx.sentences[j].text):
        return []
    if len(ctx.section[j]) >= 2:
        return list(dict.fromkeys(ctx.section[j]))
    return list(ctx.focus_all[j])


@cache
def _reported_with_procedures(lexicon: Lexicon) -> re.Pattern[str]:
    """ "reported in conjunction with procedures", "used for the following"."""
    verbs, links, procedures = (
        _alternation(lexicon, "uses", part) for part in ("verbs", "links", "procedures")
    )
    return re.compile(
        rf"\b(?:{verbs})\s+(?:{links})\s+(?:\w+\s+){{0,2}}?(?:{procedures})\b", re.IGNORECASE
    )


def _uses_statement(ctx: _Context, lead: int) -> int | None:
    """The sentence that says the codes are reported with procedures the list then names: the
    lead-in itself ("... reported with procedures such as:"), or the sentence before a bare one
    ("Examples include:")."""
    pattern = _reported_with_procedures(ctx.lexicon)
    for j in (lead, lead - 1):
        if j >= 0 and pattern.search(ctx.sentences[j].text):
            return j
    return None


def _named_things(mentions: list[Mention]) -> set[tuple[MentionKind, str]]:
    """The procedures and regions a stretch of text names, not the guidance itself."""
    return {
        (m.kind, m.value)
        for m in mentions
        if (m.kind is MentionKind.CATEGORY and m.value not in GUIDANCE_CATEGORIES)
        or m.kind is MentionKind.REGION
    }


def _descriptors(ctx: _Context, codes: list[str]) -> dict[str, set[tuple[MentionKind, str]]]:
    """What each code's descriptor line (the first line it opens) in the document names."""
    named: dict[str, set[tuple[MentionKind, str]]] = {}
    for line in re.finditer(r"(?m)^.*$", ctx.text):
        opening = _LINE_CODE.match(line[0])
        if opening is not None and opening["code"] in codes and opening["code"] not in named:
            mentions = find_mentions(line[0], line.start(), ctx.lexicon)
            named[opening["code"]] = _named_things(mentions)
    return named


def _use_list_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """An item of a list of uses: the listed codes are add-ons to the procedures it names."""
    if _codes(participants) or not _item_start(ctx, i):
        return
    procedures = [
        m.value
        for m in participants
        if m.kind is MentionKind.CATEGORY and m.value not in GUIDANCE_CATEGORIES
    ]
    lead = _list_lead(ctx, i)
    statement = _uses_statement(ctx, lead) if procedures and lead is not None else None
    if statement is None:
        return
    codes = _stated_codes(ctx, statement)
    descriptors = _descriptors(ctx, codes)
    named = _named_things(ctx.mentions[i])
    if len(descriptors) == len(codes):
        codes = [c for c in codes if descriptors[c] & named]
    facts = tuple(
        Triple(code, "addOnTo", procedure)
        for code in codes
        for procedure in dict.fromkeys(procedures)
    )
    if facts:
        sentence = ctx.sentences[i]
        yield Reading("addon.uses", sentence.start, sentence.end, facts, Stance.AFFIRMS, 0.6)
