"""三线表: tables ruled only above and below the header and at the foot, read cell for cell.

The tables here are laid out as Word lays out a table in the 三线表 style:
cells padded left and right and not at all above and below (a wrapped line
stands as far under its first line as the next row does), titles centred or
set to the left and wrapped within their column's width, group titles over
several columns, labels set to the left and indented by level, figures set to
the right, blank cells kept apart from 0.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govfin.io._pdf_assemble import assemble
from govfin.io._pdf_layout import Glyph, PageContent, Segment
from govfin.io._pdf_threeline import threeline_columns
from govfin.io._pdf_unruled import _make_line

from .glyphs import run, width

pytest.importorskip("pypdfium2")

SIZE = 9.0
PITCH = 12.0
"""Line pitch: Word's single spacing, no cell padding above or below."""
PAD = 5.4
"""Word's default cell padding, left and right."""


def _width(text: str) -> float:
    return width(text, SIZE)


def _run(text: str, x: float, top: float) -> list[Glyph]:
    return run(text, x, top, SIZE, spaces=False)


def _wrap(text: str, room: float) -> list[str]:
    """*text* broken into lines no wider than *room*, as a word processor breaks CJK text."""
    lines = [""]
    for ch in text:
        if lines[-1] and _width(lines[-1] + ch) > room + 0.01:
            lines.append("")
        lines[-1] += ch
    return lines


@attrs.frozen
class Table:
    """A 三线表 to draw: its column titles (a group title over some), body and options."""

    titles: tuple[str, ...]
    """The label column's title, then one per figure column."""
    rows: tuple[tuple[int, str, tuple[str, ...]], ...]
    """Each row: the label's indent level, the label, the figures (``""`` blank)."""
    group: tuple[str, int, int] | None = None
    """A title over figure columns *first*..*last* (1-based, inclusive)."""
    rooms: tuple[float, ...] = ()
    """The least text width of each figure column (a narrow column wraps its title)."""
    centred: bool = True
    numbered: bool = False
    """Whether the header ends with the 栏次 row."""

    def header(self) -> list[list[str]]:
        """The header rows as the reader must give them, a wrapped title whole."""
        n = len(self.titles)
        if self.group is None:
            rows = [list(self.titles)]
        else:
            name, first, last = self.group
            top = ["" if first <= j <= last else t for j, t in enumerate(self.titles)]
            top[first] = name
            under = [t if first <= j <= last else "" for j, t in enumerate(self.titles)]
            rows = [top, under]
        if self.numbered:
            rows.append(["栏次", *(str(j) for j in range(1, n))])
        return rows

    def body(self) -> list[list[str]]:
        return [[label, *figures] for _, label, figures in self.rows]


def _draw(table: Table, *, x: float = 40.0) -> PageContent:
    """*table* drawn on a page under its title and caption, with its three rules."""
    n = len(table.titles)
    rooms = [max(_width(" " * (2 * level) + label) for level, label, _ in table.rows)]
    rooms[0] = max(rooms[0], _width(table.titles[0]), _width("栏次"))
    for j in range(1, n):
        figures = [_width(r[2][j - 1]) for r in table.rows]
        least = table.rooms[j - 1] if j - 1 < len(table.rooms) else _width(table.titles[j])
        rooms.append(max([*figures, least, _width(str(j)), SIZE]))
    if table.group is not None:  # the group title fits over its columns
        name, first, last = table.group
        spread = sum(rooms[first : last + 1]) + 2 * PAD * (last - first)
        if _width(name) > spread:
            rooms[last] += _width(name) - spread
    xs = [x]
    for room in rooms:
        xs.append(xs[-1] + room + 2 * PAD)
    glyphs = _run("收入支出预算总表", xs[0] + 60, 40) + _run("单位：万元", xs[-1] - 60, 60)

    def put(text: str, j0: int, j1: int, top: float, *, title: bool) -> int:
        room = xs[j1 + 1] - xs[j0] - 2 * PAD
        lines = _wrap(text, room)
        for k, line in enumerate(lines):
            if title and table.centred:
                at = (xs[j0] + xs[j1 + 1] - _width(line)) / 2
            else:
                at = xs[j0] + PAD
            glyphs.extend(_run(line, at, top + k * PITCH))
        return len(lines)

    rules = [75.0]
    top = 76.0
    if table.group is None:
        height = max(put(t, j, j, top, title=True) for j, t in enumerate(table.titles))
    else:  # the others' titles span both header rows (top-aligned merged cells)
        name, first, last = table.group
        height = put(name, first, last, top, title=True)
        under = max(
            put(table.titles[j], j, j, top + height * PITCH, title=True)
            for j in range(first, last + 1)
        )
        height += under
        for j in range(n):
            if not first <= j <= last:
                height = max(height, put(table.titles[j], j, j, top, title=True))
    top += height * PITCH
    if table.numbered:
        glyphs.extend(_run("栏次", xs[0] + PAD, top))
        for j in range(1, n):
            put(str(j), j, j, top, title=True)
        top += PITCH
    rules.append(top)
    top += 1.0
    for level, label, printed in table.rows:
        glyphs.extend(_run(label, xs[0] + PAD + level * SIZE, top))
        for j, figure in enumerate(printed, start=1):
            glyphs.extend(_run(figure, xs[j + 1] - PAD - _width(figure), top))
        top += PITCH
    rules.append(top)
    segments = tuple(Segment(True, y, xs[0], xs[-1]) for y in rules)
    return PageContent(1, 842.0, 595.0, tuple(glyphs), segments)


