"""The folder tree shows the pipeline: stage packages in order, no module importing a later stage, no cycles.

Imports are read from the source with ``ast`` (every ``import`` statement, at module level, inside
functions and under ``TYPE_CHECKING`` alike), so a lazy or type-only import counts as much as any.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "checker"

# The pipeline, earliest first: a module may import its own stage and earlier ones only.
STAGES = (
    "common",  # errors and the Chinese-text knowledge every stage uses
    "reading",
    "structure",
    "checklist",
    "result",
    "analysis",
    "rules",
    "output",
    "run",
    "evaluation",
    "docgen",
    "commands",
    "cli",
    "__main__",
)
DATA_PACKAGES = {"checklists", "schemas"}  # YAML and JSON Schema files, no code


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every ``checker`` module this file imports, resolved to module names (``from a import b`` may name a module ``a.b``)."""
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {name: {other for other in _imports(path) if other in modules and other != name} for name, path in modules.items()}


def _stage(module: str) -> str:
    parts = module.split(".")
    stage = parts[1] if len(parts) > 1 else "common"  # checker/__init__ (the version) is the foundation
    return "common" if stage in DATA_PACKAGES else stage


def test_top_level_holds_only_the_cli_the_run_layer_and_stage_packages():
    entries = {path.stem if path.suffix == ".py" else path.name for path in PACKAGE.iterdir() if path.name != "__pycache__"}
    assert entries - {"__init__"} <= set(STAGES) | DATA_PACKAGES, f"unexpected at checker/: {sorted(entries - set(STAGES) - DATA_PACKAGES)}"
    for name in set(STAGES) - {"cli", "__main__"}:
        assert (PACKAGE / name / "__init__.py").is_file(), f"checker/{name} should be a package"


def test_no_module_imports_a_later_stage():
    later = []
    for module, imported in _graph().items():
        rank = STAGES.index(_stage(module))
        later += [f"{module} → {other}" for other in imported if STAGES.index(_stage(other)) > rank]
    assert not later, "imports of a later stage:\n" + "\n".join(sorted(later))


def test_no_import_cycles():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert not cycles, f"import cycles: {cycles}"


def test_doc_generation_is_off_the_runtime_path():
    users = [module for module, imported in _graph().items() if _stage(module) != "docgen" and any(_stage(o) == "docgen" for o in imported)]
    assert not users, f"runtime modules importing checker.docgen: {users}"


@pytest.mark.parametrize("stage", [stage for stage in STAGES if (PACKAGE / stage).is_dir()])
def test_every_stage_package_says_what_it_holds(stage):
    assert ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8"))), f"checker/{stage}/__init__.py needs a docstring"


def test_the_cycle_check_itself_sees_a_cycle(tmp_path, monkeypatch):
    """Guard against a check that cannot fail: two modules importing each other are a cycle."""
    fake = tmp_path / "checker"
    (fake / "analysis").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "analysis" / "__init__.py").write_text('"""x"""')
    (fake / "analysis" / "a.py").write_text("from checker.analysis import b\n")
    (fake / "analysis" / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from checker.analysis.a import x\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    with pytest.raises(AssertionError, match="import cycles"):
        test_no_import_cycles()
