"""Word processors' tables: wrapped cells, rows broken over pages, titles left at a page's foot.

The pages are built as the PDF reader hands them over (characters with their
em boxes, ruling segments), laid out as Word or LibreOffice Writer prints a
table in narrow columns: a cell's text wraps over several lines, and a row
that does not fit breaks over the page, each part closed by its own rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TypeAlias

from hypothesis import given
from hypothesis import strategies as st

from govfin.io._pdf_assemble import assemble
from govfin.io._pdf_layout import Glyph, PageContent, Segment
from govfin.io._pdf_wrap import join_broken_row, joins_whole
from govfin.tables.raw import RawCell, RawDocument

SIZE = 10.0
PAD = 2.0
LEADING = 1.2 * SIZE

Cell: TypeAlias = str | list[str]
"""A cell's text, or its lines as wrapped."""


def _glyphs(text: str, x: float, top: float) -> list[Glyph]:
    out = []
    for ch in text:
        width = SIZE if ord(ch) > 0x2E80 else 0.55 * SIZE
        out.append(Glyph(ch, x, top, x + width, top + SIZE))
        x += width
    return out


def _grid(
    rows: Sequence[Sequence[Cell]], xs: Sequence[float], top: float
) -> tuple[list[Glyph], list[Segment], float]:
    """A ruled table: its characters, its rules, and where it ends."""
    glyphs: list[Glyph] = []
    ys = [top]
    for row in rows:
        cells = [[c] if isinstance(c, str) else c for c in row]
        for j, lines in enumerate(cells):
            for k, line in enumerate(lines):
                glyphs += _glyphs(line, xs[j] + PAD, ys[-1] + PAD + k * LEADING)
        ys.append(ys[-1] + max(len(c) for c in cells) * LEADING + 2 * PAD)
    rules = [Segment(True, y, xs[0], xs[-1]) for y in ys]
    rules += [Segment(False, x, ys[0], ys[-1]) for x in xs]
    return glyphs, rules, ys[-1]


def _page(
    number: int,
    rows: Sequence[Sequence[Cell]],
    xs: Sequence[float],
    *,
    over: Sequence[str] = (),
    under: Sequence[str] = (),
) -> PageContent:
    """A page: the lines *over* the table, the table, the lines *under* it."""
    glyphs: list[Glyph] = []
    y = 60.0
    for line in over:
        glyphs += _glyphs(line, 40.0, y)
        y += 2 * SIZE
    grid_glyphs, rules, bottom = _grid(rows, xs, y)
    glyphs += grid_glyphs
    y = bottom + SIZE
    for line in under:
        glyphs += _glyphs(line, 40.0, y)
        y += 2 * SIZE
    return PageContent(number, 842.0, 595.0, tuple(glyphs), tuple(rules))


def _texts(doc: RawDocument, table: int = 0) -> list[list[str]]:
    return [[c.text for c in row] for row in doc.tables[table].rows]


XS = [40.0, 100.0, 146.0, 220.0, 294.0]
"""Code (5 digits wide), name (4 CJK characters), two amount columns."""
HEADER: list[Cell] = [["功能分", "类科目", "编码"], "科目名称", "合计", ["财政拨", "款收入"]]
OVER = ["收入决算表", "单位：万元"]
BODY: list[list[Cell]] = [
    ["208", "社会保障", "4.00", "4.00"],
    ["20801", "科目", "3.00", "3.00"],
    ["2080101", "科目", "1.00", "1.00"],
]
"""Rows of whole codes (3, 5 and 7 digits) and amounts (2 decimals)."""


class TestWrappedCells:
    def test_wrapped_header_cells_give_the_column_titles(self) -> None:
        doc = assemble(
            [_page(1, [HEADER, ["211", "节能环保", "1.00", "1.00"]], XS, over=OVER)], "t"
        )
        assert _texts(doc)[0] == ["功能分类科目编码", "科目名称", "合计", "财政拨款收入"]

    def test_a_number_wrapped_in_its_cell_is_one_number(self) -> None:
        rows: list[list[Cell]] = [
            HEADER,
            ["211", ["节能环保", "支出"], ["2,761.3", "9"], ["19,233,", "319.17"]],
        ]
        doc = assemble([_page(1, rows, XS, over=OVER)], "t")
        assert _texts(doc)[1] == ["211", "节能环保支出", "2,761.39", "19,233,319.17"]


