"""``govfin code harvest``: build a catalogue from the codes printed in reports.

``govfin code harvest INPUT... [--classification NAME] [--year YYYY]
[--format text|json|csv] [-o OUT]`` loads each report (any format
:func:`govfin.io.load` reads), collects the code and name of every code row of
its recognised code tables (支出功能分类 类/款/项, 部门预算支出经济分类 类/款),
with where each was printed, builds one catalogue per classification with
:func:`govfin.classification.harvest`, and lists the conflicts: a code printed
with different names, or with a name the bundled catalogue of that year does
not give it (an obsolete 类 name in a 2026 budget, a misprint).

The ``csv`` format is the harvested catalogue itself, one code a line with
``code`` and ``name`` columns, so :func:`govfin.classification.load_catalog`
reads it back.  Exit status: 0 no conflict, 1 conflicts found, 2 bad input.

>>> from govfin.cli import main
>>> main(["code", "harvest", "--example", "--classification", "functional"])
harvested 20 functional codes from 1 report (0 rejected)
functional 支出功能分类: 20 codes, 0 conflicts with the bundled 2024 edition, 0 not in it
0
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from govfin._exit import ExitCode
from govfin.classification import (
    Catalog,
    Classification,
    Harvest,
    bundled,
    guess,
    harvest,
)
from govfin.cli._output import add_force, check_output, write_text
from govfin.errors import CodeError
from govfin.report import Report

__all__ = ["HarvestResult", "code_pairs", "configure", "harvest_reports"]


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``govfin code harvest`` and set its handler."""
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="report files (any format)")
    parser.add_argument("--example", action="store_true", help="also read the bundled seed report")
    parser.add_argument(
        "--classification",
        "-c",
        choices=[c.cli_name for c in Classification],
        metavar="NAME",
        help="only this classification (default: every one found); "
        + ", ".join(c.cli_name for c in Classification),
    )
    parser.add_argument(
        "--year",
        "-y",
        type=int,
        help="edition year of the catalogue built and of the bundled one compared with "
        "(default: the reports' year, when they agree; else the latest bundled edition)",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=("text", "json", "csv"),
        default="text",
        help="text (default), json, or csv: the catalogue, which load_catalog reads back",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    add_force(parser)
    parser.epilog = "Exit status: 0 no conflict, 1 conflicts found, 2 bad input or usage."
    parser.set_defaults(handler=_run)


def code_pairs(report: Report, *, source: str | None = None) -> Iterator[tuple[str, str, str]]:
    """``(code, name, where printed)`` for every code row of *report*'s recognised tables.

    The name is the row's label as printed (line breaks read as spaces); *where*
    is the row's provenance (``file, page 8``), else *source*, else the
    report's source.  Rows of the 总表 (lines that stand for a 类, printed with
    an ordinal such as ``一、``) are left out: only the code tables list codes
    with their names.

    >>> from govfin.io import load_example
    >>> next(code_pairs(load_example()))
    ('201', '一般公共服务支出', 'lukou-xzspj-2024-final.txt, line ...')
    """
    from govfin.tables import RowKeyKind, get_schema  # noqa: PLC0415 - keeps the CLI start fast

    where_default = source or report.source or ""
    for table in report.tables:
        if table.schema is None or get_schema(table.schema).row_key is not RowKeyKind.CODE:
            continue
        for row in table.code_rows():
            if row.code is None:  # pragma: no cover - code_rows() only yields coded rows
                continue
            where = row.provenance.describe() if row.provenance is not None else ""
            yield row.code, " ".join(row.label.split()), where or where_default


@attrs.frozen
class HarvestResult:
    """What ``govfin code harvest`` found for one classification.

    Attributes:
        classification: the classification.
        harvest: the catalogue built, its conflicts and the rejected pairs.
        reference: the bundled catalogue it was compared with.
    """

    classification: Classification
    harvest: Harvest
    reference: Catalog

    @property
    def unknown(self) -> tuple[str, ...]:
        """The harvested codes the bundled catalogue does not list."""
        return tuple(e.digits for e in self.harvest.catalog if e.code not in self.reference)


def _classification_of(code: str) -> Classification | None:
    try:
        return guess(code)
    except CodeError:
        return None


def harvest_reports(
    reports: Iterable[Report],
    *,
    classification: Classification | str | None = None,
    year: int | None = None,
) -> tuple[HarvestResult, ...]:
    """Harvest the code/name pairs of *reports*, one catalogue per classification.

    Each code goes to the classification its first digit names (or to
    *classification* only, when given, the others being left out).  Each
    catalogue is compared with the bundled one of *year* (default: the
    reports' common year, else the latest bundled edition).

    >>> from govfin.io import load_example
    >>> [r.classification.value for r in harvest_reports([load_example()])]
    ['functional', 'economic_dept']
    """
    reports = list(reports)
    only = None if classification is None else Classification.parse(classification)
    years = {r.year for r in reports if r.year is not None}
    edition = year if year is not None else (years.pop() if len(years) == 1 else None)
    pairs: dict[Classification, list[tuple[str, str, str]]] = {}
    for report in reports:
        for code, name, where in code_pairs(report):
            which = _classification_of(code)
            if which is None or (only is not None and which is not only):
                continue
            pairs.setdefault(which, []).append((code, name, where))
    if only is not None:
        pairs.setdefault(only, [])
    out: list[HarvestResult] = []
    for which in Classification:
        if which not in pairs:
            continue
        reference = bundled(which, edition)
        found = harvest(
            pairs[which],
            which,
            year=edition,
            against=reference,
            source="harvested by govfin code harvest",
        )
        out.append(HarvestResult(which, found, reference))
    return tuple(out)


def _edition(catalog: Catalog) -> str:
    text = f"bundled {catalog.year} edition"
    if catalog.is_fallback:
        text += f" (no {catalog.requested_year} edition is bundled)"
    return text


def _where(result: HarvestResult, digits: str) -> str:
    entry = result.harvest.catalog.get(digits)
    if entry is None or not entry.sources:
        return ""
    return "; ".join(s.document for s in entry.sources[:3]) + (
        f"; … {len(entry.sources) - 3} more" if len(entry.sources) > 3 else ""
    )


def _as_text(results: Sequence[HarvestResult], inputs: int) -> str:
    codes = sum(len(r.harvest.catalog) for r in results)
    rejected = sum(len(r.harvest.rejected) for r in results)
    which = results[0].classification.value + " " if len(results) == 1 else ""
    reports = f"{inputs} report{'s' * (inputs != 1)}"
    lines = [f"harvested {codes} {which}codes from {reports} ({rejected} rejected)"]
    for r in results:
        c = r.classification
        lines.append(
            f"{c.value} {c.title}: {len(r.harvest.catalog)} codes, "
            f"{len(r.harvest.conflicts)} conflict{'s' * (len(r.harvest.conflicts) != 1)} "
            f"with the {_edition(r.reference)}, {len(r.unknown)} not in it"
        )
        for conflict in r.harvest.conflicts:
            seen = " | ".join(f"「{name}」" for name in conflict.seen)
            ref = f"「{conflict.reference}」" if conflict.reference is not None else "(none)"
            lines.append(
                f"  {conflict.kind:<12} {conflict.code.digits:<7} printed {seen}; "
                f"bundled {ref}; at {_where(r, conflict.code.digits)}"
            )
        lines.extend(
            f"  rejected     {x.code!r} 「{x.name}」: {x.reason}" for x in r.harvest.rejected
        )
    return "\n".join(lines)


def _as_json(results: Sequence[HarvestResult], inputs: Sequence[str]) -> dict[str, Any]:
    return {
        "inputs": list(inputs),
        "classifications": [
            {
                "classification": r.classification.value,
                "edition": r.harvest.catalog.year,
                "compared_with": r.reference.year,
                "codes": [
                    {
                        "code": e.digits,
                        "level": e.level.value,
                        "name": e.name,
                        "bundled": r.reference.name(e.code),
                        "sources": [s.document for s in e.sources],
                    }
                    for e in r.harvest.catalog
                ],
                "conflicts": [
                    {
                        "code": c.code.digits,
                        "kind": c.kind,
                        "seen": list(c.seen),
                        "bundled": c.reference,
                    }
                    for c in r.harvest.conflicts
                ],
                "rejected": [
                    {"code": x.code, "name": x.name, "reason": x.reason} for x in r.harvest.rejected
                ],
            }
            for r in results
        ],
    }


def _as_csv(results: Sequence[HarvestResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["classification", "code", "level", "name", "bundled_name", "conflict"])
    for r in results:
        conflicts = {c.code.digits: c.kind for c in r.harvest.conflicts}
        for e in r.harvest.catalog:
            writer.writerow(
                [
                    r.classification.value,
                    e.digits,
                    e.level.value,
                    e.name,
                    r.reference.name(e.code) or "",
                    conflicts.get(e.digits, ""),
                ]
            )
    return out.getvalue()


def _run(args: argparse.Namespace) -> int:
    from govfin.io import load, load_example  # noqa: PLC0415 - keeps the CLI start fast

    if not args.inputs and not args.example:
        print("govfin code harvest: error: give at least one INPUT or --example", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if args.output:
        check_output(args.output, args.inputs, force=args.force)
    reports = [load(path) for path in args.inputs]
    names = list(args.inputs)
    if args.example:
        reports.append(load_example())
        names.append("(bundled example)")
    results = harvest_reports(reports, classification=args.classification, year=args.year)
    if args.format == "json":
        text = json.dumps(_as_json(results, names), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        text = _as_csv(results)
    else:
        text = _as_text(results, len(reports)) + "\n"
    if args.output:
        write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return ExitCode.FINDINGS if any(r.harvest.conflicts for r in results) else ExitCode.OK
