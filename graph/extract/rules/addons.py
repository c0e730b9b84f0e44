"""Add-on codes: "report add-on code 77003 with 62323" and the codes of further levels."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...claims import Assertion, Stance, Triple
from ..mentions import Mention, MentionKind
from .clauses import _CLAUSE_VERB, _FINITE, _OBJECT_OPENING, _clause_bounds
from .context import (
    ONE_CODE,
    Reading,
    _anaphor,
    _between,
    _code_lists,
    _codes,
    _Context,
    _entry,
    _focus_mention,
    _is_diagnosis,
    _is_guidance,
    _kinship,
    _line_at,
    _negated,
    _per_additional,
    _skip_space,
    _slash_joined,
)

_BOTH_ARE = re.compile(
    r"[;,]?\s*(?:both|they|all\s+(?:two|three|four))\s+(?:are|can\s+be)\s+(?:\w+\s+){0,2}?$",
    re.IGNORECASE,
)
_SECOND_CLAUSE = re.compile(
    rf"(?:,?\s+(?:and|but|while|whereas)|,\s+or(?:\s+with)?)\s+{_OBJECT_OPENING}(?=[0-9A-Z])",
    re.IGNORECASE,
)


# "64480 only as an add-on to 64479, and 64484 only as an add-on to 64483", "with add-on code
# 64480 in addition to 64479, or with add-on code 64484 in addition to 64483", "..., and add-on
# codes 64494 and 64495 with primary code 64493": the verb left out
_GAPPED_ADD_ON = re.compile(
    r"\s+(?:only\s+|also\s+)?(?:as\s+(?:an?\s+)?add-?on\b|in\s+addition\s+to\b"
    r"|with\s+(?:the\s+|its\s+|their\s+)?primary\b)",
    re.IGNORECASE,
)


def _second_clause(
    ctx: _Context, participants: list[Mention], lo: int, hi: int
) -> tuple[int, list[Mention]] | None:
    """Where "..., and 64495 is reported ..." opens a clause with a subject of its own after
    ``lo``, with that subject: its codes are not the objects of the first clause."""
    for match in _SECOND_CLAUSE.finditer(ctx.text, lo, hi):
        first = [m for m in _codes(participants) if m.start == match.end()]
        if not first:
            continue
        lists = _code_lists(ctx, [m for m in _codes(participants) if m.start >= first[0].start])
        subject = lists[0][1]
        if (
            _FINITE.match(ctx.text, _skip_space(ctx.text, subject[-1].end))
            or _CLAUSE_VERB.match(ctx.text, subject[-1].end)
            or _GAPPED_ADD_ON.match(ctx.text, subject[-1].end)
        ):
            return match.start(), subject
    return None


def _addon_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Add-on code 64484 is reported with 64483"; a second clause with an add-on cue of its own
    ("..., and 64494 and 64495 are add-on codes to primary code 64493") is read on its own, and
    one for further levels with no primary of its own adds to the primary before."""
    sentence = ctx.sentences[i]
    lo = sentence.start
    primaries: list[str] = []
    while lo < sentence.end:
        facts, rule, next_lo = _addon_clause(ctx, i, participants, lo, sentence.end)
        # "64483 is the primary code for a single level, and 64484 is an add-on code for each
        # additional level": the primary the clause names
        primaries = _named_primary(ctx, lo, next_lo or sentence.end) or primaries
        if (
            primaries
            and not any(isinstance(f, Triple) and f.property == "addOnTo" for f in facts)
            and _per_additional(ctx, lo, sentence.end)
        ):
            # "..., and 64495 is the add-on for the third and any additional level": the primary
            # of the clause before
            added = [
                Triple(f.subject, "addOnTo", p)
                for f in facts
                if isinstance(f, Triple) and f.property == "addOn"
                for p in primaries
                if p != f.subject
            ]
            facts += added
            rule = "addon.primary" if added else rule
        primaries = [
            f.object for f in facts if isinstance(f, Triple) and f.property == "addOnTo"
        ] or primaries
        if facts:
            yield Reading(rule, sentence.start, sentence.end, tuple(facts), Stance.AFFIRMS, 0.85)
        if next_lo is None:
            return
        lo = next_lo


# "Code 64483 is the primary code for a single level, and ...": the primary of what follows
_IS_THE_PRIMARY = re.compile(
    rf"(?P<code>{ONE_CODE})\s+is\s+the\s+primary(?:\s+(?:code|procedure))?\b", re.IGNORECASE
)


