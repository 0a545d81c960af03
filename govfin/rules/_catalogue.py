"""Built-in rules: codes and names against the classification catalogue (GF-K).

The catalogue of a report's year is the one the user loaded (``govfin check
--catalog FILE``, :attr:`Context.catalogs`) when there is one, else the partial
catalogue bundled with govfin.  A name that differs from a *verified* entry
(the official catalogue) is an error; from an entry only observed in other
disclosures, a warning.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, Final

import attrs

from govfin.classification import Catalog, Classification, Entry, Trust, bundled, normalise_name
from govfin.errors import GovfinError
from govfin.report import Report, Row, Table
from govfin.rules._common import CODE_TABLES, LEVEL_NAMES, both_kinds
from govfin.rules._context import Context
from govfin.rules._finding import Finding, Location, Outcome, Severity
from govfin.rules._registry import REGISTRY
from govfin.tables import get_schema, normalise_label
from govfin.tables.final import FUNCTION_CLASSES

__all__: list[str] = []

_OLD_NAMES: Final = {
    code: frozenset(normalise_name(n) for n in older)
    for code, _, older in FUNCTION_CLASSES
    if older
}
_CODED: Final = both_kinds("summary", "fiscal_summary", *CODE_TABLES)
"""The tables whose rows carry codes: the code tables and the 类 lines of the two 总表."""


def _classification(table: Table) -> Classification | None:
    if table.schema is None:
        return None
    try:
        schema = get_schema(table.schema)
    except (KeyError, GovfinError):
        return Classification.FUNCTIONAL
    if not schema.checked:
        return None  # kept as printed: its codes are not checked
    kind = getattr(schema, "classification", None)
    if kind is not None and str(kind).startswith("economic"):
        return Classification.ECONOMIC_DEPT
    return Classification.FUNCTIONAL


def _catalog(ctx: Context, which: Classification) -> Catalog:
    for catalog in ctx.catalogs:
        if catalog.classification is which:
            return catalog
    return bundled(which, ctx.report.year)


_INDEXES: dict[int, tuple[Catalog, dict[str, Entry]]] = {}


def _index(catalog: Catalog) -> dict[str, Entry]:
    """Code digits → entry, built once per catalogue (look-ups validate each code)."""
    found = _INDEXES.get(id(catalog))
    if found is not None and found[0] is catalog:
        return found[1]
    if len(_INDEXES) > 32:
        _INDEXES.clear()
    index = {entry.digits: entry for entry in catalog}
    _INDEXES[id(catalog)] = (catalog, index)
    return index


@attrs.frozen
class _Seen:
    """One code row and what the catalogue says of it."""

    table: Table
    row: Row
    which: Classification
    catalog: Catalog
    entry: Entry | None
    same: bool
    former: bool


_LAST: list[tuple[Report, tuple[Catalog, ...], tuple[_Seen, ...]]] = []


def _seen(ctx: Context) -> tuple[_Seen, ...]:
    """Every code row of the report with its catalogue entry (computed once per report)."""
    if _LAST and _LAST[0][0] is ctx.report and _LAST[0][1] == ctx.catalogs:
        return _LAST[0][2]
    catalogs: dict[Classification, Catalog] = {}
    out: list[_Seen] = []
    for table, row, which in _code_rows(ctx):
        catalog = catalogs.get(which)
        if catalog is None:
            catalog = catalogs[which] = _catalog(ctx, which)
        code = row.code or ""
        entry = _index(catalog).get(code)
        same = entry is not None and bool(row.label) and _same(row.label, entry.name)
        former = (
            entry is not None
            and not same
            and bool(row.label)
            and _normal(row.label) in _former_names(code, catalog)
        )
        out.append(_Seen(table, row, which, catalog, entry, same, former))
    _LAST[:] = [(ctx.report, ctx.catalogs, tuple(out))]
    return tuple(out)


def _code_rows(ctx: Context) -> Iterator[tuple[Table, Row, Classification]]:
    for table in ctx.report.tables:
        which = _classification(table)
        if which is None:
            continue
        for row in table.rows:
            if row.code:
                yield table, row, which


def _printed(label: str) -> str:
    return " ".join(label.split())


def _catalog_name(catalog: Catalog) -> str:
    if catalog.source.startswith("bundled"):
        return f"govfin内置的{catalog.year}年{catalog.classification.title}（部分）目录"
    return catalog.source or f"{catalog.year}年{catalog.classification.title}目录"


@functools.lru_cache(maxsize=8192)
def _normal(text: str) -> str:
    """A printed label or catalogue name as compared (ordinal, spaces, width ignored)."""
    return normalise_name(normalise_label(text))


def _same(printed: str, name: str) -> bool:
    return _normal(printed) == _normal(name)


def _entry(catalog: Catalog, code: str) -> Entry | None:
    try:
        return catalog.get(code)
    except (ValueError, LookupError):
        return None


@REGISTRY.rule(
    "GF-K001",
    title="The printed name of a code differs from the catalogue",
    message="{table}科目{code}印作「{printed}」，{catalog}中为「{name}」",
    severity=Severity.WARNING,
    tags=("catalogue",),
    reads=_CODED,
)
def names_match_catalogue(ctx: Context) -> Iterator[Finding]:
    """Each code's printed name is its catalogue name (NFKC, spaces and ordinals ignored).

    An error against a verified (official) catalogue the user loaded, a
    warning against the bundled catalogue, which is only observed in reports.
    A known former name is left to GF-K002.
    """
    keep = ctx.keep_passes
    for seen in _seen(ctx):
        table, row, catalog, entry = seen.table, seen.row, seen.catalog, seen.entry
        if entry is None or not row.label or seen.former:
            continue
        if seen.same and not keep:
            ctx.passed()
            continue
        where = Location.cell(table, row)
        fields: dict[str, Any] = {
            "code": row.code,
            "printed": _printed(row.label),
            "name": entry.name,
            "catalog": _catalog_name(catalog),
        }
        if seen.same:
            ctx.exact(where, **fields)
            continue
        severity = Severity.ERROR if entry.trust is Trust.VERIFIED else Severity.WARNING
        yield ctx.finding(Outcome.INCONSISTENT, where, severity=severity, **fields)


def _former_names(code: str, catalog: Catalog) -> frozenset[str]:
    names = set(_OLD_NAMES.get(code, ()))
    for year in _bundled_years(catalog.classification):
        if catalog.year is not None and year >= catalog.year:
            continue
        entry = _entry(bundled(catalog.classification, year), code)
        if entry is not None:
            names.add(normalise_name(entry.name))
    return frozenset(names)


def _bundled_years(which: Classification) -> tuple[int, ...]:
    from govfin.classification import bundled_years  # noqa: PLC0415

    return bundled_years(which)


@REGISTRY.rule(
    "GF-K002",
    title="A code is printed with a former name",
    message="{table}科目{code}印作「{printed}」，这是旧版科目名称，{year}年应为「{name}」",
    severity=Severity.WARNING,
    tags=("catalogue",),
    reads=_CODED,
)
def names_are_current(ctx: Context) -> Iterator[Finding]:
    """A code printed with the name it had in an earlier edition of the catalogue."""
    for seen in _seen(ctx):
        table, row, catalog, entry = seen.table, seen.row, seen.catalog, seen.entry
        if entry is not None and seen.former:
            yield ctx.finding(
                Outcome.INCONSISTENT,
                Location.cell(table, row),
                code=row.code,
                printed=_printed(row.label),
                name=entry.name,
                year=ctx.report.year or catalog.year or "",
            )


@REGISTRY.rule(
    "GF-K003",
    title="A code of the wrong classification or level for its table",
    message="{table}科目{code}：{problem}",
    severity=Severity.WARNING,
    tags=("catalogue", "structure"),
    reads=_CODED,
)
def codes_fit_their_table(ctx: Context) -> Iterator[Finding]:
    """Codes fit their table.

    A 支出功能分类 table holds 2xx codes, a 经济分类 table 3xx codes of 类 or 款
    level, and the 类 lines of a 总表 are 类 (3-digit) codes.
    """
    keep = ctx.keep_passes
    passes = 0
    for seen in _seen(ctx):
        table, row, which = seen.table, seen.row, seen.which
        code = row.code or ""
        problem = None
        if which is Classification.FUNCTIONAL and not code.startswith("2"):
            problem = "不是支出功能分类科目（应以2开头），却列在按功能分类编列的表中"
        elif which is Classification.ECONOMIC_DEPT and not code.startswith("3"):
            problem = "不是部门预算支出经济分类科目（应以3开头），却列在按经济分类编列的表中"
        elif which is Classification.ECONOMIC_DEPT and len(code) not in (3, 5):
            problem = (
                f"为{LEVEL_NAMES.get(len(code), f'{len(code)}位')}级编码，经济分类只有类、款两级"
            )
        elif row.side is not None and len(code) != 3:
            problem = (
                f"总表的支出按类列示，此处却为{LEVEL_NAMES.get(len(code), f'{len(code)}位')}级编码"
            )
        if problem is None:
            if keep:
                ctx.exact(
                    Location.cell(table, row),
                    message="{table}科目{code}的分类和级次与所在表相符",
                    code=code,
                )
            else:
                passes += 1
            continue
        yield ctx.finding(
            Outcome.INCONSISTENT, Location.cell(table, row), code=code, problem=problem
        )
    ctx.passed(passes)


@REGISTRY.rule(
    "GF-K004",
    title="A code unknown to the catalogue",
    message="{table}科目{code}「{printed}」不在{catalog}中",
    severity=Severity.INFO,
    tags=("catalogue",),
    reads=_CODED,
)
def codes_known(ctx: Context) -> Iterator[Finding]:
    """A code the catalogue does not list.

    Info either way; the outcome is ``not_evaluated`` against the bundled
    catalogue, which is partial (the name could not be checked), and
    ``inconsistent`` against an official catalogue the user loaded.
    """
    keep = ctx.keep_passes
    for seen in _seen(ctx):
        table, row, catalog = seen.table, seen.row, seen.catalog
        code = row.code or ""
        if seen.entry is not None and not keep:
            ctx.passed()
            continue
        where = Location.cell(table, row)
        fields: dict[str, Any] = {
            "code": code,
            "printed": _printed(row.label),
            "catalog": _catalog_name(catalog),
        }
        if seen.entry is not None:
            ctx.exact(where, message="{table}科目{code}「{printed}」在{catalog}中", **fields)
            continue
        # The bundled catalogue is partial: a code it lacks is unverified, not wrong.
        partial = catalog.source.startswith("bundled")
        outcome = Outcome.NOT_EVALUATED if partial else Outcome.INCONSISTENT
        yield ctx.finding(outcome, where, severity=Severity.INFO, **fields)
