"""Coverage: what a check actually read and checked, so that nothing unread looks clean."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from govfin.amounts import CellState
from govfin.report import Report, ReportKind, Table
from govfin.tables import BUDGET_IDS, FINAL_IDS, TableSchema
from govfin.tables.contents import entry_title, listed_tables, match_listed
from govfin.tables.registry import get_schema

__all__ = [
    "CONTENTS",
    "SCHEMA_SET",
    "Coverage",
    "expected_tables",
    "listed_tables",
    "measure_coverage",
    "table_figures_unplaced",
]

CONTENTS: Final = "contents"
""":attr:`Coverage.expected_from` when the document's 目录 lists the tables it holds."""

SCHEMA_SET: Final = "schema set"
""":attr:`Coverage.expected_from` when there is no 目录: the standard set of the report's kind."""

_core: Final = entry_title  # the title a 目录 entry names (also read by GF-S004)


def _figures(report: Report) -> int:
    return sum(
        1
        for table in report.tables
        for row in table.rows
        for cell in row.cells.values()
        if cell.state is CellState.NUMBER
    )


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class Coverage:
    """What a check actually read and checked of a report (or of several, added with ``+``).

    *tables_expected* is the number of tables the report should hold: those its
    目录 lists (*expected_from* ``"contents"``) or, without a 目录, the standard
    set of its kind (``"schema set"``: the nine 决算 公开表 or the 预算 set).
    *tables_found* of them were found in the document, *tables_recognised*
    tables were bound to a standard schema (and so checked; a table known by
    its title but kept as printed, :data:`~govfin.tables.KEPT_IDS`, is not), and
    *tables_unrecognised* were kept as printed without a check.  *missing*
    names the expected tables that were not found.  *figures_read* counts the
    numeric cells read, *figures_checked* the comparisons the rules ran
    (exact, residues and inconsistencies; not those of the load and structure
    rules), *parts_unreadable* the error-level problems met while loading (a
    cell that could not be read, a column lost).  *lines_missing* names the
    lines every table of its schema has (本年收入合计, 总计 …) that a recognised
    table lacks (``公开01表 收入支出决算总表：总计``), and *figures_unplaced*
    counts the figures read in a column with no title, which no rule can check:
    either is a table not read in full (rows lost at a page break, a title lost).

    The coverage is :attr:`complete` when a standard table was recognised,
    every expected table was found and nothing was unreadable, missing or
    unplaced; otherwise
    :meth:`shortfalls` says why, and rule ``GF-S004`` reports it as an error.

    >>> c = Coverage(tables_expected=9, tables_found=9, tables_recognised=9,
    ...              figures_read=412, figures_checked=187)
    >>> c.complete, c.line()
    (True, 'coverage: 9/9 tables recognised (schema set), 412 figures read, 187 checked')
    >>> Coverage(tables_expected=12, expected_from="contents", missing=("收支预算总表",)).line(
    ...     checked=False)
    'coverage: 0/12 tables recognised (contents), 1 missing: 收支预算总表, 0 figures read'
    """

    tables_expected: int = 0
    tables_found: int = 0
    tables_recognised: int = 0
    tables_unrecognised: int = 0
    expected_from: str = SCHEMA_SET
    missing: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    figures_read: int = 0
    figures_checked: int = 0
    parts_unreadable: int = 0
    reports: int = 1
    lines_missing: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    figures_unplaced: int = 0

    @property
    def complete(self) -> bool:
        """Whether everything expected was read: no :meth:`shortfalls`."""
        return not self.shortfalls()

    def shortfalls(self) -> tuple[str, ...]:
        """Why the coverage is not complete, one Chinese sentence each (empty when complete)."""
        out: list[str] = []
        if self.tables_recognised == 0:
            out.append(
                f"未识别出任何标准公开表（应有{self.tables_expected}张），未能核对任何数字"
                "（表格如在另一文件中发布，请与之作为一份报告读取：--one-report）"
            )
        if self.missing and self.tables_found:
            where = "目录所列" if self.expected_from == CONTENTS else "应公开的"
            out.append(
                f"{where}{self.tables_expected}张表中有{len(self.missing)}张未找到："
                + "、".join(self.missing[:12])
                + ("等" if len(self.missing) > 12 else "")
            )
        if self.parts_unreadable:
            out.append(f"有{self.parts_unreadable}处内容未能读取")
        if self.lines_missing:
            out.append(
                f"有{len(self.lines_missing)}个应有的行未找到："
                + "、".join(self.lines_missing[:6])
                + ("等" if len(self.lines_missing) > 6 else "")
            )
        if self.figures_unplaced:
            out.append(f"有{self.figures_unplaced}个数字在无标题的栏目中，未能核对")
        return tuple(out)

    def line(self, *, checked: bool = True) -> str:
        """One line for a verdict: ``coverage: 7/9 tables recognised (contents), …``.

        *checked* false leaves out the number of figures checked (for a rule
        that runs before the others have counted theirs).
        """
        recognised = f"{self.tables_recognised}/{self.tables_expected} tables recognised"
        parts = [f"coverage: {recognised} ({self.expected_from})"]
        if self.missing:
            shown = ", ".join(self.missing[:5]) + (", …" if len(self.missing) > 5 else "")
            parts.append(f"{len(self.missing)} missing: {shown}")
        if self.tables_unrecognised:
            parts.append(f"{self.tables_unrecognised} not recognised")
        if self.parts_unreadable:
            parts.append(f"{self.parts_unreadable} unreadable")
        if self.lines_missing:
            parts.append(f"{len(self.lines_missing)} lines missing")
        if self.figures_unplaced:
            parts.append(f"{self.figures_unplaced} figures in untitled columns")
        parts.append(
            f"{self.figures_read} figures read"
            + (f", {self.figures_checked} checked" if checked else "")
        )
        if self.reports != 1:
            parts.append(f"{self.reports} reports")
        return ", ".join(parts)

    def describe(self) -> str:
        """The :meth:`line`, followed by the :meth:`shortfalls` when there are any."""
        gaps = self.shortfalls()
        return self.line() + ("" if not gaps else " — " + "；".join(gaps))

    def as_dict(self) -> dict[str, Any]:
        """The coverage as a JSON object (every field, plus ``complete``)."""
        out = attrs.asdict(self)
        out["missing"] = list(self.missing)
        out["lines_missing"] = list(self.lines_missing)
        out["complete"] = self.complete
        return out

    def __add__(self, other: Coverage) -> Coverage:
        both = {self.expected_from, other.expected_from}
        return Coverage(
            tables_expected=self.tables_expected + other.tables_expected,
            tables_found=self.tables_found + other.tables_found,
            tables_recognised=self.tables_recognised + other.tables_recognised,
            tables_unrecognised=self.tables_unrecognised + other.tables_unrecognised,
            expected_from=both.pop() if len(both) == 1 else "mixed",
            missing=self.missing + other.missing,
            figures_read=self.figures_read + other.figures_read,
            figures_checked=self.figures_checked + other.figures_checked,
            parts_unreadable=self.parts_unreadable + other.parts_unreadable,
            reports=self.reports + other.reports,
            lines_missing=self.lines_missing + other.lines_missing,
            figures_unplaced=self.figures_unplaced + other.figures_unplaced,
        )


