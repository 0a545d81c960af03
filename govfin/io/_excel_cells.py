"""A workbook's cells as govfin reads and writes them (shared by :mod:`govfin.io.excel`).

The format's constants, the boundary to openpyxl (imported on first use), the
text a number cell shows (:func:`shown_text`: an amount is never taken from a
float), and a sheet's cells read as shown texts, the block that holds the
table only.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any, Final

import attrs

from govfin._install import install_hint
from govfin.errors import (
    LoadError,
    shorten,
)
from govfin.io._limits import (
    MAX_FILE_BYTES,
    MAX_XML_MEMBER,
    MAX_XML_TOTAL,
)
from govfin.report import (
    Problem,
    Provenance,
)

FORMAT: Final = "govfin-xlsx"
"""The marker in cell ``A1`` of the hidden sheet."""

FORMAT_VERSION: Final = 1
"""The version of the hidden sheet's layout; a reader refuses a newer one."""

META_SHEET: Final = "_govfin"
"""The name of the hidden sheet that makes the round trip lossless."""

NARRATIVE_SHEET: Final = "情况说明"
"""The name of the sheet holding the narrative sections."""

_NARRATIVE_NAMES: Final = frozenset({NARRATIVE_SHEET, "说明", "文字说明", "narrative"})
_CHUNK: Final = 32000  # a cell holds at most 32,767 characters
_SAFE_DIGITS: Final = 14  # amounts up to this many significant digits go into number cells
_SHOWN_DIGITS: Final = 15  # a spreadsheet shows a double with 15 significant digits
_ILLEGAL_RE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_BAD_RE: Final = re.compile(r"[\[\]:*?/\\]")

_TITLE_FONT_SIZE: Final = 16
_TEXT_FORMAT: Final = "@"


# ---------------------------------------------------------------- openpyxl boundary


def _openpyxl() -> Any:
    """Import openpyxl on first use, with a clear error when the extra is missing."""
    try:
        import openpyxl  # noqa: PLC0415 - optional back end, imported lazily
    except ModuleNotFoundError as exc:
        raise LoadError(
            "reading or writing .xlsx files needs the 'excel' extra "
            f"({install_hint('excel')}); missing module 'openpyxl'"
        ) from exc
    return openpyxl


def _coord(row: int, col: int) -> str:
    """``(7, 2)`` → ``"B7"``."""
    letters = ""
    n = col
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def _visible(text: str) -> str:
    r"""What a spreadsheet cell can hold of *text* (XML-legal, ``\\r`` folded, length capped)."""
    out = _ILLEGAL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return out[:32767]


# ---------------------------------------------------------------- shown text


def _format_decimals(number_format: str) -> tuple[int, int] | None:
    """The (least, most) decimals a number format shows; ``None`` for General-like formats."""
    section = number_format.split(";", 1)[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", section)
    if not section or section.lower() == "general" or "%" in section:
        return None
    if re.search(r"[eE][+-]", section):
        return None
    frac = re.search(r"\.([0#?]+)", section)
    if frac:
        digits = frac.group(1)
        return digits.count("0"), len(digits)
    if re.search(r"[0#?]", section):
        return 0, 0
    return None


def _plain(value: Decimal) -> str:
    """A decimal in positional notation (no exponent)."""
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        value = value.quantize(Decimal(1))
    return f"{value:f}"


def _shown_decimal(value: Decimal, number_format: str) -> str:
    try:
        with localcontext() as ctx:
            ctx.prec = 400  # room for any double (< 1.8e308) at 12 decimals
            return _shown_in_context(value, number_format)
    except InvalidOperation:  # beyond even that: the digits as they are
        return str(value)


def _shown_in_context(value: Decimal, number_format: str) -> str:
    places = _format_decimals(number_format)
    if places is None:
        return _plain(value.normalize()) if value else "0"
    least, most = places
    shown = value.quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_UP)
    text = _plain(shown)
    if most > least and "." in text:
        keep = len(text) - (most - least)
        trimmed = text.rstrip("0")
        text = trimmed if len(trimmed) >= keep else text[:keep]
        text = text.rstrip(".")
    return text


