"""Assemble the pages of a PDF into a :class:`~govfin.tables.raw.RawDocument`.

Works on :class:`~govfin.io._pdf_layout.PageContent` values (no PDF library
here), page after page, in reading order (top to bottom, whatever order the
file's content stream has):

* each ruled grid becomes a table; the line just above it that reads like a
  title (``收入支出决算总表``, ``2025年部门收入预算总表``) is its title, the
  ``单位：万元`` / ``编制部门：…`` lines between title and grid its captions,
  and the ``注：…`` / ``说明：…`` lines under it its notes (``本表无数据`` kept);
* a grid with no title of its own at the top of a page continues the table
  before it (a table running over several pages); a header repeated on the
  new page is dropped, the rows are joined, a row broken by the page break
  joined back (:mod:`govfin.io._pdf_wrap`); a title block left at the foot
  of a page is the title of the grid that starts the next page (or the page
  after, when the next holds nothing but its captions);
* a table printed without ruling whose header is not repeated (HTML) runs on
  with the rows at the top of the next page that stand in its columns, a
  page of a single row too; the rest of a label alone at the top of a page
  ends the last row's label (:func:`_carry_fragment`); a header split by the
  page break (its first row at the foot of a page) goes over the next page's
  columns (:func:`_replace_header`);
* every other line is prose, joined into paragraphs (a paragraph starts at a
  heading such as ``一、``, an indented or centred line, after a short line or
  a wide gap) which may run on to the next page.

Every cell keeps its page and box (in the page's own, unrotated space: the
space of a PDF annotation); a merged cell's text sits in its top-left position
and the positions it covers are empty cells carrying the merged box.
"""

from __future__ import annotations

import itertools
import re
import statistics
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Final, NamedTuple

import attrs

from govfin.io._pdf_layout import (
    Glyph,
    Grid,
    PageContent,
    TextLine,
    _group_lines,
    _line_text,
    find_grids,
    join_lines,
)
from govfin.io._pdf_threeline import threeline_grids
from govfin.io._pdf_unruled import _CODE_RE, text_grids
from govfin.io._pdf_wrap import (
    carried_title,
    join_broken_row,
    joins_whole,
    lift_lines,
    room_left,
)
from govfin.report import Problem, Provenance
from govfin.tables._vocabulary import HEADING_RE, NOTE_RE, TABLE_NUMBER_LINE_RE, is_caption
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable

__all__ = ["assemble"]

_FOLIO_RE: Final = re.compile(r"^[-－—\s]*(?:第\s*)?[0-9]+(?:\s*页)?(?:\s*/\s*[0-9]+)?[-－—\s]*$")
_CONTINUED_RE: Final = re.compile(r"[（(]?续(?:表)?[）)]?\s*$")
_TITLE_MAX: Final = 60
_ASKEW_SAMPLE: Final = 20
"""How many characters of rotated text a problem quotes."""
_SAME_RULE: Final = 4.0
"""How far (points) a continued table's column rule may stand from the first page's."""
_TITLE_REACH: Final = 150.0
"""How far (points) above a grid its title may stand."""
_CODED_RE: Final = re.compile(r"^[0-9]{3}(?:[0-9]{2}){0,2}\s*[^0-9\s,.]")
"""A classification code and its name (``2080101 行政运行``): a row's start, not a rest."""
_FIGURE_RE: Final = re.compile(r"[0-9][,.][0-9]")
"""An amount printed with decimals or thousands separators: a table's body, not its header."""
_SAME_START: Final = 1.0
"""How far apart (points) two lines of one cell's text may start and be aligned."""
_PUNCTUATED_RE: Final = re.compile(r"[，。；,;]")
"""A comma or full stop: a sentence's piece, no label's rest (:func:`_carry_fragment`)."""
_JOIN_CONTEXT: Final = 40
"""How many rows on each side of a page break teach what a column's whole numbers look like."""
_FRAGMENT_LINES: Final = 2
"""How many lines of a label's rest a page may start with, alone (:func:`_carry_fragment`)."""


def _provenance(
    file: str, page: PageContent, bbox: tuple[float, float, float, float]
) -> Provenance:
    """Where *bbox* (as displayed) is: the page and the box in the page's own space."""
    x0, top, x1, bottom = page.unrotate(bbox)
    return Provenance(
        file=file,
        page=page.number,
        bbox=(round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2)),
    )


def _round(x: float, rounded: dict[float, float]) -> float:
    """*x* to two decimals, kept in *rounded* (:func:`_grid_rows`).

    Looked up as ``rounded.get(x) or _round(x, rounded)``: a zero is rounded
    again (``-0.0`` finds ``0.0``'s entry, but keeps its sign).
    """
    rounded[x] = out = round(x, 2)
    return out


def _compact(text: str) -> str:
    """*text* without whitespace (str.split's: what a pattern's whitespace class matches)."""
    return "".join(text.split())


class _Line(NamedTuple):
    """A line of a cell: the room left and right of it in its cell, and its first word's width.

    The first word is the leading run of letters, digits and their marks
    (``2040240``, ``1,184.28``), or the first character of other scripts
    (a CJK line breaks anywhere).
    """

    left: float
    right: float
    word: float
    bottom: float
    """The line's bottom on its page."""


