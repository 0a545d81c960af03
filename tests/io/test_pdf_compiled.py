"""The compiled PDF passes (``govfin.io._pdfium_c``) read exactly what the Python passes read.

The character pass, the sample of turns and the rule pass exist twice: in C (built on install
wherever a C compiler is found) and in Python (the fallback, and the
reference).  On every page of every PDF the tests hold, read at each quarter
turn, both give the same glyphs and rules to the bit.  So do the layout's
compiled loops (lines, a grid's cells, a line's runs, a cell's text) and their
Python twins in :mod:`govfin.io._pdf_layout`, on those pages' glyphs and grids,
on hand-made grids and on any glyphs.  CI sets ``GOVFIN_REQUIRE_COMPILED=1``:
there a missing extension fails instead of skipping.
"""

from __future__ import annotations

import array
import ctypes
import importlib.util
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.io import _pdf_layout as L  # noqa: N812 - the module under test, briefly
from govfin.io import _pdf_pdfium as P  # noqa: N812 - the module under test, briefly
from govfin.io._pdf_layout import BBox, Glyph, Segment

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


def test_compiled_group_lines_reads_any_glyph_sequence() -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    from govfin.io._pdf_layout import _group_lines_python  # noqa: PLC0415

    # Glyphs (read in place, as tuples), plain tuples, and lists (read as sequences)
    glyphs = _line("收入12", 10.0, 0.0) + _line("ab", 0.0, 3.0) + _line("支出", 5.0, 20.0, 8.0)
    for part in (glyphs, [tuple(g) for g in glyphs], [list(g) for g in glyphs]):
        assert _pdfium_c.group_lines(part) == _group_lines_python(part)  # type: ignore[arg-type]
    with pytest.raises(IndexError):
        _pdfium_c.group_lines([("a", 1.0, 2.0)])  # type: ignore[list-item]


# ---- The layout helpers: the grid's and the lines' loops over glyph tuples. ----


def _same_runs(compiled: list[tuple[str, BBox]], python: list[tuple[str, BBox]]) -> None:
    """The same runs, their boxes made of the same float objects (the glyphs' own)."""
    assert compiled == python
    for (_, box), (_, expected) in zip(compiled, python, strict=True):
        assert all(a is b for a, b in zip(box, expected, strict=True))


Placed = tuple[list[tuple[Glyph, int, int]], set[int], set[int]]


def _same_placing(compiled: Placed, python: Placed) -> None:
    """The same glyphs (the same objects) in the same cells, the same sets in the same order."""
    assert compiled == python
    assert all(a[0] is b[0] for a, b in zip(compiled[0], python[0], strict=True))
    assert list(compiled[1]) == list(python[1])
    assert list(compiled[2]) == list(python[2])


def _same_cell_texts(placed: list[tuple[Glyph, int, int]], n_cols: int, n_rows: int) -> None:
    """The same texts by cell, the atomic cells each their own or merged (each row one cell)."""
    assert _pdfium_c is not None
    for roots in (list(range(n_rows * n_cols)), [i - i % n_cols for i in range(n_rows * n_cols)]):
        compiled = _pdfium_c.cell_texts(placed, roots, n_cols)
        python = L._cell_texts_python(placed, roots, n_cols)
        assert compiled == python
        assert list(compiled) == list(python)


def _same_components(segments: list[Segment]) -> None:
    """The same sets of the same segment objects, in the same order."""
    assert _pdfium_c is not None
    compiled = _pdfium_c.components(segments)
    python = L._components_python(segments)
    assert [[id(s) for s in group] for group in compiled] == [
        [id(s) for s in group] for group in python
    ]


