"""A document read sentence by sentence: every reader run on each sentence, with the focus,
the codes named before and the section's codes carried from one sentence to the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from ...claims import PAIR_PROPERTIES, Assertion, Statement, Triple
from ..aliases import Alias, alias_mentions, find_aliases
from ..lexicon import Lexicon
from ..mentions import Mention, find_mentions
from ..sentences import Sentence
from .addons import _addon_readings, _level_readings, _listed_primary_readings
from .attributes import _attribute_readings, _frequency_readings, _indication_readings
from .claim_lines import _claim_line_readings
from .context import (
    GUIDANCE_CATEGORIES,
    Reading,
    _Context,
    _expand,
    _is_diagnosis,
    _is_drug,
    _is_guidance,
    _named_codes,
    _participants,
)
from .legend import _legend, _legend_readings
from .modifiers import _modifier_readings
from .pairs import _pair_readings, _question_readings
from .replacements import (
    _contrast_readings,
    _guided_procedure,
    _not_this_readings,
    _not_used_readings,
    _redirect_readings,
    _replacement_readings,
)
from .restated import _quoted_spans, _restated
from .tables import _listed_add_on_readings, _relation_column_readings
from .together import (
    _billed_with_readings,
    _denial_readings,
    _edit_readings,
    _no_after_readings,
    _not_together_readings,
    _notation_readings,
    _removal_readings,
    _same_for_readings,
    _see_also_readings,
    _topic_readings,
)
from .uses import _use_list_readings

_QUESTION_END = re.compile(r"\?[\s\"'”’)]*\Z")


def _focus(ctx: _Context, i: int, participants: list[Mention]) -> str | None:
    sentence = ctx.sentences[i]
    codes = [m for m in _named_codes(ctx, sentence, participants) if not _is_diagnosis(m.value)]
    return codes[0].value if codes else None


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


def _guidance_codes(ctx: _Context) -> set[str]:
    """Codes that are imaging guidance: the grammar's list and the document's descriptor lines."""
    codes = set(ctx.lexicon.words("guidance_codes"))
    for match in re.finditer(r"(?m)^\W*([0-9]{4}[0-9T])\b([^\n]{0,40}?)\bguidance\b", ctx.text):
        if re.search(
            r"\b(?:with|w/|under|using|includ\w*|without|w/o)(?:\W+\w+){0,3}\W*$", match[2], re.I
        ):
            continue  # "62321 Njx interlaminar w/ imaging guidance": a procedure with guidance
        if re.search(r"[+:;.]|\b[0-9]{4}[0-9T]\b", match[2]):
            continue  # "64635 + 77003: Bundled. Fluoroscopic guidance ...": a pair's line
        codes.add(match[1])
    return codes


def read_sentences(text: str, sentences: list[Sentence], lexicon: Lexicon) -> list[Reading]:
    """Every reading of every rule in a document's sentences, in text order."""
    ctx = _Context(text, lexicon, sentences)
    ctx.guidance_codes = _guidance_codes(ctx)
    ctx.quoted = _quoted_spans(text)
    ctx.legend = _legend(ctx)
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
            focus = None
        named = alias_mentions(text, sentence.start, sentence.end, mentions, names + own_names)
        mentions = sorted(
            [m for m in mentions if not any(m.start < a.end and a.start < m.end for a in named)]
            + named,
            key=lambda m: (m.start, -m.end, m.kind.value),
        )
        names = own_names
        participants = _participants(ctx, sentence, mentions)
        ctx.mentions.append(mentions)
        ctx.participants.append(participants)
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


def _sentence_readings(
    ctx: _Context, i: int, participants: list[Mention], mentions: list[Mention]
) -> list[Reading]:
    """Every rule's readings of one sentence."""
    readings: list[Reading] = []
    readings += _not_together_readings(ctx, i, participants)
    readings += _see_also_readings(ctx, i, participants)
    readings += _billed_with_readings(ctx, i, participants)
    readings += _claim_line_readings(ctx, i, participants)
    readings += _no_after_readings(ctx, i, participants)
    readings += _notation_readings(ctx, i, participants)
    readings += _relation_column_readings(ctx, i)
    readings += _legend_readings(ctx, i)
    readings += _edit_readings(ctx, i, participants)
    readings += _denial_readings(ctx, i, participants)
    readings += _pair_readings(ctx, i, participants)
    readings += _topic_readings(ctx, i, participants)
    readings += _question_readings(ctx, i, participants)
    readings += _addon_readings(ctx, i, participants)
    readings += _level_readings(ctx, i, participants)
    readings += _listed_primary_readings(ctx, i, participants)
    readings += _listed_add_on_readings(ctx, i, participants)
    readings += _use_list_readings(ctx, i, participants)
    readings += _replacement_readings(ctx, i, participants)
    readings += _redirect_readings(ctx, i, participants)
    readings += _contrast_readings(ctx, i, participants)
    readings += _not_this_readings(ctx, i, participants)
    readings += _not_used_readings(ctx, i, participants)
    readings += _modifier_readings(ctx, i, participants, mentions)
    readings += _indication_readings(ctx, i, participants)
    readings += _frequency_readings(ctx, i, participants, mentions)
    readings += _attribute_readings(ctx, i, participants, mentions)
    readings = [_guidance_first(ctx, _guided_procedure(ctx, i, r)) for r in readings]
    readings = _without_guidance_in_guidance(ctx, _guidance_contains_only_by_name(ctx, readings))
    readings = _add_ons_to_their_own(_without(readings, _within_itself))
    readings = _add_ons_to_primaries(ctx.sentences[i], readings)
    return _named_replacements_first(_listed_pairs_first(_asserted(ctx, readings)))


