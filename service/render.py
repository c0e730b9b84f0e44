"""Human-readable output for the terminal: verdict first, then the quotes and their sources."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bundlekg.build import BuildReport
from bundlekg.claimcheck import ClaimCheck
from bundlekg.codeinfo import CodeInfo
from bundlekg.conflicts import Conflict
from bundlekg.documents import Document
from bundlekg.extract.evaluate import ClaimType, Evaluation, Score
from bundlekg.extract.worklist import Row, Status
from bundlekg.knowledge import SourceSummary
from bundlekg.provenance import Support
from bundlekg.reviews import Review
from bundlekg.verdict import Evidence, Verdict, VerdictKind

__all__ = [
    "print_build",
    "print_claim_check",
    "print_code",
    "print_conflicts",
    "print_evaluation",
    "print_sources",
    "print_verdict",
    "print_worklist",
]

_VERDICT_STYLE = {
    VerdictKind.NOT_SEPARATELY_REPORTABLE: "bold red",
    VerdictKind.SEPARATELY_REPORTABLE_WITH_MODIFIER: "bold yellow",
    VerdictKind.SEPARATELY_REPORTABLE: "bold green",
    VerdictKind.CONFLICTING: "bold magenta",
    VerdictKind.UNKNOWN: "bold",
}


def _quote(console: Console, text: str, indent: str = "      ") -> None:
    """Print a quote wrapped to the terminal, its line breaks folded into spaces."""
    flat = " ".join(text.split())
    width = max(40, min(console.width, 110))
    wrapped = textwrap.fill(
        f"“{flat}”", width=width, initial_indent=indent, subsequent_indent=indent + " "
    )
    console.print(escape(wrapped), highlight=False, soft_wrap=True)


def _where(document: str, kind: str, start: int | None, end: int | None, line: int | None) -> str:
    place = f"{start}..{end}" if start is not None else f"line {line}" if line else ""
    return f"{document} [{kind}] {place}".rstrip()


def _evidence_line(console: Console, item: Evidence) -> None:
    mark = "[green]+[/]" if item.stance == "supports" else "[red]−[/]"
    via = f" via {' ← '.join(item.derived_by)}" if item.derived_by else ""
    what = item.position.value.replace("_", " ")
    if item.modifier:
        what += f" ({item.modifier})"
    if item.report_instead:
        what += f" → {item.report_instead}"
    role = "" if item.role == "statement" else " premise"
    console.print(
        f"  {mark} {escape(_where(item.source, item.kind, item.start, item.end, item.line))}"
        f"[dim]{role} · says {escape(what)}{escape(via)}[/]",
        soft_wrap=True,
    )
    _quote(console, item.quote)


def print_verdict(console: Console, verdict: Verdict) -> None:
    style = _VERDICT_STYLE[verdict.verdict]
    title = verdict.verdict.value.replace("_", " ").upper()
    flag = " [red](contested)[/]" if verdict.contested else ""
    console.print(f"{verdict.a} + {verdict.b}: [{style}]{title}[/]{flag}")
    if verdict.report_instead:
        console.print(f"  report instead: [bold]{verdict.report_instead}[/]")
    if verdict.column1:
        console.print(f"  NCCI column 1: {verdict.column1}")
    console.print(
        escape(
            textwrap.fill(
                verdict.reason,
                width=max(40, min(console.width, 110)),
                initial_indent="  ",
                subsequent_indent="  ",
            )
        ),
        highlight=False,
        soft_wrap=True,
    )
    if verdict.evidence:
        supporting = sum(1 for e in verdict.evidence if e.stance == "supports")
        console.print(
            f"\nEvidence ({supporting} supporting, {len(verdict.evidence) - supporting} "
            "contradicting):"
        )
        for item in verdict.evidence:
            _evidence_line(console, item)


def _support_lines(console: Console, supports: Iterable[Support], limit: int = 3) -> None:
    items = list(supports)
    for support in items[:limit]:
        s = support.source
        role = "" if support.principal else " premise"
        via = f" via {' ← '.join(support.derived_by)}" if support.derived_by else ""
        console.print(
            f"    - {escape(_where(s.document, s.kind, s.start, s.end, s.line))}"
            f"[dim]{role}{escape(via)}[/]",
            soft_wrap=True,
        )
        _quote(console, s.quote, "        ")
    if len(items) > limit:
        console.print(f"    … and {len(items) - limit} more")


_LABELS = {
    "descriptor": "Descriptor",
    "region": "Region",
    "approach": "Approach",
    "includesGuidance": "Includes imaging guidance",
    "excludesGuidance": "Without imaging guidance",
    "guidanceModality": "Is imaging guidance by",
    "guidanceRegion": "Guides procedures on",
    "catheterPlacement": "Catheter placement",
    "addOn": "Add-on code",
    "category": "Category",
    "guidedVariantOf": "With-guidance version of",
    "hasGuidedVariant": "With guidance, report",
    "includes": "Includes (not reported separately)",
    "includedIn": "Included in",
    "integralTo": "Integral to",
    "hasIntegral": "Has integral",
    "separatelyReportableWith": "Reported separately with",
    "addOnTo": "Add-on to",
    "hasAddOn": "Has add-on",
    "indicatedFor": "Indicated for (ICD-10-CM)",
    "indicationOf": "Indication for",
    "note": "Note",
}


_ORDER = {name: rank for rank, name in enumerate(_LABELS)}


def print_code(console: Console, info: CodeInfo, *, derived: bool = False) -> None:
    add_on = " (add-on code)" if info.add_on else ""
    console.print(f"[bold]{info.code}[/] — {info.system}{add_on}")
    facts = sorted(info.facts, key=lambda f: (_ORDER.get(f.property, len(_ORDER)), f.value))
    shown = [f for f in facts if derived or not f.derived]
    hidden = len(info.facts) - len(shown)
    current = None
    for fact in shown:
        if fact.property != current:
            current = fact.property
            console.print(f"\n[bold]{_LABELS.get(fact.property, fact.property)}[/]")
        tag = " [dim](derived)[/]" if fact.derived else ""
        value = " ".join(fact.value.split())
        console.print(f"  {escape(value)}{tag}", highlight=False, soft_wrap=True)
        _support_lines(console, [s for s in fact.supports if derived or not s.derived_by])
    if hidden:
        console.print(f"\n[dim]{hidden} derived facts not shown; use --derived to list them.[/]")
    if info.mue:
        console.print("\n[bold]Medically Unlikely Edits[/]")
        for limit in info.mue:
            per = "per day" if limit.per_day else "per claim line"
            console.print(
                f"  {limit.setting}: at most {limit.units} unit(s) {per} "
                f"(indicator {limit.adjudication_indicator}) — {limit.source} line {limit.line}",
                soft_wrap=True,
            )
    if info.statements:
        console.print("\n[bold]Statements[/]")
        for statement in info.statements:
            parts = "; ".join(f"{k}: {', '.join(v)}" for k, v in statement.parts)
            console.print(f"  {statement.kind}: {escape(parts)}", highlight=False)
            _support_lines(console, statement.supports, limit=2)
    if info.conflicts:
        console.print(f"\n[bold red]Conflicts ({len(info.conflicts)})[/]")
        print_conflicts(console, info.conflicts)


def print_conflicts(console: Console, conflicts: Iterable[Conflict]) -> None:
    found = False
    for conflict in conflicts:
        found = True
        console.print(f"\n[bold]{' + '.join(conflict.codes)}[/] — {conflict.topic}")
        for reading, supports in (
            (conflict.reading, conflict.supports),
            (conflict.counter_reading, conflict.counter_supports),
        ):
            documents = sorted({s.source.document for s in supports})
            console.print(f"  [yellow]{escape(reading)}[/]: {', '.join(documents)}")
            _support_lines(console, supports, limit=3)
    if not found:
        console.print("No conflicts.")


def print_claim_check(console: Console, result: ClaimCheck) -> None:
    codes = ", ".join(
        f"{n}:{line.code}"
        + "".join(f"-{m}" for m in line.modifiers)
        + (f"x{line.units}" if line.units != 1 else "")
        for n, line in enumerate(result.lines, start=1)
    )
    console.print(f"Claim ({result.setting}, {result.date.isoformat()}): {codes}", soft_wrap=True)
    if not result.flags:
        console.print("[green]No flags.[/]")
    for flag in result.flags:
        where = f" — {flag.source} line {flag.source_line}" if flag.source_line else ""
        where = where or (f" — {flag.source}" if flag.source else "")
        lines = ", ".join(str(n) for n in flag.lines)
        console.print(
            f"  [red]{flag.kind.value}[/] line(s) {lines}: {escape(flag.message)}"
            f"[dim]{escape(where)}[/]",
            soft_wrap=True,
        )
    console.print(f"{len(result.pairs)} pairs checked, {len(result.flags)} flags.")


def print_sources(console: Console, sources: Iterable[SourceSummary]) -> None:
    table = Table("id", "kind", "authority", "claims", "characters", "title")
    for s in sources:
        table.add_row(s.id, s.kind, str(s.authority), str(s.claims), str(s.characters), s.title)
    console.print(table)


def print_build(console: Console, report: BuildReport) -> None:
    table = Table("document", "kind", "claims", "extracted", "reviewed", "title", title="Documents")
    for d in report.documents:
        claims = str(d.claims) if d.claims else "[red]0 (no claims)[/]"
        table.add_row(d.id, d.kind, claims, str(d.extracted), str(d.reviewed), d.title)
    console.print(table)
    console.print(
        f"{len(report.documents)} documents, {report.claims} claims, "
        f"{report.rules.total} derived facts in {report.rules.passes} passes, "
        f"{report.rules.runs} rule runs "
        f"({', '.join(f'{k}: {v}' for k, v in report.rules.derived.items() if v)}), "
        f"{len(report.conflicts)} conflicts, {report.quads} quads, {report.seconds:.1f}s"
    )
    for t in report.reference.tables:
        release = f" version {t.release}" if t.release else ""
        console.print(f"  CMS {t.kind} {t.setting}{release}: {t.name}, {t.rows:,} rows")
    for d in report.silent_documents:
        console.print(f"[yellow]warning:[/] {d.id} yielded no claims; review it")
    for c in report.conflicts:
        first, second = c.documents
        console.print(
            f"  conflict: {' + '.join(c.codes)} ({c.topic}): "
            f"{', '.join(sorted(first))} vs {', '.join(sorted(second))}"
        )
    console.print(f"Published to {report.store}")


_STATUS_STYLE = {
    Status.MATCH: "green",
    Status.ACCEPTED: "green",
    Status.CORRECTED: "yellow",
    Status.EXTRA: "cyan",
    Status.MISSING: "red",
    Status.PARTIAL: "magenta",
    Status.REJECTED: "dim",
}


def print_worklist(
    console: Console, document: Document, review: Review | None, rows: list[Row]
) -> None:
    """Candidates and curated claims in text order, grouped by the quote they stand on."""
    if review is None:
        state = "no review file: every candidate goes into the graph"
    elif review.reviewed:
        state = "extraction: reviewed: only curated, accepted and corrected claims count"
    else:
        state = "reviewed in part: unlisted candidates go into the graph"
    console.print(f"[bold]{escape(document.id)}[/] {escape(document.title)} ({state})")
    counts: dict[Status, int] = {}
    last: tuple[int, int] | None = None
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
        if last is None or row.start >= last[1]:
            console.print()
            console.print(f"[dim]{row.start}..{row.end}[/]")
            _quote(console, row.quote, indent="  ")
            last = (row.start, row.end)
        else:
            last = (last[0], max(last[1], row.end))
        style = _STATUS_STYLE[row.status]
        by = f"{row.producer} {row.confidence:.2f}"
        negates = " negates" if row.stance == "negates" else ""
        console.print(
            f"  [{style}]{row.status.value:<9}[/] {row.origin:<9} {escape(row.id)} "
            f"[dim]({escape(by)}{negates}, {row.start}..{row.end})[/]"
        )
        for assertion in row.asserts:
            console.print(f"      {escape(assertion)}")
    console.print()
    console.print(
        ", ".join(f"{n} {s.value}" for s, n in sorted(counts.items(), key=lambda x: x[0].value))
    )


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _score_cells(score: Score) -> list[str]:
    return [
        _ratio(score.precision),
        _ratio(score.recall),
        _ratio(score.f1),
        f"{score.correct}/{score.extracted}",
        f"{score.found}/{score.gold}",
    ]


def print_evaluation(console: Console, evaluation: Evaluation) -> None:
    """Precision, recall and F1 per document and claim type, then per type and in total."""
    heads = ("P", "R", "F1", "correct/extracted", "found/gold")
    table = Table("document", "type", *heads, title="Per document")
    for document in evaluation.documents:
        for kind in ClaimType:
            score = document.by_type.get(kind)
            if score is not None:
                table.add_row(document.document, kind.value, *_score_cells(score))
    console.print(table)
    totals = Table("type", *heads, title="Per claim type (notes are reported, not scored)")
    for kind in ClaimType:
        totals.add_row(kind.value, *_score_cells(evaluation.total(kind)))
    totals.add_row("all but notes", *_score_cells(evaluation.total()))
    console.print(totals)
    pair = evaluation.total(ClaimType.PAIR)
    console.print(
        f"pair-level: P {_ratio(pair.precision)} R {_ratio(pair.recall)} F1 {_ratio(pair.f1)} "
        f"({pair.correct}/{pair.extracted} extracted correct, {pair.found}/{pair.gold} gold found, "
        f"{len(evaluation.documents)} documents)"
    )
