"""Table schemas, their registry, and the recognition and binding of printed tables.

The schema primitives (:class:`TableSchema`, :class:`ColumnSpec`,
:class:`LineSpec` …) are in :mod:`govfin.tables.schema`; the nine 决算 schemas
in :mod:`govfin.tables.final`; the 预算 schemas in :mod:`govfin.tables.budget`.
Schema ids are stable (:data:`SCHEMA_IDS`).

>>> get_schema("final.summary").title
'收入支出决算总表'
>>> recognise("表一 收入支出决算总表").id
'final.summary'
"""

from __future__ import annotations

from govfin.tables.registry import (
    BUDGET_IDS,
    FINAL_IDS,
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
    normalise_label,
    normalise_title,
)

__all__ = [
    "BUDGET_IDS",
    "FINAL_IDS",
    "SCHEMA_IDS",
    "ColumnKind",
    "ColumnSpec",
    "Layout",
    "LineSpec",
    "RowKeyKind",
    "Side",
    "TableSchema",
    "get_schema",
    "normalise_label",
    "normalise_title",
    "recognise",
    "register",
    "schemas",
]