@attrs.define
class _Table:
    """A table being assembled (mutable while its pages are read)."""

    title: str
    number: str | None
    captions: list[str]
    rows: list[tuple[RawCell, ...]]
    notes: list[str]
    provenance: Provenance
    xs: tuple[float, ...]
    header: list[tuple[str, ...]]
    end: tuple[Grid, PageContent] | None = None
    """The grid that the table's rows so far end with, and its page."""
    tail: tuple[Grid, Sequence[Glyph]] | None = None
    """The grid its last rows came from, and its page's glyphs (for a row cut by a page break)."""

    def ends_with(self, grid: Grid, page: PageContent) -> None:
        """Record that the table's rows so far end with *grid* on *page*."""
        self.end = (grid, page)
        ruled = not grid.inferred  # (a full line is measured between rules, never guessed ones)
        self.tail = (grid, page.glyphs) if ruled and _same_columns(grid, self.xs) else None

    def continue_with(
        self,
        rows: list[tuple[RawCell, ...]],
        lead: Sequence[_Line | None],
        problems: list[Problem],
    ) -> None:
        """Append a continuation's *rows*, a row broken over the page break mended once."""
        rest = _join_broken_row(self, rows, lead, problems)
        if len(rest) < len(rows):  # joined by the lines' alignment: the break is mended
            self.rows.extend(rest)
        else:  # else by the cells' contents (a number cut in two, a line full to its end)
            self.extend(rest, problems)

    def extend(self, rows: list[tuple[RawCell, ...]], problems: list[Problem]) -> None:
        """Append the rows of a grid continuing the table, a row cut by the page break joined."""
        if (
            self.rows
            and rows
            and (_is_column_numbers(self.rows[-1]) or _is_column_numbers(rows[0]))
        ):
            self.rows.extend(rows)  # the 栏次 row (1, 2, 3 …) is a row of its own
            return
        tail = self.tail
        broken = join_broken_row(
            self.rows,
            rows,
            table=self.title or self.number,
            room=lambda: room_left(*tail) if tail is not None else (),
        )
        if broken.last is not None:
            self.rows[-1] = broken.last
        problems.extend(broken.problems)
        self.rows.extend(broken.rows)

    def freeze(self) -> RawTable:
        return RawTable(
            title=self.title,
            rows=tuple(self.rows),
            number=self.number,
            captions=tuple(self.captions),
            notes=tuple(self.notes),
            provenance=self.provenance,
        )


def _grid_rows(grid: Grid, file: str, page: PageContent) -> list[tuple[RawCell, ...]]:
    """The grid as rows of cells, a merged cell's covered positions empty with its box."""
    blank = RawCell("")  # (frozen: one for every position no cell covers)
    slots = [[blank] * grid.n_cols for _ in range(grid.n_rows)]
    rounded: dict[float, float] = {}
    get, unrotate, number = rounded.get, page.unrotate, page.number
    for cell in grid.cells:
        x0, top, x1, bottom = unrotate(cell.bbox)  # (as _provenance: a hot loop, inlined)
        prov = Provenance(
            file,
            number,
            None,
            (
                get(x0) or _round(x0, rounded),
                get(top) or _round(top, rounded),
                get(x1) or _round(x1, rounded),
                get(bottom) or _round(bottom, rounded),
            ),
        )
        if cell.rowspan > 1 or cell.colspan > 1:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    slots[r][c] = RawCell("", prov)
        slots[cell.row][cell.col] = RawCell(cell.text, prov)
    return [tuple(row) for row in slots]


def _texts(row: Sequence[RawCell]) -> tuple[str, ...]:
    return tuple(_compact(c.text) for c in row)


def _same_columns(grid: Grid, xs: Sequence[float]) -> bool:
    """Whether *grid*'s column rules are *xs* (a continuation needing no remapping)."""
    return len(grid.xs) == len(xs) and all(
        abs(a - b) <= _SAME_RULE for a, b in zip(grid.xs, xs, strict=True)
    )


def _remap(
    rows: list[tuple[RawCell, ...]], grid: Grid, xs: Sequence[float]
) -> list[tuple[RawCell, ...]]:
    """Put the cells of a continuation grid under the columns of the table it continues."""
    if _same_columns(grid, xs):
        return rows
    n = len(xs) - 1
    target = [_target_column(grid.xs[j], grid.xs[j + 1], xs) for j in range(grid.n_cols)]
    out = []
    for row in rows:
        slots: list[RawCell | None] = [None] * n
        for j, cell in enumerate(row):
            k = target[j]
            prev = slots[k]
            if prev is None or not prev.text:
                slots[k] = cell
            elif cell.text:
                slots[k] = RawCell(join_lines([prev.text, cell.text]), prev.provenance)
        out.append(tuple(c if c is not None else RawCell("") for c in slots))
    return out


def _target_column(left: float, right: float, xs: Sequence[float]) -> int:
    """The column of rules *xs* that a continuation column from *left* to *right* goes under.

    A column spanning several of the first page's columns (the next page
    leaves out the rules between them: a label merged across them) goes under
    the first it covers, as a merged cell's text stands in its first column;
    any other goes under the column holding its centre.

    >>> _target_column(206.9, 421.4, [57.7, 112.6, 206.9, 276.0, 355.1, 421.4, 519.3])
    2
    >>> _target_column(100.0, 150.0, [0.0, 120.0, 200.0])
    1
    """
    n = len(xs) - 1
    covered = [
        i for i in range(n) if xs[i] >= left - _SAME_RULE and xs[i + 1] <= right + _SAME_RULE
    ]
    if len(covered) >= 2:
        return covered[0]
    centre = (left + right) / 2
    k = next((i for i in range(n) if xs[i] <= centre <= xs[i + 1]), None)
    if k is None:
        k = 0 if centre < xs[0] else n - 1
    return k


def _row_lines(
    grid: Grid, page: PageContent, xs: Sequence[float], row: int, last: bool
) -> tuple[_Line | None, ...]:
    """Per column of rules *xs*: where the first (*last*: last) line of *grid*'s *row* stands.

    Each is the line's left and right ends as offsets from its cell's left
    and right rules and its height (``None`` where the cell is empty): how a
    row broken over two pages is told (:func:`_join_broken_row`).
    """
    out: list[_Line | None] = [None] * (len(xs) - 1)
    cells = [c for c in grid.cells if c.text and (c.row + c.rowspan - 1 if last else c.row) == row]
    if not cells:
        return tuple(out)
    band_top, band_bottom = min(c.bbox[1] for c in cells), max(c.bbox[3] for c in cells)
    low, high = 2 * band_top, 2 * band_bottom  # (g.cy in the band: its doubled centre, no /2)
    band = [g for g in page.glyphs if low <= g[2] + g[4] <= high]
    for cell in cells:
        x0, _, x1, _ = cell.bbox
        inside = _glyphs_in(band, cell.bbox)
        if not inside:
            continue
        edge = max(g.cy for g in inside) if last else min(g.cy for g in inside)
        line = sorted((g for g in inside if abs(g.cy - edge) <= 0.45 * g.height), key=_x0)
        word = line[0].x1
        for g in itertools.takewhile(lambda g: g.text.isascii() and not g.text.isspace(), line):
            word = g.x1
        out[_target_column(x0, x1, xs)] = _Line(
            line[0].x0 - x0,
            x1 - max(g.x1 for g in line),
            word - line[0].x0,
            max(g.bottom for g in line),
        )
    return tuple(out)


