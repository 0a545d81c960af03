"""What a check sees: the :class:`Context` of one rule run over one report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from govfin._rounding import Comparison, Figure, balances, compare_sum, table_precision
from govfin._severity import Outcome, Reason, Severity
from govfin.amounts import Unit
from govfin.report import Report, Row, Table
from govfin.rules._claims import Claims
from govfin.rules._finding import Finding, Location, column_of

if TYPE_CHECKING:
    from govfin.classification import Catalog
    from govfin.rules._registry import Rule

__all__ = ["Context"]


class _Fields(dict[str, Any]):
    """Template fields, formatted when used; an unknown field stays as written."""

    def __getitem__(self, key: str) -> str:
        if key not in self:
            return "{" + key + "}"
        return _fmt(dict.__getitem__(self, key))


def _fmt(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:f}"
    if value is None:
        return "空"
    return str(value)


def _format(template: str, fields: Mapping[str, object]) -> str:
    try:
        return template.format_map(_Fields(fields))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template


_VERDICT: Final = {
    Outcome.ROUNDING_RESIDUE: (
        "；差额{difference}{unit}在四舍五入容差±{tolerance}{unit}以内，属尾数误差"
    ),
    Outcome.TRUNCATION_RESIDUE: (
        "；差额{difference}{unit}超出四舍五入容差±{tolerance}{unit}，但按舍去尾数（截尾）口径一致"
    ),
    Outcome.INCONSISTENT: "；差额{difference}{unit}，超出四舍五入容差±{tolerance}{unit}",
}
_BALANCED: Final = (
    "；差额{difference}{unit}在舍位平衡容差±{tolerance}{unit}以内"
    "（单位换算后为使各表平衡可调整一个尾数单位），属舍位平衡"
)


class Context:
    """What a check sees: the report, its rule, and helpers that make findings.

    *previous* is last year's report when the caller gave one (``govfin check
    --previous``), for rules that compare with last year; *catalogs* are the
    classification catalogues the caller loaded (``govfin check --catalog``),
    which the catalogue rules prefer to the bundled ones.  :meth:`finding`
    fills in the rule id, title and severity; :meth:`compare`
    turns a :class:`~govfin.rules.Comparison` into a finding (or into a
    counted pass when exact); :meth:`sum_cells` does the whole job for cells
    of tables; :meth:`exact` counts a pass of any other check.  *keep_passes*
    is true when the caller keeps pass records (``check(..., keep_passes=True)``):
    then every pass is recorded, not only counted with :meth:`passed`.
    *claims* are the claims of the report's prose (:attr:`claims`), shared by
    the rules of one run; made on first use when not given.
    """

    __slots__ = (
        "_claims",
        "catalogs",
        "keep_passes",
        "pass_records",
        "passes",
        "previous",
        "report",
        "rule",
    )

    def __init__(
        self,
        report: Report,
        rule: Rule,
        *,
        previous: Report | None = None,
        catalogs: Sequence[Catalog] = (),
        keep_passes: bool = False,
        claims: Claims | None = None,
    ) -> None:
        self._claims = claims
        self.report = report
        self.rule = rule
        self.previous = previous
        self.catalogs = tuple(catalogs)
        self.passes = 0
        self.pass_records: list[Finding] = []
        self.keep_passes = keep_passes

    @property
    def claims(self) -> Claims:
        """The claims of the report's 情况说明, extracted once per run and resolved on demand."""
        if self._claims is None:
            self._claims = Claims(self.report, self.previous)
        return self._claims

    def table(self, schema: str) -> Table | None:
        """The report's table for *schema* (``None`` when absent)."""
        return self.report.get_table(schema)

    def severity_for(self, outcome: Outcome) -> Severity:
        """The severity a finding of *outcome* gets under this rule.

        An inconsistency gets the rule's severity; a truncation residue at most
        ``warning``; a rounding residue, a pass or a ``not_evaluated`` ``info``.
        """
        if outcome is Outcome.INCONSISTENT:
            return self.rule.severity
        if outcome is Outcome.TRUNCATION_RESIDUE:
            return min(self.rule.severity, Severity.WARNING)
        return Severity.INFO

    def finding(
        self,
        outcome: Outcome,
        *locations: Location,
        expected: Decimal | None = None,
        actual: Decimal | None = None,
        difference: Decimal | None = None,
        tolerance: Decimal | None = None,
        unit: Unit | None = None,
        severity: Severity | None = None,
        message: str | None = None,
        note: str | None = None,
        reason: Reason | None = None,
        **fields: object,
    ) -> Finding:
        """A finding of this rule; the message template is filled with *fields*.

        Only an inconsistency (a defect of the document) is an error: a finding
        of any other outcome (a check that could not be made, a residue) is at
        most a warning, whatever severity is asked for.

        The template also sees ``expected``, ``actual``, ``difference``,
        ``tolerance``, ``unit`` and, from the first location, ``table``,
        ``row``, ``label``, ``line`` and ``column``.
        """
        template = message if message is not None else self.rule.message
        if outcome in _VERDICT and difference is not None and message is None:
            template += _BALANCED if reason is Reason.BALANCING else _VERDICT[outcome]
        main = locations[0] if locations else None
        values: dict[str, object] = {
            "table": (main.table_label or main.table) if main else "",
            "row": main.row if main else "",
            "label": main.row_label if main else "",
            "line": main.line_no if main else "",
            "column": (main.column_title or main.column) if main else "",
            "expected": expected,
            "actual": actual,
            "difference": difference,
            "tolerance": tolerance,
            "unit": unit.value if unit is not None else "",
        }
        values.update(fields)
        level = severity if severity is not None else self.severity_for(outcome)
        if level is Severity.ERROR and outcome is not Outcome.INCONSISTENT:
            level = Severity.WARNING  # only a defect of the document is an error
        return Finding(
            rule=self.rule.id,
            severity=level,
            outcome=outcome,
            message=_format(template, values),
            title=self.rule.title,
            locations=tuple(locations),
            expected=expected,
            actual=actual,
            difference=difference,
            tolerance=tolerance,
            unit=unit,
            note=note,
            reason=reason,
        )

    def passed(self, count: int = 1) -> None:
        """Count *count* exact comparisons (passes) without making findings.

        Only when *keep_passes* is false; else record each pass with :meth:`exact`.
        """
        self.passes += count

    def exact(self, *locations: Location, message: str | None = None, **fields: object) -> None:
        """Count one pass; when passes are kept, record it (a :meth:`finding` of outcome ``exact``).

        For a check that compares no figures (a name, a code, a table present):
        *message* replaces the rule's template where that speaks of a problem.
        """
        self.passes += 1
        if self.keep_passes:
            extra: dict[str, Any] = dict(fields)
            self.pass_records.append(
                self.finding(Outcome.EXACT, *locations, message=message, **extra)
            )

    def not_evaluated(self, reason: str, *locations: Location) -> Finding:
        """A visible ``not_evaluated`` finding (severity ``info``) giving *reason*."""
        return self.finding(Outcome.NOT_EVALUATED, *locations, message=reason)

    def compare(
        self,
        comparison: Comparison,
        *locations: Location,
        unit: Unit | None = None,
        **fields: object,
    ) -> Finding | None:
        """Turn *comparison* into a finding; an exact one counts as a pass (``None``)."""
        if comparison.outcome is Outcome.EXACT:
            self.passes += 1
            if not self.keep_passes:
                return None
        note = None
        if comparison.blank_total:
            note = "合计栏为空，但其组成项不为零"
        elif comparison.outcome is Outcome.TRUNCATION_RESIDUE:
            note = "consistent only if the figures were truncated, not rounded half-up"
        extra: dict[str, Any] = dict(fields)
        found = self.finding(
            comparison.outcome,
            *locations,
            expected=comparison.expected,
            actual=comparison.actual,
            difference=comparison.difference,
            tolerance=comparison.tolerance,
            unit=unit,
            note=note,
            reason=comparison.reason,
            **extra,
        )
        if found.is_pass:
            self.pass_records.append(found)
            return None
        return found

    def sum_cells(
        self,
        total: tuple[Table, Row | None, str],
        parts: Iterable[tuple[Table, Row | None, str]],
        **fields: object,
    ) -> Finding | None:
        """Check that the cell *total* equals the sum of the cells *parts*.

        Each cell is ``(table, row, column key)``; a missing row reads as a
        blank cell; a column key written ``-key`` subtracts that cell.
        Precision comes from each table's column.  The finding's locations
        are the total (role ``"total"``) then the non-blank parts (role
        ``"part"``).  The message template also sees ``figured``, the number
        of parts that carry a figure (blank parts add no tolerance).
        """
        t_table, t_row, t_col = total
        whole = self.report.rounding.whole_yuan
        total_fig = _figure(t_table, t_row, t_col, whole_yuan=whole)
        part_list = list(parts)
        precisions: dict[tuple[int, str], int | None] = {}
        part_figs = [_figure(tb, rw, cl, precisions, whole_yuan=whole) for tb, rw, cl in part_list]
        # 舍位平衡: an identity across tables published in a larger unit than kept
        balancing = any(tb is not t_table for tb, _, _ in part_list) and balances(
            t_table, total_fig.precision, self.report
        )
        comparison = compare_sum(total_fig, part_figs, balancing=balancing)
        if comparison.outcome is Outcome.EXACT and not self.keep_passes:
            self.passes += 1
            return None
        locations = [Location.cell(t_table, t_row, t_col.lstrip("-"), role="total")]
        locations.extend(
            Location.cell(tb, rw, cl.lstrip("-"), role="part")
            for (tb, rw, cl), f in zip(part_list, part_figs, strict=True)
            if f.value is not None and rw is not None
        )
        fields.setdefault("figured", len(locations) - 1)
        return self.compare(comparison, *locations, unit=t_table.unit, **fields)


def _figure(
    table: Table,
    row: Row | None,
    column: str,
    precisions: dict[tuple[int, str], int | None] | None = None,
    *,
    whole_yuan: bool = False,
) -> Figure:
    negate = column[:1] == "-"
    key = column[1:] if negate else column
    if precisions is not None and (id(table), key) in precisions:
        precision = precisions[(id(table), key)]
    else:
        col = column_of(table, key)
        precision = table_precision(
            table, col.precision if col is not None else 2, whole_yuan=whole_yuan
        )
        if precisions is not None:
            precisions[(id(table), key)] = precision
    if row is None:
        return Figure(None, precision)
    cell = row.cells.get(key)
    value = cell.value if cell is not None else None
    if negate and value is not None:
        value = -value
    return Figure(value, precision)
