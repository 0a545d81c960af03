"""``check(..., keep_passes=True)``: every counted pass of the built-in rules is recorded."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from govfin.amounts import Unit
from govfin.report import Column, Report, ReportKind, Row, Table
from govfin.rules import (
    Context,
    Finding,
    Outcome,
    Registry,
    Rule,
    Severity,
    check,
    default_rules,
)
from govfin.rules._common import column_sums, row_sums, sum_cells

BUILTIN = [r for r in default_rules() if not r.id.startswith("GF-N")]


def _demo() -> Table:
    return Table(
        schema="t.demo",
        title="演示表",
        number="公开99表",
        unit=Unit.WANYUAN,
        columns=(Column("total", "合计"), Column("a", "甲"), Column("b", "乙")),
        rows=(
            Row.of("total", "合计", {"total": "6.00", "a": "2.00", "b": "4.00"}),
            Row.of("x", "子一", {"total": "3.00", "a": "1.00", "b": "2.00"}),
            Row.of("y", "子二", {"total": "3.00", "a": "1.00", "b": "2.00"}),
        ),
    )


def _passes(body: Callable[[Context, Table], Iterator[Finding | None]]) -> tuple[Finding, ...]:
    reg = Registry()
    reg.rule("DEMO-001", title="t", message="{table}{row}{column}为{actual}，和为{expected}")(
        lambda ctx: body(ctx, _demo())
    )
    result = check(Report(ReportKind.FINAL, (_demo(),)), reg, keep_passes=True)
    assert result.findings == ()
    assert len(result.passes) == result.summary.passes
    return result.passes


def _by_context(ctx: Context, t: Table) -> Iterator[Finding | None]:
    for key in ("total", "a", "b"):
        yield ctx.sum_cells((t, t.row("total"), key), [(t, t.row(r), key) for r in ("x", "y")])
    for r in ("total", "x", "y"):
        yield ctx.sum_cells((t, t.row(r), "total"), [(t, t.row(r), k) for k in ("a", "b")])


def _fast(ctx: Context, t: Table) -> Iterator[Finding | None]:
    for key in ("total", "a", "b"):
        yield sum_cells(ctx, (t, t.row("total"), key), [(t, t.row(r), key) for r in ("x", "y")])
    for r in ("total", "x", "y"):
        yield sum_cells(ctx, (t, t.row(r), "total"), [(t, t.row(r), k) for k in ("a", "b")])


def _loops(ctx: Context, t: Table) -> Iterator[Finding | None]:
    yield from column_sums(ctx, t, t.row("total"), [t.row("x"), t.row("y")], ("total", "a", "b"))
    yield from row_sums(ctx, t, t.rows, "total", ("a", "b"))


def test_fast_paths_record_the_passes_context_sum_cells_records() -> None:
    expected = _passes(_by_context)
    assert len(expected) == 6
    assert all(p.outcome is Outcome.EXACT and p.severity is Severity.INFO for p in expected)
    assert _passes(_fast) == expected
    assert _passes(_loops) == expected


def test_every_pass_of_the_seed_is_recorded(seed: Report) -> None:
    result = check(seed, keep_passes=True)
    assert result.summary.passes > 1000
    assert len(result.passes) == result.summary.passes
    plain = check(seed)
    assert (result.findings, result.summary) == (plain.findings, plain.summary)
    assert plain.passes == ()


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_each_builtin_rule_records_what_it_counts(seed: Report, rule: Rule) -> None:
    plain = check(seed, [rule])
    kept = check(seed, [rule], keep_passes=True)
    assert kept.findings == plain.findings
    assert kept.summary == plain.summary
    assert len(kept.passes) == kept.summary.passes
    for p in kept.passes:
        assert (p.outcome, p.severity) == (Outcome.EXACT, Severity.INFO)
        assert p.rule == kept.rules[0]
        assert p.locations
        if p.expected is not None:
            assert p.actual == p.expected
            assert p.difference == 0
