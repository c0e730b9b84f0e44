"""The shapes the REST API reads and answers, for the OpenAPI schema and its clients.

Answers are the graph's own JSON contracts (``Verdict.as_dict()``, ``CodeInfo.as_dict()`` …), the
same bodies ``bundlekg … --json`` prints; these models describe them. Answer models allow keys
they do not declare, so a field the graph adds reaches clients unchanged (and the tests notice
that the model has fallen behind). Requests forbid unknown keys, so a misspelt one is a 422.
Examples are real answers from the bundled corpus, shortened.
"""

from __future__ import annotations

from datetime import date as Date  # noqa: N812 - `date` is a field name here
from typing import Any, Literal

from fastapi.openapi.models import Example
from pydantic import BaseModel, ConfigDict, Field

from bundlekg.neighbourhood import EdgeKind, NodeKind
from bundlekg.verdict import Position, VerdictKind

__all__ = [
    "AssertionSupportsAnswer",
    "ClaimCheckAnswer",
    "ClaimLineAnswer",
    "ClaimLineRequest",
    "ClaimRequest",
    "ClaimedAnswer",
    "CodeAnswer",
    "CodeFactAnswer",
    "CodeMatchAnswer",
    "CodeSearchAnswer",
    "CodeStatementAnswer",
    "ConflictAnswer",
    "ConflictSideAnswer",
    "ContestedAnswer",
    "ContestedCodeAnswer",
    "EdgeAnswer",
    "ErrorBody",
    "ErrorItem",
    "EvidenceAnswer",
    "ExplanationAnswer",
    "FlagAnswer",
    "GraphAnswer",
    "MUEAnswer",
    "NodeAnswer",
    "NodeLinkAnswer",
    "PairCheckAnswer",
    "PathStepAnswer",
    "QuotedSupportAnswer",
    "SourceAnswer",
    "SourceTextAnswer",
    "StepSourceAnswer",
    "SupportAnswer",
    "VerdictAnswer",
    "WeakAnswer",
    "WeakCodeAnswer",
    "error_responses",
    "example",
]


