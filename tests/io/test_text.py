from __future__ import annotations

from pathlib import Path

import pytest

from govfin.errors import LoadError
from govfin.io import example_path, load
from govfin.io.text import load_text, parse_text, read_text
from govfin.report import Report
from govfin.tables.bind import bind_document

SEED = example_path()


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def _write_variant(tmp_path: Path, lines: list[str], changes: dict[int, str]) -> Path:
    out = list(lines)
    for number, text in changes.items():
        out[number - 1] = text
    path = tmp_path / "variant.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


class TestReadText:
    def test_tables_titles_numbers_captions(self) -> None:
        doc = read_text(SEED)
        assert [t.title for t in doc.tables] == [
            "收入支出决算总表",
            "收入决算表",
            "支出决算表",
            "财政拨款收入支出决算总表",
            "一般公共预算财政拨款支出决算表",
            "一般公共预算财政拨款基本支出决算明细表",
            "政府性基金预算财政拨款收入支出决算表",
            "国有资本经营预算财政拨款支出决算表",
            "财政拨款“三公”经费支出决算表",
        ]
        for t in doc.tables:
            assert t.captions == ("部门：株洲市渌口区行政审批服务局", "单位：万元")
        assert doc.tables[0].notes == (
            "注：1.本表反映部门本年度的总收支和年末结转结余情况。",
            "2.本套报表金额单位转换时可能存在尾数误差。",
        )
        assert len(doc.tables[6].notes) == 2  # 注 and 说明 (本表无数据)

    def test_wrapped_cells_are_joined(self) -> None:
        doc = read_text(SEED)
        assert doc.tables[1].rows[1][0].text == "功能分类\n科目编码"
        assert doc.tables[8].rows[2][3].text == "公务用车\n购置费"

    def test_every_cell_has_its_line(self, seed_lines: list[str]) -> None:
        doc = read_text(SEED)
        for table in doc.tables:
            for row in table.rows:
                for cell in row:
                    assert cell.provenance is not None
                    assert cell.provenance.file == str(SEED)
                    line = cell.provenance.line
                    assert line is not None
                    first = cell.text.split("\n")[0]
                    assert first in seed_lines[line - 1]

    def test_no_bookmark_residue(self) -> None:
        doc = read_text(SEED)
        texts = [t.title for t in doc.tables] + [p.text for p in doc.paragraphs]
        assert not [t for t in texts if "[bookmark" in t]

    def test_paragraphs_are_the_prose(self) -> None:
        doc = read_text(SEED)
        lines = {p.provenance.line: p.text for p in doc.paragraphs if p.provenance}
        assert lines[1816] == "一、收入支出决算总体情况说明"
        assert lines[1957] == "（二）预算编制欠科学"
        table_lines = {1443, 45, 274, 1679}  # a cell, a caption, a note, a 说明
        assert not table_lines & set(lines)

    def test_gb18030(self, tmp_path: Path) -> None:
        path = tmp_path / "gbk.txt"
        path.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
        assert load_text(path).table("final.summary").value("income.total", "amount") is not None


class TestNarrative:
    def test_sections(self) -> None:
        report = load_text(SEED)
        headings = [s.heading for s in report.narrative.sections]
        assert "一、收入支出决算总体情况说明" in headings
        assert "（一）一般公共预算财政拨款支出决算总体情况" in headings
        basic = report.narrative.find("一般公共预算财政拨款基本支出决算情况说明")
        assert basic is not None
        assert "人员经费340.64万元" in basic.text
        assert basic.provenance is not None
        assert basic.provenance.line == 1849