def _x0(glyph: Glyph) -> float:
    return glyph.x0


def _wraps_on(at: _Line, start: _Line) -> bool:
    """Whether a cell's line *start* can be the rest of the line *at* it wrapped from.

    The two are aligned (left or right, the cell's own alignment) and the
    first word of *start* would not have fitted after *at*: the room left
    there, less the padding on the aligned side, is narrower than the word.
    """
    if abs(at.left - start.left) <= _SAME_START:
        return at.right < start.word + at.left + _SAME_START
    if abs(at.right - start.right) <= _SAME_START:
        return at.left < start.word + at.right + _SAME_START
    return False


def _owner_rows(table: _Table, grid: Grid) -> list[int]:
    """Per column of *table*: the index of the row whose cell ends at *grid*'s last row.

    That is the last row, but for a cell merged down over it from a row above
    (a header title over two rows: ``因公出国（境`` / ``）费``), whose text
    the table holds in that row.  A cell whose text is not where the grid's
    rows say (rows joined since) leaves the last row.
    """
    n = len(table.rows)
    owners = [n - 1] * (len(table.xs) - 1)
    if not table.rows or len(table.rows[-1]) != len(owners):
        return owners
    last, base = grid.n_rows - 1, n - grid.n_rows
    for cell in grid.cells:
        if cell.rowspan < 2 or cell.row + cell.rowspan - 1 != last or not cell.text:
            continue
        k = base + cell.row
        j = _target_column(cell.bbox[0], cell.bbox[2], table.xs)
        if 0 <= k < n and _compact(table.rows[k][j].text) == _compact(cell.text):
            owners[j] = k
    return owners


def _join_broken_row(
    table: _Table,
    rows: list[tuple[RawCell, ...]],
    lead: Sequence[_Line | None],
    problems: list[Problem],
) -> list[tuple[RawCell, ...]]:
    """*rows* (a continuation of *table*) less a first row that ends the table's last row.

    A word processor breaking a row over two pages prints what fits of each
    cell's text on the first page, the rest at the top of the next
    (``八、社会保障和就`` / ``业支出``), even of a number that does not fit
    its cell (``1,184.2`` / ``8``).  The first row of the continuation (its
    first lines at *lead*) is taken for the rest of the last row when each of
    its pieces continues the last line of the cell above it
    (:func:`_wraps_on`) and that line is as low as the row's lowest (a cell
    cut by the page end is full to it), none starts with an item number
    (``九、``) or a code and name (``2080101 行政运行``), a number's rest
    makes a whole number of its column with its start (``590.8`` / ``7``, never
    ``563.21`` / ``198.57`` nor the codes ``227`` / ``22704``), and some cell of
    the last row has no rest (a new row fills the cells a row fills).  A cell
    merged down over the last row from a row above (a header's title over two
    rows) is continued where its text stands (:func:`_owner_rows`).  The
    join is reported (info), naming the parts.
    """
    if not rows or not table.rows or table.end is None or _is_column_numbers(rows[0]):
        return rows  # (the 栏次 row is a row of its own)
    grid, page = table.end
    tail = _row_lines(grid, page, table.xs, grid.n_rows - 1, last=True)
    first = rows[0]
    owners = _owner_rows(table, grid)
    if not len(first) == len(owners) == len(tail) == len(lead):
        return rows
    lasts = [table.rows[k][j] for j, k in enumerate(owners)]
    texts, befores = _texts(first), _texts(lasts)
    if not any(texts) or all(t for b, t in zip(befores, texts, strict=True) if b):
        return rows
    lowest = max((at.bottom for at in tail if at is not None), default=0.0)
    context = [*table.rows[-_JOIN_CONTEXT - 1 : -1], *rows[1 : _JOIN_CONTEXT + 1]]
    for j, (text, before, at, start) in enumerate(zip(texts, befores, tail, lead, strict=True)):
        if text and (
            not before
            or at is None
            or start is None
            or at.bottom < lowest - _SAME_START
            or not _wraps_on(at, start)
            or HEADING_RE.match(text)
            or _compact(text).startswith(("其中", "合计", "总计"))  # rows of their own
            or _CODED_RE.match(text)
            or not joins_whole(context, j, before, text)  # (two rows' figures or codes)
        ):
            return rows
    for j, (a, b) in enumerate(zip(lasts, first, strict=True)):
        if b.text:
            k = owners[j]
            table.rows[k] = (
                *table.rows[k][:j],
                RawCell(join_lines([a.text, b.text]), a.provenance),
                *table.rows[k][j + 1 :],
            )
    parts = "; ".join(
        f"{a.text.strip()} + {b.text.strip()}" for a, b in zip(lasts, first, strict=True) if b.text
    )
    problems.append(
        Problem(
            f"a row broken over two pages is read as one: {parts}",
            "info",
            table=table.title or None,
            provenance=first[next(j for j, t in enumerate(texts) if t)].provenance,
        )
    )
    return rows[1:]


def _refines(xs: Sequence[float], finer: Sequence[float], slack: float = 4.0) -> bool:
    """Whether the column rules *finer* hold every inner rule of *xs* and more (a finer grid).

    The outer edges may differ (a table printed without ruling ends where
    its text ends, on each page somewhere else).
    """
    return len(finer) > len(xs) and all(
        any(abs(x - f) <= slack for f in finer[1:-1]) for x in xs[1:-1]
    )