def _read(page: PageContent) -> list[list[str]]:
    (table,) = assemble([page], "t.pdf").tables
    return [[c.text for c in row] for row in table.rows]


BUDGET = Table(
    ("项目", "合计", "一般公共预算", "政府性基金"),
    (
        (0, "合计", ("1,234,567.89", "1,234,000.00", "567.89")),
        (1, "一般公共服务支出", ("0.00", "", "0.00")),
        (2, "行政运行", ("12.50", "12.50", "")),
        (1, "教育支出", ("1,222,555.39", "1,221,987.50", "567.89")),
    ),
    group=("财政拨款", 2, 3),
)


@pytest.mark.parametrize("centred", [True, False], ids=["centred", "left"])
@pytest.mark.parametrize("numbered", [True, False], ids=["numbered", "plain"])
def test_a_threeline_table_reads_cell_for_cell(centred: bool, numbered: bool) -> None:
    table = attrs.evolve(BUDGET, centred=centred, numbered=numbered)
    assert _read(_draw(table)) == [*table.header(), *table.body()]


def test_a_wrapped_title_is_one_cell() -> None:
    """Titles wider than their column wrap over two lines (``本年收入`` / ``合计``)."""
    table = Table(
        ("项目", "本年收入合计", "财政拨款收入", "事业收入"),
        ((0, "合计", ("10.00", "8.00", "2.00")), (0, "教育支出", ("10.00", "8.00", "2.00"))),
        rooms=(4 * SIZE, 4 * SIZE, 4 * SIZE),
    )
    page = _draw(table)
    assert [g.top for g in page.glyphs if g.text in "本计" and g.top < 100] == [76.0, 88.0]
    assert _read(page) == [*table.header(), *table.body()]


def test_one_row_under_a_deep_header() -> None:
    """The 三公 table: one row of figures under a header of three lines and the 栏次 row."""
    table = Table(
        ("项目", "合计", "购置费", "运行费"),
        ((0, "合计", ("0.13", "0.12", "0.01")),),
        group=("公务用车购置及运行费", 2, 3),
        centred=False,
        numbered=True,
    )
    assert _read(_draw(table)) == [*table.header(), *table.body()]


def test_the_columns_run_where_the_rules_end() -> None:
    page = _draw(BUDGET)
    rules = sorted(s.pos for s in page.segments)
    header = [
        ln
        for ln in (_make_line([g for g in page.glyphs if g.top == top]) for top in (76.0, 88.0))
        if ln is not None
    ]
    body = [
        ln
        for ln in (
            _make_line([g for g in page.glyphs if abs(g.top - top) < 0.1])
            for top in sorted({g.top for g in page.glyphs if g.top > rules[1]})
        )
        if ln is not None
    ]
    xs = threeline_columns(header, body, 40.0, page.segments[0].end)
    assert xs is not None
    assert len(xs) == 5
    assert xs[0] == 40.0
    assert xs[-1] == page.segments[0].end