def _named_primary(ctx: _Context, lo: int, hi: int) -> list[str]:
    """The code a clause names as the primary code."""
    named = _IS_THE_PRIMARY.search(ctx.text, lo, hi)
    return [named["code"]] if named is not None else []


def _level_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "64483 for L4-5, then +64484 for L5-S1, the additional level", "64493 for the first
    level and 64494 for the second level", "64483 (+64484 for each additional level)": a code
    reported for a further level is an add-on to the code named for the level before it."""
    sentence = ctx.sentences[i]
    codes = [m for m in _codes(participants) if not _is_diagnosis(m.value) and "-" not in m.value]
    add_on = ctx.lexicon.pattern("attributes", "add_on")
    facts: list[Assertion] = []
    first_level: Mention | None = None
    for index in range(1, len(codes)):
        primary, code = codes[index - 1], codes[index]
        if _FIRST_LEVEL.match(ctx.text, primary.end):
            first_level = primary
        if first_level is not None and re.match(r"\s+is\b", ctx.text[code.end : code.end + 6]):
            # "64493 is the first lumbar level, 64494 is the add-on for the second level and
            # 64495 is the third and any additional level": each adds to the first level's code
            end = codes[index + 1].start if index + 1 < len(codes) else sentence.end
            if _per_additional(ctx, code.end, end) or add_on.search(ctx.text, code.end, end):
                facts.append(Triple(code.value, "addOnTo", first_level.value))
            continue
        end = codes[index + 1].start if index + 1 < len(codes) else sentence.end
        said = ctx.text[code.end : end]
        marked = (
            ctx.text[code.start - 1 : code.start] == "+"
            or _per_additional(ctx, code.end, end)
            or add_on.search(said) is not None
        )
        if (
            marked
            and re.match(rf"{_WITH_MODIFIER}\s+for\b", said, re.IGNORECASE)
            and _LEVEL_THEN.fullmatch(ctx.text, primary.end, code.start)
            and not _per_additional(ctx, primary.end, code.start)
        ):
            facts.append(Triple(code.value, "addOnTo", primary.value))
    facts = list(dict.fromkeys([*facts, *_levels_named_first(ctx, codes)]))
    if facts:
        yield Reading("addon.levels", sentence.start, sentence.end, tuple(facts), confidence=0.75)


# "the first level is 64479", "the initial joint is 64490 or 64493": the codes come after
_LEVEL_IS = re.compile(
    r"\bthe\s+(?P<ordinal>first|initial|single|[\w'-]+(?:\s+and\s+(?:any\s+)?[\w'-]+)?)"
    r"(?:\s+[\w-]+){0,2}?\s+(?:level|levels|joint|joints|segment|segments)\s+"
    r"(?:is|are)\s+(?:billed\s+|reported\s+|coded\s+)?(?:with\s+|as\s+)?$",
    re.IGNORECASE,
)


def _levels_named_first(ctx: _Context, codes: list[Mention]) -> list[Assertion]:
    """ "The first level is 64479 and 64480 is added for each additional level", "the first level
    is 64490 or 64493; the second level is 64491 or 64494": the codes of a later level are add-ons
    to the first level's, alternatives pairing up in order."""
    lists = _alternatives(ctx, codes)
    first: list[Mention] = []
    facts: list[Assertion] = []
    for index, group in enumerate(lists):
        said = _LEVEL_IS.search(ctx.text, max(0, group[0].start - 80), group[0].start)
        if (
            said is not None and said["ordinal"].lower() in ("first", "initial", "single")
        ) or _FOR_THE_FIRST.match(ctx.text, group[-1].end):
            first = group  # "the first level is 64490", "64490 and 64493 are for the first level"
            continue
        if not first or {c.value for c in group} & {c.value for c in first}:
            continue
        if said is not None:
            named_for = ctx.text[said.start() : group[0].start]
        else:
            end = lists[index + 1][0].start if index + 1 < len(lists) else group[-1].end + 60
            named_for = ctx.text[group[-1].end : end]
            if not re.match(r"\s+(?:is|are|reports?|describes?|covers?|for)\b", named_for):
                continue
        if not _per_additional(ctx, 0, len(named_for), named_for):
            continue
        if len(group) == len(first):
            facts += [
                Triple(c.value, "addOnTo", p.value) for c, p in zip(group, first, strict=True)
            ]
        else:
            # "64490 or 64493 for the first level, and 64491, 64492, 64494 or 64495 for the
            # second and third levels": each to the first level's code of its family
            facts += [Triple(c.value, "addOnTo", _family_first(ctx, c, first).value) for c in group]
    return facts


