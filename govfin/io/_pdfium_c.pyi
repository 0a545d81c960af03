"""The PDF passes compiled (``_pdfium_c.c``): see :mod:`._pdf_pdfium` and :mod:`._pdf_layout`."""

import array
from collections.abc import Iterable, Sequence

from govfin.io._pdf_layout import BBox, Glyph, Segment

def char_pass(
    page: int | None,
    units: array.array[int],
    to_page: tuple[float, float, float, float, float, float],
    turn: int,
    functions: tuple[int, ...],
    glyph: type[Glyph],
    constants: tuple[float, float, float, float, float],
    /,
) -> tuple[list[Glyph], list[tuple[int, int]], dict[int | None, int], int]: ...
def rule_pass(
    page: int | None,
    to_page: tuple[float, float, float, float, float, float],
    functions: tuple[int, ...],
    kinds: tuple[int, int, int, int],
    segment: type[Segment],
    constants: tuple[float, float, int],
    /,
) -> list[Segment]: ...
def sample_turns(
    page: int | None,
    units: array.array[int],
    get_matrix: int,
    step: int,
    askew_degrees: float,
    /,
) -> dict[int | None, int]: ...
def group_lines(glyphs: Iterable[Glyph], /) -> list[list[Glyph]]: ...
def place(
    glyphs: Sequence[Glyph], xs: Sequence[float], ys: Sequence[float], /
) -> tuple[list[tuple[Glyph, int, int]], set[int], set[int]]: ...
def line_text(glyphs: Sequence[Glyph], /) -> list[tuple[str, BBox]]: ...
def line_string(glyphs: Sequence[Glyph], /) -> str: ...
def cell_text(glyphs: Sequence[Glyph], /) -> str: ...
def cell_texts(
    placed: list[tuple[Glyph, int, int]], roots: list[int], n_cols: int, /
) -> dict[int, str]: ...
def components(segments: Sequence[Segment], /) -> list[list[Segment]]: ...
def merge_segments(segment: type[Segment], segments: Sequence[Segment], /) -> list[Segment]: ...
