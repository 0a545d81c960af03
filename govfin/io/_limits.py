"""What a real report can hold: the bounds every loader enforces, and text cleaning.

A department's disclosure is a few MB at most; its cells hold short texts and
amounts of at most a few dozen digits with a few decimals.  Loaders refuse
what lies far outside (with a :class:`~govfin.errors.LoadError` naming it)
rather than spend minutes and gigabytes on it, and they never let an unpaired
surrogate (text no file can hold) into a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Final

import attrs

from govfin.errors import LoadError, shorten
from govfin.report import Report
from govfin.tables.raw import RawCell, RawDocument

__all__: list[str] = []

MAX_FILE_BYTES: Final = 256 * 1024 * 1024
"""The largest input file read (a real disclosure is a few MB)."""

MAX_XML_MEMBER: Final = 32 * 1024 * 1024
"""The largest part of an ``.xlsx`` (uncompressed) read: one sheet, the shared strings."""

MAX_XML_TOTAL: Final = 128 * 1024 * 1024
"""The largest ``.xlsx`` read, all its parts uncompressed."""

MAX_FIELD: Final = 10_000
"""The longest short text (a cell, a label, a title, a key, a source, a message)."""

MAX_PROSE: Final = 4_000_000
"""The longest prose section (情况说明) and the longest JSON document read, in characters."""

MAX_PRECISION: Final = 10
"""The most decimals a column can be published with."""

MAX_DIGITS: Final = 100
"""The most significant digits of an amount."""

MAX_EXPONENT: Final = 100
"""The largest power of ten of an amount's magnitude (and the most decimals: −exponent)."""

_SURROGATE_RE: Final = re.compile(r"[\ud800-\udfff]")


def read_file(name: str) -> bytes:
    """The bytes of the file *name*, refused (:class:`~govfin.errors.LoadError`) when unreadable.

    A missing file, a folder, a file larger than :data:`MAX_FILE_BYTES` or one
    the system will not read is named in the error.
    """
    try:
        if Path(name).stat().st_size > MAX_FILE_BYTES:
            raise LoadError(f"larger than {MAX_FILE_BYTES:,} bytes: not a report", file=name)
        return Path(name).read_bytes()
    except FileNotFoundError as exc:
        raise LoadError("no such file", file=name) from exc
    except IsADirectoryError as exc:
        raise LoadError("a folder, not a file", file=name) from exc
    except OSError as exc:
        raise LoadError(f"cannot read the file ({exc.strerror or exc})", file=name) from exc


def has_surrogate(text: str) -> bool:
    """Whether *text* holds an unpaired surrogate (which no UTF-8 file can hold)."""
    return _SURROGATE_RE.search(text) is not None


def clean(text: str) -> str:
    """*text* with every unpaired surrogate replaced by U+FFFD (the replacement character)."""
    return _SURROGATE_RE.sub("\ufffd", text) if has_surrogate(text) else text


def check_decimal(value: Decimal, what: str) -> str | None:
    """Why *value* cannot be an amount of a real report (``None`` when it can).

    Refused: NaN and infinities, more than :data:`MAX_DIGITS` significant
    digits, a magnitude past 10^:data:`MAX_EXPONENT` or more decimals than
    :data:`MAX_EXPONENT` (``1e-999999`` would cost gigabytes in any sum).
    """
    if not value.is_finite():
        return f"{what} {shorten(str(value))} is not a finite number"
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    if len(digits) > MAX_DIGITS:
        return f"{what} has {len(digits)} digits (at most {MAX_DIGITS})"
    if value and value.adjusted() > MAX_EXPONENT:
        return f"{what} {shorten(str(value))} is too large for an amount"
    if exponent < -MAX_EXPONENT:
        return f"{what} {shorten(str(value))} has more than {MAX_EXPONENT} decimals"
    return None


