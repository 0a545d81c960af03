"""Narrative rules on shares: 占X% recomputed (GF-N002), 政府采购 shares (GF-N013)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from govfin._rounding import Candidate, compare_printed
from govfin._severity import Outcome, Reason, Severity
from govfin.amounts import ZERO, Interval, quantize
from govfin.calc import (
    HUNDRED,
    UndefinedRate,
    percent,
    percent_interval,
    round_percent,
    shares,
    sum_interval,
)
from govfin.narrative import (
    AmountClaim,
    CellRef,
    Resolved,
    ShareClaim,
    Topic,
    canonical,
    quoted,
)
from govfin.rules._context import Context
from govfin.rules._finding import Finding
from govfin.rules._narrative import (
    BECAUSE,
    NARRATIVE,
    amt,
    claim_finding,
    interval_of,
    label,
    pct,
    value_of,
)
from govfin.rules._registry import REGISTRY

__all__ = ["share_findings"]


@REGISTRY.rule(
    "GF-N002",
    title="Share quoted in the prose is recomputed exactly",
    message="占比计算正确",
    severity=Severity.ERROR,
    tags=NARRATIVE,
)
def shares_recomputed(ctx: Context) -> Iterator[Finding | None]:
    """A share (占X%) is recomputed from the table cells: the 四舍五入 rounding passes.

    The largest-remainder allocation that makes the listed shares sum to
    100.00%, or a value explained by the rounding of the inputs, is info;
    consistent only if truncated is a warning.
    """
    return share_findings(ctx)


@REGISTRY.rule(
    "GF-N013",
    title="Government procurement figures agree",
    message="政府采购数据前后一致",
    severity=Severity.ERROR,
    tags=NARRATIVE,
)
def procurement_agrees(ctx: Context) -> Iterator[Finding | None]:
    """The 政府采购 figures agree among themselves (货物/工程/服务 and 中小企业 shares)."""
    return _procurement(ctx)


def _base_of(ctx: Context, claim: ShareClaim) -> Resolved | Decimal | str:
    """The whole a share is of: named in the claim, the section's total, or a figure nearby."""
    base = claim.base
    topic = ctx.claims.topic(claim)
    if base:
        found = ctx.claims.resolve(claim, base)
        if not isinstance(found, str):
            return found
        wanted = canonical(base)
        core = wanted.removesuffix("金额").removesuffix("总额")
        for other in ctx.claims.paragraph(claim):
            if other is claim:
                continue
            amount = other.amount if isinstance(other, AmountClaim | ShareClaim) else None
            if amount is None or amount.kind.value != "amount":
                continue
            name = canonical(other.subject)
            if name == wanted or (core and core in name):
                return amount.value
        return found
    if topic is Topic.INCOME:
        return ctx.claims.resolve(claim, "收入合计")
    if topic is Topic.EXPENDITURE:
        return ctx.claims.resolve(claim, "支出合计")
    if topic is Topic.GENERAL:
        return ctx.claims.resolve(claim, "财政拨款支出")
    if topic is Topic.BASIC:
        return ctx.claims.resolve(claim, "基本支出")
    return "未说明占比的基数"


def share_findings(ctx: Context) -> Iterator[Finding | None]:
    """The findings on shares (占X%) of the context's rule: GF-N002, or GF-N012 for a zero base."""
    # group the shares of one sentence with one base (for the largest remainder)
    groups: dict[tuple[int, str], list[ShareClaim]] = defaultdict(list)
    for claim in ctx.claims.of(ShareClaim):
        groups[(claim.sentence.start + claim.sentence.offset, claim.base)].append(claim)
    for group in groups.values():
        parts: list[tuple[ShareClaim, Resolved | Decimal | str, Resolved | Decimal | str]] = []
        for claim in group:
            whole = _base_of(ctx, claim)
            part: Resolved | Decimal | str
            if claim.amount is None:
                part = "未给出金额"
            else:
                found = ctx.claims.resolve(claim)
                part = found if not isinstance(found, str) else claim.amount.value
            parts.append((claim, part, whole))
        parts = _whole_from_parts(parts)
        lr: dict[int, Decimal] = {}
        wholes = {value_of(w) for _, _, w in parts if not isinstance(w, str)}
        values = [value_of(p) for _, p, _ in parts if not isinstance(p, str)]
        if len(wholes) == 1 and len(values) == len(parts) and len(parts) > 1:
            whole_value = wholes.pop()
            if whole_value > 0 and all(v >= 0 for v in values):
                decimals = max(c.share.decimals for c, _, _ in parts)
                allocated = shares(values, whole_value, decimals=decimals)
                lr = {id(c): a for (c, _, _), a in zip(parts, allocated, strict=True)}
        for claim, part, whole in parts:
            yield _share_finding(ctx, claim, part, whole, lr.get(id(claim)))


