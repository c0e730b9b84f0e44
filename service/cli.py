"""The ``bundlekg`` command: build the graph, ask it questions, inspect what it holds.

Every command that reads the graph takes ``--store`` (default ``$BUNDLEKG_STORE`` or
``.bundlekg/store``) or ``--endpoint``, the query URL of a SPARQL server holding the graph
(default ``$BUNDLEKG_ENDPOINT``). Errors go to stderr as one line and exit with status 1.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, ParamSpec

import typer
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, Store
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from bundlekg.build import build as build_graph
from bundlekg.claimcheck import parse_line
from bundlekg.claims import locate_quote
from bundlekg.documents import load_corpus
from bundlekg.errors import BundlekgError, InputError
from bundlekg.extract.evaluate import ClaimType, evaluate
from bundlekg.extract.worklist import worklist
from bundlekg.knowledge import KnowledgeGraph, open_graph
from bundlekg.location import StoreLocation
from bundlekg.remote import RemoteStore, is_endpoint
from bundlekg.reviews import REVIEWS_DIR, load_review_files
from bundlekg.shapes import validate_store

from .render import (
    print_build,
    print_claim_check,
    print_code,
    print_conflicts,
    print_evaluation,
    print_sources,
    print_verdict,
    print_worklist,
)

app = typer.Typer(
    help="A knowledge graph of US medical billing codes: may I bill B together with A, "
    "and which sources say so?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)
P = ParamSpec("P")

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Store directory (default: $BUNDLEKG_STORE or .bundlekg/store).",
        show_default=False,
    ),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        envvar="BUNDLEKG_ENDPOINT",
        help="SPARQL query URL of a server holding the graph, instead of --store "
        "(credentials: $BUNDLEKG_REMOTE_TOKEN, or $BUNDLEKG_REMOTE_USER and "
        "$BUNDLEKG_REMOTE_PASSWORD).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (the API's contract).")]
DateOption = Annotated[
    str | None, typer.Option(help="Date of service, YYYY-MM-DD (default: today).")
]
SettingOption = Annotated[
    str, typer.Option(help="NCCI table: practitioner or hospital (outpatient).")
]


def _fail(message: str) -> NoReturn:
    err.print(f"[red]error:[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(1)


def _reports_errors(command: Callable[P, None]) -> Callable[P, None]:
    """Turn bundlekg's errors into one line on stderr and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except BundlekgError as error:
            _fail(str(error))

    return wrapper


def _location(
    store: Path | None,
    endpoint: str | None,
    update_endpoint: str | None = None,
    graph_store: str | None = None,
) -> StoreLocation:
    """The store a command works on: ``--store`` or ``--endpoint`` (not both)."""
    if store is not None and endpoint is not None:
        _fail("give --store or --endpoint, not both")
    if endpoint is not None and not is_endpoint(endpoint):
        _fail(f"--endpoint {endpoint!r} is not an http(s) URL")
    return StoreLocation.of(
        endpoint or store, update_endpoint=update_endpoint, graph_store=graph_store
    )


def _graph(store: Path | None, endpoint: str | None = None) -> KnowledgeGraph:
    return open_graph(_location(store, endpoint))


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


