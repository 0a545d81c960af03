"""Read plain-text exports of Word disclosures (the seed report's format).

A Word document saved as plain text prints every table cell on its own line,
indented by a tab, with a blank line between table rows; a cell whose text
wraps continues on the next line without the tab.  Titles, the table number
(``公开01表``), the captions (``部门：…``, ``单位：万元``) and the notes (``注：…``)
are plain lines around the grid, and Word leaves ``[bookmark: …]`` residue and
full-width spaces about.  :func:`read_text` turns such a file into the printed
grid (:class:`~govfin.tables.raw.RawDocument`), every cell and paragraph with
its 1-based line; :func:`load_text` binds it into a
:class:`~govfin.report.Report`.

How a row of a Word table nested in a cell comes out: as rows of one cell each
after a row short of cells.  Such fragments are folded back into the short row
(the last ones fill its missing cells) and the others, the nested table's own
cells, are quoted in an ``info`` problem rather than glued onto the row's text,
so nothing is lost and no label is garbled.

>>> from govfin.io import example_path
>>> doc = read_text(example_path())
>>> [t.number for t in doc.tables]  # doctest: +NORMALIZE_WHITESPACE
['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表',
 '公开08表', '公开09表']
>>> doc.tables[0].rows[3][2].text, doc.tables[0].rows[3][2].provenance.line
('972.81', 65)
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Final

import attrs

from govfin.errors import LoadError
from govfin.io._limits import read_file
from govfin.report import Problem, Provenance
from govfin.tables._vocabulary import NOTE_RE, TABLE_NUMBER, is_caption
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable

if TYPE_CHECKING:
    from govfin.report import Report

__all__ = ["load_text", "parse_text", "read_text"]

_BOOKMARK_RE: Final = re.compile(r"\[bookmark:[^\]]*\]")
_NUMBER_LINE_RE: Final = re.compile(
    rf"^(?:(?P<t1>.*表)?(?P<n1>{TABLE_NUMBER})|(?P<n2>{TABLE_NUMBER})(?P<t2>.*表))$"
)
_SPACES: Final = " \t\u3000\u00a0\ufeff"


@attrs.define
class _Line:
    no: int
    raw: str  # bookmarks removed, right-stripped of the line end
    kind: str  # blank | number | caption | grid | plain
    title: str = ""
    number: str = ""


def _squash(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", unicodedata.normalize("NFKC", text))


def _classify(no: int, text: str) -> _Line:
    raw = _BOOKMARK_RE.sub("", text).rstrip("\r\n")
    if not raw.strip(_SPACES):
        # A line of tabs only is a row of empty cells, not a blank line.
        return _Line(no, raw, "grid" if raw.startswith("\t") else "blank")
    if "表" in raw and len(raw) <= 200:
        squashed = _squash(raw)
        m = _NUMBER_LINE_RE.match(squashed)
        if m and len(squashed) <= 60:
            title = (m.group("t1") or m.group("t2") or "").strip()
            number = m.group("n1") or m.group("n2") or ""
            return _Line(no, raw, "number", title=title, number=number)
    stripped = raw.strip(_SPACES)
    if (
        len(stripped) <= 200
        and ("单位" in stripped or "部门" in stripped)
        and is_caption(unicodedata.normalize("NFKC", stripped))
    ):
        return _Line(no, raw, "caption")
    if raw.startswith("\t"):
        return _Line(no, raw, "grid")
    return _Line(no, raw, "plain")


def _clean(text: str) -> str:
    return text.strip(_SPACES)


@attrs.define
class _Grid:
    start: int  # index into lines
    end: int  # exclusive
    rows: list[list[RawCell]]


def _grid_rows(lines: list[_Line], start: int, end: int, file: str) -> list[list[RawCell]]:
    rows: list[list[RawCell]] = []
    current: list[RawCell] = []
    for ln in lines[start:end]:
        if ln.kind == "blank":
            if current:
                rows.append(current)
                current = []
        elif ln.kind == "grid":
            for part in ln.raw.split("\t")[1:]:
                current.append(RawCell(_clean(part), Provenance(file=file, line=ln.no)))
        else:  # a continuation of the last cell
            last = current[-1]
            joined = f"{last.text}\n{_clean(ln.raw)}" if last.text else _clean(ln.raw)
            current[-1] = RawCell(joined, last.provenance)
    if current:
        rows.append(current)
    return rows


def _fold_fragments(
    rows: list[list[RawCell]], file: str, title: str
) -> tuple[list[list[RawCell]], list[Problem]]:
    """Fold the one-cell rows a nested Word table leaves back into the short row before them."""
    widths = Counter(len(r) for r in rows if len(r) >= 2)
    if not widths:
        return rows, []
    width = max(widths.items(), key=lambda kv: (kv[1], kv[0]))[0]
    out: list[list[RawCell]] = []
    problems: list[Problem] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        j = i + 1
        while j < len(rows) and len(rows[j]) == 1:
            j += 1
        fragments = [r[0] for r in rows[i + 1 : j]]
        closes = j == len(rows) or len(rows[j]) == width
        if 2 <= len(row) < width and fragments and closes and len(row) + len(fragments) >= width:
            needed = width - len(row)
            extra, fill = fragments[: len(fragments) - needed], fragments[len(fragments) - needed :]
            last = row[-1]
            # The nested table's own cells are not the row's text: they stay in the problem.
            out.append([*row, *fill])
            line = last.provenance.line if last.provenance else None
            problems.append(
                Problem(
                    f"{len(fragments)} cells of a nested table folded into the row above "
                    f"({', '.join(repr(f.text) for f in extra if f.text) or 'empty'})",
                    severity="info",
                    table=title,
                    provenance=Provenance(file=file, line=line),
                )
            )
            i = j
        else:
            out.append(row)
            i += 1
    return out, problems


def _mark_continuations(lines: list[_Line]) -> None:
    """A plain line right after a non-empty cell (or another continuation) continues it."""
    for k in range(1, len(lines)):
        ln, prev = lines[k], lines[k - 1]
        if (
            ln.kind == "plain"
            and prev.kind in ("grid", "cont")
            and _clean(prev.raw.split("\t")[-1])
            and not NOTE_RE.match(_clean(ln.raw))
        ):
            ln.kind = "cont"


def _find_grids(lines: list[_Line], file: str) -> list[_Grid]:
    grids: list[_Grid] = []
    k = 0
    while k < len(lines):
        if lines[k].kind != "grid":
            k += 1
            continue
        start = last_grid = k
        while k < len(lines) and lines[k].kind in ("grid", "cont", "blank"):
            if lines[k].kind != "blank":
                last_grid = k
            k += 1
        rows = _grid_rows(lines, start, last_grid + 1, file)
        if any(c.text for r in rows for c in r):
            grids.append(_Grid(start, last_grid + 1, rows))
        else:  # tabs and nothing else: layout residue
            for ln in lines[start : last_grid + 1]:
                ln.kind = "blank"
    return grids


def _heading_of(
    lines: list[_Line], grid: _Grid, used: set[int]
) -> tuple[str, str | None, list[str], list[int]]:
    """Title, number, captions and their line indexes, read upwards from the grid."""
    title, number = "", None
    captions: list[str] = []
    head: list[int] = []
    k = grid.start - 1
    while k >= 0 and k not in used:
        ln = lines[k]
        if ln.kind == "caption":
            captions[:0] = [_clean(p) for p in ln.raw.split("\t") if _clean(p)]
            head.append(k)
        elif ln.kind == "number":
            number = number or ln.number
            head.append(k)
            if ln.title:
                title = ln.title
                break
        elif ln.kind == "plain" and "表" in ln.raw and len(_clean(ln.raw)) <= 80:
            title = _clean(ln.raw)
            head.append(k)
            break
        elif ln.kind != "blank":
            break
        k -= 1
    return title, number, captions, head


def _notes_after(lines: list[_Line], grid: _Grid) -> tuple[list[str], list[int]]:
    """注/说明 lines (and their indented continuations) after the grid."""
    notes: list[str] = []
    at: list[int] = []
    k = grid.end
    while k < len(lines):
        ln = lines[k]
        text = _clean(ln.raw)
        if ln.kind == "blank":
            k += 1
            continue
        if ln.kind == "plain" and (
            NOTE_RE.match(text)
            or (notes and ln.raw[:1] in (" ", "\u3000") and lines[k - 1].kind != "blank")
        ):
            notes.append(text)
            at.append(k)
            k += 1
            continue
        break
    return notes, at


def parse_text(text: str, source: str | None = None) -> RawDocument:
    """Read the text of an export (already decoded) into a :class:`RawDocument`.

    Args:
        text: the whole file's text.
        source: the file name recorded in every provenance.
    """
    file = source or ""
    lines = [_classify(i, t) for i, t in enumerate(text.splitlines(), start=1)]
    _mark_continuations(lines)
    used: set[int] = set()
    tables: list[RawTable] = []
    problems: list[Problem] = []
    for grid in _find_grids(lines, file):
        title, number, captions, head = _heading_of(lines, grid, used)
        notes, note_lines = _notes_after(lines, grid)
        used.update(head, note_lines, range(grid.start, grid.end))
        first = min([*head, grid.start])
        rows, folded = _fold_fragments(grid.rows, file, title or number or "")
        problems.extend(folded)
        tables.append(
            RawTable(
                title=title,
                rows=tuple(tuple(r) for r in rows),
                number=number,
                captions=tuple(captions),
                notes=tuple(notes),
                provenance=Provenance(file=file, line=lines[first].no),
            )
        )
    paragraphs = [
        RawParagraph(_clean(ln.raw), Provenance(file=file, line=ln.no))
        for i, ln in enumerate(lines)
        if i not in used and ln.kind in ("plain", "number", "caption", "cont") and _clean(ln.raw)
    ]
    return RawDocument(
        source=source,
        tables=tuple(tables),
        paragraphs=tuple(paragraphs),
        problems=tuple(problems),
    )


def _utf16(data: bytes) -> str | None:
    """The encoding of UTF-16 text (a byte order mark, or ASCII bytes every other byte)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    head = data[: 4096 & ~1]
    if len(data) % 2 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 4 * even:  # ASCII characters (tabs, digits) have their zero byte second
        return "utf-16-le"
    if even > 4 * odd:
        return "utf-16-be"
    return None


