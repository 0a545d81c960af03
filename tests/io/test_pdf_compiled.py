"""The compiled PDF passes (``govfin.io._pdfium_c``) read exactly what the Python passes read.

The character pass, the sample of turns and the rule pass exist twice: in C (built on install
wherever a C compiler is found) and in Python (the fallback, and the
reference).  On every page of every PDF the tests hold, read at each quarter
turn, both give the same glyphs and rules to the bit.  CI sets
``GOVFIN_REQUIRE_COMPILED=1``: there a missing extension fails instead of skipping.
"""

from __future__ import annotations

import array
import ctypes
import importlib.util
import os
from pathlib import Path

import pytest

from govfin.io import _pdf_pdfium as P  # noqa: N812 - the module under test, briefly
from govfin.io._pdf_layout import Glyph, Segment

try:
    from govfin.io import _pdfium_c
except ImportError:  # pragma: no cover - built wherever a C compiler is found
    _pdfium_c = None  # type: ignore[assignment]

BUILT = importlib.util.find_spec("govfin.io._pdfium_c") is not None

DATA = Path(__file__).resolve().parent.parent / "data"
ALL = sorted(DATA.rglob("*.pdf"))
QUICK = [p for p in ALL if p.parent.name == "zoo"][:6]


def _compiled_or_skip() -> None:
    if not BUILT:
        if os.environ.get("GOVFIN_REQUIRE_COMPILED"):
            pytest.fail("govfin.io._pdfium_c was not built (GOVFIN_REQUIRE_COMPILED is set)")
        pytest.skip("govfin.io._pdfium_c was not built (no C compiler at install)")


def _compare(path: Path) -> tuple[int, int]:
    pdfium, raw = P.import_pdfium()
    document = pdfium.PdfDocument(path.read_bytes())
    glyphs = rules = 0
    try:
        for index in range(len(document)):
            page = P._Page(raw, raw.FPDF_LoadPage(document, index))
            try:
                textpage = page.get_textpage()
                handle = ctypes.cast(textpage.raw, ctypes.c_void_p)
                units = P._text_units(raw, textpage.raw)
                sampler = P._PageReader(raw, page, index + 1)
                for step in (1, 3, max(1, len(units) // P._SAMPLE)):
                    python_sample = sampler._sample_turns_python(handle, units, step)
                    compiled_sample = _pdfium_c.sample_turns(
                        handle.value, units, sampler.api.char_functions[0], step, P._ASKEW
                    )
                    assert compiled_sample == python_sample, f"{path.name} p{index + 1} /{step}"
                    assert sampler._guess_turn(handle, units, compiled=True) == (
                        sampler._guess_turn(handle, units, compiled=False)
                    )
                for turn in (0, 90, 180, 270):
                    reader = P._PageReader(raw, page, index + 1)
                    reader._turn(turn)
                    python = reader._pass(handle, units, compiled=False)
                    python_unmapped = reader._pass_unmapped
                    compiled = reader._pass(handle, units, compiled=True)
                    where = f"{path.name} p{index + 1} turned {turn}"
                    assert compiled == python, where
                    assert [type(g) for g in compiled[0]] == [type(g) for g in python[0]]
                    assert reader._pass_unmapped == python_unmapped, where
                    glyphs += len(python[0])
                    reader._page_matrix = reader.to_page
                    reader.rules(compiled=False)
                    python_rules = list(reader.segments)
                    reader.segments.clear()
                    reader.rules(compiled=True)
                    assert reader.segments == python_rules, where
                    rules += len(python_rules)
                textpage.close()
            finally:
                page.close()
    finally:
        document.close()
    return glyphs, rules


@pytest.mark.parametrize("path", QUICK, ids=lambda p: p.name)
def test_compiled_passes_equal_python_quick(path: Path) -> None:
    _compiled_or_skip()
    glyphs, _rules = _compare(path)
    assert glyphs > 0


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(DATA)))
def test_compiled_passes_equal_python(path: Path) -> None:
    _compiled_or_skip()
    _compare(path)


def test_compiled_is_used_unless_turned_off() -> None:
    _compiled_or_skip()
    assert P.COMPILED is (not os.environ.get("GOVFIN_PURE_PYTHON"))


def test_compiled_pass_rejects_wrong_arguments() -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    with pytest.raises(TypeError, match="array"):
        _pdfium_c.char_pass(1, array.array("i", [65]), (1, 0, 0, 1, 0, 0), 0, (1, 1, 1, 1),
                              Glyph, (0.88, 0.12, 0.7, 0.2, 3.0))  # fmt: skip
    with pytest.raises(ValueError, match="null"):
        _pdfium_c.char_pass(1, array.array("H", [65]), (1, 0, 0, 1, 0, 0), 0, (0, 1, 1, 1),
                              Glyph, (0.88, 0.12, 0.7, 0.2, 3.0))  # fmt: skip
    with pytest.raises(TypeError, match="tuple type"):
        _pdfium_c.char_pass(1, array.array("H", [65]), (1, 0, 0, 1, 0, 0), 0, (1, 1, 1, 1),
                              dict, (0.88, 0.12, 0.7, 0.2, 3.0))  # type: ignore[arg-type]  # fmt: skip
    with pytest.raises(ValueError, match="step"):
        _pdfium_c.sample_turns(1, array.array("H", [65]), 1, 0, 3.0)
    with pytest.raises(ValueError, match="null"):
        _pdfium_c.sample_turns(1, array.array("H", [65]), 0, 1, 3.0)
    with pytest.raises(TypeError, match="array"):
        _pdfium_c.sample_turns(1, array.array("i", [65]), 1, 1, 3.0)
    with pytest.raises(TypeError, match="fourteen"):
        _pdfium_c.rule_pass(1, (1, 0, 0, 1, 0, 0), (1, 2), (2, 5, 2, 0), Segment, (1.5, 0.5, 5))


@pytest.mark.parametrize("path", QUICK, ids=lambda p: p.name)
def test_compiled_group_lines_equals_python(path: Path) -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    from govfin.io._pdf_layout import _group_lines_python  # noqa: PLC0415
    from govfin.io._pdf_pdfium import read_pages  # noqa: PLC0415

    for page in read_pages(str(path), path.read_bytes()):
        glyphs = list(page.glyphs)
        for part in (glyphs, glyphs[::3], glyphs[::-1], glyphs[:1], []):
            assert _pdfium_c.group_lines(part) == _group_lines_python(part)