class _Answer(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorItem(BaseModel):
    """One problem with the request, naming the field it is in."""

    field: str = Field(description="The field, as the request names it: `a`, `lines.0.units`.")
    message: str


class ErrorBody(BaseModel):
    """Every error the service answers: the status again, a message, and the fields at fault."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ok": False,
                    "status": 422,
                    "error": "a: '6232' is not a CPT (five characters, e.g. 62323), HCPCS (letter "
                    "and four digits, e.g. G0260) or ICD-10-CM (e.g. M54.16) code",
                    "errors": [
                        {
                            "field": "a",
                            "message": "a: '6232' is not a CPT (five characters, e.g. 62323), "
                            "HCPCS (letter and four digits, e.g. G0260) or ICD-10-CM (e.g. "
                            "M54.16) code",
                        }
                    ],
                }
            ]
        }
    )

    ok: Literal[False]
    status: int
    error: str
    errors: list[ErrorItem]


# The pair answer (`bundlekg ask --json`).

_EVIDENCE_SUPPORTS: dict[str, Any] = {
    "source": "003_37225522b298a619",
    "title": "62323 descriptor and coding guidelines",
    "kind": "coding_reference",
    "authority": 3,
    "claim": "62323-includes-imaging-guidance",
    "quote": "CPT code 62323 specifically includes the use of imaging guidance (fluoroscopy or "
    "CT). Therefore, imaging guidance codes (e.g., 77003) should NOT be reported separately.",
    "start": 2963,
    "end": 3131,
    "line": None,
    "stance": "supports",
    "role": "statement",
    "says": "not_separately_reportable",
    "modifier": None,
    "derived_by": None,
}
_EVIDENCE_CONTRADICTS: dict[str, Any] = {
    "source": "000_438acad2e7e8b7ba",
    "title": "Does CPT Code 62323 Include Fluoroscopy?",
    "kind": "vendor_article",
    "authority": 2,
    "claim": "77003-addon-for-spine-injection",
    "quote": "When fluoroscopic guidance is used for spine injection procedures, the imaging "
    "guidance is reported with add-on CPT code 77003.",
    "start": 2748,
    "end": 2875,
    "line": None,
    "stance": "contradicts",
    "role": "statement",
    "says": "separately_reportable",
    "modifier": None,
    "derived_by": ["50_expand_groups"],
}
_REASON = (
    "77003 is not reported separately with 62323, according to 003_37225522b298a619 "
    "(coding_reference); weaker sources disagree: 000_438acad2e7e8b7ba (vendor_article), "
    "002_47b186a559464250 (vendor_article)."
)
_VERDICT: dict[str, Any] = {
    "a": "62323",
    "b": "77003",
    "verdict": "not_separately_reportable",
    "contested": True,
    "report_instead": None,
    "reason": _REASON,
    "modifiers": [],
    "date": "2025-10-01",
    "column1": None,
    "evidence": [_EVIDENCE_SUPPORTS, _EVIDENCE_CONTRADICTS],
}


class EvidenceAnswer(_Answer):
    """One quote (or CMS row) that speaks to the pair, and where it stands against the verdict."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EVIDENCE_SUPPORTS]})

    source: str = Field(description="Source document id (a CMS file's name for regulator rows).")
    title: str
    kind: str = Field(description="Source kind: regulator, code_set, coding_reference, ….")
    authority: int = Field(description="Authority of the source kind, 1 (unknown) to 5.")
    claim: str | None = Field(description="Claim id within its document; null for CMS rows.")
    quote: str = Field(description="The sentence(s) as written, or the CMS row as published.")
    start: int | None = Field(description="Offset of the quote in the text; null for CMS rows.")
    end: int | None = Field(description="`text[start:end] == quote`.")
    line: int | None = Field(description="Line of a CMS row in its file; null for articles.")
    stance: Literal["supports", "contradicts"]
    role: Literal["statement", "premise"] = Field(
        description="`premise` only placed a code in a region or category for a rule."
    )
    says: Position = Field(description="What this evidence says about the pair on its own.")
    modifier: str | None = Field(description="The modifier a with-modifier statement names.")
    derived_by: list[str] | None = Field(
        description="Rules that turned the quote into evidence for this pair, outermost first."
    )


class VerdictAnswer(_Answer):
    """Whether B is separately reportable with A, why, and every piece of evidence."""

    model_config = ConfigDict(json_schema_extra={"examples": [_VERDICT]})

    a: str = Field(description="The first code as normalised.")
    b: str = Field(description="The second code as normalised.")
    verdict: VerdictKind
    contested: bool = Field(description="Weaker evidence disagrees with the verdict.")
    report_instead: str | None = Field(description="The code a source says to bill instead.")
    reason: str = Field(description="One sentence naming the sources behind the verdict.")
    modifiers: list[str] = Field(description="The modifiers the question carried, sorted.")
    date: Date | None = Field(description="Date of service CMS edits were read for.")
    column1: str | None = Field(description="The column 1 code of the PTP edit, if one decided.")
    evidence: list[EvidenceAnswer] = Field(description="Supporting first, strongest first.")


# The claim check.

_CLAIM: dict[str, Any] = {
    "lines": [
        {"code": "62323", "modifiers": [], "units": 1},
        {"code": "77003", "modifiers": ["XS"], "units": 1},
    ],
    "date": "2025-10-01",
    "setting": "practitioner",
}


class ClaimLineRequest(BaseModel):
    """One line of a claim as sent."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="A CPT, HCPCS or ICD-10-CM code.", examples=["77003"])
    modifiers: list[str] = Field(
        default_factory=list,
        max_length=4,
        description="Modifiers on the line (two letters or digits; at most four, as on a claim).",
        examples=[["XS"]],
    )
    units: int = Field(1, ge=1, le=99_999, description="Units of service on the line.")


class ClaimRequest(BaseModel):
    """A claim to check: its lines, the date of service and the NCCI table to read."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_CLAIM]})

    lines: list[ClaimLineRequest] = Field(
        min_length=1,
        description="The claim's lines; at most the service's `max_claim_lines` (100 by default).",
    )
    date: str | None = Field(
        None, description="Date of service, YYYY-MM-DD (default: today).", examples=["2025-10-01"]
    )
    setting: str = Field(
        "practitioner",
        description="NCCI table: `practitioner` or `hospital` (outpatient).",
        examples=["practitioner", "hospital"],
    )


class ClaimLineAnswer(_Answer):
    """A claim line as checked: the code and modifiers normalised."""

    code: str
    modifiers: list[str]
    units: int


class FlagAnswer(_Answer):
    """A problem on the claim, the lines it concerns (1-based) and the source behind it."""

    kind: Literal["pair", "mue", "addon"] = Field(
        description="`pair`: two lines not billed together as they stand; `mue`: units over the "
        "Medically Unlikely Edit; `addon`: an add-on code without any of its primaries."
    )
    lines: list[int]
    message: str
    source: str | None
    source_line: int | None = Field(description="Line of the CMS row behind the flag.")


class PairCheckAnswer(VerdictAnswer):
    """The verdict for two lines of the claim, with the modifiers of both lines."""

    lines: tuple[int, int] = Field(description="The two lines (1-based).")


class ClaimCheckAnswer(_Answer):
    """Every pair's verdict and every flag raised on the claim."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "date": "2025-10-01",
                    "setting": "practitioner",
                    "lines": _CLAIM["lines"],
                    "flags": [
                        {
                            "kind": "pair",
                            "lines": [1, 2],
                            "message": "77003 is not separately reportable with 62323",
                            "source": "003_37225522b298a619",
                            "source_line": None,
                        }
                    ],
                    "pairs": [
                        {
                            "lines": [1, 2],
                            **_VERDICT,
                            "modifiers": ["XS"],
                            "evidence": [_EVIDENCE_SUPPORTS],
                        }
                    ],
                }
            ]
        }
    )

    date: Date
    setting: str
    lines: list[ClaimLineAnswer]
    flags: list[FlagAnswer]
    pairs: list[PairCheckAnswer]


# Codes.

_SUPPORT: dict[str, Any] = {
    "source": "000_438acad2e7e8b7ba",
    "title": "Does CPT Code 62323 Include Fluoroscopy?",
    "kind": "vendor_article",
    "authority": 2,
    "claim": "77003-addon-for-spine-injection",
    "quote": _EVIDENCE_CONTRADICTS["quote"],
    "start": 2748,
    "end": 2875,
    "line": None,
    "role": "statement",
    "derived_by": None,
}


_SUPPORT_STATEMENT: dict[str, Any] = {
    key: value
    for key, value in _EVIDENCE_SUPPORTS.items()
    if key not in ("stance", "says", "modifier")
}


class SupportAnswer(_Answer):
    """A source behind a fact: its quote and offsets, and the rules that lead from it."""

    source: str
    title: str
    kind: str
    authority: int
    claim: str
    quote: str
    start: int | None
    end: int | None
    line: int | None
    role: Literal["statement", "premise"]
    derived_by: list[str] | None


class CodeFactAnswer(_Answer):
    """One property value of a code and every source that states or implies it."""

    property: str = Field(description="region, includesGuidance, includedIn, addOn, ….")
    value: str
    derived: bool = Field(description="No source states it in so many words.")
    sources: list[SupportAnswer]


class CodeStatementAnswer(_Answer):
    """A many-part statement about a code; its parts are lists of values under their names."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "frequency",
                    "code": ["77003"],
                    "maxUnits": ["1"],
                    "per": ["session"],
                    "sources": [_SUPPORT],
                }
            ]
        }
    )

    kind: Literal["replacement", "modifier", "frequency", "documentation"]
    sources: list[SupportAnswer]


