"""政府预算支出经济分类: the economic classification of government expenditure.

Codes have 类 (3 digits, 5xx) and 款 (5) digits.
The 类 run from 501 机关工资福利支出 to 599 其他支出.

Every function works from the digits alone, for any well-formed code, known
to a catalogue or not (use :func:`govfin.classification.bundled` for names).

>>> from govfin.classification import economic_gov
>>> economic_gov.validate("501 01")
'50101'
>>> economic_gov.level("50101"), economic_gov.parent("50101"), economic_gov.ancestors("50101")
(<Level.KUAN: '款'>, '501', ('501',))
>>> economic_gov.is_valid("5o101")
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

CLASSIFICATION: Final = Classification.ECONOMIC_GOV
"""The classification this module checks."""


def compact(number: str) -> str:
    """Strip spaces (also full-width), dashes and dots, and fold full-width digits.

    No check is made: use :func:`validate` for that.

    >>> compact(" 501 01　")
    '50101'
    """
    return _compact(number)


def validate(number: str) -> str:
    """Check that *number* is a well-formed 政府预算支出经济分类 code; return it compacted.

    >>> validate("50101")
    '50101'
    >>> validate("5010101")
    Traceback (most recent call last):
    govfin.errors.InvalidLength: code has 7 digits, expected ...: economic_gov code '5010101'

    Raises:
        InvalidFormat: when it holds anything but digits and separators.
        InvalidLength: when no level has its number of digits.
        InvalidComponent: when it does not start with 5, or a part is ``00``.
    """
    return _validate(CLASSIFICATION, number)


def is_valid(number: object) -> bool:
    """Whether *number* is a well-formed 政府预算支出经济分类 code; never raises.

    >>> is_valid("50101"), is_valid("30101"), is_valid(None)
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

    >>> code("50101")
    Code('economic_gov', '50101')
    """
    return Code(CLASSIFICATION, _validate(CLASSIFICATION, number))


def level(number: str) -> Level:
    """The level of *number*.

    >>> level("501")
    <Level.LEI: '类'>
    """
    return Level.from_length(len(_validate(CLASSIFICATION, number)))


def parent(number: str) -> str | None:
    """The code one level up (its prefix two digits shorter), or ``None`` for a 类.

    >>> parent("50101"), parent("501")
    ('501', None)
    """
    digits = _validate(CLASSIFICATION, number)
    return digits[:-2] if len(digits) > 3 else None


def ancestors(number: str) -> tuple[str, ...]:
    """Every code above *number*, from the 类 down, itself excluded.

    >>> ancestors("50101")
    ('501',)
    """
    return _ancestors(_validate(CLASSIFICATION, number))


def format(number: str, separator: str = " ") -> str:
    """Print *number* with its parts separated: ``501 01``.

    >>> format("50101"), format("50101", "-")
    ('501 01', '501-01')
    """
    return _format(_validate(CLASSIFICATION, number), separator)
