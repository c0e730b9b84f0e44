"""Running the rules of ``queries/rules/`` to a fixpoint, keeping every derived fact's premises.

Each rule is a CONSTRUCT that describes derivations (see ``queries/rules/README.md``). A
derivation is named by a digest of its rule, its facts and the source documents behind its
premises: the same conclusion reached again from the same sources adds nothing, which is what
makes the loop end, while the same conclusion from another source is kept as further evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store, Triple

from .errors import BuildError
from .resources import rule_names
from .sparql import construct, select
from .terms import BK, PROV, RDF, derivation_iri, statement_iri

__all__ = ["MAX_PASSES", "RuleReport", "apply_rules"]

MAX_PASSES = 25

_Node = NamedNode | BlankNode
_Object = NamedNode | BlankNode | Literal


@dataclass
class RuleReport:
    """How many derivations each rule added, and in how many passes the rules settled."""

    derived: dict[str, int] = field(default_factory=dict)
    passes: int = 0

    @property
    def total(self) -> int:
        return sum(self.derived.values())


@dataclass(frozen=True)
class _Derivation:
    premises: tuple[NamedNode, ...]
    main: tuple[NamedNode, ...]
    facts: tuple[tuple[_Node, NamedNode, _Object], ...]


def _named_objects(triples: list[Triple], predicate: NamedNode) -> list[NamedNode]:
    """The named-node objects of one predicate, sorted for a stable fingerprint."""
    found = {t.object for t in triples if t.predicate == predicate}
    return sorted((n for n in found if isinstance(n, NamedNode)), key=lambda n: n.value)


def _derivations(triples: Iterable[Triple]) -> list[_Derivation]:
    """Group a rule's CONSTRUCT output into derivations with their premises and facts."""
    by_subject: dict[_Node, list[Triple]] = defaultdict(list)
    for triple in triples:
        by_subject[triple.subject].append(triple)  # type: ignore[index]
    found: list[_Derivation] = []
    for triples_of in list(by_subject.values()):
        premises = _named_objects(triples_of, PROV.wasDerivedFrom)
        main = _named_objects(triples_of, BK.mainPremise)
        facts: list[tuple[_Node, NamedNode, _Object]] = []
        for t in triples_of:
            if t.predicate != BK.derives:
                continue
            parts = {p.predicate: p.object for p in by_subject.get(t.object, [])}  # type: ignore[arg-type]
            s, p, o = parts.get(RDF.subject), parts.get(RDF.predicate), parts.get(RDF.object)
            if (
                isinstance(s, NamedNode | BlankNode)
                and isinstance(p, NamedNode)
                and isinstance(o, NamedNode | BlankNode | Literal)
            ):
                facts.append((s, p, o))
        if premises and facts:
            found.append(_Derivation(tuple(premises), tuple(main), tuple(facts)))
    found.sort(key=lambda d: [p.value for p in d.premises])
    return found


def _text(term: _Node | _Object) -> str:
    return "_" if isinstance(term, BlankNode) else str(term)


class _Engine:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.sources: dict[str, frozenset[str]] = {
            row["claim"].value: frozenset([row["document"].value])
            for row in select(store, "claim_documents")
        }
        self.known: set[str] = set()

    def add(self, rule: str, derivation: _Derivation) -> bool:
        documents = frozenset().union(
            *(self.sources.get(p.value, frozenset()) for p in derivation.premises)
        )
        facts = sorted(derivation.facts, key=lambda f: tuple(_text(x) for x in f))
        fingerprint = "|".join(
            [rule, *sorted(documents), *(" ".join(_text(x) for x in f) for f in facts)]
        )
        node = derivation_iri(fingerprint)
        if node.value in self.known:
            return False
        self.known.add(node.value)
        self.sources[node.value] = documents
        names: dict[BlankNode, NamedNode] = {}

        def name(term: _Node | _Object) -> NamedNode | Literal:
            if isinstance(term, BlankNode):
                if term not in names:
                    names[term] = statement_iri(node, len(names))
                return names[term]
            return term

        quads = [
            Quad(node, RDF.type, BK.Derivation, DefaultGraph()),
            Quad(node, BK.rule, Literal(rule), DefaultGraph()),
            *(Quad(node, PROV.wasDerivedFrom, p, DefaultGraph()) for p in derivation.premises),
            *(Quad(node, BK.mainPremise, p, DefaultGraph()) for p in derivation.main),
        ]
        for s, p, o in facts:
            subject = name(s)
            assert isinstance(subject, NamedNode)
            quads.append(Quad(subject, p, name(o), node))
        self.store.extend(quads)
        return True


def apply_rules(store: Store) -> RuleReport:
    """Run every rule until a whole pass derives nothing new.

    :raises BuildError: when the rules still derive new facts after :data:`MAX_PASSES` passes.
    """
    engine = _Engine(store)
    report = RuleReport(derived={name.removeprefix("rules/"): 0 for name in rule_names()})
    for number in range(1, MAX_PASSES + 1):
        report.passes = number
        added = 0
        for name in rule_names():
            rule = name.removeprefix("rules/")
            for derivation in _derivations(construct(store, name)):
                if engine.add(rule, derivation):
                    report.derived[rule] += 1
                    added += 1
        if added == 0:
            return report
    raise BuildError(
        f"the rules still derived new facts after {MAX_PASSES} passes; a rule in queries/rules/ "
        "probably feeds on its own conclusions"
    )
