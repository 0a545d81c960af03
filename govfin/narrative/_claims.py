"""The typed claims read from a 情况说明: each keeps its sentence and character offsets."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from govfin.amounts import Amount, Interval, Unit
from govfin.calc import Direction

__all__ = [
    "AmountClaim",
    "ChangeClaim",
    "Claim",
    "ComparisonClaim",
    "CountClaim",
    "ExecutionClaim",
    "FigureKind",
    "NameClaim",
    "Number",
    "ResidueClaim",
    "Sentence",
    "ShareClaim",
    "TotalClaim",
    "YearClaim",
]


class FigureKind(enum.Enum):
    """What a printed number is: money, a percentage or a count.

    >>> FigureKind("percent")
    <FigureKind.PERCENT: 'percent'>
    """

    def __str__(self) -> str:
        return str(self.value)

    AMOUNT = "amount"
    PERCENT = "percent"
    COUNT = "count"


@attrs.frozen
class Number:
    """A number as printed in the prose, with its exact value and where it is.

    *start* and *end* are character offsets ``[start, end)`` in the section
    text; *decimals* is the number of decimals printed.  Amounts quoted in the
    prose customarily drop trailing zeros (“22.3万元” for 22.30), so
    :meth:`amount` reads them at no less than the tables' precision.

    >>> n = Number(Decimal("22.3"), 1, "22.3万元", 0, 6, FigureKind.AMOUNT, Unit.WANYUAN)
    >>> n.amount()
    Amount('22.3', '万元', precision=2)
    >>> n.interval()
    Interval('22.295', '22.305')
    """

    value: Decimal
    decimals: int
    text: str
    start: int
    end: int
    kind: FigureKind = FigureKind.AMOUNT
    unit: Unit | None = None

    def amount(self, precision: int = 2) -> Amount:
        """The amount, published at ``max(decimals, precision)`` places.

        Raises:
            TypeError: when the number is not an amount.
        """
        if self.kind is not FigureKind.AMOUNT or self.unit is None:
            raise TypeError(f"{self.text!r} is not an amount")
        return Amount(self.value, self.unit, precision=max(self.decimals, precision))

    def interval(self, precision: int = 2) -> Interval:
        """The values a correct author could have printed this as.

        Amounts use at least *precision* decimals (see :meth:`amount`), and a
        zero amount is exact (nothing was rounded); percentages and counts use
        what is printed.

        >>> Number(Decimal("0"), 0, "0万元", 0, 3, FigureKind.AMOUNT, Unit.WANYUAN).interval()
        Interval('0', '0')
        """
        if self.kind is FigureKind.AMOUNT:
            if self.value == 0:  # “0万元”: nothing was rounded
                return Interval.point(self.value)
            return self.amount(precision).interval()
        if self.kind is FigureKind.COUNT:
            return Interval.point(self.value)
        return Interval.around(self.value, self.decimals)


@attrs.frozen
class Sentence:
    """A sentence of the prose: its text, where it is, and the headings above it.

    *start*/*end* are offsets in the section's text; *offset* is where the
    section's text starts in :attr:`govfin.report.Narrative.text`, so the
    offsets in the whole narrative are :attr:`narrative_start` and
    :attr:`narrative_end`.  *headings* are the headings inside the section
    that enclose the sentence, outermost first (``一、…``, ``（二）…``, ``1、…``);
    *paragraph* numbers the paragraphs of the section.  A section's heading is
    read as a sentence too (for its years and template residue): then
    *in_heading* is true and *start*/*end* are offsets in the heading.

    >>> s = Sentence("支出合计972.81万元。", 5, 17, "三、支出决算情况说明", offset=100)
    >>> s.narrative_start, s.narrative_end
    (105, 117)
    """

    text: str
    start: int
    end: int
    section: str = ""
    headings: tuple[str, ...] = ()
    paragraph: int = 0
    offset: int = 0
    in_heading: bool = False

    @property
    def narrative_start(self) -> int:
        """Where the sentence starts in the whole narrative."""
        return self.offset + self.start

    @property
    def narrative_end(self) -> int:
        """Where the sentence ends in the whole narrative."""
        return self.offset + self.end

    @property
    def topic(self) -> str:
        """The headings and the section, innermost last, joined for matching."""
        return " ".join((self.section, *self.headings))


@attrs.frozen(kw_only=True)
class Claim:
    """A statement of the prose that can be checked.

    *subject* is what the claim speaks of, as written (``一般公共服务（类）支出``);
    *path* holds the 类/款/项 names when the prose gives them; *start*/*end*
    span the claim in the section text.

    >>> from govfin.narrative import extract
    >>> claim = extract("人员经费340.64万元。")[0]
    >>> claim.kind, claim.subject, claim.text, claim.narrative_span
    ('amount', '人员经费', '340.64万元', (4, 12))
    """

    sentence: Sentence
    subject: str
    start: int
    end: int
    path: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        """The kind of claim (``amount``, ``share``, ``change`` …)."""
        return type(self).__name__.removesuffix("Claim").lower()

    @property
    def text(self) -> str:
        """The words of the claim as printed (a slice of its sentence)."""
        s = self.sentence
        return s.text[max(self.start - s.start, 0) : self.end - s.start]

    @property
    def narrative_span(self) -> tuple[int, int]:
        """``(start, end)`` of the claim in the whole narrative."""
        return self.sentence.offset + self.start, self.sentence.offset + self.end


@attrs.frozen(kw_only=True)
class AmountClaim(Claim):
    """The amount of an item: “人员经费340.64万元”.

    >>> from govfin.narrative import extract
    >>> extract("开支培训费0.2万元。")[0].amount.value
    Decimal('0.2')
    """

    amount: Number


@attrs.frozen(kw_only=True)
class ShareClaim(Claim):
    """A share: “科学技术支出246.89万元，占25.38%”; *base* names the whole (or ``""``).

    >>> from govfin.narrative import extract
    >>> c = extract("公用经费385.74万元，占基本支出的53.10 %。")[0]
    >>> c.subject, c.share.value, c.base
    ('公用经费', Decimal('53.10'), '基本支出')
    """

    share: Number
    amount: Number | None = None
    base: str = ""


@attrs.frozen(kw_only=True)
class ChangeClaim(Claim):
    """A change: “与上年相比，减少48.67万元，降低4.76%”.

    *against* is ``"上年"`` or ``"年初预算"``; *current* is the amount the
    change is of (the latest amount quoted before it in the paragraph, if any);
    the words are as printed (``None`` when absent).  A figure with “%” after
    the words is the *rate*, never the *difference* (“比上年增长8.96%”).  *base*
    is the figure compared with when the prose states it (“比上年的Y万元增加Z万元”,
    “上年预算数为Y万元”); *rate_unmarked* is true when the rate is printed
    without “%” (“增长13.95”): it is read as a percentage and still checked.

    >>> from govfin.narrative import extract
    >>> c = extract("收入10.00万元，比上年减少2.00万元，降低16.67%。")[-1]
    >>> c.against, c.current.value, c.difference.value, c.rate.value, c.direction
    ('上年', Decimal('10.00'), Decimal('2.00'), Decimal('16.67'), <Direction.DOWN: 'down'>)
    """

    against: str
    current: Number | None = None
    difference: Number | None = None
    amount_word: str | None = None
    rate: Number | None = None
    rate_word: str | None = None
    base: Number | None = None
    rate_unmarked: bool = False

    @property
    def direction(self) -> Direction | None:
        """The direction the words state (the amount word first), if any."""
        for word in (self.amount_word, self.rate_word):
            if word:
                try:
                    return Direction.parse(word)
                except ValueError:
                    continue
        return None


@attrs.frozen(kw_only=True)
class ExecutionClaim(Claim):
    """Budget against final: “年初预算为682.57万元，支出决算为668.17万元，完成年初预算的97.89%”.

    *undefined_stated* is true when the prose says the rate cannot be computed
    (“无法计算完成年初预算的百分比”); *budget_word* is the budget as named
    (``年初预算``, ``全年预算``, ``预算数`` …).

    >>> from govfin.narrative import extract
    >>> c = extract("年初预算为18.21万元，支出决算为19.98万元，完成年初预算的109.72%。")[0]
    >>> c.budget.value, c.final.value, c.rate.value, c.undefined_stated
    (Decimal('18.21'), Decimal('19.98'), Decimal('109.72'), False)
    """

    budget: Number
    final: Number
    rate: Number | None = None
    undefined_stated: bool = False
    budget_word: str = ""


@attrs.frozen(kw_only=True)
class ComparisonClaim(Claim):
    """A comparison word between two figures: “决算数小于年初预算数”.

    *word* is normalised to ``大于``, ``小于``, ``等于`` or ``约等于`` (基本持平/
    基本一致); *left* and *right*
    are the names compared; *left_value*/*right_value* are the figures the
    paragraph gives for them, when it does.

    >>> from govfin.narrative import extract
    >>> c = [c for c in extract("决算数与年初预算数一致。") if c.kind == "comparison"][0]
    >>> c.left, c.word, c.right
    ('决算数', '等于', '年初预算数')
    """

    word: str
    left: str
    right: str
    left_value: Number | None = None
    right_value: Number | None = None


@attrs.frozen(kw_only=True)
class CountClaim(Claim):
    """A count: “涉及项目8个”; *listed* holds the names enumerated before “等N个”.

    >>> from govfin.narrative import extract
    >>> c = extract("对“甲”“乙”等2个项目开展评价。")[0]
    >>> c.count.value, c.listed
    (Decimal('2'), ('甲', '乙'))
    """

    count: Number
    noun: str = ""
    listed: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class TotalClaim(Claim):
    r"""A total and the items listed after “其中”, which should add up to it.

    The items may sit in the same sentence or in the enumerated paragraphs
    that follow (“其中：\n1、…X万元；\n2、…Y万元”, “（一）…（二）…”, “主要用于以下
    方面：”); for a list of execution items (“年初预算为… 其中：1、…年初预算为…”)
    *what* names the figure summed (``年初预算`` or ``支出决算``), ``增减额`` for a
    change explained by the changes of its parts (“增加D万元，主要原因是A增加X万元、B减少
    Y万元”), ``结余`` for “金额X万元，实际支出Y万元，结余结转Z万元”; else it is ``""``.

    >>> from govfin.narrative import extract
    >>> claims = extract("支出3.00万元，其中甲1.00万元，乙2.00万元。")
    >>> t = [c for c in claims if c.kind == "total"][0]
    >>> t.total.value, [p.amount.value for p in t.parts]
    (Decimal('3.00'), [Decimal('1.00'), Decimal('2.00')])
    """

    total: Number
    parts: tuple[AmountClaim, ...]
    what: str = ""


@attrs.frozen(kw_only=True)
class YearClaim(Claim):
    """A year named in the prose, with its *relation* to the report's year.

    *relation* is ``"current"``, ``"previous"`` (与2023年相比) or ``"as_of"``
    (the date of a stock: 截至2024年12月31日).

    >>> from govfin.narrative import extract
    >>> claims = extract("2024年度支出与2023年相比持平。截至2024年12月31日，共有车辆0辆。")
    >>> [(c.year, c.relation) for c in claims if c.kind == "year"]
    [(2024, 'current'), (2023, 'previous'), (2024, 'as_of')]
    """

    year: int
    relation: str = "current"


@attrs.frozen(kw_only=True)
class ResidueClaim(Claim):
    """Template residue left in the text: “增加（减少）”, “XX”, “增长（降低）”.

    >>> from govfin.narrative import extract
    >>> [c.residue for c in extract("比上年增加（减少）XX万元。") if c.kind == "residue"]
    ['增加（减少）', 'XX']
    """

    residue: str


@attrs.frozen(kw_only=True)
class NameClaim(Claim):
    """A classification name printed in the prose, to be checked against the report's edition.

    *code* is the code the name belongs to in the edition that has it, *edition*
    that edition's year; *current* is the name of that code in the report's edition.

    >>> from govfin.narrative import Sentence
    >>> s = Sentence("医疗卫生与计划生育支出20.00万元。", 0, 20)
    >>> c = NameClaim(sentence=s, subject="医疗卫生与计划生育支出", start=0, end=11,
    ...               code="210", edition=2018, current="卫生健康支出")
    >>> c.kind, c.text
    ('name', '医疗卫生与计划生育支出')
    """

    code: str
    edition: int | None
    current: str
