"""Findings are data: severity, outcome, where, and the exact figures involved."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

import attrs

from govfin._severity import Outcome, Reason, Severity
from govfin.amounts import Unit
from govfin.report import Provenance

if TYPE_CHECKING:
    from govfin.report import Column, Row, Section, Table

__all__ = ["Finding", "Location", "Outcome", "Reason", "Severity", "column_of"]

_TABLES: dict[int, tuple[Table, dict[str, Column], str]] = {}


def _table_info(table: Table) -> tuple[Table, dict[str, Column], str]:
    """(table, columns by key, label), indexed once per table (tables are immutable)."""
    found = _TABLES.get(id(table))
    if found is None or found[0] is not table:
        if len(_TABLES) > 256:
            _TABLES.clear()
        index: dict[str, Column] = {}
        for col in table.columns:
            index.setdefault(col.key, col)
        found = _TABLES[id(table)] = (table, index, table.label)
    return found


def column_of(table: Table, key: str) -> Column | None:
    """``table.column(key)`` through a per-table index."""
    return _table_info(table)[1].get(key)


@attrs.frozen
class Location:
    """Where a finding points: a table cell, row, column or table, or a narrative sentence.

    Build one with :meth:`cell`, :meth:`of_table` or :meth:`narrative` rather
    than field by field.  Table locations carry the schema id (``final.income``)
    and the printed label (``公开02表 收入决算表``), the row key (a code or a
    schema line key) with its printed label and 行次, and the column key with its
    printed title.  Narrative locations carry the section heading, the
    sentence, and the sentence's character offsets ``[start, end)`` within
    :attr:`govfin.report.Section.text`, and *figure*, the span of the figure
    the finding is about (marked 【】 when described).  *role* says what the
    place plays in the finding: ``"total"``, ``"part"``, ``"left"``, ``"right"``,
    ``"missing"`` (a table the document lacks) or ``None``.  ``str(location)`` is :meth:`describe`.

    >>> Location(table="final.income", row="201", column="total").describe()
    'final.income, row 201, column total'
    >>> Location.narrative("一、收入支出决算总体情况说明", "收、支总计972.81万元。", 10, 24).kind
    'narrative'
    """

    table: str | None = None
    table_label: str | None = None
    row: str | None = None
    row_label: str | None = None
    line_no: str | None = None
    column: str | None = None
    column_title: str | None = None
    section: str | None = None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None
    role: str | None = None
    provenance: Provenance | None = None
    figure: tuple[int, int] | None = None

    @classmethod
    def cell(
        cls,
        table: Table,
        row: Row | None = None,
        column: Column | str | None = None,
        *,
        role: str | None = None,
    ) -> Self:
        """The location of a cell (or a whole row or column) of *table*.

        The provenance is the cell's when it has one, else the row's, else the table's.
        """
        _, columns, label = _table_info(table)
        col_key: str | None
        col_title: str | None
        if column is None:
            col_key = col_title = None
        elif isinstance(column, str):
            found = columns.get(column)
            col_key, col_title = column, (found.title if found is not None else None)
        else:
            col_key, col_title = column.key, column.title
        if row is None:
            return cls(
                table.schema,
                label,
                None,
                None,
                None,
                col_key,
                col_title,
                role=role,
                provenance=table.provenance,
            )
        cell = row.cells.get(col_key) if col_key is not None else None
        prov = (cell.provenance if cell is not None else None) or row.provenance or table.provenance
        return cls(
            table.schema,
            label,
            row.key,
            row.label,
            row.line_no,
            col_key,
            col_title,
            role=role,
            provenance=prov,
        )

    @classmethod
    def of_table(cls, table: Table, *, role: str | None = None) -> Self:
        """The location of a whole table."""
        return cls(
            table=table.schema, table_label=table.label, role=role, provenance=table.provenance
        )

    @classmethod
    def narrative(
        cls,
        section: str | Section | None,
        sentence: str | None = None,
        start: int | None = None,
        end: int | None = None,
        *,
        role: str | None = None,
        provenance: Provenance | None = None,
        figure: tuple[int, int] | None = None,
    ) -> Self:
        """The location of a sentence in the prose.

        *start* and *end* are character offsets within the section's text, as
        is *figure*, the span of the figure the finding is about; a
        :class:`~govfin.report.Section` may be passed for *section* (its heading
        and provenance are used).
        """
        heading: str | None
        if section is None or isinstance(section, str):
            heading = section
        else:
            heading = section.heading
            provenance = provenance or section.provenance
        return cls(
            section=heading,
            sentence=sentence,
            start=start,
            end=end,
            role=role,
            provenance=provenance,
            figure=figure,
        )

    @property
    def kind(self) -> str:
        """``"cell"``, ``"row"``, ``"column"``, ``"table"``, ``"narrative"`` or ``"report"``."""
        if self.section is not None or self.sentence is not None:
            return "narrative"
        if self.table is None and self.table_label is None:
            return "report"
        if self.row is not None and self.column is not None:
            return "cell"
        if self.row is not None:
            return "row"
        if self.column is not None:
            return "column"
        return "table"

    def describe(self, lang: str = "en", *, file: bool = True, width: int | None = None) -> str:
        """The location on one line, in words: the one serialiser of every output.

        A cell reads ``table, row code label (行次), column title``; a sentence
        ``「section heading」, 「the sentence with the figure marked【…】」``;
        both end with the page (PDF), line (text) or sheet and cell (workbook)
        they were read from.  *lang* ``"zh"`` gives the same in Chinese words
        (the HTML report and the PDF notes); *file* false leaves the file name
        out (the text output names it once above its findings); *width* clips
        the sentence to about that many characters around the marked figure.

        >>> loc = Location.narrative("九、机关运行经费", "支出385.74万元，增长523.39%。", 0, 20,
        ...     figure=(13, 20), provenance=Provenance("a.txt", line=12))
        >>> loc.describe()
        '「九、机关运行经费」, 「支出385.74万元，增长【523.39%】。」, a.txt, line 12'
        >>> loc.describe("zh", file=False)
        '情况说明「九、机关运行经费」：「支出385.74万元，增长【523.39%】。」，第12行'
        """
        zh = lang == "zh"
        parts: list[str] = []
        if self.kind == "narrative":
            head = f"「{self.section}」" if self.section else ""
            parts.append(f"情况说明{head}" if zh else head or "narrative")
            sentence = self.marked_sentence(width)
            if sentence and _one_line(self.sentence or "") != _one_line(self.section or ""):
                if zh:
                    parts[-1] += f"：「{sentence}」"
                else:
                    parts.append(f"「{sentence}」")
        else:
            if self.table_label or self.table:
                parts.append(_one_line(str(self.table_label or self.table)))
            else:  # a table printed without a title
                parts.append("无标题的表格" if zh else "untitled table")
            if self.row is not None:
                # a code is printed with its name; a line key (income.total) by its name only
                label = _one_line(self.row_label or "")
                shown = self.row if not label or self.row.isdigit() else ""
                label = f"{shown} {label}".strip() if label != self.row else self.row
                if zh:
                    line = f"（行次 {self.line_no}）" if self.line_no else ""
                    parts.append(f"「{label}」行{line}")
                else:
                    line = f" (行次 {self.line_no})" if self.line_no else ""
                    parts.append(f"row {label}{line}")
            if self.column is not None:
                title = _one_line(self.column_title or self.column)
                parts.append(f"「{title}」列" if zh else f"column {title}")
        if self.provenance is not None:
            parts.extend(self.provenance.parts(zh=zh, file=file))
        elif self.role == "missing":
            parts.append("文中未见" if zh else "not in the document")
        if not parts:
            return "全文" if zh else "report"
        return ("，" if zh else ", ").join(parts)

    @property
    def figure_text(self) -> str | None:
        """The words of the prose the finding is about: the marked figure's span, else the sentence.

        >>> loc = Location.narrative("s", "收入100万元，支出90万元。", 10, 25, figure=(20, 24))
        >>> loc.figure_text
        '90万元'
        """
        text = self.sentence
        if text is None or self.figure is None or self.start is None:
            return text
        a, b = self.figure[0] - self.start, self.figure[1] - self.start
        return text[a:b] if 0 <= a < b <= len(text) else text

    def marked_sentence(self, width: int | None = None) -> str:
        """The sentence on one line with the figure the finding is about in 【】.

        With *width*, only about *width* characters around the figure are kept
        (``…`` marks the cut).

        >>> loc = Location.narrative("s", "收入100万元，支出90万元。", 10, 25, figure=(20, 24))
        >>> loc.marked_sentence()
        '收入100万元，支出【90万元】。'
        """
        text = self.sentence or ""
        mark: tuple[int, int] | None = None
        if self.figure is not None and self.start is not None:
            a, b = self.figure[0] - self.start, self.figure[1] - self.start
            if 0 <= a < b <= len(text):
                mark = (a, b)
        if mark is not None:
            text = f"{text[: mark[0]]}【{text[mark[0] : mark[1]]}】{text[mark[1] :]}"
        text = _one_line(text)
        if width is None or len(text) <= width:
            return text
        a = text.find("【") if mark is not None else 0
        b = text.find("】") + 1 if mark is not None else 0
        first = max(0, min(a - max(width - (b - a), 0) // 3, len(text) - width))
        end = min(len(text), max(first + width, b))
        return ("…" if first > 0 else "") + text[first:end] + ("…" if end < len(text) else "")

    def __str__(self) -> str:
        return self.describe()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _check_opt_decimal(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal):
        raise TypeError(f"{attribute.name} must be a Decimal or None, not {type(value).__name__}")


_DecimalField = attrs.field(default=None, validator=_check_opt_decimal)


@attrs.frozen
class Finding:
    """One result of one rule: what, how bad, where, and the exact figures.

    *locations* lists every place involved (the total and its parts, or the
    cells of two tables); the first is the main one (:attr:`location`).
    *expected* is what the identity computes, *actual* what is published,
    *difference* is ``actual - expected`` and *tolerance* the largest
    difference rounding can explain (0 when the check is exact), all in *unit*.
    *message* is in Chinese (*message_en*, when set, says it in English);
    *title* is the rule's English title and :attr:`title_zh` its Chinese one.
    *reason* says why a residue is one (:class:`Reason`: 尾数误差, 舍位平衡,
    由印出数计算, 截尾); ``None`` on errors and on findings that are not comparisons.

    >>> from decimal import Decimal
    >>> f = Finding(
    ...     rule="GF-R002", title="类 equals the sum of its 款", severity=Severity.INFO,
    ...     outcome=Outcome.ROUNDING_RESIDUE, message="尾数误差",
    ...     expected=Decimal("321.40"), actual=Decimal("321.41"),
    ...     difference=Decimal("0.01"), tolerance=Decimal("0.075"), unit=Unit.WANYUAN,
    ... )
    >>> f.is_pass, f.severity.value
    (False, 'info')
    """

    rule: str
    severity: Severity
    outcome: Outcome
    message: str
    title: str = ""
    locations: tuple[Location, ...] = ()
    expected: Decimal | None = _DecimalField
    actual: Decimal | None = _DecimalField
    difference: Decimal | None = _DecimalField
    tolerance: Decimal | None = _DecimalField
    unit: Unit | None = None
    note: str | None = None
    message_en: str | None = None
    reason: Reason | None = None

    @property
    def title_zh(self) -> str:
        """The rule's Chinese title (the English :attr:`title` when the rule has none)."""
        from govfin.rules._titles import title_zh  # noqa: PLC0415 - a leaf table

        return title_zh(self.rule, self.title)

    @property
    def location(self) -> Location | None:
        """The main location (the first), or ``None`` for a report-wide finding."""
        return self.locations[0] if self.locations else None

    @property
    def table(self) -> str | None:
        """The schema id of the main location's table, if any."""
        loc = self.location
        return loc.table if loc is not None else None

    @property
    def is_pass(self) -> bool:
        """Whether this is a pass record (outcome ``exact``) rather than a problem."""
        return self.outcome is Outcome.EXACT

    def tables(self) -> tuple[str, ...]:
        """The distinct schema ids of every location, in order."""
        seen: dict[str, None] = {}
        for loc in self.locations:
            if loc.table is not None:
                seen.setdefault(loc.table, None)
        return tuple(seen)
