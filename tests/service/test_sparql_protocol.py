"""The SPARQL 1.1 Protocol at /sparql, in-process: methods, formats, dataset, limits, refusals."""

from __future__ import annotations

import csv
import io
import json
import re
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import rdflib
from fastapi.testclient import TestClient
from pyoxigraph import QueryResultsFormat, QuerySolutions
from rdflib.namespace import RDF

from bundlekg import KnowledgeGraph
from bundlekg.service.app import create_app
from bundlekg.service.settings import Settings
from bundlekg.service.sparql import examples

BK = "https://w3id.org/bundlekg/ontology#"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
CLAIM = "https://w3id.org/bundlekg/id/claim/003_37225522b298a619/62323-descriptor"
OTHER_CLAIM = "https://w3id.org/bundlekg/id/claim/003_37225522b298a619/62323-catheter"
COUNT_CLAIMS = f"PREFIX bk: <{BK}> SELECT (COUNT(?claim) AS ?claims) WHERE {{ ?claim a bk:Claim }}"
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SOURCES = (
    "PREFIX dct: <http://purl.org/dc/terms/> PREFIX bk: <https://w3id.org/bundlekg/ontology#> "
    "SELECT ?document ?title WHERE { ?s a bk:SourceDocument ; dct:identifier ?document ; "
    "dct:title ?title } ORDER BY ?document"
)
CLAIM_GRAPH = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{CLAIM}> {{ ?s ?p ?o }} }}"
SRJ = "application/sparql-results+json"


