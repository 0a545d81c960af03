from __future__ import annotations

from collections.abc import Sequence

import pytest

from govfin.amounts import CellState, Unit
from govfin.errors import LoadError
from govfin.report import Provenance, ReportKind, Scope
from govfin.tables.bind import bind_document, bind_table, narrative_from_paragraphs
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable

FILE = "r.txt"


def raw_table(
    title: str,
    grid: Sequence[Sequence[str]],
    *,
    number: str | None = None,
    captions: tuple[str, ...] = ("部门：某某局", "单位：万元"),
    first_line: int = 100,
) -> RawTable:
    """A grid whose cell (i, j) is on line first_line + 10*i + j."""
    rows = tuple(
        tuple(
            RawCell(text, Provenance(file=FILE, line=first_line + 10 * i + j))
            for j, text in enumerate(row)
        )
        for i, row in enumerate(grid)
    )
    return RawTable(
        title,
        rows,
        number=number,
        captions=captions,
        provenance=Provenance(file=FILE, line=first_line - 3),
    )


EXPENDITURE = [
    [
        "项目",
        "本年支出合计",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ],
    ["功能分类科目编码", "科目名称", "", "", "", "", "", ""],
    ["栏次", "1", "2", "3", "4", "5", "6"],
    ["合计", "10.50", "10.50", "0", "", "", ""],
    ["201", "一般公共服务支出", "10.50", "10.50", "－", "", "", ""],
    ["2010301", "行政运行", "10.50", "10.50", "", "", "", ""],
]


class TestSimpleTable:
    def test_columns_by_meaning(self) -> None:
        table, problems = bind_table(raw_table("支出决算表", EXPENDITURE, number="公开03表"))
        assert problems == ()
        assert table.schema == "final.expenditure"
        assert table.unit is Unit.WANYUAN
        assert [c.key for c in table.columns] == [
            "total",
            "basic",
            "project",
            "upper_remit",
            "business",
            "subsidiary",
        ]
        assert [r.key for r in table.rows] == ["total", "201", "2010301"]
        assert table.row("201").cell("project").state is CellState.DASH
        assert table.row("201").value("total") == table.value("total", "total")
        assert table.label == "公开03表 支出决算表"

    def test_columns_in_another_order(self) -> None:
        grid = [
            ["科目编码", "科目名称", "项目支出", "基本支出", "合计"],
            ["201", "一般公共服务支出", "1", "2", "3"],
        ]
        table, problems = bind_table(raw_table("支出决算表", grid))
        assert table.value("201", "project") == 1
        assert table.value("201", "basic") == 2
        assert table.value("201", "total") == 3
        missing = {p.column for p in problems if "missing column" in p.message}
        assert missing == {"upper_remit", "business", "subsidiary"}

    def test_missing_column_is_reported(self) -> None:
        grid = [row[:-1] for row in EXPENDITURE]
        table, problems = bind_table(raw_table("支出决算表", grid, number="公开03表"))
        (problem,) = problems
        assert problem.severity == "error"
        assert problem.column == "subsidiary"
        assert problem.table == "公开03表 支出决算表"
        assert "对附属单位补助支出" in problem.message
        assert len(table.rows) == 3

    def test_missing_column_strict(self) -> None:
        grid = [row[:-1] for row in EXPENDITURE]
        with pytest.raises(LoadError) as info:
            bind_table(raw_table("支出决算表", grid, number="公开03表"), strict=True)
        err = info.value
        assert (err.file, err.line, err.table, err.column) == (
            FILE,
            97,
            "公开03表 支出决算表",
            "subsidiary",
        )

    def test_bad_cell_is_kept_and_reported(self) -> None:
        grid = [list(r) for r in EXPENDITURE]
        grid[4][3] = "1O.5"  # letter O
        table, problems = bind_table(raw_table("支出决算表", grid, number="公开03表"))
        (problem,) = problems
        assert problem.severity == "error"
        assert (problem.row, problem.column) == ("201", "basic")
        assert problem.provenance == Provenance(file=FILE, line=143)
        assert "1O.5" in problem.message
        assert "基本支出" in problem.message
        cell = table.row("201").cell("basic")
        assert cell.text == "1O.5"
        assert cell.value is None
        text = problem.describe()
        for part in ("r.txt", "line 143", "公开03表", "row 201", "column basic"):
            assert part in text

    def test_bad_cell_strict(self) -> None:
        grid = [list(r) for r in EXPENDITURE]
        grid[5][2] = "n/a"
        with pytest.raises(LoadError) as info:
            bind_table(raw_table("支出决算表", grid, number="公开03表"), strict=True)
        message = str(info.value)
        for part in (
            "r.txt",
            "line 152",
            "table 公开03表 支出决算表",
            "row 2010301",
            "column total",
        ):
            assert part in message

    def test_unknown_column_is_kept(self) -> None:
        grid = [
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "备注"],
            ["201", "一般公共服务支出", "3", "1", "2", "见说明"],
        ]
        table, problems = bind_table(raw_table("一般公共预算财政拨款支出决算表", grid))
        assert [c.key for c in table.columns] == ["total", "basic", "project", "col6"]
        assert table.row("201").cell("col6").text == "见说明"
        assert any(p.column == "col6" and "备注" in p.message for p in problems)

    def test_code_and_name_in_one_cell(self) -> None:
        grid = [
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["2010301 行政运行", "", "3", "3", ""],
        ]
        table, _ = bind_table(raw_table("一般公共预算财政拨款支出决算表", grid))
        assert table.row("2010301").label == "行政运行"

    def test_unit_from_caption(self) -> None:
        raw = raw_table("支出决算表", EXPENDITURE, captions=("单位：元",))
        table, _ = bind_table(raw)
        assert table.unit is Unit.YUAN

    def test_no_unit_caption(self) -> None:
        table, problems = bind_table(raw_table("支出决算表", EXPENDITURE, captions=()))
        assert table.unit is Unit.WANYUAN
        assert [p.severity for p in problems] == ["info"]


