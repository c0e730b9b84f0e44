"""A SPARQL server as a store: the same answers as the embedded store, over a real
``oxigraph serve``; URLs, credentials and bound values as the protocol wants them."""

from __future__ import annotations

import itertools

import httpx
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, RdfFormat, Variable

from bundlekg import KnowledgeGraph, open_graph
from bundlekg.errors import QueryError, StoreError
from bundlekg.remote import Endpoints, RemoteStore, RemoteTriples, auth_from_env, with_values
from bundlekg.sparql import select
from bundlekg.terms import code_iri
from tests.conftest import OxigraphServer


@pytest.fixture(scope="module")
def remote_kg(remote_store: OxigraphServer) -> KnowledgeGraph:
    return open_graph(remote_store.endpoint, answer_cache=0)


def test_oxigraph_layout_gives_the_sibling_urls() -> None:
    endpoints = Endpoints.of("http://db.example:7878/query")
    assert endpoints.update == "http://db.example:7878/update"
    assert endpoints.graph_store == "http://db.example:7878/store"


def test_fuseki_urls_are_given_explicitly() -> None:
    endpoints = Endpoints.of("https://db.example/ds/sparql")
    assert endpoints.update is None and endpoints.graph_store is None
    with pytest.raises(StoreError, match="--update-endpoint"):
        endpoints.writable()
    given = Endpoints.of(
        "https://db.example/ds/query", "https://db.example/ds/update", "https://db.example/ds/data"
    )
    assert given.writable() == ("https://db.example/ds/update", "https://db.example/ds/data")


def test_a_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(StoreError, match="not an http"):
        Endpoints.of("ftp://db.example/query")


def test_credentials_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    request = httpx.Request("GET", "http://db.example/query")
    monkeypatch.delenv("BUNDLEKG_REMOTE_TOKEN", raising=False)
    monkeypatch.delenv("BUNDLEKG_REMOTE_USER", raising=False)
    assert auth_from_env() is None
    monkeypatch.setenv("BUNDLEKG_REMOTE_USER", "coder")
    monkeypatch.setenv("BUNDLEKG_REMOTE_PASSWORD", "s3cret")
    basic = auth_from_env()
    assert basic is not None
    assert next(basic.auth_flow(request)).headers["Authorization"].startswith("Basic ")
    monkeypatch.setenv("BUNDLEKG_REMOTE_TOKEN", "t0ken")
    bearer = auth_from_env()
    assert bearer is not None
    assert next(bearer.auth_flow(request)).headers["Authorization"] == "Bearer t0ken"


def test_bound_values_travel_as_a_trailing_values_block() -> None:
    query = "SELECT ?a ?b WHERE { ?a ?p ?b }"
    bound = with_values(query, {Variable("a"): code_iri("62323"), Variable("b"): Literal("x")})
    assert bound.startswith(query)
    assert bound.rstrip().endswith(f'VALUES (?a ?b) {{ ({code_iri("62323")} "x") }}')
    assert with_values(query, None) == query
    with pytest.raises(QueryError, match="cannot be sent"):
        with_values(query, {Variable("a"): BlankNode()})


def test_every_pair_answer_is_the_same_as_embedded(
    kg: KnowledgeGraph, remote_kg: KnowledgeGraph
) -> None:
    codes = sorted({row["notation"].value for row in select(kg.store, "search_codes")})[:14]
    assert len(codes) >= 10
    for a, b in itertools.combinations(codes, 2):
        assert remote_kg.reportable(a, b).as_dict() == kg.reportable(a, b).as_dict(), (a, b)


def test_code_conflicts_and_sources_are_the_same_as_embedded(
    kg: KnowledgeGraph, remote_kg: KnowledgeGraph
) -> None:
    assert remote_kg.code("62323").as_dict() == kg.code("62323").as_dict()
    assert [c.as_dict() for c in remote_kg.conflicts()] == [c.as_dict() for c in kg.conflicts()]
    assert remote_kg.sources() == kg.sources()
    assert remote_kg.source("003_37225522b298a619") == kg.source("003_37225522b298a619")


def test_construct_results_read_like_query_triples(remote_kg: KnowledgeGraph) -> None:
    result = remote_kg.query_raw("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5")
    assert isinstance(result, RemoteTriples)
    assert len(list(result)) == 5
    text = result.serialize(format=RdfFormat.N_TRIPLES)
    assert text is not None and text.count(b" .\n") == 5


def test_a_query_the_server_rejects_is_a_query_error(remote_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="rejected the query"):
        remote_kg.query_raw("SELECT ?x WHERE { ?x")


def test_dataset_parameters_reach_the_server(remote_store: OxigraphServer) -> None:
    store = RemoteStore(Endpoints.of(remote_store.endpoint))
    graph = NamedNode("https://w3id.org/bundlekg/id/build/current")
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=[graph])
    assert isinstance(result, QuerySolutions)
    rows = list(result)
    assert int(rows[0]["n"].value) > 2  # the pointer graph, read as the default graph
    store.close()
