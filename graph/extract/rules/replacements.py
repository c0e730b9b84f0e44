"""Replacements: the code reported instead of another, and under which guidance or condition."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ...claims import Assertion, Stance, Statement, Triple
from ..mentions import Mention, MentionKind, find_mentions
from ..sentences import Sentence
from .clauses import _OWN_VERB, _clause_bounds
from .context import (
    _CODE_LISTING,
    TOLD_TO_REPORT,
    Reading,
    _all_guidance,
    _between,
    _code_lists,
    _codes,
    _Context,
    _entry,
    _entry_family,
    _expand,
    _focus_mention,
    _joined_by_plus,
    _kinship,
    _line_at,
    _negated,
    _not_report_verb,
    _plus_joined,
)


def _replacement_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Report 62323 instead of 62322 when fluoroscopy is used"; each "instead of" after the
    first takes the codes named since the one before ("report 0216T instead of 64493, and 0217T
    instead of 64494")."""
    sentence = ctx.sentences[i]
    triggers = list(
        ctx.lexicon.pattern("replacement", "phrases").finditer(
            ctx.text, sentence.start, sentence.end
        )
    )
    instead_of = ctx.lexicon.pattern("replacement", "instead_of")
    later = [t for t in triggers[1:] if instead_of.fullmatch(t[0])]
    lo = sentence.start
    for trigger, following in zip(triggers, [*later, None], strict=False):
        if trigger is not triggers[0] and not _codes(_between(participants, lo, trigger.start())):
            break
        hi = following.start() if following is not None else sentence.end
        if _NEVER_INSTEAD.search(
            ctx.text, max(sentence.start, trigger.start() - 12), trigger.start()
        ):
            continue  # "billed in addition to the injection code, never instead of it"
        for reading in _replacement_reading(ctx, i, participants, trigger, lo, hi):
            # "reported as 62328 rather than 62270, and 62328 already includes ...": a code
            # does not replace itself
            facts = tuple(f for f in reading.assertions if not _replaces_itself(f))
            if facts:
                yield replace(reading, assertions=facts)
        replaced = _replaced_list(ctx, _codes(_between(participants, trigger.end(), hi)), hi)
        lo = replaced[-1].end if replaced else trigger.end()
        if following is not None:
            # "... for cervical levels, and 0230T and 0231T instead of ...": the next one's
            # conditions start after the joint
            joints = list(re.finditer(r",\s*(?:and\s+)?|;\s*", ctx.text[lo : following.start()]))
            lo += joints[-1].start() if joints else 0


_NEVER_INSTEAD = re.compile(r"\b(?:never|not)\s+$", re.IGNORECASE)


def _replaces_itself(fact: Assertion) -> bool:
    return (
        isinstance(fact, Statement)
        and bool(fact.get("code"))
        and fact.get("code") == fact.get("insteadOf")
    )


_BILLED_WITH_PAIR = re.compile(
    r"(?P<b>\b[0-9]{4}[0-9TFU]\b)\s+(?:billed|reported|coded|submitted)\s+with\s+(?P<a>\b[0-9]{4}[0-9TFU]\b)",
    re.IGNORECASE,
)

# After "rather than": a gerund or a kind of guidance names no code replaced
_NOT_A_CODE_REPLACED = re.compile(
    r"\s*(?:[a-z]+ing\b|an?\s+(?!code\b)[a-z]|"
    r"(?:the\s+)?(?:ultrasound|fluoroscopy|fluoro|ct|mri|imaging)\b(?!\s*[(]))",
    re.IGNORECASE,
)

# "rather than adding 77001 to 36569": the code added, then the code it is added to
_ADDING = re.compile(
    rf"\s*(?:adding|billing|reporting|coding)\s+(?P<added>{_CODE_LISTING})\s+(?:to|with|onto)\s+",
    re.IGNORECASE,
)


def _replaced_list(ctx: _Context, after: list[Mention], following: int | None) -> list[Mention]:
    """The codes replaced: the list right after "instead of", not the codes of a later clause,
    nor the code of a following "instead of"."""
    if not after:
        return []
    replaced = _code_lists(ctx, after)[0][1]
    for index, code in enumerate(replaced[1:], start=1):
        if _OWN_VERB.match(ctx.text, code.end):
            # "instead of 20611, and 76942 can't go on 20610": a clause of its own
            replaced = replaced[:index]
            break
    if following is not None and len(replaced) > 1:
        kept = [m for m in replaced if m.end < following]
        if kept and re.match(r"\s*(?:instead|rather|in\s+place)\b", ctx.text[kept[-1].end :]):
            # "instead of 64493, and 0217T instead of 64494": 0217T is the next one's code
            kept = kept[:-1]
        replaced = kept or replaced
    return replaced


