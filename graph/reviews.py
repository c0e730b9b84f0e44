"""Review files (``corpus/reviews/<document id>.yaml``): the claims a curator has read.

Every scalar is read as text (YAML's base schema), so ``62323`` stays a code and ``00100`` keeps its
zeros; numbers and booleans are converted where the format expects them, with the line named
when they are wrong. The format is described in ``corpus/reviews/README.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .claims import CLAIM_ID, Assertion, Claim, Stance, Statement, Triple
from .errors import InputError

__all__ = [
    "REVIEWS_DIR",
    "Decision",
    "Review",
    "Verdict",
    "load_review_files",
    "load_reviews",
    "read_review",
    "read_review_file",
]

REVIEWS_DIR = "reviews"
_CLAIM_KEYS = {"id", "quote", "start", "end", "stance", "confidence", "asserts", "by"}
_TOP_KEYS = {"document", "extraction", "claims", "decisions"}
_DECISION_KEYS = {"candidate", "decision", "asserts", "stance", "note"}
REVIEWED = "reviewed"


class Verdict(Enum):
    """What a curator decided about an extracted candidate."""

    ACCEPT = "accept"
    REJECT = "reject"
    CORRECT = "correct"


@dataclass(frozen=True)
class Decision:
    """A curator's decision on one candidate, by its id; a correction replaces its facts."""

    candidate: str
    verdict: Verdict
    assertions: tuple[Assertion, ...] = ()
    stance: Stance | None = None
    line: int | None = None


@dataclass(frozen=True)
class Review:
    """One review file: curated claims, decisions on candidates, and whether it is complete.

    ``reviewed`` (``extraction: reviewed``) says the curator has read the whole document: only
    curated and accepted or corrected claims count, unlisted candidates are left out.
    """

    document: str
    claims: list[Claim]
    decisions: list[Decision] = field(default_factory=list)
    reviewed: bool = False
    path: Path | None = None


