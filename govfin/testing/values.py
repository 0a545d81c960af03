"""Hypothesis strategies for published cells and for whole reports of either kind.

>>> from hypothesis import given
>>> @given(cells())
... def test(cell):
...     assert cell.is_number == (cell.value is not None)
>>> test()
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from govfin.report import Cell, Report
from govfin.testing.reports import final_reports
from govfin.testing.tables import budget_reports

__all__ = ["cells", "reports"]

_FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")


@st.composite
def _number_text(draw: st.DrawFn, precision: int) -> str:
    value = Decimal(draw(st.integers(-(10**9), 10**9))).scaleb(-precision)
    text = f"{value:,f}" if draw(st.booleans()) else f"{value:f}"
    return text.translate(_FULL_WIDTH) if draw(st.booleans()) else text


def cells(*, precision: int | None = None) -> st.SearchStrategy[Cell]:
    """Cells as tables print them: numbers, blanks and dashes; ``st.from_type(Cell)``.

    Numbers come at *precision* decimals (0 to 4 when ``None``), sometimes with
    thousands separators or in full-width digits; dashes as ``-``, ``－`` or
    ``—``.  Each is read with :meth:`govfin.report.Cell.parse`, so the text is
    kept as printed and the value is exact.

    >>> from hypothesis import given
    >>> @given(cells(precision=2))
    ... def test(cell):
    ...     assert cell.value is None or cell.value == cell.value.quantize(Decimal("0.01"))
    >>> test()
    """
    places = st.just(precision) if precision is not None else st.integers(0, 4)
    numbers = places.flatmap(_number_text)
    texts = st.one_of(numbers, st.sampled_from(("", "-", "－", "—", "0")))
    return texts.map(Cell.parse)


def reports(*, max_classes: int = 4, precision: int = 2) -> st.SearchStrategy[Report]:
    """Consistent reports, 决算 or 预算 (:func:`final_reports`, :func:`budget_reports`).

    ``st.from_type(Report)`` draws from this.

    >>> from hypothesis import given, settings
    >>> from govfin.rules import check
    >>> @settings(max_examples=4, deadline=None)
    ... @given(reports())
    ... def test(report):
    ...     assert check(report).ok
    >>> test()
    """
    return st.one_of(
        final_reports(max_classes=max_classes, precision=precision),
        budget_reports(max_classes=max_classes, precision=precision),
    )
