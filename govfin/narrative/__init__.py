"""Claims read from the 情况说明, resolved to the tables, and the 情况说明 drafted.

:func:`extract` reads typed claims (amounts, shares, changes, execution
rates, comparisons, counts, totals, years, template residue) from the prose,
each with its sentence and character offsets.  :func:`resolve` finds the
table cells a claim speaks of (a 决算's ``final.*`` tables, a 预算's
``budget.*`` tables, converted exactly from 元 to 万元).  The claims are
checked by the rules ``GF-N001`` … ``GF-N014`` of :mod:`govfin.rules`
(:func:`govfin.rules.assess` gives their findings, passes included).
:func:`draft` writes the standard 情况说明 of a 决算.

>>> [c.kind for c in extract("人员经费340.64万元，占基本支出的46.90%。")]
['share']
>>> c = extract("机关运行经费支出385.74万元，比年初预算数增加315.55万元，增长523.39%。")[-1]
>>> c.kind, c.current.text, c.rate.text
('change', '385.74万元', '523.39%')
"""

from __future__ import annotations

from govfin.narrative._claims import (
    AmountClaim,
    ChangeClaim,
    Claim,
    ComparisonClaim,
    CountClaim,
    ExecutionClaim,
    FigureKind,
    NameClaim,
    Number,
    ResidueClaim,
    Sentence,
    ShareClaim,
    TotalClaim,
    YearClaim,
)
from govfin.narrative._draft import FILL, draft
from govfin.narrative._extract import extract, normalise_name, sentences, split_path
from govfin.narrative._resolve import (
    CellRef,
    Resolved,
    Topic,
    budget_name,
    canonical,
    quoted,
    resolve,
    topic_of,
)

__all__ = [
    "FILL",
    "AmountClaim",
    "CellRef",
    "ChangeClaim",
    "Claim",
    "ComparisonClaim",
    "CountClaim",
    "ExecutionClaim",
    "FigureKind",
    "NameClaim",
    "Number",
    "ResidueClaim",
    "Resolved",
    "Sentence",
    "ShareClaim",
    "Topic",
    "TotalClaim",
    "YearClaim",
    "budget_name",
    "canonical",
    "draft",
    "extract",
    "normalise_name",
    "quoted",
    "resolve",
    "sentences",
    "split_path",
    "topic_of",
]
