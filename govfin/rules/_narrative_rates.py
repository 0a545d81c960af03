"""Narrative rules on rates: changes, execution rates, last year's figures, zero bases.

GF-N003 (a change's amount, rate and word agree), GF-N004 (完成预算的X%),
GF-N011 (last year's figures agree with last year's report), GF-N012 (no rate
on a zero base).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

import attrs

from govfin._rounding import Candidate, compare_printed, meets, meets_tolerance
from govfin._severity import Outcome, Reason, Severity
from govfin.amounts import ZERO, Interval, quantize
from govfin.calc import (
    Direction,
    UndefinedRate,
    change_rate_interval,
    difference_interval,
    magnitude,
    percent,
    percent_interval,
    rate_from_change_interval,
    round_percent,
)
from govfin.narrative import ChangeClaim, ExecutionClaim, Number, Resolved
from govfin.rules._context import Context
from govfin.rules._finding import Finding
from govfin.rules._narrative import (
    BECAUSE,
    NARRATIVE,
    amt,
    claim_finding,
    compare_amount,
    label,
    pct,
    signed,
    value_of,
)
from govfin.rules._narrative_shares import share_findings
from govfin.rules._registry import REGISTRY

__all__ = ["execution_findings"]


@REGISTRY.rule(
    "GF-N003",
    title="Change amount, rate and direction word agree",
    message="增减额、增减率与增减方向一致",
    severity=Severity.ERROR,
    tags=NARRATIVE,
)
def changes_agree(ctx: Context) -> Iterator[Finding | None]:
    """In a change (比上年/比年初预算 增加D万元，增长R%), the rate agrees with the amount.

    R = D / (X − D) with X the current figure; a change of 0 must be worded 持平.
    """
    return _changes(ctx)


@REGISTRY.rule(
    "GF-N004",
    title="Execution rate agrees with the budget and the final amount",
    message="完成预算百分比计算正确",
    severity=Severity.ERROR,
    tags=NARRATIVE,
)
def execution_rates_agree(ctx: Context) -> Iterator[Finding | None]:
    """完成年初预算的X% agrees with the budget and the final amount.

    无法计算 is right only when the budget is zero.
    """
    return execution_findings(ctx)


@REGISTRY.rule(
    "GF-N011",
    title="Last year's figures agree with last year's report",
    message="上年数与上年报告一致",
    severity=Severity.ERROR,
    tags=NARRATIVE,
)
def last_year_agrees(ctx: Context) -> Iterator[Finding | None]:
    """Figures quoted as last year's (current − change) agree with last year's report.

    Last year's report is given with ``govfin check --previous``.
    """
    return _previous(ctx)


@REGISTRY.rule(
    "GF-N012",
    title="No rate on a zero base",
    message="基数为零时不应给出百分比",
    severity=Severity.WARNING,
    tags=NARRATIVE,
)
def no_rate_on_zero(ctx: Context) -> Iterator[Finding | None]:
    """No percentage is printed for a zero base (a rate on a zero base is undefined).

    Shares, changes, execution rates and rates on last year's report are read
    for a zero base.
    """
    yield from share_findings(ctx)
    yield from _changes(ctx)
    yield from execution_findings(ctx)
    yield from _previous(ctx)


def _changes(ctx: Context) -> Iterator[Finding | None]:
    for claim in ctx.claims.of(ChangeClaim):
        direction = claim.direction
        diff = claim.difference
        who = label(claim.subject)
        # direction words against a zero change (the location marks the claim: one message
        # for all, so that a report's many “增加0万元” read as one finding with its places)
        if diff is not None and diff.value == 0 and direction in (Direction.UP, Direction.DOWN):
            yield claim_finding(
                ctx,
                "GF-N003",
                claim,
                Outcome.INCONSISTENT,
                f"增减额为0，应表述为“持平”，文中为“{claim.amount_word or claim.rate_word}”",
                severity=Severity.WARNING,
            )
        if claim.amount_word and claim.rate_word:
            a = _direction(claim.amount_word)
            r = _direction(claim.rate_word)
            if a is not None and r is not None and a is not r:
                yield claim_finding(
                    ctx,
                    "GF-N003",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{who}增减方向前后矛盾：“{claim.amount_word}”与“{claim.rate_word}”",
                )
        if claim.rate is not None and claim.rate_unmarked:
            yield claim_finding(
                ctx,
                "GF-N003",
                claim,
                Outcome.INCONSISTENT,
                f"{who}增减率“{claim.rate.text}”缺少百分号“%”，按{claim.rate.text}%核对",
                severity=Severity.WARNING,
                note="rate printed without %",
            )
        if claim.base is not None and claim.current is not None:
            yield from _stated_base(ctx, claim)
            continue
        if claim.rate is None or diff is None:
            continue
        if claim.current is None:
            yield claim_finding(
                ctx,
                "GF-N003",
                claim,
                Outcome.NOT_EVALUATED,
                f"{who}增减率{claim.rate.text}未能核对：句中未给出本年数",
            )
            continue
        d = signed(direction, diff.value)
        # the current figure: the table's when the subject resolves (a wrong quote of it
        # is GF-N001's finding, not a wrong rate), else as printed
        found = ctx.claims.resolve(claim)
        cur_value, cur_iv, cur_text = (
            claim.current.value,
            claim.current.interval(),
            claim.current.text,
        )
        if not isinstance(found, str):
            cur_value, cur_iv, cur_text = found.value, found.interval, amt(found.value)
        base = cur_value - d
        if base == 0:
            yield claim_finding(
                ctx,
                "GF-N012",
                claim,
                Outcome.INCONSISTENT,
                f"上年数（基数）为0，增减率无法计算，文中却写为{claim.rate.text}",
                actual=claim.rate.value,
            )
            continue
        if ctx.rule.id != "GF-N003":
            continue  # the rest is GF-N003's: not worked out for another rule
        exact = percent(abs(d), base) if base > 0 else None
        if exact is None:
            yield claim_finding(
                ctx,
                "GF-N003",
                claim,
                Outcome.INCONSISTENT,
                f"{who}按本年数{cur_text}和增减额{diff.text}推算的基数为负，表述有误",
            )
            continue
        expected = round_percent(exact, claim.rate.decimals)
        d_iv = diff.interval().scale(Decimal(-1) if direction is Direction.DOWN else Decimal(1))
        try:
            values = magnitude(rate_from_change_interval(d_iv, cur_iv))
        except UndefinedRate:
            values = Interval.point(exact)
        against = "年初预算数" if claim.against == "年初预算" else "上年数"
        detail = (
            f"{cur_text}{'−' if d >= 0 else '+'}{amt(abs(d))}＝{amt(base)}为{against}，"
            f"{claim.rate_word or ''}率应为{pct(expected)}"
        )
        base_printed = claim.current.value - d  # the same rate on the sentence's figures
        printed_rate = percent(abs(d), base_printed) if base_printed > 0 else None
        yield _rate_finding(ctx, claim, expected, values, detail=detail, printed_rate=printed_rate)


def _rate_finding(
    ctx: Context,
    claim: ChangeClaim,
    expected: Decimal,
    values: Interval,
    *,
    detail: str,
    rule: str = "GF-N003",
    printed_rate: Decimal | None = None,
) -> Finding | None:
    """A printed rate against the exact rate and the values its inputs allow.

    *printed_rate* is the same rate computed on the figures as printed (由印出数计算).
    """
    assert claim.rate is not None
    printed = claim.rate.value
    who = label(claim.subject)
    candidates = [Candidate(expected, values)]
    if printed_rate is not None:
        candidates.append(Candidate(printed_rate, reason=Reason.FROM_PRINTED))
    match = compare_printed(printed, claim.rate.decimals, candidates)
    if printed == expected:
        return claim_finding(
            ctx,
            rule,
            claim,
            Outcome.EXACT,
            f"{who}增减率{claim.rate.text}正确",
            expected=expected,
            actual=printed,
            tolerance=match.tolerance,
        )
    if match.consistent:
        reason = match.reason or Reason.ROUNDING
        return claim_finding(
            ctx,
            rule,
            claim,
            match.outcome,
            f"{who}增减率{claim.rate.text}：{detail}，{BECAUSE[reason]}",
            expected=expected,
            actual=printed,
            reason=reason,
            tolerance=match.tolerance,
        )
    return claim_finding(
        ctx,
        rule,
        claim,
        Outcome.INCONSISTENT,
        f"{who}增减率{claim.rate.text}有误：{detail}",
        expected=expected,
        actual=printed,
        tolerance=match.tolerance,
    )


def _stated_base(ctx: Context, claim: ChangeClaim) -> Iterator[Finding | None]:
    """“比上年的Y万元增加Z万元，增长R%”: the printed figures among themselves."""
    assert claim.base is not None
    assert claim.current is not None
    who = label(claim.subject)
    cur, base = claim.current, claim.base
    delta = cur.value - base.value
    delta_iv = difference_interval(cur.interval(), base.interval())
    direction = claim.direction
    truth = Direction.of(delta)
    if direction is not None and delta != 0 and direction is not truth:
        yield claim_finding(
            ctx,
            "GF-N003",
            claim,
            Outcome.INCONSISTENT,
            f"{who}本年数{cur.text}、上年数{base.text}，应为“{truth.amount_word}”，"
            f"文中为“{claim.amount_word or claim.rate_word}”",
            expected=delta,
            actual=signed(direction, claim.difference.value) if claim.difference else None,
        )
        return
    diff = claim.difference
    if diff is not None and ctx.rule.id == "GF-N003":
        stated = Decimal(abs(delta))
        tolerance = meets_tolerance(diff.interval(), magnitude(delta_iv))
        if diff.value == stated:
            yield claim_finding(
                ctx,
                "GF-N003",
                claim,
                Outcome.EXACT,
                f"{who}增减额{diff.text}等于{cur.text}与上年数{base.text}之差",
                expected=stated,
                actual=diff.value,
                tolerance=tolerance,
            )
        elif meets(diff.interval(), magnitude(delta_iv)):
            yield claim_finding(
                ctx,
                "GF-N003",
                claim,
                Outcome.ROUNDING_RESIDUE,
                f"{who}增减额{diff.text}与{cur.text}−{base.text}＝{amt(delta)}"
                f"相差{amt(diff.value - stated)}，属尾数误差",
                expected=stated,
                actual=diff.value,
                tolerance=tolerance,
            )
        else:
            yield claim_finding(
                ctx,
                "GF-N003",
                claim,
                Outcome.INCONSISTENT,
                f"{who}增减额{diff.text}有误：{cur.text}−{base.text}＝{amt(delta)}",
                expected=stated,
                actual=diff.value,
                tolerance=tolerance,
            )
    rate = claim.rate
    if rate is None:
        return
    if base.value == 0:
        yield claim_finding(
            ctx,
            "GF-N012",
            claim,
            Outcome.INCONSISTENT,
            f"{who}上年数为0，增减率无法计算，文中却写为{rate.text}",
            actual=rate.value,
        )
        return
    if ctx.rule.id != "GF-N003":
        return  # the rate is GF-N003's: not worked out for another rule
    expected = round_percent(percent(abs(delta), base.value), rate.decimals)
    try:
        values = magnitude(change_rate_interval(cur.interval(), base.interval()))
    except UndefinedRate:
        values = Interval.point(percent(abs(delta), base.value))
    detail = f"按本年数{cur.text}和上年数{base.text}计算应为{pct(expected)}"
    yield _rate_finding(ctx, claim, expected, values, detail=detail)


def _direction(word: str) -> Direction | None:
    try:
        return Direction.parse(word)
    except ValueError:
        return None


# ---------------------------------------------------------------- execution rates


def execution_findings(ctx: Context) -> Iterator[Finding | None]:
    """The findings on execution rates (完成预算的X%) of the context's rule.

    GF-N001 for the budget quoted, GF-N004 for the rate, GF-N012 for a rate on
    a zero budget.
    """
    rule = ctx.rule.id
    for claim in ctx.claims.of(ExecutionClaim):
        if rule == "GF-N001":
            yield _budget_finding(ctx, claim)
            continue  # the rate is GF-N004's and GF-N012's
        budget = claim.budget
        if budget.value == 0:
            if claim.rate is not None:
                yield claim_finding(
                    ctx,
                    "GF-N012",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{label(claim.subject)}年初预算为0，完成预算的百分比无法计算，文中却写为{claim.rate.text}",
                    actual=claim.rate.value,
                )
            elif claim.undefined_stated:
                yield claim_finding(
                    ctx, "GF-N004", claim, Outcome.EXACT, "预算为0，无法计算百分比，表述正确"
                )
            continue
        if rule != "GF-N004":
            continue  # the rest is GF-N004's: not worked out for another rule
        found = ctx.claims.resolve(claim)
        final: Resolved | Decimal = claim.final.value if isinstance(found, str) else found
        final_iv = claim.final.interval() if isinstance(found, str) else found.interval
        exact = percent(value_of(final), budget.value)
        if claim.rate is None:
            if claim.undefined_stated:
                yield claim_finding(
                    ctx,
                    "GF-N004",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{label(claim.subject)}预算数{budget.text}不为0，完成预算的百分比可以计算，应为{pct(round_percent(exact))}",
                    expected=round_percent(exact),
                )
            continue
        printed = claim.rate.value
        expected = round_percent(exact, claim.rate.decimals)
        if printed == expected:
            yield claim_finding(
                ctx,
                "GF-N004",
                claim,
                Outcome.EXACT,
                f"{label(claim.subject)}完成预算的{claim.rate.text}正确",
                expected=expected,
                actual=printed,
            )
            continue
        values = percent_interval(final_iv, budget.interval())
        candidates = [Candidate(exact, values)]
        if not isinstance(found, str):  # the same rate on the figures as printed
            candidates.append(
                Candidate(percent(claim.final.value, budget.value), reason=Reason.FROM_PRINTED)
            )
        match = compare_printed(printed, claim.rate.decimals, candidates)
        reason = (match.reason or Reason.ROUNDING) if match.consistent else None
        yield claim_finding(
            ctx,
            "GF-N004",
            claim,
            match.outcome,
            f"{label(claim.subject)}完成预算的{claim.rate.text}：{amt(value_of(final))}÷{budget.text}应为{pct(expected)}"
            + (f"，{BECAUSE[reason]}" if reason is not None else ""),
            expected=expected,
            actual=printed,
            reason=reason,
            tolerance=match.tolerance,
        )


def _budget_finding(ctx: Context, claim: ExecutionClaim) -> Finding | None:
    """GF-N001 on the budget an execution rate quotes (预算数X万元)."""
    in_budget = ctx.claims.resolve(claim, role="budget")
    if isinstance(in_budget, str):
        return claim_finding(
            ctx,
            "GF-N001",
            claim,
            Outcome.NOT_EVALUATED,
            f"{label(claim.subject)}预算数{claim.budget.text}未能核对：{in_budget}",
        )
    checked = compare_amount(
        ctx, "GF-N001", claim, claim.budget, in_budget, what=f"{label(claim.subject)}预算数"
    )
    other = _other_budget(claim, in_budget)
    if checked is not None and checked.outcome is Outcome.INCONSISTENT and other:
        # the table holds another budget than the prose names: no contradiction
        checked = attrs.evolve(
            checked,
            outcome=Outcome.NOT_EVALUATED,
            severity=Severity.INFO,
            message=f"{label(claim.subject)}{claim.budget_word}{claim.budget.text}"
            f"未能核对：{other}",
            tolerance=None,
        )
    return checked


_WHOLE_YEAR_RE: Final = re.compile(r"全年预算|调整后|调整预算")


def _other_budget(claim: ExecutionClaim, found: Resolved) -> str:
    """Why the table's budget is not the one the prose names (年初 vs 全年), or ``""``.

    A table whose note or column says its 预算数 is the 全年预算 (adjusted during
    the year) does not hold the 年初预算 the prose quotes.
    """
    if "年初" not in claim.budget_word:
        return ""
    for ref in found.cells:
        column = ref.table.column(ref.column)
        texts = (*ref.table.notes, column.title if column else "")
        if any(_WHOLE_YEAR_RE.search(t) for t in texts):
            return f"{ref.table.label}的预算数为全年预算数（按规定程序调整后），文中为年初预算"
    return ""


# ---------------------------------------------------------------- last year's report


def _change_candidates(
    claim: ChangeClaim, cur_value: Decimal, cur_iv: Interval, found: Resolved, last: Decimal
) -> list[Candidate]:
    """The ways a change on last year may have been computed.

    From the tables' amounts (in their kept unit, within their rounding), and from
    the figures as printed: this year's in the sentence (or the table's at the
    prose's decimals) less last year's as printed (*last*).
    """
    assert claim.current is not None
    candidates = [Candidate(cur_value - found.value, cur_iv - found.interval)]
    places = last.as_tuple().exponent
    this_printed = quantize(cur_value, -places) if isinstance(places, int) else cur_value
    candidates.extend(
        Candidate(this - last, reason=Reason.FROM_PRINTED)
        for this in dict.fromkeys((claim.current.value, this_printed))
    )
    return candidates


def _previous(ctx: Context) -> Iterator[Finding | None]:
    for claim in ctx.claims.of(ChangeClaim):
        if claim.against != "上年":
            continue
        if claim.current is None:
            continue
        if claim.base is not None:
            yield _previous_base(ctx, claim, claim.base)
            continue
        if claim.difference is None and claim.rate is not None:
            yield _previous_rate(ctx, claim, claim.rate)
            continue
        # the rest is GF-N011's: not worked out for another rule
        if ctx.rule.id != "GF-N011" or (
            claim.difference is None and claim.direction is not Direction.FLAT
        ):
            continue
        diff = claim.difference.value if claim.difference is not None else ZERO
        diff_iv = Interval.point(ZERO)
        if claim.difference is not None:
            diff_iv = claim.difference.interval()
        current = ctx.claims.resolve(claim)
        cur_value, cur_iv = claim.current.value, claim.current.interval()
        if not isinstance(current, str):
            cur_value, cur_iv = current.value, current.interval
        stated = cur_value - signed(claim.direction, diff)
        # a 预算 table in 元 gives a 6-decimal 万元 figure: show it as the prose would
        places = max(claim.difference.decimals, 2) if claim.difference is not None else 2
        exponent = stated.as_tuple().exponent
        shown = stated
        if isinstance(exponent, int) and exponent < -places:
            shown = quantize(stated, places)
        if ctx.previous is None:
            yield claim_finding(
                ctx,
                "GF-N011",
                claim,
                Outcome.NOT_EVALUATED,
                f"{label(claim.subject)}上年数{amt(shown)}未能核对：未提供上年报告（--previous）",
            )
            continue
        found = ctx.claims.resolve_previous(claim)
        assert found is not None
        if isinstance(found, str):
            yield claim_finding(
                ctx,
                "GF-N011",
                claim,
                Outcome.NOT_EVALUATED,
                f"{label(claim.subject)}上年数{amt(shown)}未能核对：{found}",
            )
            continue
        iv = cur_iv - diff_iv.scale(
            Decimal(-1) if claim.direction is Direction.DOWN else Decimal(1)
        )
        # The printed change against the two ways of computing it: from the tables'
        # amounts (in their kept unit, within their rounding), and from the figures
        # as printed (this year's in the sentence, last year's at the prose's decimals).
        last_printed = quantize(found.value, places)
        match = compare_printed(
            signed(claim.direction, diff),
            claim.difference.decimals if claim.difference is not None else places,
            _change_candidates(claim, cur_value, cur_iv, found, last_printed),
        )
        if match.outcome is Outcome.EXACT or stated == found.value:
            yield claim_finding(
                ctx,
                "GF-N011",
                claim,
                Outcome.EXACT,
                f"{label(claim.subject)}上年数{amt(shown)}与上年报告一致",
                expected=found.value,
                actual=stated,
                tolerance=match.tolerance,
            )
        elif match.consistent or meets(iv, found.interval):
            reason = match.reason or Reason.ROUNDING
            if reason is Reason.FROM_PRINTED:
                said = claim.difference.text if claim.difference else "0"
                text = (
                    f"{label(claim.subject)}增减额{said}为印出数之差"
                    f"（本年数−上年报告数{amt(last_printed)}），与上年报告一致，由印出数计算"
                )
            else:
                text = (
                    f"{label(claim.subject)}按本年数和增减额推算的上年数{amt(stated)}与上年报告{amt(found.value)}相差"
                    f"{amt(stated - found.value)}，{BECAUSE[reason]}"
                )
            yield claim_finding(
                ctx,
                "GF-N011",
                claim,
                match.outcome if match.consistent else Outcome.ROUNDING_RESIDUE,
                text,
                expected=found.value,
                actual=stated,
                reason=reason,
                tolerance=match.tolerance
                if match.consistent
                else meets_tolerance(iv, found.interval),
            )
        else:
            yield claim_finding(
                ctx,
                "GF-N011",
                claim,
                Outcome.INCONSISTENT,
                f"{label(claim.subject)}按本年数和增减额推算的上年数{amt(stated)}与上年报告{amt(found.value)}不一致",
                expected=found.value,
                actual=stated,
                tolerance=match.tolerance,
            )


def _previous_base(ctx: Context, claim: ChangeClaim, base: Number) -> Finding | None:
    """The stated base (“上年预算数为Y万元”) against last year's report."""
    who = label(claim.subject)
    found = _in_previous(ctx, claim, f"{who}上年数{base.text}未能核对：")
    if not isinstance(found, Resolved):
        return found
    return compare_amount(ctx, "GF-N011", claim, base, found, what=f"{who}上年数")


