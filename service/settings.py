"""The service's settings, declared once with their help text: the CLI, the app and the docs
read them from here. Each can be set in the environment as ``BUNDLEKG_<NAME>``."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bundlekg.store import default_store

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Where the graph is and the limits the public endpoint keeps."""

    model_config = SettingsConfigDict(env_prefix="BUNDLEKG_", frozen=True)

    store: Path = Field(
        default_factory=default_store,
        description="Store directory written by `bundlekg build`.",
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