_SharePart = tuple[ShareClaim, Resolved | Decimal | str, Resolved | Decimal | str]


def _whole_from_parts(parts: list[_SharePart]) -> list[_SharePart]:
    """An unnamed whole, when the listed shares make it up: the sum of the printed amounts.

    “因公出国（境）费100万元，占20.65%；公务用车…267.8万元，占55.3%；公务接待费116.5万元，
    占24%”: the shares add up to 100% within their rounding, so the whole is the sum
    of the three printed amounts (a figure computed from printed figures).
    """
    if len(parts) < 2 or not all(isinstance(w, str) for _, _, w in parts):
        return parts
    if any(c.amount is None for c, _, _ in parts):
        return parts
    shares_iv = sum_interval(c.share.interval() for c, _, _ in parts)
    if not shares_iv.lo <= HUNDRED <= shares_iv.hi:
        return parts
    amounts = [c.amount for c, _, _ in parts if c.amount is not None]
    whole = Resolved(
        sum((a.value for a in amounts), ZERO),
        sum_interval(a.interval() for a in amounts),
        (),
        "所列各项金额之和（各项占比合计100%）",
    )
    return [(c, c.amount.value if c.amount is not None else p, whole) for c, p, _ in parts]


def _of_base(claim: ShareClaim) -> str:
    return quoted(claim.base) if claim.base else ""


def _share_finding(
    ctx: Context,
    claim: ShareClaim,
    part: Resolved | Decimal | str,
    whole: Resolved | Decimal | str,
    allocated: Decimal | None,
) -> Finding | None:
    printed = claim.share
    if not isinstance(whole, str) and value_of(whole) == 0:
        return claim_finding(
            ctx,
            "GF-N012",
            claim,
            Outcome.INCONSISTENT,
            f"{label(claim.subject)}占比{printed.text}的基数{_of_base(claim)}为0，占比无法计算",
            actual=printed.value,
        )
    if isinstance(part, str) or isinstance(whole, str):
        reason = part if isinstance(part, str) else whole
        return claim_finding(
            ctx,
            "GF-N002",
            claim,
            Outcome.NOT_EVALUATED,
            f"{label(claim.subject)}占比{printed.text}未能核对：{reason}",
        )
    p, w = value_of(part), value_of(whole)
    if w == 0:
        return claim_finding(
            ctx,
            "GF-N012",
            claim,
            Outcome.INCONSISTENT,
            f"{label(claim.subject)}占比{printed.text}的基数{_of_base(claim)}为0，占比无法计算",
            actual=printed.value,
        )
    if ctx.rule.id != "GF-N002":
        return None  # the rest is GF-N002's: not worked out for another rule
    exact = percent(p, w)
    plain = round_percent(exact, printed.decimals)
    refs: list[CellRef] = []
    for x in (part, whole):
        if isinstance(x, Resolved):
            refs.extend(x.cells)
    try:
        values = percent_interval(interval_of(part), interval_of(whole))
    except UndefinedRate:
        values = Interval.point(exact)
    candidates = [Candidate(exact, values)]
    # the same share computed from the figures as printed (the prose's part, 2-decimal 万元)
    p_printed = claim.amount.value if claim.amount is not None else quantize(p, 2)
    w_printed = quantize(w, 2) if isinstance(whole, Resolved) else w
    if w_printed != 0:
        candidates.append(Candidate(percent(p_printed, w_printed), reason=Reason.FROM_PRINTED))
    match = compare_printed(printed.value, printed.decimals, candidates)
    if printed.value == plain:
        return claim_finding(
            ctx,
            "GF-N002",
            claim,
            Outcome.EXACT,
            f"{label(claim.subject)}占比{printed.text}正确",
            expected=plain,
            actual=printed.value,
            refs=refs,
            tolerance=match.tolerance,
        )
    if allocated is not None and printed.value == allocated:
        return claim_finding(
            ctx,
            "GF-N002",
            claim,
            Outcome.ROUNDING_RESIDUE,
            f"{label(claim.subject)}占比{printed.text}按四舍五入应为{pct(plain)}，与最大余额法分配（各项合计100%）一致",
            expected=plain,
            actual=printed.value,
            refs=refs,
            tolerance=match.tolerance,
            note="largest remainder: the set of shares sums to exactly 100%",
        )
    if match.outcome is Outcome.EXACT or match.consistent:
        why = match.reason or Reason.ROUNDING
        detail = (
            f"按印出数{amt(p_printed)}÷{amt(w_printed)}计算为{pct(match.expected)}"
            if why is Reason.FROM_PRINTED
            else f"按报表数计算应为{pct(plain)}"
        )
        return claim_finding(
            ctx,
            "GF-N002",
            claim,
            match.outcome,
            f"{label(claim.subject)}占比{printed.text}{detail}，{BECAUSE[why]}",
            expected=plain,
            actual=printed.value,
            refs=refs,
            tolerance=match.tolerance,
            reason=why,
        )
    return claim_finding(
        ctx,
        "GF-N002",
        claim,
        Outcome.INCONSISTENT,
        f"{label(claim.subject)}占比{printed.text}有误，按{amt(p)}÷{amt(w)}计算应为{pct(plain)}",
        expected=plain,
        actual=printed.value,
        refs=refs,
        tolerance=match.tolerance,
    )


