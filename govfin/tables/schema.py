"""Schema primitives: what a published table means, column by column and line by line.

A :class:`TableSchema` describes one kind of table of the 部门决算 or 部门预算
public set: a stable :attr:`~TableSchema.id` (``"final.summary"`` …), its
canonical title and the variants regions print, its columns
(:class:`ColumnSpec`: a semantic *key*, the printed title and its variants, the
kind of content and the precision) and its fixed line items (:class:`LineSpec`:
a stable *key*, the label and its variants, the side and the 行次).

Schemas are data: regional differences (titles, numbering, the number of
支出 lines, extra columns) are written as variants and optional specs, never as
special cases in code.  Recognition and binding live in
:mod:`govfin.tables.recognise` and :mod:`govfin.tables.bind`.

Keys are short snake_case English words.  Amount columns and income lines use
the values of :mod:`govfin.funds` (``general_budget``, ``upper_grant``,
``basic``, ``project`` …), so a rule can speak of "the 基本支出 column" in every
table alike.  Lines that stand for a functional 类 (``一、一般公共服务支出``) are
keyed by the 类 code (``"201"``), exactly like the code rows of the detail
tables, so that cross-table rules compare like with like.

>>> spec = ColumnSpec("basic", "基本支出", variants=("基本支出合计",))
>>> spec.matches("基本支出合计"), spec.matches("项目支出")
(True, False)
>>> normalise_title("“三公”经费 支出决算表（公开09表）")
'三公经费支出决算表'
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Final

import attrs

from govfin.amounts import Unit
from govfin.funds import FiscalFund, RevenueSource, SpendingKind
from govfin.report import ReportKind
from govfin.tables._vocabulary import TABLE_NUMBER_RE

__all__ = [
    "ColumnKind",
    "ColumnSpec",
    "Layout",
    "LineSpec",
    "RowKeyKind",
    "Side",
    "TableSchema",
    "amount_column",
    "code_column",
    "item_column",
    "kept_table",
    "name_column",
    "normalise_label",
    "normalise_title",
    "side_columns",
    "text_column",
]


class Side(enum.StrEnum):
    """The side of a line in a two-sided table (收入 | 支出 printed side by side)."""

    INCOME = "income"
    EXPENDITURE = "expenditure"


class ColumnKind(enum.Enum):
    """What a column holds; only :attr:`AMOUNT` columns are ever read as money."""

    def __str__(self) -> str:
        return str(self.value)

    AMOUNT = "amount"
    """Money, parsed exactly with :meth:`~govfin.report.Cell.parse`."""
    CODE = "code"
    """A classification code (功能分类 / 经济分类科目编码), kept as text."""
    NAME = "name"
    """The name of a code or the label of a line (项目 / 科目名称)."""
    LINE_NO = "line_no"
    """The 行次 (line number), kept as text, never an amount."""
    TEXT = "text"
    """Any other text."""


class RowKeyKind(enum.Enum):
    """How the rows of a table are keyed."""

    def __str__(self) -> str:
        return str(self.value)

    CODE = "code"
    """By classification code (类/款/项 rows), plus the fixed lines such as 合计."""
    LINE = "line"
    """By fixed line items (:class:`LineSpec`) only."""
    OUTLINE = "outline"
    """By position in an outline of text columns (政府采购预算表: 品目大类 › 专项名称 ›
    经济科目 › 采购物品): rows are ``r1``, ``r2`` … in print order, plus the fixed lines."""


class Layout(enum.Enum):
    """How the grid is laid out on the page."""

    def __str__(self) -> str:
        return str(self.value)

    SIMPLE = "simple"
    """One record per printed row."""
    TWO_SIDED = "two_sided"
    """收入 and 支出 side by side: each printed row holds one line of each side."""
    PANELED = "paneled"
    """The same columns printed in several panels side by side (公开06表)."""


_ORDINAL_RE: Final = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|"
    r"[0-9]+[、.．](?![0-9]))"
)
_DROP_RE: Final = re.compile(r"[\s\u3000“”\"'‘’「」『』《》<>、：:·]")


@functools.lru_cache(maxsize=8192)
def normalise_title(text: str) -> str:
    """Normalise a printed table title for matching.

    Full-width characters become half-width (NFKC), table numbers such as
    ``公开01表``, ``表一`` or ``附表3`` are removed, as are quotes, spaces and the
    colon; brackets become ASCII.

    >>> normalise_title("财政拨款“三公”经费支出决算表")
    '财政拨款三公经费支出决算表'
    >>> normalise_title("表一 收入支出决算总表")
    '收入支出决算总表'
    """
    norm = unicodedata.normalize("NFKC", text)
    norm = TABLE_NUMBER_RE.sub("", norm)
    norm = _DROP_RE.sub("", norm)
    return norm.strip()


@functools.lru_cache(maxsize=8192)
def normalise_label(text: str) -> str:
    """Normalise a printed row label or column title for matching.

    Drops a leading ordinal (``一、``, ``（一）``, ``1.``), spaces and quotes,
    and applies NFKC (so full-width brackets become ASCII).

    >>> normalise_label("一、一般公共预算财政拨款收入")
    '一般公共预算财政拨款收入'
    >>> normalise_label("项    目")
    '项目'
    >>> normalise_label("  其他对个人和家庭的补助")
    '其他对个人和家庭的补助'
    """
    norm = unicodedata.normalize("NFKC", text)
    norm = _ORDINAL_RE.sub("", norm)
    return _DROP_RE.sub("", norm).strip()


@functools.lru_cache(maxsize=4096)
def _normal_labels(label: str, variants: tuple[str, ...]) -> frozenset[str]:
    """A spec's label (or title) and its variants, normalised (:func:`normalise_label`).

    Keyed by a schema's own texts, not a document's: the schemas' specs are few.
    """
    return frozenset(map(normalise_label, (label, *variants)))


def _tuple_of_str(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _check_key(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not re.fullmatch(r"[a-z0-9_.]+", value):
        raise ValueError(f"{attribute.name} must be snake_case ASCII, not {value!r}")


@attrs.frozen
class ColumnSpec:
    """One column of a schema: what it means, how it is printed, how it is read.

    Attributes:
        key: stable snake_case key (``"total"``, ``"basic"``, ``"code"``).
        title: the title as printed in the national template.
        variants: other printed titles meaning the same column.
        kind: what the column holds (:class:`ColumnKind`).
        precision: decimals an amount column is published with; ``None`` for text.
        groups: the header cells printed above the title, outermost first
            (``("决算数",)`` for the 决算数 half of 公开09表).  Each may list
            alternatives separated by ``|``.  A column only matches under them.
        side: for two-sided tables, the side the column belongs to.
        panel: for paneled tables, which panel (0-based) the column is in.
        required: whether a table lacking the column is reported as a problem.
        description: the meaning in English.

    >>> ColumnSpec("code", "功能分类科目编码", kind=ColumnKind.CODE).precision is None
    True
    """

    key: str = attrs.field(validator=_check_key)
    title: str
    variants: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    kind: ColumnKind = ColumnKind.AMOUNT
    precision: int | None = attrs.field(default=2)
    groups: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    side: Side | None = None
    panel: int = 0
    required: bool = True
    description: str = ""

    def __attrs_post_init__(self) -> None:
        if self.kind is not ColumnKind.AMOUNT and self.precision is not None:
            object.__setattr__(self, "precision", None)

    @property
    def is_amount(self) -> bool:
        """Whether the column holds money."""
        return self.kind is ColumnKind.AMOUNT

    @property
    def titles(self) -> tuple[str, ...]:
        """The title followed by its variants."""
        return (self.title, *self.variants)

    def matches(self, printed: str) -> bool:
        """Whether *printed* (a header cell) is this column's title or a variant."""
        norm = normalise_label(printed)
        return bool(norm) and norm in _normal_labels(self.title, self.variants)

    def matches_groups(self, above: Iterable[str]) -> bool:
        """Whether every group of the spec is among the header cells *above* the title."""
        seen = {normalise_label(a) for a in above}
        return all(
            any(normalise_label(alt) in seen for alt in group.split("|")) for group in self.groups
        )


