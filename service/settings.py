"""The service's settings, declared once with their help text: the CLI, the app and the docs
read them from here. Each can be set in the environment as ``BUNDLEKG_<NAME>``."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bundlekg.location import StoreLocation
from bundlekg.store import default_store

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Where the graph is and the limits the public endpoint keeps."""

    model_config = SettingsConfigDict(env_prefix="BUNDLEKG_", frozen=True)

    store: Path = Field(
        default_factory=default_store,
        description="Store directory written by `bundlekg build`.",
    )
    endpoint: str | None = Field(
        None,
        description="SPARQL query URL of a server holding the graph (instead of `store`); "
        "credentials from BUNDLEKG_REMOTE_TOKEN, or BUNDLEKG_REMOTE_USER and "
        "BUNDLEKG_REMOTE_PASSWORD.",
    )
    refresh_interval: float = Field(
        5.0, gt=0, description="Seconds between checks for a newly published build."
    )
    answer_cache: int = Field(
        4096, ge=0, description="Pair verdicts kept in memory per process (0: none)."
    )
    query_timeout: float = Field(
        10.0, gt=0, description="Seconds a SPARQL query may run before it is stopped (503)."
    )
    result_limit: int = Field(
        10_000, gt=0, description="Most solutions or triples one SPARQL query returns."
    )
    max_claim_lines: int = Field(
        100, gt=0, description="Most lines a claim sent to /v1/claims/check may have."
    )
    cors_origins: list[str] = Field(
        default=["*"], description="Origins browsers may call the API and endpoint from."
    )
    assets: Path = Field(
        default=Path("node_modules"),
        description="Where `npm install` put the browser libraries (YASGUI, Cytoscape.js).",
    )

    def location(self) -> StoreLocation:
        """Where the graph is: the SPARQL server when ``endpoint`` is set, else ``store``."""
        return StoreLocation.of(self.endpoint or self.store, timeout=self.query_timeout)
