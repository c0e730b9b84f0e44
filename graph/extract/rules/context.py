"""What every reader of the rule grammar shares.

The reading a rule returns, the document as it is read (``_Context``), and the helpers several
readers use: the codes and categories of a span, code lists, negation, the grammar's word lists,
lines and code-book entries, guidance, the focus of a sentence and what "these codes" refer to.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache

from ...claims import Assertion, Stance, Triple
from ..lexicon import Lexicon
from ..mentions import PARTICIPANTS, Mention, MentionKind
from ..sentences import Sentence

GUIDANCE_CATEGORIES = frozenset(
    {
        "imaging-guidance",
        "fluoroscopic-guidance",
        "ct-guidance",
        "ultrasound-guidance",
        "mri-guidance",
    }
)


# A visit is the one kind of service a rule bundles into a kind of procedure ("the E/M visit is
# bundled into the injection"); other kinds pair only with codes.
VISITS = frozenset({"evaluation-and-management"})


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
    participants: list[list[Mention]] = field(default_factory=list)
    focus: list[str | None] = field(default_factory=list)
    focus_all: list[list[str]] = field(default_factory=list)
    history: list[list[str]] = field(default_factory=list)
    section: list[list[str]] = field(default_factory=list)
    guidance_codes: set[str] = field(default_factory=set)
    quoted: list[tuple[int, int]] = field(default_factory=list)
    following: list[tuple[list[Mention], int]] = field(default_factory=list)
    legend: dict[str, str] = field(default_factory=dict)


def _in_parentheses(text: str, sentence: Sentence, mention: Mention) -> bool:
    before = text[sentence.start : mention.start]
    if before.count("(") > before.count(")"):
        return True
    return re.search(r"\b(?:e\.?g\.?|such as|i\.?e\.?)[,:]?\s*$", before, re.IGNORECASE) is not None


_CODE_LIST = r"[0-9A-Z][0-9A-Z.]*(?:\s*(?:-|–|through)\s*[0-9A-Z][0-9A-Z.]*)?"
# Codes listed one after another: "77003, 77012 or 72275", "64483/64484".
_CODE_LISTING = rf"{_CODE_LIST}(?:\s*(?:,|or|and|/)\s*{_CODE_LIST})*"


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
        # the next mention after this one, not a shorter name inside it ("injection codes" in
        # "the epidural injection codes 62320 through 62327")
        following = next((m for m in items[index + 1 :] if m.start >= mention.end), None)
        if mention.kind is MentionKind.CATEGORY and following is not None:
            between = text[mention.end : following.start]
            # a drug never names a kind of procedure: "the injection code: J1030 (...)"
            names = following.is_code and not _is_drug(following.value)
            if names and apposition.search(between) and len(between) < 40:
                continue
            if (
                names
                and re.search(r"\bcodes?$", text[mention.start : mention.end], re.IGNORECASE)
                and re.fullmatch(r"\s*[(:]?\s*(?:e\.g\.,?|i\.e\.,?|such as)?\s*", between)
            ):
                continue  # "imaging guidance codes 77003 and 77012": the codes are named
            if names and re.fullmatch(
                r"\s*,?\s*(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?", between, re.I
            ):
                continue  # "Fluoroscopic guidance 77001 is reported ...": the code names it
            if (
                names
                and re.fullmatch(r"\s+for\s+[^,;:()]{1,40},\s*", between)
                and text.startswith(",", following.end)
            ):
                continue  # "Ultrasound guidance for vascular access, 76937, is ..."
            if (
                names
                and re.fullmatch(r"[^().;:,]{0,60}\(\s*(?:CPT\s+|HCPCS\s+)?", between)
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


# One CPT or HCPCS code, and one code or range
ONE_CODE = r"(?:[0-9]{4}[0-9TFU]|[A-V][0-9]{4})"
_CODE = rf"{ONE_CODE}(?:\s*(?:-|through)\s*{ONE_CODE})?"
# ", 77003 and 77012 must not be ...": a comma, then codes that are the subject of a verb
_CODES_OPEN_CLAUSE = re.compile(
    rf",\s+(?=(?:(?:cpt\s+)?codes?\s+)?{_CODE}(?:(?:\s*,\s*|\s+(?:and|or)\s+|\s*,\s*(?:and|or)\s+)"
    rf"{_CODE})*\s+(?:is|are|was|were|must|may|should|shall|cannot|can|will|does|do|has|have|"
    r"would|could)\b)",
    re.IGNORECASE,
)


def _skip_space(text: str, at: int) -> int:
    """The first position from ``at`` that is not white space."""
    while at < len(text) and text[at].isspace():
        at += 1
    return at


# A verb of reporting as a participle after its code ("77003 billed with 64483 is bundled"): the
# pair names a claim line, no rule
_LINE_PARTICIPLE = re.compile(
    r"(?:billed|reported|coded|submitted|charged|entered)\b", re.IGNORECASE
)


def _own_clause_start(text: str, lo: int, at: int) -> int:
    """Where the clause of ``at`` starts: after "59 doesn't unbundle it," when codes open a
    clause of their own after the comma."""
    return max((m.end() for m in _CODES_OPEN_CLAUSE.finditer(text, lo, at)), default=lo)


_STATED_AFTER_COLON = re.compile(
    rf":\s+(?=(?:\w+\s+){{0,3}}?{ONE_CODE}(?:,?\s+(?:and|or)\s+{ONE_CODE})*\s+"
    r"(?:is|are|was|were|shall|should|must|may|can|will)\b)",
    re.IGNORECASE,
)


_COORDINATED_VERB = re.compile(
    r"\b(?:and|but)\s+(?=(?:may|can|could|should|must|will|is|are)\b|$)",
    re.IGNORECASE,
)


_NOR_INVERTED = re.compile(
    r"\W*(?:and\s+)?(?:nor|neither)\s+(?:can|may|should|shall|must|is|are|does|do|will|would|could)\b",
    re.IGNORECASE,
)


def _negated(ctx: _Context, sentence: Sentence, start: int) -> bool:
    window = int(ctx.lexicon.data["negation"]["window_words"])
    before = ctx.text[sentence.start : start]
    # "59 doesn't unbundle it, 77003 is included in 64483": a clause of its own after the comma
    before = before[_own_clause_start(before, 0, len(before)) :]
    # "Do not add 77003; it is included in 62323": a clause of its own after a semicolon
    before = before[before.rfind(";") + 1 :]
    # "The committee agreed that it was not: 77012 is bundled into 62321": nor after a colon
    stated = list(_STATED_AFTER_COLON.finditer(before))
    if stated:
        before = before[stated[-1].end() :]
    # "99152 is not included in 62328 and may be reported with it": a verb phrase of its own
    coordinated = list(_COORDINATED_VERB.finditer(before))
    if coordinated:
        before = before[coordinated[-1].end() :]
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
    if re.search(r"\bno\s+longer\s+(?:\S+\s+){0,3}$", before, re.IGNORECASE):
        return True  # "99152 is no longer bundled into 64490-64495"
    if _NOR_INVERTED.match(before):
        return True  # "Nor can ultrasound guidance, 76942, or ..., 77002, be added to 64483"
    return any(w.lower() in cues or w.lower().endswith("n't") for w in words)


def _asks(sentence: Sentence) -> bool:
    """Whether a sentence is a question: it asserts nothing of its own."""
    return sentence.text.rstrip().endswith("?")


def _anaphor(ctx: _Context, text: str) -> bool:
    """Whether ``text`` refers back to codes ("this code", "it"), not with a noun after it
    ("the procedure note")."""
    compounds = _alternation(ctx.lexicon, "anaphora_compounds")
    return any(
        not re.match(rf"\s+(?:{compounds})\b", text[m.end() :], re.IGNORECASE)
        for m in ctx.lexicon.pattern("anaphora").finditer(text)
    )


def _is_drug(value: str) -> bool:
    """HCPCS Level II J codes: drugs, billed beside the procedure that gives them."""
    return re.fullmatch(r"J[0-9]{4}", value) is not None


def _is_diagnosis(value: str) -> bool:
    return re.fullmatch(r"[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}", value) is not None


def _between(items: list[Mention], lo: int, hi: int) -> list[Mention]:
    return [m for m in items if lo <= m.start and m.end <= hi]


def _focus_mention(value: str | None, at: int) -> list[Mention]:
    return [] if value is None else [Mention(MentionKind.CODE, value, at, at)]


def _reported_as_done(ctx: _Context, lo: int, at: int) -> bool:
    """Whether someone is said to have reported a claim between ``lo`` and ``at`` ("we billed
    77003 with modifier 59 on its own line"): what was done, not what may be done."""
    reporters = _alternation(ctx.lexicon, "narrative", "reporters")
    verbs = _alternation(ctx.lexicon, "narrative", "verbs")
    return re.search(rf"\b(?:{reporters})\s+(?:{verbs})\b", ctx.text[lo:at], re.I) is not None


def _narrated(ctx: _Context, lo: int, at: int) -> bool:
    """Whether a verb of reporting right before ``at`` tells what was done ("was billed",
    "were reported on ..."), not what may be done."""
    narrative = _alternation(ctx.lexicon, "narrative", "auxiliaries")
    found_with = _alternation(ctx.lexicon, "narrative", "found_with")
    if re.search(rf"\b(?:{found_with})\s+{_CODE_LISTING}\s+$", ctx.text[lo:at], re.I):
        return True  # "Three claims had 72275 billed with 62323": what the claims showed
    told = re.search(rf"\b(?:{narrative})\s+(?:(?P<adverb>[a-z]+ly)\s+)?$", ctx.text[lo:at], re.I)
    if told is None:
        return False
    # "Drug supply was correctly reported in addition to ...": a judgement of it is a rule
    return told["adverb"] is None or not ctx.lexicon.pattern("narrative", "judgements").fullmatch(
        told["adverb"]
    )


def _per_additional(ctx: _Context, lo: int, hi: int, text: str | None = None) -> bool:
    """Whether ``lo..hi`` speaks of each unit beyond the first ("for each additional level",
    "the second lumbar or sacral level"): a code reported for it is an add-on."""
    text = ctx.text if text is None else text
    if ctx.lexicon.pattern("attributes", "per_additional").search(text, lo, hi):
        return True
    return _ordinal_pattern(ctx.lexicon).search(text, lo, hi) is not None


def _previous_in_paragraph(ctx: _Context, i: int, at: int) -> Sentence | None:
    """The sentence before sentence ``i`` when no blank line parts it from ``at``."""
    previous = ctx.sentences[i - 1] if i > 0 else None
    if previous is None or "\n\n" in ctx.text[previous.end : at]:
        return None
    return previous


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


def _as_add_on(fact: Assertion) -> Assertion:
    if isinstance(fact, Triple) and fact.property == "separatelyReportableWith":
        return Triple(fact.subject, "addOnTo", fact.object)
    return fact


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
    return all(_is_guidance(ctx, m.value) for m in side)


def _is_guidance(ctx: _Context, value: str) -> bool:
    """Whether a code (or a code of a range) or a category is imaging guidance."""
    return any(c in ctx.guidance_codes for c in _expand(value)) or value in GUIDANCE_CATEGORIES


def _plural_referent(
    ctx: _Context, i: int, participants: list[Mention], clause_start: int
) -> list[Mention]:
    """ "those codes", "either code": the last list of codes named before the clause in the
    same sentence, else every code of the sentence before."""
    sentence = ctx.sentences[i]
    tail = ctx.text[clause_start : sentence.end].lower()
    earlier = [m for m in _codes(participants) if m.end <= clause_start]
    anaphor = ctx.lexicon.pattern("plural_anaphora").search(tail)
    if anaphor is not None and re.match(r"(?:either|both)\b", anaphor[0]):
        # "report 20611 instead of 20610; do not report 76942 with either code": the two named
        # before in the sentence, else the two last named before it
        distinct = list({m.value: m for m in earlier if not _is_diagnosis(m.value)}.values())
        if len(distinct) >= 2:
            return distinct[-2:]
        previous = _previous_in_paragraph(ctx, i, sentence.start)
        named = (
            {m.value: m for m in _codes(ctx.participants[i - 1]) if not _is_diagnosis(m.value)}
            if previous is not None
            else {}
        )
        if len(named) == 2:
            # "... injections (64490-64495) and ablation (64633-64636) include guidance. 77003 is
            # not reimbursable with either family of codes."
            return [_focus_mention(value, sentence.start)[0] for value in named]
        if len(ctx.history[i]) >= 2:
            return [_focus_mention(c, sentence.start)[0] for c in ctx.history[i][:2]]
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
    """ "do not report", "may not be billed", "is never billed", "cannot code", "not to report"."""
    negations = "|".join(re.escape(w) for w in ctx.lexicon.words("not_together", "negations"))
    verbs = "|".join(re.escape(w) for w in ctx.lexicon.words("not_together", "verbs"))
    return re.compile(
        rf"(?<![\w-])(?:(?P<neither>neither\s+(?:is|are|may|can|should|shall)(?:\s+be)?\s+)"
        rf"|(?:{negations})\s+(?:to\s+)?(?:be\s+)?)(?:separately\s+)?(?:{verbs})(?![\w-])",
        re.IGNORECASE,
    )


def _expand(value: str) -> list[str]:
    from ...codes import expand_range

    try:
        return expand_range(value)
    except ValueError:
        return [value]


@cache
def _alternation(lexicon: Lexicon, *path: str) -> str:
    """The phrases at a path of ``grammar.yaml`` as one regular-expression alternation."""
    return "|".join(r"\s+".join(map(re.escape, str(w).split())) for w in lexicon.words(*path))


@cache
def _ordinal_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    ordinals = _alternation(lexicon, "attributes", "ordinals")
    units = _alternation(lexicon, "attributes", "ordinal_units")
    return re.compile(rf"\b(?:{ordinals})\s+(?:[\w-]+\s+){{0,3}}(?:{units})\b", re.I)


def _slash_joined(ctx: _Context, side: list[Mention]) -> bool:
    """Whether a side's codes are joined by "/" ("64491 / 64494"): read in order, like
    "respectively", against another such side."""
    return all(
        re.fullmatch(r"\s*/\s*", ctx.text[a.end : b.start])
        for a, b in zip(side, side[1:], strict=False)
    )


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


def _conceded(ctx: _Context, at: int) -> bool:
    """Whether a modifier is named as making no difference: "even with modifier 59"."""
    return _CONCEDED.search(ctx.text, max(0, at - 40), at) is not None


# A line opened by a code, after an indent, a check box ("[ ] 64483", "☐ 64483") or a "+".
_LINE_CODE = re.compile(
    r"[ \t]*(?:\[[ xX✓✔]?\][ \t]*|[☐☑☒□■][ \t]*)?(?P<plus>\+)?[ \t]*"
    r"(?P<code>[0-9]{4}[0-9TFU]|[A-V][0-9]{4})\b"
)


def _kinship(ctx: _Context, code: str, other: str) -> tuple[int, int]:
    """How alike two codes are: both imaging guidance or both not, then the digits they share at
    the start."""
    if not code[:1].isdigit() and not code[:1].isupper():
        return (0, 0)  # a category, not a code
    same_kind = (code in ctx.guidance_codes) == (other in ctx.guidance_codes)
    shared = len(os.path.commonprefix([code, other]))
    return (int(same_kind), shared)


def _replacing(ctx: _Context, code: Mention) -> bool:
    """Whether a code is named as used in place of another ("62328 instead of 62270")."""
    rest = ctx.text[code.end : code.end + 40]
    gap = len(rest) - len(rest.lstrip(" ,\n\t"))
    return (
        ctx.lexicon.pattern("replacement", "instead_of").match(ctx.text, code.end + gap) is not None
    )


# "report", "bill CPT code": the verb that tells which code to use after "instead"
TOLD_TO_REPORT = r"(?:report|bill|code|use|assign)\s+(?:(?:cpt|hcpcs)\s+)?(?:codes?\s+)?"
_INSTEAD_TOLD = re.compile(rf"\binstead\s+{TOLD_TO_REPORT}$", re.I)


def _told_instead(ctx: _Context, code: Mention) -> bool:
    """Whether a code is the one "instead report 20552" tells to use: no pair with the codes it
    replaces."""
    return _INSTEAD_TOLD.search(ctx.text, max(0, code.start - 40), code.start) is not None


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


def _line_at(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


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
