"""Evaluation: precision and recall of extracted claims against the curated claims (gold).

Every assertion becomes one or more comparable facts:

- a fact is counted as written: ``[62320-62323, includes, 77003]`` is one fact, whose parts are
  the four facts of its codes. A fact is found (or correct) when the other side states every one
  of its parts in overlapping quotes, so a range and the same codes listed one by one compare
  equal, and a statement weighs the same whether a document writes its codes as a range of six
  or names one code;
- ``[B, integralTo, A]`` is ``[A, includes, B]``;
- a modifier statement with ``pairedWith`` is one pair fact per paired code or category; without
  it, a modifier fact of its modifier and code; ``meaning`` is not compared;
- a replacement compares its code, the code it replaces and its conditions; like a pair, it is
  one fact as written whose parts are the codes it replaces, each with its code to use (two
  ranges of one length correspond code by code, as in the graph), so "0213T-0218T in place of
  64490-64495" and six statements, 0213T for 64490 and so on, compare equal;
- a frequency compares code, maximum and period (not the unit); documentation and notes compare
  their subject only (their text is the curator's paraphrase); a descriptor compares its text
  with white space, case and end punctuation folded.

An extracted fact is correct when a gold fact is the same and the two quotes overlap; a gold fact
is found when an extracted one is the same and overlaps it. A fact stated twice in overlapping
quotes on one side counts once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..claims import PAIR_PROPERTIES, Assertion, Claim, Statement, Triple
from ..codes import expand_range, is_range, one_for_one
from ..documents import Document, load_corpus
from ..reviews import REVIEWS_DIR, load_review_files
from .candidates import Candidate
from .extractor import extract
from .lexicon import Lexicon, load_lexicon

Key = tuple[str, ...]

__all__ = [
    "ClaimType",
    "DocumentScore",
    "Evaluation",
    "Fact",
    "Score",
    "evaluate",
    "evaluate_document",
    "facts_of",
]


class ClaimType(Enum):
    """Kinds of fact, scored apart; ``pair`` decides ``ask``."""

    PAIR = "pair"
    ATTRIBUTE = "attribute"
    FREQUENCY = "frequency"
    MODIFIER = "modifier"
    DOCUMENTATION = "documentation"
    INDICATION = "indication"
    NOTE = "note"


_ATTRIBUTE_PROPERTIES = {
    "descriptor",
    "region",
    "approach",
    "includesGuidance",
    "excludesGuidance",
    "guidanceModality",
    "guidanceRegion",
    "catheter",
    "addOn",
    "category",
    "guidedVariantOf",
}


@dataclass(frozen=True)
class Fact:
    """One comparable fact as written, its parts (one per code of its ranges) and its quote."""

    type: ClaimType
    key: tuple[str, ...]
    start: int
    end: int
    parts: frozenset[tuple[str, ...]] = frozenset()

    def __post_init__(self) -> None:
        if not self.parts:
            object.__setattr__(self, "parts", frozenset({self.key}))

    def near(self, other: Fact) -> bool:
        """Whether the two quotes overlap."""
        return self.start < other.end and other.start < self.end

    def overlaps(self, other: Fact) -> bool:
        return self.parts == other.parts and self.near(other)

    def covered_by(self, others: Iterable[Fact]) -> bool:
        """Whether facts in overlapping quotes state every part of this one."""
        stated: set[tuple[str, ...]] = set()
        for other in others:
            if other.type is self.type and self.near(other):
                stated |= other.parts
        return self.parts <= stated


def _codes(text: str) -> list[str]:
    value = text.strip()
    if is_range(value):
        try:
            return expand_range(value)
        except ValueError:
            return [value.upper()]
    return [value.upper() if re.fullmatch(r"[0-9A-Za-z.]+", value) else value]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip("“”\"'.").lower()


def _written(value: str) -> str:
    return value.strip().upper() if re.fullmatch(r"[0-9A-Za-z.\s-]+", value) else value.strip()


def _triple_facts(triple: Triple) -> Iterator[tuple[ClaimType, tuple[str, ...], frozenset[Key]]]:
    """A pair triple as one fact written with its ranges; other triples one fact per code."""
    prop = triple.property
    if prop in PAIR_PROPERTIES:
        subject, obj = triple.subject, triple.object
        if prop == "integralTo":
            prop, subject, obj = "includes", obj, subject
        parts = frozenset((s, prop, o) for s in _codes(subject) for o in _codes(obj))
        yield ClaimType.PAIR, (_written(subject), prop, _written(obj)), parts
        return
    keys = list(_triple_keys(triple))
    if keys:
        kind, first = keys[0]
        yield kind, (_written(triple.subject), *first[1:]), frozenset(k for _, k in keys)


def _triple_keys(triple: Triple) -> Iterator[tuple[ClaimType, tuple[str, ...]]]:
    prop = triple.property
    if prop in _ATTRIBUTE_PROPERTIES:
        value = _fold(triple.object) if prop == "descriptor" else triple.object.lower()
        for s in _codes(triple.subject):
            yield ClaimType.ATTRIBUTE, (s, prop, value)
    elif prop == "indicatedFor":
        for s in _codes(triple.subject):
            yield ClaimType.INDICATION, (s, prop, triple.object.upper())
    else:
        for s in _codes(triple.subject):
            yield ClaimType.NOTE, (s, prop)


def _narrowed(statement: Statement, code: str, paired: str) -> Statement:
    """The statement about one of its code values (and one paired value)."""
    values = {"code": (code,), "pairedWith": (paired,) if paired else ()}
    parts = tuple((n, values.get(n, v)) for n, v in statement.parts)
    return Statement(statement.kind, parts, statement.line)


def _statement_facts(
    statement: Statement,
) -> Iterator[tuple[ClaimType, tuple[str, ...], frozenset[Key]]]:
    """A statement as written: one fact per code value (and paired value) it names."""
    if statement.kind == "replacement":
        replaced = [k for _, k in _statement_keys(statement)]
        if not replaced:
            return
        code = ",".join(_written(v) for v in statement.get("code"))
        written = ",".join(_written(v) for v in statement.get("insteadOf"))
        key = (replaced[0][0], code, written, *replaced[0][3:])
        yield ClaimType.PAIR, key, frozenset(replaced)
        return
    codes = statement.get("code") or ("",)
    paired = statement.get("pairedWith") if statement.kind == "modifier" else ()
    if not (len(codes) > 1 or paired):
        groups = [statement]
    else:
        groups = [
            _narrowed(statement, code, other) for code in codes for other in (paired or ("",))
        ]
    for group in groups:
        keys = list(_statement_keys(group))
        if keys:
            kind, first = keys[0]
            if len(keys) > 1 and statement.kind == "modifier":
                # one written code (a range): the modifier, the code as written, the paired value
                first = (*first[:2], *map(_written, group.get("code")), *first[3:])
            elif len(keys) > 1:
                first = (first[0], *map(_written, group.get("code")), *first[2:])
            yield kind, first, frozenset(k for _, k in keys)


def _statement_keys(statement: Statement) -> Iterator[tuple[ClaimType, tuple[str, ...]]]:
    codes = [c for v in statement.get("code") for c in _codes(v)] or [""]
    if statement.kind == "modifier":
        modifier = statement.get("modifier")[0].upper() if statement.get("modifier") else ""
        paired = [c for v in statement.get("pairedWith") for c in _codes(v)]
        for code in codes:
            if paired:
                for other in paired:
                    yield ClaimType.PAIR, ("modifier", modifier, code, other)
            else:
                yield ClaimType.MODIFIER, ("modifier", modifier, code)
    elif statement.kind == "replacement":
        conditions = sorted(
            f"{name}={value.lower()}"
            for name, values in statement.parts
            if name.startswith("when")
            for value in values
        )
        replaced = [c for v in statement.get("insteadOf") for c in _codes(v)]
        for new, old in one_for_one([c for c in codes if c], replaced):
            yield ClaimType.PAIR, ("replacement", new or "", old, *conditions)
    elif statement.kind == "frequency":
        for code in codes:
            maximum = statement.get("max")[0] if statement.get("max") else ""
            per = statement.get("per")[0] if statement.get("per") else ""
            yield ClaimType.FREQUENCY, ("frequency", code, maximum, per)
    elif statement.kind == "documentation":
        for code in codes:
            yield ClaimType.DOCUMENTATION, ("documentation", code)
    else:
        yield ClaimType.NOTE, (statement.kind, *codes)


def facts_of(assertions: Iterable[Assertion], start: int, end: int) -> list[Fact]:
    """The comparable facts of a claim's assertions, at the claim's quote."""
    facts: list[Fact] = []
    for assertion in assertions:
        if isinstance(assertion, Triple):
            facts.extend(
                Fact(k, key, start, end, parts) for k, key, parts in _triple_facts(assertion)
            )
        else:
            facts.extend(
                Fact(k, key, start, end, parts) for k, key, parts in _statement_facts(assertion)
            )
    return facts


def _unique(facts: list[Fact]) -> list[Fact]:
    kept: list[Fact] = []
    for fact in facts:
        if not any(k.overlaps(fact) for k in kept):
            kept.append(fact)
    return kept


@dataclass
class Score:
    """Counts behind precision and recall."""

    extracted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    def add(self, other: Score) -> None:
        self.extracted += other.extracted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found

    @property
    def precision(self) -> float | None:
        return self.correct / self.extracted if self.extracted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)


@dataclass
class DocumentScore:
    """One document's scores per claim type, with the facts missed and the facts extra."""

    document: str
    corpus: Path
    by_type: dict[ClaimType, Score] = field(default_factory=dict)
    missed: list[Fact] = field(default_factory=list)
    extra: list[Fact] = field(default_factory=list)

    def score(self, kind: ClaimType) -> Score:
        return self.by_type.setdefault(kind, Score())


