from __future__ import annotations

import pytest

from govfin.report import ReportKind
from govfin.tables import (
    BUDGET_IDS,
    FINAL_IDS,
    SCHEMA_IDS,
    ColumnKind,
    ColumnSpec,
    LineSpec,
    TableSchema,
    get_schema,
    normalise_label,
    normalise_title,
    recognise,
    register,
    schemas,
)
from govfin.tables.final import FINAL_SCHEMAS


class TestIds:
    def test_final_ids_in_national_order(self) -> None:
        assert [s.id for s in FINAL_SCHEMAS] == list(FINAL_IDS)
        assert [s.number for s in FINAL_SCHEMAS] == [f"公开0{i}表" for i in range(1, 10)]

    def test_every_registered_id_is_known(self) -> None:
        ids = {s.id for s in schemas()}
        assert set(FINAL_IDS) <= ids
        assert ids <= set(SCHEMA_IDS) | {s.id for s in schemas() if s.id not in SCHEMA_IDS}
        assert len(BUDGET_IDS) == 9

    def test_kinds(self) -> None:
        assert all(s.kind is ReportKind.FINAL for s in schemas(ReportKind.FINAL))
        assert {s.id for s in schemas(ReportKind.FINAL)} >= set(FINAL_IDS)

    def test_unknown_id(self) -> None:
        with pytest.raises(KeyError, match=r"final\.nope"):
            get_schema("final.nope")

    def test_register_refuses_a_taken_id(self) -> None:
        with pytest.raises(ValueError, match="already registered"):
            register(get_schema("final.summary"))


class TestSchemaShape:
    @pytest.mark.parametrize("schema", FINAL_SCHEMAS, ids=lambda s: s.id)
    def test_keys_are_documented_snake_case(self, schema: TableSchema) -> None:
        assert schema.description
        for col in schema.columns:
            assert col.key.replace("_", "").isalnum()
            if col.kind is not ColumnKind.AMOUNT:
                assert col.precision is None
            else:
                assert col.precision == 2

    def test_bad_keys_refused(self) -> None:
        with pytest.raises(ValueError, match="snake_case"):
            ColumnSpec("Total", "合计")
        with pytest.raises(ValueError, match=r"final\.summary"):
            TableSchema(id="公开01", kind=ReportKind.FINAL, title="x", columns=())

    def test_duplicate_keys_refused(self) -> None:
        col = ColumnSpec("total", "合计")
        with pytest.raises(ValueError, match="duplicate column"):
            TableSchema(id="final.x", kind=ReportKind.FINAL, title="x", columns=(col, col))
        line = LineSpec("total", "合计")
        with pytest.raises(ValueError, match="duplicate line"):
            TableSchema(
                id="final.x", kind=ReportKind.FINAL, title="x", columns=(), lines=(line, line)
            )

    def test_summary_has_the_26_class_lines_and_optional_ones(self) -> None:
        schema = get_schema("final.summary")
        classes = [ln for ln in schema.lines if ln.code]
        assert len([ln for ln in classes if ln.line_no]) == 26
        assert schema.line("209") is not None  # 社会保险基金支出: in other years' templates
        assert schema.line("201") is not None
        assert schema.line("201").line_no == "31"  # type: ignore[union-attr]

    def test_line_matching_ignores_ordinals_and_spaces(self) -> None:
        schema = get_schema("final.summary")
        line = schema.match_line("二十六、抗疫特别国债安排的支出")
        assert line is not None
        assert line.key == "234"
        assert schema.match_line("使用非财政拨款结余(含专用结余)") is not None


class TestNormalise:
    @pytest.mark.parametrize(
        ("printed", "expected"),
        [
            ("财政拨款“三公”经费支出决算表", "财政拨款三公经费支出决算表"),
            ('财政拨款"三公"经费支出决算表', "财政拨款三公经费支出决算表"),
            ("收入支出决算总表　公开01表", "收入支出决算总表"),
            ("表一　收入支出决算总表", "收入支出决算总表"),
            ("附表3 支出预算总表", "支出预算总表"),
            ("收入决算表（公开02表）", "收入决算表"),
            ("支出决算表 (表3)", "支出决算表"),
        ],
    )
    def test_titles(self, printed: str, expected: str) -> None:
        assert normalise_title(printed) == expected

    def test_labels(self) -> None:
        assert normalise_label("项    目") == "项目"
        assert normalise_label("（一）基本工资") == "基本工资"
        assert normalise_label("功能分类\n科目编码") == "功能分类科目编码"


class TestRecognise:
    @pytest.mark.parametrize(
        ("title", "schema_id"),
        [
            ("收入支出决算总表", "final.summary"),
            ("部门收入支出决算总表", "final.summary"),
            ("2024年度株洲市渌口区行政审批服务局收入支出决算总表", "final.summary"),
            ("收入决算表", "final.income"),
            ("支出决算表", "final.expenditure"),
            ("财政拨款收入支出决算总表", "final.fiscal_summary"),
            ("一般公共预算财政拨款支出决算表", "final.general_budget"),
            ("一般公共预算财政拨款基本支出决算明细表", "final.general_basic"),
            ("一般公共预算财政拨款基本支出决算表", "final.general_basic"),
            ("政府性基金预算财政拨款收入支出决算表", "final.fund_budget"),
            ("国有资本经营预算财政拨款支出决算表", "final.state_capital"),
            ("财政拨款“三公”经费支出决算表", "final.three_public"),
            ("表七 财政拨款“三公”经费支出决算表", "final.three_public"),
            ("表八 政府性基金预算财政拨款收入支出决算表", "final.fund_budget"),
        ],
    )
    def test_titles_and_variants(self, title: str, schema_id: str) -> None:
        found = recognise(title)
        assert found is not None
        assert found.id == schema_id

    def test_longer_match_wins(self) -> None:
        # 财政拨款收入支出决算总表 ends with 收入支出决算总表: the longer title decides.
        found = recognise("XX局财政拨款收入支出决算总表")
        assert found is not None
        assert found.id == "final.fiscal_summary"

    def test_number_alone_is_not_enough(self) -> None:
        assert recognise("公开01表") is None
        assert recognise("表一") is None

    @pytest.mark.parametrize("title", ["资产负债表", "收入费用表", "", "部门决算表"])
    def test_unrelated_titles(self, title: str) -> None:
        assert recognise(title) is None

    def test_kind_filter(self) -> None:
        assert recognise("收入决算表", kind=ReportKind.BUDGET) is None
