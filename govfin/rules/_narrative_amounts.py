"""Narrative rules on amounts: quoted amounts, totals, one figure quoted alike.

GF-N001 (an amount equals its table cell), GF-N006 (a stated total equals the
sum of its items), GF-N007 (the same figure quoted alike everywhere).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from govfin._rounding import Figure, compare_sum, figure, meets, meets_tolerance
from govfin._severity import Outcome, Reason, Severity
from govfin.narrative import (
    AmountClaim,
    Claim,
    ExecutionClaim,
    Number,
    ShareClaim,
    Topic,
    TotalClaim,
    canonical,
)
from govfin.rules._context import Context
from govfin.rules._finding import Finding
from govfin.rules._narrative import BECAUSE, NARRATIVE, amt, claim_finding, compare_amount, label
from govfin.rules._narrative_rates import execution_findings
from govfin.rules._registry import REGISTRY

__all__: list[str] = []


@REGISTRY.rule(
    "GF-N001",
    title="Amount quoted in the prose equals the tables",
    message="金额与报表一致",
    severity=Severity.ERROR,
    tags=NARRATIVE,
)
def amounts_equal_the_tables(ctx: Context) -> Iterator[Finding | None]:
    """An amount quoted in the 情况说明 equals the table cell it speaks of.

    The cell is found by name, 类/款/项 path, or the section the amount sits
    in; within rounding it is info (尾数误差).  A 预算 is read against its
    budget.* tables, converted exactly from 元 (a cell rounded half-up to the
    printed decimals agrees). A blank table reads as zeros. Figures the
    tables do not hold are reported as not evaluated, with the reason.  The
    budget of an execution rate (完成年初预算的X%) is checked the same way.
    """
    yield from _amounts(ctx)
    yield from execution_findings(ctx)


@REGISTRY.rule(
    "GF-N006",
    title="Stated total equals the sum of its items",
    message="合计数等于所列明细之和",
    severity=Severity.ERROR,
    tags=NARRATIVE,
)
def totals_are_sums(ctx: Context) -> Iterator[Finding | None]:
    """A total stated before 其中 equals the sum of the items listed after it.

    The figures carry the precision the sentence prints; the sum is compared
    as the tables' sums are (:func:`~govfin.rules.compare_sum`: within
    rounding a residue, consistent only if truncated a warning).
    """
    return _totals(ctx)


@REGISTRY.rule(
    "GF-N007",
    title="The same figure is quoted alike everywhere",
    message="同一数字前后表述一致",
    severity=Severity.WARNING,
    tags=NARRATIVE,
)
def same_figure_alike(ctx: Context) -> Iterator[Finding | None]:
    """The same figure (基本支出, 人员经费, 机关运行经费 …) is quoted alike everywhere."""
    return _same_figures(ctx)


def _amounts(ctx: Context) -> Iterator[Finding | None]:
    for claim in ctx.claims.of(AmountClaim, ShareClaim, ExecutionClaim):
        printed: Number | None = None
        subject = claim.subject
        if isinstance(claim, AmountClaim) or (
            isinstance(claim, ShareClaim) and claim.amount is not None
        ):
            printed = claim.amount
        elif isinstance(claim, ExecutionClaim):
            printed = claim.final
        if printed is None:
            continue
        found = ctx.claims.resolve(claim, subject, bound=True)
        if isinstance(found, str):
            yield claim_finding(
                ctx,
                "GF-N001",
                claim,
                Outcome.NOT_EVALUATED,
                f"{label(subject)}{printed.text}未能核对：{found}",
            )
            continue
        yield compare_amount(ctx, "GF-N001", claim, printed, found, what=label(subject))


# ---------------------------------------------------------------- GF-N006 totals


def _printed(n: Number, places: int) -> Figure:
    return figure(n.value, None if n.value == 0 and n.decimals == 0 else places)


def _totals(ctx: Context) -> Iterator[Finding | None]:
    for claim in ctx.claims.of(TotalClaim):
        total = claim.total
        parts = [p.amount for p in claim.parts]
        # the figures carry the precision the sentence prints (its most decimals, as a
        # table column's: “5万元 … 0.5万元” is 5.0 and 0.5); a 0 printed without
        # decimals is exact (a blank cell told in words), “0.00万元” is a rounded
        # figure as in the table it comes from (0.004 prints so)
        places = max((total.decimals, *(p.decimals for p in parts)))
        c = compare_sum(_printed(total, places), [_printed(p, places) for p in parts])
        expected = c.expected
        items = "＋".join(p.text for p in parts).replace("＋−", "−")
        if claim.what == "结余":
            who, of = label(claim.subject), "实际支出与结余结转"
        else:
            who = f"{label(claim.subject)}{claim.what}"
            of = f"所列{len(parts)}项{'增减额' if claim.what == '增减额' else '明细'}"
        if c.outcome is Outcome.EXACT:
            yield claim_finding(
                ctx,
                "GF-N006",
                claim,
                Outcome.EXACT,
                f"{who}{total.text}等于{of}之和",
                expected=expected,
                actual=total.value,
                tolerance=c.tolerance,
            )
        elif c.consistent or c.outcome is Outcome.TRUNCATION_RESIDUE:
            reason = c.reason or Reason.ROUNDING
            yield claim_finding(
                ctx,
                "GF-N006",
                claim,
                c.outcome,
                f"{who}{total.text}与{of}之和{amt(expected)}（{items}）"
                f"相差{amt(total.value - expected)}，{BECAUSE[reason]}",
                expected=expected,
                actual=total.value,
                tolerance=c.tolerance,
                reason=reason,
            )
        else:
            yield claim_finding(
                ctx,
                "GF-N006",
                claim,
                Outcome.INCONSISTENT,
                f"{who}{total.text}不等于{of}之和{amt(expected)}（{items}）",
                expected=expected,
                actual=total.value,
                tolerance=c.tolerance,
            )


# ---------------------------------------------------------------- GF-N007 same figure


_SAME_TOPICS: Final = frozenset(
    {
        Topic.EXPENDITURE,
        Topic.GENERAL,
        Topic.BASIC,
        Topic.INCOME,
        Topic.SUMMARY,
        Topic.FISCAL,
        Topic.OFFICE,
    }
)


def _same_figures(ctx: Context) -> Iterator[Finding | None]:
    seen: dict[str, tuple[Claim, Number]] = {}
    for claim in ctx.claims.of(AmountClaim, ShareClaim):
        amount = claim.amount if isinstance(claim, AmountClaim | ShareClaim) else None
        if amount is None:
            continue
        topic = ctx.claims.topic(claim)
        if topic not in _SAME_TOPICS:
            continue
        key = canonical(claim.subject)
        if key not in (
            "基本支出",
            "项目支出",
            "人员经费",
            "公用经费",
            "机关运行经费支出",
            "机关运行经费",
            "支出合计",
            "收入合计",
            "收支总计",
        ):
            continue
        key = key.removesuffix("支出") if key.startswith("机关运行经费") else key
        first = seen.get(key)
        if first is None:
            seen[key] = (claim, amount)
            continue
        other_claim, other = first
        if other.value == amount.value:
            yield claim_finding(
                ctx,
                "GF-N007",
                claim,
                Outcome.EXACT,
                f"{label(claim.subject)}前后一致",
                expected=other.value,
                actual=amount.value,
            )
            continue
        where = other_claim.sentence.text[:30]
        tolerance = meets_tolerance(other.interval(), amount.interval())
        explained = _explained_by_tables(ctx, other_claim, other, claim, amount)
        if explained is not None:
            yield claim_finding(
                ctx,
                "GF-N007",
                claim,
                Outcome.ROUNDING_RESIDUE,
                f"{label(claim.subject)}此处为{amount.text}，前文（{where}…）为{other.text}；"
                f"两处各与所引报表一致（{explained}），口径或尾数不同",
                expected=other.value,
                actual=amount.value,
                tolerance=tolerance,
            )
        elif meets(other.interval(), amount.interval()):
            yield claim_finding(
                ctx,
                "GF-N007",
                claim,
                Outcome.ROUNDING_RESIDUE,
                f"{label(claim.subject)}此处为{amount.text}，前文（{where}…）为{other.text}，"
                f"相差{amt(amount.value - other.value)}，属尾数误差",
                expected=other.value,
                actual=amount.value,
                tolerance=tolerance,
            )
        else:
            yield claim_finding(
                ctx,
                "GF-N007",
                claim,
                Outcome.INCONSISTENT,
                f"{label(claim.subject)}此处为{amount.text}，前文（{where}…）为{other.text}",
                expected=other.value,
                actual=amount.value,
                tolerance=tolerance,
            )


def _explained_by_tables(
    ctx: Context, first: Claim, first_amount: Number, second: Claim, second_amount: Number
) -> str | None:
    """The two tables, when each quote agrees with the table cells it resolves to."""
    labels: list[str] = []
    for claim, amount in ((first, first_amount), (second, second_amount)):
        found = ctx.claims.resolve(claim)
        if isinstance(found, str) or not meets(amount.interval(), found.interval):
            return None
        labels.append(
            "、".join(dict.fromkeys(c.table.number or c.table.title for c in found.cells))
        )
    return " 与 ".join(labels)