@dataclass
class Evaluation:
    """Scores of every reviewed document of the corpora evaluated."""

    documents: list[DocumentScore] = field(default_factory=list)

    def total(self, kind: ClaimType | None = None) -> Score:
        """Counts summed over documents, for one claim type or all but notes."""
        total = Score()
        for document in self.documents:
            for k, score in document.by_type.items():
                if (kind is None and k is not ClaimType.NOTE) or k is kind:
                    total.add(score)
        return total


def evaluate_document(
    document: Document,
    gold_claims: list[Claim],
    candidates: list[Candidate],
    corpus: Path,
) -> DocumentScore:
    """Score one document's candidates against its curated claims."""
    gold = _unique([f for c in gold_claims for f in facts_of(c.assertions, c.start, c.end)])
    extracted = _unique([f for c in candidates for f in facts_of(c.assertions, c.start, c.end)])
    result = DocumentScore(document.id, corpus)
    for fact in extracted:
        score = result.score(fact.type)
        score.extracted += 1
        if fact.covered_by(gold):
            score.correct += 1
        else:
            result.extra.append(fact)
    for fact in gold:
        score = result.score(fact.type)
        score.gold += 1
        if fact.covered_by(extracted):
            score.found += 1
        else:
            result.missed.append(fact)
    return result


def evaluate(corpora: Iterable[Path], lexicon: Lexicon | None = None) -> Evaluation:
    """Scores for every document with a review file in the given corpus directories.

    :raises InputError: for a bad corpus, manifest or review file.
    """
    grammar = lexicon or load_lexicon()
    evaluation = Evaluation()
    for corpus in corpora:
        documents = load_corpus(corpus)
        reviews = load_review_files(corpus / REVIEWS_DIR, [d.id for d in documents])
        for document in documents:
            review = reviews.get(document.id)
            if review is None:
                continue
            candidates = extract(document, grammar)
            evaluation.documents.append(
                evaluate_document(document, review.claims, candidates, corpus)
            )
    return evaluation
