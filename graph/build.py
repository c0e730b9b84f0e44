"""Building the graph: corpus and reviews in, a validated store published atomically out.

Nothing is served until everything has passed: every quote is checked against its document,
every assertion against the vocabulary, the rules run to a fixpoint and the result is checked
against the SHACL shapes. Only then does ``current`` point at the new build; on any error the
new build is removed and the store that was served stays as it was.
"""

from __future__ import annotations

import gc
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Store

from .claims import check_quote
from .conflicts import Conflict, find_conflicts
from .documents import Document, load_corpus
from .errors import BuildError, InputError
from .extract.extractor import extract
from .extract.lexicon import load_lexicon
from .extract.overlay import overlay
from .facts import FactError, claim_facts
from .location import StoreLocation
from .provenance import Supports
from .rdf import claim_quads, code_quads, document_quads, range_quads
from .reference import ReferenceReport, RowProgress, import_reference
from .remote_publish import publish_remote
from .resources import ontology_files
from .reviews import REVIEWS_DIR, load_review_files
from .rules import RuleReport, apply_rules
from .shapes import ValidationReport, validate_store
from .store import discard, new_build_dir, publish
from .terms import claim_iri, document_iri
from .vocabulary import Vocabulary

__all__ = ["BuildReport", "DocumentReport", "build", "default_reference", "load_into"]

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DocumentReport:
    """One document as built: its kind and how many claims it contributed, by origin."""

    id: str
    title: str
    kind: str
    characters: int
    claims: int
    extracted: int = 0
    reviewed: int = 0
    file_sha256: str | None = None


@dataclass
class BuildReport:
    """What a build read, derived and found in conflict."""

    store: Path | str
    documents: list[DocumentReport] = field(default_factory=list)
    rules: RuleReport = field(default_factory=RuleReport)
    conflicts: list[Conflict] = field(default_factory=list)
    validation: ValidationReport | None = None
    reference: ReferenceReport = field(default_factory=ReferenceReport)
    quads: int = 0
    seconds: float = 0.0

    @property
    def claims(self) -> int:
        return sum(d.claims for d in self.documents)

    @property
    def silent_documents(self) -> list[DocumentReport]:
        """Documents that yielded no claim: worth a curator's look, never dropped silently."""
        return [d for d in self.documents if d.claims == 0]


def _load_ontology(store: Store) -> None:
    for resource in ontology_files():
        try:
            store.load(resource.read_bytes(), format=RdfFormat.TURTLE)
        except SyntaxError as error:
            raise BuildError(f"ontology/{resource.name}: {error}") from error


def load_into(store: Store, documents: list[Document], reviews_dir: Path) -> list[DocumentReport]:
    """Load the ontology, documents and their claims into a store (no rules, no checks).

    Each document's claims are its extracted candidates joined with its review file (see
    :mod:`bundlekg.extract.overlay`).

    :raises InputError: naming file, line and claim for a quote not at its offsets or an
        assertion that does not fit the vocabulary.
    """
    _load_ontology(store)
    vocabulary = Vocabulary.from_store(store)
    by_id = {d.id: d for d in documents}
    reviews = load_review_files(reviews_dir, by_id)
    lexicon = load_lexicon()
    quads: list[Quad] = []
    codes: set[str] = set()
    ranges: dict[str, list[str]] = {}
    reports = []
    for document in documents:
        quads.extend(document_quads(document))
        joined = overlay(extract(document, lexicon), reviews.get(document.id))
        claims = joined.claims
        for claim in claims:
            check_quote(claim, document)
            node = claim_iri(document.id, claim.id)
            try:
                facts = claim_facts(claim, node, vocabulary)
            except FactError as error:
                raise claim.error(str(error), line=error.line, field=error.field) from None
            quads.extend(claim_quads(claim, node))
            quads.extend(facts.quads)
            codes |= facts.codes
            ranges |= facts.ranges
        reports.append(
            DocumentReport(
                document.id,
                document.title,
                document.kind.value,
                len(document.text),
                len(claims),
                joined.extracted,
                joined.reviewed,
                document.file_sha256,
            )
        )
    quads.extend(code_quads(codes))
    for name, members in sorted(ranges.items()):
        quads.extend(range_quads(name, members))
    store.extend(quads)
    return reports


