"""Text that does not sit where its ruling says: overflowing cells, cut rows, merged labels.

Three classes of printed tables whose text and rules disagree:

* a page shrunk to fit (LibreOffice Calc's "fit to page"): a wrapped header
  overflows its row and its last line crosses the rule into the row under it;
* a continuation page that leaves out the rules between columns a label spans
  (``结转下年资金`` over the 功能分类 name and amount columns);
* a row a word processor breaks over two pages (``八、社会保障和就`` /
  ``业支出``).

Each is tested on hand-made geometry and, for the first, on a PDF written
here (the Calc-made files are in the producer zoo, ``tests/io/test_zoo.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govfin.io._pdf_assemble import assemble
from govfin.io._pdf_layout import Glyph, PageContent, Segment, find_grids
from govfin.io.pdf import load_pdf, read_pdf
from govfin.rules._messages import problem_zh


def _line(text: str, x: float, top: float, em: float = 10.0) -> list[Glyph]:
    return [Glyph(ch, x + i * em, top, x + (i + 1) * em, top + em) for i, ch in enumerate(text)]


def _ruling(xs: list[float], ys: list[float]) -> list[Segment]:
    segs = [Segment(True, y, xs[0], xs[-1]) for y in ys]
    return segs + [Segment(False, x, ys[0], ys[-1]) for x in xs]


def _cells(glyphs: list[Glyph], xs: list[float], ys: list[float]) -> dict[tuple[int, int], str]:
    (grid,) = find_grids(_ruling(xs, ys), glyphs)
    return {(c.row, c.col): c.text for c in grid.cells}


class TestLineCrossingARowRule:
    """A wrapped cell text overflowing its row: its crossing line stays with its cell."""

    XS: ClassVar = [54.0, 117.0, 295.5]
    YS: ClassVar = [
        105.7,
        117.0,
        128.2,
        139.4,
    ]  # rows 11.2 pt high for 8.2 pt text at a 12 pt pitch

    def test_the_page_shrunk_to_fit(self) -> None:
        # as LibreOffice Calc prints a fitted sheet (tests/data/zoo/*--calc.pdf)
        glyphs = _line("功能分类科目编", 56.6, 101.7, 8.2) + _line("码", 81.4, 113.7, 8.2)
        glyphs += _line("栏次", 77.3, 119.0, 8.2) + _line("名称", 173.4, 107.7, 8.2)
        glyphs += _line("220", 54.7, 129.1, 8.2) + _line("住房保障支出", 118.0, 129.1, 8.2)
        cells = _cells(glyphs, self.XS, self.YS)
        assert cells[(0, 0)] == "功能分类科目编码"
        assert cells[(1, 0)] == "栏次"
        assert (cells[(0, 1)], cells[(2, 0)], cells[(2, 1)]) == ("名称", "220", "住房保障支出")

    def test_a_line_continuing_the_row_under_it(self) -> None:
        # the mirror case: the first line of a cell's text rises over the rule above it
        glyphs = _line("合计", 56.0, 118.5, 8.2)
        glyphs += _line("一般公共", 56.0, 122.5, 8.2) + _line("预算", 56.0, 134.5, 8.2)
        xs, ys = self.XS, [*self.YS[:3], 150.0]
        assert _cells(glyphs, xs, ys)[(1, 0)] == "合计"
        assert _cells(glyphs, xs, ys)[(2, 0)] == "一般公共预算"

    def test_a_first_line_over_the_top_rule(self) -> None:
        # the header's block a little higher: its first line's centre is over the table
        glyphs = _line("功能分类科目编", 56.6, 100.0, 8.2) + _line("码", 81.4, 112.0, 8.2)
        glyphs += _line("栏次", 77.3, 119.0, 8.2) + _line("220", 54.7, 129.1, 8.2)
        cells = _cells(glyphs, self.XS, self.YS)
        assert (cells[(0, 0)], cells[(1, 0)], cells[(2, 0)]) == ("功能分类科目编码", "栏次", "220")
        # read as a page: the line is the table's, not a caption's or the prose's
        title = _line("收入决算表", 150.0, 60.0) + _line("部门：某部门", 56.0, 88.0, 8.2)
        page = PageContent(1, 595, 842, (*title, *glyphs), tuple(_ruling(self.XS, self.YS)))
        doc = assemble([page], "x.pdf")
        (table,) = doc.tables
        assert (table.title, table.captions) == ("收入决算表", ("部门：某部门",))
        assert table.rows[0][0].text == "功能分类科目编码"
        assert doc.paragraphs == ()

    def test_a_line_over_the_top_rule_continuing_nothing_stays_out(self) -> None:
        glyphs = _line("单位：万元", 200.0, 100.0, 8.2) + _line("220", 54.7, 129.1, 8.2)
        page = PageContent(1, 595, 842, tuple(glyphs), tuple(_ruling(self.XS, self.YS)))
        (table,) = assemble([page], "x.pdf").tables
        assert table.captions == ("单位：万元",)
        assert all(c.text != "单位：万元" for row in table.rows for c in row)

    def test_a_line_with_no_text_to_continue_goes_by_its_centre(self) -> None:
        glyphs = _line("12.50", 130.0, 113.5, 8.2)  # crosses the rule at 117.0, centre below
        cells = _cells(glyphs, self.XS, self.YS)
        assert cells[(1, 1)] == "12.50"
        assert cells[(0, 1)] == ""

    def test_lines_side_by_side_are_not_one_text(self) -> None:
        # the line above is in the same column but not over this one: no continuation
        glyphs = _line("甲", 56.0, 101.7, 8.2) + _line("乙", 100.0, 113.7, 8.2)
        glyphs += _line("栏次", 77.3, 119.0, 8.2)
        cells = _cells(glyphs, self.XS, self.YS)
        assert cells[(0, 0)] == "甲"
        assert cells[(1, 0)] == "乙栏次"

    @given(
        em=st.floats(6.0, 12.0),
        pitch=st.floats(1.15, 1.6),
        inside=st.floats(0.05, 0.45),
        row=st.floats(1.15, 1.5),
    )
    def test_any_fitted_scale(self, em: float, pitch: float, inside: float, row: float) -> None:
        """Whatever the scale, a header overflowing a snug row reads whole, its neighbour too."""
        top, height = 100.0, row * em
        ys = [top, top + height, top + 2 * height, top + 3 * height]
        first = top + inside * em - em / 2  # the first line's centre just inside the grid
        last = first + pitch * em
        below = ys[1] + (height - em) / 2  # the next row's text, centred in its row
        assume(last < ys[1] - 0.25 * em < ys[1] + 0.25 * em < last + em)  # crosses the rule
        # and overlaps the next row's text, by less than half its height (more is
        # text printed over text: no reader tells those lines apart)
        assume(0.2 * em < last + em - below < 0.5 * em)
        glyphs = _line("科目编", 56.0, first, em) + _line("码", 60.0, last, em)
        glyphs += _line("栏次", 58.0, below, em)
        cells = _cells(glyphs, [54.0, 117.0], ys)
        assert (cells[(0, 0)], cells[(1, 0)]) == ("科目编码", "栏次")


def _pdf(path: Path, scale: float, lines: list[tuple[float, float, str]], rules: str) -> Path:
    """A one-page PDF: *lines* of Helvetica 8 pt at (x, baseline), *rules* drawn, all scaled."""
    text = "".join(f"BT /F1 8 Tf {x} {y} Td ({s}) Tj ET\n" for x, y, s in lines)
    content = f"q {scale} 0 0 {scale} 0 0 cm 0.5 w\n{rules}\n{text}Q\n".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


@pytest.mark.parametrize("scale", [1.0, 0.8, 0.55])
def test_a_fitted_page_read_from_a_pdf(tmp_path: Path, scale: float) -> None:
    """A header wrapped over a row too low for it, printed at a page scale, reads whole."""
    xs, ys = [50.0, 130.0, 230.0], [700.0, 688.0, 676.0, 664.0]  # PDF space: y up
    rules = "".join(f"{xs[0]} {y} m {xs[-1]} {y} l S " for y in ys)
    rules += "".join(f"{x} {ys[0]} m {x} {ys[-1]} l S " for x in xs)
    # "Function" / "code" centred on row 0 (12 pt high), 8 pt text at a 12 pt pitch:
    # the second line crosses the rule at 688 over row 1's own "Row"
    lines = [(52.0, 696.5, "Function"), (60.0, 684.5, "code"), (54.0, 680.0, "Row")]
    lines += [(135.0, 691.0, "Name"), (52.0, 667.0, "220"), (135.0, 667.0, "Housing")]
    doc = read_pdf(_pdf(tmp_path / "fitted.pdf", scale, lines, rules))
    (table,) = doc.tables
    texts = [[c.text for c in row] for row in table.rows]
    assert texts == [["Function code", "Name"], ["Row", ""], ["220", "Housing"]]


def _page(number: int, grid: tuple[list[Segment], list[Glyph]], *extra: Glyph) -> PageContent:
    segs, glyphs = grid
    return PageContent(number, 595, 842, (*glyphs, *extra), tuple(segs))


def _grid(
    top: float, xs: list[float], rows: Sequence[Sequence[tuple[str, float] | None]], h: float = 30.0
) -> tuple[list[Segment], list[Glyph]]:
    """A ruled grid: each row a list of (text, offset from its column's rule) per column rule.

    A text of two lines (``"科目\\n23345"``) fills its row's height.

    ``None`` leaves out the rule on the left of that column in that row (the
    cell before spans it).
    """
    segs = [Segment(True, top + i * h, xs[0], xs[-1]) for i in range(len(rows) + 1)]
    glyphs: list[Glyph] = []
    for i, row in enumerate(rows):
        y0 = top + i * h
        for j, cell in enumerate(row):
            if cell is None:
                continue
            segs.append(Segment(False, xs[j], y0, y0 + h))
            text, offset = cell
            lines = text.split("\n")
            for k, part in enumerate(lines):
                glyphs += _line(part, xs[j] + offset, y0 + (10 if len(lines) == 1 else 3 + 12 * k))
        segs.append(Segment(False, xs[-1], y0, y0 + h))
    return segs, glyphs


XS = [60.0, 140.0, 220.0, 300.0, 380.0]


class TestContinuationColumns:
    WIDE: ClassVar = [*XS, 460.0]

    def test_a_label_over_columns_the_next_page_does_not_rule(self) -> None:
        header = [("项目", 5), ("金额", 5), ("科目", 5), ("金额", 5), ("用途", 5)]
        first = _grid(
            100, self.WIDE, [header, [("一、", 5), ("1", 5), ("二、", 5), ("1", 5), ("三、", 5)]]
        )
        # the next page leaves out the rules between the three middle columns in its row
        second = _grid(50, [60.0, 140.0, 380.0, 460.0], [[("合计", 5), ("支出合计", 90), ("2", 5)]])
        title = _line("收支总表", 250, 60)
        (table,) = assemble([_page(1, first, *title), _page(2, second)], "x.pdf").tables
        assert [c.text for c in table.rows[-1]] == ["合计", "支出合计", "", "", "2"]

    def test_a_column_narrower_than_the_first_page_goes_by_its_centre(self) -> None:
        first = _grid(100, XS, [[("项目", 5), ("金额", 5), ("项目", 5), ("金额", 5)]])
        second = _grid(50, [60.0, 140.0, 250.0, 380.0], [[("甲", 5), ("乙", 5), ("丙", 5)]])
        title = _line("收支总表", 250, 60)
        (table,) = assemble([_page(1, first, *title), _page(2, second)], "x.pdf").tables
        assert [c.text for c in table.rows[-1]] == ["甲", "乙", "", "丙"]


class TestRowBrokenOverPages:
    """``八、社会保障和就`` at the foot of a page, ``业支出`` at the top of the next."""

    TITLE = _line("收支总表", 250, 60)

    def _read(self, tail: str, offset: float = 1.0, cut: str = "八、社会保障和") -> list[list[str]]:
        # 8 characters of 10 pt fill a column 80 pt wide (one point either side)
        first = _grid(100, XS, [[("项目", 1), ("金额", 1)] * 2, [(cut, 1), ("1.00", 30)] * 2])
        second = _grid(50, XS, [[(tail, offset), ("", 1)] * 2, [("九、卫生", 1), ("2.00", 30)] * 2])
        doc = assemble([_page(1, first, *self.TITLE), _page(2, second)], "x.pdf")
        (table,) = doc.tables
        self.problems = doc.problems
        return [[c.text for c in row] for row in table.rows]

    def test_the_rest_of_the_row_joins_it(self) -> None:
        rows = self._read("业支出", cut="八、社会保障和就")
        assert rows[1] == ["八、社会保障和就业支出", "1.00"] * 2
        assert rows[2] == ["九、卫生", "2.00"] * 2
        assert len(rows) == 3
        (problem,) = self.problems
        assert problem.severity == "info"
        assert problem.provenance is not None
        assert problem.provenance.page == 2
        assert "八、社会保障和就 + 业支出" in problem.message
        assert problem_zh(problem.message).startswith("跨页断开的一行已合并读取")

    def test_a_number_broken_with_its_row(self) -> None:
        # a number too wide for its cell wraps, and the page breaks between its lines
        last = [("221", 1), ("八、社会保障和就", 1), ("12,184.2", 1), ("1.00", 1)]
        first = _grid(100, XS, [[("项目", 1)] * 4, last])
        second = _grid(50, XS, [[("", 1), ("业支出", 1), ("8", 1), ("", 1)]])
        doc = assemble([_page(1, first, *self.TITLE), _page(2, second)], "x.pdf")
        (table,) = doc.tables
        assert [c.text for c in table.rows[-1]] == [
            "221",
            "八、社会保障和就业支出",
            "12,184.28",
            "1.00",
        ]

    def test_a_cell_short_of_its_row_ends_there(self) -> None:
        # 23345's code ends on its row's first line: the code under it starts a row
        last = [("23345", 1), ("科目\n2334500", 1), ("1.00", 1), ("", 1)]
        first = _grid(100, XS, [[("项目", 1)] * 4, last])
        second = _grid(50, XS, [[("2334518", 1), ("科目23451", 1), ("", 1), ("", 1)]])
        doc = assemble([_page(1, first, *self.TITLE), _page(2, second)], "x.pdf")
        (table,) = doc.tables
        assert [c.text for c in table.rows[-1]] == ["2334518", "科目23451", "", ""]
        assert len(table.rows) == 3

    @pytest.mark.parametrize(
        ("tail", "offset", "cut"),
        [
            ("业支出", 1.0, "八、社会保障"),  # the line did not fill its cell: the row ended
            ("九、医疗", 1.0, "八、社会保障和就"),  # an item number starts a row
            ("20801行政", 1.0, "八、社会保障和就"),  # so does a code and its name
        ],
    )
    def test_a_row_of_its_own_stays(self, tail: str, offset: float, cut: str) -> None:
        rows = self._read(tail, offset, cut)
        assert len(rows) == 4
        assert rows[2][0] == tail
        assert not self.problems


@pytest.mark.slow
def test_jiangsu_summary_over_three_pages() -> None:
    """江苏省人大常委会办公厅 2017: 收支预算总表 over pages 7–9, read as printed, checked clean.

    Page 8 ends in the middle of ``八、社会保障和就业支出`` (and of
    ``当年收入小计``); page 9 rules its last rows without the rules between
    the 功能分类 name and the 支出用途 columns its labels span.
    """
    from govfin.rules import check  # noqa: PLC0415 - the rules are not what is tested here

    path = (
        Path(__file__).parent.parent / "data" / "pdf" / "jiangsu" / "jiangsu-renda-2017-budget.pdf"
    )
    table = read_pdf(path).tables[0]
    assert table.title == "收支预算总表"
    texts = [[c.text for c in row] for row in table.rows]
    assert ["", "", "八、社会保障和就业支出", "1,608.51", "", ""] in texts
    assert texts[-3:] == [
        ["当 年 收 入小计", "13,649.07", "当年支出小计", "", "", "13,649.07"],
        ["上年结转资金", "", "结转下年资金", "", "", ""],
        ["收入合计", "13,649.07", "支出合计", "", "", "13,649.07"],
    ]
    assert not any(t[0].startswith("业支出") or t[2].startswith("业支出") for t in texts)
    assert check(load_pdf(path)).errors == ()
