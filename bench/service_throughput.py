"""Requests per second and latency of the pair question over HTTP, against ``oxigraph serve``.

In one run, on the same graph (the bundled corpus, built once):
  - ``oxigraph serve`` answering the pair ASK at its ``/query``;
  - our ``/sparql`` answering the same ASK;
  - our ``/v1/reportable`` answering the whole question (verdict, reason, every quote).
Each target gets the same closed-loop load (``--concurrency`` clients for ``--seconds``) from
one httpx client pool. Prints requests per second, p50 and p99, and ratios to oxigraph.
Run: ``.venv/bin/python bench/service_throughput.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from load import free_port, measure, report, serve, stop, wait_for
from pyoxigraph import RdfFormat, Store

from bundlekg import build
from bundlekg.store import current_build

ASK = (
    "PREFIX bk: <https://w3id.org/bundlekg/ontology#> "
    "ASK { GRAPH ?g { <https://w3id.org/bundlekg/id/code/62323> bk:includes "
    "<https://w3id.org/bundlekg/id/code/77003> } }"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    workdir = Path(tempfile.mkdtemp(prefix="bundlekg-serve-bench-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        store = workdir / "store"
        build(Path("corpus"), store)
        build_dir = current_build(store)
        assert build_dir is not None
        dump = workdir / "graph.nq"
        Store.read_only(str(build_dir)).dump(str(dump), RdfFormat.N_QUADS)
        location = workdir / "oxigraph"
        subprocess.run(
            [oxigraph, "load", "--location", location, "--file", dump],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        theirs = free_port()
        processes.append(
            subprocess.Popen(
                [
                    oxigraph,
                    "serve-read-only",
                    "--location",
                    location,
                    "--bind",
                    f"127.0.0.1:{theirs}",
                ],
                stderr=subprocess.DEVNULL,
            )
        )
        ours = free_port()
        processes.append(serve({**os.environ, "BUNDLEKG_STORE": str(store)}, ours))
        wait_for(f"http://127.0.0.1:{theirs}/")
        wait_for(f"http://127.0.0.1:{ours}/healthz")
        json = {"Accept": "application/sparql-results+json"}
        results = {}
        for name, url, params, headers in (
            (
                "oxigraph serve: ASK /query",
                f"http://127.0.0.1:{theirs}/query",
                {"query": ASK},
                json,
            ),
            ("bundlekg: ASK /sparql", f"http://127.0.0.1:{ours}/sparql", {"query": ASK}, json),
            (
                "bundlekg: /v1/reportable",
                f"http://127.0.0.1:{ours}/v1/reportable",
                {"a": "62323", "b": "77003"},
                {},
            ),
        ):
            timings = measure(url, [params], headers, args.concurrency, args.seconds)
            results[name] = report(name, timings, args.seconds)
        base = results["oxigraph serve: ASK /query"]
        sparql = results["bundlekg: ASK /sparql"] / base
        reportable = results["bundlekg: /v1/reportable"] / base
        print(
            f"ratio to oxigraph (req/s): /sparql ASK {sparql:.2f}x, "
            f"/v1/reportable {reportable:.2f}x"
        )
    finally:
        stop(*processes)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
