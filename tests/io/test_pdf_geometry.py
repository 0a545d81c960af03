"""Character geometry that does not trust glyph boxes, and grids checked against pdfplumber.

``tests/data/zoo/putuo-czj-2024-final-em256.pdf`` is the 2024 部门决算 sample
with every font descriptor rewritten to give its ascent and descent in a
256-unit em (220/-36), as some office suites write them
(``scripts/make_em256_fixture.py``).  PDFium's character boxes then shrink to
the glyphs' outlines; the page as printed is unchanged, so the reader must
read exactly the same document from both files.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from govfin.io._pdf_pdfium import ASCENT, DESCENT, read_pages
from govfin.io.pdf import load_pdf, read_pdf
from govfin.tables.raw import RawDocument

pypdfium2 = pytest.importorskip("pypdfium2")

DATA = Path(__file__).parent.parent / "data"
ORIGINAL = DATA / "pdf" / "putuo-czj-2024-final-with-planted-errors.pdf"
EM256 = DATA / "zoo" / "putuo-czj-2024-final-em256.pdf"
SAMPLES = sorted((DATA / "pdf").rglob("*.pdf"))
NO_RULED_TABLE: frozenset[str] = frozenset()
"""Samples whose tables are drawn without any rule (read by text alignment)."""


def _script(name: str) -> ModuleType:
    path = Path(__file__).parent.parent.parent / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _signature(doc: RawDocument) -> list[object]:
    return [
        (t.title, t.number, t.captions, t.notes, [[c.text for c in row] for row in t.rows])
        for t in doc.tables
    ]


class TestFontsWithWrongMetrics:
    def test_pdfium_boxes_really_shrink_in_the_fixture(self) -> None:
        make = _script("make_em256_fixture")
        assert make.shrunk_share(ORIGINAL) == 0.0
        assert make.shrunk_share(EM256) > 0.9

    def test_same_tables_as_the_original(self) -> None:
        original, rewritten = read_pdf(ORIGINAL), read_pdf(EM256)
        assert len(original.tables) == 9
        assert _signature(rewritten) == _signature(original)

    def test_same_titles_captions_and_prose(self) -> None:
        rewritten = read_pdf(EM256)
        titles = [t.title for t in rewritten.tables]
        assert titles[1:4] == ["收入支出决算总表", "收入决算表", "财政拨款收入支出决算总表"]
        assert all("单位：万元" in t.captions for t in rewritten.tables[1:])
        assert [p.text for p in rewritten.paragraphs] == [
            p.text for p in read_pdf(ORIGINAL).paragraphs
        ]

    def test_punctuation_stays_in_its_cell(self) -> None:
        cells = {c.text for t in read_pdf(EM256).tables for row in t.rows for c in row}
        assert "一、一般公共预算财政拨款收入" in cells
        assert not any(re.fullmatch(r"[一、，：；\s]+", c) for c in cells if c)

    def test_same_tables_recognised(self) -> None:
        original, rewritten = load_pdf(ORIGINAL), load_pdf(EM256)
        assert [t.schema for t in rewritten.tables] == [t.schema for t in original.tables]
        assert sum(t.schema is not None for t in rewritten.tables) == 8

    def test_boxes_are_em_boxes_on_the_baseline(self) -> None:
        page = next(p for p in read_pages(str(EM256), EM256.read_bytes()) if p.number == 7)
        thin = [g for g in page.glyphs if g.text in "一、，"]
        # the table text is 10.5 pt: every box is that em, whatever the glyph's outline
        assert thin
        assert {round(g.bottom - g.top, 1) for g in thin} == {10.5}  # 209 x 0.05
        followed = 0
        for glyph in thin:  # and sits on the baseline of the character after it
            after = [
                g for g in page.glyphs if 0 <= g.x0 - glyph.x1 < 1 and abs(g.top - glyph.top) < 5
            ]
            if after:
                followed += 1
                assert min(after, key=lambda g: g.x0).top == pytest.approx(glyph.top, abs=0.01)
        assert followed > len(thin) // 2
        assert ASCENT + DESCENT == 1.0


@pytest.mark.slow
class TestGridsAgainstPdfplumber:
    """Every grid read from every sample PDF, cell by cell, against pdfplumber's tables."""

    @pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
    def test_every_cell(self, path: Path) -> None:
        pytest.importorskip("pdfplumber")
        result = _script("pdf_crosscheck").crosscheck(path)
        assert result.grids > 0 or path.stem in NO_RULED_TABLE
        assert result.mismatches == ()
