"""Recognition's title lookup (:func:`_title_matches`) scores as trying every title does.

The lookup finds the schema titles a printed title ends with through an index
of the titles; :func:`_title_score`, trying each title of each schema, is its
reference.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.report import ReportKind
from govfin.tables import registry, schemas
from govfin.tables.registry import _title_matches, _title_score
from govfin.tables.schema import normalise_title

_DATA = Path(__file__).resolve().parent.parent / "data" / "regions" / "titles.csv"
_KINDS = (None, ReportKind.FINAL, ReportKind.BUDGET)
_TITLES = sorted({t for s in schemas() for t in s.titles})
_BEFORE = ("", "某某局2024年度", "2025年", "财政专户管理资金", "一般公共预算", "项目", "(", "和")
_AFTER = ("", "(一般公共预算)", "(功能科目)", "（续）", "表", "公开01表")


def _reference(norm: str, kind: ReportKind | None) -> list[tuple[str, int]]:
    return [(s.id, ts) for s in schemas(kind) if (ts := _title_score(s, norm))]


def _indexed(norm: str, kind: ReportKind | None) -> list[tuple[str, int]]:
    return [(s.id, ts) for s, ts in _title_matches(norm, kind, registry._changes)]


def _printed() -> list[str]:
    with _DATA.open(encoding="utf-8") as f:
        harvested = [r["printed"] for r in csv.DictReader(f)]
    composed = [f"{b}{t}{a}" for t in _TITLES for b in _BEFORE for a in _AFTER]
    return harvested + composed


@pytest.mark.parametrize("kind", _KINDS, ids=str)
def test_every_title_scored_as_by_trying_each(kind: ReportKind | None) -> None:
    for printed in _printed():
        norm = normalise_title(printed)
        assert _indexed(norm, kind) == _reference(norm, kind), printed


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_TITLES, *_BEFORE, *_AFTER, "支出", "预算", "决算", "表", "(", ")"]),
        max_size=4,
    ),
    st.sampled_from(_KINDS),
)
def test_any_title_scored_as_by_trying_each(words: list[str], kind: ReportKind | None) -> None:
    norm = normalise_title("".join(words))
    assert _indexed(norm, kind) == _reference(norm, kind)