def _decode(data: bytes, name: str) -> str:
    wide = _utf16(data)
    if wide is not None:
        try:
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise LoadError(
                f"UTF-16 text with a broken character at byte {exc.start}", file=name
            ) from exc
    if b"\x00" in data[:4096]:
        raise LoadError("not a text file (binary content)", file=name)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoadError("not a text file (neither UTF-8, GB18030 nor UTF-16)", file=name)


def read_text(path: str | os.PathLike[str]) -> RawDocument:
    """Read a plain-text export into the printed grid.

    Raises:
        LoadError: when the file is missing or is not text.  A text that holds
            no table is read (its prose kept): checking it reports that nothing
            could be checked (rule ``GF-S004``), it is no load failure.
    """
    name = os.fspath(path)
    data = read_file(name)
    return parse_text(_decode(data, name), name)


def load_text(path: str | os.PathLike[str], *, strict: bool = False) -> Report:
    """Read a plain-text export into a :class:`~govfin.report.Report`.

    Args:
        path: the ``.txt`` file.
        strict: raise :class:`~govfin.errors.LoadError` on the first cell that
            cannot be read instead of recording a problem.

    Raises:
        LoadError: as :func:`read_text`; in strict mode also for a bad cell or
            a missing column, naming file, line, table, row and column.

    >>> from govfin.io import example_path
    >>> report = load_text(example_path())
    >>> str(report.table("final.summary").value("income.grand_total", "amount"))
    '972.81'
    """
    from govfin.tables.bind import bind_document  # noqa: PLC0415 - avoids an import cycle

    return bind_document(read_text(path), strict=strict)
