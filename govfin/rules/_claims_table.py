"""A Markdown table of checked claims: what the prose says, what govfin recomputes, the verdict."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from govfin._severity import Outcome
from govfin.amounts import quantize
from govfin.report import Report
from govfin.rules._finding import Finding
from govfin.rules._narrative import assess

__all__ = ["claims_table"]

_VERDICT: Final = {
    Outcome.EXACT: "✔ 一致",
    Outcome.ROUNDING_RESIDUE: "尾数误差",
    Outcome.TRUNCATION_RESIDUE: "仅截尾一致",
    Outcome.INCONSISTENT: "✘ 不一致",
    Outcome.NOT_EVALUATED: "未核对",
}


def _cell(text: str) -> str:
    return text.replace("|", "｜").replace("\n", " ")


_PERCENT: Final = frozenset({"GF-N002", "GF-N003", "GF-N004", "GF-N012", "GF-N013"})
_AMOUNT: Final = frozenset({"GF-N001", "GF-N006", "GF-N007", "GF-N011"})


def _printed(f: Finding) -> str:
    if f.actual is None:
        return ""
    unit = "%" if f.rule in _PERCENT else "万元" if f.rule in _AMOUNT else ""
    return f"{f.actual:f}{unit}"


def _expected(v: Finding) -> str:
    if v.expected is None:
        return ""
    unit = "%" if v.rule in ("GF-N002", "GF-N003", "GF-N004", "GF-N013") else ""
    if v.rule in ("GF-N001", "GF-N006", "GF-N007", "GF-N011"):
        unit = "万元"
    value: Decimal = v.expected
    if unit == "万元":
        value = quantize(value, max(2, -int(value.as_tuple().exponent)))
    return f"{value:f}{unit}"


def _claim_text(f: Finding) -> tuple[str, str]:
    """The section and the words of the claim as printed (its sentence when not marked)."""
    loc = f.location
    if loc is None:
        return "", ""
    text = loc.figure_text or ""
    # the subject, as the message names it first (“收、支总计”…)
    subject = f.message[1:].partition("”")[0] if f.message.startswith("“") else ""
    if subject and subject not in text:
        text = f"{subject}：{text}"
    return loc.section or "", text


def claims_table(report: Report, previous: Report | None = None, *, skip_years: bool = True) -> str:
    """The narrative findings of *report* as a Markdown table, one row per checked figure.

    Columns: section, the claim as printed, the figure, the value govfin
    recomputes or reads from the tables, the outcome and the rule, and the
    message; rows in document order (:func:`assess` gives the findings).  Year
    checks are left out unless *skip_years* is false.

    >>> from govfin.io import load_example
    >>> print(claims_table(load_example()).splitlines()[0])
    | # | 部分 | 原文 | 文中数字 | 复核数 | 结论 | 规则 | 说明 |
    """
    rows = [
        "| # | 部分 | 原文 | 文中数字 | 复核数 | 结论 | 规则 | 说明 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    order: dict[str, int] = {}
    for i, part in enumerate(report.narrative.sections):
        order.setdefault(part.heading, i)

    def place(f: Finding) -> tuple[int, int, int, str]:
        loc = f.location
        if loc is None:
            return (-1, -1, -1, f.rule)
        figure = loc.figure[0] if loc.figure is not None else -1
        start = loc.start if loc.start is not None else -1
        return (order.get(loc.section or "", len(order)), start, figure, f.rule)

    found = assess(report, previous)
    ordered = sorted(
        (f for f in found if not (skip_years and f.rule == "GF-N009")),
        key=place,
    )
    for i, v in enumerate(ordered, start=1):
        section, text = _claim_text(v)
        text = text if len(text) <= 60 else text[:58] + "…"
        verdict = _VERDICT[v.outcome]
        if v.outcome is not Outcome.EXACT:
            verdict = f"{verdict}（{v.severity.value}）"
        rows.append(
            "| "
            + " | ".join(
                _cell(x)
                for x in (
                    str(i),
                    section[:24],
                    text,
                    _printed(v),
                    _expected(v),
                    verdict,
                    v.rule,
                    v.message,
                )
            )
            + " |"
        )
    return "\n".join(rows) + "\n"