def _same_merging(segments: list[Segment]) -> None:
    """The same merged segments, to the sign of a zero, their ends the segments' own floats."""
    assert _pdfium_c is not None
    compiled = _pdfium_c.merge_segments(Segment, segments)
    python = L._merge_segments_python(segments)
    assert repr(compiled) == repr(python)
    assert [type(s.pos) for s in compiled] == [type(s.pos) for s in python]
    for a, b in zip(compiled, python, strict=True):
        assert a.horizontal is b.horizontal
        assert a.start is b.start
        assert a.end is b.end


def _compare_layout(path: Path) -> int:
    assert _pdfium_c is not None
    from govfin.io._pdf_pdfium import read_pages  # noqa: PLC0415

    grids = 0
    for page in read_pages(str(path), path.read_bytes()):
        glyphs = list(page.glyphs)
        for part in (glyphs, glyphs[::3], glyphs[::-1]):
            for line in L._group_lines_python(part):
                _same_runs(_pdfium_c.line_text(line), L._line_text_python(line))
                assert _pdfium_c.line_string(line) == L._line_string(line)
                assert _pdfium_c.cell_text(line) == L._cell_text_python(line)
        for part in (glyphs, glyphs[::3], glyphs[:40], glyphs[:2], glyphs[:1], []):
            assert _pdfium_c.cell_text(part) == L._cell_text_python(part)
        rules = list(page.segments)
        for pieces in (rules, rules[::-1], [s for s in rules if s.horizontal]):
            _same_merging(pieces)
        merged = [s for s in L._merge_segments(rules) if s.end - s.start > L.SNAP]
        for pieces in (merged, merged[::-1], rules):
            _same_components(pieces)
        for grid in L.find_grids(page.segments, page.glyphs):
            grids += 1
            xs, ys = list(grid.xs), list(grid.ys)
            for part in (glyphs, glyphs[::-1], glyphs[::2], glyphs + glyphs[:50]):
                _same_placing(_pdfium_c.place(part, xs, ys), L._place_python(part, xs, ys))
            placed = L._place(glyphs, xs, ys)[0]
            cells: dict[tuple[int, int], list[Glyph]] = {}
            for g, r, c in placed:
                cells.setdefault((r, c), []).append(g)
            for cell in cells.values():
                assert _pdfium_c.cell_text(cell) == L._cell_text_python(cell)
            _same_cell_texts(placed, len(xs) - 1, len(ys) - 1)
    return grids


@pytest.mark.parametrize("path", QUICK, ids=lambda p: p.name)
def test_compiled_layout_equals_python_quick(path: Path) -> None:
    _compiled_or_skip()
    _compare_layout(path)


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(DATA)))
def test_compiled_layout_equals_python(path: Path) -> None:
    _compiled_or_skip()
    _compare_layout(path)


def test_compiled_layout_is_used_unless_turned_off() -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    on = not os.environ.get("GOVFIN_PURE_PYTHON")
    assert (L._place_glyphs is _pdfium_c.place) is on
    assert (L._line_text is _pdfium_c.line_text) is on
    assert (L._cell_text is _pdfium_c.cell_text) is on
    assert (L._cell_texts is _pdfium_c.cell_texts) is on
    assert (L._components is _pdfium_c.components) is on
    assert (L._merge_segments is not L._merge_segments_python) is on
    assert L._CROSS == 0.25  # (the compiled place's CROSS)
    assert L.SNAP == 2.0  # (the compiled components' SNAP)


def _line(text: str, x: float, top: float, em: float = 10.0) -> list[Glyph]:
    return [Glyph(ch, x + i * em, top, x + (i + 1) * em, top + em) for i, ch in enumerate(text)]


XS = [54.0, 117.0, 295.5]
YS = [105.7, 117.0, 128.2, 139.4]

