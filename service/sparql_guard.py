"""What the public endpoint refuses before a query runs: updates, and SERVICE calls to anything but
this endpoint.

pyoxigraph has an HTTP client, so a SERVICE clause would make the server fetch any URL a client
names. SERVICE calls are found twice, and refused if either reading finds one elsewhere: by a
tokenizer that skips comments, string literals and IRIs and resolves prefixed names (it sees the
keyword where oxigraph's parser does), and by rdflib's SPARQL parser where it can read the query
(it cannot read every query oxigraph can, and it fails on some SERVICE patterns, so it cannot be
the only reading). A SERVICE call to this endpoint's own URL is evaluated locally:
``SERVICE <this endpoint> { P }`` becomes ``{ P }``, evaluated over the request's dataset.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

__all__ = ["RefusedError", "forget_frames", "is_update", "local_query", "read_only"]

_MENTIONS_SERVICE = re.compile("service", re.IGNORECASE)
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_TOKENS = re.compile(
    r"""
    (?P<skip>
        \#[^\r\n]*
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\r\n]|\\.)*'
      | "(?:[^"\\\r\n]|\\.)*"
    )
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<word>[^\s{}()\[\];,.<>"'\#=!&|+*/^@-][^\s{}()\[\];,<>"'\#=!&|+*/^]*)
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


class RefusedError(Exception):
    """A query the endpoint will not run, with the status to answer (400 or 403)."""

    def __init__(self, message: str, status: int = 400) -> None:
        self.status = status
        super().__init__(message)


def read_only() -> RefusedError:
    """The refusal of any SPARQL Update, however it was sent: the served graph never changes."""
    return RefusedError(
        "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, ...) is not "
        "accepted; send a SELECT, ASK, CONSTRUCT or DESCRIBE query",
        status=403,
    )


def forget_frames(error: BaseException) -> None:
    """Free the frames an error (and the errors it chains to) holds, now, on this thread.

    pyoxigraph's result iterators must be freed on the thread that made them. rdflib's parse
    errors sit in reference cycles with their frames, and an error handed to the event loop keeps
    the worker's frames: either would keep a caller's iterator alive until the garbage collector
    runs, on whatever thread that is.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if current.__traceback__ is not None:
            traceback.clear_frames(current.__traceback__)
        current.__traceback__ = None
        current = current.__cause__ or current.__context__


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update request with at least one operation.

    Any failure to read it as an update means it is not one, whatever rdflib raises.
    """
    try:
        update = translateUpdate(parseUpdate(text))
    except Exception as error:
        forget_frames(error)
        return False
    return bool(getattr(update, "algebra", None))


def _walk(node: Any) -> Iterator[Any]:
    """Every SERVICE target in an rdflib algebra tree."""
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            yield node.get("term")
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _walk(value)


def _rdflib_targets(text: str) -> list[str] | None:
    """The SERVICE targets rdflib reads (``?name`` for a variable), or None when it cannot."""
    try:
        query = translateQuery(parseQuery(text))
        found = list(_walk(query.algebra))
    except Exception as error:
        forget_frames(error)
        return None
    return [f"?{t}" if isinstance(t, Variable) else str(t) for t in found]


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Service:
    """One ``SERVICE [SILENT] target`` of the query text: where it stands and what it names."""

    start: int
    end: int
    target: str
    shown: str


def _tokens(text: str) -> list[_Token]:
    """The query's tokens, with comments and string literals left out."""
    return [
        _Token(match.lastgroup or "", match.group(), match.start(), match.end())
        for match in _TOKENS.finditer(text)
        if match.lastgroup != "skip"
    ]


def _services(text: str) -> list[_Service]:
    """Every SERVICE clause of the query, its target resolved against PREFIX and BASE.

    A target that cannot be resolved (an unknown prefix, a missing target) keeps its written
    form, which names no endpoint and so is refused.
    """
    tokens = _tokens(text)
    prefixes: dict[str, str] = {}
    base = ""
    found: list[_Service] = []
    for index, token in enumerate(tokens):
        if token.kind != "word":
            continue
        keyword = token.text.upper()
        following = tokens[index + 1 : index + 3]
        if keyword == "PREFIX" and len(following) == 2 and following[1].kind == "iri":
            prefixes[following[0].text.rstrip(":")] = urljoin(base, following[1].text[1:-1])
        elif keyword == "BASE" and following and following[0].kind == "iri":
            base = urljoin(base, following[0].text[1:-1])
        elif keyword == "SERVICE":
            after = index + 1
            if after < len(tokens) and tokens[after].text.upper() == "SILENT":
                after += 1
            if after >= len(tokens):
                found.append(_Service(token.start, token.end, "", "without a target"))
                continue
            target = tokens[after]
            resolved = target.text
            if target.kind == "iri":
                resolved = urljoin(base, target.text[1:-1])
            elif target.kind == "word" and ":" in target.text and target.text[0] not in "?$":
                prefix, local = target.text.split(":", 1)
                if prefix in prefixes:
                    resolved = prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
            shown = f"<{resolved}>" if resolved != target.text else target.text
            found.append(_Service(token.start, target.end, resolved, shown))
    return found


def local_query(text: str, own: str) -> str:
    """The query to run here: the text as sent, or without its SERVICE calls to ``own``.

    :raises RefusedError: for a SERVICE call to another endpoint (or to a variable), and for an
        update sent as a query.
    """
    if not _MENTIONS_SERVICE.search(text):
        return text
    if is_update(text):
        raise read_only()
    services = _services(text)
    read_by_rdflib = _rdflib_targets(text)
    named = [(s.target, s.shown) for s in services]
    named += [(t, t if t.startswith("?") else f"<{t}>") for t in read_by_rdflib or []]
    for target, shown in named:
        if target != own:
            raise RefusedError(
                f"SERVICE {shown} is not allowed: this endpoint calls no other endpoint "
                f"(only SERVICE <{own}>, this endpoint itself, is accepted)"
            )
    if not services:
        return text
    if read_by_rdflib is not None and len(read_by_rdflib) != len(services):
        raise RefusedError(
            f"SERVICE <{own}> names this endpoint, but the query could not be rewritten to run "
            "here; write the pattern without SERVICE"
        )
    rewritten = text
    for service in reversed(services):
        blank = " " * (service.end - service.start)
        rewritten = rewritten[: service.start] + blank + rewritten[service.end :]
    if _services(rewritten):
        raise RefusedError(f"SERVICE <{own}> could not be taken out of the query")
    return rewritten
