"""Annotate the original PDF: a highlight on every cell and sentence a finding involves.

:func:`annotate_pdf` writes a copy of the source PDF — its bytes unchanged, the
annotations appended as an incremental update — with, for each finding and
each page it involves, one highlight annotation covering the finding's cells
(the boxes the PDF loader recorded in each cell's
:class:`~govfin.report.Provenance`) and sentences (found again in the page's
text layer), coloured by the finding's state, with the finding — state, rule,
message, expected / actual / difference and where — as the note's text.  A
finding that points only at a whole table gets a rectangle round the table
instead.  A note on page 1 sums up the check and lists the findings that have
no position on the page (a missing table, a claim that could not be found).

Positions: the loader's boxes are ``(x0, top, x1, bottom)`` in points from the
top-left corner of the page's media box, in the page's own (unrotated) space;
annotations are placed in PDF user space, so a box becomes
``(left + x0, top_mb - bottom, left + x1, top_mb - top)`` whatever the page's
``/Rotate`` and crop box (viewers rotate annotations with the page).

Writing uses pypdf (BSD) and finding sentences uses pypdfium2 (Apache-2.0 /
BSD); both are the ``pdf`` extra and are imported on first use.  Nothing is
decided here: which findings exist, their severity and figures are the rules'.

>>> from govfin.io import load
>>> from govfin.rules import check
>>> import tempfile, pathlib
>>> src = "tests/data/pdf/putuo-czj-2024-final-with-planted-errors.pdf"
>>> report = load(src)
>>> with tempfile.TemporaryDirectory() as tmp:
...     done = annotate_pdf(src, report, check(report), pathlib.Path(tmp, "a.pdf"))
>>> done.placed > 0 and done.annotations >= done.placed
True
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs

from govfin.errors import GovfinError
from govfin.render._html_model import state_of
from govfin.report import Report, Section
from govfin.rules import CheckResult, Finding, Location, Severity

__all__ = ["AnnotateError", "Annotated", "annotate_pdf", "note_text"]

Box = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` from the media box's top-left corner, as the loader records."""

_COLOURS: Final = {
    "error": "ff9a9a",
    "warning": "ffd080",
    "residue": "a9d0ff",
    "info": "bfe4e5",
    "unchecked": "dedede",
}

_STATE_LABELS: Final = {
    "error": "错误 error",
    "warning": "警告 warning",
    "residue": "尾数误差 rounding residue",
    "info": "提示 info",
    "unchecked": "未能核对 not evaluated",
    "ok": "一致 exact",
}

_ROLES: Final = {"total": "合计", "part": "明细", "table": "表中数", "claim": "文中"}

_SPACE: Final = re.compile(r"\s+")

_TRAILING: Final = "。；;，,.：:！!？?"


def _num(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:f}"


def _where(loc: Location) -> str:
    """The location in Chinese words (:meth:`~govfin.rules.Location.describe`) and its role."""
    role = f"（{_ROLES.get(loc.role or '', loc.role)}）" if loc.role else ""
    return f"{loc.describe('zh', file=False, width=40)}{role}"


def note_text(finding: Finding) -> str:
    """The text of a finding's note: state, rule, message, figures and where.

    >>> from govfin.rules import Finding, Outcome, Severity
    >>> print(note_text(Finding("GF-X1", Severity.ERROR, Outcome.INCONSISTENT, "合计不符",
    ...       title="Totals agree", expected=Decimal("3"), actual=Decimal("4"),
    ...       difference=Decimal("1"))))
    [错误 error] GF-X1 Totals agree
    合计不符
    应为 3，实为 4，差额 1
    >>> from govfin.rules import Location
    >>> f = Finding("GF-R002", Severity.ERROR, Outcome.INCONSISTENT, "类不等于款之和",
    ...     title="A 类 equals the sum of its 款",
    ...     locations=(Location(table="final.general", table_label="公开05表", row="201",
    ...                         column="total", column_title="合计"),))
    >>> print(note_text(f))
    [错误 error] GF-R002 类等于所属款之和
    类不等于款之和
    位置：公开05表，「201」行，「合计」列
    """
    lines = [f"[{_STATE_LABELS[state_of(finding)]}] {finding.rule} {finding.title_zh}".rstrip()]
    lines.append(finding.message)
    unit = finding.unit.value if finding.unit is not None else ""
    figures = [
        f"{label} {_num(value)}{unit}"
        for label, value in (
            ("应为", finding.expected),
            ("实为", finding.actual),
            ("差额", finding.difference),
        )
        if value is not None
    ]
    if figures:
        lines.append("，".join(figures))
    if finding.locations:
        lines.append("位置：" + "；".join(_where(loc) for loc in finding.locations))
    if finding.note:
        lines.append(finding.note)
    return "\n".join(lines)


