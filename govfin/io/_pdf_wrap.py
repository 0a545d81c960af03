"""Word processors' tables in a PDF: rows broken over pages, titles left at a page's foot.

A word processor (Word, LibreOffice Writer, WPS) lets a table row break over
a page: the row's cells print their first lines at the foot of one page and
the rest at the top of the next, each part closed by its own rules, so the
continued grid looks like a new row.  A cell that wraps over several lines
(a narrow column) is then cut anywhere, a number too (``1,184.2`` | ``8``).
:func:`join_broken_row` puts the two parts back together when the cells
prove it, and reports the row when they hint at a break but do not prove it:
a number read from half its digits must never reach a check.

The same producers let a table's title (and its number and captions) stay at
the foot of a page while the table starts on the next one:
:func:`carried_title` finds such a block, for the loader to give to the grid
at the top of the next page.

This module knows no PDF library: it works on text lines and raw cells.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Final

import attrs

from govfin.io._pdf_layout import Glyph, Grid, GridCell, TextLine, join_lines
from govfin.report import Problem
from govfin.tables.raw import RawCell

__all__ = [
    "BrokenRow",
    "carried_title",
    "join_broken_row",
    "joins_whole",
    "lift_lines",
    "room_left",
    "starts_own_row",
]

_NUMBER_RE: Final = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
"""A number as printed, its digit grouping well formed."""

_NUMERIC_RE: Final = re.compile(r"^-?[0-9][0-9,.]*$|^[,.][0-9,.]*$")
"""Text made of digits, commas and points only: a number or a piece of one."""

_MAJORITY: Final = 0.6
"""The share of a column's numbers that must print the same decimals to fix its precision."""

_CONTEXT: Final = 40
"""How many rows on each side of a page break teach what a column's whole numbers look like."""

_CODE_DIGITS: Final = 3
"""A column of digit strings at least this long is a code column (a piece of a code is shorter)."""

_OWN_ROW_RE: Final = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|其中|合计|总计|小计"
    r"|[0-9]{3}(?:[0-9]{2}){0,2}\s*[^0-9\s,.])"
)
"""How a row's label starts that is a row of its own, never the wrapped tail of another
(an item number, 其中, a total, a classification code and its name)."""


def starts_own_row(text: str) -> bool:
    """Whether *text* starts as a row of its own does (``一、``, ``（二）``, ``其中``, ``合计``)."""
    return _OWN_ROW_RE.match(text.strip()) is not None


_FULL_SLACK: Final = 0.3
"""How much (ems) more room than the next character or word needs still counts as a full line."""

_LATIN_EM: Final = 0.5
"""The width of a digit or Latin letter, in ems (at least: a word is wrapped whole)."""

_WORD_RE: Final = re.compile(r"^[0-9A-Za-z.,%()-]+")
"""A word or number, which a word processor wraps whole."""

_MAX_INSET: Final = 0.6
"""A cell's inset (its padding) is at most this many ems (a centred text is no inset)."""

_TITLE_MAX: Final = 60
_HEADING_RE: Final = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|"
    r"[（(][一二三四五六七八九十0-9]+[）)]|[0-9]{1,2}\s*[、．])"
)


def _compact(text: str) -> str:
    """*text* without whitespace (str.split's: what a pattern's whitespace class matches)."""
    return "".join(text.split())


@attrs.frozen
class _Column:
    """What a column's other cells say a whole number of it looks like."""

    decimals: int | None
    """The decimals most of its numbers print (``None``: too few numbers, or no majority)."""
    lengths: frozenset[int]
    """The lengths of its digit strings when all its numbers are such (codes: 3, 5, 7)."""

    def whole(self, text: str) -> bool:
        """Whether *text* is a whole number of this column."""
        m = _NUMBER_RE.match(text)
        if m is None:
            return False
        if self.lengths and text.isdigit():
            return len(text) in self.lengths
        return self.decimals is None or len(m.group(1) or "") == self.decimals

    def piece(self, text: str) -> bool:
        """Whether *text* is a piece of a number (only digits, commas, points), not a whole one."""
        return bool(text) and _NUMERIC_RE.match(text) is not None and not self.whole(text)


def _column(rows: Sequence[Sequence[RawCell]], column: int) -> _Column:
    """The whole numbers of *column*, learnt from *rows*."""
    decimals: Counter[int] = Counter()
    lengths: Counter[int] = Counter()
    for row in rows:
        text = _compact(row[column].text) if column < len(row) else ""
        if m := _NUMBER_RE.match(text):
            decimals[len(m.group(1) or "")] += 1
            if text.isdigit():
                lengths[len(text)] += 1
    total = decimals.total()
    if total < 2:
        return _Column(None, frozenset())
    most, n = decimals.most_common(1)[0]
    return _Column(
        most if n >= _MAJORITY * total else None,
        frozenset(lengths)
        if lengths.total() == total and max(lengths) >= _CODE_DIGITS
        else frozenset(),
    )