def _replacement_reading(
    ctx: _Context, i: int, participants: list[Mention], trigger: re.Match[str], lo: int, hi: int
) -> Iterator[Reading]:
    """One replacement trigger's reading: the code used is named after ``lo``, the codes it
    replaces before ``hi``, where the code of the next "instead of" is named."""
    sentence = ctx.sentences[i]
    codes = _codes(participants)
    if not codes and "code" not in trigger[0].lower():
        return
    if (
        trigger[0].lower() == "instead"
        and _IN_CONDITION.search(ctx.text, sentence.start, trigger.start())
        and ctx.text.startswith(",", trigger.end())
    ):
        return  # "If fluoroscopy is used for the joint instead, ...": said of the condition
    told = _INSTEAD_REPORT.match(ctx.text, trigger.end(), hi)
    if told is not None and trigger[0].lower() == "instead":
        # "27096 should not be reported, and the physician should instead report 20552"
        yield from _instead_told(ctx, i, trigger, told.end(), lo, hi, codes)
        return
    instead_of = [
        m
        for m in codes
        if m.start >= trigger.end()
        and ctx.lexicon.pattern("replacement", "instead_of").fullmatch(trigger[0])
    ]
    reported_with: list[Mention] = []
    adding = _ADDING.match(ctx.text, trigger.end(), hi)
    if adding is None and _NOT_A_CODE_REPLACED.match(ctx.text, trigger.end(), hi):
        return  # "rather than listing the code twice", "uses fluoroscopy rather than ultrasound"
    if adding is not None and instead_of:
        # "report 36572 rather than adding 77001 to 36569": 36569 when reported with 77001
        added = [m for m in instead_of if m.end <= adding.end("added")]
        instead_of = [m for m in instead_of if m.start >= adding.end("added")][:1]
        if instead_of:
            reported_with = added
    if instead_of and not reported_with:
        instead_of = _replaced_list(ctx, instead_of, hi if hi < sentence.end else None)
        # "instead of 62270 plus 77003": the code replaced when reported with the other
        joined = _joined_by_plus(ctx, participants, instead_of[-1].start, sentence.end)
        if joined is not None and len(instead_of) == 1:
            reported_with = joined[1:]
        earlier_pair = _plus_joined(ctx, [m for m in codes if m.end <= trigger.start()])
        if (
            not reported_with
            and len(instead_of) == 1
            and instead_of[0].value in {m.value for m in earlier_pair}
        ):
            # "If somebody hands you 62322 + 77003, report 62323 instead of 62322"
            reported_with = [m for m in earlier_pair if m.value != instead_of[0].value]
    not_this = re.compile(r"\s*,?\s*(?:but\s+)?not\s+(?:(?:cpt|hcpcs|codes?)\s+)*", re.I).match(
        ctx.text, trigger.end(), hi
    )
    if not instead_of and "code" in trigger[0].lower() and not_this is not None:
        # "... is billed with a different code, not 76942": the code after "not" is replaced
        named = [m for m in codes if m.start >= not_this.end()]
        if named and named[0].start == not_this.end():
            instead_of = _replaced_list(ctx, named, None)
    before = [
        m for m in codes if m not in instead_of and lo <= m.start and m.end <= trigger.start()
    ]
    lists = _code_lists(ctx, before)
    replacing = lists[-1][1] if lists else []
    clause_lo = max(lo for lo, _ in _clause_bounds(sentence, ctx.lexicon) if lo <= trigger.start())
    if replacing and replacing[0].start < clause_lo and not instead_of:
        # "Do not report 62270 with 77003; report the guided code instead": the code to use is
        # named in the clause of "instead", or not at all
        if "code" not in trigger[0].lower() or _codes(_between(codes, clause_lo, sentence.end)):
            return
        replacing = []
    if not instead_of and len(replacing) > 1:
        # "... 62320 and 62322 ...; report 62321 or 62323 instead": one for one
        olds = [m.value for _, group in lists[:-1] for m in group]
        olds = olds or [c for c in ctx.focus_all[i] if c not in {m.value for m in replacing}]
        if len(olds) == len(replacing):
            pairs = tuple(
                Statement("replacement", (("code", (new.value,)), ("insteadOf", (old,))))
                for new, old in zip(replacing, olds, strict=True)
            )
            conditions = _replacement_conditions(ctx, sentence, trigger.start())
            facts_ = tuple(Statement(p.kind, p.parts + conditions) for p in pairs)
            yield Reading("replacement", sentence.start, sentence.end, facts_, Stance.AFFIRMS, 0.8)
            return
        replacing = replacing[-1:]
    plus_pair = _plus_joined(ctx, [m for m in before if m not in replacing])
    if not plus_pair:
        # "A claim line for 76942 billed with 20610 will be denied; report 20611 instead": the
        # procedure of the pair, when reported with the guidance
        billed = _BILLED_WITH_PAIR.search(ctx.text, sentence.start, trigger.start())
        paired = (
            [m for m in before if m.start in (billed.start("b"), billed.start("a"))]
            if billed is not None
            else []
        )
        if len(paired) == 2 and _all_guidance(ctx, paired[:1]) != _all_guidance(ctx, paired[1:]):
            plus_pair = sorted(paired, key=lambda m: _all_guidance(ctx, [m]))
    if not instead_of and plus_pair:
        # "Don't do 62322 + 77003 ...; use 62323 instead": the first code, when reported with
        # the other
        instead_of, reported_with = plus_pair[:1], plus_pair[1:]
    if not instead_of and replacing and all(m in replacing for m in before):
        # "20610 + 76942? No. Report 20611 instead.": the pair asked about a sentence or two
        # before, its first code when reported with the other
        for back in (1, 2, 3):
            if i < back or "\n\n" in ctx.text[ctx.sentences[i - back].end : sentence.start]:
                break
            earlier_pair = _plus_joined(ctx, _codes(ctx.mentions[i - back]))
            if earlier_pair:
                instead_of, reported_with = earlier_pair[:1], earlier_pair[1:]
                break
    if not instead_of:
        names = {m.value for m in replacing}
        # the alternative named earlier in the sentence ("without fluoro that's 62322, but once
        # fluoro is used you report 62323 instead"), else in the sentences before
        alternatives = [m.value for m in reversed(before) if m.value not in names]
        earlier = [c for c in [*alternatives, *ctx.history[i]] if c not in names]
        if not earlier:
            return
        if replacing:
            # "we bill 62323; we do not bill 77003 ... we bill 62322 instead": the code of the
            # same kind, the nearest of those most alike
            earlier.sort(key=lambda c: _kinship(ctx, c, replacing[0].value)[0], reverse=True)
        instead_of = _focus_mention(earlier[0], sentence.start)
    if replacing and len(replacing) == len(instead_of) > 1:
        # "report 62321 or 62323 instead of 62320 or 62322": one for one, in order
        swaps = [([new], [old]) for new, old in zip(replacing, instead_of, strict=True)]
    else:
        swaps = [([new], instead_of) for new in replacing] or [([], instead_of)]
    # "... 62328 instead of 62270, and ... with CT guidance ... 62329 instead of 62272": a later
    # replacement's conditions are those stated after the one before, else the sentence's
    facts = _conditioned(ctx, trigger, instead_of, swaps, lo, hi)
    if (lo > sentence.start or hi < sentence.end) and not any(
        isinstance(f, Statement) and any(name.startswith("when") for name, _ in f.parts)
        for f in facts
    ):
        # "report 62328 instead of 62270, and 62329 instead of 62272, whenever fluoroscopic or
        # CT guidance is documented": conditions the replacements share
        facts = _conditioned(ctx, trigger, instead_of, swaps, sentence.start, sentence.end)
    if reported_with:
        facts = _reported_with(facts, reported_with)
    if facts:
        yield Reading(
            "replacement", sentence.start, sentence.end, tuple(facts), Stance.AFFIRMS, 0.8
        )


