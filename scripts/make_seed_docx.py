"""Write the bundled seed report as a Word document laid out the way departments do.

The seed (``govfin/data/examples/lukou-xzspj-2024-final.txt``) is the plain-text
export of a Word document.  This script rebuilds that document from it: the
prose as paragraphs (``第一部分`` / ``一、`` / ``（一）`` headings in Word's heading
styles), and before each of the nine tables its title, its number (``公开01表``,
right-aligned) and its captions (``部门：…`` and ``单位：万元`` on one line, a tab
apart), then the table as a real Word table: cells that the export printed once
for several columns merged across them (the spans the text reader infers), an
empty header cell under a single-column header merged down into it, the 39909
row's nested table put back into its cell, and the notes after the table.

The result is committed as ``tests/data/docx/lukou-xzspj-2024-final.docx``;
``tests/io/test_docx.py`` checks that it reads and checks exactly like the text
export.  Run from the repository root::

    python scripts/make_seed_docx.py [OUTPUT]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from govfin.io import example_path
from govfin.io.text import parse_text
from govfin.report import Problem
from govfin.tables._bind_table import (  # the spans the text reader gives short rows
    _expand,
    _expand_body,
    _read_header,
    _Slot,
)
from govfin.tables.raw import RawCell, RawTable

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "tests" / "data" / "docx" / "lukou-xzspj-2024-final.docx"
_QUOTED = re.compile(r"'([^']*)'")


def _heading_level(text: str) -> int | None:
    t = text.strip()
    if re.match(r"^第[一二三四五六七八九十]+部分$", t):
        return 1
    if len(t) <= 40 and not t.endswith(("。", "；", "：")):
        if re.match(r"^[一二三四五六七八九十]+、", t):
            return 2
        if re.match(r"^[（(][一二三四五六七八九十]+[）)]", t):
            return 3
    return None


def _slots(table: RawTable) -> list[list[_Slot]]:
    """Every row spread over the table's width, as the text reader spreads it."""
    rows = [list(r) for r in table.rows]
    width = max(len(r) for r in rows)
    header = _read_header(rows, width)
    body_start = header.rows
    numbering = next(
        (i for i in range(body_start) if rows[i] and rows[i][0].text.replace(" ", "") == "栏次"),
        None,
    )
    below: list[_Slot] | None = None
    out: list[list[_Slot]] = [[] for _ in rows]
    for i in range(len(rows) - 1, -1, -1):
        if i >= body_start:
            out[i] = [_Slot(c.text, c) for c in _expand_body(rows[i], width)]
        else:
            label_width = None
            if numbering is not None and len(rows[numbering]) < width:
                label_width = width - len(rows[numbering]) + 1
            slots = _expand(rows[i], below, width, label_width)
            out[i] = slots + [_Slot("", RawCell(""))] * (width - len(slots))
        below = out[i]
    return out


def _nested(problems: list[Problem]) -> dict[int, list[str]]:
    """The nested tables' texts by the line of the cell they sat in."""
    found: dict[int, list[str]] = {}
    for p in problems:
        if "nested table" in p.message and p.provenance and p.provenance.line:
            found[p.provenance.line] = _QUOTED.findall(p.message)
    return found


def _write_table(document: Any, table: RawTable, nested: dict[int, list[str]]) -> None:
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(table.title)
    run.bold = True
    run.font.size = Pt(16)
    if table.number:
        number = document.add_paragraph(table.number)
        number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.captions:
        document.add_paragraph("\t".join(table.captions))
    slots = _slots(table)
    width = len(slots[0])
    body_start = _read_header([list(r) for r in table.rows], width).rows
    grid = document.add_table(rows=len(slots), cols=width)
    grid.style = "Table Grid"
    cells = grid._cells  # once: Table.cell() lays out the whole grid on every call
    for r, row in enumerate(slots):
        c = 0
        while c < width:
            slot = row[c]
            end = c + 1
            while end < width and row[end].covered:
                end += 1
            cell = cells[r * width + c]
            lines = slot.text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
            line_no = slot.cell.provenance.line if slot.cell.provenance else None
            if line_no is not None and nested.get(line_no):
                texts = nested.pop(line_no)
                inner = cell.add_table(rows=len(texts) // 2 or 1, cols=2)
                for k, text in enumerate(texts):
                    inner.cell(k // 2, k % 2).text = text
            if end - c > 1:
                cell.merge(cells[r * width + end - 1])
            c = end
    # An empty header cell right under a one-column header cell is merged down into it.
    for r in range(1, body_start):
        for c in range(width):
            above, here = slots[r - 1][c], slots[r][c]
            one_column = not (c + 1 < width and slots[r - 1][c + 1].covered) and not above.covered
            if here.text == "" and not here.covered and above.text and one_column:
                cells[(r - 1) * width + c].merge(cells[r * width + c])
    for note in table.notes:
        document.add_paragraph(note)


def build(output: Path) -> None:
    """Write the seed report as a ``.docx`` at *output*."""
    raw = parse_text(example_path().read_text(encoding="utf-8"), "lukou-xzspj-2024-final.txt")
    nested = _nested(list(raw.problems))
    items: list[tuple[int, Any]] = [
        (p.provenance.line or 0 if p.provenance else 0, p) for p in raw.paragraphs
    ]
    items += [(t.provenance.line or 0 if t.provenance else 0, t) for t in raw.tables]
    document = docx.Document()
    for _, item in sorted(items, key=lambda kv: kv[0]):
        if isinstance(item, RawTable):
            _write_table(document, item, nested)
            continue
        level = _heading_level(item.text)
        if level is None:
            document.add_paragraph(item.text)
        else:
            document.add_heading(item.text, level=level)
    output.parent.mkdir(parents=True, exist_ok=True)
    document.core_properties.author = "govfin"
    document.save(str(output))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    build(target)
    print(f"wrote {target}")