def _spread(
    rows: Sequence[tuple[RawCell, ...]], xs: Sequence[float], finer: Sequence[float]
) -> list[tuple[RawCell, ...]]:
    """*rows* ruled by *xs* put on the finer columns *finer*, each cell as a merged cell.

    A table whose first page prints only its top header row (``收入 | 支出``)
    and whose next page splits those columns (``项目名称 | 金额 | …``) is read
    on the finer columns: a wide cell of the first page covers the columns
    under it, its text in the first, as a merged cell reads.
    """
    centres = [(a + b) / 2 for a, b in itertools.pairwise(finer)]
    source = [  # (a column beyond the edges: the nearest)
        next(
            (i for i in range(len(xs) - 1) if xs[i] <= c <= xs[i + 1]),
            0 if c < xs[0] else len(xs) - 2,
        )
        for c in centres
    ]
    out = []
    for row in rows:
        cells: list[RawCell] = []
        for k, j in enumerate(source):
            if j >= len(row):
                cells.append(RawCell(""))
            elif k and source[k - 1] == j:
                cells.append(RawCell("", row[j].provenance))
            else:
                cells.append(row[j])
        out.append(tuple(cells))
    return out


def _glyphs_in(glyphs: Sequence[Glyph], bbox: tuple[float, float, float, float]) -> list[Glyph]:
    """The *glyphs* whose centre lies in *bbox* (a cell's)."""
    x0, top, x1, bottom = (2 * v for v in bbox)  # (doubled: g.cx, g.cy as sums, a hot loop)
    return [g for g in glyphs if x0 <= g[1] + g[3] <= x1 and top <= g[2] + g[4] <= bottom]


def _header_only(table: _Table) -> bool:
    """Whether *table* holds nothing but a header printed without ruling at a page's foot.

    Its rows are those of one inferred grid (the page's last), with no figure
    and no row of a code (a row with its figures blank is a row): the rest of
    its header and its rows are on the next page.
    """
    if table.end is None:
        return False
    grid, _ = table.end
    return (
        grid.inferred
        and len(table.rows) == grid.n_rows
        and _headed_only(grid)
        and not any(r and _CODE_RE.match(_compact(r[0].text)) for r in table.rows)
    )


def _replace_header(table: _Table, xs: Sequence[float]) -> list[tuple[RawCell, ...]]:
    """The rows of a header-only *table* (:func:`_header_only`) under the columns *xs*.

    A header split by a page break (``收入 | 支出`` at the foot of a page,
    ``项目 | 行次 | 金额 | 项目 | …`` on the next) gives the first page too
    few titles to put its rules where the next page's stand (two titles a
    rule should part may share a cell: ``小计 基本支出``): each title goes
    under the column of the next page where its text starts, as a merged
    cell's text stands in its first column.
    """
    assert table.end is not None
    grid, page = table.end
    n = len(xs) - 1
    slots: list[list[RawCell]] = [[RawCell("") for _ in range(n)] for _ in range(grid.n_rows)]
    for cell in grid.cells:
        if not cell.text:
            continue
        x0 = cell.bbox[0]
        row = table.rows[cell.row]
        prov = row[cell.col].provenance if cell.col < len(row) else None
        inside = _glyphs_in(page.glyphs, cell.bbox)
        for start, text in _titles(inside) or [(x0, cell.text)]:
            k = next((i for i in range(n) if start + 0.5 < xs[i + 1]), n - 1)
            prev = slots[cell.row][k]
            slots[cell.row][k] = RawCell(join_lines([prev.text, text]), prev.provenance or prov)
    return [tuple(r) for r in slots]


def _titles(glyphs: Sequence[Glyph]) -> list[tuple[float, str]]:
    """The titles among a header cell's *glyphs*, line by line: where each starts, and its text.

    Titles are parted by a gap wider than a space (``小计 基本支出``).
    """
    out: list[tuple[float, str]] = []
    for line in _group_lines(glyphs):
        ordered = sorted((g for g in line if not g.text.isspace()), key=_x0)
        run: list[Glyph] = []
        for g in ordered:
            if run and g.x0 - run[-1].x1 > 0.4 * (g.bottom - g.top):
                out.append((run[0].x0, "".join(h.text for h in run)))
                run = []
            run.append(g)
        if run:
            out.append((run[0].x0, "".join(h.text for h in run)))
    return out


def _is_column_numbers(row: tuple[RawCell, ...]) -> bool:
    """Whether *row* is the 栏次 row numbering the columns (``栏次 | 1 | 2 | 3``)."""
    return any(_compact(c.text).startswith("栏次") for c in row)


def _header_rows(rows: Sequence[tuple[RawCell, ...]]) -> list[tuple[str, ...]]:
    """The leading rows of a table, as texts, for spotting a header repeated on the next page."""
    return [_texts(r) for r in rows[:6]]


def _is_caption(line: TextLine) -> bool:
    return any(is_caption(text) for text, _ in line.segments)


def _split_title(line: TextLine) -> tuple[str, str | None, list[str]]:
    """A title line's title, its printed number and any caption run on the same line."""
    title_parts: list[str] = []
    number: str | None = None
    captions: list[str] = []
    for text, _ in line.segments:
        if is_caption(text):
            captions.append(text)
        elif TABLE_NUMBER_LINE_RE.match(_compact(text)):
            number = _compact(text)
        else:
            title_parts.append(text)
    return " ".join(title_parts).strip(), number, captions


def _looks_like_title(line: TextLine, page: PageContent, grid: Grid) -> bool:
    text = _compact(line.text)
    if not text or len(text) > _TITLE_MAX or text[-1] in "。：:；;，,":
        return False
    if grid.ys[0] - line.bottom > _TITLE_REACH:
        return False
    if "表" in text[-6:]:
        return True
    centre = (line.x0 + line.x1) / 2
    return abs(centre - page.width / 2) < 0.08 * page.width and not HEADING_RE.match(text)