def _reported_with(facts: list[Assertion], codes: list[Mention]) -> list[Assertion]:
    """The replacements ``facts`` on the condition that the code replaced is reported with
    ``codes`` ("instead of 62270 plus 77003"), unless they state that condition already."""
    together = ("whenReportedWith", tuple(m.value for m in codes))
    return [
        Statement(f.kind, (*f.parts, together))
        if isinstance(f, Statement) and not f.get(together[0])
        else f
        for f in facts
    ]


def _guided(facts: list[Assertion]) -> bool:
    """Whether a replacement states a guidance condition."""
    return any(
        isinstance(f, Statement) and any(name == "whenGuidance" for name, _ in f.parts)
        for f in facts
    )


_IN_CONDITION = re.compile(r"\b(?:if|when|where)\b[^,;:]*$", re.IGNORECASE)
_INSTEAD_REPORT = re.compile(rf"\s+{TOLD_TO_REPORT}", re.IGNORECASE)


def _instead_told(
    ctx: _Context,
    i: int,
    trigger: re.Match[str],
    told_end: int,
    lo: int,
    hi: int,
    codes: list[Mention],
) -> Iterator[Reading]:
    """ "B should not be reported, and the physician should instead report C": C replaces the
    codes the sentence forbids before "instead"."""
    sentence = ctx.sentences[i]
    new = [m for m in codes if m.start == told_end]
    forbidden = _not_report_verb(ctx).search(ctx.text, lo, trigger.start())
    lists = _code_lists(ctx, [m for m in codes if lo <= m.start and m.end <= trigger.start()])
    if not new or forbidden is None or not lists:
        return
    old = lists[-1][1]
    facts = _conditioned(ctx, trigger, old, [(new, old)], lo, hi)
    if facts:
        yield Reading(
            "replacement", sentence.start, sentence.end, tuple(facts), Stance.AFFIRMS, 0.8
        )


