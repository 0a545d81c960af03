"""Read Word documents (``.docx``, the ``docx`` extra): tables and paragraphs as printed.

A Word table is a real grid, so no geometry is needed: :func:`read_docx`
walks the document body in order and gives the same printed grid
(:class:`~govfin.tables.raw.RawDocument`) as the text, PDF and Excel loaders,
which :func:`govfin.tables.bind.bind_document` then recognises and binds
exactly as for them.

* **Merged cells.**  A cell merged across columns (``gridSpan``) or down rows
  (``vMerge``) holds its text in its top-left grid position; the positions it
  covers are empty, as in a spreadsheet (:mod:`govfin.io.excel`).  Cells
  skipped before or after a row (``gridBefore`` / ``gridAfter``) are empty too,
  so every row of a table has the table's width.
* **Title, number, captions, notes.**  They are read from the paragraphs just
  above the table (upwards: ``部门：…  单位：万元`` captions, a ``公开01表``
  number, a title line holding 表), as in a plain-text export
  (:mod:`govfin.io.text`), or from the table's own first rows when a department
  typed them into it (a row holding one text only); ``注：`` / ``说明：``
  paragraphs right after the table, or rows holding one such text at its end,
  are its notes.
* **Nested tables.**  A table of one cell is a layout frame, not a grid: the
  paragraphs and tables in it are read in its place (a framed table as that
  table, framed prose as prose).  A table nested in a cell of a
  real grid is not glued into the cell's text: its texts are quoted in an
  ``info`` problem naming the cell, so nothing is lost and no label is garbled.
* **Automatic numbers.**  Word's list numbers (``一、``, ``（一）``, ``1.``, set
  on the paragraph or through its style) are not part of the paragraph's
  text: they are counted as Word counts them and put in front of it, as
  Word's text export prints them, so that numbered headings are headings.
* **Prose.**  Every other non-empty paragraph is a
  :class:`~govfin.tables.raw.RawParagraph` (one per line where a paragraph holds
  line breaks, as Word's text export gives them); the narrative sections come from
  their headings (``一、…``, ``（一）…``) as for every format.

**Provenance.**  A paragraph's provenance names the file and, as ``line``, its
1-based paragraph number in the body (paragraphs in frames counted in place);
a table cell's names the file, the table's 1-based index among the document's
tables and the cell's row and column in its grid (``cell="表3 R2C4"``), with
the row as ``line``.

``.doc`` (the binary Word format of Word 97–2003) is not read: :func:`load_doc`
raises a :class:`~govfin.errors.LoadError` naming the conversion to run
(``soffice --headless --convert-to docx FILE``).

>>> import tempfile, pathlib, docx
>>> d = docx.Document()
>>> _ = d.add_paragraph("一、收入决算情况说明")
>>> _ = d.add_paragraph("收入合计972.81万元。")
>>> _ = d.add_paragraph("收入决算表")
>>> t = d.add_table(rows=2, cols=3)
>>> for (r, c), text in {(0, 0): "项目", (0, 2): "合计", (1, 0): "201", (1, 1): "一般公共服务支出",
...                      (1, 2): "683.64"}.items():
...     t.cell(r, c).text = text
>>> _ = t.cell(0, 0).merge(t.cell(0, 1))
>>> path = pathlib.Path(tempfile.mkdtemp()) / "r.docx"
>>> d.save(path)
>>> doc = read_docx(path)
>>> table = doc.tables[0]
>>> table.title, [[c.text for c in row] for row in table.rows]
('收入决算表', [['项目', '', '合计'], ['201', '一般公共服务支出', '683.64']])
>>> table.rows[1][2].provenance.describe().endswith("r.docx, cell 表1 R2C3")
True
>>> [p.text for p in doc.paragraphs]
['一、收入决算情况说明', '收入合计972.81万元。']
"""

from __future__ import annotations

import os
import re
import shlex
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NoReturn

import attrs

from govfin.errors import LoadError
from govfin.io.text import _classify
from govfin.report import Problem, Provenance
from govfin.tables._vocabulary import NOTE_RE, NUMBERED_RE
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable

if TYPE_CHECKING:
    from govfin.report import Report

__all__ = ["CONVERT_DOC", "load_doc", "load_docx", "read_docx"]

CONVERT_DOC: Final = "soffice --headless --convert-to docx"
"""The LibreOffice command that turns a legacy ``.doc`` into a ``.docx`` govfin reads."""

_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of a legacy Office file (``.doc``, ``.xls``)."""

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACES: Final = " \t\u3000\u00a0\ufeff"
"""A numbered line (``2.本套报表…``) continuing the notes above it."""
_LABELS: Final = frozenset({"项目", "栏次", "科目名称", "单位名称"})


def _docx() -> Any:
    """Import python-docx on first use, with a clear error when the extra is missing."""
    try:
        import docx  # noqa: PLC0415 - optional dependency
    except ModuleNotFoundError as exc:
        raise LoadError(
            "reading .docx files needs the 'docx' extra (pip install 'govfin[docx]'); "
            "missing module 'docx'"
        ) from exc
    return docx


def _clean(text: str) -> str:
    return "\n".join(line.strip(_SPACES) for line in text.split("\n")).strip("\n")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _p_text(p: Any) -> str:
    """A ``w:p`` element's text: runs, tabs and breaks, as Word shows it."""
    parts: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        tag = el.tag
        if tag == f"{_W}t":
            parts.append(el.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _int_val(el: Any, child: str) -> int:
    """The ``w:val`` of a child of a ``w:trPr``/``w:tcPr`` element (0 when absent)."""
    if el is None:
        return 0
    found = el.find(f"{_W}{child}")
    if found is None:
        return 0
    try:
        return int(found.get(f"{_W}val", "0"))
    except ValueError:
        return 0


@attrs.define
class _Cell:
    text: str
    nested: list[str]  # texts of tables nested in the cell
    span: int
    continues: bool  # a vertically merged cell's continuation


_DIGITS: Final = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    """``n`` in Chinese counting as Word prints it (一, 十, 十一, 二十, 一百零五)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _chinese(rest) if rest < 10 else _chinese(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return _DIGITS[n // 100] + "百" + tail if n < 1000 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _format_number(n: int, fmt: str) -> str:
    """A list number in a Word number format (``decimal``, ``chineseCounting`` …)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    return str(n)


@attrs.define
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str


class _Numbering:
    """Word's automatic list numbers (一、 1. （一）), which the paragraph text lacks."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}  # numId → ilvl → level
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}  # style id → (numId, ilvl)
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            part = None
        if part is not None:
            self._read(part.element)
        try:
            styles = document.styles.element
        except AttributeError:
            styles = None
        if styles is not None:
            for style in styles.iterchildren(f"{_W}style"):
                num = self._num_pr(style.find(f"{_W}pPr"))
                if num is not None:
                    self.styles[style.get(f"{_W}styleId", "")] = num

    def _read(self, root: Any) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        for a in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in a.iterchildren(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = _Level(
                    start=_int_val(lvl, "start") if lvl.find(f"{_W}start") is not None else 1,
                    fmt=self._val(lvl, "numFmt") or "decimal",
                    text=self._val(lvl, "lvlText") or "",
                    suffix=self._val(lvl, "suff") or "tab",
                )
            abstract[a.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            for override in num.iterchildren(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                start = override.find(f"{_W}startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = attrs.evolve(levels[ilvl], start=int(start.get(f"{_W}val", "1")))
            self.levels[num.get(f"{_W}numId", "")] = levels

    @staticmethod
    def _val(el: Any, child: str) -> str | None:
        found = el.find(f"{_W}{child}")
        return None if found is None else found.get(f"{_W}val")

    def _num_pr(self, p_pr: Any) -> tuple[str, int] | None:
        if p_pr is None:
            return None
        num_pr = p_pr.find(f"{_W}numPr")
        if num_pr is None:
            return None
        num_id = self._val(num_pr, "numId")
        if num_id is None:
            return None
        return num_id, int(self._val(num_pr, "ilvl") or 0)

    def label(self, p: Any) -> str:
        """The number Word prints before paragraph *p* (and its separator), or ``""``."""
        p_pr = p.find(f"{_W}pPr")
        num = self._num_pr(p_pr)
        if num is None and p_pr is not None:
            style = self._val(p_pr, "pStyle")
            num = self.styles.get(style or "")
        if num is None or num[0] == "0" or num[0] not in self.levels:
            return ""
        num_id, ilvl = num
        levels = self.levels[num_id]
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            at = levels.get(k)
            n = counters.get(k, at.start if at else 1)
            return _format_number(n, at.fmt if at else "decimal")

        text = re.sub(r"%([1-9])", number, level.text)
        if not text:
            return ""
        if level.suffix == "nothing" or text[-1] in "、.．)）:：":
            return text
        return text + " "


def _blocks(el: Any) -> Iterator[Any]:
    """The paragraphs and tables directly in *el*, in order (content controls opened)."""
    for child in el.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from _blocks(content)


def _is_frame(tbl: Any) -> bool:
    """A table of one cell: a frame around prose or around another table, not a grid."""
    rows = tbl.findall(f"{_W}tr")
    return len(rows) == 1 and len(rows[0].findall(f"{_W}tc")) == 1


def _body_blocks(el: Any) -> Iterator[Any]:
    """The body's paragraphs and tables in order, the contents of one-cell frames in place."""
    for block in _blocks(el):
        if block.tag == f"{_W}tbl" and _is_frame(block):
            yield from _body_blocks(block.find(f"{_W}tr").find(f"{_W}tc"))
        else:
            yield block


def _nested_texts(tbl: Any) -> list[str]:
    return [t for t in (_clean(_p_text(p)) for p in tbl.iter(f"{_W}p")) if t]


def _cells(tr: Any) -> Iterator[_Cell]:
    for tc in tr.iterchildren(f"{_W}tc", f"{_W}sdt"):
        if tc.tag == f"{_W}sdt":  # a content control wrapping cells
            content = tc.find(f"{_W}sdtContent")
            inner = content.iterchildren(f"{_W}tc") if content is not None else iter(())
        else:
            inner = iter((tc,))
        for cell in inner:
            tc_pr = cell.find(f"{_W}tcPr")
            span = max(1, _int_val(tc_pr, "gridSpan"))
            v = tc_pr.find(f"{_W}vMerge") if tc_pr is not None else None
            continues = v is not None and v.get(f"{_W}val", "continue") != "restart"
            texts: list[str] = []
            nested: list[str] = []
            for block in _blocks(cell):
                if block.tag == f"{_W}p":
                    texts.append(_p_text(block))
                else:
                    nested.extend(_nested_texts(block))
            yield _Cell(_clean("\n".join(texts)), nested, span, continues)


@attrs.define
class _Grid:
    rows: list[list[RawCell]]
    problems: list[Problem]


def _grid(tbl: Any, file: str, index: int) -> _Grid:
    """The table's cells on its grid, merged cells' covered positions empty."""
    texts: list[list[tuple[str, bool]]] = []  # (text, real cell)
    problems: list[Problem] = []
    for r, tr in enumerate(tbl.findall(f"{_W}tr"), start=1):
        tr_pr = tr.find(f"{_W}trPr")
        row: list[tuple[str, bool]] = [("", False)] * _int_val(tr_pr, "gridBefore")
        for cell in _cells(tr):
            at = len(row) + 1
            row.append(("" if cell.continues else cell.text, True))
            row.extend([("", False)] * (cell.span - 1))
            if cell.nested:
                problems.append(
                    Problem(
                        f"a table nested in a cell: its {len(cell.nested)} texts are not "
                        f"part of the cell ({', '.join(repr(t) for t in cell.nested[:12])}"
                        f"{', …' if len(cell.nested) > 12 else ''})",
                        severity="info",
                        provenance=Provenance(file, line=r, cell=f"表{index} R{r}C{at}"),
                    )
                )
        texts.append(row)
    width = max((len(r) for r in texts), default=0)
    rows = [
        [
            RawCell(text, Provenance(file, line=r, cell=f"表{index} R{r}C{c}"))
            for c, (text, _) in enumerate(row + [("", False)] * (width - len(row)), start=1)
        ]
        for r, row in enumerate(texts, start=1)
    ]
    return _Grid(rows, problems)


def _single_text(row: list[RawCell]) -> str | None:
    """The one text of a row that holds only one (a title or caption typed into the table)."""
    found = {c.text for c in row if c.text.strip(_SPACES)}
    if len(found) != 1:
        return None
    return found.pop()


@attrs.define
class _Heading:
    title: str = ""
    number: str | None = None
    captions: list[str] = attrs.Factory(list)


def _take_heading_rows(rows: list[list[RawCell]], head: _Heading) -> list[list[RawCell]]:
    """Consume the title, number and caption rows typed at the top of a table."""
    k = 0
    while k < len(rows) - 1:
        texts = [c.text for c in rows[k] if c.text.strip(_SPACES)]
        kinds = [_classify(0, t).kind for t in texts]
        if texts and all(kind in ("number", "caption") for kind in kinds):
            for t, kind in zip(texts, kinds, strict=True):
                if kind == "number" and head.number is None:
                    line = _classify(0, t)
                    head.number = line.number
                    head.title = head.title or line.title
                else:
                    head.captions.append(t)
            k += 1
            continue
        single = _single_text(rows[k])
        if (
            single is not None
            and not head.title
            and _norm(single) not in _LABELS
            and len(rows[k]) > 1
            and "\n" not in single
        ):
            head.title = single
            k += 1
            continue
        break
    return rows[k:]


def _take_note_rows(rows: list[list[RawCell]]) -> tuple[list[list[RawCell]], list[str]]:
    notes: list[str] = []
    while len(rows) > 1:
        single = _single_text(rows[-1])
        if single is None or not NOTE_RE.match(single):
            break
        notes[:0] = single.split("\n")
        rows = rows[:-1]
    return rows, notes


@attrs.define
class _Para:
    no: int
    text: str
    used: bool = False


def _heading_above(paras: list[_Para], head: _Heading) -> int | None:
    """Title, number and captions from the paragraphs just above a table (read upwards)."""
    first: int | None = None
    for p in reversed(paras):
        if p.used:
            break
        if not p.text:
            continue
        line = _classify(p.no, p.text)
        if line.kind == "caption":
            head.captions[:0] = [_clean(t) for t in p.text.split("\t") if _clean(t)]
        elif line.kind == "number":
            head.number = head.number or line.number
            if line.title:
                head.title = line.title
                p.used, first = True, p.no
                break
        elif "表" in p.text and len(p.text) <= 80 and "\n" not in p.text:
            head.title = p.text
            p.used, first = True, p.no
            break
        else:
            break
        p.used, first = True, p.no
    return first


def _parse(document: Any, file: str) -> RawDocument:
    body = document.element.body
    numbering = _Numbering(document)
    paras: list[_Para] = []
    tables: list[RawTable] = []
    problems: list[Problem] = []
    pending: RawTable | None = None  # the last table, still taking notes
    notes: list[str] = []
    index = 0
    for block in _body_blocks(body):
        if block.tag == f"{_W}p":
            text = _clean(_p_text(block))
            label = numbering.label(block)
            if label and text:
                text = label + text
            para = _Para(len(paras) + 1, text)
            paras.append(para)
            if pending is not None and text:
                if NOTE_RE.match(text) or (notes and NUMBERED_RE.match(text)):
                    notes.extend(t for t in text.split("\n") if t)
                    para.used = True
                    continue
                tables[-1] = attrs.evolve(pending, notes=(*pending.notes, *notes))
                pending, notes = None, []
            continue
        if pending is not None:
            tables[-1] = attrs.evolve(pending, notes=(*pending.notes, *notes))
            pending, notes = None, []
        index += 1
        grid = _grid(block, file, index)
        rows = [r for r in grid.rows if any(c.text for c in r)]
        if not rows:
            problems.append(
                Problem(
                    "an empty table skipped",
                    severity="info",
                    provenance=Provenance(file, cell=f"表{index}"),
                )
            )
            continue
        head = _Heading()
        above = _heading_above(paras, head)
        rows = _take_heading_rows(rows, head)
        rows, table_notes = _take_note_rows(rows)
        table_label = head.title or head.number or None
        problems.extend(attrs.evolve(p, table=table_label) for p in grid.problems)
        pending = RawTable(
            title=head.title,
            rows=tuple(tuple(r) for r in rows),
            number=head.number,
            captions=tuple(head.captions),
            notes=tuple(table_notes),
            provenance=Provenance(file, line=above, cell=f"表{index}"),
        )
        tables.append(pending)
    if pending is not None:
        tables[-1] = attrs.evolve(pending, notes=(*pending.notes, *notes))
    # A line break inside a paragraph starts a new line, as in Word's own text export.
    paragraphs = tuple(
        RawParagraph(line, Provenance(file, line=p.no))
        for p in paras
        if not p.used
        for line in p.text.split("\n")
        if line
    )
    return RawDocument(file, tuple(tables), paragraphs, tuple(problems))


def _refuse_doc(name: str) -> NoReturn:
    raise LoadError(
        "a legacy Word .doc file, which govfin does not read; convert it to .docx first "
        f"with LibreOffice: {CONVERT_DOC} {shlex.quote(name)} (or save it as .docx in Word)",
        file=name,
    )


def read_docx(path: str | os.PathLike[str]) -> RawDocument:
    """Read a Word document's tables and paragraphs as printed (see the module text).

    Raises:
        LoadError: when the file is missing, is a legacy ``.doc`` (naming the
            conversion to run), is not a Word document, or when the ``docx``
            extra (python-docx) is not installed.
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            start = fh.read(8)
    except FileNotFoundError as exc:
        raise LoadError("no such file", file=name) from exc
    except OSError as exc:
        raise LoadError(f"cannot read the file ({exc.strerror or exc})", file=name) from exc
    if start == _OLE2:
        _refuse_doc(name)
    docx = _docx()
    try:
        document = docx.Document(name)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(f"not a readable .docx document ({exc})", file=name) from exc
    except Exception as exc:  # python-docx's PackageNotFoundError and XML errors
        if type(exc).__module__.startswith(("docx", "lxml", "xml")):
            raise LoadError(f"not a readable .docx document ({exc})", file=name) from exc
        raise
    return _parse(document, name)


def load_docx(path: str | os.PathLike[str], *, strict: bool = False) -> Report:
    """Read a Word document into a :class:`~govfin.report.Report`.

    The grid of :func:`read_docx` goes through the shared binding
    (:func:`govfin.tables.bind.bind_document`), as for every format.

    Args:
        path: the ``.docx`` file.
        strict: raise at the first cell that is not an amount or the first
            missing column instead of recording a problem.

    Raises:
        LoadError: as :func:`read_docx`, and when the document holds no table
            (not a budget or final-account disclosure).
    """
    from govfin.tables.bind import bind_document  # noqa: PLC0415 - avoids an import cycle

    raw = read_docx(path)
    if not raw.tables:
        raise LoadError(
            "no table found: not a budget or final-account disclosure", file=os.fspath(path)
        )
    return bind_document(raw, strict=strict)


def load_doc(path: str | os.PathLike[str]) -> Report:
    """Refuse a legacy ``.doc`` file, naming the conversion to run.

    Raises:
        LoadError: always (``soffice --headless --convert-to docx FILE`` makes
            a ``.docx`` that :func:`load_docx` reads), or ``no such file``.
    """
    name = os.fspath(path)
    if not Path(name).exists():
        raise LoadError("no such file", file=name)
    _refuse_doc(name)
