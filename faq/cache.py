"""The compiled-index cache: a built `Engine`, pickled under a key of the KB files and the engine's code.

Restarts then skip parsing, validating and stemming. The key covers every KB file's bytes and a
digest of the `faq` and `nlp` packages (code and word tables), so editing either rebuilds. The
cache lives in the user's own cache directory: unpickling trusts it as much as the code itself.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

CACHE_FORMAT = 1
"""Bumped when the pickled layout changes in a way the code digest would not show."""


@cache
def code_digest() -> str:
    """SHA-256 over the source and data files of the `faq` and `nlp` packages."""
    digest = hashlib.sha256()
    for package in ("faq", "nlp"):
        root = resources.files(package)
        for path in sorted(_files(Path(str(root)))):
            if path.suffix in (".py", ".tsv", ".txt"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _files(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path


def cache_key(paths: list[Path]) -> str | None:
    """The key for these KB files as they are now, or None when one cannot be read."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{code_digest()}".encode())
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            return None  # let the loader report it properly
        digest.update(str(path.resolve()).encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def load(cache_dir: Path, key: str) -> Any | None:
    """The engine stored under `key`, or None (missing, unreadable or from other code)."""
    path = cache_dir / f"engine-{key}.pickle"
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return loads(data)
    except Exception as error:  # noqa: BLE001 - a truncated or stale file is rebuilt, whatever unpickling raised
        logger.warning("compiled-index cache %s unusable (%s); rebuilding", path.name, type(error).__name__)
        return None


def loads(data: bytes) -> Any:
    """Unpickle an engine we pickled ourselves (our cache directory, or our own child process)."""
    # Unpickling creates millions of small objects; the cyclic GC would rescan them again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


def store(cache_dir: Path, key: str, engine: Any) -> None:
    """Write the engine under `key` atomically; a full disk or read-only directory only costs speed."""
    try:
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache_dir, prefix=".engine-", delete=False) as handle:
            pickle.dump(engine, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, cache_dir / f"engine-{key}.pickle")
    except (OSError, pickle.PicklingError) as error:
        logger.warning("compiled-index cache not written: %s", error)
        with contextlib.suppress(OSError, NameError, UnboundLocalError):
            os.unlink(handle.name)
        return
    _remove_stale(cache_dir, keep=key)


KEPT_BUILDS = 4
"""Compiled engines kept per cache directory (the most recently written); older ones only pile up."""


def _remove_stale(cache_dir: Path, *, keep: str) -> None:
    builds = []
    for path in cache_dir.glob("engine-*.pickle"):
        try:
            builds.append((path.stat().st_mtime, path))
        except OSError:
            continue
    builds.sort(reverse=True)
    for _, old in builds[KEPT_BUILDS:]:
        if old.name != f"engine-{keep}.pickle":
            with contextlib.suppress(OSError):
                old.unlink()
