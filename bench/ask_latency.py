"""In-process latency of ``KnowledgeGraph.reportable`` on the graph of the bundled corpus.

Builds the corpus into a temporary store, then times, in one run and on the same store:
  - the baseline: pyoxigraph answering the bare ASK "does any graph say ?a includes ?b" for the
    same pairs, which is the least any answer has to do;
  - opening the graph and answering the first question (reads derivations and claims once);
  - ``reportable(a, b)`` with the answer cache off (every call queries the store) and on.
Prints per-call figures and the ratios to the baseline. Run: ``make bench`` or
``.venv/bin/python bench/ask_latency.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Variable

from bundlekg import KnowledgeGraph, build, open_graph
from bundlekg.terms import code_iri

PAIRS = [
    ("62323", "77003"),
    ("50590", "76000"),
    ("62370", "77002"),
    ("62328", "77003"),
    ("62270", "77003"),
    ("62323", "76000"),
    ("99999", "12345"),
]
BASELINE = """PREFIX bk: <https://w3id.org/bundlekg/ontology#>
ASK { { GRAPH ?g { ?a bk:includes ?b } } UNION { GRAPH ?g { ?b bk:includes ?a } } }"""


def _times(call: Callable[[str, str], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for a, b in PAIRS:
            started = time.perf_counter()
            call(a, b)
            samples.append(time.perf_counter() - started)
    return samples


def _summary(name: str, samples: list[float]) -> float:
    ordered = sorted(samples)
    p50 = statistics.median(ordered) * 1e6
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e6
    print(f"{name:<34} p50 {p50:9.1f} µs   p99 {p99:9.1f} µs   n={len(samples)}")
    return p50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = build(args.corpus, Path(tmp) / "store")
        print(
            f"built {len(report.documents)} documents, {report.claims} claims, "
            f"{report.rules.total} derived facts, {report.quads} quads "
            f"in {time.perf_counter() - started:.2f} s"
        )
        graph = open_graph(Path(tmp) / "store")
        store = graph.store
        started = time.perf_counter()
        KnowledgeGraph(store).reportable(*PAIRS[0])
        print(f"open + first answer: {(time.perf_counter() - started) * 1e3:.1f} ms")
        uncached = KnowledgeGraph(store, answer_cache=0)

        def baseline(a: str, b: str) -> object:
            return store.query(
                BASELINE, substitutions={Variable("a"): code_iri(a), Variable("b"): code_iri(b)}
            )

        base = _summary("baseline: bare ASK in pyoxigraph", _times(baseline, args.rounds))
        query_p50 = _summary(
            "reportable(), answer cache off", _times(uncached.reportable, args.rounds)
        )
        cached_p50 = _summary(
            "reportable(), answer cache on", _times(graph.reportable, args.rounds)
        )
        print(
            f"ratio to baseline (p50): cache off {query_p50 / base:.1f}x, "
            f"cache on {cached_p50 / base:.2f}x"
        )


if __name__ == "__main__":
    main()
