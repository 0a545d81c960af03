"""部门预算支出经济分类: the economic classification of departmental expenditure.

Codes have 类 (3 digits, 3xx) and 款 (5) digits.
The 类 are 301 工资福利支出, 302 商品和服务支出, 303 对个人和家庭的补助 …
399 其他支出; the codes printed in 部门决算 tables (公开05表 and the like).

Every function works from the digits alone, for any well-formed code, known
to a catalogue or not (use :func:`govfin.classification.bundled` for names).

>>> from govfin.classification import economic_dept
>>> economic_dept.validate("302 01")
'30201'
>>> economic_dept.level("30201"), economic_dept.parent("30201"), economic_dept.ancestors("30201")
(<Level.KUAN: '款'>, '302', ('302',))
>>> economic_dept.is_valid("302O1")
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

CLASSIFICATION: Final = Classification.ECONOMIC_DEPT
"""The classification this module checks."""


def compact(number: str) -> str:
    """Strip spaces (also full-width), dashes and dots, and fold full-width digits.

    No check is made: use :func:`validate` for that.

    >>> compact(" 302 01　")
    '30201'
    """
    return _compact(number)


def validate(number: str) -> str:
    """Check that *number* is a well-formed 部门预算支出经济分类 code; return it compacted.

    >>> validate("30201")
    '30201'
    >>> validate("3020101")
    Traceback (most recent call last):
    govfin.errors.InvalidLength: code has 7 digits, expected ...: economic_dept code '3020101'

    Raises:
        InvalidFormat: when it holds anything but digits and separators.
        InvalidLength: when no level has its number of digits.
        InvalidComponent: when it does not start with 3, or a part is ``00``.
    """
    return _validate(CLASSIFICATION, number)


def is_valid(number: object) -> bool:
    """Whether *number* is a well-formed 部门预算支出经济分类 code; never raises.

    >>> is_valid("30201"), is_valid("50201"), is_valid(None)
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

    >>> code("30201")
    Code('economic_dept', '30201')
    """
    return Code(CLASSIFICATION, _validate(CLASSIFICATION, number))


def level(number: str) -> Level:
    """The level of *number*.

    >>> level("302")
    <Level.LEI: '类'>
    """
    return Level.from_length(len(_validate(CLASSIFICATION, number)))


def parent(number: str) -> str | None:
    """The code one level up (its prefix two digits shorter), or ``None`` for a 类.

    >>> parent("30201"), parent("302")
    ('302', None)
    """
    digits = _validate(CLASSIFICATION, number)
    return digits[:-2] if len(digits) > 3 else None


def ancestors(number: str) -> tuple[str, ...]:
    """Every code above *number*, from the 类 down, itself excluded.

    >>> ancestors("30201")
    ('302',)
    """
    return _ancestors(_validate(CLASSIFICATION, number))


def format(number: str, separator: str = " ") -> str:
    """Print *number* with its parts separated: ``302 01``.

    >>> format("30201"), format("30201", "-")
    ('302 01', '302-01')
    """
    return _format(_validate(CLASSIFICATION, number), separator)
