"""The structure shared by every classification: levels, lengths, prefixes, code values.

Each classification of the 政府收支分类科目 numbers its levels by extending the
code of the level above: a 3-digit 类, then two digits per level (款, 项, 目).
Everything here works from the digits alone, so it applies to any well-formed
code, whether or not a catalogue knows it.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from typing import Final, Self

import attrs

from govfin.errors import CodeError, InvalidComponent, InvalidFormat, InvalidLength

__all__ = [
    "Classification",
    "Code",
    "Level",
    "guess",
]


class Level(enum.Enum):
    """A level of a classification; the value is its Chinese name.

    >>> Level.XIANG.length, Level.XIANG.depth
    (7, 3)
    >>> Level.from_length(5)
    <Level.KUAN: '款'>
    """

    def __str__(self) -> str:
        return str(self.value)

    LEI = "类"
    KUAN = "款"
    XIANG = "项"
    MU = "目"

    @property
    def depth(self) -> int:
        """1 for 类, 2 for 款, 3 for 项, 4 for 目."""
        return _DEPTHS[self]

    @property
    def length(self) -> int:
        """The number of digits of a code at this level (3, 5, 7, 9)."""
        return 1 + 2 * self.depth

    @property
    def english(self) -> str:
        """The usual English rendering (class, section, item, sub-item)."""
        return _ENGLISH[self]

    @classmethod
    def from_length(cls, length: int) -> Level:
        """The level whose codes have *length* digits.

        Raises:
            ValueError: when no level has that many digits.
        """
        for member in cls:
            if member.length == length:
                return member
        raise ValueError(f"no level has {length}-digit codes")


_DEPTHS: Final = {Level.LEI: 1, Level.KUAN: 2, Level.XIANG: 3, Level.MU: 4}
_ENGLISH: Final = {
    Level.LEI: "class",
    Level.KUAN: "section",
    Level.XIANG: "item",
    Level.MU: "sub-item",
}


class Classification(enum.Enum):
    """The classifications of the 政府收支分类科目; the value is the identifier used in files.

    >>> Classification.parse("economic-dept")
    <Classification.ECONOMIC_DEPT: 'economic_dept'>
    >>> Classification.FUNCTIONAL.title, Classification.FUNCTIONAL.prefix
    ('支出功能分类', '2')
    >>> [level.value for level in Classification.REVENUE.levels]
    ['类', '款', '项', '目']
    """

    def __str__(self) -> str:
        return str(self.value)

    FUNCTIONAL = "functional"
    ECONOMIC_DEPT = "economic_dept"
    ECONOMIC_GOV = "economic_gov"
    REVENUE = "revenue"

    @property
    def title(self) -> str:
        """The Chinese name (支出功能分类 …)."""
        return _TITLES[self]

    @property
    def english(self) -> str:
        """An English name."""
        return _ENGLISH_TITLES[self]

    @property
    def cli_name(self) -> str:
        """The spelling used on the command line (``economic-dept`` …)."""
        return self.value.replace("_", "-")

    @property
    def prefix(self) -> str:
        """The first digit every code of this classification starts with."""
        return _PREFIXES[self]

    @property
    def levels(self) -> tuple[Level, ...]:
        """The levels, from 类 down."""
        return _LEVELS[self]

    @property
    def lengths(self) -> tuple[int, ...]:
        """The code lengths of :attr:`levels`."""
        return tuple(level.length for level in self.levels)

    @classmethod
    def parse(cls, text: str | Classification) -> Classification:
        """Read ``functional``, ``economic-dept``, ``economic_gov``, ``revenue`` or a Chinese title.

        Raises:
            ValueError: when *text* names no classification.
            TypeError: when *text* is not a string.
        """
        if isinstance(text, Classification):
            return text
        if not isinstance(text, str):
            raise TypeError(f"a classification is named by text, not {type(text).__name__}")
        key = text.strip().lower().replace("-", "_")
        for member in cls:
            if key in (member.value, member.title):
                return member
        names = ", ".join(member.cli_name for member in cls)
        raise ValueError(f"unknown classification {text!r}; expected one of {names}")


_TITLES: Final = {
    Classification.FUNCTIONAL: "支出功能分类",
    Classification.ECONOMIC_DEPT: "部门预算支出经济分类",
    Classification.ECONOMIC_GOV: "政府预算支出经济分类",
    Classification.REVENUE: "收入分类",
}
_ENGLISH_TITLES: Final = {
    Classification.FUNCTIONAL: "functional classification of expenditure",
    Classification.ECONOMIC_DEPT: "economic classification of departmental expenditure",
    Classification.ECONOMIC_GOV: "economic classification of government expenditure",
    Classification.REVENUE: "classification of revenue",
}
_PREFIXES: Final = {
    Classification.FUNCTIONAL: "2",
    Classification.ECONOMIC_DEPT: "3",
    Classification.ECONOMIC_GOV: "5",
    Classification.REVENUE: "1",
}
_LEVELS: Final = {
    Classification.FUNCTIONAL: (Level.LEI, Level.KUAN, Level.XIANG),
    Classification.ECONOMIC_DEPT: (Level.LEI, Level.KUAN),
    Classification.ECONOMIC_GOV: (Level.LEI, Level.KUAN),
    Classification.REVENUE: (Level.LEI, Level.KUAN, Level.XIANG, Level.MU),
}
_BY_PREFIX: Final = {prefix: cls for cls, prefix in _PREFIXES.items()}
_LENGTHS: Final = {
    cls: frozenset(level.length for level in levels) for cls, levels in _LEVELS.items()
}

# Separators people put between the parts of a code: spaces (also full-width), dashes, dots.
_SEPARATORS_RE: Final = re.compile(r"[\s\u3000\-.·_/]+")
_DIGITS_RE: Final = re.compile(r"[0-9]+")


def _compact(code: str) -> str:
    # NFKC folds full-width digits (２０１) to ASCII.
    return _SEPARATORS_RE.sub("", unicodedata.normalize("NFKC", code))


def _validate(classification: Classification, code: str) -> str:
    if not isinstance(code, str):
        raise TypeError(f"a code is text, not {type(code).__name__}")
    name = classification.value
    # Fast path: the code is already compact ASCII digits, as in most tables.
    digits = code if code.isascii() and code.isdigit() else _compact(code)
    if not _DIGITS_RE.fullmatch(digits):
        raise InvalidFormat(code, name)
    if len(digits) not in _LENGTHS[classification]:
        allowed = ", ".join(f"{level.length} ({level.value})" for level in classification.levels)
        raise InvalidLength(code, name, f"code has {len(digits)} digits, expected {allowed}")
    if digits[0] != classification.prefix:
        raise InvalidComponent(
            code,
            name,
            f"a {classification.title} code starts with {classification.prefix}",
        )
    for start in range(1, len(digits), 2):
        if digits[start] == "0" and digits[start + 1] == "0":
            which = classification.levels[(start - 1) // 2].value
            raise InvalidComponent(code, name, f"the {which} part is 00")
    return digits


def _format(digits: str, separator: str) -> str:
    parts = [digits[:3]] + [digits[i : i + 2] for i in range(3, len(digits), 2)]
    return separator.join(parts)


def _ancestors(digits: str) -> tuple[str, ...]:
    return tuple(digits[:length] for length in range(3, len(digits), 2))


def guess(code: str) -> Classification:
    """Guess the classification of *code* from its first digit.

    1 收入分类, 2 支出功能分类, 3 部门预算支出经济分类, 5 政府预算支出经济分类.

    >>> guess("2010301")
    <Classification.FUNCTIONAL: 'functional'>
    >>> guess("30201")
    <Classification.ECONOMIC_DEPT: 'economic_dept'>

    Raises:
        InvalidFormat: when *code* is not digits.
        InvalidComponent: when no classification starts with its first digit.
    """
    if not isinstance(code, str):
        raise TypeError(f"a code is text, not {type(code).__name__}")
    digits = _compact(code)
    if not _DIGITS_RE.fullmatch(digits):
        raise InvalidFormat(code)
    found = _BY_PREFIX.get(digits[0])
    if found is None:
        raise InvalidComponent(
            code, reason="no classification starts with " + digits[0] + " (1, 2, 3 or 5)"
        )
    return found


def _to_classification(value: Classification | str) -> Classification:
    return Classification.parse(value)


def _classification_key(value: Classification) -> str:
    return value.value


def _check_code(instance: Code, _attribute: attrs.Attribute[str], value: str) -> None:
    if _validate(instance.classification, value) != value:
        raise CodeError(value, instance.classification.value, "code must be compact digits")


@attrs.frozen(order=True, repr=False)
class Code:
    """A well-formed code of a classification, checked for shape (not against a catalogue).

    Build one with :meth:`parse`, which compacts the text and can guess the
    classification; the constructor takes compact digits only.

    >>> code = Code.parse("201 03 01")
    >>> code
    Code('functional', '2010301')
    >>> code.level, code.parent
    (<Level.XIANG: '项'>, Code('functional', '20103'))
    >>> code.ancestors
    (Code('functional', '201'), Code('functional', '20103'))
    >>> str(code), code.format()
    ('2010301', '201 03 01')
    """

    classification: Classification = attrs.field(
        converter=_to_classification, order=_classification_key
    )
    digits: str = attrs.field(validator=_check_code)

    @classmethod
    def parse(cls, text: str, classification: Classification | str | None = None) -> Self:
        """Compact and validate *text*; guess the classification when not given.

        Raises:
            CodeError: a specific subclass saying what is wrong.
        """
        which = guess(text) if classification is None else Classification.parse(classification)
        return cls(which, _validate(which, text))

    @property
    def level(self) -> Level:
        """The level (类, 款, 项, 目)."""
        return Level.from_length(len(self.digits))

    @property
    def parent(self) -> Code | None:
        """The code one level up, or ``None`` for a 类."""
        if len(self.digits) == 3:
            return None
        return Code(self.classification, self.digits[:-2])

    @property
    def ancestors(self) -> tuple[Code, ...]:
        """Every code above this one, from the 类 down (itself excluded)."""
        return tuple(Code(self.classification, d) for d in _ancestors(self.digits))

    def format(self, separator: str = " ") -> str:
        """The code with its parts separated (``201 03 01``)."""
        return _format(self.digits, separator)

    def __str__(self) -> str:
        return self.digits

    def __repr__(self) -> str:
        return f"Code({self.classification.value!r}, {self.digits!r})"
