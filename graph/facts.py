"""The grammar of assertions: which properties exist, what their subjects and objects are,
and how each becomes RDF in the claim's own named graph.

This is where ``[62323, includesGuidance, fluoroscopy]`` is checked (62323 is a code, fluoroscopy
a modality of ``ontology/modalities.ttl``) and turned into
``bkid:code/62323 bk:includesGuidance bkid:modality/fluoroscopy``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, auto

from pyoxigraph import Literal, NamedNode, Quad

from . import codes
from .claims import Claim, Statement, Triple
from .terms import BK, RDF, XSD, code_iri, statement_iri
from .vocabulary import Vocabulary

__all__ = ["STATEMENTS", "TRIPLES", "ClaimFacts", "FactError", "claim_facts"]


class Kind(Enum):
    """What a slot of an assertion holds."""

    CODE = auto()
    CODE_OR_CATEGORY = auto()
    TEXT = auto()
    BOOLEAN = auto()
    TRUE = auto()
    INTEGER = auto()
    CONCEPT = auto()


@dataclass(frozen=True)
class Slot:
    kind: Kind
    scheme: str | None = None


CODE = Slot(Kind.CODE)
CODE_OR_CATEGORY = Slot(Kind.CODE_OR_CATEGORY)
TEXT = Slot(Kind.TEXT)
BOOLEAN = Slot(Kind.BOOLEAN)
INTEGER = Slot(Kind.INTEGER)


def concept(scheme: str) -> Slot:
    return Slot(Kind.CONCEPT, scheme)


@dataclass(frozen=True)
class Property:
    """A property of the triple form: its RDF predicate and what its subject and object hold."""

    predicate: NamedNode
    subject: Slot
    object: Slot


TRIPLES: dict[str, Property] = {
    "descriptor": Property(BK.descriptor, CODE, TEXT),
    "region": Property(BK.region, CODE, concept("region")),
    "approach": Property(BK.approach, CODE, concept("approach")),
    "includesGuidance": Property(BK.includesGuidance, CODE, concept("modality")),
    "excludesGuidance": Property(BK.excludesGuidance, CODE, concept("modality")),
    "guidanceModality": Property(BK.guidanceModality, CODE, concept("modality")),
    "guidanceRegion": Property(BK.guidanceRegion, CODE, concept("region")),
    "catheter": Property(BK.catheterPlacement, CODE, BOOLEAN),
    "addOn": Property(RDF.type, CODE, Slot(Kind.TRUE)),
    "category": Property(BK.category, CODE, concept("category")),
    "guidedVariantOf": Property(BK.guidedVariantOf, CODE, CODE),
    "includes": Property(BK.includes, CODE_OR_CATEGORY, CODE_OR_CATEGORY),
    "integralTo": Property(BK.integralTo, CODE_OR_CATEGORY, CODE_OR_CATEGORY),
    "separatelyReportableWith": Property(
        BK.separatelyReportableWith, CODE_OR_CATEGORY, CODE_OR_CATEGORY
    ),
    "addOnTo": Property(BK.addOnTo, CODE_OR_CATEGORY, CODE_OR_CATEGORY),
    "indicatedFor": Property(BK.indicatedFor, CODE, CODE),
    "note": Property(BK.note, CODE_OR_CATEGORY, TEXT),
}


@dataclass(frozen=True)
class Part:
    """One key of a many-part statement."""

    predicate: NamedNode
    slot: Slot
    required: bool = False
    many: bool = False


@dataclass(frozen=True)
class StatementForm:
    """A many-part statement: its RDF class and its keys. ``code`` is the key a range expands on."""

    rdf_class: NamedNode
    parts: dict[str, Part]


STATEMENTS: dict[str, StatementForm] = {
    "replacement": StatementForm(
        BK.Replacement,
        {
            "code": Part(BK.replacementCode, CODE),
            "insteadOf": Part(BK.insteadOf, CODE, required=True),
            "whenRegion": Part(BK.whenRegion, concept("region"), many=True),
            "whenApproach": Part(BK.whenApproach, concept("approach"), many=True),
            "whenCatheter": Part(BK.whenCatheter, BOOLEAN),
            "whenGuidance": Part(BK.whenGuidance, concept("modality"), many=True),
            "whenReportedWith": Part(BK.whenReportedWith, CODE, many=True),
        },
    ),
    "modifier": StatementForm(
        BK.ModifierUse,
        {
            "modifier": Part(BK.modifier, concept("modifier"), required=True),
            "code": Part(BK.code, CODE, required=True),
            "pairedWith": Part(BK.pairedWith, CODE_OR_CATEGORY, many=True),
            "meaning": Part(BK.meaning, TEXT),
        },
    ),
    "frequency": StatementForm(
        BK.FrequencyLimit,
        {
            "code": Part(BK.code, CODE, required=True),
            "max": Part(BK.maxUnits, INTEGER, required=True),
            "per": Part(BK.per, concept("period"), required=True),
            "unit": Part(BK.unit, TEXT),
        },
    ),
    "documentation": StatementForm(
        BK.DocumentationRequirement,
        {
            "code": Part(BK.code, CODE, required=True),
            "requirement": Part(BK.requirement, TEXT, required=True),
        },
    ),
}

Term = NamedNode | Literal


class FactError(ValueError):
    """An assertion that does not fit the grammar; the caller adds file, line and claim."""

    def __init__(self, message: str, line: int | None, field: str) -> None:
        super().__init__(message)
        self.line = line
        self.field = field


class _Resolver:
    """Turns the words of one assertion into RDF terms, collecting the codes it mentions."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.codes: set[str] = set()
        self.ranges: dict[str, list[str]] = {}

    def terms(self, text: str, slot: Slot) -> list[Term]:
        if slot.kind is Kind.TEXT:
            if not text:
                raise ValueError("the text is empty")
            return [Literal(text)]
        if slot.kind is Kind.BOOLEAN:
            if text.lower() not in ("true", "false"):
                raise ValueError(f"must be true or false, got {text!r}")
            return [Literal(text.lower(), datatype=XSD.boolean)]
        if slot.kind is Kind.TRUE:
            if text.lower() != "true":
                raise ValueError(f"can only be true, got {text!r}")
            return [BK.AddOnCode]
        if slot.kind is Kind.INTEGER:
            if not text.isdigit():
                raise ValueError(f"must be a whole number, got {text!r}")
            return [Literal(text, datatype=XSD.integer)]
        if slot.kind is Kind.CONCEPT:
            assert slot.scheme is not None
            return [self.vocabulary.lookup(slot.scheme, text)]
        if slot.kind is Kind.CODE_OR_CATEGORY and self.vocabulary.has("category", text):
            return [self.vocabulary.lookup("category", text)]
        try:
            expanded = codes.expand_range(text)
        except ValueError as error:
            if slot.kind is Kind.CODE_OR_CATEGORY:
                raise ValueError(f"{error}, nor a category name") from None
            raise
        self.codes.update(expanded)
        if codes.is_range(text):
            self.ranges[f"{expanded[0]}-{expanded[-1]}"] = expanded
        return [code_iri(code) for code in expanded]


