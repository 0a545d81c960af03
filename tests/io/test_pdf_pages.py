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

from .glyphs import run

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
    return run(text, x, top, EM)


def _row(cells: Cells, top: float, xs: Sequence[float] = XS) -> list[Glyph]:
    """A row's texts, each at its column's left edge; a label ``上|下`` wrapped around the line."""
    out: list[Glyph] = []
    for x, text in zip(xs, cells, strict=False):
        head, _, tail = text.partition("|")
        if tail:
            out += _run(head, x + 0.5, top - WRAP) + _run(tail, x + 0.5, top + WRAP)
        else:
            out += _run(text, x + 0.5, top)
    return out


def _page(number: int, glyphs: list[Glyph], segments: list[Segment] | None = None) -> PageContent:
    return PageContent(number, 842.0, 595.0, tuple(glyphs), tuple(segments or ()))


def _table(
    title: str,
    top: float,
    rows: Sequence[Cells],
    header: Cells = ("项目", "行次", "决算数"),
    xs: Sequence[float] = XS,
) -> tuple[list[Glyph], float]:
    """A title, its caption, the header and *rows* from *top*; and where the next line goes."""
    glyphs = _run(title, xs[0] + 0.5, top) + _run("单位：万元", 240.0, top + PITCH)
    top += 2 * PITCH
    for cells in [header, ("栏次", "", "1"), *rows]:
        glyphs += _row(cells, top, xs)
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


def _rows(rows: Sequence[Cells], top: float = 45.0, xs: Sequence[float] = XS) -> list[Glyph]:
    """*rows* from the top of a page on."""
    out: list[Glyph] = []
    for cells in rows:
        out += _row(cells, top, xs)
        top += PITCH
    return out


CODED = (35.0, 118.0, 230.0, 300.0)
"""The columns of a table by classification: 科目编码 | 科目名称 | 决算数."""
_CODED_HEADER = ("科目编码", "科目名称", "决算数")


def test_the_rest_of_a_label_alone_on_a_page_ends_the_last_row() -> None:
    """``使用非财政拨款结余（含专用结`` at a page's foot, ``余）`` all the next page holds."""
    p1, _ = _table("收入支出决算总表", 40.0, [*_FIRST, ("使用非财政拨款结余（含专用结", "28", "")])
    doc = assemble(
        [_page(1, p1), _page(2, _run("余）", XS[0] + 0.5, 45.0)), _page(3, _rows(_LAST))],
        "t.pdf",
    )
    (table,) = doc.tables
    assert _texts(table.rows)[4:] == [
        ["使用非财政拨款结余（含专用结余）", "28", ""],
        ["年初结转和结余", "29", "0.64"],
        ["总计", "30", "1,544.48"],
    ]
    (joined,) = [p for p in doc.problems if "broken" in p.message]
    assert joined.severity == "info"
    assert not doc.paragraphs


def test_the_rest_of_a_label_over_the_next_rows_is_mended_once() -> None:
    """``灾害防治及应急管理支`` / ``出`` a row pitch over the next page's rows: joined, and the
    rows after it are rows of their own (no second mending, no broken row reported)."""
    rows = [
        ("合计", "", "3.25"),
        ("201", "一般公共服务支出", "2.00"),
        ("20101", "科目20101", "2.00"),
        ("2010101", "科目2010101", "2.00"),
        ("224", "灾害防治及应急管理支", "1.25"),
    ]
    p1, _ = _table("国有资本经营预算支出决算表", 40.0, rows, _CODED_HEADER, CODED)
    p2 = _run("出", CODED[1] + 0.5, 45.0)
    p2 += _rows([("22418", "科目22418", "1.25"), ("2241843", "科目2241843", "1.25")], 76.4, CODED)
    doc = assemble([_page(1, p1), _page(2, p2)], "t.pdf")
    (table,) = doc.tables
    assert _texts(table.rows)[6:] == [
        ["224", "灾害防治及应急管理支出", "1.25"],
        ["22418", "科目22418", "1.25"],
        ["2241843", "科目2241843", "1.25"],
    ]
    assert not [p for p in doc.problems if p.severity != "info"]