class AnnotateError(GovfinError, ValueError):
    """The annotated copy cannot be written: the output is the source, or pypdf cannot."""


@attrs.frozen
class Annotated:
    """What :func:`annotate_pdf` wrote.

    *placed* findings got at least one annotation on the page; *unplaced* ones
    had no position and are listed in the summary note on page 1; *skipped*
    are the ``info`` findings that could not be evaluated (not marked unless
    asked).  *annotations* counts the highlight and rectangle annotations
    (the summary note excluded); *pages* maps each finding number (1-based,
    in the order of the result) to the pages annotated for it.
    """

    output: Path
    placed: int
    unplaced: int
    skipped: int
    annotations: int
    pages: Mapping[int, tuple[int, ...]] = attrs.field(factory=dict)


@attrs.frozen
class _Glyph:
    page: int
    rect: tuple[float, float, float, float]
    """``(left, bottom, right, top)`` in PDF user space."""


class _TextLayer:
    """The PDF's printed characters, searchable without white space; read page by page.

    Only the pages searched are read, text first (one call per page); the
    boxes of the characters a sentence matched are read afterwards, since
    reading every character's box costs more than all the rest.
    """

    WINDOW: Final = 3
    """Pages searched first, from the page where the sentence's section starts."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2  # noqa: PLC0415 - imported on first use

        self._document = pypdfium2.PdfDocument(data)
        self._textpages: dict[int, Any] = {}
        self._pages: dict[int, tuple[str, list[int]]] = {}
        self.count = len(self._document)

    def close(self) -> None:
        """Release the PDFium document."""
        for textpage in self._textpages.values():
            textpage.close()
        self._textpages.clear()
        self._document.close()

    def _page(self, page: int) -> tuple[str, list[int]]:
        """The page's text without white space, and each character's index on the page."""
        if page not in self._pages:
            textpage = self._document[page - 1].get_textpage()
            self._textpages[page] = textpage
            count = textpage.count_chars()
            text = textpage.get_text_range(0, count) if count else ""
            if len(text) != count:  # characters outside the BMP: no reliable index
                text = ""
            kept = [i for i, char in enumerate(text) if not char.isspace()]
            self._pages[page] = ("".join(text[i] for i in kept), kept)
        return self._pages[page]

    def _glyphs(self, hits: Sequence[tuple[int, int]]) -> list[_Glyph]:
        out: list[_Glyph] = []
        for page, i in hits:
            textpage = self._textpages[page]
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            if right > left and top > bottom:
                out.append(_Glyph(page, (left, bottom, right, top)))
        return out

    def _search(self, needle: str, pages: Sequence[int]) -> list[tuple[int, int]] | None:
        """Where *needle* is in the joined text of *pages*: ``(page, index)`` per character."""
        if not needle:
            return None
        texts = [self._page(p) for p in pages]
        joined = "".join(t for t, _ in texts)
        at = joined.find(needle)
        if at < 0:
            return None
        refs = [(p, i) for p, (_, kept) in zip(pages, texts, strict=True) for i in kept]
        return refs[at : at + len(needle)]

    def find(self, sentence: str, from_page: int | None) -> list[_Glyph]:
        """The glyphs of *sentence* (white space ignored), looked for near *from_page* first.

        When the whole sentence is not found, its longest leading part of at
        least half its length (and 6 characters) is used.
        """
        wanted = _SPACE.sub("", sentence)
        first = min(max(from_page or 1, 1), self.count)
        near = list(range(first, min(first + self.WINDOW, self.count + 1)))
        every = list(range(1, self.count + 1))
        for pages in (near, every):
            for candidate in (wanted, wanted.rstrip(_TRAILING)):
                hits = self._search(candidate, pages)
                if hits is not None:
                    return self._glyphs(hits)
        low, high = 0, len(wanted)
        best: list[tuple[int, int]] | None = None
        while low < high:
            mid = (low + high + 1) // 2
            hits = self._search(wanted[:mid], near) or self._search(wanted[:mid], every)
            if hits is None:
                high = mid - 1
            else:
                low, best = mid, hits
        if best is not None and low >= max(6, len(wanted) // 2):
            return self._glyphs(best)
        return []


def _lines(glyphs: Sequence[_Glyph]) -> Iterator[tuple[int, tuple[float, float, float, float]]]:
    """Group consecutive glyphs into lines: ``(page, (left, bottom, right, top))`` each."""
    current: list[_Glyph] = []
    for glyph in glyphs:
        if current:
            prev = current[-1]
            height = prev.rect[3] - prev.rect[1]
            same = (
                glyph.page == prev.page
                and abs(glyph.rect[1] - prev.rect[1]) < 0.5 * height
                and glyph.rect[0] >= prev.rect[0] - 0.5 * height
            )
            if not same:
                yield current[0].page, _union(g.rect for g in current)
                current = []
        current.append(glyph)
    if current:
        yield current[0].page, _union(g.rect for g in current)


def _union(rects: Iterable[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    xs0, ys0, xs1, ys1 = zip(*rects, strict=True)
    return min(xs0), min(ys0), max(xs1), max(ys1)


def _find_section(sections: Sequence[Section], loc: Location) -> Section | None:
    for section in sections:
        if section.heading == (loc.section or ""):
            if loc.start is not None and loc.sentence is not None:
                if section.text[loc.start : loc.end] == loc.sentence:
                    return section
            elif loc.sentence and loc.sentence in section.text:
                return section
    return None


@attrs.define
class _Placement:
    """A finding's rectangles on one page: precise ones (cells, sentences) and whole tables."""

    precise: list[tuple[float, float, float, float]] = attrs.Factory(list)
    tables: list[tuple[float, float, float, float]] = attrs.Factory(list)