def _triple_quads(triple: Triple, graph: NamedNode, resolver: _Resolver) -> Iterator[Quad]:
    prop = TRIPLES.get(triple.property)
    if prop is not None and triple.subject.strip().upper() == triple.object.strip().upper():
        raise FactError(
            f"{triple.property}: subject and object are the same ({triple.subject})",
            triple.line,
            "asserts",
        )
    if prop is None:
        allowed = ", ".join(sorted(TRIPLES))
        raise FactError(
            f"unknown property {triple.property!r}; use one of: {allowed}", triple.line, "asserts"
        )
    try:
        subjects = resolver.terms(triple.subject, prop.subject)
    except ValueError as error:
        raise FactError(f"subject of {triple.property}: {error}", triple.line, "asserts") from None
    try:
        objects = resolver.terms(triple.object, prop.object)
    except ValueError as error:
        raise FactError(f"object of {triple.property}: {error}", triple.line, "asserts") from None
    for subject in subjects:
        assert isinstance(subject, NamedNode)
        for obj in objects:
            if prop.object.kind is Kind.TRUE:
                yield Quad(subject, RDF.type, obj, graph)
            elif subject != obj:
                yield Quad(subject, prop.predicate, obj, graph)


def _statement_quads(
    statement: Statement, graph: NamedNode, resolver: _Resolver, index: int
) -> Iterator[Quad]:
    form = STATEMENTS.get(statement.kind)
    if form is None:
        allowed = ", ".join(sorted([*STATEMENTS, "[subject, property, object]"]))
        raise FactError(
            f"unknown statement {statement.kind!r}; use one of: {allowed}",
            statement.line,
            "asserts",
        )
    given = {name for name, _ in statement.parts}
    unknown = sorted(given - set(form.parts))
    if unknown:
        raise FactError(
            f"{statement.kind}: unknown key(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(form.parts)}",
            statement.line,
            "asserts",
        )
    resolved: dict[str, list[Term]] = {}
    for name, part in form.parts.items():
        values = statement.get(name)
        if not values:
            if part.required:
                raise FactError(f"{statement.kind} needs {name!r}", statement.line, "asserts")
            continue
        if len(values) > 1 and not part.many:
            raise FactError(
                f"{statement.kind}: {name!r} takes one value, got {len(values)}",
                statement.line,
                "asserts",
            )
        try:
            resolved[name] = [t for v in values for t in resolver.terms(v, part.slot)]
        except ValueError as error:
            raise FactError(
                f"{statement.kind}: {name}: {error}", statement.line, "asserts"
            ) from None
    # A range in ``code`` (and in ``insteadOf``) makes one statement per code, so each
    # statement is about one code.
    heads = [*resolved.pop("code", [])]
    replaced = resolved.pop("insteadOf", []) if statement.kind == "replacement" else []
    for offset, keys in enumerate(_one_code_each(heads, replaced)):
        node = statement_iri(graph, index * 1000 + offset)
        yield Quad(node, RDF.type, form.rdf_class, graph)
        for name, term in keys.items():
            yield Quad(node, form.parts[name].predicate, term, graph)
        for name, terms in resolved.items():
            for term in terms:
                yield Quad(node, form.parts[name].predicate, term, graph)


def _one_code_each(heads: list[Term], replaced: list[Term]) -> list[dict[str, Term]]:
    """The ``code`` and ``insteadOf`` of each statement a statement with ranges stands for."""
    if not replaced:
        return [{"code": head} for head in heads] or [{}]
    return [
        {"insteadOf": old} | ({} if new is None else {"code": new})
        for new, old in codes.one_for_one(heads, replaced)
    ]


@dataclass(frozen=True)
class ClaimFacts:
    """What a claim asserts as quads in its own graph, and the codes and ranges it mentions."""

    quads: list[Quad]
    codes: set[str]
    ranges: dict[str, list[str]]


def claim_facts(claim: Claim, graph: NamedNode, vocabulary: Vocabulary) -> ClaimFacts:
    """The quads a claim asserts, in its graph, and the codes they mention.

    :raises FactError: for the first assertion that does not fit the grammar.
    """
    resolver = _Resolver(vocabulary)
    quads: list[Quad] = []
    for index, assertion in enumerate(claim.assertions):
        if isinstance(assertion, Triple):
            quads.extend(_triple_quads(assertion, graph, resolver))
        else:
            quads.extend(_statement_quads(assertion, graph, resolver, index))
    return ClaimFacts(quads, resolver.codes, resolver.ranges)
