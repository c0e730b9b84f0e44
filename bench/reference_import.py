"""Import of a CMS-layout practitioner PTP table: ``bundlekg build`` against ``oxigraph load``.

In one run, on the same synthetic table (bench/generate_ptp.py, made-up codes):
  1. ``bundlekg build --reference`` of the table (an empty corpus: the import is the work),
     timed, with the process's peak memory;
  2. the same at a quarter of the rows, to show memory does not grow with rows;
  3. the quads that import writes, dumped once as N-Quads (not timed), then
     ``oxigraph load`` of that file into a fresh store, timed, with its peak memory;
  4. ``reportable()`` latency on the built store at that scale.
Prints rows per second, peak memory and the ratio to oxigraph. Needs the ``oxigraph`` command
(PyPI package ``oxigraph``). Run: ``.venv/bin/python bench/reference_import.py [--rows N]``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_ptp import generate

_IMPORT = """
import sys
from pathlib import Path
from bundlekg.build import build
corpus, store, reference = map(Path, sys.argv[1:4])
build(corpus, store, reference=reference)
"""
_DUMP = """
import sys
from pathlib import Path
from pyoxigraph import RdfFormat, serialize
from bundlekg.cms import discover
from bundlekg.reference import _code_quads, _table_quads
reference, output = map(Path, sys.argv[1:3])
codes = set()
def quads():
    for table in discover(reference):
        yield from _table_quads(table, codes, [0], None)
    yield from _code_quads(codes)
with output.open("wb") as handle:
    serialize(quads(), handle, RdfFormat.N_QUADS)
"""


def _run(command: list[str]) -> tuple[float, float]:
    """Run a command; its wall time in seconds and peak resident memory in MiB."""
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[0]} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


def _import(workdir: Path, rows: int, label: str) -> tuple[float, float, Path]:
    reference = workdir / f"reference-{rows}"
    if not reference.exists():
        generate(reference, rows)
    corpus = workdir / "empty-corpus"
    corpus.mkdir(exist_ok=True)
    store = workdir / f"store-{rows}"
    shutil.rmtree(store, ignore_errors=True)
    seconds, mib = _run([sys.executable, "-c", _IMPORT, str(corpus), str(store), str(reference)])
    print(
        f"{label:<28} {rows:>10,} rows  {seconds:7.1f} s  {rows / seconds:>9,.0f} rows/s"
        f"  peak {mib:7.0f} MiB"
    )
    return seconds, mib, reference


def _latency(store: Path, reference: Path, samples: int) -> None:
    from bundlekg import KnowledgeGraph, open_graph

    table = next(reference.glob("*.TXT"))
    with table.open(encoding="ascii") as handle:
        lines = [line.split("\t") for line in handle if line[:1].isdigit()]
    rng = random.Random(1)
    pairs = [(row[0], row[1]) for row in rng.sample(lines, min(samples, len(lines)))]
    graph = open_graph(store)
    uncached = KnowledgeGraph(graph.store, answer_cache=0)
    uncached.reportable(*pairs[0], date="2024-07-01")
    timings = []
    for a, b in pairs:
        started = time.perf_counter()
        uncached.reportable(a, b, date="2024-07-01")
        timings.append(time.perf_counter() - started)
    timings.sort()
    p50 = statistics.median(timings) * 1e3
    p99 = timings[int(len(timings) * 0.99)] * 1e3
    print(f"reportable() at this scale     p50 {p50:.2f} ms  p99 {p99:.2f} ms  n={len(pairs)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--workdir", type=Path, default=None, help="keep files here")
    parser.add_argument("--samples", type=int, default=1000)
    args = parser.parse_args()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(oxigraph).exists():
        raise SystemExit("the oxigraph command is needed: pip install oxigraph")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bundlekg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        small = max(args.rows // 4, 1)
        _, small_mib, _ = _import(workdir, small, "bundlekg build (1/4 rows)")
        ours, ours_mib, reference = _import(workdir, args.rows, "bundlekg build")
        nquads = workdir / "edits.nq"
        _run([sys.executable, "-c", _DUMP, str(reference), str(nquads)])
        location = workdir / "oxigraph-store"
        shutil.rmtree(location, ignore_errors=True)
        theirs, theirs_mib = _run(
            [oxigraph, "load", "--location", str(location), "--file", str(nquads)]
        )
        size = nquads.stat().st_size / 2**20
        print(
            f"{'oxigraph load (same quads)':<28} {args.rows:>10,} rows  {theirs:7.1f} s  "
            f"{args.rows / theirs:>9,.0f} rows/s  peak {theirs_mib:7.0f} MiB  "
            f"({size:,.0f} MiB of N-Quads)"
        )
        print(
            f"ratio bundlekg / oxigraph load: time {ours / theirs:.2f}x, "
            f"memory {ours_mib / theirs_mib:.2f}x; "
            f"bundlekg memory at 1/4 rows vs all rows: {small_mib:.0f} vs {ours_mib:.0f} MiB"
        )
        _latency(workdir / f"store-{args.rows}", reference, args.samples)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
