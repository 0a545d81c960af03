"""Page geometry for the PDF loader: ruled grids, cells and text lines from glyph boxes.

This module knows nothing about any PDF library: it takes the glyphs (text
with a box) and the ruling segments of a page, both in PDF points with the
origin at the page's top-left corner, and finds

* the ruled tables (:class:`Grid`): the row and column rules, and the merged
  cells (two neighbouring cells with no rule between them form one cell);
* the text of each cell, its lines joined as the reader reads them;
* the text lines outside the tables, split into segments at wide gaps.

Positions are floats (they are positions, never amounts); the text is kept
exactly as printed, so an amount is read later from its printed digits.
"""

from __future__ import annotations

import functools
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Final, NamedTuple

import attrs

from govfin.io._compiled import COMPILED, compiled

__all__ = [
    "Glyph",
    "Grid",
    "GridCell",
    "PageContent",
    "Segment",
    "TextLine",
    "find_grids",
    "join_lines",
    "text_lines",
]

SNAP: Final = 2.0
"""Rules closer than this many points are the same rule."""

_ROW_REACH: Final = 60.0
"""How far (points) under the last row rule of a table the next one may be."""

_FULL_WIDTH: Final = 0.95
"""The share of a table's width each of its row rules must cover (rows-only tables)."""

_MIN_ROW_RULES: Final = 3
"""A table ruled between rows only needs at least this many row rules."""

_OPEN_ROW: Final = 5.0
"""How far (points) at least column rules must run past the last row rule to close a row."""

_CROSS: Final = 0.25
"""The share of a line's height that must stand on each side of a row rule for it to cross it."""

_OVERLAP: Final = 0.15
"""How far (ems) two lines of one cell may overlap (their em boxes touch, rounded)."""

_LEADING: Final = 1.0
"""How far apart (ems) two lines of one cell may stand at most."""

_NUMERIC: Final = frozenset("0123456789,.-+%()（）－—")

BBox = tuple[float, float, float, float]
_X0: Final = operator.itemgetter(1)
"""A glyph's left edge (its ``x0``, by index: a hot sort key)."""
_POS: Final = operator.attrgetter("pos")
"""A segment's position (its ``pos``: a sort key)."""
_ROW_COL: Final = operator.attrgetter("row", "col")
"""A grid cell's place ``(row, col)`` (a sort key)."""


class Glyph(NamedTuple):
    """One printed character and its box ``(x0, top, x1, bottom)`` from the top-left corner.

    An immutable named tuple rather than an attrs class: a page holds
    thousands and a tuple is several times cheaper to make.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        """The horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """The vertical centre."""
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        """The box height (at least a tenth of a point)."""
        return max(self.bottom - self.top, 0.1)


@attrs.frozen
class Segment:
    """A ruling line: horizontal (*pos* is y, *start*..*end* along x) or vertical (*pos* is x)."""

    horizontal: bool
    pos: float
    start: float
    end: float

    def covers(self, at: float, slack: float = SNAP) -> bool:
        """Whether the segment spans the coordinate *at* along its length."""
        return self.start - slack <= at <= self.end + slack


@attrs.frozen
class PageContent:
    """What the loader needs from one page: its size, glyphs and ruling segments.

    Positions are those of the page turned clockwise by *rotation* degrees (a
    quarter turn: the one that stands its text upright, *width* and *height*
    too), so that text reads left to right; :meth:`unrotate` gives a box back
    in the page's own space.  *unmapped* counts the characters whose font
    gives no Unicode for them (their text is a guess: a page full of them
    reads as garbage).  *askew* holds the characters drawn at another angle
    than the page's text (a watermark, a sideways label), kept out of
    *glyphs*: read with the rest they would scramble it.
    """

    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    segments: tuple[Segment, ...]
    unmapped: int = 0
    rotation: int = 0
    askew: tuple[Glyph, ...] = ()

    def unrotate(self, bbox: BBox) -> BBox:
        """*bbox* as read (page turned), in the page's own unrotated space (media box, top-left).

        That is the space of the page's content and of its annotations: a
        viewer turns both by ``/Rotate``, whatever turn the text needed.

        >>> page = PageContent(1, 842, 595, (), (), rotation=90)
        >>> page.unrotate((0.0, 0.0, 10.0, 20.0))
        (0.0, 832.0, 20.0, 842.0)
        """
        x0, top, x1, bottom = bbox
        if self.rotation == 90:  # read (X, T) = (H - t, u): raw height H is the read width
            corners = [(top, self.width - x0), (bottom, self.width - x1)]
        elif self.rotation == 180:
            corners = [
                (self.width - x0, self.height - top),
                (self.width - x1, self.height - bottom),
            ]
        elif self.rotation == 270:  # read (X, T) = (t, W - u): raw width W is the read height
            corners = [(self.height - top, x0), (self.height - bottom, x1)]
        else:
            return bbox
        (ua, ta), (ub, tb) = corners
        return (min(ua, ub), min(ta, tb), max(ua, ub), max(ta, tb))


