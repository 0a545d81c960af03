"""三线表 (three-line tables): ruled only above and below the header and at the table's foot.

Word reports (and LaTeX's booktabs) often print a table with three
horizontal rules and nothing else: one over the header, one under it and one
under the last row; no column rules, no rules between the body's rows.  The
rules are no grid (they tell nothing of the columns), but they say three
things the text alone does not: where the table stands across the page (its
left and right edges), which lines are its header (those between the first
two rules: the 栏次 row too) and where it ends.

The columns come from the text's alignment, as for a table printed without
any ruling (:mod:`govfin.io._pdf_unruled`), but anchored on the header:

* each column has one *leaf* title, the lowest title over it (a title with no
  title under it: ``一般公共预算`` under ``财政拨款``, the 栏次 number
  under both), whatever line of the header it stands on (``合计`` over two
  header lines);
* the body's text covers x-ranges (:func:`_covered`): a column's texts, or
  several columns' when they touch;
* a leaf and the body texts it overlaps are one column; a body range that no
  leaf overlaps is the column of the leaf next to it that has no text of its
  own yet: on its left for figures (set to the right, under a title set to the
  left or centred), on its right for labels (set to the left, under a centred
  title);
* the rules between columns run in the gaps between them, the outer ones
  where the horizontal rules end.

The grid is then read as an unruled table's is (wrapped cells, titles over
several columns): only its columns and its header are given.  A page whose
rules do not draw such a table (one rule, a band holding a title or prose,
a header band holding figures) is left to the other readers.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from govfin.io._pdf_layout import SNAP, Glyph, Grid, Segment, _merge_segments
from govfin.io._pdf_unruled import (
    _CODE_RE,
    _FIGURE_RE,
    _column,
    _covered,
    _grid,
    _join_tails,
    _Line,
    _make_line,
    _Piece,
)

__all__ = ["threeline_grids"]

_MIN_WIDTH: Final = 30.0
"""The shortest rule (points) that may be a 三线表's: shorter ones underline words."""

_HEADER_LINES: Final = 12
"""How many lines a 三线表's header may have (titles wrapped in narrow columns)."""

_MIN_GAP: Final = 1.0
"""How far apart (points) two texts must stand to be in two columns."""


class _Band(NamedTuple):
    """The lines between two rules of a 三线表."""

    lines: tuple[_Line, ...]


class _Cluster(NamedTuple):
    """A column's texts: its leaf titles and the body's x-ranges under them."""

    x0: float
    x1: float
    leaves: tuple[_Piece, ...]
    body: tuple[tuple[float, float], ...]


def _rule_groups(rules: Sequence[Segment]) -> list[list[Segment]]:
    """Horizontal rules of one extent (the same left and right end), top to bottom."""
    groups: list[list[Segment]] = []
    for rule in sorted(rules, key=lambda s: s.pos):
        for group in groups:
            if abs(group[0].start - rule.start) <= SNAP and abs(group[0].end - rule.end) <= SNAP:
                group.append(rule)
                break
        else:
            groups.append([rule])
    return groups


def _lines_between(
    grouped: Sequence[Sequence[Glyph]], left: float, right: float, top: float, bottom: float
) -> list[_Line]:
    """The text lines whose characters stand inside the box, top to bottom."""
    out = []
    for line in grouped:
        inside = [
            g
            for g in line
            if left - SNAP <= (g[1] + g[3]) / 2 <= right + SNAP and top < (g[2] + g[4]) / 2 < bottom
        ]
        made = _make_line(inside) if inside else None
        if made is not None:
            out.append(made)
    return out


def _leaves(header: Sequence[_Line]) -> list[_Piece]:
    """The lowest title over each column, left to right.

    A title under which no lower line of the header has a title (``合计``
    standing over two lines, the 栏次 numbers); single characters of a line
    spaced out (``项    目``) count as one title unless the body's columns part
    them (``类 款 项`` over three code columns: see :func:`_spaced`).
    """
    out: list[_Piece] = []
    for k, line in enumerate(header):
        lower = [q for ln in header[k + 1 :] for q in ln.pieces]
        out += [
            p
            for p in line.pieces
            if not any(q.x0 < p.x1 - 0.5 and p.x0 < q.x1 - 0.5 for q in lower)
        ]
    return sorted(out, key=lambda p: p.x0)


def _parted(a: _Piece, b: _Piece, others: Sequence[_Line]) -> bool:
    """Whether another header line has a title over *a* and another over *b* (two columns)."""

    def over(p: _Piece, q: _Piece) -> bool:
        return p.x0 < q.x1 - 0.5 and q.x0 < p.x1 - 0.5

    for ln in others:
        left = [p for p in ln.pieces if over(p, a)]
        right = [p for p in ln.pieces if over(p, b)]
        if left and right and not set(map(id, left)) & set(map(id, right)):
            return True
    return False


