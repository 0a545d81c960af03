"""Built-in rules: classification rollups and the order of code rows (GF-R).

They apply to every table whose rows carry classification codes (支出功能分类
类/款/项, 部门预算支出经济分类 类/款), whatever its schema.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govfin.report import Report, Row, Table
from govfin.rules._common import (
    CODE_TABLES,
    LEVEL_NAMES,
    amount_columns,
    both_kinds,
    column_sums,
    parent_code,
    total_row,
)
from govfin.rules._context import Context
from govfin.rules._finding import Finding, Location, Outcome
from govfin.rules._registry import REGISTRY

__all__: list[str] = []

_CODE_TABLES = both_kinds(*CODE_TABLES)


@attrs.frozen
class _CodeTable:
    """A table with code rows, with its rows grouped once for all the rollup rules."""

    table: Table
    keys: tuple[str, ...]
    by_level: dict[int, list[Row]]
    children: dict[str, list[Row]]


_LAST: list[tuple[Report, tuple[_CodeTable, ...]]] = []


def _code_tables(ctx: Context) -> tuple[_CodeTable, ...]:
    """The report's code tables, grouped (computed once per report)."""
    if _LAST and _LAST[0][0] is ctx.report:
        return _LAST[0][1]
    out = []
    for table in ctx.report.tables:
        if table.schema is None:
            continue
        by_level: dict[int, list[Row]] = {}
        kids: dict[str, list[Row]] = {}
        for row in table.rows:
            code = row.code
            if not code:
                continue
            by_level.setdefault(len(code), []).append(row)
            if len(code) > 3:
                kids.setdefault(code[:-2], []).append(row)
        if by_level:
            keys = tuple(c.key for c in amount_columns(table))
            out.append(_CodeTable(table, keys, by_level, kids))
    _LAST[:] = [(ctx.report, tuple(out))]
    return tuple(out)


@REGISTRY.rule(
    "GF-R001",
    title="合计 row equals the sum of the 类 rows",
    message="{table}「合计」行{column}为{actual}{unit}，各类之和为{expected}{unit}",
    tags=("rollup", "column-identity"),
    reads=_CODE_TABLES,
)
def total_is_sum_of_classes(ctx: Context) -> Iterator[Finding | None]:
    """In every code table, the 合计 row equals the sum of the 类 rows, column by column."""
    for coded in _code_tables(ctx):
        total = total_row(coded.table)
        classes = coded.by_level.get(3)
        if total is None or not classes:
            continue
        yield from column_sums(ctx, coded.table, total, classes, coded.keys)


def _rollup(ctx: Context, parent_len: int) -> Iterator[Finding | None]:
    for coded in _code_tables(ctx):
        for row in coded.by_level.get(parent_len, ()):
            children = coded.children.get(row.code or "")
            if not children:
                continue
            yield from column_sums(
                ctx,
                coded.table,
                row,
                children,
                coded.keys,
                code=row.code,
                level=LEVEL_NAMES[parent_len],
                child=LEVEL_NAMES[parent_len + 2],
                count=len(children),
            )


@REGISTRY.rule(
    "GF-R002",
    title="A 类 equals the sum of its 款",
    message="{table}{code}「{label}」{column}为{actual}{unit}，所属{count}个款（其中{figured}个有数）之和为{expected}{unit}",
    tags=("rollup",),
    reads=_CODE_TABLES,
)
def class_is_sum_of_sections(ctx: Context) -> Iterator[Finding | None]:
    """Every 类 row with 款 rows under it equals their sum, in every amount column."""
    return _rollup(ctx, 3)


@REGISTRY.rule(
    "GF-R003",
    title="A 款 equals the sum of its 项",
    message="{table}{code}「{label}」{column}为{actual}{unit}，所属{count}个项（其中{figured}个有数）之和为{expected}{unit}",
    tags=("rollup",),
    reads=_CODE_TABLES,
)
def section_is_sum_of_items(ctx: Context) -> Iterator[Finding | None]:
    """Every 款 row with 项 rows under it equals their sum, in every amount column."""
    return _rollup(ctx, 5)


@REGISTRY.rule(
    "GF-R004",
    title="Code rows are nested under their parents",
    message="{table}{row}「{label}」{problem}",
    tags=("rollup", "structure"),
    reads=_CODE_TABLES,
)
def codes_nested(ctx: Context) -> Iterator[Finding | None]:
    """Each 款 is printed under its 类 and each 项 under its 款; no code lacks its parent.

    A code whose length fits no level, a 项 printed under another 款 (its
    code prefix is not the 款 above it), and a 款 or 项 whose parent row is
    absent from the table are errors.
    """
    keep = ctx.keep_passes
    for coded in _code_tables(ctx):
        table = coded.table
        present = {r.code for rows in coded.by_level.values() for r in rows}
        last: dict[int, Row] = {}
        passes = 0
        for row in table.rows:
            code = row.code
            if not code:
                continue
            size = len(code)
            if size not in LEVEL_NAMES:
                yield ctx.finding(
                    Outcome.INCONSISTENT,
                    Location.cell(table, row),
                    problem=f"科目编码{code}位数为{size}，不属于类（3位）、款（5位）、项（7位）任何一级",
                )
                continue
            last[size] = row
            for longer in [k for k in last if k > size]:
                del last[longer]
            parent = parent_code(code)
            if parent is None:
                continue
            above = last.get(size - 2)
            if parent not in present:
                yield ctx.finding(
                    Outcome.INCONSISTENT,
                    Location.cell(table, row),
                    problem=(
                        f"是{LEVEL_NAMES[size]}级科目，但表中没有其上级"
                        f"{LEVEL_NAMES[size - 2]}{parent}所在行"
                    ),
                )
            elif above is None or above.code != parent:
                under = f"{above.code}「{above.label}」" if above is not None else "表首"
                parent_locs = (Location.cell(table, above, role="parent"),) if above else ()
                yield ctx.finding(
                    Outcome.INCONSISTENT,
                    Location.cell(table, row),
                    *parent_locs,
                    problem=(f"列在{under}之下，但其上级{LEVEL_NAMES[size - 2]}应为{parent}"),
                )
            elif keep:
                ctx.exact(
                    Location.cell(table, row),
                    Location.cell(table, above, role="parent"),
                    problem=f"列在其上级{LEVEL_NAMES[size - 2]}{parent}之下",
                )
            else:
                passes += 1
        ctx.passed(passes)
