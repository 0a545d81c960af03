"""The report model: a disclosure's tables, narrative and provenance, immutable and exact.

A :class:`Report` holds who published it (department, region, year, kind and
scope), its :class:`Table` values keyed by schema, the 情况说明 and other prose
as a :class:`Narrative`, and the :class:`Problem` values met while loading it.
Every :class:`Cell` keeps the text exactly as printed, its
:class:`~govfin.amounts.CellState` (number, blank or dash), its exact value and
its :class:`Provenance` (file, page or line, and box on the page).

>>> from govfin.amounts import Unit
>>> t = Table(
...     schema="final.expenditure", title="支出决算表", unit=Unit.WANYUAN,
...     columns=(Column("total", "本年支出合计"),),
...     rows=(Row.of("201", "一般公共服务支出", {"total": "683.64"}, code="201"),),
... )
>>> t.row("201").value("total")
Decimal('683.64')
>>> t.amount("201", "total")
Amount('683.64', '万元', precision=2)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final, NamedTuple, Self

import attrs

from govfin.amounts import Amount, CellState, ParsedCell, Unit, parse_cell

__all__ = [
    "Cell",
    "Column",
    "Narrative",
    "Problem",
    "Provenance",
    "Report",
    "ReportKind",
    "RoundingNote",
    "Row",
    "RowValue",
    "Scope",
    "Section",
    "Table",
]


@attrs.frozen
class Provenance:
    """Where something was read: the file, the 1-based page or line, and the box on the page.

    *bbox* is ``(x0, top, x1, bottom)`` in PDF points from the page's top-left
    corner (a position, never an amount).  For a workbook, *sheet* is the
    sheet's name and *cell* the cell reference (``"B7"``); *line* is then the
    sheet's 1-based row number.

    >>> Provenance("r.xlsx", line=7, sheet="公开01表", cell="B7").describe()
    'r.xlsx, sheet 公开01表, cell B7'
    """

    file: str | None = None
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    sheet: str | None = None
    cell: str | None = None

    def describe(self) -> str:
        """``file, page 3`` / ``file, line 12`` / ``file, sheet S, cell B7`` / ``""``."""
        return ", ".join(self.parts())

    def parts(self, *, zh: bool = False, file: bool = True) -> list[str]:
        """The place in words: file (unless *file* is false), sheet, page, cell or line.

        >>> Provenance("r.pdf", page=3).parts(zh=True, file=False)
        ['第3页']
        """
        out = [self.file] if file and self.file else []
        sheet, page, cell, line = (
            ("工作表「{}」", "第{}页", "单元格{}", "第{}行")
            if zh
            else ("sheet {}", "page {}", "cell {}", "line {}")
        )
        if self.sheet is not None:
            out.append(sheet.format(self.sheet))
        if self.page is not None:
            out.append(page.format(self.page))
        if self.cell is not None:
            out.append(cell.format(self.cell))
        elif self.line is not None:
            out.append(line.format(self.line))
        return out

    def as_dict(self, *, nulls: bool = False, source: str | None = None) -> dict[str, Any]:
        """The place as a JSON object: ``file``, ``page``, ``line``, ``bbox``, ``sheet``, ``cell``.

        Every key with *nulls* (absent values ``None``), else only those present.
        Given the *source* file of the whole report, ``file`` is left out when it
        is that file, and kept (``None`` too) when it is not.

        >>> Provenance("r.xlsx", line=7, sheet="S", cell="B7").as_dict(source="r.xlsx")
        {'line': 7, 'sheet': 'S', 'cell': 'B7'}
        >>> Provenance("r.pdf", page=3).as_dict(nulls=True)["cell"] is None
        True
        """
        values: dict[str, Any] = {
            "file": self.file,
            "page": self.page,
            "line": self.line,
            "bbox": list(self.bbox) if self.bbox is not None else None,
            "sheet": self.sheet,
            "cell": self.cell,
        }
        out = {k: v for k, v in values.items() if nulls or v is not None}
        if source is not None:
            out.pop("file", None)
            if self.file != source:
                out = {"file": self.file, **out}
        return out


@attrs.frozen
class Cell:
    """One published cell: its text as printed, its state and exact value, and where it was."""

    text: str
    state: CellState
    value: Decimal | None = None
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    @classmethod
    def parse(cls, text: str, provenance: Provenance | None = None, *, where: str = "") -> Self:
        """Read a cell's text (see :func:`~govfin.amounts.parse_cell`).

        Raises:
            AmountError: when the text is neither blank, a dash nor a number.
        """
        parsed: ParsedCell = parse_cell(text, where=where)
        return cls(text, parsed.state, parsed.value, provenance)

    @classmethod
    def blank(cls) -> Self:
        """An empty cell."""
        return cls("", CellState.BLANK, None)

    @property
    def is_number(self) -> bool:
        """Whether the cell holds a number (possibly 0)."""
        return self.state is CellState.NUMBER

    def value_or_zero(self) -> Decimal:
        """The value, with blank and dash read as zero (as the tables mean them)."""
        return self.value if self.value is not None else Decimal(0)


@attrs.frozen
class Column:
    """A table column: a stable semantic *key*, the title as printed, and its precision.

    *precision* is the number of decimals the column is published with; ``None``
    for a column of text (codes, names, 行次).
    """

    key: str
    title: str
    precision: int | None = 2


_LEVELS: Final = {3: 1, 5: 2, 7: 3, 9: 4}
"""The classification level of a code by its length (类 3 digits, 款 5, 项 7 …)."""


@attrs.frozen
class Row:
    """A table row, keyed by its classification *code* or its line key.

    *key* is unique within the table: the code for 类/款/项 rows, else a stable
    line key from the schema (``"total"``, ``"income.fiscal"`` …), else the label.
    *line_no* is the 行次 as printed; *side* tells ``"income"`` from
    ``"expenditure"`` in two-sided tables.
    """

    key: str
    label: str
    cells: Mapping[str, Cell] = attrs.field(factory=dict)
    code: str | None = None
    line_no: str | None = None
    side: str | None = None
    provenance: Provenance | None = attrs.field(default=None, eq=False)

    @classmethod
    def of(
        cls,
        key: str,
        label: str,
        values: Mapping[str, str],
        *,
        code: str | None = None,
        line_no: str | None = None,
        side: str | None = None,
    ) -> Self:
        """Build a row from printed texts by column key (handy in tests and examples)."""
        cells = {k: Cell.parse(v) for k, v in values.items()}
        return cls(key, label, cells, code=code, line_no=line_no, side=side)

    def cell(self, column: str) -> Cell:
        """The cell in *column*, or a blank cell when the row has none there."""
        return self.cells.get(column) or Cell.blank()

    def value(self, column: str) -> Decimal | None:
        """The exact value in *column* (``None`` for blank or dash)."""
        return self.cell(column).value

    @property
    def level(self) -> int | None:
        """The classification level of a code row (1 类, 2 款, 3 项 …), else ``None``."""
        if self.code is None:
            return None
        return _LEVELS.get(len(self.code))


@attrs.frozen
class Problem:
    """Something met while loading that the user should know (never silently dropped).

    *severity* is ``"error"`` (a value could not be read), ``"warning"`` (kept as
    is but doubtful, such as an unrecognised table or column) or ``"info"``.
    """

    message: str
    severity: str = "warning"
    table: str | None = None
    row: str | None = None
    column: str | None = None
    provenance: Provenance | None = None

    def describe(self) -> str:
        """The problem with its location on one line."""
        where = [self.provenance.describe() if self.provenance else ""]
        where += [f"table {self.table}" if self.table else ""]
        where += [
            f"row {self.row}" if self.row else "",
            f"column {self.column}" if self.column else "",
        ]
        loc = ", ".join(w for w in where if w)
        return f"{loc}: {self.message}" if loc else self.message


class RowValue(NamedTuple):
    """One value of a column with its row's key and printed label (see :meth:`Table.values`)."""

    key: str
    label: str
    value: Decimal | None


