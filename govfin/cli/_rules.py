"""``govfin rules``: list the rules of the registry (id, severity, title, tables, tags)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from govfin._exit import ExitCode

__all__ = ["register", "rule_dicts"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``rules`` sub-command."""
    parser = subparsers.add_parser(
        "rules",
        help="list the rules govfin checks",
        description="List every rule of the registry: id, default severity, title, the "
        "tables it needs and its tags. Give --select/--ignore as for `govfin check`.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--select", metavar="IDS", action="append", default=[])
    parser.add_argument("--ignore", metavar="IDS", action="append", default=[])
    parser.set_defaults(handler=_run)


def rule_dicts(select: list[str], ignore: list[str]) -> list[dict[str, Any]]:
    """The selected rules as JSON-ready dictionaries.

    Raises:
        ValueError: when a selector names no rule.
    """
    from govfin.cli._check import resolve_rules  # noqa: PLC0415

    return [
        {
            "id": r.id,
            "severity": r.severity.value,
            "title": r.title,
            "message": r.message,
            "tables": list(r.tables),
            "reads": list(r.reads),
            "tags": sorted(r.tags),
            "kinds": sorted(k.value for k in r.kinds) if r.kinds is not None else None,
            "description": r.description,
        }
        for r in resolve_rules(select, ignore)
    ]


def _short(schemas: list[str]) -> list[str]:
    """``final.income`` and ``budget.income`` shown once, as ``*.income``."""
    seen: dict[str, set[str]] = {}
    for schema in schemas:
        kind, _, name = schema.partition(".")
        seen.setdefault(name, set()).add(kind)
    return [f"*.{n}" if len(k) > 1 else f"{next(iter(k))}.{n}" for n, k in seen.items()]


def _run(args: argparse.Namespace) -> int:
    from govfin.cli._check import _split  # noqa: PLC0415
    from govfin.render.json import dumps  # noqa: PLC0415

    try:
        rules = rule_dicts(_split(args.select), _split(args.ignore))
    except ValueError as exc:
        print(f"govfin rules: error: {exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if args.format == "json":
        sys.stdout.write(dumps({"rules": rules}) + "\n")
        return ExitCode.OK
    width = max((len(r["id"]) for r in rules), default=7)
    for r in rules:
        read = r["tables"] or _short(r["reads"])
        where = f"  [{', '.join(read)}]" if read else ""
        tags = f"  ({', '.join(r['tags'])})" if r["tags"] else ""
        sys.stdout.write(f"{r['id']:<{width}}  {r['severity']:<7}  {r['title']}{where}{tags}\n")
    sys.stdout.write(f"{len(rules)} rules\n")
    return ExitCode.OK