@attrs.frozen
class TextLine:
    """A line of text: its segments (runs separated by wide gaps) and its box."""

    segments: tuple[tuple[str, BBox], ...]
    bbox: BBox = attrs.field(
        default=attrs.Factory(lambda self: _segments_box(self.segments), takes_self=True)
    )
    """The box around every segment (computed from them unless given)."""

    @property
    def text(self) -> str:
        """The segments joined by one space."""
        segments = self.segments
        if len(segments) == 1:  # (most lines: and a hot property)
            return segments[0][0]
        return " ".join([s for s, _ in segments])

    @property
    def x0(self) -> float:
        """The left edge."""
        return self.bbox[0]

    @property
    def x1(self) -> float:
        """The right edge."""
        return self.bbox[2]

    @property
    def top(self) -> float:
        """The top edge."""
        return self.bbox[1]

    @property
    def bottom(self) -> float:
        """The bottom edge."""
        return self.bbox[3]

    @property
    def height(self) -> float:
        """The line height."""
        return max(self.bottom - self.top, 0.1)


@attrs.frozen
class GridCell:
    """A cell of a grid: its first row and column, its span, its box and its text."""

    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: BBox
    text: str


@attrs.frozen
class Grid:
    """A ruled table on one page: the rule positions and the cells (merged cells once).

    *xs* and *ys* are the column and row rules, left to right and top to
    bottom; *cells* holds every cell by its top-left atomic position, in
    reading order.
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]
    open_rows: tuple[int, ...] = ()
    """Rows with no rule on their outer edge, closed by where the column rules end.

    A table broken over pages by a word processor often leaves its first row
    on the new page (or its last row) without a top (bottom) rule; the
    column rules still run the row's full height.
    """
    claimed: tuple[Glyph, ...] = ()
    """Characters outside the outer rules read into the grid: a cell's text overflowing it.

    They are the grid's text, not the page's: a wrapped header taller than
    its row, centred on it, rises over the table's top rule.
    """
    inferred: bool = False
    """Whether the columns were inferred from the text's alignment (no ruling printed)."""

    @property
    def bbox(self) -> BBox:
        """The outer box of the grid."""
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        """The number of atomic rows."""
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        """The number of atomic columns."""
        return len(self.xs) - 1

    def contains(self, x: float, y: float, slack: float = 0.5) -> bool:
        """Whether the point lies inside the grid."""
        xs, ys = self.xs, self.ys  # (not the bbox made: a hot test)
        return xs[0] - slack <= x <= xs[-1] + slack and ys[0] - slack <= y <= ys[-1] + slack


def _union(boxes: Iterable[BBox]) -> BBox:
    """The box around *boxes*."""
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


