"""The PDF character pass compiled (``_pdfium_c.c``): see :mod:`govfin.io._pdf_pdfium`."""

import array
from collections.abc import Iterable

from govfin.io._pdf_layout import Glyph, Segment

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
