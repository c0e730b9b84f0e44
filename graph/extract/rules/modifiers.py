"""Modifiers tied to a code, and to the other codes or categories they are named with."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...claims import Assertion, Stance, Statement
from ..mentions import Mention, MentionKind
from .context import (
    VISITS,
    Reading,
    _all_guidance,
    _apposed,
    _asks,
    _code_lists,
    _codes,
    _conceded,
    _Context,
    _in_parentheses,
    _is_diagnosis,
    _negated,
    _previous_in_paragraph,
    _reported_as_done,
)

_TARGET_WORDS = ("to", "on", "used with", "reported with", "billed with", "appended with")


_MODIFIER_DENIED = re.compile(
    r"\b(?:does\s+not|doesn't|do\s+not|don't|will\s+not|won't|cannot|can't|would\s+not|"
    r"wouldn't)\s+(?:bypass|override|unbundle|get\s+around|get\s+\S+\s+paid|"
    r"make\s+\S+\s+(?:separately|payable|billable))\b",
    re.IGNORECASE,
)


def _modifier_readings(
    ctx: _Context, i: int, participants: list[Mention], mentions: list[Mention]
) -> Iterator[Reading]:
    sentence = ctx.sentences[i]
    modifiers = list(dict.fromkeys(m.value for m in mentions if m.kind is MentionKind.MODIFIER))
    if not modifiers or len(sentence.text.split()) < 4 or _asks(sentence):
        return  # a question asserts nothing
    first = next(m for m in mentions if m.kind is MentionKind.MODIFIER)
    if _negated(ctx, sentence, first.start) or re.search(
        r"\b(?:not|never|cannot|can't|mustn't|shouldn't|won't)\s+(?:be\s+)?(?:append|use|report|bill)",
        sentence.text,
        re.IGNORECASE,
    ):
        return  # "modifier 50 should not be appended to ..."
    if _conceded(ctx, first.start) or _MODIFIER_DENIED.search(sentence.text):
        return  # "... even with modifier 59", "Modifier 59 does not bypass this edit"
    if _reported_as_done(ctx, sentence.start, first.start):
        return  # "we billed 77003 with modifier 59 on its own line": what was done
    codes = [
        m
        for m in _codes(participants)
        if not _in_parentheses(ctx.text, sentence, m) or _apposed(ctx.text, sentence, m)
    ]
    conditions = ctx.lexicon.pattern("condition_words")
    lists = [
        # "append XS to 20553 when billed with 20610": the condition names the other code
        ("with", group)
        if word.endswith(" with")
        and conditions.search(ctx.text, max(sentence.start, group[0].start - 40), group[0].start)
        else (word, group)
        for word, group in _code_lists(ctx, codes)
    ]
    modifiers_at = [m.start for m in mentions if m.kind is MentionKind.MODIFIER]
    lists = [
        # "20552 may be billed with 27096 when modifier 59 ...": the codes billed with another
        # code, not a modifier, are its pair
        ("with", group)
        if word in ("reported with", "billed with")
        and index
        and not any(lists[index - 1][1][-1].end < at < group[0].start for at in modifiers_at)
        else (word, group)
        for index, (word, group) in enumerate(lists)
    ]
    targets = [m for word, group in lists if word in _TARGET_WORDS for m in group]
    paired_codes = [m for word, group in lists if word in ("with", "from") for m in group]
    attached = [
        c
        for c in codes
        for m in mentions
        if m.kind is MentionKind.MODIFIER and re.fullmatch(r"[-–]", ctx.text[c.end : m.start])
    ]
    if attached:
        # "bill it as 20553-XS": the modifier written onto its code
        targets = attached
        paired_codes = [c for c in codes if c not in attached]
    if not codes and not ctx.lexicon.pattern("modifier_use", "phrases").search(sentence.text):
        return
    if not targets:
        free = [group for word, group in lists if word != "with"]
        targets = free[0] if free else []
        if targets and not paired_codes:
            paired_codes = [m for m in codes if m not in targets]
        elif (
            targets
            and _all_guidance(ctx, paired_codes)
            and not _all_guidance(ctx, targets)
            and ctx.lexicon.pattern("modifier_use", "edit").search(sentence.text)
        ):
            # "Edits pairing 64483 with 77003 ... a modifier such as 59 can bypass the edit": the
            # guidance code, the one the edit bundles, carries the modifier
            targets, paired_codes = paired_codes, targets
    names = [m.value for m in targets] or [c for c in [ctx.focus[i]] if c is not None]
    if not names:
        return
    paired = [m.value for m in paired_codes if m.value not in names]
    paired += [m.value for m in participants if m.kind is MentionKind.CATEGORY]
    if not paired and ctx.lexicon.pattern("modifier_use", "edit").search(sentence.text):
        # "20553 and 20610 have an NCCI edit ..., so put XS on 20553": the other code of the edit
        paired = [m.value for m in codes if m.value not in names]
    if not paired and (
        ctx.lexicon.pattern("modifier_use", "distinct").search(sentence.text)
        or ctx.lexicon.pattern("modifier_use", "together").search(sentence.text)
    ):
        # "When 27096 and a facet injection (64493) are performed on separate structures,
        # append XS to 27096": the other code the sentence names, in apposition too
        paired = [
            m.value
            for m in _codes(participants)
            if m.value not in names
            and not _is_diagnosis(m.value)
            and (not _in_parentheses(ctx.text, sentence, m) or _apposed(ctx.text, sentence, m))
        ]
    before = _previous_in_paragraph(ctx, i, sentence.start)
    if (
        not paired
        and before is not None
        and (
            ctx.lexicon.pattern("modifier_use", "case_anaphora").search(sentence.text)
            or {m.value for m in codes} == set(names)
        )
    ):
        # "Append modifier XS to 64493 in that case", "20553 is separately reportable with
        # 62323. Put XS on the 20553.": the pair is the one named just before
        named = _codes(ctx.participants[i - 1])
        if set(names) <= {m.value for m in named} or ctx.lexicon.pattern(
            "modifier_use", "case_anaphora"
        ).search(sentence.text):
            # "... separately reportable with 64493 only when ... When that is the case, append
            # XS to 20553": the case is the one just named, and its code the pair
            paired = [m.value for m in named if m.value not in names and not _is_diagnosis(m.value)]
    unpaired = set(ctx.lexicon.words("unpaired_modifiers"))
    facts: list[Assertion] = []
    for modifier in modifiers:
        on, beside = _on_the_visit(ctx, modifier, participants, names, paired)
        for code in on:
            parts: list[tuple[str, tuple[str, ...]]] = [
                ("modifier", (modifier,)),
                ("code", (code,)),
            ]
            if beside and modifier not in unpaired:
                parts.append(("pairedWith", tuple(dict.fromkeys(beside))))
            facts.append(Statement("modifier", tuple(parts)))
    yield Reading("modifier", sentence.start, sentence.end, tuple(facts), Stance.AFFIRMS, 0.75)


def _on_the_visit(
    ctx: _Context, modifier: str, participants: list[Mention], names: list[str], paired: list[str]
) -> tuple[list[str], list[str]]:
    """The codes a modifier goes on and those it is paired with: a visit modifier (25) goes on
    the E/M code the sentence names ("99213 with modifier 25 in addition to 62323"), whichever
    code it was read on."""
    visits = [m.value for m in _codes(participants) if _is_visit_code(m.value)]
    if (
        modifier not in ctx.lexicon.words("visit_modifiers")
        or not visits
        or set(names) <= set(visits)
    ):
        return names, paired
    beside = [c for c in names + paired if c not in visits and c not in VISITS]
    return list(dict.fromkeys(visits)), beside


def _is_visit_code(value: str) -> bool:
    """CPT evaluation and management codes, 99202-99499."""
    return re.fullmatch(r"99[2-4][0-9]{2}", value) is not None
