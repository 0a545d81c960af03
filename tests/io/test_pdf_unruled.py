"""Tables printed without ruling: columns and rows inferred from where the text stands."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govfin.io._pdf_assemble import _BAND_ENDS, _ends_band, assemble
from govfin.io._pdf_layout import Glyph, PageContent
from govfin.io._pdf_unruled import find_text_grids

from .glyphs import run, width

pytest.importorskip("pypdfium2")

SIZE = 9.0
PDF = Path(__file__).parent.parent / "data" / "pdf"


def _width(text: str) -> float:
    return width(text, SIZE)


def _run(text: str, x: float, top: float) -> list[Glyph]:
    """The glyphs of *text* set from *x* on a line whose em box starts at *top*."""
    return run(text, x, top, SIZE)


def _left(text: str, x0: float, _x1: float, top: float) -> list[Glyph]:
    return _run(text, x0 + 2, top)


def _right(text: str, _x0: float, x1: float, top: float) -> list[Glyph]:
    return _run(text, x1 - 2 - _width(text), top)


def _centre(text: str, x0: float, x1: float, top: float) -> list[Glyph]:
    return _run(text, (x0 + x1 - _width(text)) / 2, top)


def _stop(text: str) -> bool:
    return text.startswith("单位") or text.endswith("表")


def _layout(
    header: list[str],
    rows: list[list[str]],
    *,
    pitch: float = 14.0,
    left: frozenset[int] = frozenset(),
) -> tuple[list[Glyph], list[float]]:
    """A table drawn without rules, as a spreadsheet prints it: the title, the
    caption, centred titles, labels left and figures right (the columns in
    *left* flush left too: a spreadsheet's text cells); its column edges."""
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
            place = _left if j == 0 or j in left else _right
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
@example(  # two titles over one column's gap until it is split: no edge is fitted from them
    (["一一一一一", "一一", "一七", "一一一", "一一一一"], [("一一", ["", "0.00", "0.00", "0.00"])])
)
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


def test_figures_of_one_width_flush_left_keep_their_centred_title() -> None:
    """Calc prints a 行次 typed as text flush left: ``59`` … ``64`` end together as flush-right
    figures would, but their title, centred in the cell, starts over them; the cell's
    edge is not at their ends (the numbers were read into a column of no title)."""
    header = ["项目", "行次", "合计", "一般公共预算财政拨款"]
    rows = [
        ["文化旅游体育与传媒支出", "", "306.29", "306.29"],
        ["本年支出合计", "59", "779.81", "320.92"],
        ["年末财政拨款结转和结余", "60", "6.62", "6.14"],
        ["总计", "64", "786.42", "327.06"],
    ]
    assert _cells(_layout(header, rows, left=frozenset({1}))[0]) == [header, *rows]


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=1, max_value=3),
    st.lists(st.integers(min_value=10, max_value=99), min_size=1, max_size=6),
    st.lists(
        st.decimals(min_value=0, max_value=10**8, places=2).map(lambda d: f"{d:,.2f}"),
        min_size=1,
        max_size=6,
    ),
)
def test_a_flush_left_column_of_one_width_reads_back(
    figures_right: int, numbers: list[int], figures: list[str]
) -> None:
    """Any number of flush-right columns after a flush-left 行次 of two-digit numbers."""
    header = ["项目", "行次", *(["合计", "基本支出", "项目支出"][:figures_right])]
    rows = [
        [f"科目{k}", str(n), *([figures[k % len(figures)]] * figures_right)]
        for k, n in enumerate(numbers)
    ]
    assert _cells(_layout(header, rows, left=frozenset({1}))[0]) == [header, *rows]


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


def _sheet(
    widths: list[float],
    cells: list[tuple[str, int, int, int, int]],
    rows: list[list[str]],
    *,
    pad: float = 1.0,
    labels: bool = False,
) -> list[Glyph]:
    """A sheet of merged header cells printed without rules, as Calc prints it.

    *cells* are ``(text, first row, last row, first column, last column)``:
    each title centred in its merged cell, across and down; the figures of
    *rows* end *pad* left of their cell's right edge (with *labels*, the
    first of each row is a label set from its cell's left edge).
    """
    xs = [40.0]
    for w in widths:
        xs.append(xs[-1] + w)
    pitch = 1.4 * SIZE
    glyphs = _run("“三公”经费支出决算表", 200, 40) + _run("单位：万元", xs[-1] - 50, 60)
    top = 80.0
    for text, r0, r1, c0, c1 in cells:
        mid = top + (r0 + r1 + 1) * pitch / 2
        glyphs += _centre(text, xs[c0], xs[c1 + 1], mid - SIZE / 2)
    depth = max(r1 for _, _, r1, _, _ in cells) + 1
    for k, row in enumerate(rows):
        at = top + (depth + k) * pitch + (pitch - SIZE) / 2
        for j, text in enumerate(row):
            if labels and j == 0:
                glyphs += _run(text, xs[0] + 2, at)
            else:
                glyphs += _run(text, xs[j + 1] - pad - _width(text), at)
    return glyphs