def _listed_pairs_first(readings: list[Reading]) -> list[Reading]:
    """Add-ons listed each with its primary after a colon ("each has an add-on code: 64480 goes
    with 64479, and 64484 goes with 64483") say which code adds to which; another reading of
    the sentence that adds other codes comes from the words before the colon."""
    listed = {
        a.subject
        for r in readings
        if r.rule == "addon.paired"
        for a in r.assertions
        if isinstance(a, Triple)
    }
    if not listed:
        return readings
    return [
        r
        for reading in readings
        for r in (
            [reading]
            if reading.rule == "addon.paired"
            else _without(
                [reading],
                lambda a: (
                    isinstance(a, Triple)
                    and a.property in ("addOnTo", "addOn")
                    and a.subject not in listed
                ),
            )
        )
    ]


def _asserted(ctx: _Context, readings: list[Reading]) -> list[Reading]:
    """Readings whose quote states something: a quote that ends asking ("Does 20552 bundle into
    27096?") asserts nothing, whichever rule read it; an answered question's quote ends with
    its answer."""
    return [r for r in readings if not _QUESTION_END.search(ctx.text, r.start, r.end)]


def _guidance_first(ctx: _Context, reading: Reading) -> Reading:
    """ "You'd bill 62270 with 77003": the guidance is what is reported separately with the
    procedure, whichever of the two the sentence names first."""
    facts = tuple(
        Triple(a.object, a.property, a.subject)
        if isinstance(a, Triple)
        and a.property == "separatelyReportableWith"
        and _is_guidance(ctx, a.object)
        and not _is_guidance(ctx, a.subject)
        and not _is_drug(a.subject)
        else a
        for a in reading.assertions
    )
    return replace(reading, assertions=facts) if facts != reading.assertions else reading


_FAMILY_SPAN = 10


def _primary_below(add_on: str, primaries: set[str]) -> str | None:
    """The primary numbered nearest below an add-on, within its family's span."""
    below = [
        p
        for p in primaries
        if p.isdigit() and add_on.isdigit() and 0 < int(add_on) - int(p) <= _FAMILY_SPAN
    ]
    return max(below, key=int) if below else None


def _without(readings: list[Reading], dropped: Callable[[Assertion], bool]) -> list[Reading]:
    """The readings without the facts ``dropped`` picks, and without those left with none."""
    kept: list[Reading] = []
    for reading in readings:
        facts = tuple(a for a in reading.assertions if not dropped(a))
        if facts:
            kept.append(
                replace(reading, assertions=facts) if facts != reading.assertions else reading
            )
    return kept


def _add_ons_to_their_own(readings: list[Reading]) -> list[Reading]:
    """Add-ons named with several primaries ("64480 and 64484 ... in addition to the code for
    the first level, 64479 for the cervical spine and 64483 for the lumbar"): each adds to the
    primary numbered nearest below it, as the code book numbers them, when that shares the
    primaries out among them all."""
    return [r for reading in readings for r in _without([reading], _not_its_own(reading))]


def _not_its_own(reading: Reading) -> Callable[[Assertion], bool]:
    """Whether a fact of a reading pairs an add-on with a primary that is not its own."""
    pairs = [
        (a.subject, a.object)
        for a in reading.assertions
        if isinstance(a, Triple) and a.property == "addOnTo"
    ]
    add_ons = {a for a, _ in pairs}
    # the codes, not a kind of procedure named beside them ("Transforaminal injections are
    # reported with 64479 ... and 64483 ..., with add-on codes 64480 and 64484")
    primaries = {p for _, p in pairs if p.isdigit()}
    own = {a: _primary_below(a, primaries) for a in add_ons}
    if len(add_ons) < 2 or len(primaries) < 2 or set(own.values()) != primaries:
        return lambda _a: False  # one add-on, or a primary no add-on is numbered after
    return lambda a: (
        isinstance(a, Triple) and a.property == "addOnTo" and own[a.subject] != a.object
    )


