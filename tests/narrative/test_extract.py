"""Extraction of claims from prose: kinds, fields, offsets and structure."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

from govfin.io import load_example
from govfin.narrative import (
    AmountClaim,
    ChangeClaim,
    ComparisonClaim,
    CountClaim,
    ExecutionClaim,
    ResidueClaim,
    ShareClaim,
    TotalClaim,
    YearClaim,
    extract,
    normalise_name,
    sentences,
    split_path,
)
from govfin.report import Narrative, Section

D = Decimal


T = TypeVar("T")


def only(claims: tuple[object, ...], kind: type[T]) -> list[T]:
    return [c for c in claims if isinstance(c, kind)]


class TestSentences:
    def test_offsets_and_headings(self) -> None:
        text = "一、收入\n收入972.81万元。其中：财政拨款972.81万元。"
        found = sentences(text)
        assert [s.text for s in found] == [
            "一、收入",
            "收入972.81万元。",
            "其中：财政拨款972.81万元。",
        ]
        for s in found:
            assert text[s.start : s.end] == s.text
        assert found[1].headings == ("一、收入",)

    def test_headings_run_into_the_text(self) -> None:
        text = (
            "2024年度部门决算情况说明一、收入支出决算总体情况说明2024年度收、支总计9.00万元。"
            "四、财政拨款收入支出决算总体情况说明2024年度财政拨款收、支总计5.00万元。"
        )
        found = sentences(text)
        assert [s.text for s in found] == [
            "2024年度部门决算情况说明",
            "一、收入支出决算总体情况说明",
            "2024年度收、支总计9.00万元。",
            "四、财政拨款收入支出决算总体情况说明",
            "2024年度财政拨款收、支总计5.00万元。",
        ]
        assert found[2].headings == ("一、收入支出决算总体情况说明",)
        assert found[4].headings == ("四、财政拨款收入支出决算总体情况说明",)
        for s in found:
            assert text[s.start : s.end] == s.text

    def test_a_heading_alone_is_not_cut(self) -> None:
        found = sentences("三、支出决算情况说明\n2024年度支出合计972.81万元。")
        assert [s.text for s in found] == ["三、支出决算情况说明", "2024年度支出合计972.81万元。"]
        # a 情况 heading whose 说明 follows, or a heading with no body after it, stays whole
        assert [s.text for s in sentences("五、其他重要事项的情况说明")] == [
            "五、其他重要事项的情况说明"
        ]

    def test_items_run_on_in_one_paragraph_each_name_what_follows(self) -> None:
        text = (
            "1、住房保障支出（类）住房改革支出（款）住房公积金（项）。支出决算为19.98万元。"
            "2、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。"
            "支出决算为30.00万元。"
        )
        found = sentences(text)
        assert found[1].headings[-1].startswith("1、住房保障支出")
        assert found[3].headings[-1].startswith("2、社会保障和就业支出")

    def test_colon_line_joins_the_next(self) -> None:
        found = sentences("基本支出726.38万元，其中：\n人员经费340.64万元。")
        assert len({s.paragraph for s in found}) == 1

    def test_enumerated_line_after_colon_is_a_heading(self) -> None:
        text = (
            "支出972.81万元，其中：\n"
            "1、住房保障支出（类）住房改革支出（款）住房公积金（项）。\n"
            "支出决算为19.98万元。"
        )
        last = sentences(text)[-1]
        assert last.headings[-1].startswith("1、住房保障支出")


class TestClaims:
    def test_change_with_current_in_previous_sentence(self) -> None:
        (change,) = only(
            extract(
                "2024年度收、支总计972.81万元。与上年相比，减少48.67万元，降低4.76%，主要是因为……"
            ),
            ChangeClaim,
        )
        assert change.subject == "收、支总计"
        assert change.current is not None
        assert change.current.value == D("972.81")
        assert change.difference is not None
        assert change.difference.value == D("48.67")
        assert change.rate is not None
        assert change.rate.value == D("4.76")
        assert (change.amount_word, change.rate_word, change.against) == ("减少", "降低", "上年")

    def test_change_against_budget(self) -> None:
        claims = extract(
            "本部门2024年度机关运行经费支出385.74万元，比年初预算数增加315.55万元，增长523.39%。"
        )
        (change,) = only(claims, ChangeClaim)
        assert change.against == "年初预算"
        assert change.subject == "机关运行经费支出"

    def test_share_with_base(self) -> None:
        (share,) = only(
            extract("人员经费340.64万元，占基本支出的46.90 %,主要包括基本工资"), ShareClaim
        )
        assert share.amount is not None
        assert share.amount.text == "340.64万元"
        assert share.share.value == D("46.90")
        assert share.share.decimals == 2
        assert share.base == "基本支出"

    def test_execution_and_path(self) -> None:
        text = (
            "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。\n"
            "年初预算为682.57万元，支出决算为668.17万元，完成年初预算的97.89%，决算数小于年初预算数的主要原因是：……"
        )
        claims = extract(text)
        (execution,) = only(claims, ExecutionClaim)
        assert execution.path == ("一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行")
        assert (execution.budget.value, execution.final.value) == (D("682.57"), D("668.17"))
        assert execution.rate is not None
        assert execution.rate.value == D("97.89")
        (comparison,) = only(claims, ComparisonClaim)
        assert (comparison.left, comparison.word, comparison.right) == (
            "决算数",
            "小于",
            "年初预算数",
        )

    def test_undefined_rate_stated(self) -> None:
        (execution,) = only(
            extract("年初预算为0万元，支出决算为3.08万元，无法计算完成年初预算的百分比。"),
            ExecutionClaim,
        )
        assert execution.undefined_stated
        assert execution.rate is None

    def test_total_with_items(self) -> None:
        (total,) = only(
            extract(
                "项目支出246.42万元，其中纪委调剂办案经费5万元，电子政务外网链路租赁经费97.75万元。"
            ),
            TotalClaim,
        )
        assert total.total.value == D("246.42")
        assert [p.amount.value for p in total.parts] == [D(5), D("97.75")]

    def test_enumerated_items_run_on_in_a_paragraph_are_all_items(self) -> None:
        """An item list whose paragraph breaks were partly lost: every item counts, or none."""
        lead = "财政拨款支出1.09万元，其中：\n"
        items = [
            "1、一般公共服务支出（类）行政运行（项）。支出决算为1.03万元。",
            "2、教育支出（类）普通教育（款）。支出决算为0.05万元。",
            "3、科学技术支出（类）。支出决算为0.01万元。",
        ]
        for text in (
            lead + "\n".join(items),  # one paragraph each
            lead + items[0] + items[1] + "\n" + items[2],  # the first two run on
            lead + "".join(items),  # all run on
        ):
            (total,) = [t for t in only(extract(text), TotalClaim) if t.total.value == D("1.09")]
            assert [p.amount.value for p in total.parts] == [D("1.03"), D("0.05"), D("0.01")]
        # a run-on item without an amount: the list cannot be summed, no total is claimed
        text = lead + items[0] + "2、教育支出（类）。\n" + items[2]
        assert not [t for t in only(extract(text), TotalClaim) if t.total.value == D("1.09")]

    def test_total_ignores_a_parenthetical_remark(self) -> None:
        text = (
            "基本支出726.39万元，其中工资福利支出321.41万元，商品和服务支出375.84万元"
            "（因四舍五入的原因，基本支出726.39万元和明细数合计总数726.38万元相差0.01万元）。"
        )
        (total,) = only(extract(text), TotalClaim)
        assert len(total.parts) == 2

    def test_count_with_listing(self) -> None:
        (count,) = only(
            extract("组织对“甲项目经费”“乙项目经费”“甲项目经费”等3个项目开展了部门评价。"),
            CountClaim,
        )
        assert count.count.value == 3
        assert count.listed == ("甲项目经费", "乙项目经费", "甲项目经费")

    def test_residue_and_years(self) -> None:
        claims = extract("与上年相比增加0万元，增长（降低）0%。XX年度与2023年相比持平。")
        assert [r.residue for r in only(claims, ResidueClaim)] == ["增长（降低）", "XX"]
        years = only(claims, YearClaim)
        assert [(y.year, y.relation) for y in years] == [(2023, "previous")]

    def test_change_against_a_named_year(self) -> None:
        claims = extract("本年支出比2022年度减少1.00万元，降低10.00%。")
        (change,) = only(claims, ChangeClaim)
        assert change.against == "上年"
        assert [(y.year, y.relation) for y in only(claims, YearClaim)] == [(2022, "previous")]

    def test_document_numbers_are_not_years(self) -> None:
        assert not only(extract("根据渌财通〔2025〕4号文件要求"), YearClaim)

    def test_amounts_not_consumed_elsewhere(self) -> None:
        claims = extract("开支培训费0.2万元。单位价值100万元以上设备0台。")
        assert [(c.subject, c.amount.value) for c in only(claims, AmountClaim)] == [
            ("培训费", D("0.2"))
        ]


class TestNames:
    def test_normalise(self) -> None:
        assert normalise_name(" “三公”经费 ") == "三公经费"
        assert normalise_name("一般公共服务（类）支出") == "一般公共服务支出"

    def test_split_path_needs_order(self) -> None:
        assert split_path("住房保障支出（类）住房改革支出（款）住房公积金（项）") == (
            "住房保障支出",
            "住房改革支出",
            "住房公积金",
        )
        assert split_path("住房公积金（项）住房保障支出（类）") == ()
        assert split_path("住房保障支出") == ()


class TestSeedOffsets:
    def test_offsets_point_into_section_and_narrative(self) -> None:
        report = load_example()
        whole = report.narrative.text
        sections = {s.heading: s for s in report.narrative.sections}
        claims = extract(report)
        assert len(claims) > 200
        for claim in claims:
            s = claim.sentence
            if s.in_heading:
                assert s.text == s.section
            else:
                assert sections[s.section].text[s.start : s.end] == s.text
            assert whole[s.narrative_start : s.narrative_end] == s.text
            start, end = claim.narrative_span
            if claim.start >= s.start:  # a total may start in the sentence before “其中”
                assert whole[start:end] == claim.text

    def test_narrative_of_sections(self) -> None:
        narrative = Narrative(
            (Section("一、甲", "收入1.00万元。"), Section("二、乙", "支出2.00万元。"))
        )
        amounts = only(extract(narrative), AmountClaim)
        assert [narrative.text[a.narrative_span[0] : a.narrative_span[1]] for a in amounts] == [
            "1.00万元",
            "2.00万元",
        ]
        assert amounts[1].sentence.section == "二、乙"
