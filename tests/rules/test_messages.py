"""Chinese output: rule titles, loader problems, and locations described in words."""

from __future__ import annotations

import enum
import importlib
import pkgutil
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govfin
from govfin.calc import shares
from govfin.io import load_example
from govfin.report import Provenance, Report
from govfin.rules import Location, default_rules
from govfin.rules._messages import problem_zh

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = re.compile(r"\b(?!govfin\b)[A-Za-z]{3,}\b")


def test_every_built_in_rule_has_a_chinese_title() -> None:
    for rule in default_rules():
        assert rule.title_zh != rule.title, rule.id
        assert CJK.search(rule.title_zh), rule.id


# every form of loader message (govfin.tables.bind, govfin.io.*), as the loaders write them
LOADER_MESSAGES = [
    "no unit caption; 万元 assumed",
    "unknown unit in caption '单位：美元'",
    "table not recognised: ''; kept as printed (3 rows)",
    "table not recognised: '附表 其他'; kept as printed (12 rows)",
    "column '决算数': not an amount: '12..5'",
    "header titles printed on the first data row were moved to the header",
    "row '201' printed more than once; kept as '201#2'",
    "line '年初结转和结余' not found",
    "cannot tell the 收入 side from the 支出 side",
    "unknown column '备注' kept as 'col7'",
    "untitled column 'col3'",
    "missing column '合计'",
    "unexpected text '注：本表无数据'",
    "unknown line '其他收入合计'",
    "lines read as one: '事业收入经营收入' (事业收入 + 经营收入)",
    "row without a label",
    "5 cells of a nested table folded into the row above ('经常性赠与', '资本性赠与')",
    (
        "formula =SUM(B2:B9) has no computed value; open and save the workbook "
        "in a spreadsheet program so that it stores one"
    ),
    "empty sheet skipped",
    "rotated text on page 3 not read as a table: 12 characters are left out of the table's cells",
    "rotated text on page 3 not read: 12 characters are left out",
    "40 characters have no Unicode mapping in their font: their text may be wrong",
    "a table title with no ruled grid under it: its content is kept as prose",
    (
        "the table continues with other column rules; its cells were "
        "placed under the columns of the first page by position"
    ),
]


@pytest.mark.parametrize("message", LOADER_MESSAGES)
def test_loader_problems_read_in_chinese(message: str) -> None:
    zh = problem_zh(message)
    assert zh != message
    assert CJK.search(zh)
    left = ENGLISH_WORDS.findall(re.sub(r"「[^」]*」|=SUM\([^)]*\)", "", zh))
    assert left == [] or left == ["Unicode"], zh
    assert "「」" not in zh  # an empty label is said to be empty


def test_the_example_loader_problem_is_chinese_with_english_kept() -> None:
    from govfin.rules import check  # noqa: PLC0415

    result = check(load_example(), default_rules().select("GF-L001"))
    (f,) = result.findings
    assert f.message.startswith("读取时发现问题：嵌套表格的5个单元格并入了上一行（「经常性赠与」、")
    assert f.message_en is not None
    assert "nested table" in f.message_en


class TestLocation:
    def test_cell_in_words(self) -> None:
        loc = Location(
            table="final.general",
            table_label="公开05表",
            row="201",
            row_label="一般公共服务支出",
            line_no="3",
            column="total",
            column_title="合计",
            provenance=Provenance("r.pdf", page=12),
        )
        assert str(loc) == loc.describe()
        assert (
            loc.describe()
            == "公开05表, row 201 一般公共服务支出 (行次 3), column 合计, r.pdf, page 12"
        )
        assert (
            loc.describe("zh", file=False)
            == "公开05表，「201 一般公共服务支出」行（行次 3），「合计」列，第12页"
        )

    def test_line_keys_show_by_their_label(self) -> None:
        loc = Location(table="final.income", row="income.total", row_label="合计", column="x")
        assert loc.describe() == "final.income, row 合计, column x"

    def test_workbook_cell(self) -> None:
        prov = Provenance("r.xlsx", line=7, sheet="公开01表", cell="B7")
        loc = Location(table="final.summary", row="1", provenance=prov)
        assert loc.describe().endswith("r.xlsx, sheet 公开01表, cell B7")
        assert loc.describe("zh").endswith("r.xlsx，工作表「公开01表」，单元格B7")

    @given(
        st.text(alphabet="收入支出万元，。0123456789", min_size=1, max_size=120),
        st.data(),
        st.integers(10, 60),
    )
    def test_clipping_keeps_the_marked_figure(
        self, sentence: str, data: st.DataObject, width: int
    ) -> None:
        a = data.draw(st.integers(0, len(sentence) - 1))
        b = data.draw(st.integers(a + 1, len(sentence)))
        loc = Location.narrative("s", sentence, 100, 100 + len(sentence), figure=(100 + a, 100 + b))
        full = loc.marked_sentence()
        assert full == " ".join(f"{sentence[:a]}【{sentence[a:b]}】{sentence[b:]}".split())
        clipped = loc.marked_sentence(width)
        mark = full[full.index("【") : full.index("】") + 1]
        assert mark in clipped
        assert len(clipped) <= max(width, len(mark)) + 2
        assert clipped.strip("…") in full


def _enums() -> list[type[enum.Enum]]:
    found: dict[str, type[enum.Enum]] = {}
    for info in pkgutil.walk_packages(govfin.__path__, "govfin."):
        if info.name.startswith("govfin.cli") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, enum.Enum)
                and value.__module__.startswith("govfin")
                and all(isinstance(m.value, str) for m in value)
                and len(value) > 0
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def test_str_of_every_enum_is_its_value() -> None:
    enums = _enums()
    names = {e.__name__ for e in enums}
    assert {"Unit", "Severity", "Outcome", "ReportKind", "Scope", "CellState"} <= names
    for cls in enums:
        for member in cls:
            assert str(member) == member.value, member
            assert f"{member}" == member.value, member


@pytest.fixture(scope="module")
def report() -> Report:
    return load_example()


class TestTableValues:
    def test_keeps_labels_and_reads_blank_as_zero_on_request(self, report: Report) -> None:
        table = report.table("final.general_budget")
        column, blank = next(
            (c.key, r)
            for c in table.columns
            for r in table.rows
            if r.code and r.value(c.key) is None and any(x.value(c.key) for x in table.rows)
        )
        other = next(r for r in table.rows if r.code and r.value(column))
        plain = table.values(column, [blank.key, other.key])
        assert [(v.key, v.label) for v in plain] == [
            (blank.key, blank.label),
            (other.key, other.label),
        ]
        assert plain[0].value is None
        zero = table.values(column, [blank.key, other.key], blank_as_zero=True)
        assert zero[0].value == Decimal(0)
        assert zero[1].value == other.value(column)
        parts = [v.value for v in zero if v.value is not None]
        assert len(parts) == 2
        assert shares(parts) == (Decimal("0.00"), Decimal("100.00"))

    def test_every_row_by_default(self, report: Report) -> None:
        table = report.table("final.general_budget")
        assert [v.key for v in table.values("total")] == [r.key for r in table.rows]

    def test_unknown_row_or_column_is_a_key_error(self, report: Report) -> None:
        table = report.table("final.general_budget")
        with pytest.raises(KeyError, match="no row '999'"):
            table.values("total", ["999"])
        with pytest.raises(KeyError, match="no column 'nope'"):
            table.values("nope")
