r"""Write the provenance rows of the codes printed in reports (for ``scripts/reference``).

Loads each report with :func:`govfin.io.load`, takes every code row of its
recognised code tables (the classification is the table's) and every 类 line
of a 总表, and writes one row per (classification, edition year, code, name as
printed, source) in the format of
``scripts/reference/classification/provenance_*.csv``.  The edition
year is the report's year.  Names are normalised to full-width parentheses.
Run from the repository root::

    python scripts/harvest_observed.py --label "江苏省 2017–2018 部门预算" \
        tests/data/pdf/jiangsu/*.pdf > scripts/reference/classification/provenance_2017_2018.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from govfin.errors import LoadError
from govfin.io import load
from govfin.tables import RowKeyKind, get_schema, normalise_label

_CLASSIFICATION = {"functional": "functional", "economic": "economic_dept"}
"""Schema classification → catalogue classification."""


def _name(text: str) -> str:
    return " ".join(text.split()).replace("(", "（").replace(")", "）").replace(" ", "")


def main() -> None:
    """Print the provenance rows of every report given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", type=Path)
    parser.add_argument("--label", default="", help="what the reports are, for the source column")
    args = parser.parse_args()
    rows: set[tuple[str, int, str, str, str]] = set()
    for path in args.reports:
        try:
            report = load(str(path))
        except LoadError as exc:  # a narrative-only file has no table
            print(f"{path}: skipped ({exc})", file=sys.stderr)
            continue
        if report.year is None:
            continue
        source = f"tests/data/pdf/jiangsu/{path.name}"
        if args.label:
            source += f" ({args.label})"
        for table in report.tables:
            if table.schema is None:
                continue
            schema = get_schema(table.schema)
            if schema.row_key is RowKeyKind.LINE:
                # a 总表 names every functional 类 on its 支出 side (一、一般公共服务支出 …)
                for row in table.rows:
                    line = schema.line(row.key)
                    if line is not None and line.code and row.label.strip():
                        name = _name(normalise_label(row.label))
                        rows.add(("functional", report.year, line.code, name, f"{source} 总表"))
                continue
            which = _CLASSIFICATION.get(schema.classification or "")
            if which is None:
                continue
            for row in table.code_rows():
                if row.code and row.label.strip():
                    rows.add((which, report.year, row.code, _name(row.label), source))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(
        ["classification", "year", "code", "name_as_seen", "source", "overlaps_holdout_doc"]
    )
    for found in sorted(rows):
        out.writerow([*found, "no"])


if __name__ == "__main__":
    main()