class ConflictSideAnswer(_Answer):
    """One reading of a disputed fact and its sources, strongest first."""

    says: str
    sources: list[SupportAnswer]


class ConflictAnswer(_Answer):
    """Two readings that cannot both hold, each with every source behind it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "topic": "imaging-guidance",
                    "codes": ["62323"],
                    "sides": [
                        {
                            "says": "62323 includes imaging guidance",
                            "sources": [_SUPPORT_STATEMENT],
                        },
                        {
                            "says": "62323 is performed without imaging guidance",
                            "sources": [
                                {
                                    **_SUPPORT,
                                    "claim": "62323-without-imaging",
                                    "quote": "CPT code 62323 explicitly states that it is "
                                    "performed “without imaging guidance.”",
                                    "start": 1655,
                                    "end": 1736,
                                }
                            ],
                        },
                    ],
                }
            ]
        }
    )

    topic: str = Field(description="imaging-guidance, billing or catheter.")
    codes: list[str]
    sides: list[ConflictSideAnswer]


class MUEAnswer(_Answer):
    """A Medically Unlikely Edit: units of a code allowed per line or per day, by setting."""

    setting: str
    units: int
    adjudication_indicator: str
    per: Literal["line", "day"]
    rationale: str | None
    source: str
    line: int
    effective: Date | None


class CodeAnswer(_Answer):
    """Everything sources say about a code, and where they disagree."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "77003",
                    "system": "CPT",
                    "add_on": True,
                    "facts": [
                        {
                            "property": "addOn",
                            "value": "true",
                            "derived": False,
                            "sources": [_SUPPORT],
                        }
                    ],
                    "statements": [],
                    "conflicts": [],
                    "mue": [],
                }
            ]
        }
    )

    code: str
    system: Literal["CPT", "HCPCS", "ICD10CM"]
    add_on: bool
    facts: list[CodeFactAnswer]
    statements: list[CodeStatementAnswer]
    conflicts: list[ConflictAnswer]
    mue: list[MUEAnswer] = Field(description="CMS MUE limits, when the graph holds MUE tables.")