def _spaced(line: _Line, gaps: Sequence[float], others: Sequence[_Line] = ()) -> _Line:
    """*line* with its spaced-out titles joined (``项    目``), unless something parts them.

    *gaps* holds the middles of the gaps between the body's texts: two single
    characters with one of them between are the titles of two columns; so are
    two that the header's *others* lines title apart (a narrow column's title
    wrapped one character to a line).
    """
    pieces: list[_Piece] = []
    for p in line.pieces:
        if pieces:
            last = pieces[-1]
            single = len(p.text) == 1 and not p.text.isdigit()
            if (
                single
                and len(last.text) == 1
                and not last.text.isdigit()
                and not any(last.x1 < x < p.x0 for x in gaps)
                and not _parted(last, p, others)
            ):
                pieces[-1] = _Piece(last.text + p.text, last.x0, p.x1, last.glyphs + p.glyphs)
                continue
        pieces.append(p)
    return line._replace(pieces=tuple(pieces))


def _clusters(leaves: Sequence[_Piece], spans: Sequence[tuple[float, float]]) -> list[_Cluster]:
    """The leaves and body ranges, those that overlap (or touch) joined, left to right."""
    items = sorted(
        [(p.x0, p.x1, p, None) for p in leaves] + [(a, b, None, (a, b)) for a, b in spans],
        key=lambda i: i[0],
    )
    out: list[_Cluster] = []
    for x0, x1, leaf, span in items:
        if out and x0 < out[-1].x1 + _MIN_GAP:
            last = out[-1]
            out[-1] = _Cluster(
                last.x0,
                max(last.x1, x1),
                last.leaves + ((leaf,) if leaf is not None else ()),
                last.body + ((span,) if span is not None else ()),
            )
        else:
            out.append(
                _Cluster(
                    x0, x1, (leaf,) if leaf is not None else (), (span,) if span is not None else ()
                )
            )
    return out


def _join(a: _Cluster, b: _Cluster) -> _Cluster:
    return _Cluster(min(a.x0, b.x0), max(a.x1, b.x1), a.leaves + b.leaves, a.body + b.body)


def _home_titles(clusters: list[_Cluster], body: Sequence[_Line]) -> list[_Cluster]:
    """Each body range no leaf stands over, joined to the leaf beside it that has no text.

    Figures (right-aligned) join the leaf on their left, labels (left-aligned)
    the leaf on their right; figures first.  A range with no such leaf is a
    column with no title.
    """
    pieces = [p for ln in body for p in ln.pieces]
    out = list(clusters)
    for figures in (True, False):
        k = 0
        while k < len(out):
            c = out[k]
            inside = [p for p in pieces if c.x0 - 0.5 <= p.x0 and p.x1 <= c.x1 + 0.5]
            amounts = 2 * sum(p.amount for p in inside) > len(inside)
            if c.leaves or not c.body or amounts is not figures:
                k += 1
                continue
            sides = (k - 1, k + 1) if figures else (k + 1, k - 1)
            for j in sides:
                if 0 <= j < len(out) and out[j].leaves and not out[j].body:
                    lo, hi = min(j, k), max(j, k)
                    out[lo : hi + 1] = [_join(out[lo], out[hi])]
                    k = lo
                    break
            k += 1
    return out


def _split(cluster: _Cluster, body: Sequence[_Line]) -> list[float]:
    """The rules inside a cluster of several leaves: between two, where no body text crosses.

    Leaves over one column's texts (the 栏次 row's ``栏次`` set to the left
    under a centred ``项目``) part nothing: no rule runs between them.
    """
    leaves = sorted(cluster.leaves, key=lambda p: p.x0)
    pieces = [p for ln in body for p in ln.pieces]
    xs: list[float] = []
    for a, b in itertools.pairwise(leaves):
        lo, hi = a.x1, b.x0
        if hi - lo < _MIN_GAP:
            continue
        cuts = sorted({lo, hi} | {x for p in pieces for x in (p.x0, p.x1) if lo < x < hi})
        free = [
            (u, v)
            for u, v in itertools.pairwise(cuts)
            if v - u >= _MIN_GAP and not any(p.x0 < (u + v) / 2 < p.x1 for p in pieces)
        ]
        if free:
            u, v = max(free, key=lambda f: f[1] - f[0])
            xs.append((u + v) / 2)
    return xs


def _between(a: float, b: float, titles: Sequence[_Piece]) -> float:
    """Where the rule between two columns' texts (ending at *a*, starting at *b*) runs.

    In the middle of the gap, clear of the titles standing in it over one
    of the two columns only (a wrapped title's first line wider than the
    title under it).
    """
    lo, hi = a, b
    for p in titles:
        if p.x0 < b and p.x1 > a:
            if p.x1 <= b:
                lo = max(lo, p.x1)
            elif p.x0 >= a:
                hi = min(hi, p.x0)
    return (lo + hi) / 2 if hi - lo >= _MIN_GAP else (a + b) / 2


