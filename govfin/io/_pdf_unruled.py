"""Tables printed without ruling: their columns and rows inferred from where the text stands.

Spreadsheet and word-processor exports often draw no lines at all (Calc
without borders, Writer from HTML): the printed grid is there only in the
alignment of the text.  This module finds such tables among the text lines of
a page that no ruled grid holds, and gives each the :class:`Grid` its ruling
would have drawn, so that the rest of the loader (titles, captions, notes,
tables running over pages, binding) reads it as it reads a ruled table.

A table is a run of *body lines* (lines of several pieces, one of them an
amount) under a *header band* (the lines up to the caption ``单位：万元``
or the title above).  Its columns are the x-ranges the body lines' text
covers, one row after another: a column boundary is an x that (almost) no
body line's text crosses, placed where it cuts the fewest header texts (a
header centred over its column, a group header over several); where the
titles are centred and the figures flush right (a spreadsheet's cells), at
the cells' edges they show.  A header with no body text under it at the
table's edge is a column of its own (an empty last column).  Its rows are
its lines; a line holding one column's text only and lying between the
lines of a row, or close under one, is that cell's wrapped text
(``自然资源海洋气象等支`` / ``出``), not a row of its own.

Positions are floats (they are positions, never amounts); the text is kept
exactly as printed.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple, overload

from govfin.io._pdf_layout import Glyph, Grid, GridCell, _cell_text, _group_lines

__all__ = ["find_text_grids", "text_grids"]

_PIECE_GAP: Final = 0.12
"""A gap wider than this share of the em between two characters separates two pieces of text."""

_MIN_GAP: Final = 1.0
"""The narrowest gap (points) between the texts of two columns."""

_REACH: Final = 3.0
"""How far (in ems) a header line may stand above the line under it."""

_MAX_HEADER: Final = 8
"""How many lines a header band may have."""

_WRAP: Final = 1.3
"""How close (centre to centre, in ems) a wrapped line stands to the line of its row."""

_AMOUNT_RE: Final = re.compile(r"^[-+－]?[（(]?[0-9][0-9,，]*(?:\.[0-9]+)?[)）]?%?$|^[-－—–]{1,2}$")
_X0: Final = operator.attrgetter("x0")
_TEXT: Final = operator.itemgetter(0)
"""A glyph's text."""
_YEAR_RE: Final = re.compile(r"^(?:19|20)[0-9]{2}$")
_CODE_RE: Final = re.compile(r"^[0-9]{3}(?:[0-9]{2}){0,2}$")
"""A classification code standing alone (类 3 digits, 款 5, 项 7): a row's, never a title's."""
_FIGURE_RE: Final = re.compile(r"[0-9][,.][0-9]")
_PROSE_RE: Final = re.compile(r"[，。；]")
"""A comma or full stop: a sentence, not a table's cell."""

_LONG: Final = 30
"""A run of text longer than this many characters is prose, not a cell."""

_COLUMN_GAP: Final = 1.5
"""A row of a table has a gap at least this many ems wide between two of its cells."""
_NUMBERING: Final = frozenset({"栏次", "行次"})

_BESIDE: Final = 0.9
"""A title lower than a group title by less than this many ems stands beside it, not under it."""

_CENTRED: Final = 0.5
"""Runs of columns whose centres are this close (points) are centred as well under a title."""

_PAD_SPREAD: Final = 1.0
"""How far (points) a column's figures' right ends, or the cells' paddings, may differ."""


class _Piece(NamedTuple):
    """A run of text with no wide gap inside, with its box."""

    text: str
    x0: float
    x1: float
    glyphs: tuple[Glyph, ...] = ()

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def amount(self) -> bool:
        """An amount, a dash for none, a 行次, but not a year (``2017 年度``)."""
        return bool(_AMOUNT_RE.match(self.text)) and not _YEAR_RE.match(self.text)

    @property
    def figure(self) -> bool:
        """An amount with digits (not a dash)."""
        return self.amount and any(ch.isdigit() for ch in self.text)


class _Line(NamedTuple):
    """A text line of the page: its glyphs, its pieces, its vertical extent and em."""

    glyphs: tuple[Glyph, ...]
    pieces: tuple[_Piece, ...]
    top: float
    bottom: float
    em: float

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    @property
    def prose(self) -> bool:
        """A sentence (a comma, a full stop) or a long run of text: not a table's line."""
        return any(_PROSE_RE.search(p.text) or len(p.text) > _LONG for p in self.pieces)

    @property
    def figured(self) -> bool:
        """A row of figures however close its pieces: an amount after the first, no prose."""
        return len(self.pieces) >= 2 and any(p.amount for p in self.pieces[1:]) and not self.prose

    @property
    def body(self) -> bool:
        """A row of figures: an amount after the first of several pieces, columns apart."""
        return (
            self.figured
            and max(b.x0 - a.x1 for a, b in itertools.pairwise(self.pieces))
            >= _COLUMN_GAP * self.em
        )

    @property
    def numbering(self) -> bool:
        """The 栏次 row (``栏次 1 2 3``, ``1 2 3 …``): one number per column, centred."""
        if any(p.text in _NUMBERING for p in self.pieces):
            return True
        numbers = [p.text for p in self.pieces]
        return len(numbers) >= 2 and numbers == [str(i) for i in range(1, len(numbers) + 1)]


def _piece(run: Sequence[Glyph]) -> _Piece:
    return _Piece("".join(g.text for g in run), run[0].x0, max(g.x1 for g in run), tuple(run))


def _column(piece: _Piece, xs: Sequence[float], *, header: bool) -> int:
    """The column of a piece: the one it stands in, or when a rule cuts it (overflowing text).

    By its centre in the header (centred titles), by its right end for an
    amount (right-aligned), by its left end for a label.
    """
    n = len(xs) - 1
    if header:
        at = piece.cx
    else:
        first = bisect_right(xs, piece.x0 + 0.5) - 1
        last = bisect_right(xs, piece.x1 - 0.5) - 1
        at = piece.cx if first == last else (piece.x1 - 0.5 if piece.amount else piece.x0 + 0.5)
    return min(max(bisect_right(xs, at) - 1, 0), n - 1)


