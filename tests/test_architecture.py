"""The house's shape: arrows point one way, and built-in families cannot go missing."""

from __future__ import annotations

import argparse
import ast
import importlib
import importlib.metadata
import re
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from checker.engine import plugins
from checker.engine.core import Engine

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("checker", "rules")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )


def _absolute(node: ast.ImportFrom, package: str) -> str:
    """The module a ``from … import`` reads from, with a relative one resolved."""
    base = node.module or ""
    if node.level:
        up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
        base = ".".join([*up, base] if base else up)
    return base


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every project module this file imports at run time, inside functions too.

    Imports under ``if TYPE_CHECKING:`` are annotations only and never run.
    """
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n) for node in ast.walk(tree) if _type_checking_only(node) for n in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    known = {module_name(p) for p in files}
    return {module_name(p): imports_of(p, known) for p in files}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycles() -> None:
    assert find_cycle(import_graph()) is None


# Which room may import which: the CLI → nightly → run → engine → read, and outputs → findings
# (and the reader, for the source lines an excerpt shows).
ALLOWED = {
    "checker.importer": {"checker.importer"},
    # The renderer reads a report through check's reader, so both read it alike.
    "checker.render": {"checker.render", "checker.read"},
    "checker.desk": {
        "checker.desk",
        "checker.run",
        "checker.engine",
        "checker.read",
        "checker.outputs",
        "checker.render",
    },
    "checker.read": {"checker.read", "checker.importer"},
    # `rapportkoll new`: reads a report, the reference data and the importer's complaint
    # categories, writes like every output does.
    "checker.scaffold": {
        "checker.scaffold",
        "checker.engine",
        "checker.read",
        "checker.run",
        "checker.outputs",
        "checker.importer",
    },
    "checker.engine": {"checker.engine", "checker.read"},
    "checker.run": {"checker.run", "checker.engine", "checker.read", "checker.outputs"},
    "checker.nightly": {
        "checker.nightly",
        "checker.run",
        "checker.engine",
        "checker.read",
        "checker.outputs",
    },
    "checker.fix": {
        "checker.fix",
        "checker.run",
        "checker.engine",
        "checker.read",
        "checker.outputs",
    },
    "checker.outputs": {"checker.outputs", "checker.read"},
}
LEAVES = {
    "checker",
    "checker.findings",
    "checker.results",
    "checker.rule",
    "checker.paths",
    "checker.swedish",
    "checker.placeholder",
    "checker.budget",
    "checker.escape",
    "checker.lazyre",
    "checker.record",
    "checker.templating",
    "checker.fields",
}


def room(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or module in ALLOWED else module


@pytest.mark.parametrize("source", sorted(ALLOWED))
def test_arrows_point_one_way(source: str) -> None:
    graph = import_graph()
    wrong = {
        (m, t)
        for m, targets in graph.items()
        if room(m) == source
        for t in targets
        if t not in LEAVES and room(t) not in ALLOWED[source]
    }
    assert not wrong, f"{source} imports against the flow: {sorted(wrong)}"


def test_leaves_import_only_leaves() -> None:
    graph = import_graph()
    for leaf in LEAVES - {"checker"}:
        assert graph[leaf] <= LEAVES, leaf


def test_every_built_in_family_is_registered() -> None:
    owners = Engine().rule_owner
    for family in ("RK1", "RK2", "RK3", "RK4", "RK5", "RK6", "RK7"):
        assert any(
            code.startswith(family) and owner.startswith("rules.") for code, owner in owners.items()
        ), family
    modules = {m.name for m in (ROOT / "rules").glob("rk*.py")}
    registered = {n.rpartition(".")[2] + ".py" for n in plugins.DEFAULT_PLUGINS}
    assert modules <= registered


def test_a_missing_family_registration_is_noticed() -> None:
    """Dropping a family from DEFAULT_PLUGINS leaves its codes out: the check above fails."""
    pm, _ = plugins.plugin_manager(
        defaults=tuple(n for n in plugins.DEFAULT_PLUGINS if not n.endswith("rk5_budget"))
    )
    declared = {
        r.code for impl in pm.hook.rapportkoll_rules.get_hookimpls() for r in impl.function()
    }
    assert not any(code.startswith("RK5") for code in declared)


def test_rules_are_collected_from_their_module() -> None:
    module = importlib.import_module("rules.rk5_budget")
    codes = [r.code for r in module.rapportkoll_rules()]
    assert codes == sorted(codes) and {"RK501", "RK506"} <= set(codes)


# rules/ is written as a third-party rule pack would be: checker's public API is
# checker.plugin, and the families share helpers through modules of their own.
FAMILY = re.compile(r"rules\.rk\d+_\w+")


def is_family(module: str) -> bool:
    return FAMILY.fullmatch(module) is not None


def named_modules(tree: ast.Module, package: str, known: set[str]) -> set[str]:
    """Every module a file imports, inside functions and under ``TYPE_CHECKING`` too (an
    annotation uses the API as well): a project module by its own name
    (``from checker import plugin`` is ``checker.plugin``), any other by its top level."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            targets = [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            if target.partition(".")[0] not in PACKAGES:
                found.add(target.partition(".")[0])
                continue
            while target not in known and "." in target:
                target = target.rpartition(".")[0]
            found.add(target)
    return found


def rules_imports() -> dict[str, set[str]]:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    known = {module_name(p) for p in files}
    out = {}
    for path in (ROOT / "rules").rglob("*.py"):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        out[name] = named_modules(tree, package, known)
    return out


