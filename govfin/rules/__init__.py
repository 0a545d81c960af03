"""Rules, findings and the check engine: every defect found, nothing correct flagged.

A :class:`Rule` has a stable id, an English title, a Chinese message template,
a default :class:`Severity`, tags and the table schemas it needs.  Its check
receives a :class:`Context` and returns :class:`Finding` values; it never
raises (an exception becomes an ``error`` finding naming the rule).  Rules live
in a :class:`Registry`; :data:`REGISTRY` holds the built-ins and every rule
added with the :func:`rule` decorator, so custom rules behave exactly like
built-in ones.  :func:`check` runs a :class:`RuleSet` over a report and
collects every finding in a :class:`CheckResult` with a :class:`Summary`.

Rule ids
--------
Built-in ids are ``GF-`` + a group letter + three digits, stable across releases:

=========  ==========================================================
``GF-L``   load problems met while reading the report
``GF-S``   structure: a standard table missing, unrecognised, empty; coverage (GF-S004)
``GF-T``   identities within one table (rows and columns)
``GF-R``   classification rollups (合计 = Σ类, 类 = Σ款, 款 = Σ项) and code order
``GF-X``   identities across tables
``GF-K``   the classification catalogue (names, levels, unknown codes)
``GF-N``   narrative claims (read by :mod:`govfin.narrative`, through :attr:`Context.claims`)
=========  ==========================================================

Selectors (:meth:`RuleSet.select`, ``govfin check --select``) accept an id, an
id prefix (``GF-R``), a tag (``rollup``) or a table schema id (``final.income``,
matching the rules that need or read that table).

The rounding model
------------------
A figure with *d* decimals (the column's precision) stands for
``[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]``; a total is consistent with its parts when its
interval meets the sum of theirs (:func:`compare_sum`).  Since 四舍五入 maps
a half-open interval to *v*, intervals that only touch do not meet: within
one table, 326.72 over a single part 326.71 is an error.  Across tables
published in a larger unit than they are kept in, a figure may sit one unit
from its own rounding (舍位平衡), so two printings one unit apart are a residue
and two units apart an error.  Prose figures are compared with
:func:`compare_printed`, which also accepts a computation on the printed
figures (由印出数计算).  Exact → a counted
pass; consistent only by rounding → ``info`` / ``rounding_residue`` with a
:class:`Reason` (尾数误差, 舍位平衡, 由印出数计算);
consistent only if truncated → at most ``warning`` / ``truncation_residue``;
otherwise the rule's severity / ``inconsistent``.

The comparisons live in one home that the table rules, the narrative rules
and the calculators of :mod:`govfin.calc` share; :func:`meets` is the
half-open test, :func:`fit` what a printed figure is to the values it may
stand for (rounded, truncated, neither).

>>> from decimal import Decimal
>>> compare_sum(Decimal("726.39"), [Decimal("340.64"), Decimal("385.74")]).outcome
<Outcome.ROUNDING_RESIDUE: 'rounding_residue'>
"""

from __future__ import annotations

from govfin._rounding import (
    Candidate,
    Comparison,
    Figure,
    Match,
    balances,
    compare_equal,
    compare_printed,
    compare_sum,
    figure,
    fit,
    meets,
    printed_interval,
    table_precision,
)
from govfin._severity import Outcome, Reason, Severity
from govfin.rules._check import check
from govfin.rules._claims import Claims
from govfin.rules._claims_table import claims_table
from govfin.rules._context import Context
from govfin.rules._coverage import (
    CONTENTS,
    SCHEMA_SET,
    Coverage,
    expected_tables,
    listed_tables,
    measure_coverage,
)
from govfin.rules._finding import Finding, Location
from govfin.rules._narrative import assess
from govfin.rules._registry import (
    REGISTRY,
    CheckFunction,
    Registry,
    Rule,
    RuleSet,
    default_rules,
    rule,
)
from govfin.rules._results import CheckResult, Summary

__all__ = [
    "CONTENTS",
    "REGISTRY",
    "SCHEMA_SET",
    "Candidate",
    "CheckFunction",
    "CheckResult",
    "Claims",
    "Comparison",
    "Context",
    "Coverage",
    "Figure",
    "Finding",
    "Location",
    "Match",
    "Outcome",
    "Reason",
    "Registry",
    "Rule",
    "RuleSet",
    "Severity",
    "Summary",
    "assess",
    "balances",
    "check",
    "claims_table",
    "compare_equal",
    "compare_printed",
    "compare_sum",
    "default_rules",
    "expected_tables",
    "figure",
    "fit",
    "listed_tables",
    "measure_coverage",
    "meets",
    "printed_interval",
    "rule",
    "table_precision",
]

from govfin.rules import _builtin  # noqa: F401 - registers the built-in rules