class TestRowsBrokenOverPages:
    def _two_pages(
        self, last: Sequence[Cell], first: Sequence[Cell], *, under: Sequence[str] = ()
    ) -> RawDocument:
        page1 = _page(1, [HEADER, ["合计", "", "9.00", "9.00"], *BODY, last], XS, over=OVER)
        page2 = _page(2, [first, ["22102", "科目", "3.00", "3.00"]], XS, under=under)
        return assemble([page1, page2], "t")

    def test_a_number_cut_by_the_page_break_is_joined(self) -> None:
        doc = self._two_pages(["221", "住房保障", "1,184.2", "1,184.2"], ["", "支出", "8", "8"])
        assert _texts(doc)[5:] == [
            ["221", "住房保障支出", "1,184.28", "1,184.28"],
            ["22102", "科目", "3.00", "3.00"],
        ]
        assert not doc.problems

    def test_a_code_and_a_name_cut_with_a_number_are_joined(self) -> None:
        doc = self._two_pages(["21935", "科目", "199.6", "2.48"], ["06", "2193506", "7", ""])
        assert _texts(doc)[5] == ["2193506", "科目2193506", "199.67", "2.48"]

    def test_a_code_cut_alone_is_joined(self) -> None:
        doc = self._two_pages(["219350", "科目", "197.19", "0.39"], ["6", "2193506", "", ""])
        assert _texts(doc)[5] == ["2193506", "科目2193506", "197.19", "0.39"]

    def test_a_whole_row_at_the_top_of_the_page_stays_a_row(self) -> None:
        doc = self._two_pages(
            ["211", "节能环保", "1.00", "1.00"], ["212", "城乡社区", "2.00", "2.00"]
        )
        assert [r[0] for r in _texts(doc)[5:]] == ["211", "212", "22102"]

    def test_a_label_cut_at_a_full_line_is_joined(self) -> None:
        doc = self._two_pages(["", "援助其他", "5.00", "5.00"], ["", "地区支出", "", ""])
        assert _texts(doc)[5] == ["", "援助其他地区支出", "5.00", "5.00"]

    def test_a_label_wrapped_before_a_number_that_did_not_fit_is_joined(self) -> None:
        doc = self._two_pages(["", "科目", "5.83", "1.80"], ["", "21245", "", ""])
        assert _texts(doc)[5] == ["", "科目21245", "5.83", "1.80"]

    def test_a_short_label_is_not_joined_with_the_row_under_it(self) -> None:
        doc = self._two_pages(["", "小计", "5.00", "5.00"], ["", "事业收入", "", ""])
        assert [r[1] for r in _texts(doc)[5:7]] == ["小计", "事业收入"]

    def test_a_row_of_its_own_is_not_joined(self) -> None:
        doc = self._two_pages(["", "援助其他", "5.00", "5.00"], ["", "其中：", "", ""])
        assert [r[1] for r in _texts(doc)[5:7]] == ["援助其他", "其中："]

    def test_a_piece_of_a_number_that_does_not_join_is_an_error(self) -> None:
        doc = self._two_pages(["221", "住房保障", "1,184.2", "1.00"], ["", "", "8", "5.00"])
        assert [r[2] for r in _texts(doc)[5:7]] == ["1,184.2", "8"]
        (problem,) = [p for p in doc.problems if p.severity == "error"]
        assert "broken over two pages" in problem.message
        assert "'1,184.2' before the break, '8' after it" in problem.message
        assert problem.row == "住房保障"

    def test_a_zero_printed_without_decimals_is_a_row_of_its_own(self) -> None:
        doc = self._two_pages(["211", "节能环保", "1.00", "1.00"], ["212", "城乡社区", "0", "2.00"])
        assert [r[2] for r in _texts(doc)[5:7]] == ["1.00", "0"]
        assert not doc.problems


