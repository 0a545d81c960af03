"""Narrative rules on words: comparisons, counts, years, template residue, edition names.

GF-N005 (大于/小于/一致 match the figures), GF-N008 (a count matches the items
listed), GF-N009 (years fit the report), GF-N010 (no template residue), GF-N014
(classification names of the report's edition).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs

from govfin._severity import Outcome, Severity
from govfin.calc import percent, round_percent
from govfin.classification import Catalog, Level
from govfin.narrative import (
    ChangeClaim,
    Claim,
    ComparisonClaim,
    CountClaim,
    ExecutionClaim,
    NameClaim,
    ResidueClaim,
    Sentence,
    YearClaim,
    normalise_name,
    quoted,
)
from govfin.report import Report, ReportKind
from govfin.rules._context import Context
from govfin.rules._finding import Finding
from govfin.rules._narrative import NARRATIVE, amt, claim_finding, pct, signed
from govfin.rules._registry import REGISTRY

__all__: list[str] = []


@REGISTRY.rule(
    "GF-N005",
    title="Comparison word matches the figures",
    message="比较用语（大于/小于/一致）与数字相符",
    severity=Severity.ERROR,
    tags=NARRATIVE,
)
def comparison_words(ctx: Context) -> Iterator[Finding | None]:
    """The comparison word (大于/小于/等于/一致) matches the figures of its paragraph."""
    return _comparisons(ctx)


@REGISTRY.rule(
    "GF-N008",
    title="A count matches the items listed",
    message="个数与列举项目一致",
    severity=Severity.WARNING,
    tags=NARRATIVE,
)
def counts_match(ctx: Context) -> Iterator[Finding | None]:
    """A count (等N个项目) matches the names enumerated before it, without repeats."""
    return _counts(ctx)


@REGISTRY.rule(
    "GF-N009",
    title="Years fit the report",
    message="年份与报告年度相符",
    severity=Severity.ERROR,
    tags=NARRATIVE,
)
def years_fit(ctx: Context) -> Iterator[Finding | None]:
    """Years fit the report.

    The heading names the report year, comparisons name the year before, no
    later year appears, and a 截至…日 date is in the year of a 决算 (the year
    before, or the year, of a 预算).
    """
    return _years(ctx)


@REGISTRY.rule(
    "GF-N010",
    title="No template residue",
    message="无模板残留文字",
    severity=Severity.WARNING,
    tags=NARRATIVE,
)
def no_template_residue(ctx: Context) -> Iterator[Finding | None]:
    """No template residue is left: 增加（减少）, 增长（降低）, XX."""
    return _residue(ctx)


@REGISTRY.rule(
    "GF-N014",
    title="Classification names are those of the report's edition",
    message="科目名称与报告年度的分类科目一致",
    severity=Severity.WARNING,
    tags=NARRATIVE,
)
def edition_names(ctx: Context) -> Iterator[Finding | None]:
    """A 类/款 name of the functional classification is the one of the report's edition.

    A name another edition gives to the same code (医疗卫生与计划生育支出 in a
    2019 or later report, 卫生健康支出 before) is flagged with the edition's
    name. Checked against the bundled catalogues when the report's year has its
    own edition, or is newer than all.
    """
    return _edition_names(ctx)


def _comparisons(ctx: Context) -> Iterator[Finding | None]:
    for claim in ctx.claims.of(ComparisonClaim):
        before = [c for c in ctx.claims.paragraph(claim) if c.start < claim.start]
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
                right = left - signed(ch.direction, ch.difference.value)
        if left is None or right is None:
            yield claim_finding(
                ctx,
                "GF-N005",
                claim,
                Outcome.NOT_EVALUATED,
                f"{quoted(claim.text)}未能核对：段内未给出相应数字",
            )
            continue
        truth = "大于" if left > right else "小于" if left < right else "等于"
        said = claim.word
        if said == "约等于" and truth != "等于":
            yield claim_finding(
                ctx,
                "GF-N005",
                claim,
                Outcome.ROUNDING_RESIDUE,
                f"{quoted(claim.text)}：{claim.left}{amt(left)}{truth}{claim.right}{amt(right)}，"
                f"相差{amt(left - right)}（{pct(round_percent(percent(left - right, right)))}）"
                if right
                else f"{quoted(claim.text)}：{claim.left}{amt(left)}，{claim.right}为0",
                expected=right,
                actual=left,
            )
            continue
        if said == truth or (said == "约等于" and truth == "等于"):
            yield claim_finding(
                ctx,
                "GF-N005",
                claim,
                Outcome.EXACT,
                f"{quoted(claim.text)}与数字相符",
                expected=right,
                actual=left,
            )
        else:
            yield claim_finding(
                ctx,
                "GF-N005",
                claim,
                Outcome.INCONSISTENT,
                f"{quoted(claim.text)}与数字不符：{claim.left}{amt(left)}{truth}{claim.right}{amt(right)}",
                expected=right,
                actual=left,
            )


# ---------------------------------------------------------------- GF-N008 counts


def _counts(ctx: Context) -> Iterator[Finding | None]:
    for claim in ctx.claims.of(CountClaim):
        said = claim.count.value
        if not claim.listed:
            continue
        distinct = list(dict.fromkeys(normalise_name(x) for x in claim.listed))
        dupes = sorted({x for x in claim.listed if claim.listed.count(x) > 1})
        if len(distinct) == said and not dupes:
            yield claim_finding(
                ctx,
                "GF-N008",
                claim,
                Outcome.EXACT,
                f"列举{len(distinct)}个{claim.noun}，与{said}个相符",
                expected=Decimal(len(distinct)),
                actual=said,
            )
            continue
        extra = f"，其中{''.join(quoted(x) for x in dupes)}重复列出" if dupes else ""
        yield claim_finding(
            ctx,
            "GF-N008",
            claim,
            Outcome.INCONSISTENT,
            f"称{said}个{claim.noun}，实际列举{len(claim.listed)}项、不重复的{len(distinct)}项{extra}",
            expected=Decimal(len(distinct)),
            actual=said,
        )


# ---------------------------------------------------------------- GF-N009 years


def _years(ctx: Context) -> Iterator[Finding | None]:
    year = ctx.report.year
    if year is None:
        return
    for claim in ctx.claims.of(YearClaim):
        if claim.relation == "previous":
            if claim.year != year - 1:
                yield claim_finding(
                    ctx,
                    "GF-N009",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{year}年度报告应与{year - 1}年相比，文中为{claim.year}年",
                    expected=Decimal(year - 1),
                    actual=Decimal(claim.year),
                )
            else:
                yield claim_finding(ctx, "GF-N009", claim, Outcome.EXACT, "对比年份正确")
            continue
        kind = ctx.report.kind.value
        if claim.relation == "as_of":
            yield _as_of(ctx, claim, year, ctx.report.kind)
            continue
        rest = claim.sentence.text[claim.end - claim.sentence.start :]
        if re.match(r"\s*度?(?:部门|单位)?(?:决算|预算)", rest) and kind in rest[:12]:
            if claim.year != year:
                yield claim_finding(
                    ctx,
                    "GF-N009",
                    claim,
                    Outcome.INCONSISTENT,
                    f"{year}年度{kind}的情况说明写为{claim.year}年度{kind}",
                    expected=Decimal(year),
                    actual=Decimal(claim.year),
                )
            else:
                yield claim_finding(ctx, "GF-N009", claim, Outcome.EXACT, "报告年度正确")
        elif claim.year > year:
            yield claim_finding(
                ctx,
                "GF-N009",
                claim,
                Outcome.INCONSISTENT,
                f"{year}年度{kind}中出现{claim.year}年的数据或事项，请核实年份",
                expected=Decimal(year),
                actual=Decimal(claim.year),
                severity=Severity.WARNING,
            )


def _as_of(ctx: Context, claim: YearClaim, year: int, kind: ReportKind) -> Finding | None:
    """截至…日: a 决算 states its stocks at the end of its year, a 预算 before its year starts."""
    allowed = (year,) if kind is ReportKind.FINAL else (year - 1, year)
    if claim.year in allowed:
        return claim_finding(ctx, "GF-N009", claim, Outcome.EXACT, "截至日期的年份与报告年度相符")
    if kind is ReportKind.FINAL:
        message = f"{year}年度决算所述情况应截至{year}年末，文中为截至{claim.year}年"
    else:
        message = (
            f"{year}年度预算所述情况应截至{year - 1}年（编制预算时），文中为截至{claim.year}年"
        )
    return claim_finding(
        ctx,
        "GF-N009",
        claim,
        Outcome.INCONSISTENT,
        message,
        expected=Decimal(allowed[0]),
        actual=Decimal(claim.year),
    )


# ---------------------------------------------------------------- GF-N010 residue


def _around(claim: Claim, width: int = 6) -> str:
    """The claim's words with a few characters either side, to tell claims of a sentence apart."""
    s = claim.sentence
    lo = max(claim.start - s.start - width, 0)
    hi = min(claim.end - s.start + width, len(s.text))
    text = s.text[lo:hi].replace("\n", "")
    return f"{'…' if lo > 0 else ''}{text}{'…' if hi < len(s.text) else ''}"