def bindings(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(SRJ)
    rows: list[dict[str, Any]] = response.json()["results"]["bindings"]
    return rows


def parse_rdf(data: bytes, rdflib_format: str) -> rdflib.Graph:
    """The graph in ``data``; rdflib's JSON-LD parser warns about its own deprecated classes."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return rdflib.Graph().parse(data=data, format=rdflib_format)


def count(response: httpx.Response, name: str = "n") -> int:
    return int(bindings(response)[0][name]["value"])


def claim_count(kg: KnowledgeGraph) -> int:
    rows = kg.query(COUNT_CLAIMS)
    assert isinstance(rows, list)
    return int(rows[0]["claims"].value)


def error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    message: str = body["error"]
    return message


@pytest.fixture(scope="module")
def limited(settings: Settings) -> Iterator[TestClient]:
    """An app that keeps at most five solutions or triples."""
    app = create_app(settings.model_copy(update={"result_limit": 5}))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


# --- the three ways to send a query


def test_get_select_answers_sparql_json(client: TestClient, kg: KnowledgeGraph) -> None:
    response = client.get("/sparql", params={"query": COUNT_CLAIMS})
    assert response.json()["head"]["vars"] == ["claims"]
    assert count(response, "claims") == claim_count(kg) > 0
    assert "X-Result-Truncated" not in response.headers


def test_post_form_and_post_query_answer_the_same(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": SOURCES})
    by_form = client.post("/sparql", data={"query": SOURCES})
    by_body = client.post(
        "/sparql", content=SOURCES, headers={"Content-Type": "application/sparql-query"}
    )
    assert bindings(by_get) == bindings(by_form) == bindings(by_body)
    assert len(bindings(by_get)) == 5


def test_query_body_takes_dataset_parameters_from_the_url(client: TestClient) -> None:
    response = client.post(
        "/sparql",
        params={"default-graph-uri": CLAIM},
        content=COUNT_TRIPLES,
        headers={"Content-Type": "application/sparql-query; charset=utf-8"},
    )
    assert 0 < count(response) < 20


def test_protocol_mistakes_are_4xx(client: TestClient) -> None:
    assert "exactly one" in error(
        client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400
    )
    assert "empty" in error(client.get("/sparql", params={"query": " "}), 400)
    assert "empty" in error(
        client.post("/sparql", content="", headers={"Content-Type": "application/sparql-query"}),
        400,
    )
    assert "in the body" in error(
        client.post(
            "/sparql",
            params={"query": "ASK {}"},
            content="ASK {}",
            headers={"Content-Type": "application/sparql-query"},
        ),
        400,
    )
    assert "text/plain" in error(
        client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"}), 415
    )
    assert "UTF-8" in error(
        client.post(
            "/sparql", content=b"ASK { \xff }", headers={"Content-Type": "application/sparql-query"}
        ),
        400,
    )


# --- results formats


def test_results_formats_by_accept(client: TestClient) -> None:
    xml = client.get(
        "/sparql", params={"query": SOURCES}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    results = ET.fromstring(xml.content).findall("r:results/r:result", ns)
    assert len(results) == 5
    assert results[0].find("r:binding[@name='document']/r:literal", ns) is not None

    csv_answer = client.get("/sparql", params={"query": SOURCES}, headers={"Accept": "text/csv"})
    assert csv_answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_answer.text)))
    assert rows[0] == ["document", "title"] and len(rows) == 6
    assert rows[1][0] == "000_438acad2e7e8b7ba"

    tsv = client.get(
        "/sparql", params={"query": SOURCES}, headers={"Accept": "text/tab-separated-values"}
    )
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    lines = tsv.text.splitlines()
    assert lines[0] == "?document\t?title" and len(lines) == 6
    assert lines[1].startswith('"000_438acad2e7e8b7ba"\t')


def test_results_are_written_as_pyoxigraph_writes_them(
    client: TestClient, kg: KnowledgeGraph
) -> None:
    query = (
        f"SELECT ?claim ?quote ?start WHERE {{ ?claim <{BK}quote> ?quote ; <{BK}start> ?start }} "
        "ORDER BY ?claim"
    )
    for name, oxigraph_format in [
        ("json", QueryResultsFormat.JSON),
        ("xml", QueryResultsFormat.XML),
        ("csv", QueryResultsFormat.CSV),
        ("tsv", QueryResultsFormat.TSV),
    ]:
        response = client.get("/sparql", params={"query": query, "format": name})
        assert response.status_code == 200, response.text
        direct = kg.query_raw(query)
        assert isinstance(direct, QuerySolutions)
        assert response.content == direct.serialize(format=oxigraph_format), name


def test_ask_in_json_and_xml(client: TestClient) -> None:
    yes = client.get("/sparql", params={"query": f"ASK {{ ?c a <{BK}Claim> }}"})
    assert yes.json() == {"head": {}, "boolean": True}
    no = client.get(
        "/sparql",
        params={"query": "ASK { <urn:nothing> ?p ?o }"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    boolean = ET.fromstring(no.content).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert boolean is not None and boolean.text == "false"


# --- graph formats


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_in_each_graph_format(
    client: TestClient, kg: KnowledgeGraph, accept: str, rdflib_format: str
) -> None:
    response = client.get("/sparql", params={"query": CLAIM_GRAPH}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(accept)
    graph = parse_rdf(response.content, rdflib_format)
    expected = kg.query(CLAIM_GRAPH)
    assert isinstance(expected, list) and len(graph) == len(expected) > 3
    region = rdflib.URIRef(f"{BK}region")
    code = rdflib.URIRef("https://w3id.org/bundlekg/id/code/62323")
    assert len(list(graph.objects(code, region))) == 2


def test_construct_defaults_to_turtle_and_describe_works(client: TestClient) -> None:
    turtle = client.get("/sparql", params={"query": CLAIM_GRAPH})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "@prefix bk: <https://w3id.org/bundlekg/ontology#>" in turtle.text
    described = client.get("/sparql", params={"query": f"DESCRIBE <{CLAIM}>", "format": "ntriples"})
    graph = rdflib.Graph().parse(data=described.content, format="nt")
    assert (rdflib.URIRef(CLAIM), RDF.type, rdflib.URIRef(f"{BK}Claim")) in graph


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("json", SRJ),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
    ],
)
def test_format_parameter_for_results(client: TestClient, name: str, media_type: str) -> None:
    response = client.get(
        "/sparql",
        params={"query": COUNT_CLAIMS, "format": name},
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("turtle", "text/turtle"),
        ("ntriples", "application/n-triples"),
        ("rdfxml", "application/rdf+xml"),
        ("jsonld", "application/ld+json"),
    ],
)
def test_format_parameter_for_graphs(client: TestClient, name: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": CLAIM_GRAPH, "format": name})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)


def test_format_parameter_as_sparqlwrapper_repeats_it(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params=[("query", SOURCES), ("format", "tsv"), ("format", "text/tab-separated-values")],
    )
    assert response.headers["content-type"].startswith("text/tab-separated-values")


# --- negotiation failures


def test_unservable_accept_is_406(client: TestClient) -> None:
    assert "image/png" in error(
        client.get("/sparql", params={"query": COUNT_CLAIMS}, headers={"Accept": "image/png"}), 406
    )
    message = error(
        client.get("/sparql", params={"query": COUNT_CLAIMS}, headers={"Accept": "text/turtle"}),
        406,
    )
    assert "SELECT and ASK" in message and SRJ in message
    assert "CONSTRUCT" in error(
        client.get("/sparql", params={"query": CLAIM_GRAPH}, headers={"Accept": SRJ}), 406
    )
    assert "turtle" in error(
        client.get("/sparql", params={"query": COUNT_CLAIMS, "format": "turtle"}), 406
    )
    assert "not a format" in error(
        client.get("/sparql", params={"query": COUNT_CLAIMS, "format": "yaml"}), 400
    )


def test_accept_with_quality_and_parameters(client: TestClient) -> None:
    response = client.get(
        "/sparql",
        params={"query": COUNT_CLAIMS},
        headers={"Accept": "application/sparql-results+xml;q=0.5, text/csv;charset=utf-8"},
    )
    assert response.headers["content-type"].startswith("text/csv")
    excluded = client.get(
        "/sparql",
        params={"query": COUNT_CLAIMS},
        headers={"Accept": "text/*, text/csv;q=0"},
    )
    assert excluded.headers["content-type"].startswith("text/tab-separated-values")


# --- the dataset


def test_default_graph_uri_changes_the_answer(client: TestClient, kg: KnowledgeGraph) -> None:
    everything = count(client.get("/sparql", params={"query": COUNT_TRIPLES}))
    one_claim = count(
        client.get("/sparql", params={"query": COUNT_TRIPLES, "default-graph-uri": CLAIM})
    )
    in_claim = kg.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{CLAIM}> {{ ?s ?p ?o }} }}")
    assert isinstance(in_claim, list)
    assert one_claim == int(in_claim[0]["n"].value) > 0
    assert one_claim < everything
    two_claims = count(
        client.post(
            "/sparql",
            data={"query": COUNT_TRIPLES, "default-graph-uri": [CLAIM, OTHER_CLAIM]},
        )
    )
    assert two_claims > one_claim


def test_named_graph_uri_limits_graph_patterns(client: TestClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    all_graphs = bindings(client.get("/sparql", params={"query": query}))
    chosen = bindings(
        client.get(
            "/sparql",
            params=[("query", query), ("named-graph-uri", CLAIM), ("named-graph-uri", OTHER_CLAIM)],
        )
    )
    assert [row["g"]["value"] for row in chosen] == sorted([CLAIM, OTHER_CLAIM])
    assert len(all_graphs) > 50


def test_a_graph_parameter_that_is_no_iri_is_400(client: TestClient) -> None:
    assert "default-graph-uri" in error(
        client.get("/sparql", params={"query": COUNT_TRIPLES, "default-graph-uri": "not an iri"}),
        400,
    )


# --- the service description and the editor page


def test_service_description_in_turtle(client: TestClient) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.content, format="turtle")
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert service is not None
    assert graph.value(service, SD.endpoint) == rdflib.URIRef("http://testserver/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    formats = {str(o) for o in graph.objects(service, SD.resultFormat)}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/Turtle" in formats
    assert len(formats) == 8
    assert graph.value(service, SD.defaultDataset) is not None


def test_service_description_negotiated(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "application/n-triples"})
    graph = rdflib.Graph().parse(data=response.content, format="nt")
    assert (None, RDF.type, SD.Service) in graph
    as_jsonld = client.get("/sparql", params={"format": "jsonld"})
    assert as_jsonld.headers["content-type"].startswith("application/ld+json")
    assert (None, RDF.type, SD.Service) in parse_rdf(as_jsonld.content, "json-ld")
    assert error(client.get("/sparql", headers={"Accept": "image/png"}), 406)


def test_browser_gets_the_editor_with_every_example(client: TestClient) -> None:
    response = client.get(
        "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert 'src="sparql/assets/yasgui/yasgui.min.js"' in page
    script = re.search(
        r'<script type="application/json" id="bundlekg-editor">(.*?)</script>', page, re.S
    )
    assert script is not None
    assert "<" not in script.group(1)
    config = json.loads(script.group(1))
    assert config["endpoint"] == "sparql"
    names = [tab["name"] for tab in config["tabs"]]
    rq_files = sorted(p.stem for p in _queries_dir().glob("*.rq"))
    assert names[0] == "claims_per_source"
    assert sorted(names) == rq_files and len(rq_files) > 10
    by_name = {tab["name"]: tab["query"] for tab in config["tabs"]}
    assert by_name["pair_evidence"].startswith("# bundlekg binds ?a, ?b before it runs")
    assert "add VALUES for ?a, ?b inside WHERE" in by_name["pair_evidence"]
    assert "Binds: ?a ?b" in by_name["pair_evidence"]
    assert not by_name["list_sources"].startswith("# bundlekg binds")


def _queries_dir() -> Any:
    from importlib.resources import files

    return files("bundlekg.queries")


def test_examples_all_parse_and_run(client: TestClient) -> None:
    for example in examples():
        response = client.post("/sparql", data={"query": example.query})
        assert response.status_code == 200, f"{example.name}: {response.text}"


def test_yasgui_assets_are_served_and_nothing_else(client: TestClient) -> None:
    css = client.get("/sparql/assets/yasgui/yasgui.min.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    script = client.get("/sparql/assets/sparql-editor.js")
    assert script.status_code == 200 and "new Yasgui" in script.text
    for sneaky in [
        "/sparql/assets/yasgui/..%2F..%2F..%2F..%2Fpackage.json",
        "/sparql/assets/yasgui/%2e%2e/%2e%2e/package.json",
        "/sparql/assets/yasgui/%2Fetc%2Fpasswd",
        "/sparql/assets/..%2Fsparql.py",
        "/sparql/assets/yasgui/missing.js",
    ]:
        assert client.get(sneaky).status_code == 404, sneaky


# --- read-only


def test_updates_are_refused(client: TestClient) -> None:
    insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    refusals = [
        client.get("/sparql", params={"update": insert}),
        client.post("/sparql", data={"update": insert}),
        client.post(
            "/sparql", content=insert, headers={"Content-Type": "application/sparql-update"}
        ),
        client.get("/sparql", params={"query": insert}),
        client.post("/sparql", data={"query": "LOAD <http://example.org/data.ttl>"}),
        client.post(
            "/sparql",
            content="CLEAR ALL",
            headers={"Content-Type": "application/sparql-query"},
        ),
    ]
    for response in refusals:
        assert "read-only" in error(response, 403)
    assert (
        count(client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { <urn:a> ?p ?o }"}))
        == 0
    )


# --- SERVICE


def test_service_elsewhere_is_refused_naming_it(client: TestClient) -> None:
    message = error(
        client.post(
            "/sparql",
            data={"query": "SELECT * WHERE { SERVICE <http://198.51.100.7/sparql> { ?s ?p ?o } }"},
        ),
        400,
    )
    assert "<http://198.51.100.7/sparql>" in message
    prefixed = error(
        client.get(
            "/sparql",
            params={
                "query": "PREFIX ex: <http://example.org/> "
                "SELECT * { ?s ?p ?o OPTIONAL { service silent ex:endpoint { ?s ?q ?r } } }"
            },
        ),
        400,
    )
    assert "<http://example.org/endpoint>" in prefixed
    variable = error(
        client.get("/sparql", params={"query": "SELECT * { SERVICE ?where { ?s ?p ?o } }"}), 400
    )
    assert "?where" in variable


def test_service_in_comments_and_strings_is_not_a_call(client: TestClient) -> None:
    query = (
        "# SERVICE <http://198.51.100.7/sparql> { ?s ?p ?o }\n"
        "SELECT ?service WHERE { BIND('SERVICE <http://198.51.100.7/> {}' AS ?service) }"
    )
    rows = bindings(client.get("/sparql", params={"query": query}))
    assert rows[0]["service"]["value"] == "SERVICE <http://198.51.100.7/> {}"


def test_service_to_this_endpoint_runs_here(client: TestClient, kg: KnowledgeGraph) -> None:
    query = (
        f"PREFIX bk: <{BK}> SELECT (COUNT(?claim) AS ?claims) WHERE {{ "
        "SERVICE <http://testserver/sparql> { ?claim a bk:Claim } }"
    )
    assert count(client.post("/sparql", data={"query": query}), "claims") == claim_count(kg)


# --- errors and limits


def test_syntax_error_is_400_with_the_parsers_message(client: TestClient) -> None:
    message = error(client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}), 400)
    assert re.search(r"error at 1:\d+", message), message


def test_result_cap_truncates_solutions_and_triples(limited: TestClient) -> None:
    capped = limited.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(bindings(capped)) == 5
    assert capped.headers["X-Result-Truncated"] == "true"
    graph = limited.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert graph.headers["X-Result-Truncated"] == "true"
    assert len(rdflib.Graph().parse(data=graph.content, format="nt")) == 5
    as_csv = limited.get(
        "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": "csv"}
    )
    assert len(list(csv.reader(io.StringIO(as_csv.text)))) == 6
    small = limited.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert len(bindings(small)) == 5
    assert "X-Result-Truncated" not in small.headers


def test_timeout_is_503_with_retry_after(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"query_timeout": 0.3, "result_limit": 10**9}))
    with TestClient(app, raise_server_exceptions=False) as client:
        started = time.monotonic()
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"})
        elapsed = time.monotonic() - started
        message = error(response, 503)
        assert "0.3 s query timeout" in message
        assert response.headers["Retry-After"] == "5"
        assert elapsed < 5
        assert count(client.get("/sparql", params={"query": "SELECT (1 AS ?n) {}"})) == 1


def test_cors_preflight_for_a_sparql_query_post(client: TestClient) -> None:
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "https://analyst.example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    answer = client.post(
        "/sparql",
        content=COUNT_CLAIMS,
        headers={
            "Content-Type": "application/sparql-query",
            "Origin": "https://analyst.example.org",
        },
    )
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "x-result-truncated" in answer.headers["access-control-expose-headers"].lower()


@pytest.mark.parametrize(
    "headers",
    [
        {"Accept": "garbage"},
        {"Accept": "a/b/c"},
        {"Accept": ";;,,"},
        {"Accept": "*/*;q=abc"},
    ],
)
def test_odd_accept_headers_never_500(client: TestClient, headers: dict[str, str]) -> None:
    response = client.get("/sparql", params={"query": COUNT_CLAIMS}, headers=headers)
    assert response.status_code in (200, 406), response.text
    assert client.get("/sparql", headers=headers).status_code in (200, 406)


@pytest.mark.parametrize(
    "query",
    [
        "\x00",
        "SELECT * { ?s ?p ?o } LIMIT -1",
        "SELECT * { SERVICE <http://a/> { SERVICE <http://b/> { ?s ?p ?o } } }",
        "SELECT * { SERVICE <http://testserver/sparql> { "
        "SERVICE <http://testserver/sparql> { ?s ?p ?o } } }",
        "SELECT * { SERV\\u0049CE <http://198.51.100.7/> { ?s ?p ?o } }",
        "SELECT (<<( <urn:a> <urn:b> <urn:c> )>> AS ?t) {}",
        "CONSTRUCT { <urn:a> <urn:b> <<( <urn:a> <urn:b> <urn:c> )>> } WHERE {}",
        "PREFIX : <http://example.org/> SELECT * { ?s :p ?o } ORDER BY (1/0)",
    ],
)
def test_odd_queries_never_500(client: TestClient, query: str) -> None:
    for accept in (SRJ, "application/ld+json", "*/*"):
        response = client.post("/sparql", data={"query": query}, headers={"Accept": accept})
        assert response.status_code < 500, f"{query!r} {accept}: {response.text}"
