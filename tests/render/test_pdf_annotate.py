"""The annotated planted-errors sample, read back with pypdf (pypdfium2 reads the text under)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

pypdf = pytest.importorskip("pypdf")
pdfium = pytest.importorskip("pypdfium2")

from govfin.io import load  # noqa: E402
from govfin.render.pdf_annotate import (  # noqa: E402
    Annotated,
    AnnotateError,
    annotate_pdf,
    note_text,
)
from govfin.report import Report  # noqa: E402
from govfin.rules import CheckResult, Finding, Severity, check  # noqa: E402

SAMPLE = Path(__file__).parents[1] / "data" / "pdf" / "putuo-czj-2024-final-with-planted-errors.pdf"


@pytest.fixture(scope="module")
def sample() -> tuple[Report, CheckResult]:
    report = load(SAMPLE)
    return report, check(report)


@pytest.fixture(scope="module")
def annotated(
    sample: tuple[Report, CheckResult], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Annotated, Any]:
    report, result = sample
    out = tmp_path_factory.mktemp("pdf") / "annotated.pdf"
    done = annotate_pdf(SAMPLE, report, result, out)
    return done, pypdf.PdfReader(out)


def _annotations(reader: Any) -> list[tuple[int, Any]]:
    return [
        (number, ref.get_object())
        for number, page in enumerate(reader.pages, 1)
        for ref in page.get("/Annots") or []
    ]


def _by_finding(reader: Any) -> dict[int, list[tuple[int, Any]]]:
    out: dict[int, list[tuple[int, Any]]] = defaultdict(list)
    for page, annot in _annotations(reader):
        name = str(annot.get("/NM", ""))
        if name.startswith("govfin-f"):
            number = int(name.split("-")[1][1:])
            out[number].append((page, annot))
    return out


def _text_under(path: Path, page: int, rect: list[float]) -> str:
    document = pdfium.PdfDocument(path)
    try:
        textpage = document[page - 1].get_textpage()
        return str(textpage.get_text_bounded(*rect))
    finally:
        document.close()


def _quads(annot: Any) -> list[list[float]]:
    """Each quadrilateral of a highlight as ``[left, bottom, right, top]`` (else the /Rect)."""
    if "/QuadPoints" not in annot:
        return [[float(v) for v in annot["/Rect"]]]
    q = [float(v) for v in annot["/QuadPoints"]]
    return [[q[i + 4], q[i + 5], q[i + 2], q[i + 3]] for i in range(0, len(q), 8)]


def _printed_cells(report: Report) -> dict[tuple[int | None, Any], str]:
    return {
        (cell.provenance.page, cell.provenance.bbox): cell.text
        for table in report.tables
        for row in table.rows
        for cell in row.cells.values()
        if cell.provenance is not None
    }


def _shown(finding: Finding) -> bool:
    return not (finding.severity is Severity.INFO and finding.outcome.value == "not_evaluated")


class TestAnnotatedSample:
    def test_one_annotation_per_located_finding_and_page(
        self, sample: tuple[Report, CheckResult], annotated: tuple[Annotated, Any]
    ) -> None:
        _, result = sample
        done, reader = annotated
        by_finding = _by_finding(reader)
        assert done.placed > 0
        assert set(by_finding) == set(done.pages)
        for number, placed in by_finding.items():
            pages = [page for page, _ in placed]
            assert len(pages) == len(set(pages)), f"finding {number} annotated twice on a page"
            assert tuple(sorted(pages)) == done.pages[number]
            finding = result.findings[number - 1]
            assert _shown(finding)
            for _, annot in placed:
                assert str(annot["/Contents"]) == note_text(finding)
        assert done.annotations == sum(len(a) for a in by_finding.values())

    def test_table_findings_land_on_the_pages_of_their_cells(
        self, sample: tuple[Report, CheckResult], annotated: tuple[Annotated, Any]
    ) -> None:
        _, result = sample
        done, _ = annotated
        checked = 0
        for number, finding in enumerate(result.findings, 1):
            if not _shown(finding) or any(loc.kind == "narrative" for loc in finding.locations):
                continue
            pages = {
                loc.provenance.page
                for loc in finding.locations
                if loc.provenance is not None
                and loc.provenance.page is not None
                and loc.provenance.bbox is not None
            }
            if pages:
                assert done.pages[number] == tuple(sorted(pages))
                checked += 1
            else:
                assert number not in done.pages
        # the sample's located table findings: residues, the 326.71/326.72 error, the empty 三公
        # table (codes the partial bundled catalogue lacks are not evaluated, so not annotated)
        assert checked >= 8

    def test_cell_highlights_cover_the_printed_cells(
        self, sample: tuple[Report, CheckResult], annotated: tuple[Annotated, Any]
    ) -> None:
        report, result = sample
        done, reader = annotated
        printed = _printed_cells(report)
        by_finding = _by_finding(reader)
        checked = 0
        for number, finding in enumerate(result.findings, 1):
            if number not in done.pages:
                continue
            quads = {page: _quads(annot) for page, annot in by_finding[number]}
            for loc in finding.locations:
                prov = loc.provenance
                if loc.kind != "cell" or prov is None or prov.bbox is None or prov.page is None:
                    continue
                x0, top, x1, bottom = prov.bbox
                height = float(reader.pages[prov.page - 1].mediabox[3])
                rect = [x0, height - bottom, x1, height - top]
                assert any(q == pytest.approx(rect, abs=0.01) for q in quads[prov.page])
                text = "".join(_text_under(done.output, prov.page, rect).split())
                assert text == "".join(printed[(prov.page, prov.bbox)].split())
                checked += 1
        assert checked >= 10

    def test_sentence_highlights_cover_the_sentences(
        self, sample: tuple[Report, CheckResult], annotated: tuple[Annotated, Any]
    ) -> None:
        report, result = sample
        done, reader = annotated
        by_finding = _by_finding(reader)
        checked = 0
        for number, finding in enumerate(result.findings, 1):
            sentences = [
                loc.sentence
                for loc in finding.locations
                if loc.kind == "narrative" and loc.sentence
            ]
            if number not in done.pages or not sentences:
                continue
            under = "".join(
                "".join(_text_under(done.output, page, q).split())
                for page, annot in by_finding[number]
                for q in _quads(annot)
            )
            for sentence in sentences:
                assert "".join(sentence.split())[:12] in under
            section_pages = {
                s.provenance.page
                for s in report.narrative.sections
                if s.provenance is not None
                and s.provenance.page is not None
                and s.heading == finding.locations[0].section
            }
            assert section_pages
            assert max(done.pages[number]) >= min(section_pages)
            checked += 1
        assert checked >= 3

    def test_summary_note_on_page_one(
        self, sample: tuple[Report, CheckResult], annotated: tuple[Annotated, Any]
    ) -> None:
        _, result = sample
        done, reader = annotated
        notes = [a for p, a in _annotations(reader) if str(a.get("/NM")) == "govfin-summary"]
        assert len(notes) == 1
        note = notes[0]
        assert note["/Subtype"] == "/Text"
        assert reader.pages[0]["/Annots"][-1].get_object() == note
        contents = str(note["/Contents"])
        assert f"错误 {result.summary.errors}" in contents
        assert f"已在页面上标注 {done.placed} 项发现（{done.annotations} 处）" in contents
        assert contents.count("\n- ") == done.unplaced
        skipped = sum(1 for f in result.findings if not _shown(f))
        assert done.skipped == skipped
        assert done.placed + done.unplaced + done.skipped == len(result.findings)

    def test_the_rest_of_the_document_is_unchanged(self, annotated: tuple[Annotated, Any]) -> None:
        done, reader = annotated
        # an incremental update: the original bytes come first, untouched
        assert done.output.read_bytes().startswith(SAMPLE.read_bytes())
        original = pypdf.PdfReader(SAMPLE)
        assert len(reader.pages) == len(original.pages)
        for mine, theirs in zip(reader.pages, original.pages, strict=True):
            assert mine.get_contents().get_data() == theirs.get_contents().get_data()
            assert mine.mediabox == theirs.mediabox


class TestOptions:
    def test_including_unchecked_findings(
        self, sample: tuple[Report, CheckResult], tmp_path: Path
    ) -> None:
        report, result = sample
        done = annotate_pdf(SAMPLE, report, result, tmp_path / "all.pdf", include_unchecked=True)
        assert done.skipped == 0
        assert done.placed + done.unplaced == len(result.findings)

    def test_the_source_is_never_overwritten(
        self, sample: tuple[Report, CheckResult], tmp_path: Path
    ) -> None:
        report, result = sample
        copy = tmp_path / "copy.pdf"
        copy.write_bytes(SAMPLE.read_bytes())
        digest = hashlib.sha256(copy.read_bytes()).hexdigest()
        with pytest.raises(AnnotateError, match="will not overwrite"):
            annotate_pdf(copy, report, result, copy)
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == digest


class TestPageGeometry:
    """Boxes are read in the page's own space: rotation and an offset media box don't move them."""

    @pytest.mark.parametrize("change", ["rotate", "offset"])
    def test_highlights_stay_on_their_cells(self, change: str, tmp_path: Path) -> None:
        """A rotated page keeps the boxes read from the upright one; an offset box is re-read."""
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(SAMPLE))
        page = writer.pages[7]
        if change == "rotate":
            page.rotate(90)
        else:
            page.mediabox = pypdf.generic.RectangleObject([-40, -20, 842, 595])
            page.cropbox = pypdf.generic.RectangleObject([0, 0, 800, 580])
        source = tmp_path / "changed.pdf"
        writer.write(source)
        report = load(SAMPLE if change == "rotate" else source)
        result = check(report)
        done = annotate_pdf(source, report, result, tmp_path / "out.pdf")
        reader = pypdf.PdfReader(done.output)
        cells = {
            n: loc
            for n, f in enumerate(result.findings, 1)
            for loc in f.locations[:1]
            if loc.kind == "cell" and loc.provenance is not None and loc.provenance.page == 8
        }
        assert cells
        printed_at = _printed_cells(report)
        for number, loc in cells.items():
            (annot,) = [a for p, a in _by_finding(reader)[number] if p == 8]
            printed = "".join(_text_under(done.output, 8, _quads(annot)[0]).split())
            assert loc.provenance is not None
            expected = printed_at[(loc.provenance.page, loc.provenance.bbox)]
            assert printed == "".join(expected.split())
