"""Running the rules of ``queries/rules/`` to a fixpoint, keeping every derived fact's premises.

Each rule is a CONSTRUCT that describes derivations (see ``queries/rules/README.md``). A
derivation is named by a digest of its rule, its facts and the source documents behind its
premises: the same conclusion reached again from the same sources adds nothing, which is what
makes the loop end, while the same conclusion from another source is kept as further evidence.

A rule runs again only when a derivation since its last run stated a predicate its WHERE clause
reads (read from the query's algebra with rdflib): what it would find is unchanged otherwise, so
the pass that only confirms the fixpoint runs few rules. When it runs again it asks only for
derivations with a premise new since its last run (``build:derivation-order``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store, Triple
from rdflib import URIRef, Variable
from rdflib.paths import Path
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from .errors import BuildError
from .resources import query_text, rule_names
from .sparql import construct, select
from .terms import BK, BKID, PROV, RDF, derivation_iri, statement_iri

__all__ = ["MAX_PASSES", "RuleReport", "apply_rules"]

MAX_PASSES = 25

_Node = NamedNode | BlankNode
_Object = NamedNode | BlankNode | Literal


@dataclass
class RuleReport:
    """How many derivations each rule added, in how many passes the rules settled, and how many
    times a rule was run (a rule whose inputs did not change since its last run is not)."""

    derived: dict[str, int] = field(default_factory=dict)
    passes: int = 0
    runs: int = 0

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


# Each premise graph's place in the order derivations were made (0 for what was stated), kept in
# a graph of its own while the rules run, so a rule can ask only for premises new since it last
# ran; the graph is dropped when the rules settle.
ORDER_GRAPH = NamedNode(f"{BKID}build/derivation-order")
ORDER = NamedNode(f"{BKID}build/order")
SINCE = NamedNode(f"{BKID}build/since")
RULE_RUN = NamedNode(f"{BKID}build/rule-run")


class _Engine:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.sources: dict[str, frozenset[str]] = {
            row["claim"].value: frozenset([row["document"].value])
            for row in select(store, "claim_documents")
        }
        self.known: set[str] = set()
        self.order = 0
        stated = [g for g in store.named_graphs() if isinstance(g, NamedNode)]
        store.extend(Quad(g, ORDER, Literal(0), ORDER_GRAPH) for g in stated)

    def since(self, order: int) -> None:
        """Let the next rule run ask only for premises of at least this order."""
        for quad in list(self.store.quads_for_pattern(RULE_RUN, SINCE, None, ORDER_GRAPH)):
            self.store.remove(quad)
        self.store.add(Quad(RULE_RUN, SINCE, Literal(order), ORDER_GRAPH))

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

        self.order += 1
        quads = [
            Quad(node, ORDER, Literal(self.order), ORDER_GRAPH),
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


@cache
def predicates_read(name: str) -> frozenset[str] | None:
    """The predicates a rule's WHERE clause matches (of ``rdf:type``, the classes), or None if
    it may match any (a variable in predicate position that no VALUES clause lists)."""
    where = prepareQuery(query_text(name)).algebra["p"]
    listed: dict[Variable, set[str]] = defaultdict(set)
    patterns: list[tuple[object, object, object]] = []
    for node in _nodes(where):
        if node.name == "values":
            for row in node["res"]:
                for variable, value in row.items():
                    listed[variable].add(str(value))
        elif node.name == "BGP":
            patterns += node["triples"]
    found: set[str] = set()
    for _, predicate, thing in patterns:
        if predicate == RDF_TYPE:
            # "?c a bk:ProcedureCategory" reads statements of that class only
            found.add(_typed(str(thing)) if isinstance(thing, URIRef) else _ANY_TYPE)
        elif isinstance(predicate, URIRef):
            found.add(str(predicate))
        elif isinstance(predicate, Path):
            found.update(str(term) for term in _path_terms(predicate))
        elif isinstance(predicate, Variable) and listed.get(predicate):
            found.update(listed[predicate])
        else:
            return None
    return frozenset(found - {ORDER.value, SINCE.value})  # the build's own order, no facts


RDF_TYPE = URIRef(RDF.type.value)
_ANY_TYPE = f"{RDF_TYPE} *"


def _typed(class_iri: str) -> str:
    return f"{RDF_TYPE} {class_iri}"


def _stated(predicate: NamedNode, thing: _Object) -> str:
    """What a derived fact states, as rules read it: its predicate, or its class."""
    if predicate == RDF.type:
        return _typed(thing.value if isinstance(thing, NamedNode) else "_")
    return predicate.value


def _affected(reads: frozenset[str], stated: Iterable[str]) -> bool:
    any_type = _ANY_TYPE in reads
    return any(s in reads or (any_type and s.startswith(f"{RDF_TYPE} ")) for s in stated)


def _nodes(node: object) -> Iterator[CompValue]:
    """Every algebra node under ``node``."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _nodes(item)


def _path_terms(path: Path) -> Iterator[URIRef]:
    """The predicates of a property path ("skos:broader+", "bk:a/bk:b")."""
    for attribute in ("args", "path", "arg"):
        parts = getattr(path, attribute, None)
        for part in parts if isinstance(parts, list) else [parts]:
            if isinstance(part, URIRef):
                yield part
            elif isinstance(part, Path):
                yield from _path_terms(part)


# What recording a derivation states besides its facts (its type, rule and premises).
_DERIVATION_STATES = [
    _typed(BK.Derivation.value),
    BK.rule.value,
    PROV.wasDerivedFrom.value,
    BK.mainPremise.value,
]


def apply_rules(store: Store) -> RuleReport:
    """Run every rule until a whole pass derives nothing new, each rule only when what it
    reads has changed since it last ran.

    :raises BuildError: when the rules still derive new facts after :data:`MAX_PASSES` passes.
    """
    engine = _Engine(store)
    try:
        return _settle(store, engine)
    finally:
        store.remove_graph(ORDER_GRAPH)


def _settle(store: Store, engine: _Engine) -> RuleReport:
    names = rule_names()
    report = RuleReport(derived={name.removeprefix("rules/"): 0 for name in names})
    stated: list[str] = []  # what every derived fact stated, in the order derived
    last_run: dict[str, tuple[int, int]] = {}  # where ``stated`` and the order stood then
    for number in range(1, MAX_PASSES + 1):
        report.passes = number
        added = 0
        for name in names:
            reads = predicates_read(name)
            seen, order = last_run.get(name, (0, -1))
            if name in last_run and reads is not None and not _affected(reads, stated[seen:]):
                continue  # nothing it reads was derived since its last run
            last_run[name] = (len(stated), engine.order)
            report.runs += 1
            rule = name.removeprefix("rules/")
            engine.since(order + 1)
            before = added
            for derivation in _derivations(construct(store, name)):
                if engine.add(rule, derivation):
                    report.derived[rule] += 1
                    added += 1
                    stated += [_stated(p, o) for _, p, o in derivation.facts]
            if added > before:
                stated += _DERIVATION_STATES
        if added == 0:
            return report
    raise BuildError(
        f"the rules still derived new facts after {MAX_PASSES} passes; a rule in queries/rules/ "
        "probably feeds on its own conclusions"
    )