# Hand-made grids' text (tests/io/test_pdf_overflow.py): lines crossing a row rule,
# over the top rule, glyphs outside the grid, on a rule exactly.
PLACINGS = {
    "crossing": _line("功能分类科目编", 56.6, 101.7, 8.2) + _line("码", 81.4, 113.7, 8.2),
    "over the top": _line("功能分类科目编", 56.6, 100.0, 8.2) + _line("栏次", 77.3, 119.0, 8.2),
    "under the bottom": _line("合计", 56.0, 136.0, 8.2) + _line("注", 200.0, 150.0),
    "beside": _line("左", 30.0, 110.0) + _line("右", 300.0, 110.0) + _line("上", 60.0, 80.0),
    "on the rules": [
        Glyph("1", 107.0, 112.0, 127.0, 122.0),  # centre (117.0, 117.0): the inner rules
        Glyph("2", 44.0, 100.7, 64.0, 110.7),  # centre on the left and the top rule
        Glyph("3", 285.5, 134.4, 305.5, 144.4),  # on the right and the bottom rule
    ],
    "reach on the rules": [  # a quarter of the height (2.5) past a rule exactly: not crossing
        Glyph("4", 60.0, 109.5, 70.0, 119.5),  # 119.5 = 117.0 + 2.5, its centre over 117.0
        Glyph("5", 60.0, 114.5, 70.0, 124.5),  # 114.5 = 117.0 - 2.5, its centre under
        Glyph("6", 60.0, 92.5, 70.0, 102.5),  # 102.5 = 100.0 + 2.5, its centre over 100.0
        Glyph("7", 60.0, 147.5, 70.0, 157.5),  # 147.5 = 150.0 - 2.5, its centre under 150.0
    ],
    "empty": [],
}


@pytest.mark.parametrize("name", list(PLACINGS))
def test_compiled_place_equals_python_on_hand_made_grids(name: str) -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    glyphs = PLACINGS[name]
    for xs, ys in ((XS, YS), (XS[:2], YS[:2]), (XS, [100.0, 150.0])):
        for part in (glyphs, glyphs[::-1], glyphs + glyphs):
            _same_placing(_pdfium_c.place(part, xs, ys), L._place_python(part, xs, ys))
            _same_cell_texts(L._place(part, xs, ys)[0], len(xs) - 1, len(ys) - 1)


def test_compiled_place_finds_the_crossings() -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    placed, outside, crossing = _pdfium_c.place(PLACINGS["on the rules"], XS, YS)
    assert [(g.text, r, c) for g, r, c in placed] == [("1", 1, 1), ("2", 0, 0), ("3", 2, 1)]
    assert (outside, crossing) == (set(), {1})  # ("1" crosses the rule at 117.0)
    glyphs = PLACINGS["over the top"]
    placed, outside, crossing = _pdfium_c.place(glyphs, XS, YS)
    assert outside == {id(g) for g in glyphs[:7]}
    assert crossing == {0}
    assert _pdfium_c.place([], XS, YS) == ([], set(), set())


_COORDINATE = st.one_of(st.integers(0, 80).map(lambda k: k * 2.5), st.floats(-10.0, 210.0))
_TEXT = st.sampled_from(
    ["1", "0", ".", ",", "-", "+", "%", "(", "（", "）", "－", "—", "a", "Z", "é", "收", "入",
     " ", "\u3000", "12", "", "ab", "𠀋"]
)  # fmt: skip


@st.composite
def _glyph(draw: st.DrawFn) -> Glyph:
    x0, top = draw(_COORDINATE), draw(_COORDINATE)
    # sizes on the coordinates' steps too (a glyph's edge, or its reach, on a rule exactly)
    width, height = draw(st.sampled_from([5.0, 10.0, 0.0])), draw(st.sampled_from([10.0, 4.0]))
    if draw(st.booleans()):
        width, height = draw(st.floats(-1.0, 30.0)), draw(st.floats(0.0, 15.0))
    return Glyph(draw(_TEXT), x0, top, x0 + width, top + height)


_GLYPHS = st.lists(_glyph(), max_size=90)
_RULES = st.lists(_COORDINATE, min_size=2, max_size=6).map(sorted)


