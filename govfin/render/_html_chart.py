"""The structure of expenditure as inline SVG: by 类, 基本/项目 and 人员/公用.

Each breakdown is read from the published tables (never recomputed from the
findings) and drawn as one stacked bar in an ``<svg>`` that scales to the
page width, with an HTML legend giving each part's amount and share.  Shares
come from :func:`govfin.calc.shares` (largest remainder, so they sum to 100.00).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import Final

import attrs

from govfin.amounts import ZERO
from govfin.calc import UndefinedRate, personnel_public, shares
from govfin.report import Report, Table

__all__ = ["Breakdown", "breakdowns", "svg_breakdown"]

PALETTE: Final = (
    "#2f6db5",
    "#e08a1e",
    "#3a9a5b",
    "#b8483e",
    "#7a5bb0",
    "#2a9aa3",
    "#c2a21d",
    "#8c6d52",
    "#d0609a",
    "#6b7a89",
)


@attrs.frozen
class Breakdown:
    """One way of splitting expenditure: a title, the table it comes from, and its parts."""

    title: str
    source: str
    unit: str
    parts: tuple[tuple[str, Decimal], ...]


def _first(report: Report, *schemas: str) -> Table | None:
    for schema in schemas:
        table = report.get_table(schema)
        if table is not None and len(table):
            return table
    return None


def _by_class(report: Report) -> Breakdown | None:
    table = _first(
        report,
        "final.expenditure",
        "final.general_budget",
        "budget.expenditure",
        "budget.general_budget",
    )
    if table is None or table.column("total") is None:
        return None
    found: list[tuple[str, Decimal]] = []
    for row in table.code_rows(1):
        value = row.cell("total").value_or_zero()
        if value > 0:
            found.append((f"{row.code} {row.label.strip()}", value))
    parts = tuple(sorted(found, key=lambda p: -p[1]))
    return Breakdown("按功能分类（类）", table.label, table.unit.value, parts) if parts else None


def _basic_project(report: Report) -> Breakdown | None:
    table = _first(
        report,
        "final.expenditure",
        "final.general_budget",
        "budget.expenditure",
        "budget.general_budget",
    )
    if table is None or table.column("basic") is None or table.column("project") is None:
        return None
    total = table.get("total")
    if total is not None:
        basic = total.cell("basic").value_or_zero()
        project = total.cell("project").value_or_zero()
    else:
        rows = table.code_rows(1)
        basic = sum((r.cell("basic").value_or_zero() for r in rows), ZERO)
        project = sum((r.cell("project").value_or_zero() for r in rows), ZERO)
    if basic + project <= 0:
        return None
    parts = (("基本支出", basic), ("项目支出", project))
    return Breakdown("基本支出 / 项目支出", table.label, table.unit.value, parts)


def _personnel_public(report: Report) -> Breakdown | None:
    table = _first(report, "final.general_basic", "budget.general_basic")
    if table is None:
        return None
    personnel = public = None
    if table.get("personnel_total") is not None and table.get("public_total") is not None:
        column = "amount" if table.column("amount") is not None else "total"
        personnel = table.value("personnel_total", column)
        public = table.value("public_total", column)
    elif table.column("personnel") is not None and table.get("total") is not None:
        personnel = table.value("total", "personnel")
        public = table.value("total", "public")
    else:
        column = "amount" if table.column("amount") is not None else "total"
        items = [(r.code or "", r.cell(column).value_or_zero()) for r in table.code_rows()]
        if items:
            split = personnel_public(items)
            personnel, public = split.personnel, split.public
    personnel = personnel or ZERO
    public = public or ZERO
    if personnel + public <= 0:
        return None
    parts = (("人员经费", personnel), ("公用经费", public))
    return Breakdown("人员经费 / 公用经费", table.label, table.unit.value, parts)


def breakdowns(report: Report) -> tuple[Breakdown, ...]:
    """The breakdowns of expenditure the report's tables allow (possibly none).

    >>> from govfin.io import load_example
    >>> [b.title for b in breakdowns(load_example())]
    ['按功能分类（类）', '基本支出 / 项目支出', '人员经费 / 公用经费']
    """
    found = (_by_class(report), _basic_project(report), _personnel_public(report))
    return tuple(b for b in found if b is not None)


def _fmt(value: Decimal) -> str:
    return f"{value:,f}"


def svg_breakdown(breakdown: Breakdown, index: int) -> str:
    """One breakdown as a ``<figure>``: a stacked SVG bar and its legend."""
    values = [v for _, v in breakdown.parts]
    try:
        pcts: Sequence[Decimal] = shares(values)
    except (UndefinedRate, ValueError):
        return ""
    total = sum(values, ZERO)
    width = 1000
    x = Decimal(0)
    rects: list[str] = []
    legend: list[str] = []
    for k, ((label, value), pct) in enumerate(zip(breakdown.parts, pcts, strict=True)):
        colour = PALETTE[k % len(PALETTE)]
        w = value / total * width
        tip = f"{label}：{_fmt(value)}{breakdown.unit}（{pct}%）"
        rects.append(
            f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="40" fill="{colour}">'
            f"<title>{escape(tip)}</title></rect>"
        )
        x += w
        legend.append(
            f'<li><span class="swatch" style="background:{colour}"></span>'
            f'<span class="lg-label">{escape(label)}</span> '
            f'<span class="lg-value">{escape(_fmt(value))}</span> '
            f'<span class="lg-share">{pct}%</span></li>'
        )
    title = escape(breakdown.title)
    return (
        f'<figure class="chart" id="chart{index}"><figcaption>{title}'
        f" <small>（{escape(breakdown.source)}，单位：{escape(breakdown.unit)}，"
        f"合计 {escape(_fmt(total))}）</small></figcaption>"
        f'<svg class="bar" viewBox="0 0 {width} 40" preserveAspectRatio="none" role="img" '
        f'aria-label="{title}">{"".join(rects)}</svg>'
        f'<ul class="legend">{"".join(legend)}</ul></figure>'
    )