def _residue(ctx: Context) -> Iterator[Finding | None]:
    for claim in ctx.claims.of(ResidueClaim):
        yield claim_finding(
            ctx,
            "GF-N010",
            claim,
            Outcome.INCONSISTENT,
            f"模板残留文字{quoted(claim.residue)}（{_around(claim)}）未按实际情况改写",
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


_Renamed = tuple[Mapping[str, NameClaim], re.Pattern[str] | None]

_RENAMED: Final[dict[tuple[int, ...], tuple[tuple[Catalog, ...], _Renamed]]] = {}
""":func:`_renamed` by the identities of its catalogues (kept alive with it, so that
the identities stay theirs): a catalogue's own hash reads every entry."""


def _renamed_once(current: Catalog, editions: Sequence[Catalog]) -> _Renamed:
    """:func:`_renamed`, read once per edition (the bundled catalogues serve every report)."""
    key = (id(current), *map(id, editions))
    found = _RENAMED.get(key)
    if found is None:
        if len(_RENAMED) >= 16:  # a few editions at most: bounded all the same
            _RENAMED.clear()
        found = _RENAMED[key] = ((current, *editions), _renamed(current, editions))
    return found[1]


def _renamed(current: Catalog, editions: Sequence[Catalog]) -> _Renamed:
    """Names of other editions whose code is named otherwise in *current* (类 and 款).

    With the pattern that finds them, longest first (``None`` when there is none).
    """
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
    if not out:
        return out, None
    pattern = re.compile("|".join(re.escape(n) for n in sorted(out, key=len, reverse=True)))
    return out, pattern


def _edition_names(ctx: Context) -> Iterator[Finding | None]:
    editions = ctx.claims.editions
    current = _edition(ctx.report, editions)
    if current is None:
        return
    renamed, pattern = _renamed_once(current, editions)
    if pattern is None:
        return
    for sentence in ctx.claims.sentences:
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
            yield claim_finding(
                ctx,
                "GF-N014",
                claim,
                Outcome.INCONSISTENT,
                f"{quoted(old.subject)}是{old.edition}年版政府收支分类科目的名称，"
                f"{ctx.report.year}年度适用的科目{old.code}名称为{quoted(old.current)}",
            )