# "64483 for a single lumbar level", "64635 for the first joint": the code of the first unit
_FIRST_UNIT = re.compile(
    r"(?P<code>[0-9]{4}[0-9TFU])\s+(?:is\s+)?(?:for|reports?|describes?|covers?)\s+"
    r"(?:a|the|one)\s+(?:single|first|initial)\b",
    re.IGNORECASE,
)


def _add_ons_to_primaries(sentence: Sentence, readings: list[Reading]) -> list[Reading]:
    """An add-on adds to a primary: not to the code a sentence names for the first unit ("64483
    for a single lumbar level, with add-on 64484"), and not to another add-on when it has a
    primary of its own ("64634 goes with 64633, and add-on 64636 goes with 64635")."""
    first = {m["code"] for m in _FIRST_UNIT.finditer(sentence.text)}
    pairs = [
        (a.subject, a.object)
        for r in readings
        for a in r.assertions
        if isinstance(a, Triple) and a.property == "addOnTo" and a.subject not in first
    ]
    # the codes called add-ons, and those that are only ever added to another
    primaries = {p for _, p in pairs}
    add_ons = {a for a, _ in pairs if a not in primaries} | {
        a.subject
        for r in readings
        for a in r.assertions
        if isinstance(a, Triple) and a.property == "addOn" and a.subject not in first
    }
    has_primary = {a for a, p in pairs if p not in add_ons}
    return _without(
        readings,
        lambda a: (
            isinstance(a, Triple)
            and a.property == "addOnTo"
            and (a.subject in first or (a.object in add_ons and a.subject in has_primary))
        ),
    )


def _without_guidance_in_guidance(ctx: _Context, readings: list[Reading]) -> list[Reading]:
    """Guidance codes are not part of one another, except guidance with no purpose of its own
    (76000): an inclusion between two others comes from reading a reference too widely."""
    guidance = set(ctx.lexicon.words("guidance_codes"))
    general = set(ctx.lexicon.words("general_guidance_codes"))
    return _without(
        readings,
        lambda a: (
            isinstance(a, Triple)
            and a.property == "includes"
            and a.subject in guidance
            and a.object in guidance
            and not {a.subject, a.object} & general
        ),
    )


_ONE_CODE_MEANT = re.compile(r"\b(?:it|this\s+code|that\s+code)\b", re.IGNORECASE)


def _guidance_contains_only_by_name(ctx: _Context, readings: list[Reading]) -> list[Reading]:
    """Guidance contains another code only where a sentence names it as the container
    ("76000 is integral to 77001, 77002 and 77003", or "it" after it): a kind of guidance, or a
    guidance code reached through "these injections", is never the procedure something is
    part of."""
    kept: list[Reading] = []
    for reading in readings:
        quote = ctx.text[reading.start : reading.end]
        kept += _without([reading], partial(_unnamed_guidance_container, ctx, quote))
    return kept


def _unnamed_guidance_container(ctx: _Context, quote: str, fact: Assertion) -> bool:
    """Whether a fact puts a code inside guidance the quote does not name as its container."""
    return (
        isinstance(fact, Triple)
        and fact.property == "includes"
        and _is_guidance(ctx, fact.subject)
        and (
            fact.subject in GUIDANCE_CATEGORIES
            or not (fact.subject in quote or _ONE_CODE_MEANT.search(quote))
        )
    )


def _within_itself(fact: Assertion) -> bool:
    """Whether a pair joins a code to a range that holds it ("Facet injections are 64490-64495,
    with 64491 ... as add-on codes", "guidance is bundled in 64633 through 64636"): the range
    names the family, not the code's other side."""
    if not isinstance(fact, Triple) or fact.property not in PAIR_PROPERTIES:
        return False
    subject, other = set(_expand(fact.subject)), set(_expand(fact.object))
    return len(subject | other) > 1 and (subject <= other or other <= subject)


def _named_replacements_first(readings: list[Reading]) -> list[Reading]:
    """A replacement that names its code says all that one without a code for the same codes
    says ("shall not be reported with 64490-64495; it shall be reported with 64999")."""
    named = {
        dict(a.parts).get("insteadOf")
        for r in readings
        for a in r.assertions
        if isinstance(a, Statement) and a.kind == "replacement" and "code" in dict(a.parts)
    }
    return _without(
        readings,
        lambda a: (
            isinstance(a, Statement)
            and a.kind == "replacement"
            and "code" not in dict(a.parts)
            and dict(a.parts).get("insteadOf") in named
        ),
    )