def _segments_box(segments: Sequence[tuple[str, BBox]]) -> BBox:
    """The box around the segments of a line (a line of one segment: its box)."""
    if len(segments) == 1:  # (most lines)
        x0, top, x1, bottom = segments[0][1]
        return (x0, top, x1, bottom)
    return _union(b for _, b in segments)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        parent = self.parent
        while parent[a] != a:  # (find(a) and find(b) inlined: a hot loop)
            parent[a] = parent[parent[a]]
            a = parent[a]
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        if a < b:
            parent[b] = a
        elif b < a:
            parent[a] = b

    def roots(self) -> list[int]:
        """Each element's root: the least element of its set (as :meth:`find` gives it).

        A parent is never greater than its child (a union hangs the greater
        root under the lesser, and halving a path moves a child to an
        ancestor), so the elements in order find their roots through the
        roots already found.
        """
        roots: list[int] = []
        for i, p in enumerate(self.parent):
            roots.append(i if p == i else roots[p])
        return roots


def _cluster(values: Iterable[float], tol: float = SNAP) -> list[float]:
    """Group sorted positions closer than *tol* and return each group's mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _merge_segments_python(segments: Sequence[Segment]) -> list[Segment]:
    """Snap collinear segments to one position and join those that overlap or touch.

    The reference for :func:`_merge_segments` (compiled ``merge_segments``):
    the same segments, horizontal ones first.
    """
    merged: list[Segment] = []
    for horizontal in (True, False):
        group = sorted((s for s in segments if s.horizontal is horizontal), key=_POS)
        lines: list[list[Segment]] = []
        for s in group:
            if lines and s.pos - lines[-1][-1].pos <= SNAP:
                lines[-1].append(s)
            else:
                lines.append([s])
        for line in lines:
            pos = sum([s.pos for s in line]) / len(line)
            if len(line) == 1:  # (most rules: drawn once)
                merged.append(Segment(horizontal, pos, line[0].start, line[0].end))
                continue
            spans = sorted([(s.start, s.end) for s in line])
            cur_start, cur_end = spans[0]
            for start, end in spans[1:]:
                if start <= cur_end + SNAP:
                    cur_end = end if end > cur_end else cur_end  # (max(): a hot loop)
                else:
                    merged.append(Segment(horizontal, pos, cur_start, cur_end))
                    cur_start, cur_end = start, end
            merged.append(Segment(horizontal, pos, cur_start, cur_end))
    return merged


_merge_segments: Final[Callable[[Sequence[Segment]], list[Segment]]] = (
    functools.partial(compiled.merge_segments, Segment)
    if COMPILED and compiled is not None
    else _merge_segments_python
)
"""Snap collinear segments to one position and join those that overlap or touch.

The horizontal segments come first, each direction's by position then start.
"""


def _components_python(segments: Sequence[Segment]) -> list[list[Segment]]:
    """The sets of segments connected by crossings or touching ends (:func:`_components`).

    The reference for the compiled ``components``: the same sets in the same order.
    """
    uf = _UnionFind(len(segments))
    verticals = [
        (j, b.pos, b.start - SNAP, b.end + SNAP) for j, b in enumerate(segments) if not b.horizontal
    ]
    for i, a in enumerate(segments):
        if not a.horizontal:
            continue
        pos, low, high = a.pos, a.start - SNAP, a.end + SNAP
        for j, b_pos, b_low, b_high in verticals:  # (each covers the other, inlined: a hot loop)
            if low <= b_pos <= high and b_low <= pos <= b_high:
                uf.union(i, j)
    groups: dict[int, list[Segment]] = {}
    for root, s in zip(uf.roots(), segments, strict=True):
        groups.setdefault(root, []).append(s)
    return list(groups.values())


_components: Final[Callable[[Sequence[Segment]], list[list[Segment]]]] = (
    compiled.components if COMPILED and compiled is not None else _components_python
)
"""The sets of segments connected by crossings or touching ends.

Each set holds its segments in their order; the sets come in the order of their first.
"""


def _join_pair(left: str, right: str) -> str:
    """The separator between two runs of text read one after the other."""
    if left and right and left[-1].isascii() and right[0].isascii():
        return " " if left[-1].isalpha() and right[0].isalpha() else ""
    return ""


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines as a reader does: no space between CJK text, one between words.

    >>> join_lines(["附属单位上", "缴收入"])
    '附属单位上缴收入'
    >>> join_lines(["General", "budget"])
    'General budget'
    """
    out = ""
    for line in lines:
        if not line:
            continue
        out = out + _join_pair(out, line) + line if out else line
    return out


