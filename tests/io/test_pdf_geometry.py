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
import itertools
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from govfin.io._pdf_layout import Glyph, Segment, find_grids
from govfin.io._pdf_pdfium import ASCENT, DESCENT, read_pages
from govfin.io.pdf import load_pdf, read_pdf
from govfin.tables.raw import RawDocument

pypdfium2 = pytest.importorskip("pypdfium2")

DATA = Path(__file__).parent.parent / "data"
ORIGINAL = DATA / "pdf" / "putuo-czj-2024-final-with-planted-errors.pdf"
EM256 = DATA / "zoo" / "putuo-czj-2024-final-em256.pdf"
SAMPLES = sorted((DATA / "pdf").rglob("*.pdf"))
NO_RULED_TABLE = frozenset(
    {
        "jiangsu-shengweibgt-2017-budget",
        "jiangsu-shengweibgt-2018-budget",
        "jiangsu-zhengxie-2017-budget",
        "jiangsu-zhengxie-2018-budget",
    }
)
"""The narrative halves of two-file reports: prose only, their tables are in the other file."""


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


PDFPLUMBER_MISREADS = {
    # The cover is a picture in a ruled frame: pdfplumber's lattice finder takes the
    # frame for a one-cell table holding the cover's title; govfin sees no grid.
    ("jiangsu-jianchayuan-2018-budget", "p1: pdfplumber only '江苏省人民检察院2018年部门预算'"),
    # 财政拨款收支总表 continued from the page before: its header cells 项目名称 and 金额
    # have no rule on top (Word breaks the table there; only 支出用途 is ruled above).
    # The column rules close them on the printed page; pdfplumber needs a rule on
    # every side and drops both cells.
    ("jiangsu-gaoyuan-2018-budget", "p11: govfin only '项目名称'"),
    ("jiangsu-gaoyuan-2018-budget", "p11: govfin only '金额'"),
}
"""Mismatches where pdfplumber misreads the printed page (checked by rendering it)."""


@pytest.mark.slow
class TestGridsAgainstPdfplumber:
    """Every grid read from every sample PDF, cell by cell, against pdfplumber's tables."""

    @pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
    def test_every_cell(self, path: Path) -> None:
        pytest.importorskip("pdfplumber")
        result = _script("pdf_crosscheck").crosscheck(path)
        assert result.grids > 0 or path.stem in NO_RULED_TABLE
        known = {m for stem, m in PDFPLUMBER_MISREADS if stem == path.stem}
        assert set(result.mismatches) == known

    def test_open_rows_are_read(self) -> None:
        """A table broken over pages with no rule at the break keeps its first row."""
        path = DATA / "pdf" / "jiangsu" / "jiangsu-gaoyuan-2017-budget.pdf"
        table = next(t for t in read_pdf(path).tables if t.title.endswith("收支预算总表"))
        texts = [[c.text for c in row] for row in table.rows]
        assert ["二、财政专户管理资金", "", "四、公共安全支出", "23,513.11", "", ""] in texts


def _glyphs(text: str, x: float, y: float, size: float = 10.0) -> list[Glyph]:
    return [Glyph(ch, x + i * size, y, x + (i + 1) * size, y + size) for i, ch in enumerate(text)]


class TestRowsOnlyRuling:
    """Tables ruled between their rows only: columns where the rule pieces end."""

    @staticmethod
    def _rules(ys: list[float], cuts: list[float]) -> list[Segment]:
        return [Segment(True, y, a, b) for y in ys for a, b in itertools.pairwise(cuts)]

    def test_columns_from_where_rule_pieces_end(self) -> None:
        rules = self._rules([0.0, 20.0, 40.0, 60.0], [0.0, 100.0, 150.0, 250.0])
        glyphs = _glyphs("项目", 2, 5) + _glyphs("行次", 102, 5) + _glyphs("决算数", 152, 5)
        glyphs += _glyphs("事业收入", 2, 25) + _glyphs("5", 102, 25) + _glyphs("112.09", 152, 25)
        (grid,) = find_grids(rules, glyphs)
        assert grid.xs == (0.0, 100.0, 150.0, 250.0)
        texts = {(c.row, c.col): c.text for c in grid.cells}
        assert texts[(0, 2)] == "决算数"
        assert texts[(1, 0)] == "事业收入"
        assert texts[(1, 2)] == "112.09"

    def test_merged_header_over_columns(self) -> None:
        rules = [Segment(True, 0.0, 0.0, 250.0)]  # the header cell's top rule runs across
        rules += self._rules([20.0, 40.0, 60.0], [0.0, 100.0, 150.0, 250.0])
        glyphs = _glyphs("收入", 2, 5) + _glyphs("一般", 2, 25) + _glyphs("1", 102, 25)
        (grid,) = find_grids(rules, glyphs)
        header = next(c for c in grid.cells if c.row == 0)
        assert (header.colspan, header.text) == (3, "收入")

    def test_underlines_in_prose_are_no_table(self) -> None:
        # fill-in blanks under figures on three lines, ending at the same places
        rules = [Segment(True, y, a, a + 60) for y in (10.0, 30.0, 50.0) for a in (80.0, 200.0)]
        glyphs = _glyphs("预算合计", 0, 0) + _glyphs("万元", 150, 20)
        assert find_grids(rules, glyphs) == []
