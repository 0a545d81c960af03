"""The HTML report: one self-contained page with the tables, their highlighted cells and the prose.

:func:`html` formats a report and the :class:`~govfin.rules.CheckResult` of
checking it as one HTML document that needs nothing else (style inline, no
script, no fonts or images fetched, works offline):

* a summary: document, department, year, kind, counts by severity and outcome;
* every table as published, each cell a finding involves highlighted by the
  finding's state (error, warning, rounding residue, not evaluated), with the
  message, expected, actual and difference on hover (``title``) and in the
  list beside the table; each highlighted cell links to its finding and each
  finding links back to its cells;
* the prose (情况说明) with every checked claim marked — verified, residue,
  wrong or not evaluated — and the value recomputed from the tables;
* the structure of expenditure (by 类, 基本/项目, 人员/公用) as inline SVG.

The page only formats findings: every highlight, state and figure comes from
the findings and the tables, never from a judgement made here.  Verified
claims are marked when the result keeps its passes
(``check(report, keep_passes=True)``); otherwise only the claims with findings
are.

>>> from govfin.io import load_example
>>> from govfin.rules import check
>>> report = load_example()
>>> page = html(report, check(report, keep_passes=True))
>>> page.startswith("<!DOCTYPE html>"), 'class="claim st-error' in page
(True, True)
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape
from itertools import zip_longest
from pathlib import Path
from typing import Final

import attrs

from govfin.render._html_chart import breakdowns, svg_breakdown
from govfin.render._html_css import CSS
from govfin.render._html_model import (
    Index,
    Mark,
    Place,
    build_index,
    cell_id,
    column_id,
    heading_id,
    rank,
    row_id,
    state_of,
    table_id,
    worst,
)
from govfin.report import Report, Row, Table
from govfin.rules import CheckResult, Finding, Location, Outcome, Severity

__all__ = ["document", "html", "write_html"]

STATE_LABELS: Final = {
    "error": "错误",
    "warning": "警告",
    "residue": "尾数误差",
    "info": "提示",
    "unchecked": "未能核对",
    "ok": "一致",
}
"""The Chinese label of each display state."""

CLAIM_LABELS: Final = {
    "error": "有误",
    "warning": "存疑",
    "residue": "尾数误差",
    "info": "提示",
    "unchecked": "未能核对",
    "ok": "核对一致",
}
"""How a claim of the prose is labelled in each state."""

_SYMBOL: Final = {
    "error": "✗",
    "warning": "!",
    "residue": "≈",
    "info": "i",
    "unchecked": "?",
    "ok": "✓",
}

_OUTCOME_LABELS: Final = {
    Outcome.EXACT: "一致 exact",
    Outcome.ROUNDING_RESIDUE: "尾数误差 rounding residue",
    Outcome.TRUNCATION_RESIDUE: "截尾误差 truncation residue",
    Outcome.INCONSISTENT: "不一致 inconsistent",
    Outcome.NOT_EVALUATED: "未能核对 not evaluated",
}

_SEVERITY_LABELS: Final = {
    Severity.ERROR: "错误 error",
    Severity.WARNING: "警告 warning",
    Severity.INFO: "提示 info",
}

_ROLES: Final = {
    "total": "合计",
    "part": "明细",
    "left": "左",
    "right": "右",
    "table": "表中数",
    "claim": "文中",
    "missing": "缺失",
}

_OFFLINE: Final = "本页自包含，不引用任何外部资源，可离线查看。"

_SIDES: Final = {"income": "收入", "expenditure": "支出"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:f}"


def _figures(finding: Finding) -> list[tuple[str, str]]:
    unit = finding.unit.value if finding.unit is not None else ""
    out: list[tuple[str, str]] = []
    if finding.expected is not None:
        out.append(("应为", f"{_num(finding.expected)}{unit}"))
    if finding.actual is not None:
        out.append(("实为", f"{_num(finding.actual)}{unit}"))
    if finding.difference is not None:
        out.append(("差额", f"{_num(finding.difference)}{unit}"))
    if finding.tolerance is not None:
        out.append(("容差", f"±{_num(finding.tolerance)}{unit}"))
    return out


def _tooltip(found: Sequence[tuple[str, Finding]]) -> str:
    """Plain text for a ``title`` attribute: each finding's state, rule, message and figures."""
    lines: list[str] = []
    for _, f in sorted(found, key=lambda item: -rank(state_of(item[1]))):
        lines.append(f"[{STATE_LABELS[state_of(f)]}] {f.rule} {f.message}")
        figs = "，".join(f"{k} {v}" for k, v in _figures(f))
        if figs:
            lines.append(f"    {figs}")
    return "\n".join(lines)