class CodeMatchAnswer(_Answer):
    """A code found by search."""

    code: str
    system: Literal["CPT", "HCPCS", "ICD10CM"]
    descriptor: str | None = Field(description="The descriptor of the strongest source.")
    sources: int = Field(description="Documents with claims that mention the code.")
    match: Literal["code", "descriptor"] = Field(description="What the query matched.")


class CodeSearchAnswer(_Answer):
    """Codes matching a query: by code prefix first, then by descriptor words."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "fluoroscopic guidance",
                    "count": 1,
                    "results": [
                        {
                            "code": "77003",
                            "system": "CPT",
                            "descriptor": "Fluoroscopic guidance and localization of a spinal "
                            "diagnostic or therapeutic injection (e.g., epidural, selective nerve "
                            "root block, facet joint injection, sacroiliac joint injection)",
                            "sources": 4,
                            "match": "descriptor",
                        }
                    ],
                }
            ]
        }
    )

    query: str
    count: int
    results: list[CodeMatchAnswer]


# Sources.

_SOURCE: dict[str, Any] = {
    "id": "003_37225522b298a619",
    "title": "62323 descriptor and coding guidelines",
    "kind": "coding_reference",
    "authority": 3,
    "sha256": "3247b7d34704d8e3e5d3dcf7bea483609d6a977e648f5a724ff7ff3ebee37460",
    "claims": 19,
    "characters": 4602,
}


class SourceAnswer(_Answer):
    """A source document: what it is, how much it counts, how many claims it holds."""

    model_config = ConfigDict(json_schema_extra={"examples": [_SOURCE]})

    id: str
    title: str
    kind: str
    authority: int
    sha256: str = Field(description="Digest of the text the claims' offsets refer to.")
    claims: int
    characters: int | None


class ClaimedAnswer(_Answer):
    """A claim of a source: its quote, where it stands in the text, and what it asserts."""

    id: str
    quote: str
    start: int = Field(description="`text[start:end] == quote` (Unicode code points).")
    end: int
    negated: bool = Field(description="The sentence is negated (“should NOT be reported”).")
    confidence: float
    extracted_by: str
    asserts: list[tuple[str, str, str]] = Field(description="[subject, property, value] triples.")


class SourceTextAnswer(_Answer):
    """A source document's text with its claims in text order, ready for highlighting."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_SOURCE,
                    "text": "… CPT code 62323 specifically includes the use of imaging guidance …",
                    "claims": [
                        {
                            "id": "62323-includes-imaging-guidance",
                            "quote": _EVIDENCE_SUPPORTS["quote"],
                            "start": 2963,
                            "end": 3131,
                            "negated": True,
                            "confidence": 1.0,
                            "extracted_by": "review",
                            "asserts": [["62323", "includes", "77003"]],
                        }
                    ],
                }
            ]
        }
    )

    id: str
    title: str
    kind: str
    authority: int
    sha256: str
    claims: list[ClaimedAnswer]
    characters: int | None
    text: str | None


