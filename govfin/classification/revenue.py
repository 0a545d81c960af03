"""收入分类: the classification of revenue.

Codes have 类 (3 digits, 1xx), 款 (5), 项 (7) and 目 (9) digits.
The 类 include 101 税收收入, 102 社会保险基金收入, 103 非税收入, 105 债务收入 and
110 转移性收入; each lower level adds two digits (类 3, 款 5, 项 7, 目 9), as in
the 财政部 《政府收支分类科目》.

Every function works from the digits alone, for any well-formed code, known
to a catalogue or not (use :func:`govfin.classification.bundled` for names).

>>> from govfin.classification import revenue
>>> revenue.validate("101 01 01 01")
'101010101'
>>> revenue.level("101010101"), revenue.parent("101010101"), revenue.ancestors("101010101")
(<Level.MU: '目'>, '1010101', ('101', '10101', '1010101'))
>>> revenue.is_valid("1010１x")
False
"""

from __future__ import annotations

from typing import Final

from govfin.classification._scheme import (
    Classification,
    Code,
    Level,
    _ancestors,
    _compact,
    _format,
    _validate,
)

__all__ = [
    "CLASSIFICATION",
    "ancestors",
    "code",
    "compact",
    "format",
    "is_valid",
    "level",
    "parent",
    "validate",
]

CLASSIFICATION: Final = Classification.REVENUE
"""The classification this module checks."""


def compact(number: str) -> str:
    """Strip spaces (also full-width), dashes and dots, and fold full-width digits.

    No check is made: use :func:`validate` for that.

    >>> compact(" 101 01 01 01　")
    '101010101'
    """
    return _compact(number)


def validate(number: str) -> str:
    """Check that *number* is a well-formed 收入分类 code; return it compacted.

    >>> validate("101010101")
    '101010101'
    >>> validate("10101010")
    Traceback (most recent call last):
    govfin.errors.InvalidLength: code has 8 digits, expected ...: revenue code '10101010'

    Raises:
        InvalidFormat: when it holds anything but digits and separators.
        InvalidLength: when no level has its number of digits.
        InvalidComponent: when it does not start with 1, or a part is ``00``.
    """
    return _validate(CLASSIFICATION, number)


def is_valid(number: object) -> bool:
    """Whether *number* is a well-formed 收入分类 code; never raises.

    >>> is_valid("101010101"), is_valid("201010101"), is_valid(None)
    (True, False, False)
    """
    if not isinstance(number, str):
        return False
    try:
        _validate(CLASSIFICATION, number)
    except ValueError:
        return False
    return True


def code(number: str) -> Code:
    """The :class:`~govfin.classification.Code` value of *number*.

    >>> code("101010101")
    Code('revenue', '101010101')
    """
    return Code(CLASSIFICATION, _validate(CLASSIFICATION, number))


def level(number: str) -> Level:
    """The level of *number*.

    >>> level("101")
    <Level.LEI: '类'>
    """
    return Level.from_length(len(_validate(CLASSIFICATION, number)))


def parent(number: str) -> str | None:
    """The code one level up (its prefix two digits shorter), or ``None`` for a 类.

    >>> parent("101010101"), parent("101")
    ('1010101', None)
    """
    digits = _validate(CLASSIFICATION, number)
    return digits[:-2] if len(digits) > 3 else None


def ancestors(number: str) -> tuple[str, ...]:
    """Every code above *number*, from the 类 down, itself excluded.

    >>> ancestors("101010101")
    ('101', '10101', '1010101')
    """
    return _ancestors(_validate(CLASSIFICATION, number))


def format(number: str, separator: str = " ") -> str:
    """Print *number* with its parts separated: ``101 01 01 01``.

    >>> format("101010101"), format("101010101", "-")
    ('101 01 01 01', '101-01-01-01')
    """
    return _format(_validate(CLASSIFICATION, number), separator)