def _line_text_python(glyphs: Sequence[Glyph]) -> list[tuple[str, BBox]]:
    """The runs of one line, left to right, split where the gap is wider than two characters.

    The reference for :func:`_line_text` (compiled ``line_text``): the same runs.
    """
    if not glyphs:
        return []
    ordered = sorted(glyphs, key=_X0)
    runs: list[tuple[str, BBox]] = []
    text, x0, top, x1, bottom = ordered[0]
    parts = [text]
    numeric = text in _NUMERIC
    prev_x1, prev_height = x1, bottom - top
    start, run_top, run_x1, run_bottom = x0, top, x1, bottom
    for text, x0, top, x1, bottom in ordered[1:]:
        height = bottom - top
        em = height if height > prev_height else prev_height
        gap = x0 - prev_x1
        if gap > 2.0 * em:
            runs.append(("".join(parts), (start, run_top, run_x1, run_bottom)))
            parts = []
            start, run_top, run_x1, run_bottom = x0, top, x1, bottom
        else:
            if gap > 0.3 * em and not (numeric and text in _NUMERIC):
                parts.append(" ")
            run_top = top if top < run_top else run_top  # (not min(): a hot loop)
            run_bottom = bottom if bottom > run_bottom else run_bottom
            run_x1 = x1 if x1 > run_x1 else run_x1
        parts.append(text)
        numeric = text in _NUMERIC
        prev_x1, prev_height = x1, height
    runs.append(("".join(parts), (start, run_top, run_x1, run_bottom)))
    return runs


_line_text: Final[Callable[[Sequence[Glyph]], list[tuple[str, BBox]]]] = (
    compiled.line_text if COMPILED and compiled is not None else _line_text_python
)
"""The runs of one line, left to right, split where the gap is wider than two characters.

Each run is its text and its box, made of the glyphs' own positions.
"""


