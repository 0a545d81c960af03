"""Each narrative check on small texts read against the seed's tables."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govfin.io import load_example
from govfin.narrative import draft
from govfin.report import Cell, Narrative, Report, ReportKind, Row, Section
from govfin.rules import Finding, Outcome, Reason, Severity, assess

D = Decimal


@pytest.fixture(scope="module")
def seed() -> Report:
    return load_example()


def run(report: Report, text: str, rule: str) -> list[Finding]:
    narrative = Narrative((Section("", text),))
    return [v for v in assess(report.evolve(narrative=narrative)) if v.rule == rule]


class TestShares:
    def test_truncated_share_is_a_warning(self, seed: Report) -> None:
        text = (
            "五、一般公共预算财政拨款支出决算情况说明\n"
            "（二）一般公共预算财政拨款支出决算结构情况\n"
            "2024年度财政拨款支出972.81万元，主要用于以下方面：科学技术支出246.89万元，占25.37%。"
        )
        (v,) = run(seed, text, "GF-N002")
        assert v.outcome is Outcome.TRUNCATION_RESIDUE
        assert v.severity is Severity.WARNING
        assert v.expected == D("25.38")

    def test_wrong_share_is_an_error(self, seed: Report) -> None:
        text = (
            "三、支出决算情况说明\n2024年度支出合计972.81万元，其中：基本支出726.39万元，占75.67%。"
        )
        (v,) = run(seed, text, "GF-N002")
        assert v.severity is Severity.ERROR
        assert (v.expected, v.actual) == (D("74.67"), D("75.67"))

    def test_share_of_a_zero_base(self, seed: Report) -> None:
        text = (
            "十一、关于政府采购支出说明\n"
            "政府采购工程支出0万元。工程采购授予中小企业合同金额占工程支出金额的0%。"
        )
        (v,) = run(seed, text, "GF-N012")
        assert v.severity is Severity.WARNING


class TestExecution:
    def test_rate_on_a_zero_budget(self, seed: Report) -> None:
        text = "年初预算为0万元，支出决算为3.08万元，完成年初预算的100%。"
        (v,) = run(seed, text, "GF-N012")
        assert v.severity is Severity.WARNING

    def test_undefined_stated_with_a_budget(self, seed: Report) -> None:
        text = "年初预算为10.00万元，支出决算为3.08万元，无法计算完成年初预算的百分比。"
        (v,) = run(seed, text, "GF-N004")
        assert v.severity is Severity.ERROR
        assert v.expected == D("30.80")

    def test_wrong_rate(self, seed: Report) -> None:
        text = "年初预算为18.21万元，支出决算为19.98万元，完成年初预算的107.92%。"
        (v,) = run(seed, text, "GF-N004")
        assert (v.severity, v.expected) == (Severity.ERROR, D("109.72"))


class TestChanges:
    def test_direction_words_disagree(self, seed: Report) -> None:
        text = "专项经费10.00万元，比上年增加2.00万元，降低25.00%。"
        found = run(seed, text, "GF-N003")
        assert any("矛盾" in v.message and v.severity is Severity.ERROR for v in found)

    def test_rate_consistent_with_amounts(self, seed: Report) -> None:
        text = "专项经费10.00万元，比上年减少2.00万元，降低16.67%。"
        (v,) = run(seed, text, "GF-N003")
        assert v.is_pass


class TestComparisons:
    def test_last_year_from_the_change(self, seed: Report) -> None:
        text = "支出决算为5.00万元；与上年相比增加1.00万元，增长25.00%。决算数小于上年数。"
        (v,) = run(seed, text, "GF-N005")
        assert v.severity is Severity.ERROR
        assert (v.actual, v.expected) == (D("5.00"), D("4.00"))

    def test_roughly_equal(self, seed: Report) -> None:
        text = "年初预算为10.00万元，支出决算为9.90万元。决算数与预算数基本持平。"
        (v,) = run(seed, text, "GF-N005")
        assert (v.outcome, v.severity) == (Outcome.ROUNDING_RESIDUE, Severity.INFO)
        assert "-1.00%" in v.message
        (same,) = run(
            seed, "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本一致。", "GF-N005"
        )
        assert same.is_pass

    def test_nothing_to_compare(self, seed: Report) -> None:
        (v,) = run(seed, "决算数大于年初预算数。", "GF-N005")
        assert v.outcome is Outcome.NOT_EVALUATED


class TestClassesNotEconomicLines:
    def test_a_class_in_a_share_list_is_the_functional_class(self, seed: Report) -> None:
        """“其他（类）支出…，占…”: the 支出功能分类 class 229, never 经济分类 399 其他支出."""
        table = seed.table("final.general_budget")
        row = Row(
            "229",
            "其他支出",
            {k: Cell.parse(v) for k, v in (("total", "5.00"), ("basic", "5.00"), ("project", ""))},
            code="229",
        )
        widened = attrs.evolve(table, rows=(*table.rows, row))
        report = seed.evolve(tables=tuple(widened if t is table else t for t in seed.tables))
        text = (
            "五、一般公共预算财政拨款支出决算情况说明\n"
            "（二）一般公共预算财政拨款支出决算结构情况\n"
            "2024年度财政拨款支出972.81万元，主要用于以下方面：其他（类）支出5.00万元，占0.51%。"
        )
        (v,) = [v for v in run(report, text, "GF-N001") if v.actual == D("5.00")]
        assert (v.outcome, v.expected) == (Outcome.EXACT, D("5.00"))
        assert any("229 其他支出" in str(loc) for loc in v.locations)
        # the share's base is the section's whole (财政拨款支出), not the class again
        (share,) = run(report, text, "GF-N002")
        assert share.outcome is Outcome.EXACT, share.message


class TestTotalsAndCounts:
    def test_wrong_total(self, seed: Report) -> None:
        (v,) = run(seed, "项目支出246.42万元，其中甲100.00万元，乙100.00万元。", "GF-N006")
        assert (v.severity, v.expected) == (Severity.ERROR, D("200.00"))

    def test_count_matches(self, seed: Report) -> None:
        (v,) = run(seed, "对“甲”“乙”等2个项目开展了评价。", "GF-N008")
        assert v.is_pass


class TestDraftWithoutTables:
    def test_missing_tables_are_marked(self, seed: Report) -> None:
        bare = seed.evolve(tables=tuple(t for t in seed.tables if t.schema != "final.three_public"))
        text = draft(bare)
        assert "【待填写：报告中缺少公开09表，本节需人工填写】" in text
        assert "2024年度收、支总计972.81万元。" in text


class TestRoundingModel:
    """Half-open rounding intervals, and figures that carry no rounding error."""

    def test_quotes_that_only_touch_the_table_are_an_error(self, seed: Report) -> None:
        # 22.31 and the table's 22.30 touch at 22.305, but no value rounds half-up to both
        text = (
            "五、一般公共预算财政拨款支出决算情况说明\n（二）一般公共预算财政拨款支出决算结构情况\n"
            "2024年度财政拨款支出972.81万元，主要用于以下方面：社会保障和就业支出22.31万元，占2.29%。"
        )
        (v,) = [v for v in run(seed, text, "GF-N001") if v.actual == D("22.31")]
        assert (v.outcome, v.severity, v.expected) == (
            Outcome.INCONSISTENT,
            Severity.ERROR,
            D("22.3"),
        )

    def test_a_printed_zero_does_not_widen_a_total(self, seed: Report) -> None:
        # 1.00 + 1.00 + 0.98 is below 2.995 whatever the rounding, and 0 is exactly 0:
        # only truncated figures (1.009 + 1.009 + 0.989 = 3.007) could print so
        text = (
            "政府采购支出总额3.00万元，其中：政府采购货物支出1.00万元、政府采购工程支出1.00万元、"
            "政府采购服务支出0.98万元、其他支出0万元。"
        )
        (v,) = run(seed, text, "GF-N006")
        assert (v.outcome, v.expected, v.actual) == (
            Outcome.TRUNCATION_RESIDUE,
            D("2.98"),
            D("3.00"),
        )
        assert (v.severity, v.reason) == (Severity.WARNING, Reason.TRUNCATION)
        # a total off by more than truncation allows is an error
        text = text.replace("3.00万元", "3.02万元")
        (v,) = run(seed, text, "GF-N006")
        assert (v.outcome, v.severity) == (Outcome.INCONSISTENT, Severity.ERROR)

    def test_a_zero_printed_with_decimals_is_a_rounded_figure(self, seed: Report) -> None:
        # 0.004 + 0.004 prints as 0.00 + 0.00 = 0.01: the table's own rounding, no error
        text = (
            "政府采购支出总额0.01万元，其中：政府采购货物支出0.00万元、政府采购服务支出0.00万元。"
        )
        (v,) = run(seed, text, "GF-N006")
        assert (v.outcome, v.severity) == (Outcome.ROUNDING_RESIDUE, Severity.INFO)
        # two units off is more than three halves explain
        (v,) = run(seed, text.replace("0.01万元", "0.02万元"), "GF-N006")
        assert (v.outcome, v.severity) == (Outcome.INCONSISTENT, Severity.ERROR)

    def test_a_blank_table_reads_as_zeros(self, seed: Report) -> None:
        table = seed.table("final.three_public")
        # without the seed's note that its 预算数 is the 全年预算数 (see the next test)
        tables = tuple(attrs.evolve(t, rows=(), notes=()) if t is table else t for t in seed.tables)
        report = seed.evolve(tables=tables)
        text = (
            "七、财政拨款“三公”经费支出决算情况说明\n"
            "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%。"
        )
        final, budget = sorted(run(report, text, "GF-N001"), key=lambda v: v.actual or 0)
        assert (budget.outcome, budget.expected, budget.actual) == (
            Outcome.INCONSISTENT,
            D(0),
            D("0.95"),
        )
        assert "（表内无数据）" in budget.message
        assert (final.outcome, final.expected) == (Outcome.EXACT, D(0))

    def test_initial_budget_is_not_the_tables_whole_year_budget(self, seed: Report) -> None:
        """完成年初预算 speaks of 年初预算; a table noted as 全年预算数 holds another figure."""
        table = seed.table("final.three_public")
        assert any("全年预算数" in n for n in table.notes)
        tables = tuple(attrs.evolve(t, rows=()) if t is table else t for t in seed.tables)
        report = seed.evolve(tables=tables)
        text = (
            "七、财政拨款“三公”经费支出决算情况说明\n"
            "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成年初预算的0%。"
        )
        final, budget = sorted(run(report, text, "GF-N001"), key=lambda v: v.actual or 0)
        assert budget.outcome is Outcome.NOT_EVALUATED
        assert budget.severity is Severity.INFO
        assert "全年预算数" in budget.message
        assert "年初预算0.95万元" in budget.message
        assert final.outcome is Outcome.EXACT
        # the rate is computed on the 年初预算 the sentence states, not on the table's
        (rate,) = run(report, text, "GF-N004")
        assert (rate.outcome, rate.expected) == (Outcome.EXACT, D(0))


class TestDates:
    @pytest.mark.parametrize(
        ("year", "outcome"), [(2024, Outcome.EXACT), (2023, Outcome.INCONSISTENT)]
    )
    def test_a_final_account_states_its_stocks_at_its_year_end(
        self, seed: Report, year: int, outcome: Outcome
    ) -> None:
        text = f"十一、其他重要事项\n截至{year}年12月31日，本部门共有车辆2辆。"
        (v,) = run(seed, text, "GF-N009")
        assert v.outcome is outcome
        assert "截至" in v.message  # read as a 截至 date (relation as_of)

    @pytest.mark.parametrize(
        ("year", "outcome"),
        [(2024, Outcome.EXACT), (2025, Outcome.EXACT), (2023, Outcome.INCONSISTENT)],
    )
    def test_a_budget_states_them_before_its_year(
        self, seed: Report, year: int, outcome: Outcome
    ) -> None:
        budget = seed.evolve(kind=ReportKind.BUDGET, year=2025)
        text = f"五、国有资产占有使用情况\n截至{year}年8月31日，本部门共有车辆0辆。"
        (v,) = run(budget, text, "GF-N009")
        assert v.outcome is outcome