def threeline_columns(
    header: Sequence[_Line], body: Sequence[_Line], left: float, right: float
) -> list[float] | None:
    """The column rules (left edge … right edge) of a 三线表, or ``None`` when not clear.

    *header* and *body* are the lines between the first two rules and after
    them; *left* and *right* where the rules run.  ``None`` when the header
    has no title or the table comes out as one column.
    """
    rows = [ln for ln in body if not ln.numbering] or list(body)
    spans = _covered(rows, 0)
    if not spans:
        return None
    gaps = [(a + b) / 2 for (_, a), (b, _) in itertools.pairwise(spans)]
    joined = _join_tails(header)
    titles = [_spaced(ln, gaps, [o for o in joined if o is not ln]) for ln in joined]
    leaves = _leaves(titles)
    if not leaves:
        return None
    columns = _home_titles(_clusters(leaves, spans), rows)
    if len(columns) < 2 and all(len(c.leaves) < 2 for c in columns):
        return None
    xs = [min(left, columns[0].x0 - 1.0)]
    pieces = [p for ln in titles for p in ln.pieces]
    for k, c in enumerate(columns):
        if k:
            xs.append(_between(columns[k - 1].x1, c.x0, pieces))
        if len(c.leaves) >= 2:
            xs += _split(c, rows)
    xs.append(max(right, columns[-1].x1 + 1.0))
    if any(b - a < _MIN_GAP for a, b in itertools.pairwise(xs)):
        return None
    return xs


def _inner(c: int, xs: Sequence[float], pieces: Sequence[_Piece]) -> float:
    """The width a column's text may take: its width less the margins its texts leave."""
    inside = [p for p in pieces if xs[c] - 0.5 <= p.x0 and p.x1 <= xs[c + 1] + 0.5]
    if not inside:
        return xs[c + 1] - xs[c]
    left = min(p.x0 for p in inside) - xs[c]
    right = xs[c + 1] - max(p.x1 for p in inside)
    return xs[c + 1] - xs[c] - max(left, 0.0) - max(right, 0.0)


def _wrapped_titles(
    header: Sequence[_Line], body: Sequence[_Line], xs: Sequence[float]
) -> list[_Line]:
    """The header lines, a title wrapped within its column joined to its first line.

    A title's next line stands right under it, in the same column, and its
    first character would not have fitted on the line above (``本年收入`` /
    ``合计`` in a narrow column, ``项`` / ``目`` stacked): a title of the
    next header row (``合计`` under a group title ``预算数`` set to the left
    of a wide column) would have, and a title with the titles of several
    columns under it (before the next title of its line) is a group's.  The
    栏次 row is never a title's line.
    """
    pieces = [p for ln in (*header, *body) for p in ln.pieces]
    lines = list(header)

    def home(p: _Piece) -> int | None:
        c = bisect_right(xs, p.cx) - 1
        if 0 <= c < len(xs) - 1 and xs[c] - 0.5 <= p.x0 and p.x1 <= xs[c + 1] + 0.5:
            return c
        return None

    for k in range(len(lines) - 2, -1, -1):
        upper, lower = lines[k], lines[k + 1]
        if upper.numbering or lower.numbering or lower.top - upper.bottom > 0.8 * lower.em:
            continue
        kept: list[_Piece] = []
        joined = list(upper.pieces)
        for q in lower.pieces:
            c = home(q)
            at = next((i for i, p in enumerate(joined) if c is not None and home(p) == c), None)
            first = q.glyphs[0] if q.glyphs else None
            if c is None or at is None or first is None or q.amount:
                kept.append(q)
                continue
            p = joined[at]
            after = min((r.x0 for r in upper.pieces if r.x0 > p.x0), default=xs[-1] + 1.0)
            if len({home(r) for r in lower.pieces if p.x0 - 0.5 <= r.x0 < after - 0.5}) > 1:
                kept.append(q)  # a group title over the titles of several columns
                continue
            line_width = max(g.x1 for g in p.glyphs if g.top < upper.bottom) - p.x0
            if line_width + (first.x1 - first.x0) <= _inner(c, xs, pieces) - 1.0:
                kept.append(q)
                continue
            joined[at] = _Piece(
                p.text + q.text, min(p.x0, q.x0), max(p.x1, q.x1), p.glyphs + q.glyphs
            )
        lines[k] = upper._replace(pieces=tuple(joined))
        lines[k + 1] = lower._replace(pieces=tuple(kept))
    return [ln for ln in lines if ln.pieces]