def _group_lines_python(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into lines, top to bottom, by their vertical centres (:func:`_group_lines`)."""
    lines: list[list[Glyph]] = []
    anchor = -1e9
    current: list[Glyph] = []
    keyed = [((g[2] + g[4]) / 2, g[1], i, g) for i, g in enumerate(glyphs)]
    keyed.sort()
    for cy, _x, _i, g in keyed:
        reach = 0.45 * (g[4] - g[2])
        if -reach <= cy - anchor <= reach:  # (not abs(): a hot loop)
            current.append(g)
        else:
            current = [g]
            lines.append(current)
            anchor = cy
    return lines


_group_lines: Final[Callable[[Iterable[Glyph]], list[list[Glyph]]]] = (
    compiled.group_lines if COMPILED and compiled is not None else _group_lines_python
)
"""Group glyphs into lines, top to bottom, by their vertical centres (each a list of glyphs)."""


def text_lines(glyphs: Iterable[Glyph]) -> list[TextLine]:
    """The text lines of *glyphs*, top to bottom, each split into runs at wide gaps."""
    return [TextLine(tuple(_line_text(line))) for line in _group_lines(glyphs)]


def _line_string(glyphs: Sequence[Glyph]) -> str:
    """The runs of :func:`_line_text` joined by one space, without their boxes: a cell's line.

    Compiled as ``line_string``, which the compiled :func:`_cell_text` calls: the same text.
    """
    ordered = sorted(glyphs, key=_X0)
    text, _x0, top, x1, bottom = ordered[0]
    parts = [text]
    numeric = text in _NUMERIC
    prev_x1, prev_height = x1, bottom - top
    for text, x0, top, x1, bottom in ordered[1:]:
        height = bottom - top
        em = height if height > prev_height else prev_height
        gap = x0 - prev_x1
        # a new run (joined by a space), or a space within the run
        if gap > 2.0 * em or (gap > 0.3 * em and not (numeric and text in _NUMERIC)):
            parts.append(" ")
        parts.append(text)
        numeric = text in _NUMERIC
        prev_x1, prev_height = x1, height
    return "".join(parts)


def _cell_text_python(glyphs: Sequence[Glyph]) -> str:
    """A cell's text (:func:`_cell_text`), from the Python twins (its reference)."""
    if len(glyphs) <= 1:  # (an empty cell, or one character: what the lines below make of it)
        return glyphs[0][0].strip() if glyphs else ""
    lines = _group_lines_python(glyphs)
    if len(lines) == 1:  # (most cells: what join_lines makes of one line)
        return _line_string(lines[0]).strip()
    return join_lines(_line_string(line).strip() for line in lines)


_cell_text: Final[Callable[[Sequence[Glyph]], str]] = (
    compiled.cell_text if COMPILED and compiled is not None else _cell_text_python
)
"""A cell's text: its lines (:func:`_line_string`), stripped, joined by :func:`join_lines`."""


def _cell_texts_python(
    placed: Sequence[tuple[Glyph, int, int]], roots: Sequence[int], n_cols: int
) -> dict[int, str]:
    """The text of each cell, by its root (:func:`_cell_texts`): the reference."""
    texts: dict[int, list[Glyph]] = {}
    for g, r, c in placed:
        texts.setdefault(roots[r * n_cols + c], []).append(g)
    return {root: _cell_text_python(glyphs) for root, glyphs in texts.items()}


_cell_texts: Final[Callable[[list[tuple[Glyph, int, int]], list[int], int], dict[int, str]]] = (
    compiled.cell_texts if COMPILED and compiled is not None else _cell_texts_python
)
"""The text of each cell of a grid with some text, by the root of its atomic cells.

The placed ``(glyph, row, col)`` are grouped by the root of their atomic cell
(``roots[row * n_cols + col]``), in their order, and each group read by
:func:`_cell_text`.
"""


def _crossed_rule(top: float, bottom: float, ys: Sequence[float]) -> int | None:
    """The inner row rule that a line from *top* to *bottom* crosses (a good part on each side)."""
    reach = _CROSS * (bottom - top)
    for k in range(1, len(ys) - 1):
        if top < ys[k] - reach and bottom > ys[k] + reach:
            return k
    return None


def _stack(upper: BBox, lower: BBox, em: float) -> bool:
    """Whether the line *lower* can follow *upper* in one cell: under it, close, side by side.

    Two lines of one cell never overlap (their boxes are em boxes) and stand
    at most a line's spacing apart; lines of two cells drawn over each other
    by a page shrunk to fit overlap.
    """
    gap = lower[1] - upper[3]
    beside = lower[0] < upper[2] and upper[0] < lower[2]
    return beside and -_OVERLAP * em <= gap <= _LEADING * em


def _settle_crossing_lines(
    placed: Sequence[tuple[Glyph, int, int]],
    ys: Sequence[float],
    outside: set[int],
    columns: set[int],
) -> list[tuple[Glyph, int, int]]:
    """Put each text line crossing a row rule in the row of the text it continues.

    A page shrunk to fit (LibreOffice Calc's "fit to page") keeps each cell's
    text at its size but not always its row's height: a wrapped header
    (``功能分类科目编`` / ``码``) then overflows its cell, centred on it, and
    its last line crosses the rule into the row under it, over that row's own
    text.  Read by its centre, such a line lands in the wrong row.  A line
    crossing a rule goes with the line next to it in its column that it
    continues as one cell's text (close under or over it, not overlapping);
    when neither or both qualify, its centre decides as for any character.
    A line crossing the table's top (bottom) rule with its centre outside
    (the glyphs *outside*, by ``id``) belongs to the table only when it
    continues the text under (over) it; otherwise it is left out.  Only the
    *columns* where some character crosses a rule are looked at.
    """
    by_col: dict[int, list[Glyph]] = {}
    for g, _r, c in placed:
        if c in columns:
            by_col.setdefault(c, []).append(g)
    moved: dict[int, int] = {}
    for glyphs in by_col.values():
        lines = []  # (line, box, em): each line's box and its tallest character's height
        for line in _group_lines(glyphs):
            _, x0s, tops, x1s, bottoms = zip(*line, strict=True)
            box = (min(x0s), min(tops), max(x1s), max(bottoms))
            lines.append((line, box, max(map(operator.sub, bottoms, tops))))
        for i, (line, box, em) in enumerate(lines):
            up = i > 0 and _stack(lines[i - 1][1], box, em)
            down = i + 1 < len(lines) and _stack(box, lines[i + 1][1], em)
            if outside and any(id(g) in outside for g in line):
                above = (box[1] + box[3]) / 2 < ys[0]
                keep = (down and not up) if above else (up and not down)
                for g in line:
                    if id(g) in outside:
                        moved[id(g)] = (0 if above else len(ys) - 2) if keep else -1
                continue
            if up == down:  # (continuing both lines or neither: its centre decides)
                continue
            k = _crossed_rule(box[1], box[3], ys)
            if k is not None:
                for g in line:
                    moved[id(g)] = k - 1 if up else k
    if not moved:  # (most tables: no line there continues another)
        return list(placed)
    settled = []
    for item in placed:
        row = moved.get(id(item[0]))
        if row is None:
            settled.append(item)
        elif row != -1:
            settled.append((item[0], row, item[2]))
    return settled


def _place_python(
    glyphs: Sequence[Glyph], xs: Sequence[float], ys: Sequence[float]
) -> tuple[list[tuple[Glyph, int, int]], set[int], set[int]]:
    """Each character of the grid under its centre, before the crossing lines are settled.

    The reference for :func:`_place_glyphs` (compiled ``place``): the
    ``(glyph, row, col)`` in the glyphs' order, the ``id`` of each character
    read in from over the top or bottom rule, and the columns where a
    character crosses a rule.
    """
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    x0, top, x1, bottom = xs[0], ys[0], xs[-1], ys[-1]
    placed: list[tuple[Glyph, int, int]] = []
    outside: set[int] = set()
    crossing: set[int] = set()  # the columns where a character crosses a rule
    last_row, last_col = n_rows - 1, n_cols - 1
    cross = _CROSS
    append = placed.append
    for g in glyphs:  # (a hot loop: every glyph of the page for every grid)
        _, gx0, gtop, gx1, gbottom = g
        cx = (gx0 + gx1) / 2
        if not x0 <= cx <= x1:
            continue
        cy = (gtop + gbottom) / 2
        reach = cross * (gbottom - gtop)
        out = False
        if not top <= cy <= bottom:
            if not (gbottom > top + reach if cy < top else gtop < bottom - reach):
                continue
            outside.add(id(g))  # over an outer rule: settled with the crossing lines
            out = True
        r = bisect_right(ys, cy) - 1
        r = 0 if r < 0 else last_row if r > last_row else r
        c = bisect_right(xs, cx) - 1
        c = 0 if c < 0 else last_col if c > last_col else c
        append((g, r, c))
        if (
            out
            or (outside and id(g) in outside)  # (the same glyph twice: as the first)
            or (r > 0 and gtop < ys[r] - reach)
            or (r < last_row and gbottom > ys[r + 1] + reach)
        ):
            crossing.add(c)
    return placed, outside, crossing


_place_glyphs: Final[
    Callable[
        [Sequence[Glyph], Sequence[float], Sequence[float]],
        tuple[list[tuple[Glyph, int, int]], set[int], set[int]],
    ]
] = compiled.place if COMPILED and compiled is not None else _place_python
"""Each character of the grid under its centre, those over its outer rules, the crossed columns."""


def _place(
    glyphs: Sequence[Glyph], xs: Sequence[float], ys: Sequence[float]
) -> tuple[list[tuple[Glyph, int, int]], set[int]]:
    """Each character of the grid with its atomic row and column, and those over its outer rules.

    A character goes to the cell under its centre (:func:`_place_glyphs`);
    the lines crossing a rule are then settled
    (:func:`_settle_crossing_lines`).  The second value holds the ``id`` of
    each character read in from over the top or bottom rule (its centre
    outside).
    """
    placed, outside, crossing = _place_glyphs(glyphs, xs, ys)
    if crossing:
        placed = _settle_crossing_lines(placed, ys, outside, crossing)
    return placed, outside


def _spans_at(
    segments: Sequence[Segment], positions: Sequence[float]
) -> list[list[tuple[float, float]]]:
    """For each of *positions*, the ``(start, end)`` of the *segments* within :data:`SNAP` of it.

    The segments are sorted by position and each position looks at a window
    of them (a little wider than :data:`SNAP`, then tested as exactly), not at
    every one: a grid of many rows has as many rules.
    """
    ordered = sorted(segments, key=_POS)
    pos = [s.pos for s in ordered]
    out = []
    for p in positions:
        lo, hi = bisect_left(pos, p - 2 * SNAP), bisect_right(pos, p + 2 * SNAP)
        out.append([(s.start, s.end) for s in ordered[lo:hi] if abs(s.pos - p) <= SNAP])
    return out


def _covered(spans: Sequence[tuple[float, float]], positions: Sequence[float]) -> list[bool]:
    """For each of *positions*, whether one of the *spans* ``(start, end)`` covers it."""
    if len(spans) == 1:  # (most rules: one piece)
        ((start, end),) = spans
        return [start <= at <= end for at in positions]
    return [any(start <= at <= end for start, end in spans) for at in positions]


def _build_grid(segments: Sequence[Segment], glyphs: Sequence[Glyph]) -> Grid | None:
    """The grid that one connected set of rules draws, with the text of its cells."""
    hs = [s for s in segments if s.horizontal]
    vs = [s for s in segments if not s.horizontal]
    ys = _cluster(s.pos for s in hs)
    xs = _cluster(s.pos for s in vs)
    if len(ys) < 2 or len(xs) < 2:
        return None
    open_rows: list[int] = []
    top = min(s.start for s in vs)
    if ys[0] - top > _OPEN_ROW and sum(s.start < ys[0] - _OPEN_ROW for s in vs) >= 2:
        ys.insert(0, top)
        open_rows.append(0)
    bottom = max(s.end for s in vs)
    if bottom - ys[-1] > _OPEN_ROW and sum(s.end > ys[-1] + _OPEN_ROW for s in vs) >= 2:
        ys.append(bottom)
        open_rows.append(len(ys) - 2)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1

    at_x = _spans_at(vs, xs)
    at_y = _spans_at(hs, ys)

    # two neighbouring atomic cells are one where no rule runs across their common side's middle
    row_mids = [(ys[r] + ys[r + 1]) / 2 for r in range(n_rows)]
    col_mids = [(xs[c] + xs[c + 1]) / 2 for c in range(n_cols)]
    uf = _UnionFind(n_rows * n_cols)
    for c in range(1, n_cols):  # the column rule between atomic columns c - 1 and c
        for r, ruled in enumerate(_covered(at_x[c], row_mids)):
            if not ruled:
                uf.union(r * n_cols + c - 1, r * n_cols + c)
    for r in range(1, n_rows):  # the row rule between atomic rows r - 1 and r
        for c, ruled in enumerate(_covered(at_y[r], col_mids)):
            if not ruled:
                uf.union((r - 1) * n_cols + c, r * n_cols + c)
    roots = uf.roots()  # (each atomic cell's span, once)
    spans: dict[int, list[int]] = {}
    for r in range(n_rows):  # (rows in order: a span's first row is where it starts)
        for c in range(n_cols):
            root = roots[r * n_cols + c]
            span = spans.get(root)
            if span is None:
                spans[root] = [r, c, r, c]
                continue
            span[2] = r
            if c < span[1]:
                span[1] = c
            elif c > span[3]:
                span[3] = c
    placed, outside = _place(glyphs, xs, ys)
    texts = _cell_texts(placed, roots, n_cols)
    cells = [
        GridCell(  # (row, col, rowspan, colspan, bbox, text: by position, a hot loop)
            r0,
            c0,
            r1 - r0 + 1,
            c1 - c0 + 1,
            (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]),
            texts.get(root, ""),
        )
        for root, (r0, c0, r1, c1) in spans.items()
    ]
    cells.sort(key=_ROW_COL)
    # (ids of live glyphs; most tables claim none)
    claimed = tuple(g for g, _r, _c in placed if id(g) in outside) if outside else ()
    return Grid(tuple(xs), tuple(ys), tuple(cells), tuple(open_rows), claimed)