def amount_column(
    key: str | FiscalFund | RevenueSource | SpendingKind,
    title: str,
    *variants: str,
    groups: tuple[str, ...] = (),
    side: Side | None = None,
    required: bool = True,
    description: str = "",
) -> ColumnSpec:
    """An amount column: *key*, its printed *title* and the *variants* meaning the same.

    A column of money by source, fund or kind of spending takes its key from
    :mod:`govfin.funds` (pass the member).

    >>> amount_column(SpendingKind.BASIC, "基本支出", "基本支出合计").key
    'basic'
    """
    return ColumnSpec(
        key if isinstance(key, str) else key.value,
        title,
        variants=variants,
        groups=groups,
        side=side,
        required=required,
        description=description,
    )


def code_column(
    title: str, *variants: str, panel: int = 0, description: str = "classification code"
) -> ColumnSpec:
    """The classification-code column (key ``code``) printed as *title* or a variant."""
    return ColumnSpec(
        "code", title, variants=variants, kind=ColumnKind.CODE, panel=panel, description=description
    )


def name_column(
    title: str, *variants: str, panel: int = 0, description: str = "name of the code"
) -> ColumnSpec:
    """The column naming each row's code or line (key ``name``), printed as *title* or a variant."""
    return ColumnSpec(
        "name", title, variants=variants, kind=ColumnKind.NAME, panel=panel, description=description
    )


