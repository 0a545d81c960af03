"""The registry of table schemas and the recognition of a printed table.

Every schema has a stable id.  The ids are fixed (rules and files refer to
them); the schemas behind the ``budget.*`` ids are written in
:mod:`govfin.tables.budget` and registered here when that module is present.

A table is recognised by its title (normalised: numbers such as ``公开01表``
or ``表一``, quotes, spaces and full-width forms ignored) and confirmed or
disambiguated by its header, never by its position in the document.

>>> recognise("收入支出决算总表").id
'final.summary'
>>> recognise("财政拨款“三公”经费支出决算表 公开09表").id
'final.three_public'
>>> recognise("株洲市渌口区行政审批服务局2024年度一般公共预算财政拨款基本支出决算表").id
'final.general_basic'
>>> recognise("资产负债表") is None
True

A title matches as the end of a longer one only when what is printed before it
names an owner or a year (``XX局2024年度``), not when it qualifies the table
(``财政专户管理资金收入支出决算表`` is no ``支出决算表``):

>>> recognise("财政专户管理资金收入支出决算表").id
'final.special_account'
>>> recognise("一般公共预算财政拨款项目支出决算表").checked
False
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Iterable
from typing import Final

from govfin.report import ReportKind
from govfin.tables.final import FINAL_KEPT_SCHEMAS, FINAL_SCHEMAS
from govfin.tables.schema import TableSchema, normalise_label, normalise_title

__all__ = [
    "BUDGET_IDS",
    "FINAL_IDS",
    "KEPT_IDS",
    "REGIONAL_IDS",
    "SCHEMA_IDS",
    "get_schema",
    "recognise",
    "register",
    "schemas",
]

FINAL_IDS: Final = (
    "final.summary",
    "final.income",
    "final.expenditure",
    "final.fiscal_summary",
    "final.general_budget",
    "final.general_basic",
    "final.fund_budget",
    "final.state_capital",
    "final.three_public",
)
"""The 决算 schema ids, in the national order 公开01表 … 公开09表."""

BUDGET_IDS: Final = (
    "budget.summary",
    "budget.income",
    "budget.expenditure",
    "budget.fiscal_summary",
    "budget.general_budget",
    "budget.fund_budget",
    "budget.state_capital",
    "budget.general_basic",
    "budget.three_public",
)
"""The 预算 schema ids (财务收支预算总表 … “三公”经费和机关运行经费预算表)."""

REGIONAL_IDS: Final = (
    "budget.income_sources",
    "budget.spending_kinds",
    "budget.fiscal_expenditure",
    "budget.fiscal_basic",
    "budget.operating",
    "budget.three_public_meetings",
    "budget.procurement",
)
"""The 预算 schema ids of other regions' table sets (江苏 2017–2018: 收入预算总表 by
source, 支出预算总表 by use, 财政拨款支出/基本支出预算表, 机关运行经费支出预算表,
“三公”经费、会议费、培训费支出预算表, 政府采购预算表), for tables with no national counterpart."""

KEPT_IDS: Final = (
    "final.fiscal_detail",
    "final.general_detail",
    "final.general_project",
    "final.three_public_meetings",
    "final.three_public_operating",
    "final.operating",
    "final.procurement",
    "final.special_account",
    "final.assets",
    "budget.projects",
    "budget.performance_department",
    "budget.performance_projects",
    "budget.purchase_services",
    "budget.assets",
)
"""The ids of the tables govfin knows by title but keeps as printed, unchecked
(:func:`~govfin.tables.schema.kept_table`): regions publish them beside the standard
set (财政拨款支出决算明细表, 项目支出绩效目标表, 政府购买服务预算表 …), and a 目录
that lists them is then matched, not reported unknown."""

SCHEMA_IDS: Final = FINAL_IDS + BUDGET_IDS
"""The schema ids of the national 决算 and the standard 预算 set (see also :data:`REGIONAL_IDS`)."""

_REGISTRY: dict[str, TableSchema] = {}
_changes = 0
"""How many times the registry changed: part of the key of :func:`_title_matches`."""
_loaded = False


def _load_builtin() -> None:
    global _loaded  # noqa: PLW0603 - the registry is filled once, on first use
    if _loaded:
        return
    _loaded = True
    for schema in (*FINAL_SCHEMAS, *FINAL_KEPT_SCHEMAS):
        _REGISTRY.setdefault(schema.id, schema)
    try:
        budget = importlib.import_module("govfin.tables.budget")
    except ModuleNotFoundError as exc:  # the 预算 schemas are not written yet
        if exc.name != "govfin.tables.budget":
            raise
        return
    for schema in (
        *getattr(budget, "BUDGET_SCHEMAS", ()),
        *getattr(budget, "BUDGET_REGIONAL_SCHEMAS", ()),
        *getattr(budget, "BUDGET_KEPT_SCHEMAS", ()),
    ):
        _REGISTRY.setdefault(schema.id, schema)


def register(schema: TableSchema, *, replace: bool = False) -> TableSchema:
    """Add *schema* to the registry (for regional or user-defined tables).

    Raises:
        ValueError: when the id is taken and *replace* is false.
    """
    _load_builtin()
    if schema.id in _REGISTRY and not replace:
        raise ValueError(f"schema id {schema.id!r} is already registered")
    global _changes  # noqa: PLW0603 - a new schema outdates the titles matched before
    _REGISTRY[schema.id] = schema
    _changes += 1
    return schema


def get_schema(schema_id: str) -> TableSchema:
    """The schema registered under *schema_id*.

    Raises:
        KeyError: naming the id and the ids known.

    >>> get_schema("final.general_basic").number
    '公开06表'
    """
    _load_builtin()
    try:
        return _REGISTRY[schema_id]
    except KeyError:
        known = ", ".join(_REGISTRY)
        raise KeyError(f"no schema {schema_id!r}; known: {known}") from None


def schemas(kind: ReportKind | None = None) -> tuple[TableSchema, ...]:
    """Every registered schema, optionally of one kind (决算 or 预算)."""
    _load_builtin()
    return tuple(s for s in _REGISTRY.values() if kind is None or s.kind is kind)


_QUALIFIER_RE: Final = re.compile(r"\([^()]{1,12}\)$")
# What may not end the words printed before a title for the title to match as their
# end: words that qualify the table (a fund, a kind of spending, a list of items),
# not name its owner or year (XX局, 2024年度).
_QUALIFYING_TAIL_RE: Final = re.compile(
    r"(?:拨款|经费|费|项目|资金|基金|收入|支出|运行|明细|专户|采购|资本|经营|三公|"
    r"人员|公用|基本|绩效|及|和|与|或|[(])$"
)


@functools.lru_cache(maxsize=1024)
def _normal_titles(titles: tuple[str, ...]) -> tuple[str, ...]:
    """*titles* normalised (:func:`normalise_title`), the empty ones left out."""
    return tuple(t for t in map(normalise_title, titles) if t)


@functools.lru_cache(maxsize=1024)
def _normal_labels(titles: tuple[str, ...]) -> tuple[str, ...]:
    """*titles* normalised as labels (:func:`normalise_label`)."""
    return tuple(map(normalise_label, titles))


def _title_score(schema: TableSchema, norm: str, bare: str | None = None) -> int:
    # A qualifier printed after the title (（功能科目）, （一般公共预算）) is tried without.
    if bare is None:
        bare = _QUALIFIER_RE.sub("", norm)
    best = 0
    for t in _normal_titles(schema.titles):
        for printed, bonus in ((norm, 1), (bare, 0)):
            if not printed.endswith(t):  # (no match: the common case, tested first)
                continue
            if len(t) == len(printed):
                best = max(best, 10_000 + bonus)
            elif not _QUALIFYING_TAIL_RE.search(printed[: -len(t)]):
                # A department or year printed before the title; prefer the longest match.
                best = max(best, 100 + 2 * len(t) + bonus)
    return best


def _header_score(schema: TableSchema, header: set[str]) -> int:
    score = 0
    for col in schema.columns:
        if any(t in header for t in _normal_labels(col.titles)):
            score += 1
    return score


@functools.lru_cache(maxsize=4096)
def _title_matches(
    norm: str, kind: ReportKind | None, changes: int
) -> tuple[tuple[TableSchema, int], ...]:
    """Each schema (of *kind*) whose title *norm* matches, in registry order, with its score.

    A document's titles are recognised several times over (binding, stray
    titles, the table of contents); *changes* (the registry's count of
    changes) keys the cache so that a schema registered later is seen.
    """
    bare = _QUALIFIER_RE.sub("", norm)
    registered, index = _title_index(kind, changes)
    scores: dict[int, int] = {}  # by position in the registry: as _title_score scores
    for printed, bonus in ((norm, 1), (bare, 0)):
        for start in range(len(printed)):  # each schema title that *printed* ends with
            owners = index.get(printed[start:])
            if owners is None:
                continue
            if start == 0:
                score = 10_000 + bonus
            elif not _QUALIFYING_TAIL_RE.search(printed[:start]):
                score = 100 + 2 * (len(printed) - start) + bonus
            else:
                continue
            for at in owners:
                scores[at] = max(scores.get(at, 0), score)
    return tuple((registered[at], scores[at]) for at in sorted(scores) if scores[at])


@functools.lru_cache(maxsize=16)
def _title_index(
    kind: ReportKind | None, changes: int
) -> tuple[tuple[TableSchema, ...], dict[str, tuple[int, ...]]]:
    """The schemas (of *kind*) in registry order, and their positions by each normal title.

    A printed title's ends are looked up there, not every title tried against it.
    *changes* (the registry's count of changes) keys the cache, as for :func:`_title_matches`.
    """
    del changes  # (only a key of the cache)
    registered = schemas(kind)
    index: dict[str, tuple[int, ...]] = {}
    for at, schema in enumerate(registered):
        for title in _normal_titles(schema.titles):
            if at not in index.get(title, ()):
                index[title] = (*index.get(title, ()), at)
    return registered, index


def recognise(
    title: str, header_texts: Iterable[str] = (), *, kind: ReportKind | None = None
) -> TableSchema | None:
    """The schema of a printed table, from its title and header cells, or ``None``.

    The title decides (exactly, or as the end of a longer printed title such
    as ``XX局2024年度收入决算表``); the header breaks ties between schemas whose
    titles both match.  A table whose title matches no schema is not guessed.

    Args:
        title: the title as printed (numbers and quotes are ignored).
        header_texts: the texts of the header cells, in any order.
        kind: only consider schemas of this kind.
    """
    norm = normalise_title(title)
    if not norm:
        return None
    _load_builtin()
    header: set[str] | None = None  # (normalised when some title matches: rarely)
    best: tuple[int, int] | None = None
    found: TableSchema | None = None
    for schema, ts in _title_matches(norm, kind, _changes):
        if header is None:
            header = {normalise_label(h) for h in header_texts if normalise_label(h)}
        score = (ts, _header_score(schema, header))
        if best is None or score > best:
            best, found = score, schema
    return found