def _make_line(glyphs: Sequence[Glyph]) -> _Line | None:
    ordered = sorted([g for g in glyphs if not g[0].isspace()], key=_X0)
    if not ordered:
        return None
    heights = sorted([g[4] - g[2] for g in ordered])
    em = max(heights[len(heights) // 2], 0.1)
    gap = _PIECE_GAP * em
    pieces: list[_Piece] = []
    run = [ordered[0]]
    reach = ordered[0][3]
    for g in ordered[1:]:  # (a hot loop: one pass, tuple indices)
        if g[1] - reach > gap:
            pieces.append(_Piece("".join([h[0] for h in run]), run[0][1], reach, tuple(run)))
            run = []
            reach = g[3]
        run.append(g)
        reach = g[3] if g[3] > reach else reach
    pieces.append(_Piece("".join([h[0] for h in run]), run[0][1], reach, tuple(run)))
    return _Line(
        tuple(ordered),
        tuple(pieces),
        min([g[2] for g in ordered]),
        max([g[4] for g in ordered]),
        em,
    )


def _covered(lines: Sequence[_Line], allowed: int) -> list[tuple[float, float]]:
    """The x-ranges covered by the text of more than *allowed* of *lines*, left to right."""
    events: list[tuple[float, int]] = []
    for line in lines:
        spans: list[list[float]] = []
        for g in line.glyphs:
            if spans and g.x0 <= spans[-1][1] + _MIN_GAP:
                spans[-1][1] = max(spans[-1][1], g.x1)
            else:
                spans.append([g.x0, g.x1])
        for a, b in spans:
            events += [(a, 1), (b, -1)]
    events.sort()
    out: list[tuple[float, float]] = []
    depth, start = 0, 0.0
    for x, step in events:
        before = depth
        depth += step
        if before <= allowed < depth:
            start = x
        elif depth <= allowed < before:
            if out and start - out[-1][1] < _MIN_GAP:
                out[-1] = (out[-1][0], x)
            else:
                out.append((start, x))
    return out


def _boundary(
    gap: tuple[float, float, float],
    header: Sequence[_Piece],
    starts: Sequence[_Piece],
    numbers: Sequence[_Piece] = (),
) -> float:
    """Where between two columns' texts the rule runs.

    *gap* is the left column's text end, the right column's text start and
    end.  Just before the right column when its texts (*starts*) all start
    at one x and end at several (a left-aligned column, as HTML and Word lay
    them out: the rule then stands where it stands on every page).  Else the
    header pieces in the gap are shared out: a piece is the right column's
    when, centred over it, the column it spans stays clear of the left
    column's text (a right-aligned column of figures under a centred title),
    else the left column's (a label column, or a group title over it and
    the next); the rule runs between the two sets, or where it cuts the
    fewest pieces.  The 栏次 numbers (*numbers*, among *header*) come first,
    then the titles from the lowest line up (a group title over several
    columns is not centred over its first); one that disagrees with those
    before it is passed over.
    """
    left, right, end = gap
    x0s = [p.x0 for p in starts]
    x1s = [p.x1 for p in starts]
    if len(starts) >= 2 and max(x0s) - min(x0s) <= 1.5 and max(x1s) - min(x1s) > 1.5:
        return max(left + (right - left) / 2, min(x0s) - 1.0)
    lo, hi = left, right
    for p in sorted(  # the 栏次 numbers first (one centred over each column), then lower titles
        (p for p in header if p.x1 > left and p.x0 < right and p.x1 <= end + 1.0),
        key=lambda p: (p not in numbers, -p.glyphs[0].top if p.glyphs else 0.0),
    ):
        if 2 * p.cx - end >= left - 1.0:
            if p.x0 - lo >= 0.2:
                hi = min(hi, p.x0)
        elif hi - p.x1 >= 0.2:
            lo = max(lo, p.x1)
    if hi - lo >= 0.2:
        return (lo + hi) / 2
    cuts = sorted({left, right} | {x for p in header for x in (p.x0, p.x1) if left < x < right})
    best: tuple[int, float, float] | None = None
    for a, b in itertools.pairwise(cuts):
        if b - a < 0.2:
            continue
        mid = (a + b) / 2
        n = sum(1 for p in header if p.x0 < mid < p.x1)
        if best is None or n < best[0] or (n == best[0] and a >= best[1]):
            best = (n, a, b)
    if best is None:
        return (left + right) / 2
    return (best[1] + best[2]) / 2


def _left_edge(texts: Sequence[_Piece], left: float, right: float) -> list[_Piece]:
    """The texts starting together at the left edge of the column right of a gap, if any.

    Left-aligned titles and 栏次 numbers (HTML, Word, a spreadsheet's text
    over its right-aligned figures) start where their column starts: the
    rightmost x in the gap (*left*..*right*, up to the column's text) where
    several texts of different lengths start.
    """
    found: list[_Piece] = []
    for p in sorted(texts, key=lambda p: -p.x0):
        if not left < p.x0 <= right + 1.5:
            continue
        group = [q for q in texts if abs(q.x0 - p.x0) <= 1.5]
        if len(group) >= 2 and max(q.x1 for q in group) - min(q.x1 for q in group) > 1.5:
            found = group
            break
    return found


def _leaf_columns(spans: list[tuple[float, float]], leaf: _Line | None) -> None:
    """Add to *spans* the columns that only the header's lowest line shows.

    When that line is left-aligned with the body (most of its pieces start
    where a column's text starts, as HTML and Word lay tables out), a piece
    of it standing alone between two columns' texts heads a column of its
    own (the name column over a 栏次 cell that spans it and the code column).
    """
    if leaf is None:
        return
    starts = [a for a, _ in spans]
    aligned = [p for p in leaf.pieces if any(abs(p.x0 - a) <= 1.5 for a in starts)]
    if len(aligned) < 2 or 2 * len(aligned) < len(leaf.pieces):
        return
    for p in leaf.pieces:
        if p in aligned:
            continue
        for k, ((_, a), (b, _)) in enumerate(itertools.pairwise(spans)):
            if a + _MIN_GAP < p.x0 and p.x1 < b - _MIN_GAP:
                spans.insert(k + 1, (p.x0, p.x1))
                break


def _columns(
    body: Sequence[_Line],
    header: Sequence[_Line],
    numbering: Sequence[_Line],
    hint: Sequence[float],
) -> list[float] | None:
    """The column boundaries (left edge … right edge) of a table, or ``None`` for one column.

    *hint* holds the column rules of the table this one may continue: a gap
    between two columns' texts that holds one of them keeps it there (the
    rules of a table must not move from page to page).
    """
    spans = _covered(body, 0)
    if len(spans) < 2:
        return None
    _leaf_columns(spans, header[-1] if header else None)
    pieces = [p for ln in (*header, *numbering) for p in ln.pieces]
    right = spans[-1][1]
    extra = [p for p in pieces if p.x0 > right + _MIN_GAP]
    for p in sorted(extra, key=lambda p: p.x0):  # an empty last column, by its header
        if spans[-1][1] < p.x0 - _MIN_GAP:
            spans.append((p.x0, p.x1))
    xs = [min(spans[0][0], *(p.x0 for p in pieces)) - 1.0] if pieces else [spans[0][0] - 1.0]
    texts = [p for ln in (*body, *header, *numbering) for p in ln.pieces]
    numbers = [p for ln in numbering for p in ln.pieces]
    for (_, a), (b, c) in itertools.pairwise(spans):
        kept = [x for x in hint[1:-1] if a < x < b]
        if kept:  # (several: columns empty on this page)
            xs += kept
            continue
        starts = _left_edge(texts, a, b)
        xs.append(_boundary((a, b, c), pieces, starts, numbers))
    xs.append(max(spans[-1][1], *(p.x1 for p in pieces)) + 1.0 if pieces else spans[-1][1] + 1.0)
    return xs


def _join_tails(header: Sequence[_Line]) -> list[_Line]:
    """The header lines, each title's wrapped tail joined to it.

    A line of one piece standing right under a title of a line above, with
    the same centre or the same left end, is that title's last line
    (``公务用车购置及运行`` / ``费``).
    """
    out = list(header)
    k = 1
    while k < len(out):
        tail = out[k]
        if len(tail.pieces) != 1 or tail.body:
            k += 1
            continue
        (t,) = tail.pieces
        for j in range(k - 1, -1, -1):
            if tail.cy - out[j].cy > 2.5 * tail.em:
                break
            heads = [
                i
                for i, p in enumerate(out[j].pieces)
                if abs(p.cx - t.cx) <= 1.5 or abs(p.x0 - t.x0) <= 1.5
            ]
            if heads:
                i = heads[0]
                h = out[j].pieces[i]
                joined = _Piece(
                    h.text + t.text, min(h.x0, t.x0), max(h.x1, t.x1), h.glyphs + t.glyphs
                )
                pieces = (*out[j].pieces[:i], joined, *out[j].pieces[i + 1 :])
                out[j] = out[j]._replace(pieces=pieces, glyphs=out[j].glyphs + tail.glyphs)
                del out[k]
                break
            if any(p.x0 < t.x1 and t.x0 < p.x1 for p in out[j].pieces):
                break
        else:
            k += 1
            continue
        if k < len(out) and out[k] is tail:
            k += 1
    return out


def _group_columns(
    header: Sequence[_Line], xs: Sequence[float], fitted: frozenset[int] = frozenset()
) -> dict[int, int]:
    """The first column of each header title centred over several columns.

    A group title (``公务用车购置及运行费`` over ``小计 | 购置费 | 运行费``,
    ``本年支出`` over ``小计 | 基本支出 | 项目支出``) stands over the first of
    its columns, as a merged cell's text does: of the runs of columns around
    it that hold no other piece of its line and a title under it in each,
    the one it is centred over (a title a rule cuts always has one), right
    of the runs of the titles left of it on its line; of runs centred as
    well between rules that are the cells' edges the titles show (*fitted*,
    by index, :func:`_cell_edges`: equal columns), the widest.  A rule
    found only in a gap between texts (a label column's left edge) is not
    precise enough for such a tie; and where the edges are fitted, a run
    ends before the next title's narrowest centred run starts (that title
    spans it at least).  A title lower than the group title by
    less than a line stands beside it, not under it (:func:`_under`).  Where
    edges are *fitted*, the titles are centred: one starting at a rule is
    not taken for a left-aligned title.
    """
    out: dict[int, int] = {}
    n = len(xs) - 1
    centred = bool(fitted)
    for k, line in enumerate(header):
        homes = {id(p): _column(p, xs, header=True) for p in line.pieces}
        below = header[k + 1 :]
        taken = -1  # the last column of the titles left of this one on the line
        for at, p in enumerate(line.pieces):
            home = homes[id(p)]
            left, taken = taken, max(taken, home)
            cut = not (xs[home] - 0.5 <= p.x0 and p.x1 <= xs[home + 1] + 0.5)
            found = _runs(p, line, below, homes, xs, left=left)
            if found is None:
                continue
            starts = [i for i in range(n) if abs(p.x0 - xs[i] - 1.0) <= 1.5 and not centred]
            if starts:  # left-aligned over its first column (HTML, Word)
                if cut:
                    out[id(p)] = starts[0]
                continue
            if centred and at + 1 < len(line.pieces):
                # this title's run ends before the next title's narrowest centred run starts
                after = _runs(line.pieces[at + 1], line, below, homes, xs, left=-1)
                if after:
                    end = max(r[1] for r in _centred_runs(after, fitted))
                    found = [r for r in found if r[2] < end] or found
            if found:
                best = min(_centred_runs(found, fitted), key=lambda r: (r[1] - r[2], r[0]))
                out[id(p)] = best[1]
                taken = max(taken, best[2])
    return out


def _runs(
    p: _Piece,
    line: _Line,
    below: Sequence[_Line],
    homes: dict[int, int],
    xs: Sequence[float],
    *,
    left: int,
) -> list[tuple[float, int, int]] | None:
    """The runs of columns a title of *line* may stand over: (offset, first, last).

    Right of column *left*, each holding a title under it, none another
    title's of the line (see :func:`_group_columns`); ``None`` when it is no
    group title.
    """
    n = len(xs) - 1
    lower = _under(p, line, below, xs)
    home = homes[id(p)]
    cut = not (xs[home] - 0.5 <= p.x0 and p.x1 <= xs[home + 1] + 0.5)
    if home not in lower and not cut:
        return None
    others = {homes[id(q)] for q in line.pieces if q is not p}
    alone = abs((xs[home] + xs[home + 1]) / 2 - p.cx)
    found: list[tuple[float, int, int]] = []
    for i in range(left + 1, home + 1):
        for j in range(max(home, i + 1), n):
            if any(i <= c <= j for c in others) or not all(c in lower for c in range(i, j + 1)):
                continue
            if p.x0 < xs[i] - 2.0 or p.x1 > xs[j + 1] + 2.0:
                continue
            off = abs((xs[i] + xs[j + 1]) / 2 - p.cx)
            if not cut and off > alone + 2.0:
                continue
            found.append((off, i, j))
    return found


def _centred_runs(
    found: Sequence[tuple[float, int, int]], fitted: frozenset[int]
) -> list[tuple[float, int, int]]:
    """The runs of *found* centred best, or as well between *fitted* edges (:data:`_CENTRED`)."""
    least = min(off for off, _, _ in found)
    return [
        r
        for r in found
        if r[0] <= least or (r[0] <= least + _CENTRED and {r[1], r[2] + 1} <= fitted)
    ]


def _piece_cy(p: _Piece, line: _Line) -> float:
    """The vertical centre of a piece (of all its lines, a wrapped title's too)."""
    if not p.glyphs:
        return line.cy
    return (min(g.top for g in p.glyphs) + max(g.bottom for g in p.glyphs)) / 2


def _under(p: _Piece, line: _Line, below: Sequence[_Line], xs: Sequence[float]) -> set[int]:
    """The columns holding a header title under *p* (of *line*), among the lines *below*.

    A title lower than *p* by less than :data:`_BESIDE` of a line stands
    beside it: the text of a cell merged down over *p*'s row and the next,
    centred in it (``合计`` beside ``公务用车购置及运行费``, over ``小计``),
    not a title under *p*.
    """
    cy = _piece_cy(p, line)
    return {
        _column(q, xs, header=True)
        for ln in below
        for q in ln.pieces
        if _piece_cy(q, ln) - cy >= _BESIDE * max(line.em, ln.em)
    }


def _cell_edges(xs: Sequence[float], header: Sequence[_Line], body: Sequence[_Line]) -> list[float]:
    """The edges of a spreadsheet's cells, where its titles and figures show them; else *xs*.

    The inferred rules *xs* run in the gaps between the columns' texts, but
    a sheet's cells reach further: a title is centred in its cell (at *c*)
    and the figures under it end at the cell's right edge, less a padding
    (at *f*).  The edge between columns *k* and *k* + 1 is then at
    ``f[k] + pad``, and at ``2 c[k+1] - f[k+1] - pad``; it is taken at their
    mean, where the padding cancels.  The padding each edge implies must
    agree (within :data:`_PAD_SPREAD`) over at least two edges: else the
    titles are not centred, or the figures not flush right, and the rules
    *xs* stand.  A column's title is its lowest one; its figures end at one
    x when flush right (the 栏次 numbers, centred, are none).

    A column's titles are those centred between the ends of its figures and
    of the figures left of it (or of the labels' right end, for a cell whose
    left edge its centre then puts clear of them), not those the rules *xs*
    put in it: a rule in the gap between two columns' texts is moved by the
    titles that overhang the gap (a group title centred on the edge, a title
    starting where the figures under another start), and the fitted edges
    replace it.  A column holding two titles of one line (two columns,
    :func:`_split_shared`) gives no centre, and an edge is never fitted
    through a row's text.
    """
    n = len(xs) - 1
    ends: dict[int, list[float]] = {}
    for ln in body:
        for p in () if ln.numbering else ln.pieces:  # (the 栏次 numbers are centred)
            if p.figure:
                ends.setdefault(_column(p, xs, header=False), []).append(p.x1)
    flush = {k: max(v) for k, v in ends.items() if max(v) - min(v) <= _PAD_SPREAD}
    reach: dict[int, float] = {}  # how far right each column's texts go (a label column's)
    for ln in body:
        for p in ln.pieces:
            k = _column(p, xs, header=False)
            reach[k] = max(reach.get(k, p.x1), p.x1)

    def home(p: _Piece) -> int:  # by the figures' ends, where the rules may be off
        k = next((k for k in sorted(flush) if p.cx <= flush[k]), None)
        if k is None or k == 0:
            return _column(p, xs, header=True)
        if k - 1 in flush:  # between the figures' ends
            return k if flush[k - 1] < p.cx else _column(p, xs, header=True)
        if k - 1 in reach and 2 * p.cx - flush[k] >= reach[k - 1]:
            return k  # its cell's left edge clear of the texts of the column left of it
        return _column(p, xs, header=True)

    def centres() -> tuple[dict[int, float], set[int], set[int]]:
        lowest: dict[int, tuple[float, float]] = {}
        shared: set[int] = set()  # two titles of a line in one column: two columns yet
        for ln in header:
            homes = [home(p) for p in ln.pieces]
            shared |= {k for k, j in itertools.pairwise(homes) if k == j}
            for p, k in zip(ln.pieces, homes, strict=True):
                cy = _piece_cy(p, ln)
                if k not in lowest or cy > lowest[k][0]:
                    lowest[k] = (cy, p.cx)
        centre = {k: cx for k, (_, cx) in lowest.items() if k not in shared}
        return centre, shared, set(lowest)

    centre, shared, titled = centres()
    # Figures of one width (``59`` … ``64``) end together flush left as they would flush
    # right: when their column has no title while the next holds two of one line, the
    # first of those is theirs, centred right of their ends (a 行次 that Calc printed as
    # text): they are flush left, and their ends show no cell's edge.
    left = {k - 1 for k in shared if k - 1 in flush and k - 1 not in titled}
    if left:
        for k in left:
            del flush[k]
        centre, shared, titled = centres()
    pads = [
        (2 * centre[k + 1] - flush[k + 1] - flush[k]) / 2
        for k in range(n - 1)
        if k in flush and k + 1 in flush and k + 1 in centre
    ]
    if len(pads) < 2 or max(pads) - min(pads) > _PAD_SPREAD or min(pads) < -_PAD_SPREAD:
        return list(xs)
    pad = max(sorted(pads)[len(pads) // 2], 0.0)
    edges = list(xs)
    texts = [(p.x0 + 0.5, p.x1 - 0.5) for ln in body for p in ln.pieces]
    for k in range(n + 1):
        guesses = []
        if k - 1 in flush:  # the right edge of the column left of it
            guesses.append(flush[k - 1] + pad)
        if k in flush and k in centre:  # the left edge of the column right of it
            guesses.append(2 * centre[k] - flush[k] - pad)
        # (one through a row's text is not: that title spans more than its column)
        guesses = [x for x in guesses if not any(a < x < b for a, b in texts)]
        if guesses:
            edges[k] = sum(guesses) / len(guesses)
    if any(b <= a for a, b in itertools.pairwise(edges)):
        return list(xs)
    return edges


def _free(
    left: float, right: float, taken: Sequence[tuple[float, float]]
) -> tuple[float, float] | None:
    """The widest stretch of *left*..*right* that no span of *taken* covers (if wide enough)."""
    cuts = sorted((max(a, left), min(b, right)) for a, b in taken if a < right and b > left)
    best: tuple[float, float] | None = None
    at = left
    for a, b in [*cuts, (right, right)]:
        if a - at >= 2 * _MIN_GAP and (best is None or a - at > best[1] - best[0]):
            best = (at, a)
        at = max(at, b)
    return best


def _split_shared(xs: list[float], header: Sequence[_Line], body: Sequence[_Line]) -> None:
    """Add a rule between two titles of one header line that fall in one column.

    Two titles side by side on a line head two columns, even when no body
    text stands under one of them (a name column left empty); the rule goes
    in the gap between them where no body text crosses it.  Two single
    characters split so only when the first is then centred over its column
    (``项    目`` spaced out is one title).  Titles of two header lines stand
    side by side too when they share some height: a title wrapped on two
    lines (``功能分类科目编`` / ``码``, its tail joined) beside a title of one
    line centred on the same cell height (``功能分类科目名称``), over a body
    with no text under either (a table with no data: its 合计 row only).
    """
    for line in [*header, None]:
        for p, q in itertools.pairwise(line.pieces) if line is not None else _beside(header):
            home = _column(p, xs, header=True)
            if home != _column(q, xs, header=True):
                continue
            free = _free(p.x1, q.x0, [(g.x0, g.x1) for ln in body for g in ln.glyphs])
            if free is None:
                continue
            x = (free[0] + free[1]) / 2
            centred = abs(p.cx - (xs[home] + x) / 2) <= 0.25 * (x - xs[home])
            if (len(p.text) >= 2 and len(q.text) >= 2) or centred:
                xs.insert(home + 1, x)


def _beside(header: Sequence[_Line]) -> list[tuple[_Piece, _Piece]]:
    """Titles of different *header* lines standing side by side: sharing height, apart in x.

    Each pair left to right, each title of two characters at least.
    """
    out: list[tuple[_Piece, _Piece]] = []
    titles = [
        (p, min(g.top for g in p.glyphs), max(g.bottom for g in p.glyphs), k)
        for k, line in enumerate(header)
        for p in line.pieces
        if len(p.text) >= 2 and p.glyphs
    ]
    for (p, top, bottom, k), (q, qtop, qbottom, j) in itertools.combinations(titles, 2):
        if k == j or min(bottom, qbottom) - max(top, qtop) <= 0.0:
            continue
        if p.x1 < q.x0:
            out.append((p, q))
        elif q.x1 < p.x0:
            out.append((q, p))
    return out


def _row_gap(lines: Sequence[_Line], head: set[int]) -> float:
    """The gap between two rows of the body: the median of those above its lines of figures.

    A line holding an amount is a row's line, never a wrapped tail: the gaps
    above those, between body lines, are the rows' (the gap under the header,
    its rule's padding and its titles wrapped on lines joined into one, is
    not).  With no such line, the gaps between body lines; with none, all.
    """
    body = [ln for ln in lines if not any(id(p) in head for p in ln.pieces)]
    pairs = list(itertools.pairwise(body))
    gaps = sorted(b.top - a.bottom for a, b in pairs if any(p.amount for p in b.pieces))
    if not gaps:
        gaps = sorted(b.top - a.bottom for a, b in pairs)
    if not gaps:
        gaps = sorted(b.top - a.bottom for a, b in itertools.pairwise(lines))
    return gaps[len(gaps) // 2] if gaps else 0.0


def _rows(
    lines: Sequence[_Line], xs: Sequence[float], head: set[int], groups: dict[int, int]
) -> list[list[_Piece]]:
    """The rows of a table, as pieces: its lines, a cell's wrapped lines joined to their row.

    A cell wrapped on several lines is centred on its row's line (Calc, HTML):
    the lines just above and under that line hold text in a column its own
    line leaves empty.  Pieces cut by a rule, and titles over several
    columns (*groups*), are not wrapped text.
    """

    def col(p: _Piece) -> int:
        return groups.get(id(p), _column(p, xs, header=id(p) in head))

    def alone(p: _Piece) -> bool:  # within its column, cut by no rule, no group title
        if id(p) in groups:
            return False
        k = col(p)
        return xs[k] - 0.5 <= p.x0 and p.x1 <= xs[k + 1] + 0.5

    rows = [list(ln.pieces) for ln in lines]
    cys = [ln.cy for ln in lines]
    ems = [ln.em for ln in lines]

    def words(r: Sequence[_Piece]) -> bool:
        return bool(r) and not any(p.amount for p in r)

    def label_rest(r: Sequence[_Piece], over: Sequence[_Piece]) -> bool:
        # a label's rest, a number though it is (``科目`` / ``2296724``): each of its pieces
        # alone in a column where the line over it holds words
        heads = {col(p) for p in over if alone(p) and not p.amount}
        return bool(r) and all(alone(p) and col(p) in heads for p in r)

    for k in range(1, len(rows) - 1):
        above, line, under = rows[k - 1], rows[k], rows[k + 1]
        if not (line and words(above) and (words(under) or label_rest(under, above))):
            continue
        if max(abs(cys[k - 1] - cys[k]), abs(cys[k + 1] - cys[k])) > _WRAP * ems[k]:
            continue
        shared = ({col(p) for p in above if alone(p)} & {col(p) for p in under if alone(p)}) - {
            col(p) for p in line
        }
        if not shared:
            continue
        if words(under) and any(
            p.x1 - p.x0 < 0.5 * (xs[col(p) + 1] - xs[col(p)])
            for p in above
            if col(p) in shared and alone(p)
        ):  # a wrapped line fills its column; a short one is a title of its own row
            continue  # (unless its rest is a number: no row holds a number alone there)
        rows[k] = [
            *(p for p in above if col(p) in shared and alone(p)),
            *line,
            *(p for p in under if col(p) in shared and alone(p)),
        ]
        rows[k - 1] = [p for p in above if not (col(p) in shared and alone(p))]
        rows[k + 1] = [p for p in under if not (col(p) in shared and alone(p))]
    # a cell's text wrapped under its row's line (top-aligned, same left end or centre),
    # much closer to it than the rows are to one another: a label alone as far under
    # the row above as the rows stand apart is a row of its own (its figures blank)
    row_gap = _row_gap(lines, head)
    for k in range(1, len(rows)):
        r = rows[k]
        if len(r) != 1 or not words(r) or not rows[k - 1]:
            continue
        (t,) = r
        gap = lines[k].top - lines[k - 1].bottom
        if gap > min(0.5 * ems[k], 0.5 * row_gap):
            continue
        if any(
            col(p) == col(t) and (abs(p.x0 - t.x0) <= 1.5 or abs(p.cx - t.cx) <= 1.5)
            for p in rows[k - 1]
        ):
            rows[k - 1] = rows[k - 1] + r
            rows[k] = []
    # a line of one cell's text next to its row's line, that cell empty there
    for k, r in enumerate(rows):
        if not words(r) or len({col(p) for p in r}) != 1:
            continue
        c = col(r[0])
        near = [
            j
            for j in (k - 1, k + 1)
            if 0 <= j < len(rows)
            and len({col(p) for p in rows[j]}) >= 2
            and c not in {col(p) for p in rows[j]}
            and abs(cys[j] - cys[k]) <= _WRAP * ems[k]
        ]
        if near:
            j = min(near, key=lambda j: abs(cys[j] - cys[k]))
            rows[j] = rows[j] + r
            rows[k] = []
    return [r for r in rows if r]


def _grid(
    lines: Sequence[_Line],
    body: Sequence[_Line],
    header: Sequence[_Line],
    hint: Sequence[float],
    *,
    columns: Sequence[float] | None = None,
    titles: Callable[[Sequence[_Line], Sequence[float]], dict[int, int]] | None = None,
) -> Grid | None:
    """The grid of a table's lines: its columns inferred, or *columns* when known (三线表).

    *titles* gives the first column of each header title over several
    (:func:`_group_columns` unless given).  Where the centred titles and the
    figures flush right show the cells' edges (:func:`_cell_edges`), those
    are the rules, before two titles sharing a column split it: the gaps
    between the texts only bound them.
    """
    joined = _join_tails(header)
    lines = [*joined, *lines[len(header) :]]
    header = joined
    if columns is not None:
        xs: list[float] | None = list(columns)
    else:
        xs = _columns(body, header, [ln for ln in lines if ln.numbering], hint)
    if xs is None:
        return None
    known: set[float] = set()  # the rules that are the cells' edges
    if titles is None:
        edges = _cell_edges(xs, header, body)
        if edges != xs:  # the cells' edges, where the titles and figures show them, are the rules
            known = {e for e, x in zip(edges, xs, strict=True) if e != x}
            xs = edges
    if columns is None:
        _split_shared(xs, header, body)
    head = {id(p) for ln in header for p in ln.pieces}
    if titles is not None:
        spans = titles(header, xs)
    else:
        spans = _group_columns(header, xs, frozenset(k for k, x in enumerate(xs) if x in known))
    groups = _rows(lines, xs, head, spans)
    rows = [
        (min(g.top for p in r for g in p.glyphs), max(g.bottom for p in r for g in p.glyphs))
        for r in groups
    ]
    ys = [rows[0][0] - 0.5]
    for (t0, b0), (t1, b1) in itertools.pairwise(rows):
        ys.append((b0 + t1) / 2 if b0 <= t1 else ((t0 + b0) / 2 + (t1 + b1) / 2) / 2)
    ys.append(rows[-1][1] + 0.5)
    if any(b <= a for a, b in itertools.pairwise(ys)):
        return None
    n = len(xs) - 1
    cells = []
    for r, pieces in enumerate(groups):  # each line's text in its own row, where it overflows too
        slots: list[list[Glyph]] = [[] for _ in range(n)]
        for p in pieces:
            slots[spans.get(id(p), _column(p, xs, header=id(p) in head))].extend(p.glyphs)
        cells += [
            GridCell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1]), _cell_text(slots[c]))
            for c in range(n)
        ]
    return Grid(tuple(xs), tuple(ys), tuple(cells), inferred=True)


def find_text_grids(
    glyphs: Sequence[Glyph],
    stop: Callable[[str], bool],
    *,
    continuing: Sequence[float] | None = None,
) -> list[Grid]:
    """The tables among *glyphs* printed without ruling, as grids (see the module docstring).

    Args:
        glyphs: the characters of the page that no ruled grid holds.
        stop: whether a line's text ends a header band going up (a caption,
            a title, a note): a table is found only under such a line, or at
            the top of the page when *continuing*.
        continuing: the column rules of the table of the page before when it
            may run on to this one (its columns then stay where they were).
    """
    return text_grids(_group_lines(glyphs), stop, continuing=continuing)


_BODY_CHARS: Final = frozenset("0123456789-－—–")
"""A line without any of these characters holds no amount: no row of figures."""

_PROSE_CHARS: Final = frozenset("，。；")
"""A line with one of these is a sentence (:data:`_PROSE_RE`): no row of figures."""


class _Lines:
    """The lines of a page, each made (pieces, extent) when first looked at.

    *marks*: characters one of which every text that stops a header band
    holds (see :func:`text_grids`), or ``None``.
    """

    def __init__(
        self, grouped: Sequence[Sequence[Glyph]], marks: frozenset[str] | None = None
    ) -> None:
        self.grouped = grouped
        self.made: dict[int, _Line] = {}
        self.marks = marks

    def __len__(self) -> int:
        return len(self.grouped)

    def at(self, k: int) -> _Line:
        line = self.made.get(k)
        if line is None:
            made = _make_line(self.grouped[k])
            assert made is not None  # (the grouped lines hold visible characters)
            line = self.made[k] = made
        return line

    def text(self, k: int) -> str:
        """The text of line *k* (:attr:`_Line.text`), the line not made for it when not yet made.

        Its visible characters left to right (a stable sort, as :func:`_make_line` orders them).
        """
        line = self.made.get(k)
        if line is not None:
            return line.text
        return "".join([g[0] for g in sorted(self.grouped[k], key=_X0) if not g[0].isspace()])

    def stops(self, k: int, stop: Callable[[str], bool]) -> bool:
        """Whether line *k* stops a header band (``stop`` of its text), asked of its *marks* first.

        A line holding none of the marks is no stop: neither its text nor the line is made.
        """
        if self.marks is not None and self.marks.isdisjoint("".join(map(_TEXT, self.grouped[k]))):
            return False
        return stop(self.text(k))

    @overload
    def __getitem__(self, k: int) -> _Line: ...
    @overload
    def __getitem__(self, k: slice) -> list[_Line]: ...
    def __getitem__(self, k: int | slice) -> _Line | list[_Line]:
        if isinstance(k, slice):
            return [self.at(i) for i in range(*k.indices(len(self)))]
        return self.at(k)


def _in_columns(line: _Line, xs: Sequence[float], over: _Line | None = None) -> bool:
    """Whether *line* is a row of figures standing in the columns *xs* (a continued table's).

    A row carried over to a page of its own, its label wrapped on the lines
    around it (*over*: the label's first line, when it wraps over *line*), may
    leave no wide gap between its cells (``28`` ``0.19``: a 行次 and its
    figure), or hold nothing but a figure on its line; a row with its
    amounts blank holds only its code and name (``30701`` ``国内债务付息``):
    it is a row when its texts stand in two columns at least of the table it
    continues, none cut by a rule, one of them a number.
    """
    if line.prose:
        return False
    pieces = [*line.pieces, *(over.pieces if over is not None else ())]
    inner = xs[1:-1]
    if any(p.x0 < x < p.x1 for p in pieces for x in inner):
        return False
    return len({bisect_right(xs, p.cx) for p in pieces}) >= 2 and any(p.amount for p in line.pieces)


def _is_row(
    lines: _Lines,
    top: int,
    continuing: Sequence[float] | None,
    stop: Callable[[str], bool],
    i: int,
) -> bool:
    """Whether line *i* is a table's row: a body line, or of the *top* lines a row carried over."""
    if lines[i].body:
        return True
    if i >= top or continuing is None:
        return False
    over = lines[i - 1] if i > 0 and _wraps_over(lines[i - 1], lines[i], stop) else None
    return _in_columns(lines[i], continuing, over)


def _leading(lines: _Lines, stop: Callable[[str], bool]) -> int:
    """How many lines open the page before the first title, caption, note or sentence."""
    for i in range(len(lines)):
        if stop(lines[i].text) or lines[i].prose:
            return i
    return len(lines)


def _wraps_over(line: _Line, row: _Line, stop: Callable[[str], bool]) -> bool:
    """Whether *line* is the first line of a cell of *row* wrapped around it (centred on it).

    A label of two lines centred on its row's line (HTML, Calc) stands half a
    line above and below the figures: its first line overlaps the row's line
    (no header line does), holds no amount, and stands clear of the row's
    texts, in a cell the row's line leaves empty.
    """
    return (
        abs(row.cy - line.cy) < 0.9 * min(line.em, row.em)
        and not stop(line.text)
        and not line.prose
        and not any(p.amount for p in line.pieces)
        and not any(p.x0 < q.x1 and q.x0 < p.x1 for p in line.pieces for q in row.pieces)
    )


def _a_table(region: Sequence[_Line], numbered: bool) -> bool:
    """Whether the lines of *region* are a table's rows: figures, or coded rows under 栏次.

    Two lines with a figure printed with decimals or thousands separators (or
    one with two such figures); or, under the table's 栏次 row (*numbered*),
    a row (or more) of a code and a name with their figures blank (a page holding
    the first rows of a table whose first figures stand on the next page).
    """
    decimal = [  # lines with a figure printed with decimals or thousands separators
        ln for ln in region if ln.body and any(_FIGURE_RE.search(p.text) for p in ln.pieces)
    ]
    if len(decimal) >= 2 or any(sum(p.figure for p in ln.pieces) >= 2 for ln in decimal):
        return True
    return numbered and any(_coded(ln) for ln in region)


def _coded(line: _Line) -> bool:
    """Whether *line* is a row of a classification code and a name (``30108`` ``机关…缴费``)."""
    return (
        len(line.pieces) >= 2
        and _CODE_RE.match(line.pieces[0].text) is not None
        and not line.pieces[1].amount
        and not line.prose
    )


def text_grids(
    grouped: Sequence[Sequence[Glyph]],
    stop: Callable[[str], bool],
    *,
    continuing: Sequence[float] | None = None,
    titled: bool = False,
    marks: frozenset[str] | None = None,
) -> list[Grid]:
    """:func:`find_text_grids` of characters already grouped into lines, top to bottom.

    *titled*: the page before ended with a table's title (its header and rows
    start this page), which stands as if over the page's first line.
    *marks*: characters one of which every text that *stop* is true of holds
    (a cheap test first: most lines hold none), or ``None``.
    """
    kept = [g for g in grouped if not all(map(str.isspace, map(_TEXT, g)))]  # (some visible)
    lines = _Lines(kept, marks)
    # the lines at the top of the page that may be rows carried over from the page before
    top = _leading(lines, stop) if continuing is not None else 0
    is_row = functools.partial(_is_row, lines, top, continuing, stop)
    grids: list[Grid] = []
    k = 0
    done = -1
    n = len(kept)
    while k < n:
        if (  # (cheap tests first: most lines are prose)
            _BODY_CHARS.isdisjoint(map(_TEXT, kept[k]))
            or not _PROSE_CHARS.isdisjoint(map(_TEXT, kept[k]))
            or not is_row(k)
        ):
            k += 1
            continue
        first = k
        last = k
        j = k + 1
        while j < n:  # the body: body lines, and wrapped lines between them
            ln = lines[j]
            if ln.top - lines[j - 1].bottom > _REACH * ln.em or stop(ln.text):
                break
            if ln.prose:
                break  # a sentence: the prose under the table
            if is_row(j):
                last = j
            j += 1
        # the first line of a label wrapped around its row's line (centred on it) is no title
        while first > done + 1 and _wraps_over(lines[first - 1], lines[first], stop):
            first -= 1
        # a trailing line of labels only (a row with no figures) stays in the body
        starts = {round(p.x0) for ln in lines[first : last + 1] for p in ln.pieces}
        while (
            last + 1 < j
            and not stop(lines[last + 1].text)
            and any(abs(round(lines[last + 1].pieces[0].x0) - s) <= 1 for s in starts)
        ):
            last += 1
            starts.update(round(p.x0) for p in lines[last].pieces)  # (a name column's start)
        start = first
        while (
            start > done + 1
            and first - start < _MAX_HEADER
            and not stop(lines[start - 1].text)
            and not lines[start - 1].prose
            and lines[start].top - lines[start - 1].bottom <= _REACH * lines[start].em
        ):
            start -= 1
        above = stop(lines[start - 1].text) if start > 0 else titled
        region = lines[first : last + 1]
        body = [ln for ln in region if not ln.numbering] or region
        figures = _a_table(region, any(ln.numbering for ln in lines[start : last + 1]))
        carried = (
            start == 0
            and continuing is not None
            and all(  # rows carried over must stand in the columns of the page before
                not any(p.x0 < x < p.x1 for x in continuing[1:-1]) for ln in body for p in ln.pieces
            )
        )
        if (figures and (above or (start == 0 and continuing is not None))) or carried:
            hint = continuing if start == 0 and continuing is not None else ()
            grid = _grid(lines[start : last + 1], body, lines[start:first], hint)
            if grid is not None and grid.n_cols >= 2:
                grids.append(grid)
                done = last
        k = last + 1
    grid = _header_at_foot(lines, done, stop)
    if grid is not None:
        grids.append(grid)
    return grids


def _wrapped_under(line: _Line, over: _Line) -> bool:
    """Whether *line* is the wrapped tail of the texts of *over* (``部门：生成的部`` / ``门``).

    It stands close under *over*, each of its pieces starting where one of *over*'s starts.
    """
    return line.top - over.bottom <= 0.6 * line.em and all(
        any(abs(p.x0 - q.x0) <= 1.0 for q in over.pieces) for p in line.pieces
    )


def _header_at_foot(lines: _Lines, done: int, stop: Callable[[str], bool]) -> Grid | None:
    """A table whose header ends the page (its rows on the next): a title or caption, then titles.

    A line of two titles at least, columns apart, is a header's (``收入 | 支出``:
    the top row of a header split by the page break); a caption's wrapped
    tail right under it (``门``) is not.

    *done*: the last line of the tables found above.
    """
    tail = next(
        (
            i
            for i in range(len(lines) - 1, max(done, len(lines) - 2 - _MAX_HEADER), -1)
            if lines.stops(i, stop)  # (most pages end in prose: its lines are not made)
        ),
        None,
    )
    block = lines[tail + 1 :] if tail is not None else []
    if block and tail is not None and _wrapped_under(block[0], lines[tail]):
        block = block[1:]  # (a caption's wrapped tail: ``门``)
    if (
        0 < len(block) <= _MAX_HEADER
        and not any(
            ln.prose or (ln.body and not ln.numbering) or any(p.figure for p in ln.pieces)
            for ln in block
            if not ln.numbering
        )
        and any(
            len(ln.pieces) >= 2
            and min(b.x0 - a.x1 for a, b in itertools.pairwise(ln.pieces)) >= _PIECE_GAP * ln.em
            and max(b.x0 - a.x1 for a, b in itertools.pairwise(ln.pieces)) >= _COLUMN_GAP * ln.em
            for ln in block
        )
        and all(b.top - a.bottom <= _REACH * b.em for a, b in itertools.pairwise(block))
    ):
        grid = _grid(block, block, block, ())
        if grid is not None and grid.n_cols >= 2:
            return grid
    return None