@given(glyphs=_GLYPHS, xs=_RULES, ys=_RULES)
@settings(max_examples=300, deadline=None)
def test_compiled_place_equals_python_on_any_glyphs(
    glyphs: list[Glyph], xs: list[float], ys: list[float]
) -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    _same_placing(_pdfium_c.place(glyphs, xs, ys), L._place_python(glyphs, xs, ys))
    _same_cell_texts(L._place(glyphs, xs, ys)[0], len(xs) - 1, len(ys) - 1)


_SEGMENT = st.builds(
    Segment, st.booleans(), _COORDINATE, _COORDINATE, _COORDINATE
)  # (start after end sometimes: a segment reaching nothing)


@given(segments=st.lists(_SEGMENT, max_size=40))
@settings(max_examples=300, deadline=None)
def test_compiled_components_equal_python_on_any_segments(segments: list[Segment]) -> None:
    _compiled_or_skip()
    _same_components(segments)


# (few places: pieces of one line often alike, -0.0 beside 0.0; ints summed as ints)
_PLACE = st.one_of(
    st.sampled_from([0.0, -0.0, 0.1, 0.2, 0.3, 2.3, 4.5, 7.0]), st.integers(0, 9), _COORDINATE
)
_PIECE = st.builds(Segment, st.booleans(), _PLACE, _PLACE, _PLACE)


@given(segments=st.lists(_PIECE, max_size=40))
@settings(max_examples=300, deadline=None)
def test_compiled_merging_equals_python_on_any_segments(segments: list[Segment]) -> None:
    _compiled_or_skip()
    _same_merging(segments)


