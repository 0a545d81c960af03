/*
 * govfin.io._pdfium_c: the PDF character pass compiled (optional).
 *
 * The same computation as govfin.io._pdf_pdfium._PageReader._pass_python, in C:
 * one loop over a text page's characters asking PDFium (through the function
 * addresses pypdfium2 has loaded, so nothing here links against PDFium) for
 * each character's matrix, origin and font size, and building the upright
 * glyphs with their em boxes.  Per character the Python loop costs several
 * ctypes calls and a dozen bytecodes; here it costs the C calls alone.
 *
 * Every figure is computed with the same operations in the same order as the
 * Python loop, in IEEE doubles, so that both give the same glyphs to the bit
 * (the test suite compares them on every PDF it holds; the one libm call that
 * may round differently from Python's, hypot, is reached only by a character
 * drawn at a slant).  The build turns off floating-point contraction (fused
 * multiply-add) for that reason.
 *
 * The layout's hottest loops over glyph tuples are here too (govfin.io._pdf_layout:
 * glyphs grouped into lines, placed in a grid's cells, a line's runs and a cell's
 * text), each the twin of a Python function giving the same result.
 *
 * If this module cannot be built (no C compiler), govfin uses the Python loops.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

/* PDFium's public structures and the four functions called per character. */
typedef struct {
    float a, b, c, d, e, f;
} fs_matrix;

typedef struct {
    float left, top, right, bottom;
} fs_rectf;

typedef int (*get_matrix_fn)(void *, int, fs_matrix *);
typedef int (*get_origin_fn)(void *, int, double *, double *);
typedef double (*get_size_fn)(void *, int);
typedef int (*get_loose_fn)(void *, int, fs_rectf *);

typedef struct {
    void *page;
    get_loose_fn loose;
    int turn;
} pass_state;

static const double RAD_TO_DEG = 180.0 / 3.14159265358979323846;

/* Whether a character is full width (advances one em in a CJK font): _pdf_pdfium._wide. */
static int
wide(long code)
{
    return (0x2E80 <= code && code < 0xA4D0) || (0xAC00 <= code && code < 0xD7A4) ||
           (0xF900 <= code && code < 0xFB00) || (0xFE30 <= code && code < 0xFE50) ||
           (0xFF01 <= code && code < 0xFF61) || (0xFFE0 <= code && code < 0xFFE7) ||
           (0x20000 <= code && code < 0x3FFFE);
}

/* The quarter turn standing a baseline along (a, b) upright, or -1 when askew: _quarter. */
static int
quarter_of(double a, double b, double askew_degrees)
{
    double angle = RAD_TO_DEG * atan2(b, a);
    double turns = nearbyint(angle / 90.0); /* round half to even, as Python's round() */
    if (fabs(angle - 90.0 * turns) > askew_degrees) {
        return -1;
    }
    long q = ((long)turns * 90) % 360;
    return (int)(q < 0 ? q + 360 : q);
}

/* A character's advance along the page's baseline from its loose box: _advance. */
static double
advance(pass_state *st, int index, double e, double f)
{
    fs_rectf r = {0.0f, 0.0f, 0.0f, 0.0f};
    if (!st->loose(st->page, index, &r)) {
        r.left = r.top = r.right = r.bottom = 0.0f;
    }
    if (st->turn == 0) {
        return (double)r.right - e;
    }
    if (st->turn == 90) {
        return (double)r.top - f;
    }
    if (st->turn == 180) {
        return e - (double)r.left;
    }
    return f - (double)r.bottom;
}

/* A new glyph (a tuple subclass of five items), stolen into *out*; 0 on success. */
static int
append_glyph(PyObject *out, PyTypeObject *glyph, long code, double x0, double top, double x1,
             double bottom)
{
    PyObject *item = glyph->tp_alloc(glyph, 5);
    if (item == NULL) {
        return -1;
    }
    PyObject *values[5];
    values[0] = PyUnicode_FromOrdinal((int)code);
    values[1] = PyFloat_FromDouble(x0);
    values[2] = PyFloat_FromDouble(top);
    values[3] = PyFloat_FromDouble(x1);
    values[4] = PyFloat_FromDouble(bottom);
    for (int i = 0; i < 5; i++) {
        if (values[i] == NULL) {
            for (int j = 0; j < 5; j++) {
                Py_XDECREF(values[j]);
            }
            Py_DECREF(item);
            return -1;
        }
    }
    for (int i = 0; i < 5; i++) {
        PyTuple_SET_ITEM(item, i, values[i]);
    }
    int failed = PyList_Append(out, item);
    Py_DECREF(item);
    return failed;
}

static int
count_turn(PyObject *counts, int quarter, Py_ssize_t add)
{
    PyObject *key = quarter < 0 ? Py_NewRef(Py_None) : PyLong_FromLong(quarter);
    if (key == NULL) {
        return -1;
    }
    PyObject *old = PyDict_GetItemWithError(counts, key);
    if (old == NULL && PyErr_Occurred()) {
        Py_DECREF(key);
        return -1;
    }
    Py_ssize_t now = add;
    if (old != NULL) {
        now += PyLong_AsSsize_t(old);
        if (now == -1 && PyErr_Occurred()) {
            Py_DECREF(key);
            return -1;
        }
    }
    PyObject *value = PyLong_FromSsize_t(now);
    if (value == NULL) {
        Py_DECREF(key);
        return -1;
    }
    int failed = PyDict_SetItem(counts, key, value);
    Py_DECREF(key);
    Py_DECREF(value);
    return failed;
}

/* The address held by item *i* of *functions* (0 with an exception set when it is none). */
static uintptr_t
address_of(PyObject *functions, Py_ssize_t i)
{
    unsigned long long value = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(functions, i));
    return value == (unsigned long long)-1 && PyErr_Occurred() ? 0 : (uintptr_t)value;
}

PyDoc_STRVAR(
    char_pass_doc,
    "char_pass(page, units, to_page, turn, functions, glyph, constants)\n"
    "--\n\n"
    "Read every character of a PDFium text page once (the compiled character pass).\n\n"
    "*page* is the text page's address, *units* its UTF-16 units (an ``array('H')``),\n"
    "*to_page* the six-figure matrix to the turned page, *turn* its quarter turn,\n"
    "*functions* the addresses of FPDFText_GetMatrix, FPDFText_GetCharOrigin,\n"
    "FPDFText_GetFontSize and FPDFText_GetLooseCharBox, *glyph* the glyph type (a\n"
    "named tuple of five), *constants* ``(ascent, descent, step_max, narrow_min,\n"
    "askew_degrees)``.  Returns ``(glyphs, askew, counts, unmapped)`` as the Python\n"
    "pass does.");

static PyObject *
char_pass(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *page_obj, *units_obj, *functions;
    PyTypeObject *glyph;
    double ta, tb, tc, td, te, tf;
    double ascent, descent, step_max, narrow_min, askew_degrees;
    int turn;
    if (!PyArg_ParseTuple(args, "OO(dddddd)iO!O!(ddddd)", &page_obj, &units_obj, &ta, &tb, &tc,
                          &td, &te, &tf, &turn, &PyTuple_Type, &functions, &PyType_Type, &glyph,
                          &ascent, &descent, &step_max, &narrow_min, &askew_degrees)) {
        return NULL;
    }
    if (!PyType_IsSubtype(glyph, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "glyph must be a tuple type");
        return NULL;
    }
    if (PyTuple_GET_SIZE(functions) != 4) {
        PyErr_SetString(PyExc_TypeError, "functions must hold four addresses");
        return NULL;
    }
    void *page = PyLong_AsVoidPtr(page_obj);
    if (page == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "no text page");
        }
        return NULL;
    }
    get_matrix_fn get_matrix = (get_matrix_fn)address_of(functions, 0);
    get_origin_fn get_origin = (get_origin_fn)address_of(functions, 1);
    get_size_fn get_size = (get_size_fn)address_of(functions, 2);
    get_loose_fn get_loose = (get_loose_fn)address_of(functions, 3);
    if (PyErr_Occurred()) {
        return NULL;
    }
    if (!get_matrix || !get_origin || !get_size || !get_loose) {
        PyErr_SetString(PyExc_ValueError, "a PDFium function address is null");
        return NULL;
    }

    Py_buffer view;
    if (PyObject_GetBuffer(units_obj, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
        return NULL;
    }
    if (view.itemsize != 2 || view.format == NULL || strcmp(view.format, "H") != 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_TypeError, "units must be an array('H')");
        return NULL;
    }
    const uint16_t *units = (const uint16_t *)view.buf;
    Py_ssize_t n = view.len / 2;
    if (n > INT_MAX) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_OverflowError, "too many characters on one page");
        return NULL;
    }

    pass_state st = {page, get_loose, turn};
    PyObject *out = PyList_New(0);
    PyObject *askew = PyList_New(0);
    PyObject *counts = PyDict_New();
    if (out == NULL || askew == NULL || counts == NULL) {
        goto fail;
    }

    Py_ssize_t upright = 0, unmapped = 0;
    /* a narrow character waiting for the next one's origin */
    int pending = 0, pi = 0;
    long pc = 0;
    double pe = 0, pf = 0, pw = 0, px = 0, py = 0, pm = 0;

    for (Py_ssize_t index = 0; index < n; index++) {
        long code = units[index];
        Py_ssize_t at = index;
        int blank;
        if (code < 0x7F) {
            blank = code <= 0x20;
        }
        else {
            int space = code < 0x3001 && Py_UNICODE_ISSPACE((Py_UCS4)code);
            int rare = space || code < 0xA0 || (0xD800 <= code && code < 0xDC00) ||
                       (0xE000 <= code && code < 0xF900) || code == 0xFFFD;
            blank = space;
            if (rare && !space) {
                if (0xD800 <= code && code < 0xDC00 && index + 1 < n) { /* a pair */
                    code = 0x10000 + ((code - 0xD800) << 10) + ((long)units[index + 1] - 0xDC00);
                    index++;
                }
                if (code < 0xA0 || (0xE000 <= code && code < 0xF900) || code == 0xFFFD) {
                    unmapped++;
                }
            }
        }
        if (blank) {
            if (pending) { /* a space between: the step is no advance */
                double adv = advance(&st, pi, pe, pf);
                double low = narrow_min * pw;
                adv = low > adv ? low : adv;
                if (append_glyph(out, glyph, pc, px, py - ascent * pm, px + adv,
                                 py + descent * pm) < 0) {
                    goto fail;
                }
                pending = 0;
            }
            continue;
        }
        fs_matrix m;
        double e, f;
        if (!get_matrix(page, (int)at, &m) || !get_origin(page, (int)at, &e, &f)) {
            continue;
        }
        double size = get_size(page, (int)at);
        double a = m.a, b = m.b, c = m.c, d = m.d;
        int quarter;
        double em_x, em;
        if (b == 0.0 && c == 0.0 && a > 0.0) { /* upright in user space, the common case */
            quarter = 0;
            em_x = size * a;
            em = size * (d > 0.0 ? d : -d);
            upright++;
        }
        else {
            quarter = quarter_of(a, b, askew_degrees);
            em_x = size * hypot(a, b);
            em = size * hypot(c, d);
            if (count_turn(counts, quarter, 1) < 0) {
                goto fail;
            }
        }
        if (pending) {
            double adv = e - pe;
            if (!(quarter == 0 && f == pf && 0.0 < adv && adv <= step_max * pw)) {
                adv = advance(&st, pi, pe, pf);
            }
            double low = narrow_min * pw;
            adv = low > adv ? low : adv;
            if (append_glyph(out, glyph, pc, px, py - ascent * pm, px + adv, py + descent * pm) <
                0) {
                goto fail;
            }
            pending = 0;
        }
        if (quarter != turn) {
            PyObject *pair = Py_BuildValue("(ln)", code, at);
            if (pair == NULL || PyList_Append(askew, pair) < 0) {
                Py_XDECREF(pair);
                goto fail;
            }
            Py_DECREF(pair);
            continue;
        }
        if (em <= 0.0) {
            continue;
        }
        double gx = ta * e + tc * f + te;
        double gy = tb * e + td * f + tf;
        if ((0x2E80 <= code && code < 0xA4D0) || (0xFF01 <= code && code < 0xFF61) ||
            (code >= 0xAC00 && wide(code))) {
            if (append_glyph(out, glyph, code, gx, gy - ascent * em, gx + em_x,
                             gy + descent * em) < 0) {
                goto fail;
            }
        }
        else if (quarter == 0) {
            pending = 1;
            pc = code;
            pi = (int)at;
            pe = e;
            pf = f;
            pw = em_x;
            px = gx;
            py = gy;
            pm = em;
        }
        else {
            double adv = advance(&st, (int)at, e, f);
            double low = narrow_min * em_x;
            adv = low > adv ? low : adv;
            if (append_glyph(out, glyph, code, gx, gy - ascent * em, gx + adv,
                             gy + descent * em) < 0) {
                goto fail;
            }
        }
    }
    if (pending) {
        double adv = advance(&st, pi, pe, pf);
        double low = narrow_min * pw;
        /* max(adv, low): the first of equals, and adv when either is not a number */
        adv = (low > adv) ? low : adv;
        if (append_glyph(out, glyph, pc, px, py - ascent * pm, px + adv, py + descent * pm) < 0) {
            goto fail;
        }
    }
    if (upright && count_turn(counts, 0, upright) < 0) {
        goto fail;
    }
    PyBuffer_Release(&view);
    return Py_BuildValue("(NNNn)", out, askew, counts, unmapped);

fail:
    PyBuffer_Release(&view);
    Py_XDECREF(out);
    Py_XDECREF(askew);
    Py_XDECREF(counts);
    return NULL;
}

PyDoc_STRVAR(
    sample_turns_doc,
    "sample_turns(page, units, get_matrix, step, askew_degrees)\n"
    "--\n\n"
    "How many of a sample of a text page's characters need each quarter turn.\n\n"
    "Every *step*-th character from the first whose unit is above U+0020 and whose\n"
    "matrix PDFium gives (*get_matrix*: the address of FPDFText_GetMatrix) is\n"
    "counted under its quarter turn, or ``None`` when it runs more than\n"
    "*askew_degrees* off every one (compiled\n"
    ":meth:`govfin.io._pdf_pdfium._PageReader._guess_turn_python`).");

static PyObject *
sample_turns(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *page_obj, *units_obj, *matrix_obj;
    Py_ssize_t step;
    double askew_degrees;
    if (!PyArg_ParseTuple(args, "OOOnd", &page_obj, &units_obj, &matrix_obj, &step,
                          &askew_degrees)) {
        return NULL;
    }
    if (step < 1) {
        PyErr_SetString(PyExc_ValueError, "step must be at least 1");
        return NULL;
    }
    void *page = PyLong_AsVoidPtr(page_obj);
    if (page == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "no text page");
        }
        return NULL;
    }
    get_matrix_fn get_matrix = (get_matrix_fn)PyLong_AsVoidPtr(matrix_obj);
    if (get_matrix == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "a PDFium function address is null");
        }
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(units_obj, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) {
        return NULL;
    }
    if (view.itemsize != 2 || view.format == NULL || strcmp(view.format, "H") != 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_TypeError, "units must be an array('H')");
        return NULL;
    }
    const uint16_t *units = (const uint16_t *)view.buf;
    Py_ssize_t n = view.len / 2;
    if (n > INT_MAX) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_OverflowError, "too many characters on one page");
        return NULL;
    }
    /* tallies[0..3]: the quarter turns 0, 90, 180, 270; tallies[4]: askew (None) */
    Py_ssize_t tallies[5] = {0, 0, 0, 0, 0};
    for (Py_ssize_t index = 0; index < n; index += step) {
        fs_matrix m;
        if (units[index] > 0x20 && get_matrix(page, (int)index, &m)) {
            int quarter = quarter_of(m.a, m.b, askew_degrees);
            tallies[quarter < 0 ? 4 : quarter / 90]++;
        }
    }
    PyBuffer_Release(&view);
    PyObject *counts = PyDict_New();
    if (counts == NULL) {
        return NULL;
    }
    for (int k = 0; k < 5; k++) {
        if (tallies[k] && count_turn(counts, k == 4 ? -1 : 90 * k, tallies[k]) < 0) {
            Py_DECREF(counts);
            return NULL;
        }
    }
    return counts;
}

/* ---- The ruling pass: every path drawn on the page, as horizontal and vertical rules. ---- */

typedef void *handle;
typedef int (*count_fn)(handle);
typedef handle (*page_object_fn)(handle, int);
typedef handle (*form_object_fn)(handle, unsigned long);
typedef int (*type_fn)(handle);
typedef int (*object_matrix_fn)(handle, fs_matrix *);
typedef int (*bounds_fn)(handle, float *, float *, float *, float *);
typedef int (*colour_fn)(handle, unsigned int *, unsigned int *, unsigned int *, unsigned int *);
typedef int (*draw_mode_fn)(handle, int *, int *);
typedef handle (*segment_fn)(handle, int);
typedef int (*point_fn)(handle, float *, float *);

enum { WALK_FUNCTIONS = 14, MAX_FORM_DEPTH = 256 };

typedef struct {
    double a, b, c, d, e, f;
} matrix6;

typedef struct {
    count_fn page_count;
    page_object_fn page_object;
    count_fn form_count;
    form_object_fn form_object;
    type_fn object_type;
    object_matrix_fn object_matrix;
    bounds_fn object_bounds;
    colour_fn fill_colour;
    draw_mode_fn draw_mode;
    count_fn segment_count;
    segment_fn segment;
    point_fn segment_point;
    type_fn segment_type;
    type_fn segment_close;
    int path_kind, form_kind, moveto, lineto;
    double thin, min_line;
    int simple;
    matrix6 to_page;
    PyObject *segment_class;
    PyObject *out;
} walk_state;

static const matrix6 IDENTITY = {1.0, 0.0, 0.0, 1.0, 0.0, 0.0};

/* The matrix applying *inner* first, then *outer*: _pdf_pdfium._compose. */
static matrix6
compose(matrix6 i, matrix6 o)
{
    matrix6 m;
    m.a = i.a * o.a + i.b * o.c;
    m.b = i.a * o.b + i.b * o.d;
    m.c = i.c * o.a + i.d * o.c;
    m.d = i.c * o.b + i.d * o.d;
    m.e = i.e * o.a + i.f * o.c + o.e;
    m.f = i.e * o.b + i.f * o.d + o.f;
    return m;
}

static matrix6
object_matrix(walk_state *w, handle obj)
{
    fs_matrix fm;
    if (w->object_matrix(obj, &fm)) {
        matrix6 m = {fm.a, fm.b, fm.c, fm.d, fm.e, fm.f};
        return m;
    }
    return IDENTITY;
}

/* Python's min() and max() of two: the first of equals. */
static double
min2(double x, double y)
{
    return y < x ? y : x;
}

static double
max2(double x, double y)
{
    return y > x ? y : x;
}

/* A rule from (x0, y0) to (x1, y1) when it runs along an axis: _PageReader._add. */
static int
add_piece(walk_state *w, double x0, double y0, double x1, double y1)
{
    double dx = fabs(x1 - x0), dy = fabs(y1 - y0);
    PyObject *segment;
    if (dy <= 0.1 * max2(dx, 1.0) && dx >= w->min_line) {
        segment = PyObject_CallFunction(w->segment_class, "Oddd", Py_True, (y0 + y1) / 2,
                                        min2(x0, x1), max2(x0, x1));
    }
    else if (dx <= 0.1 * max2(dy, 1.0) && dy >= w->min_line) {
        segment = PyObject_CallFunction(w->segment_class, "Oddd", Py_False, (x0 + x1) / 2,
                                        min2(y0, y1), max2(y0, y1));
    }
    else {
        return 0;
    }
    if (segment == NULL) {
        return -1;
    }
    int failed = PyList_Append(w->out, segment);
    Py_DECREF(segment);
    return failed;
}

/* Whether a path is drawn at all, and not a white patch: _PageReader._visible. */
static int
visible(walk_state *w, handle obj)
{
    int filled = 0, stroked = 0;
    if (!w->draw_mode(obj, &filled, &stroked)) {
        return 1;
    }
    if (!filled && !stroked) {
        return 0;
    }
    if (filled && !stroked) {
        unsigned int r = 0, g = 0, b = 0, a = 0;
        int ok = w->fill_colour(obj, &r, &g, &b, &a);
        unsigned int least = r < g ? r : g;
        least = b < least ? b : least;
        if (ok && least >= 250) {
            return 0;
        }
    }
    return 1;
}

/* One rule from a thin path's bounds; 1 when it was one, 0 when not, -1 on error: _thin. */
static int
thin_path(walk_state *w, handle obj, const matrix6 *outer)
{
    float left, bottom, right, top;
    if (!w->object_bounds(obj, &left, &bottom, &right, &top)) {
        return 0;
    }
    matrix6 m = outer == NULL ? w->to_page : compose(*outer, w->to_page);
    double x0 = m.a * left + m.c * bottom + m.e, y0 = m.b * left + m.d * bottom + m.f;
    double x1 = m.a * right + m.c * top + m.e, y1 = m.b * right + m.d * top + m.f;
    if (fabs(y1 - y0) <= w->thin) {
        double mid = (y0 + y1) / 2;
        return add_piece(w, x0, mid, x1, mid) < 0 ? -1 : 1;
    }
    if (fabs(x1 - x0) <= w->thin) {
        double mid = (x0 + x1) / 2;
        return add_piece(w, mid, y0, mid, y1) < 0 ? -1 : 1;
    }
    return 0;
}

/* The rules of one path object; *outer* NULL at the page's own level: _PageReader._path. */
static int
walk_path(walk_state *w, handle obj, const matrix6 *outer)
{
    if (!visible(w, obj)) {
        return 0;
    }
    int count = w->segment_count(obj);
    if (count <= w->simple) {
        int thin = thin_path(w, obj, outer);
        if (thin != 0) {
            return thin < 0 ? -1 : 0;
        }
    }
    matrix6 m = compose(compose(object_matrix(w, obj), outer == NULL ? IDENTITY : *outer),
                        w->to_page);
    int have_start = 0, have_prev = 0;
    double sx = 0, sy = 0, qx = 0, qy = 0;
    for (int i = 0; i < count; i++) {
        handle seg = w->segment(obj, i);
        float fx, fy;
        if (!seg || !w->segment_point(seg, &fx, &fy)) {
            continue;
        }
        double px = fx, py = fy;
        double x = m.a * px + m.c * py + m.e, y = m.b * px + m.d * py + m.f;
        int kind = w->segment_type(seg);
        if (kind == w->moveto || !have_prev) {
            sx = x;
            sy = y;
            have_start = 1;
        }
        else if (kind == w->lineto) {
            if (add_piece(w, qx, qy, x, y) < 0) {
                return -1;
            }
        }
        qx = x; /* a Bezier piece is no rule: skip it, go on from its end */
        qy = y;
        have_prev = 1;
        if (w->segment_close(seg) && have_start) {
            if (add_piece(w, x, y, sx, sy) < 0) {
                return -1;
            }
            qx = sx;
            qy = sy;
        }
    }
    return 0;
}

/* Every path among a container's objects, forms opened: _PageReader._objects. */
static int
walk_objects(walk_state *w, handle container, int form, const matrix6 *outer, int depth)
{
    int count = form ? w->form_count(container) : w->page_count(container);
    for (int i = 0; i < count; i++) {
        handle obj = form ? w->form_object(container, (unsigned long)i)
                          : w->page_object(container, i);
        if (!obj) {
            continue;
        }
        int kind = w->object_type(obj);
        if (kind == w->path_kind) {
            if (walk_path(w, obj, outer) < 0) {
                return -1;
            }
        }
        else if (kind == w->form_kind && depth < MAX_FORM_DEPTH) {
            matrix6 inner = compose(object_matrix(w, obj), outer == NULL ? IDENTITY : *outer);
            if (walk_objects(w, obj, 1, &inner, depth + 1) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

PyDoc_STRVAR(
    rule_pass_doc,
    "rule_pass(page, to_page, functions, kinds, segment, constants)\n"
    "--\n\n"
    "Every straight piece of every path drawn on a PDFium page, as rules (compiled).\n\n"
    "*page* is the page's address, *to_page* the six-figure matrix to the turned page,\n"
    "*functions* the addresses of the fourteen PDFium functions of\n"
    ":class:`govfin.io._pdf_pdfium._Api` that walk objects and paths (in its order),\n"
    "*kinds* ``(path, form, moveto, lineto)``, *segment* the rule type (called with\n"
    "``horizontal, pos, start, end``), *constants* ``(thin, min_line, simple)``.\n"
    "Returns the rules in drawing order, as the Python walk does.");

static PyObject *
rule_pass(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *page_obj, *functions, *segment_class;
    walk_state w;
    matrix6 *t = &w.to_page;
    if (!PyArg_ParseTuple(args, "O(dddddd)O!(iiii)O(ddi)", &page_obj, &t->a, &t->b, &t->c,
                          &t->d, &t->e, &t->f, &PyTuple_Type, &functions, &w.path_kind,
                          &w.form_kind, &w.moveto, &w.lineto, &segment_class, &w.thin,
                          &w.min_line, &w.simple)) {
        return NULL;
    }
    if (PyTuple_GET_SIZE(functions) != WALK_FUNCTIONS) {
        PyErr_SetString(PyExc_TypeError, "functions must hold fourteen addresses");
        return NULL;
    }
    uintptr_t f[WALK_FUNCTIONS];
    for (Py_ssize_t i = 0; i < WALK_FUNCTIONS; i++) {
        f[i] = address_of(functions, i);
        if (PyErr_Occurred()) {
            return NULL;
        }
        if (!f[i]) {
            PyErr_SetString(PyExc_ValueError, "a PDFium function address is null");
            return NULL;
        }
    }
    w.page_count = (count_fn)f[0];
    w.page_object = (page_object_fn)f[1];
    w.form_count = (count_fn)f[2];
    w.form_object = (form_object_fn)f[3];
    w.object_type = (type_fn)f[4];
    w.object_matrix = (object_matrix_fn)f[5];
    w.object_bounds = (bounds_fn)f[6];
    w.fill_colour = (colour_fn)f[7];
    w.draw_mode = (draw_mode_fn)f[8];
    w.segment_count = (count_fn)f[9];
    w.segment = (segment_fn)f[10];
    w.segment_point = (point_fn)f[11];
    w.segment_type = (type_fn)f[12];
    w.segment_close = (type_fn)f[13];
    handle page = PyLong_AsVoidPtr(page_obj);
    if (page == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_ValueError, "no page");
        }
        return NULL;
    }
    w.segment_class = segment_class;
    w.out = PyList_New(0);
    if (w.out == NULL) {
        return NULL;
    }
    if (walk_objects(&w, page, 0, NULL, 0) < 0) {
        Py_DECREF(w.out);
        return NULL;
    }
    return w.out;
}

/* ---- Lines: glyphs grouped by their vertical centres (_pdf_layout._group_lines). ---- */

typedef struct {
    double cy, x0;
    Py_ssize_t index;
} line_key;

/* (cy, x0, index): the order of the Python keys, index last (so the order is total). */
static int
compare_keys(const void *p, const void *q)
{
    const line_key *a = p, *b = q;
    if (a->cy != b->cy) {
        return a->cy < b->cy ? -1 : 1;
    }
    if (a->x0 != b->x0) {
        return a->x0 < b->x0 ? -1 : 1;
    }
    return (a->index > b->index) - (a->index < b->index);
}

/*
 * A glyph's item *i* as a double.  A tuple's item is read in place: a Glyph is a
 * subclass of tuple, and a Python subclass reaches its items through
 * PySequence_GetItem by calling __getitem__ (an int made and a call per item,
 * ten times the cost of the rest of group_lines).
 */
static int
item_double(PyObject *glyph, Py_ssize_t i, double *out)
{
    if (PyTuple_Check(glyph) && i < PyTuple_GET_SIZE(glyph)) {
        PyObject *item = PyTuple_GET_ITEM(glyph, i);
        *out = PyFloat_CheckExact(item) ? PyFloat_AS_DOUBLE(item) : PyFloat_AsDouble(item);
        return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
    }
    PyObject *item = PySequence_GetItem(glyph, i);
    if (item == NULL) {
        return -1;
    }
    *out = PyFloat_AsDouble(item);
    Py_DECREF(item);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

PyDoc_STRVAR(group_lines_doc,
             "group_lines(glyphs)\n"
             "--\n\n"
             "The glyphs grouped into lines, top to bottom, by their vertical centres\n"
             "(compiled :func:`govfin.io._pdf_layout._group_lines`).");

static PyObject *
group_lines(PyObject *module, PyObject *glyphs)
{
    (void)module;
    PyObject *seq = PySequence_Fast(glyphs, "glyphs must be iterable");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    line_key *keys = PyMem_New(line_key, n > 0 ? n : 1);
    double *reach = PyMem_New(double, n > 0 ? n : 1);
    PyObject *lines = NULL, *current = NULL;
    if (keys == NULL || reach == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        double x0, top, bottom;
        if (item_double(items[i], 1, &x0) < 0 || item_double(items[i], 2, &top) < 0 ||
            item_double(items[i], 4, &bottom) < 0) {
            goto done;
        }
        keys[i].cy = (top + bottom) / 2;
        keys[i].x0 = x0;
        keys[i].index = i;
        reach[i] = 0.45 * (bottom - top);
    }
    qsort(keys, (size_t)n, sizeof(line_key), compare_keys);
    lines = PyList_New(0);
    if (lines == NULL) {
        goto done;
    }
    double anchor = -1e9;
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t i = keys[k].index;
        double cy = keys[k].cy, r = reach[i];
        if (current != NULL && -r <= cy - anchor && cy - anchor <= r) {
            if (PyList_Append(current, items[i]) < 0) {
                goto fail;
            }
            continue;
        }
        current = PyList_New(1);
        if (current == NULL) {
            goto fail;
        }
        Py_INCREF(items[i]);
        PyList_SET_ITEM(current, 0, items[i]);
        int failed = PyList_Append(lines, current);
        Py_DECREF(current); /* held by lines */
        if (failed < 0) {
            goto fail;
        }
        anchor = cy;
    }
    goto done;
fail:
    Py_CLEAR(lines);
done:
    PyMem_Free(keys);
    PyMem_Free(reach);
    Py_DECREF(seq);
    return lines;
}

/* ---- Grids and lines: _pdf_layout's loops over glyph tuples. ----
 *
 * A glyph is a tuple (text, x0, top, x1, bottom) (a _pdf_layout.Glyph, or any
 * tuple of five).  The functions below read its box as doubles and compute
 * with the same operations in the same order as their Python twins, so that
 * both place every glyph alike and give the same strings and boxes; a box
 * handed back holds the glyph's own float objects, as the Python code's does.
 */

/* The share of a line's height that must stand on each side of a row rule: _pdf_layout._CROSS. */
static const double CROSS = 0.25;

/* A glyph's box as doubles (box[0..3] = x0, top, x1, bottom); -1 with an exception if malformed. */
static int
glyph_box(PyObject *glyph, double box[4])
{
    if (!PyTuple_Check(glyph) || PyTuple_GET_SIZE(glyph) != 5) {
        PyErr_Format(PyExc_TypeError,
                     "a glyph must be a tuple of five (text, x0, top, x1, bottom), not %.100s",
                     Py_TYPE(glyph)->tp_name);
        return -1;
    }
    for (int i = 0; i < 4; i++) {
        PyObject *value = PyTuple_GET_ITEM(glyph, i + 1);
        double d = PyFloat_CheckExact(value) ? PyFloat_AS_DOUBLE(value) : PyFloat_AsDouble(value);
        if (d == -1.0 && PyErr_Occurred()) {
            return -1;
        }
        box[i] = d;
    }
    return 0;
}

/* The rule positions *values* (xs or ys, at least two) as a new array of doubles; NULL on error. */
static double *
rule_positions(PyObject *values, const char *name, Py_ssize_t *count)
{
    PyObject *seq = PySequence_Fast(values, "rule positions must be a sequence of numbers");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    double *out = NULL;
    if (n < 2) {
        PyErr_Format(PyExc_ValueError, "%s must hold at least two rules, not %zd", name, n);
        goto done;
    }
    out = PyMem_New(double, n);
    if (out == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (out[i] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(out);
            out = NULL;
            goto done;
        }
    }
    *count = n;
done:
    Py_DECREF(seq);
    return out;
}

/* bisect.bisect_right over doubles: the same halving, the same comparison (x < a[mid]). */
static Py_ssize_t
bisect_right_of(const double *a, Py_ssize_t n, double x)
{
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (Py_ssize_t)(((size_t)lo + (size_t)hi) / 2);
        if (x < a[mid]) {
            hi = mid;
        }
        else {
            lo = mid + 1;
        }
    }
    return lo;
}

/* Add id(glyph) to *ids* (a set of ints), or test whether it is there: as the Python does. */
static int
add_id(PyObject *ids, PyObject *glyph)
{
    PyObject *id = PyLong_FromVoidPtr(glyph);
    if (id == NULL) {
        return -1;
    }
    int failed = PySet_Add(ids, id);
    Py_DECREF(id);
    return failed;
}

static int
has_id(PyObject *ids, PyObject *glyph)
{
    PyObject *id = PyLong_FromVoidPtr(glyph);
    if (id == NULL) {
        return -1;
    }
    int found = PySet_Contains(ids, id);
    Py_DECREF(id);
    return found;
}

PyDoc_STRVAR(place_doc,
             "place(glyphs, xs, ys)\n"
             "--\n\n"
             "Each glyph of a grid with its atomic row and column (compiled\n"
             ":func:`govfin.io._pdf_layout._place_python`): ``(placed, outside, crossing)``,\n"
             "*placed* the ``(glyph, row, col)`` in the glyphs' order, *outside* the ``id``\n"
             "of each glyph read in from over the top or bottom rule, *crossing* the\n"
             "columns where a glyph crosses a rule.");

static PyObject *
place(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *glyphs, *xs_arg, *ys_arg;
    if (!PyArg_ParseTuple(args, "OOO:place", &glyphs, &xs_arg, &ys_arg)) {
        return NULL;
    }
    Py_ssize_t nx = 0, ny = 0;
    double *xs = NULL, *ys = NULL;
    PyObject *seq = NULL, *placed = NULL, *outside = NULL, *crossing = NULL, *result = NULL;
    if ((xs = rule_positions(xs_arg, "xs", &nx)) == NULL ||
        (ys = rule_positions(ys_arg, "ys", &ny)) == NULL ||
        (seq = PySequence_Fast(glyphs, "glyphs must be iterable")) == NULL ||
        (placed = PyList_New(0)) == NULL || (outside = PySet_New(NULL)) == NULL ||
        (crossing = PySet_New(NULL)) == NULL) {
        goto done;
    }
    double x0 = xs[0], top = ys[0], x1 = xs[nx - 1], bottom = ys[ny - 1];
    Py_ssize_t last_row = ny - 2, last_col = nx - 2;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    for (Py_ssize_t i = 0; i < n; i++) { /* every glyph of the page, for every grid */
        PyObject *g = items[i];
        double box[4];
        if (glyph_box(g, box) < 0) {
            goto done;
        }
        double gtop = box[1], gbottom = box[3];
        double cx = (box[0] + box[2]) / 2;
        if (!(x0 <= cx && cx <= x1)) {
            continue;
        }
        double cy = (gtop + gbottom) / 2;
        double reach = CROSS * (gbottom - gtop);
        int crosses = 0;
        if (!(top <= cy && cy <= bottom)) {
            if (!(cy < top ? gbottom > top + reach : gtop < bottom - reach)) {
                continue;
            }
            if (add_id(outside, g) < 0) { /* over an outer rule: settled with the crossing lines */
                goto done;
            }
            crosses = 1;
        }
        Py_ssize_t r = bisect_right_of(ys, ny, cy) - 1;
        r = r < 0 ? 0 : r > last_row ? last_row : r;
        Py_ssize_t c = bisect_right_of(xs, nx, cx) - 1;
        c = c < 0 ? 0 : c > last_col ? last_col : c;
        PyObject *row = PyLong_FromSsize_t(r), *col = PyLong_FromSsize_t(c);
        PyObject *entry = (row != NULL && col != NULL) ? PyTuple_New(3) : NULL;
        if (entry == NULL) {
            Py_XDECREF(row);
            Py_XDECREF(col);
            goto done;
        }
        PyTuple_SET_ITEM(entry, 0, Py_NewRef(g));
        PyTuple_SET_ITEM(entry, 1, row);
        PyTuple_SET_ITEM(entry, 2, col);
        int failed = PyList_Append(placed, entry);
        Py_DECREF(entry);
        if (failed < 0) {
            goto done;
        }
        if (!crosses && PySet_GET_SIZE(outside) > 0) { /* the same glyph twice: as the first */
            if ((crosses = has_id(outside, g)) < 0) {
                goto done;
            }
        }
        if (crosses || (r > 0 && gtop < ys[r] - reach) ||
            (r < last_row && gbottom > ys[r + 1] + reach)) {
            PyObject *column = PyLong_FromSsize_t(c);
            if (column == NULL) {
                goto done;
            }
            failed = PySet_Add(crossing, column);
            Py_DECREF(column);
            if (failed < 0) {
                goto done;
            }
        }
    }
    result = PyTuple_Pack(3, placed, outside, crossing);
done:
    PyMem_Free(xs);
    PyMem_Free(ys);
    Py_XDECREF(seq);
    Py_XDECREF(placed);
    Py_XDECREF(outside);
    Py_XDECREF(crossing);
    return result;
}

/* One glyph of a line, read once: its tuple (borrowed), text, box and place in the line. */
typedef struct {
    PyObject *glyph;
    PyObject *text;
    double x0, top, x1, bottom;
    Py_ssize_t index;
    int numeric;
} line_glyph;

/* Lines shorter than this are read into a buffer on the stack (most lines: a cell's). */
#define SHORT_LINE 64

/* Whether a text is one of _pdf_layout._NUMERIC's characters (a longer text is not). */
static int
numeric_text(PyObject *text)
{
    if (PyUnicode_GET_LENGTH(text) != 1) {
        return 0;
    }
    switch (PyUnicode_READ_CHAR(text, 0)) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8':
    case '9': case ',': case '.': case '-': case '+': case '%': case '(': case ')':
    case 0xFF08: /* （ */
    case 0xFF09: /* ） */
    case 0xFF0D: /* － */
    case 0x2014: /* — */
        return 1;
    default:
        return 0;
    }
}

/* (x0, index): sorted(glyphs, key=_X0), stable, as a total order. */
static int
compare_x0(const void *p, const void *q)
{
    const line_glyph *a = p, *b = q;
    if (a->x0 != b->x0) {
        return a->x0 < b->x0 ? -1 : 1;
    }
    return (a->index > b->index) - (a->index < b->index);
}

/*
 * Read the glyphs of *seq* into *out* (room for n) and order them left to right
 * as sorted(glyphs, key=_X0) does: a stable sort by x0.  Short lines (nearly
 * always in order already) by insertion, which moves a glyph only past a
 * larger x0; long ones by qsort on (x0, index).  -1 with an exception if a
 * glyph is malformed.
 */
static int
read_line(PyObject **items, Py_ssize_t n, line_glyph *out)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        double box[4];
        if (glyph_box(items[i], box) < 0) {
            return -1;
        }
        PyObject *text = PyTuple_GET_ITEM(items[i], 0);
        if (!PyUnicode_Check(text)) {
            PyErr_Format(PyExc_TypeError, "a glyph's text must be str, not %.100s",
                         Py_TYPE(text)->tp_name);
            return -1;
        }
        line_glyph g = {items[i], text, box[0], box[1], box[2], box[3], i, numeric_text(text)};
        if (n <= SHORT_LINE) {
            Py_ssize_t k = i;
            for (; k > 0 && g.x0 < out[k - 1].x0; k--) {
                out[k] = out[k - 1];
            }
            out[k] = g;
        }
        else {
            out[i] = g;
        }
    }
    if (n > SHORT_LINE) {
        qsort(out, (size_t)n, sizeof(line_glyph), compare_x0);
    }
    return 0;
}

/* "".join of the texts of line[from:to], with a space before each glyph marked in *spaced*. */
static PyObject *
join_texts(const line_glyph *line, const char *spaced, Py_ssize_t from, Py_ssize_t to)
{
    Py_ssize_t length = 0;
    Py_UCS4 maxchar = 127; /* (each part's kind is its smallest: so is the joined string's) */
    for (Py_ssize_t k = from; k < to; k++) {
        length += spaced[k] + PyUnicode_GET_LENGTH(line[k].text);
        Py_UCS4 most = PyUnicode_MAX_CHAR_VALUE(line[k].text);
        maxchar = most > maxchar ? most : maxchar;
    }
    PyObject *out = PyUnicode_New(length, maxchar);
    if (out == NULL) {
        return NULL;
    }
    int kind = PyUnicode_KIND(out);
    void *data = PyUnicode_DATA(out);
    Py_ssize_t at = 0;
    for (Py_ssize_t k = from; k < to; k++) {
        PyObject *text = line[k].text;
        Py_ssize_t size = PyUnicode_GET_LENGTH(text);
        if (spaced[k]) {
            PyUnicode_WRITE(kind, data, at, ' ');
            at++;
        }
        if (size == 1) {
            PyUnicode_WRITE(kind, data, at, PyUnicode_READ_CHAR(text, 0));
        }
        else if (size > 1 && PyUnicode_CopyCharacters(out, at, text, 0, size) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        at += size;
    }
    return out;
}

/* A run's text and box (the glyphs' own float objects), appended to *runs*; 0 on success. */
static int
append_run(PyObject *runs, const line_glyph *line, const char *spaced, Py_ssize_t from,
           Py_ssize_t to, PyObject *const box[4])
{
    PyObject *text = join_texts(line, spaced, from, to);
    if (text == NULL) {
        return -1;
    }
    PyObject *bbox = PyTuple_Pack(4, box[0], box[1], box[2], box[3]);
    if (bbox == NULL) {
        Py_DECREF(text);
        return -1;
    }
    PyObject *run = PyTuple_New(2);
    if (run == NULL) {
        Py_DECREF(text);
        Py_DECREF(bbox);
        return -1;
    }
    PyTuple_SET_ITEM(run, 0, text);
    PyTuple_SET_ITEM(run, 1, bbox);
    int failed = PyList_Append(runs, run);
    Py_DECREF(run);
    return failed;
}

PyDoc_STRVAR(line_text_doc,
             "line_text(glyphs)\n"
             "--\n\n"
             "The runs of one line, left to right, split where the gap is wider than two\n"
             "characters: ``[(text, (x0, top, x1, bottom)), ...]`` (compiled\n"
             ":func:`govfin.io._pdf_layout._line_text_python`).");

static PyObject *
line_text(PyObject *module, PyObject *glyphs)
{
    (void)module;
    PyObject *seq = PySequence_Fast(glyphs, "glyphs must be iterable");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    line_glyph short_line[SHORT_LINE];
    char short_spaced[SHORT_LINE];
    line_glyph *line = n <= SHORT_LINE ? short_line : PyMem_New(line_glyph, n);
    char *spaced = n <= SHORT_LINE ? short_spaced : PyMem_New(char, n);
    PyObject *runs = NULL;
    if (line == NULL || spaced == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_line(PySequence_Fast_ITEMS(seq), n, line) < 0 || (runs = PyList_New(0)) == NULL ||
        n == 0) {
        goto done;
    }
    /* The run's box: (start, run_top, run_x1, run_bottom), the glyphs' objects and values. */
    PyObject *box[4];
    double run_top = line[0].top, run_x1 = line[0].x1, run_bottom = line[0].bottom;
    for (int i = 0; i < 4; i++) {
        box[i] = PyTuple_GET_ITEM(line[0].glyph, i + 1);
    }
    Py_ssize_t from = 0;
    spaced[0] = 0;
    double prev_x1 = line[0].x1, prev_height = line[0].bottom - line[0].top;
    for (Py_ssize_t k = 1; k < n; k++) {
        const line_glyph *g = &line[k];
        double height = g->bottom - g->top;
        double em = height > prev_height ? height : prev_height;
        double gap = g->x0 - prev_x1;
        if (gap > 2.0 * em) {
            if (append_run(runs, line, spaced, from, k, box) < 0) {
                goto fail;
            }
            from = k;
            spaced[k] = 0;
            for (int i = 0; i < 4; i++) {
                box[i] = PyTuple_GET_ITEM(g->glyph, i + 1);
            }
            run_top = g->top, run_x1 = g->x1, run_bottom = g->bottom;
        }
        else {
            spaced[k] = gap > 0.3 * em && !(line[k - 1].numeric && g->numeric);
            if (g->top < run_top) {
                run_top = g->top;
                box[1] = PyTuple_GET_ITEM(g->glyph, 2);
            }
            if (g->bottom > run_bottom) {
                run_bottom = g->bottom;
                box[3] = PyTuple_GET_ITEM(g->glyph, 4);
            }
            if (g->x1 > run_x1) {
                run_x1 = g->x1;
                box[2] = PyTuple_GET_ITEM(g->glyph, 3);
            }
        }
        prev_x1 = g->x1, prev_height = height;
    }
    if (append_run(runs, line, spaced, from, n, box) < 0) {
        goto fail;
    }
    goto done;
fail:
    Py_CLEAR(runs);
done:
    if (line != short_line) {
        PyMem_Free(line);
    }
    if (spaced != short_spaced) {
        PyMem_Free(spaced);
    }
    Py_DECREF(seq);
    return runs;
}

/* The text of a line of *n* glyphs (at least one): _line_string's runs joined by one space. */
static PyObject *
line_string_of(PyObject **items, Py_ssize_t n)
{
    line_glyph short_line[SHORT_LINE];
    char short_spaced[SHORT_LINE];
    line_glyph *line = n <= SHORT_LINE ? short_line : PyMem_New(line_glyph, n);
    char *spaced = n <= SHORT_LINE ? short_spaced : PyMem_New(char, n);
    PyObject *out = NULL;
    if (line == NULL || spaced == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_line(items, n, line) < 0) {
        goto done;
    }
    spaced[0] = 0;
    double prev_x1 = line[0].x1, prev_height = line[0].bottom - line[0].top;
    for (Py_ssize_t k = 1; k < n; k++) {
        const line_glyph *g = &line[k];
        double height = g->bottom - g->top;
        double em = height > prev_height ? height : prev_height;
        double gap = g->x0 - prev_x1;
        /* a new run (joined by a space), or a space within the run */
        spaced[k] = gap > 2.0 * em || (gap > 0.3 * em && !(line[k - 1].numeric && g->numeric));
        prev_x1 = g->x1, prev_height = height;
    }
    out = join_texts(line, spaced, 0, n);
done:
    if (line != short_line) {
        PyMem_Free(line);
    }
    if (spaced != short_spaced) {
        PyMem_Free(spaced);
    }
    return out;
}

PyDoc_STRVAR(line_string_doc,
             "line_string(glyphs)\n"
             "--\n\n"
             "The text of one line (at least one glyph): its runs joined by one space (compiled\n"
             ":func:`govfin.io._pdf_layout._line_string_python`).");

static PyObject *
line_string(PyObject *module, PyObject *glyphs)
{
    (void)module;
    PyObject *seq = PySequence_Fast(glyphs, "glyphs must be iterable");
    if (seq == NULL) {
        return NULL;
    }
    PyObject *out = NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n == 0) {
        PyErr_SetString(PyExc_ValueError, "a line needs at least one glyph");
    }
    else {
        out = line_string_of(PySequence_Fast_ITEMS(seq), n);
    }
    Py_DECREF(seq);
    return out;
}

/* str.strip() (no argument): the same whitespace (Py_UNICODE_ISSPACE) off both ends. */
static PyObject *
strip(PyObject *text)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), start = 0, end = length;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (start < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start))) {
        start++;
    }
    while (end > start && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1))) {
        end--;
    }
    return PyUnicode_Substring(text, start, end);
}

/* An ASCII letter (str.isalpha of an ASCII character). */
static int
ascii_alpha(Py_UCS4 ch)
{
    return ('a' <= ch && ch <= 'z') || ('A' <= ch && ch <= 'Z');
}

PyDoc_STRVAR(cell_text_doc,
             "cell_text(glyphs)\n"
             "--\n\n"
             "A cell's text: its lines' texts, stripped, joined as a reader reads them (compiled\n"
             ":func:`govfin.io._pdf_layout._cell_text_python`).");

static PyObject *
cell_text(PyObject *module, PyObject *glyphs)
{
    PyObject *seq = PySequence_Fast(glyphs, "glyphs must be iterable");
    if (seq == NULL) {
        return NULL;
    }
    PyObject *lines = NULL, *parts = NULL, *out = NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n <= 1) { /* an empty cell, or one character: what the lines below make of it */
        if (n == 0) {
            out = PyUnicode_New(0, 0);
            goto done;
        }
        PyObject *glyph = PySequence_Fast_GET_ITEM(seq, 0);
        PyObject *text = PyTuple_Check(glyph) && PyTuple_GET_SIZE(glyph) == 5
                             ? PyTuple_GET_ITEM(glyph, 0)
                             : NULL;
        if (text == NULL || !PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError,
                            "a glyph must be a tuple of five (text, x0, top, x1, bottom), its text "
                            "a str");
            goto done;
        }
        out = strip(text);
        goto done;
    }
    if ((lines = group_lines(module, seq)) == NULL) {
        goto done;
    }
    Py_ssize_t n_lines = PyList_GET_SIZE(lines);
    /* join_lines: the stripped lines, empty ones left out, with a space between two ASCII
     * letters only (no space between CJK text, nor between a word and a digit). */
    Py_UCS4 last = 0; /* the last character joined so far */
    for (Py_ssize_t i = 0; i < n_lines; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        PyObject *raw = line_string_of(PySequence_Fast_ITEMS(line), PyList_GET_SIZE(line));
        PyObject *text = raw == NULL ? NULL : strip(raw);
        Py_XDECREF(raw);
        if (text == NULL) {
            goto fail;
        }
        if (n_lines == 1) { /* (most cells) */
            out = text;
            goto done;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(text);
        if (length == 0) {
            Py_DECREF(text);
            continue;
        }
        if (parts == NULL && (parts = PyList_New(0)) == NULL) {
            Py_DECREF(text);
            goto fail;
        }
        Py_UCS4 first = PyUnicode_READ_CHAR(text, 0);
        int failed = 0;
        if (PyList_GET_SIZE(parts) > 0 && ascii_alpha(last) && ascii_alpha(first)) {
            PyObject *space = PyUnicode_FromOrdinal(' ');
            failed = space == NULL || PyList_Append(parts, space) < 0;
            Py_XDECREF(space);
        }
        last = PyUnicode_READ_CHAR(text, length - 1);
        failed = failed || PyList_Append(parts, text) < 0;
        Py_DECREF(text);
        if (failed) {
            goto fail;
        }
    }
    if (parts == NULL) {
        out = PyUnicode_New(0, 0);
    }
    else { /* "".join (a NULL separator would be a space) */
        PyObject *empty = PyUnicode_New(0, 0);
        out = empty == NULL ? NULL : PyUnicode_Join(empty, parts);
        Py_XDECREF(empty);
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    Py_XDECREF(parts);
    Py_XDECREF(lines);
    Py_DECREF(seq);
    return out;
}

PyDoc_STRVAR(cell_texts_doc,
             "cell_texts(placed, roots, n_cols)\n"
             "--\n\n"
             "The text of each cell of a grid, by its root: the placed ``(glyph, row, col)``\n"
             "grouped by the root of their atomic cell (``roots[row * n_cols + col]``), in\n"
             "their order, and read as :func:`cell_text` (compiled\n"
             ":func:`govfin.io._pdf_layout._cell_texts_python`).");

static PyObject *
cell_texts(PyObject *module, PyObject *args)
{
    PyObject *placed, *roots;
    Py_ssize_t n_cols;
    if (!PyArg_ParseTuple(args, "O!O!n:cell_texts", &PyList_Type, &placed, &PyList_Type, &roots,
                          &n_cols)) {
        return NULL;
    }
    PyObject *groups = PyDict_New(), *texts = NULL;
    if (groups == NULL) {
        return NULL;
    }
    /* the glyphs of each cell, in the placing's order */
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(placed); i++) {
        PyObject *item = PyList_GET_ITEM(placed, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3) {
            PyErr_SetString(PyExc_TypeError, "placed must hold (glyph, row, col) tuples");
            goto done;
        }
        Py_ssize_t row = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 1));
        if (row == -1 && PyErr_Occurred()) {
            goto done;
        }
        Py_ssize_t col = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 2));
        if (col == -1 && PyErr_Occurred()) {
            goto done;
        }
        Py_ssize_t at = row * n_cols + col;
        if (row < 0 || col < 0 || at < 0 || at >= PyList_GET_SIZE(roots)) {
            PyErr_Format(PyExc_IndexError, "cell (%zd, %zd) is outside the grid", row, col);
            goto done;
        }
        PyObject *root = PyList_GET_ITEM(roots, at);
        PyObject *cell = PyDict_GetItemWithError(groups, root); /* borrowed */
        if (cell == NULL) {
            if (PyErr_Occurred() || (cell = PyList_New(0)) == NULL) {
                goto done;
            }
            int failed = PyDict_SetItem(groups, root, cell);
            Py_DECREF(cell); /* held by groups */
            if (failed < 0) {
                goto done;
            }
        }
        if (PyList_Append(cell, PyTuple_GET_ITEM(item, 0)) < 0) {
            goto done;
        }
    }
    /* then each cell's text */
    if ((texts = PyDict_New()) == NULL) {
        goto done;
    }
    Py_ssize_t pos = 0;
    PyObject *root, *cell;
    while (PyDict_Next(groups, &pos, &root, &cell)) {
        PyObject *text = cell_text(module, cell);
        int failed = text == NULL || PyDict_SetItem(texts, root, text) < 0;
        Py_XDECREF(text);
        if (failed) {
            Py_CLEAR(texts);
            goto done;
        }
    }
done:
    Py_DECREF(groups);
    return texts;
}

/* ---- Rules: the sets of ruling segments that connect (_pdf_layout._components). ---- */

/* Rules closer than this many points are the same rule: _pdf_layout.SNAP. */
static const double SNAP = 2.0;

/* One segment read once: its direction, its position and its reach along its length. */
typedef struct {
    int horizontal;
    double pos, low, high;
} rule_reach;

