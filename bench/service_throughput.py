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
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from pyoxigraph import RdfFormat, Store

from bundlekg import build
from bundlekg.store import current_build

ASK = (
    "PREFIX bk: <https://w3id.org/bundlekg/ontology#> "
    "ASK { GRAPH ?g { <https://w3id.org/bundlekg/id/code/62323> bk:includes "
    "<https://w3id.org/bundlekg/id/code/77003> } }"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


async def _load(
    url: str, params: dict[str, str], headers: dict[str, str], concurrency: int, seconds: float
) -> list[float]:
    timings: list[float] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker() -> None:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = await client.get(url, params=params, headers=headers)
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}: {response.text}")
                timings.append(time.perf_counter() - started)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return timings


def _report(name: str, timings: list[float], seconds: float) -> float:
    rps = len(timings) / seconds
    ordered = sorted(timings)
    p50 = statistics.median(ordered) * 1e3
    p99 = ordered[int(len(ordered) * 0.99)] * 1e3
    print(f"{name:<34} {rps:8.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms")
    return rps


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
        theirs = _free_port()
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
        ours = _free_port()
        env = {**os.environ, "BUNDLEKG_STORE": str(store)}
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "bundlekg.service.app:app_from_env",
                    "--factory",
                    "--port",
                    str(ours),
                    "--log-level",
                    "warning",
                ],
                env=env,
            )
        )
        _wait(f"http://127.0.0.1:{theirs}/")
        _wait(f"http://127.0.0.1:{ours}/healthz")
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
            asyncio.run(_load(url, params, headers, args.concurrency, 1.0))
            timings = asyncio.run(_load(url, params, headers, args.concurrency, args.seconds))
            results[name] = _report(name, timings, args.seconds)
        base = results["oxigraph serve: ASK /query"]
        sparql = results["bundlekg: ASK /sparql"] / base
        reportable = results["bundlekg: /v1/reportable"] / base
        print(
            f"ratio to oxigraph (req/s): /sparql ASK {sparql:.2f}x, "
            f"/v1/reportable {reportable:.2f}x"
        )
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