@attrs.frozen
class Table:
    """A published table: its schema id, title, unit, columns and rows.

    *schema* is the stable id of the table kind (``"final.summary"`` …, see
    :mod:`govfin.tables`), or ``None`` for a table govfin did not recognise,
    which is kept as printed.  *number* is the number as printed (``公开01表``).
    """

    schema: str | None
    title: str
    unit: Unit
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    number: str | None = None
    notes: tuple[str, ...] = ()
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    _index: Mapping[str, Row] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", {r.key: r for r in self.rows})

    @property
    def label(self) -> str:
        """How findings name this table: its printed number and title."""
        return f"{self.number} {self.title}" if self.number else self.title

    def get(self, key: str) -> Row | None:
        """The row with *key* (a code or line key), or ``None``."""
        return self._index.get(key)

    def row(self, key: str) -> Row:
        """The row with *key* (a code or line key).

        Raises:
            KeyError: naming the table and the key when there is no such row.
        """
        found = self._index.get(key)
        if found is None:
            raise KeyError(f"{self.label}: no row {key!r}")
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, key: str) -> Column | None:
        """The column with *key*, or ``None``."""
        return next((c for c in self.columns if c.key == key), None)

    def value(self, row: str, column: str) -> Decimal | None:
        """The exact value at (*row*, *column*), ``None`` when blank, dashed or absent."""
        found = self._index.get(row)
        return None if found is None else found.value(column)

    def values(
        self, column: str, rows: Iterable[str] | None = None, *, blank_as_zero: bool = False
    ) -> tuple[RowValue, ...]:
        """The values of *column* in *rows* (default: every row), with each row's key and label.

        A blank or dashed cell is ``None``, or an exact ``Decimal(0)`` when
        *blank_as_zero* (as the tables mean a blank), so that the values can go
        straight into :func:`govfin.calc.shares` or a sum.

        >>> t = Table("final.general", "支出", Unit.WANYUAN, (Column("total", "合计"),),
        ...     (Row.of("201", "一般公共服务支出", {"total": "683.64"}, code="201"),
        ...      Row.of("206", "科学技术支出", {"total": ""}, code="206")))
        >>> [v.value for v in t.values("total")]
        [Decimal('683.64'), None]
        >>> t.values("total", ["206"], blank_as_zero=True)
        (RowValue(key='206', label='科学技术支出', value=Decimal('0')),)

        Raises:
            KeyError: naming the table and the key when a row or the column is not in it.
        """
        if self.column(column) is None:
            raise KeyError(f"{self.label}: no column {column!r}")
        picked = self.rows if rows is None else tuple(self.row(key) for key in rows)
        out = []
        for row in picked:
            value = row.value(column)
            if value is None and blank_as_zero:
                value = Decimal(0)
            out.append(RowValue(row.key, row.label, value))
        return tuple(out)

    def amount(self, row: str, column: str) -> Amount | None:
        """The value at (*row*, *column*) as an :class:`~govfin.amounts.Amount`."""
        value = self.value(row, column)
        if value is None:
            return None
        col = self.column(column)
        return Amount(value, self.unit, precision=col.precision if col else None)

    def code_rows(self, level: int | None = None) -> tuple[Row, ...]:
        """The rows keyed by a classification code, optionally of one level only."""
        if level is None:
            return tuple(r for r in self.rows if r.code)
        return tuple(r for r in self.rows if r.code and _LEVELS.get(len(r.code)) == level)