def _family_first(ctx: _Context, code: Mention, first: list[Mention]) -> Mention:
    """The code of ``first`` that ``code`` continues: the most alike, then the nearest below it
    (an add-on code is numbered after the code it adds to)."""

    def order(candidate: Mention) -> tuple[tuple[int, int], bool, int]:
        below = candidate.value <= code.value
        both_numbers = candidate.value.isdigit() and code.value.isdigit()
        distance = abs(int(code.value) - int(candidate.value)) if both_numbers else 0
        return _kinship(ctx, code.value, candidate.value), below, -distance

    return max(first, key=order)


_FOR_THE_FIRST = re.compile(
    r"\s+(?:(?:is|are|covers|describes|reports)\s+(?:the\s+)?(?:primary\s+)?(?:codes?\s+)?"
    r"(?:reported\s+)?(?:for\s+)?|(?:per\s+[\w-]+\s+)?for\s+)the\s+(?:first|initial|single)\b",
    re.IGNORECASE,
)
_ALTERNATIVE_GAP = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?(?:,|or|/|,\s*or)\s*", re.IGNORECASE)
_AND_GAP = re.compile(r"\s*(?:\([^()]{0,60}\)\s*)?(?:and|,\s*and)\s*", re.IGNORECASE)


def _alternatives(ctx: _Context, codes: list[Mention]) -> list[list[Mention]]:
    """Codes grouped as one level's alternatives ("64490 (cervical) or 64493 (lumbar)"); a code
    after "and" that is the subject of its own verb ("64479 and 64480 is added") starts a group."""
    groups: list[list[Mention]] = []
    for code in codes:
        if groups:
            gap_start = groups[-1][-1].end
            if _ALTERNATIVE_GAP.fullmatch(ctx.text, gap_start, code.start) or (
                _AND_GAP.fullmatch(ctx.text, gap_start, code.start)
                and not re.match(r"\s+is\b", ctx.text[code.end : code.end + 5])
            ):
                groups[-1].append(code)
                continue
        groups.append([code])
    return groups


def _parallel(ctx: _Context, first: list[Mention], second: list[Mention]) -> bool:
    """Whether two lists of two or more codes are joined alike ("A or B" and "C or D", "A and B"
    and "C and D"), so that they pair up in order."""
    if len(first) < 2 or len(first) != len(second):
        return False

    def joints(side: list[Mention]) -> set[str]:
        return {
            "or" if re.search(r"\bor\b", ctx.text[a.end : b.start]) else "and"
            for a, b in zip(side, side[1:], strict=False)
        }

    return joints(first) == joints(second) and len(joints(first)) == 1


_ITS_PRIMARY = re.compile(r"\b(?:its|their)\s+(?:own\s+)?primary\s+(?:codes?|procedures?)\b", re.I)
_THEIR = re.compile(r"\btheir\s+(?:[\w-]+\s+){0,2}(?:codes?|procedures?|services?)\s+$", re.I)

# A clause after ";" with codes of its own for a subject: "...; 64494 and 64495 are reported".
_SEMICOLON_CLAUSE = re.compile(
    r";\s*(?:and\s+)?(?:(?:cpt\s+)?codes?\s+)?(?:[0-9]{4}[0-9TFU]|[A-V][0-9]{4})\b", re.IGNORECASE
)
_FIRST_LEVEL = re.compile(
    r"\s+is\s+(?:billed\s+|reported\s+|coded\s+)?(?:for\s+)?the\s+(?:first|initial|single)\b",
    re.IGNORECASE,
)
# "64483 for L4-5, then +64484", "code 64493 with modifier 50 for the first level and code 64494"
_WITH_MODIFIER = r"(?:\s+with\s+(?:modifier\s+)?[0-9A-Z]{2})?"
_LEVEL_THEN = re.compile(
    rf"{_WITH_MODIFIER}\s+for\b[^.;]*?(?:,\s*)?(?:then|and|plus)\s+(?:(?:cpt\s+)?code\s+)?\+?"
    r"|\s*\(\s*\+",
    re.IGNORECASE,
)


