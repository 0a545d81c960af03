"""What the narrative rules (GF-N) share: a claim's finding, how messages print figures.

The narrative rules are ordinary rules of :data:`~govfin.rules.REGISTRY`,
declared in the modules of their claim kind (amounts, shares, rates, words).
Each reads the claims of the report's prose through
:attr:`Context.claims <govfin.rules.Context.claims>` (extracted once per
run); a check of one claim kind may find what another rule reports (a share
of a zero base is GF-N012's), so a check yields the findings of its context's
rule only (:func:`claim_finding` returns ``None`` for the others), and skips the
work whose findings are all another rule's (a rate is not recomputed for GF-N012).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final

from govfin._rounding import Candidate, compare_printed
from govfin._severity import Outcome, Reason, Severity
from govfin.amounts import ZERO, Interval, quantize
from govfin.calc import Direction
from govfin.classification import Catalog
from govfin.narrative import CellRef, Claim, Number, Resolved, quoted
from govfin.report import Report
from govfin.rules._claims import Claims
from govfin.rules._context import Context
from govfin.rules._finding import Finding, Location
from govfin.rules._registry import REGISTRY

__all__ = [
    "BECAUSE",
    "NARRATIVE",
    "amt",
    "assess",
    "claim_finding",
    "compare_amount",
    "interval_of",
    "label",
    "pct",
    "signed",
    "value_of",
]

NARRATIVE: Final = ("narrative",)
"""The tags of every narrative rule."""


def claim_finding(
    ctx: Context,
    rule: str,
    claim: Claim,
    outcome: Outcome,
    message: str,
    *,
    expected: Decimal | None = None,
    actual: Decimal | None = None,
    severity: Severity | None = None,
    note: str | None = None,
    refs: Sequence[CellRef] = (),
    reason: Reason | None = None,
    tolerance: Decimal | None = None,
) -> Finding | None:
    """The finding of rule *rule* on *claim*, or ``None`` when *ctx* runs another rule.

    The locations are the claim's sentence (its figure marked), then the table
    cells *refs*.  A residue without a *reason* gets the reason of its outcome
    (尾数误差, 截尾); a finding that is not a residue has none.
    """
    if rule != ctx.rule.id:
        return None
    if reason is None:
        reason = _DEFAULT_REASONS.get(outcome)
    elif outcome not in _DEFAULT_REASONS:
        reason = None
    where = [ctx.claims.location(claim)]
    where.extend(Location.cell(ref.table, ref.row, ref.column, role="table") for ref in refs)
    difference = actual - expected if actual is not None and expected is not None else None
    return ctx.finding(
        outcome,
        *where,
        expected=expected,
        actual=actual,
        difference=difference,
        tolerance=tolerance,
        severity=severity,
        message=message,
        note=note,
        reason=reason,
    )


_DEFAULT_REASONS: Final = {
    Outcome.ROUNDING_RESIDUE: Reason.ROUNDING,
    Outcome.TRUNCATION_RESIDUE: Reason.TRUNCATION,
}
"""The reason of a residue when the check does not say a more precise one."""

BECAUSE: Final = {
    Reason.ROUNDING: "属尾数误差",
    Reason.BALANCING: "属舍位平衡",
    Reason.FROM_PRINTED: "由印出数计算",
    Reason.TRUNCATION: "仅在截尾（舍去尾数）时成立",
}
"""How a message says why a residue is one."""


def label(subject: str) -> str:
    """How a message names what a claim speaks of: quoted, or “句中” when it is unnamed."""
    return quoted(subject) if subject.strip() else "句中"


def pct(value: Decimal) -> str:
    """A percentage as the prose prints it."""
    return f"{value:f}%"


def amt(value: Decimal) -> str:
    """An amount in 万元 as the prose prints it: trailing zeros past two decimals dropped."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        value = value.normalize()
        if value.as_tuple().exponent > -2:  # type: ignore[operator]
            value = quantize(value, 2)
    return f"{value:f}万元"


def signed(direction: Direction | None, value: Decimal) -> Decimal:
    """*value* with the sign of *direction* (a decrease is negative)."""
    return -value if direction is Direction.DOWN else value


def value_of(x: Resolved | Decimal) -> Decimal:
    """The figure of a resolved table value or of a printed one."""
    return x.value if isinstance(x, Resolved) else x


