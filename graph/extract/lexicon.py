"""The grammar's vocabulary: ``grammar.yaml`` joined with the ontology's concept labels.

Trigger phrases, negation cues and the other words of the grammar live in ``grammar.yaml``;
the names of regions, modalities, approaches, categories, modifiers and periods come from the
ontology (notations and labels) with the document wordings the YAML adds. Phrases become one
compiled pattern per use, longest first, matched case-insensitively on word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

import yaml
from pyoxigraph import RdfFormat, Store

from ..errors import InputError
from ..resources import ontology_files
from ..sparql import select

__all__ = ["Lexicon", "Relation", "load_lexicon", "phrase_pattern"]

GRAMMAR_FILE = "grammar.yaml"
_SCHEMES = ("region", "modality", "approach", "period", "category", "modifier")


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for many phrases: longest first, spaces as any white space, word-bounded."""
    unique = sorted({p.strip().lower() for p in phrases if p.strip()}, key=lambda p: -len(p))
    parts = [r"\s+".join(_word_pattern(word) for word in p.split()) for p in unique]
    body = "|".join(parts) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _word_pattern(word: str) -> str:
    """A phrase's word; "with" is also written "w/" ("not separately reportable w/ 64483")."""
    return r"(?:with|w/)" if word == "with" else re.escape(word)


@dataclass(frozen=True)
class Relation:
    """A relation between codes and the phrases that state it (``grammar.yaml`` ``relations``)."""

    name: str
    left: str
    right: str
    property: str
    negated: bool
    pattern: re.Pattern[str]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Compiled patterns and word maps of the grammar."""

    data: Mapping[str, Any]
    concepts: Mapping[str, Mapping[str, str]]
    concept_patterns: Mapping[str, re.Pattern[str]]
    modifiers: frozenset[str]
    relations: tuple[Relation, ...]

    def words(self, *path: str) -> list[str]:
        """A list of words at a path of ``grammar.yaml`` (``words("negation", "cues")``)."""
        node: Any = self.data
        for key in path:
            node = node[key]
        return [str(item) for item in node]

    @cache  # noqa: B019 - lexicons live as long as the process; one per grammar file
    def pattern(self, *path: str) -> re.Pattern[str]:
        """The phrases at a path of ``grammar.yaml`` as one pattern."""
        return phrase_pattern(self.words(*path))

    def concept(self, scheme: str, phrase: str) -> str | None:
        """The concept name a phrase stands for in a scheme, if any."""
        return self.concepts.get(scheme, {}).get(" ".join(phrase.lower().split()))


def _ontology_labels() -> dict[str, dict[str, str]]:
    store = Store()
    for resource in ontology_files():
        store.load(resource.read_bytes(), format=RdfFormat.TURTLE)
    labels: dict[str, dict[str, str]] = {scheme: {} for scheme in _SCHEMES}
    for row in select(store, "concept_labels"):
        scheme = row["scheme"].value.rsplit("/", 1)[-1]
        if scheme not in labels:
            continue
        name = row["name"].value
        labels[scheme].setdefault(name.lower().replace("-", " "), name)
        labels[scheme].setdefault(row["label"].value.lower(), name)
    return labels


def _check_phrases(node: Any, path: list[str]) -> None:
    """Every phrase of the grammar is text: YAML reads a bare ``on``, ``no`` or ``false`` as a
    boolean, which would silently never match."""
    if isinstance(node, dict):
        for key, value in node.items():
            _check_phrases(value, [*path, str(key)])
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, bool) or item is None:
                raise InputError(
                    f"{item!r} is not text; quote it",
                    path=GRAMMAR_FILE,
                    field=".".join(path),
                )


@cache
def load_lexicon() -> Lexicon:
    """The grammar of ``bundlekg.extract/grammar.yaml`` with the ontology's labels."""
    text = (files("bundlekg.extract") / GRAMMAR_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    _check_phrases(data, [])
    labels = _ontology_labels()
    concepts: dict[str, dict[str, str]] = {}
    for scheme in ("region", "modality", "approach", "period"):
        words = dict(labels[scheme])
        for name, phrases in data["concepts"][scheme].items():
            for phrase in phrases:
                words[str(phrase).lower()] = str(name)
        concepts[scheme] = words
    modifiers = frozenset(
        name for name in labels["modifier"].values() if re.fullmatch(r"[0-9A-Z]{2}", name)
    )
    relations = tuple(
        Relation(
            name=str(name),
            left=str(spec["left"]),
            right=str(spec["right"]),
            property=str(spec["property"]),
            negated=bool(spec.get("negated", False)),
            pattern=phrase_pattern(str(p) for p in spec["phrases"]),
        )
        for name, spec in data["relations"].items()
    )
    return Lexicon(
        data=data,
        concepts=concepts,
        concept_patterns={s: phrase_pattern(words) for s, words in concepts.items()},
        modifiers=modifiers,
        relations=relations,
    )
