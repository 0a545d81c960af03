"""One regression test per class of the bad-input campaign, built from its reproducer."""

from __future__ import annotations

import copy
import io
import json
import re
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from govfin.amounts import CellState, parse_cell
from govfin.cli import main
from govfin.errors import AmountError, LoadError, WriteError
from govfin.io import example_path, load, load_example, save
from govfin.io.jsonio import from_json, to_dict
from govfin.report import Cell

from .campaign import assert_no_silent_pass, bounded

openpyxl = pytest.importorskip("openpyxl")


def _doc() -> dict[str, Any]:
    return to_dict(load_example())


def _write_json(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- 1. silent pass


def test_garbage_text_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "garbage.txt"
    path.write_text(("abc 123 一二三 .,\n" * 20_000), encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "GF-S004" in capsys.readouterr().out


def test_a_table_that_lost_cells_is_not_clean() -> None:
    seed = load_example()
    table = seed.tables[0]
    rows = tuple(attrs.evolve(r, cells={}) for r in table.rows[:5]) + table.rows[5:]
    damaged = seed.evolve(tables=(attrs.evolve(table, rows=rows), *seed.tables[1:]))
    assert_no_silent_pass(damaged)


# ---------------------------------------------------------------- 2. workbooks written by govfin


def _seed_workbook(tmp_path: Path) -> Path:
    path = tmp_path / "seed.xlsx"
    save(load_example(), path)
    return path


def test_formula_without_value_in_a_govfin_workbook(tmp_path: Path) -> None:
    path = _seed_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet["C7"] = "=1+1"  # openpyxl stores no computed value
    book.save(path)
    report = load(path)
    (problem,) = [p for p in report.problems if "formula" in p.message]
    assert problem.severity == "error"
    assert problem.provenance is not None
    assert problem.provenance.cell == "C7"
    with pytest.raises(LoadError, match="C7"):
        load(path, strict=True)


def _meta(path: Path) -> list[tuple[str, Any]]:
    book = openpyxl.load_workbook(path)
    rows = book["_govfin"].iter_rows(min_row=2, values_only=True)
    return [(str(r[0]), json.loads("".join(str(v) for v in r[1:] if v))) for r in rows if r[0]]


def _rewrite_meta(path: Path, records: list[tuple[str, str]]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book["_govfin"]
    ws.delete_rows(2, ws.max_row)
    for i, (kind, text) in enumerate(records, start=2):
        ws.cell(row=i, column=1).value = kind
        ws.cell(row=i, column=2).value = text
    book.save(path)


def _set(record: Any, path: tuple[Any, ...], value: Any) -> None:
    node = record
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


@pytest.mark.parametrize(
    ("target", "path", "value", "message"),
    [
        ("report", ("year",), "2024", "year"),
        ("report", ("year",), 10**12, "year"),
        ("report", ("kind",), 3, "kind"),
        ("report", ("kind",), "年报", "kind"),
        ("report", ("narrative",), "text", "narrative"),
        ("report", ("problems",), [{"message": 1, "severity": "error"}], "message"),
        ("table", ("columns", 0, "precision"), 10**9, "precision"),
        ("table", ("columns", 0, "precision"), "2", "precision"),
        ("table", ("schema",), "final.nope", "unknown table schema"),
        ("table", ("unit",), "斤", "unit"),
        ("table", ("rows", 1, "key"), None, "key"),
        ("table", ("rows", 0, "r"), 0, "'r'"),
        ("table", ("provenance",), {"bbox": [1, 2, 3, "NaN"]}, "bbox"),
        ("table", ("rows", 0, "seg"), 99, "seg"),
    ],
)
def test_malformed_hidden_sheet_is_refused(
    tmp_path: Path, target: str, path: tuple[Any, ...], value: Any, message: str
) -> None:
    book = _seed_workbook(tmp_path)
    records = _meta(book)
    index = next(i for i, (k, _) in enumerate(records) if k == target)
    _set(records[index][1], path, value)
    _rewrite_meta(book, [(k, json.dumps(r, ensure_ascii=False)) for k, r in records])
    with pytest.raises(LoadError, match=re.escape(message)):
        load(book)


def test_hidden_sheet_nan_duplicate_rows_and_no_tables(tmp_path: Path) -> None:
    book = _seed_workbook(tmp_path)
    records = _meta(book)
    texts = [(k, json.dumps(r, ensure_ascii=False)) for k, r in records]
    nan = [(k, re.sub(r'"precision": ?2', '"precision": NaN', t, count=1)) for k, t in texts]
    _rewrite_meta(book, nan)
    with pytest.raises(LoadError, match="NaN"):
        load(book)
    table = copy.deepcopy(records[1][1])
    table["rows"].append(table["rows"][0])
    _rewrite_meta(book, [texts[0], ("table", json.dumps(table)), *texts[2:]])
    with pytest.raises(LoadError, match="appears twice"):
        load(book)
    _rewrite_meta(book, [texts[0]])
    with pytest.raises(LoadError, match="lists no table"):
        load(book)


# ---------------------------------------------------------------- 3. surrogates


def test_surrogate_json_leaves_the_existing_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _doc()
    doc["department"] = "\ud800"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(doc), encoding="utf-8")  # ASCII escapes
    out = tmp_path / "existing.json"
    out.write_text("precious", encoding="utf-8")
    for argv in (
        ["convert", str(source), "-o", str(out), "--force"],
        ["convert", str(source), "-o", str(tmp_path / "x.xlsx")],
        ["show", str(source)],
    ):
        assert main(argv) == 2, argv
        assert "surrogate" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "x.xlsx").exists()


# ---------------------------------------------------------------- 4. resource bounds


@pytest.mark.parametrize("cell", ["XFD1048576", "A1048576", "XFD1"])
def test_one_far_cell_is_read_quickly(tmp_path: Path, cell: str) -> None:
    path = _seed_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    del book["_govfin"]
    book.save(tmp_path / "plain.xlsx")
    book.worksheets[0][cell] = "stray"
    book.save(path)
    with bounded(30):
        report = load(path)
    assert any(cell in p.message and "far outside" in p.message for p in report.problems)
    assert report.tables == load(tmp_path / "plain.xlsx").tables  # the table read as before


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = _seed_workbook(tmp_path)
    data = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(data, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/sharedStrings2.xml", "<t>a</t>" * 5_000_000)  # 40 MB unpacked
    path.write_bytes(data.getvalue())
    with bounded(30), pytest.raises(LoadError, match="unpacks to"):
        load(path)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("tables", 0, "rows", 3, "cells", "amount", "value"), "1e-999999", "decimals"),
        (("tables", 0, "rows", 3, "cells", "amount", "value"), "1e+999999", "too large"),
        (("tables", 0, "columns", 0, "precision"), 10**9, "precision"),
        (("source",), "x" * 1_000_000, "1,000,000 characters"),
        (("tables", 0, "rows", 3, "cells", "amount", "text"), "9" * 1_000_000, "characters"),
    ],
)
def test_json_beyond_bounds_is_refused(
    tmp_path: Path, path: tuple[Any, ...], value: Any, message: str
) -> None:
    doc = _doc()
    _set(doc, path, value)
    started = time.process_time()
    with pytest.raises(LoadError, match=message) as info:
        load(_write_json(tmp_path / "big.json", doc))
    assert time.process_time() - started < 30  # a hang bound, not a speed claim
    assert len(str(info.value)) < 400  # a bad value is quoted short