def test_prose_at_the_top_of_the_next_page_is_no_label() -> None:
    """A short line over a sentence on the next page is the prose's, not the last label's."""
    p1, _ = _table("收入支出决算总表", 40.0, _FIRST)
    p2 = _run("说明", XS[0] + 0.5, 45.0) + _run(
        "本表反映部门本年度的总收支，单位为万元。", 35.5, 75.0
    )
    doc = assemble([_page(1, p1), _page(2, p2)], "t.pdf")
    (table,) = doc.tables
    assert _texts(table.rows)[-1] == ["本年收入合计", "27", "1,543.65"]
    assert any("说明" in p.text for p in doc.paragraphs)


def test_rows_with_blank_amounts_carried_over_join_the_table() -> None:
    """Codes and names alone (their amounts blank) at the top of the next page are rows."""
    rows = [("301", "工资福利支出", "30.77"), ("30101", "基本工资", "12.00")]
    p1, _ = _table("基本支出决算明细表", 40.0, rows, _CODED_HEADER, CODED)
    p2 = _rows([("30701", "国内债务付息", ""), ("310", "资本性支出", "")], xs=CODED)
    doc = assemble([_page(1, p1), _page(2, p2)], "t.pdf")
    (table,) = doc.tables
    assert _texts(table.rows)[-2:] == [["30701", "国内债务付息", ""], ["310", "资本性支出", ""]]


def test_a_title_ending_a_page_heads_the_unruled_table_on_the_next() -> None:
    """Title, number and caption at a page's foot; the header and rows start the next page."""
    p1 = _rows([("其他说明文字", "", "")], 45.0)
    p1 += _run("支出决算表", XS[0] + 0.5, 480.0) + _run("单位：万元", 240.0, 510.0)
    p2: list[Glyph] = []
    top = 45.0
    for cells in [("项目", "行次", "决算数"), ("栏次", "", "1"), *_FIRST]:
        p2 += _row(cells, top)
        top += PITCH
    doc = assemble([_page(1, p1), _page(2, p2)], "t.pdf")
    (table,) = doc.tables
    assert (table.title, table.captions) == ("支出决算表", ("单位：万元",))
    assert _texts(table.rows)[2:] == [
        ["其他收入", "8", "73.20"],
        ["本年收入合计", "27", "1,543.65"],
    ]
    assert not [p for p in doc.problems if "no ruled grid" in p.message]


SIDES = (35.0, 150.0, 180.0, 240.0, 360.0, 390.0)
"""The columns of a table of two sides: 项目 | 行次 | 金额 (收入), 项目 | 行次 | 金额 (支出)."""


def test_a_header_split_by_a_page_break_reads_as_one() -> None:
    """Title, caption and the header's first row (``收入 | 支出``) end a page; the rest of the
    header and the rows start the next: the titles stand over their columns' first."""
    p1 = _rows([("其他说明文字", "", "")], 45.0)
    p1 += _run("财政拨款收入支出决算总表", SIDES[0] + 0.5, 700.0)
    p1 += _run("单位：万元", 300.0, 730.0)
    p1 += _run("收入", SIDES[0] + 0.5, 760.0) + _run("支出", SIDES[3] + 0.5, 760.0)
    p2: list[Glyph] = []
    top = 45.0
    for cells in [
        ("项目", "行次", "金额", "项目", "行次", "金额"),
        ("栏次", "", "1", "栏次", "", "2"),
        ("一般公共预算财政拨款", "1", "279.09", "卫生健康支出", "31", "1.43"),
        ("本年收入合计", "27", "366.41", "本年支出合计", "59", "364.89"),
    ]:
        for x, text in zip(SIDES, cells, strict=True):
            p2 += _run(text, x + 0.5, top)
        top += PITCH
    doc = assemble([_page(1, p1), _page(2, p2)], "t.pdf")
    (table,) = doc.tables
    assert (table.title, table.captions) == ("财政拨款收入支出决算总表", ("单位：万元",))
    assert _texts(table.rows) == [
        ["收入", "", "", "支出", "", ""],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", "", "1", "栏次", "", "2"],
        ["一般公共预算财政拨款", "1", "279.09", "卫生健康支出", "31", "1.43"],
        ["本年收入合计", "27", "366.41", "本年支出合计", "59", "364.89"],
    ]
    assert [r[0].provenance.page for r in table.rows if r[0].provenance] == [1, 2, 2, 2, 2]
    assert not [p for p in doc.problems if p.severity != "info"]
    assert not doc.paragraphs[1:]


