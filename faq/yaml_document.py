"""One pack file read as YAML whose mappings remember their lines, so a problem names file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a pack, located as precisely as the YAML allows."""

    source: str
    line: int | None
    message: str
    intent: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        parts = [where] + [p for p in (self.intent, self.field) if p] + [self.message]
        return ": ".join(parts)


class LineMapping(dict[Any, Any]):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]
    duplicate_keys: list[tuple[str, int]]


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineMapping:
    mapping = LineMapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.duplicate_keys = []
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = key if isinstance(key, str) else str(key)
        line = key_node.start_mark.line + 1
        if key in mapping:
            mapping.duplicate_keys.append((key, line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_document(path: Path, problems: list[Problem]) -> Any:
    """The pack's top-level mapping, or None with the reason added to `problems`."""
    source = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        problems.append(Problem(source, None, "file not found"))
        return None
    except IsADirectoryError:
        problems.append(Problem(source, None, "is a directory, not a YAML file"))
        return None
    except OSError as error:
        problems.append(Problem(source, None, f"cannot read: {error.strerror or error}"))
        return None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        problems.append(Problem(source, line, "not UTF-8 text"))
        return None
    try:
        document = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        syntax_line = mark.line + 1 if mark else None
        what = " ".join(p for p in (error.context, error.problem) if p)
        problems.append(Problem(source, syntax_line, f"YAML syntax error: {what}"))
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(source, None, f"YAML error: {error}"))
        return None
    if not isinstance(document, LineMapping) or "intents" not in document:
        problems.append(Problem(source, 1, "expected a mapping with an `intents:` list"))
        return None
    return document
