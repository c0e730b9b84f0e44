"""Statements about single codes: attributes, descriptor lines, frequency limits and indications."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...claims import Assertion, Stance, Statement, Triple
from ..mentions import Mention, MentionKind
from ..sentences import Sentence
from .context import Reading, _codes, _Context, _in_parentheses, _is_diagnosis


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
