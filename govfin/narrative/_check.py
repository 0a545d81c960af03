"""Checking claims: against the tables, against each other, and against last year's report."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Final

import attrs

from govfin.amounts import ZERO, Interval, quantize
from govfin.calc import (
    HUNDRED,
    Direction,
    UndefinedRate,
    change_rate_interval,
    difference_interval,
    magnitude,
    percent,
    percent_interval,
    rate_from_change_interval,
    round_percent,
    shares,
    sum_interval,
)
from govfin.classification import Catalog, Level, bundled, bundled_years
from govfin.narrative._claims import (
    AmountClaim,
    ChangeClaim,
    Claim,
    ComparisonClaim,
    CountClaim,
    ExecutionClaim,
    NameClaim,
    Number,
    ResidueClaim,
    Sentence,
    ShareClaim,
    TotalClaim,
    YearClaim,
)
from govfin.narrative._extract import _sections, extract, normalise_name, sentences
from govfin.narrative._resolve import (
    CellRef,
    Resolved,
    Topic,
    canonical,
    quoted,
    resolve,
    topic_of,
)
from govfin.report import Report, ReportKind
from govfin.rules import (
    Candidate,
    Outcome,
    Reason,
    Severity,
    compare_printed,
    compare_sum,
    figure,
)

__all__ = ["RULES", "Verdict", "assess"]

RULES: Final[dict[str, tuple[str, str, Severity]]] = {
    "GF-N001": ("Amount quoted in the prose equals the tables", "金额与报表一致", Severity.ERROR),
    "GF-N002": ("Share quoted in the prose is recomputed exactly", "占比计算正确", Severity.ERROR),
    "GF-N003": (
        "Change amount, rate and direction word agree",
        "增减额、增减率与增减方向一致",
        Severity.ERROR,
    ),
    "GF-N004": (
        "Execution rate agrees with the budget and the final amount",
        "完成预算百分比计算正确",
        Severity.ERROR,
    ),
    "GF-N005": (
        "Comparison word matches the figures",
        "比较用语（大于/小于/一致）与数字相符",
        Severity.ERROR,
    ),
    "GF-N006": (
        "Stated total equals the sum of its items",
        "合计数等于所列明细之和",
        Severity.ERROR,
    ),
    "GF-N007": (
        "The same figure is quoted alike everywhere",
        "同一数字前后表述一致",
        Severity.WARNING,
    ),
    "GF-N008": ("A count matches the items listed", "个数与列举项目一致", Severity.WARNING),
    "GF-N009": ("Years fit the report", "年份与报告年度相符", Severity.ERROR),
    "GF-N010": ("No template residue", "无模板残留文字", Severity.WARNING),
    "GF-N011": (
        "Last year's figures agree with last year's report",
        "上年数与上年报告一致",
        Severity.ERROR,
    ),
    "GF-N012": ("No rate on a zero base", "基数为零时不应给出百分比", Severity.WARNING),
    "GF-N013": ("Government procurement figures agree", "政府采购数据前后一致", Severity.ERROR),
    "GF-N014": (
        "Classification names are those of the report's edition",
        "科目名称与报告年度的分类科目一致",
        Severity.WARNING,
    ),
}
"""The narrative rules: id → (English title, Chinese title, severity of an inconsistency)."""


@attrs.frozen
class Verdict:
    """The result of checking one claim: rule, outcome, severity, figures and message.

    *cells* describe the table cells used (``公开05表 …, 201 一般公共服务支出, 小计``).

    >>> from govfin.io import load_example
    >>> v = [v for v in assess(load_example()) if "523.39%" in v.claim.text][0]
    >>> v.rule, v.severity.value, v.expected, v.actual, v.difference
    ('GF-N003', 'error', Decimal('449.57'), Decimal('523.39'), Decimal('73.82'))
    """

    rule: str
    claim: Claim
    outcome: Outcome
    severity: Severity
    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    cells: tuple[str, ...] = ()
    note: str | None = None
    refs: tuple[CellRef, ...] = attrs.field(default=(), eq=False, repr=False)
    reason: Reason | None = None
    """Why a residue is one (尾数误差, 舍位平衡, 由印出数计算, 截尾)."""

    @property
    def is_pass(self) -> bool:
        """Whether the claim checked exactly."""
        return self.outcome is Outcome.EXACT

    @property
    def difference(self) -> Decimal | None:
        """``actual - expected`` when both are known."""
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected


def _v(
    rule: str,
    claim: Claim,
    outcome: Outcome,
    message: str,
    *,
    expected: Decimal | None = None,
    actual: Decimal | None = None,
    cells: Sequence[str] = (),
    severity: Severity | None = None,
    note: str | None = None,
    refs: Sequence[CellRef] = (),
    reason: Reason | None = None,
) -> Verdict:
    if reason is None:
        reason = _DEFAULT_REASONS.get(outcome)
    elif outcome not in _DEFAULT_REASONS:
        reason = None
    if severity is None:
        if outcome is Outcome.INCONSISTENT:
            severity = RULES[rule][2]
        elif outcome is Outcome.TRUNCATION_RESIDUE:
            severity = min(RULES[rule][2], Severity.WARNING)
        else:
            severity = Severity.INFO
    return Verdict(
        rule,
        claim,
        outcome,
        severity,
        message,
        expected,
        actual,
        tuple(cells),
        note,
        tuple(refs),
        reason,
    )


_DEFAULT_REASONS: Final = {
    Outcome.ROUNDING_RESIDUE: Reason.ROUNDING,
    Outcome.TRUNCATION_RESIDUE: Reason.TRUNCATION,
}
"""The reason of a residue when the check does not say a more precise one."""

_BECAUSE: Final = {
    Reason.ROUNDING: "属尾数误差",
    Reason.BALANCING: "属舍位平衡",
    Reason.FROM_PRINTED: "由印出数计算",
    Reason.TRUNCATION: "仅在截尾（舍去尾数）时成立",
}
"""How a message says why a residue is one."""


def _label(subject: str) -> str:
    """How a message names what a claim speaks of: quoted, or “句中” when it is unnamed."""
    return quoted(subject) if subject.strip() else "句中"


def _of_base(claim: ShareClaim) -> str:
    return quoted(claim.base) if claim.base else ""


def _pct(value: Decimal) -> str:
    return f"{value:f}%"


def _amt(value: Decimal) -> str:
    """An amount in 万元 as the prose prints it: trailing zeros past two decimals dropped."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        value = value.normalize()
        if value.as_tuple().exponent > -2:  # type: ignore[operator]
            value = quantize(value, 2)
    return f"{value:f}万元"


