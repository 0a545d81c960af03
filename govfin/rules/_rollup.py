"""Built-in rules: classification rollups and the order of code rows (GF-R).

They apply to every table whose rows carry classification codes (支出功能分类
类/款/项, 部门预算支出经济分类 类/款), whatever its schema.
"""

from __future__ import annotations

from collections.abc import Iterator

from govfin.report import Row, Table
from govfin.rules._common import amount_columns, parent_code, sum_cells, total_row
from govfin.rules._engine import REGISTRY, Context
from govfin.rules._finding import Finding, Location, Outcome

__all__: list[str] = []

_LEVEL_NAME = {3: "类", 5: "款", 7: "项", 9: "目"}


def _code_tables(ctx: Context) -> Iterator[Table]:
    for table in ctx.report.tables:
        if table.schema is not None and any(r.code for r in table.rows):
            yield table


def _children(table: Table) -> dict[str, list[Row]]:
    kids: dict[str, list[Row]] = {}
    for row in table.rows:
        if row.code and len(row.code) > 3:
            kids.setdefault(row.code[:-2], []).append(row)
    return kids


@REGISTRY.rule(
    "GF-R001",
    title="合计 row equals the sum of the 类 rows",
    message="{table}「合计」行{column}为{actual}{unit}，各类之和为{expected}{unit}",
    tags=("rollup", "column-identity"),
)
def total_is_sum_of_classes(ctx: Context) -> Iterator[Finding | None]:
    """In every code table, the 合计 row equals the sum of the 类 rows, column by column."""
    for table in _code_tables(ctx):
        total = total_row(table)
        classes = [r for r in table.rows if r.code and len(r.code) == 3]
        if total is None or not classes:
            continue
        for col in amount_columns(table):
            yield sum_cells(ctx, (table, total, col.key), [(table, r, col.key) for r in classes])


def _rollup(ctx: Context, parent_len: int) -> Iterator[Finding | None]:
    for table in _code_tables(ctx):
        kids = _children(table)
        cols = amount_columns(table)
        for row in table.rows:
            if not row.code or len(row.code) != parent_len:
                continue
            children = kids.get(row.code)
            if not children:
                continue
            for col in cols:
                yield sum_cells(
                    ctx,
                    (table, row, col.key),
                    [(table, c, col.key) for c in children],
                    code=row.code,
                    level=_LEVEL_NAME[parent_len],
                    child=_LEVEL_NAME[parent_len + 2],
                    count=len(children),
                )


@REGISTRY.rule(
    "GF-R002",
    title="A 类 equals the sum of its 款",
    message="{table}{code}「{label}」{column}为{actual}{unit}，所属{count}个款之和为{expected}{unit}",
    tags=("rollup",),
)
def class_is_sum_of_sections(ctx: Context) -> Iterator[Finding | None]:
    """Every 类 row with 款 rows under it equals their sum, in every amount column."""
    return _rollup(ctx, 3)


@REGISTRY.rule(
    "GF-R003",
    title="A 款 equals the sum of its 项",
    message="{table}{code}「{label}」{column}为{actual}{unit}，所属{count}个项之和为{expected}{unit}",
    tags=("rollup",),
)
def section_is_sum_of_items(ctx: Context) -> Iterator[Finding | None]:
    """Every 款 row with 项 rows under it equals their sum, in every amount column."""
    return _rollup(ctx, 5)


@REGISTRY.rule(
    "GF-R004",
    title="Code rows are nested under their parents",
    message="{table}{row}「{label}」{problem}",
    tags=("rollup", "structure"),
)
def codes_nested(ctx: Context) -> Iterator[Finding | None]:
    """Each 款 is printed under its 类 and each 项 under its 款; no code lacks its parent.

    A code whose length fits no level, a 项 printed under another 款 (its
    code prefix is not the 款 above it), and a 款 or 项 whose parent row is
    absent from the table are errors.
    """
    for table in _code_tables(ctx):
        present = {r.code for r in table.rows if r.code}
        last: dict[int, Row] = {}
        for row in table.rows:
            code = row.code
            if not code:
                continue
            size = len(code)
            loc = Location.cell(table, row)
            if size not in _LEVEL_NAME:
                yield ctx.finding(
                    Outcome.INCONSISTENT,
                    loc,
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
                    loc,
                    problem=(
                        f"是{_LEVEL_NAME[size]}级科目，但表中没有其上级"
                        f"{_LEVEL_NAME[size - 2]}{parent}所在行"
                    ),
                )
            elif above is None or above.code != parent:
                under = f"{above.code}「{above.label}」" if above is not None else "表首"
                parent_locs = (Location.cell(table, above, role="parent"),) if above else ()
                yield ctx.finding(
                    Outcome.INCONSISTENT,
                    loc,
                    *parent_locs,
                    problem=(f"列在{under}之下，但其上级{_LEVEL_NAME[size - 2]}应为{parent}"),
                )
            else:
                ctx.passed()