def _schema(schema_id: str) -> TableSchema | None:
    """The registered schema of *schema_id*, or ``None`` for an id no schema has."""
    try:
        return get_schema(schema_id)
    except KeyError:
        return None


def _checked(schema_id: str) -> bool:
    """Whether tables of *schema_id* are checked (not kept as printed; an unknown id is)."""
    schema = _schema(schema_id)
    return schema is None or schema.checked


def _schema_name(schema_id: str) -> str:
    schema = _schema(schema_id)
    return schema.titles[0] if schema is not None and schema.titles else schema_id


def _lines_missing(report: Report) -> Iterator[str]:
    """The lines each recognised, checked table's schema requires that it lacks."""
    for table in report.tables:
        for label in table_lines_missing(table):
            yield f"{table.label}：{label}"


def table_lines_missing(table: Table) -> list[str]:
    """The labels of the lines *table*'s schema requires that it lacks (a recognised, checked one).

    An empty table lacks none: that is its own finding (GF-S003), not lines lost.
    """
    schema = _schema(table.schema) if table.schema is not None else None
    if schema is None or not schema.checked or not table.rows:
        return []
    keys = {row.key for row in table.rows}
    return [line.label for line in schema.lines if line.required and line.key not in keys]


def _figures_unplaced(report: Report) -> int:
    """Figures read in a column with no title (and no schema column): no rule reads them."""
    return sum(table_figures_unplaced(table) for table in report.tables)


