"""Claims read from the 情况说明, checked against the tables, and the 情况说明 drafted.

>>> [c.kind for c in extract("人员经费340.64万元，占基本支出的46.90%。")]
['share']
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
    Number,
    ResidueClaim,
    Sentence,
    ShareClaim,
    TotalClaim,
    YearClaim,
)
from govfin.narrative._extract import extract, normalise_name, sentences, split_path

__all__ = [
    "AmountClaim",
    "ChangeClaim",
    "Claim",
    "ComparisonClaim",
    "CountClaim",
    "ExecutionClaim",
    "FigureKind",
    "Number",
    "ResidueClaim",
    "Sentence",
    "ShareClaim",
    "TotalClaim",
    "YearClaim",
    "extract",
    "normalise_name",
    "sentences",
    "split_path",
]