def test_a_page_of_captions_alone_passes_the_title_on_to_the_table() -> None:
    """The title ends a page, its captions alone on the next (``部门：生成的部`` / ``门``
    wrapped, ``单位：元`` beside), the header and rows on the page after."""
    p1 = _rows([("其他说明文字", "", "")], 45.0) + _run("收入预算总表", XS[0] + 0.5, 760.0)
    p2 = _run("部门：生成的部", XS[0] + 0.5, 45.0) + _run("门", XS[0] + 0.5, 56.0)
    p2 += _run("单位：元", 240.0, 50.0)
    p3: list[Glyph] = []
    top = 45.0
    for cells in [("项目", "行次", "决算数"), ("栏次", "", "1"), *_FIRST]:
        p3 += _row(cells, top)
        top += PITCH
    doc = assemble([_page(1, p1), _page(2, p2), _page(3, p3)], "t.pdf")
    (table,) = doc.tables
    assert (table.title, table.captions) == ("收入预算总表", ("部门：生成的部门", "单位：元"))
    assert _texts(table.rows)[2:] == [
        ["其他收入", "8", "73.20"],
        ["本年收入合计", "27", "1,543.65"],
    ]
    assert not [p for p in doc.problems if "no ruled grid" in p.message]
    assert [p.text for p in doc.paragraphs] == ["其他说明文字"]


def test_a_label_wrapped_onto_a_number_is_one_cell() -> None:
    """``科目`` / ``2296724`` wrapped around its row's line at the top of the next page: the
    number under it is the label's rest, not a row of its own."""
    rows = [("229", "其他支出", "87.33"), ("22967", "科目22967", "87.28")]
    p1, _ = _table("国有资本经营预算财政拨款支出决算表", 40.0, rows, _CODED_HEADER, CODED)
    p2 = _rows(
        [("2296724", "科目|2296724", "74.78"), ("2296753", "科目|2296753", "12.49")], 45.0, CODED
    )
    (table,) = assemble([_page(1, p1), _page(2, p2)], "t.pdf").tables
    assert _texts(table.rows)[-2:] == [
        ["2296724", "科目2296724", "74.78"],
        ["2296753", "科目2296753", "12.49"],
    ]


SPENT = (35.0, 120.0, 200.0, 230.0, 280.0, 330.0)
"""项目 | 年初结转 | 小计 | 基本支出 | 项目支出 | 年末结转 (本年支出 over the three)."""


def test_a_header_of_two_lines_at_a_page_foot_goes_over_the_next_pages_columns() -> None:
    """Both header lines end the page, ``小计`` and ``基本支出`` too close to part there;
    the rows on the next page part them: each title goes over its own column."""
    p1 = _rows([("其他说明文字", "", "")], 45.0)
    p1 += _run("政府性基金预算财政拨款收入支出决算表", SPENT[0] + 0.5, 700.0)
    p1 += _run("单位：万元", 300.0, 730.0)
    for x, text in zip(SPENT, ("项目", "年初结转", "本年支出", "", "", "年末结转"), strict=True):
        p1 += _run(text, x + 0.5, 760.0)
    for x, text in zip(SPENT[2:5], ("小计", "基本支出", "项目支出"), strict=True):
        p1 += _run(text, x + 0.5, 780.0)
    p2: list[Glyph] = []
    top = 45.0
    for cells in [
        ("合计", "0.7", "1.8", "1.5", "0.3", "1.3"),
        ("234", "0.7", "1.8", "1.5", "0.3", "1.3"),
    ]:
        for x, text in zip(SPENT, cells, strict=True):
            p2 += _run(text, x + 0.5, top)
        top += PITCH
    doc = assemble([_page(1, p1), _page(2, p2)], "t.pdf")
    (table,) = doc.tables
    assert _texts(table.rows) == [
        ["项目", "年初结转", "本年支出", "", "", "年末结转"],
        ["", "", "小计", "基本支出", "项目支出", ""],
        ["合计", "0.7", "1.8", "1.5", "0.3", "1.3"],
        ["234", "0.7", "1.8", "1.5", "0.3", "1.3"],
    ]