def _placed(glyphs: list[Glyph]) -> dict[str, int]:
    """Each text of the table's grid, and the column it was read into."""
    (grid,) = find_text_grids(glyphs, _stop)
    return {cell.text: cell.col for cell in grid.cells if cell.text}


_THREE_PUBLIC = [
    ("预算数", 0, 0, 0, 5),
    ("决算数", 0, 0, 6, 11),
    *(
        cell
        for at in (0, 6)
        for cell in [
            (f"合计{at}", 1, 2, at, at),
            (f"因公出国费{at}", 1, 2, at + 1, at + 1),
            (f"公务用车购置及运行费{at}", 1, 1, at + 2, at + 4),
            (f"小计{at}", 2, 2, at + 2, at + 2),
            (f"购置费{at}", 2, 2, at + 3, at + 3),
            (f"运行费{at}", 2, 2, at + 4, at + 4),
            (f"公务接待费{at}", 1, 2, at + 5, at + 5),
        ]
    ),
]
"""The 三公 table's two-level header: cells merged down beside a group title merged across."""


def test_a_group_title_stands_over_the_first_column_of_its_cells() -> None:
    """预算数/决算数 over six columns each, with no label column: the edges the figures
    and the centred titles show place them, not the gaps between the texts."""
    figures = [f"{k}.0{k % 10}" for k in range(12)]
    placed = _placed(_sheet([62.0] * 12, _THREE_PUBLIC, [figures]))
    assert placed["预算数"] == 0
    assert placed["决算数"] == 6
    assert placed["公务用车购置及运行费0"] == 2
    assert placed["公务用车购置及运行费6"] == 8
    assert [placed[f] for f in figures] == list(range(12))


def test_a_title_merged_down_beside_a_group_title_is_not_under_it() -> None:
    """合计 and 因公出国费, centred over two rows, stand half a row under the group title
    公务用车购置及运行费: beside it, so the group does not reach over their columns."""
    cells = [
        ("合计", 0, 1, 0, 0),
        ("因公出国费", 0, 1, 1, 1),
        ("公务用车购置及运行费", 0, 0, 2, 4),
        ("小计", 1, 1, 2, 2),
        ("购置费", 1, 1, 3, 3),
        ("运行费", 1, 1, 4, 4),
        ("公务接待费", 0, 1, 5, 5),
        ("其他费", 0, 1, 6, 6),
    ]
    placed = _placed(_sheet([60.0] * 7, cells, [["1.00"] * 7, ["2.00"] * 7]))
    assert placed["公务用车购置及运行费"] == 2
    assert [placed[t] for t in ("合计", "因公出国费", "小计", "购置费", "运行费")] == [
        0,
        1,
        2,
        3,
        4,
    ]


def test_a_group_title_is_not_stretched_over_a_label_column() -> None:
    """The label column's left edge shows only where its labels start: a group title
    centred within half a point on a run reaching it is not taken to span it."""
    widths = [90.0, 83.0, 52.0, 52.0, 49.0, 88.0, 48.0, 66.0, 70.0, 79.0, 78.0]
    cells = [
        ("项目名称", 0, 2, 0, 0),
        ("第0组数", 0, 0, 1, 4),
        ("第0组分项费", 1, 1, 2, 3),
        ("甲一", 1, 2, 1, 1),
        ("甲二", 2, 2, 2, 2),
        ("甲三", 2, 2, 3, 3),
        ("甲四", 1, 2, 4, 4),
        ("第1组数", 0, 0, 5, 10),
        ("第1组分项费", 1, 1, 6, 7),
        *((f"乙{k}", 1, 2, k, k) for k in (5, 8, 9, 10)),
        *((f"乙{k}", 2, 2, k, k) for k in (6, 7)),
    ]
    rows = [[f"科目{r}", *(f"{k}.{r}0" for k in range(1, 11))] for r in range(2)]
    placed = _placed(_sheet(widths, cells, rows, pad=1.5, labels=True))
    assert {text: placed[text] for text, *_ in cells} == {text: c0 for text, _, _, c0, _ in cells}


