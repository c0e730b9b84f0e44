"""What one claim carries: "The claim should include 64483 but not 77003", "Bill 64493 and
20553", "Report both codes". Codes a rule lists for the same claim are reported together; a
code it lists after "but not" is not reported with them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ...claims import Assertion, Stance, Triple
from ..lexicon import Lexicon
from ..mentions import Mention
from .context import (
    Reading,
    _all_guidance,
    _alternation,
    _as_add_on,
    _asks,
    _code_lists,
    _codes,
    _Context,
    _is_diagnosis,
    _is_drug,
    _kinship,
    _negated,
    _per_additional,
    _previous_in_paragraph,
)
from .together import _IMPERATIVE_OPENING


@cache
def _listing_verb(lexicon: Lexicon) -> re.Pattern[str]:
    """A modal or an opening imperative, then a verb that lists what a claim carries."""
    modals = _alternation(lexicon, "claim_lines", "modals")
    verbs = _alternation(lexicon, "claim_lines", "verbs")
    return re.compile(
        rf"(?:\b(?P<modal>{modals})\s+)?(?:(?:also|only|just)\s+)?\b(?:{verbs})\s+"
        r"(?:(?:cpt|hcpcs|codes?)\s+)*",
        re.IGNORECASE,
    )


_BUT_NOT = re.compile(r"\s*,?\s*(?:but|and)\s+not\s+(?:(?:the|cpt|hcpcs|codes?)\s+)*", re.I)
_JOINED = re.compile(r"\s*(?:,|and|plus|&|\+|,\s*and|,\s*plus)\s*", re.IGNORECASE)
_BOTH_ALLOWED = re.compile(
    r"\W*(?:so\s+|then\s+)?both(?:\s+(?:codes|services|procedures|of\s+them))?\s+"
    r"(?:may|can|should|are|will|would)\s+(?:be\s+)?(?:separately\s+)?"
    r"(?:reported|billed|coded|reimbursed|paid|payable|billable|reportable)\b",
    re.IGNORECASE,
)
_BOTH = re.compile(r"both(?:\s+(?:codes|of\s+them|procedures|services))?\b", re.IGNORECASE)


def _claim_line_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "The claim should include 64483 but not 77003": 64483 includes 77003; "bill 64493 and
    20553": 20553 is reported separately with 64493 (an add-on to it when the sentence says so);
    "report both codes" lists the two codes of the sentence before."""
    sentence = ctx.sentences[i]
    if _asks(sentence):
        return  # a question asserts nothing
    if _BOTH_ALLOWED.match(sentence.text):
        # "Both services may be reimbursed.": the two codes of the sentence before
        yield from _both(ctx, i, sentence.start)
        return
    codes = [m for m in _codes(participants) if not _is_diagnosis(m.value)]
    for verb in _listing_verb(ctx.lexicon).finditer(ctx.text, sentence.start, sentence.end):
        if _negated(ctx, sentence, verb.start()) or (
            verb["modal"] is None
            and not _IMPERATIVE_OPENING.fullmatch(ctx.text, sentence.start, verb.start())
        ):
            continue  # the verb follows a modal, or opens the sentence
        after = [m for m in codes if m.start >= verb.end()]
        lists = _code_lists(ctx, after)
        if _BOTH.match(ctx.text, verb.end()):
            yield from _both(ctx, i, verb.end())
            continue
        if not lists or lists[0][1][0].start != verb.end():
            continue
        listed = lists[0][1]
        if len(lists) > 1 and _BUT_NOT.fullmatch(ctx.text, listed[-1].end, lists[1][1][0].start):
            excluded = lists[1][1]
            if any(_kinship(ctx, a.value, b.value)[1] >= 4 for a in listed for b in excluded):
                continue  # "report 64493 but not 64494": which code, not what goes together
            facts: tuple[Assertion, ...] = tuple(
                Triple(a.value, "includes", b.value) for a in listed for b in excluded
            )
            yield Reading("pair.claim_lines", sentence.start, sentence.end, facts, Stance.NEGATES)
            continue
        together = _joined(ctx, listed)
        if len(together) < 2 or any(_is_drug(m.value) for m in together[:1]):
            continue
        if _all_guidance(ctx, together[:1]):
            continue  # the first listed is the procedure the others go with
        if len(lists) > 1 and lists[1][1][0].start < _clause_end(ctx, listed[-1].end, sentence.end):
            continue  # "bill 64483 and 77003 with 64484": the billed-with rule
        first, rest = together[0], together[1:]
        facts = tuple(Triple(b.value, "separatelyReportableWith", first.value) for b in rest)
        if _per_additional(ctx, sentence.start, sentence.end) or ctx.lexicon.pattern(
            "attributes", "add_on"
        ).search(ctx.text, sentence.start, sentence.end):
            facts = tuple(_as_add_on(f) for f in facts)  # "..., because 77001 is an add-on code"
        yield Reading("pair.claim_lines", sentence.start, sentence.end, facts, Stance.AFFIRMS, 0.7)


def _joined(ctx: _Context, listed: list[Mention]) -> list[Mention]:
    """The codes of a list joined by "and", a comma or "plus": alternatives ("or", "/") are no
    codes billed together."""
    joined = listed[:1]
    for code in listed[1:]:
        if not _JOINED.fullmatch(ctx.text, joined[-1].end, code.start):
            return []
        joined.append(code)
    return joined


_CLAUSE_STOP = re.compile(r"[;:.]|,\s+(?:because|since|as|so|but)\b")


def _clause_end(ctx: _Context, at: int, end: int) -> int:
    """Where the clause of a listing ends: a stop, or a reason or contrast after a comma."""
    stop = _CLAUSE_STOP.search(ctx.text, at, end)
    return stop.start() if stop else end


def _both(ctx: _Context, i: int, at: int) -> Iterator[Reading]:
    """ "The claim should include both codes.": the two codes the sentence before names."""
    sentence = ctx.sentences[i]
    previous = _previous_in_paragraph(ctx, i, at)
    if previous is None:
        return
    named = [
        m
        for m in _codes(ctx.participants[i - 1])
        if not _is_diagnosis(m.value) and not _is_drug(m.value)
    ]
    values = list(dict.fromkeys(m.value for m in named))
    if len(values) != 2 or _all_guidance(ctx, named[:1]):
        return
    fact = Triple(values[1], "separatelyReportableWith", values[0])
    yield Reading("pair.claim_lines", sentence.start, sentence.end, (fact,), Stance.AFFIRMS, 0.6)
