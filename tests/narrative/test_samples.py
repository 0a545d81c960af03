"""The narrative rules on the sample PDFs: planted errors are found, clean reports stay clean."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from govfin.rules import Finding, Severity, assess

pytest.importorskip("pypdfium2")

D = Decimal
PDF = Path(__file__).parent.parent / "data" / "pdf"


def problems(name: str) -> list[Finding]:
    from govfin.io import load  # noqa: PLC0415

    return [v for v in assess(load(PDF / name)) if v.severity >= Severity.WARNING and not v.is_pass]


def test_planted_errors_are_found() -> None:
    found = problems("putuo-czj-2024-final-with-planted-errors.pdf")
    summary = sorted((v.rule, v.severity.value, v.expected, v.actual) for v in found)
    assert summary == [
        ("GF-N001", "error", D(0), D("0.95")),  # 三公 年初预算 0.95 vs the blank 三公 table
        ("GF-N001", "error", D("2995.39"), D(0)),
        ("GF-N002", "error", D("71.65"), D("71.73")),
        ("GF-N005", "error", D("62.29"), D("60.99")),
        ("GF-N005", "error", D("80.81"), D("80.38")),
        ("GF-N005", "error", D("1560.05"), D("1511.89")),
        ("GF-N009", "error", D(2024), D(2023)),  # the 第三部分 heading
        ("GF-N009", "error", D(2024), D(2023)),  # 截至2023年12月31日
        ("GF-N010", "warning", None, None),
    ]
    heading, as_of = [v for v in found if v.rule == "GF-N009"]
    assert heading.location is not None
    assert heading.location.role == "heading"
    assert as_of.location is not None
    assert (as_of.location.sentence or "").startswith("截至2023年12月31日")


@pytest.mark.parametrize(
    "name",
    [
        "putuo-commerce-2025-dept-budget.pdf",
        "putuo-commerce-2025-unit-budget.pdf",
        "putuo-gov-office-2025-dept-budget.pdf",
        "putuo-gov-office-2025-unit-budget.pdf",
    ],
)
def test_budgets_raise_nothing(name: str) -> None:
    assert problems(name) == []


def test_template_placeholders_are_residue() -> None:
    found = problems("shanghai-2024-final-template.pdf")
    assert found
    assert {v.rule for v in found} == {"GF-N010"}
