"""Table schemas, their registry, and the recognition and binding of printed tables.

The schema primitives (:class:`TableSchema`, :class:`ColumnSpec`,
:class:`LineSpec` …) are in :mod:`govfin.tables.schema`; the nine 决算 schemas
in :mod:`govfin.tables.final`; the 预算 schemas in :mod:`govfin.tables.budget`.
Schema ids are stable (:data:`SCHEMA_IDS`).  :func:`recognise` finds the schema
of a printed table by title and header; :func:`bind_table` and
:func:`bind_document` (in :mod:`govfin.tables.bind`, shared by every loader)
turn the printed grid into typed tables and a :class:`~govfin.report.Report`.

>>> get_schema("final.summary").title
'收入支出决算总表'
>>> recognise("表一 收入支出决算总表").id
'final.summary'
"""

from __future__ import annotations

from govfin.tables.bind import bind_document, bind_table, narrative_from_paragraphs
from govfin.tables.registry import (
    BUDGET_IDS,
    FINAL_IDS,
    KEPT_IDS,
    REGIONAL_IDS,
    SCHEMA_IDS,
    get_schema,
    recognise,
    register,
    schemas,
)
from govfin.tables.schema import (
    ColumnKind,
    ColumnSpec,
    Layout,
    LineSpec,
    RowKeyKind,
    Side,
    TableSchema,
    kept_table,
    normalise_label,
    normalise_title,
)

__all__ = [
    "BUDGET_IDS",
    "FINAL_IDS",
    "KEPT_IDS",
    "REGIONAL_IDS",
    "SCHEMA_IDS",
    "ColumnKind",
    "ColumnSpec",
    "Layout",
    "LineSpec",
    "RowKeyKind",
    "Side",
    "TableSchema",
    "bind_document",
    "bind_table",
    "get_schema",
    "kept_table",
    "narrative_from_paragraphs",
    "normalise_label",
    "normalise_title",
    "recognise",
    "register",
    "schemas",
]
