"""Catalogues: the names of the codes of one classification in one edition year."""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any, Final

import attrs

from govfin.classification._scheme import (
    Classification,
    Code,
    Level,
    _to_classification,
    _validate,
)
from govfin.errors import CatalogError, InvalidComponent, UnknownCode

__all__ = [
    "Catalog",
    "CatalogDiff",
    "Entry",
    "Lookup",
    "Rename",
    "Source",
    "Trust",
    "normalise_name",
]

_SPACES_RE: Final = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """The form names are compared in: NFKC-folded (full-width ``（）`` become ``()``), no spaces.

    >>> normalise_name("政府办公厅（室）及相关机构事务 ")
    '政府办公厅(室)及相关机构事务'
    """
    return _SPACES_RE.sub("", unicodedata.normalize("NFKC", name))


@functools.total_ordering
class Trust(enum.Enum):
    """How far an entry of a catalogue can be relied on.

    ``VERIFIED``: taken from the official 《政府收支分类科目》 (or a file the user
    declares official).  ``OBSERVED``: printed with this code and name in an
    official disclosure, not checked against the official catalogue.
    ``UNVERIFIED``: from general knowledge, to be checked.

    >>> Trust.OBSERVED > Trust.UNVERIFIED
    True
    """

    def __str__(self) -> str:
        return str(self.value)

    VERIFIED = "verified"
    OBSERVED = "observed"
    UNVERIFIED = "unverified"

    @property
    def rank(self) -> int:
        """2 verified, 1 observed, 0 unverified."""
        return _TRUST_RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Trust):
            return NotImplemented
        return self.rank < other.rank


_TRUST_RANK: Final = {Trust.VERIFIED: 2, Trust.OBSERVED: 1, Trust.UNVERIFIED: 0}


def _to_sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(value)


def _to_entries(value: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple(value)


@attrs.frozen
class Source:
    """Where an entry comes from: the document, how far it is trusted, and a note.

    >>> Source("财政部《2024年政府收支分类科目》", Trust.VERIFIED)
    Source(document='财政部《2024年政府收支分类科目》', trust=<Trust.VERIFIED: 'verified'>, note='')
    """

    document: str
    trust: Trust = attrs.field(converter=Trust)
    note: str = ""


@attrs.frozen
class Entry:
    """One code of a catalogue with its name and the sources that attest it.

    >>> entry = Entry(Code.parse("2010301"), "行政运行", (Source("a report", Trust.OBSERVED),))
    >>> entry.level, entry.trust, entry.digits
    (<Level.XIANG: '项'>, <Trust.OBSERVED: 'observed'>, '2010301')
    """

    code: Code
    name: str
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_sources)

    @property
    def digits(self) -> str:
        """The code as compact digits."""
        return self.code.digits

    @property
    def level(self) -> Level:
        """The level of the code."""
        return self.code.level

    @property
    def trust(self) -> Trust:
        """The best trust among the sources (``UNVERIFIED`` when there is none)."""
        return max((s.trust for s in self.sources), default=Trust.UNVERIFIED)


