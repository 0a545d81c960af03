"""The bad-input campaign over the loaders: arbitrary and mutated bytes, JSON, workbooks, text.

Each property asserts the campaign's promise: a report or a typed error; no
other exception; bounded time and memory; no report read in part that checks
clean; exact round trips.  The loaders come from :data:`govfin.io.FORMATS`, so
a new format is fuzzed as soon as it is registered.
"""

from __future__ import annotations

import copy
import functools
import io
import json
import os
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfin.amounts import CellState
from govfin.errors import GovfinError, LoadError, WriteError
from govfin.io import FORMATS, load, load_example, save
from govfin.io._limits import clean_document, has_surrogate
from govfin.io.jsonio import from_dict, from_json, to_dict, to_json
from govfin.report import Cell, Report
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable

from .campaign import ZOO, assert_no_silent_pass, outcome

openpyxl = pytest.importorskip("openpyxl")

_FILES = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
# Writing a workbook per example costs about 0.3 s: a few dozen in CI, all of them
# under the long ``fuzz`` profile.
_WORKBOOKS = settings(
    _FILES,
    max_examples=settings().max_examples if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 25,
)
_SUFFIXES = sorted(FORMATS)


def _small_report() -> Report:
    """The seed cut to its first two tables: small enough to mutate thousands of times."""
    seed = load_example()
    return seed.evolve(tables=seed.tables[:2])


@functools.cache
def _base(fmt: str) -> bytes:
    """A valid file of format *fmt* to mutate (a small one, so that examples stay fast)."""
    if fmt in ("txt", "text"):
        from govfin.io import example_path  # noqa: PLC0415

        text = example_path().read_text(encoding="utf-8")
        return text[: text.index("公开03表")].encode("utf-8")
    if fmt == "json":
        return to_json(_small_report()).encode("utf-8")
    if fmt == "xlsx":
        return _xlsx_bytes(_small_report())
    if fmt == "pdf":
        return (ZOO / "budget--reportlab-cid.pdf").read_bytes()
    return b""  # a format added later: arbitrary bytes only


def _xlsx_bytes(report: Report) -> bytes:
    from govfin.io._excel_write import _Writer  # noqa: PLC0415 - the workbook without a file

    buffer = io.BytesIO()
    _Writer(report).write().save(buffer)
    return buffer.getvalue()


