"""Binding: a printed grid (:class:`~govfin.tables.raw.RawTable`) becomes a typed table.

Shared by every loader.  For each table:

1. **Header.**  The header rows run down to the 栏次 row (or, when there is
   none, to the first row holding a code or a number).  Rows printed short
   of cells (merged cells, as Word's text export gives them) are spread over
   the grid: a ``项目`` / ``栏次`` cell over the label columns, a cell whose
   neighbour below is empty over one column, any other over the cells below it
   up to where their pattern repeats (``收入 | 支出`` over ``项目 行次 金额 |
   项目 行次 …``).  Each column gets its *leaf* title (the lowest header text)
   and the *groups* above it.
2. **Columns.**  Two-sided tables are split into 收入 and 支出 sides where
   ``项目`` repeats; paneled tables into panels where the code column repeats.
   Each printed column is matched to a :class:`~govfin.tables.schema.ColumnSpec`
   by its title and groups, never by position.  An unknown column is kept with
   a generated key (``col7``) and reported; a missing required column is
   reported as an error.
3. **Rows.**  A row is keyed by its classification code (``"2010301"``), else by
   the fixed line its label names (``"income.total"``), else, for a row with no
   label, by the 行次 of the national template.  Codes and 行次 stay text;
   only amount columns are parsed, exactly, keeping blank, dash and number
   apart.  A cell that is not a number is kept as printed and reported as an
   error naming file, line or page, table, row and column (or raises
   :class:`~govfin.errors.LoadError` in strict mode).

:func:`bind_document` binds every table of a :class:`~govfin.tables.raw.RawDocument`
and infers the report's department, region, year, kind and scope, and the
narrative sections.

>>> from govfin.report import Provenance
>>> from govfin.tables.raw import RawCell, RawTable
>>> grid = [["项目", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
...          "对附属单位补助支出"],
...         ["功能分类科目编码", "科目名称", "", "", "", "", "", ""],
...         ["栏次", "1", "2", "3", "4", "5", "6"],
...         ["合计", "10.5", "10.5", "0", "-", "", ""],
...         ["201", "一般公共服务支出", "10.5", "10.5", "0", "", "", ""]]
>>> raw = RawTable("支出决算表", tuple(tuple(RawCell(t) for t in r) for r in grid),
...                captions=("单位：万元",))
>>> table, problems = bind_table(raw)
>>> table.schema, [c.key for c in table.columns], problems
('final.expenditure', ['total', 'basic', 'project', 'upper_remit', 'business', 'subsidiary'], ())
>>> table.row("201").value("basic"), table.row("total").cell("upper_remit").state.value
(Decimal('10.5'), 'dash')
"""

from __future__ import annotations

from govfin.tables._bind_document import bind_document, narrative_from_paragraphs
from govfin.tables._bind_table import bind_table

__all__ = ["bind_document", "bind_table", "narrative_from_paragraphs"]