@attrs.define
class _Prose:
    """Prose lines in reading order, with what the paragraph rules need to know."""

    lines: list[tuple[int, TextLine]] = attrs.Factory(list)
    breaks: set[int] = attrs.Factory(set)
    """Indices of lines before which a table or other break stood."""

    def add(self, page: int, line: TextLine) -> None:
        self.lines.append((page, line))

    def hard_break(self) -> None:
        self.breaks.add(len(self.lines))


def _page_metrics(lines: Sequence[tuple[TextLine, str]]) -> tuple[float, float, float]:
    """The left and right edges of a page's prose and its em, from its *lines* and their texts."""
    body = [ln.bbox for ln, text in lines if len(_compact(text)) >= 12] or [
        ln.bbox for ln, _ in lines
    ]
    em = statistics.median(max(b[3] - b[1], 0.1) for b in body) if body else 12.0  # (heights)
    return min((b[0] for b in body), default=0.0), max((b[2] for b in body), default=0.0), em


_SENTENCE_END: Final = "。！？!?；;：:"
_CLOSERS: Final = "”’」』）)】"


def _may_end_paragraph(text: str) -> bool:
    """Whether a short line may be a paragraph's last: it ends a sentence, or is a heading or title.

    A ragged right edge (a number that did not fit, text not justified)
    leaves lines short in mid-sentence; such a line goes on.

    >>> _may_end_paragraph("其中：财政拨款收入1515.26万元，占59.89%；上级补助收入")
    False
    >>> _may_end_paragraph("支出1.23万元。")
    True
    >>> _may_end_paragraph("二、收入决算情况说明"), _may_end_paragraph("2024年度部门决算")
    (True, True)
    """
    body = text.rstrip().rstrip(_CLOSERS)
    if not body or body[-1] in _SENTENCE_END:
        return True
    if HEADING_RE.match(text):
        return True
    return len(_compact(text)) <= 40 and not any(mark in text for mark in "。，,；;")


def _paragraphs(prose: _Prose, file: str, pages: dict[int, PageContent]) -> list[RawParagraph]:
    """Join prose lines into paragraphs (see the module docstring for the rules)."""
    lines = [(page, line, line.text) for page, line in prose.lines]  # (each text joined once)
    by_page: dict[int, list[tuple[TextLine, str]]] = {}
    for page, line, text in lines:
        by_page.setdefault(page, []).append((line, text))
    metrics = {page: _page_metrics(on_page) for page, on_page in by_page.items()}
    out: list[RawParagraph] = []
    current: list[tuple[int, TextLine, str]] = []

    def flush() -> None:
        if not current:
            return
        first_page = current[0][0]
        boxes = [ln.bbox for p, ln, _ in current if p == first_page]
        x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
        bbox = (min(x0s), min(tops), max(x1s), max(bottoms))
        text = join_lines([t.strip() for _, _, t in current])
        out.append(RawParagraph(text, _provenance(file, pages[first_page], bbox)))
        current.clear()

    for index, (page, line, text) in enumerate(lines):
        left, _, em = metrics[page]
        start = index in prose.breaks or not current
        if not start:
            prev_page, prev, prev_text = current[-1]
            _, right, prev_em = metrics[prev_page]
            x0, top = line.bbox[0], line.bbox[1]
            short = prev.bbox[2] < right - 1.5 * prev_em and _may_end_paragraph(prev_text)
            indented = x0 > left + 0.8 * em
            gap = prev_page == page and top - prev.bbox[3] > 1.2 * em
            start = short or indented or gap or bool(HEADING_RE.match(text))
        if start:
            flush()
        current.append((page, line, text))
    flush()
    return out


def _notes_and_rest(
    lines: Sequence[TextLine],
) -> tuple[list[str], list[TextLine]]:
    """Split the lines under a grid into its notes and the prose that follows.

    The notes are the block of lines right under the grid that starts with
    ``注：`` / ``说明：`` / ``本表…``; a line close under a note continues it,
    or starts a new note after a full stop or at a new marker.
    """
    notes: list[str] = []
    prev: TextLine | None = None
    for index, line in enumerate(lines):
        text = line.text.strip()
        marker = bool(NOTE_RE.match(text))
        close = prev is not None and line.top - prev.bottom < 0.9 * line.height
        if not notes and not marker:
            return notes, list(lines[index:])
        if notes and not close and not marker:
            return notes, list(lines[index:])
        if notes and not marker and not HEADING_RE.match(text) and notes[-1][-1:] not in "。.":
            notes[-1] = join_lines([notes[-1], text])
        else:
            notes.append(text)
        prev = line
    return notes, []


def _take_title(
    above: list[TextLine], page: PageContent, grid: Grid
) -> tuple[TextLine | None, list[str]]:
    """Take the title and caption lines off the end of *above* (the lines over *grid*)."""
    captions: list[str] = []
    title: TextLine | None = None
    while len(above) >= 2 and (joined := _caption_tail(above[-1], above[-2])) is not None:
        above.pop()
        above[-1] = joined
    while above and _is_caption(above[-1]):
        captions[:0] = [t for t, _ in above.pop().segments]
    if above and _looks_like_title(above[-1], page, grid):
        title = above.pop()
        while above and _is_caption(above[-1]):
            captions[:0] = [t for t, _ in above.pop().segments]
        # the table's number on a line of its own (公开01表), under or over the title
        number_below = (
            bool(above) and _is_number(title) and _looks_like_title(above[-1], page, grid)
        )
        if above and (number_below or (_is_number(above[-1]) and not _is_number(title))):
            title = TextLine(above.pop().segments + title.segments)
    return title, captions


def _caption_tail(line: TextLine, caption: TextLine) -> TextLine | None:
    """*caption* with *line* joined on, when *line* is its wrapped tail; else ``None``.

    A caption printed in a narrow box wraps (``部门：生成的部`` / ``门``): each
    run of the tail starts right under a run of the caption, close under it.
    """
    if not _is_caption(caption) or line.top - caption.bottom > 0.6 * line.height:
        return None
    merged = list(caption.segments)
    for text, box in line.segments:
        k = next(
            (i for i, (_, b) in enumerate(merged) if abs(b[0] - box[0]) <= 1.0),
            None,
        )
        if k is None:
            return None
        head, head_box = merged[k]
        merged[k] = (
            join_lines([head, text]),
            (
                min(head_box[0], box[0]),
                min(head_box[1], box[1]),
                max(head_box[2], box[2]),
                max(head_box[3], box[3]),
            ),
        )
    return TextLine(tuple(merged))