@attrs.frozen
class Section:
    """One headed section of the prose (情况说明 and the like), with where it starts."""

    heading: str
    text: str
    provenance: Provenance | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Narrative:
    """The prose of a report, as sections in document order."""

    sections: tuple[Section, ...] = ()

    @property
    def text(self) -> str:
        """All sections joined, each heading on its own line."""
        return "\n".join(f"{s.heading}\n{s.text}" if s.heading else s.text for s in self.sections)

    def find(self, words: str) -> Section | None:
        """The first section whose heading contains *words*."""
        return next((s for s in self.sections if words in s.heading), None)


class ReportKind(enum.Enum):
    """决算 (final accounts) or 预算 (budget)."""

    def __str__(self) -> str:
        return str(self.value)

    FINAL = "决算"
    BUDGET = "预算"


class Scope(enum.Enum):
    """部门 (a department, consolidating its units) or 单位 (one budget unit)."""

    def __str__(self) -> str:
        return str(self.value)

    DEPARTMENT = "部门"
    UNIT = "单位"


_TAIL_NOTE_RE = re.compile(r"尾数误差|尾数差异|尾差|四舍五入[^。；;\n]{0,20}(?:误差|差异)")
_WHOLE_YUAN_RE = re.compile(r"(?:精确|保留|取)(?:到|至)?(?:个位|整数|元)|取整数?|不保留小数|无小数")
_SENTENCE_ENDS: Final = "。；;\n"