def joins_whole(rows: Sequence[Sequence[RawCell]], column: int, top: str, bottom: str) -> bool:
    """Whether the texts either side of a break, when both are numeric, join into a whole number.

    *rows* are the column's other rows, which teach what a whole number of it
    looks like (its decimals; the lengths of its codes).  ``590.8`` + ``7``
    and ``22740`` + ``44`` join; two whole figures (``563.21`` + ``198.57``)
    or two codes (``227`` + ``22704``) are two rows' cells, never one.  A
    text that is not numeric (a label) always joins.
    """
    top, bottom = _compact(top), _compact(bottom)
    if not (_NUMERIC_RE.match(top) and _NUMERIC_RE.match(bottom)):
        return True
    return _column(rows, column).whole(top + bottom)


def room_left(grid: Grid, glyphs: Sequence[Glyph]) -> tuple[float | None, ...]:
    """For each column of *grid*, the room (ems) its last row's text leaves on its last line.

    A cell cut by a page break stops at a full line: what follows did not fit
    (a character, or a whole word or number: ``科目`` | ``21245``); a whole
    label such as ``小计`` leaves room.  The cell's inner width is its box
    less the table's smallest inset on each side (a text's distance from the
    column rule on its left; at most :data:`_MAX_INSET` ems: a table of
    centred texts shows no padding).  ``None``: no text.
    """
    last = grid.n_rows - 1
    top, bottom = grid.ys[last], grid.ys[-1]
    row = [g for g in glyphs if top <= g.cy <= bottom and grid.xs[0] <= g.cx <= grid.xs[-1]]
    inside: dict[int, tuple[GridCell, list[Glyph]]] = {}
    for col in range(grid.n_cols):
        cell = next(
            (
                c
                for c in grid.cells
                if c.row <= last < c.row + c.rowspan and c.col <= col < c.col + c.colspan
            ),
            None,
        )
        if cell is not None:
            inside[col] = (cell, [g for g in row if cell.bbox[0] <= g.cx <= cell.bbox[2]])
    inset = min(
        (
            g.x0 - grid.xs[max(bisect_right(grid.xs, g.cx) - 1, 0)]
            for g in glyphs
            if grid.contains(g.cx, g.cy)
        ),
        default=0.0,
    )
    out: list[float | None] = []
    for col in range(grid.n_cols):
        if col not in inside or not inside[col][1]:
            out.append(None)
            continue
        cell, gs = inside[col]
        low = max(g.cy for g in gs)
        line = [g for g in gs if abs(g.cy - low) <= 0.45 * g.height]
        em = max(g.height for g in line)
        left, right = min(g.x0 for g in line), max(g.x1 for g in line)
        room = (cell.bbox[2] - cell.bbox[0]) - 2 * min(max(inset, 0.0), _MAX_INSET * em)
        out.append((room - (right - left)) / em)
    return tuple(out)


def _did_not_fit(room: float | None, tail: str) -> bool:
    """Whether *tail*'s first character, or its first word or number, did not fit in *room* ems."""
    if room is None:
        return False
    word = _WORD_RE.match(_compact(tail))
    need = _LATIN_EM * len(word.group()) if word else 1.0
    return room < max(need, 1.0) + _FULL_SLACK


def _label_only(first: Sequence[RawCell], last: Sequence[RawCell]) -> bool:
    """Whether *first* holds only the wrapped tails of *last*'s text cells.

    Each of its texts stands under a text of *last* (a figure or a code never
    stands alone: ``科目232990`` | ``6`` is a name's tail), and none starts as
    a row of its own would (``一、…``, ``其中：``).
    """
    texts = [(_compact(a.text), _compact(b.text)) for a, b in zip(last, first, strict=True)]
    return any(b for _, b in texts) and all(
        not b or (a and not _NUMERIC_RE.match(a) and not _OWN_ROW_RE.match(b)) for a, b in texts
    )


@attrs.frozen
class BrokenRow:
    """The verdict on the row at a page break: the rows to keep and what the reader should know.

    *last* replaces the last row before the break when the two parts were
    joined (``None``: left as it was); *rows* are the rows after the break to
    append; *problems* name a row whose parts could not be joined.
    """

    last: tuple[RawCell, ...] | None
    rows: list[tuple[RawCell, ...]]
    problems: list[Problem]


