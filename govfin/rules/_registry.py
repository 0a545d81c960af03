"""Rules, rule sets and the registry that holds the built-in and custom rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Final

import attrs

from govfin._severity import Severity
from govfin.report import Report, ReportKind
from govfin.rules._finding import Finding

if TYPE_CHECKING:
    from govfin.rules._context import Context

__all__ = [
    "REGISTRY",
    "CheckFunction",
    "Registry",
    "Rule",
    "RuleSet",
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


def default_rules() -> RuleSet:
    """Every rule of :data:`REGISTRY`: the built-ins and every rule added with :func:`rule`."""
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

    >>> from govfin.rules import Outcome, check
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