def _user_rect(box: Box, media: Sequence[float]) -> tuple[float, float, float, float]:
    """A loader box (top-left origin of the media box) as a rectangle in PDF user space."""
    left, top = float(media[0]), float(media[3])
    x0, top_y, x1, bottom_y = box
    return left + x0, top - bottom_y, left + x1, top - top_y


def _quad(rect: tuple[float, float, float, float]) -> list[float]:
    x0, y0, x1, y1 = rect
    return [x0, y1, x1, y1, x0, y0, x1, y0]


def annotate_pdf(
    source_pdf: str | os.PathLike[str],
    report: Report,
    result: CheckResult,
    output: str | os.PathLike[str],
    *,
    include_unchecked: bool = False,
    author: str = "govfin",
) -> Annotated:
    """Write a copy of *source_pdf* with the findings of *result* as annotations.

    Args:
        source_pdf: the PDF *report* was loaded from (its cell boxes must be
            this file's).
        report: the report, as :func:`govfin.io.pdf.load_pdf` read it.
        result: the findings to show (:func:`govfin.rules.check` of *report*).
        output: where to write the annotated copy (may not be *source_pdf*).
        include_unchecked: also mark the ``info`` findings that could not be
            evaluated (by default they are only counted in the summary note).
        author: the annotations' author (``/T``).

    Returns:
        What was written: how many findings were placed, unplaced and
        skipped, and how many annotations.

    Raises:
        AnnotateError: when *output* is *source_pdf* (which is never overwritten)
            or pypdf cannot read or write the file.
        OSError: when a file cannot be read or written.
        ModuleNotFoundError: without the ``pdf`` extra (pypdf, pypdfium2).
    """
    from pypdf.annotations import Text  # noqa: PLC0415 - the ``pdf`` extra
    from pypdf.errors import PyPdfError  # noqa: PLC0415
    from pypdf.generic import NameObject, TextStringObject  # noqa: PLC0415

    src, out = Path(source_pdf), Path(output)
    if out.exists() and src.resolve() == out.resolve():
        raise AnnotateError(f"will not overwrite the source PDF {src}; give another output")
    data = src.read_bytes()
    writer = _writer(data, src)
    media = [tuple(float(v) for v in page.mediabox) for page in writer.pages]
    locator = _Locator(report, data, media)
    try:
        placed, skipped, annotations, pages, lost = _annotate(
            writer, locator, result.findings, include_unchecked=include_unchecked, author=author
        )
    finally:
        locator.close()
    if writer.pages:
        left, _bottom, _right, top = media[0]
        note = Text(
            rect=(left + 8, top - 30, left + 28, top - 10),
            text=_summary(result, placed, annotations, skipped, lost),
        )
        note[NameObject("/T")] = TextStringObject(author)
        note[NameObject("/NM")] = TextStringObject("govfin-summary")
        note[NameObject("/Subj")] = TextStringObject("govfin check")
        writer.add_annotation(0, note)
    buffer = io.BytesIO()
    try:
        writer.write(buffer)
    except PyPdfError as exc:  # pragma: no cover - a PDF pypdf reads but cannot write
        raise AnnotateError(f"pypdf cannot write the annotated copy of {src}: {exc}") from exc
    from govfin.io._atomic import write_bytes  # noqa: PLC0415

    write_bytes(out, buffer.getvalue())  # atomic: a failure leaves no half-written file
    return Annotated(out, placed, len(lost), skipped, annotations, pages)


def _writer(data: bytes, src: Path) -> Any:
    """A pypdf writer appending to *data* (an incremental update; a full copy before pypdf 5)."""
    from pypdf import PdfWriter  # noqa: PLC0415 - the ``pdf`` extra
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    try:
        try:
            return PdfWriter(io.BytesIO(data), incremental=True)
        except TypeError:  # pragma: no cover - pypdf before 5.0: a full rewrite instead
            return PdfWriter(clone_from=io.BytesIO(data))
    except PyPdfError as exc:
        raise AnnotateError(f"pypdf cannot read {src}: {exc}") from exc