def dependencies() -> set[str]:
    """The import names of the distributions pyproject.toml declares as dependencies."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {canonicalize_name(Requirement(r).name) for r in project["project"]["dependencies"]}
    return {
        top
        for top, dists in importlib.metadata.packages_distributions().items()
        if any(canonicalize_name(d) in declared for d in dists)
    }


def past_the_api(imports: dict[str, set[str]], libraries: set[str]) -> set[tuple[str, str]]:
    """(module, import) pairs that reach past the public API: a module of ``checker`` other
    than ``checker.plugin``, or a library neither standard nor a declared dependency."""
    wrong = set()
    for module, targets in imports.items():
        for target in targets:
            top = target.partition(".")[0]
            if target == "checker.plugin" or top == "rules":
                continue
            if top == "checker" or (top not in sys.stdlib_module_names and top not in libraries):
                wrong.add((module, target))
    return wrong


def family_imports(imports: dict[str, set[str]]) -> set[tuple[str, str]]:
    """(module, family) pairs where a module imports a family module other than itself."""
    return {(m, t) for m, targets in imports.items() for t in targets if is_family(t) and t != m}


def test_the_import_reader_sees_every_kind_of_import() -> None:
    source = textwrap.dedent(
        """
        from typing import TYPE_CHECKING
        import yaml.loader
        from checker import plugin
        from . import text_evidence
        if TYPE_CHECKING:
            from checker.engine.context import ReportContext
        def late():
            from checker.swedish import nfc
        """
    )
    known = {"checker", "checker.plugin", "checker.engine.context", "checker.swedish"}
    known |= {"rules", "rules.text_evidence"}
    assert named_modules(ast.parse(source), "rules", known) == {
        "typing",
        "yaml",
        "checker.plugin",
        "rules.text_evidence",
        "checker.engine.context",
        "checker.swedish",
    }


def test_the_api_check_finds_an_import_past_the_api() -> None:
    imports = {
        "rules.rk9_demo": {"re", "pydantic", "checker.plugin", "rules.text_evidence"},
        "rules.helper": {"checker.engine.refdata", "checker", "numpy", "yaml"},
    }
    assert past_the_api(imports, {"pydantic", "yaml"}) == {
        ("rules.helper", "checker.engine.refdata"),
        ("rules.helper", "checker"),
        ("rules.helper", "numpy"),
    }


def test_rules_import_only_the_public_api() -> None:
    wrong = past_the_api(rules_imports(), dependencies())
    assert not wrong, f"rules/ imports past checker.plugin: {sorted(wrong)}"


def test_the_family_check_finds_a_family_importing_another() -> None:
    imports = {
        "rules.rk2_statuses": {"rules.rk1_structure", "rules.presence"},
        "rules.presence": {"rules.rk5_budget"},
        "rules.rk5_budget": {"rules.rk5_budget", "rules.amounts"},
    }
    assert family_imports(imports) == {
        ("rules.rk2_statuses", "rules.rk1_structure"),
        ("rules.presence", "rules.rk5_budget"),
    }


def test_no_module_of_rules_imports_a_family() -> None:
    """Families never import each other; what several share lives in a module of its own."""
    imports = rules_imports()
    families = {m for m in imports if is_family(m)}
    assert {f"rules.rk{n}" for n in range(1, 8)} <= {f.partition("_")[0] for f in families}
    wrong = family_imports(imports)
    assert not wrong, f"move the shared helper out of the family module: {sorted(wrong)}"


# The command line is the only room that speaks argparse: every other room takes plain
# arguments, `Settings` or a dataclass of its own, so that it can be called from a program.
COMMAND_LINE = "checker.cli"


def argparse_importers(sources: dict[str, str]) -> list[str]:
    """The modules among ``sources`` (module name → source text) that import argparse,
    anywhere in the file (inside functions and ``if TYPE_CHECKING:`` too)."""
    found = []
    for name, text in sorted(sources.items()):
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            if any(n == "argparse" or n.startswith("argparse.") for n in names):
                found.append(name)
                break
    return found


def test_argparse_is_imported_only_by_the_command_line() -> None:
    sources = {
        module_name(p): p.read_text(encoding="utf-8")
        for pkg in PACKAGES
        for p in (ROOT / pkg).rglob("*.py")
    }
    wrong = [
        m
        for m in argparse_importers(sources)
        if m != COMMAND_LINE and not m.startswith(COMMAND_LINE + ".")
    ]
    assert not wrong, f"argparse outside {COMMAND_LINE}: {wrong}"


def test_an_argparse_import_is_noticed() -> None:
    sources = {
        "checker.a": "import argparse\n",
        "checker.b": "def f():\n    from argparse import Namespace\n",
        "checker.c": "import os, argparse as ap\n",
        "checker.d": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import argparse\n",
        "checker.clean": "import argparser_like\ntext = 'import argparse'\nfrom . import argparse\n",
    }
    assert argparse_importers(sources) == ["checker.a", "checker.b", "checker.c", "checker.d"]


def test_every_command_is_dispatched_by_the_table() -> None:
    """Each command registers under its table name and has the function that runs it."""
    from checker.cli import COMMANDS, make_parser

    parser = make_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == list(COMMANDS)
    for name, command in COMMANDS.items():
        assert callable(getattr(importlib.import_module(command.module), command.run)), name
