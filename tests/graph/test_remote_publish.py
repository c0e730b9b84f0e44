"""Building into a SPARQL server: the whole build appears at once under the model's graph names,
replaces the previous build's graphs, and a build that fails (bad input, a server that refuses a
graph) leaves the served build exactly as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pyoxigraph import QuerySolutions

from bundlekg import build, open_graph
from bundlekg.errors import InputError, StoreError
from bundlekg.location import StoreLocation
from bundlekg.remote import Endpoints, RemoteStore
from bundlekg.remote_publish import served_build
from bundlekg.store import open_store
from tests.conftest import CORPUS, Claims, OxigraphServer, oxigraph_server, review_files

GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    running = oxigraph_server(tmp_path / "oxigraph")
    yield running
    running.kill()


def graphs(store: RemoteStore) -> dict[str, int]:
    result = store.query(GRAPHS)
    assert isinstance(result, QuerySolutions)
    return {row["g"].value: int(row["n"].value) for row in result}


def default_size(store: RemoteStore) -> int:
    result = store.query(DEFAULT)
    assert isinstance(result, QuerySolutions)
    return int(next(iter(result))["n"].value)


def one_document(make_corpus: Callable[..., Path], claims: Claims) -> Path:
    text, review = review_files("200_0123456789abcdef", claims)
    return make_corpus({"200_0123456789abcdef": text}, reviews={"200_0123456789abcdef": review})


def test_a_remote_build_holds_what_an_embedded_build_holds(
    server: OxigraphServer, built_store: Path
) -> None:
    build(CORPUS, server.endpoint)
    remote = RemoteStore(Endpoints.of(server.endpoint))
    local = open_store(built_store)
    served = graphs(remote)
    pointer = "https://w3id.org/bundlekg/id/build/current"
    assert pointer in served and not any("/staging/" in g for g in served)
    local_graphs = {str(g.value) for g in local.named_graphs()}
    assert set(served) - {pointer} == local_graphs
    assert sum(n for g, n in served.items() if g != pointer) + default_size(remote) == len(local)
    remote.close()


def test_a_rebuild_replaces_the_previous_graphs(
    server: OxigraphServer, make_corpus: Callable[..., Path]
) -> None:
    build(CORPUS, server.endpoint)
    remote = RemoteStore(Endpoints.of(server.endpoint))
    first = served_build(remote)
    small = one_document(
        make_corpus, [("bundled", "77003 is included in 62323.", [[62323, "includes", 77003]])]
    )
    build(small, server.endpoint)
    assert served_build(remote) not in (None, first)
    served = graphs(remote)
    assert not any("000_438acad2e7e8b7ba" in g or "/staging/" in g for g in served)
    with open_graph(server.endpoint) as kg:
        assert [s.id for s in kg.sources()] == ["200_0123456789abcdef"]
        verdict = kg.reportable("62323", "77003")
        assert [e.source for e in verdict.evidence] == ["200_0123456789abcdef"]
    remote.close()


def test_a_failed_build_leaves_the_served_build_as_it_was(
    server: OxigraphServer, make_corpus: Callable[..., Path]
) -> None:
    build(CORPUS, server.endpoint)
    remote = RemoteStore(Endpoints.of(server.endpoint))
    before, contents = served_build(remote), graphs(remote)
    bad = one_document(make_corpus, [("bad", "77003 is fine.", [[62323, "includes", "no-such"]])])
    with pytest.raises(InputError, match="200_0123456789abcdef"):
        build(bad, server.endpoint)
    assert (served_build(remote), graphs(remote)) == (before, contents)

    refusing = StoreLocation.of(
        server.endpoint, graph_store=server.endpoint.replace("/query", "/no-such-store")
    )
    with pytest.raises(StoreError, match="rejected graph"):
        build(CORPUS, refusing)
    assert (served_build(remote), graphs(remote)) == (before, contents)
    remote.close()


def test_an_empty_server_has_no_graph_to_open(server: OxigraphServer) -> None:
    with pytest.raises(StoreError, match="bundlekg build --endpoint"):
        open_graph(server.endpoint)
