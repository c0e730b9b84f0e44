"""Closed-loop HTTP load for the service benchmarks: N clients, each sending its next request as
soon as the last one is answered, for a fixed time; the timings of every request."""

from __future__ import annotations

import asyncio
import itertools
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(url: str, seconds: float = 30) -> None:
    """Return once ``url`` answers at all; stop the benchmark if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def serve(env: dict[str, str], port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """``bundlekg serve`` with ``workers`` processes over the store the environment names
    (``BUNDLEKG_STORE`` or ``BUNDLEKG_ENDPOINT``); its log is dropped."""
    bundlekg = Path(sys.executable).parent / "bundlekg"
    return subprocess.Popen(
        [bundlekg, "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(*processes: subprocess.Popen[bytes]) -> None:
    """End the servers a benchmark started and wait for them."""
    for process in processes:
        process.terminate()
        process.wait(timeout=20)


async def _closed_loop(
    url: str,
    requests: Sequence[dict[str, str]],
    headers: dict[str, str],
    concurrency: int,
    seconds: float,
) -> list[float]:
    timings: list[float] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    turns = itertools.cycle(requests)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker() -> None:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = await client.get(url, params=next(turns), headers=headers)
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}: {response.text}")
                timings.append(time.perf_counter() - started)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return timings


def measure(
    url: str,
    requests: Sequence[dict[str, str]],
    headers: dict[str, str],
    concurrency: int,
    seconds: float,
) -> list[float]:
    """One second of warm-up, then ``seconds`` of load cycling through ``requests``."""
    asyncio.run(_closed_loop(url, requests, headers, concurrency, 1.0))
    return asyncio.run(_closed_loop(url, requests, headers, concurrency, seconds))


def report(name: str, timings: list[float], seconds: float) -> float:
    """Print requests per second, p50 and p99; return requests per second."""
    rps = len(timings) / seconds
    ordered = sorted(timings)
    p50 = statistics.median(ordered) * 1e3
    p99 = ordered[int(len(ordered) * 0.99)] * 1e3
    print(f"{name:<44} {rps:8.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms", flush=True)
    return rps