/* A segment's attribute *name* as a double; -1 with an exception on error. */
static int
attr_double(PyObject *segment, PyObject *name, double *out)
{
    PyObject *value = PyObject_GetAttr(segment, name);
    if (value == NULL) {
        return -1;
    }
    *out = PyFloat_AsDouble(value);
    Py_DECREF(value);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

/* The root of *i*, halving its path (_pdf_layout._UnionFind.find). */
static Py_ssize_t
find_root(Py_ssize_t *parent, Py_ssize_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

PyDoc_STRVAR(components_doc,
             "components(segments)\n"
             "--\n\n"
             "The sets of segments connected by crossings or touching ends, each in the\n"
             "segments' order, the sets in the order of their first segment (compiled\n"
             ":func:`govfin.io._pdf_layout._components_python`).");

static PyObject *
components(PyObject *module, PyObject *segments)
{
    (void)module;
    PyObject *seq = PySequence_Fast(segments, "segments must be iterable");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    rule_reach *rules = PyMem_New(rule_reach, n > 0 ? n : 1);
    Py_ssize_t *parent = PyMem_New(Py_ssize_t, n > 0 ? n : 1);
    Py_ssize_t *group_of = PyMem_New(Py_ssize_t, n > 0 ? n : 1);
    PyObject *names[4] = {PyUnicode_InternFromString("horizontal"),
                          PyUnicode_InternFromString("pos"), PyUnicode_InternFromString("start"),
                          PyUnicode_InternFromString("end")};
    PyObject *groups = NULL;
    if (rules == NULL || parent == NULL || group_of == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (names[0] == NULL || names[1] == NULL || names[2] == NULL || names[3] == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *horizontal = PyObject_GetAttr(items[i], names[0]);
        int truth = horizontal == NULL ? -1 : PyObject_IsTrue(horizontal);
        Py_XDECREF(horizontal);
        double start, end;
        if (truth < 0 || attr_double(items[i], names[1], &rules[i].pos) < 0 ||
            attr_double(items[i], names[2], &start) < 0 ||
            attr_double(items[i], names[3], &end) < 0) {
            goto done;
        }
        rules[i].horizontal = truth;
        rules[i].low = start - SNAP;
        rules[i].high = end + SNAP;
        parent[i] = i;
    }
    /* a horizontal and a vertical connect where each covers the other's position */
    for (Py_ssize_t i = 0; i < n; i++) {
        const rule_reach *a = &rules[i];
        if (!a->horizontal) {
            continue;
        }
        for (Py_ssize_t j = 0; j < n; j++) {
            const rule_reach *b = &rules[j];
            if (b->horizontal || !(a->low <= b->pos && b->pos <= a->high && b->low <= a->pos &&
                                   a->pos <= b->high)) {
                continue;
            }
            /* union: the greater root under the lesser (each set's root its least element) */
            Py_ssize_t ra = find_root(parent, i), rb = find_root(parent, j);
            if (ra < rb) {
                parent[rb] = ra;
            }
            else if (rb < ra) {
                parent[ra] = rb;
            }
        }
    }
    if ((groups = PyList_New(0)) == NULL) {
        goto done;
    }
    /* A parent is never greater than its child (a union hangs the greater root under the
     * lesser, halving a path moves a child to an ancestor): in order, each segment finds
     * its set through its parent's, and a root (its set's least segment) opens a set. */
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *group;
        if (parent[i] == i) {
            group_of[i] = PyList_GET_SIZE(groups);
            group = PyList_New(0);
            int failed = group == NULL || PyList_Append(groups, group) < 0;
            Py_XDECREF(group); /* held by groups */
            if (failed) {
                Py_CLEAR(groups);
                goto done;
            }
        }
        else {
            group_of[i] = group_of[parent[i]];
        }
        group = PyList_GET_ITEM(groups, group_of[i]);
        if (PyList_Append(group, items[i]) < 0) {
            Py_CLEAR(groups);
            goto done;
        }
    }
done:
    for (int k = 0; k < 4; k++) {
        Py_XDECREF(names[k]);
    }
    PyMem_Free(rules);
    PyMem_Free(parent);
    PyMem_Free(group_of);
    Py_DECREF(seq);
    return groups;
}

/* ---- Rules: collinear segments snapped and joined (_pdf_layout._merge_segments). ---- */

/* One segment read once: its attributes' objects (new references) and their values. */
typedef struct {
    PyObject *pos, *start, *end;
    double pos_d, start_d, end_d;
    Py_ssize_t index; /* its place in the segments */
    Py_ssize_t rank;  /* its place in its line (by position) */
} rule_piece;

/* (pos, index): sorted(group, key=_POS), stable. */
static int
compare_pos(const void *p, const void *q)
{
    const rule_piece *a = *(rule_piece *const *)p, *b = *(rule_piece *const *)q;
    if (a->pos_d != b->pos_d) {
        return a->pos_d < b->pos_d ? -1 : 1;
    }
    return (a->index > b->index) - (a->index < b->index);
}

/* (start, end, rank): sorted([(s.start, s.end) for s in line]), stable. */
static int
compare_span(const void *p, const void *q)
{
    const rule_piece *a = *(rule_piece *const *)p, *b = *(rule_piece *const *)q;
    if (a->start_d != b->start_d) {
        return a->start_d < b->start_d ? -1 : 1;
    }
    if (a->end_d != b->end_d) {
        return a->end_d < b->end_d ? -1 : 1;
    }
    return (a->rank > b->rank) - (a->rank < b->rank);
}

/*
 * The mean position of a line's pieces, as sum(positions) / len(line) gives it.
 * One float piece: (0 + pos) / 1, what sum() makes of it on every Python version;
 * more: the builtin sum() itself (whose float summation changed in Python 3.12).
 */
static PyObject *
mean_pos(rule_piece **line, Py_ssize_t count, PyObject *sum)
{
    if (count == 1 && PyFloat_CheckExact(line[0]->pos)) {
        return PyFloat_FromDouble((0.0 + line[0]->pos_d) / 1.0);
    }
    PyObject *positions = PyList_New(count), *total = NULL, *length = NULL, *mean = NULL;
    if (positions == NULL) {
        return NULL;
    }
    for (Py_ssize_t k = 0; k < count; k++) {
        PyList_SET_ITEM(positions, k, Py_NewRef(line[k]->pos));
    }
    if ((total = PyObject_CallOneArg(sum, positions)) != NULL &&
        (length = PyLong_FromSsize_t(count)) != NULL) {
        mean = PyNumber_TrueDivide(total, length);
    }
    Py_DECREF(positions);
    Py_XDECREF(total);
    Py_XDECREF(length);
    return mean;
}

/* A new Segment(horizontal, pos, start, end) appended to *out*; 0 on success. */
static int
append_segment(PyObject *out, PyObject *segment_type, PyObject *horizontal, PyObject *pos,
               PyObject *start, PyObject *end)
{
    PyObject *args[4] = {horizontal, pos, start, end};
    PyObject *segment = PyObject_Vectorcall(segment_type, args, 4, NULL);
    if (segment == NULL) {
        return -1;
    }
    int failed = PyList_Append(out, segment);
    Py_DECREF(segment);
    return failed;
}

/* The merged segments of one direction's pieces (*group*, sorted by position) into *out*. */
static int
merge_group(PyObject *out, PyObject *segment_type, PyObject *horizontal, rule_piece **group,
            Py_ssize_t count, PyObject *sum)
{
    Py_ssize_t first = 0;
    while (first < count) {
        /* a line: each piece within SNAP of the one before */
        Py_ssize_t last = first + 1;
        while (last < count && group[last]->pos_d - group[last - 1]->pos_d <= SNAP) {
            last++;
        }
        rule_piece **line = group + first;
        Py_ssize_t size = last - first;
        PyObject *pos = mean_pos(line, size, sum);
        if (pos == NULL) {
            return -1;
        }
        if (size > 1) {
            for (Py_ssize_t k = 0; k < size; k++) {
                line[k]->rank = k;
            }
            qsort(line, (size_t)size, sizeof(rule_piece *), compare_span);
        }
        /* its spans joined where they overlap or touch (within SNAP) */
        PyObject *cur_start = line[0]->start, *cur_end = line[0]->end;
        double cur_end_d = line[0]->end_d;
        for (Py_ssize_t k = 1; k < size; k++) {
            if (line[k]->start_d <= cur_end_d + SNAP) {
                if (line[k]->end_d > cur_end_d) {
                    cur_end = line[k]->end, cur_end_d = line[k]->end_d;
                }
                continue;
            }
            if (append_segment(out, segment_type, horizontal, pos, cur_start, cur_end) < 0) {
                Py_DECREF(pos);
                return -1;
            }
            cur_start = line[k]->start;
            cur_end = line[k]->end, cur_end_d = line[k]->end_d;
        }
        int failed = append_segment(out, segment_type, horizontal, pos, cur_start, cur_end);
        Py_DECREF(pos);
        if (failed < 0) {
            return -1;
        }
        first = last;
    }
    return 0;
}

PyDoc_STRVAR(merge_segments_doc,
             "merge_segments(segment, segments)\n"
             "--\n\n"
             "Snap collinear segments to one position and join those that overlap or touch:\n"
             "new *segment* objects, the horizontal ones first (compiled\n"
             ":func:`govfin.io._pdf_layout._merge_segments_python`).");

static PyObject *
merge_segments(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *segment_type, *segments;
    if (!PyArg_ParseTuple(args, "OO:merge_segments", &segment_type, &segments)) {
        return NULL;
    }
    if (!PyCallable_Check(segment_type)) {
        PyErr_SetString(PyExc_TypeError, "segment must be the segment type");
        return NULL;
    }
    PyObject *sum = PyDict_GetItemString(PyEval_GetBuiltins(), "sum"); /* borrowed */
    if (sum == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "no builtin sum");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(segments, "segments must be iterable");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq), read = 0, n_h = 0, n_v = 0;
    PyObject **items = PySequence_Fast_ITEMS(seq);
    rule_piece *pieces = PyMem_New(rule_piece, n > 0 ? n : 1);
    rule_piece **horizontal = PyMem_New(rule_piece *, n > 0 ? n : 1);
    rule_piece **vertical = PyMem_New(rule_piece *, n > 0 ? n : 1);
    PyObject *names[4] = {PyUnicode_InternFromString("horizontal"),
                          PyUnicode_InternFromString("pos"), PyUnicode_InternFromString("start"),
                          PyUnicode_InternFromString("end")};
    PyObject *out = NULL;
    if (pieces == NULL || horizontal == NULL || vertical == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (names[0] == NULL || names[1] == NULL || names[2] == NULL || names[3] == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *way = PyObject_GetAttr(items[i], names[0]);
        if (way == NULL) {
            goto done;
        }
        Py_DECREF(way); /* (only told apart from True and False by identity, as by "is") */
        if (way != Py_True && way != Py_False) { /* neither: in no group, as in the Python */
            continue;
        }
        rule_piece *piece = &pieces[read];
        piece->pos = piece->start = piece->end = NULL;
        read++;
        if ((piece->pos = PyObject_GetAttr(items[i], names[1])) == NULL ||
            (piece->start = PyObject_GetAttr(items[i], names[2])) == NULL ||
            (piece->end = PyObject_GetAttr(items[i], names[3])) == NULL) {
            goto done;
        }
        if (((piece->pos_d = PyFloat_AsDouble(piece->pos)) == -1.0 && PyErr_Occurred()) ||
            ((piece->start_d = PyFloat_AsDouble(piece->start)) == -1.0 && PyErr_Occurred()) ||
            ((piece->end_d = PyFloat_AsDouble(piece->end)) == -1.0 && PyErr_Occurred())) {
            goto done;
        }
        piece->index = i;
        if (way == Py_True) {
            horizontal[n_h++] = piece;
        }
        else {
            vertical[n_v++] = piece;
        }
    }
    qsort(horizontal, (size_t)n_h, sizeof(rule_piece *), compare_pos);
    qsort(vertical, (size_t)n_v, sizeof(rule_piece *), compare_pos);
    if ((out = PyList_New(0)) == NULL ||
        merge_group(out, segment_type, Py_True, horizontal, n_h, sum) < 0 ||
        merge_group(out, segment_type, Py_False, vertical, n_v, sum) < 0) {
        Py_CLEAR(out);
    }
done:
    for (Py_ssize_t k = 0; k < read; k++) {
        Py_XDECREF(pieces[k].pos);
        Py_XDECREF(pieces[k].start);
        Py_XDECREF(pieces[k].end);
    }
    for (int k = 0; k < 4; k++) {
        Py_XDECREF(names[k]);
    }
    PyMem_Free(pieces);
    PyMem_Free(horizontal);
    PyMem_Free(vertical);
    Py_DECREF(seq);
    return out;
}

static PyMethodDef methods[] = {
    {"char_pass", char_pass, METH_VARARGS, char_pass_doc},
    {"rule_pass", rule_pass, METH_VARARGS, rule_pass_doc},
    {"sample_turns", sample_turns, METH_VARARGS, sample_turns_doc},
    {"group_lines", group_lines, METH_O, group_lines_doc},
    {"place", place, METH_VARARGS, place_doc},
    {"line_text", line_text, METH_O, line_text_doc},
    {"line_string", line_string, METH_O, line_string_doc},
    {"cell_text", cell_text, METH_O, cell_text_doc},
    {"cell_texts", cell_texts, METH_VARARGS, cell_texts_doc},
    {"components", components, METH_O, components_doc},
    {"merge_segments", merge_segments, METH_VARARGS, merge_segments_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "govfin.io._pdfium_c",
    "The PDF passes compiled: see govfin.io._pdf_pdfium and govfin.io._pdf_layout.",
    0,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__pdfium_c(void)
{
    return PyModuleDef_Init(&module_def);
}