def text_column(key: str, title: str, *variants: str, description: str) -> ColumnSpec:
    """An optional column of text (a project's name, a purpose), never read as money."""
    return ColumnSpec(
        key, title, variants=variants, kind=ColumnKind.TEXT, required=False, description=description
    )


def item_column(side: Side, *variants: str) -> ColumnSpec:
    """The ``项目`` column of one side of a two-sided table, printed as it or a variant."""
    return ColumnSpec(
        "item",
        "项目",
        variants=variants,
        kind=ColumnKind.NAME,
        side=side,
        description=f"{side.value} line",
    )


def side_columns(side: Side, *amounts: ColumnSpec) -> tuple[ColumnSpec, ...]:
    """One side of a two-sided 决算 table: its ``项目`` and ``行次`` columns, then *amounts*."""
    return (
        item_column(side, "项 目"),
        ColumnSpec(
            "line_no",
            "行次",
            kind=ColumnKind.LINE_NO,
            side=side,
            required=False,
            description="行次 (line number)",
        ),
        *amounts,
    )


@attrs.frozen
class LineSpec:
    """A fixed line item of a table (本年收入合计, 年初结转和结余, 一、一般公共服务支出 …).

    Attributes:
        key: stable key, unique in the table (``"income.total"``, ``"201"``).
        label: the label as printed in the national template.
        variants: other printed labels meaning the same line.
        side: for two-sided tables, the side of the line.
        line_no: the 行次 in the national template; used only to identify a
            line printed without a label, never to read a value.
        code: the functional 类 code the line stands for, if any.
        required: whether a table lacking the line is reported as a problem.
        description: the meaning in English.

    >>> LineSpec("201", "一般公共服务支出", code="201").matches("一、一般公共服务支出")
    True
    """

    key: str = attrs.field(validator=_check_key)
    label: str
    variants: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    side: Side | None = None
    line_no: str | None = None
    code: str | None = None
    required: bool = False
    description: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        """The label followed by its variants."""
        return (self.label, *self.variants)

    def matches(self, printed: str) -> bool:
        """Whether *printed* is this line's label or a variant (ordinals and spaces ignored)."""
        norm = normalise_label(printed)
        return bool(norm) and norm in _normal_labels(self.label, self.variants)