def _conditioned(
    ctx: _Context,
    trigger: re.Match[str],
    instead_of: list[Mention],
    swaps: list[tuple[list[Mention], list[Mention]]],
    lo: int,
    hi: int,
) -> list[Assertion]:
    """The replacements ``swaps`` under the conditions stated from ``lo`` to the trigger, and
    after the codes replaced, up to ``hi``."""
    # guidance a code includes is no condition: "62328 includes fluoroscopic or CT guidance;
    # report 62328 rather than 62270 when ... fluoroscopic guidance"
    condition_text = _INCLUDED_GUIDANCE.sub(
        lambda m: " " * len(m[0]), ctx.text[lo : trigger.start()]
    )
    after = ctx.lexicon.pattern("condition_words").search(ctx.text, trigger.end(), hi)
    if after is not None:
        # "Use 62323 instead of 62322 when imaging guidance is used": the condition after it
        condition_text += " " + ctx.text[after.start() : hi]
    elif instead_of and re.match(r"\s*(?:for|under)\b", ctx.text[instead_of[-1].end :]):
        # "report 62323 instead of 62311 for a lumbar ILESI done under fluoro or CT"
        condition_text += " " + ctx.text[instead_of[-1].end : hi]
    disjuncts = re.split(r",?\s+or\s+(?=if\b|when\b)", condition_text, flags=re.IGNORECASE)
    facts: list[Assertion] = []
    for new_codes, old_codes in swaps:
        facts += _swaps(ctx, lo, disjuncts, new_codes, old_codes)
    return facts


_INCLUDED_GUIDANCE = re.compile(
    r"\b(?:include|includes|including|inclusive\s+of)\b[^;,.]*?\bguidance\b", re.IGNORECASE
)
_NEGATED_USE_BEFORE = re.compile(
    r"(?:\b(?:without|no|not|never|didn't|did\s+not|doesn't|does\s+not)|\bw/o)\s+"
    r"(?:[\w/-]+\s+){0,2}$",
    re.I,
)
# "if guidance is not used": not "injections under ultrasound guidance are not reported with"
_NEGATED_USE_AFTER = re.compile(
    r"^(?:\s+[\w/-]+){0,2}\s+(?:(?:is|are|was|were)\s+(?:not|never)|isn't|aren't|wasn't|"
    r"weren't)\s+(?:used|performed|documented|done|utilized|employed|needed|available)\b",
    re.I,
)


def _negated_use(text: str, mention: Mention) -> bool:
    """Whether a modality is named as not used ("without fluoro", "if guidance is not used")."""
    before = text[max(0, mention.start - 30) : mention.start]
    after = text[mention.end : mention.end + 40]
    return bool(_NEGATED_USE_BEFORE.search(before) or _NEGATED_USE_AFTER.search(after))


