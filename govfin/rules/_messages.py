"""Loader problems in Chinese, for the findings of ``GF-L001``.

The English message of a :class:`~govfin.report.Problem` becomes the Chinese
text the finding prints (the English stays in the finding's ``message_en``).

The loaders state problems in English (they are also the library's log);
:func:`problem_zh` translates each kind of message the loaders emit, with its
quoted values as 「…」 (an empty one as 「（无标题）」).  A message of an unknown
form is returned unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = ["problem_zh"]

_Q: Final = r"""(?P<{0}>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""


def _q(name: str) -> str:
    return _Q.format(name)


def _text(quoted: str) -> str:
    """A Python repr of a string as 「…」; an empty string says so."""
    inner = quoted[1:-1] if len(quoted) >= 2 and quoted[0] in "'\"" else quoted
    inner = inner.replace("\\n", " ").replace("\\'", "'").replace('\\"', '"').strip()
    return f"「{inner}」" if inner else "「（无标题）」"


def _fold(m: re.Match[str]) -> str:
    items = re.findall(r"'((?:[^'\\]|\\.)*)'", m.group("items"))
    shown = "、".join(f"「{i}」" for i in items) or "（空）"
    return f"嵌套表格的{m.group('n')}个单元格并入了上一行（{shown}）"


_Translator = Callable[[re.Match[str]], str]

_PATTERNS: Final[tuple[tuple[re.Pattern[str], _Translator], ...]] = tuple(
    (re.compile(pattern, re.DOTALL), translate)
    for pattern, translate in (
        (
            r"no unit caption; (?P<unit>\S+) assumed",
            lambda m: f"表头未注明金额单位，按{m['unit']}处理",
        ),
        (
            r"unknown unit in caption " + _q("cap"),
            lambda m: f"表头的单位说明{_text(m['cap'])}无法识别",
        ),
        (
            r"table not recognised: " + _q("t") + r"; kept as printed \((?P<n>\d+) rows\)",
            lambda m: f"表格{_text(m['t'])}未能识别为标准公开表，按原样保留（{m['n']}行）",
        ),
        (
            r"known table " + _q("t") + r" kept as printed \((?P<n>\d+) rows\), not checked",
            lambda m: (
                f"表格{_text(m['t'])}为已知的非标准公开表，按原样保留（{m['n']}行），未作检查"
            ),
        ),
        (
            r"column " + _q("c") + r": (?P<why>.*?): " + _q("v"),
            lambda m: f"{_text(m['c'])}列的{_text(m['v'])}无法读作金额",
        ),
        (
            r"header titles printed on the first data row were moved to the header",
            lambda m: "印在首个数据行的栏目标题已移回表头",
        ),
        (
            r"row " + _q("r") + r" printed more than once; kept as " + _q("k"),
            lambda m: f"行{_text(m['r'])}重复印出，另存为{_text(m['k'])}",
        ),
        (r"line " + _q("l") + r" not found", lambda m: f"未找到{_text(m['l'])}行"),
        (
            r"cannot tell the 收入 side from the 支出 side",
            lambda m: "无法区分收入栏与支出栏",
        ),
        (
            r"unknown column " + _q("c") + r" kept as " + _q("k"),
            lambda m: f"未知栏目{_text(m['c'])}，按原样保留为{_text(m['k'])}",
        ),
        (r"untitled column " + _q("k"), lambda m: f"无标题的栏目{_text(m['k'])}"),
        (r"missing column " + _q("c"), lambda m: f"缺少栏目{_text(m['c'])}"),
        (r"unexpected text " + _q("t"), lambda m: f"表中有无法归属的文字{_text(m['t'])}"),
        (r"unknown line " + _q("l"), lambda m: f"未知的行{_text(m['l'])}，按原样保留"),
        (
            r"lines read as one: " + _q("l") + r" \((?P<parts>.*)\)",
            lambda m: f"两行被读作一行{_text(m['l'])}（{m['parts']}），其数字未能核对",
        ),
        (r"row without a label", lambda m: "该行没有名称"),
        (
            r"(?P<n>\d+) cells of a nested table folded into the row above \((?P<items>.*)\)",
            _fold,
        ),
        (
            (
                r"formula (?P<f>.*) has no computed value; open and save the workbook "
                r"in a spreadsheet program so that it stores one"
            ),
            lambda m: f"公式{m['f']}没有计算结果：请在电子表格程序中打开并保存工作簿",
        ),
        (r"empty sheet skipped", lambda m: "跳过空工作表"),
        (
            (
                r"rotated text on page (?P<p>\d+) not read as a table: (?P<what>.*) "
                r"are left out of the table's cells"
            ),
            lambda m: f"第{m['p']}页的旋转文字未能读作表格：{m['what']}未计入表格单元格",
        ),
        (
            r"rotated text on page (?P<p>\d+) not read: (?P<what>.*) are left out",
            lambda m: f"第{m['p']}页的旋转文字未能读取：{m['what']}未计入",
        ),
        (
            (
                r"(?P<n>\d+) characters have no Unicode mapping in their font: "
                r"their text may be wrong"
            ),
            lambda m: f"{m['n']}个字符在其字体中没有Unicode映射，文字可能有误",
        ),
        (
            (
                r"text " + _q("t") + r" printed above the continuation of the table on page "
                r"(?P<p>\d+) could not be placed in its grid"
            ),
            lambda m: f"第{m['p']}页续表上方的文字{_text(m['t'])}无法归入表格",
        ),
        (
            r"a table title with no ruled grid under it: its content is kept as prose",
            lambda m: "表格标题下没有表格线，其内容按正文保留",
        ),
        (
            (
                r"the table continues with other column rules; its cells were "
                r"placed under the columns of the first page by position"
            ),
            lambda m: "续表的栏线与首页不同，其单元格已按位置归入首页各栏",
        ),
        (
            r"a row broken over two pages is read as one: (?P<parts>.*)",
            lambda m: f"跨页断开的一行已合并读取：{m['parts']}",
        ),
    )
)


def problem_zh(message: str) -> str:
    """The Chinese text of a loader problem's English *message* (unchanged if unknown).

    >>> problem_zh("no unit caption; 万元 assumed")
    '表头未注明金额单位，按万元处理'
    >>> problem_zh("table not recognised: ''; kept as printed (3 rows)")
    '表格「（无标题）」未能识别为标准公开表，按原样保留（3行）'
    >>> problem_zh("known table '项目支出表' kept as printed (4 rows), not checked")
    '表格「项目支出表」为已知的非标准公开表，按原样保留（4行），未作检查'
    >>> problem_zh("something new")
    'something new'
    """
    for pattern, translate in _PATTERNS:
        m = pattern.fullmatch(message)
        if m is not None:
            return translate(m)
    return message