def _annotate(
    writer: Any,
    locator: _Locator,
    findings: Sequence[Finding],
    *,
    include_unchecked: bool,
    author: str,
) -> tuple[int, int, int, dict[int, tuple[int, ...]], list[Finding]]:
    """Add each finding's annotations; ``(placed, skipped, annotations, pages, unplaced)``."""
    from pypdf.generic import NameObject, TextStringObject  # noqa: PLC0415 - the ``pdf`` extra

    placed = skipped = annotations = 0
    pages: dict[int, tuple[int, ...]] = {}
    lost: list[Finding] = []
    for number, finding in enumerate(findings, 1):
        if finding.is_pass:
            continue
        state = state_of(finding)
        if state == "unchecked" and finding.severity is Severity.INFO and not include_unchecked:
            skipped += 1
            continue
        where = locator.place(finding)
        if not where:
            lost.append(finding)
            continue
        placed += 1
        pages[number] = tuple(sorted(where))
        for page, placement in sorted(where.items()):
            annotation = _annotation(placement, _COLOURS[state])
            annotation[NameObject("/Contents")] = TextStringObject(note_text(finding))
            annotation[NameObject("/T")] = TextStringObject(author)
            annotation[NameObject("/Subj")] = TextStringObject(f"{finding.rule} {finding.title}")
            annotation[NameObject("/NM")] = TextStringObject(f"govfin-f{number}-p{page}")
            writer.add_annotation(page - 1, annotation)
            annotations += 1
    return placed, skipped, annotations, pages, lost


class _Locator:
    """Finds where a finding's locations are on the pages (the text layer read on demand)."""

    def __init__(self, report: Report, data: bytes, media: Sequence[Sequence[float]]) -> None:
        self.sections = report.narrative.sections
        self.data = data
        self.media = media
        self._layer: _TextLayer | None = None

    def close(self) -> None:
        """Release the text layer, if it was read."""
        if self._layer is not None:
            self._layer.close()
            self._layer = None

    @property
    def layer(self) -> _TextLayer:
        if self._layer is None:
            self._layer = _TextLayer(self.data)
        return self._layer

    def place(self, finding: Finding) -> dict[int, _Placement]:
        """The finding's rectangles, by 1-based page (empty when it has no position)."""
        where: dict[int, _Placement] = {}
        for loc in finding.locations:
            if loc.kind == "narrative":
                if not loc.sentence:
                    continue
                section = _find_section(self.sections, loc)
                first = section.provenance.page if section and section.provenance else None
                for page, rect in _lines(self.layer.find(loc.sentence, first)):
                    where.setdefault(page, _Placement()).precise.append(rect)
                continue
            prov = loc.provenance
            if prov is None or prov.page is None or prov.bbox is None:
                continue
            if not 1 <= prov.page <= len(self.media):
                continue
            rect = _user_rect(prov.bbox, self.media[prov.page - 1])
            placement = where.setdefault(prov.page, _Placement())
            if loc.kind in ("cell", "row"):
                placement.precise.append(rect)
            else:
                placement.tables.append(rect)
        return where


def _annotation(placement: _Placement, colour: str) -> Any:
    """A highlight over the precise rectangles, else a rectangle round the tables."""
    from pypdf.annotations import Highlight, Rectangle  # noqa: PLC0415 - the ``pdf`` extra
    from pypdf.constants import AnnotationFlag  # noqa: PLC0415
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject  # noqa: PLC0415

    if placement.precise:
        quads = ArrayObject(FloatObject(round(v, 2)) for r in placement.precise for v in _quad(r))
        return Highlight(
            rect=_union(placement.precise),
            quad_points=quads,
            highlight_color=colour,
            printing=True,
        )
    square = Rectangle(_union(placement.tables), border_color=colour)
    square[NameObject("/F")] = NumberObject(int(AnnotationFlag.PRINT))
    return square


def _summary(
    result: CheckResult, placed: int, annotations: int, skipped: int, lost: Sequence[Finding]
) -> str:
    s = result.summary
    lines = [
        (
            f"govfin check：错误 {s.errors}，警告 {s.warnings}，提示 {s.infos}；"
            f"一致 {s.passes} 项（{s.rules_run} 条规则）"
        ),
        f"已在页面上标注 {placed} 项发现（{annotations} 处）。",
    ]
    if skipped:
        lines.append(f"另有 {skipped} 项“未能核对”的提示未标注。")
    if lost:
        lines.append(f"以下 {len(lost)} 项发现在页面上没有位置：")
        lines.extend(f"- [{_STATE_LABELS[state_of(f)]}] {f.rule} {f.message}" for f in lost)
    return "\n".join(lines)