def _swaps(
    ctx: _Context,
    position: int,
    disjuncts: list[str],
    replacing: list[Mention],
    instead_of: list[Mention],
) -> list[Assertion]:
    """One replacement per condition (``disjuncts``) of the code to use for the codes replaced."""
    facts: list[Assertion] = []
    if replacing and replacing[0].value == instead_of[0].value:
        return facts  # "two units of 64493 rather than 64493 plus 64494": no code replaced
    for disjunct in disjuncts:
        found = find_mentions(disjunct, position, ctx.lexicon)
        position += len(disjunct)
        parts: list[tuple[str, tuple[str, ...]]] = []
        if replacing:
            parts.append(("code", (replacing[0].value,)))
        parts.append(("insteadOf", (instead_of[0].value,)))
        parts += _stated_conditions(ctx, found, disjunct)
        together = _billed_together(found, disjunct, replacing + instead_of)
        if together and replacing:
            parts.append(("whenReportedWith", together))
        if ctx.lexicon.pattern("replacement", "no_catheter").search(disjunct):
            parts.append(("whenCatheter", ("false",)))
        elif ctx.lexicon.pattern("replacement", "with_catheter").search(disjunct):
            parts.append(("whenCatheter", ("true",)))
        if len(parts) > 1 + bool(replacing) or replacing:
            facts += [
                Statement(
                    "replacement",
                    tuple(
                        ("insteadOf", (old.value,)) if n == "insteadOf" else (n, v)
                        for n, v in parts
                    ),
                )
                for old in instead_of
            ]
    return facts


# "When 76942 is billed with 20610", "where a provider bills 62270 together with 77003", "when
# 62270 and 77003 appear together", "when 77003 would otherwise be billed with it": the codes
# the replaced one comes with
_BILLED_TOGETHER = re.compile(
    r"\b(?:when|where|if|whenever)\b[^.;]*?(?:\b(?:is|are|was|were)\s+(?:billed|submitted)"
    r"\s+(?:together\s+)?with\b|\b(?:would|will)(?:\s+otherwise)?\s+be\s+(?:billed|reported)"
    r"\s+(?:together\s+)?with\b|\b(?:bills?|reports?|submits?)\s+\S+\s+(?:together\s+)?with\b"
    r"|\b(?:appear|are\s+billed|are\s+reported)\s+together\b|\bappears?\s+(?:together\s+)?with\b)",
    re.IGNORECASE,
)


def _billed_together(found: list[Mention], condition: str, named: list[Mention]) -> tuple[str, ...]:
    """The codes a condition says the replaced code is billed with, besides those replaced."""
    if not _BILLED_TOGETHER.search(condition):
        return ()
    taken = {m.value for m in named}
    return tuple(dict.fromkeys(m.value for m in found if m.is_code and m.value not in taken))