def _title_columns(header: Sequence[_Line], xs: Sequence[float]) -> dict[int, int]:
    """The first column of each header title over the titles of others (a group title).

    A group title set to the left starts where the first title under it
    starts (``预算数`` over six columns, its text over the first only); a
    centred one stands over the middle of its columns: of the runs of
    columns around it that hold a title under it each and no other title of
    its line, the one it is centred over (the widest of those it is as
    centred over).  A title with none under it (but the 栏次 row) stands in
    its own column (left to :func:`_column`).
    """
    out: dict[int, int] = {}
    n = len(xs) - 1
    for k, line in enumerate(header):
        lower = [q for ln in header[k + 1 :] if not ln.numbering for q in ln.pieces]
        titled = {_column(q, xs, header=True) for q in lower}
        homes = {id(p): _column(p, xs, header=True) for p in line.pieces}
        for p in line.pieces:
            if not any(q.x0 < p.x1 - 0.5 and p.x0 < q.x1 - 0.5 for q in lower):
                continue
            same = [_column(q, xs, header=True) for q in lower if abs(q.x0 - p.x0) <= 1.5]
            if same:
                out[id(p)] = min(same)
                continue
            home = homes[id(p)]
            others = {homes[id(q)] for q in line.pieces if q is not p}
            best: tuple[float, int, int] | None = None
            for i in range(home + 1):
                for j in range(home, n):
                    if any(i <= c <= j for c in others) or not all(
                        c in titled for c in range(i, j + 1)
                    ):
                        continue
                    off = round(abs((xs[i] + xs[j + 1]) / 2 - p.cx) / 2.0)
                    if best is None or (off, i - j) < (best[0], best[1] - best[2]):
                        best = (off, i, j)
            if best is not None:
                out[id(p)] = best[1]
    return out


def _tables(
    bands: Sequence[_Band], stop: Callable[[str], bool]
) -> list[tuple[list[_Line], list[_Line]]]:
    """The header and body of each table the bands draw: a header band, then body bands.

    A band holding a title, a caption or prose ends a table (two tables of
    one width, one under the other); a band with no text (a double rule)
    is passed over.
    """
    out: list[tuple[list[_Line], list[_Line]]] = []
    run: list[_Band] = []

    def close() -> None:
        if len(run) >= 2:
            out.append((list(run[0].lines), [ln for b in run[1:] for ln in b.lines]))
        run.clear()

    for band in bands:
        if not band.lines:
            continue
        if any(stop(ln.text) or ln.prose for ln in band.lines):
            close()
            continue
        run.append(band)
    close()
    return out


def _is_header(lines: Sequence[_Line]) -> bool:
    """Whether the lines can be a header: a few lines of titles (and the 栏次 row), no figure.

    A line that starts with a classification code and its name (``30108`` |
    ``机关事业单位基本养老保险缴费``) is a body row, figures blank: a band
    holding one is no header (a rule drawn under the first row with figures,
    not under the titles), and the page is left to the other readers.
    """
    return (
        0 < len(lines) <= _HEADER_LINES
        and not any(
            not ln.numbering and any(_FIGURE_RE.search(p.text) for p in ln.pieces) for ln in lines
        )
        and not any(
            len(ln.pieces) >= 2 and _CODE_RE.match(ln.pieces[0].text) is not None for ln in lines
        )
    )


def threeline_grids(
    segments: Sequence[Segment],
    grids: Sequence[Grid],
    grouped: Sequence[Sequence[Glyph]],
    stop: Callable[[str], bool],
) -> list[Grid]:
    """The 三线表 on a page, as grids with inferred columns (see the module docstring).

    Args:
        segments: the page's ruling.
        grids: the ruled grids already found (their rules are theirs).
        grouped: the characters outside *grids*, in lines, top to bottom.
        stop: whether a line's text is a title, caption or note (no table's).
    """
    rules = [
        s
        for s in _merge_segments([s for s in segments if s.horizontal])
        if s.end - s.start >= _MIN_WIDTH
        and not any(g.contains((s.start + s.end) / 2, s.pos, SNAP) for g in grids)
    ]
    found: list[Grid] = []
    for group in _rule_groups(rules):
        if len(group) < 3:
            continue
        left = min(s.start for s in group)
        right = max(s.end for s in group)
        bands = [
            _Band(tuple(_lines_between(grouped, left, right, a.pos, b.pos)))
            for a, b in itertools.pairwise(group)
        ]
        for header, body in _tables(bands, stop):
            if not _is_header(header) or not any(ln.figured for ln in body):  # (however close)
                continue
            xs = threeline_columns(header, body, left, right)
            if xs is None:
                continue
            rows = [ln for ln in body if not ln.numbering] or body
            titles = _wrapped_titles(header, rows, xs)
            grid = _grid([*titles, *body], rows, titles, (), columns=xs, titles=_title_columns)
            if grid is not None and grid.n_cols >= 2:
                found.append(grid)
    return found