@attrs.frozen
class Lookup:
    """The answer about one code: its name if known, and the same for each ancestor.

    ``name`` is ``None`` when the catalogue does not know the code; the code is
    still well formed and its structure (level, ancestors) still holds.
    """

    code: Code
    name: str | None
    sources: tuple[Source, ...] = ()
    ancestors: tuple[Lookup, ...] = ()

    @property
    def known(self) -> bool:
        """Whether the catalogue knows the code."""
        return self.name is not None

    @property
    def level(self) -> Level:
        """The level of the code."""
        return self.code.level

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the code, its classification, level, name and ancestors.

        Keys: ``code``, ``classification``, ``level``, ``name``, ``known`` and
        ``ancestors`` (a list of ``{code, name}``).

        >>> Catalog(Classification.FUNCTIONAL, 2024, ()).lookup("20103").to_dict()["ancestors"]
        [{'code': '201', 'name': None}]
        """
        return {
            "code": self.code.digits,
            "classification": self.code.classification.value,
            "level": self.level.value,
            "name": self.name,
            "known": self.known,
            "ancestors": [{"code": a.code.digits, "name": a.name} for a in self.ancestors],
        }


@attrs.frozen
class Rename:
    """A code whose name differs between two editions."""

    code: Code
    old: str
    new: str


@attrs.frozen
class CatalogDiff:
    """What changed from one catalogue to another: codes added, removed and renamed.

    Names are compared after :func:`normalise_name`, so a change of parenthesis
    width is not a rename.
    """

    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    renamed: tuple[Rename, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.renamed)


def _code_of(classification: Classification, code: str | Code) -> str:
    if isinstance(code, Code):
        if code.classification is not classification:
            raise InvalidComponent(
                code.digits,
                code.classification.value,
                f"not a {classification.value} code",
            )
        return code.digits
    return _validate(classification, code)


@attrs.frozen(eq=False)
class Catalog:
    """The names of the codes of one classification, for one edition year.

    Look-ups take codes in any form the classification's ``compact`` accepts
    (e.g. :func:`govfin.classification.functional.compact`) and raise a
    :class:`~govfin.errors.CodeError` only for a malformed code; a well-formed
    code the catalogue does not know gives ``None`` (:meth:`name`, :meth:`get`)
    or a :class:`Lookup` whose ``known`` is false (:meth:`lookup`).

    *year* is the edition year (``None`` when unknown, as for a harvested
    catalogue); *requested_year* the year asked of :func:`bundled` when it fell
    back to another edition; *source* says where the catalogue came from.

    >>> from govfin.classification import bundled
    >>> catalog = bundled("functional", 2024)
    >>> catalog.name("2010301")
    '行政运行'
    >>> [e.digits for e in catalog.children("20103")]
    ['2010301', '2010350']
    >>> catalog.name("2010399") is None
    True
    >>> [e.digits for e in catalog.find("政府办公厅(室)及相关机构事务")]
    ['20103']
    """

    classification: Classification = attrs.field(converter=_to_classification)
    year: int | None
    entries: tuple[Entry, ...] = attrs.field(converter=_to_entries)
    source: str = ""
    requested_year: int | None = None
    _by_code: dict[str, Entry] = attrs.field(init=False, repr=False)
    _by_name: dict[str, tuple[Entry, ...]] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Entry] = {}
        for entry in self.entries:
            if entry.code.classification is not self.classification:
                raise CatalogError(
                    f"{entry.digits} is a {entry.code.classification.value} code, "
                    f"not {self.classification.value}"
                )
            if entry.digits in by_code:
                raise CatalogError(f"{entry.digits} is listed twice")
            by_code[entry.digits] = entry
        ordered = tuple(by_code[k] for k in sorted(by_code))
        by_name: dict[str, list[Entry]] = {}
        for entry in ordered:
            by_name.setdefault(normalise_name(entry.name), []).append(entry)
        object.__setattr__(self, "entries", ordered)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in by_name.items()})

    @property
    def is_fallback(self) -> bool:
        """Whether this edition was returned for another year (see :func:`bundled`)."""
        return self.requested_year is not None and self.requested_year != self.year

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str | Code):
            return False
        try:
            return _code_of(self.classification, code) in self._by_code
        except (ValueError, LookupError):
            return False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return (self.classification, self.year, self.entries) == (
            other.classification,
            other.year,
            other.entries,
        )

    def __hash__(self) -> int:
        return hash((self.classification, self.year, self.entries))

    def get(self, code: str | Code) -> Entry | None:
        """The entry of *code*, or ``None`` when the catalogue does not know it.

        Raises:
            CodeError: when *code* is not a well-formed code of this classification.
        """
        return self._by_code.get(_code_of(self.classification, code))

    def __getitem__(self, code: str | Code) -> Entry:
        entry = self.get(code)
        if entry is None:
            raise UnknownCode(str(code), self.label)
        return entry

    def name(self, code: str | Code) -> str | None:
        """The name of *code*, or ``None`` when the catalogue does not know it.

        Raises:
            CodeError: when *code* is not a well-formed code of this classification.
        """
        entry = self.get(code)
        return None if entry is None else entry.name

    def lookup(self, code: str | Code) -> Lookup:
        """Name, sources and named ancestors of *code*, known or not.

        >>> from govfin.classification import bundled
        >>> found = bundled("functional", 2024).lookup("2010301")
        >>> found.name, [(a.code.digits, a.name) for a in found.ancestors]
        ('行政运行', [('201', '一般公共服务支出'), ('20103', '政府办公厅（室）及相关机构事务')])
        """
        digits = _code_of(self.classification, code)
        chain: list[Lookup] = []
        for length in range(3, len(digits) + 1, 2):
            entry = self._by_code.get(digits[:length])
            chain.append(
                Lookup(
                    Code(self.classification, digits[:length]),
                    None if entry is None else entry.name,
                    () if entry is None else entry.sources,
                    tuple(chain),
                )
            )
        return chain[-1]

    def children(self, code: str | Code | None = None) -> tuple[Entry, ...]:
        """The known entries one level below *code* (the 类 when *code* is ``None``)."""
        if code is None:
            return tuple(e for e in self.entries if len(e.digits) == 3)
        digits = _code_of(self.classification, code)
        return tuple(
            e
            for e in self.entries
            if len(e.digits) == len(digits) + 2 and e.digits.startswith(digits)
        )

    def walk(self, code: str | Code | None = None) -> Iterator[Entry]:
        """Every known entry at or below *code* (everything when ``None``), parents first.

        An entry whose parent the catalogue lacks is still reached.
        """
        if code is None:
            yield from self.entries
            return
        digits = _code_of(self.classification, code)
        for entry in self.entries:
            if entry.digits.startswith(digits):
                yield entry

    def find(self, name: str, level: Level | None = None) -> tuple[Entry, ...]:
        """The entries called *name* (compared by :func:`normalise_name`), in code order.

        A name can belong to several codes (其他一般公共服务支出 is both a 款 and a 项).
        """
        found = self._by_name.get(normalise_name(name), ())
        if level is not None:
            found = tuple(e for e in found if e.level is level)
        return found

    def diff(self, other: Catalog) -> CatalogDiff:
        """What changed from this catalogue to *other* (a later edition, say).

        >>> from govfin.classification import Catalog, Entry, Code
        >>> old = Catalog("functional", 2024, [Entry(Code.parse("201"), "一般公共服务支出")])
        >>> new = Catalog("functional", 2025, [Entry(Code.parse("201"), "一般公共服务")])
        >>> old.diff(new).renamed
        (Rename(code=Code('functional', '201'), old='一般公共服务支出', new='一般公共服务'),)
        """
        if other.classification is not self.classification:
            raise CatalogError(
                f"cannot compare a {self.classification.value} catalogue with "
                f"a {other.classification.value} one"
            )
        added = tuple(e for e in other.entries if e.digits not in self._by_code)
        removed = tuple(e for e in self.entries if e.digits not in other._by_code)
        renamed = tuple(
            Rename(e.code, e.name, other._by_code[e.digits].name)
            for e in self.entries
            if e.digits in other._by_code
            and normalise_name(e.name) != normalise_name(other._by_code[e.digits].name)
        )
        return CatalogDiff(added, removed, renamed)

    def with_entries(self, entries: Iterable[Entry], *, replace: bool = False) -> Catalog:
        """A new catalogue with *entries* added (or, with *replace*, overriding existing ones).

        Raises:
            CatalogError: when an entry's code is already present and *replace* is false.
        """
        merged = dict(self._by_code)
        for entry in entries:
            if entry.digits in merged and not replace:
                raise CatalogError(f"{entry.digits} is already in the catalogue")
            merged[entry.digits] = entry
        return attrs.evolve(self, entries=tuple(merged.values()))

    @property
    def label(self) -> str:
        """A short description: classification, edition and source."""
        edition = "unknown edition" if self.year is None else f"{self.year} edition"
        text = f"{self.classification.title} ({self.classification.value}) {edition}"
        return f"{text}, {self.source}" if self.source else text