# The graph around a code.


class NodeAnswer(_Answer):
    """A node: a code (`addon` for an add-on code), a concept, or a source document."""

    id: str = Field(description="The code, `kind:name` for a concept, `source:id` for a source.")
    kind: NodeKind
    label: str
    descriptor: str | None = Field(description="For codes: the strongest source's descriptor.")


class EdgeAnswer(_Answer):
    """A link and every claim or derivation that asserts it."""

    id: str
    source: str = Field(description="Node id the link starts from (the subject).")
    target: str = Field(description="Node id it points to.")
    kind: EdgeKind
    contested: bool = Field(description="Some graph asserts the contrary.")
    derived: bool = Field(description="Only rules assert it; no claim states it.")
    claims: list[str] = Field(
        description="The claims (`claim/<document>/<id>`) and derivations (`derivation/<digest>`) "
        "that assert it, under https://w3id.org/bundlekg/id/."
    )
    rules: list[str] = Field(description="Rules of the derivations, when derived.")


class GraphAnswer(_Answer):
    """The nodes within `depth` code hops of a code and the edges among them."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "62323",
                    "depth": 1,
                    "nodes": [
                        {"id": "62323", "kind": "code", "label": "62323", "descriptor": None},
                        {"id": "77003", "kind": "addon", "label": "77003", "descriptor": None},
                        {
                            "id": "source:003_37225522b298a619",
                            "kind": "source",
                            "label": "62323 descriptor and coding guidelines",
                            "descriptor": None,
                        },
                    ],
                    "edges": [
                        {
                            "id": "62323 includes 77003",
                            "source": "62323",
                            "target": "77003",
                            "kind": "includes",
                            "contested": True,
                            "derived": False,
                            "claims": [
                                "claim/003_37225522b298a619/62323-includes-imaging-guidance"
                            ],
                            "rules": ["70_guidance_included"],
                        },
                        {
                            "id": "62323 stated_by source:003_37225522b298a619",
                            "source": "62323",
                            "target": "source:003_37225522b298a619",
                            "kind": "stated_by",
                            "contested": False,
                            "derived": False,
                            "claims": [
                                "claim/003_37225522b298a619/62323-includes-imaging-guidance"
                            ],
                            "rules": [],
                        },
                    ],
                }
            ]
        }
    )

    code: str
    depth: int
    nodes: list[NodeAnswer]
    edges: list[EdgeAnswer]


_ERROR_DESCRIPTIONS = {
    400: "The body could not be read (bytes that are not UTF-8 text).",
    404: "Not found: a well-formed code no source mentions, or an unknown source.",
    422: "Bad input; `errors` names each field at fault.",
    503: "The graph is not built or cannot answer; retry after `Retry-After` seconds.",
}


def example(value: Any, summary: str) -> dict[str, Example]:
    """One named example of a parameter, shown (and tried) by the docs at ``/docs``."""
    return {summary: Example(summary=summary, value=value)}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of a route, all in the one error shape."""
    return {
        status: {"model": ErrorBody, "description": _ERROR_DESCRIPTIONS[status]}
        for status in statuses
    }


# Graph questions and the quotes behind drawn edges.

_STEP_SOURCE: dict[str, Any] = {
    "id": "004_a5a818537efe86aa",
    "title": "Lumbar puncture and fluoroscopy coding questions and answers",
    "kind": "qa_forum",
    "authority": 2,
}


class StepSourceAnswer(_Answer):
    """A document behind a fact, with the kind and authority the graph gives it."""

    id: str
    title: str
    kind: str
    authority: int


class PathStepAnswer(_Answer):
    """One fact of a chain, as sources state it (`source` --`kind`--> `target`)."""

    source: str = Field(description="Node id the fact starts from (its subject).")
    kind: EdgeKind
    target: str
    forward: bool = Field(description="False when the chain walks the fact from target to source.")
    contested: bool
    derived: bool
    claims: list[str] = Field(description="Claims and derivations that assert the fact.")
    rules: list[str]
    sources: list[StepSourceAnswer] = Field(description="Every document the fact rests on.")