def test_a_group_title_leaves_the_next_one_its_centred_columns() -> None:
    """项目名称 to 乙一 centres on 预算数's centre exactly (the label column as wide as 乙一
    but for its padding): the wider run is not taken, for 决算数 is centred over 乙一 on."""
    widths = [90.0, 64.0, 81.0, 58.0, 90.0, 65.0, 89.0, 66.0, 77.0, 68.0]
    cells = [
        ("项目名称", 0, 2, 0, 0),
        ("预算数", 0, 0, 1, 5),
        ("分项费", 1, 1, 3, 4),
        *((f"甲{k}", 1, 2, k, k) for k in (1, 2, 5)),
        *((f"甲{k}", 2, 2, k, k) for k in (3, 4)),
        ("决算数", 0, 0, 6, 9),
        ("其他费", 1, 1, 7, 8),
        *((f"乙{k}", 1, 2, k, k) for k in (6, 9)),
        *((f"乙{k}", 2, 2, k, k) for k in (7, 8)),
    ]
    rows = [[f"科目{r}", *(f"{k}.{r}0" for k in range(1, 10))] for r in range(2)]
    placed = _placed(_sheet(widths, cells, rows, pad=1.0, labels=True))
    assert {text: placed[text] for text, *_ in cells} == {text: c0 for text, _, _, c0, _ in cells}


def test_a_title_beside_a_label_column_is_read_into_its_own_column() -> None:
    """甲一 overhangs the gap between the labels and its figures, so the rule found in the gap
    puts it over the labels: the figures' ends and its centre give its cell's left edge."""
    widths = [90.0, 53.0, 48.0, 52.0, 49.0, 59.0]
    cells = [
        ("项目名称", 0, 1, 0, 0),
        ("第0组数", 0, 0, 1, 2),
        ("甲一", 1, 1, 1, 1),
        ("甲二", 1, 1, 2, 2),
        ("第1组数", 0, 0, 3, 5),
        ("甲三", 1, 1, 3, 3),
        ("甲四", 1, 1, 4, 4),
        ("甲五", 1, 1, 5, 5),
    ]
    rows = [[f"科目{r}", *(f"{k}.{r}0" for k in range(1, 6))] for r in range(2)]
    placed = _placed(_sheet(widths, cells, rows, pad=1.0, labels=True))
    assert {text: placed[text] for text, *_ in cells} == {text: c0 for text, _, _, c0, _ in cells}


@st.composite
def _grouped_header(draw: st.DrawFn) -> tuple[list[float], list[tuple[str, int, int, int, int]]]:
    """Two groups of columns (预算数, 决算数), each under a title merged across them, each
    with a sub-group merged across some inner ones (or none has), the other titles
    merged down beside it; columns of one width (or each its own), no label column (the 三公
    table)."""
    subgroups = draw(st.booleans())
    least = 4 if subgroups else 2
    sizes = draw(st.lists(st.integers(min_value=least, max_value=6), min_size=2, max_size=2))
    cells: list[tuple[str, int, int, int, int]] = []
    at = 0
    names = iter(f"{a}{b}" for a in "甲乙丙丁戊" for b in "一二三四五六七八九十")
    for g, size in enumerate(sizes):
        cells.append((f"第{g}组数", 0, 0, at, at + size - 1))
        first, last = at + size, at - 1  # (no sub-group)
        if subgroups:
            first = draw(st.integers(min_value=at + 1, max_value=at + size - 3))
            last = draw(st.integers(min_value=first + 1, max_value=at + size - 2))
            cells.append((f"第{g}组分项费", 1, 1, first, last))
        for c in range(at, at + size):
            if first <= c <= last:
                cells.append((next(names), 2, 2, c, c))
            else:
                cells.append((next(names), 1, 2 if subgroups else 1, c, c))
        at += size
    width = st.integers(min_value=48, max_value=90).map(float)
    if draw(st.booleans()):
        return [draw(width)] * at, cells
    return draw(st.lists(width, min_size=at, max_size=at)), cells


