"""Configuration from the environment and an optional `.env` file (the real environment wins)."""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from dotenv import dotenv_values

KB_PATH_SEPARATOR = ":"


class ConfigError(Exception):
    """The environment does not describe a runnable bot; one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def read_dotenv(path: Path) -> dict[str, str]:
    """The variables a `.env` file sets, parsed by python-dotenv (comments, quotes, escapes,
    `export ` and multi-line values); an unreadable file sets none, a key without a value is skipped."""
    try:
        values = dotenv_values(path, encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {key: value for key, value in values.items() if value is not None}


def load_environment(environ: MutableMapping[str, str] | None = None, dotenv: Path | None = None) -> Mapping[str, str]:
    """The environment with `.env` (in the working directory) filled in underneath it."""
    environ = os.environ if environ is None else environ
    merged = dict(read_dotenv(dotenv or Path.cwd() / ".env"))
    merged.update(environ)
    return merged


def kb_paths(cli_paths: list[str] | None, env: Mapping[str, str]) -> list[str] | None:
    """Which KB files to load: --kb, else TANYABOT_KB, else None for the bundled packs."""
    if cli_paths:
        return cli_paths
    value = env.get("TANYABOT_KB", "").strip()
    if value:
        return [p for p in value.split(KB_PATH_SEPARATOR) if p]
    return None


def cache_dir(env: Mapping[str, str]) -> Path | None:
    """Where compiled engines are kept: TANYABOT_CACHE_DIR, else $XDG_CACHE_HOME/tanyabot
    (~/.cache/tanyabot); None when TANYABOT_CACHE=0."""
    if env.get("TANYABOT_CACHE", "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    explicit = env.get("TANYABOT_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    base = env.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "tanyabot"