def test_a_huge_source_is_not_written(tmp_path: Path) -> None:
    report = load_example().evolve(source="x" * 1_000_000)
    for name in ("r.xlsx", "r.json"):
        with pytest.raises(WriteError, match="characters"):
            save(report, tmp_path / name)
        assert not (tmp_path / name).exists()


# ---------------------------------------------------------------- 5. tracebacks


def test_damaged_workbooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _seed_workbook(tmp_path).read_bytes()
    flipped = bytearray(good)
    flipped[len(flipped) // 3] ^= 0xFF
    (tmp_path / "flip.xlsx").write_bytes(bytes(flipped))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            if info.filename != "xl/styles.xml":
                zout.writestr(info, zin.read(info.filename))
    (tmp_path / "nostyles.xlsx").write_bytes(out.getvalue())
    for name in ("flip.xlsx", "nostyles.xlsx"):
        assert main(["check", str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert "not a readable .xlsx workbook" in err
        assert "Traceback" not in err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_catalog_not_a_workbook(
    tmp_path: Path, jobs: str, capfd: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "catalog.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    seed = tmp_path / "seed.txt"
    seed.write_bytes(example_path().read_bytes())
    assert main(["check", str(seed), "--example", "--catalog", str(fake), "-j", jobs]) == 2
    captured = capfd.readouterr()
    both = captured.out + captured.err  # several inputs: the reasons end the output
    assert "not a readable .xlsx workbook" in both
    assert "Traceback" not in both


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "govfin-report", "version": ' + "9" * 5000 + "}", "not a number"),
        ('{"format": "govfin-report", "version": NaN}', "NaN"),
        ('{"format": "govfin-report", "format": "x"}', "appears twice"),
    ],
)
def test_json_syntax_extremes(text: str, message: str) -> None:
    with pytest.raises(LoadError, match=message):
        from_json(text)


def test_extreme_values_are_not_written(tmp_path: Path) -> None:
    seed = load_example()
    table = seed.tables[0]
    for text in ("1E+999999", "1E-999999", "9" * 120):
        cell = Cell(text, CellState.NUMBER, Decimal(text))
        row = attrs.evolve(table.rows[3], cells={"amount": cell})
        report = seed.evolve(
            tables=(attrs.evolve(table, rows=(*table.rows[:3], row, *table.rows[4:])),)
        )
        with pytest.raises(WriteError):
            save(report, tmp_path / "x.xlsx")


# ---------------------------------------------------------------- 7. round trips, JSON details


def test_json_value_contradicting_its_text(tmp_path: Path) -> None:
    doc = _doc()
    cells = [
        c
        for t in doc["tables"]
        for r in t["rows"]
        for c in r["cells"].values()
        if c["state"] == "number"
    ]
    cells[0]["value"] = str(Decimal(cells[0]["value"]) + 1)
    with pytest.raises(LoadError, match="contradicts the printed text"):
        load(_write_json(tmp_path / "x.json", doc))


def test_json_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(_doc(), ensure_ascii=False).encode("utf-8"))
    assert load(path) == load_example()


def test_json_duplicate_row_keys(tmp_path: Path) -> None:
    doc = _doc()
    doc["tables"][0]["rows"].append(doc["tables"][0]["rows"][3])
    with pytest.raises(LoadError, match="appears twice"):
        load(_write_json(tmp_path / "x.json", doc))


# ---------------------------------------------------------------- 8. reading details


@pytest.mark.parametrize(
    ("text", "value"),
    [("100²", "100"), ("12①", "12"), ("1,234.50⑵", "1234.50"), ("30.5*", "30.5"), ("８※", "8")],
)
def test_footnote_marks_are_not_digits(text: str, value: str) -> None:
    parsed = parse_cell(text)
    assert str(parsed.value) == value
    assert parsed.text == text


@pytest.mark.parametrize("text", ["²", "1²3", "①"])
def test_a_lone_footnote_mark_is_no_figure(text: str) -> None:
    with pytest.raises(AmountError, match="footnote"):
        parse_cell(text)


def test_merged_amount_cells_are_reported(tmp_path: Path) -> None:
    path = _seed_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    del book["_govfin"]
    book["公开03表"].merge_cells("C7:C8")
    book.save(path)
    report = load(path)
    assert any("C7:C8 are merged" in p.message for p in report.problems)


def test_full_width_line_numbers(tmp_path: Path) -> None:
    text = example_path().read_text(encoding="utf-8")
    head, rest = text.split("公开02表", 1)
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    head = re.sub(r"(?m)^\t(\d{1,2})$", lambda m: "\t" + m.group(1).translate(wide), head)
    path = tmp_path / "wide.txt"
    path.write_text(head + "公开02表" + rest, encoding="utf-8")
    assert load(path).table("final.summary") == load_example().table("final.summary")


# ---------------------------------------------------------------- 9. messages


def test_utf16_text_is_read(tmp_path: Path) -> None:
    text = example_path().read_text(encoding="utf-8")
    for encoding in ("utf-16", "utf-16-le"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        report = load(path)
        assert report.tables == load_example().tables


@pytest.mark.parametrize(
    ("argument", "message"),
    [("-", "standard input"), (".", "a folder, not a file"), ("nope.txt", "no such file")],
)
def test_messages_for_what_is_no_file(
    argument: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", argument]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "unknown suffix" not in err


def test_a_long_bad_value_is_quoted_short() -> None:
    with pytest.raises(AmountError) as info:
        parse_cell("x" * 1_000_000)
    assert len(str(info.value)) < 200


def test_file_named_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err.count(str(path)) == 1


def test_a_truncated_ole_header_is_no_traceback(tmp_path: Path) -> None:
    # Found by the arbitrary-bytes property once the .xls loader was registered.
    pytest.importorskip("xlrd")
    path = tmp_path / "x.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    with pytest.raises(LoadError, match=r"not a readable \.xls workbook"):
        load(path)
