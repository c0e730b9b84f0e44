"""Pairs read from codes named together rather than around a trigger phrase.

Not-together ("do not report 77003 with 62323"), billed-with, ", no 76942" after a code, terse
notation ("62323 + 77003 = no"), edit tables and denials in prose, a topic code ("For 27096,
..."), "see" notes, removals ("drop the 77003") and "Same for 77012".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ...claims import Assertion, Stance, Triple
from ..lexicon import Lexicon
from ..mentions import Mention, MentionKind
from ..sentences import Sentence
from .clauses import (
    _CLAUSE_VERBS,
    _OBJECT_OPENING,
    _OWN_VERB,
    _SPLICED_SUBJECT,
    _before_relative,
    _clause_bounds,
    _condition_opener,
    _coordinated_subject,
    _listed_after_colon,
    _listed_below,
    _triggers,
)
from .context import (
    _CODE_LISTING,
    _LINE_PARTICIPLE,
    _MODALITY_OF_GUIDANCE,
    GUIDANCE_CATEGORIES,
    ONE_CODE,
    Reading,
    _all_guidance,
    _alternation,
    _as_add_on,
    _asks,
    _between,
    _code_lists,
    _codes,
    _Context,
    _expand,
    _focus_mention,
    _is_diagnosis,
    _is_drug,
    _joined_by_plus,
    _kinship,
    _named_codes,
    _narrated,
    _negated,
    _not_report_verb,
    _per_additional,
    _plural_referent,
    _previous_in_paragraph,
    _replaced,
    _skip_space,
    _told_instead,
)
from .tables import _row_code, _table_row


def _included(primary: str, included: str) -> Triple:
    """``primary`` includes ``included``; guidance as part of a code is an attribute of it ("do
    not report ultrasound guidance with 20611": 20611 includes guidance by ultrasound)."""
    if included in GUIDANCE_CATEGORIES and primary not in GUIDANCE_CATEGORIES:
        return Triple(primary, "includesGuidance", _MODALITY_OF_GUIDANCE.get(included, "imaging"))
    return Triple(primary, "includes", included)


# An infinitive of purpose ends the codes a link names: "... with 62320 or 62322 to add guidance".
_PURPOSE = re.compile(
    r"\s(?:in\s+order\s+)?to\s+(?!(?:the|a|an|any|each|every|this|that|these|those|its|their|"
    r"it|them|cpt|hcpcs|codes?)\b)[a-z]+\b"
)


@cache
def _topic_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    openers = _alternation(lexicon, "topic", "openers")
    return re.compile(
        rf"\s*(?:{openers})\s+(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?(?P<topic>{_CODE_LISTING})"
        r"\s*,\s*",
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


_OWN_SUBJECT_CODE = re.compile(rf"\s+{ONE_CODE}\b")
_PAYS = re.compile(r"(?:pay|pays|reimburse|reimburses|cover|covers)$", re.IGNORECASE)
_IT_INTO = re.compile(r"\s+(?:it|them)\s+(?:into|in|with)\b", re.IGNORECASE)


def _colon_parts(ctx: _Context, bounds: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Clauses cut at their colons: a negation does not reach past one ("it was not: 77012 is
    bundled into 62321"), and what follows a label ("One more thing: 77002 and 77003 cannot
    both be billed") is a statement of its own."""
    for lo, hi in bounds:
        cuts = [m.start() for m in re.finditer(r":", ctx.text[lo:hi])]
        edges = [lo, *(lo + c for c in cuts), hi]
        for start, end in zip(edges, edges[1:], strict=False):
            start += 1 if start > lo else 0
            if ctx.text[start:end].strip():
                yield start, end


def _not_together_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    sentence = ctx.sentences[i]
    for lo, hi in _colon_parts(ctx, _clause_bounds(sentence, ctx.lexicon)):
        neither = _neither_nor(ctx.lexicon).search(ctx.text, lo, hi)
        if neither is not None:
            # "Neither 77003 nor 77012 shall be charged with 62321 or 62323"
            named = _codes(_between(participants, neither.start(), neither.end("verb")))
            lists = _code_lists(ctx, _codes(_between(participants, neither.end(), hi)))
            if named and lists:
                yield from _together(ctx, sentence, lists[0][1], named)
                continue
        verb = _not_report_verb(ctx).search(ctx.text, lo, hi)
        together = ctx.lexicon.pattern("not_together", "together").search(ctx.text, lo, hi)
        both = together is not None and "both" in together[0].lower()
        if together is not None and (
            verb is not None or both or "exclusive" in together[0].lower()
        ):
            named = _codes(_between(participants, lo, together.start()))
            after = _codes(_between(participants, together.end(), hi))
            # "for the same level": only of codes named as one list, not "77003 with 62323"
            gap = ctx.text[named[0].end : named[-1].start] if named else ""
            listed = (
                both
                or together[0].lower().startswith(("together", "are", "is"))
                or (
                    len(_code_lists(ctx, named)) == 1
                    and re.search(r"\band\b", gap) is not None
                    and re.search(r"\bor\b", gap) is None
                )
            )
            if len(named) >= 2 and not after and listed:
                # "62321 and 62323 should not be billed together", "... are mutually exclusive",
                # "Do not report 62323 and 64483 for the same level"
                yield from _together(ctx, sentence, named[:1], named[1:])
                continue
        pairing = False
        bundled_it = None
        if verb is None:
            verbs = list(ctx.lexicon.pattern("not_together", "pairing").finditer(ctx.text, lo, hi))
            # "Edits pairing 64483 with 77003": the verb is the one its codes follow
            verb = next(
                (v for v in verbs if _OWN_SUBJECT_CODE.match(ctx.text, v.end())),
                verbs[0] if verbs else None,
            )
            pairing = (
                verb is not None
                and bool(_codes(_between(participants, lo, verb.start())))
                # "report 62304, which bundles 62284 and 72265": the includes rule's
                and not re.search(r"\b(?:which|that)\s+(?:\w+\s+)?$", ctx.text[lo : verb.start()])
            )
            authority = (
                ctx.lexicon.pattern("not_together", "authorities").search(
                    ctx.text, sentence.start, verb.start()
                )
                if verb is not None
                else None
            )
            pairing = pairing or authority is not None
            # "many payers bundle it into the injection": what the sentence named before
            if verb is not None and _between(participants, verb.end(), hi):
                bundled_it = _IT_INTO.match(ctx.text, verb.end(), hi)
            if (
                verb is None
                or not pairing
                or not (_codes(_between(participants, verb.end(), hi)) or bundled_it is not None)
            ):
                continue  # "NCCI bundles 77003 into 62323"; not "if your payer edits it"
        if ctx.lexicon.pattern("not_together", "frequency").search(ctx.text, verb.end(), hi):
            continue  # "Never report 64492 more than once per day": a frequency, not a pair
        if _ALONE.match(ctx.text, verb.end()):
            continue  # "a code that is never reported alone": an add-on, no pair
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
        if bundled_it is not None:
            said = _code_lists(ctx, _codes(_between(participants, sentence.start, verb.start())))
            subjects = said[-1][1] if said else _focus_mention(ctx.focus[i], sentence.start)
        opener = _condition_opener(ctx, lo, verb.start())
        conditioned: list[Mention] = []
        if opener is not None and passive:
            # "When 62323 is reported, 77003 may not be reported": the condition names the other
            conditioned = _codes(_between(participants, lo, opener))
            if not conditioned and ctx.lexicon.pattern("plural_anaphora").search(
                ctx.text, lo, opener
            ):
                # "When one of those codes is reported, 77003 may not be": the codes meant
                conditioned = _plural_referent(ctx, i, participants, lo)
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
        spliced = _SPLICED_CLAUSE.search(ctx.text, link_hi, others_hi) if link else None
        if spliced is not None:
            others_hi = spliced.start()  # "... with 62320-62327, the epidurogram is part of ..."
        next_order = _NEXT_ORDER.search(ctx.text, link_hi, others_hi) if link else None
        if next_order is not None:
            others_hi = next_order.start()  # "..., and do not report 64493 with 64635": its own
        purpose = _PURPOSE.search(ctx.text, link_hi, others_hi) if link else None
        if purpose is not None:
            others_hi = purpose.start()  # "... with 62322 to add guidance to an unguided code"
        if link:
            # "... with 20611, which already includes guidance"
            others_hi = _before_relative(participants, ctx.text, link_hi, others_hi)
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
                or re.match(r"\s*(?:it|them)\b", ctx.text[link_hi:hi], re.IGNORECASE)
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
            either = (
                re.match(r"\s*(?:either|both)\b", ctx.text[link_hi:hi], re.IGNORECASE) is not None
                and len({m.value for m in before}) >= 2
            )
            if either:
                # "report 20611 instead of 20610; do not report 76942 with either code"
                others = _plural_referent(ctx, i, participants, lo)
            else:
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
        without = _WITHOUT.search(ctx.text[verb.end() : hi])
        if without is not None and (
            link is None
            or verb.end() + without.start() < link.start()
            # "never put 64494 on a claim without 64493": the link names no code
            or (
                not _between(participants, link.end(), verb.end() + without.start())
                and bool(_codes(_between(participants, verb.end() + without.end(), hi)))
            )
        ):
            required = tuple(_required(ctx, participants, lo, hi))
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
        if (
            subjects
            and not others
            and link is None
            and not passive
            and _PAYS.match(verb[0].split()[-1])
        ):
            continue  # "Medicare won't pay 64492 or 64495": coverage, no pair
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
            reason = re.match(r",?\s*(?:since|because|as)\b", ctx.text[hi : sentence.end])
            if not earlier and reason is not None:
                # "Do not add 76942, since ultrasound guidance is integral to 20611": the code the
                # reason names
                earlier = [
                    m
                    for m in _codes(_between(participants, hi, sentence.end))
                    if not _all_guidance(ctx, [m]) and m not in subjects
                ]
            others = earlier or [
                m
                for m in _focus_mention(ctx.focus[i], sentence.start)
                if not _all_guidance(ctx, [m])
            ]
        # "27096 should not be reported, and ... instead report 20552": no pair with 20552
        others = [m for m in others if not _told_instead(ctx, m)]
        if not (subjects and others):
            continue

        if _guidance_side(ctx, others, subjects):
            primaries, included = subjects, others
        elif _guidance_side(ctx, subjects, others):
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
    """ "Claim lines for 77003 submitted with these codes will be denied as incidental", "Adding
    77003 to 62322 is wrong": the code submitted with the others is included in them; "No edit
    holds 77002 billed with 20610": it is reported separately with them."""
    sentence = ctx.sentences[i]
    if _asks(sentence):
        return  # "77003 keeps denying with 64483, am I missing something?": a question
    for lo, hi in _labelled(ctx, participants, _clause_bounds(sentence, ctx.lexicon)):
        cue = ctx.lexicon.pattern("denial", "cues").search(ctx.text, lo, hi)
        if cue is None or (cue[0].lower().endswith("ed") and _narrated(ctx, lo, cue.start())):
            continue  # "Line 3, 27096, was denied as bundled into 64493": what a payer did
        if _denial_told(ctx, lo, cue):
            continue  # "The payer denied 64484 billed with 64483", "is denying": what one did
        alone = (
            list(_DENIED_WITHOUT.finditer(ctx.text, lo, hi))
            or list(_PRIMARY_ABSENT.finditer(ctx.text, lo, hi))
            or _listed_without(ctx, participants, cue.end(), hi)
        )
        if alone:
            # "MACs will deny 64484 when it is billed without 64483", "rejects 64484 when no
            # 64483 appears, and rejects 64495 when no 64493 appears": never without it, an add-on
            required_facts: list[Assertion] = []
            first_add_on = hi
            for at, match in enumerate(alone):
                # after the code the match before required ("... without 64490, or 64494")
                since = lo
                if at:
                    named = _codes(_between(participants, alone[at - 1].end("primary"), hi))
                    since = named[0].end if named else alone[at - 1].end()
                # "64494 or 64495 ... billed without 64493": the codes listed last before it
                listed = _code_lists(ctx, _codes(_between(participants, since, match.start())))
                add_ons = listed[-1][1] if listed else []
                first_add_on = min([first_add_on] + [a.start for a in add_ons])
                required = _codes(_between(participants, match.end("primary"), hi))[:1]
                required_facts += [
                    Triple(a.value, "addOnTo", required[0].value)
                    for a in add_ons
                    if required and a.value != required[0].value
                ]
            if required_facts:
                yield Reading("pair.requires", sentence.start, sentence.end, tuple(required_facts))
            # "flags 77003 reported with 64633-64636 and holds 64636 when it appears without
            # 64635": a denial of its own before the add-on
            before = _AND_VERB.search(ctx.text, lo, first_add_on)
            hi = before.start() if before is not None else lo
            if cue.start() >= hi:
                continue
        sides = _denied_sides(ctx, i, participants, lo, hi, cue)
        if sides is None:
            continue
        included, primaries = sides
        if _all_guidance(ctx, primaries) and not _all_guidance(ctx, included):
            included, primaries = primaries, included
        if _NEGATED_CUE.search(ctx.text, max(lo, cue.start() - 30), cue.start()):
            # "No edit holds 77002 billed with 20610": the two are paid together
            facts: tuple[Assertion, ...] = tuple(
                Triple(b.value, "separatelyReportableWith", p.value)
                for p in primaries
                for b in included
                if p.value != b.value
            )
            stance = Stance.AFFIRMS
        else:
            facts = tuple(
                Triple(p.value, "includes", b.value)
                for p in primaries
                for b in included
                if p.value != b.value
            )
            stance = Stance.NEGATES
        if facts:
            yield Reading("pair.denied", sentence.start, sentence.end, facts, stance, 0.8)


def _denial_told(ctx: _Context, lo: int, cue: re.Match[str]) -> bool:
    """Whether a denial is told as what happened: a payer that "denied" the codes, or a denial
    going on ("is denying", "keeps denying"), not what is denied as a rule."""
    verb = re.match(r"\w+", cue[0])
    word = verb[0].lower() if verb is not None else ""
    before = ctx.text[lo : cue.start()]
    if word.endswith("ing") and re.search(
        r"\b(?:is|are|keeps?|kept|has\s+been|have\s+been)\s+$", before
    ):
        return True
    return _PAYER_DID.search(before + word) is not None


_PAYER_DID = re.compile(
    r"\b(?:the|our|this|that)\s+(?:\w+\s+)?(?:payer|plan|carrier|insurer|contractor|mac)\s+"
    r"(?:denied|rejected|flagged|held|recouped|disallowed)\b",
    re.IGNORECASE,
)


def _labelled(
    ctx: _Context, participants: list[Mention], bounds: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Clauses with a label that names no code joined to the clause after its colon ("What
    fires it: 77003 on the same date as 62323"): the label says what the codes after it do."""
    joined: list[tuple[int, int]] = []
    for lo, hi in bounds:
        if joined:
            before_lo, before_hi = joined[-1]
            label = ctx.text[before_hi:lo]
            if label.strip().startswith(":") and not _codes(
                _between(participants, before_lo, before_hi)
            ):
                joined[-1] = (before_lo, hi)
                continue
        joined.append((lo, hi))
    return joined


def _denied_sides(
    ctx: _Context, i: int, participants: list[Mention], lo: int, hi: int, cue: re.Match[str]
) -> tuple[list[Mention], list[Mention]] | None:
    """The code denied and the codes it is denied with: around a link ("77003 submitted with
    these codes", "flags 62270 billed with 77003"), or joined in a gerund ("Adding 77003 to
    62322", "Reporting 20610 plus 76942")."""
    gerund = _GERUND_PAIR.search(ctx.text, lo, cue.start())
    if gerund is not None:
        included = _codes(_between(participants, gerund.start("b"), gerund.end("b")))
        primaries = _codes(_between(participants, gerund.start("a"), gerund.end("a")))
        return (included, primaries) if included and primaries else None
    links = ctx.lexicon.pattern("denial", "links")
    # "replaces 27096 with G0260 and flags 77003 billed with 27096": the link after the cue
    link = links.search(ctx.text, cue.end(), hi)
    if link is not None and not _codes(_between(participants, link.end(), hi)):
        link = None  # "... is also denied with CO-97": a reason code, no code after the link
    link = link or links.search(ctx.text, lo, hi)
    if link is None:
        return None
    cue_first = cue.start() < link.start()
    statement = (cue.start(), link.end()) if cue_first else (link.start(), cue.start())
    instead_of = ctx.lexicon.pattern("replacement", "instead_of").search(ctx.text, lo, hi)
    if instead_of is not None and statement[0] <= instead_of.start() < statement[1]:
        return None  # "... are reported with 0213T instead of 64490 and are denied": no pair
    # "77003 submitted with these codes will be denied", "Payers deny 77003 when it is
    # billed with 62323"
    end = hi if cue_first else cue.start()
    if instead_of is not None and instead_of.start() > link.end():
        # "flags 62270 billed with 77003 and directs the coder to report 62328 instead of
        # 62270": the replacement is a statement of its own
        told = _USE_INSTEAD.search(ctx.text, link.end(), instead_of.start())
        end = min(end, told.start() if told else instead_of.start())
    # "replaces 27096 with G0260 and flags 77003 billed with 27096": after the cue
    included = (cue_first and _codes(_between(participants, cue.end(), link.start()))) or _codes(
        _between(participants, lo, link.start())
    )
    primaries = _codes(_between(participants, link.end(), end))
    if not primaries and ctx.lexicon.pattern("plural_anaphora").search(ctx.text, link.end(), end):
        # "Because guidance is included in 62321 and 62323, 77003 was incorrectly reported with
        # those codes": the codes named before the one denied
        subject = [m for m in included if _OWN_VERB.match(ctx.text, m.end)]
        included = [m for m in included if m.start >= subject[-1].start] if subject else included
        primaries = _plural_referent(ctx, i, participants, included[0].start if included else lo)
    if not included and len(primaries) >= 2:
        # "Claims billed with 77003 and 62323 on the same date will be denied"
        included, primaries = primaries[1:], primaries[:1]
    return included, primaries


# "when the claim has no line for 64483", "if the claim does not also carry 64483": without it
_CLAIM_LACKS = (
    r"\b(?:when|if|where)\s+(?:(?:the\s+claim|there)\s+(?:has|carries|shows|contains|lists|is)"
    r"\s+no(?:\s+(?:claim\s+)?line\s+for)?"
    r"|the\s+claim\s+does\s+(?:not|n't)\s+(?:also\s+)?(?:carry|include|have|show|contain|list))"
)

_DENIED_WITHOUT = re.compile(
    r"(?:\b(?:billed|reported|submitted|coded|entered|appears?|shows?\s+up"
    r"|on\s+(?:a|the)\s+claim)\s+without"
    rf"|\b(?:when|if)\s+no|{_CLAIM_LACKS})\s+"
    rf"(?:(?:its\s+primary|the\s+primary)\s+(?:code\s+)?|(?:cpt|hcpcs)\s+(?:code\s+)?)?"
    rf"(?P<primary>)(?={ONE_CODE}\b)",
    re.IGNORECASE,
)

# "... and holds 64636 when ...": a second verb, whose object is the add-on
_AND_VERB = re.compile(r",?\s+and\s+[a-z]+s\s+$", re.IGNORECASE)


# "flags 64484 when 64483 is not on the claim", "and 64491 when 64490 is missing"
def _listed_without(
    ctx: _Context, participants: list[Mention], at: int, hi: int
) -> list[re.Match[str]]:
    """ "What fires it: 64491 or 64492 without 64490, or 64494 ...": codes without another
    right after a denial's cue, and not "suggest 20611 without 76942", which tells what to do."""
    named = _codes(_between(participants, at, hi))
    if not named or not re.fullmatch(r"[\s:]*", ctx.text[at : named[0].start]):
        return []
    found = list(_CODE_WITHOUT.finditer(ctx.text, at, hi))
    first = _code_lists(ctx, named)[0][1]
    return found if found and found[0].start() == first[-1].end else []


_CODE_WITHOUT = re.compile(rf"(?<=[0-9TFU])\s+without\s+(?P<primary>)(?={ONE_CODE}\b)", re.I)

_PRIMARY_ABSENT = re.compile(
    rf"\b(?:when|if)\s+(?P<primary>(?={ONE_CODE}\b))\S+\s+(?:is|was)\s+(?:not\s+(?:on|in)\s+"
    r"the\s+(?:same\s+)?claim|missing|absent|not\s+(?:billed|reported|present))\b",
    re.IGNORECASE,
)

# "No edit holds ...", "claims will not be denied": the cue itself negated
_NEGATED_CUE = re.compile(
    r"\b(?:no|not|never|won't|doesn't|don't)\s+(?:[a-z]+\s+){0,1}$", re.IGNORECASE
)
_GERUND_PAIR = re.compile(
    rf"\b(?:adding|reporting|billing|coding|submitting|appending)\s+(?P<b>{_CODE_LISTING})"
    r"(?:\s+\w+){0,2}?\s+(?:to|with|onto|plus|\+|and)\s+"
    rf"(?P<a>{_CODE_LISTING})\b",
    re.IGNORECASE,
)


# "without 64493", and "unless 64493 is on the same claim": reported only with it
_WITHOUT = re.compile(
    rf"\b(?:without|w/o)\s+|{_CLAIM_LACKS}\s+(?={ONE_CODE}\b)|\bunless\s+(?={ONE_CODE}(?:\s*(?:,|or|and)\s*{ONE_CODE})*\s+(?:is|are)"
    r"(?:\s+(?:also\s+)?(?:on\s+the\s+(?:same\s+)?claim|billed|reported|submitted|present)\b"
    r"|\s*[.;]))",
    re.IGNORECASE,
)


def _required(ctx: _Context, participants: list[Mention], lo: int, hi: int) -> Iterator[Assertion]:
    """ "Do not report 64491 without 64490", "64494 cannot be billed unless 64493 is on the same
    claim", "64634 shall not be reimbursed without 64633, and
    64636 shall not be reimbursed without 64635": each code reported only with another, the first
    codes after "without", is an add-on to them."""
    verbs = list(_not_report_verb(ctx).finditer(ctx.text, lo, hi))
    for index, verb in enumerate(verbs):
        end = verbs[index + 1].start() if index + 1 < len(verbs) else hi
        without = _WITHOUT.search(ctx.text[verb.end() : end])
        if without is None:
            continue
        cut = verb.end() + without.start()
        if index + 1 < len(verbs):
            # "without 64490, and 64494 and 64495 cannot ...": the next verb's subject
            own = list(_AND_OWN.finditer(ctx.text, cut, end))
            end = own[-1].start() if own else end
        start = max([lo] + [m.end() for m in _AND_OWN.finditer(ctx.text, lo, verb.start())])
        # "64494 cannot be reported without 64493": the subject before the verb
        add_ons = _codes(_between(participants, verb.end(), cut)) or _codes(
            _coordinated_subject(ctx, participants, start, verb.start())
        )
        lists = _code_lists(ctx, _codes(_between(participants, cut, end)))
        primaries = lists[0][1] if lists else []
        for at, code in enumerate(primaries[1:], start=1):
            if _OWN_VERB.match(ctx.text, code.end):
                primaries = primaries[:at]  # "without 64633, and 64636 shall not ...": its own
                break
        if len(add_ons) == len(primaries) > 1 and ctx.lexicon.pattern("respectively").search(
            ctx.text, cut, hi
        ):
            # "they cannot be reported without 64633 or 64635 respectively": in order
            yield from (
                Triple(a.value, "addOnTo", p.value) for a, p in zip(add_ons, primaries, strict=True)
            )
            continue
        yield from (
            Triple(a.value, "addOnTo", p.value) for a in add_ons for p in primaries if a != p
        )


# ", and 64636 shall not ...": a clause of its own starts after the comma
_AND_OWN = re.compile(r",\s*(?:and\s+)?(?=(?:(?:cpt\s+)?codes?\s+)?[0-9]{4}[0-9TFU]\b)", re.I)


def _guidance_side(ctx: _Context, side: list[Mention], other: list[Mention]) -> bool:
    """Whether ``side`` is the imaging guidance of the two: all guidance, or (a list such as
    "77003, 77012, 72275") guidance for the most part where the other side names none."""
    codes = [m for m in side if m.is_code]
    if _all_guidance(ctx, side) and not _all_guidance(ctx, other):
        return True
    guided = [m for m in codes if _all_guidance(ctx, [m])]
    return len(guided) * 2 > len(codes) and not any(
        _all_guidance(ctx, [m]) for m in other if m.is_code
    )


@cache
def _neither_nor(lexicon: Lexicon) -> re.Pattern[str]:
    """ "Neither 77003 nor 77012 shall be charged with ...": both are reported with none."""
    verbs = _alternation(lexicon, "not_together", "verbs")
    links = _alternation(lexicon, "not_together", "links")
    return re.compile(
        rf"\bneither\s+(?:(?:cpt|hcpcs|code)\s+)?{_CODE_LISTING}\s+nor\s+(?:(?:cpt|hcpcs|code)\s+)?"
        rf"{_CODE_LISTING}\s+(?:shall|should|may|can|could|will|must|is|are)\s+(?:be\s+)?"
        rf"(?:separately\s+)?(?P<verb>{verbs})\s+(?:{links})\s+",
        re.IGNORECASE,
    )


# ", and do not ...", "; never ...": an order of its own after the codes of the one before
_NEXT_ORDER = re.compile(r"(?:,\s*and|;)\s+(?:do\s+not|don't|never)\b", re.IGNORECASE)


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


def _billed_with_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "You can bill 77003 with 62270", "Report 77002 along with 20610": B, named right after a
    verb of reporting, is reported separately with A, named after the link; a clause that opens
    "No 77003 with 64493" says the opposite."""
    sentence = ctx.sentences[i]
    if _asks(sentence) or any(m.kind is MentionKind.MODIFIER for m in ctx.mentions[i]):
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
        elif (
            match["modal"] is None
            and match["modal_payer"] is None
            and not _IMPERATIVE_OPENING.fullmatch(ctx.text, sentence.start, match.start())
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
            or _LINE_PARTICIPLE.match(ctx.text, _skip_space(ctx.text, b_side[-1].end))
        ):
            # "Code 64484 is an add-on code and must be reported with ...": no object; "Code
            # 77003 billed with 64483 is bundled": a claim line named
            continue
        if match.groupdict().get("without") is not None:
            if ctx.lexicon.pattern("condition_words").search(ctx.text, match.start("a"), hi):
                continue  # "bill 64483 without 64484 when one level is done": a case
            b_side, a_side = a_side, b_side
        elif all(_is_drug(m.value) for m in a_side) and not any(_is_drug(m.value) for m in b_side):
            b_side, a_side = a_side, b_side  # "Report 62323 with J3301": the drug goes with it
        facts: tuple[Assertion, ...] = tuple(
            Triple(b.value, "separatelyReportableWith", a.value)
            if stance is Stance.AFFIRMS
            else Triple(a.value, "includes", b.value)
            for b in b_side
            for a in a_side
            if a.value != b.value and not _is_diagnosis(a.value) and not _is_diagnosis(b.value)
        )
        for gapped in _gapped_pattern(ctx.lexicon).finditer(ctx.text, match.end("a"), hi):
            # "Report 64636 with 64635, ..., and 64634 with 64633": the verb said once
            later = _codes(_between(participants, gapped.start("b"), gapped.end("b")))
            earlier = _codes(_between(participants, gapped.start("a"), gapped.end("a")))
            facts += tuple(
                Triple(b.value, "separatelyReportableWith", a.value)
                if stance is Stance.AFFIRMS
                else Triple(a.value, "includes", b.value)
                for b in later
                for a in earlier
                if a.value != b.value
            )
        if stance is Stance.AFFIRMS and (
            _per_additional(ctx, sentence.start, sentence.end)
            or ctx.lexicon.pattern("attributes", "add_on").search(ctx.text, lo, sentence.end)
            or (
                # "Bill 64634 only with 64633": never without it
                match.groupdict().get("only") is not None
                and not ctx.lexicon.pattern("condition_words").search(ctx.text, match.end(), hi)
            )
        ):
            facts = tuple(_as_add_on(f) for f in facts)  # "...; it is an add-on code"
        if facts:
            yield Reading("pair.billed_with", sentence.start, sentence.end, facts, stance)


@cache
def _billed_with_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    modals = _alternation(lexicon, "billed_with", "modals")
    verbs = _alternation(lexicon, "billed_with", "verbs")
    links = _alternation(lexicon, "billed_with", "links")
    payers = _alternation(lexicon, "billed_with", "payers")
    paying = _alternation(lexicon, "billed_with", "payment_verbs")
    return re.compile(
        rf"(?:(?:\b(?P<modal>{modals})\s+)?\b(?:{verbs})"
        rf"|\b(?P<modal_payer>{payers})\s+(?:[a-z]+ly\s+)?(?:{paying}))\s+(?P<b>[^,;:]*?)\s+"
        rf"(?:(?P<only>only\s+)?(?:{links})|(?P<without>without|w/o))\s+"
        rf"(?P<a>[^,;:]*)",
        re.IGNORECASE,
    )


@cache
def _gapped_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """ ", and 64634 with 64633": a second pair of the verb said before."""
    links = _alternation(lexicon, "billed_with", "links")
    return re.compile(
        rf",\s*and\s+(?P<b>{_CODE_LISTING})\s+(?:only\s+)?(?:{links})\s+(?P<a>{_CODE_LISTING})\b",
        re.IGNORECASE,
    )


_USE_INSTEAD = re.compile(r"\b(?:and\s+)?(?:\w+\s+){0,4}?(?:report|use|bill|code)\b", re.I)
_ALONE = re.compile(r"\s+(?:alone|by\s+itself|on\s+its\s+own|as\s+a\s+stand-?alone)\b", re.I)
_FINITE_VERB = re.compile(rf"\b{_CLAUSE_VERBS}\b", re.IGNORECASE)
_IMPERATIVE_OPENING = re.compile(
    r"\W*(?:(?:yes|yeah|yep|so|then|just|ok|okay|sure|correct|right)\b\W*)*", re.IGNORECASE
)


_SPLICED_CLAUSE = re.compile(_SPLICED_SUBJECT + r"(?:is|are|was|were)\b")
_NO_AFTER = re.compile(
    r"[,;]\s*(?:(?:so|and|then|but)\s+)?no\s+(?:(?:cpt\s+)?codes?\s+)?", re.IGNORECASE
)
# A table row's note "Not with 62320-62327, 64479-64495": the row's code is not reported with them.
_NOT_WITH = re.compile(
    rf"\bnot\s+(?:with|w/)\s+(?P<codes>{_CODE_LISTING})",
    re.IGNORECASE,
)


def _no_after_readings(ctx: _Context, i: int, participants: list[Mention]) -> Iterator[Reading]:
    """ "Knee w/ u/s: 20611, no 76942", "it's 62323 and fluoro is included, no 77003": the codes
    after ", no" are not reported with the codes the sentence named before."""
    sentence = ctx.sentences[i]
    codes = [m for m in _codes(participants) if not _is_diagnosis(m.value)]
    alone = re.fullmatch(
        rf"\s*no\s+(?:(?:cpt\s+)?codes?\s+)?{_CODE_LISTING}"
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
            for m in _named_codes(ctx, previous, ctx.participants[i - 1])
            if m.value not in dropped_values
            and not _is_diagnosis(m.value)
            and not _is_drug(m.value)
            and not _all_guidance(ctx, [m])
        ]
        facts = tuple(Triple(p.value, "includes", d.value) for p in earlier for d in codes)
        if facts:
            yield Reading("pair.no_after", sentence.start, sentence.end, facts, Stance.NEGATES, 0.6)
        return
    not_with = _NOT_WITH.search(ctx.text, sentence.start, sentence.end)
    row = _row_code(ctx, sentence) if not_with is not None else None
    if not_with is not None and row is not None:
        others = [
            m
            for m in codes
            if not_with.start("codes") <= m.start < not_with.end("codes") and m.value != row
        ]
        facts = tuple(Triple(m.value, "includes", row) for m in others)
        if facts:
            yield Reading("pair.no_after", sentence.start, sentence.end, facts, Stance.NEGATES, 0.7)
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


def _same_for_readings(
    ctx: _Context, i: int, participants: list[Mention], earlier: list[Reading]
) -> Iterator[Reading]:
    """ "77003 is bundled into 64483. Same for 77012.": the sentence before says it again of the
    code named, in place of its code of the same kind (a guidance code for a guidance code)."""
    sentence = ctx.sentences[i]
    opener = ctx.lexicon.pattern("same_for").match(sentence.text.strip())
    rest_at = sentence.start + len(sentence.text) - len(sentence.text.lstrip())
    before = ctx.sentences[i - 1] if i else None
    if opener is None:
        # "77003 should never be reported with 64483, and the same goes for 77012": the clause
        # before in the sentence says it
        tail = _same_for_tail(ctx.lexicon).search(sentence.text)
        opener, rest_at, before = tail, sentence.start, sentence
    named = [m.value for m in _codes(participants) if opener and m.start >= rest_at + opener.end()]
    if before is None or opener is None or not named:
        return
    rest = ctx.text[rest_at + opener.end() : sentence.end]
    # "..., since these codes include ultrasound guidance", "..., which also include guidance":
    # the reason, or what describes the codes, says no more of them
    said, *reason = re.split(r",?\s+(?:since|because|which|that)\b", rest, maxsplit=1)
    if not (reason and _LINKED_CODE.search(reason[0])):
        rest = said  # "..., which cannot be reported without 64493": more than the codes
    if re.sub(
        r"[\s,.!]|\b(?:the\s+(?:[a-z-]+\s+){1,3}?codes?|and\s+to|and|or|too|as well|also|codes?|"
        r"with|w/|"
        r"(?:[A-Za-z]+\s+)?guidance\s+(?:under|as|billed\s+as)|"
        r"billed|reported|coded|through|[+/])(?!\w)"
        r"|[0-9A-Z]{5}(?:-[0-9A-Z]{5})?",
        "",
        rest,
    ):
        return  # more is said than the codes: a sentence of its own
    # "77012 reported with 64479-64484 and to 77003 reported with 64490-64495"
    couples = [
        (
            [m.value for m in _codes(_between(participants, c.start("b"), c.end("b")))],
            [m.value for m in _codes(_between(participants, c.start("a"), c.end("a")))],
        )
        for c in _COUPLE.finditer(ctx.text, rest_at + opener.end(), sentence.end)
    ]
    if len(couples) > 1 or (couples and len(named) > 2):
        # "... and to 77003 reported with 64490-64495", "76942 billed with 20604, 20606 or
        # 20611": each couple the first reported with the second
        yield from _couples_restated(sentence, before, earlier, couples)
        return
    paired = len(named) == 2 and re.search(r"\b(?:with|w/)(?!\w)|\+", rest) is not None
    seen: set[tuple[Assertion, ...]] = set()
    for reading in earlier:
        if not (before.start <= reading.start < before.end and reading.rule.startswith("pair.")):
            continue
        triples = [a for a in reading.assertions if isinstance(a, Triple)]
        # in the order said, so that codes alike break ties the same way every run
        said = list(dict.fromkeys(c for t in triples for c in (t.subject, t.object)))
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
        subjects = {t.subject for t in triples}
        for code in named:
            best = max(said, key=lambda c: _kinship(ctx, c, code), default=None)
            if best is None or _kinship(ctx, best, code) <= (0, 0):
                continue
            # "62321 and 62323 include guidance ... The same is true of 64483": every code of
            # that kind on that side, not only the most alike
            replaced = {
                c
                for c in said
                if _kinship(ctx, c, code)[0] == _kinship(ctx, best, code)[0]
                and (c in subjects) == (best in subjects)
            }
            facts = tuple(
                dict.fromkeys(
                    Triple(
                        code if t.subject in replaced else t.subject,
                        t.property,
                        code if t.object in replaced else t.object,
                    )
                    for t in triples
                )
            )
            if facts in seen:
                continue
            seen.add(facts)
            yield Reading("pair.same_for", sentence.start, sentence.end, facts, reading.stance, 0.7)


# A code linked to what a clause says of another ("without 64493", "in addition to 64483")
_LINKED_CODE = re.compile(
    rf"\b(?:without|w/o|with|w/|in\s+addition\s+to|instead\s+of|plus)\s+"
    rf"(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?{ONE_CODE}",
    re.IGNORECASE,
)


_COUPLE = re.compile(
    rf"(?P<b>{_CODE_LISTING})\s+(?:reported|billed|coded)\s+(?:with|w/)\s+(?P<a>{_CODE_LISTING})",
    re.IGNORECASE,
)


def _couples_restated(
    sentence: Sentence,
    before: Sentence,
    earlier: list[Reading],
    couples: list[tuple[list[str], list[str]]],
) -> Iterator[Reading]:
    """ "The same check applies to 77012 reported with 64479 through 64484 and to 77003 reported
    with 64490-64495": the pair said before, of each couple (the first reported with the
    second)."""
    said = next(
        (
            a
            for r in earlier
            if before.start <= r.start < before.end and r.rule.startswith("pair.")
            for a in r.assertions
            if isinstance(a, Triple) and a.property in ("includes", "separatelyReportableWith")
        ),
        None,
    )
    if said is None:
        return
    facts: list[Assertion] = []
    for reported, primary in couples:
        facts += [
            Triple(p, "includes", b) if said.property == "includes" else Triple(b, said.property, p)
            for b in reported
            for p in primary
        ]
    stance = Stance.NEGATES if said.property == "includes" else Stance.AFFIRMS
    yield Reading("pair.same_for", sentence.start, sentence.end, tuple(facts), stance, 0.7)


@cache
def _same_for_tail(lexicon: Lexicon) -> re.Pattern[str]:
    """ ", and the same goes for" inside a sentence."""
    return re.compile(
        rf"[,;]\s*(?:and\s+)?(?:{_alternation(lexicon, 'same_for')})\b", re.IGNORECASE
    )


@cache
def _removal_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    verbs = _alternation(lexicon, "removal", "verbs")
    particle_verbs = _alternation(lexicon, "removal", "particle_verbs")
    particles = _alternation(lexicon, "removal", "particles")
    negated = _alternation(lexicon, "removal", "negated")
    negated_verbs = _alternation(lexicon, "removal", "negated_verbs")
    pronouns = _alternation(lexicon, "removal", "pronouns")
    return re.compile(
        r"(?:^|[;,]|\band\b|\bso\b|\bthen\b)\s*(?:just\s+|then\s+|simply\s+)?"
        rf"(?:(?P<verb>{verbs}|{particle_verbs})\s+(?:the\s+)?(?P<object>{_CODE_LISTING}|{pronouns})"
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