class _Reader:
    """Walks a YAML node tree, turning shape errors into InputErrors with file and line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: Node, message: str, field: str | None = None) -> InputError:
        return InputError(message, path=self.path, line=node.start_mark.line + 1, field=field)

    def mapping(self, node: Node, what: str) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        result: dict[str, Node] = {}
        for key, value in node.value:
            name = self.scalar(key, "a key")
            if name in result:
                raise self.fail(key, f"{name!r} is given twice in {what}")
            result[name] = value
        return result

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def scalar(self, node: Node, what: str, field: str | None = None) -> str:
        if not isinstance(node, ScalarNode):
            raise self.fail(node, f"{what} must be a single value, not a list or mapping", field)
        return str(node.value).strip()

    def values(self, node: Node, what: str) -> tuple[str, ...]:
        if isinstance(node, SequenceNode):
            return tuple(self.scalar(item, what) for item in node.value)
        return (self.scalar(node, what),)

    def integer(self, node: Node, field: str) -> int:
        text = self.scalar(node, field, field)
        if not text.isdigit():
            raise self.fail(node, f"must be a whole number of characters, got {text!r}", field)
        return int(text)

    def number(self, node: Node, field: str) -> float:
        text = self.scalar(node, field, field)
        try:
            value = float(text)
        except ValueError:
            raise self.fail(node, f"must be a number from 0 to 1, got {text!r}", field) from None
        if not 0.0 <= value <= 1.0:
            raise self.fail(node, f"must be from 0 to 1, got {text}", field)
        return value


def _assertion(reader: _Reader, node: Node) -> Assertion:
    line = node.start_mark.line + 1
    if isinstance(node, SequenceNode):
        items = reader.sequence(node, "a triple")
        if len(items) != 3:
            raise reader.fail(node, f"a triple has three parts, got {len(items)}", "asserts")
        subject, prop, obj = (reader.scalar(item, "a triple part") for item in items)
        return Triple(subject, prop, obj, line)
    fields = reader.mapping(node, "a statement")
    if len(fields) != 1:
        raise reader.fail(
            node, "a statement is a mapping with one key, e.g. {frequency: {...}}", "asserts"
        )
    ((kind, body),) = fields.items()
    parts = tuple(
        (key, reader.values(value, key)) for key, value in reader.mapping(body, kind).items()
    )
    return Statement(kind, parts, line)


def _stance(reader: _Reader, node: Node) -> Stance:
    text = reader.scalar(node, "stance", "stance")
    try:
        return Stance(text)
    except ValueError:
        raise reader.fail(
            node, f"stance must be affirms or negates, got {text!r}", "stance"
        ) from None


def _claim(reader: _Reader, document: str, node: Node) -> Claim:
    fields = reader.mapping(node, "a claim")
    unknown = sorted(set(fields) - _CLAIM_KEYS)
    if unknown:
        raise reader.fail(
            node, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_CLAIM_KEYS))}"
        )
    for required in ("id", "quote", "start", "end", "asserts"):
        if required not in fields:
            raise reader.fail(node, f"a claim needs {required!r}", required)
    claim_id = reader.scalar(fields["id"], "id", "id")
    if not CLAIM_ID.fullmatch(claim_id):
        raise reader.fail(fields["id"], f"claim id {claim_id!r} must match [a-z0-9-]+", "id")
    quote_node = fields["quote"]
    if not isinstance(quote_node, ScalarNode) or not quote_node.value:
        raise reader.fail(quote_node, f"claim {claim_id!r}: the quote must be non-empty text")
    stance = _stance(reader, fields["stance"]) if "stance" in fields else Stance.AFFIRMS
    asserts = reader.sequence(fields["asserts"], "asserts")
    if not asserts:
        raise reader.fail(fields["asserts"], f"claim {claim_id!r} asserts nothing", "asserts")
    return Claim(
        document=document,
        id=claim_id,
        quote=str(quote_node.value),
        start=reader.integer(fields["start"], "start"),
        end=reader.integer(fields["end"], "end"),
        assertions=tuple(_assertion(reader, item) for item in asserts),
        stance=stance,
        confidence=reader.number(fields["confidence"], "confidence")
        if "confidence" in fields
        else 1.0,
        extracted_by="review:" + reader.scalar(fields["by"], "by") if "by" in fields else "review",
        origin=reader.path,
        line=node.start_mark.line + 1,
    )


def _decision(reader: _Reader, node: Node) -> Decision:
    fields = reader.mapping(node, "a decision")
    unknown = sorted(set(fields) - _DECISION_KEYS)
    if unknown:
        raise reader.fail(
            node,
            f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_DECISION_KEYS))}",
        )
    for required in ("candidate", "decision"):
        if required not in fields:
            raise reader.fail(node, f"a decision needs {required!r}", required)
    text = reader.scalar(fields["decision"], "decision", "decision")
    try:
        verdict = Verdict(text)
    except ValueError:
        raise reader.fail(
            fields["decision"],
            f"decision must be accept, reject or correct, got {text!r}",
            "decision",
        ) from None
    assertions: tuple[Assertion, ...] = ()
    if "asserts" in fields:
        assertions = tuple(
            _assertion(reader, item) for item in reader.sequence(fields["asserts"], "asserts")
        )
    if verdict is Verdict.CORRECT and not assertions and "stance" not in fields:
        raise reader.fail(node, "a correction needs 'asserts' or 'stance'", "asserts")
    if verdict is not Verdict.CORRECT and (assertions or "stance" in fields):
        raise reader.fail(
            node, f"only a correction takes asserts or stance, not {text}", "decision"
        )
    stance = _stance(reader, fields["stance"]) if "stance" in fields else None
    return Decision(
        candidate=reader.scalar(fields["candidate"], "candidate", "candidate"),
        verdict=verdict,
        assertions=assertions,
        stance=stance,
        line=node.start_mark.line + 1,
    )


def read_review_file(path: Path) -> list[Claim]:
    """The curated claims of one review file.

    :raises InputError: naming the file, line and field of the first problem.
    """
    return read_review(path).claims


def read_review(path: Path) -> Review:
    """One review file: its claims, its decisions on candidates and its ``extraction`` flag.

    :raises InputError: naming the file, line and field of the first problem.
    """
    reader = _Reader(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise InputError(f"not valid YAML: {problem}", path=path, line=line) from error
    except UnicodeDecodeError as error:
        raise InputError("not UTF-8 text", path=path) from error
    if root is None:
        raise InputError("empty review file", path=path)
    top = reader.mapping(root, "a review file")
    unknown = sorted(set(top) - _TOP_KEYS)
    if unknown:
        raise reader.fail(
            root, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_TOP_KEYS))}"
        )
    if "document" not in top or ("claims" not in top and "decisions" not in top):
        raise reader.fail(root, "a review file needs 'document' and 'claims' or 'decisions'")
    document = reader.scalar(top["document"], "document", "document")
    if document != path.stem:
        raise reader.fail(
            top["document"],
            f"names document {document!r} but the file is {path.name}; they must agree",
            "document",
        )
    claim_nodes = reader.sequence(top["claims"], "claims") if "claims" in top else []
    claims = [_claim(reader, document, item) for item in claim_nodes]
    seen: dict[str, Claim] = {}
    for claim in claims:
        if claim.id in seen:
            raise claim.error(f"id is used twice (first on line {seen[claim.id].line})", field="id")
        seen[claim.id] = claim
    reviewed = False
    if "extraction" in top:
        flag = reader.scalar(top["extraction"], "extraction", "extraction")
        if flag != REVIEWED:
            raise reader.fail(
                top["extraction"], f"extraction must be {REVIEWED!r}, got {flag!r}", "extraction"
            )
        reviewed = True
    decision_nodes = reader.sequence(top["decisions"], "decisions") if "decisions" in top else []
    decisions = [_decision(reader, item) for item in decision_nodes]
    decided: dict[str, Decision] = {}
    for decision in decisions:
        if decision.candidate in decided:
            raise InputError(
                f"candidate {decision.candidate!r} is decided twice "
                f"(first on line {decided[decision.candidate].line})",
                path=path,
                line=decision.line,
                field="candidate",
            )
        decided[decision.candidate] = decision
    return Review(document, claims, decisions, reviewed, path)


def load_reviews(directory: Path, documents: Iterable[str]) -> dict[str, list[Claim]]:
    """The curated claims of a corpus's review files, keyed by document id.

    :raises InputError: for a review file whose document is not in the corpus, or a bad file.
    """
    return {k: r.claims for k, r in load_review_files(directory, documents).items()}


def load_review_files(directory: Path, documents: Iterable[str]) -> dict[str, Review]:
    """The review files of a corpus, keyed by document id; a review of a missing document fails.

    :raises InputError: for a review file whose document is not in the corpus, or a bad file.
    """
    known = set(documents)
    result: dict[str, Review] = {}
    if not directory.is_dir():
        return result
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml")):
        if path.stem not in known:
            raise InputError(
                f"reviews document {path.stem!r}, which is not in the corpus", path=path
            )
        if path.stem in seen:
            raise InputError(
                f"a second review file for {path.stem} (the first is {seen[path.stem].name}); "
                "keep one file per document",
                path=path,
            )
        seen[path.stem] = path
        result[path.stem] = read_review(path)
    return result
