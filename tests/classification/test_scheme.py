"""Tests of the shared structure: Level, Classification, Code and guess."""

from __future__ import annotations

import attrs
import pytest

import govfin.classification as gc
from govfin.classification import Classification, Code, Level, guess
from govfin.errors import CodeError, InvalidComponent, InvalidFormat


class TestLevel:
    def test_lengths(self) -> None:
        assert [level.length for level in Level] == [3, 5, 7, 9]
        assert [level.value for level in Level] == ["类", "款", "项", "目"]

    def test_from_length(self) -> None:
        assert Level.from_length(9) is Level.MU
        with pytest.raises(ValueError, match="4-digit"):
            Level.from_length(4)


class TestClassification:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("functional", Classification.FUNCTIONAL),
            ("economic-dept", Classification.ECONOMIC_DEPT),
            ("ECONOMIC_GOV", Classification.ECONOMIC_GOV),
            ("收入分类", Classification.REVENUE),
        ],
    )
    def test_parse(self, text: str, expected: Classification) -> None:
        assert Classification.parse(text) is expected

    def test_parse_unknown(self) -> None:
        with pytest.raises(ValueError, match="economic-dept"):
            Classification.parse("economic")

    def test_levels(self) -> None:
        assert Classification.FUNCTIONAL.lengths == (3, 5, 7)
        assert Classification.ECONOMIC_DEPT.lengths == (3, 5)
        assert Classification.ECONOMIC_GOV.lengths == (3, 5)
        assert Classification.REVENUE.lengths == (3, 5, 7, 9)


class TestGuess:
    @pytest.mark.parametrize(
        ("code", "expected"),
        [("2010301", "functional"), ("30201", "economic_dept"), ("501", "economic_gov"),
         ("101010101", "revenue"), ("２０１", "functional")],
    )  # fmt: skip
    def test_guess(self, code: str, expected: str) -> None:
        assert guess(code).value == expected

    def test_guess_unknown_prefix(self) -> None:
        with pytest.raises(InvalidComponent, match="no classification starts with 4"):
            guess("40101")

    def test_guess_junk(self) -> None:
        with pytest.raises(InvalidFormat):
            guess("20103x")


class TestCode:
    def test_parse(self) -> None:
        code = Code.parse("201 03 01")
        assert code == Code(Classification.FUNCTIONAL, "2010301")
        assert code.level is Level.XIANG
        assert code.parent == Code("functional", "20103")
        assert [str(a) for a in code.ancestors] == ["201", "20103"]
        assert code.format("-") == "201-03-01"

    def test_parse_with_classification(self) -> None:
        with pytest.raises(CodeError):
            Code.parse("2010301", "economic_dept")

    def test_constructor_takes_compact_digits_only(self) -> None:
        with pytest.raises(CodeError, match="compact"):
            Code("functional", "201 03")

    def test_frozen_and_ordered(self) -> None:
        code = Code.parse("201")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            code.digits = "202"  # type: ignore[misc]
        assert sorted([Code.parse("20103"), Code.parse("201")]) == [
            Code.parse("201"),
            Code.parse("20103"),
        ]
        assert len({Code.parse("201"), Code.parse("201")}) == 1
        mixed = sorted([Code.parse("201"), Code.parse("101"), Code.parse("30201")])
        assert [c.classification.value for c in mixed] == ["economic_dept", "functional", "revenue"]


def test_public_names_exist_and_are_documented() -> None:
    for name in gc.__all__:
        obj = getattr(gc, name)
        doc = getattr(obj, "__doc__", None)
        if name in {"MODULES", "Pair"}:
            continue  # data, documented by the attribute docstring in the source
        assert doc, f"{name} has no docstring"
