"""Drafting the standard 情况说明 of a 部门决算 from its tables.

Every figure is read from the tables and printed exactly (at the tables'
precision); every set of shares is rounded with the largest remainder so that
it sums to exactly 100.00%; rates are computed with :mod:`govfin.calc` and
rounded 四舍五入.  What the tables cannot tell (the reasons for a change,
the initial budget where the 决算 tables do not publish it, last year's
figures when no previous report is given) is marked ``【待填写：…】``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Final

from govfin.amounts import ZERO, quantize
from govfin.calc import Direction, change, execution_rate, percent, round_percent, shares
from govfin.funds import INCOME_COLUMNS, ExpenseGroup, SpendingKind, expense_group
from govfin.narrative._resolve import Resolved, Topic, resolve
from govfin.report import Report, Row, Table

__all__ = ["FILL", "draft"]

FILL: Final = "【待填写：{}】"
"""The marker of a place a person must complete."""

_CN: Final = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """Chinese numerals up to 99 (一, 十, 十一, 二十三)."""
    if n <= 10:
        return "十" if n == 10 else _CN[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN[tens - 1]
    return f"{head}十{_CN[ones - 1] if ones else ''}"


def _fill(what: str) -> str:
    return FILL.format(what)


def _m(value: Decimal, places: int = 2) -> str:
    """An amount as printed in the tables (2 decimals)."""
    return f"{quantize(value, places):f}万元"


def _p(value: Decimal) -> str:
    return f"{value:f}%"


def _val(table: Table | None, row: str, column: str) -> Decimal:
    if table is None:
        return ZERO
    value = table.value(row, column)
    return ZERO if value is None else value


def _share_list(items: Sequence[tuple[str, Decimal]], total: Decimal, sep: str = "；") -> str:
    """“A x万元，占a%；B y万元，占b%” with shares summing to 100 (largest remainder)."""
    if total > 0 and all(v >= 0 for _, v in items):
        pcts = shares([v for _, v in items], total)
        return sep.join(f"{n}{_m(v)}，占{_p(s)}" for (n, v), s in zip(items, pcts, strict=True))
    return sep.join(f"{n}{_m(v)}" for n, v in items)


class _Drafter:
    def __init__(self, report: Report, previous: Report | None) -> None:
        self.report = report
        self.previous = previous
        self.year = report.year
        self.y = f"{report.year}年度" if report.year is not None else _fill("年度")

    def previous_value(self, subject: str, topic: Topic) -> Resolved | None:
        if self.previous is None:
            return None
        found = resolve(self.previous, subject, topic)
        return None if isinstance(found, str) else found

    def change_text(self, current: Decimal, subject: str, topic: Topic, *, lead: str) -> str:
        """“与上年相比，减少48.67万元，降低4.76%，主要原因是：【待填写：原因】”."""
        before = self.previous_value(subject, topic)
        if before is None:
            return f"{lead}，{_fill('上年数、增减额、增减率及原因')}"
        c = change(current, before.value)
        if c.direction is Direction.FLAT:
            return f"{lead}持平"
        words = f"{lead}，{c.direction.amount_word}{_m(abs(c.difference))}"
        rate = c.rounded_rate()
        if isinstance(rate, Decimal):
            words += f"，{c.direction.rate_word}{_p(abs(rate))}"
        else:
            words += "（上年数为0，无法计算增减率）"
        return f"{words}，主要原因是：{_fill('原因')}"

    # ------------------------------------------------------------ sections

    def sections(self) -> Iterator[tuple[str, list[str]]]:
        yield "收入支出决算总体情况说明", self.summary()
        yield "收入决算情况说明", self.income()
        yield "支出决算情况说明", self.expenditure()
        yield "财政拨款收入支出决算总体情况说明", self.fiscal()
        yield "一般公共预算财政拨款支出决算情况说明", self.general()
        yield "一般公共预算财政拨款基本支出决算情况说明", self.basic()
        yield "财政拨款“三公”经费支出决算情况说明", self.three_public()
        yield "政府性基金预算财政拨款收入支出决算情况说明", self.fund()
        yield "国有资本经营预算财政拨款支出决算情况说明", self.capital()
        yield "机关运行经费支出情况说明", self.office()

    def missing(self, number: str) -> list[str]:
        return [_fill(f"报告中缺少{number}，本节需人工填写")]

    def summary(self) -> list[str]:
        table = self.report.get_table("final.summary")
        if table is None:
            return self.missing("公开01表")
        total = _val(table, "income.grand_total", "amount")
        moved = self.change_text(total, "收支总计", Topic.SUMMARY, lead="与上年相比")
        return [f"{self.y}收、支总计{_m(total)}。{moved}。"]

    def income(self) -> list[str]:
        table = self.report.get_table("final.income")
        if table is None:
            return self.missing("公开02表")
        total = _val(table, "total", "total")
        items = [
            (name, _val(table, "total", key))
            for name, key in ((source.zh, source.value) for source in INCOME_COLUMNS)
        ]
        return [f"{self.y}收入合计{_m(total)}，其中：{_share_list(items, total)}。"]

    def expenditure(self) -> list[str]:
        table = self.report.get_table("final.expenditure")
        if table is None:
            return self.missing("公开03表")
        total = _val(table, "total", "total")
        items = [
            (name, _val(table, "total", key))
            for name, key in ((kind.zh, kind.value) for kind in SpendingKind)
        ]
        return [f"{self.y}支出合计{_m(total)}，其中：{_share_list(items, total)}。"]

    def fiscal(self) -> list[str]:
        table = self.report.get_table("final.fiscal_summary")
        if table is None:
            return self.missing("公开04表")
        total = _val(table, "income.grand_total", "amount")
        moved = self.change_text(total, "收支总计", Topic.FISCAL, lead="与上年相比")
        return [f"{self.y}财政拨款收、支总计{_m(total)}，{moved}。"]

    def general(self) -> list[str]:
        table = self.report.get_table("final.general_budget")
        if table is None:
            return self.missing("公开05表")
        total = _val(table, "total", "total")
        lines = ["（一）一般公共预算财政拨款支出决算总体情况"]
        overall = self.report.get_table("final.summary")
        year_total = _val(overall, "expenditure.total", "amount") if overall else ZERO
        moved = self.change_text(total, "财政拨款支出", Topic.GENERAL, lead="与上年相比")
        if year_total > 0:
            share = round_percent(percent(total, year_total))
            lines.append(f"{self.y}财政拨款支出{_m(total)}，占本年支出合计的{_p(share)}，{moved}。")
        else:
            lines.append(f"{self.y}财政拨款支出{_m(total)}，{moved}。")
        lines.append("（二）一般公共预算财政拨款支出决算结构情况")
        classes = [(r, r.value("total") or ZERO) for r in table.code_rows(1)]
        classes = [(r, v) for r, v in classes if v != 0]
        if classes:
            items = [(f"{_class_name(r)}（类）支出", v) for r, v in classes]
            listed = _share_list(items, total)
            lines.append(f"{self.y}财政拨款支出{_m(total)}，主要用于以下方面：{listed}。")
        else:
            lines.append(f"{self.y}财政拨款支出{_m(total)}。")
        lines.append("（三）一般公共预算财政拨款支出决算具体情况")
        lines.append(
            f"{self.y}财政拨款支出{_m(total)}，年初预算数为{_fill('年初预算数')}，"
            f"完成年初预算的{_fill('百分比')}，其中："
        )
        for i, (path, row) in enumerate(_item_paths(table), start=1):
            value = row.value("total") or ZERO
            marks = "".join(
                f"{name}（{level}）" for name, level in zip(path, "类款项", strict=False)
            )
            lines.append(f"{i}、{marks}。")
            lines.append(
                f"年初预算为{_fill('年初预算数')}，支出决算为{_m(value)}，"
                f"{_fill('完成年初预算的百分比，以及决算数与年初预算数存在差异的原因')}。"
            )
        return lines

    def basic(self) -> list[str]:
        table = self.report.get_table("final.general_basic")
        if table is None:
            return self.missing("公开06表")
        personnel = _val(table, "personnel_total", "amount")
        public = _val(table, "public_total", "amount")
        total = personnel + public
        kinds: dict[ExpenseGroup, list[str]] = {ExpenseGroup.PERSONNEL: [], ExpenseGroup.PUBLIC: []}
        for row in table.code_rows(2):
            group = expense_group(row.code or "")
            if group is not None and (row.value("amount") or ZERO) != 0:
                kinds[group].append(row.label.strip())
        text = f"{self.y}一般公共预算财政拨款基本支出{_m(total)}，其中："
        if total > 0:
            p, q = shares([personnel, public])
            text += f"人员经费{_m(personnel)}，占基本支出的{_p(p)}"
            text += _including(kinds[ExpenseGroup.PERSONNEL]) + "。"
            text += f"公用经费{_m(public)}，占基本支出的{_p(q)}"
            text += _including(kinds[ExpenseGroup.PUBLIC]) + "。"
        else:
            text += f"人员经费{_m(personnel)}；公用经费{_m(public)}。"
        return [text]

    def three_public(self) -> list[str]:
        table = self.report.get_table("final.three_public")
        if table is None:
            return self.missing("公开09表")
        lines = ["（一）“三公”经费财政拨款支出决算总体情况说明"]
        lines.append(
            self.three_line(table, "“三公”经费财政拨款支出", "total", lead=self.y, full=True)
        )
        lines.append("（二）“三公”经费财政拨款支出决算具体情况说明")
        lines.append(self.three_line(table, "因公出国（境）费支出", "abroad", lead="1."))
        lines.append(
            self.three_line(table, "公务用车购置费及运行维护费支出", "vehicle", lead="2.")
            + "其中："
        )
        lines.append(self.three_line(table, "公务用车购置费支出", "vehicle_purchase", lead=""))
        lines.append(self.three_line(table, "公务用车运行维护费支出", "vehicle_operation", lead=""))
        lines.append(self.three_line(table, "公务接待费支出", "reception", lead="3."))
        return lines

    def three_line(
        self, table: Table, name: str, key: str, *, lead: str, full: bool = False
    ) -> str:
        budget = _val(table, "total", f"budget_{key}")
        final = _val(table, "total", f"final_{key}")
        text = f"{lead}{name}预算为{_m(budget)}，支出决算为{_m(final)}，"
        if budget == 0:
            text += "无法计算完成预算的百分比"
        else:
            text += f"完成预算的{_p(round_percent(execution_rate(final, budget)))}"
        if final > budget:
            text += f"，决算数大于预算数的主要原因是：{_fill('原因')}"
        elif final < budget:
            text += f"，决算数小于预算数的主要原因是：{_fill('原因')}"
        else:
            text += "，决算数与预算数一致"
        text += "；" + self.change_text(final, name, Topic.THREE_PUBLIC, lead="与上年相比") + "。"
        del full
        return text

    def fund(self) -> list[str]:
        table = self.report.get_table("final.fund_budget")
        if table is None:
            return self.missing("公开07表")
        v = {
            k: _val(table, "total", k)
            for k in ("income", "carryover", "total", "basic", "project", "balance")
        }
        text = (
            f"{self.y}政府性基金预算财政拨款收入{_m(v['income'])}；"
            f"年初结转和结余{_m(v['carryover'])}；"
            f"支出{_m(v['total'])}，其中基本支出{_m(v['basic'])}，项目支出{_m(v['project'])}。"
            f"年末结转和结余{_m(v['balance'])}。"
        )
        return [text]

    def capital(self) -> list[str]:
        table = self.report.get_table("final.state_capital")
        if table is None:
            return self.missing("公开08表")
        v = {k: _val(table, "total", k) for k in ("total", "basic", "project")}
        text = (
            f"{self.y}国有资本经营预算财政拨款支出{_m(v['total'])}，其中基本支出{_m(v['basic'])}，"
            f"项目支出{_m(v['project'])}。"
        )
        return [text]

    def office(self) -> list[str]:
        table = self.report.get_table("final.general_basic")
        if table is None:
            return self.missing("公开06表")
        public = _val(table, "public_total", "amount")
        moved = self.change_text(public, "机关运行经费支出", Topic.OFFICE, lead="比上年决算数")
        moved = moved.replace("比上年决算数，", "比上年决算数")
        return [f"本部门{self.y}机关运行经费支出{_m(public)}，{moved}。"]


def _including(names: Sequence[str]) -> str:
    return f"，主要包括{'、'.join(names)}" if names else ""


def _class_name(row: Row) -> str:
    name = row.label.strip()
    return name.removesuffix("支出") if name.endswith("支出") else name


def _item_paths(table: Table) -> Iterator[tuple[tuple[str, ...], Row]]:
    """The 项 rows with a value, with the names of their 类 and 款."""
    by_code = {r.code: r for r in table.code_rows() if r.code}
    for row in table.code_rows(3):
        if (row.value("total") or ZERO) == 0 or row.code is None:
            continue
        cls = by_code.get(row.code[:3])
        kuan = by_code.get(row.code[:5])
        if cls is None or kuan is None:
            continue
        yield (cls.label.strip(), kuan.label.strip(), row.label.strip()), row


def draft(report: Report, previous: Report | None = None) -> str:
    """The standard 情况说明 of a 决算, from *report*'s tables (and last year's, if given).

    >>> from govfin.io import load_example
    >>> text = draft(load_example())
    >>> print(text.splitlines()[3])
    二、收入决算情况说明
    >>> "一般公共服务（类）支出683.64万元，占70.28%" in text
    True
    """
    d = _Drafter(report, previous)
    title = f"{d.y}部门决算情况说明"
    out = [title]
    for i, (heading, lines) in enumerate(d.sections(), start=1):
        out.append(f"{_cn(i)}、{heading}")
        out.extend(lines)
    return "\n".join(out) + "\n"