def _meets(a: Interval, b: Interval) -> bool:
    """Whether one true value could be printed as both (:meth:`Interval.coincides`)."""
    return a.coincides(b)


# ---------------------------------------------------------------- the context of a run


@attrs.define
class _Run:
    report: Report
    previous: Report | None
    claims: tuple[Claim, ...]
    editions: tuple[Catalog, ...] | None = None
    by_paragraph: dict[tuple[str, int], list[Claim]] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        groups: dict[tuple[str, int], list[Claim]] = defaultdict(list)
        for c in self.claims:
            groups[(c.sentence.section, c.sentence.paragraph)].append(c)
        self.by_paragraph = dict(groups)

    def paragraph(self, claim: Claim) -> list[Claim]:
        return self.by_paragraph.get((claim.sentence.section, claim.sentence.paragraph), [])

    def resolve(
        self, claim: Claim, subject: str | None = None, *, role: str = "final", bound: bool = False
    ) -> Resolved | str:
        """The table figure of *subject*; an upper bound only when *bound* is asked for."""
        topic = topic_of((claim.sentence.section, *claim.sentence.headings))
        found = resolve(
            self.report,
            subject if subject is not None else claim.subject,
            topic,
            path=claim.path,
            role=role,
        )
        if not bound and isinstance(found, Resolved) and found.bound:
            return found.bound
        return found


def _compare_amount(
    rule: str, claim: Claim, printed: Number, found: Resolved, what: str
) -> Verdict:
    """A printed amount against a resolved table value, rounding-aware, in one unit.

    The printed figure is converted exactly into the unit of *found* (万元) and
    carries the precision it prints (“17,192万元” is ±0.5 万元).  It agrees when
    it is the table value rounded half-up to the printed decimals, or a value
    the table figures could stand for; when it is the sum of several cells
    each rounded to the printed decimals (由印出数计算); or, as a residue, a
    truncation of the table value (截尾).
    """
    cells = tuple(c.describe() for c in found.cells) or (found.description,)
    refs = found.cells
    amount = printed.amount(0)
    if printed.unit is not None and printed.unit is not found.unit:
        amount = amount.to(found.unit)
    value = amount.value
    places = amount.precision if amount.precision is not None else 2
    candidates = [Candidate(found.value, found.interval)]
    if len(found.cells) > 1 and places >= 0:
        summed = sum((quantize(c.amount(found.unit).value, places) for c in found.cells), ZERO)
        candidates.append(Candidate(summed, reason=Reason.FROM_PRINTED))
    match = compare_printed(value, places, candidates)

    def out(outcome: Outcome, text: str, reason: Reason | None = None) -> Verdict:
        return _v(
            rule,
            claim,
            outcome,
            text,
            expected=found.value,
            actual=value,
            cells=cells,
            refs=refs,
            reason=reason,
        )

    if match.outcome is Outcome.EXACT:
        if value == found.value:
            return out(Outcome.EXACT, f"{what}{printed.text}与报表一致")
        return out(
            Outcome.EXACT,
            f"{what}{printed.text}与报表数{_amt(found.value)}（{found.description}）"
            f"四舍五入保留{places}位小数一致",
        )
    if found.bound and not match.consistent and value < found.value:
        return out(
            Outcome.NOT_EVALUATED,
            f"{what}{printed.text}未能核对：{found.bound}（公用经费合计{_amt(found.value)}，"
            f"{found.description}）",
        )
    if found.bound and not match.consistent and value > found.value:
        return out(
            Outcome.INCONSISTENT,
            f"{what}{printed.text}大于公用经费合计{_amt(found.value)}（{found.description}）；"
            f"{found.bound}，不能大于公用经费合计",
        )
    if match.consistent:
        reason = match.reason or Reason.ROUNDING
        if reason is Reason.FROM_PRINTED:
            detail = f"与所列各数按印出精度相加之和{_amt(match.expected)}一致"
        elif reason is Reason.TRUNCATION:
            detail = f"为报表数{_amt(found.value)}截尾保留{places}位小数"
        else:
            detail = (
                f"与报表数{_amt(found.value)}相差{_amt(value - found.value)}，在四舍五入容差以内"
            )
        return out(match.outcome, f"{what}{printed.text}{detail}，{_BECAUSE[reason]}", reason)
    return out(
        Outcome.INCONSISTENT,
        f"{what}{printed.text}与报表数{_amt(found.value)}不一致（{found.description}）",
    )


# ---------------------------------------------------------------- GF-N001 amounts


def _amounts(run: _Run) -> Iterator[Verdict]:
    for claim in run.claims:
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
        found = run.resolve(claim, subject, bound=True)
        if isinstance(found, str):
            yield _v(
                "GF-N001",
                claim,
                Outcome.NOT_EVALUATED,
                f"{_label(subject)}{printed.text}未能核对：{found}",
            )
            continue
        yield _compare_amount("GF-N001", claim, printed, found, _label(subject))


# ---------------------------------------------------------------- GF-N002 shares


def _base_of(run: _Run, claim: ShareClaim) -> Resolved | Decimal | str:
    """The whole a share is of: named in the claim, the section's total, or a figure nearby."""
    base = claim.base
    topic = topic_of((claim.sentence.section, *claim.sentence.headings))
    if base:
        found = run.resolve(claim, base)
        if not isinstance(found, str):
            return found
        wanted = canonical(base)
        core = wanted.removesuffix("金额").removesuffix("总额")
        for other in run.paragraph(claim):
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
        return run.resolve(claim, "收入合计")
    if topic is Topic.EXPENDITURE:
        return run.resolve(claim, "支出合计")
    if topic is Topic.GENERAL:
        return run.resolve(claim, "财政拨款支出")
    if topic is Topic.BASIC:
        return run.resolve(claim, "基本支出")
    return "未说明占比的基数"