def _where_text(loc: Location) -> str:
    """The location in Chinese words (:meth:`~govfin.rules.Location.describe`) and its role."""
    role = f"（{_ROLES.get(loc.role or '', loc.role)}）" if loc.role else ""
    return f"{loc.describe('zh', file=False, width=40)}{role}"


def _finding_item(
    fid: str, finding: Finding, places: Sequence[Place | None], *, ref: bool = False
) -> str:
    state = state_of(finding)
    title = (
        f' <span class="rtitle" title="{_e(finding.title)}">{_e(finding.title_zh)}</span>'
        if finding.title
        else ""
    )
    head = (
        f'<span class="badge">{STATE_LABELS[state]}</span> <code>{_e(finding.rule)}</code>{title}'
    )
    if ref:
        return (
            f'<li class="ref st-{state}">{head} — <a href="#{fid}">详见</a>'
            f'<p class="fmsg">{_e(finding.message)}</p></li>'
        )
    links: list[str] = []
    last_table: str | None = None
    for loc, place in zip(finding.locations, places, strict=False):
        table = None if loc.kind == "narrative" else (loc.table_label or loc.table)
        if table and table == last_table:
            text = _e(_where_text(attrs.evolve(loc, table=None, table_label=None)))
        else:
            text = _e(_where_text(loc))
        last_table = table
        if place is not None and place.element:
            links.append(f'<a href="#{place.element}">{text}</a>')
        else:
            links.append(f"<span>{text}</span>")
    figs = "".join(f"<span><b>{k}</b>{_e(v)}</span>" for k, v in _figures(finding))
    parts = [
        f'<li id="{fid}" class="st-{state}">{head}',
        f'<p class="fmsg">{_e(finding.message)}</p>',
        f'<p class="figs">{figs}</p>' if figs else "",
        f'<p class="where">{" ".join(links)}</p>' if links else "",
        f'<p class="fnote">{_e(finding.note)}</p>' if finding.note else "",
        "</li>",
    ]
    return "".join(parts)


def _finding_list(items: Sequence[tuple[str, Finding]], index: Index, heading: str) -> str:
    shown = [(fid, f) for fid, f in items if state_of(f) != "unchecked"]
    hidden = [(fid, f) for fid, f in items if state_of(f) == "unchecked"]
    shown.sort(key=lambda item: -rank(state_of(item[1])))
    out = [f"<h3>{_e(heading)}（{len(items)}）</h3>"] if items else []
    if shown:
        out.append('<ol class="flist">')
        out.extend(_finding_item(fid, f, index.places[fid]) for fid, f in shown)
        out.append("</ol>")
    if hidden:
        out.append(f"<details><summary>未能核对 not evaluated（{len(hidden)}）</summary>")
        out.append('<ol class="flist">')
        out.extend(_finding_item(fid, f, index.places[fid]) for fid, f in hidden)
        out.append("</ol></details>")
    return "".join(out)


def _cell_html(
    element: str, text: str, classes: list[str], index: Index, *, head: bool = False
) -> str:
    tag = "th" if head else "td"
    found = index.elements.get(element)
    body = _e(text) if text.strip() else ""
    attrs_ = f' id="{element}"'
    if found:
        state = worst(state_of(f) for _, f in found)
        classes = [*classes, "hl", f"st-{state}"]
        if element in index.main:
            classes.append("main")
        target = max(found, key=lambda item: rank(state_of(item[1])))[0]
        shown = body or '<span class="blank">∅</span>'
        body = f'<a href="#{target}">{shown}</a>'
        ids = " ".join(i for i, _ in found)
        attrs_ += f' title="{_e(_tooltip(found))}" data-findings="{_e(ids)}"'
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f"<{tag}{attrs_}{cls}>{body}</{tag}>"


def _row_classes(row: Row) -> list[str]:
    classes: list[str] = []
    if row.level is not None:
        classes.append(f"lvl{row.level}")
    if row.key in ("total", "grand_total") or row.key.endswith((".total", ".grand_total")):
        classes.append("total")
    return classes


def _layout(rows: Iterable[Row]) -> tuple[bool, bool]:
    """Whether *rows* need a code column and a 行次 column."""
    listed = list(rows)
    return any(r.code for r in listed), any(r.line_no for r in listed)


