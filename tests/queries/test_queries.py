"""The SPARQL files of queries/ and queries/rules/: they parse, say what they do, and rules
describe derivations the way queries/rules/README.md asks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, Store

from bundlekg.resources import query_text, rule_names
from tests.conftest import REPO

QUERIES = REPO / "queries"
ALL = sorted([*QUERIES.glob("*.rq"), *(QUERIES / "rules").glob("*.rq")])
RULES = sorted((QUERIES / "rules").glob("*.rq"))


def _id(path: Path) -> str:
    return str(path.relative_to(QUERIES))


def test_there_are_queries_and_rules() -> None:
    assert len(ALL) > len(RULES) > 0


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_query_parses_and_runs_on_an_empty_store(path: Path) -> None:
    result = Store().query(path.read_text(encoding="utf-8"))
    assert isinstance(result, QuerySolutions | QueryBoolean | QueryTriples)
    if isinstance(result, QuerySolutions):
        assert list(result) == []
    elif isinstance(result, QueryBoolean):
        assert not bool(result)
    else:
        assert list(result) == []


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_query_starts_with_a_header_comment(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line.lstrip("# ").strip())
    assert header, f"{_id(path)} has no header comment"
    assert len(" ".join(header)) >= 30, f"{_id(path)}: the header says too little"


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=_id)
def test_query_header_says_what_it_binds_and_returns(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "Binds:" in header, _id(path)
    assert "Returns:" in header, _id(path)


@pytest.mark.parametrize("path", ALL, ids=_id)
def test_query_ships_in_the_package(path: Path) -> None:
    name = _id(path).removesuffix(".rq")
    assert query_text(name) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", RULES, ids=_id)
def test_rule_is_a_construct_describing_derivations(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert re.search(r"^\s*CONSTRUCT\s*\{", body, re.MULTILINE), _id(path)
    assert "bk:mainPremise" in body
    assert "bk:derives" in body
    assert "prov:wasDerivedFrom" in body
    assert isinstance(Store().query(text), QueryTriples)


@pytest.mark.parametrize("path", RULES, ids=_id)
def test_rule_file_name_is_its_id(path: Path) -> None:
    assert re.fullmatch(r"[0-9]{2}_[a-z_]+\.rq", path.name)


def test_rules_run_in_file_name_order() -> None:
    assert rule_names() == [f"rules/{p.stem}" for p in RULES]
