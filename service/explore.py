"""The graph explorer at ``/explore`` (``/`` leads there) and the source view at
``/explore/source/{id}``: one page, one script module and one style sheet from ``static/``, with
Cytoscape.js and its fCoSE layout served from ``node_modules`` as npm installed them.

The pages hold no data: the script reads the REST API (``/v1/graph/…``, ``/v1/codes``,
``/v1/reportable``, ``/v1/sources/{id}``) and puts every text it receives into the page as text,
never as markup. A strict Content-Security-Policy (scripts and styles from this origin only, no
inline script) is the second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import jinja2
from fastapi import APIRouter, Request
from fastapi import Path as PathParameter
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException

from bundlekg import __version__
from bundlekg.errors import UnknownSourceError

from .deps import GraphDep, get_settings
from .settings import Settings

__all__ = ["CONTENT_SECURITY_POLICY", "LIBRARIES", "router"]

router = APIRouter(include_in_schema=False)

# The browser libraries the explorer loads, by the name the page asks for, as npm laid them out.
LIBRARIES: dict[str, Path] = {
    "cytoscape.min.js": Path("cytoscape") / "dist" / "cytoscape.min.js",
    "layout-base.js": Path("layout-base") / "layout-base.js",
    "cose-base.js": Path("cose-base") / "cose-base.js",
    "cytoscape-fcose.js": Path("cytoscape-fcose") / "cytoscape-fcose.js",
}
OWN_FILES = ("explore.js", "explore.css")
# The one style element Cytoscape.js adds to the page (its renderer, as of 3.x); allowed by its
# digest so that no other inline style is.
CYTOSCAPE_STYLE = ".__________cytoscape_container { position: relative; }"
_CYTOSCAPE_STYLE_HASH = base64.b64encode(hashlib.sha256(CYTOSCAPE_STYLE.encode()).digest()).decode()
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src 'self'; style-src 'self' 'sha256-{_CYTOSCAPE_STYLE_HASH}'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

_templates = jinja2.Environment(
    loader=jinja2.PackageLoader("bundlekg.service", "templates"),
    autoescape=jinja2.select_autoescape(default=True),
    undefined=jinja2.StrictUndefined,
)


def _page(view: str, root: str, title: str, document: str = "") -> HTMLResponse:
    page = _templates.get_template("explore.html").render(
        view=view, root=root, title=title, document=document, version=__version__
    )
    return HTMLResponse(page, headers=_HEADERS)


@router.get("/")
def home() -> RedirectResponse:
    """The explorer is the front page; the API is at /docs, SPARQL at /sparql."""
    return RedirectResponse("explore", status_code=307)


@router.get("/explore")
def explorer() -> HTMLResponse:
    """Search a code, see its neighbourhood, read the quotes behind each link."""
    return _page("graph", "", "graph explorer")


@router.get("/explore/source/{document}")
def source_view(
    graph: GraphDep, document: Annotated[str, PathParameter(max_length=200)]
) -> HTMLResponse:
    """One document's text with its claims highlighted."""
    if document not in {s.id for s in graph.sources()}:
        raise UnknownSourceError(document)
    return _page("source", "../../", f"source {document}", document)


def _file(root: Path, relative: Path | str) -> FileResponse:
    target = root / relative
    if not target.is_file():
        raise HTTPException(404, f"no such file: {relative} (run `npm ci` for the libraries)")
    return FileResponse(target, headers={"Cache-Control": "public, max-age=3600", **_HEADERS})


@router.get("/explore/assets/{name}")
def asset(request: Request, name: str) -> FileResponse:
    """The explorer's own script and style, or one of the libraries it loads."""
    if name in OWN_FILES:
        return _file(Path(str(files("bundlekg.service") / "static")), name)
    if name in LIBRARIES:
        settings: Settings = get_settings(request)
        return _file(settings.assets, LIBRARIES[name])
    raise HTTPException(404, f"no such file: {name}")