def _head_cells(
    ti: int, table: Table, index: Index, *, layout: tuple[bool, bool], with_ids: bool
) -> list[str]:
    has_code, has_line = layout
    cells = []
    if has_code:
        cells.append("<th>科目编码</th><th>科目名称</th>")
    else:
        cells.append("<th>项目</th>")
    if has_line:
        cells.append("<th>行次</th>")
    for col in table.columns:
        if with_ids:
            cells.append(_cell_html(column_id(ti, col.key), col.title, [], index, head=True))
        else:
            cells.append(f"<th>{_e(col.title)}</th>")
    return cells


def _row_cells(
    ti: int, ri: int, row: Row, table: Table, index: Index, *, layout: tuple[bool, bool]
) -> list[str]:
    has_code, has_line = layout
    out: list[str] = []
    if has_code:
        out.append(f'<td class="code">{_e(row.code or "")}</td>')
    out.append(f'<td class="label">{_e(row.label)}</td>')
    if has_line:
        out.append(f'<td class="code">{_e(row.line_no or "")}</td>')
    for col in table.columns:
        cell = row.cells.get(col.key)
        text = cell.text if cell is not None else ""
        classes = ["num"] if col.precision is not None else []
        out.append(_cell_html(cell_id(ti, ri, col.key), text, classes, index))
    return out


def _tr(ti: int, ri: int, row: Row, cells: Iterable[str], index: Index) -> str:
    element = row_id(ti, ri)
    classes = _row_classes(row)
    found = index.elements.get(element)
    extra = ""
    if found:
        classes += ["hl", f"st-{worst(state_of(f) for _, f in found)}"]
        extra = f' title="{_e(_tooltip(found))}"'
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f'<tr id="{element}"{cls}{extra}>{"".join(cells)}</tr>'


def _table_body(ti: int, table: Table, index: Index) -> str:
    sides: list[str] = []
    for row in table.rows:
        if row.side is not None and row.side not in sides:
            sides.append(row.side)
    if len(sides) < 2:
        layout = _layout(table.rows)
        head = "".join(_head_cells(ti, table, index, layout=layout, with_ids=True))
        rows = [
            _tr(ti, ri, row, _row_cells(ti, ri, row, table, index, layout=layout), index)
            for ri, row in enumerate(table.rows)
        ]
        return f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
    groups: dict[str, list[tuple[int, Row]]] = {side: [] for side in sides}
    current = sides[0]
    for ri, row in enumerate(table.rows):
        current = row.side or current
        groups[current].append((ri, row))
    layouts = [_layout(r for _, r in groups[s]) for s in sides]
    widths = [1 + int(c) + int(n) + len(table.columns) for c, n in layouts]
    gap = '<th class="side-gap"></th>'
    top = gap.join(
        f'<th colspan="{w}">{_e(_SIDES.get(s, s))}</th>' for s, w in zip(sides, widths, strict=True)
    )
    heads = gap.join(
        "".join(_head_cells(ti, table, index, layout=layouts[k], with_ids=k == 0))
        for k in range(len(sides))
    )
    body: list[str] = []
    for pair in zip_longest(*(groups[s] for s in sides)):
        cells: list[str] = []
        for k, item in enumerate(pair):
            if k:
                cells.append('<td class="side-gap"></td>')
            if item is None:
                cells.append("<td></td>" * widths[k])
                continue
            ri, row = item
            cells.extend(_side_cells(ti, ri, row, table, index, layout=layouts[k]))
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f"<thead><tr>{top}</tr><tr>{heads}</tr></thead><tbody>{''.join(body)}</tbody>"


def _side_cells(
    ti: int, ri: int, row: Row, table: Table, index: Index, *, layout: tuple[bool, bool]
) -> list[str]:
    """A row's cells in a two-sided table; the row's id and classes go on its label cell."""
    cells = _row_cells(ti, ri, row, table, index, layout=layout)
    element = row_id(ti, ri)
    found = index.elements.get(element)
    pos = 1 if layout[0] else 0
    classes = ["label", *_row_classes(row)]
    extra = ""
    if found:
        classes += ["hl", f"st-{worst(state_of(f) for _, f in found)}"]
        extra = f' title="{_e(_tooltip(found))}"'
    cells[pos] = cells[pos].replace(
        '<td class="label">', f'<td id="{element}" class="{" ".join(classes)}"{extra}>', 1
    )
    return cells


def _table_section(ti: int, table: Table, index: Index) -> str:
    element = table_id(ti)
    found = index.elements.get(element)
    cls = "tbl"
    title_attr = ""
    if found:
        cls += f" hl st-{worst(state_of(f) for _, f in found)}"
        title_attr = f' title="{_e(_tooltip(found))}"'
    caption = [f"单位：{table.unit.value}"]
    if table.schema:
        caption.append(table.schema)
    prov = table.provenance
    if prov is not None and prov.sheet:
        caption.append(f"工作表 {prov.sheet}")
    if prov is not None and prov.page is not None:
        caption.append(f"第{prov.page}页")
    elif prov is not None and prov.line is not None:
        caption.append(f"第{prov.line}行")
    notes = "".join(f'<p class="fnote">{_e(n)}</p>' for n in table.notes)
    home = index.at_home("table", ti)
    refs = index.touching(ti)
    aside = _finding_list(home, index, "本表的发现")
    if refs:
        aside += f'<h3>涉及本表的其他发现（{len(refs)}）</h3><ol class="flist">'
        aside += "".join(_finding_item(fid, f, index.places[fid], ref=True) for fid, f in refs)
        aside += "</ol>"
    if not aside:
        aside = '<p class="fnote">本表没有发现问题。</p>'
    counts = _state_counts(f for _, f in home + refs)
    return (
        f'<section id="{element}" class="{cls}"{title_attr}>'
        f"<h2>{_e(table.label or '（未识别的表）')} {counts}</h2>"
        f'<div class="layout"><div><div class="scroll"><table class="pub">'
        f"<caption>{_e('，'.join(caption))}</caption>{_table_body(ti, table, index)}"
        f"</table></div>{notes}</div>"
        f'<aside class="findings">{aside}</aside></div></section>'
    )


def _state_counts(findings: Iterable[Finding]) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        state = state_of(f)
        counts[state] = counts.get(state, 0) + 1
    return " ".join(
        f'<span class="badge st-{s}">{STATE_LABELS[s]} {counts[s]}</span>'
        for s in ("error", "warning", "residue")
        if counts.get(s)
    )


def _verdict(fid: str, finding: Finding) -> str:
    state = state_of(finding)
    value = (
        f"{'应为' if state in ('error', 'warning') else ''}{_num(finding.expected)}"
        if finding.expected is not None
        else CLAIM_LABELS[state]
    )
    text = f"{_SYMBOL[state]} {value}"
    tip = _e(f"[{CLAIM_LABELS[state]}] {finding.rule} {finding.message}")
    if fid.startswith("f"):
        return f'<a class="v st-{state}" href="#{fid}" title="{tip}">{_e(text)}</a>'
    return f'<span class="v st-{state}" title="{tip}">{_e(text)}</span>'


def _mark_html(text: str, mark: Mark) -> str:
    state = mark.state
    found = mark.findings
    tip = "\n".join(f"[{CLAIM_LABELS[state_of(f)]}] {f.rule} {f.message}" for _, f in found)
    badges = "".join(
        _verdict(fid, f) for fid, f in sorted(found, key=lambda item: -rank(state_of(item[1])))
    )
    return (
        f'<mark id="{mark.element}" class="claim st-{state}" title="{_e(tip)}" '
        f'data-findings="{_e(" ".join(fid for fid, _ in found))}">'
        f'{_e(text[mark.start : mark.end])}</mark><sup class="verdicts">{badges}</sup>'
    )


def _heading_mark(element: str, heading: str, found: Sequence[tuple[str, Finding]]) -> str:
    state = worst(state_of(f) for _, f in found)
    tip = "\n".join(f"[{CLAIM_LABELS[state_of(f)]}] {f.rule} {f.message}" for _, f in found)
    badges = "".join(_verdict(fid, f) for fid, f in found)
    ids = " ".join(fid for fid, _ in found)
    return (
        f'<mark id="{element}" class="claim st-{state}" title="{_e(tip)}" '
        f'data-findings="{_e(ids)}">{heading}</mark><sup class="verdicts">{badges}</sup>'
    )