def test_rules_that_hold_no_header_are_no_threeline_table() -> None:
    """Rules around a paragraph (a boxed note) make no table."""
    glyphs = _run("注：本表金额单位为万元，数据来源于部门决算。", 40, 80)
    segments = tuple(Segment(True, y, 40.0, 400.0) for y in (75.0, 78.0, 95.0))
    doc = assemble([PageContent(1, 842.0, 595.0, tuple(glyphs), segments)], "t.pdf")
    assert doc.tables == ()


_label = st.text(alphabet="一二三四五六七八九十支出收入经费", min_size=2, max_size=12)
_title = st.text(alphabet="一般公共预算政府性基金收入支出合计", min_size=2, max_size=6)
"""Titles of at most two lines in the narrowest column drawn."""
_figure = st.one_of(
    st.just(""),
    st.just("0.00"),
    st.decimals(min_value=0, max_value=10**9, places=2).map(lambda d: f"{d:,.2f}"),
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A 三线表 of one label column and one to five figure columns (see :class:`Table`)."""
    n = draw(st.integers(min_value=1, max_value=5))
    titles = ("项目", *draw(st.lists(_title, min_size=n, max_size=n, unique=True)))
    rows = draw(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=2),
                _label,
                st.lists(_figure, min_size=n, max_size=n).map(tuple),
            ),
            min_size=1,
            max_size=8,
        )
    )
    if not any(sum(1 for f in r[2] if f) >= 1 for r in rows):
        rows.append((0, "合计", ("1.00",) * n))
    centred = draw(st.booleans())
    group = None
    if n >= 2 and not centred and draw(st.booleans()):  # (centred group titles: see BUDGET)
        first = draw(st.integers(min_value=1, max_value=n - 1))
        last = draw(st.integers(min_value=first + 1, max_value=n))
        group = (draw(st.sampled_from(["财政拨款", "本年支出", "其中"])), first, last)
    rooms = tuple(draw(st.lists(st.sampled_from([3 * SIZE, 6 * SIZE]), min_size=n, max_size=n)))
    return Table(
        titles,
        tuple(rows),
        group=group,
        rooms=rooms,
        centred=centred,
        numbered=draw(st.booleans()),
    )


@settings(max_examples=80, deadline=None)
@given(tables())
@example(  # a label alone a row's pitch under a row of figures: a row (blank), not a wrapped tail
    Table(
        ("项目", "一一", "一一一一"),
        ((1, "一一", ("", "0.00")), (1, "一一", ("", ""))),
        rooms=(27.0, 27.0),
        centred=False,
    )
)
def test_every_cell_of_a_threeline_table_reads_back(table: Table) -> None:
    """Any 三线表 reads back as drawn: titles whole, every figure in its column, blank not 0."""
    got = _read(_draw(table))
    assert got == [*table.header(), *table.body()]
    for row in got[len(table.header()) :]:
        for text in row[1:]:
            assert text == "" or Decimal(text.replace(",", "")) >= 0


def test_a_band_holding_code_rows_is_no_header() -> None:
    """A rule drawn under the first row with figures, not under the titles, bands titles and
    rows of codes (figures blank) together: such a band is no header (rows merged into titles
    otherwise: ``30108`` + ``30113`` read as one row), and the page goes to the other readers."""
    from govfin.io._pdf_threeline import _is_header  # noqa: PLC0415
    from govfin.io._pdf_unruled import _Line  # noqa: PLC0415

    def line(*pieces: tuple[str, float]) -> _Line:
        made = _make_line([g for text, x in pieces for g in _run(text, x, 100.0)])
        assert made is not None
        return made

    titles = line(("经济分类科目编码", 40.0), ("科目名称", 140.0), ("决算数", 260.0))
    numbers = line(("栏次", 40.0), ("1", 270.0))
    assert _is_header([titles, numbers])
    coded = line(("30108", 40.0), ("机关事业单位基本养老保险缴费", 140.0))
    assert not _is_header([titles, numbers, coded])
    assert not _is_header([titles, line(("301", 40.0), ("工资福利支出", 140.0))])