def _sentence_of(text: str, found: re.Match[str]) -> str:
    """The sentence of *text* (between 。；; or line ends) that holds *found*.

    Found by looking out from the match: a pattern that spans the sentence
    itself would be tried from every position of a long text without an end.
    """
    start = max(text.rfind(end, 0, found.start()) for end in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(end, found.end()) for end in _SENTENCE_ENDS) if i >= 0]
    return text[start : min(ends, default=len(text))]


@attrs.frozen
class RoundingNote:
    """What a document says about its own rounding.

    *note* is the document's note on rounding differences as printed
    (“本套报表金额单位转换时可能存在尾数误差” and its variants), ``None`` when it
    has none; *whole_yuan* is true when the document states that its amounts
    are whole 元 (then a 元 figure printed without decimals is exact).
    Loaders need not set it: :class:`Report` finds it in the table notes and
    the prose (:meth:`find`).

    >>> RoundingNote.find(["注：1.单位：万元。2.本套报表金额单位转换时可能存在尾数误差。"])
    RoundingNote(note='2.本套报表金额单位转换时可能存在尾数误差', whole_yuan=False)
    >>> RoundingNote.find(["单位：元（金额保留到整数）"]).whole_yuan
    True
    """

    note: str | None = None
    whole_yuan: bool = False

    @classmethod
    def find(cls, texts: Iterable[str]) -> RoundingNote:
        """The first rounding note and any whole-元 statement in *texts*."""
        note: str | None = None
        whole = False
        for text in texts:
            if note is None:
                m = _TAIL_NOTE_RE.search(text)
                if m is not None:
                    sentence = _sentence_of(text, m).strip()
                    note = sentence.removeprefix("注：").removeprefix("注:").strip()
            if not whole:
                m = _WHOLE_YUAN_RE.search(text)
                sentence = _sentence_of(text, m) if m is not None else ""
                whole = "元" in sentence and "万元" not in sentence
        return cls(note, whole)

    @classmethod
    def of(cls, tables: Iterable[Table], narrative: Narrative) -> RoundingNote:
        """Find the note in the tables' titles and notes and in the prose."""

        def texts() -> Iterator[str]:
            for t in tables:
                yield t.title
                yield from t.notes
            for s in narrative.sections:
                yield s.heading
                yield s.text

        return cls.find(texts())


def _rounding_of(report: Report) -> RoundingNote:
    return RoundingNote.of(report.tables, report.narrative)


@attrs.frozen
class Report:
    """A disclosure: who published it, its tables, its prose and what loading it met.

    Tables are looked up by schema id or by printed title/number with :meth:`table`.
    """

    kind: ReportKind
    tables: tuple[Table, ...]
    department: str | None = None
    region: str | None = None
    year: int | None = None
    scope: Scope = Scope.DEPARTMENT
    narrative: Narrative = attrs.field(factory=Narrative)
    source: str | None = None
    problems: tuple[Problem, ...] = ()
    rounding: RoundingNote = attrs.field(
        default=attrs.Factory(_rounding_of, takes_self=True), kw_only=True
    )
    """What the document says about its rounding, found in its notes and prose when not given."""

    def get_table(self, key: str) -> Table | None:
        """The table whose schema id, printed number or title is *key*, else ``None``."""
        for t in self.tables:
            if key in (t.schema, t.number, t.title):
                return t
        return None

    def table(self, key: str) -> Table:
        """The table whose schema id, printed number or title is *key*.

        Raises:
            KeyError: naming what was asked for and what the report holds.
        """
        found = self.get_table(key)
        if found is None:
            held = ", ".join(t.schema or t.title for t in self.tables) or "no tables"
            raise KeyError(f"no table {key!r} in this report (it holds: {held})")
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get_table(key) is not None

    @property
    def unrecognised(self) -> tuple[Table, ...]:
        """The tables kept as printed because no schema matched."""
        return tuple(t for t in self.tables if t.schema is None)

    def evolve(self, **changes: object) -> Report:
        """A copy with some fields changed (see :func:`attrs.evolve`)."""
        return attrs.evolve(self, **changes)  # type: ignore[arg-type]