class TestBadInput:
    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(LoadError, match="no such file") as info:
            load(tmp_path / "none.txt")
        assert info.value.file == str(tmp_path / "none.txt")

    def test_binary_file(self, tmp_path: Path) -> None:
        path = tmp_path / "corrupt.txt"
        path.write_bytes(b"PK\x03\x04\x00\x00garbage\xff\xfe")
        with pytest.raises(LoadError, match="not a text file") as info:
            load(path)
        assert info.value.file == str(path)

    def test_unrelated_text(self, tmp_path: Path) -> None:
        # Readable text without a table is read (prose kept); checking it is an
        # error (GF-S004, nothing could be checked), not a load failure.
        path = tmp_path / "poem.txt"
        path.write_text("床前明月光\n疑是地上霜\n", encoding="utf-8")
        report = load(path)
        assert report.tables == ()
        assert "床前明月光" in report.narrative.text

    def test_non_numeric_cell(self, tmp_path: Path, seed_lines: list[str]) -> None:
        assert seed_lines[1442] == "\t160"
        path = _write_variant(tmp_path, seed_lines, {1443: "\t16O"})
        report = load(path)
        errors = [p for p in report.problems if p.severity == "error"]
        (error,) = errors
        assert error.table == "公开06表 一般公共预算财政拨款基本支出决算明细表"
        assert (error.row, error.column) == ("30214", "amount")
        assert error.provenance is not None
        assert (error.provenance.file, error.provenance.line) == (str(path), 1443)
        cell = report.table("final.general_basic").row("30214").cell("amount")
        assert cell.text == "16O"
        assert cell.value is None

    def test_non_numeric_cell_strict(self, tmp_path: Path, seed_lines: list[str]) -> None:
        path = _write_variant(tmp_path, seed_lines, {331: "\t683.6x"})
        with pytest.raises(LoadError) as info:
            load_text(path, strict=True)
        err = info.value
        assert (err.file, err.line, err.row, err.column) == (str(path), 331, "201", "total")
        assert err.table == "公开02表 收入决算表"
        assert "683.6x" in str(err)

    def test_missing_column(self, tmp_path: Path, seed_lines: list[str]) -> None:
        assert seed_lines[540] == "\t上缴上级支出"
        path = _write_variant(tmp_path, seed_lines, {541: "\t上缴支出"})
        report = load(path)
        problems = {
            (p.severity, p.column): p for p in report.problems if p.table == "公开03表 支出决算表"
        }
        missing = problems[("error", "upper_remit")]
        assert "上缴上级支出" in missing.message
        assert missing.provenance is not None
        assert (missing.provenance.file, missing.provenance.line) == (str(path), 534)
        unknown = problems[("warning", "col6")]
        assert "上缴支出" in unknown.message
        # nothing dropped: the column is kept under its generated key
        assert report.table("final.expenditure").row("total").cell("col6").text == "0"

    def test_unrecognised_table_is_kept(self, tmp_path: Path, seed_lines: list[str]) -> None:
        path = _write_variant(tmp_path, seed_lines, {1743: "财政拨款某某经费支出统计表"})
        report = load(path)
        assert [t.schema for t in report.tables].count(None) == 1
        kept = report.unrecognised[0]
        assert kept.title == "财政拨款某某经费支出统计表"
        assert len(kept.rows) == 1
        assert any("not recognised" in p.message for p in report.problems)


class TestParseText:
    def test_minimal_export(self) -> None:
        text = "\n".join(
            [
                "支出决算表",
                "\t公开03表",
                "部门：某局\t单位：万元",
                "\t项目",
                "\t本年支出合计",
                "\t基本支出",
                "\t项目支出",
                "\t上缴上级支出",
                "\t经营支出",
                "\t对附属单位补助支出",
                "",
                "\t功能分类科目编码",
                "\t科目名称",
                "",
                "\t201",
                "\t一般公共服务支出",
                "\t1.00",
                "\t1.00",
                "\t",
                "\t-",
                "\t",
                "\t",
                "",
                "注：测试。",
            ]
        )
        doc = parse_text(text, "mini.txt")
        (table,) = doc.tables
        assert table.number == "公开03表"
        assert table.notes == ("注：测试。",)
        report: Report = bind_document(doc)
        assert report.table("公开03表").row("201").cell("upper_remit").state.value == "dash"