class TestTitleAtThePageFoot:
    def test_the_title_goes_to_the_table_on_the_next_page(self) -> None:
        page1 = _page(
            1, [HEADER, ["211", "节能环保", "1.00", "1.00"]], XS, over=OVER, under=["支出决算表"]
        )
        page2 = _page(
            2, [HEADER, ["212", "城乡社区", "2.00", "2.00"]], XS, over=["公开03表", "单位：万元"]
        )
        doc = assemble([page1, page2], "t")
        assert [(t.title, t.number) for t in doc.tables] == [
            ("收入决算表", None),
            ("支出决算表", "公开03表"),
        ]
        assert not doc.paragraphs

    def test_the_title_with_its_number_and_caption_go_together(self) -> None:
        page1 = _page(
            1,
            [HEADER, ["211", "节能环保", "1.00", "1.00"]],
            XS,
            over=OVER,
            under=["支出决算表", "公开03表", "单位：万元"],
        )
        page2 = _page(2, [HEADER, ["212", "城乡社区", "2.00", "2.00"]], XS)
        doc = assemble([page1, page2], "t")
        assert [(t.title, t.number, t.captions) for t in doc.tables][1] == (
            "支出决算表",
            "公开03表",
            ("单位：万元",),
        )

    def test_a_page_starting_with_prose_keeps_the_line_as_prose(self) -> None:
        page1 = _page(
            1, [HEADER, ["211", "节能环保", "1.00", "1.00"]], XS, over=OVER, under=["附表"]
        )
        page2 = _page(
            2, [HEADER, ["212", "城乡社区", "2.00", "2.00"]], XS, over=["本部门说明如下。", *OVER]
        )
        doc = assemble([page1, page2], "t")
        assert doc.paragraphs[0].text.startswith("附表")
        assert [t.title for t in doc.tables] == ["收入决算表", "收入决算表"]


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}"


AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2).map(_amount)


def _row(*texts: str) -> tuple[RawCell, ...]:
    return tuple(RawCell(t) for t in texts)


@given(st.lists(AMOUNTS, min_size=3, max_size=6), st.data())
def test_any_amount_cut_anywhere_is_joined_back(column: list[str], data: st.DataObject) -> None:
    """Cut the last amount before a page break at any character: it reads back whole."""
    whole = column[-1]
    cut = data.draw(st.integers(1, len(whole) - 1))
    before = [_row("科目", text) for text in column[:-1]] + [_row("科目", whole[:cut])]
    after = [_row("", whole[cut:]), _row("科目", column[0])]
    result = join_broken_row(before, after)
    assert result.last is not None
    assert result.last[1].text == whole
    assert [r[1].text for r in result.rows] == [column[0]]


@given(st.lists(AMOUNTS, min_size=4, max_size=8))
def test_whole_amounts_on_both_sides_are_never_joined(column: list[str]) -> None:
    before = [_row(str(k), text) for k, text in enumerate(column[:-2])]
    after = [_row("x", column[-2]), _row("y", column[-1])]
    result = join_broken_row(before, after)
    assert result.last is None
    assert result.rows == after
    assert not result.problems


@given(st.lists(AMOUNTS, min_size=3, max_size=6), st.data())
def test_a_cut_amount_joins_whole_and_two_amounts_never(
    column: list[str], data: st.DataObject
) -> None:
    """The test a row joined by its lines' alignment must pass in each column of figures.

    Word lays out a row at a page's foot whose every cell looks full (narrow
    columns): the next page's first row then looks like its rest, yet two
    whole figures (``563.21`` / ``198.57``) are two rows.
    """
    rows = [_row(text) for text in column[:-1]]
    whole = column[-1]
    cut = data.draw(st.integers(1, len(whole) - 1))
    assert joins_whole(rows, 0, whole[:cut], whole[cut:])
    other = data.draw(AMOUNTS)
    assert not joins_whole(rows, 0, whole, other)


def test_two_codes_are_two_rows_and_a_cut_code_one() -> None:
    codes = [_row(c) for c in ("227", "22704", "2270409", "22740", "2274044")]
    assert not joins_whole(codes, 0, "227", "22704")
    assert joins_whole(codes, 0, "22740", "44")
    assert joins_whole(codes, 0, "预备费", "科目22704")  # (labels: their own test)
