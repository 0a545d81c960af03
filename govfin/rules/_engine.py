"""Rules, rule sets, the registry, and running a check over a report."""

from __future__ import annotations

import importlib
import importlib.util
import re
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from govfin.amounts import Unit
from govfin.report import Report, ReportKind, Row, Table
from govfin.rules._coverage import Coverage, measure_coverage
from govfin.rules._finding import Finding, Location, Outcome, Reason, Severity, column_of
from govfin.rules._messages import problem_zh
from govfin.rules._rounding import Comparison, Figure, balances, compare_sum, table_precision

if TYPE_CHECKING:
    from govfin.classification import Catalog

__all__ = [
    "REGISTRY",
    "CheckFunction",
    "CheckResult",
    "Context",
    "Registry",
    "Rule",
    "RuleSet",
    "Summary",
    "check",
    "default_rules",
    "rule",
]

CheckFunction = Callable[["Context"], Iterable[Finding | None] | None]
"""A rule's check: takes the :class:`Context` of one report, returns (or yields) findings.

``None`` items are skipped, so ``yield ctx.compare(...)`` needs no test."""

_ID_RE: Final = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[-._][A-Za-z0-9]+)*$")


def _check_id(_inst: object, _attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise ValueError(
            f"rule id {value!r} must be letters and digits joined by '-', '.' or '_' "
            "(for example 'GF-T001' or 'acme.income-total')"
        )


def _severity(value: Severity | str) -> Severity:
    return Severity.parse(value)


def _frozenset(value: Iterable[str] | str) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(value)


def _tuple(value: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _kinds(value: Iterable[ReportKind] | ReportKind | None) -> frozenset[ReportKind] | None:
    if value is None:
        return None
    if isinstance(value, ReportKind):
        return frozenset({value})
    return frozenset(value)


@attrs.frozen
class Rule:
    """A named check with a stable id, run over one report at a time.

    *id* is stable across releases (built-ins: ``GF-`` + a letter for the
    group + three digits, see :mod:`govfin.rules`); *title* is English;
    *message* is a Chinese template filled by :meth:`Context.finding` with
    ``str.format`` fields (unknown fields are left as written).  *severity*
    is what an inconsistency is worth; *tables* are the schema ids the check
    needs (when one is missing the rule reports ``not_evaluated`` instead of
    running); *reads* the schema ids it checks when the report holds them
    (for documentation and selection by table); *kinds* limits the rule to
    决算 or 预算 reports (``None``: both).

    A check never raises: :func:`check` turns an exception into an ``error``
    finding naming the rule.

    >>> r = Rule("ACME-001", "Nothing", "无", lambda ctx: ())
    >>> r.severity, r.applies_to(Report(ReportKind.FINAL, ()))
    (<Severity.ERROR: 'error'>, True)
    """

    id: str = attrs.field(validator=_check_id)
    title: str
    message: str
    check: CheckFunction = attrs.field(eq=False, repr=False)
    severity: Severity = attrs.field(default=Severity.ERROR, converter=_severity)
    tags: frozenset[str] = attrs.field(default=frozenset(), converter=_frozenset)
    tables: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    reads: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    kinds: frozenset[ReportKind] | None = attrs.field(default=None, converter=_kinds)
    description: str = ""

    @property
    def title_zh(self) -> str:
        """The Chinese title (built-in rules; else the English :attr:`title`)."""
        from govfin.rules._titles import title_zh  # noqa: PLC0415 - a leaf table

        return title_zh(self.id, self.title)

    def applies_to(self, report: Report) -> bool:
        """Whether the rule is meant for this kind of report."""
        return self.kinds is None or report.kind in self.kinds

    def matches(self, spec: str) -> bool:
        """Whether a selector names this rule: its id or an id prefix, a tag, or a table.

        >>> r = Rule("GF-T001", "t", "m", lambda ctx: (), tags={"balance"}, tables="final.summary")
        >>> [r.matches(s) for s in ("GF-T001", "GF-T", "balance", "final.summary", "GF-X")]
        [True, True, True, True, False]
        """
        if spec.startswith("tag:"):
            return spec[4:] in self.tags
        if spec.startswith("table:"):
            return spec[6:] in self.tables or spec[6:] in self.reads
        return (
            self.id == spec
            or self.id.startswith(spec)
            or spec in self.tags
            or spec in self.tables
            or spec in self.reads
        )


def _select(rules: Iterable[Rule], specs: Iterable[str]) -> tuple[Rule, ...]:
    specs = [s.strip() for s in specs if s.strip()]
    unknown = [s for s in specs if not any(r.matches(s) for r in rules)]
    if unknown:
        raise ValueError(
            "no rule matches "
            + ", ".join(repr(s) for s in unknown)
            + " (give rule ids or id prefixes, tags, or table schema ids)"
        )
    return tuple(r for r in rules if any(r.matches(s) for s in specs))


@attrs.frozen
class RuleSet:
    """An ordered, immutable set of rules; compose with ``|``, ``&`` and ``-``.

    >>> a = RuleSet((Rule("A-1", "a", "a", lambda c: ()), Rule("B-1", "b", "b", lambda c: ())))
    >>> a.select("A").ids, a.ignore("A").ids, (a.select("A") | a.select("B-1")).ids
    (('A-1',), ('B-1',), ('A-1', 'B-1'))
    """

    rules: tuple[Rule, ...] = ()

    def __attrs_post_init__(self) -> None:
        seen: dict[str, Rule] = {}
        for r in self.rules:
            if r.id in seen and seen[r.id] is not r:
                raise ValueError(f"two different rules share the id {r.id!r}")
            seen[r.id] = r
        if len(seen) != len(self.rules):
            object.__setattr__(self, "rules", tuple(seen.values()))

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids, in order."""
        return tuple(r.id for r in self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return any(r.id == item for r in self.rules)
        return item in self.rules

    def __getitem__(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(f"no rule {rule_id!r}")

    def select(self, *specs: str) -> RuleSet:
        """The rules any selector names (id or id prefix, tag, table schema id).

        ``tag:NAME`` and ``table:SCHEMA`` force the reading of a selector.

        Raises:
            ValueError: when a selector names no rule (a typo must not select nothing).
        """
        return RuleSet(_select(self.rules, specs))

    def ignore(self, *specs: str) -> RuleSet:
        """The rules no selector names.

        Raises:
            ValueError: when a selector names no rule.
        """
        dropped = set(_select(self.rules, specs)) if specs else set()
        return RuleSet(tuple(r for r in self.rules if r not in dropped))

    def filter(self, predicate: Callable[[Rule], bool]) -> RuleSet:
        """The rules for which *predicate* is true."""
        return RuleSet(tuple(r for r in self.rules if predicate(r)))

    def __or__(self, other: RuleSet) -> RuleSet:
        return RuleSet(self.rules + tuple(r for r in other.rules if r.id not in self))

    def __and__(self, other: RuleSet) -> RuleSet:
        return RuleSet(tuple(r for r in self.rules if r.id in other))

    def __sub__(self, other: RuleSet) -> RuleSet:
        return RuleSet(tuple(r for r in self.rules if r.id not in other))


class Registry:
    """A mutable collection of rules by id; the built-ins live in :data:`REGISTRY`.

    >>> reg = Registry()
    >>> @reg.rule("ACME-001", title="Always fine", message="无")
    ... def always_fine(ctx):
    ...     return ()
    >>> reg.ids, len(reg.select("ACME"))
    (('ACME-001',), 1)
    """

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        for r in rules:
            self.add(r)

    def add(self, rule: Rule, *, replace: bool = False) -> Rule:
        """Add *rule*; return it.

        Raises:
            ValueError: when another rule has the id and *replace* is false.
        """
        if rule.id in self._rules and not replace and self._rules[rule.id] is not rule:
            raise ValueError(f"a rule with id {rule.id!r} is already registered")
        self._rules[rule.id] = rule
        return rule

    def remove(self, rule_id: str) -> None:
        """Remove the rule with *rule_id* (no error when absent)."""
        self._rules.pop(rule_id, None)

    def rule(
        self,
        id: str,
        *,
        title: str,
        message: str,
        severity: Severity | str = Severity.ERROR,
        tags: Iterable[str] = (),
        tables: Iterable[str] = (),
        reads: Iterable[str] = (),
        kinds: Iterable[ReportKind] | ReportKind | None = None,
        replace: bool = False,
    ) -> Callable[[CheckFunction], Rule]:
        """Decorator: register a check function as a rule (it becomes the :class:`Rule`)."""

        def register(func: CheckFunction) -> Rule:
            made = Rule(
                id,
                title,
                message,
                func,
                severity=Severity.parse(severity),
                tags=frozenset(tags),
                tables=tuple(tables),
                reads=tuple(reads),
                kinds=_kinds(kinds),
                description=(func.__doc__ or "").strip(),
            )
            return self.add(made, replace=replace)

        return register

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids, sorted."""
        return tuple(sorted(self._rules))

    def rules(self) -> RuleSet:
        """Every rule, sorted by id."""
        return RuleSet(tuple(self._rules[k] for k in sorted(self._rules)))

    def select(self, *specs: str) -> RuleSet:
        """See :meth:`RuleSet.select`."""
        return self.rules().select(*specs)

    def ignore(self, *specs: str) -> RuleSet:
        """See :meth:`RuleSet.ignore`."""
        return self.rules().ignore(*specs)

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules())

    def __len__(self) -> int:
        return len(self._rules)


REGISTRY: Final = Registry()
"""The registry of built-in rules, and of every rule added with :func:`rule`."""

_EXTENSIONS: Final = ("govfin.narrative",)
_extensions_loaded: list[bool] = []


def _load_extensions() -> None:
    """Import the packages that register more rules into :data:`REGISTRY` (once)."""
    if _extensions_loaded:
        return
    _extensions_loaded.append(True)
    for name in _EXTENSIONS:
        try:
            if importlib.util.find_spec(name) is not None:
                importlib.import_module(name)
        except Exception as exc:  # a broken extension must show, not stop every check
            REGISTRY.add(_broken_extension(name, exc), replace=True)


def _broken_extension(name: str, exc: Exception) -> Rule:
    text = f"{type(exc).__name__}: {exc}"

    def report_it(ctx: Context) -> Iterator[Finding]:
        yield ctx.finding(Outcome.NOT_EVALUATED, severity=Severity.ERROR, error=text)

    return Rule(
        "GF-E001",
        "A rule extension failed to load",
        f"扩展 {name} 加载失败，其规则未运行：{{error}}",
        report_it,
        tags=frozenset({"engine"}),
    )


def default_rules() -> RuleSet:
    """Every rule of :data:`REGISTRY`, including those of installed govfin extensions."""
    _load_extensions()
    return REGISTRY.rules()


def rule(
    id: str,
    *,
    title: str,
    message: str,
    severity: Severity | str = Severity.ERROR,
    tags: Iterable[str] = (),
    tables: Iterable[str] = (),
    reads: Iterable[str] = (),
    kinds: Iterable[ReportKind] | ReportKind | None = None,
    replace: bool = False,
) -> Callable[[CheckFunction], Rule]:
    """Decorator: register a custom rule in :data:`REGISTRY`, next to the built-ins.

    The function receives a :class:`Context` and returns or yields findings.

    >>> @rule("ACME-100", title="Department named", message="未填写部门名称", severity="warning",
    ...       replace=True)
    ... def department_named(ctx):
    ...     if not ctx.report.department:
    ...         yield ctx.finding(Outcome.INCONSISTENT)
    >>> result = check(Report(ReportKind.FINAL, ()), rules=REGISTRY.select("ACME-100"))
    >>> [(f.rule, f.severity.value, f.message) for f in result.findings]
    [('ACME-100', 'warning', '未填写部门名称')]
    >>> REGISTRY.remove("ACME-100")
    """
    return REGISTRY.rule(
        id,
        title=title,
        message=message,
        severity=severity,
        tags=tags,
        tables=tables,
        reads=reads,
        kinds=kinds,
        replace=replace,
    )


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
    """

    __slots__ = (
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
    ) -> None:
        self.report = report
        self.rule = rule
        self.previous = previous
        self.catalogs = tuple(catalogs)
        self.passes = 0
        self.pass_records: list[Finding] = []
        self.keep_passes = keep_passes

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
        return Finding(
            rule=self.rule.id,
            severity=severity if severity is not None else self.severity_for(outcome),
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


@attrs.frozen
class Summary:
    """Counts of one check run (or of several, added with ``+``).

    *by_severity* counts the findings (passes excluded) by severity name;
    *by_outcome* counts every comparison by outcome name, passes (``exact``)
    included; *rules_run* is how many rules ran, *reports* how many reports;
    *coverage* what was actually read and checked (:class:`~govfin.rules.Coverage`,
    ``None`` for a summary not made by :func:`check`).
    """

    by_severity: Mapping[str, int] = attrs.field(factory=dict, hash=False)
    by_outcome: Mapping[str, int] = attrs.field(factory=dict, hash=False)
    rules_run: int = 0
    reports: int = 1
    coverage: Coverage | None = None

    @property
    def errors(self) -> int:
        """The number of error findings."""
        return self.by_severity.get("error", 0)

    @property
    def warnings(self) -> int:
        """The number of warning findings."""
        return self.by_severity.get("warning", 0)

    @property
    def infos(self) -> int:
        """The number of info findings."""
        return self.by_severity.get("info", 0)

    @property
    def passes(self) -> int:
        """The number of exact comparisons."""
        return self.by_outcome.get("exact", 0)

    @property
    def findings(self) -> int:
        """The number of findings (passes excluded)."""
        return sum(self.by_severity.values())

    def __add__(self, other: Summary) -> Summary:
        sev = {
            s.value: self.by_severity.get(s.value, 0) + other.by_severity.get(s.value, 0)
            for s in Severity
        }
        out = {
            o.value: self.by_outcome.get(o.value, 0) + other.by_outcome.get(o.value, 0)
            for o in Outcome
        }
        if self.coverage is None or other.coverage is None:
            coverage = self.coverage or other.coverage
        else:
            coverage = self.coverage + other.coverage
        return Summary(
            sev, out, self.rules_run + other.rules_run, self.reports + other.reports, coverage
        )

    def line(self) -> str:
        """One line: ``2 errors, 0 warnings, 3 info; 120 exact, 3 residues … (18 rules)``."""
        o = self.by_outcome
        return (
            f"{self.errors} error{'s' * (self.errors != 1)}, "
            f"{self.warnings} warning{'s' * (self.warnings != 1)}, {self.infos} info; "
            f"{o.get('exact', 0)} exact, {o.get('rounding_residue', 0)} rounding residue, "
            f"{o.get('truncation_residue', 0)} truncation residue, "
            f"{o.get('inconsistent', 0)} inconsistent, {o.get('not_evaluated', 0)} not evaluated "
            f"({self.rules_run} rules, {self.reports} report{'s' * (self.reports != 1)})"
        )


@attrs.frozen
class CheckResult:
    """Every finding of one run over one report, and its :class:`Summary`.

    *passes* are the pass records (outcome ``exact``), kept only when asked
    (``keep_passes=True``); they are always counted in the summary.
    """

    source: str | None
    findings: tuple[Finding, ...]
    summary: Summary
    rules: tuple[str, ...] = ()
    passes: tuple[Finding, ...] = ()

    def at_least(self, severity: Severity | str) -> tuple[Finding, ...]:
        """The findings of *severity* or worse."""
        level = Severity.parse(severity)
        return tuple(f for f in self.findings if f.severity >= level)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """Whether there is no error finding."""
        return not self.errors

    def by_rule(self, rule_id: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule_id)

    @property
    def coverage(self) -> Coverage | None:
        """What the run actually read and checked (see :class:`~govfin.rules.Coverage`)."""
        return self.summary.coverage


def _partly_read(report: Report) -> dict[str, str]:
    """Schema id → what was not read, for each table with an error-level load problem."""
    out: dict[str, str] = {}
    for problem in report.problems:
        if problem.severity != Severity.ERROR.value or not problem.table:
            continue
        table = report.get_table(problem.table)
        if table is not None and table.schema is not None:
            out.setdefault(
                table.schema, f"{table.label}未能完整读取（{problem_zh(problem.message)}）"
            )
    return out


def _as_read(finding: Finding, rule: Rule, unread: Mapping[str, str]) -> Finding:
    """An inconsistency that rests on a table not read in full is a warning, not an error.

    The difference may come from the reading (a row or column lost), not from
    the document; that the table could not be read is itself an error of the
    report's coverage (``GF-S004``), so nothing passes unnoticed.
    """
    if finding.severity is not Severity.ERROR or finding.outcome is not Outcome.INCONSISTENT:
        return finding
    tables = [t for t in (*rule.tables, *rule.reads, *finding.tables()) if t in unread]
    if not tables:
        return finding
    note = f"{unread[tables[0]]}，差异可能来自读取，未判为错误"
    return attrs.evolve(
        finding,
        severity=Severity.WARNING,
        note=f"{finding.note}；{note}" if finding.note else note,
    )


def _as_ruleset(rules: RuleSet | Registry | Iterable[Rule] | None) -> RuleSet:
    if rules is None:
        return default_rules()
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, Registry):
        return rules.rules()
    return RuleSet(tuple(rules))


def _crash(rule: Rule, exc: BaseException) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" at {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno}" if where else ""
    return Finding(
        rule=rule.id,
        severity=Severity.ERROR,
        outcome=Outcome.NOT_EVALUATED,
        message=f"规则 {rule.id} 执行出错，未能完成检查：{type(exc).__name__}: {exc}",
        title=rule.title,
        note=f"rule {rule.id} raised {type(exc).__name__}{at}: {exc}",
    )


_NOT_FIGURES: Final = frozenset({"load", "structure"})


def check(
    report: Report,
    rules: RuleSet | Registry | Iterable[Rule] | None = None,
    *,
    previous: Report | None = None,
    catalogs: Sequence[Catalog] = (),
    keep_passes: bool = False,
) -> CheckResult:
    """Run *rules* (default: every registered rule) over *report*; collect every finding.

    Rules not meant for the report's kind are skipped; a rule whose tables
    are missing reports one ``not_evaluated`` finding; a rule that raises
    reports an ``error`` finding naming it.  Nothing stops the run.
    *previous* (last year's report) is handed to the rules through
    :attr:`Context.previous`, *catalogs* (official catalogues the user
    loaded) through :attr:`Context.catalogs`; *keep_passes* keeps a record of every exact
    comparison in :attr:`CheckResult.passes` (they are always counted).

    >>> from govfin.report import Report, ReportKind
    >>> result = check(Report(ReportKind.FINAL, ()), rules=RuleSet())
    >>> result.findings, result.summary.errors
    ((), 0)
    """
    ruleset = _as_ruleset(rules)
    findings: list[Finding] = []
    pass_records: list[Finding] = []
    passes = 0
    checked = 0  # comparisons of figures: the rules other than load and structure ones
    ran: list[str] = []
    unread = _partly_read(report)
    for r in ruleset:
        if not r.applies_to(report):
            continue
        ran.append(r.id)
        ctx = Context(report, r, previous=previous, catalogs=catalogs, keep_passes=keep_passes)
        missing = [t for t in r.tables if report.get_table(t) is None]
        if missing:
            findings.append(
                ctx.not_evaluated(
                    f"缺少{'、'.join(missing)}，规则 {r.id} 未能检查"
                    "（not evaluated: table missing）",
                    *(Location(table=t, role="missing") for t in missing),
                )
            )
            continue
        before = (passes, len(findings))
        try:
            produced = r.check(ctx)
            if produced is not None:
                for f in produced:
                    if f is None:
                        continue
                    if f.is_pass:
                        passes += 1
                        if keep_passes:
                            pass_records.append(f)
                    else:
                        findings.append(_as_read(f, r, unread))
        except Exception as exc:  # a check never stops the run
            findings.append(_crash(r, exc))
        passes += ctx.passes
        pass_records.extend(ctx.pass_records)
        if not r.tags & _NOT_FIGURES:
            checked += passes - before[0]
            checked += sum(f.outcome is not Outcome.NOT_EVALUATED for f in findings[before[1] :])
    by_sev = {s.value: 0 for s in Severity}
    by_out = {o.value: 0 for o in Outcome}
    for f in findings:
        by_sev[f.severity.value] += 1
        by_out[f.outcome.value] += 1
    by_out[Outcome.EXACT.value] += passes
    coverage = measure_coverage(report, figures_checked=checked)
    summary = Summary(by_sev, by_out, len(ran), 1, coverage)
    return CheckResult(report.source, tuple(findings), summary, tuple(ran), tuple(pass_records))
