"""The claim kinds of the 情况说明 as real departments write them (rates, stated bases,
itemised lists, which figure a name means, form defects, words and years): for each, a
sentence in the samples' style that checks and one that does not, and properties on
generated figures."""

from __future__ import annotations

import functools
from decimal import ROUND_DOWN, Decimal

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govfin.amounts import Interval
from govfin.calc import percent, printouts, rate_from_change_interval, round_percent
from govfin.classification import Catalog, Code, Entry
from govfin.io import load_example
from govfin.narrative import ChangeClaim, extract
from govfin.report import Cell, Narrative, Report, Section
from govfin.rules import Finding, Outcome, Severity, assess, check
from govfin.testing import final_reports

D = Decimal
CENT = D("0.01")


def said(f: Finding) -> str:
    """The words of the claim a finding is about."""
    return (f.location.figure_text if f.location is not None else None) or ""


def what(f: Finding) -> str:
    """What a stated total (GF-N006) is of, as its message names it."""
    return "年初预算" if "年初预算" in f.message else "支出决算"


def sentence_of(f: Finding) -> str:
    """The sentence of the claim a finding is about."""
    return (f.location.sentence if f.location is not None else None) or ""


@functools.cache
def _seed() -> Report:
    return load_example()


@pytest.fixture(scope="module")
def seed() -> Report:
    return _seed()


def with_prose(report: Report, text: str) -> Report:
    return report.evolve(narrative=Narrative((Section("", text),)))


def verdicts(
    report: Report, text: str, rule: str | None = None, previous: Report | None = None
) -> list[Finding]:
    found = assess(with_prose(report, text), previous)
    return [v for v in found if rule is None or v.rule == rule]


def errors(found: list[Finding]) -> list[Finding]:
    return [v for v in found if v.severity is Severity.ERROR]


def set_cell(report: Report, schema: str, row: str, column: str, text: str) -> Report:
    table = report.table(schema)
    rows = tuple(
        attrs.evolve(r, cells={**r.cells, column: Cell.parse(text)}) if r.key == row else r
        for r in table.rows
    )
    new = attrs.evolve(table, rows=rows)
    return report.evolve(tables=tuple(new if t is table else t for t in report.tables))


BASIC = "六、一般公共预算财政拨款基本支出决算情况说明\n"
OFFICE = "九、关于机关运行经费支出说明\n"
GENERAL = "十、一般性支出情况说明\n"


# ---------------------------------------------------------------- 1. rates are rates


class TestRates:
    def test_a_percentage_after_the_words_is_a_rate_not_an_amount(self) -> None:
        claims = extract(BASIC + "公用经费385.74万元，比上年增长8.96%。")
        (change,) = [c for c in claims if isinstance(c, ChangeClaim)]
        assert change.rate is not None
        assert change.rate.text == "8.96%"
        assert change.difference is None
        assert change.rate_word == "增长"
        assert not [c for c in claims if c.kind == "amount" and "8.96" in c.text]

    def test_the_rate_is_checked_against_last_years_report(self, seed: Report) -> None:
        previous = set_cell(seed, "final.general_basic", "public_total", "amount", "354.02")
        # 385.74 / 354.02 − 1 = 8.96%
        good = verdicts(seed, BASIC + "公用经费385.74万元，比上年增长8.96%。", "GF-N011", previous)
        assert [v.outcome for v in good] == [Outcome.EXACT]
        bad = verdicts(seed, BASIC + "公用经费385.74万元，比上年增长9.86%。", "GF-N011", previous)
        (v,) = bad
        assert (v.severity, v.expected, v.actual) == (Severity.ERROR, D("8.96"), D("9.86"))
        assert "354.02万元" in v.message

    def test_without_last_years_report_the_rate_is_not_evaluated(self, seed: Report) -> None:
        (v,) = verdicts(seed, BASIC + "公用经费385.74万元，比上年增长8.96%。", "GF-N011")
        assert v.outcome is Outcome.NOT_EVALUATED
        assert "--previous" in v.message
        assert "“公用经费”" in v.message

    def test_a_rate_against_the_wrong_direction_is_an_error(self, seed: Report) -> None:
        previous = set_cell(seed, "final.general_basic", "public_total", "amount", "354.02")
        (v,) = verdicts(seed, BASIC + "公用经费385.74万元，比上年下降8.96%。", "GF-N011", previous)
        assert v.severity is Severity.ERROR
        assert "应为“增长”" in v.message


# ---------------------------------------------------------------- 2. stated bases