def _is_number(line: TextLine) -> bool:
    """Whether *line* holds nothing but a table's number (``公开01表``, ``表3``)."""
    return bool(TABLE_NUMBER_LINE_RE.match(_compact(line.text)))


def _place_carried(
    carried: tuple[int, list[TextLine]], above: list[TextLine], grids: Sequence[Grid], prose: _Prose
) -> bool:
    """Give a title left at the foot of the page before to this page's first grid, or to the prose.

    The grid takes it when nothing but its number and captions stands over it
    (the title, number and captions are then read as if printed above it).
    Whether it went to the prose.
    """
    page, lines = carried
    if lines and grids and all(_is_caption(ln) or _is_number(ln) for ln in above):
        above[:0] = lift_lines(lines, above[0].top if above else grids[0].ys[0])
        return False
    for line in lines:
        prose.add(page, line)
    return bool(lines)


def _rest_of_title(lines: Sequence[TextLine]) -> list[TextLine] | None:
    """*lines* when they are nothing but a title block's captions and number, else ``None``.

    A page break between a table's title and its captions (``部门：…``,
    ``单位：万元``) may leave a page that holds those alone, the table on the
    page after: the title block goes on to that table.  A caption wrapped in
    its narrow box (``部门：生成的部`` / ``门``, a caption beside it standing
    between the two) comes back joined.
    """
    out: list[TextLine] = []
    for line in lines:
        if _is_caption(line) or _is_number(line):
            out.append(line)
            continue
        k, joined = next(
            (
                (k, j)
                for k in range(len(out) - 1, -1, -1)
                if (j := _caption_tail(line, out[k])) is not None
            ),
            (-1, None),
        )
        if joined is None:
            return None
        out[k] = joined
    return out if any(_is_caption(ln) for ln in out) else None


def _captioned(block: Sequence[TextLine]) -> bool:
    """Whether a title block (its title first) has a caption: a table's, not a sentence's end."""
    return any(_is_caption(ln) for ln in block[1:])


def _untabled_title(line: TextLine, file: str, page: PageContent) -> Problem:
    return Problem(
        "a table title with no ruled grid under it: its content is kept as prose",
        "warning",
        table=line.text.strip(),
        provenance=_provenance(file, page, line.bbox),
    )


def _continues(open_table: _Table | None, title_text: str, has_title: bool, first: bool) -> bool:
    """Whether a grid continues *open_table* (untitled at the top of a page, or titled 续)."""
    if open_table is None:
        return False
    if not has_title:
        return first
    stripped = _CONTINUED_RE.sub("", title_text)
    return stripped != title_text and _compact(stripped) == _compact(open_table.title)


def _outside(page: PageContent, grids: Sequence[Grid]) -> list[Glyph]:
    """The characters of *page* outside *grids*."""
    doubled = [  # each box, a half point wider, doubled: centres tested as sums (exact: no /2)
        (2 * (x0 - 0.5), 2 * (top - 0.5), 2 * (x1 + 0.5), 2 * (bottom + 0.5))
        for x0, top, x1, bottom in (gr.bbox for gr in grids)
    ]
    claimed = {g for gr in grids for g in gr.claimed}
    outside = [g for g in page.glyphs if g not in claimed] if claimed else list(page.glyphs)
    for x0, top, x1, bottom in doubled:  # (one box at a time: no generator per glyph)
        outside = [
            g for g in outside if not (top <= g[2] + g[4] <= bottom and x0 <= g[1] + g[3] <= x1)
        ]
    return outside


def _page_lines(
    page: PageContent, grids: Sequence[Grid], grouped: list[list[Glyph]] | None = None
) -> list[TextLine]:
    """The text lines outside the grids, page numbers left out.

    *grouped*: those characters already grouped into lines, when at hand.
    """
    if grouped is None:
        grouped = _group_lines(_outside(page, grids))
    foot, head = page.height * 0.9, page.height * 0.08
    out: list[TextLine] = []
    for line in grouped:
        runs = tuple(_line_text(line))
        # (a line of one run has its box: the union TextLine would make of it)
        ln = TextLine(runs, runs[0][1]) if len(runs) == 1 else TextLine(runs)
        # (where the line stands first: most lines stand inside the page)
        if (ln.bbox[1] > foot or ln.bbox[3] < head) and _FOLIO_RE.match(ln.text):
            continue
        out.append(ln)
    return out


_BAND_ENDS: Final = frozenset(":：注说本表续")
"""The characters one of which every text that :func:`_ends_band` is true of holds.

A caption's colon, a note's 注, 说明 or 本表, a title's 表, a continuation's 续.
"""


def _ends_band(text: str) -> bool:
    """Whether a line cannot belong to an unruled table's header (a caption, note or title).

    (Each text it is true of holds a character of :data:`_BAND_ENDS`.)
    """
    text = _compact(text)
    return bool(
        is_caption(text)
        or NOTE_RE.match(text)
        or (len(text) <= _TITLE_MAX and ("表" in text[-6:] or _CONTINUED_RE.search(text)))
    )


def _with_text_grids(
    page: PageContent, grids: list[Grid], open_table: _Table | None, titled: bool
) -> tuple[list[Grid], list[Grid], list[list[Glyph]] | None]:
    """*grids* with the tables printed without ruling on *page* (:mod:`._pdf_unruled`).

    Also those tables, and when there are none the characters outside
    *grids* grouped into lines (for the page's other lines).  *titled*: the
    page before ended with a title (the table it names starts this page).
    """
    grouped = _group_lines(_outside(page, grids))
    lined = threeline_grids(page.segments, grids, grouped, _ends_band)
    if lined:  # (三线表, :mod:`._pdf_threeline`: their lines are theirs)
        grouped = _group_lines(_outside(page, [*grids, *lined]))
    found = lined + text_grids(
        grouped,
        _ends_band,
        continuing=open_table.xs if open_table is not None else None,
        titled=titled and not grids,
        marks=_BAND_ENDS,
    )
    found = [  # (a header at a page's foot ends the page: none over a ruled grid)
        g for g in found if not (_headed_only(g) and any(r.ys[0] >= g.ys[-1] - 1.0 for r in grids))
    ]
    if not found:
        return grids, [], grouped
    return sorted([*grids, *found], key=lambda g: (g.ys[0], g.xs[0])), found, None