def _replacement_conditions(
    ctx: _Context, sentence: Sentence, hi: int
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The guidance, region and approach named in the condition of a replacement."""
    lo = sentence.start
    opener = re.search(r"\b(?:if|when|where)\b", ctx.text[lo:hi], re.IGNORECASE)
    if opener is not None:
        lo += opener.start()
    said = ctx.text[lo:hi]
    return tuple(_stated_conditions(ctx, find_mentions(said, lo, ctx.lexicon), said))


_GUIDANCE_USED = re.compile(
    r"\bguidance\s+(?:is|was|has\s+been)\s+(?:used|performed|documented|provided)\b", re.I
)


def _stated_conditions(
    ctx: _Context, found: list[Mention], said: str
) -> list[tuple[str, tuple[str, ...]]]:
    """The guidance, region and approach ``found`` in a replacement's condition: "when
    fluoroscopy is used for a lumbar interlaminar injection"."""
    # "if imaging guidance is not performed", "without fluoro": no guidance to state
    guidance = tuple(
        dict.fromkeys(
            m.value
            for m in found
            if m.kind is MentionKind.MODALITY and not _negated_use(ctx.text, m)
        )
    )
    # the guidance is what differs ("under ultrasound", "if fluoroscopy is used")
    named = tuple(g for g in guidance if g != "imaging") or guidance
    if not named and _GUIDANCE_USED.search(said):
        named = ("imaging",)  # "When guidance is used, report 62321 instead of 62320"
    parts = [("whenGuidance", named)] if named else []
    # a region inside a procedure's name ("a lumbar puncture") is no condition
    names = [m for m in found if m.kind is MentionKind.CATEGORY]
    for key, kind in (("whenRegion", MentionKind.REGION), ("whenApproach", MentionKind.APPROACH)):
        values = tuple(
            dict.fromkeys(
                m.value
                for m in found
                if m.kind is kind and not any(n.start <= m.start < n.end for n in names)
            )
        )
        if values:
            parts.append((key, values))
    return parts


_REPORTED_AS = re.compile(
    r"\b(?:is|are)\s+(?:reported|coded|billed)\s+(?:with|as|using|under)\b", re.I
)


def _contrast_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Ultrasound-guided facet joint injections are reported with 0213T-0218T; 64490-64495
    shall not be reported for them": the codes of the first clause replace those the second
    forbids, one for one, under the guidance the subject names."""
    sentence = ctx.sentences[i]
    clauses = _clause_bounds(sentence, ctx.lexicon)
    for (lo, hi), (next_lo, next_hi) in zip(clauses, clauses[1:], strict=False):
        yield from _forbidden_then_reported(
            ctx, sentence, participants, (lo, hi), (next_lo, next_hi)
        )
        reported = _REPORTED_AS.search(ctx.text, lo, hi)
        verb = _not_report_verb(ctx).search(ctx.text, next_lo, next_hi)
        if reported is None or verb is None:
            continue
        codes = _codes(_between(participants, reported.end(), hi))
        replaced = _codes(_between(participants, next_lo, verb.start()))
        if not codes or not replaced or _between(participants, verb.end(), next_hi):
            continue
        if re.match(r"\s+(?:with|in\s+addition\s+to|on\s+top\s+of)\b", ctx.text[verb.end() :]):
            continue  # "...; 77003 must not be billed with it": a pair, not a replacement
        if _codes(_between(participants, lo, reported.start())):
            continue  # "62323 is reported with 77003; ...": a pair, not a replacement
        new = [c for m in codes for c in _expand(m.value)]
        old = [c for m in replaced for c in _expand(m.value)]
        if len(new) != len(old) or set(new) & set(old):
            continue
        subject = ctx.text[lo : reported.start()].replace("-", " ")
        modalities = tuple(
            dict.fromkeys(
                m.value
                for m in find_mentions(subject, lo, ctx.lexicon)
                if m.kind is MentionKind.MODALITY and m.value != "imaging"
            )
        )
        condition = (("whenGuidance", modalities),) if modalities else ()
        facts: tuple[Assertion, ...] = tuple(
            Statement("replacement", (("code", (n,)), ("insteadOf", (o,)), *condition))
            for n, o in zip(new, old, strict=True)
        )
        yield Reading("replacement.contrast", sentence.start, sentence.end, facts)


_IT_REPORTED = re.compile(
    r"\s*(?:it|they)\s+(?:shall|must|should|is|are|will)\s+(?:be\s+)?(?:reported|coded|billed)\s+"
    r"(?:with|as|using|under)\s+(?:[a-z]+\s+){0,2}",
    re.IGNORECASE,
)


def _forbidden_then_reported(
    ctx: _Context,
    sentence: Sentence,
    participants: list[Mention],
    clause: tuple[int, int],
    following: tuple[int, int],
) -> Iterator[Reading]:
    """ "A facet joint procedure performed under ultrasound guidance shall not be reported with
    64490-64495; it shall be reported with unlisted code 64999": the code the second clause names
    replaces those the first forbids, under the guidance the subject names."""
    lo, hi = clause
    verb = _not_report_verb(ctx).search(ctx.text, lo, hi)
    said = _IT_REPORTED.match(ctx.text, following[0], following[1])
    if verb is None or said is None or _codes(_between(participants, lo, verb.start())):
        return
    old = _codes(_between(participants, verb.end(), hi))
    new = [m for m in _codes(_between(participants, said.end(), following[1]))][:1]
    if not old or not new or new[0].start != said.end():
        return
    modalities = tuple(
        dict.fromkeys(
            m.value
            for m in find_mentions(ctx.text[lo : verb.start()], lo, ctx.lexicon)
            if m.kind is MentionKind.MODALITY and m.value != "imaging"
        )
    )
    condition = (("whenGuidance", modalities),) if modalities else ()
    facts: tuple[Assertion, ...] = tuple(
        Statement("replacement", (("code", (new[0].value,)), ("insteadOf", (o.value,)), *condition))
        for o in old
    )
    yield Reading("replacement.contrast", sentence.start, sentence.end, facts)


_USE_VERB = re.compile(
    r"\b(?:codes?\s+to\s+(?:use|report|bill)\s+(?:is|are|would\s+be)|"
    r"(?:correct|right|proper|appropriate)\s+code\s+(?:is|would\s+be)|"
    r"(?:is|are)\s+(?:reported|coded|billed)\s+(?:with|as|using|under)|use|report|bill|"
    r"code|(?:that|it|this)(?:'s|’s|\s+is|\s+would\s+be))\b",
    re.IGNORECASE,
)
_NOT_THIS = re.compile(
    r"(?:-[A-Z0-9]{2})*(?:\s*x\s*\d+)?\s*(?:,|-|–|—)?\s*(?:but\s+|and\s+)?not\s+"
    r"(?:with\s+|as\s+|using\s+)?",
    re.I,
)


def _not_this_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Ultrasound guidance for vascular access is reported with 76937, not 76942", "use 20611,
    not 20610", "that's 62322, not 62323": the code to use, and after "not" the code it is used
    instead of."""
    sentence = ctx.sentences[i]
    for lo, hi in _clause_bounds(sentence, ctx.lexicon):
        # "Facet injections under u/s: 0213T-0218T, not 64490-64495": a label's colon
        verb = (
            _USE_VERB.search(ctx.text, lo, hi)
            or re.compile(r":\s*").match(ctx.text, max(sentence.start, lo - 2), hi)
            or re.compile(r"\s=\s*").search(ctx.text, lo, hi)  # "PICC under imaging = 36573"
        )
        if verb is None or _negated(ctx, sentence, verb.start()):
            continue
        # "Report 62328 - not 62270": the "not" may open a part of its own
        lists = [
            g for _, g in _code_lists(ctx, _codes(_between(participants, verb.end(), sentence.end)))
        ]
        if len(lists) < 2 or not re.fullmatch(
            r"\s*(?:(?:cpt|hcpcs|code|codes)\s+)*", ctx.text[verb.end() : lists[0][0].start], re.I
        ):
            continue  # the code to use is the verb's object
        new, old = lists[0], lists[1]
        if not _NOT_THIS.fullmatch(ctx.text, new[-1].end, old[0].start):
            continue
        if len(new) != len(old) and len(new) > 1:
            continue  # "report 62323 and 77003, not 62322": which replaces what is not said
        pairs = (
            list(zip(new, old, strict=True)) if len(new) == len(old) else [(new[0], o) for o in old]
        )
        condition = ctx.lexicon.pattern("condition_words").search(sentence.text)
        at = sentence.start + condition.start() if condition is not None else sentence.end
        said = ctx.text[at : sentence.end]  # "..., when ultrasound is used": its condition
        if verb[0].startswith(":"):
            at, said = sentence.start, ctx.text[sentence.start : verb.start()]  # the label
        if verb[0].strip() == "=":
            at, said = sentence.start, ctx.text[sentence.start : verb.start()]
        facts = [f for n, o in pairs for f in _swaps(ctx, at, [said], [n], [o])]
        joined = _joined_by_plus(ctx, participants, old[0].start, sentence.end)
        if joined is not None and len(old) == 1 and not _guided(facts):
            # "20611, not 20610 + 76942": the code replaced when reported with the other; "under
            # fluoroscopy, 62328, not 62270 plus 77003" says its condition by the guidance
            facts = _reported_with(facts, joined[1:])
        yield Reading("replacement.not", sentence.start, sentence.end, tuple(facts))
        return


def _redirect_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "For facet joint injection under ultrasound guidance, see 0213T-0218T", a code book's
    "(For ultrasound guidance, use 20611)" under 20610: the codes to report instead of the
    entry's codes (else this section's), one for one, or the code named for the entry's code,
    under the condition stated."""
    sentence = ctx.sentences[i]
    match = re.match(
        r"\s*\(?\s*(?:for|if|when)\b(?P<cond>[^,]+),\s*(?:use|see|report)\s+(?P<rest>.+)$",
        sentence.text,
        re.IGNORECASE,
    )
    if match is None or ctx.lexicon.pattern("replacement", "phrases").search(match["rest"]):
        return
    cond_lo = sentence.start + match.start("cond")
    cond_hi = sentence.start + match.end("cond")
    targets = [m for m in _codes(participants) if m.start >= sentence.start + match.start("rest")]
    codes = [c for m in targets for c in _expand(m.value)]
    if not codes or any(c in ctx.guidance_codes for c in codes):
        return
    entry = _entry(ctx.text, _line_at(ctx.text, sentence.start)[0])
    if entry is not None:
        family = _entry_family(ctx.text, entry[1])
        replaced = family if len(family) == len(codes) else [entry[0]]
    else:
        replaced = [c for c in ctx.section[i] if c not in codes]
    condition = ctx.text[cond_lo:cond_hi]
    if len(replaced) == len(codes) and (entry is not None or len(codes) > 1):
        pairs = list(zip(codes, replaced, strict=True))
    elif entry is not None and len(targets) == 1:
        pairs = [(targets[0].value, entry[0])]  # "(For transforaminal ..., use 64479-64484)"
    else:
        return
    facts: list[Assertion] = []
    for new, old in pairs:
        facts += _swaps(
            ctx,
            cond_lo,
            [condition],
            _focus_mention(new, cond_lo),
            _focus_mention(old, cond_lo),
        )
    if entry is None and not any(isinstance(f, Statement) and f.get("whenGuidance") for f in facts):
        return  # a section's codes are replaced under a guidance named
    yield Reading("replacement.redirect", sentence.start, sentence.end, tuple(facts))


_NOT_USED = re.compile(
    r"\b(?:don't|do\s+not|never|cannot|can't|can\s+not|shouldn't|should\s+not|must\s+not|won't)\s+"
    r"(?:use|bill|report|code)\s+(?:(?:cpt\s+)?codes?\s+)?",
    re.IGNORECASE,
)


def _not_used_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "If the MBB is done under ultrasound, you don't use 64493 at all", "US-guided TF ESI ->
    cannot use 64479-64484": under that guidance the codes are replaced by others not named."""
    sentence = ctx.sentences[i]
    for lo, hi in _clause_bounds(sentence, ctx.lexicon):
        verb = _NOT_USED.search(ctx.text, lo, hi)
        if verb is None:
            continue
        lists = _code_lists(ctx, _codes(_between(participants, verb.end(), hi)))
        if not lists or lists[0][1][0].start != verb.end():
            continue
        codes = lists[0][1]
        said_before, said_at = ctx.text[sentence.start : verb.start()], sentence.start
        tail = ctx.text[codes[-1].end : hi]
        if re.match(r"\s+(?:for|on)\s+(?:an?|the|any)\b", tail) and not _codes(
            _between(participants, codes[-1].end, hi)
        ):
            # "Never report 20610 for an injection you did under ultrasound guidance"
            said_before, said_at = tail, codes[-1].end
        elif not re.fullmatch(r"(?:\s+at\s+all)?\W*", tail):
            continue  # "don't bill 77003 with 62323": the codes are not billed together
        found = find_mentions(said_before, said_at, ctx.lexicon)
        modalities = tuple(
            dict.fromkeys(
                m.value
                for m in found
                if m.kind is MentionKind.MODALITY
                and m.value != "imaging"
                and not _negated_use(ctx.text, m)
            )
        )
        if not modalities:
            continue
        facts = tuple(
            Statement("replacement", (("insteadOf", (m.value,)), ("whenGuidance", modalities)))
            for m in codes
        )
        yield Reading("replacement.not_used", sentence.start, sentence.end, facts, Stance.AFFIRMS)