class TestStatedBases:
    def test_base_in_the_sentence_checks_the_change_and_the_rate(self, seed: Report) -> None:
        text = (
            GENERAL
            + "2024年本部门开支专题调研费12.50万元，比上年的10.00万元增加2.50万元，增长25.00%。"
        )
        found = verdicts(seed, text, "GF-N003")
        assert len(found) == 2
        assert all(v.outcome is Outcome.EXACT for v in found), [v.message for v in found]

    def test_a_wrong_change_against_a_stated_base_is_an_error(self, seed: Report) -> None:
        text = (
            GENERAL
            + "2024年本部门开支专题调研费12.50万元，比上年的10.00万元增加3.50万元，增长25.00%。"
        )
        (v,) = errors(verdicts(seed, text, "GF-N003"))
        assert (v.expected, v.actual) == (D("2.50"), D("3.50"))
        assert sentence_of(v).startswith("2024年本部门开支专题调研费12.50万元")

    def test_last_years_figure_stated_apart(self, seed: Report) -> None:
        good = (
            GENERAL
            + "本年培训费预算20.00万元，上年预算数为16.00万元，比上年增加4.00万元，增长25%。"
        )
        assert all(v.is_pass for v in verdicts(seed, good, "GF-N003"))
        bad = (
            GENERAL
            + "本年培训费预算20.00万元，上年预算数为16.00万元，比上年增加4.00万元，增长20%。"
        )
        (v,) = errors(verdicts(seed, bad, "GF-N003"))
        assert (v.expected, v.actual) == (D("25"), D("20"))
        # last year's figure is not read as one of this year's amounts
        assert not [c for c in extract(bad) if c.kind == "amount" and "16.00" in c.text]

    def test_the_stated_base_against_last_years_report(self, seed: Report) -> None:
        previous = set_cell(seed, "final.general_basic", "public_total", "amount", "354.02")
        text = BASIC + "公用经费385.74万元，比上年的354.02万元增加31.72万元，增长8.96%。"
        (v,) = verdicts(seed, text, "GF-N011", previous)
        assert v.outcome is Outcome.EXACT
        text = BASIC + "公用经费385.74万元，比上年的345.02万元增加40.72万元，增长11.80%。"
        (v,) = verdicts(seed, text, "GF-N011", previous)
        assert (v.severity, v.expected, v.actual) == (Severity.ERROR, D("354.02"), D("345.02"))


# ---------------------------------------------------------------- 3. itemised lists


LIST = (
    "三、支出决算情况说明\n"
    "2024年度支出合计972.81万元，其中：\n"
    "1、基本支出{a}万元，占74.67%；\n"
    "2、项目支出246.42万元，占25.33%。\n"
)


