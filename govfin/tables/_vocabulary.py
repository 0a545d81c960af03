"""The words a printed report puts around its tables and over its sections, in one place.

Every loader (text, Excel, Word, PDF), binding and the narrative's extraction
read the same printed vocabulary; each pattern is written here once:

* the **table number** printed beside a title: ``公开01表``, ``表一``,
  ``公开表一``, ``附表3``, ``表1-2``, ``(表三)``;
* the **captions** between title and grid: ``单位：万元``, ``部门：…``,
  ``编制单位：…``, ``单位名称：…``;
* the **notes** under the grid: ``注：…``, ``说明：…``, ``（注1）``, ``本表…``;
* the **headings** of the text: ``第一部分``, ``一、``, ``（一）``, ``1.``, ``（1）``;
* the **contents** (目录): its heading and the dot leaders and page numbers of its
  entries.

>>> bool(TABLE_NUMBER_LINE_RE.match("公开01表")), bool(TABLE_NUMBER_LINE_RE.match("（表三）"))
(True, True)
>>> is_caption("编制单位：某某局"), is_caption("XX局      单位：万元"), is_caption("单位合计")
(True, True, False)
>>> bool(NOTE_RE.match("注：本表无数据")), bool(NOTE_RE.match("注意事项"))
(True, False)
>>> bool(SECTION_HEADING_RE.match("（二）支出")), bool(HEADING_RE.match("1.项目支出"))
(True, True)
>>> LEADER_RE.sub("", "一、收入决算情况说明 ……… 3")
'一、收入决算情况说明'
>>> LEADER_RE.sub("", "二、收入决算表 PAGEREF _Toc4418 h 22")
'二、收入决算表'
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "CAPTION_SPLIT_RE",
    "CONTENTS_RE",
    "DEPARTMENT_CAPTION_RE",
    "ENUMERATOR_RE",
    "HEADING_RE",
    "LEADER_RE",
    "NOTE_RE",
    "NUMBERED_RE",
    "SECTION_HEADING_RE",
    "STATED_UNIT_RE",
    "TABLE_NUMBER",
    "TABLE_NUMBER_LINE_RE",
    "TABLE_NUMBER_RE",
    "UNIT_CAPTION_RE",
    "is_caption",
]

_CN: Final = "[一二三四五六七八九十]+"
_PART: Final = rf"第{_CN}部分"
# A number 1–99 in Chinese numerals, no more: in 表二一般公共预算支出表 the 一 is the title's.
_CN_NUMBER: Final = "(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"

TABLE_NUMBER: Final = (
    r"(?:公开|预算|决算|附)?\s*"
    rf"(?:表\s*(?:[0-9０-９]+|{_CN_NUMBER})(?:\s*-\s*[0-9]+)?"
    r"|[0-9０-９]+(?:\s*-\s*[0-9]+)?\s*表)"
)
"""A table's printed number (``公开01表``, ``表一``, ``公开表一``, ``附表3``, ``表1-2``).

Unanchored, to be written into a pattern.  A Chinese number is read up to 99, so
that a title starting with 一 keeps it (``表二一般公共预算支出表``).
"""

TABLE_NUMBER_RE: Final = re.compile(rf"[（(]?{TABLE_NUMBER}[）)]?")
"""A table number, bracketed or not, anywhere in a text (to remove it from a title)."""

TABLE_NUMBER_LINE_RE: Final = re.compile(rf"^[（(]?{TABLE_NUMBER}[）)]?$")
"""A text (a line without spaces, a cell) that is nothing but a table number."""

_CAPTION_RE: Final = re.compile(
    r"^\s*(?:金额|编制|预算|填报|公开)?(?:单位名称|部门名称|单位|部门)\s*[:：]"
)
_CAPTION_AFTER_RE: Final = re.compile(r"\s(?:金额)?单位\s*[:：]")

UNIT_CAPTION_RE: Final = re.compile(r"(?<!编制)(?<!预算)(?<!填报)单位\s*[:：]\s*(\S+)")
"""The ``单位：万元`` caption (group 1 the unit).

Not ``编制单位：`` / ``预算单位：`` / ``填报单位：``, which name the publisher.
"""

STATED_UNIT_RE: Final = re.compile(r"单位\s*[:：]\s*(亿元|万元|千元|元)")
"""A ``单位：万元`` caption naming a unit of money, anywhere in a text (group 1 the unit)."""

DEPARTMENT_CAPTION_RE: Final = re.compile(
    r"^(?:编制)?(?:部门|单位名称|预算单位|编制单位)[:：]\s*(\S.*?)\s*$"
)
"""A caption naming the publisher (``部门：…``, ``编制单位：…``), group 1 its name."""

CAPTION_SPLIT_RE: Final = re.compile(r"(?:部门名称|编制单位|部门|单位)\s*[:：]")
"""Where the captions start in a line that runs a title on into them (to split them off)."""

NOTE_RE: Final = re.compile(
    r"^\s*(?:[（(]?(?:注|说明|备注|附注)\s*[0-9０-９一二三]*\s*(?:[:：.．、）)]|$)|本表)"
)
"""The start of a note under a table: ``注：``, ``说明：``, ``注1.``, ``（注）``, ``本表…``."""

_ENUMERATOR: Final = (
    r"(?:(?P<l1>[一二三四五六七八九十]+)\s*[、.．]|[（(](?P<l2>[一二三四五六七八九十]+)[）)]"
    r"|(?P<l3>\d+)\s*[、.．](?!\d)|[（(](?P<l4>\d+)[）)])"
)

ENUMERATOR_RE: Final = re.compile(rf"^\s*{_ENUMERATOR}")
"""A list or heading number at the start of a line, its level in the group that matched.

``一、`` (``l1``), ``（一）`` (``l2``), ``1.`` (``l3``), ``（1）`` (``l4``).
"""

HEADING_RE: Final = re.compile(
    rf"^\s*(?:{_PART}|{_CN}[、.．]|[（(][一二三四五六七八九十0-9]+[）)]"
    r"|[0-9]{1,2}\s*[、．]|[0-9]{1,2}\.(?![0-9]))"
)
"""A printed line that starts like a heading (page layout): ``第一部分``, ``一、``, ``4．``.

Unlike :data:`ENUMERATOR_RE` a figure may follow ``、`` or ``．`` (``4．2025年部门…表``,
an entry of a 目录), and only a one- or two-digit number counts.
"""

SECTION_HEADING_RE: Final = re.compile(rf"^(?:{_PART}|{_CN}、|[（(]{_CN}[）)])")
"""The number of a section of the narrative: ``第一部分``, ``一、``, ``（一）``."""

NUMBERED_RE: Final = re.compile(r"^\d+\s*[.．、]")
"""An arabic item number: ``1.``, ``2、`` (a note's second item, a contents entry)."""

CONTENTS_RE: Final = re.compile(r"^目\s*录$")
"""The heading of a table of contents (目录)."""

LEADER_RE: Final = re.compile(
    r"\s*PAGEREF\s+_Toc\d+(?:\s+\\?h)?(?:\s+\d+)?\s*$"
    r"|\s*(?:[.．·…⋯_]{2,}|…+|-{3,})\s*\d*\s*$|\s+\d+\s*$"
)
"""The dot leaders and page number ending a contents entry.

Also a Word page-reference field left in the text (``PAGEREF _Toc20349 \\h 22``).
"""


def is_caption(text: str) -> bool:
    """Whether *text* (NFKC, one line or cell) is a caption, or ends in a ``单位：`` caption."""
    return bool(_CAPTION_RE.match(text) or _CAPTION_AFTER_RE.search(text))
