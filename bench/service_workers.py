"""Requests per second of ``/v1/reportable`` with 1 and 2 service workers, over the embedded
store and over a SPARQL server (``oxigraph serve``), in one run on the same graph.

Each worker process keeps its own answer cache; the load cycles through every pair of the
corpus's codes, so with ``--cache 0`` (the default here) every request reads the store and the
figures compare the stores, not the cache. The load generator runs on the same machine and takes
its share of the cores: compare the rows with each other, not with another machine.
Run: ``.venv/bin/python bench/service_workers.py [--seconds 10] [--cache 0]``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from load import free_port, measure, report, serve, stop, wait_for

from bundlekg import build, open_graph
from bundlekg.location import StoreLocation
from bundlekg.sparql import select


def _pairs(store: Path, limit: int) -> list[dict[str, str]]:
    with open_graph(store) as kg:
        codes = sorted({row["notation"].value for row in select(kg.store, "search_codes")})
    return [{"a": a, "b": b} for a, b in itertools.combinations(codes, 2)][:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--cache", type=int, default=0, help="answer cache per worker")
    parser.add_argument("--pairs", type=int, default=500)
    args = parser.parse_args()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    workdir = Path(tempfile.mkdtemp(prefix="bundlekg-workers-bench-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        store = workdir / "store"
        build(Path("corpus"), store)
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    oxigraph,
                    "serve",
                    "--location",
                    workdir / "oxigraph",
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                stderr=subprocess.DEVNULL,
            )
        )
        endpoint = f"http://127.0.0.1:{port}/query"
        wait_for(endpoint)
        build(Path("corpus"), StoreLocation.of(endpoint))
        pairs = _pairs(store, args.pairs)
        print(
            f"{len(pairs)} pairs, {args.concurrency} clients, {args.seconds:g} s each, "
            f"answer cache {args.cache} per worker",
            flush=True,
        )
        results: dict[tuple[str, int], float] = {}
        base = {**os.environ, "BUNDLEKG_ANSWER_CACHE": str(args.cache)}
        for backend, env in (
            ("embedded", {**base, "BUNDLEKG_STORE": str(store)}),
            ("remote", {**base, "BUNDLEKG_ENDPOINT": endpoint}),
        ):
            for workers in (1, 2):
                ours = free_port()
                process = serve(env, ours, workers)
                try:
                    wait_for(f"http://127.0.0.1:{ours}/healthz")
                    url = f"http://127.0.0.1:{ours}/v1/reportable"
                    timings = measure(url, pairs, {}, args.concurrency, args.seconds)
                    name = f"{backend}, {workers} worker{'s' if workers > 1 else ''}"
                    results[backend, workers] = report(name, timings, args.seconds)
                finally:
                    stop(process)
        for backend in ("embedded", "remote"):
            scale = results[backend, 2] / results[backend, 1]
            print(f"{backend}: 2 workers / 1 worker = {scale:.2f}x")
        for workers in (1, 2):
            ratio = results["remote", workers] / results["embedded", workers]
            print(f"{workers} worker(s): remote / embedded = {ratio:.2f}x")
    finally:
        stop(*processes)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