def join_broken_row(
    before: Sequence[tuple[RawCell, ...]],
    after: list[tuple[RawCell, ...]],
    *,
    table: str | None = None,
    column_name: Callable[[int], str] | None = None,
    room: Callable[[], Sequence[float | None]] = tuple,
    labels: bool = True,
) -> BrokenRow:
    """Join the row a page break cut in two: *before*'s last row and *after*'s first.

    The two parts are one row when a number is visibly cut (a piece such as
    ``1,184.2`` or ``8`` in a column whose numbers print two decimals) and
    every column agrees: each cut number becomes a whole one once joined,
    nothing but a whole number stands alone, and no cell starts after the
    break that had nothing before it.  Text cells are joined as wrapped text
    (``科目`` + ``2193506``), and so is a row whose part after the break
    holds only the tails of text cells cut at a full line (*room*).  When
    pieces of numbers stand on both sides of the break (or after it, a piece
    that is no number at all: ``,319.17``) but the parts do not join so, the
    row is reported as an error problem: its figures cannot be trusted.  A
    lone ``0`` under whole numbers is a row of its own (some reports print
    zero so), never a problem.

    Args:
        before: the table's rows so far (the last one is the candidate).
        after: the rows of the continued grid, its repeated header left out.
        table: the table's title, for the problems.
        column_name: a column's name from its index, for the problems.
        room: for each column, the room (ems) the text of *before*'s last
            row leaves on its last line (:func:`room_left`; asked only when
            needed): a row whose part after the break holds text only is
            joined only where what follows could not have fitted.
        labels: whether a row of text tails alone may be joined (``False``
            where the caller joins those by the lines' alignment itself).
    """
    if not before or not after or len(before[-1]) != len(after[0]):
        return BrokenRow(None, after, [])
    last, first = before[-1], after[0]
    width = len(last)
    context = [*before[-_CONTEXT - 1 : -1], *after[1 : _CONTEXT + 1]]
    cut = piece = stray = False
    agree = True
    culprit: int | None = None
    for j in range(width):
        top, bottom = _compact(last[j].text), _compact(first[j].text)
        if not top and not bottom:
            continue  # (nothing to learn of its column: it decides nothing)
        column = _column(context, j)
        top_piece, bottom_piece = column.piece(top), column.piece(bottom)
        cut = cut or top_piece
        piece = piece or bottom_piece
        if bottom_piece and (culprit is None or top_piece):
            culprit = j
        stray = stray or (bottom_piece and _NUMBER_RE.match(bottom) is None)
        if not top and bottom:
            agree = False
        elif top and not bottom:
            agree = agree and not top_piece
        elif top and bottom and _NUMERIC_RE.match(top):
            # a figure joins only with a piece of it, into a whole one (21935 | 06: a code)
            agree = agree and (top_piece or bottom_piece) and column.whole(top + bottom)
    if (
        labels
        and not cut
        and not piece
        and _label_only(first, last)
        and len(left := room()) == width
        and all(_did_not_fit(left[j], first[j].text) for j in range(width) if first[j].text.strip())
    ):
        cut = True
    if (cut or piece) and agree:
        joined_row = tuple(
            RawCell(join_lines([a.text, b.text]), a.provenance) if b.text else a
            for a, b in zip(last, first, strict=True)
        )
        return BrokenRow(joined_row, after[1:], [])
    if piece and (cut or stray):  # pieces on both sides, or one that is no number at all
        assert culprit is not None
        label = next((c.text for c in last if c.text and not _NUMERIC_RE.match(c.text)), None)
        name = column_name(culprit) if column_name else f"column {culprit + 1}"
        problem = Problem(
            "a row broken over two pages could not be joined: "
            f"{last[culprit].text!r} before the break, {first[culprit].text!r} after it; "
            "its figures are not to be trusted",
            "error",
            table=table or None,
            row=label,
            column=name,
            provenance=first[culprit].provenance,
        )
        return BrokenRow(None, after, [problem])
    return BrokenRow(None, after, [])


def _title_like(line: TextLine) -> bool:
    text = _compact(line.text)
    return (
        bool(text)
        and len(text) <= _TITLE_MAX
        and "表" in text[-6:]
        and text[-1] not in "。：:；;，,"
        and not _HEADING_RE.match(text)
    )


def carried_title(lines: list[TextLine], is_caption: Callable[[TextLine], bool]) -> list[TextLine]:
    """The block at the end of a page's *lines* that reads as a table's title, taken off them.

    A title line (``收入决算表``), then any number (``公开02表``) and caption
    (``单位：万元``) lines: nothing of the table it names follows on this
    page.  Empty when the page does not end so (*lines* left as they were).
    """
    k = len(lines)
    while k > 0 and (is_caption(lines[k - 1]) or _title_like(lines[k - 1])):
        k -= 1
    block = lines[k:]
    if not block or not _title_like(block[0]):
        return []
    del lines[k:]
    return block


def lift_lines(lines: Sequence[TextLine], bottom: float) -> list[TextLine]:
    """*lines* (carried from the page before) moved up or down to end just above *bottom*."""
    if not lines:
        return []
    shift = bottom - 1.0 - max(ln.bottom for ln in lines)
    return [
        TextLine(
            tuple(
                (text, (x0, top + shift, x1, low + shift))
                for text, (x0, top, x1, low) in ln.segments
            )
        )
        for ln in lines
    ]