class TestItemisedLists:
    def test_items_over_paragraphs_add_up(self, seed: Report) -> None:
        (v,) = verdicts(seed, LIST.format(a="726.39"), "GF-N006")
        assert v.outcome is Outcome.EXACT
        assert "所列2项明细之和" in v.message

    def test_a_wrong_item_over_paragraphs_is_an_error_on_the_total(self, seed: Report) -> None:
        (v,) = verdicts(seed, LIST.format(a="762.39"), "GF-N006")
        assert v.severity is Severity.ERROR
        assert (v.expected, v.actual) == (D("1008.81"), D("972.81"))
        assert sentence_of(v).startswith("2024年度支出合计972.81万元")

    def test_numbered_headings_and_used_for(self, seed: Report) -> None:
        text = (
            "五、一般公共预算财政拨款支出决算情况说明\n"
            "2024年度财政拨款支出972.81万元，主要用于以下方面：\n"
            "（一）一般公共服务（类）支出683.64万元；\n"
            "（二）科学技术支出246.89万元；\n"
            "（三）社会保障和就业支出22.30万元；\n"
            "（四）住房保障支出{x}万元。\n"
            "六、其他\n"
        )
        (v,) = verdicts(seed, text.format(x="19.98"), "GF-N006")
        assert v.outcome is Outcome.EXACT
        (v,) = verdicts(seed, text.format(x="19.89"), "GF-N006")
        assert (v.severity, v.expected) == (Severity.ERROR, D("972.72"))

    def test_execution_items_add_up_to_the_stated_budget(self, seed: Report) -> None:
        text = (
            "五、一般公共预算财政拨款支出决算情况说明\n"
            "（三）一般公共预算财政拨款支出决算具体情况\n"
            "2024年度财政拨款支出年初预算数为{b}万元，支出决算数为687.17万元，完成年初预算的99.94%，其中：\n"
            "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。\n"
            "年初预算为682.57万元，支出决算为668.17万元，完成年初预算的97.89%。\n"
            "2、住房保障支出（类）住房改革支出（款）住房公积金（项）\n"
            "年初预算为5.00万元，支出决算为19.98万元，完成年初预算的399.60%。\n"
        )
        found = verdicts(seed, text.format(b="687.57"), "GF-N006")
        assert {(what(v), v.outcome) for v in found} == {
            ("年初预算", Outcome.EXACT),
            ("支出决算", Outcome.INCONSISTENT),  # 668.17 + 19.98 = 688.15, not 687.17
        }
        found = verdicts(seed, text.format(b="687.58"), "GF-N006")
        budget = [v for v in found if what(v) == "年初预算"]
        assert [v.outcome for v in budget] == [Outcome.ROUNDING_RESIDUE]

    def test_a_change_explained_by_its_parts(self, seed: Report) -> None:
        text = (
            GENERAL + "本部门支出预算33172.15万元，与上年相比增加4322.77万元，增长14.98%。"
            "主要原因是基本支出增加1447.63万元、项目支出安排减少200万元、单位预留机动经费增加{x}万元。"
        )
        (v,) = verdicts(seed, text.format(x="3075.14"), "GF-N006")
        assert v.outcome is Outcome.EXACT
        (v,) = verdicts(seed, text.format(x="3057.14"), "GF-N006")
        assert (v.severity, v.expected, v.actual) == (Severity.ERROR, D("4304.77"), D("4322.77"))
        assert "−200万元" in v.message

    def test_a_project_list_in_wan_with_its_total_restated(self, seed: Report) -> None:
        text = (
            "六、年度预算安排\n"
            "2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，支持企业创新化发展70.00万，"
            "支持企业协同化发展\n{x}万，支持企业国际化发展50.00万，合计1170.00万。"
        )
        found = verdicts(seed, text.format(x="180.00"), "GF-N006")
        assert [v.outcome for v in found] == [Outcome.EXACT, Outcome.EXACT]
        assert all("所列4项明细之和" in v.message for v in found)
        found = verdicts(seed, text.format(x="108.00"), "GF-N006")
        assert [v.severity for v in found] == [Severity.ERROR, Severity.ERROR]
        (item,) = [c for c in extract(text.format(x="180.00")) if c.text == "180.00万"]
        assert item.subject == "支持企业协同化发展"

    def test_amount_spent_and_carried_over(self, seed: Report) -> None:
        text = (
            "（二）项目支出绩效情况\n"
            "2.年中追加项目“纪委调剂办案经费”，金额5万元，实际支出{x}万元，结余结转0.5万元。"
        )
        (v,) = verdicts(seed, text.format(x="4.5"), "GF-N006")
        assert v.outcome is Outcome.EXACT
        (v,) = verdicts(seed, text.format(x="5"), "GF-N006")
        assert v.severity is Severity.ERROR
        assert "实际支出与结余结转之和" in v.message


# ---------------------------------------------------------------- 4. which figure a name means


