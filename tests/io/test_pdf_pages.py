"""Tables running over pages whose header is not repeated (a page printed from HTML).

A browser or a word processor printing an HTML table breaks it between rows
and prints no header on the next page: the rows carried over stand alone at
the top of the page, in the columns of the page before, sometimes a single
row on a page of its own (its label wrapped on the lines around its figures),
before the next table's title.  They belong to the table above, with or
without ruling.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest

from govfin.io._pdf_assemble import assemble
from govfin.io._pdf_layout import Glyph, PageContent, Segment
from govfin.tables.raw import RawCell

pytest.importorskip("pypdfium2")

Cells = tuple[str, str, str]
"""A row's texts: 项目, 行次, 决算数 (``上|下``: a label wrapped around the row's line)."""

EM = 10.0
XS = (35.0, 195.0, 220.0, 300.0)
"""The columns of the tables: 项目 | 行次 | 决算数 (HTML: every cell's text left-aligned)."""
PITCH = 31.4
"""The distance between two rows' lines."""
WRAP = 7.2
"""How far above and below its row's line a label wrapped on two lines stands."""


def _run(text: str, x: float, top: float) -> list[Glyph]:
    out = []
    for ch in text:
        w = EM if ord(ch) > 0x2E80 else EM / 2
        out.append(Glyph(ch, x, top, x + w, top + EM))
        x += w
    return out


def _row(cells: Cells, top: float) -> list[Glyph]:
    """A row's texts, each at its column's left edge; a label ``上|下`` wrapped around the line."""
    out: list[Glyph] = []
    for x, text in zip(XS, cells, strict=False):
        head, _, tail = text.partition("|")
        if tail:
            out += _run(head, x + 0.5, top - WRAP) + _run(tail, x + 0.5, top + WRAP)
        else:
            out += _run(text, x + 0.5, top)
    return out


def _page(number: int, glyphs: list[Glyph], segments: list[Segment] | None = None) -> PageContent:
    return PageContent(number, 842.0, 595.0, tuple(glyphs), tuple(segments or ()))


def _table(title: str, top: float, rows: Sequence[Cells]) -> tuple[list[Glyph], float]:
    """A title, its caption, the header and *rows* from *top*; and where the next line goes."""
    glyphs = _run(title, XS[0] + 0.5, top) + _run("单位：万元", 240.0, top + PITCH)
    top += 2 * PITCH
    for cells in [("项目", "行次", "决算数"), ("栏次", "", "1"), *rows]:
        glyphs += _row(cells, top)
        top += PITCH
    return glyphs, top


def _texts(rows: Sequence[Sequence[RawCell]]) -> list[list[str]]:
    return [[c.text for c in r] for r in rows]


_FIRST = [("其他收入", "8", "73.20"), ("本年收入合计", "27", "1,543.65")]
_LONE = [("使用非财政拨款结余（含专用结|余）", "28", "0.19")]
_LAST = [("年初结转和结余", "29", "0.64"), ("总计", "30", "1,544.48")]
_READ = [
    ["项目", "行次", "决算数"],
    ["栏次", "", "1"],
    ["其他收入", "8", "73.20"],
    ["本年收入合计", "27", "1,543.65"],
    ["使用非财政拨款结余（含专用结余）", "28", "0.19"],
    ["年初结转和结余", "29", "0.64"],
    ["总计", "30", "1,544.48"],
]


def test_rows_carried_over_pages_without_a_header_join_the_table_above() -> None:
    """A lone page of one row (行次 close to its figure), then two rows before the next title."""
    p1, _ = _table("收入支出决算总表", 40.0, _FIRST)
    p2 = _row(_LONE[0], 45.0)
    p3: list[Glyph] = []
    top = 45.0
    for cells in _LAST:
        p3 += _row(cells, top)
        top += PITCH
    nxt, _ = _table("收入决算表", top, [("合计", "", "1,543.65"), ("201", "", "507.51")])
    doc = assemble([_page(1, p1), _page(2, p2), _page(3, p3 + nxt)], "t.pdf")
    first, second = doc.tables
    assert first.title == "收入支出决算总表"
    assert _texts(first.rows) == _READ
    assert [r[0].provenance.page for r in first.rows[3:] if r[0].provenance] == [1, 2, 3, 3]
    assert second.title == "收入决算表"
    assert _texts(second.rows)[2:] == [["合计", "", "1,543.65"], ["201", "", "507.51"]]


def test_a_label_wrapped_around_the_first_row_of_a_page_is_one_cell() -> None:
    """``抗疫特别国债安排的支`` / ``出`` over and under the first row's figures: no row ``出``."""
    p1, _ = _table(
        "收入决算表", 40.0, [("合计", "", "851.41"), ("201一般公共服务支出", "", "507.51")]
    )
    p2 = _row(("抗疫特别国债安排的支|出", "", "343.90"), 45.0) + _row(
        ("23414科目23414", "", "0.48"), 45.0 + PITCH
    )
    (table,) = assemble([_page(1, p1), _page(2, p2)], "t.pdf").tables
    assert _texts(table.rows)[2:] == [
        ["合计", "", "851.41"],
        ["201一般公共服务支出", "", "507.51"],
        ["抗疫特别国债安排的支出", "", "343.90"],
        ["23414科目23414", "", "0.48"],
    ]


def _ruled(
    rows: Sequence[Cells], top: float, heights: list[float]
) -> tuple[list[Glyph], list[Segment]]:
    """*rows* in a ruled grid from *top*, each row as high as given, its text centred on it."""
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    segs = [Segment(True, y, XS[0], XS[-1]) for y in ys]
    segs += [Segment(False, x, ys[0], ys[-1]) for x in XS]
    glyphs: list[Glyph] = []
    for cells, (y0, y1) in zip(rows, itertools.pairwise(ys), strict=True):
        glyphs += _row(cells, (y0 + y1) / 2 - EM / 2)
    return glyphs, segs


def test_ruled_rows_carried_over_pages_join_the_table_above() -> None:
    """The same with ruling: a lone page of one row, then two rows before the next title."""
    head = [("项目", "行次", "决算数"), ("栏次", "", "1"), *_FIRST]
    g1, s1 = _ruled(head, 100.0, [20.0] * len(head))
    g2, s2 = _ruled(_LONE, 40.0, [34.0])
    g3, s3 = _ruled(_LAST, 40.0, [20.0, 20.0])
    g4, s4 = _ruled([("项目", "行次", "决算数"), ("合计", "", "1.00")], 160.0, [20.0, 20.0])
    title = _run("收入支出决算总表", 40.0, 40.0) + _run("单位：万元", 240.0, 70.0)
    after = _run("收入决算表", 40.0, 100.0) + _run("单位：万元", 240.0, 130.0)
    doc = assemble(
        [_page(1, title + g1, s1), _page(2, g2, s2), _page(3, g3 + after + g4, s3 + s4)],
        "t.pdf",
    )
    first, second = doc.tables
    assert _texts(first.rows) == _READ
    assert second.title == "收入决算表"