@settings(max_examples=60, deadline=None)
@given(_grouped_header(), st.floats(min_value=0.5, max_value=3.0))
@example(  # a sub-group title starting where its first column's figures start
    (
        [52.0] * 12,
        [
            ("第0组数", 0, 0, 0, 5),
            ("第0组分项费", 1, 1, 1, 2),
            ("甲一", 1, 2, 0, 0),
            ("甲二", 2, 2, 1, 1),
            ("甲三", 2, 2, 2, 2),
            ("甲四", 1, 2, 3, 3),
            ("甲五", 1, 2, 4, 4),
            ("甲六", 1, 2, 5, 5),
            ("第1组数", 0, 0, 6, 11),
            ("第1组分项费", 1, 1, 9, 10),
            ("甲七", 1, 2, 6, 6),
            ("甲八", 1, 2, 7, 7),
            ("甲九", 1, 2, 8, 8),
            ("甲十", 2, 2, 9, 9),
            ("乙一", 2, 2, 10, 10),
            ("乙二", 1, 2, 11, 11),
        ],
    ),
    1.0,
)
@example(  # columns of their own widths: a group title starting where the figures start
    (
        [58.0, 74.0, 84.0, 64.0, 56.0, 48.0],
        [
            ("第0组数", 0, 0, 0, 3),
            ("甲一", 1, 1, 0, 0),
            ("甲二", 1, 1, 1, 1),
            ("甲三", 1, 1, 2, 2),
            ("甲四", 1, 1, 3, 3),
            ("第1组数", 0, 0, 4, 5),
            ("甲五", 1, 1, 4, 4),
            ("甲六", 1, 1, 5, 5),
        ],
    ),
    1.5,
)
def test_every_title_of_a_merged_header_reads_into_its_first_column(
    drawn: tuple[list[float], list[tuple[str, int, int, int, int]]], pad: float
) -> None:
    """Titles merged across and down, printed without rules: each in the first column of
    its cells, each figure in its own."""
    widths, cells = drawn
    rows = [[f"{k + 1}.{r}0" for k in range(len(widths))] for r in range(2)]
    placed = _placed(_sheet(widths, cells, rows, pad=pad))
    for text, _, _, c0, _ in cells:
        assert placed[text] == c0, text
    assert all(placed[f] == k for row in rows for k, f in enumerate(row))


def test_a_title_wrapped_over_an_empty_column_heads_its_own_column() -> None:
    """A table with no data (its 合计 row only): no text under the code and name columns.

    The code column's title wraps on two lines (``功能分类科目编`` / ``码``)
    around the line of the others, ``功能分类科目名称`` beside it: two titles,
    two columns, though the body shows neither (as a spreadsheet prints it).
    """
    glyphs = _run("政府性基金预算支出功能分类预算表", 200, 40) + _run("单位：元", 560, 60)
    top = 80.0
    glyphs += _run("功能分类科目编", 45, top - 7) + _run("码", 72, top + 7)
    for title, x in [
        ("功能分类科目名称", 190),
        ("合计", 370),
        ("基本支出", 450),
        ("项目支出", 540),
    ]:
        glyphs += _run(title, x, top)
    glyphs += _run("栏次", 72, top + 13)
    for text, x in [("1", 377), ("2", 466), ("3", 556)]:
        glyphs += _run(text, x, top + 13)
    glyphs += _run("合计", 45, top + 28)
    for x in (397, 486, 576):
        glyphs += _run("0.00", x, top + 28)
    assert _cells(glyphs) == [
        ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["栏次", "", "1", "2", "3"],
        ["合计", "", "0.00", "0.00", "0.00"],
    ]


_WORDS = (
    "单位",
    "部门",
    "金额",
    "编制",
    "万元",
    "注",
    "说明",
    "备注",
    "本表",
    "表",
    "续",
    "（续）",
    "(续表)",
    "：",
    ":",
    "收入预算总表",
    "公开01表",
    "一、",
    "1.",
    "2024年",
    " ",
    "\u3000",
    "合计",
    "项目",
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=8))
def test_only_a_text_with_a_band_mark_ends_a_band(words: list[str]) -> None:
    """Every text that ends a header band holds one of the marks ``text_grids`` first asks for."""
    text = "".join(words)
    if _ends_band(text):
        assert not _BAND_ENDS.isdisjoint(text), text


@given(st.text(st.characters(blacklist_characters=sorted(_BAND_ENDS)), max_size=30))
def test_a_text_without_a_band_mark_ends_no_band(text: str) -> None:
    assert not _ends_band(text)