def _addon_clause(
    ctx: _Context, i: int, participants: list[Mention], lo: int, hi: int
) -> tuple[list[Assertion], str, int | None]:
    """The add-on facts of ``lo..hi``, and where a second clause with a cue of its own starts."""
    sentence = ctx.sentences[i]
    cue = ctx.lexicon.pattern("attributes", "add_on").search(ctx.text, lo, hi)
    if cue is None or _negated(ctx, sentence, cue.start()):
        return [], "", None
    # "Use modifier 50 on 64483; the add-on code 64484 takes it too": after a ";", its own
    lo = max(
        [lo]
        + [a for a, _ in _clause_bounds(sentence) if a <= cue.start() and ctx.text[a - 1] == ";"]
    )
    # "...; 64494 and 64495 are reported in addition to 64493": a clause after ";" is its own
    semicolon = _SEMICOLON_CLAUSE.search(ctx.text, cue.end(), hi)
    hi = semicolon.start() if semicolon is not None else hi
    participants = _between(participants, lo, hi)
    codes = _codes(participants)
    after: list[Mention] = []
    position = cue.end()
    for m in codes:
        if m.start >= position and re.fullmatch(
            r"\s*(?:\([^()]*\)\s*)?(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?(?:,|and|or|,\s*and)?\s*",
            ctx.text[position : m.start],
            re.IGNORECASE,
        ):
            after.append(m)
            position = m.end
    before = [m for m in codes if m.end <= cue.start()]
    lists = _code_lists(ctx, before)
    # "64480 and 64484 are add-on codes": the list of codes right before the cue
    add_ons = after or (lists[-1][1] if lists else [])
    if not add_ons and _BOTH_ARE.match(ctx.text, lo, cue.start()):
        # "64491 is the second level and 64492 the third; both are add-ons to 64490": the codes
        # of the clause before
        add_ons = _codes(_between(ctx.participants[i], sentence.start, lo))
    if not add_ons and _anaphor(ctx, ctx.text[lo : cue.start()]):
        add_ons = _focus_mention(ctx.focus[i], sentence.start)
    if not add_ons and not before:
        # "+77002  Fluoroscopic guidance ..." then "  Add-on: report with 20610": the entry's code
        entry = _entry(ctx.text, _line_at(ctx.text, sentence.start)[0])
        add_ons = _focus_mention(entry[0] if entry else None, sentence.start)
    if not add_ons:
        return [], "", None
    names = {m.value for m in add_ons}
    second = _second_clause(ctx, participants, max(cue.end(), add_ons[-1].end), hi)
    own_cue = second is not None and (
        ctx.lexicon.pattern("attributes", "add_on").search(ctx.text, second[0], hi) is not None
    )
    primaries = [
        m
        for m in participants
        if m.value not in names
        and not _is_guidance(ctx, m.value)  # guidance is itself added, never a primary
        and not (m.kind is MentionKind.CODE and m.start < cue.start() and not after)
        and (second is None or m.end <= second[0])
    ]
    # "bill 64493 for the first level, add-on 64494 for the second and add-on 64495 for ...": a
    # code the sentence names as an add-on is no primary
    named_add_ons = _named_add_ons(ctx, sentence.start, sentence.end)
    primaries = [m for m in primaries if m.value not in named_add_ons]
    possessive = re.search(r"\bits\s+$", ctx.text[lo : cue.start()], re.IGNORECASE)
    earlier = [
        m
        for m in _codes(participants)
        if m.end <= min(cue.start(), add_ons[0].start)
        and m.value not in names
        and not _is_guidance(ctx, m.value)
    ]
    if possessive is not None and earlier:
        # "64479 and its add-on 64480 are reported instead of 64483", "64483 is the first
        # level, and 64484 is its add-on": the code "its" stands for
        primaries = earlier[-1:]
    elif any(
        p.is_code
        and p.start >= add_ons[-1].end
        and not re.search(r"[,;]", ctx.text[add_ons[-1].end : p.start])
        for p in primaries
    ):
        # "64634 goes with 64633, and add-on 64636 goes with 64635": the primary named after it
        primaries = [p for p in primaries if p.start >= add_ons[-1].end]
    own_primary = _ITS_PRIMARY.search(ctx.text, add_ons[-1].end, hi)
    if own_primary is not None and not _codes(_between(participants, own_primary.end(), hi)):
        # "64479 and 64483 ..., and 64480 and 64484 are add-on codes, each reported in addition
        # to its primary code": the codes named before the add-ons, one for one
        before = [m for m in _codes(participants) if m.end <= add_ons[0].start]
        lists = _code_lists(ctx, [m for m in before if m.value not in names])
        primaries = lists[-1][1] if lists else primaries
    facts: list[Assertion] = [Triple(a.value, "addOn", "true") for a in add_ons]
    own_primaries = second is not None and bool(
        _codes(_between(participants, second[1][-1].end, hi))
    )
    if (
        second is not None
        and not own_cue
        and not own_primaries
        and _per_additional(ctx, second[0], hi)
    ):
        # "..., and 64495 is reported for the third and any additional level": the same primary
        # (not "..., and 64494 is reported in addition to 64493 ...": a primary of its own)
        facts += [
            Triple(s.value, "addOnTo", p.value)
            for s in second[1]
            for p in primaries
            if p.is_code and p.value != s.value
        ]
    respectively = ctx.lexicon.pattern("respectively").search(ctx.text, lo, hi) is not None
    respectively = respectively or (
        _slash_joined(ctx, add_ons) and _slash_joined(ctx, [p for p in primaries if p.is_code])
    )
    # "64480 and 64484 are reported in addition to their primary codes 64479 and 64483"
    respectively = respectively or bool(
        primaries and _THEIR.search(ctx.text, max(lo, primaries[0].start - 40), primaries[0].start)
    )
    respectively = respectively or own_primary is not None
    # "64480 or 64484 ... in addition to 64479 or 64483": alternatives pair up in order
    respectively = respectively or _parallel(ctx, add_ons, [p for p in primaries if p.is_code])
    primary_codes = [p for p in primaries if p.is_code]
    if respectively and len(primaries) != len(add_ons) and len(primary_codes) == len(add_ons):
        # "for transforaminal epidural injections, 64479 or 64483 ... and the add-on codes 64480
        # or 64484": the codes pair up; the kind of procedure only names them
        primaries = primary_codes
    if respectively and len(primaries) == len(add_ons):
        facts += [
            Triple(a.value, "addOnTo", p.value) for a, p in zip(add_ons, primaries, strict=True)
        ]
    else:
        facts += [Triple(a.value, "addOnTo", p.value) for a in add_ons for p in primaries]
    rule = "addon.primary" if primaries else "attribute.addon"
    return facts, rule, second[0] if second is not None and own_cue else None


