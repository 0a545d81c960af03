"""Build a classification catalogue from a folder of reports and compare it with the bundled one.

Every code table of every report in the folder lists codes with their names
(支出功能分类 类/款/项, 部门预算支出经济分类 类/款).  :func:`govfin.classification.harvest`
turns those sightings into a :class:`~govfin.classification.Catalog`, keeping where
each was printed, and reports the conflicts: a code printed with different names, or
with a name the bundled catalogue does not give it.  Reports of editions before the
2019 renames are left out (a catalogue is one edition).  (The command line does the same:
``govfin code harvest FILE...``.)

Run from the repository root (default: the sample PDFs of the tests and the bundled seed,
whose 公开06表 prints 39909 with the names of a nested table folded into it)::

    python examples/build_catalog.py [FOLDER]
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from govfin.classification import Classification, bundled, guess, harvest
from govfin.errors import GovfinError
from govfin.io import example_path, expand, load
from govfin.report import Report
from govfin.tables import RowKeyKind, get_schema

FOLDER = Path("tests/data/pdf")


def sightings(report: Report, name: str) -> Iterator[tuple[str, str, str]]:
    """(code, name as printed, where) for each code row of the report's code tables."""
    for table in report.tables:
        if table.schema is None or get_schema(table.schema).row_key is not RowKeyKind.CODE:
            continue
        for row in table.code_rows():
            page = row.provenance.page if row.provenance else None
            where = f"{name} p.{page}" if page else name
            yield row.code or "", " ".join(row.label.split()), where


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else FOLDER
    paths = [Path(p) for p in expand([folder])]
    if not argv:
        paths.append(example_path())
    reports: list[tuple[Path, Report]] = []
    for path in paths:
        try:
            reports.append((path, load(path)))
        except GovfinError as exc:
            print(f"skipped {path.name}: {exc}")
    # A catalogue is one edition: the reports of the newest edition found build it, those of
    # earlier editions (names that changed since, such as 医疗卫生与计划生育支出) are left out.
    newest = max((r.year for _, r in reports if r.year), default=None)
    edition = 2019 if newest is not None and newest >= 2019 else None  # 2019: the last renames
    pairs: dict[Classification, list[tuple[str, str, str]]] = {}
    for path, report in reports:
        if edition is not None and report.year is not None and report.year < edition:
            print(f"left out {path.name}: {report.year}年{report.kind.value} (an earlier edition)")
            continue
        found = list(sightings(report, path.name))
        print(f"read {path.name}: {report.year}年{report.kind.value}, {len(found)} code rows")
        for code, name, where in found:
            pairs.setdefault(guess(code), []).append((code, name, where))
    year = newest
    for which, seen in sorted(pairs.items(), key=lambda kv: kv[0].value):
        reference = bundled(which, year)
        result = harvest(seen, which, year=year, against=reference, source=str(folder))
        catalog = result.catalog
        unknown = [e for e in catalog if e.code not in reference]
        print()
        print(
            f"{which.title} ({which.value}): {len(catalog)} codes from {len(seen)} sightings; "
            f"{len(result.conflicts)} conflict(s) with the bundled {reference.year} edition, "
            f"{len(unknown)} codes it does not list"
        )
        for conflict in result.conflicts:
            printed = " / ".join(conflict.seen)
            code = conflict.code.digits
            print(f"  conflict {code}: printed {printed}; bundled {conflict.reference}")
        for entry in unknown[:5]:
            first = entry.sources[0].document if entry.sources else ""
            print(f"  new      {entry.digits} {entry.name} ({first})")
        if len(unknown) > 5:
            print(f"  … and {len(unknown) - 5} more")


if __name__ == "__main__":
    main(sys.argv[1:])
