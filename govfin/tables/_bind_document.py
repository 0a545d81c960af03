"""Binding a whole document: its set of tables, their continuations, its narrative and metadata.

A title left as prose is given back to its table, a table printed across
pages is joined, the narrative is cut into sections (the 目录 one section of
its own), and the report's department, region, year, kind and scope are
inferred from the captions, titles and cover.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Final

import attrs

from govfin.report import (
    Narrative,
    Problem,
    Provenance,
    Report,
    ReportKind,
    Scope,
    Section,
    Table,
)
from govfin.tables._bind_table import _header_rows, _is_code, _is_number, bind_table
from govfin.tables._vocabulary import (
    CAPTION_SPLIT_RE,
    CONTENTS_RE,
    DEPARTMENT_CAPTION_RE,
    LEADER_RE,
    NUMBERED_RE,
    SECTION_HEADING_RE,
    STATED_UNIT_RE,
)
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable
from govfin.tables.registry import recognise
from govfin.tables.schema import (
    normalise_title,
)


def _is_heading(text: str) -> bool:
    t = text.strip()
    if len(t) > 40 or t.endswith(("。", "；", "：", ":", ";")):
        return False
    return bool(SECTION_HEADING_RE.match(t))


def _entry_key(text: str) -> str:
    """A contents entry or heading without dot leaders, page number and spaces."""
    text = LEADER_RE.sub("", unicodedata.normalize("NFKC", text).strip())
    return re.sub(r"\s+", "", text)


def _is_entry(text: str) -> bool:
    """A line shaped like a contents entry: a heading, ``1.…``, or ending in leaders."""
    t = text.strip()
    return _is_heading(LEADER_RE.sub("", t)) or bool(NUMBERED_RE.match(t) or LEADER_RE.search(t))


def _is_contents_line(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(LEADER_RE.sub("", t)) <= 60 and not re.search(r"[。；;]", t)


_CONTENTS_MARK: Final = "录"
"""A character every 目录 heading holds as printed: no other character's NFKC form holds it.

So a paragraph without it is no 目录, and is not normalised to find out (most are long).
"""


def narrative_from_paragraphs(paragraphs: Sequence[RawParagraph]) -> Narrative:
    """Group paragraphs into sections under headings like ``一、…``, ``（一）…``, ``第三部分``.

    Text before the first heading is a section with an empty heading.  The
    entries of a contents list (after a ``目录`` line) are one section headed
    ``目录``, one entry a line, not empty sections of their own: the list ends
    where a listed heading recurs, or where body text begins (a title line just
    before the body text belongs to the body).

    >>> n = narrative_from_paragraphs([RawParagraph("一、收入决算情况说明"),
    ...                                RawParagraph("收入合计972.81万元。")])
    >>> n.find("收入决算").text
    '收入合计972.81万元。'
    >>> n = narrative_from_paragraphs([RawParagraph(t) for t in (
    ...     "目 录", "一、收入决算情况说明 ……… 3", "二、支出决算情况说明 ……… 4",
    ...     "一、收入决算情况说明", "收入合计972.81万元。")])
    >>> [s.heading for s in n.sections], n.find("收入决算").text
    (['目录', '一、收入决算情况说明'], '收入合计972.81万元。')
    """
    sections: list[Section] = []
    heading: str = ""
    prov: Provenance | None = None
    body: list[str] = []
    started = False
    contents: list[str] | None = None  # the entries, while reading a contents list
    listed: set[str] = set()
    for p in paragraphs:
        if contents is not None:
            key = _entry_key(p.text)
            if _is_heading(p.text) and key in listed:
                sections.append(Section("目录", "\n".join(contents), prov))
                contents = None
            elif _is_contents_line(p.text):
                contents.append(p.text.strip())
                if _is_entry(p.text):
                    listed.add(key)
                continue
            else:  # body text: the title lines just before it are the body's
                tail: list[str] = []
                while contents and not _is_entry(contents[-1]):
                    tail.insert(0, contents.pop())
                sections.append(Section("目录", "\n".join(contents), prov))
                contents = None
                heading, prov, body, started = "", p.provenance, [*tail, p.text], True
                continue
        if _CONTENTS_MARK in p.text and CONTENTS_RE.match(
            unicodedata.normalize("NFKC", p.text).strip()
        ):
            if started or body:
                sections.append(Section(heading, "\n".join(body), prov))
            heading, prov, body, started = "", p.provenance, [], False
            contents, listed = [], set()
        elif _is_heading(p.text):
            if started or body:
                sections.append(Section(heading, "\n".join(body), prov))
            heading, prov, body, started = p.text.strip(), p.provenance, [], True
        else:
            if not started and prov is None:
                prov = p.provenance
            body.append(p.text)
    if contents is not None:
        sections.append(Section("目录", "\n".join(contents), prov))
    elif started or body:
        sections.append(Section(heading, "\n".join(body), prov))
    return Narrative(tuple(sections))


_REGION_RE: Final = re.compile(
    r"^((?:[^省市区县旗州盟]{1,7}(?:省|自治区|特别行政区|市|自治州|州|盟|地区|区|县|旗))+)"
)
_YEAR_RE: Final = re.compile(r"(20[0-9]{2})\s*年")
_COVER_RE: Final = re.compile(
    r"^(?!第)(\S{2,40}?)\s*20[0-9]{2}\s*年度?\s*(?:部门|单位)?\s*(?:预算|决算)(?:公开)?$"
)


def _department(raw: RawDocument) -> str | None:
    found: Counter[str] = Counter()
    for t in raw.tables:
        for caption in t.captions:
            m = DEPARTMENT_CAPTION_RE.match(unicodedata.normalize("NFKC", caption).strip())
            if m and m.group(1) and "单位:" not in m.group(1):
                found[m.group(1)] += 1
    if found:
        return found.most_common(1)[0][0]
    for p in raw.paragraphs[:20]:  # a cover line: 上海市普陀区财政局2024年度部门决算
        m = _COVER_RE.match(unicodedata.normalize("NFKC", p.text).strip())
        if m:
            return m.group(1).strip()
    return None


def _year(raw: RawDocument) -> int | None:
    texts = [t.title for t in raw.tables] + [p.text for p in raw.paragraphs[:80]]
    found: Counter[int] = Counter()
    for text in texts:
        if ("决算" in text or "预算" in text) and len(text) <= 80:
            for m in _YEAR_RE.finditer(text):
                found[int(m.group(1))] += 1
    return found.most_common(1)[0][0] if found else None


def _kind(tables: Sequence[Table], raw: RawDocument) -> ReportKind:
    from govfin.tables.registry import get_schema  # noqa: PLC0415

    kinds = Counter(get_schema(t.schema).kind for t in tables if t.schema)
    if kinds:
        return kinds.most_common(1)[0][0]
    text = " ".join([t.title for t in raw.tables] + [p.text for p in raw.paragraphs[:20]])
    return ReportKind.BUDGET if text.count("预算") > text.count("决算") else ReportKind.FINAL


def _scope(raw: RawDocument) -> Scope:
    """单位 when the titles say 单位 (单位预算, 预算单位…) more often than 部门."""
    titles = [t.title for t in raw.tables if t.title]
    unit = sum("单位" in t for t in titles)
    dept = sum("部门" in t for t in titles)
    if unit == dept:  # the titles do not say: look at the headings
        heads = [p.text for p in raw.paragraphs[:30] if len(p.text) < 60]
        unit = sum(len(re.findall(r"单位(?:预算|决算)|预算单位", h)) for h in heads)
        dept = sum(len(re.findall(r"部门(?:预算|决算)", h)) for h in heads)
    return Scope.UNIT if unit > dept else Scope.DEPARTMENT


def _header_texts(rt: RawTable) -> list[str]:
    return [c.text for r in _header_rows(rt.rows[:6]) for c in r]


def _page(item: RawTable | RawParagraph) -> int | None:
    return item.provenance.page if item.provenance is not None else None


def _with_stray_titles(raw: RawDocument) -> list[RawTable]:
    """The tables, each with its title and unit caption where the loader left them as prose.

    A title that wraps (``…培训费支出预`` / ``算表``), or that shares its line with
    ``部门：…`` and ``单位：万元``, can reach binding as a paragraph of the table's
    page (or the end of the page before).  A table whose own title is not
    recognised takes the first such paragraph (alone, or joined to the printed
    fragment) that names a schema no other table of the document has; a unit
    caption on the same page comes with it.
    """
    tables = list(raw.tables)
    headers = [_header_texts(rt) for rt in tables]  # (each table's, read once)
    found = [
        recognise(rt.title or " ".join(rt.captions), header)
        for rt, header in zip(tables, headers, strict=True)
    ]
    taken = {s.id for s in found if s}
    first_on_page: set[int] = set()
    seen_pages: set[int | None] = set()
    for i, rt in enumerate(tables):
        if _page(rt) not in seen_pages:
            first_on_page.add(i)
            seen_pages.add(_page(rt))
    stray = [  # the tables that look for their title among the paragraphs
        i for i, rt in enumerate(tables) if _page(rt) is not None and found[i] is None
    ]
    pages = {_page(tables[i]) for i in stray} | {
        (_page(tables[i]) or 0) - 1 for i in stray if i in first_on_page
    }
    by_page: dict[int, list[str]] = {}  # (the paragraphs of those tables' pages only)
    for p in raw.paragraphs:
        page = _page(p)
        if page is not None and page in pages:
            by_page.setdefault(page, []).append(unicodedata.normalize("NFKC", p.text).strip())
    for i in stray:
        rt = tables[i]
        page = _page(rt)
        assert page is not None
        texts = list(reversed(by_page.get(page, [])))
        if i in first_on_page:
            texts += list(reversed(by_page.get(page - 1, [])[-3:]))
        for text in texts:
            head = CAPTION_SPLIT_RE.split(text)[0].strip()
            if not head or len(head) > 60:
                continue
            for title in (f"{head}{rt.title}", head):
                schema = recognise(title, headers[i])
                if schema is None or schema.id in taken:
                    continue
                captions = rt.captions
                if not any(STATED_UNIT_RE.search(c) for c in captions):
                    unit = next(
                        (
                            m.group(0)
                            for t in by_page.get(page, [])
                            if (m := STATED_UNIT_RE.search(t))
                        ),
                        None,
                    )
                    captions = (*captions, unit) if unit else captions
                tables[i] = attrs.evolve(rt, title=title, captions=captions)
                taken.add(schema.id)
                break
            else:
                continue
            break
    return tables


def _width(rt: RawTable) -> int:
    return max((len(r) for r in rt.rows), default=0)


def _recognised(rt: RawTable) -> bool:
    return recognise(rt.title or " ".join(rt.captions), _header_texts(rt)) is not None


def _join_continuations(tables: Sequence[RawTable]) -> tuple[list[RawTable], list[Problem]]:
    """Tables continued on the next page, joined to the table they continue.

    A table that is the first of its page, has as many columns as a recognised
    table ending the page before, and either repeats its title or is not
    recognised and has no caption, continues it: its rows (less a repeated
    header) are appended.  A "title" the loader
    took from the continued grid's first line is put back as a row when it
    splits into one text per column, else kept as a problem (never dropped).
    """
    out: list[RawTable] = []
    problems: list[Problem] = []
    last_page: int | None = None
    for rt in tables:
        page = _page(rt)
        first = page is not None and page != last_page
        last_page = page if page is not None else last_page
        prev = out[-1] if out else None
        repeated = (
            prev is not None
            and bool(normalise_title(rt.title))
            and normalise_title(rt.title) == normalise_title(prev.title)
        )
        if (
            prev is None
            or not first
            or page is None
            or _page(prev) is None
            or page - (_page(prev) or 0) != 1
            or (not repeated and (rt.captions or _recognised(rt)))
            or not _recognised(prev)
            or _width(rt) != _width(prev)
        ):
            out.append(rt)
            continue
        rows = list(rt.rows)
        header = [tuple(c.text for c in r) for r in prev.rows[:3]]
        while rows and tuple(c.text for c in rows[0]) in header:
            rows.pop(0)
        title = "" if repeated else rt.title.strip()
        if title:
            tokens = title.split()
            if len(tokens) == _width(prev) and any(_is_number(t) or _is_code(t) for t in tokens):
                rows.insert(0, tuple(RawCell(t, rt.provenance) for t in tokens))
            else:
                problems.append(
                    Problem(
                        f"text {title!r} printed above the continuation of the table on page "
                        f"{page} could not be placed in its grid",
                        "warning",
                        table=prev.title,
                        provenance=rt.provenance,
                    )
                )
        out[-1] = attrs.evolve(prev, rows=(*prev.rows, *rows), notes=(*prev.notes, *rt.notes))
    return out, problems


def bind_document(raw: RawDocument, *, strict: bool = False) -> Report:
    """Bind every table of a loaded document and build the :class:`~govfin.report.Report`.

    The department comes from the ``部门：`` captions, the year from the titles
    and headings, the kind (决算 / 预算) from the recognised tables, the scope
    (部门 / 单位) from the titles; the narrative from the paragraphs.  Problems
    of the loader and of binding are kept in :attr:`~govfin.report.Report.problems`.

    Raises:
        LoadError: in *strict* mode, at the first unreadable cell or missing column.
    """
    tables: list[Table] = []
    problems: list[Problem] = list(raw.problems)
    joined, notes = _join_continuations(_with_stray_titles(raw))
    problems.extend(notes)
    for rt in joined:
        table, found = bind_table(rt, strict=strict)
        tables.append(table)
        problems.extend(found)
    department = _department(raw)
    region = None
    if department:
        m = _REGION_RE.match(department)
        region = m.group(1) if m else None
    return Report(
        kind=_kind(tables, raw),
        tables=tuple(tables),
        department=department,
        region=region,
        year=_year(raw),
        scope=_scope(raw),
        narrative=narrative_from_paragraphs(raw.paragraphs),
        source=raw.source,
        problems=tuple(problems),
    )