def table_figures_unplaced(table: Table) -> int:
    """How many figures *table* holds in a column with no title (and no schema column)."""
    if table.schema is None:
        return 0
    schema = _schema(table.schema)
    known = {c.key for c in schema.columns} if schema is not None else set()
    untitled = {c.key for c in table.columns if not c.title.strip() and c.key not in known}
    if not untitled:
        return 0
    return sum(
        1
        for row in table.rows
        for key, cell in row.cells.items()
        if key in untitled
        and cell.state is CellState.NUMBER
        and cell.text.strip() != row.code  # the row's code printed again, no amount
    )


def expected_tables(report: Report) -> Iterator[tuple[str, Table | None]]:
    """Each table the report should hold (its name) and the table found for it, or ``None``.

    The tables its 目录 lists (:func:`listed_tables`), else the standard set of
    its kind (:data:`~govfin.tables.FINAL_IDS` or :data:`~govfin.tables.BUDGET_IDS`);
    a report that holds tables of another set (another region's) and no 目录 is
    expected to hold the standard tables it holds.
    """
    listed = listed_tables(report)
    if listed:
        yield from zip((_core(e) for e in listed), match_listed(listed, report), strict=True)
        return
    wanted = FINAL_IDS if report.kind is ReportKind.FINAL else BUDGET_IDS
    present = {t.schema for t in report.tables if t.schema is not None}
    if present - set(wanted):
        # Another region's table set (江苏 2017: 收入预算总表 by source …): without a
        # 目录 what it should hold is not known, so only what was found is expected.
        for table in report.tables:
            if table.schema is not None:
                yield _schema_name(table.schema), table
        return
    for schema in wanted:
        yield _schema_name(schema), report.get_table(schema)


def measure_coverage(report: Report, *, figures_checked: int = 0) -> Coverage:
    """The :class:`Coverage` of *report*: expected tables found, recognised, figures read.

    *figures_checked* is filled in by :func:`govfin.rules.check` (the
    comparisons its rules ran).

    >>> from govfin.io import load_example
    >>> c = measure_coverage(load_example())
    >>> c.tables_recognised, c.tables_expected, c.expected_from, c.complete
    (9, 9, 'schema set', True)
    """
    expected = list(expected_tables(report))
    missing = tuple(name for name, table in expected if table is None)
    return Coverage(
        tables_expected=len(expected),
        tables_found=len(expected) - len(missing),
        # a table known by its title but kept as printed is found, never recognised
        tables_recognised=len(
            {t.schema for t in report.tables if t.schema is not None and _checked(t.schema)}
        ),
        tables_unrecognised=len(report.unrecognised),
        expected_from=CONTENTS if listed_tables(report) else SCHEMA_SET,
        missing=missing,
        figures_read=_figures(report),
        figures_checked=figures_checked,
        parts_unreadable=sum(1 for p in report.problems if p.severity == "error"),
        lines_missing=tuple(_lines_missing(report)),
        figures_unplaced=_figures_unplaced(report),
    )
