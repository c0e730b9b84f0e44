"""Where built graphs live, and how a new one replaces the old without a moment of half a graph.

A store directory holds ``builds/<id>/`` (one pyoxigraph database per build) and ``current``, a
symbolic link to the build being served. A build writes a new directory beside the served one,
validates it, then repoints ``current`` with one atomic rename; readers open whatever ``current``
names. The previous build is kept, so a reader that opened it keeps working; older ones are removed.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from pyoxigraph import Store

from .errors import StoreError

__all__ = [
    "DEFAULT_STORE",
    "current_build",
    "default_store",
    "new_build_dir",
    "open_store",
    "publish",
    "discard",
]

DEFAULT_STORE = Path(".bundlekg") / "store"
STORE_ENV = "BUNDLEKG_STORE"
_CURRENT = "current"
_BUILDS = "builds"
_KEEP = 2


def default_store() -> Path:
    """``$BUNDLEKG_STORE`` if set, else ``.bundlekg/store`` under the working directory."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def new_build_dir(root: Path) -> Path:
    """A fresh, empty directory for a build, beside the served one."""
    builds = root / _BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    path = builds / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns()}"
    path.mkdir()
    return path


def current_build(root: Path) -> Path | None:
    """The build ``current`` points at, or None before the first build."""
    link = root / _CURRENT
    if not link.is_symlink():
        return None
    target = (root / os.readlink(link)).resolve()
    return target if target.is_dir() else None


def publish(root: Path, build: Path) -> None:
    """Make ``build`` the served graph in one atomic step, then drop all but the newest builds."""
    link = root / _CURRENT
    staging = root / f".{_CURRENT}.{os.getpid()}"
    if staging.is_symlink() or staging.exists():
        staging.unlink()
    staging.symlink_to(build.relative_to(root))
    os.replace(staging, link)
    builds = sorted((root / _BUILDS).iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    keep = {build.resolve()} | {p.resolve() for p in builds[:_KEEP]}
    for old in builds:
        if old.resolve() not in keep:
            shutil.rmtree(old, ignore_errors=True)


def discard(build: Path) -> None:
    """Remove a build that will not be published."""
    shutil.rmtree(build, ignore_errors=True)


def open_store(root: Path) -> Store:
    """The served graph of a store directory, opened read-only.

    :raises StoreError: when nothing has been built there yet or the database cannot be read.
    """
    build = current_build(root)
    if build is None:
        raise StoreError(
            f"no graph has been built in {root}; run `bundlekg build --store {root}` first"
        )
    try:
        return Store.read_only(str(build))
    except OSError as error:
        raise StoreError(f"cannot open the graph in {build}: {error}") from error