def check_text(text: str, what: str, limit: int = MAX_FIELD) -> str | None:
    """Why *text* cannot be read (too long, or an unpaired surrogate), or ``None``."""
    if len(text) > limit:
        return f"{what} is {len(text):,} characters long (at most {limit:,})"
    if has_surrogate(text):
        return f"{what} holds an unpaired surrogate {shorten(text)} (not valid Unicode text)"
    return None


def _cell(cell: RawCell, scrub: Callable[[str], str]) -> RawCell:
    return attrs.evolve(cell, text=scrub(cell.text)) if has_surrogate(cell.text) else cell


def _texts(raw: RawDocument) -> Iterator[str]:
    """Every text of *raw* that :func:`clean_document` scrubs."""
    for t in raw.tables:
        yield t.title
        if t.number is not None:
            yield t.number
        yield from t.captions
        yield from t.notes
        for row in t.rows:
            for c in row:
                yield c.text
    for p in raw.paragraphs:
        yield p.text


def clean_document(raw: RawDocument) -> RawDocument:
    """*raw* with unpaired surrogates replaced (U+FFFD) everywhere, and a problem saying where.

    A damaged PDF can map glyphs to half a surrogate pair; such text would make
    every writer fail later.  Nothing is dropped: the character becomes U+FFFD
    and a ``warning`` problem counts the places.
    """
    if not has_surrogate("\n".join(_texts(raw))):  # (almost every document: one search)
        return raw
    count = 0

    def scrub(text: str) -> str:
        nonlocal count
        if has_surrogate(text):
            count += 1
            return clean(text)
        return text

    tables = tuple(
        attrs.evolve(
            t,
            title=scrub(t.title),
            number=None if t.number is None else scrub(t.number),
            captions=tuple(scrub(c) for c in t.captions),
            notes=tuple(scrub(n) for n in t.notes),
            rows=tuple(tuple(_cell(c, scrub) for c in row) for row in t.rows),
        )
        for t in raw.tables
    )
    paragraphs = tuple(
        attrs.evolve(p, text=scrub(p.text)) if has_surrogate(p.text) else p for p in raw.paragraphs
    )
    if not count:
        return raw
    from govfin.report import Problem  # noqa: PLC0415

    problem = Problem(
        f"{count} text(s) held unpaired surrogates (damaged text layer); "
        "shown as U+FFFD (the replacement character)",
        "warning",
    )
    return RawDocument(raw.source, tables, paragraphs, (*raw.problems, problem))


def unwritable(report: Report) -> str | None:
    """Why *report* cannot be written so that govfin reads it back (``None`` when it can).

    The writers refuse what the loaders would refuse: an amount beyond
    :func:`check_decimal`, a text beyond :data:`MAX_FIELD` (prose: :data:`MAX_PROSE`)
    or holding an unpaired surrogate.
    """
    short: list[tuple[str, str | None]] = [
        ("the department", report.department),
        ("the region", report.region),
        ("the source", report.source),
    ]
    short += [("a problem's message", p.message) for p in report.problems]
    for table in report.tables:
        short += [("a table's title", table.title), ("a table's number", table.number)]
        short += [("a note", n) for n in table.notes]
        short += [("a column title", c.title) for c in table.columns]
        for c in table.columns:
            if c.precision is not None and not 0 <= c.precision <= MAX_PRECISION:
                return f"table {table.label}: precision {c.precision} is beyond {MAX_PRECISION}"
        for row in table.rows:
            short += [("a row key", row.key), ("a row label", row.label)]
            for cell in row.cells.values():
                short.append(("a cell", cell.text))
                if cell.value is not None:
                    problem = check_decimal(
                        cell.value, f"table {table.label}, row {row.key}: value"
                    )
                    if problem:
                        return problem
    for what, text in short:
        if text is not None:
            problem = check_text(text, what)
            if problem:
                return problem
    for section in report.narrative.sections:
        problem = check_text(section.heading, "a heading") or check_text(
            section.text, "a narrative section", MAX_PROSE
        )
        if problem:
            return problem
    return None
