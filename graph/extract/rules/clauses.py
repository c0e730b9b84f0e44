"""The parts of a clause that readers look for.

A clause's bounds and the verbs that end its subject, the trigger phrases in it, subjects joined
to the clause before, a condition's opener, and the codes listed after a colon or on the lines
below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon, Relation
from ..mentions import Mention, find_mentions
from ..sentences import Sentence
from .context import _CODES_OPEN_CLAUSE, _between, _code_lists, _codes, _Context, _in_parentheses


def _clause_bounds(sentence: Sentence, lexicon: Lexicon | None = None) -> list[tuple[int, int]]:
    """Clauses of a sentence: at ";", ": ", " - ", ", but ...", "because ..." and, given the
    grammar, an imperative after a comma ("Do not report 62270 with 77003, use 62328", "...,
    and add J3301")."""
    bounds: list[tuple[int, int]] = []
    start = sentence.start
    imperatives = (
        "|"
        + r",\s+(?:and\s+)?(?=(?i:"
        + "|".join(map(re.escape, lexicon.words("imperatives")))
        + r")\s+\w)"
        if lexicon is not None
        else ""
    )
    for match in re.finditer(
        r";|:\s|\s[-–—]\s|,\s+(?:but|whereas|while|unless|so|thus|hence|therefore)\b(?!\s+not\s+limited)"
        r"|,\s+(?:and\s+)?so\s+(?:is|are)\b"  # ", and so is the SI arthrogram": another subject
        r"|,\s+however\b(?!\s*,)"  # ", however, ..." is an aside
        # "..., and the same goes for 77012": said again of another code
        r"|,\s+(?:and\s+)?(?=(?:the\s+)?same\s+(?:goes|holds|is\s+true|applies|for|with)\b)"
        r"|,\s+(?=(?:and\s+)?(?:neither|nor)\s+(?:is|are)\b)"  # "..., and neither is 77012"
        r"|,\s+(?=as\s+(?:do|does)\b)"  # "..., as do the catheter codes 62325 and 62327"
        r"|,?\s+(?=because\b|since\b|even\s+though\b|although\b)" + imperatives,
        sentence.text,
    ):
        bounds.append((start, sentence.start + match.start()))
        start = sentence.start + match.end()
    bounds.append((start, sentence.end))
    return _after_opening_reason(sentence, bounds)


# "Because imaging guidance is included in 62328 and 62329, 77003 and 77012 must not ...": the
# main clause opens at the comma before codes that are the subject of a verb
_REASON_OPENING = re.compile(r"(?:because|since|as|although|though|given\s+that)\b", re.I)
# "Because the guidance is part of the injection code, you do not report 77003 with 62323": the
# main clause opens at the comma before who reports
_WHO_REPORTS = re.compile(
    r",\s+(?=(?:you|we|they|coders?|providers?|physicians?|the\s+(?:coder|provider|physician|practice))\s)",
    re.IGNORECASE,
)


def _after_opening_reason(
    sentence: Sentence, bounds: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The first clause parted where a sentence that opens with a reason ("Because ...,") has its
    main clause."""
    first_lo, first_hi = bounds[0]
    if first_lo != sentence.start or not _REASON_OPENING.match(sentence.text):
        return bounds
    main = _CODES_OPEN_CLAUSE.search(
        sentence.text, 0, first_hi - sentence.start
    ) or _WHO_REPORTS.search(sentence.text, 0, first_hi - sentence.start)
    if main is None:
        return bounds
    return [
        (first_lo, sentence.start + main.start()),
        (sentence.start + main.end(), first_hi),
        *bounds[1:],
    ]


@dataclass(frozen=True)
class _Trigger:
    relation: Relation
    start: int
    end: int
    phrase: str


def _triggers(ctx: _Context, lo: int, hi: int) -> list[_Trigger]:
    found: list[_Trigger] = []
    for relation in ctx.lexicon.relations:
        for match in relation.pattern.finditer(ctx.text, lo, hi):
            found.append(_Trigger(relation, match.start(), match.end(), match[0]))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    chosen: list[_Trigger] = []
    for trigger in found:
        if all(trigger.start >= c.end or trigger.end <= c.start for c in chosen):
            chosen.append(trigger)
    words = ctx.lexicon.pattern("condition_words")
    kept: list[_Trigger] = []
    for trigger in sorted(chosen, key=lambda t: t.start):
        before = ctx.text[max(lo, trigger.start - 12) : trigger.start]
        conditional = any(m.end() == len(before.rstrip()) for m in words.finditer(before))
        if kept and trigger.relation.name == "separately" and conditional:
            continue  # "... not separately payable when billed with 62323"
        kept.append(trigger)
    return kept


# A relative clause after codes ("20611, which already includes ultrasound guidance") says what
# they are; it names no more of them.
_RELATIVE = re.compile(
    r",\s*(?:which|that|whose|the\s+(?:[\w-]+\s+){1,3}(?:for|of|in)\s+which)\b", re.IGNORECASE
)


def _before_relative(participants: list[Mention], text: str, lo: int, hi: int) -> int:
    """Where the codes named from ``lo`` end: at a relative clause after them ("... with 20604
    and 20611, which describe arthrocentesis with ultrasound guidance"), else at ``hi``."""
    relative = _RELATIVE.search(text, lo, hi)
    if relative is not None and _between(participants, lo, relative.start()):
        return relative.start()
    return hi


# What stands between a verb and its object codes: "integral to the CPT codes 62321 and 62323".
_OBJECT_OPENING = r"\s*(?:the\s+)?(?:(?:cpt|hcpcs|add-on|primary)\s+)?(?:codes?\s+)?"


def _listed_after_colon(
    ctx: _Context,
    sentence: Sentence,
    participants: list[Mention],
    lo: int,
    hi: int,
    subject_end: int | None = None,
) -> list[Mention]:
    """ "The injected drug is billed separately from the injection procedure: J1030 (...), J1040
    (...)": a clause that ends at a colon and names no code as its subject (before
    ``subject_end``, else anywhere) has its subject listed after the colon."""
    named = _codes(_between(participants, lo, hi if subject_end is None else subject_end))
    if named or not ctx.text.startswith(":", hi):
        return []
    listed = _codes(_between(participants, hi, sentence.end))
    return [m for m in listed if not _in_parentheses(ctx.text, sentence, m)]


def _following_list(ctx: _Context, i: int) -> tuple[list[Mention], int]:
    """The codes that open the lines after a sentence ending with a colon ("... any of the
    following codes:" then "62321, 62323", "64479-64484"), and where the list ends."""
    sentence = ctx.sentences[i]
    line_end = ctx.text.find("\n", sentence.end)
    if (
        not sentence.text.rstrip().endswith(":")
        or line_end < 0
        or ctx.text[sentence.end : line_end].strip()
    ):
        return [], sentence.end
    codes: list[Mention] = []
    end = sentence.end
    for later in ctx.sentences[i + 1 :]:
        line_start = ctx.text.rfind("\n", 0, later.start) + 1
        if line_start != later.start and ctx.text[line_start : later.start].strip(" \t-•*·"):
            break  # a second sentence of a line: the list has ended
        found = [m for m in find_mentions(later.text, later.start, ctx.lexicon) if m.is_code]
        lead = re.match(r"[\s\-•*·+]*", later.text)
        if not found or found[0].start != later.start + (lead.end() if lead else 0):
            break
        listed = [found[0]]
        for m in found[1:]:
            if not re.fullmatch(
                r"\s*(?:,|and|or|,\s*and|,\s*or)\s*", ctx.text[listed[-1].end : m.start]
            ):
                break
            listed.append(m)
        codes += listed
        end = later.end
    return codes, end


def _listed_below(ctx: _Context, i: int, lo: int, hi: int) -> tuple[list[Mention], int] | None:
    """The codes listed on the lines after the sentence when ``lo..hi`` names them ("the
    following codes") and the sentence ends with a colon, with the end of the list."""
    if ctx.lexicon.pattern("following").search(ctx.text, lo, hi) is None:
        return None
    codes, end = _following_list(ctx, i)
    return (codes, end) if codes else None


_FINITE = re.compile(
    r"\b(?:is|are|was|were|should|shall|must|may|can|cannot|will|does|do|has|have)\b", re.I
)
_AND_THEN_VERB = re.compile(r"(?:,\s*)?\band\s+(?:[A-Za-z']+\s+){0,3}$", re.IGNORECASE)


def _condition_opener(ctx: _Context, lo: int, hi: int) -> int | None:
    """The end of a condition that opens a clause ("When 62323 is reported, ..."), if any."""
    words = "|".join(map(re.escape, ctx.lexicon.words("condition_words")))
    match = re.compile(rf"\s*(?:{words})\b[^,]*,", re.IGNORECASE).match(ctx.text, lo, hi)
    return match.end() if match is not None else None


def _clause_with_subject(
    ctx: _Context, participants: list[Mention], lo: int, hi: int, after_trigger: bool = False
) -> int | None:
    """Where ", and 64495 is ..." opens a clause of its own: a comma and a conjunction, codes as
    its subject, then a verb. Before it, something is named, unless it follows a trigger
    ("add-on codes for the second level, and 64492 reports the third")."""
    for match in re.finditer(r",\s*(?:and|but|while|whereas)\s+", ctx.text[lo:hi]):
        cut_lo, cut_hi = lo + match.start(), lo + match.end()
        subject = _codes(_between(participants, cut_hi, hi))
        if not subject or not (after_trigger or _between(participants, lo, cut_lo)):
            continue
        # "..., and epidurography 72275 should not ...": a noun may name the code
        opening = re.fullmatch(
            rf"(?:[a-z][\w/-]*\s+){{0,2}}?(?:(?:billed|reported|coded)\s+as\s+)?{_OBJECT_OPENING}",
            ctx.text[cut_hi : subject[0].start],
            re.I,
        )
        listed = _code_lists(ctx, subject)[0][1]
        named_before = _codes(_between(participants, lo, cut_lo))
        if named_before and any(
            named_before[-1] in group and subject[0] in group and group.index(subject[0]) >= 2
            for _, group in _code_lists(ctx, named_before + subject)
        ):
            continue  # "77002, 77003, and 77012 are ...": the last of a list
        if opening and (
            _CLAUSE_VERB.match(ctx.text, listed[-1].end)
            or _GAPPED_ONLY.match(ctx.text, listed[-1].end)
        ):
            return cut_lo
    return None


# Verbs that follow a clause's subject ("..., and 64495 is reported", "64492 reports the third").
_CLAUSE_VERBS = (
    r"(?:is|are|was|were|goes|go|gets|get|should|shall|must|may|can|cannot|will|would|could|"
    r"needs?|reports?|describes?|covers?|represents?|takes?)"
)
_CLAUSE_VERB = re.compile(rf"\s+{_CLAUSE_VERBS}\b", re.IGNORECASE)
# A clause whose verb is left out after "only" ("64491 may be billed only with 64490, and 64494
# only with 64493").
_GAPPED_ONLY = re.compile(r"\s+only\s+(?:(?:together\s+)?with|in\s+addition\s+to)\b", re.IGNORECASE)
# A code in a list that is the subject of a verb of its own ("instead of 20611, and 76942 can't
# go on 20610", "without 64633, and 64636 shall not ..."): the list ends before it.
_OWN_VERB = re.compile(
    r"\s+(?:is|are|was|can|can't|cannot|may|must|should|shall|will|won't|does|doesn't|isn't|"
    r"aren't|never|also)\b",
    re.IGNORECASE,
)


def _verb_coordinated(ctx: _Context, participants: list[Mention], lo: int, at: int) -> bool:
    """Whether the verb at ``at`` follows "and" with no subject of its own ("... and should not
    be reported with", not "... and 77012 is included in")."""
    match = _AND_THEN_VERB.search(ctx.text, lo, at)
    return match is not None and not _between(participants, match.start(), at)


def _coordinated_subject(
    ctx: _Context, participants: list[Mention], lo: int, at: int
) -> list[Mention]:
    """The subject of a verb at ``at``: "62321 and 62323 include imaging guidance and should not
    be reported with 77003" coordinates two verbs of one subject, so the object of the first
    (imaging guidance) is not the subject of the second."""
    own = _clause_with_subject(ctx, participants, lo, at)
    if own is not None:
        # "64479-64484 include imaging guidance, and 77003 and 77012 are not ...": its own
        lo = own
    for content in _CONTENT_CLAUSE.finditer(ctx.text, lo, at):
        if _codes(_between(participants, content.end(), at)):
            # "..., and CPT directs that 77003 and 77012 not be reported ...": the subject of
            # what is said follows "that"
            lo = content.end()
    before = _between(participants, lo, at)
    triggers = _triggers(ctx, lo, at)
    if not triggers:
        first_verb = _FINITE.search(ctx.text, lo, at)
        if first_verb is not None and _verb_coordinated(ctx, participants, first_verb.end(), at):
            # "76942 is not covered for epidural injections and should not be billed with ..."
            return _between(participants, lo, first_verb.start())
        return before
    last = triggers[-1]
    if _verb_coordinated(ctx, participants, last.end, at):
        # the subject of both verbs, even when it names no code ("The following codes include
        # imaging guidance and should not be reported with 77003: ...")
        return _between(participants, lo, last.start)
    return before


# A verb of saying and "that": "CPT directs that", "the policy states that"
_CONTENT_CLAUSE = re.compile(
    r"\b(?:directs|states|says|requires|instructs|provides|specifies|notes|explains|clarifies|"
    r"means|confirms)\s+that\s+",
    re.IGNORECASE,
)

# A clause spliced on with a comma and a subject of its own: ", the epidurogram is ...".
_SPLICED_SUBJECT = r",\s+(?:the|this|that)\s+(?:[a-z][\w/-]*\s+){1,3}"