def interval_of(x: Resolved | Decimal) -> Interval:
    """The values a resolved table value, or a 2-decimal printed figure, stands for."""
    return x.interval if isinstance(x, Resolved) else Interval.around(x, 2)


def compare_amount(
    ctx: Context, rule: str, claim: Claim, printed: Number, found: Resolved, *, what: str
) -> Finding | None:
    """A printed amount against a resolved table value, rounding-aware, in one unit.

    The printed figure is converted exactly into the unit of *found* (万元) and
    carries the precision it prints (“17,192万元” is ±0.5 万元).  It agrees when
    it is the table value rounded half-up to the printed decimals, or a value
    the table figures could stand for; when it is the sum of several cells
    each rounded to the printed decimals (由印出数计算); or, as a residue, a
    truncation of the table value (截尾).
    """
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

    def out(
        outcome: Outcome, text: str, reason: Reason | None = None, *, compared: bool = True
    ) -> Finding | None:
        return claim_finding(
            ctx,
            rule,
            claim,
            outcome,
            text,
            expected=found.value,
            actual=value,
            refs=found.cells,
            reason=reason,
            tolerance=match.tolerance if compared else None,
        )

    if match.outcome is Outcome.EXACT:
        if value == found.value:
            return out(Outcome.EXACT, f"{what}{printed.text}与报表一致")
        return out(
            Outcome.EXACT,
            f"{what}{printed.text}与报表数{amt(found.value)}（{found.description}）"
            f"四舍五入保留{places}位小数一致",
        )
    if found.bound and not match.consistent and value < found.value:
        return out(
            Outcome.NOT_EVALUATED,
            f"{what}{printed.text}未能核对：{found.bound}（公用经费合计{amt(found.value)}，"
            f"{found.description}）",
            compared=False,
        )
    if found.bound and not match.consistent and value > found.value:
        return out(
            Outcome.INCONSISTENT,
            f"{what}{printed.text}大于公用经费合计{amt(found.value)}（{found.description}）；"
            f"{found.bound}，不能大于公用经费合计",
        )
    if match.consistent:
        reason = match.reason or Reason.ROUNDING
        if reason is Reason.FROM_PRINTED:
            detail = f"与所列各数按印出精度相加之和{amt(match.expected)}一致"
        elif reason is Reason.TRUNCATION:
            detail = f"为报表数{amt(found.value)}截尾保留{places}位小数"
        else:
            detail = f"与报表数{amt(found.value)}相差{amt(value - found.value)}，在四舍五入容差以内"
        return out(match.outcome, f"{what}{printed.text}{detail}，{BECAUSE[reason]}", reason)
    return out(
        Outcome.INCONSISTENT,
        f"{what}{printed.text}与报表数{amt(found.value)}不一致（{found.description}）",
    )


def assess(
    report: Report,
    previous: Report | None = None,
    *,
    claims: Iterable[Claim] | None = None,
    editions: Sequence[Catalog] | None = None,
) -> tuple[Finding, ...]:
    """Every finding of the narrative rules on *report*'s prose, passes included.

    The findings of GF-N001 … GF-N014 in rule order, as :func:`~govfin.rules.check`
    makes them (with ``keep_passes=True``), without the summary.  With
    *previous* (last year's report) the figures quoted as last year's are
    checked too.  *claims* replaces the extraction
    (:func:`govfin.narrative.extract`); *editions* (functional catalogues of
    several years) the bundled ones, against which classification names in the
    prose are checked (GF-N014).

    >>> from collections import Counter
    >>> from govfin.io import load_example
    >>> found = assess(load_example())
    >>> sorted(Counter(f.rule for f in found if f.severity.value == "error").items())
    [('GF-N003', 1), ('GF-N013', 1)]
    """
    read = Claims(report, previous, claims=claims, editions=editions)
    out: list[Finding] = []
    for r in REGISTRY.select("tag:narrative"):
        if not r.applies_to(report):
            continue
        ctx = Context(report, r, previous=previous, keep_passes=True, claims=read)
        produced = r.check(ctx)
        out.extend(f for f in produced or () if f is not None)
        out.extend(ctx.pass_records)
    return tuple(out)