def _narrative(report: Report, index: Index) -> str:
    parts: list[str] = []
    for si, section in enumerate(report.narrative.sections):
        marks = index.marks.get(si, [])
        text = section.text
        pos = 0
        body: list[str] = []
        for mark in marks:
            body.append(_e(text[pos : mark.start]))
            body.append(_mark_html(text, mark))
            pos = mark.end
        body.append(_e(text[pos:]))
        heading = _e(section.heading) if section.heading else "（无标题）"
        on_heading = index.elements.get(heading_id(si))
        if on_heading:
            heading = _heading_mark(heading_id(si), heading, on_heading)
        prose = f'<div class="prose">{"".join(body)}</div>' if text.strip() else ""
        if marks or on_heading:
            states = [m.state for m in marks]
            states += [worst(state_of(f) for _, f in on_heading)] if on_heading else []
            counts = " ".join(
                f'<span class="badge st-{s}">{CLAIM_LABELS[s]} {states.count(s)}</span>'
                for s in ("error", "warning", "residue", "unchecked", "ok")
                if s in states
            )
            parts.append(f'<section id="s{si}"><h3>{heading} {counts}</h3>{prose}</section>')
        elif section.text.strip():
            parts.append(
                f'<section id="s{si}"><details><summary>{heading}</summary>{prose}</details>'
                "</section>"
            )
    return "".join(parts)


def _summary(report: Report, result: CheckResult, index: Index) -> str:
    s = result.summary
    kind = f"{report.scope.value}{report.kind.value}"
    meta = [
        ("文件", report.source or result.source or "—"),
        ("部门", report.department or "—"),
        ("地区", report.region or "—"),
        ("年度", str(report.year) if report.year else "—"),
        ("类型", kind),
        ("表格", f"{len(report.tables)} 张"),
        ("规则", f"{s.rules_run} 条已运行"),
    ]
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in meta)
    sev = "".join(
        f'<li class="st-{state}"><span class="badge">{_e(label)}</span> '
        f"<b>{s.by_severity.get(sev.value, 0)}</b></li>"
        for sev, label, state in (
            (Severity.ERROR, _SEVERITY_LABELS[Severity.ERROR], "error"),
            (Severity.WARNING, _SEVERITY_LABELS[Severity.WARNING], "warning"),
            (Severity.INFO, _SEVERITY_LABELS[Severity.INFO], "info"),
        )
    )
    out = "".join(
        f"<li>{_e(label)} <b>{s.by_outcome.get(o.value, 0)}</b></li>"
        for o, label in _OUTCOME_LABELS.items()
    )
    key = "".join(
        f'<li><span class="badge st-{st}">{STATE_LABELS[st]}</span></li>'
        for st in ("error", "warning", "residue", "unchecked", "ok")
    )
    return (
        f'<dl class="meta">{dl}</dl>'
        f'<p>按严重程度 by severity：</p><ul class="counts" id="by-severity">{sev}</ul>'
        f'<p>按核对结果 by outcome：</p><ul class="counts" id="by-outcome">{out}</ul>'
        f'<p class="fnote">颜色 key：</p><ul class="legend-key">{key}</ul>'
    )


def _toc(report: Report, index: Index, charts: bool) -> str:
    items = []
    for ti, table in enumerate(report.tables):
        home = index.at_home("table", ti)
        items.append(
            f'<li><a href="#{table_id(ti)}">{_e(table.label or "（未识别的表）")}</a> '
            f"{_state_counts(f for _, f in home + index.touching(ti))}</li>"
        )
    items.append('<li><a href="#narrative">情况说明</a></li>')
    if charts:
        items.append('<li><a href="#structure">支出结构</a></li>')
    return f'<nav class="toc"><h2>目录</h2><ol>{"".join(items)}</ol></nav>'


def _version() -> str:
    try:
        from govfin import __version__  # noqa: PLC0415 - optional attribute

        return str(__version__)
    except ImportError:  # pragma: no cover - the package always defines it
        return ""


def _heading(report: Report, source: str | None = None) -> str:
    who = report.department or Path(source or report.source or "").name
    year = f"{report.year}年度" if report.year else ""
    return f"{who} {year}{report.scope.value}{report.kind.value} · 检查报告".strip()


def _report_body(report: Report, result: CheckResult, heading: str) -> str:
    """The header and main content of one report (element ids unprefixed)."""
    index = build_index(report, result.findings, result.passes)
    figures = [svg_breakdown(b, k) for k, b in enumerate(breakdowns(report))]
    figures = [f for f in figures if f]
    tables = "".join(_table_section(ti, t, index) for ti, t in enumerate(report.tables))
    general = index.at_home("report")
    narrative_list = _finding_list(index.at_home("narrative"), index, "情况说明的发现")
    chart = (
        f'<section id="structure"><h2>支出结构</h2>{"".join(figures)}</section>' if figures else ""
    )
    body = [
        f'<header class="top"><h1>{_e(heading)}</h1>{_summary(report, result, index)}</header>',
        "<main>",
        _toc(report, index, bool(figures)),
        (
            '<section id="general"><h2>全文性发现</h2>'
            f"{_finding_list(general, index, '不指向具体表格或文字的发现')}</section>"
            if general
            else ""
        ),
        tables,
        '<section id="narrative"><h2>情况说明</h2>',
        '<div class="layout"><div>',
        _narrative(report, index) or '<p class="fnote">本报告没有文字说明。</p>',
        "</div>",
        f'<aside class="findings">{narrative_list or "<p>情况说明没有发现问题。</p>"}</aside>',
        "</div></section>",
        chart,
        "</main>",
    ]
    return "\n".join(part for part in body if part)


