"""Pairs read from a trigger phrase between two sides.

"B is included in A", "A includes B", "B should NOT be reported separately with A": the codes and
categories left and right of the trigger take the roles its relation gives them. A question
("Is 76000 inherent in 50590?") is read with the answer in the next sentence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

from ...claims import Assertion, Stance, Triple
from ..lexicon import Relation
from ..mentions import Mention, MentionKind, find_mentions
from ..sentences import Sentence
from .addons import _parallel
from .clauses import (
    _OBJECT_OPENING,
    _SPLICED_SUBJECT,
    _before_relative,
    _clause_bounds,
    _clause_with_subject,
    _condition_opener,
    _coordinated_subject,
    _listed_after_colon,
    _listed_below,
    _Trigger,
    _triggers,
    _verb_coordinated,
)
from .context import (
    _CODE_LIST,
    _LINE_CODE,
    _LINE_PARTICIPLE,
    _MODALITY_OF_GUIDANCE,
    GUIDANCE_CATEGORIES,
    VISITS,
    Reading,
    _all_guidance,
    _anaphor,
    _as_add_on,
    _asks,
    _between,
    _code_lists,
    _codes,
    _conceded,
    _Context,
    _entry,
    _focus_mention,
    _is_diagnosis,
    _is_drug,
    _line_at,
    _named_codes,
    _narrated,
    _negated,
    _not_report_verb,
    _own_clause_start,
    _per_additional,
    _plural_referent,
    _previous_in_paragraph,
    _replaced,
    _replacing,
    _slash_joined,
    _told_instead,
)


def _hedged(ctx: _Context, sentence: Sentence) -> float:
    return 0.7 if ctx.lexicon.pattern("hedges").search(sentence.text) else 0.85


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


# "..., and do not report", "; never bill": an imperative opening a clause of its own
_IMPERATIVE_AFTER_CLAUSE = re.compile(
    r"(?:,\s*and|;)\s+(?:(?:please\s+)?do\s+|don't\s+|never\s+)?$", re.IGNORECASE
)


def _without_between(ctx: _Context, side: list[Mention]) -> bool:
    """Whether a side reads "64494 or 64495 without 64493": a code that needs another, not a
    pair with the codes before the verb."""
    codes = _codes(side)
    return any(
        _WITHOUT_LINK.fullmatch(ctx.text, a.end, b.start) for a, b in itertools.pairwise(codes)
    )


_WITHOUT_LINK = re.compile(r"\s+(?:without|w/o)\s+(?:(?:cpt\s+)?codes?\s+)?", re.IGNORECASE)


_WITH_LINK = re.compile(
    r"\s+(?:(?:when\s+)?(?:reported|billed|performed)\s+)?(?:with|alongside|in\s+addition\s+to)"
    r"\s+(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?",
    re.IGNORECASE,
)


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
            if a.value == b.value or not (a.is_code or b.is_code or {a.value, b.value} & VISITS):
                continue  # of two kinds, only a visit and a procedure pair
            if _is_diagnosis(a.value) or _is_diagnosis(b.value):
                continue  # diagnoses support procedures; they are not billed with them
            roles = {relation.left: a.value, relation.right: b.value}
            if "add_on" in roles:
                if roles["primary"] not in GUIDANCE_CATEGORIES:
                    # "an add-on code for fluoroscopic guidance of ...": what it is, no primary
                    facts.append(Triple(roles["add_on"], "addOnTo", roles["primary"]))
                continue
            included, primary = roles["included"], roles["primary"]
            if primary in VISITS and not (a.is_code or b.is_code):
                # "history and consent are part of the injection, not reported as an E/M
                # service": a visit is part of a procedure, never the other way round
                included, primary = primary, included
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


def _pair_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    sentence = ctx.sentences[i]
    modifiers_at = [m.start for m in ctx.mentions[i] if m.kind is MentionKind.MODIFIER]
    per_additional = _per_additional(ctx, sentence.start, sentence.end)
    question = _asks(sentence)
    denied = ctx.lexicon.pattern("denial", "cues").search(sentence.text) is not None
    # "The same check applies to 77012 reported with 64479-64484": said again, not allowed
    restating = ctx.lexicon.pattern("same_for").match(sentence.text.strip()) is not None and not (
        re.search(r"\b(?:which|that)\b", sentence.text)  # "..., which are reported with ..."
    )
    conditional = _conditional(ctx, sentence, participants)
    conditional_end = conditional[2] if conditional is not None else sentence.start
    for lo, hi in _clause_bounds(sentence, ctx.lexicon):
        sentence_negated = any(
            t.relation.negated or _negated(ctx, sentence, t.start) for t in _triggers(ctx, lo, hi)
        )
        triggers = _triggers(ctx, lo, hi)
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
            # "... part of 20604 and 20611, which describe ...": about the codes, not more of them
            right_hi = _before_relative(participants, ctx.text, trigger.end, right_hi)
            spliced = _SPLICED_BEFORE_VERB.search(ctx.text, left_lo, trigger.start)
            if spliced is not None and not _between(participants, spliced.start(), trigger.start):
                # "..., the epidurogram is part of the injection": a clause of its own
                left_lo = spliced.start() + 1
            left = _subject(ctx, _between(participants, left_lo, trigger.start), trigger.start)
            right = _between(participants, trigger.end, right_hi)
            # ", and 77003 is not reported with these codes": the codes of the clause before
            clause_lo = _clause_with_subject(ctx, participants, lo, trigger.start) or lo
            if not left or (
                index and _IMPERATIVE_AFTER_CLAUSE.search(ctx.text, left[-1].end, trigger.start)
            ):
                # "CMS does not allow separate reporting of 77003 with 62321": both after it;
                # "..., and do not report 64493 with 64635": not the codes of the clause before
                left, right = _split_at_link(ctx, right) or (left, right)
            subject_lo = left_lo
            if (
                index
                and not left
                and triggers[index - 1].relation.property == trigger.relation.property
                and re.fullmatch(r"\s*,?\s*", ctx.text[triggers[index - 1].end : trigger.start])
            ):
                # "B must be reported separately, in addition to A": one predicate, said twice
                earlier_lo = triggers[index - 2].end if index > 1 else lo
                left = _between(participants, earlier_lo, triggers[index - 1].start)
                subject_lo = earlier_lo  # "The drug is separately reportable in addition to"
            if not left:
                left = _head_code(ctx, sentence, participants, left_lo)
            anaphoric = not left and _anaphor(ctx, ctx.text[left_lo : trigger.start])
            left, right = _with_examples(ctx, participants, left, right, trigger.end, hi, anaphoric)
            left = _resolve_definite(ctx, i, participants, left, right)
            right = _resolve_definite(ctx, i, participants, right, left)
            day_of = _visit_day_of(ctx, i, participants, left, trigger.start)
            if day_of is not None:
                # "An E/M service on the day of a spinal injection is included in the
                # injection": the visit is part of the procedure of that day
                left = [m for m in left if m.end <= day_of.start]
                if all(m.value == "injection-procedure" for m in right):
                    right = [day_of]
            if right and right[0].is_code and _replacing(ctx, right[0]):
                continue  # "... is reported with 62328 instead of 62270": a replacement
            named_as = _drug_codes_named(ctx, participants, left, left_lo, trigger, right_hi)
            if named_as is not None:
                # "The injected steroid is reported separately from the procedure, using J1030
                # or J1040": the drug's own codes, named after the procedure
                left, right_hi = named_as
                right = _between(participants, trigger.end, right_hi)
            if not _codes(left):
                drugs = _drugs_meant(ctx, i, participants, subject_lo, trigger.start)
                if drugs and not (right and all(_is_drug(m.value) for m in right)):
                    left = drugs  # "Steroid supply is billed with J1030 or J1040": its codes
            if not index and left and _verb_coordinated(ctx, participants, lo, trigger.start):
                left = _coordinated_subject(ctx, participants, lo, trigger.start)
            if index and _verb_coordinated(ctx, participants, left_lo, trigger.start):
                # "62321 includes imaging guidance and is not reported with 77003": one subject
                earlier_lo = triggers[index - 2].end if index > 1 else lo
                left = _between(participants, earlier_lo, triggers[index - 1].start) or left
            relation = trigger.relation
            negated = relation.negated
            flip = False
            if not negated and (
                _negated(ctx, sentence, trigger.start)
                # "will not reimburse an interlaminar injection (62320-62327) in addition to ..."
                or _not_report_verb(ctx).search(
                    ctx.text, _own_clause_start(ctx.text, left_lo, trigger.start), trigger.start
                )
                is not None
            ):
                if relation.property == "includes":
                    flip = True
                elif relation.property == "separatelyReportableWith":
                    relation = next(r for r in ctx.lexicon.relations if r.name == "not_separately")
                negated = True
            if negated and re.match(r"\s*(?:without|w/o)\b", ctx.text[trigger.end : right_hi]):
                # "64494 is never billed without 64493": reported only with it, an add-on to it
                required = tuple(
                    Triple(a.value, "addOnTo", p.value)
                    for a in _codes(left)
                    for p in _codes(right)[:1]
                    if a.value != p.value
                )
                if required:
                    yield Reading("pair.requires", sentence.start, sentence.end, required)
                continue
            if negated and _without_between(ctx, right):
                continue  # "..., and do not report 64494 without 64493": the requirement rule's
            if relation.property == "addOnTo" and negated:
                continue  # "do not report 64480 in conjunction with ..." is read by not_together
            if negated and ctx.lexicon.pattern("not_together", "frequency").search(
                ctx.text, trigger.end, right_hi
            ):
                continue  # "64492 shall not be reported more than once per day": a frequency
            if relation.property == "separatelyReportableWith" and _modifier_in_clause(
                ctx, modifiers_at, lo, trigger.end, hi
            ):
                continue  # "may be reported with 62323 with modifier 59": the modifier rule
            parallel_add_on = relation.name == "separately" and _after_add_on_clause(
                ctx, sentence, lo, trigger.start
            )
            if (
                relation.name == "separately"
                and not parallel_add_on
                and _add_on_cue(ctx, sentence, trigger.start)
            ):
                continue  # "add-on code 64484 is reported with 64483": the add-on rule
            if relation.name == "separately" and (denied or restating):
                continue  # "Claims for 62321 billed with 77003 will be denied": the denial rule
            if relation.name == "separately" and _narrated(ctx, left_lo, trigger.start):
                continue  # "77003 was billed with 64483 on 14 claims": what was done
            if relation.name == "separately" and _participle_after(ctx, left, trigger.start):
                # "77003 billed with 64483 is bundled": a claim line named, and what becomes of
                # it; "77003 billed with 27096 was denied": what became of one, no rule
                judged = right and _LINE_JUDGED.match(ctx.text, right[-1].end)
                line_b, line_a = _codes(left), _codes(right)
                if _all_guidance(ctx, line_a) and not _all_guidance(ctx, line_b):
                    line_b, line_a = line_a, line_b  # the guidance is what is bundled
                line_facts = tuple(
                    Triple(a.value, "includes", b.value)
                    for a in line_a
                    for b in line_b
                    if a.value != b.value
                )
                if judged and line_facts:
                    yield Reading(
                        "pair.line_judged",
                        sentence.start,
                        sentence.end,
                        line_facts,
                        Stance.NEGATES,
                        0.8,
                    )
                continue
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
                if (
                    trigger.relation.name == "separately"
                    and _not_report_verb(ctx).search(ctx.text, sentence.start, left_lo)
                    and ctx.text[sentence.start : left_lo].rstrip().endswith(";")
                ):
                    continue  # "... shall not be reported with 64490-64495; it shall be
                    # reported with 64999": what the procedure is reported with instead
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
            if (
                len(right) == 1
                and right[0].kind is MentionKind.CATEGORY
                and _BOTH_OF.search(ctx.text, max(0, right[0].start - 12), right[0].start)
            ):
                # "... part of both injection codes": the codes named before
                before = [m for m in _codes(participants) if m.end <= trigger.start]
                lists = _code_lists(ctx, [m for m in before if not _all_guidance(ctx, [m])])
                right = lists[-1][1] if lists else right
            if left and all(m.value in GUIDANCE_CATEGORIES for m in left) and right:
                # "77003 was billed with 62323 even though fluoroscopic guidance is part of it":
                # the guidance code the sentence names
                guidance_named = [
                    m
                    for m in _codes(participants)
                    if _all_guidance(ctx, [m]) and m.value not in {r.value for r in right}
                ]
                colon = ctx.text.find(":", trigger.end, right_hi)
                object_hi = colon if colon >= 0 else right_hi
                if len({m.value for m in guidance_named}) == 1 or (
                    # "..., it is billed separately with 76942 or 77002": one list, after the verb
                    all(trigger.end <= m.start and m.end <= object_hi for m in guidance_named)
                    and len(_code_lists(ctx, guidance_named)) == 1
                ):
                    left = guidance_named
            said_hi = ctx.text.find(":", trigger.end, right_hi)  # a list after a colon
            said_hi = right_hi if said_hi < 0 else said_hi
            if (
                left
                and all(m.is_code and _is_drug(m.value) for m in left)
                and not [m for m in _codes(_between(participants, trigger.end, said_hi))]
            ):
                right = _procedure_of_drug(ctx, trigger.end, said_hi) or right
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
                    # "Therefore, 77003 should NOT be reported separately": A is the focus;
                    # "So 77003 cannot be billed with any of those four codes": the four named
                    counted = ctx.lexicon.pattern("plural_anaphora").search(
                        ctx.text, trigger.end, right_hi
                    )
                    right = (
                        _plural_referent(ctx, i, participants, clause_lo) if counted else []
                    ) or _focus_mention(ctx.focus[i], ctx.sentences[i - 1].start)
                    start = ctx.sentences[i - 1].start
                    rule = "pair.carried"
            if (
                left
                and not right
                and ctx.lexicon.pattern("plural_anaphora").search(ctx.text, trigger.end, right_hi)
            ):
                right = _plural_referent(ctx, i, participants, clause_lo)
            # "27096 should not be reported, and ... instead report 20552": no pair with 20552
            right = [m for m in right if not _told_instead(ctx, m)]
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
                # "64634 and 64636 are reported in addition to 64633 and 64635 for each
                # additional joint": lists of add-ons and primaries joined alike pair in order
                or (per_additional and _parallel(ctx, left, right))
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
            if (
                per_additional
                or parallel_add_on
                or _NEVER_ALONE.search(ctx.text, trigger.end, hi)
                # "both guidance add-ons, 76937 and 77001, are reported in addition to it"
                or _named_add_ons(ctx, left, left_lo, trigger.start)
                # "64484 is billed with 64483 only": never without it
                or (right and _ONLY_AFTER.match(ctx.text, right[-1].end) is not None)
                or (
                    # "only ... when a separate procedure is guided": a condition, not an add-on
                    _ONLY_WITH.search(ctx.text, max(left_lo, trigger.start - 24), trigger.end)
                    and not ctx.lexicon.pattern("condition_words").search(ctx.text, trigger.end, hi)
                )
                or (
                    # "If fluoroscopy is used, it must be reported with 62323": when, not always
                    _MUST_WITH.search(ctx.text, max(left_lo, trigger.start - 24), trigger.end)
                    and bool(_codes(left))
                    and not _all_guidance(ctx, left)
                    and not ctx.lexicon.pattern("condition_words").search(
                        ctx.text, sentence.start, hi
                    )
                )
            ) and relation.property == "separatelyReportableWith":
                # "64494 is reported with 64493 for the second level": an add-on to it
                facts = [_as_add_on(f) for f in facts] + _gapped_only(
                    ctx, participants, right_hi, hi
                )
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
    """ "77002 may be billed with 20610; it is not billed with 27096", "Fluoroscopic guidance,
    77002, is different: it may be billed ...": a pronoun that opens a clause after ";" or ":"
    stands for the codes that open the clause before."""
    opened = re.search(r"[;:]\s*$", ctx.text[max(0, lo - 3) : lo]) or ctx.text[lo - 1 : lo] in ";:"
    before = [m for m in _codes(participants) if m.end <= lo]
    if not opened or not before:
        return []
    return [m for m in _code_lists(ctx, before)[0][1] if not _is_drug(m.value)]


_DENIED_AS = re.compile(r"\b(?P<verb>denied|rejected|flagged|recouped|disallowed)\s+as\s+$", re.I)


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
    replaced = _replaced(ctx, before)
    # "report 36572 instead of 36569, because ... 77001 cannot be added to them": not 36569
    before = [m for m in before if m not in replaced]
    lists = _code_lists(ctx, before)
    if lists:
        return lists[-1][1]
    if i == 0:
        return []
    previous = ctx.sentences[i - 1]
    named = _named_codes(ctx, previous, ctx.participants[i - 1])
    return [m for m in named if m.value not in subject and not _is_diagnosis(m.value)]


def _procedure_of_drug(ctx: _Context, lo: int, hi: int) -> list[Mention]:
    """ "Bill the steroid in addition to the procedure": what a drug is billed with is the kind
    of procedure it is injected in."""
    phrase = ctx.lexicon.pattern("drug_procedure", "phrases").search(ctx.text, lo, hi)
    if phrase is None or len(ctx.text[lo : phrase.start()].split()) > 4:
        return []  # "... separately from the procedure", not a procedure named further on
    category = str(ctx.lexicon.data["drug_procedure"]["category"])
    return [Mention(MentionKind.CATEGORY, category, phrase.start(), phrase.end())]


def _add_on_cue(ctx: _Context, sentence: Sentence, at: int) -> bool:
    """Whether the sentence of a trigger at ``at`` calls codes add-ons ("Add-on code 64484 is
    reported with 64483"), the add-on rule's to read; a cue before a colon ("Second level codes
    are add-ons: 64491 may be billed only with 64490") leaves what follows a statement of its
    own."""
    colon = ctx.text.rfind(":", sentence.start, at)
    return (
        ctx.lexicon.pattern("attributes", "add_on").search(
            ctx.text, max(sentence.start, colon + 1), sentence.end
        )
        is not None
    )


# "..., and you put modifier XS on 20553", "; append modifier 59": a statement of its own
_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|so)\b", re.IGNORECASE)


def _modifier_in_clause(ctx: _Context, modifiers_at: list[int], lo: int, at: int, hi: int) -> bool:
    """Whether a modifier is named in the clause of a trigger ending at ``at`` ("may be reported
    with 62323 with modifier 59"): the modifier rule reads it. One in a clause of its own after
    it ("20553 is separately reportable with 64493, and you put modifier XS on 20553") leaves
    the pair its own statement."""
    cut = _CLAUSE_BREAK.search(ctx.text, at, hi)
    end = cut.start() if cut is not None else hi
    return any(lo <= m < end and not _conceded(ctx, m) for m in modifiers_at)


_DAY_OF = re.compile(
    r"\s+(?:on|during)\s+the\s+(?:same\s+)?(?:day|date)\s+of\s+(?:an?|the)\s+"
    r"(?:(?:planned|scheduled|same-day)\s+)?",
    re.IGNORECASE,
)


def _visit_day_of(
    ctx: _Context, i: int, participants: list[Mention], left: list[Mention], at: int
) -> Mention | None:
    """The procedure a visit is said to fall on the day of ("An E/M visit (99213) on the day of
    a spinal injection ..."), when the visit is the subject before ``at``."""
    # "An E/M service (99202-99215) on the day of ...": the visit named by its codes
    named = [m for m in ctx.mentions[i] if m.value in VISITS and m.end <= at]
    visits = [m for m in left if m.value in VISITS] or (named if left else [])
    if not visits:
        return None
    day_of = _DAY_OF.search(ctx.text, visits[0].end, at)
    if day_of is None:
        return None
    after = [m for m in participants if m.start == day_of.end()]
    if after:
        return after[0]
    if re.match(r"injections?\b", ctx.text[day_of.end() : at], re.IGNORECASE):
        # "on the day of a planned injection": an injection of any kind
        return Mention(MentionKind.CATEGORY, "injection-procedure", day_of.end(), day_of.end())
    return None


_BOTH_OF = re.compile(r"\b(?:both|either|each\s+of\s+the|all\s+the)\s+$", re.IGNORECASE)

# "must be reported in addition to 64493, never alone": reported only with it
_NEVER_ALONE = re.compile(
    r",\s*(?:and\s+)?(?:never|not)\s+(?:alone|by\s+itself|on\s+its\s+own)\b", re.I
)

# "64634 and 64636 may only be reported with 64633 and 64635": never without them
_ONLY_VERB = r"(?:reported|billed|coded|charged|submitted|entered)"
_ONLY_LINK = r"(?:(?:together\s+)?with|in\s+addition\s+to|on\s+the\s+same\s+claim\s+as)"
_ONLY_WITH = re.compile(
    rf"\bonly\s+(?:be\s+)?{_ONLY_VERB}\s+{_ONLY_LINK}\b"
    rf"|\b{_ONLY_VERB}\s+only\s+{_ONLY_LINK}\b",
    re.IGNORECASE,
)

# "64494 and 64495, which must be billed with 64493": never without it
_MUST_WITH = re.compile(
    rf"\bmust\s+(?:also\s+)?(?:always\s+)?be\s+{_ONLY_VERB}\s+"
    r"(?:(?:together\s+)?with|on\s+the\s+same\s+claim\s+as)\b",
    re.IGNORECASE,
)

_ONLY_AFTER = re.compile(r"\s+only\b(?!\s+(?:when|if|where|for|in|on|at|after|once))", re.I)
_ADD_ONS_NAMED = re.compile(r"\badd-?ons?\b(?:\s+codes?)?\W*$", re.IGNORECASE)


def _named_add_ons(ctx: _Context, left: list[Mention], lo: int, at: int) -> bool:
    """Whether the codes before a trigger are named as add-ons ("the guidance add-ons, 76937
    and 77001, are ...", "add-on codes 64491 and 64492 are ...")."""
    codes = _codes(left)
    return bool(codes) and _ADD_ONS_NAMED.search(ctx.text, lo, codes[0].start) is not None


_GAPPED_ONLY_CLAUSE = re.compile(
    r",\s*and\s+(?P<add_ons>[^,;]+?)\s+only\s+(?:together\s+)?with\s+", re.I
)


def _gapped_only(ctx: _Context, participants: list[Mention], lo: int, hi: int) -> list[Assertion]:
    """ "..., and 64494 and 64495 only with 64493" after "64491 may be billed only with 64490":
    the clause before, its verb left out, said of other codes."""
    match = _GAPPED_ONLY_CLAUSE.match(ctx.text, lo, hi)
    if match is None:
        return []
    add_ons = _between(participants, match.start("add_ons"), match.end("add_ons"))
    primaries = _code_lists(ctx, _codes(_between(participants, match.end(), hi)))
    if not add_ons or not primaries or len(_codes(add_ons)) != len(add_ons):
        return []
    return [
        fact
        for add_on in add_ons
        for primary in primaries[0][1]
        for fact in (
            Triple(add_on.value, "addOn", "true"),
            Triple(add_on.value, "addOnTo", primary.value),
        )
    ]


_OWN_SUBJECT = re.compile(
    r"\s*(?:and\s+)?(?:(?:cpt\s+)?codes?\s+)?(?:[0-9]{4}[0-9TFU]|[A-V][0-9]{4})\b", re.IGNORECASE
)


def _after_add_on_clause(ctx: _Context, sentence: Sentence, lo: int, at: int) -> bool:
    """ "64491 and 64492 are add-on codes reported in addition to 64490; 64494 and 64495 are
    reported in addition to 64493": a clause after ";" (or ", and") with codes of its own for a
    subject and no add-on cue of its own says the same of them as the add-on clause before it."""
    cue = ctx.lexicon.pattern("attributes", "add_on")
    opened = lo if ctx.text[sentence.start : lo].rstrip().endswith(";") else None
    for joined in _AND_CLAUSE.finditer(ctx.text, lo, at):
        opened = joined.end()  # the last ", and 64494 ..." before the trigger
    return (
        opened is not None
        and _OWN_SUBJECT.match(ctx.text, opened) is not None
        and cue.search(ctx.text, opened, at) is None
        and cue.search(ctx.text, sentence.start, opened) is not None
    )


_AND_CLAUSE = re.compile(
    r",\s*and\s+(?=(?:(?:cpt\s+)?codes?\s+)?(?:[0-9]{4}[0-9TFU]|[A-V][0-9]{4})\b)", re.I
)


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


# The subject that names no code of a clause spliced on with a comma, right before its verb.
_SPLICED_BEFORE_VERB = re.compile(_SPLICED_SUBJECT + "$")


def _resolve_definite(
    ctx: _Context, i: int, participants: list[Mention], side: list[Mention], other: list[Mention]
) -> list[Mention]:
    """ "the injection" stands for the procedure codes the sentence, or the one before, names
    (not drugs, guidance or the other side's codes); with none in reach, or when the other side
    is a drug, for its category."""
    if len(side) != 1 or side[0].kind is not MentionKind.CATEGORY:
        return side
    if other and all(m.is_code and _is_drug(m.value) for m in other):
        return side  # "The drug is billed in addition to the injection": the kind of procedure
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
        named = procedures(_named_codes(ctx, previous, ctx.participants[i - 1]))
    return named or side


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


_DRUG_CODES_NAMED = re.compile(
    r",?\s+(?:using|under|via)\s+(?:hcpcs\s+)?(?:(?:level\s+ii\s+)?codes?\s+)?(?=[A-V][0-9]{4}\b)",
    re.IGNORECASE,
)


def _drug_codes_named(
    ctx: _Context,
    participants: list[Mention],
    left: list[Mention],
    left_lo: int,
    trigger: _Trigger,
    right_hi: int,
) -> tuple[list[Mention], int] | None:
    """A drug named without a code before the trigger and with its codes at the end ("...,
    using J1030 or J1040", "... under HCPCS J3301"): those codes, and where the other side ends."""
    if _codes(left) or not ctx.lexicon.pattern("drug_anaphora").search(
        ctx.text, left_lo, trigger.start
    ):
        return None
    named_as = _DRUG_CODES_NAMED.search(ctx.text, trigger.end, right_hi)
    if named_as is None:
        return None
    own = [m for m in _codes(_between(participants, named_as.end(), right_hi)) if _is_drug(m.value)]
    return (own, named_as.start()) if own else None


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
        named = [m for m in _codes(ctx.participants[i - 1]) if _is_drug(m.value)]
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


# What a claim line named by its codes comes to: "... is bundled", "... will be denied"
_LINE_JUDGED = re.compile(
    r"\s*(?:is|are|will\s+be|gets?)\s+(?:always\s+)?(?:bundled|held|denied|rejected|disallowed"
    r"|not\s+(?:payable|paid|separately\s+(?:payable|reportable|billable)))\b",
    re.IGNORECASE,
)


def _participle_after(ctx: _Context, left: list[Mention], at: int) -> bool:
    """Whether the verb at ``at`` is a participle right after its code ("Code 77003 billed with
    64483 is bundled", "Claim 4: 20553 billed with 64493"): the pair names a claim line, with no
    auxiliary or modal to make it a statement."""
    return (
        bool(left)
        and left[-1].end <= at
        and not ctx.text[left[-1].end : at].strip()
        and _LINE_PARTICIPLE.match(ctx.text, at) is not None
    )


_AUXILIARIES = re.compile(
    r"\s*(?:(?:is|are|was|were|should|shall|must|may|can|cannot|will|would|does|do|not|never|"
    r"be|also|always|generally|typically|usually|considered|already|separately|only|as|an|a)\s+)*",
    re.IGNORECASE,
)


def _clause_coordination(
    ctx: _Context, participants: list[Mention], lo: int, at: int
) -> tuple[int, int] | None:
    """Where "... and B is ..." starts a clause of its own between two triggers: a conjunction
    with codes before it and a new subject after it that only auxiliaries part from the next
    trigger at ``at``."""
    cuts: list[tuple[int, int]] = []
    joints = r",?\s+(?:and|but|while|whereas)\s+|,\s+or\s+"
    for match in reversed(list(re.finditer(joints, ctx.text[lo:at]))):
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
        # "..., and guidance codes 77003 and 77012 cannot be ...": a noun may name the codes
        opening = re.fullmatch(
            rf"(?:[a-z][\w/-]*\s+){{0,2}}?{_OBJECT_OPENING}",
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
