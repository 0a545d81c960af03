"""Hypothesis strategies for classification codes: well-formed, as printed, and malformed.

Every strategy is built constructively from the structure of the
classification (a 3-digit 类 starting with the classification's digit, then
two digits per level, no part ``00``), never by filtering random text, so each
draws quickly and shrinks to the simplest code.

* :func:`code_digits` — compact digit strings (``"2010301"``);
* :func:`codes` — :class:`~govfin.classification.Code` values;
* :func:`printed_codes` — well-formed codes as reports print them (spaces,
  full-width digits and spaces, dashes or dots between the parts);
* :func:`malformed_codes` — text that the classification's ``validate``
  rejects (wrong length, wrong first digit, a ``00`` part, a stray character).

>>> from hypothesis import given
>>> from govfin.classification import Classification, functional
>>> @given(code_digits(Classification.FUNCTIONAL), malformed_codes(Classification.FUNCTIONAL))
... def test(good, bad):
...     assert functional.is_valid(good) and not functional.is_valid(bad)
>>> test()
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from hypothesis import strategies as st

from govfin.classification import Classification, Code, Level

__all__ = [
    "classifications",
    "code_digits",
    "codes",
    "malformed_codes",
    "printed_codes",
]

_PART: Final = st.integers(1, 99).map(lambda n: f"{n:02d}")
_SEPARATORS: Final = ("", " ", "\u3000", "-", ".")
_FULL_WIDTH: Final = str.maketrans("0123456789", "０１２３４５６７８９")


def classifications() -> st.SearchStrategy[Classification]:
    """Any classification of the 政府收支分类科目 (shrinks towards 支出功能分类).

    >>> from hypothesis import given
    >>> @given(classifications())
    ... def test(which):
    ...     assert which.prefix in "1235"
    >>> test()
    """
    return st.sampled_from(list(Classification))


def _levels_of(classification: Classification, levels: Iterable[Level] | None) -> list[Level]:
    if levels is None:
        return list(classification.levels)
    wanted = set(levels)
    chosen = [level for level in classification.levels if level in wanted]
    if not chosen:
        names = ", ".join(level.value for level in wanted)
        raise ValueError(f"{classification.value} has no level among {names}")
    return chosen


@st.composite
def _digits(
    draw: st.DrawFn,
    classification: Classification | None,
    levels: tuple[Level, ...] | None,
) -> str:
    which = classification if classification is not None else draw(classifications())
    level = draw(st.sampled_from(_levels_of(which, levels)))
    head = which.prefix + draw(_PART)
    return head + "".join(draw(_PART) for _ in range(level.depth - 1))


def code_digits(
    classification: Classification | str | None = None,
    *,
    levels: Iterable[Level] | None = None,
) -> st.SearchStrategy[str]:
    """Compact, well-formed codes of *classification* (any when ``None``), as digit strings.

    Args:
        classification: the classification (a member or its name); ``None``
            draws one per example.
        levels: only codes of these levels (default: every level of the
            classification).

    Raises:
        ValueError: when the classification has none of *levels*.

    >>> from hypothesis import given
    >>> from govfin.classification import functional
    >>> @given(code_digits("functional", levels=[Level.XIANG]))
    ... def test(digits):
    ...     assert functional.level(digits) is Level.XIANG and len(digits) == 7
    >>> test()
    """
    which = None if classification is None else Classification.parse(classification)
    chosen = None if levels is None else tuple(levels)
    if which is not None and chosen is not None:
        _levels_of(which, chosen)  # fail early, not at draw time
    return _digits(which, chosen)


@st.composite
def _codes(
    draw: st.DrawFn,
    classification: Classification | None,
    levels: tuple[Level, ...] | None,
) -> Code:
    which = classification if classification is not None else draw(classifications())
    return Code(which, draw(_digits(which, levels)))


def codes(
    classification: Classification | str | None = None,
    *,
    levels: Iterable[Level] | None = None,
) -> st.SearchStrategy[Code]:
    """Well-formed :class:`~govfin.classification.Code` values; ``st.from_type(Code)`` uses this.

    Args:
        classification: the classification; ``None`` draws one per example.
        levels: only codes of these levels (default: every level).

    Raises:
        ValueError: when the classification has none of *levels*.

    >>> from hypothesis import given
    >>> @given(codes("economic-dept", levels=[Level.KUAN]))
    ... def test(code):
    ...     assert code.level is Level.KUAN and code.parent is not None
    ...     assert code.digits.startswith(code.parent.digits)
    >>> test()
    """
    which = None if classification is None else Classification.parse(classification)
    chosen = None if levels is None else tuple(levels)
    if which is not None and chosen is not None:
        _levels_of(which, chosen)
    return _codes(which, chosen)


@st.composite
def _printed(
    draw: st.DrawFn,
    classification: Classification | None,
    levels: tuple[Level, ...] | None,
) -> str:
    digits = draw(_digits(classification, levels))
    parts = [digits[:3]] + [digits[i : i + 2] for i in range(3, len(digits), 2)]
    separator = draw(st.sampled_from(_SEPARATORS))
    text = separator.join(parts)
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    pad = st.sampled_from(("", " ", "\u3000", "\t"))
    return draw(pad) + text + draw(pad)


def printed_codes(
    classification: Classification | str | None = None,
    *,
    levels: Iterable[Level] | None = None,
) -> st.SearchStrategy[str]:
    """Well-formed codes as printed: parts spaced or dashed, digits full-width, padded.

    Each text is accepted by the classification's ``validate``, which returns
    its compact digits (the same as ``compact``).

    >>> from hypothesis import given
    >>> from govfin.classification import functional
    >>> @given(printed_codes("functional"))
    ... def test(text):
    ...     assert functional.validate(text) == functional.compact(text)
    >>> test()
    """
    which = None if classification is None else Classification.parse(classification)
    chosen = None if levels is None else tuple(levels)
    if which is not None and chosen is not None:
        _levels_of(which, chosen)
    return _printed(which, chosen)


@st.composite
def _wrong_length(draw: st.DrawFn, which: Classification) -> str:
    bad = [n for n in range(1, 12) if n not in which.lengths]
    size = draw(st.sampled_from(bad))
    rest = draw(st.text("0123456789", min_size=size - 1, max_size=size - 1))
    return which.prefix + rest


@st.composite
def _wrong_prefix(draw: st.DrawFn, which: Classification) -> str:
    digits = draw(_digits(which, None))
    first = draw(st.sampled_from([d for d in "0123456789" if d != which.prefix]))
    return first + digits[1:]


@st.composite
def _zero_part(draw: st.DrawFn, which: Classification) -> str:
    digits = draw(_digits(which, None))
    parts = [digits[:3]] + [digits[i : i + 2] for i in range(3, len(digits), 2)]
    index = draw(st.integers(0, len(parts) - 1))
    parts[index] = which.prefix + "00" if index == 0 else "00"
    return "".join(parts)


@st.composite
def _stray_character(draw: st.DrawFn, which: Classification) -> str:
    digits = draw(_digits(which, None))
    where = draw(st.integers(0, len(digits)))
    stray = draw(st.sampled_from(("x", "O", "l", "（", "项", ",", "#")))
    replace = draw(st.booleans()) and where < len(digits)
    return digits[:where] + stray + digits[where + (1 if replace else 0) :]


@st.composite
def _malformed(draw: st.DrawFn, which: Classification) -> str:
    kind = draw(st.sampled_from((_wrong_length, _wrong_prefix, _zero_part, _stray_character)))
    return draw(kind(which))


def malformed_codes(classification: Classification | str) -> st.SearchStrategy[str]:
    """Text that ``validate`` of *classification* rejects with a :class:`~govfin.errors.CodeError`.

    Four kinds, each wrong in one way only: a length no level has, a first
    digit of another classification, a part ``00`` (``2010001``), a stray
    letter or punctuation mark among the digits.

    >>> from hypothesis import given
    >>> from govfin.classification import revenue
    >>> @given(malformed_codes("revenue"))
    ... def test(text):
    ...     assert not revenue.is_valid(text)
    >>> test()
    """
    return _malformed(Classification.parse(classification))
