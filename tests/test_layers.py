"""The code reads in one direction: no import cycles, no imports hidden inside functions.

The layers themselves (engine <- workflows <- features <- web) are import-linter's contract
in pyproject.toml, checked by `make lint`.
"""

import ast
import re
from pathlib import Path
from types import ModuleType

import grimp

import intranet
from intranet import workflow_registry as registry

PACKAGE = Path(intranet.__file__).parent


def _cycles(edges):
    """Every strongly connected group of more than one module (Tarjan, iteratively)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_module_imports_another_that_imports_it_back():
    graph = grimp.build_graph("intranet")
    edges = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    assert _cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_is_hidden_inside_a_function():
    hidden = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        for function in ast.walk(ast.parse(path.read_text()))
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]
    assert hidden == []


# State names that are also other words: a role, an organisation or referee status, a round
# kind, a trigger. Outside their workflow they count only where a state is compared or given.
SHARED_WORDS = {"concept", "regiegroep", "gepland", "uitgenodigd", "vriend", "verlopen"}
WORKFLOW_MODULES = {
    Path(module.__file__)
    for module in vars(registry).values()
    if isinstance(module, ModuleType) and module.__name__.endswith("workflow")
} | {PACKAGE / "workflows" / "states.py"}


def _bare_states():
    """Every quoted state name outside the constants and the workflow modules, as path:line."""
    names = {state for workflow in registry.WORKFLOWS for state in workflow.states}
    every, unique = "|".join(sorted(names)), "|".join(sorted(names - SHARED_WORDS))
    as_state = re.compile(rf"(state\w*\s*(==|!=|=)|totals\.get\()\s*[\"']({every})[\"']")
    in_code = re.compile(rf"[\"']({unique})[\"']")
    in_template = re.compile(rf"((==|!=| in)\s*|[{{,]\s*)[\"']({unique})[\"']")
    return [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]
        if path not in WORKFLOW_MODULES
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if as_state.search(line) or (in_code if path.suffix == ".py" else in_template).search(line)
    ]


def test_no_workflow_state_is_a_bare_string_outside_its_workflow():
    assert _bare_states() == []


def test_the_state_check_covers_every_workflow_in_the_list():
    names = {state for workflow in registry.WORKFLOWS for state in workflow.states}
    assert {"stemming", "lopend", "te_besluiten", "getekend", "afgeslagen"} <= names
    assert PACKAGE / "rounds" / "renewal_workflow.py" in WORKFLOW_MODULES
    assert PACKAGE / "admission" / "workflow.py" in WORKFLOW_MODULES


ROLE_NAMES = {"__init__", "blueprint", "routes", "models", "forms"}


def test_no_two_modules_share_a_name():
    """Only a feature's role modules and modules named after a feature may repeat."""
    features = {path.name for path in PACKAGE.rglob("*") if (path / "__init__.py").exists()}
    seen = {}
    for path in PACKAGE.rglob("*.py"):
        if path.stem not in ROLE_NAMES | features:
            seen.setdefault(path.stem, []).append(str(path.relative_to(PACKAGE)))
    assert not {name: paths for name, paths in seen.items() if len(paths) > 1}
