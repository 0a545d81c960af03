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
 * If this module cannot be built (no C compiler), govfin uses the Python loop.
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

static int
item_double(PyObject *glyph, Py_ssize_t i, double *out)
{
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

static PyMethodDef methods[] = {
    {"char_pass", char_pass, METH_VARARGS, char_pass_doc},
    {"rule_pass", rule_pass, METH_VARARGS, rule_pass_doc},
    {"sample_turns", sample_turns, METH_VARARGS, sample_turns_doc},
    {"group_lines", group_lines, METH_O, group_lines_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "govfin.io._pdfium_c",
    "The PDF character pass compiled: see govfin.io._pdf_pdfium.",
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