def _in_previous(ctx: Context, claim: ChangeClaim, unchecked: str) -> Resolved | Finding | None:
    """The claim's subject in last year's report, or the finding that says why not.

    *unchecked* leads the message.
    """
    found = ctx.claims.resolve_previous(claim)
    if found is None:
        return claim_finding(
            ctx,
            "GF-N011",
            claim,
            Outcome.NOT_EVALUATED,
            f"{unchecked}未提供上年报告（--previous）",
        )
    if isinstance(found, str):
        return claim_finding(ctx, "GF-N011", claim, Outcome.NOT_EVALUATED, f"{unchecked}{found}")
    return found


def _previous_rate(ctx: Context, claim: ChangeClaim, rate: Number) -> Finding | None:
    """A rate given alone (“比上年增长8.96%”): this year's tables against last year's report."""
    who = label(claim.subject)
    lead = f"{who}增减率{rate.text}未能核对："
    found = _in_previous(
        ctx, claim, lead if ctx.previous is not None else f"{lead}句中未给出增减额或上年数，且"
    )
    if not isinstance(found, Resolved):
        return found
    assert claim.current is not None
    current = ctx.claims.resolve(claim)
    cur_value, cur_iv = claim.current.value, claim.current.interval()
    if not isinstance(current, str):
        cur_value, cur_iv = current.value, current.interval
    if found.value == 0:
        return claim_finding(
            ctx,
            "GF-N012",
            claim,
            Outcome.INCONSISTENT,
            f"{who}上年数为0，增减率无法计算，文中却写为{rate.text}",
            actual=rate.value,
        )
    delta = cur_value - found.value
    direction = claim.direction
    wrong_way = direction in (Direction.UP, Direction.DOWN) and Direction.of(delta) is not direction
    if delta != 0 and wrong_way:
        return claim_finding(
            ctx,
            "GF-N011",
            claim,
            Outcome.INCONSISTENT,
            f"{who}本年{amt(cur_value)}、上年报告{amt(found.value)}，"
            f"应为“{Direction.of(delta).rate_word}”，文中为“{claim.rate_word}”",
            expected=found.value,
            actual=cur_value,
        )
    exact = percent(abs(delta), found.value)
    expected = round_percent(exact, rate.decimals)
    try:
        values = magnitude(change_rate_interval(cur_iv, found.interval))
    except UndefinedRate:
        values = Interval.point(exact)
    detail = f"按本年{amt(cur_value)}和上年报告{amt(found.value)}计算应为{pct(expected)}"
    last_printed = quantize(found.value, 2)  # the same rate on the figures as printed
    printed_rate = (
        percent(abs(claim.current.value - last_printed), last_printed) if last_printed else None
    )
    return _rate_finding(
        ctx, claim, expected, values, detail=detail, rule="GF-N011", printed_rate=printed_rate
    )