def _shares(run: _Run) -> Iterator[Verdict]:
    # group the shares of one sentence with one base (for the largest remainder)
    groups: dict[tuple[int, str], list[ShareClaim]] = defaultdict(list)
    for claim in run.claims:
        if isinstance(claim, ShareClaim):
            groups[(claim.sentence.start + claim.sentence.offset, claim.base)].append(claim)
    for group in groups.values():
        parts: list[tuple[ShareClaim, Resolved | Decimal | str, Resolved | Decimal | str]] = []
        for claim in group:
            whole = _base_of(run, claim)
            part: Resolved | Decimal | str
            if claim.amount is None:
                part = "未给出金额"
            else:
                found = run.resolve(claim)
                part = found if not isinstance(found, str) else claim.amount.value
            parts.append((claim, part, whole))
        parts = _whole_from_parts(parts)
        lr: dict[int, Decimal] = {}
        wholes = {_value(w) for _, _, w in parts if not isinstance(w, str)}
        values = [_value(p) for _, p, _ in parts if not isinstance(p, str)]
        if len(wholes) == 1 and len(values) == len(parts) and len(parts) > 1:
            whole_value = wholes.pop()
            if whole_value > 0 and all(v >= 0 for v in values):
                decimals = max(c.share.decimals for c, _, _ in parts)
                allocated = shares(values, whole_value, decimals=decimals)
                lr = {id(c): a for (c, _, _), a in zip(parts, allocated, strict=True)}
        for claim, part, whole in parts:
            yield _share_verdict(claim, part, whole, lr.get(id(claim)))


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


def _value(x: Resolved | Decimal) -> Decimal:
    return x.value if isinstance(x, Resolved) else x


def _interval(x: Resolved | Decimal) -> Interval:
    return x.interval if isinstance(x, Resolved) else Interval.around(x, 2)


def _share_verdict(
    claim: ShareClaim,
    part: Resolved | Decimal | str,
    whole: Resolved | Decimal | str,
    allocated: Decimal | None,
) -> Verdict:
    printed = claim.share
    if not isinstance(whole, str) and _value(whole) == 0:
        return _v(
            "GF-N012",
            claim,
            Outcome.INCONSISTENT,
            f"{_label(claim.subject)}占比{printed.text}的基数{_of_base(claim)}为0，占比无法计算",
            actual=printed.value,
        )
    if isinstance(part, str) or isinstance(whole, str):
        reason = part if isinstance(part, str) else whole
        return _v(
            "GF-N002",
            claim,
            Outcome.NOT_EVALUATED,
            f"{_label(claim.subject)}占比{printed.text}未能核对：{reason}",
        )
    p, w = _value(part), _value(whole)
    if w == 0:
        return _v(
            "GF-N012",
            claim,
            Outcome.INCONSISTENT,
            f"{_label(claim.subject)}占比{printed.text}的基数{_of_base(claim)}为0，占比无法计算",
            actual=printed.value,
        )
    exact = percent(p, w)
    plain = round_percent(exact, printed.decimals)
    cells: list[str] = []
    refs: list[CellRef] = []
    for x in (part, whole):
        if isinstance(x, Resolved):
            cells.extend(c.describe() for c in x.cells)
            refs.extend(x.cells)
    if printed.value == plain:
        return _v(
            "GF-N002",
            claim,
            Outcome.EXACT,
            f"{_label(claim.subject)}占比{printed.text}正确",
            expected=plain,
            actual=printed.value,
            cells=cells,
            refs=refs,
        )
    if allocated is not None and printed.value == allocated:
        return _v(
            "GF-N002",
            claim,
            Outcome.ROUNDING_RESIDUE,
            f"{_label(claim.subject)}占比{printed.text}按四舍五入应为{_pct(plain)}，与最大余额法分配（各项合计100%）一致",
            expected=plain,
            actual=printed.value,
            cells=cells,
            refs=refs,
            note="largest remainder: the set of shares sums to exactly 100%",
        )
    try:
        values = percent_interval(_interval(part), _interval(whole))
    except UndefinedRate:
        values = Interval.point(exact)
    candidates = [Candidate(exact, values)]
    # the same share computed from the figures as printed (the prose's part, 2-decimal 万元)
    p_printed = claim.amount.value if claim.amount is not None else quantize(p, 2)
    w_printed = quantize(w, 2) if isinstance(whole, Resolved) else w
    if w_printed != 0:
        candidates.append(Candidate(percent(p_printed, w_printed), reason=Reason.FROM_PRINTED))
    match = compare_printed(printed.value, printed.decimals, candidates)
    if match.outcome is Outcome.EXACT or match.consistent:
        why = match.reason or Reason.ROUNDING
        detail = (
            f"按印出数{_amt(p_printed)}÷{_amt(w_printed)}计算为{_pct(match.expected)}"
            if why is Reason.FROM_PRINTED
            else f"按报表数计算应为{_pct(plain)}"
        )
        return _v(
            "GF-N002",
            claim,
            match.outcome,
            f"{_label(claim.subject)}占比{printed.text}{detail}，{_BECAUSE[why]}",
            expected=plain,
            actual=printed.value,
            cells=cells,
            refs=refs,
            reason=why,
        )
    return _v(
        "GF-N002",
        claim,
        Outcome.INCONSISTENT,
        f"{_label(claim.subject)}占比{printed.text}有误，按{_amt(p)}÷{_amt(w)}计算应为{_pct(plain)}",
        expected=plain,
        actual=printed.value,
        cells=cells,
        refs=refs,
    )


# ---------------------------------------------------------------- GF-N003 changes


def _signed(direction: Direction | None, value: Decimal) -> Decimal:
    return -value if direction is Direction.DOWN else value


