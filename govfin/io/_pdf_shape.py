"""Shape the printed PDF grids for binding: merged header cells and split code columns.

:func:`~govfin.io.pdf.read_pdf` keeps each grid exactly as ruled.  Two things
the PDF grid has that the shared binding (written first for Word's text
export, where each merged cell is printed once and a code is one cell) reads
better in another form:

* a merged header cell leaves its covered positions empty; here every covered
  position of a *header* cell repeats the merged text, so each column sees its
  full header path (``公务用车购置及运行费`` › ``小计`` › ``决算数``);
* a code printed over ``类 | 款 | 项`` sub-columns (``201 | 06 | 01``) becomes one
  code cell ``2010601`` (with the box around the parts), so that no part of a
  code (``06``) can ever be read as an amount.  The ``类 款 项`` captions of the
  sub-columns go with them.

Body cells and their texts are otherwise untouched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from govfin.report import Provenance
from govfin.tables.raw import RawCell, RawDocument, RawTable

__all__ = ["shape_document", "shape_table"]

_SUBCOLUMNS: Final = (("类", "款", "项"), ("类", "款"))
_CODE_PART: Final = re.compile(r"^[0-9]{2,3}$")
_BODY: Final = re.compile(r"^(?:[0-9]{3}|[0-9]{5}|[0-9]{7}|[-0-9,.()（）]*[0-9][-0-9,.()（）]*)$")
_HEADER_ROWS: Final = 8
_TOTALS: Final = frozenset({"合计", "总计"})


def _is_total_row(texts: Sequence[str]) -> bool:
    """A 合计 / 总计 line: that label first, then only figures or blanks (or the label repeated)."""
    filled = [t for t in texts if t]
    if not filled or re.sub(r"\s+", "", filled[0]) not in _TOTALS:
        return False
    return all(t == filled[0] or _BODY.match(t) for t in filled[1:])


def _header_count(rows: Sequence[Sequence[RawCell]]) -> int:
    """How many leading rows form the header: up to the 类/款/项 row or the first data row."""
    for i, row in enumerate(rows[:_HEADER_ROWS]):
        texts = [c.text.strip() for c in row]
        if _find_subcolumns(texts):
            # the 类 款 项 row ends the header, unless data shares its line (合计 2,946.25)
            return i if any(_BODY.match(t) for t in texts if t) else i + 1
        if any(_BODY.match(t) for t in texts if t) or _is_total_row(texts):
            return i
    return 0


def _find_subcolumns(texts: Sequence[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Every ``类 款 项`` (or ``类 款``) run of cells: first index, last index, captions."""
    found: list[tuple[int, int, tuple[str, ...]]] = []
    start = 0
    while start < len(texts):
        for run in _SUBCOLUMNS:
            if tuple(texts[start : start + len(run)]) == run:
                found.append((start, start + len(run) - 1, run))
                start += len(run)
                break
        else:
            start += 1
    return found


def _fill_spans(rows: list[list[RawCell]], count: int) -> None:
    """In the first *count* rows, give covered positions the text of their merged cell."""
    anchors: dict[tuple[int | None, tuple[float, float, float, float]], str] = {}
    for row in rows[:count]:
        for cell in row:
            prov = cell.provenance
            if cell.text and prov is not None and prov.bbox is not None:
                anchors.setdefault((prov.page, prov.bbox), cell.text)
    for row in rows[:count]:
        for j, cell in enumerate(row):
            prov = cell.provenance
            if not cell.text and prov is not None and prov.bbox is not None:
                text = anchors.get((prov.page, prov.bbox))
                if text:
                    row[j] = RawCell(text, prov)


def _union(cells: Sequence[RawCell]) -> Provenance | None:
    provs = [c.provenance for c in cells if c.provenance is not None]
    boxes = [p.bbox for p in provs if p.bbox is not None]
    if not provs:
        return None
    if not boxes:
        return provs[0]
    bbox = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return attrs.evolve(provs[0], bbox=bbox)


def _merge_parts(parts: Sequence[RawCell], labels: tuple[str, ...]) -> RawCell:
    texts = [c.text.strip() for c in parts]
    filled = [c for c in parts if c.text.strip()]
    if tuple(texts) == labels:
        return RawCell("", _union(parts))  # the captions of the sub-columns
    if filled and all(_CODE_PART.match(c.text.strip()) for c in filled):
        return RawCell("".join(c.text.strip() for c in filled), _union(filled))
    distinct: list[str] = []
    for c in filled:
        if c.text not in distinct:
            distinct.append(c.text)
    return RawCell(
        "".join(distinct), _union(filled) if filled else (parts[0].provenance if parts else None)
    )


def shape_table(table: RawTable) -> RawTable:
    """The table with its header spans filled and its 类/款/项 code parts joined."""
    rows = [list(r) for r in table.rows]
    if not rows:
        return table
    count = _header_count(rows)
    _fill_spans(rows, count)
    runs: list[tuple[int, int, tuple[str, ...]]] = []
    for row in rows[: count + 1][:_HEADER_ROWS]:
        runs = _find_subcolumns([c.text.strip() for c in row])
        if runs:
            break
    for first, last, labels in reversed(runs):
        rows = [
            [*row[:first], _merge_parts(row[first : last + 1], labels), *row[last + 1 :]]
            if len(row) > last
            else row
            for row in rows
        ]
    return attrs.evolve(table, rows=tuple(tuple(r) for r in rows))


def shape_document(document: RawDocument) -> RawDocument:
    """Every table of *document* shaped with :func:`shape_table`."""
    return attrs.evolve(document, tables=tuple(shape_table(t) for t in document.tables))