# ---------------------------------------------------------------- GF-N013 procurement


def _procurement(ctx: Context) -> Iterator[Finding | None]:
    kinds: dict[str, Decimal] = {}
    sme: Decimal | None = None
    for claim in ctx.claims:
        if ctx.claims.topic(claim) is not Topic.PROCUREMENT:
            continue
        name = canonical(claim.subject)
        amount = claim.amount if isinstance(claim, AmountClaim | ShareClaim) else None
        if amount is not None:
            for kind in ("货物", "工程", "服务"):
                if name in (f"政府采购{kind}支出", f"{kind}支出", f"{kind}采购支出"):
                    kinds[kind] = amount.value
            if name.startswith("授予中小企业合同金额"):
                sme = amount.value
        if not isinstance(claim, ShareClaim) or claim.amount is not None:
            continue
        for kind in ("货物", "工程", "服务"):
            if not name.startswith(f"{kind}采购授予中小企业"):
                continue
            if len(kinds) < 3 or sme is None:
                yield claim_finding(
                    ctx,
                    "GF-N013",
                    claim,
                    Outcome.NOT_EVALUATED,
                    f"{kind}采购授予中小企业占比{claim.share.text}未能核对：未给出分类金额",
                )
                continue
            base = kinds[kind]
            others = [k for k in kinds if k != kind]
            if base == 0:
                continue  # reported by GF-N002/GF-N012 as a share of a zero base
            if all(kinds[k] == 0 for k in others):
                # every SME award must then be in this kind
                expected = round_percent(percent(sme, base), claim.share.decimals)
                if expected == claim.share.value:
                    yield claim_finding(
                        ctx,
                        "GF-N013",
                        claim,
                        Outcome.EXACT,
                        "采购分类占比正确",
                        expected=expected,
                        actual=claim.share.value,
                    )
                else:
                    yield claim_finding(
                        ctx,
                        "GF-N013",
                        claim,
                        Outcome.INCONSISTENT,
                        f"政府采购全部为{kind}（{amt(base)}），授予中小企业{amt(sme)}只能来自{kind}采购，"
                        f"{kind}采购授予中小企业占比应为{pct(expected)}，文中为{claim.share.text}",
                        expected=expected,
                        actual=claim.share.value,
                    )
            else:
                yield claim_finding(
                    ctx,
                    "GF-N013",
                    claim,
                    Outcome.NOT_EVALUATED,
                    f"{kind}采购授予中小企业占比{claim.share.text}未能核对：未给出该类授予中小企业金额",
                )