class TestUnrecognised:
    def test_kept_with_every_row(self) -> None:
        grid = [["项目", "年初数", "年末数"], ["资产合计", "1.00", "2.00"], ["负债", "x", ""]]
        table, problems = bind_table(raw_table("资产负债表", grid))
        assert table.schema is None
        assert [r.label for r in table.rows] == ["资产合计", "负债"]
        assert table.rows[0].value("col2") is not None
        assert table.rows[1].cell("col2").text == "x"
        (problem,) = problems
        assert "not recognised" in problem.message
        assert problem.severity == "warning"


def _summary_grid(skip: frozenset[str] = frozenset()) -> list[list[str]]:
    income = [
        ("一、一般公共预算财政拨款收入", "100.00"),
        ("二、政府性基金预算财政拨款收入", ""),
        ("三、国有资本经营预算财政拨款收入", ""),
        ("四、上级补助收入", ""),
        ("五、事业收入", ""),
        ("六、经营收入", ""),
        ("七、附属单位上缴收入", ""),
        ("八、其他收入", ""),
    ]
    spending = [
        ("一般公共服务支出", "60.00"),
        ("教育支出", ""),
        ("科学技术支出", "40.00"),
        ("国有资本经营预算支出", ""),
        ("抗疫特别国债安排的支出", ""),
    ]
    spending = [s for s in spending if s[0] not in skip]
    grid = [
        ["收入", "支出"],
        ["项    目", "行次", "决算数", "项    目", "行次", "决算数"],
        ["栏    次", "", "1", "栏    次", "", "2"],
    ]
    n = max(len(income), len(spending))
    for i in range(n):
        left = income[i] if i < len(income) else ("", "")
        right = spending[i] if i < len(spending) else ("", "")
        grid.append([left[0], str(i + 1), left[1], right[0], str(30 + i), right[1]])
    grid.append(["本年收入合计", "27", "100.00", "本年支出合计", "57", "100.00"])
    grid.append(["总计", "30", "100.00", "总计", "60", "100.00"])
    return grid


class TestTwoSided:
    @pytest.mark.parametrize(
        "skip", [frozenset(), frozenset({"国有资本经营预算支出", "抗疫特别国债安排的支出"})]
    )
    def test_lines_by_label_whatever_their_number(self, skip: frozenset[str]) -> None:
        table, problems = bind_table(raw_table("收入支出决算总表", _summary_grid(skip)))
        assert table.schema == "final.summary"
        assert not [p for p in problems if p.severity == "error"]
        assert table.value("income.general_budget", "amount") == 100
        assert table.value("206", "amount") == 40
        assert table.row("206").side == "expenditure"
        assert table.row("206").code == "206"
        assert table.row("income.total").line_no == "27"
        assert table.value("expenditure.grand_total", "amount") == 100
        assert ("234" in table) == (not skip)
        sides = [r.side for r in table.rows]
        assert sides == sorted(sides, key=lambda s: s != "income")

    def test_unknown_line_kept(self) -> None:
        grid = _summary_grid()
        grid[4][3] = "十、神秘支出"
        table, problems = bind_table(raw_table("收入支出决算总表", grid))
        assert "expenditure.神秘支出" in table
        assert any("神秘支出" in p.message for p in problems)

    def test_two_lines_read_as_one_are_an_error_of_the_reading(self) -> None:
        """Two rows merged by a reader (a wrapped label's rest taken for the next row's label)
        print as one unknown label: the two lines' labels run together."""
        grid = _summary_grid()
        rows = [r[0] for r in grid]
        k = rows.index("五、事业收入")
        grid[k][0] = "五、事业收入六、经营收入"
        del grid[k + 1]
        _, problems = bind_table(raw_table("收入支出决算总表", grid))
        (merged,) = [p for p in problems if "read as one" in p.message]
        assert merged.severity == "error"
        assert "事业收入 + 经营收入" in merged.message
        assert not [p for p in problems if "unknown line" in p.message]

    def test_a_label_of_one_line_and_more_is_only_unknown(self) -> None:
        grid = _summary_grid()
        grid[4][3] = "一般公共服务支出神秘"
        _, problems = bind_table(raw_table("收入支出决算总表", grid))
        assert not [p for p in problems if p.severity == "error"]
        assert any("unknown line" in p.message for p in problems)


