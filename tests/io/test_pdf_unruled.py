"""Tables printed without ruling: columns and rows inferred from where the text stands."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.io._pdf_assemble import assemble
from govfin.io._pdf_layout import Glyph, PageContent
from govfin.io._pdf_unruled import find_text_grids

pytest.importorskip("pypdfium2")

SIZE = 9.0
PDF = Path(__file__).parent.parent / "data" / "pdf"


def _width(text: str) -> float:
    return sum(SIZE if ord(ch) > 0x2E80 else SIZE / 2 for ch in text)


def _run(text: str, x: float, top: float) -> list[Glyph]:
    """The glyphs of *text* set from *x* on a line whose em box starts at *top*."""
    out = []
    for ch in text:
        w = _width(ch)
        out.append(Glyph(ch, x, top, x + w, top + SIZE))
        x += w
    return out


def _left(text: str, x0: float, _x1: float, top: float) -> list[Glyph]:
    return _run(text, x0 + 2, top)


def _right(text: str, _x0: float, x1: float, top: float) -> list[Glyph]:
    return _run(text, x1 - 2 - _width(text), top)


def _centre(text: str, x0: float, x1: float, top: float) -> list[Glyph]:
    return _run(text, (x0 + x1 - _width(text)) / 2, top)


def _stop(text: str) -> bool:
    return text.startswith("单位") or text.endswith("表")


def _layout(
    header: list[str], rows: list[list[str]], *, pitch: float = 14.0
) -> tuple[list[Glyph], list[float]]:
    """A table drawn without rules, as a spreadsheet prints it: the title, the
    caption, centred titles, labels left and figures right; its column edges."""
    widths = [
        max(_width(t) for t in [h, *(r[j] for r in rows)]) + 6 + 2 * SIZE
        for j, h in enumerate(header)
    ]
    xs = [40.0]
    for w in widths:
        xs.append(xs[-1] + w)
    glyphs = _run("收入预算总表", 200, 40) + _run("单位：万元", xs[-1] - 50, 60)
    top = 80.0
    for j, h in enumerate(header):
        glyphs += _centre(h, xs[j], xs[j + 1], top)
    for row in rows:
        top += pitch
        for j, text in enumerate(row):
            place = _right if j else _left
            glyphs += place(text, xs[j], xs[j + 1], top)
    return glyphs, xs


def _cells(glyphs: list[Glyph]) -> list[list[str]]:
    (grid,) = find_text_grids(glyphs, _stop)
    rows: list[list[str]] = [[""] * grid.n_cols for _ in range(grid.n_rows)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text
    return rows


def test_a_table_without_rules_reads_as_printed() -> None:
    header = ["项目", "合计", "基本支出", "项目支出"]
    rows = [
        ["合计", "1,234.50", "1,000.00", "234.50"],
        ["一般公共服务支出", "34.50", "", "34.50"],
        ["教育支出", "1,200.00", "1,000.00", "200.00"],
    ]
    glyphs, _ = _layout(header, rows)
    assert _cells(glyphs) == [header, *rows]


def test_a_wrapped_label_is_one_cell() -> None:
    glyphs, xs = _layout(["项目", "金额"], [["合计", "12.00"], ["", "10.00"], ["教育", "2.00"]])
    # the second row's label wrapped over two lines around the row's line (centred vertically)
    glyphs += _left("附属单位上", xs[0], xs[1], 108 - 5) + _left("缴收入", xs[0], xs[1], 108 + 5)
    assert [r[0] for r in _cells(glyphs)] == ["项目", "合计", "附属单位上缴收入", "教育"]


def test_prose_with_figures_is_no_table() -> None:
    glyphs = _run("单位：万元", 40, 40)
    glyphs += (
        _run("本年收入合计", 40, 60) + _run("1642.59", 100, 60) + _run("万元，其中：", 140, 60)
    )
    glyphs += (
        _run("财政拨款收入", 40, 74) + _run("925.93", 100, 74) + _run("万元，占56.37%。", 140, 74)
    )
    assert find_text_grids(glyphs, _stop) == []


def test_a_page_number_is_no_table() -> None:
    glyphs = _run("表", 40, 40) + _run("—", 280, 800) + _run("12", 300, 800) + _run("—", 320, 800)
    assert find_text_grids(glyphs, _stop) == []


_label = st.text(alphabet="一二三四五六七八九十支出收入经费", min_size=2, max_size=10)
"""Titles and labels (of two characters at least: ``项    目`` spaced out is one title)."""
_figure = st.one_of(
    st.just(""),
    st.decimals(min_value=0, max_value=10**8, places=2).map(lambda d: f"{d:,.2f}"),
)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda n: st.tuples(
            st.lists(_label, min_size=n + 1, max_size=n + 1, unique=True),
            st.lists(
                st.tuples(_label, st.lists(_figure, min_size=n, max_size=n)).filter(
                    lambda r: any(r[1])
                ),
                min_size=1,
                max_size=8,
            ),
        )
    )
)
def test_every_cell_of_an_unruled_table_reads_back(
    drawn: tuple[list[str], list[tuple[str, list[str]]]],
) -> None:
    """Any table of labels and figures printed without rules reads back cell for cell."""
    header, body = drawn
    rows = [[label, *figures] for label, figures in body]
    if not any(sum(1 for f in r[1:] if f) >= 2 for r in rows):
        rows.append(["合计", *(["1.00"] * (len(header) - 1))])  # (one row of several figures)
    glyphs, _ = _layout(header, rows)
    got = _cells(glyphs)
    assert got[0] == header
    assert got[1:] == rows
    for row in got[1:]:  # the printed digits, blank kept apart from 0
        for text in row[1:]:
            assert text == "" or Decimal(text.replace(",", "")) >= 0


def test_a_table_continued_with_finer_columns_keeps_them() -> None:
    """The 江苏 高院 2018 财政拨款收支预算总表: its first page prints only ``收入 | 支出``."""
    from govfin.io.pdf import read_pdf  # noqa: PLC0415

    doc = read_pdf(PDF / "jiangsu" / "jiangsu-gaoyuan-2018-budget.pdf")
    (table,) = [t for t in doc.tables if "财政拨款收支预算总表" in t.title]
    texts = [[c.text for c in row] for row in table.rows]
    assert texts[0] == ["收入", "", "支出", ""]
    assert texts[3] == ["一、一般公共预算", "33,172.15", "一、基本支出", "18,570.82"]
    assert texts[-1] == ["收入合计", "33,172.15", "支出合计", "33,172.15"]


def test_the_page_reads_as_a_table_with_its_title_and_caption() -> None:
    glyphs, _ = _layout(["项目", "金额"], [["合计", "12.00"], ["教育", "12.00"]])
    doc = assemble([PageContent(1, 595.0, 842.0, tuple(glyphs), ())], "t.pdf")
    (table,) = doc.tables
    assert table.title == "收入预算总表"
    assert table.captions == ("单位：万元",)
    assert [[c.text for c in r] for r in table.rows] == [
        ["项目", "金额"],
        ["合计", "12.00"],
        ["教育", "12.00"],
    ]
