"""支出功能分类: the functional classification of expenditure.

Codes have 类 (3 digits, 2xx), 款 (5) and 项 (7) digits.
The 类 are 201 一般公共服务支出 to 234 抗疫特别国债安排的支出; each 项 code
extends its 款 code by two digits, each 款 its 类.

Every function works from the digits alone, for any well-formed code, known
to a catalogue or not (use :func:`govfin.classification.bundled` for names).

>>> from govfin.classification import functional
>>> functional.validate("201 03 01")
'2010301'
>>> functional.level("2010301"), functional.parent("2010301"), functional.ancestors("2010301")
(<Level.XIANG: '项'>, '20103', ('201', '20103'))
>>> functional.is_valid("20103x")
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

CLASSIFICATION: Final = Classification.FUNCTIONAL
"""The classification this module checks."""


def compact(number: str) -> str:
    """Strip spaces (also full-width), dashes and dots, and fold full-width digits.

    No check is made: use :func:`validate` for that.

    >>> compact(" 201 03 01　")
    '2010301'
    """
    return _compact(number)


def validate(number: str) -> str:
    """Check that *number* is a well-formed 支出功能分类 code; return it compacted.

    >>> validate("2010301")
    '2010301'
    >>> validate("20103011")
    Traceback (most recent call last):
    govfin.errors.InvalidLength: code has 8 digits, expected ...: functional code '20103011'

    Raises:
        InvalidFormat: when it holds anything but digits and separators.
        InvalidLength: when no level has its number of digits.
        InvalidComponent: when it does not start with 2, or a part is ``00``.
    """
    return _validate(CLASSIFICATION, number)


def is_valid(number: object) -> bool:
    """Whether *number* is a well-formed 支出功能分类 code; never raises.

    >>> is_valid("2010301"), is_valid("3010301"), is_valid(None)
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

    >>> code("2010301")
    Code('functional', '2010301')
    """
    return Code(CLASSIFICATION, _validate(CLASSIFICATION, number))


def level(number: str) -> Level:
    """The level of *number*.

    >>> level("201")
    <Level.LEI: '类'>
    """
    return Level.from_length(len(_validate(CLASSIFICATION, number)))


def parent(number: str) -> str | None:
    """The code one level up (its prefix two digits shorter), or ``None`` for a 类.

    >>> parent("2010301"), parent("201")
    ('20103', None)
    """
    digits = _validate(CLASSIFICATION, number)
    return digits[:-2] if len(digits) > 3 else None


def ancestors(number: str) -> tuple[str, ...]:
    """Every code above *number*, from the 类 down, itself excluded.

    >>> ancestors("2010301")
    ('201', '20103')
    """
    return _ancestors(_validate(CLASSIFICATION, number))


def format(number: str, separator: str = " ") -> str:
    """Print *number* with its parts separated: ``201 03 01``.

    >>> format("2010301"), format("2010301", "-")
    ('201 03 01', '201-03-01')
    """
    return _format(_validate(CLASSIFICATION, number), separator)
