"""The knowledge graph as an API: open a built store and ask it questions.

>>> kg = open_graph(".bundlekg/store")                     # doctest: +SKIP
>>> kg.reportable("62323", "77003").verdict                 # doctest: +SKIP
<VerdictKind.NOT_SEPARATELY_REPORTABLE: 'not_separately_reportable'>
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date as Date  # noqa: N812 - `date` is a parameter name here
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, QueryBoolean, QuerySolutions

from .backend import GraphStore, QueryResult
from .claimcheck import (
    ClaimCheck,
    ClaimLine,
    Flag,
    FlagKind,
    PairCheck,
    line_pairs,
    pair_flags,
    units_by_code,
)
from .codeinfo import CodeInfo, describe_code
from .codes import normalise_code
from .conflicts import Conflict, find_conflicts
from .edits import (
    Setting,
    addon_evidence,
    addon_primaries,
    has_edits,
    mue_limits,
    ptp_evidence,
)
from .errors import InputError, QueryError, StoreError, UnknownCodeError, UnknownSourceError
from .location import StoreLocation
from .provenance import Supports
from .remote import DEFAULT_TIMEOUT
from .sparql import Row, Term, ask, select, substitutions
from .terms import BK, code_iri
from .verdict import Evidence, Position, Verdict, decide

__all__ = ["Claimed", "KnowledgeGraph", "SourceSummary", "SourceText", "open_graph"]

_MODIFIER = re.compile(r"[0-9A-Z]{2}")
_POSITIONS = {
    BK.includes: Position.BUNDLED,
    BK.separatelyReportableWith: Position.SEPARATE,
    BK.addOnTo: Position.SEPARATE,
    BK.ModifierUse: Position.WITH_MODIFIER,
    BK.Replacement: Position.REPORT_INSTEAD,
}


@dataclass(frozen=True)
class SourceSummary:
    """A source document: what it is, how much it counts, and how many claims it holds."""

    id: str
    title: str
    kind: str
    authority: int
    sha256: str
    claims: int
    characters: int | None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Claimed:
    """A claim quoted from a source, with its place in the text and what it asserts."""

    id: str
    quote: str
    start: int
    end: int
    negated: bool
    confidence: float
    extracted_by: str
    asserts: tuple[tuple[str, str, str], ...]

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "asserts": [list(t) for t in self.asserts]}


@dataclass(frozen=True)
class SourceText:
    """A source document's text with its claims, ready for highlighting."""

    summary: SourceSummary
    text: str | None
    claims: tuple[Claimed, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.summary.as_dict(),
            "text": self.text,
            "claims": [c.as_dict() for c in self.claims],
        }


def parse_code(text: str, field: str = "code") -> str:
    """A code from user input.

    :raises InputError: naming the field when the text is not a code.
    """
    try:
        return normalise_code(text)
    except ValueError as error:
        raise InputError(str(error), field=field) from None


def parse_modifiers(values: Iterable[str], field: str = "modifier") -> tuple[str, ...]:
    """Modifiers from user input (``59``, ``xs``).

    :raises InputError: for a modifier that is not two letters or digits.
    """
    result = []
    for value in values:
        modifier = value.strip().upper().removeprefix("-")
        if not _MODIFIER.fullmatch(modifier):
            raise InputError(
                f"{value!r} is not a modifier: modifiers are two letters or digits (59, XS, 25)",
                field=field,
            )
        result.append(modifier)
    return tuple(dict.fromkeys(result))


def _units(value: int | str, index: int) -> int:
    try:
        units = int(value)
    except (TypeError, ValueError):
        units = -1
    if units < 1:
        raise InputError(
            f"units must be a whole number of 1 or more, got {value!r}",
            field=f"lines.{index}.units",
        )
    return units


def parse_setting(value: Setting | str) -> Setting:
    """The NCCI table a question is about, from user input.

    :raises InputError: for anything but practitioner or hospital.
    """
    if isinstance(value, Setting):
        return value
    try:
        return Setting.parse(value)
    except ValueError as error:
        raise InputError(str(error), field="setting") from None


def parse_date(value: Date | str | None) -> Date | None:
    """A date of service from user input (``2025-10-01``).

    :raises InputError: for text that is not a YYYY-MM-DD date.
    """
    if value is None or isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{value!r} is not a date: use YYYY-MM-DD", field="date") from None