class TestWhichFigure:
    def test_office_cost_below_public_expenses_is_not_evaluated(self, seed: Report) -> None:
        # a department with other 事业单位: 机关运行经费 < 公用经费合计 (385.74)
        (v,) = verdicts(seed, OFFICE + "本部门2024年度机关运行经费支出300.12万元。", "GF-N001")
        assert (v.outcome, v.severity) == (Outcome.NOT_EVALUATED, Severity.INFO)
        assert "参照公务员法管理" in v.message

    def test_office_cost_equal_to_public_expenses_checks(self, seed: Report) -> None:
        (v,) = verdicts(seed, OFFICE + "本部门2024年度机关运行经费支出385.74万元。", "GF-N001")
        assert v.outcome is Outcome.EXACT

    def test_office_cost_above_public_expenses_is_an_error(self, seed: Report) -> None:
        (v,) = verdicts(seed, OFFICE + "本部门2024年度机关运行经费支出395.74万元。", "GF-N001")
        assert v.severity is Severity.ERROR
        assert "不能大于公用经费合计" in v.message

    def test_a_bare_spending_names_the_item_before_it(self, seed: Report) -> None:
        text = "住房改革支出(款): 2024年预算支出合计19.98万元。\n1.住房公积金(项):支出{x}万元。"
        (c,) = [
            c for c in extract(text.format(x="19.98")) if c.text == "19.98万元" and c.start > 30
        ]
        assert c.subject == "住房公积金(项)"
        # never read as the report's 支出合计 (972.81): an error there would be a false alarm
        found = [
            v
            for v in verdicts(seed, text.format(x="19.98"), "GF-N001")
            if v.location is not None and v.location.figure == (c.start, c.end)
        ]
        assert [v.severity for v in found] in ([Severity.INFO], [])

    def test_an_allocation_names_the_item_before_it(self) -> None:
        (c,) = [
            c
            for c in extract("1.法院信息化建设项目，预算安排300万元，主要用于运维。")
            if c.kind == "amount"
        ]
        assert c.subject == "法院信息化建设项目"

    @pytest.mark.parametrize(
        ("path", "outcome"),
        [
            (
                "一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）行政运行（01项）",
                Outcome.EXACT,
            ),
            ("（201类）（03款）（01项）", Outcome.EXACT),
            (
                "一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）事业运行（50项）",
                Outcome.INCONSISTENT,
            ),
            (
                "一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）其他（99项）",
                Outcome.NOT_EVALUATED,
            ),
        ],
    )
    def test_items_named_by_coded_path(self, seed: Report, path: str, outcome: Outcome) -> None:
        text = f"五、一般公共预算财政拨款支出决算情况说明\n{path}支出668.17万元。"
        found = [v for v in verdicts(seed, text, "GF-N001") if "668.17" in said(v)]
        assert [v.outcome for v in found] == [outcome]


# ---------------------------------------------------------------- 5. form defects


class TestFormDefects:
    def test_a_rate_without_percent_sign_is_a_warning_and_still_checked(self, seed: Report) -> None:
        text = (
            GENERAL
            + "2024年本部门开支专题调研费12.50万元，比上年的10.00万元增加2.50万元，增长25.00。"
        )
        found = verdicts(seed, text, "GF-N003")
        (warning,) = [v for v in found if v.severity is Severity.WARNING]
        assert "缺少百分号" in warning.message
        assert [v.outcome for v in found if v.expected == D("25.00")] == [Outcome.EXACT]
        wrong = (
            GENERAL
            + "2024年本部门开支专题调研费12.50万元，比上年的10.00万元增加2.50万元，增长20.00。"
        )
        assert errors(verdicts(seed, wrong, "GF-N003"))

    def test_a_well_formed_rate_has_no_warning(self, seed: Report) -> None:
        text = (
            GENERAL
            + "2024年本部门开支专题调研费12.50万元，比上年的10.00万元增加2.50万元，增长25.00%。"
        )
        assert not [v for v in verdicts(seed, text) if v.severity is Severity.WARNING]

    def test_a_truncated_rate_is_truncation_residue(self, seed: Report) -> None:
        # 2000 / 3000 = 66.666…%: 66.67% rounded, 66.66% truncated
        text = (
            GENERAL + "2024年本部门开支专题调研费5000.00万元，"
            "比上年的3000.00万元增加2000.00万元，增长{r}%。"
        )
        (v,) = [
            v for v in verdicts(seed, text.format(r="66.66"), "GF-N003") if v.actual == D("66.66")
        ]
        assert (v.outcome, v.severity) == (Outcome.TRUNCATION_RESIDUE, Severity.WARNING)
        (v,) = [
            v for v in verdicts(seed, text.format(r="66.67"), "GF-N003") if v.actual == D("66.67")
        ]
        assert v.outcome is Outcome.EXACT

    def test_a_rate_from_a_zero_base_is_undefined(self, seed: Report) -> None:
        text = GENERAL + "本部门培训费预算530.72万元，比上年的0万元增加530.72万元，增长100%。"
        (v,) = verdicts(seed, text, "GF-N012")
        assert (v.severity, v.outcome) == (Severity.WARNING, Outcome.INCONSISTENT)
        ok = GENERAL + "本部门培训费预算530.72万元，比上年的265.36万元增加265.36万元，增长100%。"
        assert not verdicts(seed, ok, "GF-N012")

    def test_an_execution_rate_on_a_zero_budget_is_undefined(self, seed: Report) -> None:
        text = GENERAL + "培训费年初预算为0万元，支出决算为0.2万元，完成年初预算的100%。"
        (v,) = verdicts(seed, text, "GF-N012")
        assert v.severity is Severity.WARNING
        ok = GENERAL + "培训费年初预算为0万元，支出决算为0.2万元，无法计算完成年初预算的百分比。"
        assert not verdicts(seed, ok, "GF-N012")