def _row_groups(rules: Sequence[Segment]) -> list[list[Segment]]:
    """Horizontal rules stacked into tables: touching in x, each close under the last."""
    groups: list[list[Segment]] = []
    for rule in sorted(rules, key=lambda s: (s.pos, s.start)):
        for group in groups:
            left = min(s.start for s in group)
            right = max(s.end for s in group)
            last = max(s.pos for s in group)
            if (
                rule.pos - last <= _ROW_REACH
                and rule.start <= right + SNAP
                and rule.end >= left - SNAP
            ):
                group.append(rule)
                break
        else:
            groups.append([rule])
    return groups


def _rows_only_grid(rules: Sequence[Segment], glyphs: Sequence[Glyph]) -> Grid | None:
    """The grid of a table ruled between its rows only, its columns found from the rules.

    Such producers (reportlab's table styles, Excel borders on rows only) draw
    each cell's top rule on its own: where those pieces end, recurring on
    several rows, are the column boundaries.  A cell continues over a boundary
    that its own top rule runs across (a merged header cell).
    """
    ys = _cluster(s.pos for s in rules)
    if len(ys) < _MIN_ROW_RULES:
        return None
    left = min(s.start for s in rules)
    right = max(s.end for s in rules)
    for y in ys:  # every row rule runs the table's full width (underlines in prose do not)
        pieces = sorted((s.start, s.end) for s in rules if abs(s.pos - y) <= SNAP)
        reach, covered = left, 0.0
        for start, end in pieces:
            covered += max(0.0, end - max(start, reach))
            reach = max(reach, end)
        if covered < _FULL_WIDTH * (right - left):
            return None
    ends: dict[float, set[int]] = {}
    for s in rules:
        row = min(range(len(ys)), key=lambda k: abs(ys[k] - s.pos))
        for x in (s.start, s.end):
            if left + SNAP < x < right - SNAP:
                ends.setdefault(round(x, 1), set()).add(row)
    inner = _cluster(x for x, rows in ends.items() if len(rows) >= 2)
    if not inner:
        return None
    segments = [Segment(True, y, left, right) for y in ys]
    segments += [Segment(False, x, ys[0], ys[-1]) for x in (left, right)]
    for r in range(len(ys) - 1):
        top_rules = [s for s in rules if abs(s.pos - ys[r]) <= SNAP]
        for x in inner:
            if any(abs(s.start - x) <= SNAP or abs(s.end - x) <= SNAP for s in top_rules):
                segments.append(Segment(False, x, ys[r], ys[r + 1]))
    grid = _build_grid(segments, glyphs)
    if grid is None or not any(c.text for c in grid.cells):
        return None
    return grid


def find_grids(segments: Sequence[Segment], glyphs: Sequence[Glyph]) -> list[Grid]:
    """The ruled tables drawn by *segments*, top to bottom, with the text of their cells.

    A grid needs at least two row rules and two column rules that connect;
    stray rules (an underline, a page border of one line) make no grid.  A
    table ruled between its rows only (no column rules) is read too, its
    columns where the pieces of its row rules end (:func:`_rows_only_grid`).
    """
    merged = [s for s in _merge_segments(segments) if s.end - s.start > SNAP]
    grids = []
    for component in _components(merged):
        grid = _build_grid(component, glyphs)
        if grid is not None and grid.n_rows * grid.n_cols >= 2:
            grids.append(grid)
    loose = [
        s
        for s in segments
        if s.horizontal
        and s.end - s.start > SNAP
        and not any(g.contains((s.start + s.end) / 2, s.pos, SNAP) for g in grids)
    ]
    if len(loose) >= _MIN_ROW_RULES:
        for group in _row_groups(loose):
            grid = _rows_only_grid(group, glyphs)
            if grid is not None and grid.n_rows * grid.n_cols >= 2:
                grids.append(grid)
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids
