"""Read a PDF's text layer and ruling lines with pypdfium2 (PDFium; Apache-2.0/BSD).

The only module that touches the PDF library.  It yields one
:class:`~govfin.io._pdf_layout.PageContent` per page: every printed
character with its box, and every straight stroke or rectangle edge, in PDF
points from the top-left corner of the page turned so that its text reads
upright: the media box turned by the quarter turn that most of its characters
need (their baseline's direction, from PDFium's character matrix).  That is
the page's ``/Rotate`` for a landscape table drawn sideways on a portrait page
and turned upright by ``/Rotate``; it is no turn at all for upright text on a
page whose ``/Rotate`` shows it sideways (the text reads the same however the
viewer turns the page); and it turns content drawn sideways by its own matrix.
Characters drawn at another angle (a watermark, a sideways label) are kept
apart (:attr:`PageContent.askew`), never mixed into the upright text.  (The
loader records boxes back in the page's own space: see
:meth:`PageContent.unrotate`.)  PDFium reads the text layer about 25 times
faster than pdfminer (see ``benchmarks/bench_pdf.py``).
"""

from __future__ import annotations

import array
import ctypes
import itertools
import math
import struct
import sys
from collections import Counter
from collections.abc import Iterator
from types import ModuleType
from typing import Any, cast

from govfin.errors import LoadError
from govfin.io._compiled import COMPILED
from govfin.io._compiled import compiled as _extension
from govfin.io._pdf_layout import Glyph, PageContent, Segment

__all__ = ["ASCENT", "COMPILED", "DESCENT", "import_pdfium", "read_pages"]

_MIN_LINE = 0.5
"""Path pieces shorter than this (points) are dots, not rules."""

_ASKEW = 3.0
"""Degrees a baseline may lean off a quarter turn and still count as on it."""


ASCENT = 0.88
"""The part of the em above the baseline in a character's box (CJK fonts: 0.88)."""

DESCENT = 0.12
"""The part of the em below the baseline in a character's box."""

_THIN = 1.5
"""A path at most this thick (points) is a rule: a line, or a bar filled as a line."""

_SIMPLE = 5
"""A path of at most this many segments is one piece or one rectangle."""

_SAMPLE = 32
"""How many characters of a page are sampled to guess its turn before reading it."""

_STEP_MAX = 0.7
"""The longest step (in ems) to the next character taken for a narrow character's advance."""

_NARROW_MIN = 0.2
"""The least width (in ems) given to a narrow character whatever its measured box."""

_BLANKS = frozenset(c for c in range(0x7F, 0x3001) if chr(c).isspace())
"""Blank characters above ASCII (no-break space, ideographic space ...): not printed."""

_RARE = _BLANKS | frozenset(
    itertools.chain(range(0x7F, 0xA0), range(0xD800, 0xDC00), range(0xE000, 0xF900), [0xFFFD])
)
"""The characters above ASCII that the character pass treats apart: blank, a surrogate, unmapped."""

_VALUES = struct.Struct("=4f8x2d")
"""The buffer the character pass reads PDFium's answers from: the character's matrix
(``FS_MATRIX``: a, b, c, d read, e, f skipped), then its origin (two doubles)."""

_ORIGIN = 24
"""Where the origin starts in the :data:`_VALUES` buffer (after the six floats of the matrix)."""


def _wide(code: int) -> bool:
    """Whether a character of *code* is full width (advances one em in a CJK font).

    >>> _wide(ord("一")), _wide(ord("：")), _wide(ord("7")), _wide(ord("“"))
    (True, True, False, False)
    """
    return (
        0x2E80 <= code < 0xA4D0
        or 0xAC00 <= code < 0xD7A4
        or 0xF900 <= code < 0xFB00
        or 0xFE30 <= code < 0xFE50
        or 0xFF01 <= code < 0xFF61
        or 0xFFE0 <= code < 0xFFE7
        or 0x20000 <= code < 0x3FFFE
    )


def import_pdfium() -> tuple[ModuleType, ModuleType]:
    """Import pypdfium2 and its raw bindings, with a clear message when they are missing.

    Raises:
        ModuleNotFoundError: saying how to reinstall govfin (pypdfium2 is a dependency).
    """
    try:
        import pypdfium2  # noqa: PLC0415 - optional back end, imported on first use
        import pypdfium2.raw  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ModuleNotFoundError(
            "reading PDF files needs pypdfium2, a dependency of govfin: reinstall govfin "
            "(pip install govfin, or from a checkout of the repository: pip install -e .)",
            name="pypdfium2",
        ) from exc
    return pypdfium2, pypdfium2.raw


class _Handle(ctypes.c_void_p):
    """A PDFium handle (page object, path segment) as returned: a ctypes pointer, not an int.

    A subclass of ``c_void_p`` is not turned into a Python ``int`` when
    returned, so it is passed on to the next call as a pointer without
    declared argument types (a plain ``int`` would be passed as a C ``int``).
    """


def _fast(choice: bool | None) -> ModuleType | None:
    """The compiled helpers, when *choice* (default: :data:`COMPILED`) asks and they are built."""
    return _extension if (COMPILED if choice is None else choice) else None


def _addresses(*functions: Any) -> tuple[int, ...]:
    """The addresses of PDFium *functions* (ctypes functions), for the compiled passes."""
    return tuple(ctypes.cast(func, ctypes.c_void_p).value or 0 for func in functions)


class _Api:
    """PDFium functions called per character or per path object, with lean prototypes.

    pypdfium2's bindings check every argument against its declared pointer
    type; called a few hundred thousand times per document that checking
    costs more than PDFium's own work.  These are the same C functions
    (taken by address from pypdfium2's bindings, cdecl as they are loaded)
    with no argument types declared: every argument passed is a ctypes object
    (a handle, a pointer made by ``byref``) or a small ``int`` (two to three
    times cheaper per call).  Functions returning a handle return it as a
    :class:`_Handle`, ready to be passed on as it is.
    """

    def __init__(self, raw: Any) -> None:
        def lean(func: Any, restype: Any, argtypes: list[Any] | None) -> Any:
            address = ctypes.cast(func, ctypes.c_void_p).value
            fast = ctypes.CFUNCTYPE(restype)(address or 0)
            setattr(fast, "argtypes", argtypes)  # noqa: B010 - None is not in ctypes' stubs
            return fast

        h, i, d = _Handle, ctypes.c_int, ctypes.c_double
        self.char_origin = lean(raw.FPDFText_GetCharOrigin, i, None)
        self.char_matrix = lean(raw.FPDFText_GetMatrix, i, None)
        self.font_size = lean(raw.FPDFText_GetFontSize, d, None)
        self.loose_box = lean(raw.FPDFText_GetLooseCharBox, i, None)
        self.page_object = lean(raw.FPDFPage_GetObject, h, None)
        self.form_object = lean(raw.FPDFFormObj_GetObject, h, None)
        self.form_count = lean(raw.FPDFFormObj_CountObjects, i, None)
        self.object_type = lean(raw.FPDFPageObj_GetType, i, None)
        self.object_matrix = lean(raw.FPDFPageObj_GetMatrix, i, None)
        self.object_bounds = lean(raw.FPDFPageObj_GetBounds, i, None)
        self.fill_colour = lean(raw.FPDFPageObj_GetFillColor, i, None)
        self.draw_mode = lean(raw.FPDFPath_GetDrawMode, i, None)
        self.segment_count = lean(raw.FPDFPath_CountSegments, i, None)
        self.segment = lean(raw.FPDFPath_GetPathSegment, h, None)
        self.segment_point = lean(raw.FPDFPathSegment_GetPoint, i, None)
        self.segment_type = lean(raw.FPDFPathSegment_GetType, i, None)
        self.segment_close = lean(raw.FPDFPathSegment_GetClose, i, None)
        self.char_functions = _addresses(
            raw.FPDFText_GetMatrix,
            raw.FPDFText_GetCharOrigin,
            raw.FPDFText_GetFontSize,
            raw.FPDFText_GetLooseCharBox,
        )
        """The addresses of the four functions of the compiled character pass."""
        self.rule_functions = _addresses(
            raw.FPDFPage_CountObjects,
            raw.FPDFPage_GetObject,
            raw.FPDFFormObj_CountObjects,
            raw.FPDFFormObj_GetObject,
            raw.FPDFPageObj_GetType,
            raw.FPDFPageObj_GetMatrix,
            raw.FPDFPageObj_GetBounds,
            raw.FPDFPageObj_GetFillColor,
            raw.FPDFPath_GetDrawMode,
            raw.FPDFPath_CountSegments,
            raw.FPDFPath_GetPathSegment,
            raw.FPDFPathSegment_GetPoint,
            raw.FPDFPathSegment_GetType,
            raw.FPDFPathSegment_GetClose,
        )
        """The addresses of the fourteen functions of the compiled rule pass."""
        self.rule_kinds = (
            int(raw.FPDF_PAGEOBJ_PATH),
            int(raw.FPDF_PAGEOBJ_FORM),
            int(raw.FPDF_SEGMENT_MOVETO),
            int(raw.FPDF_SEGMENT_LINETO),
        )
        """PDFium's codes of a path and a form object, of a move and of a line."""


_API: list[_Api] = []


def _api(raw: Any) -> _Api:
    """The lean prototypes, made once."""
    if not _API:
        _API.append(_Api(raw))
    return _API[0]


def _unmapped(code: int) -> bool:
    """Whether *code* is what a font without a Unicode map yields (control, private, U+FFFD)."""
    return code < 0x20 or 0x7F <= code < 0xA0 or 0xE000 <= code < 0xF900 or code == 0xFFFD


def _quarter(a: float, b: float) -> int | None:
    """The quarter turn (clockwise degrees) that puts a baseline along *(a, b)* upright.

    *(a, b)* is the direction of the baseline in PDF user space (y up), the
    first row of the character's matrix; ``None`` when it runs askew (more
    than :data:`_ASKEW` degrees off every quarter turn).

    >>> _quarter(1.0, 0.0), _quarter(0.0, 1.0), _quarter(0.0, -1.0), _quarter(1.0, 1.0)
    (0, 90, 270, None)
    """
    angle = math.degrees(math.atan2(b, a))
    turns = round(angle / 90.0)
    if abs(angle - 90.0 * turns) > _ASKEW:
        return None
    return (turns * 90) % 360


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying *inner* first, then *outer*."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _text_units(raw: Any, handle: Any) -> array.array[int]:
    """The UTF-16 units of a text page, one per character index, fetched in one call."""
    n = raw.FPDFText_CountChars(handle)
    if n <= 0:
        return array.array("H")
    units = array.array("H", bytes(2 * (n + 1)))  # PDFium writes a NUL after the text
    address = units.buffer_info()[0]
    raw.FPDFText_GetText(handle, 0, n, ctypes.cast(address, ctypes.POINTER(ctypes.c_ushort)))
    units.pop()
    if sys.byteorder == "big":  # pragma: no cover - PDFium writes UTF-16LE
        units.byteswap()
    return units


