"""The HTTP service: the SPARQL 1.1 endpoint at ``/sparql``, the REST API at ``/v1`` and the graph
explorer at ``/explore`` (``/`` leads there).

Built by a factory so each app (and each test) gets its own settings::

    app = create_app(Settings(store=Path(".bundlekg/store")))

``bundlekg serve`` runs :func:`app_from_env` under uvicorn.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from bundlekg import __version__
from bundlekg.knowledge import KnowledgeGraph

from . import explore, sparql
from .errors import install_error_handlers
from .holder import GraphHolder
from .routes import api, health
from .settings import Settings

__all__ = ["app_from_env", "create_app"]

DESCRIPTION = """\
A knowledge graph of US medical billing codes and what sources say about billing them together.
Every answer cites the sentences (or CMS rows) behind it, ranked by the authority of its source.
"""


def create_app(settings: Settings | None = None, graph: KnowledgeGraph | None = None) -> FastAPI:
    """An app over the graph in ``settings.store`` or at ``settings.endpoint`` (or the graph
    given, which is then served as it is)."""
    settings = settings or Settings()
    app = FastAPI(title="bundlekg", version=__version__, description=DESCRIPTION)
    app.state.settings = settings
    app.state.graph = GraphHolder(
        None if graph is not None else settings.location(),
        graph,
        refresh=settings.refresh_interval,
        answer_cache=settings.answer_cache,
    )
    app.state.graph.open()
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["Retry-After", "X-Result-Truncated"],
    )
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(api.router)
    app.include_router(sparql.router)
    app.include_router(explore.router)
    return app


def app_from_env() -> FastAPI:
    """The app with settings from the environment (``BUNDLEKG_STORE`` …), for uvicorn."""
    return create_app(Settings())
