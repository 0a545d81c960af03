"""``govfin code``: look up a classification code in a catalogue.

``govfin code CODE [--classification …] [--year YYYY] [--format text|json]``
prints the code's level, its name in the bundled catalogue (or that the
catalogue does not know it) and its ancestors with their names.  The exit
code is 0 for a well-formed code, known or not, and 2 for a malformed one.

Actions: a first positional argument that names a registered action (see
:func:`register_action`) is not a code; the rest of the command line goes to
that action's own parser, so ``govfin code harvest report.pdf --out kemu.csv``
can sit beside ``govfin code 2010301``.  An action is a module with a
``configure(parser)`` function that adds its arguments and sets ``handler``;
it is imported only when used.
"""

from __future__ import annotations

import argparse
import importlib
import json
from collections.abc import Callable, Sequence
from typing import Any, Final

from govfin._exit import ExitCode
from govfin.classification import Catalog, Classification, Lookup, bundled, guess

__all__ = ["ACTIONS", "describe", "register", "register_action"]

ACTIONS: dict[str, tuple[str, str]] = {}
"""Actions of ``govfin code``: name → (module path, one-line help)."""


def register_action(name: str, module: str, summary: str) -> None:
    """Make ``govfin code NAME ...`` run the action defined in *module*.

    *module* must offer ``configure(parser: argparse.ArgumentParser) -> None``,
    which adds the action's arguments and sets the ``handler`` default (a
    function of the parsed arguments returning the exit code).  The actions
    govfin ships are listed in ``_BUILTIN_ACTIONS`` beside this function.

    Raises:
        ValueError: when *name* could be mistaken for a code (it holds a digit).
    """
    if any(ch.isdigit() for ch in name):
        raise ValueError(f"an action name cannot hold digits: {name!r}")
    ACTIONS[name] = (module, summary)


# The actions shipped with govfin, as (name, module, summary); each module is
# imported only when its action runs.  ``harvest`` (reports → catalogue) goes here:
# ("harvest", "govfin.cli._code_harvest", "build a catalogue from the codes in reports").
_BUILTIN_ACTIONS: Final[tuple[tuple[str, str, str], ...]] = (
    ("harvest", "govfin.cli._code_harvest", "build a catalogue from the codes in reports"),
)
for _action in _BUILTIN_ACTIONS:
    register_action(*_action)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``code`` sub-command."""
    choices = ", ".join(c.cli_name for c in Classification)
    parser = subparsers.add_parser(
        "code",
        help="look up a classification code",
        description=(
            "Print a classification code's level, its name and its ancestors' names "
            "from the catalogue bundled with govfin."
        ),
        epilog=_epilog(),
    )
    parser.add_argument(
        "code", metavar="CODE", help="a code such as 2010301 (spaces and full-width digits allowed)"
    )
    parser.add_argument(
        "--classification",
        "-c",
        choices=[c.cli_name for c in Classification],
        metavar="NAME",
        help=f"{choices} (default: guessed from the first digit: 2, 3, 5, 1)",
    )
    parser.add_argument(
        "--year", "-y", type=int, help="edition year (default: the latest bundled edition)"
    )
    parser.add_argument("--format", "-f", choices=("text", "json"), default="text")
    parser.set_defaults(handler=_run)
    _dispatch_actions(parser)


def _epilog() -> str:
    if not ACTIONS:
        return "Exit status: 0 for a well-formed code (known or not), 2 for a malformed one."
    names = "; ".join(f"govfin code {name} …: {text}" for name, (_, text) in ACTIONS.items())
    return f"Actions: {names}. Exit status: 0 well-formed code, 2 malformed."


def _dispatch_actions(parser: argparse.ArgumentParser) -> None:
    """Route ``govfin code ACTION ...`` to the action's own parser."""
    parse_code = parser.parse_known_args

    def parse_known_args(
        args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if args and args[0] in ACTIONS:
            module, summary = ACTIONS[args[0]]
            action_parser = type(parser)(prog=f"{parser.prog} {args[0]}", description=summary)
            configure: Callable[[argparse.ArgumentParser], None] = importlib.import_module(
                module
            ).configure
            configure(action_parser)
            return action_parser.parse_known_args(list(args[1:]), namespace)
        return parse_code(args, namespace)

    parser.parse_known_args = parse_known_args  # type: ignore[method-assign,assignment]


def describe(
    code: str, classification: Classification | str | None = None, year: int | None = None
) -> tuple[Lookup, Catalog]:
    """Look *code* up in the bundled catalogue; guess the classification when not given.

    Raises:
        CodeError: when *code* is malformed.
    """
    which = guess(code) if classification is None else Classification.parse(classification)
    catalog = bundled(which, year)
    return catalog.lookup(code), catalog


def _edition(catalog: Catalog) -> str:
    text = f"bundled {catalog.year} edition"
    if catalog.is_fallback:
        text += f" (no {catalog.requested_year} edition is bundled)"
    return text


def _as_json(found: Lookup, catalog: Catalog) -> dict[str, Any]:
    data = found.to_dict()
    data["edition"] = catalog.year
    data["trust"] = None
    if found.sources:
        data["trust"] = max(s.trust for s in found.sources).value
    return data


def _as_text(found: Lookup, catalog: Catalog) -> str:
    which = found.code.classification
    if found.name is not None:
        trust = max(s.trust for s in found.sources).value
        name = f"{found.name}  [{trust}]"
    else:
        name = f"(not in the {_edition(catalog)} catalogue)"
    lines = [
        f"{found.code.digits}  {found.level.value}  {name}",
        f"  classification: {which.cli_name} {which.title}, {_edition(catalog)}",
    ]
    for ancestor in found.ancestors:
        label = ancestor.name if ancestor.name is not None else "(not in the catalogue)"
        lines.append(f"  {ancestor.level.value} {ancestor.code.digits:<7} {label}")
    return "\n".join(lines)


def _run(args: argparse.Namespace) -> int:
    found, catalog = describe(args.code, args.classification, args.year)
    if args.format == "json":
        print(json.dumps(_as_json(found, catalog), ensure_ascii=False, indent=2))
    else:
        print(_as_text(found, catalog))
    return ExitCode.OK