def _named_add_ons(ctx: _Context, lo: int, hi: int) -> set[str]:
    """The codes named right after an add-on cue ("add-on 64495", "add-on code 64492")."""
    cues = ctx.lexicon.pattern("attributes", "add_on")
    return {
        code
        for cue in cues.finditer(ctx.text, lo, hi)
        if (m := _CODES_AFTER_CUE.match(ctx.text, cue.end(), hi)) is not None
        for code in re.findall(ONE_CODE, m["codes"])
    }


_CODES_AFTER_CUE = re.compile(
    rf"\s*(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?(?P<codes>{ONE_CODE}(?:\s*(?:,|and|or|,\s*and)\s*"
    rf"{ONE_CODE})*)\b",
    re.IGNORECASE,
)


# "64480 with 64479, 64484 with 64483": an add-on and its primary, pair after pair
_LISTED_PAIR = re.compile(
    rf"(?P<add_ons>{ONE_CODE}(?:\s+and\s+{ONE_CODE})*)\s+(?:goes\s+|go\s+|pairs\s+)?"
    r"(?:with|to|under)\s+"
    rf"(?P<primary>{ONE_CODE})\b"
)


def _listed_primary_readings(
    ctx: _Context, i: int, participants: list[Mention]
) -> Iterator[Reading]:
    """ "The add-on codes must be reported with their primary codes: 64480 with 64479, 64484
    with 64483 ...": after a colon, each add-on with its primary."""
    sentence = ctx.sentences[i]
    colon = sentence.text.find(":")
    if colon < 0 or _negated(ctx, sentence, sentence.start + colon):
        return
    cue = ctx.lexicon.pattern("attributes", "add_on").search(
        ctx.text, sentence.start, sentence.start + colon
    )
    if cue is None:
        return
    facts: tuple[Assertion, ...] = tuple(
        Triple(add_on, "addOnTo", m["primary"])
        for m in _LISTED_PAIR.finditer(ctx.text, sentence.start + colon, sentence.end)
        for add_on in re.findall(ONE_CODE, m["add_ons"])
        if add_on != m["primary"]
    )
    if len(facts) >= 2:
        yield Reading("addon.paired", sentence.start, sentence.end, facts, Stance.AFFIRMS, 0.8)