class _PageReader:
    """Walks one page's objects and text page."""

    def __init__(self, raw: Any, page: Any, number: int) -> None:
        self.raw = raw
        self.page = page
        self.number = number
        left, bottom, right, top = page.get_mediabox()
        self.left = float(left)
        self.top = float(top)
        self.raw_width = float(right - left)
        self.raw_height = float(top - bottom)
        self.rotation = 0
        self.width = self.height = 0.0
        self._turn(int(page.get_rotation()) % 360)
        self.segments: list[Segment] = []
        self.askew: list[Glyph] = []
        self.unmapped = 0
        self._pass_unmapped = 0
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        self._mode = (fill, stroke, ctypes.byref(fill), ctypes.byref(stroke))
        colour = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
        self._colour = (colour, tuple(ctypes.byref(v) for v in colour))
        box = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        self._bounds = (box, tuple(ctypes.byref(v) for v in box))
        self._page_matrix = self.to_page
        self.api: _Api = _api(raw) if raw is not None else cast("_Api", None)  # (doctests)

    def _turn(self, rotation: int) -> None:
        """Read the page turned clockwise by *rotation* degrees (a quarter turn)."""
        self.rotation = rotation
        turned = rotation in (90, 270)
        self.width = self.raw_height if turned else self.raw_width
        self.height = self.raw_width if turned else self.raw_height
        left, top, w, h = self.left, self.top, self.raw_width, self.raw_height
        # user space (y up) to the turned page, from its top-left corner (y down)
        if rotation == 90:
            self.to_page: _Matrix = (0.0, 1.0, 1.0, 0.0, h - top, -left)
        elif rotation == 180:
            self.to_page = (-1.0, 0.0, 0.0, 1.0, w + left, h - top)
        elif rotation == 270:
            self.to_page = (0.0, -1.0, -1.0, 0.0, top, w + left)
        else:
            self.to_page = (1.0, 0.0, 0.0, -1.0, -left, top)

    def _display(self, x: float, y: float) -> tuple[float, float]:
        """A point of PDF user space on the page turned by :attr:`rotation` (text upright).

        The result is measured from the top-left corner of the turned page.

        >>> class _Page:
        ...     def get_mediabox(self): return (0, 0, 842, 595)
        ...     def get_rotation(self): return 90
        >>> reader = _PageReader(None, _Page(), 1)
        >>> reader._display(10, 585), reader.width
        ((585.0, 10.0), 595.0)
        """
        a, b, c, d, e, f = self.to_page
        return a * x + c * y + e, b * x + d * y + f

    def _add(self, p: tuple[float, float], q: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p, q
        dx, dy = abs(x1 - x0), abs(y1 - y0)
        if dy <= 0.1 * max(dx, 1.0) and dx >= _MIN_LINE:
            self.segments.append(Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif dx <= 0.1 * max(dy, 1.0) and dy >= _MIN_LINE:
            self.segments.append(Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def _visible(self, obj: _Handle) -> bool:
        api = self.api
        fill, stroke, fill_ref, stroke_ref = self._mode
        if not api.draw_mode(obj, fill_ref, stroke_ref):
            return True
        filled, stroked = fill.value, stroke.value
        if not filled and not stroked:
            return False
        if filled and not stroked:
            (r, g, b, _), refs = self._colour
            ok = api.fill_colour(obj, *refs)
            if ok and min(r.value, g.value, b.value) >= 250:
                return False  # a white patch, not a rule
        return True

    def _matrix(self, obj: _Handle) -> _Matrix:
        """The matrix of page object *obj*."""
        fm = self.raw.FS_MATRIX()
        if self.api.object_matrix(obj, ctypes.byref(fm)):
            return (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)
        return _IDENTITY

    def _thin(self, obj: _Handle, outer: _Matrix) -> bool:
        """Add *obj* as one rule from its bounds when it is a thin line or bar; say if it was.

        Only for a path of a single piece or rectangle (at most five
        segments), whose bounds are then its shape: one call instead of
        four per segment.
        """
        box, refs = self._bounds
        if not self.api.object_bounds(obj, *refs):
            return False
        left, bottom, right, top = box[0].value, box[1].value, box[2].value, box[3].value
        a, b, c, d, e, f = (
            self._page_matrix if outer is _IDENTITY else _compose(outer, self.to_page)
        )
        x0, y0 = a * left + c * bottom + e, b * left + d * bottom + f
        x1, y1 = a * right + c * top + e, b * right + d * top + f
        if abs(y1 - y0) <= _THIN:
            mid = (y0 + y1) / 2
            self._add((x0, mid), (x1, mid))
            return True
        if abs(x1 - x0) <= _THIN:
            mid = (x0 + x1) / 2
            self._add((mid, y0), (mid, y1))
            return True
        return False

    def _path(self, obj: _Handle, outer: _Matrix) -> None:
        api, raw = self.api, self.raw
        if not self._visible(obj):
            return
        count = api.segment_count(obj)
        if count <= _SIMPLE and self._thin(obj, outer):
            return
        a, b, c, d, e, f = _compose(_compose(self._matrix(obj), outer), self.to_page)
        x, y = ctypes.c_float(), ctypes.c_float()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        for i in range(count):
            seg = api.segment(obj, i)
            if not seg or not api.segment_point(seg, x_ref, y_ref):
                continue
            px, py = x.value, y.value
            point = (a * px + c * py + e, b * px + d * py + f)
            kind = api.segment_type(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO or prev is None:
                start = point
            elif kind == raw.FPDF_SEGMENT_LINETO:
                self._add(prev, point)
            prev = point  # a Bézier piece is no rule: skip it, go on from its end
            if api.segment_close(seg) and start is not None:
                self._add(point, start)
                prev = start

    def _objects(self, count: int, get: Any, container: _Handle, outer: _Matrix) -> None:
        api, raw = self.api, self.raw
        get_type = api.object_type
        path, form = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
        for i in range(count):
            obj = get(container, i)
            if not obj:
                continue
            kind = get_type(obj)
            if kind == path:
                self._path(obj, outer)
            elif kind == form:
                self._objects(
                    api.form_count(obj),
                    api.form_object,
                    obj,
                    _compose(self._matrix(obj), outer),
                )

    def _loose(self, handle: Any, index: int) -> tuple[float, float, float, float]:
        """PDFium's loose box of character *index* ``(left, top, right, bottom)``, user space."""
        rect = self.raw.FS_RECTF()
        if not self.api.loose_box(handle, index, ctypes.byref(rect)):
            return (0.0, 0.0, 0.0, 0.0)
        return (rect.left, rect.top, rect.right, rect.bottom)

    def _advance(self, handle: Any, index: int, quarter: int, e: float, f: float) -> float:
        """The advance of character *index* (origin *e, f*) along its baseline: its loose box."""
        left, top, right, bottom = self._loose(handle, index)
        if quarter == 0:
            return float(right - e)
        if quarter == 90:
            return float(top - f)
        if quarter == 180:
            return float(e - left)
        return float(f - bottom)

    def _best_turn(self, counts: dict[int | None, int]) -> int:
        """The quarter turn most characters need (a tie keeps /Rotate, else the smallest)."""
        turns = {q: c for q, c in counts.items() if q is not None}
        if not turns:
            return self.rotation
        best = max(turns.values())
        tied = sorted(q for q, c in turns.items() if c == best)
        return self.rotation if self.rotation in tied else tied[0]

    def _guess_turn(
        self, handle: Any, units: array.array[int], compiled: bool | None = None
    ) -> int:
        """The page's turn from a sample of its characters (checked after the full pass).

        The sample of :meth:`_sample_turns_python`, compiled when *compiled*
        (default: :data:`COMPILED`).
        """
        step = max(1, len(units) // _SAMPLE)
        fast = _fast(compiled)
        if fast is None:
            return self._best_turn(self._sample_turns_python(handle, units, step))
        counts = fast.sample_turns(handle.value, units, self.api.char_functions[0], step, _ASKEW)
        return self._best_turn(counts)

    def _sample_turns_python(
        self, handle: Any, units: array.array[int], step: int
    ) -> dict[int | None, int]:
        """How many of every *step*-th character (not blank, its matrix known) need each turn."""
        matrix = self.raw.FS_MATRIX()
        counts: Counter[int | None] = Counter()
        for index in range(0, len(units), step):
            if units[index] > 0x20 and self.api.char_matrix(handle, index, ctypes.byref(matrix)):
                counts[_quarter(matrix.a, matrix.b)] += 1
        return counts

    def _pass(
        self, handle: Any, units: array.array[int], compiled: bool | None = None
    ) -> tuple[list[Glyph], list[tuple[int, int]], dict[int | None, int]]:
        """Read every character once, on the page turned by :attr:`rotation`.

        The pass of :meth:`_pass_python`, compiled when *compiled* (default:
        :data:`COMPILED`).
        """
        fast = _fast(compiled)
        if fast is None:
            return self._pass_python(handle, units)
        out, askew, counts, unmapped = fast.char_pass(
            handle.value,
            units,
            self.to_page,
            self.rotation,
            self.api.char_functions,
            Glyph,
            (ASCENT, DESCENT, _STEP_MAX, _NARROW_MIN, _ASKEW),
        )
        self._pass_unmapped = unmapped
        return out, askew, counts

    def _pass_python(  # noqa: PLR0915 - one hot loop, kept whole for speed
        self, handle: Any, units: array.array[int]
    ) -> tuple[list[Glyph], list[tuple[int, int]], dict[int | None, int]]:
        """Read every character once, on the page turned by :attr:`rotation`.

        Returns the upright glyphs, the ``(code, index)`` of the characters
        drawn at another angle, and how many characters need each quarter
        turn.  Per character, PDFium is asked only its origin on the baseline,
        its matrix (the baseline's direction, the text's scale) and its font
        size: three calls writing into one buffer, read back in one unpack; a
        narrow character's advance is the step to the next character on its
        baseline, or its loose box's width when none follows close.
        """
        api = self.api
        get_matrix, get_size, get_origin = api.char_matrix, api.font_size, api.char_origin
        buffer = ctypes.create_string_buffer(_VALUES.size)
        values = _VALUES.unpack_from
        matrix_ref = ctypes.byref(buffer)
        x_ref, y_ref = ctypes.byref(buffer, _ORIGIN), ctypes.byref(buffer, _ORIGIN + 8)
        ta, tb, tc, td, te, tf = self.to_page
        turn = self.rotation
        advance = self._advance
        hypot = math.hypot
        ascent, descent, step_max, narrow_min = ASCENT, DESCENT, _STEP_MAX, _NARROW_MIN
        rare, blanks = _RARE, _BLANKS
        out: list[Glyph] = []
        append = out.append
        new = tuple.__new__  # Glyph(...) without the named tuple's Python-level __new__
        askew: list[tuple[int, int]] = []
        counts: dict[int | None, int] = {}
        upright = 0
        unmapped = 0
        # a narrow character waiting for the next one's origin: code, index, e, f, em_x, x, y, em
        pend: tuple[int, int, float, float, float, float, float, float] | None = None
        n = len(units)
        chars = enumerate(units)
        for index, unit in chars:
            code = unit
            if code < 0x7F:
                blank = code <= 0x20
            elif code in rare:  # blank, surrogate or unmapped: the uncommon characters
                blank = code in blanks
                if not blank:
                    if 0xD800 <= code < 0xDC00 and index + 1 < n:  # a pair: one character
                        code = 0x10000 + ((code - 0xD800) << 10) + (units[index + 1] - 0xDC00)
                        next(chars)
                    if code < 0xA0 or 0xE000 <= code < 0xF900 or code == 0xFFFD:
                        unmapped += 1  # (what _unmapped says, inlined: a hot loop)
            else:
                blank = False
            if blank:
                if pend is not None:  # a space between: the step is no advance
                    pc, pi, pe, pf, pw, px, py, pm = pend
                    adv = advance(handle, pi, turn, pe, pf)
                    low = narrow_min * pw
                    adv = low if low > adv else adv  # (max(): a hot loop)
                    append(new(Glyph, (chr(pc), px, py - ascent * pm, px + adv, py + descent * pm)))
                    pend = None
                continue
            if not get_matrix(handle, index, matrix_ref) or not get_origin(
                handle, index, x_ref, y_ref
            ):
                continue
            size = get_size(handle, index)
            a, b, c, d, e, f = values(buffer)
            if b == 0.0 and c == 0.0 and a > 0.0:  # upright in user space, the common case
                quarter: int | None = 0
                em_x, em = size * a, size * (d if d > 0.0 else -d)  # (abs(): a hot loop)
                upright += 1
            else:
                quarter = _quarter(a, b)
                em_x, em = size * hypot(a, b), size * hypot(c, d)
                counts[quarter] = counts.get(quarter, 0) + 1
            if pend is not None:
                pc, pi, pe, pf, pw, px, py, pm = pend
                adv = e - pe
                if not (quarter == 0 and f == pf and 0.0 < adv <= step_max * pw):
                    adv = advance(handle, pi, turn, pe, pf)
                low = narrow_min * pw
                adv = low if low > adv else adv
                append(new(Glyph, (chr(pc), px, py - ascent * pm, px + adv, py + descent * pm)))
                pend = None
            if quarter != turn:
                askew.append((code, index))
                continue
            if em <= 0.0:
                continue
            gx = ta * e + tc * f + te
            gy = tb * e + td * f + tf
            if (
                0x2E80 <= code < 0xA4D0
                or 0xFF01 <= code < 0xFF61
                or (code >= 0xAC00 and _wide(code))
            ):
                append(new(Glyph, (chr(code), gx, gy - ascent * em, gx + em_x, gy + descent * em)))
            elif quarter == 0:
                pend = (code, index, e, f, em_x, gx, gy, em)
            else:
                adv = advance(handle, index, turn, e, f)
                low = narrow_min * em_x
                adv = low if low > adv else adv
                append(new(Glyph, (chr(code), gx, gy - ascent * em, gx + adv, gy + descent * em)))
        if pend is not None:
            pc, pi, pe, pf, pw, px, py, pm = pend
            adv = max(advance(handle, pi, turn, pe, pf), narrow_min * pw)
            append(new(Glyph, (chr(pc), px, py - ascent * pm, px + adv, py + descent * pm)))
        if upright:
            counts[0] = counts.get(0, 0) + upright
        self._pass_unmapped = unmapped
        return out, askew, counts

    def glyphs(self, textpage: Any) -> list[Glyph]:
        """Every printed non-blank character upright, with its em box.

        The page is turned (:meth:`_turn`) by the quarter turn that most
        characters need to stand upright; the characters drawn at another
        angle go to :attr:`askew`.

        A character's box is built from its baseline origin and its font size
        (the em box: :data:`ASCENT` of the size above the baseline,
        :data:`DESCENT` below), never from the glyph's own outline nor from
        the font's declared ascent and descent: both shrink or grow with the
        font (一 is a thin stroke; an office suite may declare the ascent in a
        256-unit em), and lines built from them break apart.  Its width is
        its advance: the em for a full-width character (CJK, full-width
        punctuation), else the step to the next character on the baseline or
        the width PDFium measures.  The characters are read once, on the page
        turned as a sample of them says; when the whole page says otherwise
        (rare), it is read again turned right.
        """
        bare = getattr(textpage, "raw", textpage)
        handle = ctypes.cast(bare, ctypes.c_void_p)
        units = _text_units(self.raw, bare)
        self._turn(self._guess_turn(handle, units))
        out, askew, counts = self._pass(handle, units)
        best = self._best_turn(counts)
        if best != self.rotation:
            self._turn(best)
            out, askew, counts = self._pass(handle, units)
        self.unmapped += self._pass_unmapped
        a, b, c, d, e, f = self.to_page
        for code, index in askew:
            left, top, right, bottom = self._loose(handle, index)
            ax, ay = a * left + c * top + e, b * left + d * top + f
            bx, by = a * right + c * bottom + e, b * right + d * bottom + f
            self.askew.append(Glyph(chr(code), min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
        return out

    def rules(self, compiled: bool | None = None) -> None:
        """Add every rule drawn on the page to :attr:`segments` (in drawing order).

        The walk of :meth:`_objects`, compiled when *compiled* (default:
        :data:`COMPILED`).
        """
        raw = self.raw
        page = ctypes.cast(getattr(self.page, "raw", self.page), _Handle)
        fast = _fast(compiled)
        if fast is None:
            count = raw.FPDFPage_CountObjects(self.page)
            self._objects(count, self.api.page_object, page, _IDENTITY)
            return
        self.segments.extend(
            fast.rule_pass(
                page.value,
                self.to_page,
                self.api.rule_functions,
                self.api.rule_kinds,
                Segment,
                (_THIN, _MIN_LINE, _SIMPLE),
            )
        )

    def read(self) -> PageContent:
        """The page's glyphs and ruling segments."""
        textpage = self.page.get_textpage()
        try:
            glyphs = self.glyphs(textpage)
        finally:
            textpage.close()
        self._page_matrix = self.to_page  # the page's turn is known once its text is read
        self.rules()
        return PageContent(
            self.number,
            self.width,
            self.height,
            tuple(glyphs),
            tuple(self.segments),
            unmapped=self.unmapped,
            rotation=self.rotation,
            askew=tuple(self.askew),
        )


class _TextPage:
    """A text page loaded by PDFium's own call (``FPDFText_LoadPage``), closed by :meth:`close`."""

    def __init__(self, raw: Any, handle: Any) -> None:
        self._raw = raw
        self.raw = handle

    def close(self) -> None:
        """Free the text page."""
        if self.raw:
            self._raw.FPDFText_ClosePage(self.raw)
            self.raw = None


class _Page:
    """A page loaded by PDFium's own call (``FPDF_LoadPage``), without pypdfium2's helper objects.

    The helpers register every page and text page with their document and a
    finalizer; for a page read once and closed at once that bookkeeping costs
    about a tenth of loading it.  This offers what :class:`_PageReader` asks of
    a page, with the helpers' meaning (a page without a media box is US Letter).
    """

    def __init__(self, raw: Any, handle: Any) -> None:
        self._raw = raw
        self.raw = handle
        self._as_parameter_ = handle

    def get_mediabox(self) -> tuple[float, float, float, float]:
        """The media box ``(left, bottom, right, top)``."""
        box = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        if not self._raw.FPDFPage_GetMediaBox(self.raw, *box):
            return (0.0, 0.0, 612.0, 792.0)
        return (box[0].value, box[1].value, box[2].value, box[3].value)

    def get_rotation(self) -> int:
        """The page's ``/Rotate`` in clockwise degrees (0 when PDFium cannot tell)."""
        turns = self._raw.FPDFPage_GetRotation(self.raw)
        return 90 * turns if 0 <= turns <= 3 else 0

    def get_textpage(self) -> _TextPage:
        """The page's text, loaded."""
        handle = self._raw.FPDFText_LoadPage(self.raw)
        if not handle:
            raise LoadError("cannot read the text of the page")
        return _TextPage(self._raw, handle)

    def close(self) -> None:
        """Free the page."""
        if self.raw:
            self._raw.FPDF_ClosePage(self.raw)
            self.raw = None


def read_pages(path: str, data: bytes) -> Iterator[PageContent]:
    """Yield the content of each page of the PDF in *data* (read from *path*).

    Raises:
        LoadError: naming the file (and the page) when PDFium cannot read it.
    """
    pdfium, raw = import_pdfium()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise LoadError("the PDF is password-protected", file=path) from exc
        raise LoadError(f"not a readable PDF ({exc})", file=path) from exc
    try:
        for index in range(len(document)):
            handle = raw.FPDF_LoadPage(document, index)
            if not handle:
                raise LoadError(
                    "cannot read the page (Failed to load page.)", file=path, page=index + 1
                )
            page = _Page(raw, handle)
            try:
                yield _PageReader(raw, page, index + 1).read()
            except LoadError as exc:
                raise LoadError(exc.message, file=path, page=index + 1) from exc
            finally:
                page.close()
    finally:
        document.close()
