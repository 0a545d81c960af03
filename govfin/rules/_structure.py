"""Built-in rules: load problems (GF-L) and the structure of the table set (GF-S)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs

from govfin.report import ReportKind, Table
from govfin.rules._common import both_kinds, is_empty
from govfin.rules._context import Context
from govfin.rules._coverage import Coverage, _core, expected_tables, measure_coverage
from govfin.rules._finding import Finding, Location, Outcome, Severity
from govfin.rules._messages import problem_zh
from govfin.rules._registry import REGISTRY
from govfin.tables import FINAL_IDS

__all__: list[str] = []

FINAL_TABLES: Final = FINAL_IDS
"""The nine tables of a 部门决算 (公开01–09表)."""

BUDGET_TABLES: Final = tuple(f"budget.{schema.split('.', 1)[1]}" for schema in FINAL_IDS)
"""The tables of a 部门预算: the same nine, listed in the 决算 order."""

_NAMES: Final = {
    "summary": "收入支出总表",
    "income": "收入表",
    "expenditure": "支出表",
    "fiscal_summary": "财政拨款收入支出总表",
    "general_budget": "一般公共预算财政拨款支出表",
    "general_basic": "一般公共预算财政拨款基本支出表",
    "fund_budget": "政府性基金预算财政拨款收入支出表",
    "state_capital": "国有资本经营预算财政拨款支出表",
    "three_public": "财政拨款“三公”经费支出表",
}

_EMPTY_NOTE_TABLES: Final = both_kinds("fund_budget", "state_capital", "three_public")
_NO_DATA_WORDS: Final = ("本表无数据", "无数据", "此表为空", "本表为空", "空表")


def table_name(schema: str) -> str:
    """The usual Chinese name of a standard table schema."""
    return _NAMES.get(schema.split(".", 1)[-1], schema)


@REGISTRY.rule(
    "GF-L001",
    title="Problem met while loading the report",
    message="读取时发现问题：{problem}",
    severity=Severity.WARNING,
    tags=("load",),
)
def load_problems(ctx: Context) -> Iterator[Finding]:
    """Every problem the loader met is reported, with its own severity and place."""
    for problem in ctx.report.problems:
        table = ctx.report.get_table(problem.table) if problem.table else None
        row = table.get(problem.row) if table is not None and problem.row else None
        if table is not None:
            loc = Location.cell(table, row, problem.column)
            if problem.provenance is not None:
                loc = attrs.evolve(loc, provenance=problem.provenance)
        else:
            loc = Location(
                table=problem.table or None,
                table_label="" if problem.table == "" else None,
                row=problem.row,
                column=problem.column,
                provenance=problem.provenance,
            )
        try:
            severity = Severity.parse(problem.severity)
        except ValueError:
            severity = Severity.WARNING
        zh = problem_zh(problem.message)
        yield attrs.evolve(
            ctx.finding(Outcome.NOT_EVALUATED, loc, severity=severity, problem=zh),
            message_en=f"Problem met while loading: {problem.message}"
            if zh != problem.message
            else None,
        )


@REGISTRY.rule(
    "GF-S001",
    title="A standard table is missing",
    message="未找到{name}（{schema}），规则{rules}未能检查该表",
    severity=Severity.WARNING,
    tags=("structure",),
    reads=FINAL_TABLES + BUDGET_TABLES,
)
def standard_tables_present(ctx: Context) -> Iterator[Finding]:
    """A 决算 publishes the nine 公开表 and a 预算 its standard set; a missing one is shown.

    The finding names the rules that read the table and so could not check it:
    a missing table is never a silent pass.
    """
    wanted = FINAL_TABLES if ctx.report.kind is ReportKind.FINAL else BUDGET_TABLES
    for schema in wanted:
        table = ctx.report.get_table(schema)
        if table is None:
            affected = [
                r.id
                for r in REGISTRY
                if r.id != ctx.rule.id and (schema in r.reads or schema in r.tables)
            ]
            yield ctx.finding(
                Outcome.INCONSISTENT,
                Location(table=schema, table_label=table_name(schema), role="missing"),
                name=table_name(schema),
                schema=schema,
                rules="、".join(affected) or "（无）",
            )
        elif ctx.keep_passes:
            ctx.exact(
                Location.of_table(table),
                message="已找到{name}（{schema}）",
                name=table_name(schema),
                schema=schema,
            )
        else:
            ctx.passed()


@REGISTRY.rule(
    "GF-S002",
    title="A table was not recognised and is not checked",
    message="表格「{title}」未能识别为标准公开表，未作检查",
    severity=Severity.INFO,
    tags=("structure",),
)
def unrecognised_tables(ctx: Context) -> Iterator[Finding]:
    """Tables kept as printed (no schema matched) are listed, never silently skipped."""
    for table in ctx.report.unrecognised:
        yield ctx.finding(
            Outcome.NOT_EVALUATED,
            Location.of_table(table),
            severity=Severity.INFO,
            title=" ".join(table.title.split()) or "（无标题）",
        )


def _has_no_data_note(table: Table) -> bool:
    return any(word in note for note in table.notes for word in _NO_DATA_WORDS)


@REGISTRY.rule(
    "GF-S003",
    title="A table's 本表无数据 note matches its figures",
    message="{table}没有数据，但表下未说明“本表无数据”及原因",
    severity=Severity.WARNING,
    tags=("structure", "disclosure"),
    reads=_EMPTY_NOTE_TABLES,
)
def empty_tables_explained(ctx: Context) -> Iterator[Finding]:
    """An empty 政府性基金, 国有资本经营 or “三公” table must say so (本表无数据) under it.

    Empty means no amount cell holds a non-zero number; blank and 0 alike.  The
    other way round, any table whose note says it is empty (本表无数据, 本表为空表)
    while it holds non-zero figures contradicts itself and is flagged too.
    """
    for printed in ctx.report.tables:
        if printed.schema is None or printed.schema in _EMPTY_NOTE_TABLES:
            continue
        if _has_no_data_note(printed) and not is_empty(printed):
            yield ctx.finding(
                Outcome.INCONSISTENT,
                Location.of_table(printed),
                message="{table}表下注明“本表无数据”，但表中有非零数字",
            )
    for schema in _EMPTY_NOTE_TABLES:
        table = ctx.report.get_table(schema)
        if table is None:
            continue
        if not is_empty(table):
            if _has_no_data_note(table):
                yield ctx.finding(
                    Outcome.INCONSISTENT,
                    Location.of_table(table),
                    message="{table}表下注明“本表无数据”，但表中有非零数字",
                )
            continue
        if not _has_no_data_note(table):
            yield ctx.finding(Outcome.INCONSISTENT, Location.of_table(table))
        elif ctx.keep_passes:
            ctx.exact(Location.of_table(table), message="{table}没有数据，表下已说明“本表无数据”")
        else:
            ctx.passed()


@REGISTRY.rule(
    "GF-S004",
    title="The check could not cover the report (coverage)",
    message="未能完整核对本报告：{shortfalls}（{coverage}）",
    severity=Severity.WARNING,
    tags=("structure", "coverage", "load"),
)
def coverage_complete(ctx: Context) -> Iterator[Finding]:
    """A report of which nothing or only a part could be read never passes as clean.

    Fires when no standard table is recognised, when tables the 目录 lists (or,
    without a 目录, tables of the standard set) are not found, when a part
    could not be read (an error-level load problem), a required line is
    missing or figures stand in an untitled column; see
    :class:`~govfin.rules.Coverage`.  The message names what is missing.

    What could not be checked is no defect of the document: that finding is a
    warning of outcome ``not_evaluated``, and the result is not
    :attr:`~govfin.rules.CheckResult.ok` (``govfin check`` exits 1) because its
    coverage is incomplete.  A table that is absent is one: when the rest of
    the document was read without a sign of a table lost (a table title with
    no table under it, a table not recognised, a part unreadable), the tables
    it lacks are an error.
    """
    coverage = measure_coverage(ctx.report)
    gaps = coverage.shortfalls()
    if not gaps:
        for name, table in expected_tables(ctx.report):
            if table is not None and ctx.keep_passes:
                ctx.exact(Location.of_table(table), message="已找到{name}", name=name)
            elif table is not None:
                ctx.passed()
        return
    absent = coverage.missing if not _signs_of_tables_unread(ctx, coverage) else ()
    if absent:
        only = attrs.evolve(coverage, lines_missing=(), figures_unplaced=0)
        yield ctx.finding(
            Outcome.INCONSISTENT,
            *_contents_locations(ctx, absent),
            severity=Severity.ERROR,
            message="报告缺少应公开的表：{shortfalls}（{coverage}）",
            shortfalls="；".join(only.shortfalls()),
            coverage=coverage.line(checked=False),
        )
        rest = attrs.evolve(coverage, missing=()).shortfalls()
    else:
        rest = gaps
    if rest:
        yield ctx.finding(
            Outcome.NOT_EVALUATED,
            *([] if absent else _contents_locations(ctx, coverage.missing)),
            severity=ctx.rule.severity,
            shortfalls="；".join(rest),
            coverage=coverage.line(checked=False),
        )


_UNTABLED: Final = "a table title with no ruled grid under it"


def _signs_of_tables_unread(ctx: Context, coverage: Coverage) -> bool:
    """Whether a table may have been lost in reading (then a missing one is not known absent).

    Nothing recognised, a table of amounts kept as printed, a part
    unreadable, or a table's title met with no table under it.
    """
    return (
        coverage.tables_recognised == 0
        or coverage.parts_unreadable > 0
        or any(_holds_amounts(t) for t in ctx.report.unrecognised)
        or any(p.message.startswith(_UNTABLED) for p in ctx.report.problems)
    )


def _holds_amounts(table: Table) -> bool:
    """Whether a table kept as printed holds amounts (figures with decimals or thousands).

    A list of the department's units (序号 1, 2, 3) is no financial table lost.
    """
    figures = (
        cell
        for row in table.rows
        for cell in row.cells.values()
        if cell.value is not None and ("." in cell.text or "," in cell.text)
    )
    return next(figures, None) is not None


def _contents_locations(ctx: Context, missing: tuple[str, ...]) -> list[Location]:
    """Where the 目录 lists each missing table (its entry's line), when it does."""
    out: list[Location] = []
    for section in ctx.report.narrative.sections:
        if section.heading != "目录" and _core(section.heading) not in missing:
            continue
        text = section.text if section.heading == "目录" else section.heading
        start = 0
        for line in text.splitlines(keepends=True):
            if _core(line) in missing:
                if section.heading == "目录":
                    sentence = line.strip()
                    begin = start + line.index(sentence[:1]) if sentence else start
                    out.append(
                        Location.narrative(
                            section, sentence, begin, begin + len(sentence), role="missing"
                        )
                    )
                else:
                    out.append(Location.narrative(section, section.heading, role="missing"))
            start += len(line)
    return out