class TestStateCapitalWithCarryover:
    def test_carryover_columns(self) -> None:
        grid = [
            ["项目", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
            ["科目代码", "科目名称", "", "", "合计", "基本支出", "项目支出", ""],
            ["合计", "1", "2", "3", "3", "0", "0"],
        ]
        table, problems = bind_table(raw_table("国有资本经营预算财政拨款支出决算表", grid))
        assert problems == ()
        assert [c.key for c in table.columns] == [
            "carryover",
            "income",
            "total",
            "basic",
            "project",
            "balance",
        ]
        assert table.value("total", "balance") == 0
        assert table.value("total", "basic") == 3


class TestWideHeaderWithEmptyMergedSlots:
    """A PDF-style grid: merged header cells leave empty slots instead of short rows."""

    def test_three_public_groups(self) -> None:
        grid = [
            ["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""],
            ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"] * 2,
            ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""] * 2,
            [str(i) for i in range(1, 13)],
            ["9", "1", "6", "4", "2", "2", "8", "1", "5", "4", "1", "2"],
        ]
        table, problems = bind_table(raw_table("财政拨款“三公”经费支出决算表", grid))
        assert problems == ()
        assert table.value("total", "budget_vehicle") == 6
        assert table.value("total", "final_vehicle_operation") == 1
        assert table.value("total", "final_total") == 8


class TestDocument:
    def test_metadata_and_narrative(self) -> None:
        doc = RawDocument(
            source=FILE,
            tables=(raw_table("支出决算表", EXPENDITURE, number="公开03表"),),
            paragraphs=(
                RawParagraph("某某局2023年度单位决算"),
                RawParagraph("一、收入支出决算总体情况说明"),
                RawParagraph("2023年度收、支总计10.50万元。"),
                RawParagraph("（一）内设机构"),
                RawParagraph("办公室。"),
            ),
        )
        report = bind_document(doc)
        assert report.kind is ReportKind.FINAL
        assert report.department == "某某局"
        assert report.year == 2023
        assert report.scope is Scope.UNIT
        assert report.source == FILE
        assert [s.heading for s in report.narrative.sections] == [
            "",
            "一、收入支出决算总体情况说明",
            "（一）内设机构",
        ]
        assert report.narrative.find("总体情况").text == "2023年度收、支总计10.50万元。"  # type: ignore[union-attr]

    def test_long_numbered_sentences_are_not_headings(self) -> None:
        n = narrative_from_paragraphs(
            [
                RawParagraph("一、部门职责"),
                RawParagraph("（二）统筹推进、监督协调全区“互联网+政务服务”工作。"),
            ]
        )
        assert [s.heading for s in n.sections] == ["一、部门职责"]


class TestContents:
    """A contents list is one 目录 section, not empty sections that shadow the body."""

    def test_entries_end_where_a_listed_heading_recurs(self) -> None:
        n = narrative_from_paragraphs(
            [
                RawParagraph(t)
                for t in (
                    "某局2024年度部门决算",
                    "目 录",
                    "第三部分 某局2024年度部门决算情况说明",
                    "一、收入支出决算总体情况说明",
                    "二、收入决算情况说明",
                    "第三部分 某局2024年度部门决算情况说明",
                    "一、收入支出决算总体情况说明",
                    "收支总计10.50万元。",
                )
            ]
        )
        assert [s.heading for s in n.sections] == [
            "",
            "目录",
            "第三部分 某局2024年度部门决算情况说明",
            "一、收入支出决算总体情况说明",
        ]
        assert n.sections[1].text.splitlines() == [
            "第三部分 某局2024年度部门决算情况说明",
            "一、收入支出决算总体情况说明",
            "二、收入决算情况说明",
        ]
        assert n.find("情况说明") is n.sections[2]
        assert n.find("总体情况说明").text == "收支总计10.50万元。"  # type: ignore[union-attr]

    def test_entries_with_leaders_end_at_body_text_whose_title_is_kept(self) -> None:
        n = narrative_from_paragraphs(
            [
                RawParagraph(t)
                for t in (
                    "目录",
                    "一、部门主要职能 ……………………",
                    "1.2025年部门财务收支预算总表 ………… 7",
                    "二、其他相关情况说明 …………",
                    "某局主要职能",
                    "某局是区政府工作部门，为正处级。",
                    "一、2025年“三公”经费预算情况说明",
                    "预算数为1.00万元。",
                )
            ]
        )
        assert [s.heading for s in n.sections] == ["目录", "", "一、2025年“三公”经费预算情况说明"]
        assert len(n.sections[0].text.splitlines()) == 3
        assert n.sections[1].text == "某局主要职能\n某局是区政府工作部门，为正处级。"
        assert n.find("情况说明").text == "预算数为1.00万元。"  # type: ignore[union-attr]

    def test_a_document_without_contents_is_unchanged(self) -> None:
        n = narrative_from_paragraphs([RawParagraph("一、说明"), RawParagraph("甲。")])
        assert [(s.heading, s.text) for s in n.sections] == [("一、说明", "甲。")]


class TestRegionalLayouts:
    def test_code_printed_in_parts_with_header_on_the_total_row(self) -> None:
        grid = [
            ["项目", "", "", "", "合计", "基本支出", "项目支出"],
            ["功能分类", "", "", "科目名称", "", "", ""],
            ["科目编码", "", "", "", "", "", ""],
            ["类", "款", "项", "合计", "3.00", "1.00", "2.00"],
            ["201", "", "", "一般公共服务支出", "3.00", "1.00", "2.00"],
            ["201", "06", "", "财政事务", "3.00", "1.00", "2.00"],
            ["201", "06", "01", "行政运行", "3.00", "1.00", "2.00"],
        ]
        table, problems = bind_table(raw_table("一般公共预算财政拨款支出决算表", grid))
        assert [p.severity for p in problems] == ["info"]
        assert [r.key for r in table.rows] == ["total", "201", "20106", "2010601"]
        assert table.row("2010601").label == "行政运行"
        assert table.row("2010601").level == 3
        assert table.value("total", "project") == 2
        assert [c.key for c in table.columns] == ["total", "basic", "project"]

    def test_three_public_with_budget_and_final_under_each_item(self) -> None:
        grid = [
            ["财政拨款“三公”经费", *[""] * 11],
            [
                "合计",
                "",
                "因公出国（境）费",
                "",
                "公务用车购置及运行费",
                "",
                "",
                "",
                "",
                "",
                "公务接待费",
                "",
            ],
            ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""],
            ["预算数", "决算数"] * 6,
            ["9", "8", "1", "1", "6", "5", "4", "4", "2", "1", "2", "2"],
        ]
        table, problems = bind_table(raw_table("财政拨款“三公”经费支出决算表", grid))
        assert not [p for p in problems if p.severity != "info"]
        assert table.value("total", "budget_total") == 9
        assert table.value("total", "final_total") == 8
        assert table.value("total", "final_vehicle") == 5
        assert table.value("total", "budget_vehicle_operation") == 2
        assert table.value("total", "final_reception") == 2

    def test_summary_without_line_numbers(self) -> None:
        grid = [
            ["收入", "", "支出", ""],
            ["项目", "决算数", "项目", "决算数"],
            ["一、一般公共预算财政拨款收入", "5", "一、一般公共服务支出", "5"],
            ["本年收入合计", "5", "本年支出合计", "5"],
        ]
        table, problems = bind_table(raw_table("收入支出决算总表", grid))
        assert not [p for p in problems if p.severity == "error"]
        assert table.value("income.total", "amount") == 5
        assert table.value("201", "amount") == 5


class TestDocumentMetadata:
    def test_department_from_the_cover_line_and_scope_from_titles(self) -> None:
        doc = RawDocument(
            source=FILE,
            tables=(raw_table("2025年预算单位支出决算表", EXPENDITURE, captions=("单位：元",)),),
            paragraphs=(RawParagraph("上海市普陀区某某局2025年度部门决算"),),
        )
        report = bind_document(doc)
        assert report.department == "上海市普陀区某某局"
        assert report.region == "上海市普陀区"
        assert report.scope is Scope.UNIT
        assert report.year == 2025