# ---------------------------------------------------------------- 6. words and years


def _editions() -> tuple[Catalog, ...]:
    def cat(year: int, name: str) -> Catalog:
        return Catalog(
            "functional",
            year,
            (
                Entry(Code.parse("210"), name),
                Entry(Code.parse("201"), "一般公共服务支出"),
            ),
        )

    return (cat(2018, "医疗卫生与计划生育支出"), cat(2024, "卫生健康支出"))


class TestWordsAndYears:
    def test_a_name_of_another_edition_is_flagged_with_the_editions_name(
        self, seed: Report
    ) -> None:
        text = "五、一般公共预算财政拨款支出决算情况说明\n医疗卫生与计划生育支出12.00万元。"
        found = [
            v for v in assess(with_prose(seed, text), editions=_editions()) if v.rule == "GF-N014"
        ]
        (v,) = found
        assert v.severity is Severity.WARNING
        assert "“卫生健康支出”" in v.message
        assert "2018年版" in v.message
        assert said(v) == "医疗卫生与计划生育支出"

    @pytest.mark.parametrize(
        "text",
        ["卫生健康支出12.00万元。", "原医疗卫生与计划生育支出科目已调整为卫生健康支出。"],
    )
    def test_the_editions_own_name_is_not_flagged(self, seed: Report, text: str) -> None:
        report = with_prose(seed, "五、一般公共预算财政拨款支出决算情况说明\n" + text)
        assert not [v for v in assess(report, editions=_editions()) if v.rule == "GF-N014"]

    def test_no_edition_of_the_reports_year_means_no_judgement(self, seed: Report) -> None:
        older = seed.evolve(year=2020)  # between the editions: the 2018 names may be outdated
        report = with_prose(older, "医疗卫生与计划生育支出12.00万元。")
        assert not [v for v in assess(report, editions=_editions()) if v.rule == "GF-N014"]

    @pytest.mark.parametrize(("year", "errs"), [(2023, 0), (2024, 1)])
    def test_the_comparison_year_is_the_year_before(
        self, seed: Report, year: int, errs: int
    ) -> None:
        text = (
            GENERAL + f"本部门2024年度专题调研费12.50万元，比{year}年预算增加2.50万元，增长25.00%。"
        )
        assert len(errors(verdicts(seed, text, "GF-N009"))) == errs

    def test_a_no_data_note_over_figures_is_flagged(self, seed: Report) -> None:
        table = seed.table("final.income")
        noted = attrs.evolve(table, notes=(*table.notes, "说明：本表无数据。"))
        report = seed.evolve(tables=tuple(noted if t is table else t for t in seed.tables))
        findings = [f for f in check(report).findings if f.rule == "GF-S003"]
        assert any("本表无数据" in f.message and "非零" in f.message for f in findings)
        before = [f for f in check(seed).findings if f.rule == "GF-S003"]
        assert not any("非零" in f.message for f in before)


# ---------------------------------------------------------------- messages (issue 13 item 3)


@pytest.fixture(scope="module")
def all_verdicts(seed: Report) -> tuple[Finding, ...]:
    return assess(seed)


class TestMessages:
    def test_no_empty_labels_or_doubled_quotes(self, all_verdicts: tuple[Finding, ...]) -> None:
        for v in all_verdicts:
            assert "“”" not in v.message, v.message
            assert "““" not in v.message, v.message
            assert "””" not in v.message, v.message

    def test_quoted_names_use_single_quotes_inside(self, all_verdicts: tuple[Finding, ...]) -> None:
        messages = [v.message for v in all_verdicts if "纪委调剂办案经费" in v.message]
        assert messages
        assert all("““" not in m for m in messages)
        assert any("‘纪委调剂办案经费’" in m for m in messages)

    def test_two_claims_of_a_sentence_are_told_apart(
        self, all_verdicts: tuple[Finding, ...]
    ) -> None:
        seen: dict[tuple[str, str, str], tuple[int, int]] = {}
        for v in all_verdicts:
            if v.severity is Severity.INFO:
                continue
            loc = v.location
            assert loc is not None
            key = (f"{loc.section}:{loc.start}", v.rule, v.message)
            span = loc.figure or (-1, -1)
            assert seen.setdefault(key, span) == span, v.message

    def test_messages_are_chinese(self, all_verdicts: tuple[Finding, ...]) -> None:
        for v in all_verdicts:
            letters = [
                ch for ch in v.message.replace("--previous", "") if ch.isascii() and ch.isalpha()
            ]
            assert not letters, v.message


