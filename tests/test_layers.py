"""The layers of govfin: no module imports a package of its own layer or above.

Every import of every module under ``govfin/`` counts: at the top, inside a
function (the lazy imports that keep start-up fast), under ``TYPE_CHECKING``,
and by name (a string such as ``"govfin.narrative"`` handed to
``importlib.import_module``).  The layers are those of
``docs/explanation/architecture.md``; a new package must be placed there and
here.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest

ROOT: Final = Path(__file__).resolve().parent.parent
PACKAGE: Final = ROOT / "govfin"

# Lowest first.  A unit (package or top-level module) may import only units of lower layers.
LAYERS: Final = (
    ("govfin.errors", "govfin._install", "govfin._exit", "govfin._severity"),
    ("govfin.amounts", "govfin.classification", "govfin.funds"),
    ("govfin", "govfin.report"),  # the package root re-exports amounts and errors
    ("govfin.tables", "govfin._public_types", "govfin._rounding"),
    ("govfin.io", "govfin.calc"),
    ("govfin.narrative",),
    ("govfin.rules",),
    ("govfin.batch",),
    ("govfin.render", "govfin.testing"),
    ("govfin.cli", "govfin._hypothesis_hook"),
    ("govfin.__main__",),
)

# Known upward imports, each with its reason.  Remove an entry when its cause is gone.
EXCEPTIONS: Final[set[tuple[str, str]]] = set()

_MODULE_NAME: Final = re.compile(
    r"^govfin(\.[A-Za-z_][A-Za-z0-9_]*)+$"
)  # "govfin" alone: a resource root


def _layer_of() -> dict[str, int]:
    return {unit: i for i, layer in enumerate(LAYERS) for unit in layer}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _unit(module: str) -> str:
    """The unit a module belongs to: ``govfin.x`` for anything under ``govfin/x``."""
    parts = module.split(".")
    return ".".join(parts[:2])


def _imports(path: Path, code: str | None = None) -> Iterator[tuple[int, str]]:
    """Every ``(line, module)`` that *path* (or *code* put there) imports, however it does."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    text = path.read_text(encoding="utf-8") if code is None else code
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield node.lineno, target
            for alias in node.names:  # ``from govfin import narrative`` imports a package
                yield node.lineno, f"{target}.{alias.name}"
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _MODULE_NAME.match(node.value)
        ):
            yield node.lineno, node.value  # a module imported by name


def _known(module: str) -> bool:
    relative = Path(*module.split("."))
    return (ROOT / relative).is_dir() or (ROOT / relative).with_suffix(".py").is_file()


@functools.cache
def _edges() -> tuple[tuple[str, str, str], ...]:
    """``(from unit, to unit, where)`` for every import that crosses units."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = _unit(_module(path))
        for line, target in _imports(path):
            if not target.startswith("govfin") or not _known(target):
                continue
            unit = _unit(target)
            if unit != source:
                found.append((source, unit, f"{path.relative_to(ROOT)}:{line} imports {target}"))
    return tuple(found)


def test_every_unit_has_a_layer() -> None:
    layer = _layer_of()
    units = {_unit(_module(p)) for p in PACKAGE.rglob("*.py")}
    assert units - set(layer) == set(), "place each new package in LAYERS and the docs"


def test_no_upward_or_sideways_import() -> None:
    layer = _layer_of()
    wrong = [
        where
        for source, target, where in _edges()
        if layer[target] >= layer[source] and (source, target) not in EXCEPTIONS
    ]
    assert wrong == []


def test_every_exception_is_still_needed() -> None:
    seen = {(source, target) for source, target, _ in _edges()}
    assert seen >= EXCEPTIONS, "remove the exceptions whose import is gone"


@pytest.mark.parametrize(
    ("code", "where"),
    [
        ("from govfin.cli import main\n", "govfin/rules/_x.py"),
        ("def f():\n    from govfin.render import text\n", "govfin/io/_x.py"),
        ('import importlib\nimportlib.import_module("govfin.batch")\n', "govfin/tables/_x.py"),
        ("from ..rules import check\n", "govfin/io/_x.py"),
    ],
)
def test_the_check_sees_every_kind_of_import(code: str, where: str) -> None:
    path = ROOT / where
    found = [target for _, target in _imports(path, code)]
    layer = _layer_of()
    source = _unit(_module(path))
    crossing = [t for t in found if _known(t) and layer.get(_unit(t), -1) >= layer[source]]
    assert crossing, found
