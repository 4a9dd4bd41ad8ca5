"""The layers hold: imports point down (bot -> faq -> nlp), Telegram stays in `bot.telegram`, no cycles.

Every import statement counts, also one inside a function or under TYPE_CHECKING: a lazy import
is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OURS = ("nlp", "faq", "bot")


def module_name(path: Path, root: Path = REPO) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = REPO) -> set[str]:
    """Every module `path` imports, absolute, as written (`from a.b import c` gives `a.b` and `a.b.c`)."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def sources() -> dict[str, set[str]]:
    return {module_name(path): imported_modules(path) for top in OURS for path in sorted((REPO / top).rglob("*.py"))}


def under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


RULES = [
    # (importing package, forbidden package, why)
    ("nlp", "faq", "nlp imports nothing of ours"),
    ("nlp", "bot", "nlp imports nothing of ours"),
    ("faq", "bot", "faq imports nlp only"),
    ("nlp", "telegram", "Telegram types stay in bot.telegram"),
    ("faq", "telegram", "Telegram types stay in bot.telegram"),
    ("bot.questionlog", "telegram", "the question log never imports telegram"),
    ("bot.questionlog", "bot.telegram", "the Telegram side calls into the question log, not the reverse"),
]


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    problems = []
    for module, imports in graph.items():
        for importer, forbidden, why in RULES:
            if under(module, importer):
                problems += [f"{module} imports {name}: {why}" for name in sorted(imports) if under(name, forbidden)]
        if under(module, "bot") and not under(module, "bot.telegram"):
            problems += [
                f"{module} imports {name}: only bot.telegram may" for name in sorted(imports) if under(name, "telegram")
            ]
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles among our modules (a package's `__init__` re-exporting its modules is not one)."""
    edges = {
        module: {
            name
            for name in imports
            if name in graph and name != module and not under(module, name)  # a module's own package
        }
        for module, imports in graph.items()
    }
    found, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(edges[module]):
            if state.get(target) == "open":
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    return found


def test_every_layer_imports_only_downwards():
    assert layer_violations(sources()) == []


def test_no_import_cycles_among_our_modules():
    assert cycles(sources()) == []


@pytest.mark.parametrize(
    ("module", "imports", "expected"),
    [
        ("nlp.text", {"faq.engine"}, "nlp.text imports faq.engine: nlp imports nothing of ours"),
        ("faq.engine", {"bot.cli"}, "faq.engine imports bot.cli: faq imports nlp only"),
        ("faq.index", {"telegram"}, "faq.index imports telegram: Telegram types stay in bot.telegram"),
        (
            "bot.questionlog.log",
            {"bot.telegram.render"},
            (
                "bot.questionlog.log imports bot.telegram.render: "
                "the Telegram side calls into the question log, not the reverse"
            ),
        ),
        ("bot.terminal", {"telegram.ext"}, "bot.terminal imports telegram.ext: only bot.telegram may"),
    ],
)
def test_a_wrong_import_is_reported(module, imports, expected):
    assert expected in layer_violations({module: imports})


def test_a_cycle_is_reported_and_a_package_init_is_not_one():
    assert cycles({"faq.a": {"faq.b"}, "faq.b": {"faq.a"}}) == [["faq.a", "faq.b", "faq.a"]]
    assert cycles({"faq": {"faq.a"}, "faq.a": {"faq.b"}, "faq.b": set()}) == []


def test_relative_imports_resolve_to_absolute_names(tmp_path):
    package = tmp_path / "faq"
    package.mkdir()
    (package / "x.py").write_text("from . import y\nfrom .z import w\n", "utf-8")
    assert imported_modules(package / "x.py", tmp_path) >= {"faq.y", "faq.z", "faq.z.w"}