_GUIDED = re.compile(
    r"\b(?:performed|done|provided|furnished)\s+(?:under|with|using)\s+(?P<g>(?:[\w/-]+\s+){1,3})"
    r"guidance\b",
    re.IGNORECASE,
)


def _guided_procedure(ctx: _Context, i: int, reading: Reading) -> Reading:
    """ "Facet joint injections performed under ultrasound guidance shall not be reported with
    64490-64495": the procedure done that way is reported with another code, so the codes are
    replaced under that guidance; the guidance is not what they include."""
    sentence = ctx.sentences[i]
    guided = _GUIDED.search(sentence.text)
    if reading.stance is not Stance.NEGATES or guided is None:
        return reading
    found = find_mentions(guided["g"], 0, ctx.lexicon)
    modalities = [m.value for m in found if m.kind is MentionKind.MODALITY]
    if not modalities or _GUIDED.search(sentence.text, guided.end()) is not None:
        return reading
    guidance = {
        *modalities,
        *(str(ctx.lexicon.data["guidance_of_modality"][m]) for m in modalities),
    }
    replaced: list[str] = []
    kept: list[Assertion] = []
    for fact in reading.assertions:
        if (
            isinstance(fact, Triple)
            and fact.property in ("includes", "includesGuidance")
            and fact.object in guidance
        ):
            replaced.append(fact.subject)
        elif not (
            isinstance(fact, Triple)
            and fact.property == "includes"
            and not re.fullmatch(r"[0-9A-Z.-]+", fact.object)
        ):
            kept.append(fact)  # the guided procedure itself ("A ... injection") is no object
    if not replaced:
        return reading
    kept += [
        Statement("replacement", (("insteadOf", (code,)), ("whenGuidance", tuple(modalities))))
        for code in dict.fromkeys(replaced)
    ]
    return Reading(
        "replacement.guided", reading.start, reading.end, tuple(kept), reading.stance, 0.8
    )
