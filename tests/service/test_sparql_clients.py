"""The endpoint as real SPARQL clients use it, over HTTP: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

from bundlekg import KnowledgeGraph

BK = "https://w3id.org/bundlekg/ontology#"
COUNT_CLAIMS = f"PREFIX bk: <{BK}> SELECT (COUNT(?claim) AS ?claims) WHERE {{ ?claim a bk:Claim }}"
CLAIM = "https://w3id.org/bundlekg/id/claim/003_37225522b298a619/62323-descriptor"


def claim_count(kg: KnowledgeGraph) -> int:
    rows = kg.query(COUNT_CLAIMS)
    assert isinstance(rows, list)
    return int(rows[0]["claims"].value)


def test_sparqlwrapper_select_json(live_server: str, kg: KnowledgeGraph) -> None:
    for method in ("GET", POST):
        sparql = SPARQLWrapper(f"{live_server}/sparql")
        sparql.setMethod(method)
        sparql.setQuery(COUNT_CLAIMS)
        sparql.setReturnFormat(JSON)
        result = sparql.query()
        assert result.info()["content-type"].startswith("application/sparql-results+json")
        answer = result.convert()
        assert isinstance(answer, dict)
        assert answer["head"]["vars"] == ["claims"]
        assert int(answer["results"]["bindings"][0]["claims"]["value"]) == claim_count(kg)


def test_sparqlwrapper_construct_turtle(live_server: str, kg: KnowledgeGraph) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{CLAIM}> {{ ?s ?p ?o }} }}"
    sparql = SPARQLWrapper(f"{live_server}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(TURTLE)
    result = sparql.query()
    assert result.info()["content-type"].startswith("text/turtle")
    turtle = result.convert()
    assert isinstance(turtle, bytes)
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    expected = kg.query(query)
    assert isinstance(expected, list)
    assert len(graph) == len(expected) > 3
    code = rdflib.URIRef("https://w3id.org/bundlekg/id/code/62323")
    regions = {str(o) for o in graph.objects(code, rdflib.URIRef(f"{BK}region"))}
    assert len(regions) == 2


def test_rdflib_sparqlstore_counts_claims(live_server: str, kg: KnowledgeGraph) -> None:
    store = SPARQLStore(query_endpoint=f"{live_server}/sparql")
    graph = rdflib.Graph(store=store)
    try:
        rows = list(graph.query(COUNT_CLAIMS))
    finally:
        graph.close()
    assert len(rows) == 1
    claims = rows[0][0]  # type: ignore[index]
    assert isinstance(claims, rdflib.Literal)
    assert claims.toPython() == claim_count(kg)


def test_rdflib_sparqlstore_ask_and_bindings(live_server: str) -> None:
    store = SPARQLStore(query_endpoint=f"{live_server}/sparql", method="POST_FORM")
    graph = rdflib.Graph(store=store)
    try:
        asked = graph.query(f"ASK {{ <{CLAIM}> a <{BK}Claim> }}")
        assert asked.askAnswer is True
        sources = graph.query(
            "PREFIX dct: <http://purl.org/dc/terms/> "
            f"SELECT ?document WHERE {{ ?s a <{BK}SourceDocument> ; dct:identifier ?document }} "
            "ORDER BY ?document"
        )
        documents = [str(row[0]) for row in sources]  # type: ignore[index]
    finally:
        graph.close()
    assert documents[0] == "000_438acad2e7e8b7ba" and len(documents) == 5
