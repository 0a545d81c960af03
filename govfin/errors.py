"""The exceptions govfin raises, in one hierarchy.

Parsing and construction raise these typed exceptions; checking never does
(rules return :class:`~govfin.rules.Finding` values instead).  Every class
derives from :class:`GovfinError`, and the value errors also derive from
:class:`ValueError` so that generic ``except ValueError`` code keeps working.

>>> from govfin.amounts import parse_cell
>>> try:
...     parse_cell("12,3a")
... except GovfinError as exc:
...     print(type(exc).__name__, "-", exc)
AmountError - not an amount: '12,3a'
"""

from __future__ import annotations

__all__ = [
    "AmountError",
    "CatalogError",
    "CodeError",
    "GovfinError",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "LoadError",
    "SchemaError",
    "UnitError",
    "UnknownCode",
    "UnknownEdition",
    "WriteError",
    "shorten",
]

_QUOTE_LIMIT = 60


def shorten(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """*text* quoted (``repr``) for a message, cut to about *limit* characters.

    A bad value can be a megabyte long; a message quotes its start and says
    how long it is.

    >>> shorten("12,3a")
    "'12,3a'"
    >>> shorten("9" * 1000, 10)
    "'9999999999…' (1,000 characters)"
    """
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}"[:-1] + f"…' ({len(text):,} characters)"


def _where(
    *,
    file: str | None = None,
    page: int | None = None,
    line: int | None = None,
    table: str | None = None,
    row: str | None = None,
    column: str | None = None,
) -> str:
    """Format a location as ``file, page 3, line 12, table …, row …, column …``."""
    parts: list[str] = []
    if file:
        parts.append(file)
    if page is not None:
        parts.append(f"page {page}")
    if line is not None:
        parts.append(f"line {line}")
    if table:
        parts.append(f"table {table}")
    if row:
        parts.append(f"row {row}")
    if column:
        parts.append(f"column {column}")
    return ", ".join(parts)


class GovfinError(Exception):
    """Base class of every exception raised by govfin."""


class AmountError(GovfinError, ValueError):
    """A table cell or figure that is not a valid amount or percentage.

    Attributes:
        text: the input exactly as given.
        where: a human-readable location (file, table, row, column), or ``""``.
    """

    def __init__(self, text: str, reason: str = "not an amount", where: str = "") -> None:
        self.text = text
        self.reason = reason
        self.where = where
        message = f"{reason}: {shorten(text)}"
        super().__init__(f"{where}: {message}" if where else message)


class UnitError(GovfinError, ValueError):
    """Arithmetic or comparison between amounts in different units, or an unknown unit."""


class CodeError(GovfinError, ValueError):
    """A classification code that is not well formed.

    Attributes:
        code: the input exactly as given.
        classification: the classification it was checked against.
    """

    default_reason = "malformed code"

    def __init__(self, code: str, classification: str = "", reason: str = "") -> None:
        self.code = code
        self.classification = classification
        self.reason = reason or self.default_reason
        scope = f"{classification} code" if classification else "code"
        super().__init__(f"{self.reason}: {scope} {code!r}")


class InvalidFormat(CodeError):
    """The code contains characters other than digits (after compaction)."""

    default_reason = "code must contain only digits"


class InvalidLength(CodeError):
    """The code has a number of digits no level of its classification uses."""

    default_reason = "code has an invalid length"


class InvalidComponent(CodeError):
    """A part of the code is out of range (for instance a 类 prefix the classification lacks)."""

    default_reason = "code has an invalid component"


class UnknownCode(GovfinError, LookupError):
    """A well-formed code that the catalogue in use does not know."""

    def __init__(self, code: str, catalog: str = "") -> None:
        self.code = code
        self.catalog = catalog
        where = f" in {catalog}" if catalog else ""
        super().__init__(f"code {code!r} is not in the catalogue{where}")


class SchemaError(GovfinError, ValueError):
    """A table that does not fit its schema, or a schema that is itself inconsistent."""


class LoadError(GovfinError, ValueError):
    """A file that cannot be read into a report.

    The message names the file and, where known, the page or line, the table,
    the row and the column.

    >>> str(LoadError("not a number: 'abc'", file="r.txt", line=12, table="公开01表"))
    "r.txt, line 12, table 公开01表: not a number: 'abc'"
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        page: int | None = None,
        line: int | None = None,
        table: str | None = None,
        row: str | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.page = page
        self.line = line
        self.table = table
        self.row = row
        self.column = column
        where = _where(file=file, page=page, line=line, table=table, row=row, column=column)
        super().__init__(f"{where}: {message}" if where else message)


class CatalogError(GovfinError, ValueError):
    """A classification catalogue that is inconsistent (a code listed twice with two names …)."""


class UnknownEdition(GovfinError, LookupError):
    """No bundled catalogue exists for the requested classification and edition year."""


class WriteError(GovfinError, OSError):
    """An output that was not written: it would replace an input or an existing file.

    Raised too when the system refused it (a full disk, no permission), and
    without ``--force`` for an existing file.

    Outputs are written atomically (a temporary file in the same folder, then a
    rename), so when this is raised the file at *file* is as it was before.

    >>> str(WriteError("exists; give --force to replace it", file="out.json"))
    'out.json: exists; give --force to replace it'
    """

    def __init__(self, message: str, *, file: str | None = None) -> None:
        self.message = message
        self.file = file
        super().__init__(f"{file}: {message}" if file else message)