def _page(title: str, body: str) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="govfin">',
            f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
            body,
            f"<footer>govfin {_e(_version())} 生成。{_OFFLINE}</footer>",
            "</body></html>",
        ]
    )


_ID_ATTR: Final = re.compile(r'(\sid="|\shref="#)')
_DATA_ATTR: Final = re.compile(r'data-findings="([^"]*)"')


def _prefixed(body: str, prefix: str) -> str:
    """*body* with every element id (and every link to one) prefixed.

    Safe because every text and attribute value of the page is escaped, so
    ``id="`` and ``href="#`` occur only as the attributes written here.
    """
    body = _ID_ATTR.sub(lambda m: m.group(1) + prefix, body)
    return _DATA_ATTR.sub(
        lambda m: 'data-findings="' + " ".join(prefix + i for i in m.group(1).split()) + '"', body
    )


def html(report: Report, result: CheckResult, *, title: str | None = None) -> str:
    """The report and its findings as one self-contained HTML page.

    Args:
        report: the checked report (its tables and prose are shown as published).
        result: what :func:`govfin.rules.check` found in *report*; pass
            ``keep_passes=True`` to that call to have verified claims marked too.
        title: the page title (default: department, year and kind).

    Returns:
        The HTML document, UTF-8 text with its style inline and no reference
        to anything outside the page.
    """
    heading = title or _heading(report)
    return _page(heading, _report_body(report, result, heading))


def document(
    items: Sequence[tuple[Report, CheckResult]],
    *,
    sources: Sequence[str] | None = None,
    title: str | None = None,
) -> str:
    """Several reports and their findings in one self-contained HTML page.

    One report gives the same page as :func:`html`; several give a list of
    the reports with their counts, then each report in turn (its element ids
    prefixed ``r1-``, ``r2-`` … so that every link stays within its report).

    Args:
        items: ``(report, result)`` pairs, in the order to show them.
        sources: a display name for each report (default: its source file).
        title: the page title.

    >>> from govfin.io import load_example
    >>> from govfin.rules import check
    >>> r = load_example()
    >>> page = document([(r, check(r)), (r, check(r))], sources=["a", "b"])
    >>> 'id="r2-t0"' in page and 'href="#r2-t0"' in page
    True
    """
    names = list(sources) if sources is not None else [r.source or "" for r, _ in items]
    if len(items) == 1:
        report, result = items[0]
        heading = title or _heading(report, names[0])
        return _page(heading, _report_body(report, result, heading))
    heading = title or f"{len(items)} 份报告 · 检查报告"
    entries: list[str] = []
    bodies: list[str] = []
    for k, ((report, result), name) in enumerate(zip(items, names, strict=True), 1):
        prefix = f"r{k}-"
        s = result.summary
        entries.append(
            f'<li><a href="#{prefix}report">{_e(_heading(report, name))}</a> '
            f"<code>{_e(name)}</code> 错误 {s.errors}，警告 {s.warnings}，提示 {s.infos}</li>"
        )
        body = _report_body(report, result, _heading(report, name))
        bodies.append(f'<article id="{prefix}report">{_prefixed(body, prefix)}</article>')
    top = (
        f'<header class="top"><h1>{_e(heading)}</h1><ol class="reports">{"".join(entries)}</ol>'
        "</header>"
    )
    return _page(heading, top + "".join(bodies))


def write_html(
    report: Report, result: CheckResult, path: str | os.PathLike[str], *, title: str | None = None
) -> Path:
    """Write :func:`html` of *report* and *result* to *path* (UTF-8); return the path.

    Args:
        report: the checked report.
        result: its check result.
        path: where to write the page.
        title: the page title (see :func:`html`).
    """
    out = Path(path)
    out.write_text(html(report, result, title=title), encoding="utf-8")
    return out
