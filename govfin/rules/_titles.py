"""The Chinese titles of the built-in rules (the English ones are :attr:`Rule.title`).

The Chinese outputs (the text report's info summary, the HTML report, the
notes of an annotated PDF) name a rule by its Chinese title; the English one
stays in :attr:`Rule.title` and in JSON ``title``.  A rule without an entry
here (a plug-in's) is named by its English title.
"""

from __future__ import annotations

from typing import Final

__all__ = ["TITLES_ZH", "title_zh"]

TITLES_ZH: Final[dict[str, str]] = {
    "GF-K001": "科目名称与分类目录不一致",
    "GF-K002": "科目使用了旧名称",
    "GF-K003": "科目的分类或级次与本表不符",
    "GF-K004": "科目不在分类目录中",
    "GF-L001": "读取报告时发现的问题",
    "GF-N001": "文中金额与报表一致",
    "GF-N002": "文中占比按报表重算一致",
    "GF-N003": "增减额、增减率与增减表述一致",
    "GF-N004": "预算完成率与预算数、决算数一致",
    "GF-N005": "比较用语与数字相符",
    "GF-N006": "所述合计等于所列各项之和",
    "GF-N007": "同一数字各处表述一致",
    "GF-N008": "所称个数与列举项目相符",
    "GF-N009": "年份与报告年度相符",
    "GF-N010": "无模板残留文字",
    "GF-N011": "上年数与上年报告一致",
    "GF-N012": "基数为零时不计算比率",
    "GF-N013": "政府采购数字相互一致",
    "GF-N014": "科目名称与报告年度的分类科目一致",
    "GF-R001": "合计行等于各类之和",
    "GF-R002": "类等于所属款之和",
    "GF-R003": "款等于所属项之和",
    "GF-R004": "科目行归属于其上级科目",
    "GF-S001": "缺少标准公开表",
    "GF-S002": "表格未能识别，未作检查",
    "GF-S003": "“本表无数据”说明与表中数字相符",
    "GF-S004": "未能完整核对本报告（覆盖不全）",
    "GF-T001": "本年收入合计等于各项收入之和",
    "GF-T002": "本年支出合计等于基本、项目、上缴上级、经营、对附属单位补助支出之和",
    "GF-T003": "小计等于基本支出与项目支出之和",
    "GF-T004": "总表本年支出合计等于各类之和",
    "GF-T005": "收入支出总表收支总计平衡",
    "GF-T006": "财政拨款收入支出总表总计及分资金平衡",
    "GF-T007": "财政拨款合计等于三项资金之和（逐行）",
    "GF-T008": "“三公”经费合计等于各项之和，公务用车等于购置与运行维护之和",
    "GF-T009": "人员经费合计、公用经费合计与经济分类类级一致",
    "GF-T010": "政府性基金年末结转和结余等于年初加收入减支出",
    "GF-T011": "基本支出合计等于人员经费与公用经费之和（逐行）",
    "GF-T021": "收入预算总表（按来源）收入总计及各小计等于其组成之和",
    "GF-T022": "收支预算总表当年小计、合计与支出用途各行相符",
    "GF-T023": "支出预算总表合计等于基本、项目、单位预留机动经费与结转下年之和",
    "GF-T024": "“三公”经费、会议费、培训费表合计及各小计等于各项之和",
    "GF-X001": "收入支出总表收入与收入决算表一致",
    "GF-X002": "收入支出总表支出与支出决算表一致（合计及分类）",
    "GF-X003": "收入支出总表财政拨款收入与财政拨款收入支出总表一致",
    "GF-X004": "财政拨款总表一般公共预算栏与一般公共预算支出表一致",
    "GF-X005": "财政拨款总表政府性基金栏与政府性基金表一致",
    "GF-X006": "财政拨款总表国有资本经营栏与国有资本经营表一致",
    "GF-X007": "一般公共预算基本支出等于人员经费与公用经费之和",
    "GF-X021": "收支预算总表收入与收入预算总表（按来源）一致",
    "GF-X022": "收支预算总表支出用途与支出预算总表一致",
    "GF-X023": "财政拨款收支预算总表与财政拨款支出、基本支出预算表一致",
    "GF-X024": "财政拨款支出等于一般公共预算与政府性基金支出之和（合计及逐科目）",
}
"""Rule id → Chinese title, for every built-in rule."""


def title_zh(rule_id: str, title: str = "") -> str:
    """The Chinese title of rule *rule_id*, else *title* (its English one).

    >>> title_zh("GF-R002")
    '类等于所属款之和'
    >>> title_zh("ACME-1", "Acme's own rule")
    "Acme's own rule"
    """
    return TITLES_ZH.get(rule_id, title)