class ExplanationAnswer(_Answer):
    """The shortest chain of facts linking two codes."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "a": "62270",
                    "b": "77003",
                    "found": True,
                    "nodes": ["62270", "62328", "77003"],
                    "steps": [
                        {
                            "source": "62328",
                            "kind": "guided_variant_of",
                            "target": "62270",
                            "forward": False,
                            "contested": False,
                            "derived": False,
                            "claims": ["claim/004_a5a818537efe86aa/62270-62328-descriptors"],
                            "rules": [],
                            "sources": [_STEP_SOURCE],
                        },
                        {
                            "source": "62328",
                            "kind": "includes",
                            "target": "77003",
                            "forward": True,
                            "contested": False,
                            "derived": True,
                            "claims": ["derivation/0e9ea83f2806f675de9be772e94196e8b848d8e7"],
                            "rules": ["70_guidance_included"],
                            "sources": [_STEP_SOURCE],
                        },
                    ],
                }
            ]
        }
    )

    a: str
    b: str
    found: bool = Field(description="False when no chain of facts links the codes.")
    nodes: list[str] = Field(description="The node ids along the chain, from `a` to `b`.")
    steps: list[PathStepAnswer]


class ContestedCodeAnswer(_Answer):
    """A code with links that some source contradicts."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": "77003",
                    "contested": 5,
                    "links": [
                        "62321 includes 77003",
                        "62323 includes 77003",
                        "77003 add_on_to 62321",
                        "77003 add_on_to 62323",
                        "77003 separately_reportable 62323",
                    ],
                    "documents": ["000_438acad2e7e8b7ba", "003_37225522b298a619"],
                }
            ]
        }
    )

    code: str
    contested: int = Field(description="How many of its links some source contradicts.")
    links: list[str] = Field(description="The contested links, as edge ids of the graph.")
    documents: list[str] = Field(description="Documents behind those links, on either side.")


class ContestedAnswer(_Answer):
    """The most contested codes, most contested first."""

    count: int
    results: list[ContestedCodeAnswer]


class WeakCodeAnswer(_Answer):
    """A code that one weak document alone speaks of."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"code": "62328", "source": _STEP_SOURCE, "links": 12}]}
    )

    code: str
    source: StepSourceAnswer
    links: int = Field(description="Links of the code in the graph, besides its source.")


class WeakAnswer(_Answer):
    """Codes resting on a single document of low authority, weakest first."""

    max_authority: int
    count: int
    results: list[WeakCodeAnswer]


class QuotedSupportAnswer(_Answer):
    """A quote behind a claim or derivation, in its sentence, with its source."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "assertion": "claim/003_37225522b298a619/62323-includes-imaging-guidance",
                    "source": "003_37225522b298a619",
                    "title": "62323 descriptor and coding guidelines",
                    "kind": "coding_reference",
                    "authority": 3,
                    "claim": "62323-includes-imaging-guidance",
                    "quote": _EVIDENCE_SUPPORTS["quote"],
                    "start": 2963,
                    "end": 3131,
                    "before": "",
                    "after": "",
                    "negated": True,
                    "role": "statement",
                    "derived_by": None,
                }
            ]
        }
    )

    assertion: str = Field(description="The claim or derivation id this quote stands behind.")
    source: str
    title: str
    kind: str
    authority: int
    claim: str
    quote: str
    start: int | None = Field(description="`text[start:end] == quote`.")
    end: int | None
    before: str = Field(description="The text of the quote's sentence before it.")
    after: str = Field(description="The text of the quote's sentence after it.")
    negated: bool
    role: Literal["statement", "premise"]
    derived_by: list[str] | None


class AssertionSupportsAnswer(_Answer):
    """The quotes behind a set of claims and derivations (an edge's `claims`)."""

    count: int
    results: list[QuotedSupportAnswer]


class NodeLinkAnswer(_Answer):
    """The graph in networkx's node-link JSON (`format=json`): each node and edge an object of
    its attributes, as :func:`networkx.node_link_data` writes them."""

    directed: bool
    multigraph: bool
    graph: dict[str, Any]
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