DEFAULT_ANSWER_CACHE = 4096


class KnowledgeGraph:
    """A built graph, read-only, with the questions coders ask of it.

    A built store never changes (a rebuild publishes a new one), so answers are cached:
    ``answer_cache`` pair verdicts are kept (0 turns the cache off).
    """

    def __init__(self, store: GraphStore, *, answer_cache: int = DEFAULT_ANSWER_CACHE) -> None:
        self.store = store
        self._supports = Supports(store)
        self._verdict = (
            lru_cache(maxsize=answer_cache)(self._decide) if answer_cache else self._decide
        )
        self._bypass: frozenset[str] | None = None
        self._has_edits: bool | None = None

    def close(self) -> None:
        """Close the store's connections (a SPARQL server's); an embedded store needs nothing."""
        close = getattr(self.store, "close", None)
        if callable(close):
            close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def has_edits(self) -> bool:
        """Whether the graph holds CMS edits (read once: a built store does not change)."""
        if self._has_edits is None:
            self._has_edits = has_edits(self.store)
        return self._has_edits

    @property
    def bypass_modifiers(self) -> frozenset[str]:
        """The NCCI-associated modifiers that may bypass a PTP edit of indicator 1."""
        if self._bypass is None:
            self._bypass = frozenset(
                r["modifier"].value for r in select(self.store, "ptp_modifiers")
            )
        return self._bypass

    def reportable(
        self,
        a: str,
        b: str,
        *,
        modifiers: Iterable[str] = (),
        date: Date | str | None = None,
        setting: Setting | str = Setting.PRACTITIONER,
    ) -> Verdict:
        """Whether ``b`` is separately reportable with ``a`` (order does not matter), and why.

        ``date`` is the date of service (default today): CMS edits count only when in force on
        it. ``setting`` picks the NCCI table (practitioner or hospital outpatient).

        :raises InputError: for a malformed code, modifier, date or setting.
        """
        code_a, code_b = parse_code(a, "a"), parse_code(b, "b")
        when = parse_date(date) or Date.today()
        return self._verdict(
            code_a, code_b, parse_modifiers(modifiers), when, parse_setting(setting)
        )

    def _decide(
        self, a: str, b: str, modifiers: tuple[str, ...], date: Date, setting: Setting
    ) -> Verdict:
        items = self._pair_evidence(a, b)
        if self.has_edits:
            items += ptp_evidence(
                self.store, a, b, on=date, setting=setting, bypass_modifiers=self.bypass_modifiers
            )
            items += addon_evidence(self.store, a, b, on=date)
        verdict = decide(a, b, items, modifiers=modifiers, date=date)
        if not items:
            unknown = [code for code in (a, b) if not self.has_code(code)]
            if unknown:
                return replace(
                    verdict,
                    reason=f"No source in the graph mentions {' or '.join(unknown)}, "
                    f"so nothing speaks to billing {a} with {b}.",
                )
        return verdict

    def _pair_evidence(self, a: str, b: str) -> list[Evidence]:
        found: dict[tuple[Any, ...], Evidence] = {}
        for row in select(self.store, "pair_evidence", a=code_iri(a), b=code_iri(b)):
            graph = row["graph"]
            assert isinstance(graph, NamedNode)
            position = _POSITIONS[row["relation"]]  # type: ignore[index]
            modifier = row["modifier"].value if "modifier" in row else None
            instead = row["replacement"].value if "replacement" in row else None
            strength = self._supports.authority(graph)
            for support in self._supports.of(graph):
                source = support.source
                key = (source.document, source.claim, support.role, position, modifier, instead)
                known = found.get(key)
                if known is not None and (known.strength, -len(known.derived_by or ())) >= (
                    strength,
                    -len(support.derived_by or ()),
                ):
                    continue
                found[key] = Evidence(
                    source=source.document,
                    title=source.title,
                    kind=source.kind,
                    authority=source.authority,
                    quote=source.quote,
                    start=source.start,
                    end=source.end,
                    position=position,
                    strength=strength,
                    claim=source.claim,
                    derived_by=support.derived_by,
                    modifier=modifier,
                    report_instead=instead,
                    line=source.line,
                    role=support.role,
                )
        return list(found.values())

    def check_claim(
        self,
        lines: Sequence[ClaimLine],
        *,
        date: Date | str | None = None,
        setting: Setting | str = Setting.PRACTITIONER,
    ) -> ClaimCheck:
        """Check a claim: the verdict of every pair of its lines (with the modifiers on either
        line), units against MUE limits (per line for adjudication indicator 1, per day for 2
        and 3), and add-on codes whose listed primaries are all missing from the claim.

        :raises InputError: for an empty claim, a malformed code, modifier or units.
        """
        if not lines:
            raise InputError("a claim needs at least one line", field="lines")
        checked = tuple(
            ClaimLine(
                parse_code(line.code, f"lines.{n}.code"),
                parse_modifiers(line.modifiers, f"lines.{n}.modifiers"),
                _units(line.units, n),
            )
            for n, line in enumerate(lines)
        )
        when = parse_date(date) or Date.today()
        where = parse_setting(setting)
        pairs = []
        for i, j in line_pairs(checked):
            first, second = checked[i - 1], checked[j - 1]
            modifiers = (*first.modifiers, *second.modifiers)
            verdict = self.reportable(
                first.code, second.code, modifiers=modifiers, date=when, setting=where
            )
            pairs.append(PairCheck((i, j), verdict))
        flags = pair_flags(pairs)
        if self.has_edits:
            flags += self._unit_flags(checked, where)
            flags += self._addon_flags(checked, when)
        return ClaimCheck(checked, when, where.value, tuple(pairs), tuple(flags))

    def _unit_flags(self, lines: Sequence[ClaimLine], setting: Setting) -> list[Flag]:
        flags = []
        for code, entries in units_by_code(lines).items():
            for limit in mue_limits(self.store, code):
                if limit.setting != setting.value:
                    continue
                if limit.per_day:
                    total = sum(units for _, units in entries)
                    over = [(tuple(n for n, _ in entries), total)] if total > limit.units else []
                else:
                    over = [((n,), units) for n, units in entries if units > limit.units]
                for numbers, units in over:
                    per = "per day" if limit.per_day else "per line"
                    flags.append(
                        Flag(
                            FlagKind.MUE,
                            numbers,
                            f"{units} units of {code} exceed its MUE of {limit.units} {per}",
                            limit.source,
                            limit.line,
                        )
                    )
        return flags

    def _addon_flags(self, lines: Sequence[ClaimLine], on: Date) -> list[Flag]:
        codes = {line.code for line in lines}
        flags = []
        for number, line in enumerate(lines, start=1):
            eligible = addon_primaries(self.store, line.code, on=on)
            if eligible is None or eligible.contractor_defined or eligible.primaries & codes:
                continue
            listed = ", ".join(sorted(eligible.primaries)[:5])
            more = "…" if len(eligible.primaries) > 5 else ""
            flags.append(
                Flag(
                    FlagKind.ADDON,
                    (number,),
                    f"add-on code {line.code} is on the claim without any of its primaries "
                    f"({listed}{more})",
                    eligible.source,
                    eligible.line,
                )
            )
        return flags

    def has_code(self, code: str) -> bool:
        """Whether any source mentions the code."""
        return ask(self.store, "code_exists", code=code_iri(parse_code(code)))

    def code(self, code: str) -> CodeInfo:
        """Everything sources say about a code, with the conflicts that involve it.

        :raises InputError: for a malformed code.
        :raises UnknownCodeError: for a code no source mentions.
        """
        normalised = parse_code(code)
        if not self.has_code(normalised):
            raise UnknownCodeError(normalised)
        conflicts = find_conflicts(self.store, self._supports, normalised)
        info = describe_code(self.store, self._supports, normalised, conflicts)
        return replace(info, mue=tuple(mue_limits(self.store, normalised)))

    def conflicts(self, code: str | None = None) -> list[Conflict]:
        """Every pair of assertions that cannot both hold (or those about one code), with the
        sources of each side.

        :raises InputError: for a malformed code.
        """
        wanted = parse_code(code) if code is not None else None
        return find_conflicts(self.store, self._supports, wanted)

    def sources(self) -> list[SourceSummary]:
        """The source documents, strongest first."""
        return [
            SourceSummary(
                id=row["document"].value,
                title=row["title"].value,
                kind=row["kind"].value,
                authority=int(row["authority"].value),
                sha256=row["sha256"].value,
                claims=int(row["claims"].value),
                characters=int(row["characters"].value) if "characters" in row else None,
            )
            for row in select(self.store, "list_sources")
        ]

    def source(self, document: str) -> SourceText:
        """One source with its text and its claims in text order.

        :raises UnknownSourceError: when no source has that id.
        """
        rows = select(self.store, "source_text", document=document)
        if not rows:
            raise UnknownSourceError(document)
        found = rows[0]
        text = found["text"].value if "text" in found else None
        claims = []
        for row in select(self.store, "source_claims", document=document):
            triples = tuple(
                (
                    (t["subjectName"] if "subjectName" in t else t["subject"]).value,
                    t["property"].value.rsplit("#", 1)[-1],
                    (t["valueName"] if "valueName" in t else t["value"]).value,
                )
                for t in select(self.store, "claim_triples", claim=row["claim"])
            )
            claims.append(
                Claimed(
                    id=row["claimId"].value,
                    quote=row["quote"].value,
                    start=int(row["start"].value),
                    end=int(row["end"].value),
                    negated=row["stance"] == BK.Negates,
                    confidence=float(row["confidence"].value),
                    extracted_by=row["extractedBy"].value,
                    asserts=tuple(sorted(triples)),
                )
            )
        summary = SourceSummary(
            id=document,
            title=found["title"].value,
            kind=found["kind"].value,
            authority=int(found["authority"].value),
            sha256=found["sha256"].value,
            claims=len(claims),
            characters=len(text) if text is not None else None,
        )
        return SourceText(summary, text, tuple(claims))

    def query_raw(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term | str] | None = None,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> QueryResult:
        """Run a SPARQL query and return pyoxigraph's result, ready to serialize.

        ``default_graph`` and ``named_graphs`` (graph IRIs) set the query's dataset, as the
        protocol's ``default-graph-uri`` and ``named-graph-uri`` do.

        :raises QueryError: with the parser's message for a query that does not parse.
        """
        defaults: list[NamedNode | BlankNode | DefaultGraph] | None = None
        named: list[NamedNode | BlankNode] | None = None
        if default_graph:
            defaults = [NamedNode(iri) for iri in default_graph]
        if named_graphs:
            named = [NamedNode(iri) for iri in named_graphs]
        try:
            return self.store.query(
                sparql,
                substitutions=substitutions(bindings or {}),
                default_graph=defaults,
                named_graphs=named,
            )
        except StoreError:
            raise
        except (SyntaxError, RuntimeError, ValueError) as error:
            raise QueryError(str(error)) from error

    def check_quotes(self) -> list[str]:
        """Every claim whose quote is not its document's text at its offsets (none, normally)."""
        problems = []
        for source in self.sources():
            text = self.source(source.id)
            for claim in text.claims:
                if text.text is None or text.text[claim.start : claim.end] != claim.quote:
                    problems.append(
                        f"{source.id}: claim {claim.id!r}: quote not at {claim.start}..{claim.end}"
                    )
        return problems

    def query(self, sparql: str, **bindings: Term | str) -> list[Row] | bool | list[Any]:
        """Run any read-only SPARQL query; SELECT gives rows, ASK a bool, CONSTRUCT triples.

        :raises QueryError: with the parser's message for a query that does not parse.
        """
        result = self.query_raw(sparql, bindings=bindings)
        if isinstance(result, QueryBoolean):
            return bool(result)
        if isinstance(result, QuerySolutions):
            names = [v.value for v in result.variables]
            return [{n: s[n] for n in names if s[n] is not None} for s in result]
        return list(result)


def open_graph(
    location: StoreLocation | Path | str | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    answer_cache: int = DEFAULT_ANSWER_CACHE,
) -> KnowledgeGraph:
    """Open a built graph: a store directory, or a SPARQL server by its query URL.

    The default is ``$BUNDLEKG_STORE``, else ``.bundlekg/store`` under the working directory.
    A remote graph is read as it is when opened; open it again to see a newer build.

    >>> open_graph("http://localhost:7878/query")              # doctest: +SKIP

    :raises StoreError: when nothing has been built there or the server cannot be reached.
    """
    if not isinstance(location, StoreLocation):
        location = StoreLocation.of(location, timeout=timeout)
    return KnowledgeGraph(location.open(), answer_cache=answer_cache)