def _headed_only(grid: Grid) -> bool:
    """Whether *grid* holds no figure: a header with no rows under it."""
    return not any(_FIGURE_RE.search(c.text) for c in grid.cells)


def _carry_wrapped(table: _Table, rows: list[tuple[RawCell, ...]]) -> list[tuple[RawCell, ...]]:
    """*rows* continuing *table* on a new page without ruling, a cell's wrapped tail joined back.

    A word processor breaks a row between pages: the first line of the new
    page then holds nothing but the end of one label (``国有资本经营预算财政拨``
    / ``款``), no code, no figure, under a cell that has text.
    """
    if not rows or not table.rows:
        return rows
    first, last = rows[0], table.rows[-1]
    filled = [j for j, c in enumerate(first) if c.text]
    if len(filled) != 1 or len(first) != len(last):
        return rows
    (j,) = filled
    if any(ch.isdigit() for ch in first[j].text) or not last[j].text:
        return rows
    table.rows[-1] = (
        *last[:j],
        RawCell(join_lines([last[j].text, first[j].text]), last[j].provenance),
        *last[j + 1 :],
    )
    return rows[1:]


def _cell_starts(table: _Table) -> dict[int, float]:
    """Where the text of each cell of *table*'s last row starts, by column (its left end)."""
    if table.end is None:
        return {}
    grid, page = table.end
    last = grid.n_rows - 1
    out: dict[int, float] = {}
    for cell in grid.cells:
        if not cell.text or cell.row + cell.rowspan - 1 != last:
            continue
        x0, _, x1, _ = cell.bbox
        inside = _glyphs_in(page.glyphs, cell.bbox)
        if inside:
            out[_target_column(x0, x1, table.xs)] = min(g.x0 for g in inside)
    return out


def _carry_fragment(
    table: _Table, lines: list[TextLine], grids: Sequence[Grid], file: str, page: PageContent
) -> tuple[list[TextLine], Problem | None]:
    """*lines* less the end of *table*'s last label, carried alone to the top of this page.

    A table printed without ruling, broken between pages inside a row, may
    leave nothing but the rest of a label at the top of the next page
    (``使用非财政拨款结余（含专用结`` / ``余）``), with no figure to make a
    row of it, before the next rows or the next table's title.  Such lines
    (a word or two, no digit, no heading, title, caption or sentence) that
    start where the last row's text of a column starts, and fit that
    column, end that cell; the join is reported (info).
    """
    if table.end is None or not table.end[0].inferred or not table.rows:
        return lines, None
    starts = _cell_starts(table)
    top = min((g.ys[0] for g in grids), default=page.height)
    last = table.rows[-1]
    column: int | None = None
    taken: list[TextLine] = []
    for line in lines:
        text = _compact(line.text)
        if line.bottom > top or len(line.segments) != 1 or len(taken) == _FRAGMENT_LINES:
            break
        j = next((c for c, x in starts.items() if abs(line.x0 - x) <= _SAME_START * 1.5), None)
        if (
            j is None
            or (column is not None and j != column)
            or not last[j].text
            or line.x1 > table.xs[j + 1] + _SAME_RULE
            or any(ch.isdigit() for ch in text)
            or HEADING_RE.match(text)
            or _ends_band(text)
            or _PUNCTUATED_RE.search(text)
        ):
            break
        column = j
        taken.append(line)
    rest = lines[len(taken) :]
    if column is None or (rest and rest[0].bottom <= top and not _ends_band(rest[0].text)):
        return lines, None  # (followed by prose: a line of its own)
    tail = join_lines([ln.text.strip() for ln in taken])
    table.rows[-1] = (
        *last[:column],
        RawCell(join_lines([last[column].text, tail]), last[column].provenance),
        *last[column + 1 :],
    )
    box = (taken[0].x0, taken[0].top, max(ln.x1 for ln in taken), taken[-1].bottom)
    problem = Problem(
        f"a row broken over two pages is read as one: {last[column].text.strip()} + {tail}",
        "info",
        table=table.title or None,
        provenance=_provenance(file, page, box),
    )
    return rest, problem


def _askew_problem(page: PageContent, grids: Sequence[Grid], file: str) -> Problem:
    """The characters of *page* drawn at another angle: left unread, never mixed in.

    An error when some stand inside a ruled grid (a table's cells may then lack
    text, so its values are not to be trusted), a warning otherwise.
    """
    askew = page.askew
    sample = "".join(g.text for g in askew[:_ASKEW_SAMPLE])
    if len(askew) > _ASKEW_SAMPLE:
        sample += "…"
    bbox = (
        min(g.x0 for g in askew),
        min(g.top for g in askew),
        max(g.x1 for g in askew),
        max(g.bottom for g in askew),
    )
    what = f"{len(askew)} characters drawn at another angle than the page's text (「{sample}」)"
    in_table = any(gr.contains(g.cx, g.cy) for g in askew for gr in grids)
    if in_table:
        return Problem(
            f"rotated text on page {page.number} not read as a table: {what} "
            "are left out of the table's cells",
            "error",
            provenance=_provenance(file, page, bbox),
        )
    return Problem(
        f"rotated text on page {page.number} not read: {what} are left out",
        "warning",
        provenance=_provenance(file, page, bbox),
    )