def shown_text(value: object, number_format: str = "General") -> str:
    """The text a spreadsheet cell shows, as govfin reads it.

    A number is shown at its number format's decimals (四舍五入), with at most
    15 significant digits and without thousands separators; this text, never
    the binary float, is what becomes an amount.  Text is returned as is,
    an empty cell as ``""``.

    Args:
        value: the cell's value as openpyxl gives it (``None``, ``str``,
            ``int``, ``float``, ``bool``, a date or time).
        number_format: the cell's number format (``"#,##0.00"``, ``"General"`` …).

    >>> shown_text(972.81, "#,##0.00"), shown_text(22.3, "0.00"), shown_text(0.1 + 0.2)
    ('972.81', '22.30', '0.3')
    >>> shown_text(2010301), shown_text(None), shown_text("－")
    ('2010301', '', '－')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return _shown_decimal(Decimal(value), number_format)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "#NUM!"
        return _shown_decimal(Decimal(f"{value:.{_SHOWN_DIGITS}g}"), number_format)
    if isinstance(value, Decimal):
        return _shown_decimal(value, number_format)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _number_format(precision: int) -> str:
    return "#,##0" if precision == 0 else "#,##0." + "0" * precision


def _significant(value: Decimal) -> int:
    return len(value.normalize().as_tuple().digits)


# ---------------------------------------------------------------- reading


@attrs.frozen
class _Sheet:
    """A sheet's cells as shown texts, 1-based, with its name."""

    name: str
    texts: Mapping[tuple[int, int], str]
    max_row: int
    max_col: int

    def text(self, r: int, c: int) -> str:
        return self.texts.get((r, c), "")


_FAR: Final = 200  # rows or columns of nothing that part a stray cell from the table


def _sheet_cells(ws: Any) -> Iterator[Any]:
    """The cells a sheet holds, without walking the empty range between them."""
    cells = getattr(ws, "_cells", None)
    if isinstance(cells, dict):  # openpyxl keeps the cells it read by (row, column)
        yield from cells.values()
        return
    for row in ws.iter_rows():  # pragma: no cover - other openpyxl versions
        yield from row


def _block(indices: set[int]) -> int:
    """The last index of the run that starts at the first one, gaps below :data:`_FAR`."""
    ordered = sorted(indices)
    end = ordered[0]
    for i in ordered[1:]:
        if i - end > _FAR:
            break
        end = i
    return end


def _read_sheet(ws: Any, stray: list[Problem] | None = None, file: str | None = None) -> _Sheet:
    """The texts of a sheet's cells, by (row, column).

    Only the block that holds the table is read: a cell lying more than
    :data:`_FAR` empty rows or columns beyond the rest (``XFD1048576`` typed by
    mistake) is left out, and named in a problem added to *stray*.
    """
    texts: dict[tuple[int, int], str] = {}
    for cell in _sheet_cells(ws):
        value = cell.value
        if value is None:
            continue
        text = shown_text(value, str(cell.number_format or "General"))
        if text == "":
            continue
        texts[(int(cell.row), int(cell.column))] = text
    if not texts:
        return _Sheet(str(ws.title), texts, 0, 0)
    max_row = _block({r for r, _ in texts})
    max_col = _block({c for r, c in texts if r <= max_row})
    far = sorted(k for k in texts if k[0] > max_row or k[1] > max_col)
    for r, c in far:
        if stray is not None:
            stray.append(
                Problem(
                    f"cell {_coord(r, c)} ({shorten(texts[(r, c)])}) lies far outside the "
                    "table and was not read",
                    "warning",
                    provenance=Provenance(file, line=r, sheet=str(ws.title), cell=_coord(r, c)),
                )
            )
        del texts[(r, c)]
    return _Sheet(str(ws.title), texts, max_row, max_col)


def _check_zip(name: str) -> None:
    """Refuse a file that is no zip, or whose parts unpack beyond what a report holds."""
    path = Path(name)
    if path.is_dir():
        raise LoadError("a folder, not a file", file=name)
    if not path.is_file():
        raise LoadError("no such file", file=name)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise LoadError(f"larger than {MAX_FILE_BYTES:,} bytes: not a report", file=name)
    try:
        with zipfile.ZipFile(name) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise LoadError(
            f"not a readable .xlsx workbook (not a zip archive: {exc})", file=name
        ) from exc
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_XML_MEMBER:
            raise LoadError(
                f"part {info.filename} unpacks to {info.file_size:,} bytes (at most "
                f"{MAX_XML_MEMBER:,}): far more than a report holds",
                file=name,
            )
    if total > MAX_XML_TOTAL:
        raise LoadError(
            f"unpacks to {total:,} bytes (at most {MAX_XML_TOTAL:,}): far more than a report holds",
            file=name,
        )


def _open(name: str) -> Any:
    opx = _openpyxl()
    _check_zip(name)
    try:
        with open(name, "rb") as fh, warnings.catch_warnings():  # closed even when it fails
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            return opx.load_workbook(fh, data_only=True)
    except (MemoryError, RecursionError) as exc:
        raise LoadError(f"not a readable .xlsx workbook ({type(exc).__name__})", file=name) from exc
    except Exception as exc:  # a damaged part: zlib.error, BadZipFile, parse errors, IndexError
        what = f"{type(exc).__name__}: {shorten(str(exc), 120)}"
        raise LoadError(f"not a readable .xlsx workbook ({what})", file=name) from exc