@app.command()
@_reports_errors
def build(
    corpus: Annotated[
        Path, typer.Option(help="Corpus directory: *.txt, manifest.csv, reviews/.")
    ] = Path("corpus"),
    reference: Annotated[
        Path | None,
        typer.Option(
            help="Directory of CMS NCCI files (zips, .TXT, .csv, .xlsx); "
            "default: reference/ beside the corpus, if present.",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    update_endpoint: Annotated[
        str | None,
        typer.Option(
            envvar="BUNDLEKG_UPDATE_ENDPOINT",
            help="SPARQL update URL (default: …/update beside an --endpoint ending in /query).",
            show_default=False,
        ),
    ] = None,
    graph_store: Annotated[
        str | None,
        typer.Option(
            envvar="BUNDLEKG_GRAPH_STORE",
            help="Graph Store Protocol URL (default: …/store beside an --endpoint ending in "
            "/query).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Build the graph from a corpus (and CMS reference files) and publish it atomically,
    into a store directory or a SPARQL server."""
    root = _location(store, endpoint, update_endpoint, graph_store)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,} rows"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("building", total=None, rate="")
        started: dict[str, float] = {}

        def rows(name: str, count: int) -> None:
            first = started.setdefault(name, time.perf_counter())
            rate = count / max(time.perf_counter() - first, 1e-9)
            bar.update(task, description=name, completed=count, rate=f"{rate:,.0f} rows/s")

        report = build_graph(
            corpus,
            root,
            reference=reference,
            progress=lambda message: bar.update(task, description=message),
            rows=rows,
        )
    if as_json:
        _print_json(
            {
                "store": str(report.store),
                "documents": [d.__dict__ for d in report.documents],
                "reference": [t.__dict__ for t in report.reference.tables],
                "claims": report.claims,
                "derived": report.rules.derived,
                "passes": report.rules.passes,
                "rule_runs": report.rules.runs,
                "conflicts": [c.as_dict() for c in report.conflicts],
                "quads": report.quads,
                "seconds": round(report.seconds, 3),
            }
        )
    else:
        print_build(out, report)


@app.command()
@_reports_errors
def ask(
    a: Annotated[str, typer.Argument(help="A code, e.g. 62323.")],
    b: Annotated[str, typer.Argument(help="Another code, e.g. 77003.")],
    modifier: Annotated[
        list[str] | None,
        typer.Option("--modifier", "-m", help="A modifier on the claim line (repeatable)."),
    ] = None,
    date: DateOption = None,
    setting: SettingOption = "practitioner",
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    as_json: JsonOption = False,
) -> None:
    """Is B separately reportable with A? The verdict, why, and every source."""
    verdict = _graph(store, endpoint).reportable(
        a, b, modifiers=modifier or (), date=date, setting=setting
    )
    if as_json:
        _print_json(verdict.as_dict())
    else:
        print_verdict(out, verdict)


@app.command()
@_reports_errors
def check(
    lines: Annotated[
        list[str],
        typer.Argument(
            help="Claim lines as CODE[-MODIFIER…][xUNITS], e.g. 62323 77003-XS 64483x2."
        ),
    ],
    date: DateOption = None,
    setting: SettingOption = "practitioner",
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check a whole claim: every pair of lines, MUE units and add-ons without a primary."""
    parsed = [parse_line(text) for text in lines]
    result = _graph(store, endpoint).check_claim(parsed, date=date, setting=setting)
    if as_json:
        _print_json(result.as_dict())
    else:
        print_claim_check(out, result)


@app.command()
@_reports_errors
def code(
    code: Annotated[str, typer.Argument(help="A CPT, HCPCS or ICD-10-CM code.")],
    derived: Annotated[bool, typer.Option(help="Also list facts that follow from rules.")] = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    as_json: JsonOption = False,
) -> None:
    """What sources say about one code, and where they disagree."""
    info = _graph(store, endpoint).code(code)
    if as_json:
        _print_json(info.as_dict())
    else:
        print_code(out, info, derived=derived)


@app.command()
@_reports_errors
def conflicts(
    store: StoreOption = None, endpoint: EndpointOption = None, as_json: JsonOption = False
) -> None:
    """Every pair of statements in the graph that cannot both hold."""
    found = _graph(store, endpoint).conflicts()
    if as_json:
        _print_json([c.as_dict() for c in found])
    else:
        print_conflicts(out, found)


@app.command()
@_reports_errors
def sources(
    store: StoreOption = None, endpoint: EndpointOption = None, as_json: JsonOption = False
) -> None:
    """The source documents, their kind and authority, and their claims."""
    found = _graph(store, endpoint).sources()
    if as_json:
        _print_json([s.as_dict() for s in found])
    else:
        print_sources(out, found)


_RESULT_FORMATS = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "rdfxml": RdfFormat.RDF_XML,
}


@app.command()
@_reports_errors
def query(
    sparql: Annotated[str, typer.Argument(help="A .rq file or the text of a SPARQL query.")],
    output: Annotated[
        str,
        typer.Option(
            "--format",
            help="table, json, xml, csv or tsv for SELECT; turtle, ntriples or rdfxml for "
            "CONSTRUCT/DESCRIBE.",
        ),
    ] = "table",
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Run a SPARQL query against the graph."""
    path = Path(sparql)
    text = path.read_text(encoding="utf-8") if sparql.endswith(".rq") or path.is_file() else sparql
    result = _graph(store, endpoint).query_raw(text)
    if isinstance(result, QueryBoolean):
        out.print("true" if result else "false")
    elif isinstance(result, QuerySolutions):
        if output == "table":
            variables = [v.value for v in result.variables]
            table = Table(*variables)
            for solution in result:
                table.add_row(
                    *[str(solution[v]) if solution[v] is not None else "" for v in variables]
                )
            out.print(table)
        elif output in _RESULT_FORMATS:
            sys.stdout.write(result.serialize(format=_RESULT_FORMATS[output]).decode())  # type: ignore[union-attr]
        else:
            _fail(
                f"--format {output!r} is not a results format: "
                f"use table, {', '.join(_RESULT_FORMATS)}"
            )
    else:
        chosen = "turtle" if output == "table" else output
        if chosen not in _GRAPH_FORMATS:
            _fail(f"--format {output!r} is not a graph format: use {', '.join(_GRAPH_FORMATS)}")
        sys.stdout.write(result.serialize(format=_GRAPH_FORMATS[chosen]).decode())  # type: ignore[union-attr]


@app.command()
@_reports_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Serve the graph: SPARQL 1.1 endpoint at /sparql, REST API at /v1, docs at /docs."""
    from .server import run

    location = _location(store, endpoint)
    open_graph(location)  # fail here, with the usual one-line message, before binding a port
    if location.endpoints is not None:
        os.environ["BUNDLEKG_ENDPOINT"] = location.endpoints.query
        served = location.endpoints.query
    else:
        assert location.directory is not None
        served = str(location.directory.resolve())
        os.environ["BUNDLEKG_STORE"] = served
    err.print(
        f"serving {served} on http://{host}:{port}/ "
        "(explorer at /explore, SPARQL at /sparql, API docs at /docs)"
    )
    run(host, port, workers)


@app.command()
@_reports_errors
def validate(store: StoreOption = None, endpoint: EndpointOption = None) -> None:
    """Check the served graph: SHACL shapes and every quote at its offsets."""
    graph = _graph(store, endpoint)
    quotes = graph.check_quotes()
    local = graph.store.copy() if isinstance(graph.store, RemoteStore) else graph.store
    assert isinstance(local, Store)
    report = validate_store(local)
    if quotes:
        for problem in quotes:
            err.print(f"[red]quote:[/] {problem}")
    if not report.conforms:
        err.print(report.text)
    if quotes or not report.conforms:
        _fail(f"{len(quotes)} misplaced quotes, {report.results} SHACL problems")
    out.print("[green]valid:[/] conforms to ontology/shapes.ttl; every quote is at its offsets")


@app.command()
@_reports_errors
def locate(
    document: Annotated[str, typer.Argument(help="Document id (file name without .txt).")],
    quote: Annotated[str, typer.Argument(help="The exact text to find.")],
    corpus: Annotated[Path, typer.Option(help="Corpus directory.")] = Path("corpus"),
) -> None:
    """Print the character offsets of a quote in a corpus document (for review files)."""
    found = {d.id: d for d in load_corpus(corpus)}
    if document not in found:
        _fail(f"no document {document!r} in {corpus}")
    places = locate_quote(found[document].text, quote)
    if not places:
        _fail(f"the quote is not in {document}; it must match the text exactly")
    for start, end in places:
        out.print(f"start: {start}\nend: {end}")


@app.command()
@_reports_errors
def review(
    document: Annotated[str, typer.Argument(help="Document id (file name without suffix).")],
    corpus: Annotated[Path, typer.Option(help="Corpus directory.")] = Path("corpus"),
    as_json: JsonOption = False,
) -> None:
    """Show what extraction finds in a document next to what its review file says."""
    documents = {d.id: d for d in load_corpus(corpus)}
    if document not in documents:
        _fail(f"no document {document!r} in {corpus}; known: {', '.join(sorted(documents))}")
    reviews = load_review_files(corpus / REVIEWS_DIR, documents)
    found = documents[document]
    rows = worklist(found, reviews.get(document))
    if as_json:
        _print_json(
            [
                {
                    "origin": r.origin,
                    "id": r.id,
                    "by": r.producer,
                    "confidence": r.confidence,
                    "start": r.start,
                    "end": r.end,
                    "quote": r.quote,
                    "stance": r.stance,
                    "asserts": list(r.asserts),
                    "status": r.status.value,
                }
                for r in rows
            ]
        )
        return
    print_worklist(out, found, reviews.get(document), rows)


DEFAULT_EVALUATION = (Path("corpus"), Path("evaluation/dev"))


@app.command(name="eval")
@_reports_errors
def eval_(
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            help="Corpus directory with reviews/ (repeatable; default: corpus/ and "
            "evaluation/dev/ where present).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Precision and recall of extracted claims against the curated claims of review files."""
    if corpus:
        for directory in corpus:
            if not directory.is_dir():
                raise InputError(f"corpus directory {directory} does not exist", path=directory)
        corpora = list(corpus)
    else:
        corpora = [d for d in DEFAULT_EVALUATION if d.is_dir()]
    evaluation = evaluate(corpora)
    if as_json:

        def score(s: Any) -> dict[str, Any]:
            return {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "extracted": s.extracted,
                "correct": s.correct,
                "gold": s.gold,
                "found": s.found,
            }

        _print_json(
            {
                "documents": [
                    {
                        "document": d.document,
                        "corpus": str(d.corpus),
                        "types": {
                            k.value: score(v)
                            for k, v in sorted(d.by_type.items(), key=lambda kv: kv[0].value)
                        },
                    }
                    for d in evaluation.documents
                ],
                "types": {k.value: score(evaluation.total(k)) for k in ClaimType},
                "pair": score(evaluation.total(ClaimType.PAIR)),
                "total": score(evaluation.total()),
            }
        )
        return
    print_evaluation(out, evaluation)


def main() -> None:
    """Entry point of the ``bundlekg`` console script."""
    app()


# Exploring the graph: exports and graph questions (bundlekg.export, bundlekg.analysis).


@app.command()
@_reports_errors
def export(
    output: Annotated[
        str, typer.Option("--format", help="graphml, gexf, json (networkx node-link) or dot.")
    ] = "graphml",
    around: Annotated[
        str | None,
        typer.Option(help="Only the graph around this code (default: the whole graph)."),
    ] = None,
    depth: Annotated[int, typer.Option(help="Code hops from --around (1 to 3).")] = 1,
    to: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: standard output)."),
    ] = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Write the graph (or a code's neighbourhood) as GraphML, GEXF, node-link JSON or DOT, for
    Gephi, Cytoscape desktop, networkx or Graphviz."""
    from bundlekg.export import (
        ExportFormat,
        knowledge_multigraph,
        neighbourhood_multigraph,
        write_graph,
    )

    chosen = ExportFormat.parse(output)
    graph = _graph(store, endpoint)
    if around is not None:
        drawn = neighbourhood_multigraph(graph, around, depth=depth)
    else:
        drawn = knowledge_multigraph(graph)
    body = write_graph(drawn, chosen)
    if to is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    else:
        to.write_bytes(body)
        err.print(
            f"wrote {to}: {drawn.number_of_nodes()} nodes, {drawn.number_of_edges()} edges "
            f"({chosen.label})",
            soft_wrap=True,
            markup=False,
        )


@app.command()
@_reports_errors
def path(
    a: Annotated[str, typer.Argument(help="The code to start from, e.g. 62270.")],
    b: Annotated[str, typer.Argument(help="The code to reach, e.g. 77003.")],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    as_json: JsonOption = False,
) -> None:
    """The shortest chain of facts linking two codes, with the sources behind each step."""
    from bundlekg.analysis import explain_path

    found = explain_path(_graph(store, endpoint), a, b)
    if as_json:
        _print_json(found.as_dict())
        return
    if not found.steps:
        out.print(f"{found.a} … {found.b}: no chain of facts links them", soft_wrap=True)
        return
    out.print(f"{' → '.join(found.nodes)}  ({len(found.steps)} steps)", soft_wrap=True)
    for step in found.steps:
        marks = [m for m, on in (("contested", step.contested), ("derived", step.derived)) if on]
        flags = f" [{', '.join(marks)}]" if marks else ""
        via = f" via {', '.join(step.rules)}" if step.rules else ""
        line = f"  {step.source} {step.kind} {step.target}{flags}{via}"
        out.print(line, markup=False, soft_wrap=True)
        for source in step.sources:
            line = f"      {source.id} [{source.kind}] {source.title}"
            out.print(line, markup=False, soft_wrap=True)


@app.command()
@_reports_errors
def contested(
    limit: Annotated[int, typer.Option(help="Most codes to list.")] = 10,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    as_json: JsonOption = False,
) -> None:
    """The codes whose links sources contradict most."""
    from bundlekg.analysis import most_contested

    found = most_contested(_graph(store, endpoint), limit)
    if as_json:
        _print_json([c.as_dict() for c in found])
        return
    table = Table("code", "contested links", "documents", "links")
    for item in found:
        shown = ", ".join(item.links[:4]) + (" …" if len(item.links) > 4 else "")
        table.add_row(item.code, str(item.contested), str(len(item.documents)), shown)
    out.print(table)


@app.command()
@_reports_errors
def weak(
    max_authority: Annotated[
        int | None,
        typer.Option(
            help="Highest authority that counts as low (1 unknown … 5 regulator; default 2: "
            "vendor articles, Q&A forums and unknown documents).",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    as_json: JsonOption = False,
) -> None:
    """Codes that only one document of low authority speaks of."""
    from bundlekg.analysis import LOW_AUTHORITY, weakly_sourced

    found = weakly_sourced(
        _graph(store, endpoint), LOW_AUTHORITY if max_authority is None else max_authority
    )
    if as_json:
        _print_json([w.as_dict() for w in found])
        return
    table = Table("code", "only source", "kind", "authority", "links")
    for item in found:
        source = item.source
        table.add_row(item.code, source.id, source.kind, str(source.authority), str(item.links))
    out.print(table)