def test_compiled_merging_on_hand_made_rules() -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    # a rule drawn in three pieces (touching within SNAP exactly, once not), at three positions
    pieces = [Segment(True, 10.1, 0.0, 10.0), Segment(True, 10.2, 12.0, 20.0)]
    pieces += [Segment(True, 10.3, 22.5, 30.0), Segment(False, 5.0, 0.0, 1.0)]
    merged = _pdfium_c.merge_segments(Segment, pieces)
    assert merged == [
        Segment(True, sum([10.1, 10.2, 10.3]) / 3, 0.0, 20.0),
        Segment(True, sum([10.1, 10.2, 10.3]) / 3, 22.5, 30.0),
        Segment(False, 5.0, 0.0, 1.0),
    ]
    _same_merging(pieces)
    # alike pieces: the one first by position starts the merged rule (-0.0 or 0.0: its own)
    alike = [Segment(True, 10.5, -0.0, 5.0), Segment(True, 10.0, 0.0, 5.0)]
    assert repr(_pdfium_c.merge_segments(Segment, alike)[0].start) == "0.0"
    _same_merging(alike)
    odd = Segment(1, 5.0, 0.0, 1.0)  # type: ignore[arg-type]  # (neither True nor False: left out)
    assert _pdfium_c.merge_segments(Segment, [odd]) == L._merge_segments_python([odd]) == []
    assert _pdfium_c.merge_segments(Segment, []) == []
    with pytest.raises(AttributeError):
        _pdfium_c.merge_segments(Segment, [("h", 1.0, 2.0, 3.0)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="real number"):
        _pdfium_c.merge_segments(Segment, [Segment(True, 1.0, "2", 3.0)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="segment type"):
        _pdfium_c.merge_segments(None, pieces)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="iterable"):
        _pdfium_c.merge_segments(Segment, None)  # type: ignore[arg-type]


def test_compiled_components_on_hand_made_rules() -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    # two tables (a vertical reaching a horizontal's end within SNAP exactly), a stray rule
    segments = [Segment(True, 10.0, 0.0, 100.0), Segment(False, 102.0, 10.0, 50.0)]
    segments += [Segment(True, 50.0, 0.0, 100.0), Segment(False, 0.0, 52.0, 80.0)]
    segments += [Segment(True, 300.0, 0.0, 50.0), Segment(False, 20.0, 302.1, 400.0)]
    groups = _pdfium_c.components(segments)
    assert [[segments.index(s) for s in group] for group in groups] == [[0, 1, 2, 3], [4], [5]]
    _same_components(segments)
    assert _pdfium_c.components([]) == []
    with pytest.raises(AttributeError):
        _pdfium_c.components([("h", 1.0, 2.0, 3.0)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="real number"):
        _pdfium_c.components([Segment(True, "1", 2.0, 3.0)])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="iterable"):
        _pdfium_c.components(None)  # type: ignore[arg-type]


@given(glyphs=_GLYPHS)
@settings(max_examples=300, deadline=None)
def test_compiled_lines_equal_python_on_any_glyphs(glyphs: list[Glyph]) -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    _same_runs(_pdfium_c.line_text(glyphs), L._line_text_python(glyphs))
    if glyphs:
        assert _pdfium_c.line_string(glyphs) == L._line_string(glyphs)
    assert _pdfium_c.cell_text(glyphs) == L._cell_text_python(glyphs)


def test_compiled_lines_keep_the_order_of_equal_positions() -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    # a long line (sorted otherwise than a short one) with many glyphs at one x0
    texts = "收入12.5,ab（）—"
    glyphs = [
        Glyph(texts[i % len(texts)], float(i * 37 % 50), 0.0, float(i * 37 % 50) + 9.0, 10.0)
        for i in range(300)
    ]
    for part in (glyphs, glyphs[:64], glyphs[:65], glyphs[::-1]):
        _same_runs(_pdfium_c.line_text(part), L._line_text_python(part))
        assert _pdfium_c.line_string(part) == L._line_string(part)
        assert _pdfium_c.cell_text(part) == L._cell_text_python(part)


def test_compiled_layout_rejects_wrong_arguments() -> None:
    _compiled_or_skip()
    assert _pdfium_c is not None
    glyph = Glyph("a", 60.0, 110.0, 70.0, 115.0)
    with pytest.raises(ValueError, match="xs must hold at least two rules"):
        _pdfium_c.place([glyph], [1.0], YS)
    with pytest.raises(ValueError, match="ys must hold at least two rules"):
        _pdfium_c.place([glyph], XS, [])
    with pytest.raises(TypeError, match="tuple of five"):
        _pdfium_c.place([("a", 60.0, 110.0, 70.0)], XS, YS)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="real number"):
        _pdfium_c.place([("a", "60", 110.0, 70.0, 115.0)], XS, YS)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="iterable"):
        _pdfium_c.place(5, XS, YS)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="sequence of numbers"):
        _pdfium_c.place([glyph], 5, YS)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str"):
        _pdfium_c.line_text([glyph, (1, 60.0, 110.0, 70.0, 115.0)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="tuple of five"):
        _pdfium_c.line_string([glyph, [glyph]])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="at least one glyph"):
        _pdfium_c.line_string([])
    with pytest.raises(TypeError, match="tuple of five"):
        _pdfium_c.cell_text([("a",)])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="iterable"):
        _pdfium_c.cell_text(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="list"):
        _pdfium_c.cell_texts((), [0], 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"\(glyph, row, col\)"):
        _pdfium_c.cell_texts([(glyph, 0)], [0], 1)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="integer"):
        _pdfium_c.cell_texts([(glyph, 0.0, 0)], [0], 1)  # type: ignore[list-item]
    with pytest.raises(IndexError, match=r"cell \(1, 0\) is outside the grid"):
        _pdfium_c.cell_texts([(glyph, 1, 0)], [0], 1)
    assert _pdfium_c.cell_texts([], [], 3) == {}
    assert _pdfium_c.line_text([]) == []
    assert _pdfium_c.cell_text(()) == ""
    assert _pdfium_c.cell_text([Glyph(" 收 ", 0.0, 0.0, 1.0, 1.0)]) == "收"
