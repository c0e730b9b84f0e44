"""The data files that ship inside the package: ontology Turtle and SPARQL queries.

Read through :mod:`importlib.resources`, so a wheel and an editable install behave alike.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["ontology_files", "query_text", "rule_names"]


def ontology_files() -> list[Traversable]:
    """Every Turtle file of ``ontology/``, sorted by name."""
    root = files("bundlekg.ontology")
    return sorted((f for f in root.iterdir() if f.name.endswith(".ttl")), key=lambda f: f.name)


@cache
def query_text(name: str) -> str:
    """The text of ``queries/<name>.rq`` (``rules/NN_name`` for a rule).

    :raises FileNotFoundError: when no such query ships with the package.
    """
    node: Traversable = files("bundlekg.queries")
    for part in name.split("/"):
        node = node / part if part != name.split("/")[-1] else node / f"{part}.rq"
    if not node.is_file():
        raise FileNotFoundError(f"no query {name}.rq in bundlekg.queries")
    return node.read_text(encoding="utf-8")


def rule_names() -> list[str]:
    """The rules of ``queries/rules/``, in the order they run (file-name order)."""
    root = files("bundlekg.queries.rules")
    names = sorted(f.name[: -len(".rq")] for f in root.iterdir() if f.name.endswith(".rq"))
    return [f"rules/{n}" for n in names]
