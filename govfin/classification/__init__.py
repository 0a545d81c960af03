"""The classifications of the 政府收支分类科目: code structure, catalogues of names, harvesting.

One module per classification offers the same python-stdnum style interface
(``compact``, ``validate``, ``is_valid``, ``level``, ``parent``,
``ancestors``, ``format``, ``code``), working from the digits alone:

* :mod:`~govfin.classification.functional` 支出功能分类 (类 3 / 款 5 / 项 7 digits, 2xx)
* :mod:`~govfin.classification.economic_dept` 部门预算支出经济分类 (类 3 / 款 5, 3xx)
* :mod:`~govfin.classification.economic_gov` 政府预算支出经济分类 (类 3 / 款 5, 5xx)
* :mod:`~govfin.classification.revenue` 收入分类 (类 3 / 款 5 / 项 7 / 目 9, 1xx)

Names come from a :class:`Catalog` for one edition year: :func:`bundled` gives
the one packaged with govfin (observed in disclosures, with provenance; never
the complete official list), :func:`load_catalog` reads the official file the
user holds, and :func:`harvest` builds one from code/name pairs found in reports.

>>> from govfin.classification import functional, bundled
>>> functional.parent("2010301")
'20103'
>>> bundled("functional", 2024).name("20103")
'政府办公厅（室）及相关机构事务'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType, ModuleType
from typing import Final

from govfin.classification import economic_dept, economic_gov, functional, revenue
from govfin.classification._catalog import (
    Catalog,
    CatalogDiff,
    Entry,
    Lookup,
    Rename,
    Source,
    Trust,
    normalise_name,
)
from govfin.classification._files import (
    Conflict,
    Harvest,
    Pair,
    Rejected,
    bundled,
    bundled_years,
    harvest,
    load_catalog,
)
from govfin.classification._scheme import Classification, Code, Level, guess

__all__ = [
    "MODULES",
    "Catalog",
    "CatalogDiff",
    "Classification",
    "Code",
    "Conflict",
    "Entry",
    "Harvest",
    "Level",
    "Lookup",
    "Pair",
    "Rejected",
    "Rename",
    "Source",
    "Trust",
    "bundled",
    "bundled_years",
    "economic_dept",
    "economic_gov",
    "functional",
    "guess",
    "harvest",
    "load_catalog",
    "module",
    "normalise_name",
    "revenue",
]

MODULES: Final[Mapping[Classification, ModuleType]] = MappingProxyType(
    {
        Classification.FUNCTIONAL: functional,
        Classification.ECONOMIC_DEPT: economic_dept,
        Classification.ECONOMIC_GOV: economic_gov,
        Classification.REVENUE: revenue,
    }
)
"""The module of each classification."""


def module(classification: Classification | str) -> ModuleType:
    """The module that checks codes of *classification*.

    >>> module("economic-gov").validate("50101")
    '50101'
    """
    return MODULES[Classification.parse(classification)]
