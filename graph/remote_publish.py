"""Publishing a finished build to a SPARQL server so that readers see the old graph or the new one,
never a mix.

The build is made and validated in a local pyoxigraph store first, exactly as for an embedded
store. Then:

1. every graph of it (the default graph and each named graph) is uploaded with the Graph Store
   HTTP Protocol into a fresh *staging* graph of its own, streamed, while readers still see the
   previous build untouched;
2. one SPARQL Update request moves each staging graph onto its real name, drops the graphs of the
   previous build that the new one no longer has, and rewrites the pointer graph (the build's id,
   time and list of graphs). A SPARQL server runs one update request as one transaction
   (Oxigraph, Fuseki/TDB2, GraphDB and Neptune all do), so this switch is atomic.

If anything fails before the switch, the staging graphs are dropped and the served build is as it
was. Graph names stay those of the model (one per claim, derivation and source), so every query
reads a remote store as it reads an embedded one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from pyoxigraph import DefaultGraph, Literal, NamedNode, RdfFormat, Store, serialize

from .remote import RemoteStore
from .sparql import select
from .terms import BK, BKID

__all__ = ["CURRENT_BUILD", "publish_remote", "served_build"]

CURRENT_BUILD = NamedNode(BKID + "build/current")
_PROV_TIME = NamedNode("http://www.w3.org/ns/prov#generatedAtTime")
_XSD_DATETIME = NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_CHUNK = 50_000

Progress = Callable[[str], None]


def served_build(remote: RemoteStore) -> str | None:
    """The id of the build the server serves, or None before the first build."""
    rows = select(remote, "current_build")
    return rows[0]["build"].value if rows else None


def _ntriples(store: Store, graph: NamedNode | DefaultGraph) -> Iterator[bytes]:
    batch = []
    for quad in store.quads_for_pattern(None, None, None, graph):
        batch.append(quad.triple)
        if len(batch) == _CHUNK:
            yield serialize(batch, format=RdfFormat.N_TRIPLES) or b""
            batch = []
    if batch:
        yield serialize(batch, format=RdfFormat.N_TRIPLES) or b""


def _pointer(build: NamedNode, graphs: list[NamedNode]) -> str:
    published = Literal(datetime.now(UTC).isoformat(timespec="seconds"), datatype=_XSD_DATETIME)
    lines = [f"{build} {_RDF_TYPE} {BK.Build} .", f"{build} {_PROV_TIME} {published} ."]
    lines += [f"{build} {BK.graph} {graph} ." for graph in graphs]
    body = "\n    ".join(lines)
    return f"INSERT DATA {{ GRAPH {CURRENT_BUILD} {{\n    {body}\n}} }}"


def _switch(
    build: NamedNode, staged: list[tuple[NamedNode, NamedNode | DefaultGraph]], previous: set[str]
) -> str:
    operations = []
    names: list[NamedNode] = []
    for staging, target in staged:
        if isinstance(target, DefaultGraph):
            operations.append(f"MOVE SILENT GRAPH {staging} TO DEFAULT")
        else:
            operations.append(f"MOVE SILENT GRAPH {staging} TO GRAPH {target}")
            names.append(target)
    kept = {name.value for name in names}
    operations += [f"DROP SILENT GRAPH <{old}>" for old in sorted(previous - kept)]
    operations.append(f"DROP SILENT GRAPH {CURRENT_BUILD}")
    operations.append(_pointer(build, names))
    return " ;\n".join(operations)


def publish_remote(
    local: Store, remote: RemoteStore, build_id: str, say: Progress | None = None
) -> int:
    """Upload a validated local build and switch the server to it in one update; the number of
    graphs published.

    :raises StoreError: when the server cannot be reached or refuses a graph or the switch; the
        served build is then unchanged.
    """
    tell = say or (lambda _message: None)
    build = NamedNode(BKID + f"build/{build_id}")
    named = sorted((g for g in local.named_graphs() if isinstance(g, NamedNode)), key=str)
    graphs: list[NamedNode | DefaultGraph] = [DefaultGraph(), *named]
    previous = {row["graph"].value for row in select(remote, "build_graphs")}
    staged: list[tuple[NamedNode, NamedNode | DefaultGraph]] = []
    try:
        for number, graph in enumerate(graphs):
            staging = NamedNode(f"{build.value}/staging/{number}")
            remote.put_graph(staging, _ntriples(local, graph))
            staged.append((staging, graph))
            if number % 500 == 0:
                tell(f"uploaded {number + 1} of {len(graphs)} graphs to {remote.endpoints.query}")
        tell(f"switching {remote.endpoints.query} to build {build_id}")
        remote.update(_switch(build, staged, previous))
    except BaseException:
        if staged:
            drops = " ;\n".join(f"DROP SILENT GRAPH {staging}" for staging, _ in staged)
            try:
                remote.update(drops)
            except Exception:  # noqa: BLE001 - the first error is the one to report
                pass
        raise
    return len(graphs)
