"""The package's public surface and the examples in its docstrings."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import bundlekg

SUBPACKAGES = (
    "bundlekg.service",
    "bundlekg.queries",
    "bundlekg.queries.rules",
    "bundlekg.ontology",
)


def _module_names() -> list[str]:
    names = {"bundlekg", *SUBPACKAGES}
    for package in ("bundlekg", *SUBPACKAGES):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
            names.add(info.name)
    return sorted(names)


MODULES = _module_names()


def test_all_is_sorted_and_unique() -> None:
    assert bundlekg.__all__ == sorted(bundlekg.__all__)
    assert len(set(bundlekg.__all__)) == len(bundlekg.__all__)


@pytest.mark.parametrize("name", bundlekg.__all__)
def test_every_exported_name_exists(name: str) -> None:
    assert getattr(bundlekg, name, None) is not None


def test_core_modules_are_found() -> None:
    for name in (
        "bundlekg.codes",
        "bundlekg.errors",
        "bundlekg.terms",
        "bundlekg.verdict",
        "bundlekg.sparql",
        "bundlekg.service.cli",
    ):
        assert name in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_module_all_names_exist(name: str) -> None:
    module = importlib.import_module(name)
    for exported in getattr(module, "__all__", ()):
        assert hasattr(module, exported), f"{name}.__all__ names missing {exported}"


def _doctest(module: ModuleType) -> doctest.TestResults:
    return doctest.testmod(module, verbose=False, report=False, optionflags=doctest.ELLIPSIS)


@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name: str) -> None:
    result = _doctest(importlib.import_module(name))
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctests of {name} failed"


def test_doctests_exist() -> None:
    attempted = {name: _doctest(importlib.import_module(name)).attempted for name in MODULES}
    for name in ("bundlekg.codes", "bundlekg.errors", "bundlekg.terms", "bundlekg.verdict"):
        assert attempted[name] > 0, name
