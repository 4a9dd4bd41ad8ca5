"""Building a large engine in a child process, so the YAML parser's garbage never stays in the server.

Parsing a big pack creates a node for every scalar and then frees them; the freed memory is
scattered between the strings that stay, so the process keeps it (a 100,000-intent pack left
1.17 GB resident where the same engine unpickled takes 0.77 GB). A child process parses and builds,
and hands the engine back pickled; the child's memory goes when it exits.

The child is `python -m faq.isolated OUT MODULE:CLASS PATH...` (not multiprocessing, which would
import the caller's main script again). The caller names the class to build, so this module needs
no import of the engine (which imports this one).
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any, TypeVar

from faq.cache import loads
from faq.loader import KnowledgeBaseError, load_knowledge_base
from faq.schema import KnowledgeBase

Built = TypeVar("Built")

logger = logging.getLogger(__name__)

LARGE_KB_BYTES = 4_000_000
"""KB files at least this big together (about 5,000 intents) are built in a child process; a small
pack is built faster in-process than a child can start."""

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])


def is_large(paths: Sequence[Path]) -> bool:
    """True when the KB files add up to LARGE_KB_BYTES or more."""
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            return False  # the loader reports it, in-process
    return total >= LARGE_KB_BYTES


def build_in_child(paths: Sequence[Path], build: type[Built]) -> Built | None:
    """`build(load_knowledge_base(paths))`, done in a child process; None when no child could do it.

    `build` is a class the child can import by its module and name (the engine's class). A KB with
    problems raises `KnowledgeBaseError` here just as a local build would.
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")])))
    with tempfile.TemporaryDirectory(prefix="tanyabot-build-") as work:
        out = Path(work) / "engine.pickle"
        try:
            child = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "faq.isolated",
                    str(out),
                    f"{build.__module__}:{build.__qualname__}",
                    *map(str, paths),
                ],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                check=False,
            )
            outcome = loads(out.read_bytes()) if child.returncode == 0 else None
        except (OSError, pickle.UnpicklingError, EOFError) as error:
            logger.warning("building the engine in a child process failed (%s); building it here", error)
            return None
    if outcome is None:
        reason = child.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {child.returncode}"]
        logger.warning("building the engine in a child process failed (%s); building it here", reason[0])
        return None
    kind, value = outcome
    if kind == "problems":
        raise KnowledgeBaseError(value)
    return value if isinstance(value, build) else None


def _main(argv: list[str]) -> int:
    # The child: build, then write ("engine", engine) or ("problems", [Problem, ...]) to argv[0].
    out, (module, _, name), paths = Path(argv[0]), argv[1].partition(":"), argv[2:]
    build: Callable[[KnowledgeBase], object] = getattr(import_module(module), name)
    outcome: tuple[str, Any]
    try:
        outcome = ("engine", build(load_knowledge_base(paths)))
    except KnowledgeBaseError as error:
        outcome = ("problems", error.problems)
    with open(out, "wb") as handle:
        pickle.dump(outcome, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