def default_reference(corpus: Path) -> Path:
    """Where CMS files are looked for by default: ``reference/`` beside the corpus."""
    return corpus.parent / "reference"


def _build_into(
    target: Path,
    corpus: Path,
    documents: list[Document],
    reference: Path | None,
    report: BuildReport,
    say: Progress,
    rows: RowProgress | None,
) -> Store:
    """Fill a new store directory, run the rules and check the result; raise on any problem."""
    store = Store(str(target))
    say(f"loading {len(documents)} documents and their claims")
    report.documents = load_into(store, documents, corpus / REVIEWS_DIR)
    directory = reference if reference is not None else default_reference(corpus)
    if reference is not None and not reference.is_dir():
        raise InputError(f"reference directory {reference} does not exist", path=reference)
    if directory.is_dir():
        say(f"importing CMS files from {directory}")
        report.reference = import_reference(store, directory, rows)
    say("running rules")
    report.rules = apply_rules(store)
    say("validating against ontology/shapes.ttl")
    report.validation = validate_store(
        store, bulk=[document_iri(t.name) for t in report.reference.tables]
    )
    if not report.validation.conforms:
        raise BuildError(
            f"the graph does not conform to ontology/shapes.ttl "
            f"({report.validation.results} problems):\n{report.validation.text}"
        )
    report.conflicts = find_conflicts(store, Supports(store))
    report.quads = len(store)
    store.flush()
    return store


def _discard(target: Path, error: BaseException) -> None:
    # The open database holds files in the build directory: drop every reference to it
    # (the traceback's frames hold some) before removing the directory.
    traceback.clear_frames(error.__traceback__)
    gc.collect()
    discard(target)


def _build_remote(
    location: StoreLocation,
    scratch: Path,
    corpus: Path,
    documents: list[Document],
    reference: Path | None,
    report: BuildReport,
    say: Progress,
    rows: RowProgress | None,
) -> None:
    """Build in a scratch directory, then upload and switch the server to the new build."""
    remote = location.connect()
    try:
        remote.endpoints.writable()
        built = _build_into(scratch, corpus, documents, reference, report, say, rows)
        publish_remote(built, remote, scratch.name.removeprefix("bundlekg-build-"), say)
    except BaseException as error:
        traceback.clear_frames(error.__traceback__)
        raise
    finally:
        remote.close()


def build(
    corpus: Path,
    store: Path | str | StoreLocation,
    *,
    reference: Path | None = None,
    progress: Progress | None = None,
    rows: RowProgress | None = None,
) -> BuildReport:
    """Build the graph of a corpus (and CMS reference files) into a store, published atomically.

    ``store`` is a store directory or a SPARQL server (its query URL, or a
    :class:`StoreLocation` with its update and Graph Store URLs). A remote build is made and
    checked locally, then uploaded and switched to in one update (see
    :mod:`bundlekg.remote_publish`). ``reference`` is a directory of CMS NCCI files as downloaded
    (zips or their contents); by default ``reference/`` next to the corpus, when it exists.
    ``rows`` is told the file and row count as reference rows stream in.

    :raises InputError: for bad input (the message names the file, line and field).
    :raises BuildError: when the rules do not settle or the graph fails its shapes.
    :raises StoreError: when the store cannot be written (a remote server down or refusing).
    """
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    location = store if isinstance(store, StoreLocation) else StoreLocation.of(store)
    say(f"reading {corpus}")
    documents = load_corpus(corpus)
    report = BuildReport(store=str(location) if location.is_remote else location.directory or "")
    if location.directory is None:
        with tempfile.TemporaryDirectory(prefix="bundlekg-build-") as scratch:
            try:
                _build_remote(
                    location, Path(scratch), corpus, documents, reference, report, say, rows
                )
            finally:
                gc.collect()
    else:
        target = new_build_dir(location.directory)
        try:
            _build_into(target, corpus, documents, reference, report, say, rows)
        except BaseException as error:
            _discard(target, error)
            raise
        gc.collect()
        publish(location.directory, target)
    report.seconds = time.perf_counter() - started
    return report
