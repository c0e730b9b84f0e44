"""The rule grammar: how coding rules are written, read sentence by sentence.

Each rule looks at one sentence (and, for a statement that leans on the sentence before it, that
sentence too) and its mentions, and states facts in the words of the review format. The rules:

- ``pair.<relation>``: a trigger phrase between two sides ("B is included in A", "A includes B",
  "B should NOT be reported separately with A", "B is reported separately with A"); codes and
  categories left and right of the trigger take the roles the relation gives them. A negation
  cue shortly before the trigger turns the reading round and marks the stance.
- ``pair.conditional``: "If B is used during A, it must be reported separately."
- ``pair.carried``: a sentence that names only one side, opened by a connective ("Therefore,
  77003 should NOT be reported separately") takes the other side from the sentence before.
- ``pair.answer``: a question ("Is 76000 inherent in 50590?") answered "Yes" in the next sentence.
- ``addon``: "report add-on code 77003 with 62323", "77002 is an add-on code ... 62370".
- ``replacement``: "if ..., 62321 should be used instead", "a different code should be reported".
- ``modifier``: a modifier tied to a code, and to the other codes or categories it is named with.
- ``frequency``: "once per session", "no more than 4 sessions in a 12-month rolling period".
- ``attribute``: descriptor-like sentences of one code: region, approach, guidance included or
  excluded, catheter, add-on, guidance code modality and region.

A sentence's "focus" is the first code of the last sentence that named one outside parentheses:
"this code", "these codes" and statements without a code of their own refer to it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from ..claims import Assertion, Stance, Statement, Triple
from .aliases import Alias, alias_mentions, find_aliases
from .lexicon import Lexicon, Relation
from .mentions import PARTICIPANTS, Mention, MentionKind, find_mentions
from .sentences import Sentence, csv_cells

__all__ = ["Reading", "read_sentences"]

GUIDANCE_CATEGORIES = frozenset(
    {
        "imaging-guidance",
        "fluoroscopic-guidance",
        "ct-guidance",
        "ultrasound-guidance",
        "mri-guidance",
    }
)


_MODALITY_OF_GUIDANCE = {
    "fluoroscopic-guidance": "fluoroscopy",
    "ct-guidance": "ct",
    "ultrasound-guidance": "ultrasound",
    "mri-guidance": "mri",
}


@dataclass(frozen=True)
class Reading:
    """What one rule read in one stretch of text."""

    rule: str
    start: int
    end: int
    assertions: tuple[Assertion, ...]
    stance: Stance = Stance.AFFIRMS
    confidence: float = 0.8


@dataclass
class _Context:
    text: str
    lexicon: Lexicon
    sentences: list[Sentence]
    mentions: list[list[Mention]] = field(default_factory=list)
    focus: list[str | None] = field(default_factory=list)
    focus_all: list[list[str]] = field(default_factory=list)
    history: list[list[str]] = field(default_factory=list)
    section: list[list[str]] = field(default_factory=list)
    guidance_codes: set[str] = field(default_factory=set)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    following: list[tuple[list[Mention], int]] = field(default_factory=list)


def _in_parentheses(text: str, sentence: Sentence, mention: Mention) -> bool:
    before = text[sentence.start : mention.start]
    if before.count("(") > before.count(")"):
        return True
    return re.search(r"\b(?:e\.?g\.?|such as|i\.?e\.?)[,:]?\s*$", before, re.IGNORECASE) is not None


_CODE_LIST = r"[0-9A-Z][0-9A-Z.]*(?:\s*(?:-|–|through)\s*[0-9A-Z][0-9A-Z.]*)?"


def _apposed(text: str, sentence: Sentence, mention: Mention) -> bool:
    """ "Fluoroscopic guidance (77003)": a code in parentheses that only name codes, right after
    a noun phrase, names the thing the phrase names."""
    open_at = text.rfind("(", sentence.start, mention.start)
    if open_at < 0 or ")" in text[open_at : mention.start]:
        return False
    close_at = text.find(")", mention.end, sentence.end)
    if close_at < 0:
        return False
    inside = text[open_at + 1 : close_at]
    listed = rf"\s*(?:CPT\s+|HCPCS\s+)?{_CODE_LIST}(?:\s*(?:,|,?\s*or|,?\s*and)\s*{_CODE_LIST})*\s*"
    return (
        re.fullmatch(listed, inside) is not None
        and re.search(r"[A-Za-z]\s*$", text[sentence.start : open_at]) is not None
    )


_CODE_BEFORE_PARENTHESIS = re.compile(r"\b[0-9]{4}[0-9TFU]\s*\($|\b[A-V][0-9]{4}\s*\($")


def _describes_code(text: str, sentence: Sentence, mention: Mention) -> bool:
    """Whether a mention stands in the parenthesised descriptor right after a code."""
    open_at = text.rfind("(", sentence.start, mention.start)
    if open_at < 0 or ")" in text[open_at : mention.start]:
        return False
    return _CODE_BEFORE_PARENTHESIS.search(text, sentence.start, open_at + 1) is not None


def _participants(ctx: _Context, sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """Codes, ranges and categories, without exceptions ("other than 71023") and appositions."""
    text = ctx.text
    exceptions = ctx.lexicon.pattern("exceptions")
    apposition = ctx.lexicon.pattern("apposition")
    items = [m for m in mentions if m.kind in PARTICIPANTS]
    kept: list[Mention] = []
    excluding = False
    previous_end: int | None = None
    for index, mention in enumerate(items):
        gap = text[previous_end : mention.start] if previous_end is not None else ""
        cue = None
        for match in exceptions.finditer(text, sentence.start, mention.start):
            cue = match
        if cue is not None and (previous_end is None or cue.start() >= previous_end):
            excluding = True
        elif excluding and not re.fullmatch(r"\s*(?:,|or|and|,\s*or|,\s*and)?\s*", gap):
            excluding = False
        previous_end = mention.end
        if excluding and mention.is_code:
            continue
        if mention.kind is MentionKind.CATEGORY and _describes_code(text, sentence, mention):
            continue  # "77003 (Fluoroscopic guidance ... injection procedures)": a descriptor
        if mention.kind is MentionKind.CATEGORY and re.search(
            r"\b(?:without|w/o)\s+$", text[max(sentence.start, mention.start - 12) : mention.start]
        ):
            continue  # "the PICC code without imaging guidance": a description of the code
        if mention.kind is MentionKind.CATEGORY and re.search(
            r"\b(?:[0-9]{4}[0-9TFU]|[A-V][0-9]{4})\s+for\s+(?:the\s+)?$",
            text[max(sentence.start, mention.start - 20) : mention.start],
        ):
            continue  # "CPT code 77003 for fluoroscopic guidance": what the code is for
        if mention.kind is MentionKind.CATEGORY and index + 1 < len(items):
            following = items[index + 1]
            between = text[mention.end : following.start]
            if following.is_code and apposition.search(between) and len(between) < 40:
                continue
            if (
                following.is_code
                and re.search(r"\bcodes?$", text[mention.start : mention.end], re.IGNORECASE)
                and re.fullmatch(r"\s*[(:]?\s*(?:e\.g\.,?|i\.e\.,?|such as)?\s*", between)
            ):
                continue  # "imaging guidance codes 77003 and 77012": the codes are named
            if following.is_code and re.fullmatch(
                r"\s*,?\s*(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?", between, re.I
            ):
                continue  # "Fluoroscopic guidance 77001 is reported ...": the code names it
            if (
                following.is_code
                and re.fullmatch(r"[^().;:,]{0,40}\(\s*(?:CPT\s+|HCPCS\s+)?", between)
                and _apposed(text, sentence, following)
            ):
                continue  # "Fluoroscopic guidance (77003)": the code names the category
        kept.append(mention)
    unique: dict[tuple[str, int], Mention] = {}
    for mention in kept:
        unique.setdefault((mention.value, mention.start), mention)
    return list(unique.values())


def _codes(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.is_code]


def _hedged(ctx: _Context, sentence: Sentence) -> float:
    return 0.7 if ctx.lexicon.pattern("hedges").search(sentence.text) else 0.85


def _negated(ctx: _Context, sentence: Sentence, start: int) -> bool:
    window = int(ctx.lexicon.data["negation"]["window_words"])
    before = ctx.text[sentence.start : start]
    # "Not true, 77003 is bundled into 62323": a reply's "no" negates the post it answers
    interjections = ctx.lexicon.pattern("negation", "interjections")
    opening = re.match(rf"\W*(?:{interjections.pattern})\s*[,.!:;—–-]", before, re.IGNORECASE)
    if opening is not None:
        before = before[opening.end() :]
    # a list of codes is one noun phrase: "Do not report CPT codes 77003, 77012, 76942 in
    # addition to ..." is in the scope of the "not"
    listed = {w.lower() for w in ctx.lexicon.words("negation", "list_words")}
    words = [
        w
        for w in re.findall(r"[\w']+", before)
        if not (w.lower() in listed or re.fullmatch(r"[0-9]{4}[0-9A-Z]|[A-Z][0-9]{4}", w))
    ][-window:]
    cues = {c.lower() for c in ctx.lexicon.words("negation", "cues")}
    return any(w.lower() in cues or w.lower().endswith("n't") for w in words)


def _anaphor(ctx: _Context, text: str) -> bool:
    """Whether ``text`` refers back to codes ("this code", "it"), not with a noun after it
    ("the procedure note")."""
    compounds = _alternation(ctx.lexicon, "anaphora_compounds")
    return any(
        not re.match(rf"\s+(?:{compounds})\b", text[m.end() :], re.IGNORECASE)
        for m in ctx.lexicon.pattern("anaphora").finditer(text)
    )


def _fact(relation: Relation, phrase: str, included: str, primary: str) -> Triple:
    if relation.property == "includes" and "integral" in phrase.lower():
        return Triple(included, "integralTo", primary)
    if relation.property == "includes":
        return Triple(primary, "includes", included)
    return Triple(included, relation.property, primary)


def _split_at_link(
    ctx: _Context, side: list[Mention]
) -> tuple[list[Mention], list[Mention]] | None:
    """A side "77003 with 62321": the codes before the link, and those after it."""
    codes = _codes(side)
    for index in range(1, len(codes)):
        if _WITH_LINK.fullmatch(ctx.text, codes[index - 1].end, codes[index].start):
            return codes[:index], codes[index:]
    return None


_WITH_LINK = re.compile(
    r"\s+(?:(?:when\s+)?(?:reported|billed|performed)\s+)?(?:with|alongside|in\s+addition\s+to)"
    r"\s+(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?",
    re.IGNORECASE,
)


def _included(primary: str, included: str) -> Triple:
    """``primary`` includes ``included``; guidance as part of a code is an attribute of it ("do
    not report ultrasound guidance with 20611": 20611 includes guidance by ultrasound)."""
    if included in GUIDANCE_CATEGORIES and primary not in GUIDANCE_CATEGORIES:
        return Triple(primary, "includesGuidance", _MODALITY_OF_GUIDANCE.get(included, "imaging"))
    return Triple(primary, "includes", included)


def _pairs(
    left: list[Mention],
    right: list[Mention],
    build: tuple[Relation, str],
    flip: bool,
    guidance: Callable[[Mention], bool] = lambda _m: False,
) -> list[Assertion]:
    relation, phrase = build
    facts: list[Assertion] = []
    for a in left:
        for b in right:
            if a.value == b.value or not (a.is_code or b.is_code):
                continue
            if _is_diagnosis(a.value) or _is_diagnosis(b.value):
                continue  # diagnoses support procedures; they are not billed with them
            roles = {relation.left: a.value, relation.right: b.value}
            if "add_on" in roles:
                if roles["primary"] not in GUIDANCE_CATEGORIES:
                    # "an add-on code for fluoroscopic guidance of ...": what it is, no primary
                    facts.append(Triple(roles["add_on"], "addOnTo", roles["primary"]))
                continue
            included, primary = roles["included"], roles["primary"]
            if relation.negated and guidance(b) and not guidance(a) and relation.left == "included":
                # "62321 should not be reported with 77003": the guidance is what is included
                included, primary = primary, included
            modality = _MODALITY_OF_GUIDANCE.get(included)
            if relation.property == "includes" and not flip and included in GUIDANCE_CATEGORIES:
                # "includes fluoroscopic or CT guidance": guidance as part of the code is an
                # attribute of it, of the modality named ("imaging" for any)
                facts.append(Triple(primary, "includesGuidance", modality or "imaging"))
                continue
            if (
                relation.property == "separatelyReportableWith"
                and not flip
                and guidance(b)
                and not guidance(a)
            ):
                included, primary = primary, included  # the guidance is what is added
            if flip and (modality is not None or included == "imaging-guidance"):
                # "62320 does not include imaging guidance": performed without it
                facts.append(Triple(primary, "excludesGuidance", modality or "imaging"))
            elif flip:
                # "B is not included in A", "A does not include B": reported separately.
                facts.append(Triple(included, "separatelyReportableWith", primary))
            else:
                facts.append(_fact(relation, phrase, included, primary))
    return facts


def _is_drug(value: str) -> bool:
    """HCPCS Level II J codes: drugs, billed beside the procedure that gives them."""
    return re.fullmatch(r"J[0-9]{4}", value) is not None


def _is_diagnosis(value: str) -> bool:
    return re.fullmatch(r"[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}", value) is not None


def _indication_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Supporting diagnoses for 62322, 62323 include M54.16, M51.26": ICD-10-CM codes named with
    procedure codes under a diagnosis cue."""
    sentence = ctx.sentences[i]
    if not ctx.lexicon.pattern("indication").search(sentence.text):
        return
    codes = [m for m in _codes(participants) if not _in_parentheses(ctx.text, sentence, m)]
    diagnoses = [m.value for m in _codes(participants) if _is_diagnosis(m.value)]
    procedures = [m.value for m in codes if not _is_diagnosis(m.value)]
    focus = ctx.focus[i]
    if not procedures and focus is not None:
        procedures = [focus]
    facts: list[Assertion] = [
        Triple(p, "indicatedFor", d) for p in procedures for d in diagnoses if not _is_diagnosis(p)
    ]
    if facts:
        yield Reading("indication", sentence.start, sentence.end, tuple(facts))


def _clause_bounds(sentence: Sentence, lexicon: Lexicon | None = None) -> list[tuple[int, int]]:
    """Clauses of a sentence: at ";", ": ", " - ", ", but ...", "because ..." and, given the
    grammar, an imperative after a comma ("Do not report 62270 with 77003, use 62328")."""
    bounds: list[tuple[int, int]] = []
    start = sentence.start
    imperatives = (
        "|" + r",\s+(?=(?i:" + "|".join(map(re.escape, lexicon.words("imperatives"))) + r")\s+\w)"
        if lexicon is not None
        else ""
    )
    for match in re.finditer(
        r";|:\s|\s[-–—]\s|,\s+(?:but|whereas|while|unless|so|thus|hence|therefore)\b(?!\s+not\s+limited)"
        r"|,\s+however\b(?!\s*,)"  # ", however, ..." is an aside
        r"|,?\s+(?=because\b|since\b)" + imperatives,
        sentence.text,
    ):
        bounds.append((start, sentence.start + match.start()))
        start = sentence.start + match.end()
    bounds.append((start, sentence.end))
    return bounds


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


def _between(items: list[Mention], lo: int, hi: int) -> list[Mention]:
    return [m for m in items if lo <= m.start and m.end <= hi]


def _focus_mention(value: str | None, at: int) -> list[Mention]:
    return [] if value is None else [Mention(MentionKind.CODE, value, at, at)]


def _pair_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    sentence = ctx.sentences[i]
    modifiers_at = [m.start for m in ctx.mentions[i] if m.kind is MentionKind.MODIFIER]
    add_on_cue = ctx.lexicon.pattern("attributes", "add_on").search(sentence.text) is not None
    per_additional = _per_additional(ctx, sentence.start, sentence.end)
    question = sentence.text.rstrip().endswith("?")
    denied = ctx.lexicon.pattern("denial", "cues").search(sentence.text) is not None
    conditional = _conditional(ctx, sentence, participants)
    conditional_end = conditional[2] if conditional is not None else sentence.start
    for lo, hi in _clause_bounds(sentence, ctx.lexicon):
        sentence_negated = any(
            t.relation.negated or _negated(ctx, sentence, t.start) for t in _triggers(ctx, lo, hi)
        )
        triggers = _triggers(ctx, lo, hi)
        # "... with 62323 with modifier 59" is the modifier rule's; "...; append 59" is not
        with_modifier = any(lo <= at < hi and not _conceded(ctx, at) for at in modifiers_at)
        for index, trigger in enumerate(triggers):
            if _subordinate(ctx, max(lo, conditional_end), trigger.start):
                continue  # "Where a code does not include imaging guidance, ...": a condition
            if _describes_category(ctx, participants, lo, trigger.start):
                continue  # "spinal procedures that do not include guidance": a kind described
            left_lo = triggers[index - 1].end if index else lo
            condition_end = _condition_opener(ctx, left_lo, trigger.start)
            if condition_end is not None and conditional is None:
                left_lo = condition_end  # "If the TPIs were for the ESI, 20553 isn't ..."
            right_hi = triggers[index + 1].start if index + 1 < len(triggers) else hi
            # in a table row, a statement with its own subject stays in its cell
            cell_lo = ctx.text.rfind("|", left_lo, trigger.start) + 1
            said = ctx.text[cell_lo : trigger.start]
            if cell_lo and re.search(r"[A-Za-z0-9]", said) and said.count("(") <= said.count(")"):
                left_lo = cell_lo
                border = ctx.text.find("|", trigger.end, right_hi)
                right_hi = border if border >= 0 else right_hi
            if index:
                # "77003 is included in 62323 and 77012 is included in 64483": two clauses
                split = _clause_coordination(ctx, participants, left_lo, trigger.start)
                left_lo = split[1] if split else left_lo
            if index + 1 < len(triggers):
                split = _clause_coordination(ctx, participants, trigger.end, right_hi)
                right_hi = split[0] if split else right_hi
            # "64494 is an add-on to 64493, and 64495 is the add-on for ...": its own clause
            right_hi = (
                _clause_with_subject(ctx, participants, trigger.end, right_hi, after_trigger=True)
                or right_hi
            )
            own = _clause_with_subject(ctx, participants, left_lo, trigger.start)
            left_lo = own if own is not None else left_lo
            condition = ctx.lexicon.pattern("condition_words").search(
                ctx.text, trigger.end, right_hi
            )
            if condition is not None and _between(participants, trigger.end, condition.start()):
                right_hi = condition.start()  # "... with 76942 when ultrasound guidance is used"
            left = _subject(ctx, _between(participants, left_lo, trigger.start), trigger.start)
            right = _between(participants, trigger.end, right_hi)
            # ", and 77003 is not reported with these codes": the codes of the clause before
            clause_lo = _clause_with_subject(ctx, participants, lo, trigger.start) or lo
            if not left:
                # "CMS does not allow separate reporting of 77003 with 62321": both after it
                left, right = _split_at_link(ctx, right) or (left, right)
            if (
                index
                and not left
                and triggers[index - 1].relation.property == trigger.relation.property
                and re.fullmatch(r"\s*,?\s*", ctx.text[triggers[index - 1].end : trigger.start])
            ):
                # "B must be reported separately, in addition to A": one predicate, said twice
                earlier_lo = triggers[index - 2].end if index > 1 else lo
                left = _between(participants, earlier_lo, triggers[index - 1].start)
            if not left:
                left = _head_code(ctx, sentence, participants, left_lo)
            anaphoric = not left and _anaphor(ctx, ctx.text[left_lo : trigger.start])
            left, right = _with_examples(ctx, participants, left, right, trigger.end, hi, anaphoric)
            left = _resolve_definite(ctx, i, participants, left, right)
            right = _resolve_definite(ctx, i, participants, right, left)
            if not _codes(left):
                left = _drugs_meant(ctx, i, participants, left_lo, trigger.start) or left
            if not index and left and _verb_coordinated(ctx, participants, lo, trigger.start):
                left = _coordinated_subject(ctx, participants, lo, trigger.start)
            if index and _verb_coordinated(ctx, participants, left_lo, trigger.start):
                # "62321 includes imaging guidance and is not reported with 77003": one subject
                earlier_lo = triggers[index - 2].end if index > 1 else lo
                left = _between(participants, earlier_lo, triggers[index - 1].start) or left
            relation = trigger.relation
            negated = relation.negated
            flip = False
            if not negated and _negated(ctx, sentence, trigger.start):
                if relation.property == "includes":
                    flip = True
                elif relation.property == "separatelyReportableWith":
                    relation = next(r for r in ctx.lexicon.relations if r.name == "not_separately")
                negated = True
            if relation.property == "addOnTo" and negated:
                continue  # "do not report 64480 in conjunction with ..." is read by not_together
            if negated and ctx.lexicon.pattern("not_together", "frequency").search(
                ctx.text, trigger.end, right_hi
            ):
                continue  # "64492 shall not be reported more than once per day": a frequency
            if relation.property == "separatelyReportableWith" and with_modifier:
                continue  # "may be reported with 62323 with modifier 59": the modifier rule
            if relation.name == "separately" and add_on_cue:
                continue  # "add-on code 64484 is reported with 64483": the add-on rule
            if relation.name == "separately" and denied:
                continue  # "Claims for 62321 billed with 77003 will be denied": the denial rule
            if relation.name == "separately" and _narrated(ctx, left_lo, trigger.start):
                continue  # "77003 was billed with 64483 on 14 claims": what was done
            denied_as = _DENIED_AS.search(ctx.text, left_lo, trigger.start)
            if denied_as is not None and _narrated(ctx, left_lo, denied_as.start("verb")):
                continue  # "Line 2, 64484, was denied as bundled into 64483": what a payer did
            if (
                relation.name == "separately"
                and left
                and re.search(
                    r"\b(?:of|for|on|about)\s+(?:(?:cpt|code)\s+)?$",
                    ctx.text[left_lo : left[0].start],
                    re.I,
                )
                and re.match(
                    r"\s*(?:billed|reported|coded|submitted)\b",
                    ctx.text[left[-1].end : trigger.end],
                    re.I,
                )
            ):
                continue  # "the same is true of 77012 billed with 62321": a noun phrase
            rule = f"pair.{trigger.relation.name}"
            start, end = sentence.start, sentence.end
            main = _between(left, conditional_end, trigger.start) if conditional else left
            if (
                conditional is not None
                and (relation.property != "includes" or trigger.relation.negated)
                and not main
            ):
                # "If B is used during A, it must be reported separately"; "When B is performed
                # in the same session as A, the block is not separately reimbursable"
                # "If B is used during A, it must be reported separately."
                left, right = conditional[0], conditional[1]
                rule = "pair.conditional"
            below = None
            if not left:
                below = _listed_below(ctx, i, left_lo, trigger.start)
                left = below[0] if below else []
            elif not right:
                below = _listed_below(ctx, i, trigger.end, sentence.end)
                right = below[0] if below else []
            if below is not None:
                end = below[1]  # the quote runs over the list
            if not left:
                left = _definite_category(ctx, i, participants, left_lo, trigger.start)
            if not left and right and not _codes(right):
                left = _listed_after_colon(ctx, sentence, participants, lo, hi, trigger.start)
            if not left and _anaphor(ctx, ctx.text[left_lo : trigger.start]):
                left = _clause_subject_before(ctx, participants, left_lo) or _focus_mention(
                    ctx.focus[i], sentence.start
                )
            if (
                left
                and not right
                and ctx.lexicon.pattern("plural_anaphora").search(ctx.text, trigger.end, right_hi)
            ):
                right = _plural_referent(ctx, i, participants, clause_lo)
            codes_left = _codes(left)
            if (
                codes_left
                and len(codes_left) < len(left)
                and not right
                and trigger.relation.left == "included"
                and _anaphor(ctx, ctx.text[trigger.end : right_hi])
            ):
                # "Imaging guidance performed with 20611 is included in that code"
                right = codes_left
                left = [m for m in left if not m.is_code]
            if left and not right:
                # "64493 performed at the same session as 64635 is not separately billable"
                left, right = _same_occasion(ctx, left) or (left, right)
            if left and not right:
                right = _object_referent(ctx, i, participants, left, trigger, right_hi)
            if left and not right and _anaphor(ctx, ctx.text[trigger.end : right_hi]):
                # "... is inherent to the procedure": the codes this sentence named before
                earlier = [m for m in _codes(participants) if m.end <= min(lo, left[0].start)]
                right = earlier or _focus_mention(ctx.focus[i], sentence.start)
                if re.search(r"\bprocedure", ctx.text[trigger.end : right_hi], re.IGNORECASE):
                    right = [m for m in right if not _is_drug(m.value)]  # a drug is no procedure
            if (
                not left
                and relation.name == "separately"
                and re.match(r"\s*(?:report|bill|code)\b", sentence.text, re.IGNORECASE)
                and ctx.section[i]
            ):
                # "Report the drug supply separately, ...": the codes of this section
                left = [_focus_mention(c, sentence.start)[0] for c in ctx.section[i]]
                rule = "pair.section"
            if (
                not right
                and left
                and relation.property != "separatelyReportableWith"
                or (not right and left and negated)
            ):
                opener = ctx.text[sentence.start : min(sentence.end, sentence.start + 30)]
                if i > 0 and ctx.lexicon.pattern("connectives").match(opener.lower()):
                    # "Therefore, 77003 should NOT be reported separately": A is the focus.
                    right = _focus_mention(ctx.focus[i], ctx.sentences[i - 1].start)
                    start = ctx.sentences[i - 1].start
                    rule = "pair.carried"
            if (
                left
                and not right
                and ctx.lexicon.pattern("plural_anaphora").search(ctx.text, trigger.end, right_hi)
            ):
                right = _plural_referent(ctx, i, participants, clause_lo)
            if not (left and right):
                continue
            if (
                relation.name == "separately"
                and rule not in ("pair.conditional", "pair.section")
                and not _codes(left)
                and not re.search(r"separate|addition|on top|together|along", trigger.phrase, re.I)
            ):
                continue  # "lumbar puncture is reported with CPT code 62270" names the code
            if len(left) == len(right) > 1 and (
                ctx.lexicon.pattern("respectively").search(sentence.text) is not None
                or (_slash_joined(ctx, left) and _slash_joined(ctx, right))
            ):
                # "64480 and 64484 ... with 64479 or 64483, respectively": in order
                facts = [
                    f
                    for a, b in zip(left, right, strict=True)
                    for f in _pairs(
                        [a],
                        [b],
                        (relation, trigger.phrase),
                        flip,
                        lambda m: _all_guidance(ctx, [m]),
                    )
                ]
            else:
                facts = _pairs(
                    left, right, (relation, trigger.phrase), flip, lambda m: _all_guidance(ctx, [m])
                )
            if relation.property == "includes" and not flip:
                named = _guidance_included(ctx, trigger, right_hi, left)
                facts = _narrowest_guidance(facts + named)
            if facts and all(m.value in GUIDANCE_CATEGORIES for m in left):
                # "Imaging guidance is separately reportable with 20552: see 76942 or 77002"
                codes_of = _codes_of_category(ctx, participants, right[-1].end, sentence.end)
                facts += _pairs(codes_of, right, (relation, trigger.phrase), flip)
            if not facts:
                continue
            if per_additional and relation.property == "separatelyReportableWith":
                # "64494 is reported with 64493 for the second level": an add-on to it
                facts = [_as_add_on(f) for f in facts]
                rule = "addon.per_additional"
            if question:
                answered = _answer(ctx, i)
                if answered is None or ctx.lexicon.pattern("answers", "existential").search(
                    sentence.text
                ):
                    continue  # "Is 77003 ever reportable with ...? Yes.": sometimes, not always
                end = answered
                rule = "pair.answer"
            # "A includes B; B is not reported with A" is one negated statement, but not "A
            # includes guidance, and 77003 is not reported with it": a clause of its own
            own_clause = _clause_with_subject(ctx, participants, trigger.end, hi)
            clause_negated = sentence_negated and (
                own_clause is None
                or any(
                    t.relation.negated or _negated(ctx, sentence, t.start)
                    for t in _triggers(ctx, lo, own_clause)
                )
            )
            negates = negated or (relation.property == "includes" and clause_negated)
            stance = Stance.NEGATES if negates else Stance.AFFIRMS
            yield Reading(rule, start, end, tuple(facts), stance, _hedged(ctx, sentence))


# What stands between a verb and its object codes: "integral to the CPT codes 62321 and 62323".
_OBJECT_OPENING = r"\s*(?:the\s+)?(?:(?:cpt|hcpcs|add-on|primary)\s+)?(?:codes?\s+)?"
_SECOND_CLAUSE = re.compile(
    rf",?\s+(?:and|but|while|whereas)\s+{_OBJECT_OPENING}(?=[0-9A-Z])", re.IGNORECASE
)
_SAME_OCCASION = re.compile(r"\bsame\s+(?:[\w-]+\s+){0,4}?as\s+", re.IGNORECASE)


def _same_occasion(
    ctx: _Context, side: list[Mention]
) -> tuple[list[Mention], list[Mention]] | None:
    """A subject that names a code done "at the same session as" (or "on the same day as")
    another: the first is the one the statement is about, the second the one it is done with."""
    for index, (a, b) in enumerate(zip(side, side[1:], strict=False)):
        if _SAME_OCCASION.search(ctx.text, a.end, b.start) and a.is_code and b.is_code:
            return side[: index + 1], side[index + 1 :]
    return None


def _clause_subject_before(ctx: _Context, participants: list[Mention], lo: int) -> list[Mention]:
    """ "77002 may be billed with 20610; it is not billed with 27096": a pronoun that opens a
    clause after ";" stands for the codes that open the clause before."""
    opened = re.search(r";\s*$", ctx.text[max(0, lo - 3) : lo]) or ctx.text[lo - 1 : lo] == ";"
    before = [m for m in _codes(participants) if m.end <= lo]
    if not opened or not before:
        return []
    return [m for m in _code_lists(ctx, before)[0][1] if not _is_drug(m.value)]


_DENIED_AS = re.compile(r"\b(?P<verb>denied|rejected|flagged|recouped|disallowed)\s+as\s+$", re.I)


# An infinitive of purpose ends the codes a link names: "... with 62320 or 62322 to add guidance".
_PURPOSE = re.compile(
    r"\s(?:in\s+order\s+)?to\s+(?!(?:the|a|an|any|each|every|this|that|these|those|its|their|"
    r"it|them|cpt|hcpcs|codes?)\b)[a-z]+\b"
)


def _narrated(ctx: _Context, lo: int, at: int) -> bool:
    """Whether a verb of reporting right before ``at`` tells what was done ("was billed",
    "were reported on ..."), not what may be done."""
    narrative = _alternation(ctx.lexicon, "narrative")
    return re.search(rf"\b(?:{narrative})\s+(?:[a-z]+ly\s+)?$", ctx.text[lo:at], re.I) is not None


@cache
def _topic_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    openers = _alternation(lexicon, "topic", "openers")
    return re.compile(
        rf"\s*(?:{openers})\s+(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?(?P<topic>{_CODE_LIST}"
        rf"(?:\s*(?:,|or|and|/)\s*{_CODE_LIST})*)\s*,\s*",
        re.IGNORECASE,
    )


def _topic_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "For 27096, 77003 is an inclusive component", "With 20611, 76942 is not billable": the
    codes after the topic go with it as the rest of the sentence says; a modality included in
    it is its guidance."""
    sentence = ctx.sentences[i]
    opener = _topic_pattern(ctx.lexicon).match(sentence.text)
    if opener is None:
        return
    topic_end = sentence.start + opener.end()
    topic = _codes(_between(participants, sentence.start, topic_end))
    rest = ctx.text[topic_end : sentence.end]
    bundled = ctx.lexicon.pattern("topic", "bundled").search(rest)
    separate = ctx.lexicon.pattern("topic", "separate").search(rest)
    cue = bundled or separate
    if not topic or cue is None:
        return
    named = _codes(_between(participants, topic_end, topic_end + cue.start()))
    if _codes(_between(participants, topic_end + cue.end(), sentence.end)):
        return  # "For 27096, 77003 is included in 27096 ...": the pair rule's
    facts: list[Assertion] = []
    if bundled is not None:
        facts += [_included(t.value, n.value) for t in topic for n in named if t.value != n.value]
        modalities = [
            m
            for m in ctx.mentions[i]
            if m.kind is MentionKind.MODALITY and topic_end <= m.start < topic_end + cue.start()
        ]
        facts += [Triple(t.value, "includesGuidance", m.value) for t in topic for m in modalities]
    else:
        facts += [
            Triple(n.value, "separatelyReportableWith", t.value)
            for t in topic
            for n in named
            if t.value != n.value
        ]
    if facts:
        stance = (
            Stance.NEGATES if _negated(ctx, sentence, topic_end + cue.start()) else Stance.AFFIRMS
        )
        yield Reading("pair.topic", sentence.start, sentence.end, tuple(facts), stance, 0.75)


def _codes_of_category(
    ctx: _Context, participants: list[Mention], lo: int, hi: int
) -> list[Mention]:
    """The codes a statement about a category names for it after the other side: ": see 76942
    or 77002", "(use 77002)"."""
    cue = re.match(r"\s*[:(]\s*(?:see|use)\s+", ctx.text[lo:hi], re.IGNORECASE)
    if cue is None:
        return []
    lists = _code_lists(ctx, _codes(_between(participants, lo + cue.end(), hi)))
    return lists[0][1] if lists and lists[0][1][0].start == lo + cue.end() else []


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
        if _FINITE.match(ctx.text, _skip_space(ctx.text, subject[-1].end)) or _CLAUSE_VERB.match(
            ctx.text, subject[-1].end
        ):
            return match.start(), subject
    return None


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _per_additional(ctx: _Context, lo: int, hi: int, text: str | None = None) -> bool:
    """Whether ``lo..hi`` speaks of each unit beyond the first ("for each additional level",
    "the second lumbar or sacral level"): a code reported for it is an add-on."""
    text = ctx.text if text is None else text
    if ctx.lexicon.pattern("attributes", "per_additional").search(text, lo, hi):
        return True
    return _ordinal_pattern(ctx.lexicon).search(text, lo, hi) is not None


def _object_referent(
    ctx: _Context,
    i: int,
    participants: list[Mention],
    left: list[Mention],
    trigger: _Trigger,
    hi: int,
) -> list[Mention]:
    """The codes "them" or "the primary procedure" stand for after a trigger: the last list of
    codes the sentence names before the trigger other than the subject, else the codes of the
    sentence before."""
    after = ctx.text[trigger.end : hi]
    pronoun = ctx.lexicon.pattern("object_pronoun").search(trigger.phrase + after)
    primary = ctx.lexicon.pattern("primary_anaphora").search(after)
    if pronoun is None and primary is None:
        return []
    subject = {m.value for m in left}
    before = [m for m in _codes(participants) if m.end <= trigger.start and m.value not in subject]
    lists = _code_lists(ctx, before)
    if lists:
        return lists[-1][1]
    if i == 0:
        return []
    previous = ctx.sentences[i - 1]
    named = _named_codes(ctx, previous, _participants(ctx, previous, ctx.mentions[i - 1]))
    return [m for m in named if m.value not in subject and not _is_diagnosis(m.value)]


def _procedure_categories(side: list[Mention]) -> bool:
    """Whether a side names only categories of procedure (not of guidance)."""
    return bool(side) and all(
        m.kind is MentionKind.CATEGORY and m.value not in GUIDANCE_CATEGORIES for m in side
    )


def _with_examples(
    ctx: _Context,
    participants: list[Mention],
    left: list[Mention],
    right: list[Mention],
    lo: int,
    hi: int,
    anaphoric: bool = False,
) -> tuple[list[Mention], list[Mention]]:
    """Codes given as examples after ``lo`` ("... with injection codes that do not include
    guidance, such as 64520", "Bill the drug ..., for example J1040") stand for the side they
    illustrate: a subject that names nothing (not even "it"), else an object that names only a
    kind of procedure."""
    cue = ctx.lexicon.pattern("examples").search(ctx.text, lo, hi)
    if cue is None:
        return left, right
    examples = [
        m for m in _codes(_between(participants, cue.end(), hi)) if not _is_diagnosis(m.value)
    ]
    if not examples:
        return left, right
    left = [m for m in left if m not in examples]
    right = [m for m in right if m not in examples]
    if not left and right and not anaphoric:
        return examples, right
    if _procedure_categories(right):
        return left, examples
    return left, right


_DEFINITE = re.compile(r"the\s", re.IGNORECASE)


def _resolve_definite(
    ctx: _Context, i: int, participants: list[Mention], side: list[Mention], other: list[Mention]
) -> list[Mention]:
    """ "the injection" stands for the procedure codes the sentence, or the one before, names
    (not drugs, guidance or the other side's codes); with none in reach, for its category."""
    if len(side) != 1 or side[0].kind is not MentionKind.CATEGORY:
        return side
    phrase = side[0]
    if phrase.value in GUIDANCE_CATEGORIES or not _DEFINITE.match(ctx.text, phrase.start):
        return side
    taken = {m.value for m in other}

    def procedures(mentions: list[Mention]) -> list[Mention]:
        return [
            m
            for m in _codes(mentions)
            if m.value not in taken
            and not _is_diagnosis(m.value)
            and not _is_drug(m.value)
            and not _all_guidance(ctx, [m])
        ]

    named = procedures(participants)
    previous = _previous_in_paragraph(ctx, i, phrase.start)
    if not named and previous is not None:
        named = procedures(
            _named_codes(ctx, previous, _participants(ctx, previous, ctx.mentions[i - 1]))
        )
    return named or side


def _previous_in_paragraph(ctx: _Context, i: int, at: int) -> Sentence | None:
    """The sentence before sentence ``i`` when no blank line parts it from ``at``."""
    previous = ctx.sentences[i - 1] if i > 0 else None
    if previous is None or "\n\n" in ctx.text[previous.end : at]:
        return None
    return previous


def _head_code(
    ctx: _Context, sentence: Sentence, participants: list[Mention], lo: int
) -> list[Mention]:
    """ "77003: fluoroscopic guidance ...; not reported with 62320-62327": on a line opened by a
    code and a colon, a clause with no subject of its own is about that code; so is one on an
    indented note line under a code's entry ("+77001  Fluoroscopic guidance ..." then "  Add-on
    to 36556 when fluoroscopy is documented.")."""
    line_start, _ = _line_at(ctx.text, sentence.start)
    head = _LINE_CODE.match(ctx.text, line_start)
    if head is None or not re.match(r"\s*:", ctx.text[head.end() :]) or lo <= head.end():
        entry = _entry(ctx.text, line_start)
        return _focus_mention(entry[0] if entry else None, sentence.start)
    return [m for m in _codes(participants) if m.start == head.start("code")]


def _entry(text: str, line_start: int) -> tuple[str, int] | None:
    """The code of the entry an indented note line stands under, and where its line starts: the
    nearest line above that is not indented, if it opens with a code."""
    if not re.match(r"[ \t]+\S", text[line_start : line_start + 80]):
        return None
    start = _entry_above(text, line_start)
    match = _LINE_CODE.match(text, start) if start is not None else None
    return (match["code"], start) if match is not None and start is not None else None


def _entry_family(text: str, entry_start: int) -> list[str]:
    """The codes of an entry and the entries above it up to its primary: "+64495" under
    "+64494" under "64493" is 64493, 64494, 64495."""
    codes: list[str] = []
    at: int | None = entry_start
    while at is not None:
        match = _LINE_CODE.match(text, at)
        if match is None:
            break
        codes.insert(0, match["code"])
        if match["plus"] is None:
            break
        at = _entry_above(text, at)
    return codes


def _entry_above(text: str, line_start: int) -> int | None:
    """Where the entry line above starts, past indented notes; none across a blank line."""
    at = line_start
    while at > 0:
        start, end = _line_at(text, at - 1)
        line = text[start:end]
        if not line.strip():
            return None
        if not line[:1].isspace():
            return start
        at = start
    return None


def _drugs_meant(
    ctx: _Context, i: int, participants: list[Mention], lo: int, hi: int
) -> list[Mention]:
    """ "The drug is billed in addition to ...": the drug codes the sentence, or the one before
    in the same paragraph, names."""
    if ctx.lexicon.pattern("drug_anaphora").search(ctx.text, lo, hi) is None:
        return []
    named = [m for m in _codes(participants) if _is_drug(m.value)]
    previous = _previous_in_paragraph(ctx, i, lo)
    if not named and previous is not None:
        named = [
            m
            for m in _codes(_participants(ctx, previous, ctx.mentions[i - 1]))
            if _is_drug(m.value)
        ]
    return named


_PARTICIPLE = re.compile(
    r"\b(?:provided|performed|done|administered|given|furnished)\s+by\b|\bperforming\b", re.I
)


def _subject(ctx: _Context, left: list[Mention], verb: int) -> list[Mention]:
    """The codes right before a verb when a comma parts them from codes named earlier ("Where
    a code does not include guidance, for example 64520 (...), 77003 may be reported ...")."""
    if left:
        modifier = _PARTICIPLE.search(ctx.text, left[0].end, verb)
        if modifier is not None:
            # "Sedation (99152) provided by the physician performing an epidural injection may
            # be reported ...": what follows the participle describes the subject
            left = [m for m in left if m.end <= modifier.start()]
    groups = _code_lists(ctx, _codes(left))
    if len(groups) < 2:
        return left
    last = groups[-1][1]
    if not _AUXILIARIES.fullmatch(ctx.text, last[-1].end, verb):
        return left
    if not re.search(r"[,|]", ctx.text[groups[-2][1][-1].end : last[0].start]):
        return left  # a comma, or a table's cell border, parts the subject from codes before
    return last


def _as_add_on(fact: Assertion) -> Assertion:
    if isinstance(fact, Triple) and fact.property == "separatelyReportableWith":
        return Triple(fact.subject, "addOnTo", fact.object)
    return fact


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


def _describes_category(ctx: _Context, participants: list[Mention], lo: int, at: int) -> bool:
    """Whether the trigger at ``at`` opens a relative clause ("that do not include ...") after
    a kind of procedure: it tells which procedures are meant, not a rule about them."""
    relative = re.search(
        r"\b(?:that|which)\s+(?:(?:do|does|did|may|can|would)\s+)?(?:not\s+)?$", ctx.text[lo:at]
    )
    if relative is None:
        return False
    named = _between(participants, lo, lo + relative.start())
    return (
        bool(named)
        and named[-1].kind is MentionKind.CATEGORY
        and not ctx.text[named[-1].end : lo + relative.start()].strip(" ,")
    )


def _subordinate(ctx: _Context, lo: int, at: int) -> bool:
    """Whether a position stands in a clause opened by a condition or relative word ("where",
    "if", "unless", "whose") with no comma since: the clause is a condition, not a statement."""
    openers = [
        m
        for m in ctx.lexicon.pattern("subordinate").finditer(ctx.text, lo, at)
        # "an NCCI edit where 20553 is bundled into 62323": after a noun, "where" is relative
        if m[0].lower() != "where" or re.fullmatch(r"[\W\d.]*", ctx.text[lo : m.start()])
    ]
    return bool(openers) and "," not in ctx.text[openers[-1].end() : at]


def _guidance_included(
    ctx: _Context, trigger: _Trigger, hi: int, primaries: list[Mention]
) -> list[Assertion]:
    """ "A includes imaging guidance (fluoroscopy or CT)": the modalities A includes."""
    mentions = find_mentions(ctx.text[trigger.end : hi], trigger.end, ctx.lexicon)
    modalities = [m.value for m in mentions if m.kind is MentionKind.MODALITY]
    named = [m for m in modalities if m != "imaging"]
    return [
        Triple(p.value, "includesGuidance", m)
        for p in primaries
        if p.is_code
        for m in dict.fromkeys(named)
    ]


def _narrowest_guidance(facts: list[Assertion]) -> list[Assertion]:
    """Without ``includesGuidance imaging`` where the sentence names the modalities, and without
    repeats: "includes imaging guidance (fluoroscopy or CT)" is fluoroscopy and CT."""
    named = {
        f.subject
        for f in facts
        if isinstance(f, Triple) and f.property == "includesGuidance" and f.object != "imaging"
    }
    kept = [
        f
        for f in facts
        if not (
            isinstance(f, Triple)
            and f.property == "includesGuidance"
            and f.object == "imaging"
            and f.subject in named
        )
    ]
    return list(dict.fromkeys(kept))


def _conditional(
    ctx: _Context, sentence: Sentence, participants: list[Mention]
) -> tuple[list[Mention], list[Mention], int] | None:
    spec = ctx.lexicon.data["conditional"]
    openers = "|".join(spec["openers"])
    verbs = "|".join(spec["use_verbs"])
    links = "|".join(re.escape(str(link)) for link in spec["links"])
    match = re.match(
        rf"\s*(?:{openers})\b(?P<b>.*?)\b(?:is|are|was|were)\s+(?:{verbs})\s+(?:{links})\b"
        r"(?P<a>[^,]*?)(?:,|\s+(?=(?:it|they|this|that|these)\s))",
        sentence.text,
        re.IGNORECASE,
    )
    if match is None:
        return None
    b_lo, b_hi = sentence.start + match.start("b"), sentence.start + match.end("b")
    a_lo, a_hi = sentence.start + match.start("a"), sentence.start + match.end("a")
    b_side = _between(participants, b_lo, b_hi) or _guidance_named(ctx, b_lo, b_hi)
    a_side = _between(participants, a_lo, a_hi)
    codes = _codes(a_side)
    if codes:
        a_side = codes  # "an injection procedure corresponding to CPT code 62323" is 62323
    if not (b_side and a_side):
        return None
    return b_side, a_side, sentence.start + match.end()


def _guidance_named(ctx: _Context, lo: int, hi: int) -> list[Mention]:
    """ "If fluoro is used ...": a modality alone, used in a procedure, is its guidance."""
    of_modality = ctx.lexicon.data["guidance_of_modality"]
    found = find_mentions(ctx.text[lo:hi], lo, ctx.lexicon)
    modalities = [m for m in found if m.kind is MentionKind.MODALITY]
    if len(modalities) != len(found):
        return []
    return [
        Mention(MentionKind.CATEGORY, str(of_modality[m.value]), m.start, m.end) for m in modalities
    ]


# What opens an answer before its "Yes" or "No": "A:", "A2.", "Answer:", or a speaker's label
# ("[00:51:20] DANA (presenter):", "dave.k:").
_ANSWER_LABEL = re.compile(
    r"\s*(?:(?:A\d*|Answer\s*\d*)\s*[.:)]|(?:\[[^\]\n]{1,12}\]\s*)?"
    r"[A-Za-z][\w .()'-]{0,40}:)?\s*"
)


def _answer(ctx: _Context, i: int, kind: str = "affirm") -> int | None:
    """The end of the next sentence when it answers the question "Yes" (or "No")."""
    if i + 1 >= len(ctx.sentences):
        return None
    following = ctx.sentences[i + 1]
    if _ANSWER_LABEL.fullmatch(following.text) and i + 2 < len(ctx.sentences):
        following = ctx.sentences[i + 2]  # "A2." and "No." split apart
    words = "|".join(ctx.lexicon.words("answers", kind))
    label = _ANSWER_LABEL.match(following.text)
    if label is not None and re.match(rf"(?:{words})\b", following.text[label.end() :], re.I):
        return following.end
    return None


def _question_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Can I bill 77003 with 62323?" answered "No" (included) or "Yes" (reported separately)."""
    sentence = ctx.sentences[i]
    if not sentence.text.rstrip(" \t\n\"'”’)").endswith("?"):
        return
    verbs = "|".join(re.escape(w) for w in ctx.lexicon.words("not_together", "verbs"))
    match = re.search(
        rf"\b(?:can|may|should|do|does|is|are|is\s+it\s+\w+\s+to)\b(?P<pre>[^?]*?)\b(?:{verbs})\b"
        r"(?P<b>[^?]*?)\b(?:together\s+with|in\s+addition\s+to|along\s+with|with)\b(?P<a>[^?]*)",
        sentence.text,
        re.IGNORECASE,
    )
    if match is None:
        # "77003 w/ 64483?", "Bill 76942 with 20611?": the pair asked about, and nothing else
        match = re.fullmatch(
            rf"\s*(?:[\w-]+\s*[:\-]\s*)?(?:(?:{verbs})\s+)?(?P<pre>)(?P<b>(?:the\s+)?{_CODE_LIST}"
            rf"(?:\s*(?:,|/|or)\s*{_CODE_LIST})*)\s*(?P<join>\+|w/|with|&|and|plus)\s*"
            rf"(?P<a>(?:the\s+)?{_CODE_LIST}(?:\s*(?:,|/|or)\s*{_CODE_LIST})*)\s*\?\s*",
            sentence.text,
            re.IGNORECASE,
        )
    if match is None:
        return
    b_side = _codes(
        _between(participants, sentence.start + match.start("pre"), sentence.start + match.end("b"))
    )
    a_side = _codes(
        _between(participants, sentence.start + match.start("a"), sentence.start + match.end("a"))
    )
    if not (b_side and a_side):
        return
    joined = match.groupdict().get("join")
    if joined is not None and not joined.lower().startswith("w") and not _all_guidance(ctx, b_side):
        b_side, a_side = a_side, b_side  # "62323 + 77003?": the first is the procedure
    yes, no = _answer(ctx, i, "affirm"), _answer(ctx, i, "deny")
    if yes is not None:
        add_on = _per_additional(ctx, ctx.sentences[i + 1].start, yes)
        facts: tuple[Assertion, ...] = tuple(
            Triple(b.value, "addOnTo" if add_on else "separatelyReportableWith", a.value)
            for b in b_side
            for a in a_side
        )
        yield Reading("pair.answer", sentence.start, yes, facts)
    elif no is not None:
        facts = tuple(Triple(a.value, "includes", b.value) for b in b_side for a in a_side)
        yield Reading("pair.answer", sentence.start, no, facts, Stance.NEGATES)


def _not_together_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    sentence = ctx.sentences[i]
    for lo, hi in _clause_bounds(sentence, ctx.lexicon):
        hi = min(
            [hi]
            + [
                sentence.start + m.start()
                for m in re.finditer(r":", sentence.text)
                if lo < sentence.start + m.start()
            ]
        )
        verb = _not_report_verb(ctx).search(ctx.text, lo, hi)
        together = ctx.lexicon.pattern("not_together", "together").search(ctx.text, lo, hi)
        if together is not None and (verb is not None or "exclusive" in together[0].lower()):
            named = _codes(_between(participants, lo, together.start()))
            after = _codes(_between(participants, together.end(), hi))
            if len(named) >= 2 and not after:
                # "62321 and 62323 should not be billed together", "... are mutually exclusive"
                yield from _together(ctx, sentence, named[:1], named[1:])
                continue
        pairing = False
        if verb is None:
            verb = ctx.lexicon.pattern("not_together", "pairing").search(ctx.text, lo, hi)
            pairing = (
                verb is not None
                and bool(_codes(_between(participants, lo, verb.start())))
                # "report 62304, which bundles 62284 and 72265": the includes rule's
                and not re.search(r"\b(?:which|that)\s+(?:\w+\s+)?$", ctx.text[lo : verb.start()])
            )
            authority = ctx.lexicon.pattern("not_together", "authorities").search(sentence.text)
            pairing = pairing or (verb is not None and authority is not None)
            if verb is None or not pairing or not _codes(_between(participants, verb.end(), hi)):
                continue  # "NCCI bundles 77003 into 62323"; not "if your payer edits it"
        if ctx.lexicon.pattern("not_together", "frequency").search(ctx.text, verb.end(), hi):
            continue  # "Never report 64492 more than once per day": a frequency, not a pair
        joined = _joined_by_plus(ctx, participants, verb.end(), hi)
        if joined is not None:
            # "don't bill 62270 + 77003": the codes written as billed together
            yield from _together(ctx, sentence, joined[:1], joined[1:])
            continue
        links = list(
            ctx.lexicon.pattern("not_together", "links").finditer(ctx.text, verb.end(), hi)
        )
        # "bundling 77003 and 77012 into 64479-64484": the "and" of a list is no link
        link = next((k for k in links if k[0].lower() != "and"), links[0] if links else None)
        link_lo, link_hi = (link.start(), link.end()) if link else (hi, hi)
        active = _between(participants, verb.end(), link_lo)
        passive = not active
        subjects = active or _coordinated_subject(ctx, participants, lo, verb.start())
        opener = _condition_opener(ctx, lo, verb.start())
        conditioned: list[Mention] = []
        if opener is not None and passive:
            # "When 62323 is reported, 77003 may not be reported": the condition names the other
            conditioned = _codes(_between(participants, lo, opener))
            subjects = _between(participants, opener, verb.start())
        if not subjects and verb.groupdict().get("neither"):
            # "Don't add 76000 or 72275; neither is reported with 64483": the codes before
            subjects = _codes(_between(participants, sentence.start, lo)) or _plural_referent(
                ctx, i, participants, lo
            )
        if not subjects and link is not None:
            # "The following codes should not be billed with 62323: 77003, 77012"
            subjects = _listed_after_colon(ctx, sentence, participants, lo, hi, verb.start())
        condition = ctx.lexicon.pattern("subordinate").search(ctx.text, link_hi, hi)
        others_hi = condition.start() if condition is not None and link else hi
        purpose = _PURPOSE.search(ctx.text, link_hi, others_hi) if link else None
        if purpose is not None:
            others_hi = purpose.start()  # "... with 62322 to add guidance to an unguided code"
        # "... with 62323 unless CT guidance was used for a separate procedure"
        others = _between(participants, link_hi, others_hi) if link else []
        reading_end = sentence.end
        below = _listed_below(ctx, i, link_hi, sentence.end) if link and not others else None
        if below is not None:
            # "Do not report 77003 with any of the following codes:" and a code a line
            others, reading_end = below
        if (
            subjects
            and not others
            and link is not None
            and (
                ctx.lexicon.pattern("plural_anaphora").search(ctx.text, link_hi, hi)
                or ctx.lexicon.pattern("object_pronoun").match(ctx.text, link.start(), hi)
            )
        ):
            # "... is bundled into 20604 and 20611 and should not be reported with them"
            subject_values = {m.value for m in subjects}
            before = [
                m
                for m in _codes(participants)
                if m.end <= verb.start() and m.value not in subject_values
            ]
            # the clause's codes, else the sentence's ("report 62322 and don't report 76942 on
            # top of it") but those replaced, else the sentence before's
            replaced = _replaced(ctx, before)
            before = [m for m in before if m not in replaced]
            lists = _code_lists(ctx, [m for m in before if m.start >= lo]) or _code_lists(
                ctx, before
            )
            others = lists[-1][1] if lists else _plural_referent(ctx, i, participants, lo)
        if (
            subjects
            and not others
            and link is not None
            and re.match(r"\s*(?:that|this|the)\s+code\b", ctx.text[link_hi:hi], re.IGNORECASE)
        ):
            # "do not bill 77012 with that code either": the code of the sentence before; in a
            # table row ("64490 | ... | Do not report 77003 with this code."), the row's code
            row = _row_code(ctx, sentence)
            others = _focus_mention(row or ctx.focus[i], sentence.start)
        without = re.search(r"\bwithout\b", ctx.text[verb.end() : hi], re.IGNORECASE)
        if link is None and without is not None:
            # "Do not report 64491 without 64490": 64491 is reported only with 64490
            cut = verb.end() + without.start()
            add_ons = _codes(_between(participants, verb.end(), cut))
            primaries = _codes(_between(participants, cut, hi))
            required: tuple[Assertion, ...] = tuple(
                Triple(a.value, "addOnTo", p.value) for a in add_ons for p in primaries
            )
            if required:
                yield Reading("pair.requires", sentence.start, sentence.end, required)
            continue
        # "62323 already includes the fluoro, so 77003 is not billable": a clause opened by a
        # connective inside the sentence (at its start, pair.carried reads the sentence before)
        carried = lo > sentence.start and (
            ctx.lexicon.pattern("connectives").search(
                ctx.text, max(sentence.start, lo - 16), lo + 16
            )
            is not None
        )
        if subjects and not others and link is None and conditioned:
            others = conditioned
        inclusions = [
            t
            for t in _triggers(ctx, sentence.start, verb.start())
            if t.relation.property == "includes" and not t.relation.negated
        ]
        included_before = (
            any(
                t.end <= subjects[0].start
                and not re.fullmatch(_OBJECT_OPENING, ctx.text[t.end : subjects[0].start], re.I)
                for t in inclusions
            )
            if subjects
            else any(t.end <= lo for t in inclusions)
        )
        if passive and inclusions and inclusions[-1].end > lo:
            # "Guidance is included in 64483 and 77003 may not be reported": two clauses
            named = _codes(_between(participants, inclusions[-1].end, verb.start()))
            if named and not re.search(r"\band\b", ctx.text[named[-1].end : verb.start()]):
                # the guidance codes after the procedures it is included in
                split_at = next(
                    (k for k in range(1, len(named)) if _all_guidance(ctx, named[k:])), None
                )
                if split_at is not None and not _all_guidance(ctx, named[:split_at]):
                    and_before = re.search(
                        r"\band\b", ctx.text[named[split_at - 1].end : named[split_at].start]
                    )
                    if and_before:
                        subjects, included_before = named[split_at:], True
        if subjects and not others and link is None and (not passive or carried or included_before):
            # "... include fluoroscopic or CT guidance; do not report 77003 separately": the codes
            # of the clause before, else of the sentence before
            earlier = _codes(_between(participants, sentence.start, lo))
            if not earlier and not passive:
                # "report 62323 (do not add 77003)": the code reported earlier in the clause
                earlier = [
                    m for m in _codes(_between(participants, lo, verb.start())) if m not in subjects
                ]
            if not earlier and included_before:
                # "Guidance is included in 64483 and 77003 may not be reported": one clause
                earlier = [m for m in _codes(participants) if m.end <= subjects[0].start]
            replaced = _replaced(ctx, earlier)
            earlier = [m for m in earlier if m not in replaced]
            if not earlier and ctx.lexicon.pattern("plural_anaphora").search(
                ctx.text, sentence.start, hi
            ):
                # "... for the imaging guidance of these procedures": the codes named last
                earlier = _plural_referent(ctx, i, participants, sentence.start)
            # the code the sentence before is about, unless it is guidance itself: "Same for
            # 77012. Don't add 76000 either." names no procedure
            others = earlier or [
                m
                for m in _focus_mention(ctx.focus[i], sentence.start)
                if not _all_guidance(ctx, [m])
            ]
        if not (subjects and others):
            continue

        if _all_guidance(ctx, others) and not _all_guidance(ctx, subjects):
            primaries, included = subjects, others
        elif _all_guidance(ctx, subjects) and not _all_guidance(ctx, others):
            primaries, included = others, subjects
        else:
            # "Do not report B with A": B is the code not reported
            primaries, included = others, subjects
        facts: list[Assertion] = [
            _included(p.value, b.value)
            for p in primaries
            for b in included
            if p.value != b.value and (p.is_code or b.is_code)
        ]
        if facts:
            yield Reading(
                "pair.not_together",
                sentence.start,
                reading_end,
                tuple(facts),
                Stance.NEGATES,
                0.85,
            )


def _replaced(ctx: _Context, codes: list[Mention]) -> list[Mention]:
    """The codes of ``codes`` named right after "instead of" ("report 62321 instead of 62320"):
    they are not reported, so a later "do not add 77003" is not about them."""
    instead_of = ctx.lexicon.pattern("replacement", "instead_of")
    replaced: list[Mention] = []
    for _, group in _code_lists(ctx, codes):
        gap_start = max(0, group[0].start - 24)
        if instead_of.search(ctx.text, gap_start, group[0].start):
            replaced += group
    return replaced


def _edit_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """Edit tables in prose: "NCCI has 77003 as column 2 to 62323" (the column 2 code is included
    in the other) and "the edits between 62321-62327 and 77003" (the guidance code is)."""
    sentence = ctx.sentences[i]
    for lo, hi in _clause_bounds(sentence, ctx.lexicon):
        column_two = ctx.lexicon.pattern("edits", "column_two").search(ctx.text, lo, hi)
        if column_two is not None:
            included = _codes(_between(participants, lo, column_two.start()))[-1:]
            primaries = _codes(_between(participants, column_two.end(), hi))[:1]
            facts: tuple[Assertion, ...] = tuple(
                Triple(p.value, "includes", b.value) for p in primaries for b in included
            )
            if facts:
                yield Reading(
                    "pair.edit", sentence.start, sentence.end, facts, Stance.NEGATES, 0.85
                )
            continue
        between = ctx.lexicon.pattern("edits", "between").search(ctx.text, lo, hi)
        if between is None:
            continue
        named = _codes(_between(participants, between.end(), hi))
        link = re.search(r"\s(?:and|&)\s|/", ctx.text[between.end() : hi])
        if link is None:
            continue
        cut = between.end() + link.start()
        first = [m for m in named if m.end <= cut]
        rest = [m for m in named if m.start >= cut]
        if first and rest and _all_guidance(ctx, first) != _all_guidance(ctx, rest):
            yield from _together(ctx, sentence, first, rest)


def _denial_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Claim lines for 77003 submitted with these codes will be denied as incidental": the code
    submitted with the others is included in them."""
    sentence = ctx.sentences[i]
    for lo, hi in _clause_bounds(sentence, ctx.lexicon):
        cue = ctx.lexicon.pattern("denial", "cues").search(ctx.text, lo, hi)
        if cue is None or (cue[0].lower().endswith("ed") and _narrated(ctx, lo, cue.start())):
            continue  # "Line 3, 27096, was denied as bundled into 64493": what a payer did
        link = ctx.lexicon.pattern("denial", "links").search(ctx.text, lo, hi)
        if link is None or ctx.lexicon.pattern("replacement", "instead_of").search(
            ctx.text, lo, hi
        ):
            continue  # "... are reported with 0213T instead of 64490 and are denied": no pair
        # "77003 submitted with these codes will be denied", "Payers deny 77003 when it is
        # billed with 62323"
        end = cue.start() if cue.start() > link.end() else hi
        included = _codes(_between(participants, lo, link.start()))
        primaries = _codes(_between(participants, link.end(), end))
        if not primaries and ctx.lexicon.pattern("plural_anaphora").search(
            ctx.text, link.end(), end
        ):
            primaries = _plural_referent(ctx, i, participants, lo)
        if not included and len(primaries) >= 2:
            # "Claims billed with 77003 and 62323 on the same date will be denied"
            included, primaries = primaries[1:], primaries[:1]
        if _all_guidance(ctx, primaries) and not _all_guidance(ctx, included):
            included, primaries = primaries, included
        facts: tuple[Assertion, ...] = tuple(
            Triple(p.value, "includes", b.value)
            for p in primaries
            for b in included
            if p.value != b.value
        )
        if facts:
            yield Reading("pair.denied", sentence.start, sentence.end, facts, Stance.NEGATES, 0.8)


_FINITE = re.compile(
    r"\b(?:is|are|was|were|should|shall|must|may|can|cannot|will|does|do|has|have)\b", re.I
)
_AND_THEN_VERB = re.compile(r"(?:,\s*)?\band\s+(?:[A-Za-z']+\s+){0,3}$", re.IGNORECASE)


def _condition_opener(ctx: _Context, lo: int, hi: int) -> int | None:
    """The end of a condition that opens a clause ("When 62323 is reported, ..."), if any."""
    words = "|".join(map(re.escape, ctx.lexicon.words("condition_words")))
    match = re.compile(rf"\s*(?:{words})\b[^,]*,", re.IGNORECASE).match(ctx.text, lo, hi)
    return match.end() if match is not None else None


_AUXILIARIES = re.compile(
    r"\s*(?:(?:is|are|was|were|should|shall|must|may|can|cannot|will|would|does|do|not|never|"
    r"be|also|always|generally|typically|usually|considered|already|separately)\s+)*",
    re.IGNORECASE,
)


def _clause_coordination(
    ctx: _Context, participants: list[Mention], lo: int, at: int
) -> tuple[int, int] | None:
    """Where "... and B is ..." starts a clause of its own between two triggers: a conjunction
    with codes before it and a new subject after it that only auxiliaries part from the next
    trigger at ``at``."""
    cuts: list[tuple[int, int]] = []
    for match in reversed(list(re.finditer(r",?\s+(?:and|but|while|whereas)\s+", ctx.text[lo:at]))):
        cut_lo, cut_hi = lo + match.start(), lo + match.end()
        subject = _between(participants, cut_hi, at)
        before = _between(participants, lo, cut_lo)
        if not subject or not before:
            continue
        if re.search(r"[,;:]", ctx.text[lo : before[0].start]):
            continue  # "built into the descriptor, 77003 and 77012 are ...": one subject
        listed = all(
            re.fullmatch(r"\s*(?:,|and|or|,\s*and|,\s*or)?\s*", ctx.text[a.end : b.start])
            for a, b in zip(subject, subject[1:], strict=False)
        )
        opening = re.fullmatch(
            _OBJECT_OPENING,
            ctx.text[cut_hi : subject[0].start],
            re.IGNORECASE,
        )
        if not (listed and opening and _AUXILIARIES.fullmatch(ctx.text, subject[-1].end, at)):
            break
        cuts.append((cut_lo, cut_hi))
    # "..., and 64494 and 64495 are ...": a comma opens the clause; without one, the last "and"
    with_comma = [c for c in cuts if ctx.text[c[0]] == ","]
    chosen = with_comma or cuts
    return chosen[0] if chosen else None


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
            rf"(?:[a-z][\w/-]*\s+){{0,2}}?{_OBJECT_OPENING}",
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
        if opening and _CLAUSE_VERB.match(ctx.text, listed[-1].end):
            return cut_lo
    return None


# Verbs that follow a clause's subject ("..., and 64495 is reported", "64492 reports the third").
_CLAUSE_VERBS = (
    r"(?:is|are|was|were|goes|go|gets|get|should|shall|must|may|can|cannot|will|would|could|"
    r"needs?|reports?|describes?|covers?|represents?|takes?)"
)
_CLAUSE_VERB = re.compile(rf"\s+{_CLAUSE_VERBS}\b", re.IGNORECASE)


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


def _joined_by_plus(
    ctx: _Context, participants: list[Mention], lo: int, hi: int
) -> list[Mention] | None:
    """The codes right after a verb when they are joined by "+" ("62270 + 77003")."""
    codes = _codes(_between(participants, lo, hi))
    if len(codes) < 2 or not re.fullmatch(r"[\s\w]{0,12}", ctx.text[lo : codes[0].start]):
        return None
    joined = _plus_joined(ctx, codes)
    return joined if joined and joined[0] is codes[0] else None


def _plus_joined(ctx: _Context, codes: list[Mention]) -> list[Mention]:
    """The first codes of ``codes`` written as billed together ("62322 + 77003")."""
    plus = ctx.lexicon.pattern("not_together", "plus")
    for index in range(len(codes) - 1):
        joined = codes[index : index + 1]
        for code in codes[index + 1 :]:
            if not plus.fullmatch(ctx.text[joined[-1].end : code.start].strip()):
                break
            joined.append(code)
        if len(joined) >= 2:
            return joined
    return []


def _all_guidance(ctx: _Context, side: list[Mention]) -> bool:
    """Whether every code or category of a side is imaging guidance."""
    return all(
        any(c in ctx.guidance_codes for c in _expand(m.value)) or m.value in GUIDANCE_CATEGORIES
        for m in side
    )


def _definite_category(
    ctx: _Context, i: int, participants: list[Mention], lo: int, hi: int
) -> list[Mention]:
    """ "the guidance" standing for the guidance category named earlier in the sentence."""
    for phrase, head in ctx.lexicon.data["definite_categories"].items():
        if re.search(rf"\b{re.escape(str(phrase))}\b", ctx.text[lo:hi], re.IGNORECASE):
            named = [
                m
                for m in participants
                if m.kind is MentionKind.CATEGORY and m.end <= lo and m.value.endswith(str(head))
            ]
            return named[-1:]
    return []


def _plural_referent(
    ctx: _Context, i: int, participants: list[Mention], clause_start: int
) -> list[Mention]:
    """ "those codes", "either code": the last list of codes named before the clause in the
    same sentence, else every code of the sentence before."""
    sentence = ctx.sentences[i]
    tail = ctx.text[clause_start : sentence.end].lower()
    if re.search(r"\b(?:either|both)\b", tail) and len(ctx.history[i]) >= 2:
        return [_focus_mention(c, sentence.start)[0] for c in ctx.history[i][:2]]
    earlier = [m for m in _codes(participants) if m.end <= clause_start]
    counted = re.search(r"\b(?:these|those|the)\s+(two|three|four|five|six)\s+codes\b", tail)
    if counted is not None:
        # "any of these four codes": the last four named
        number = ctx.lexicon.data["frequency"]["numbers"][counted[1]]
        if len(earlier) >= number:
            return earlier[-number:]
    group: list[Mention] = []
    for m in reversed(earlier):
        if group and not re.fullmatch(
            r"\s*(?:,|and|or|,\s*and|,\s*or)\s*", ctx.text[m.end : group[0].start]
        ):
            break
        group.insert(0, m)
    if group:
        return group
    return [_focus_mention(c, sentence.start)[0] for c in ctx.focus_all[i]]


def _not_report_verb(ctx: _Context) -> re.Pattern[str]:
    """ "do not report", "may not be billed", "is never billed", "cannot code"."""
    negations = "|".join(re.escape(w) for w in ctx.lexicon.words("not_together", "negations"))
    verbs = "|".join(re.escape(w) for w in ctx.lexicon.words("not_together", "verbs"))
    return re.compile(
        rf"(?<![\w-])(?:(?P<neither>neither\s+(?:is|are|may|can|should|shall)(?:\s+be)?\s+)"
        rf"|(?:{negations})\s+(?:be\s+)?)(?:separately\s+)?(?:{verbs})(?![\w-])",
        re.IGNORECASE,
    )


def _together(
    ctx: _Context, sentence: Sentence, first: list[Mention], rest: list[Mention]
) -> Iterator[Reading]:
    """Two sides named together: the guidance side is included, else the first includes."""
    if _all_guidance(ctx, first) and not _all_guidance(ctx, rest):
        first, rest = rest, first
    facts: tuple[Assertion, ...] = tuple(
        Triple(p.value, "includes", b.value) for p in first for b in rest if p.value != b.value
    )
    if facts:
        yield Reading("pair.not_together", sentence.start, sentence.end, facts, Stance.NEGATES, 0.8)


def _expand(value: str) -> list[str]:
    from ..codes import expand_range

    try:
        return expand_range(value)
    except ValueError:
        return [value]


def _billed_with_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "You can bill 77003 with 62270", "Report 77002 along with 20610": B, named right after a
    verb of reporting, is reported separately with A, named after the link; a clause that opens
    "No 77003 with 64493" says the opposite."""
    sentence = ctx.sentences[i]
    if sentence.text.rstrip().endswith("?") or any(
        m.kind is MentionKind.MODIFIER for m in ctx.mentions[i]
    ):
        return  # a question asserts nothing; a modifier is the modifier rule's
    for lo, hi in _clause_bounds(sentence, ctx.lexicon):
        match = _billed_with_pattern(ctx.lexicon).search(ctx.text, lo, hi)
        stance = Stance.AFFIRMS
        terse = _no_with_pattern(ctx.lexicon).match(ctx.text, lo, hi) or _no_with_pattern(
            ctx.lexicon, after_comma=True
        ).search(ctx.text, lo, hi)
        if terse is not None:
            match, stance = terse, Stance.NEGATES  # "No 77003 with 64493 or 64494, then."
        elif match is None or _negated(ctx, sentence, match.start()):
            continue
        elif match.groupdict().get("without") is not None:
            stance = Stance.NEGATES  # "bill 20611 without 76942": 76942 is not reported with it
        elif match["modal"] is None and not _IMPERATIVE_OPENING.fullmatch(
            ctx.text, sentence.start, match.start()
        ):
            continue  # the verb follows a modal, or opens the sentence ("Yes, bill 77003 with")
        if ctx.lexicon.pattern("replacement", "phrases").search(ctx.text, lo, hi):
            continue  # "report 20611 instead": a replacement
        b_side = _codes(_between(participants, match.start("b"), match.end("b")))
        a_side = _codes(_between(participants, match.start("a"), match.end("a")))
        if not a_side and re.match(r"\s*(?:those|these|them|it)\b", match["a"], re.I):
            # "64483 (+64484) and same deal, no 77003 with those": the codes named before
            lists = _code_lists(ctx, _codes(_between(participants, sentence.start, match.start())))
            a_side = [m for _, group in lists for m in group]
        if (
            not b_side
            or not a_side
            or not re.fullmatch(
                r"(?:(?:cpt|hcpcs|code|codes|add-on|add-on\s+code)\s+)*",
                ctx.text[match.start("b") : b_side[0].start],
                re.IGNORECASE,
            )
            or _FINITE_VERB.search(ctx.text, b_side[-1].end, match.end("b"))
        ):
            continue  # "Code 64484 is an add-on code and must be reported with ...": no object
        if match.groupdict().get("without") is not None:
            if ctx.lexicon.pattern("condition_words").search(ctx.text, match.start("a"), hi):
                continue  # "bill 64483 without 64484 when one level is done": a case
            b_side, a_side = a_side, b_side
        facts: tuple[Assertion, ...] = tuple(
            Triple(b.value, "separatelyReportableWith", a.value)
            if stance is Stance.AFFIRMS
            else Triple(a.value, "includes", b.value)
            for b in b_side
            for a in a_side
            if a.value != b.value and not _is_diagnosis(a.value) and not _is_diagnosis(b.value)
        )
        if stance is Stance.AFFIRMS and (
            _per_additional(ctx, sentence.start, sentence.end)
            or ctx.lexicon.pattern("attributes", "add_on").search(ctx.text, lo, sentence.end)
        ):
            facts = tuple(_as_add_on(f) for f in facts)  # "...; it is an add-on code"
        if facts:
            yield Reading("pair.billed_with", sentence.start, sentence.end, facts, stance)


@cache
def _alternation(lexicon: Lexicon, *path: str) -> str:
    """The phrases at a path of ``grammar.yaml`` as one regular-expression alternation."""
    return "|".join(r"\s+".join(map(re.escape, str(w).split())) for w in lexicon.words(*path))


@cache
def _billed_with_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    modals = _alternation(lexicon, "billed_with", "modals")
    verbs = _alternation(lexicon, "billed_with", "verbs")
    links = _alternation(lexicon, "billed_with", "links")
    return re.compile(
        rf"(?:\b(?P<modal>{modals})\s+)?\b(?:{verbs})\s+(?P<b>[^,;:]*?)\s+"
        rf"(?:{links}|(?P<without>without|w/o))\s+"
        rf"(?P<a>[^,;:]*)",
        re.IGNORECASE,
    )


_FINITE_VERB = re.compile(rf"\b{_CLAUSE_VERBS}\b", re.IGNORECASE)
_IMPERATIVE_OPENING = re.compile(
    r"\W*(?:(?:yes|yeah|yep|so|then|just|ok|okay|sure|correct|right)\b\W*)*", re.IGNORECASE
)


_NO_AFTER = re.compile(
    r",\s*(?:(?:so|and|then|but)\s+)?no\s+(?:(?:cpt\s+)?codes?\s+)?", re.IGNORECASE
)


def _no_after_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Knee w/ u/s: 20611, no 76942", "it's 62323 and fluoro is included, no 77003": the codes
    after ", no" are not reported with the codes the sentence named before."""
    sentence = ctx.sentences[i]
    codes = [m for m in _codes(participants) if not _is_diagnosis(m.value)]
    alone = re.fullmatch(
        rf"\s*no\s+(?:(?:cpt\s+)?codes?\s+)?{_CODE_LIST}(?:\s*(?:,|or|and|/)\s*{_CODE_LIST})*"
        r"[\s,]*(?:then|either|needed|though)?[\s.!]*",
        sentence.text,
        re.IGNORECASE,
    )
    previous = _previous_in_paragraph(ctx, i, sentence.start)
    if alone and previous is not None and codes:
        # "64483 + 64484. No 77003.": not reported with the codes of the sentence before
        dropped_values = {m.value for m in codes}
        earlier = [
            m
            for m in _named_codes(ctx, previous, _participants(ctx, previous, ctx.mentions[i - 1]))
            if m.value not in dropped_values
            and not _is_diagnosis(m.value)
            and not _is_drug(m.value)
            and not _all_guidance(ctx, [m])
        ]
        facts = tuple(Triple(p.value, "includes", d.value) for p in earlier for d in codes)
        if facts:
            yield Reading("pair.no_after", sentence.start, sentence.end, facts, Stance.NEGATES, 0.6)
        return
    cues = list(_NO_AFTER.finditer(ctx.text, sentence.start, sentence.end))
    for index, cue in enumerate(cues):
        if index and cues[index - 1].end() <= cue.start() <= cues[index - 1].end() + 24:
            continue  # "no 77003, no 77012": read with the first
        lists = _code_lists(ctx, [m for m in codes if m.start >= cue.end()])
        if not lists or lists[0][1][0].start != cue.end():
            continue
        dropped = list(lists[0][1])
        for following in cues[index + 1 :]:
            # "..., so no 77003, no 77012": one list of codes dropped
            more = [m for m in codes if m.start == following.end()]
            if not more or following.start() != dropped[-1].end:
                break
            dropped += _code_lists(ctx, [m for m in codes if m.start >= following.end()])[0][1]
        if not re.fullmatch(
            r"[\s.!,;)]*(?:then|either|too)?[\s.!]*", ctx.text[dropped[-1].end : sentence.end]
        ):
            continue  # "..., no 77003 with 64493": the billed-with rule
        before = _code_lists(ctx, [m for m in codes if m.end <= cue.start()])
        if not before:
            continue
        facts = tuple(
            Triple(p.value, "includes", d.value)
            for p in before[-1][1]
            for d in dropped
            if p.value != d.value
        )
        if facts:
            yield Reading("pair.no_after", sentence.start, sentence.end, facts, Stance.NEGATES, 0.7)


@cache
def _no_with_pattern(lexicon: Lexicon, after_comma: bool = False) -> re.Pattern[str]:
    """A clause, or with ``after_comma`` a phrase after a comma, that opens "No B with A": B is
    not reported with A."""
    links = _alternation(lexicon, "billed_with", "links")
    opening = r",\s*no\s+" if after_comma else r"\W*no\s+"
    return re.compile(rf"{opening}(?P<b>[^,;:]*?)\s+(?:{links}|w/)\s+(?P<a>[^,;:]*)", re.IGNORECASE)


@cache
def _ordinal_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    ordinals = _alternation(lexicon, "attributes", "ordinals")
    units = _alternation(lexicon, "attributes", "ordinal_units")
    return re.compile(rf"\b(?:{ordinals})\s+(?:[\w-]+\s+){{0,3}}(?:{units})\b", re.I)


def _notation_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """Terse notation, as cheat sheets and tables write rules: "62323 + 77003 = no", "77003 /
    77012 w/ 64479-64484 -> bundled", "36556 + 77001 = OK", a table row "64483 | 64484 |
    add-on". The first code (a table's column 1) is the one the other is part of, reported
    with, or an add-on to."""
    sentence = ctx.sentences[i]
    codes = [m for m in _codes(participants) if not _is_diagnosis(m.value)]
    if len(codes) < 2:
        return
    row = _table_row(ctx, sentence, codes)
    header = None
    if row is not None:
        first, second, verdict_at, header = row
        primary, other = first, second
    else:
        joins = _alternation(ctx.lexicon, "notation", "joins")
        lists = [group for _, group in _code_lists(ctx, codes)]
        if len(lists) < 2:
            return
        first, second = lists[0], lists[1]
        gap = ctx.text[first[-1].end : second[0].start]
        if not re.fullmatch(rf"\s*(?:{joins})\s*", gap, re.IGNORECASE):
            return
        # "62323 + 77003": the first is the procedure; "77003 w/ 64479-64484": the second
        primary, other = (second, first) if "w" in gap.lower() else (first, second)
        if _all_guidance(ctx, primary) and not _all_guidance(ctx, other):
            primary, other = other, primary  # "77002 + 20610": the guidance goes with the procedure
        verdict_at = second[-1].end
    if row is not None:
        # a row's verdict, in the first cell after its codes that gives one, else its header's
        cells = ctx.text[verdict_at : sentence.end].split("|")
        said = (_notation_verdict(ctx, "|" + cell) for cell in cells if cell.strip())
        kind = next((k for k in said if k is not None), None) or header
    else:
        kind = _notation_verdict(ctx, ctx.text[verdict_at : sentence.end])
    if kind is None or kind == "void":
        return  # "| 9 | Not applicable: edit deleted": no rule
    if kind == "separate" and any(m.kind is MentionKind.MODIFIER for m in ctx.mentions[i]):
        return  # "64493 | 20553 | Yes | XS on 20553": the modifier rule's
    pairs = [(p.value, o.value) for p in primary for o in other if p.value != o.value]
    facts: tuple[Assertion, ...]
    if kind == "bundled":
        facts = tuple(Triple(p, "includes", o) for p, o in pairs)
        stance = Stance.NEGATES
    elif kind == "add_on":
        facts = tuple(Triple(o, "addOnTo", p) for p, o in pairs)
        stance = Stance.AFFIRMS
    else:
        facts = tuple(Triple(o, "separatelyReportableWith", p) for p, o in pairs)
        stance = Stance.AFFIRMS
    if facts:
        yield Reading("pair.notation", sentence.start, sentence.end, facts, stance, 0.75)


def _notation_verdict(ctx: _Context, after: str) -> str | None:
    """What a notation says after its codes: "= no" is "bundled", "-> OK" is "separate", "|
    add-on" is "add_on"."""
    verdicts = _alternation(ctx.lexicon, "notation", "verdicts")
    status = re.match(rf"[^.;]{{0,40}}?\s*(?:{verdicts})\s*(?P<s>[^.;|]*)", after)
    if status is None:
        return None
    said = status["s"].lower()
    kinds = [
        (kind, match.start())
        for kind in ("void", "bundled", "separate", "add_on")
        for match in [
            re.search(
                rf"(?<![\w-])(?:{_alternation(ctx.lexicon, 'notation', kind)})(?![\w-])", said
            )
        ]
        if match is not None
    ]
    if not kinds:
        return None
    # "= OK, 77001 goes on top as add-on": an add-on is the more precise word
    return "add_on" if any(k == "add_on" for k, _ in kinds) else min(kinds, key=lambda k: k[1])[0]


def _slash_joined(ctx: _Context, side: list[Mention]) -> bool:
    """Whether a side's codes are joined by "/" ("64491 / 64494"): read in order, like
    "respectively", against another such side."""
    return all(
        re.fullmatch(r"\s*/\s*", ctx.text[a.end : b.start])
        for a, b in zip(side, side[1:], strict=False)
    )


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A table line's cells: split at "|", or in plain text at two or more spaces or a tab; no
    cells if the line is not laid out as a table."""
    line = text[start:end]
    gap = r"\|" if line.count("|") >= 2 else r"(?: {2,}|\t)[ \t]*"
    edges = [0, *(x for m in re.finditer(gap, line.rstrip()) for x in m.span()), len(line)]
    cells = [
        (start + a, start + b)
        for a, b in zip(edges[::2], edges[1::2], strict=True)
        if line[a:b].strip()
    ]
    return cells if len(cells) >= 2 else []


def _table_row(
    ctx: _Context, sentence: Sentence, codes: list[Mention]
) -> tuple[list[Mention], list[Mention], int, str | None] | None:
    """A row "64483 | 64484 | add-on | ..." or "62323      77003      0": its first two cells of
    codes, where the third begins, and what its header says the two columns are ("Column 1 /
    Column 2": the second is part of the first; "Primary / Add-on": the second adds to it)."""
    line_start, line_end = _line_at(ctx.text, sentence.start)
    spans = _cells(ctx.text, line_start, line_end)
    if len(spans) < 2:
        return None
    first = [c for c in codes if spans[0][0] <= c.start and c.end <= spans[0][1]]
    second = [c for c in codes if spans[1][0] <= c.start and c.end <= spans[1][1]]
    if not first or not second:
        return None
    header = _table_header(ctx, line_start)
    if header is None and (len(spans) < 3 or ctx.text.count("|", line_start, line_end) < 2):
        return None
    return first, second, spans[1][1], header


def _relation_columns(ctx: _Context, row_start: int) -> tuple[str, list[str]] | None:
    """The header above a block of rows whose columns name relations: how its lines part into
    cells ("csv" or "cells"), and the relation each column names ("" for others)."""
    names = {
        kind: {re.sub(r"[\s_-]+", " ", str(w)).lower() for w in words}
        for kind, words in ctx.lexicon.data["relation_columns"].items()
    }
    at = row_start
    for _ in range(80):
        if at <= 0:
            return None
        start, end = _line_at(ctx.text, at - 1)
        at = start
        line = ctx.text[start:end]
        if not line.strip():
            return None
        if _LINE_CODE.match(line) or re.fullmatch(r"[\s|:+=,-]+", line):
            continue  # another row, or a rule under the header
        for way, cells in (
            ("cells", _cells(ctx.text, start, end)),
            ("csv", csv_cells(ctx.text, start, end)),
        ):
            headings = [re.sub(r"[\s_-]+", " ", ctx.text[a:b]).strip().lower() for a, b in cells]
            kinds = [next((k for k, w in names.items() if h in w), "") for h in headings]
            if len(kinds) >= 3 and kinds[0] == "code" and set(kinds) - {"", "code", "modifier"}:
                return way, kinds
        return None
    return None


def _relation_column_readings(ctx: _Context, i: int) -> Iterator[Reading]:
    """A crosswalk row under a header that names its columns' relations ("62328,...,
    77003;77012,,,"): the codes of each such cell go with the row's code as the column says."""
    sentence = ctx.sentences[i]
    line_start, line_end = _line_at(ctx.text, sentence.start)
    if sentence.start != line_start + len(ctx.text[line_start:line_end]) - len(
        ctx.text[line_start:line_end].lstrip()
    ):
        return  # read once per row, at its first sentence (its first cell, in a CSV export)
    row = _LINE_CODE.match(ctx.text[line_start:line_end])
    header = _relation_columns(ctx, line_start) if row else None
    if row is None or header is None:
        return
    way, kinds = header
    cells = (csv_cells if way == "csv" else _cells)(ctx.text, line_start, line_end)
    code = row["code"]
    facts: list[Assertion] = []
    end = line_start
    for kind, (a, b) in zip(kinds, cells, strict=False):
        values = [m for m in find_mentions(ctx.text[a:b], a, ctx.lexicon) if m.is_code]
        if kind in ("", "code") or not values or len(ctx.text[a:b].split()) > len(values) * 2:
            continue  # not a relation, or prose rather than a list of codes
        end = b
        for value in (m.value for m in values if m.value != code):
            if kind == "includes":
                facts.append(Triple(code, "includes", value))
            elif kind == "separatelyReportableWith":
                facts.append(Triple(value, "separatelyReportableWith", code))
            elif kind == "addOnTo":
                facts += [Triple(code, "addOn", "true"), Triple(code, "addOnTo", value)]
        if kind == "modifier":
            modifiers = [
                m.value
                for m in find_mentions(ctx.text[a:b], a, ctx.lexicon)
                if m.kind is MentionKind.MODIFIER
            ]
            facts += [
                Statement("modifier", (("modifier", (m,)), ("code", (code,)))) for m in modifiers
            ]
    if facts:
        yield Reading(
            "pair.columns", line_start, end, tuple(dict.fromkeys(facts)), Stance.AFFIRMS, 0.8
        )


def _is_table_row(text: str, start: int, end: int) -> bool:
    """A line of cells split at "|", or one whose first two cells begin with codes."""
    cells = _cells(text, start, end)
    return text.count("|", start, end) >= 2 or (
        len(cells) >= 2 and all(_LINE_CODE.match(text[a:b]) for a, b in cells[:2])
    )


def _row_code(ctx: _Context, sentence: Sentence) -> str | None:
    """The code a table row is about: the one opening its first cell."""
    cells = _cells(ctx.text, *_line_at(ctx.text, sentence.start))
    if not cells:
        return None
    opening = _LINE_CODE.match(ctx.text[cells[0][0] : cells[0][1]])
    return opening["code"] if opening is not None else None


def _table_header(ctx: _Context, row_start: int) -> str | None:
    """What the header above a block of rows says its first two columns are: "bundled" (column
    1 and column 2 of an edit, whatever its modifier column says) or "add_on" (primary and
    add-on), if it says and no column of verdicts follows them."""
    at = row_start
    while at > 0:
        start, end = _line_at(ctx.text, at - 1)
        at = start
        line = ctx.text[start:end]
        if not line.strip():
            return None  # the rows' block ends without a header
        if re.fullmatch(r"[\s|:+=-]+", line) or _LINE_CODE.match(line):
            continue  # a rule under the header, or another row
        cells = [ctx.text[a:b].strip() for a, b in _cells(ctx.text, start, end)]
        if len(cells) < 2:
            return None
        verdicts = ctx.lexicon.pattern("tables", "verdict_headings")
        modifier = ctx.lexicon.pattern("modifier_words")
        if len(cells) > 2 and verdicts.search(cells[2]) and not modifier.search(cells[2]):
            return None  # a third column of verdicts ("Status", "Bill both?") says, row by row
        for kind in ("bundled", "add_on"):
            first, second = ctx.lexicon.data["tables"][kind]
            if _heading_is(ctx, cells[0], first) and _heading_is(ctx, cells[1], second):
                return kind
        return None
    return None


def _heading_is(ctx: _Context, heading: str, names: list[str]) -> bool:
    return any(re.fullmatch(rf"{re.escape(n)}s?( codes?)?", heading, re.I) for n in names)


def _see_also_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "If imaging guidance is performed, see 76942, 77002": guidance codes are reported in
    addition to the codes the note is about."""
    sentence = ctx.sentences[i]
    openers = "|".join(ctx.lexicon.data["conditional"]["openers"])
    if not re.match(rf"\s*(?:{openers})\b", sentence.text, re.IGNORECASE):
        return
    cue = ctx.lexicon.pattern("see_also").search(ctx.text, sentence.start, sentence.end)
    if cue is None or _negated(ctx, sentence, cue.start()):
        return
    added = [m for m in _codes(participants) if m.start >= cue.end()]
    if not added or not all(any(c in ctx.guidance_codes for c in _expand(m.value)) for m in added):
        return
    primaries = [p for p in ctx.focus_all[i] if p not in {m.value for m in added}]
    facts: list[Assertion] = [
        Triple(m.value, "separatelyReportableWith", p) for m in added for p in primaries
    ]
    if facts:
        yield Reading("pair.see_also", sentence.start, sentence.end, tuple(facts))


def _addon_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Add-on code 64484 is reported with 64483"; a second clause with an add-on cue of its own
    ("..., and 64494 and 64495 are add-on codes to primary code 64493") is read on its own, and
    one for further levels with no primary of its own adds to the primary before."""
    sentence = ctx.sentences[i]
    lo = sentence.start
    primaries: list[str] = []
    while lo < sentence.end:
        facts, rule, next_lo = _addon_clause(ctx, i, participants, lo, sentence.end)
        if (
            primaries
            and not any(isinstance(f, Triple) and f.property == "addOnTo" for f in facts)
            and _per_additional(ctx, lo, sentence.end)
        ):
            # "..., and 64495 is the add-on for the third and any additional level": the primary
            # of the clause before
            facts += [
                Triple(f.subject, "addOnTo", p)
                for f in facts
                if isinstance(f, Triple) and f.property == "addOn"
                for p in primaries
                if p != f.subject
            ]
            rule = "addon.primary"
        primaries = [
            f.object for f in facts if isinstance(f, Triple) and f.property == "addOnTo"
        ] or primaries
        if facts:
            yield Reading(rule, sentence.start, sentence.end, tuple(facts), Stance.AFFIRMS, 0.85)
        if next_lo is None:
            return
        lo = next_lo


def _level_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "64483 for L4-5, then +64484 for L5-S1, the additional level", "64493 for the first
    level and 64494 for the second level", "64483 (+64484 for each additional level)": a code
    reported for a further level is an add-on to the code named for the level before it."""
    sentence = ctx.sentences[i]
    codes = [m for m in _codes(participants) if not _is_diagnosis(m.value) and "-" not in m.value]
    add_on = ctx.lexicon.pattern("attributes", "add_on")
    facts: list[Assertion] = []
    for index in range(1, len(codes)):
        primary, code = codes[index - 1], codes[index]
        end = codes[index + 1].start if index + 1 < len(codes) else sentence.end
        said = ctx.text[code.end : end]
        marked = (
            ctx.text[code.start - 1 : code.start] == "+"
            or _per_additional(ctx, code.end, end)
            or add_on.search(said) is not None
        )
        if (
            marked
            and re.match(r"\s+for\b", said)
            and _LEVEL_THEN.fullmatch(ctx.text, primary.end, code.start)
            and not _per_additional(ctx, primary.end, code.start)
        ):
            facts.append(Triple(code.value, "addOnTo", primary.value))
    if facts:
        yield Reading("addon.levels", sentence.start, sentence.end, tuple(facts), confidence=0.75)


_LEVEL_THEN = re.compile(
    r"\s+for\b[^.;]*?(?:,\s*)?(?:then|and|plus)\s+\+?|\s*\(\s*\+", re.IGNORECASE
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
        and m.value not in GUIDANCE_CATEGORIES
        and not (m.kind is MentionKind.CODE and m.start < cue.start() and not after)
        and (second is None or m.end <= second[0])
    ]
    facts: list[Assertion] = [Triple(a.value, "addOn", "true") for a in add_ons]
    if second is not None and not own_cue and _per_additional(ctx, second[0], hi):
        # "..., and 64495 is reported for the third and any additional level": the same primary
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
    if respectively and len(primaries) == len(add_ons):
        facts += [
            Triple(a.value, "addOnTo", p.value) for a, p in zip(add_ons, primaries, strict=True)
        ]
    else:
        facts += [Triple(a.value, "addOnTo", p.value) for a in add_ons for p in primaries]
    rule = "addon.primary" if primaries else "attribute.addon"
    return facts, rule, second[0] if second is not None and own_cue else None


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
        yield from _replacement_reading(ctx, i, participants, trigger, lo, hi)
        replaced = _replaced_list(ctx, _codes(_between(participants, trigger.end(), hi)), hi)
        lo = replaced[-1].end if replaced else trigger.end()


def _replaced_list(ctx: _Context, after: list[Mention], following: int | None) -> list[Mention]:
    """The codes replaced: the list right after "instead of", not the codes of a later clause,
    nor the code of a following "instead of"."""
    if not after:
        return []
    replaced = _code_lists(ctx, after)[0][1]
    if following is not None and len(replaced) > 1:
        replaced = [m for m in replaced if m.end < following][:-1] or replaced
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
    instead_of = [
        m
        for m in codes
        if m.start >= trigger.end()
        and ctx.lexicon.pattern("replacement", "instead_of").fullmatch(trigger[0])
    ]
    reported_with: list[Mention] = []
    if instead_of:
        instead_of = _replaced_list(ctx, instead_of, hi if hi < sentence.end else None)
        # "instead of 62270 plus 77003": the code replaced when reported with the other
        joined = _joined_by_plus(ctx, participants, instead_of[-1].start, sentence.end)
        if joined is not None and len(instead_of) == 1:
            reported_with = joined[1:]
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
        instead_of = _focus_mention(earlier[0], sentence.start)
    # guidance a code includes is no condition: "62328 includes fluoroscopic or CT guidance;
    # report 62328 rather than 62270 when ... fluoroscopic guidance"
    condition_text = _INCLUDED_GUIDANCE.sub(
        lambda m: " " * len(m[0]), ctx.text[sentence.start : trigger.start()]
    )
    after = ctx.lexicon.pattern("condition_words").search(ctx.text, trigger.end(), sentence.end)
    if after is not None:
        # "Use 62323 instead of 62322 when imaging guidance is used": the condition after it
        condition_text += " " + ctx.text[after.start() : sentence.end]
    elif instead_of and re.match(r"\s*(?:for|under)\b", ctx.text[instead_of[-1].end :]):
        # "report 62323 instead of 62311 for a lumbar ILESI done under fluoro or CT"
        condition_text += " " + ctx.text[instead_of[-1].end : sentence.end]
    disjuncts = re.split(r",?\s+or\s+(?=if\b|when\b)", condition_text, flags=re.IGNORECASE)
    if replacing and len(replacing) == len(instead_of) > 1:
        # "report 62321 or 62323 instead of 62320 or 62322": one for one, in order
        swaps = [([new], [old]) for new, old in zip(replacing, instead_of, strict=True)]
    else:
        swaps = [([new], instead_of) for new in replacing] or [([], instead_of)]
    facts: list[Assertion] = []
    for new_codes, old_codes in swaps:
        facts += _swaps(ctx, sentence.start, disjuncts, new_codes, old_codes)
    if reported_with:
        together = ("whenReportedWith", tuple(m.value for m in reported_with))
        facts = [
            Statement(f.kind, (*f.parts, together)) if isinstance(f, Statement) else f
            for f in facts
        ]
    if facts:
        yield Reading(
            "replacement", sentence.start, sentence.end, tuple(facts), Stance.AFFIRMS, 0.8
        )


_INCLUDED_GUIDANCE = re.compile(
    r"\b(?:include|includes|including|inclusive\s+of)\b[^;,.]*?\bguidance\b", re.IGNORECASE
)
_NEGATED_USE_BEFORE = re.compile(
    r"(?:\b(?:without|no|not|never)|\bw/o)\s+(?:[\w/-]+\s+){0,2}$", re.I
)
_NEGATED_USE_AFTER = re.compile(
    r"^(?:\s+[\w/-]+){0,2}\s+(?:is|are|was|were)\s+(?:not|never)\b|^(?:\s+[\w/-]+){0,2}\s+"
    r"(?:isn't|aren't|wasn't|weren't)\b",
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
    for disjunct in disjuncts:
        found = find_mentions(disjunct, position, ctx.lexicon)
        position += len(disjunct)
        parts: list[tuple[str, tuple[str, ...]]] = []
        if replacing:
            parts.append(("code", (replacing[0].value,)))
        parts.append(("insteadOf", (instead_of[0].value,)))
        # "if imaging guidance is not performed", "without fluoro": no condition to state
        guidance = tuple(
            dict.fromkeys(
                m.value
                for m in found
                if m.kind is MentionKind.MODALITY and not _negated_use(ctx.text, m)
            )
        )
        if guidance:
            # the guidance is what differs ("under ultrasound", "if fluoroscopy is used")
            named = tuple(g for g in guidance if g != "imaging") or guidance
            parts.append(("whenGuidance", named))
        else:
            for key, kind in (
                ("whenRegion", MentionKind.REGION),
                ("whenApproach", MentionKind.APPROACH),
            ):
                values = tuple(dict.fromkeys(m.value for m in found if m.kind is kind))
                if values:
                    parts.append((key, values))
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


def _replacement_conditions(
    ctx: _Context, sentence: Sentence, hi: int
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The guidance (or else region and approach) named in the condition of a replacement."""
    lo = sentence.start
    opener = re.search(r"\b(?:if|when|where)\b", ctx.text[lo:hi], re.IGNORECASE)
    if opener is not None:
        lo += opener.start()
    found = find_mentions(ctx.text[lo:hi], lo, ctx.lexicon)
    guidance = tuple(dict.fromkeys(m.value for m in found if m.kind is MentionKind.MODALITY))
    named = tuple(g for g in guidance if g != "imaging") or guidance
    if named:
        return (("whenGuidance", named),)
    parts = []
    for key, kind in (("whenRegion", MentionKind.REGION), ("whenApproach", MentionKind.APPROACH)):
        values = tuple(dict.fromkeys(m.value for m in found if m.kind is kind))
        if values:
            parts.append((key, values))
    return tuple(parts)


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
        reported = _REPORTED_AS.search(ctx.text, lo, hi)
        verb = _not_report_verb(ctx).search(ctx.text, next_lo, next_hi)
        if reported is None or verb is None:
            continue
        codes = _codes(_between(participants, reported.end(), hi))
        replaced = _codes(_between(participants, next_lo, verb.start()))
        if not codes or not replaced or _between(participants, verb.end(), next_hi):
            continue
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


_USE_VERB = re.compile(
    r"\b(?:codes?\s+to\s+(?:use|report|bill)\s+(?:is|are|would\s+be)|"
    r"(?:correct|right|proper|appropriate)\s+code\s+(?:is|would\s+be)|"
    r"(?:is|are)\s+(?:reported|coded|billed)\s+(?:with|as|using|under)|use|report|bill|"
    r"code|(?:that|it|this)(?:'s|’s|\s+is|\s+would\s+be))\b",
    re.IGNORECASE,
)
_NOT_THIS = re.compile(
    r"(?:-[A-Z0-9]{2})*\s*(?:,|-|–|—)?\s*(?:but\s+|and\s+)?not\s+(?:with\s+|as\s+|using\s+)?",
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
        if joined is not None and len(old) == 1:
            # "20611, not 20610 + 76942": the code replaced when reported with the other
            together = ("whenReportedWith", tuple(m.value for m in joined[1:]))
            facts = [
                Statement(f.kind, (*f.parts, together)) if isinstance(f, Statement) else f
                for f in facts
            ]
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


_TARGET_WORDS = ("to", "on", "used with", "reported with", "billed with", "appended with")


def _code_lists(ctx: _Context, items: list[Mention]) -> list[tuple[str, list[Mention]]]:
    """Codes grouped into lists ("20552, 20553", "62321 or 62323", "77002 / 77003"), each with
    the word before it."""
    groups: list[tuple[str, list[Mention]]] = []
    for m in items:
        if groups:
            gap = ctx.text[groups[-1][1][-1].end : m.start]
            if re.fullmatch(r"\s*(?:,|/|and|or|,\s*and|,\s*or)\s*", gap):
                groups[-1][1].append(m)
                continue
        before = ctx.text[max(0, m.start - 30) : m.start]
        word = re.search(
            r"((?:(?:used|reported|billed|appended)\s+)?\w+)\W*(?:(?:cpt|hcpcs|code|codes)\W+)*$",
            before,
            re.IGNORECASE,
        )
        groups.append(((" ".join(word[1].lower().split()) if word else ""), [m]))
    return groups


_CONCEDED = re.compile(
    r"\b(?:even\s+with|with\s+or\s+without|regardless\s+of|despite|even\s+if\s+you\s+add)"
    r"\s+(?:the\s+|a\s+)?(?:modifiers?\s+|mod\s+)?$",
    re.IGNORECASE,
)
_MODIFIER_DENIED = re.compile(
    r"\b(?:does\s+not|doesn't|do\s+not|don't|will\s+not|won't|cannot|can't|would\s+not|"
    r"wouldn't)\s+(?:bypass|override|unbundle|get\s+around)\b",
    re.IGNORECASE,
)


def _conceded(ctx: _Context, at: int) -> bool:
    """Whether a modifier is named as making no difference: "even with modifier 59"."""
    return _CONCEDED.search(ctx.text, max(0, at - 40), at) is not None


def _modifier_readings(
    ctx: _Context, i: int, participants: list[Mention], mentions: list[Mention]
) -> Iterator[Reading]:
    sentence = ctx.sentences[i]
    modifiers = list(dict.fromkeys(m.value for m in mentions if m.kind is MentionKind.MODIFIER))
    if not modifiers or len(sentence.text.split()) < 4:
        return
    first = next(m for m in mentions if m.kind is MentionKind.MODIFIER)
    if _negated(ctx, sentence, first.start) or re.search(
        r"\b(?:not|never)\s+(?:be\s+)?(?:append|use|report|bill)", sentence.text, re.IGNORECASE
    ):
        return  # "modifier 50 should not be appended to ..."
    if _conceded(ctx, first.start) or _MODIFIER_DENIED.search(sentence.text):
        return  # "... even with modifier 59", "Modifier 59 does not bypass this edit"
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
        named = _codes(_participants(ctx, before, ctx.mentions[i - 1]))
        if set(names) <= {m.value for m in named}:
            paired = [m.value for m in named if m.value not in names and not _is_diagnosis(m.value)]
    unpaired = set(ctx.lexicon.words("unpaired_modifiers"))
    facts: list[Assertion] = []
    for modifier in modifiers:
        for code in names:
            parts: list[tuple[str, tuple[str, ...]]] = [
                ("modifier", (modifier,)),
                ("code", (code,)),
            ]
            if paired and modifier not in unpaired:
                parts.append(("pairedWith", tuple(dict.fromkeys(paired))))
            facts.append(Statement("modifier", tuple(parts)))
    yield Reading("modifier", sentence.start, sentence.end, tuple(facts), Stance.AFFIRMS, 0.75)


def _frequency_readings(
    ctx: _Context, i: int, participants: list[Mention], mentions: list[Mention]
) -> Iterator[Reading]:
    sentence = ctx.sentences[i]
    spec = ctx.lexicon.data["frequency"]
    numbers = {str(k): int(v) for k, v in spec["numbers"].items()}
    units = "|".join(re.escape(str(u)) for u in spec["units"])
    words = "|".join(re.escape(w) for w in sorted(numbers, key=len, reverse=True))
    text = sentence.text
    once = re.search(r"\bonce\b", text, re.IGNORECASE)
    count = re.search(
        rf"(?<!at least )\b(?P<n>\d+|{words})\s+"
        rf"(?:(?!(?:per|in|a|an|each|every)\b)[\w-]+\s+){{0,2}}"
        rf"(?P<unit>{units})\b",
        text,
        re.IGNORECASE,
    )
    if once is not None:
        maximum, unit, after = 1, "", once.end()
    elif count is not None:
        raw = count["n"].lower()
        maximum = int(raw) if raw.isdigit() else numbers[raw]
        unit, after = count["unit"].lower().rstrip("s"), count.end()
    else:
        return
    link = re.compile(r"\s*(?:per|a|an|each|every|in\s+a|in\s+any|within\s+a|within)\s+")
    periods = [
        m
        for m in mentions
        if m.kind is MentionKind.PERIOD
        and m.start >= sentence.start + after
        and re.search(
            r"(?:per|a|an|each|every|in|within)(?:\s+[\w-]+){0,3}\s+$",
            ctx.text[sentence.start + after : m.start],
        )
    ]
    if not periods or link is None:
        return
    codes = [m for m in _codes(participants) if not _in_parentheses(ctx.text, sentence, m)]
    subjects = [m.value for m in codes] or [c for c in [ctx.focus[i]] if c is not None]
    facts: list[Assertion] = []
    for code in dict.fromkeys(subjects):
        parts: list[tuple[str, tuple[str, ...]]] = [
            ("code", (code,)),
            ("max", (str(maximum),)),
            ("per", (periods[0].value,)),
        ]
        if unit and unit != periods[0].value:
            parts.append(("unit", (unit,)))
        facts.append(Statement("frequency", tuple(parts)))
    if facts:
        yield Reading("frequency", sentence.start, sentence.end, tuple(facts), Stance.AFFIRMS, 0.8)


def _attribute_readings(
    ctx: _Context, i: int, participants: list[Mention], mentions: list[Mention]
) -> Iterator[Reading]:
    sentence = ctx.sentences[i]
    codes = [m for m in _codes(participants) if not _in_parentheses(ctx.text, sentence, m)]
    if len({m.value for m in codes}) != 1:
        return
    subject = codes[0]
    if "." in subject.value:
        yield from _descriptor_line(ctx, sentence, subject)
        return
    yield from _descriptor_line(ctx, sentence, subject)
    all_mentions = mentions
    mentions = [m for m in mentions if not _in_parentheses(ctx.text, sentence, m)]
    text = sentence.text.lower()
    verbs = ctx.lexicon.pattern("attributes", "descriptor_verbs")
    descriptor_like = subject.start - sentence.start < 25 or verbs.search(text) is not None
    if not descriptor_like:
        return
    code = subject.value
    facts: list[Assertion] = []
    guidance_code = ctx.lexicon.pattern("attributes", "guidance_code").search(text)
    modalities = [m for m in all_mentions if m.kind is MentionKind.MODALITY]
    if guidance_code is not None and text.find("guidance") < 40:
        for m in dict.fromkeys(m.value for m in modalities if m.value != "imaging"):
            facts.append(Triple(code, "guidanceModality", m))
        for region in dict.fromkeys(m.value for m in mentions if m.kind is MentionKind.REGION):
            if region in ("spine", "paraspinous", "central-venous"):
                facts.append(Triple(code, "guidanceRegion", region))
        return_facts = tuple(facts)
        if return_facts:
            yield Reading("attribute.guidance-code", sentence.start, sentence.end, return_facts)
        return
    for region in dict.fromkeys(m.value for m in mentions if m.kind is MentionKind.REGION):
        if region not in ("spine", "paraspinous", "central-venous"):
            facts.append(Triple(code, "region", region))
    for approach in dict.fromkeys(m.value for m in mentions if m.kind is MentionKind.APPROACH):
        facts.append(Triple(code, "approach", approach))
    without = re.search(
        r"\bwithout\s+(?:[\w/()-]+\s+){0,3}?(?:guidance|imaging|fluoroscopy)\b", text
    )
    within = re.search(
        r"\b(?:with|includes?|including)\s+(?:the\s+use\s+of\s+)?(?:[\w/()-]+\s+){0,4}?(?:guidance|imaging)(?:\s+guidance)?\b"
        r"(?:\s*\([^)]*\))?",
        text,
    )
    if within is not None and re.search(r"(?:\bnot|\bnever|n't)\s*$", text[: within.start()]):
        without, within = within, None  # "62322 does not include imaging guidance"
    if without is not None:
        found = [
            m.value
            for m in modalities
            if sentence.start + without.start() <= m.start < sentence.start + without.end()
        ]
        named = [m for m in found if m != "imaging"] or ["imaging"]
        facts += [Triple(code, "excludesGuidance", m) for m in dict.fromkeys(named)]
    elif within is not None:
        found = [
            m.value
            for m in modalities
            if sentence.start + within.start() <= m.start < sentence.start + within.end()
        ]
        named = [m for m in found if m != "imaging"] or found
        facts += [Triple(code, "includesGuidance", m) for m in dict.fromkeys(named)]
    if ctx.lexicon.pattern("attributes", "catheter").search(text) and "no catheter" not in text:
        facts.append(Triple(code, "catheter", "true"))
    if facts:
        yield Reading("attribute.descriptor", sentence.start, sentence.end, tuple(facts))


def _descriptor_line(ctx: _Context, sentence: Sentence, subject: Mention) -> Iterator[Reading]:
    """ "77001 Fluoroscopic guidance for ...", "M54.16 - Radiculopathy, lumbar region": a code
    opening a line, followed by its descriptor."""
    line_start = ctx.text.rfind("\n", 0, sentence.start) + 1
    if subject.start != sentence.start or ctx.text[line_start : sentence.start].strip():
        return
    match = re.match(
        r"\s*(?:[-–—:]\s*)?(?P<d>[A-Z][^\n]*?)\.?\s*$", ctx.text[subject.end : sentence.end]
    )
    if match is None or len(match["d"].split()) < 2:
        return
    facts = (Triple(subject.value, "descriptor", match["d"]),)
    yield Reading("attribute.descriptor-line", sentence.start, sentence.end, facts)


# A line opened by a code, after an indent, a check box ("[ ] 64483", "☐ 64483") or a "+".
_LINE_CODE = re.compile(
    r"[ \t]*(?:\[[ xX✓✔]?\][ \t]*|[☐☑☒□■][ \t]*)?(?P<plus>\+)?[ \t]*"
    r"(?P<code>[0-9]{4}[0-9TFU]|[A-V][0-9]{4})\b"
)
_LIST_LOOKBACK = 12


def _line_at(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _add_on_line(ctx: _Context, line: str) -> bool:
    """A code line marked as an add-on: the code book's "+", or the add-on wording."""
    match = _LINE_CODE.match(line)
    return match is not None and (
        match["plus"] is not None
        or _per_additional(ctx, 0, len(line), line)
        or ctx.lexicon.pattern("attributes", "add_on").search(line) is not None
    )


def _unit_line(ctx: _Context, line: str) -> bool:
    """A descriptor line, with no verb, of a code for each unit beyond the first ("+64484 ...
    each additional level", "64494 second level (List separately in addition to ...)")."""
    return (
        _LINE_CODE.match(line) is not None
        and _FINITE.search(line) is None
        and _per_additional(ctx, 0, len(line), line)
    )


_ADD_ON_CELL = re.compile(
    r"\s*(?P<primary>[0-9]{4}[0-9TFU])(?P<add_ons>(?:\s*,\s*\+\s*[0-9]{4}[0-9TFU])+)\s*"
)


def _listed_add_on_readings(
    ctx: _Context, i: int, participants: list[Mention]
) -> Iterator[Reading]:
    """A list of codes with descriptors: an add-on line ("+64484 ... each additional level",
    "64494 second level (List separately in addition to code for primary procedure)") is an
    add-on to the nearest code above it that is not one, as in the code book."""
    sentence = ctx.sentences[i]
    line_start, line_end = _line_at(ctx.text, sentence.start)
    line = ctx.text[line_start:line_end]
    if _is_table_row(ctx.text, line_start, line_end):
        # a table row: its cells, and its header, say how its codes go together; a cell of a
        # code and its "+" add-ons ("64493, +64494, +64495") lists add-ons to the first
        if sentence.start != min(s.start for s in ctx.sentences if s.start >= line_start):
            return
        for start, end in _cells(ctx.text, line_start, line_end):
            cell = _ADD_ON_CELL.fullmatch(ctx.text, start, end)
            if cell is None:
                continue
            primary = cell["primary"]
            facts = tuple(
                f
                for add_on in re.findall(r"\+\s*([0-9]{4}[0-9TFU])", cell["add_ons"])
                for f in (Triple(add_on, "addOn", "true"), Triple(add_on, "addOnTo", primary))
            )
            yield Reading("addon.listed", sentence.start, sentence.end, facts, Stance.AFFIRMS, 0.8)
        return
    match = _LINE_CODE.match(line)
    if match is None or not (
        sentence.start <= line_start + match.start("code") < sentence.start + 8
    ):
        return
    if not _unit_line(ctx, line):
        return
    at = line_start - 1
    for _ in range(_LIST_LOOKBACK):
        if at <= 0:
            return
        start, end = _line_at(ctx.text, at - 1)
        above = ctx.text[start:end]
        at = start
        code = _LINE_CODE.match(above)
        if code is None:
            if re.match(r"\s*(?:[-•*·]|$)", above):
                continue  # a note under a code, or a blank line
            return  # a heading or a paragraph: the list has ended
        if _add_on_line(ctx, above):
            continue
        facts = (
            Triple(match["code"], "addOn", "true"),
            Triple(match["code"], "addOnTo", code["code"]),
        )
        yield Reading("addon.listed", sentence.start, sentence.end, facts, Stance.AFFIRMS, 0.8)
        return


def _focus(ctx: _Context, i: int, participants: list[Mention]) -> str | None:
    sentence = ctx.sentences[i]
    codes = [m for m in _named_codes(ctx, sentence, participants) if not _is_diagnosis(m.value)]
    return codes[0].value if codes else None


_SUBJECT_CHARS = 64


def _named_codes(ctx: _Context, sentence: Sentence, participants: list[Mention]) -> list[Mention]:
    """The codes a sentence is about: outside parentheses, or in apposition to the noun phrase
    that opens it ("Fluoroscopic guidance for central venous access (77001) is ...")."""
    return [
        m
        for m in _codes(participants)
        if not _in_parentheses(ctx.text, sentence, m)
        or (m.start - sentence.start <= _SUBJECT_CHARS and _apposed(ctx.text, sentence, m))
    ]


_NUMBERED = re.compile(r"[ \t]*(?:\d+\.)+\d*[ \t]")


def _opens_numbered_paragraph(text: str, sentence: Sentence) -> bool:
    """A line opening with a section number ("4.2.6 ...") starts a new paragraph of rules: the
    codes of the paragraphs before are not referred to."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    return sentence.start <= line_start + 12 and _NUMBERED.match(text, line_start) is not None


def _section_codes(
    ctx: _Context, sentence: Sentence, mentions: list[Mention], section: list[str]
) -> list[str]:
    """The codes whose descriptor lines open the current section (reset at a heading line)."""
    line_start = ctx.text.rfind("\n", 0, sentence.start) + 1
    line_end = ctx.text.find("\n", sentence.start)
    line = ctx.text[line_start : line_end if line_end >= 0 else len(ctx.text)].strip()
    codes = [m for m in mentions if m.is_code]
    opening = codes and re.fullmatch(r"\W{0,2}", ctx.text[line_start : codes[0].start])
    if opening and sentence.start <= codes[0].start:
        return [*section, codes[0].value]
    heading = line and not re.search(r"[.?!:;]\W*$", line) and sentence.start == line_start
    if heading and len(line.split()) <= 10:
        return []
    return section


def _same_for_readings(
    ctx: _Context, i: int, participants: list[Mention], earlier: list[Reading]
) -> Iterator[Reading]:
    """ "77003 is bundled into 64483. Same for 77012.": the sentence before says it again of the
    code named, in place of its code of the same kind (a guidance code for a guidance code)."""
    sentence = ctx.sentences[i]
    opener = ctx.lexicon.pattern("same_for").match(sentence.text.strip())
    named = [m.value for m in _codes(participants)]
    if not i or opener is None or not named:
        return
    rest = sentence.text.strip()[opener.end() :]
    if re.sub(
        r"[\s,.!]|\b(?:and|or|too|as well|also|codes?|with|w/|billed|reported|coded|[+/])(?!\w)"
        r"|[0-9A-Z]{5}(?:-[0-9A-Z]{5})?",
        "",
        rest,
    ):
        return  # more is said than the codes: a sentence of its own
    paired = len(named) == 2 and re.search(r"\b(?:with|w/)(?!\w)|\+", rest) is not None
    before = ctx.sentences[i - 1]
    seen: set[tuple[Assertion, ...]] = set()
    for reading in earlier:
        if not (before.start <= reading.start < before.end and reading.rule.startswith("pair.")):
            continue
        triples = [a for a in reading.assertions if isinstance(a, Triple)]
        said = {c for t in triples for c in (t.subject, t.object)}
        if paired:
            # "Same idea for 64480 with 64479": the pair said before, of these two codes; the
            # one reported "with" the other, or the second after a "+"
            if len(triples) != 1:
                continue
            reported, primary = named if "+" not in rest else named[::-1]
            t = triples[0]
            restated: tuple[Assertion, ...] = (
                Triple(primary, t.property, reported)
                if t.property == "includes"
                else Triple(reported, t.property, primary),
            )
            if restated not in seen:
                seen.add(restated)
                yield Reading(
                    "pair.same_for", sentence.start, sentence.end, restated, reading.stance, 0.7
                )
            continue
        for code in named:
            replaced = max(said, key=lambda c: _kinship(ctx, c, code), default=None)
            if replaced is None or _kinship(ctx, replaced, code) <= (0, 0):
                continue
            facts = tuple(
                Triple(
                    code if t.subject == replaced else t.subject,
                    t.property,
                    code if t.object == replaced else t.object,
                )
                for t in triples
            )
            if facts in seen:
                continue
            seen.add(facts)
            yield Reading("pair.same_for", sentence.start, sentence.end, facts, reading.stance, 0.7)


@cache
def _removal_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    verbs = _alternation(lexicon, "removal", "verbs")
    particle_verbs = _alternation(lexicon, "removal", "particle_verbs")
    particles = _alternation(lexicon, "removal", "particles")
    negated = _alternation(lexicon, "removal", "negated")
    negated_verbs = _alternation(lexicon, "removal", "negated_verbs")
    pronouns = _alternation(lexicon, "removal", "pronouns")
    listed = rf"{_CODE_LIST}(?:\s*(?:,|and|or|/)\s*{_CODE_LIST})*"
    return re.compile(
        r"(?:^|[;,]|\band\b|\bso\b|\bthen\b)\s*(?:just\s+|then\s+|simply\s+)?"
        rf"(?:(?P<verb>{verbs}|{particle_verbs})\s+(?:the\s+)?(?P<object>{listed}|{pronouns})"
        rf"(?:\s+(?:line|lines|charge|charges|code))?(?:\s+(?P<particle>{particles}))?"
        rf"|(?:{negated})\s+(?:{negated_verbs})\s+(?P<pronoun>{pronouns}))"
        r"(?:\s+(?:of|from|off)?\s*(?:the|this|that|your)\s+(?:claim|line|bill|encounter))?"
        r"\s*(?:[.!,;]|$)",
        re.IGNORECASE,
    )


def _removal_readings(
    ctx: _Context, i: int, participants: list[Mention], earlier: list[Reading]
) -> Iterator[Reading]:
    """ "Bill 64483 and drop the 77003", "77003 is bundled into 64483. Take it off.": a code
    taken off the claim is not reported with the codes beside it in the sentence, else with
    those the sentence before bundles it into."""
    sentence = ctx.sentences[i]
    particle_verbs = ctx.lexicon.pattern("removal", "particle_verbs")
    for match in _removal_pattern(ctx.lexicon).finditer(sentence.text):
        if match["verb"] and particle_verbs.fullmatch(match["verb"]) and not match["particle"]:
            continue  # "take 20611": no removal without "off"
        group = "object" if match["object"] else "pronoun"
        lo, hi = sentence.start + match.start(group), sentence.start + match.end(group)
        removed = _codes(_between(participants, lo, hi))
        others = [
            m
            for m in _codes(participants)
            if not (lo <= m.start < hi) and not _is_diagnosis(m.value) and not _is_drug(m.value)
        ]
        replaced = _replaced(ctx, others)
        others = [m for m in others if m not in replaced]  # "62323 instead of 62322"
        if removed and others:
            facts = tuple(_included(p.value, r.value) for p in others for r in removed)
            yield Reading("pair.removed", sentence.start, sentence.end, facts, Stance.NEGATES)
            continue
        before = _previous_in_paragraph(ctx, i, sentence.start)
        if others or before is None:
            continue
        values = {m.value for m in removed}
        for reading in earlier:
            if not (
                before.start <= reading.start < before.end and reading.rule.startswith("pair.")
            ):
                continue
            facts = tuple(
                a
                for a in reading.assertions
                if isinstance(a, Triple)
                and a.property == "includes"
                and (a.object in values or not values)
            )
            if facts:
                yield Reading(
                    "pair.removed", sentence.start, sentence.end, facts, Stance.NEGATES, 0.7
                )
                break


def _kinship(ctx: _Context, code: str, other: str) -> tuple[int, int]:
    """How alike two codes are: both imaging guidance or both not, then the digits they share at
    the start."""
    if not code[:1].isdigit() and not code[:1].isupper():
        return (0, 0)  # a category, not a code
    same_kind = (code in ctx.guidance_codes) == (other in ctx.guidance_codes)
    shared = len(os.path.commonprefix([code, other]))
    return (int(same_kind), shared)


def _guidance_codes(ctx: _Context) -> set[str]:
    """Codes that are imaging guidance: the grammar's list and the document's descriptor lines."""
    codes = set(ctx.lexicon.words("guidance_codes"))
    for match in re.finditer(r"(?m)^\W*([0-9]{4}[0-9T])\b([^\n]{0,40}?)\bguidance\b", ctx.text):
        if re.search(
            r"\b(?:with|w/|under|using|includ\w*|without|w/o)(?:\W+\w+){0,3}\W*$", match[2], re.I
        ):
            continue  # "62321 Njx interlaminar w/ imaging guidance": a procedure with guidance
        codes.add(match[1])
    return codes


def read_sentences(text: str, sentences: list[Sentence], lexicon: Lexicon) -> list[Reading]:
    """Every reading of every rule in a document's sentences, in text order."""
    ctx = _Context(text, lexicon, sentences)
    ctx.guidance_codes = _guidance_codes(ctx)
    ctx.quoted = _quoted_spans(text)
    readings: list[Reading] = []
    focus: str | None = None
    focus_all: list[str] = []
    history: list[str] = []
    section: list[str] = []
    names: list[Alias] = []
    for i, sentence in enumerate(sentences):
        if _opens_numbered_paragraph(text, sentence):
            focus, focus_all, history = None, [], []
        mentions = find_mentions(sentence.text, sentence.start, lexicon)
        own_names = find_aliases(text, sentence.start, mentions, lexicon)
        if i and "\n\n" in text[sentences[i - 1].end : sentence.start]:
            names = []
        mentions = sorted(
            mentions
            + alias_mentions(text, sentence.start, sentence.end, mentions, names + own_names),
            key=lambda m: (m.start, -m.end, m.kind.value),
        )
        names = own_names
        participants = _participants(ctx, sentence, mentions)
        ctx.mentions.append(mentions)
        ctx.focus.append(focus)
        ctx.focus_all.append(focus_all)
        ctx.history.append(list(reversed(history)))
        section = _section_codes(ctx, sentence, mentions, section)
        ctx.section.append(section)
        if not _restated(ctx, sentence):
            readings += _sentence_readings(ctx, i, participants, mentions)
            readings += _same_for_readings(ctx, i, participants, readings)
            readings += _removal_readings(ctx, i, participants, readings)
        focus = _focus(ctx, i, participants) or focus
        codes = [m.value for m in _named_codes(ctx, sentence, participants)]
        focus_all = list(dict.fromkeys(codes)) or focus_all
        history = [c for c in history if c not in codes] + codes[::-1][:3][::-1]
    return readings


_QUOTED_INLINE = re.compile(r"[ \t]*[\w.@-]+\s+(?:wrote|said|posted):[ \t]*\S", re.IGNORECASE)
_QUOTING = re.compile(r"(?:\bwrote|\bsaid|\bposted|^\s*quote)\s*:?\s*$", re.IGNORECASE)


def _restated(ctx: _Context, sentence: Sentence) -> bool:
    """Text that states no rule of the document's own: a quotation of an earlier post ("> Put
    it on as 77003 ...", "[quote]...[/quote]", the quoted line after "X wrote:") or a claim the
    document labels as refuted ("Myth: 77003 is always billable with epidurals")."""
    line_start = ctx.text.rfind("\n", 0, sentence.start) + 1
    if ctx.text.startswith(">", line_start) or ctx.text.startswith("&gt;", line_start):
        return True
    opened = [span for span in ctx.quoted if span[0] < sentence.end][-1:]
    if opened and opened[0][1] >= sentence.start:
        return True  # "[quote=RadTechTom]...[/quote]"
    previous_start, previous_end = _line_at(ctx.text, max(0, line_start - 1))
    previous_line = ctx.text[previous_start:previous_end] if line_start else ""
    if _QUOTING.search(previous_line) and re.match(r"\s*[\"“]", ctx.text[line_start:]):
        return True  # "RadTechTom wrote:" and the quoted words on the next line
    if _QUOTED_INLINE.match(ctx.text, line_start):
        return True  # "billingpro_mike wrote: We bill 77003 with 64483 ..."
    if _under_quote_header(ctx, line_start):
        return True  # "Quote Originally Posted by jrb_coding" and the quoted lines under it
    if _ANSWER_OPTIONS.match(ctx.text, line_start):
        return True  # "A) 64483 x 2  B) 64483, 64484  C) ...": a quiz's choices, not its answer
    labels = _alternation(ctx.lexicon, "restated", "refuted_labels")
    return re.match(rf"\s*(?:{labels})\s*[:\-–—]", sentence.text, re.IGNORECASE) is not None


_ANSWER_OPTIONS = re.compile(r"[ \t]*\(?A[).][ \t]+[^\n]*?[ \t]\(?B[).][ \t]")


def _under_quote_header(ctx: _Context, line_start: int) -> bool:
    """Whether a line is in the block under a header that names whose post is quoted; the block
    ends at the first blank line."""
    headers = ctx.lexicon.pattern("restated", "quote_headers")
    if headers.match(ctx.text[slice(*_line_at(ctx.text, line_start))].strip()):
        return True  # the header and a quoted line it wraps into
    at = line_start
    while at > 0:
        start, end = _line_at(ctx.text, at - 1)
        line = ctx.text[start:end]
        if not line.strip():
            return False
        if headers.match(line.strip()):
            return True
        at = start
    return False


_QUOTE_OPEN = re.compile(r"\[quote", re.IGNORECASE)
_QUOTE_CLOSE = re.compile(r"\[/quote\]", re.IGNORECASE)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where each "[quote" opens and where its "[/quote]" stands (the end of the text if none)."""
    spans: list[tuple[int, int]] = []
    for opening in _QUOTE_OPEN.finditer(text):
        closing = _QUOTE_CLOSE.search(text, opening.start())
        spans.append((opening.start(), closing.start() if closing else len(text)))
    return spans


def _sentence_readings(
    ctx: _Context, i: int, participants: list[Mention], mentions: list[Mention]
) -> list[Reading]:
    """Every rule's readings of one sentence."""
    readings: list[Reading] = []
    readings += _not_together_readings(ctx, i, participants)
    readings += _see_also_readings(ctx, i, participants)
    readings += _billed_with_readings(ctx, i, participants)
    readings += _no_after_readings(ctx, i, participants)
    readings += _notation_readings(ctx, i, participants)
    readings += _relation_column_readings(ctx, i)
    readings += _edit_readings(ctx, i, participants)
    readings += _denial_readings(ctx, i, participants)
    readings += _pair_readings(ctx, i, participants)
    readings += _topic_readings(ctx, i, participants)
    readings += _question_readings(ctx, i, participants)
    readings += _addon_readings(ctx, i, participants)
    readings += _level_readings(ctx, i, participants)
    readings += _listed_add_on_readings(ctx, i, participants)
    readings += _replacement_readings(ctx, i, participants)
    readings += _redirect_readings(ctx, i, participants)
    readings += _contrast_readings(ctx, i, participants)
    readings += _not_this_readings(ctx, i, participants)
    readings += _not_used_readings(ctx, i, participants)
    readings += _modifier_readings(ctx, i, participants, mentions)
    readings += _indication_readings(ctx, i, participants)
    readings += _frequency_readings(ctx, i, participants, mentions)
    readings += _attribute_readings(ctx, i, participants, mentions)
    return [_guided_procedure(ctx, i, r) for r in readings]


_NOT_USED = re.compile(
    r"\b(?:don't|do\s+not|cannot|can't|can\s+not|shouldn't|should\s+not|must\s+not|won't)\s+"
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
        if not re.fullmatch(r"(?:\s+at\s+all)?\W*", ctx.text[codes[-1].end : hi]):
            continue  # "don't bill 77003 with 62323": the codes are not billed together
        found = find_mentions(ctx.text[sentence.start : verb.start()], sentence.start, ctx.lexicon)
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