def _changes(run: _Run) -> Iterator[Verdict]:
    for claim in run.claims:
        if not isinstance(claim, ChangeClaim):
            continue
        direction = claim.direction
        diff = claim.difference
        who = _label(claim.subject)
        # direction words against a zero change (the location marks the claim: one message
        # for all, so that a report's many “增加0万元” read as one finding with its places)
        if diff is not None and diff.value == 0 and direction in (Direction.UP, Direction.DOWN):
            yield _v(
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
                yield _v(
                    "GF-N003",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{who}增减方向前后矛盾：“{claim.amount_word}”与“{claim.rate_word}”",
                )
        if claim.rate is not None and claim.rate_unmarked:
            yield _v(
                "GF-N003",
                claim,
                Outcome.INCONSISTENT,
                f"{who}增减率“{claim.rate.text}”缺少百分号“%”，按{claim.rate.text}%核对",
                severity=Severity.WARNING,
                note="rate printed without %",
            )
        if claim.base is not None and claim.current is not None:
            yield from _stated_base(claim)
            continue
        if claim.rate is None or diff is None:
            continue
        if claim.current is None:
            yield _v(
                "GF-N003",
                claim,
                Outcome.NOT_EVALUATED,
                f"{who}增减率{claim.rate.text}未能核对：句中未给出本年数",
            )
            continue
        d = _signed(direction, diff.value)
        # the current figure: the table's when the subject resolves (a wrong quote of it
        # is GF-N001's finding, not a wrong rate), else as printed
        found = run.resolve(claim)
        cur_value, cur_iv, cur_text = (
            claim.current.value,
            claim.current.interval(),
            claim.current.text,
        )
        if not isinstance(found, str):
            cur_value, cur_iv, cur_text = found.value, found.interval, _amt(found.value)
        base = cur_value - d
        if base == 0:
            yield _v(
                "GF-N012",
                claim,
                Outcome.INCONSISTENT,
                f"上年数（基数）为0，增减率无法计算，文中却写为{claim.rate.text}",
                actual=claim.rate.value,
            )
            continue
        exact = percent(abs(d), base) if base > 0 else None
        if exact is None:
            yield _v(
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
            f"{cur_text}{'−' if d >= 0 else '+'}{_amt(abs(d))}＝{_amt(base)}为{against}，"
            f"{claim.rate_word or ''}率应为{_pct(expected)}"
        )
        base_printed = claim.current.value - d  # the same rate on the sentence's figures
        printed_rate = percent(abs(d), base_printed) if base_printed > 0 else None
        yield _rate_verdict(claim, expected, values, detail, printed_rate=printed_rate)


def _rate_verdict(
    claim: ChangeClaim,
    expected: Decimal,
    values: Interval,
    detail: str,
    rule: str = "GF-N003",
    *,
    printed_rate: Decimal | None = None,
) -> Verdict:
    """A printed rate against the exact rate and the values its inputs allow.

    *printed_rate* is the same rate computed on the figures as printed (由印出数计算).
    """
    assert claim.rate is not None
    printed = claim.rate.value
    who = _label(claim.subject)
    if printed == expected:
        return _v(
            rule,
            claim,
            Outcome.EXACT,
            f"{who}增减率{claim.rate.text}正确",
            expected=expected,
            actual=printed,
        )
    candidates = [Candidate(expected, values)]
    if printed_rate is not None:
        candidates.append(Candidate(printed_rate, reason=Reason.FROM_PRINTED))
    match = compare_printed(printed, claim.rate.decimals, candidates)
    if match.consistent:
        reason = match.reason or Reason.ROUNDING
        return _v(
            rule,
            claim,
            match.outcome,
            f"{who}增减率{claim.rate.text}：{detail}，{_BECAUSE[reason]}",
            expected=expected,
            actual=printed,
            reason=reason,
        )
    return _v(
        rule,
        claim,
        Outcome.INCONSISTENT,
        f"{who}增减率{claim.rate.text}有误：{detail}",
        expected=expected,
        actual=printed,
    )


def _stated_base(claim: ChangeClaim) -> Iterator[Verdict]:
    """“比上年的Y万元增加Z万元，增长R%”: the printed figures among themselves."""
    assert claim.base is not None
    assert claim.current is not None
    who = _label(claim.subject)
    cur, base = claim.current, claim.base
    delta = cur.value - base.value
    delta_iv = difference_interval(cur.interval(), base.interval())
    direction = claim.direction
    truth = Direction.of(delta)
    if direction is not None and delta != 0 and direction is not truth:
        yield _v(
            "GF-N003",
            claim,
            Outcome.INCONSISTENT,
            f"{who}本年数{cur.text}、上年数{base.text}，应为“{truth.amount_word}”，"
            f"文中为“{claim.amount_word or claim.rate_word}”",
            expected=delta,
            actual=_signed(direction, claim.difference.value) if claim.difference else None,
        )
        return
    diff = claim.difference
    if diff is not None:
        stated = Decimal(abs(delta))
        if diff.value == stated:
            yield _v(
                "GF-N003",
                claim,
                Outcome.EXACT,
                f"{who}增减额{diff.text}等于{cur.text}与上年数{base.text}之差",
                expected=stated,
                actual=diff.value,
            )
        elif _meets(diff.interval(), magnitude(delta_iv)):
            yield _v(
                "GF-N003",
                claim,
                Outcome.ROUNDING_RESIDUE,
                f"{who}增减额{diff.text}与{cur.text}−{base.text}＝{_amt(delta)}"
                f"相差{_amt(diff.value - stated)}，属尾数误差",
                expected=stated,
                actual=diff.value,
            )
        else:
            yield _v(
                "GF-N003",
                claim,
                Outcome.INCONSISTENT,
                f"{who}增减额{diff.text}有误：{cur.text}−{base.text}＝{_amt(delta)}",
                expected=stated,
                actual=diff.value,
            )
    rate = claim.rate
    if rate is None:
        return
    if base.value == 0:
        yield _v(
            "GF-N012",
            claim,
            Outcome.INCONSISTENT,
            f"{who}上年数为0，增减率无法计算，文中却写为{rate.text}",
            actual=rate.value,
        )
        return
    expected = round_percent(percent(abs(delta), base.value), rate.decimals)
    try:
        values = magnitude(change_rate_interval(cur.interval(), base.interval()))
    except UndefinedRate:
        values = Interval.point(percent(abs(delta), base.value))
    detail = f"按本年数{cur.text}和上年数{base.text}计算应为{_pct(expected)}"
    yield _rate_verdict(claim, expected, values, detail)


def _direction(word: str) -> Direction | None:
    try:
        return Direction.parse(word)
    except ValueError:
        return None


# ---------------------------------------------------------------- GF-N004 execution


def _executions(run: _Run) -> Iterator[Verdict]:
    for claim in run.claims:
        if not isinstance(claim, ExecutionClaim):
            continue
        in_budget = run.resolve(claim, role="budget")
        if isinstance(in_budget, str):
            yield _v(
                "GF-N001",
                claim,
                Outcome.NOT_EVALUATED,
                f"{_label(claim.subject)}预算数{claim.budget.text}未能核对：{in_budget}",
            )
        else:
            checked = _compare_amount(
                "GF-N001", claim, claim.budget, in_budget, f"{_label(claim.subject)}预算数"
            )
            other = _other_budget(claim, in_budget)
            if checked.outcome is Outcome.INCONSISTENT and other:
                # the table holds another budget than the prose names: no contradiction
                checked = attrs.evolve(
                    checked,
                    outcome=Outcome.NOT_EVALUATED,
                    severity=Severity.INFO,
                    message=f"{_label(claim.subject)}{claim.budget_word}{claim.budget.text}"
                    f"未能核对：{other}",
                )
            yield checked
        found = run.resolve(claim)
        final: Resolved | Decimal = claim.final.value if isinstance(found, str) else found
        final_iv = claim.final.interval() if isinstance(found, str) else found.interval
        budget = claim.budget
        if budget.value == 0:
            if claim.rate is not None:
                yield _v(
                    "GF-N012",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{_label(claim.subject)}年初预算为0，完成预算的百分比无法计算，文中却写为{claim.rate.text}",
                    actual=claim.rate.value,
                )
            elif claim.undefined_stated:
                yield _v("GF-N004", claim, Outcome.EXACT, "预算为0，无法计算百分比，表述正确")
            continue
        exact = percent(_value(final), budget.value)
        if claim.rate is None:
            if claim.undefined_stated:
                yield _v(
                    "GF-N004",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{_label(claim.subject)}预算数{budget.text}不为0，完成预算的百分比可以计算，应为{_pct(round_percent(exact))}",
                    expected=round_percent(exact),
                )
            continue
        printed = claim.rate.value
        expected = round_percent(exact, claim.rate.decimals)
        if printed == expected:
            yield _v(
                "GF-N004",
                claim,
                Outcome.EXACT,
                f"{_label(claim.subject)}完成预算的{claim.rate.text}正确",
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
        yield _v(
            "GF-N004",
            claim,
            match.outcome,
            f"{_label(claim.subject)}完成预算的{claim.rate.text}：{_amt(_value(final))}÷{budget.text}应为{_pct(expected)}"
            + (f"，{_BECAUSE[reason]}" if reason is not None else ""),
            expected=expected,
            actual=printed,
            reason=reason,
        )


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


# ---------------------------------------------------------------- GF-N005 comparisons


def _comparisons(run: _Run) -> Iterator[Verdict]:
    for claim in run.claims:
        if not isinstance(claim, ComparisonClaim):
            continue
        before = [c for c in run.paragraph(claim) if c.start < claim.start]
        left = right = None
        if "预算" in claim.right:
            ex = next((c for c in reversed(before) if isinstance(c, ExecutionClaim)), None)
            if ex is not None:
                left, right = ex.final.value, ex.budget.value
        else:
            ch = next(
                (
                    c
                    for c in reversed(before)
                    if isinstance(c, ChangeClaim)
                    and c.against == "上年"
                    and c.current is not None
                    and c.difference is not None
                ),
                None,
            )
            if ch is not None and ch.current is not None and ch.difference is not None:
                left = ch.current.value
                right = left - _signed(ch.direction, ch.difference.value)
        if left is None or right is None:
            yield _v(
                "GF-N005",
                claim,
                Outcome.NOT_EVALUATED,
                f"{quoted(claim.text)}未能核对：段内未给出相应数字",
            )
            continue
        truth = "大于" if left > right else "小于" if left < right else "等于"
        said = claim.word
        if said == "约等于" and truth != "等于":
            yield _v(
                "GF-N005",
                claim,
                Outcome.ROUNDING_RESIDUE,
                f"{quoted(claim.text)}：{claim.left}{_amt(left)}{truth}{claim.right}{_amt(right)}，"
                f"相差{_amt(left - right)}（{_pct(round_percent(percent(left - right, right)))}）"
                if right
                else f"{quoted(claim.text)}：{claim.left}{_amt(left)}，{claim.right}为0",
                expected=right,
                actual=left,
            )
            continue
        if said == truth or (said == "约等于" and truth == "等于"):
            yield _v(
                "GF-N005",
                claim,
                Outcome.EXACT,
                f"{quoted(claim.text)}与数字相符",
                expected=right,
                actual=left,
            )
        else:
            yield _v(
                "GF-N005",
                claim,
                Outcome.INCONSISTENT,
                f"{quoted(claim.text)}与数字不符：{claim.left}{_amt(left)}{truth}{claim.right}{_amt(right)}",
                expected=right,
                actual=left,
            )


# ---------------------------------------------------------------- GF-N006 totals


def _totals(run: _Run) -> Iterator[Verdict]:
    for claim in run.claims:
        if not isinstance(claim, TotalClaim):
            continue
        total = claim.total
        parts = [p.amount for p in claim.parts]
        # the figures carry the precision the sentence prints (its most decimals, as a
        # table column's: “5万元 … 0.5万元” is 5.0 and 0.5); a printed 0 is exact
        places = max((total.decimals, *(p.decimals for p in parts)))
        c = compare_sum(
            figure(total.value, None if total.value == 0 else places),
            [figure(p.value, None if p.value == 0 else places) for p in parts],
        )
        expected = c.expected
        items = "＋".join(p.text for p in parts).replace("＋−", "−")
        if claim.what == "结余":
            who, of = _label(claim.subject), "实际支出与结余结转"
        else:
            who = f"{_label(claim.subject)}{claim.what}"
            of = f"所列{len(parts)}项{'增减额' if claim.what == '增减额' else '明细'}"
        if c.outcome is Outcome.EXACT:
            yield _v(
                "GF-N006",
                claim,
                Outcome.EXACT,
                f"{who}{total.text}等于{of}之和",
                expected=expected,
                actual=total.value,
            )
        elif c.consistent or c.outcome is Outcome.TRUNCATION_RESIDUE:
            reason = c.reason or Reason.ROUNDING
            yield _v(
                "GF-N006",
                claim,
                c.outcome,
                f"{who}{total.text}与{of}之和{_amt(expected)}（{items}）"
                f"相差{_amt(total.value - expected)}，{_BECAUSE[reason]}",
                expected=expected,
                actual=total.value,
                reason=reason,
            )
        else:
            yield _v(
                "GF-N006",
                claim,
                Outcome.INCONSISTENT,
                f"{who}{total.text}不等于{of}之和{_amt(expected)}（{items}）",
                expected=expected,
                actual=total.value,
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


def _same_figures(run: _Run) -> Iterator[Verdict]:
    seen: dict[str, tuple[Claim, Number]] = {}
    for claim in run.claims:
        amount = claim.amount if isinstance(claim, AmountClaim | ShareClaim) else None
        if amount is None:
            continue
        topic = topic_of((claim.sentence.section, *claim.sentence.headings))
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
            yield _v(
                "GF-N007",
                claim,
                Outcome.EXACT,
                f"{_label(claim.subject)}前后一致",
                expected=other.value,
                actual=amount.value,
            )
            continue
        where = other_claim.sentence.text[:30]
        explained = _explained_by_tables(run, other_claim, other, claim, amount)
        if explained is not None:
            yield _v(
                "GF-N007",
                claim,
                Outcome.ROUNDING_RESIDUE,
                f"{_label(claim.subject)}此处为{amount.text}，前文（{where}…）为{other.text}；"
                f"两处各与所引报表一致（{explained}），口径或尾数不同",
                expected=other.value,
                actual=amount.value,
            )
        elif _meets(other.interval(), amount.interval()):
            yield _v(
                "GF-N007",
                claim,
                Outcome.ROUNDING_RESIDUE,
                f"{_label(claim.subject)}此处为{amount.text}，前文（{where}…）为{other.text}，"
                f"相差{_amt(amount.value - other.value)}，属尾数误差",
                expected=other.value,
                actual=amount.value,
            )
        else:
            yield _v(
                "GF-N007",
                claim,
                Outcome.INCONSISTENT,
                f"{_label(claim.subject)}此处为{amount.text}，前文（{where}…）为{other.text}",
                expected=other.value,
                actual=amount.value,
            )


def _explained_by_tables(
    run: _Run, first: Claim, first_amount: Number, second: Claim, second_amount: Number
) -> str | None:
    """The two tables, when each quote agrees with the table cells it resolves to."""
    labels: list[str] = []
    for claim, amount in ((first, first_amount), (second, second_amount)):
        found = run.resolve(claim)
        if isinstance(found, str) or not _meets(amount.interval(), found.interval):
            return None
        labels.append(
            "、".join(dict.fromkeys(c.table.number or c.table.title for c in found.cells))
        )
    return " 与 ".join(labels)


# ---------------------------------------------------------------- GF-N008 counts


def _counts(run: _Run) -> Iterator[Verdict]:
    for claim in run.claims:
        if not isinstance(claim, CountClaim):
            continue
        said = claim.count.value
        if not claim.listed:
            continue
        distinct = list(dict.fromkeys(normalise_name(x) for x in claim.listed))
        dupes = sorted({x for x in claim.listed if claim.listed.count(x) > 1})
        if len(distinct) == said and not dupes:
            yield _v(
                "GF-N008",
                claim,
                Outcome.EXACT,
                f"列举{len(distinct)}个{claim.noun}，与{said}个相符",
                expected=Decimal(len(distinct)),
                actual=said,
            )
            continue
        extra = f"，其中{''.join(quoted(x) for x in dupes)}重复列出" if dupes else ""
        yield _v(
            "GF-N008",
            claim,
            Outcome.INCONSISTENT,
            f"称{said}个{claim.noun}，实际列举{len(claim.listed)}项、不重复的{len(distinct)}项{extra}",
            expected=Decimal(len(distinct)),
            actual=said,
        )


# ---------------------------------------------------------------- GF-N009 years


def _years(run: _Run) -> Iterator[Verdict]:
    year = run.report.year
    if year is None:
        return
    for claim in run.claims:
        if not isinstance(claim, YearClaim):
            continue
        if claim.relation == "previous":
            if claim.year != year - 1:
                yield _v(
                    "GF-N009",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{year}年度报告应与{year - 1}年相比，文中为{claim.year}年",
                    expected=Decimal(year - 1),
                    actual=Decimal(claim.year),
                )
            else:
                yield _v("GF-N009", claim, Outcome.EXACT, "对比年份正确")
            continue
        kind = run.report.kind.value
        if claim.relation == "as_of":
            yield _as_of(claim, year, run.report.kind)
            continue
        rest = claim.sentence.text[claim.end - claim.sentence.start :]
        if re.match(r"\s*度?(?:部门|单位)?(?:决算|预算)", rest) and kind in rest[:12]:
            if claim.year != year:
                yield _v(
                    "GF-N009",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{year}年度{kind}的情况说明写为{claim.year}年度{kind}",
                    expected=Decimal(year),
                    actual=Decimal(claim.year),
                )
            else:
                yield _v("GF-N009", claim, Outcome.EXACT, "报告年度正确")
        elif claim.year > year:
            yield _v(
                "GF-N009",
                claim,
                Outcome.INCONSISTENT,
                f"{year}年度{kind}中出现{claim.year}年的数据或事项，请核实年份",
                expected=Decimal(year),
                actual=Decimal(claim.year),
                severity=Severity.WARNING,
            )


def _as_of(claim: YearClaim, year: int, kind: ReportKind) -> Verdict:
    """截至…日: a 决算 states its stocks at the end of its year, a 预算 before its year starts."""
    allowed = (year,) if kind is ReportKind.FINAL else (year - 1, year)
    if claim.year in allowed:
        return _v("GF-N009", claim, Outcome.EXACT, "截至日期的年份与报告年度相符")
    if kind is ReportKind.FINAL:
        message = f"{year}年度决算所述情况应截至{year}年末，文中为截至{claim.year}年"
    else:
        message = (
            f"{year}年度预算所述情况应截至{year - 1}年（编制预算时），文中为截至{claim.year}年"
        )
    return _v(
        "GF-N009",
        claim,
        Outcome.INCONSISTENT,
        message,
        expected=Decimal(allowed[0]),
        actual=Decimal(claim.year),
    )


# ---------------------------------------------------------------- GF-N010 residue


def _context(claim: Claim, width: int = 6) -> str:
    """The claim's words with a few characters either side, to tell claims of a sentence apart."""
    s = claim.sentence
    lo = max(claim.start - s.start - width, 0)
    hi = min(claim.end - s.start + width, len(s.text))
    text = s.text[lo:hi].replace("\n", "")
    return f"{'…' if lo > 0 else ''}{text}{'…' if hi < len(s.text) else ''}"


def _residue(run: _Run) -> Iterator[Verdict]:
    for claim in run.claims:
        if isinstance(claim, ResidueClaim):
            yield _v(
                "GF-N010",
                claim,
                Outcome.INCONSISTENT,
                f"模板残留文字{quoted(claim.residue)}（{_context(claim)}）未按实际情况改写",
            )


# ---------------------------------------------------------------- GF-N011 last year


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


def _previous(run: _Run) -> Iterator[Verdict]:
    for claim in run.claims:
        if not isinstance(claim, ChangeClaim) or claim.against != "上年":
            continue
        if claim.current is None:
            continue
        if claim.base is not None:
            yield _previous_base(run, claim, claim.base)
            continue
        if claim.difference is None and claim.rate is not None:
            yield _previous_rate(run, claim, claim.rate)
            continue
        if claim.difference is None and claim.direction is not Direction.FLAT:
            continue
        diff = claim.difference.value if claim.difference is not None else ZERO
        diff_iv = Interval.point(ZERO)
        if claim.difference is not None:
            diff_iv = claim.difference.interval()
        current = run.resolve(claim)
        cur_value, cur_iv = claim.current.value, claim.current.interval()
        if not isinstance(current, str):
            cur_value, cur_iv = current.value, current.interval
        stated = cur_value - _signed(claim.direction, diff)
        # a 预算 table in 元 gives a 6-decimal 万元 figure: show it as the prose would
        places = max(claim.difference.decimals, 2) if claim.difference is not None else 2
        exponent = stated.as_tuple().exponent
        shown = stated
        if isinstance(exponent, int) and exponent < -places:
            shown = quantize(stated, places)
        if run.previous is None:
            yield _v(
                "GF-N011",
                claim,
                Outcome.NOT_EVALUATED,
                f"{_label(claim.subject)}上年数{_amt(shown)}未能核对：未提供上年报告（--previous）",
            )
            continue
        topic = topic_of((claim.sentence.section, *claim.sentence.headings))
        found = resolve(run.previous, claim.subject, topic, path=claim.path)
        if isinstance(found, str):
            yield _v(
                "GF-N011",
                claim,
                Outcome.NOT_EVALUATED,
                f"{_label(claim.subject)}上年数{_amt(shown)}未能核对：{found}",
            )
            continue
        iv = cur_iv - diff_iv.scale(
            Decimal(-1) if claim.direction is Direction.DOWN else Decimal(1)
        )
        cells = tuple(f"上年 {c.describe()}" for c in found.cells)
        # The printed change against the two ways of computing it: from the tables'
        # amounts (in their kept unit, within their rounding), and from the figures
        # as printed (this year's in the sentence, last year's at the prose's decimals).
        last_printed = quantize(found.value, places)
        match = compare_printed(
            _signed(claim.direction, diff),
            claim.difference.decimals if claim.difference is not None else places,
            _change_candidates(claim, cur_value, cur_iv, found, last_printed),
        )
        if match.outcome is Outcome.EXACT or stated == found.value:
            yield _v(
                "GF-N011",
                claim,
                Outcome.EXACT,
                f"{_label(claim.subject)}上年数{_amt(shown)}与上年报告一致",
                expected=found.value,
                actual=stated,
                cells=cells,
            )
        elif match.consistent or _meets(iv, found.interval):
            reason = match.reason or Reason.ROUNDING
            if reason is Reason.FROM_PRINTED:
                said = claim.difference.text if claim.difference else "0"
                text = (
                    f"{_label(claim.subject)}增减额{said}为印出数之差"
                    f"（本年数−上年报告数{_amt(last_printed)}），与上年报告一致，由印出数计算"
                )
            else:
                text = (
                    f"{_label(claim.subject)}按本年数和增减额推算的上年数{_amt(stated)}与上年报告{_amt(found.value)}相差"
                    f"{_amt(stated - found.value)}，{_BECAUSE[reason]}"
                )
            yield _v(
                "GF-N011",
                claim,
                match.outcome if match.consistent else Outcome.ROUNDING_RESIDUE,
                text,
                expected=found.value,
                actual=stated,
                cells=cells,
                reason=reason,
            )
        else:
            yield _v(
                "GF-N011",
                claim,
                Outcome.INCONSISTENT,
                f"{_label(claim.subject)}按本年数和增减额推算的上年数{_amt(stated)}与上年报告{_amt(found.value)}不一致",
                expected=found.value,
                actual=stated,
                cells=cells,
            )


def _previous_base(run: _Run, claim: ChangeClaim, base: Number) -> Verdict:
    """The stated base (“上年预算数为Y万元”) against last year's report."""
    who = _label(claim.subject)
    found = _in_previous(run, claim, f"{who}上年数{base.text}未能核对：")
    if isinstance(found, Verdict):
        return found
    return _compare_amount("GF-N011", claim, base, found, f"{who}上年数")


def _in_previous(run: _Run, claim: ChangeClaim, unchecked: str) -> Resolved | Verdict:
    """The claim's subject in last year's report, or why not (*unchecked* leads the message)."""
    if run.previous is None:
        return _v(
            "GF-N011", claim, Outcome.NOT_EVALUATED, f"{unchecked}未提供上年报告（--previous）"
        )
    topic = topic_of((claim.sentence.section, *claim.sentence.headings))
    found = resolve(run.previous, claim.subject, topic, path=claim.path)
    if isinstance(found, str):
        return _v("GF-N011", claim, Outcome.NOT_EVALUATED, f"{unchecked}{found}")
    return found


def _previous_rate(run: _Run, claim: ChangeClaim, rate: Number) -> Verdict:
    """A rate given alone (“比上年增长8.96%”): this year's tables against last year's report."""
    who = _label(claim.subject)
    lead = f"{who}增减率{rate.text}未能核对："
    found = _in_previous(
        run, claim, lead if run.previous is not None else f"{lead}句中未给出增减额或上年数，且"
    )
    if isinstance(found, Verdict):
        return found
    assert claim.current is not None
    current = run.resolve(claim)
    cur_value, cur_iv = claim.current.value, claim.current.interval()
    if not isinstance(current, str):
        cur_value, cur_iv = current.value, current.interval
    if found.value == 0:
        return _v(
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
        return _v(
            "GF-N011",
            claim,
            Outcome.INCONSISTENT,
            f"{who}本年{_amt(cur_value)}、上年报告{_amt(found.value)}，"
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
    detail = f"按本年{_amt(cur_value)}和上年报告{_amt(found.value)}计算应为{_pct(expected)}"
    last_printed = quantize(found.value, 2)  # the same rate on the figures as printed
    printed_rate = (
        percent(abs(claim.current.value - last_printed), last_printed) if last_printed else None
    )
    return _rate_verdict(claim, expected, values, detail, rule="GF-N011", printed_rate=printed_rate)


# ---------------------------------------------------------------- GF-N013 procurement


def _procurement(run: _Run) -> Iterator[Verdict]:
    kinds: dict[str, Decimal] = {}
    sme: Decimal | None = None
    for claim in run.claims:
        if topic_of((claim.sentence.section, *claim.sentence.headings)) is not Topic.PROCUREMENT:
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
                yield _v(
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
                    yield _v(
                        "GF-N013",
                        claim,
                        Outcome.EXACT,
                        "采购分类占比正确",
                        expected=expected,
                        actual=claim.share.value,
                    )
                else:
                    yield _v(
                        "GF-N013",
                        claim,
                        Outcome.INCONSISTENT,
                        f"政府采购全部为{kind}（{_amt(base)}），授予中小企业{_amt(sme)}只能来自{kind}采购，"
                        f"{kind}采购授予中小企业占比应为{_pct(expected)}，文中为{claim.share.text}",
                        expected=expected,
                        actual=claim.share.value,
                    )
            else:
                yield _v(
                    "GF-N013",
                    claim,
                    Outcome.NOT_EVALUATED,
                    f"{kind}采购授予中小企业占比{claim.share.text}未能核对：未给出该类授予中小企业金额",
                )


# ---------------------------------------------------------------- GF-N014 edition names


def _edition(report: Report, editions: Sequence[Catalog]) -> Catalog | None:
    """The functional catalogue of the report's year.

    Its own edition, or the latest one when the report is newer than every
    edition (never an older edition in between: names change between them).
    """
    year = report.year
    if year is None or not editions:
        return None
    same = [c for c in editions if c.year == year]
    if same:
        return same[0]
    latest = max(editions, key=lambda c: c.year or 0)
    return latest if latest.year is not None and year > latest.year else None


def _renamed(current: Catalog, editions: Sequence[Catalog]) -> dict[str, NameClaim]:
    """Names of other editions whose code is named otherwise in *current* (类 and 款)."""
    out: dict[str, NameClaim] = {}
    dummy = Sentence("", 0, 0)
    for other in editions:
        if other is current:
            continue
        for entry in other:
            if entry.level not in (Level.LEI, Level.KUAN) or len(entry.name) < 4:
                continue
            now = current.name(entry.code)
            if now is None or normalise_name(now) == normalise_name(entry.name):
                continue
            if current.find(entry.name):
                continue
            out.setdefault(
                entry.name,
                NameClaim(
                    sentence=dummy,
                    subject=entry.name,
                    start=0,
                    end=0,
                    code=entry.digits,
                    edition=other.year,
                    current=now,
                ),
            )
    return out


def _edition_names(run: _Run) -> Iterator[Verdict]:
    editions = run.editions
    if editions is None:
        editions = tuple(bundled("functional", y) for y in bundled_years("functional"))
    current = _edition(run.report, editions)
    if current is None:
        return
    renamed = _renamed(current, editions)
    if not renamed:
        return
    pattern = re.compile("|".join(re.escape(n) for n in sorted(renamed, key=len, reverse=True)))
    for section, offset, parents in _sections(run.report):
        for sentence in sentences(section, offset=offset, parents=parents):
            for m in pattern.finditer(sentence.text):
                if sentence.text[max(m.start() - 1, 0) : m.start()] == "原":
                    continue  # “原医疗卫生与计划生育支出”: the old name, said to be old
                old = renamed[m.group(0)]
                claim = attrs.evolve(
                    old,
                    sentence=sentence,
                    start=sentence.start + m.start(),
                    end=sentence.start + m.end(),
                )
                yield _v(
                    "GF-N014",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{quoted(old.subject)}是{old.edition}年版政府收支分类科目的名称，"
                    f"{run.report.year}年度适用的科目{old.code}名称为{quoted(old.current)}",
                )


# ---------------------------------------------------------------- the run

_CHECKS: Final = (
    _amounts,
    _shares,
    _changes,
    _executions,
    _comparisons,
    _totals,
    _same_figures,
    _counts,
    _years,
    _residue,
    _previous,
    _procurement,
    _edition_names,
)


def assess(
    report: Report,
    previous: Report | None = None,
    *,
    claims: Iterable[Claim] | None = None,
    editions: Sequence[Catalog] | None = None,
) -> tuple[Verdict, ...]:
    """Check every claim of *report*'s prose; with *previous*, also last year's figures.

    Returns every verdict, passes included, in the order of the checks.
    *claims* defaults to :func:`~govfin.narrative.extract` of the report;
    *editions* (functional catalogues of several years) to the bundled ones
    (:func:`govfin.classification.bundled`), against which classification names
    in the prose are checked (GF-N014).

    >>> from collections import Counter
    >>> from govfin.io import load_example
    >>> verdicts = assess(load_example())
    >>> sorted(Counter(v.rule for v in verdicts if v.severity.value == "error").items())
    [('GF-N003', 1), ('GF-N013', 1)]
    """
    found = tuple(claims) if claims is not None else extract(report)
    run = _Run(report, previous, found, tuple(editions) if editions is not None else None)
    out: list[Verdict] = []
    for check in _CHECKS:
        out.extend(check(run))
    return tuple(out)