@st.composite
def _mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """*data* with one to three mutations: a flipped byte, a cut, an insertion, a truncation."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if kind == "flip":
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del out[at : at + draw(st.integers(1, 64))]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=32))
        else:
            del out[at:]
    return bytes(out)


def _check_file(path: Path) -> None:
    got = outcome(load, path)
    if isinstance(got, Report):
        assert_no_silent_pass(got)


@_FILES
@given(fmt=st.sampled_from(_SUFFIXES), data=st.binary(max_size=2048))
def test_arbitrary_bytes_for_every_suffix(tmp_path: Path, fmt: str, data: bytes) -> None:
    path = tmp_path / f"input.{fmt}"
    path.write_bytes(data)
    _check_file(path)


@_FILES
@given(st.data())
def test_mutated_files_for_every_suffix(tmp_path: Path, data: st.DataObject) -> None:
    fmt = data.draw(st.sampled_from([f for f in _SUFFIXES if _base(f)]))
    path = tmp_path / f"input.{fmt}"
    path.write_bytes(data.draw(_mutated(_base(fmt))))
    _check_file(path)


# ---------------------------------------------------------------- native JSON


def _nested(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children)


_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["-0.00", "1e-999999", "NaN", "Infinity", "\ud800", "9" * 200, "２０２４"]),
    _nested,
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:4]):
            out += _paths(v, (*prefix, i))
    return out


@functools.cache
def _json_doc() -> dict[str, Any]:
    return to_dict(_small_report())


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_native_json(data: st.DataObject) -> None:
    doc = copy.deepcopy(_json_doc())
    paths = _paths(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths[1:]))
        node = doc
        try:
            for key in path[:-1]:
                node = node[key]
            if data.draw(st.booleans()) and isinstance(node, dict):
                node.pop(path[-1], None)
            else:
                node[path[-1]] = data.draw(_JSON_VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    text = json.dumps(doc, ensure_ascii=data.draw(st.booleans()))
    got = outcome(from_json, text)
    if isinstance(got, Report):
        assert from_json(to_json(got)) == got  # what is read is written back exactly
        assert_no_silent_pass(got)


# ---------------------------------------------------------------- workbooks


@functools.cache
def _layout_bytes() -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(_xlsx_bytes(_small_report())))
    del book["_govfin"]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.slow
@_WORKBOOKS
@given(
    hidden=st.booleans(),
    row=st.integers(1, 1_048_576),
    col=st.integers(1, 16_384),
    text=st.text(min_size=1, max_size=10) | st.sampled_from(["1", "=1+1", "99.99"]),
)
def test_stray_far_cells(tmp_path: Path, hidden: bool, row: int, col: int, text: str) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(_xlsx_bytes(_small_report()) if hidden else _layout_bytes())
    )
    from govfin.io._excel_cells import _visible  # noqa: PLC0415 - what a cell can hold

    book.worksheets[0].cell(row=row, column=col).value = _visible(text) or "x"
    path = tmp_path / "far.xlsx"
    book.save(path)
    _check_file(path)


@functools.cache
def _meta_rows() -> list[tuple[str, str]]:
    book = openpyxl.load_workbook(io.BytesIO(_xlsx_bytes(_small_report())))
    ws = book["_govfin"]
    return [
        (str(r[0]), "".join(str(v) for v in r[1:] if v is not None))
        for r in ws.iter_rows(min_row=2, values_only=True)
        if r and r[0] is not None
    ]


def _hidden_workbook(records: list[tuple[str, str]]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(_xlsx_bytes(_small_report())))
    ws = book["_govfin"]
    ws.delete_rows(2, ws.max_row)
    for i, (kind, text) in enumerate(records, start=2):
        ws.cell(row=i, column=1).value = kind
        for k in range(0, max(len(text), 1), 32000):
            ws.cell(row=i, column=2 + k // 32000).value = text[k : k + 32000] or None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.slow
@_WORKBOOKS
@given(st.data())
def test_malformed_hidden_sheet(tmp_path: Path, data: st.DataObject) -> None:
    records = [(k, json.loads(t)) for k, t in _meta_rows()]
    index = data.draw(st.integers(0, len(records) - 1))
    kind, record = records[index]
    paths = _paths(record)
    for _ in range(data.draw(st.integers(1, 2))):
        path = data.draw(st.sampled_from(paths))
        if not path:
            record = data.draw(_JSON_VALUES)
            break
        node = record
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = data.draw(_JSON_VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    rows = [(k, json.dumps(r)) for k, r in records]
    rows[index] = (kind, json.dumps(record, allow_nan=True))
    path = tmp_path / "hidden.xlsx"
    path.write_bytes(_hidden_workbook(rows))
    _check_file(path)


# ---------------------------------------------------------------- surrogates

_SURROGATE_TEXT = st.tuples(
    st.text(max_size=4), st.integers(0xD800, 0xDFFF).map(chr), st.text(max_size=4)
).map("".join)


@given(text=_SURROGATE_TEXT)
def test_surrogates_are_cleaned_from_a_raw_document(text: str) -> None:
    raw = RawDocument(
        "x.pdf",
        (RawTable(text, ((RawCell(text), RawCell("1")),), captions=(text,), notes=(text,)),),
        (RawParagraph(text),),
    )
    cleaned = clean_document(raw)
    dumped = repr(attrs.asdict(cleaned, recurse=True))
    assert not has_surrogate(dumped)
    assert any("surrogate" in p.message for p in cleaned.problems)


@_WORKBOOKS
@given(text=_SURROGATE_TEXT, fmt=st.sampled_from(["json", "xlsx"]))
def test_surrogates_are_refused_by_writers(tmp_path: Path, text: str, fmt: str) -> None:
    report = _small_report().evolve(department=text)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = folder / f"out.{fmt}"
    path.write_bytes(b"the user's file")
    with pytest.raises(WriteError):
        save(report, path)
    assert path.read_bytes() == b"the user's file"
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left


@given(text=_SURROGATE_TEXT)
def test_surrogates_are_refused_by_the_json_loader(text: str) -> None:
    doc = copy.deepcopy(_json_doc())
    doc["department"] = text
    with pytest.raises(LoadError, match="surrogate"):
        from_json(json.dumps(doc))  # ASCII escapes: \\udXXX


# ---------------------------------------------------------------- round trips

_ZEROS = st.sampled_from(["-0", "-0.00", "－0.00", "-0.0000", "(0.00)", "0.00", "-０.０", "(0)"])


@_WORKBOOKS
@given(texts=st.lists(_ZEROS, min_size=1, max_size=6), fmt=st.sampled_from(["json", "xlsx"]))
def test_negative_zero_round_trips_exactly(tmp_path: Path, texts: list[str], fmt: str) -> None:
    report = _small_report()
    table = report.tables[1]
    rows = list(table.rows)
    for i, text in enumerate(texts):
        row = rows[i % len(rows)]
        key = next(iter(row.cells), None) or table.columns[-1].key
        rows[i % len(rows)] = attrs.evolve(row, cells={**row.cells, key: Cell.parse(text)})
    changed = report.evolve(tables=(report.tables[0], attrs.evolve(table, rows=tuple(rows))))
    path = tmp_path / f"zero.{fmt}"
    save(changed, path)
    back = load(path)
    assert back == changed
    for a, b in zip(changed.tables[1].rows, back.tables[1].rows, strict=True):
        for key, cell in a.cells.items():
            got = b.cells[key]
            assert (got.text, got.state) == (cell.text, cell.state)
            assert str(got.value) == str(cell.value)  # -0.00 stays -0.00, not 0 or 0.0


def test_json_reader_and_writer_agree_on_bounds() -> None:
    """What ``save`` refuses, ``load`` refuses too, and what one accepts the other does."""
    report = _small_report()
    row = report.tables[0].rows[3]
    for value, ok in ((Decimal("1E-99"), True), (Decimal("1E-999999"), False)):
        cell = Cell(str(value), CellState.NUMBER, value)
        bad = report.evolve(
            tables=(
                attrs.evolve(
                    report.tables[0],
                    rows=(*report.tables[0].rows[:3], attrs.evolve(row, cells={"amount": cell})),
                ),
            )
        )
        data = to_dict(bad)
        try:
            from_dict(data)
        except GovfinError:
            assert not ok
        else:
            assert ok


def test_base_files_are_valid() -> None:
    """The files the mutations start from read cleanly (else the campaign tests nothing)."""
    for fmt in ("txt", "json", "xlsx", "pdf"):
        data = _base(fmt)
        assert data
        if fmt == "xlsx":
            assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    assert isinstance(from_json(_base("json").decode()), Report)
