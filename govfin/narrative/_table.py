"""A Markdown table of checked claims: what the prose says, what govfin recomputes, the verdict."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from govfin.amounts import quantize
from govfin.narrative._check import Verdict
from govfin.narrative._claims import (
    AmountClaim,
    ChangeClaim,
    ExecutionClaim,
    Number,
    ShareClaim,
    TotalClaim,
)
from govfin.rules import Outcome

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


def _printed(v: Verdict) -> str:
    c = v.claim
    figure: Number | None = None
    if (v.rule in ("GF-N003", "GF-N012") and isinstance(c, ChangeClaim)) or (
        v.rule == "GF-N004" and isinstance(c, ExecutionClaim)
    ):
        figure = c.rate
    elif v.rule == "GF-N001" and isinstance(c, ExecutionClaim):
        figure = c.budget if "预算数" in v.message.split("与")[0] else c.final
    elif v.rule in ("GF-N002", "GF-N012", "GF-N013") and isinstance(c, ShareClaim):
        figure = c.share
    elif isinstance(c, AmountClaim | ShareClaim) and c.amount is not None:
        figure = c.amount
    elif isinstance(c, TotalClaim):
        figure = c.total
    if figure is not None:
        return figure.text
    return "" if v.actual is None else f"{v.actual:f}"


def _expected(v: Verdict) -> str:
    if v.expected is None:
        return ""
    unit = "%" if v.rule in ("GF-N002", "GF-N003", "GF-N004", "GF-N013") else ""
    if v.rule in ("GF-N001", "GF-N006", "GF-N007", "GF-N011"):
        unit = "万元"
    value: Decimal = v.expected
    if unit == "万元":
        value = quantize(value, max(2, -int(value.as_tuple().exponent)))
    return f"{value:f}{unit}"


def claims_table(verdicts: Iterable[Verdict], *, skip_years: bool = True) -> str:
    """The verdicts as a Markdown table, one row per checked figure, in document order.

    Columns: section, the claim as printed, the figure, the value govfin
    recomputes or reads from the tables, the verdict and the rule, and the
    message.  Year checks are left out unless *skip_years* is false.

    >>> from govfin.io import load_example
    >>> from govfin.narrative import assess
    >>> print(claims_table(assess(load_example())).splitlines()[0])
    | # | 部分 | 原文 | 文中数字 | 复核数 | 结论 | 规则 | 说明 |
    """
    rows = [
        "| # | 部分 | 原文 | 文中数字 | 复核数 | 结论 | 规则 | 说明 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    ordered = sorted(
        (v for v in verdicts if not (skip_years and v.rule == "GF-N009")),
        key=lambda v: (v.claim.sentence.narrative_start, v.claim.start, v.rule),
    )
    for i, v in enumerate(ordered, start=1):
        section = v.claim.sentence.section or (v.claim.sentence.headings or ("",))[0]
        text = v.claim.text
        if v.claim.subject and v.claim.subject not in text:
            text = f"{v.claim.subject}：{text}"
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