def _page_problems(
    page: PageContent, grids: Sequence[Grid], lines: Sequence[TextLine], file: str
) -> list[Problem]:
    """What the reader of *page* should know.

    Unreadable text, rotated text left unread, a title with no grid under it.
    """
    out: list[Problem] = []
    if page.unmapped > max(10, len(page.glyphs) // 20):
        out.append(
            Problem(
                f"{page.unmapped} characters have no Unicode mapping in their font: "
                "their text may be wrong",
                "warning",
                provenance=Provenance(file=file, page=page.number),
            )
        )
    if page.askew and not _FOLIO_RE.match("".join(g.text for g in page.askew)):
        # (a page number printed upright beside a table drawn sideways is no loss)
        out.append(_askew_problem(page, grids, file))
    for index, (line, after) in enumerate(itertools.pairwise(lines)):
        if not line.text.rstrip().endswith("表"):  # (as its compact text would: most lines)
            continue
        text = _compact(line.text)
        if (
            text.endswith("表")
            and len(text) <= _TITLE_MAX
            and not HEADING_RE.match(text)
            and _is_caption(after)
            and not any(g.ys[0] >= after.bottom for g in grids)
            # (a title block ending the page goes to the next page's table: told there)
            and not all(_is_caption(ln) or _is_number(ln) for ln in lines[index + 1 :])
        ):
            out.append(_untabled_title(line, file, page))
    return out


def assemble(pages: Iterable[PageContent], file: str) -> RawDocument:  # noqa: PLR0915
    """Build the document from its pages (see the module docstring).

    Args:
        pages: the pages in order.
        file: the file name recorded in every provenance.
    """
    tables: list[_Table] = []
    prose = _Prose()
    problems: list[Problem] = []
    open_table: _Table | None = None  # the table a grid at the top of the next page continues
    seen: dict[int, PageContent] = {}
    carried: tuple[int, list[TextLine]] = (0, [])  # a title left at the foot of the page before
    for page in pages:
        seen[page.number] = page
        grids, unruled, grouped = _with_text_grids(
            page, find_grids(page.segments, page.glyphs), open_table, bool(carried[1])
        )
        lines = _page_lines(page, grids, grouped)
        if open_table is not None:
            lines, joined = _carry_fragment(open_table, lines, grids, file, page)
            problems.extend([joined] if joined is not None else [])
        problems.extend(_page_problems(page, grids, lines, file))
        bands: list[list[TextLine]] = [[] for _ in range(len(grids) + 1)]
        tops = sorted(g.ys[0] for g in grids)
        for line in lines:  # (in the band after every grid starting above it)
            bands[bisect_right(tops, line.bbox[1])].append(line)
        above = bands[0]
        rest = _rest_of_title(above) if carried[1] and not grids else None
        if rest:  # (a page holding nothing but the captions of the title before: its table next)
            carried = (carried[0], [*lift_lines(carried[1], rest[0].top), *rest])
            continue
        if _place_carried(carried, above, grids, prose) and _captioned(carried[1]):
            problems.append(_untabled_title(carried[1][0], file, seen[carried[0]]))
        carried = (0, [])
        for index, grid in enumerate(grids):
            title, captions = _take_title(above, page, grid)
            for line in above:
                prose.add(page.number, line)
            title_text, number, title_captions = (
                _split_title(title) if title is not None else ("", None, [])
            )
            captions = title_captions + captions
            rows = _grid_rows(grid, file, page)
            first = index == 0 and not above
            if open_table is not None and _continues(
                open_table, title_text, title is not None, first
            ):
                if (
                    grid in unruled
                    and _header_only(open_table)
                    and not _same_columns(grid, open_table.xs)
                ):  # (a header split by the page break: its rest and the rows on this page)
                    open_table.rows = _replace_header(open_table, grid.xs)
                    open_table.header = []
                    open_table.xs = grid.xs
                elif _refines(open_table.xs, grid.xs):
                    open_table.rows = _spread(open_table.rows, open_table.xs, grid.xs)
                    open_table.header = _header_rows(open_table.rows)
                    open_table.xs = grid.xs
                remapped = _remap(rows, grid, open_table.xs)
                mended = False
                if grid in unruled:  # (its rules are inferred: no news that they moved)
                    carried_rows = _carry_wrapped(open_table, remapped)
                    mended = len(carried_rows) < len(remapped)
                    remapped = carried_rows
                elif remapped is not rows:
                    problems.append(
                        Problem(
                            "the table continues with other column rules; its cells were "
                            "placed under the columns of the first page by position",
                            "info",
                            table=open_table.title or None,
                            provenance=_provenance(file, page, grid.bbox),
                        )
                    )
                rows = remapped
                k = 0
                while k < min(len(rows), len(open_table.header)) and (
                    _texts(rows[k]) == open_table.header[k]
                ):
                    k += 1
                if mended:  # (the break is mended: the rows that follow are rows of their own)
                    open_table.rows.extend(rows[k:])
                else:
                    lead = _row_lines(grid, page, open_table.xs, k, last=False)
                    open_table.continue_with(rows[k:], lead, problems)
                open_table.captions.extend(c for c in captions if c not in open_table.captions)
                table = open_table
            else:
                prose.hard_break()
                table = _Table(
                    title=title_text,
                    number=number,
                    captions=captions,
                    rows=rows,
                    notes=[],
                    provenance=_provenance(file, page, grid.bbox),
                    xs=grid.xs,
                    header=_header_rows(rows),
                )
                tables.append(table)
            table.ends_with(grid, page)
            notes, above = _notes_and_rest(bands[index + 1])
            table.notes.extend(notes)
            open_table = table if not notes and not above else None
            if above:
                prose.hard_break()
        carried = (page.number, carried_title(above, _is_caption))
        for line in above:
            prose.add(page.number, line)
        if above or carried[1]:
            open_table = None
    for line in carried[1]:
        prose.add(carried[0], line)
    if _captioned(carried[1]):  # (a title ending the last page)
        problems.append(_untabled_title(carried[1][0], file, seen[carried[0]]))
    return RawDocument(
        source=file,
        tables=tuple(t.freeze() for t in tables),
        paragraphs=tuple(_paragraphs(prose, file, seen)),
        problems=tuple(problems),
    )