def _check_id(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not re.fullmatch(r"(final|budget)\.[a-z_]+", value):
        raise ValueError(f"{attribute.name} must look like 'final.summary', not {value!r}")


@attrs.frozen
class TableSchema:
    """A kind of published table, with its columns and fixed lines.

    Attributes:
        id: the stable identifier (``"final.summary"``); see :mod:`govfin.tables`.
        kind: 决算 or 预算.
        title: the canonical title (national template).
        title_variants: other titles printed for the same table.
        number: the national number (``公开01表``), if any.
        numbers: other numbers regions print for it (``表七`` in 上海 …); data only,
            never used to recognise a table.
        columns: the column specs in template order.
        lines: the fixed line items in template order.
        row_key: whether rows are keyed by code (plus lines) or by lines only.
        classification: for code rows, the classification of the codes
            (``"functional"`` 功能分类 or ``"economic"`` 经济分类).
        layout: how the grid is laid out (:class:`Layout`).
        unit: the default unit when the table prints none.
        empty_note: the words of the note a table carries when it has no data
            (``本表无数据``).
        description: what the table shows, in English, with its keys.
        checked: ``False`` for a table govfin knows by its title but keeps as
            printed (see :func:`kept_table`): no column is mapped, no rule reads
            it, and coverage counts it as found, never as recognised.
    """

    id: str = attrs.field(validator=_check_id)
    kind: ReportKind
    title: str
    columns: tuple[ColumnSpec, ...]
    lines: tuple[LineSpec, ...] = ()
    title_variants: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    number: str | None = None
    numbers: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    row_key: RowKeyKind = RowKeyKind.CODE
    classification: str | None = None
    layout: Layout = Layout.SIMPLE
    unit: Unit = Unit.WANYUAN
    empty_note: str = "本表无数据"
    description: str = ""
    checked: bool = True

    def __attrs_post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            # The same key may appear once per side (决算数 on both sides of 公开01表).
            per_side = [(c.key, c.side, c.panel) for c in self.columns]
            if len(set(per_side)) != len(per_side):
                raise ValueError(f"{self.id}: duplicate column keys {keys}")
        lkeys = [ln.key for ln in self.lines]
        if len(set(lkeys)) != len(lkeys):
            raise ValueError(f"{self.id}: duplicate line keys {lkeys}")

    @property
    def titles(self) -> tuple[str, ...]:
        """The canonical title followed by its variants."""
        return (self.title, *self.title_variants)

    @property
    def amount_columns(self) -> tuple[ColumnSpec, ...]:
        """The columns that hold money, in order, each key once."""
        seen: dict[str, ColumnSpec] = {}
        for c in self.columns:
            if c.is_amount and c.key not in seen:
                seen[c.key] = c
        return tuple(seen.values())

    def column(self, key: str) -> ColumnSpec | None:
        """The first column spec with *key*, or ``None``."""
        return next((c for c in self.columns if c.key == key), None)

    def line(self, key: str) -> LineSpec | None:
        """The line spec with *key*, or ``None``."""
        return next((ln for ln in self.lines if ln.key == key), None)

    def match_line(self, printed: str, side: Side | None = None) -> LineSpec | None:
        """The line spec whose label or a variant is *printed* (on *side*), or ``None``."""
        for ln in self.lines:
            if (side is None or ln.side in (None, side)) and ln.matches(printed):
                return ln
        return None

    def matches_title(self, printed: str) -> bool:
        """Whether *printed* is exactly this schema's title or a variant, once normalised."""
        norm = normalise_title(printed)
        return any(normalise_title(t) == norm for t in self.titles)


def kept_table(
    schema_id: str, kind: ReportKind, title: str, *variants: str, description: str
) -> TableSchema:
    """A table govfin knows by its *title* (or a variant) but keeps as printed, unchecked.

    Regions publish tables beside the standard set (财政拨款支出决算明细表,
    项目支出绩效目标表, 政府购买服务预算表, 国有资产占用情况表 …).  Recognised as
    such, a table listed in a 目录 is found, not reported unknown; its rows are
    kept as printed (``r1``, ``r2`` …, every printed column as text) and no rule
    reads it: :attr:`TableSchema.checked` is ``False``.

    >>> s = kept_table("budget.purchase_services", ReportKind.BUDGET, "政府购买服务预算表",
    ...                description="government purchases of services")
    >>> s.checked, s.columns, s.titles[1]
    (False, (), '部门政府购买服务预算表')
    """
    return TableSchema(
        id=schema_id,
        kind=kind,
        title=title,
        columns=(),
        title_variants=(
            *(f"{scope}{t}" for t in (title, *variants) for scope in ("部门", "单位")),
            *variants,
        ),
        row_key=RowKeyKind.OUTLINE,
        description=description,
        checked=False,
    )