# ---------------------------------------------------------------- properties


def _amounts(low: int = 1, high: int = 10_000_000) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda cents: D(cents) * CENT)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(final_reports(), st.data())
def test_an_itemised_list_of_generated_reports_checks_clean_and_a_perturbed_item_is_an_error(
    report: Report, data: st.DataObject
) -> None:
    table = report.table("final.general_budget")
    classes = [r for r in table.code_rows(1) if r.value("total")]
    total = table.get("total")
    assume(total is not None and len(classes) >= 2)
    assert total is not None

    def printed(row_value: Decimal | None) -> str:
        return f"{row_value:f}"

    items = "".join(
        f"{i}、{r.label}（类）{printed(r.value('total'))}万元；\n" for i, r in enumerate(classes, 1)
    )
    lead = (
        f"{report.year}年度一般公共预算财政拨款支出{printed(total.value('total'))}万元，"
        "主要用于以下方面：\n"
    )
    text = "五、一般公共预算财政拨款支出决算情况说明\n" + lead + items + "六、其他\n"
    found = verdicts(report, text)
    assert not [v.message for v in found if v.severity >= Severity.WARNING]
    assert [v.outcome for v in found if v.rule == "GF-N006"] in (
        [Outcome.EXACT],
        [Outcome.ROUNDING_RESIDUE],
    )
    # one item off by more than any rounding of the printed figures
    k = data.draw(st.integers(0, len(classes) - 1))
    value = classes[k].value("total")
    assert value is not None
    bumped = items.replace(
        f"{k + 1}、{classes[k].label}（类）{printed(value)}",
        f"{k + 1}、{classes[k].label}（类）{printed(value + D('1.11'))}",
    )
    found = verdicts(
        report, "五、一般公共预算财政拨款支出决算情况说明\n" + lead + bumped + "六、其他\n"
    )
    (v,) = [v for v in found if v.rule == "GF-N006"]
    assert v.severity is Severity.ERROR
    assert sentence_of(v) == lead.strip()


@settings(max_examples=60, deadline=None)
@given(_amounts(100, 10_000_000), _amounts(100, 10_000_000), st.sampled_from(["diff", "base"]))
def test_stated_base_checks_clean_and_a_perturbed_figure_is_an_error(
    current: Decimal, base: Decimal, which: str
) -> None:
    assume(current != base)
    seed = _seed()
    diff = abs(current - base)
    rate = round_percent(percent(diff, base))
    word, rword = ("增加", "增长") if current > base else ("减少", "下降")
    sentence = "2024年本部门开支专题调研费{c}万元，比上年的{b}万元{w}{d}万元，{rw}{r}%。"
    text = GENERAL + sentence.format(c=current, b=base, w=word, d=diff, rw=rword, r=rate)
    found = verdicts(seed, text)
    assert not [v.message for v in found if v.severity >= Severity.WARNING]
    assert [v.outcome for v in found if v.rule == "GF-N003"] == [Outcome.EXACT, Outcome.EXACT]
    if which == "diff":
        text = GENERAL + sentence.format(
            c=current, b=base, w=word, d=diff + D("1.11"), rw=rword, r=rate
        )
    else:
        text = GENERAL + sentence.format(
            c=current, b=base + D("1.11"), w=word, d=diff, rw=rword, r=rate
        )
    bad = errors(verdicts(seed, text, "GF-N003"))
    assert bad
    assert all(sentence_of(v).startswith("2024年本部门开支专题调研费") for v in bad)


@settings(max_examples=60, deadline=None)
@given(_amounts(100_000, 100_000_000), _amounts(1, 100_000_000))
def test_a_rate_turned_into_a_truncation_is_truncation_residue(
    base: Decimal, diff: Decimal
) -> None:
    current = base + diff
    exact = percent(diff, base)
    rounded = round_percent(exact)
    truncated = exact.quantize(CENT, ROUND_DOWN)
    assume(truncated != rounded)
    # not also a rounding of some value the printed inputs allow
    values = rate_from_change_interval(Interval.around(diff, 2), Interval.around(current, 2))
    assume(truncated not in printouts(values, 2))
    seed = _seed()
    text = (
        GENERAL
        + f"2024年本部门开支专题调研费{current}万元，比上年增加{diff}万元，增长{truncated}%。"
    )
    (v,) = [v for v in verdicts(seed, text, "GF-N003") if v.expected is not None]
    assert v.outcome is Outcome.TRUNCATION_RESIDUE
    assert v.severity is Severity.WARNING
