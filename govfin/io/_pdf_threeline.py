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
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from govfin.io._pdf_layout import SNAP, Glyph, Grid, Segment, _merge_segments
from govfin.io._pdf_unruled import (
    _FIGURE_RE,
    _MAX_HEADER,
    _covered,
    _grid,
    _join_tails,
    _Line,
    _make_line,
    _Piece,
)

__all__ = ["threeline_grids"]

_MIN_WIDTH: Final = 60.0
"""The shortest rule (points) that may be a 三线表's: shorter ones underline words."""

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


def _spaced(line: _Line, gaps: Sequence[float]) -> _Line:
    """*line* with its spaced-out titles joined (``项    目``), unless a body gap parts them.

    *gaps* holds the middles of the gaps between the body's texts: two single
    characters with one of them between are the titles of two columns.
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
    """The rules inside a cluster of several leaves: between each two, where fewest texts cross."""
    leaves = sorted(cluster.leaves, key=lambda p: p.x0)
    pieces = [p for ln in body for p in ln.pieces]
    xs: list[float] = []
    for a, b in itertools.pairwise(leaves):
        lo, hi = a.x1, max(b.x0, a.x1)
        cuts = sorted({lo, hi} | {x for p in pieces for x in (p.x0, p.x1) if lo < x < hi})
        best: tuple[int, float] | None = None
        for u, v in itertools.pairwise(cuts):
            mid = (u + v) / 2
            n = sum(1 for p in pieces if p.x0 < mid < p.x1)
            off = abs(mid - (lo + hi) / 2)
            if best is None or (n, off) < (best[0], abs(best[1] - (lo + hi) / 2)):
                best = (n, mid)
        xs.append(best[1] if best is not None else (lo + hi) / 2)
    return xs


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
    titles = [_spaced(ln, gaps) for ln in _join_tails(header)]
    leaves = _leaves(titles)
    if not leaves:
        return None
    columns = _home_titles(_clusters(leaves, spans), rows)
    if len(columns) < 2 and all(len(c.leaves) < 2 for c in columns):
        return None
    xs = [min(left, columns[0].x0 - 1.0)]
    for k, c in enumerate(columns):
        if k:
            xs.append((columns[k - 1].x1 + c.x0) / 2)
        if len(c.leaves) >= 2:
            xs += _split(c, rows)
    xs.append(max(right, columns[-1].x1 + 1.0))
    if any(b - a < _MIN_GAP for a, b in itertools.pairwise(xs)):
        return None
    return xs


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
    """Whether the lines can be a header: a few lines of titles (and the 栏次 row), no figure."""
    return 0 < len(lines) <= _MAX_HEADER and not any(
        not ln.numbering and any(_FIGURE_RE.search(p.text) for p in ln.pieces) for ln in lines
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
            if not _is_header(header) or not any(ln.body for ln in body):
                continue
            xs = threeline_columns(header, body, left, right)
            if xs is None:
                continue
            rows = [ln for ln in body if not ln.numbering] or body
            grid = _grid([*header, *body], rows, header, (), columns=xs)
            if grid is not None and grid.n_cols >= 2:
                found.append(grid)
    return found
